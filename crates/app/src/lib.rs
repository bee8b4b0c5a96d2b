//! Duty Ledger (责任分工台账) in the browser: the thin shell over `web_sys` ([`browser`]) and
//! the Leptos components ([`ui`]). Everything that decides lives in the core crate
//! (`duty_ledger`); its modules are re-exported here under their own names, so the shell and
//! the UI read `crate::ledger`, `crate::plan`, … as one vocabulary.

pub use duty_ledger::{
    describe, evidence, exchange, filter, foundation, i18n, ledger, plan, profile, report, route,
    trust, vault,
};

pub mod browser;
pub mod ui;
