//! Duty Ledger (责任分工台账), the core: a year's responsibility table as a plan, the ledger of
//! progress records, what makes them trustworthy, exchange files, where they are kept, and
//! the reports, all in plain Rust with no browser types (the browser shell and the UI are the
//! `duty-ledger-app` crate in `crates/app`).
//!
//! Layers point one way: [`foundation`] → [`plan`] → [`ledger`] → [`trust`] → [`evidence`] →
//! [`exchange`], [`vault`], [`report`]; [`i18n`] and [`describe`] put every state into words.

pub mod describe;
pub mod evidence;
pub mod exchange;
pub mod filter;
pub mod foundation;
pub mod i18n;
pub mod ledger;
pub mod plan;
pub mod profile;
pub mod report;
pub mod route;
pub mod trust;
pub mod vault;
