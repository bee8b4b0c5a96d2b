//! The thin shell around the browser: everything here touches `web_sys`; nothing here decides.

pub mod clock;
pub mod download;
pub mod files;
pub mod ledger_storage;
pub mod location;
pub mod perf;
pub mod service_worker;
pub mod storage;
