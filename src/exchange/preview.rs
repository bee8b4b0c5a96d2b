//! What applying a validated file would change, before anything is applied; and applying a
//! batch of files as one step.

use std::collections::{BTreeMap, BTreeSet};

use super::{ExchangeFile, ImportError};
use crate::ledger::{Change, Event, EventId, Ledger};
use crate::plan::UnitId;

/// The records of one file against what is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub new_notes: usize,
    pub note_edits: usize,
    pub note_deletions: usize,
    pub status_changes: usize,
    pub figures: usize,
    /// The office's answers to 需协调 (协调意见).
    pub coordinations: usize,
    /// Records this device already holds.
    pub already_present: usize,
    /// Units whose records are new.
    pub units: BTreeSet<UnitId>,
}

impl Preview {
    pub fn new_records(&self) -> usize {
        self.new_notes
            + self.note_edits
            + self.note_deletions
            + self.status_changes
            + self.figures
            + self.coordinations
    }
}

/// Compares a file with the stored ledger. A record under a stored id with other content
/// means the file was edited or forged: the file is rejected, since no file may change a
/// record that exists.
pub fn preview(stored: &Ledger, file: &ExchangeFile) -> Result<Preview, ImportError> {
    let mut preview = Preview::default();
    for event in file.records.events() {
        match stored.get(&event.id) {
            Some(existing) if existing == event => {
                preview.already_present += 1;
                continue;
            }
            Some(_) => return Err(ImportError::ConflictsWithStored { id: event.id }),
            None => {}
        }
        preview.units.insert(event.unit);
        match &event.change {
            Change::Status { .. } => preview.status_changes += 1,
            Change::Note { note, .. } if *note == event.id => preview.new_notes += 1,
            Change::Note { .. } => preview.note_edits += 1,
            Change::NoteDeleted { .. } => preview.note_deletions += 1,
            Change::Figure { .. } => preview.figures += 1,
            Change::Coordination { .. } => preview.coordinations += 1,
        }
    }
    Ok(preview)
}

/// What a file's attached files would change on this device.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilesPreview {
    /// Files whose bytes it carries.
    pub carried: usize,
    /// Carried files not yet here: kept when the file is applied.
    pub new: Vec<crate::foundation::digest::Digest>,
    /// Files its records name that neither it nor this device has (附件未随文件提供).
    pub missing: usize,
    /// Carried files the user removed from this device: not brought back.
    pub removed: usize,
}

/// The attached files of `file` against the files on this device.
pub fn files_preview(
    file: &ExchangeFile,
    catalogue: &crate::evidence::kept::Catalogue,
) -> FilesPreview {
    let arrival = crate::evidence::kept::arrival(catalogue, &file.carried);
    let missing = crate::evidence::kept::named_by(file.records.events())
        .into_iter()
        .filter(|f| !file.carried.contains(&f.sha256) && !catalogue.contains_key(&f.sha256))
        .count();
    FilesPreview {
        carried: file.carried.len(),
        new: arrival.store,
        missing,
        removed: arrival.removed.len(),
    }
}

/// The stored ledger with every file merged in: one new ledger, so applying is all or nothing.
pub fn apply(stored: &Ledger, files: &[&ExchangeFile]) -> Ledger {
    let mut merged = stored.clone();
    for file in files {
        merged.merge(&file.records);
    }
    merged
}

/// Files of one batch that disagree about a record (the same id, other content). Which one
/// is genuine cannot be told, and applying either would make the other look altered later:
/// every file holding a record that another file of the batch holds differently is refused.
/// For each file (by position; `None` for files already refused), the record and the
/// position of a file holding it differently.
pub fn disagreements(files: &[Option<&Ledger>]) -> Vec<Option<(EventId, usize)>> {
    let mut holders: BTreeMap<EventId, Vec<(usize, &Event)>> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        for event in file.iter().flat_map(|f| f.events()) {
            holders.entry(event.id).or_default().push((index, event));
        }
    }
    let mut found = vec![None; files.len()];
    for (id, holders) in holders.iter().filter(|(_, h)| h.len() > 1) {
        for (index, event) in holders {
            if found[*index].is_some() {
                continue;
            }
            if let Some((other, _)) = holders.iter().find(|(_, e)| e != event) {
                found[*index] = Some((*id, *other));
            }
        }
    }
    found
}
