//! 佐证材料: photos and documents attached to notes, decided in plain Rust.
//!
//! - [`sniff`]: what a file is, by its bytes.
//! - [`intake`]: taking a picked file in: the size limit, the name, the kind, and what happens
//!   to a photo (made smaller in the browser, the right way up, its location removed unless
//!   kept).
//! - [`jpeg`] and [`exif`]: a JPEG's segments and its EXIF block (orientation, location).
//! - [`kept`]: the files on this device: what to store, what is missing, what the user may
//!   remove, what no record names.
//! - [`message`]: all of it in the user's language.
//!
//! What a record says about a file (its hash, name, type and size) and the rules of that are
//! the ledger's ([`crate::ledger::attachment`]); carrying the bytes in an exchange file is the
//! exchange's (`exchange::attached`).

pub mod exif;
pub mod intake;
pub mod jpeg;
pub mod kept;
pub mod message;
pub mod sniff;

use crate::ledger::Ledger;
use crate::ledger::attachment::Attachment;
use crate::ledger::view::note_threads;
use crate::plan::{TaskId, UnitId};

/// The files of a unit's notes on a task as they stand (the current revision of each note not
/// deleted), each once, oldest note first: the evidence the office looks at.
pub fn files_of(ledger: &Ledger, task: TaskId, unit: UnitId) -> Vec<&Attachment> {
    let threads = note_threads(ledger, task);
    let mut seen = std::collections::BTreeSet::new();
    threads
        .into_iter()
        .filter(|t| t.unit == unit && !t.is_deleted())
        .flat_map(|t| t.current().attachments.iter())
        .filter(|f| seen.insert(f.sha256))
        .collect()
}
