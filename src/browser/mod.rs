//! The thin shell around the browser: everything here touches `web_sys`; nothing here decides.

pub mod location;
