//! The thin shell around the browser: everything here touches `web_sys`; nothing here decides.

pub mod channel;
pub mod checker;
pub mod clock;
pub mod device_keys;
pub mod device_storage;
pub mod download;
pub mod files;
pub mod files_db;
pub mod idb;
pub mod ledger_db;
pub mod location;
pub mod perf;
pub mod photo;
pub mod plans;
pub mod service_worker;
pub mod storage;
pub mod table_input;
