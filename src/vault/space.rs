//! Room and safety: whether an import fits in what the browser grants, and when to remind
//! the user that an exported file is their backup.

use super::record_value;
use crate::foundation::time::Stamp;
use crate::ledger::{DeviceId, Event, Ledger};

/// Bytes a stored record takes beyond its text: key, log entry, the database's own
/// bookkeeping (measured in Chromium: see `tests/web/bench/storage.mjs`).
pub const RECORD_OVERHEAD: u64 = 96;

/// What `navigator.storage.estimate()` said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    pub usage: u64,
    pub quota: u64,
}

impl Estimate {
    pub fn free(self) -> u64 {
        self.quota.saturating_sub(self.usage)
    }
}

/// Not enough room: how much is needed and how much is free, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortfall {
    pub needed: u64,
    pub free: u64,
}

/// The room `events` will take once stored: their text as UTF-16 (the conservative case of
/// how browsers keep strings) plus [`RECORD_OVERHEAD`] each.
pub fn bytes_needed<'a>(events: impl IntoIterator<Item = &'a Event>) -> u64 {
    events
        .into_iter()
        .map(|e| {
            let text = record_value(e);
            2 * text.chars().map(|c| c.len_utf16() as u64).sum::<u64>() + RECORD_OVERHEAD
        })
        .sum()
}

/// Whether `needed` bytes fit. Without an estimate (an older browser) the write is tried, and
/// a failure is reported then.
pub fn fits(needed: u64, estimate: Option<Estimate>) -> Result<(), Shortfall> {
    match estimate {
        Some(e) if needed > e.free() => Err(Shortfall {
            needed,
            free: e.free(),
        }),
        _ => Ok(()),
    }
}

/// Days after which an unexported record earns a reminder.
pub const REMIND_AFTER_DAYS: i64 = 7;

/// Whether to remind the user to export: they recorded on this device since their last
/// export, and that export is more than [`REMIND_AFTER_DAYS`] old. With no export yet, the
/// reminder comes once their first record is that old.
pub fn export_reminder(
    ledger: &Ledger,
    device: DeviceId,
    last_export: Option<Stamp>,
    now: Stamp,
) -> bool {
    let own_since = ledger
        .events()
        .filter(|e| e.device == device)
        .filter(|e| last_export.is_none_or(|x| e.at.utc_ms > x.utc_ms))
        .map(|e| e.at.utc_ms)
        .min();
    let Some(first_unexported) = own_since else {
        return false;
    };
    let since = last_export.map_or(first_unexported, |x| x.utc_ms);
    now.utc_ms - since > REMIND_AFTER_DAYS * 24 * 60 * 60 * 1000
}
