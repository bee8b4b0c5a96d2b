//! What applying a validated file would change, before anything is applied; and applying a
//! batch of files as one step.

use std::collections::{BTreeMap, BTreeSet};

use super::{ExchangeFile, ImportError};
use crate::ledger::{Change, DeviceId, Event, EventId, Ledger};
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
    /// Units' 年度总结 versions (rhythm-b).
    pub summaries: usize,
    /// Since format 5: 落实方案 records (measures, steps, contact), rounds, submissions and
    /// returns.
    pub plan_records: usize,
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
            + self.summaries
            + self.plan_records
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
            Change::Summary { .. } => preview.summaries += 1,
            Change::Implementation { .. }
            | Change::Step { .. }
            | Change::StepDeleted { .. }
            | Change::StepDone { .. }
            | Change::Contact { .. }
            | Change::Round { .. }
            | Change::Submitted { .. }
            | Change::Returned { .. } => preview.plan_records += 1,
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

/// One device's key vouching for two different histories (a copied key, or a device that
/// lost its records but not its key and wrote on): both verify on their own, so it shows only
/// where both meet, here or in one batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fork {
    pub device: DeviceId,
    /// The lowest sequence number where the two histories are seen to differ (the record in
    /// two versions, or the record the other history's next one does not follow).
    pub seq: u64,
    /// The other history: `None` for the records held on this device, else the position of
    /// the other file of the batch.
    pub other: Option<usize>,
}

/// Every file of a batch (by position; `None` for files already refused) against the records
/// held here and against each other: for each file, the first fork of one of its devices
/// (lowest `seq`), if any. Two records of one device at one sequence number that differ, or a
/// record that does not follow the one held (or carried by another file) just below it, or
/// one held just above it that does not follow it, are a fork. Each file's chains were
/// verified on reading; records equal wherever both histories know them are no fork (the
/// same history carried again, or further).
pub fn forks(held: &Ledger, files: &[Option<&Ledger>]) -> Vec<Option<Fork>> {
    // (device, seq) → every version known and where it is: `None` held, `Some(i)` file i.
    type Heights<'a> = BTreeMap<(DeviceId, u64), Vec<(Option<usize>, &'a Event)>>;
    let devices: BTreeSet<DeviceId> = files
        .iter()
        .flatten()
        .flat_map(|f| f.events().map(|e| e.device))
        .collect();
    let mut heights: Heights = BTreeMap::new();
    let sources =
        held.events()
            .filter(|e| devices.contains(&e.device))
            .map(|e| (None, e))
            .chain(
                files.iter().enumerate().flat_map(|(i, f)| {
                    f.iter().flat_map(|f| f.events()).map(move |e| (Some(i), e))
                }),
            );
    for (source, event) in sources {
        if let Some(seq) = event.seq {
            let versions = heights.entry((event.device, seq)).or_default();
            if !versions.iter().any(|(s, e)| *s == source && *e == event) {
                versions.push((source, event));
            }
        }
    }
    let others = |device: DeviceId, seq: u64, me: usize| {
        heights
            .get(&(device, seq))
            .into_iter()
            .flatten()
            .filter(move |(source, _)| *source != Some(me))
    };
    files
        .iter()
        .enumerate()
        .map(|(me, file)| {
            let file = (*file)?;
            let mut found: Option<Fork> = None;
            let mut note = |device, seq, other| {
                if found.is_none_or(|f| seq < f.seq) {
                    found = Some(Fork { device, seq, other });
                }
            };
            // Each device's lowest and highest record in this file.
            let mut ends: BTreeMap<DeviceId, (&Event, &Event)> = BTreeMap::new();
            for event in file.events() {
                let Some(seq) = event.seq else { continue };
                for (other, there) in others(event.device, seq, me) {
                    if *there != event {
                        note(event.device, seq, *other);
                    }
                }
                let end = ends.entry(event.device).or_insert((event, event));
                if end.0.seq > Some(seq) {
                    end.0 = event;
                }
                if end.1.seq < Some(seq) {
                    end.1 = event;
                }
            }
            for (device, (low, high)) in ends {
                let (low_seq, high_seq) = (low.seq.unwrap_or(0), high.seq.unwrap_or(0));
                if let Some(below) = low_seq.checked_sub(1).filter(|s| *s > 0) {
                    for (other, there) in others(device, below, me) {
                        if low.prev != Some(crate::trust::record::digest(there)) {
                            note(device, below, *other);
                        }
                    }
                }
                let hash = crate::trust::record::digest(high);
                for (other, there) in others(device, high_seq + 1, me) {
                    if there.prev != Some(hash) {
                        note(device, high_seq, *other);
                    }
                }
            }
            found
        })
        .collect()
}

/// The refusal of `file` for `fork`, naming the device by its unit and fingerprint (from the
/// file's proof) and the other file by its name in `names`.
pub fn fork_refusal(file: &ExchangeFile, fork: &Fork, names: &[String]) -> ImportError {
    let proof = file.devices.iter().find(|p| p.device == fork.device);
    ImportError::Forked {
        device: fork.device,
        unit: proof.map(|p| p.unit.clone()).unwrap_or_default(),
        fingerprint: proof
            .map(|p| crate::trust::fingerprint(&p.public_key))
            .unwrap_or_default(),
        seq: fork.seq,
        other: fork.other.and_then(|i| names.get(i).cloned()),
    }
}

/// Checked again when applying (another tab may have applied the other history since the
/// preview): a record of `files` where one of them forks from what `held` holds now, the one
/// at the fork's height or else its device's lowest, or `None`. The apply is then refused like
/// one whose record was stored meanwhile, and a new preview names the fork.
pub fn forked_record<'a>(
    held: &Ledger,
    files: impl IntoIterator<Item = &'a Ledger>,
) -> Option<EventId> {
    let files: Vec<&Ledger> = files.into_iter().collect();
    let found: Vec<Option<&Ledger>> = files.iter().map(|f| Some(*f)).collect();
    forks(held, &found)
        .into_iter()
        .zip(&files)
        .find_map(|(fork, file)| {
            let fork = fork?;
            let mut own: Vec<&Event> = file.events().filter(|e| e.device == fork.device).collect();
            own.sort_by_key(|e| e.seq);
            own.iter()
                .find(|e| e.seq == Some(fork.seq))
                .or(own.first())
                .map(|e| e.id)
        })
}
