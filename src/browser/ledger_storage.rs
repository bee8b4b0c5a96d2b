//! Where the ledger lives in localStorage: one base document, plus one small "tail" per open
//! tab holding the records that tab added since it last folded them into the base.
//!
//! A save writes only the tab's tail, so it stays fast however large the ledger grows; the
//! base is rewritten ("folded") when a tail grows large, when a tab starts (taking in the tails
//! of tabs that have closed), and after an undo. Tabs never write each other's tails, so two
//! tabs saving at once cannot overwrite each other's records.

use super::storage::{self, LEDGER_KEY, StorageError};
use crate::ledger::document::{self, LoadProblem};
use crate::ledger::{Event, Ledger};

/// Tails are `duty-ledger:ledger:tail:<tab token>`.
pub const TAIL_PREFIX: &str = "duty-ledger:ledger:tail:";

pub fn tail_key(token: &str) -> String {
    format!("{TAIL_PREFIX}{token}")
}

pub fn is_tail(key: &str) -> bool {
    key.starts_with(TAIL_PREFIX)
}

/// A stored document that could not be read in full.
pub struct Unread {
    pub key: String,
    pub raw: String,
    pub problem: LoadProblem,
}

/// Everything stored: base and tails merged.
pub struct Loaded {
    pub ledger: Ledger,
    /// The tails that were read cleanly (they can be folded and removed).
    pub tails: Vec<String>,
    pub unread: Vec<Unread>,
}

/// Reads one stored document, reporting what could not be read.
pub fn read_document(key: &str) -> Result<(Ledger, Option<Unread>), StorageError> {
    let Some(raw) = storage::read(key)? else {
        return Ok((Ledger::new(), None));
    };
    let restored = document::restore(&raw);
    let unread = restored.problem.map(|problem| Unread {
        key: key.to_string(),
        raw,
        problem,
    });
    Ok((restored.ledger, unread))
}

/// The base and every tab's tail, merged.
pub fn load() -> Loaded {
    let mut loaded = Loaded {
        ledger: Ledger::new(),
        tails: Vec::new(),
        unread: Vec::new(),
    };
    let keys =
        std::iter::once(LEDGER_KEY.to_string()).chain(storage::keys_with_prefix(TAIL_PREFIX));
    for key in keys {
        if let Ok((ledger, unread)) = read_document(&key) {
            loaded.ledger.merge(&ledger);
            match unread {
                Some(unread) => loaded.unread.push(unread),
                None if is_tail(&key) => loaded.tails.push(key),
                None => {}
            }
        }
    }
    loaded
}

/// Writes the whole ledger as the base document; returns the bytes it takes.
pub fn write_base(ledger: &Ledger) -> Result<usize, StorageError> {
    let json = document::to_json(ledger);
    storage::write(LEDGER_KEY, &json)?;
    Ok(storage::key_bytes(LEDGER_KEY, &json))
}

/// Writes a tab's tail (or removes it when empty); returns the bytes it takes.
pub fn write_tail<'a>(
    key: &str,
    events: impl Iterator<Item = &'a Event>,
) -> Result<usize, StorageError> {
    let tail: Ledger = events.cloned().collect();
    if tail.is_empty() {
        storage::remove(key);
        return Ok(0);
    }
    let json = document::to_json(&tail);
    storage::write(key, &json)?;
    Ok(storage::key_bytes(key, &json))
}
