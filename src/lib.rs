//! Duty Ledger (责任分工台账): the Futian District 2023 food-safety responsibility table as an
//! offline progress ledger.
//!
//! The pure core (`plan`, `ledger`, `profile`, `filter`, `route`, `i18n`, `report`) has no
//! browser types and is tested natively; `browser` is the thin shell over `web_sys`; `ui`
//! holds the Leptos components.

pub mod browser;
pub mod describe;
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
pub mod ui;
pub mod vault;
