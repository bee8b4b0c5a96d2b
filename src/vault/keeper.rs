//! One tab's keeper: the records this tab has not yet written, the imports it knows, and how
//! its memory follows what other tabs write. The tab's [`Ledger`] itself lives beside it (the
//! interface shows it) and comes in as an argument wherever a rule changes it.
//!
//! Writing: every user action becomes one piece of work (one transaction). Work is written in
//! order, one at a time; work that failed (full storage, say) stays queued with its records in
//! memory and is tried again on [`Keeper::retry`], while later work still goes through, so a
//! refused large import never holds back the next note.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use super::{
    Batch, BatchId, ChangeEntry, Kept, Snapshot, Txn, new_records, read_batches, read_record,
    retracted, undo_plan,
};
use crate::foundation::time::Stamp;
use crate::ledger::{Event, EventId, Ledger};

/// Names one queued piece of work.
pub type WorkId = u64;

/// What the database made of a committed transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Committed {
    /// A write; this device's records in the form stored (with their place in its log).
    Write(Vec<crate::ledger::Event>),
    /// The import's batch as stored (only the records that were new there); `None` when
    /// nothing was new.
    Import(Option<Batch>),
    /// The records an undo deleted.
    Undo(Vec<EventId>),
    /// The import was refused inside its transaction, nothing written: the record named is
    /// stored with other content (see [`super::import_plan`]).
    ImportRefused(EventId),
}

/// Why a transaction did not commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteFailure {
    /// Out of space (the browser's quota or the disk).
    Full,
    /// The database is not there or was closed (private mode, another tab upgraded it).
    Unavailable,
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
struct Work {
    id: WorkId,
    txn: Txn,
    /// Failed since the last retry: not tried again until then.
    failed: bool,
    /// For an undo: the records this tab took out of its ledger at once (its guess; the
    /// database decides, and what it kept is read back).
    guess: Vec<EventId>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keeper {
    batches: BTreeMap<BatchId, Batch>,
    kept: BTreeMap<String, Kept>,
    /// Stored records that could not be read, as `(key, value)` text: left where they are,
    /// never rewritten; a copy is offered for download ([`Keeper::unreadable_copy`]).
    unreadable: Vec<(String, String)>,
    queue: VecDeque<Work>,
    next_id: WorkId,
    in_flight: Option<WorkId>,
    failure: Option<WriteFailure>,
    /// The newest change-log entry this tab has taken in.
    seen: u64,
}

impl Keeper {
    /// The keeper and ledger for what the database held at start. Records an undone import
    /// took back are left out even if a stale writer stored them again.
    pub fn open(snapshot: &Snapshot) -> (Keeper, Ledger) {
        let mut keeper = Keeper {
            seen: snapshot.last_change,
            ..Keeper::default()
        };
        keeper.batches = read_batches(&snapshot.batches);
        keeper.set_kept(&snapshot.kept);
        let mut events = Vec::with_capacity(snapshot.records.len());
        for (key, value) in &snapshot.records {
            match read_record(key, value) {
                Some(event) => events.push(event),
                None => keeper.unreadable.push((key.clone(), value.clone())),
            }
        }
        (keeper, Ledger::from_distinct(events))
    }

    /// Takes over what a keeper made before the database was open: its records join the
    /// ledger and its queued work is written after this keeper's.
    pub fn absorb(&mut self, ledger: &mut Ledger, earlier: Keeper, earlier_ledger: &Ledger) {
        ledger.merge(earlier_ledger);
        self.batches.extend(earlier.batches);
        self.kept.extend(earlier.kept);
        for work in earlier.queue {
            self.push(work.txn);
        }
    }

    /// Takes on a write that could not be done where it was planned (a migration whose
    /// transaction failed): its records show, and it is queued like any other work.
    pub fn adopt(&mut self, ledger: &mut Ledger, txn: Txn) {
        if let Txn::Write { add, keep, .. } = &txn {
            for event in add {
                ledger.add(event.clone());
            }
            for kept in keep {
                self.kept.insert(kept.hash.clone(), kept.clone());
            }
        }
        self.push(txn);
    }

    fn push(&mut self, txn: Txn) {
        if txn.is_empty() {
            return;
        }
        self.next_id += 1;
        self.queue.push_back(Work {
            id: self.next_id,
            txn,
            failed: false,
            guess: Vec::new(),
        });
    }

    /// A record made on this device.
    pub fn record(&mut self, ledger: &mut Ledger, event: Event) {
        ledger.add(event.clone());
        self.push(Txn::records(vec![event]));
    }

    /// Applies received files as one import: the records new here, written in one
    /// transaction with the batch that lets them be undone. Returns how many were new.
    pub fn import<'a>(
        &mut self,
        ledger: &mut Ledger,
        id: BatchId,
        at: Stamp,
        files: impl IntoIterator<Item = &'a Ledger>,
    ) -> usize {
        let files: Vec<&Ledger> = files.into_iter().collect();
        let count = files.len();
        let added = new_records(ledger, files);
        if added.is_empty() {
            return 0;
        }
        ledger.merge(&added);
        let batch = Batch {
            id,
            at,
            files: count,
            records: added.events().map(|e| e.id).collect(),
            undone: None,
        };
        self.batches.insert(id, batch.clone());
        self.push(Txn::Import {
            batch,
            add: added.events().cloned().collect(),
        });
        added.len()
    }

    /// Every import this tab knows, live or undone.
    pub fn batches(&self) -> impl Iterator<Item = &Batch> {
        self.batches.values()
    }

    /// The import the undo button takes back: the newest live one.
    pub fn undoable(&self) -> Option<&Batch> {
        self.batches
            .values()
            .filter(|b| b.is_live())
            .max_by_key(|b| (b.at, b.id))
    }

    /// Takes back exactly the records import `id` brought (those no other live import also
    /// brought). Returns how many left, or `None` when there is no such live import.
    pub fn undo(&mut self, ledger: &mut Ledger, id: BatchId, at: Stamp) -> Option<usize> {
        let (delete, undone) = undo_plan(&id, at, self.batches.values())?;
        let gone: BTreeSet<EventId> = delete.into_iter().collect();
        ledger.retract(&gone);
        self.batches.insert(id, undone);
        // An import not yet written is simply dropped; one written (or being written) is
        // undone in the database.
        let in_flight = self.in_flight;
        let queued = self.queue.iter().position(|w| {
            Some(w.id) != in_flight && matches!(&w.txn, Txn::Import { batch, .. } if batch.id == id)
        });
        match queued {
            Some(index) => {
                // Never stored: it is forgotten, so it retracts nothing another tab writes.
                self.queue.remove(index);
                self.batches.remove(&id);
                self.settle_failure();
            }
            None => {
                self.push(Txn::Undo { batch: id, at });
                if let Some(work) = self.queue.back_mut() {
                    work.guess = gone.iter().copied().collect();
                }
            }
        }
        Some(gone.len())
    }

    /// Keeps stored text that could not be read (once per content).
    pub fn keep(&mut self, found: Vec<Kept>) {
        let new: Vec<Kept> = found
            .into_iter()
            .filter(|k| !self.kept.contains_key(&k.hash))
            .collect();
        for kept in &new {
            self.kept.insert(kept.hash.clone(), kept.clone());
        }
        self.push(Txn::kept(new, Vec::new()));
    }

    /// Deletes a kept copy at the user's request.
    pub fn forget(&mut self, hash: &str) {
        if self.kept.remove(hash).is_some() {
            // A copy not yet written is simply not written.
            let in_flight = self.in_flight;
            for work in self.queue.iter_mut().filter(|w| Some(w.id) != in_flight) {
                if let Txn::Write { keep, .. } = &mut work.txn {
                    keep.retain(|k| k.hash != hash);
                }
            }
            self.queue
                .retain(|w| Some(w.id) == in_flight || !w.txn.is_empty());
            self.push(Txn::kept(Vec::new(), vec![hash.to_string()]));
        }
    }

    /// Replaces the kept copies with what the database holds (after another tab changed them).
    pub fn set_kept(&mut self, raw: &[String]) {
        self.kept = raw
            .iter()
            .filter_map(|text| serde_json::from_str::<Kept>(text).ok())
            .map(|k| (k.hash.clone(), k))
            .collect();
    }

    pub fn kept(&self) -> impl Iterator<Item = &Kept> {
        self.kept.values()
    }

    /// Stored records this app could not read (left in place), as `(key, value)` text.
    pub fn unreadable(&self) -> &[(String, String)] {
        &self.unreadable
    }

    /// A copy of the stored records this app could not read, for the user to download: a JSON
    /// array of `{"key": …, "value": …}` in key order, each value the stored text as it is
    /// (`None` when every record reads).
    pub fn unreadable_copy(&self) -> Option<String> {
        #[derive(Serialize)]
        struct Entry<'a> {
            key: &'a str,
            value: &'a str,
        }
        (!self.unreadable.is_empty()).then(|| {
            let entries: Vec<Entry> = self
                .unreadable
                .iter()
                .map(|(key, value)| Entry { key, value })
                .collect();
            serde_json::to_string_pretty(&entries).expect("text serialises")
        })
    }

    // Writing.

    /// The next transaction to run, if none is running: the oldest queued work that has not
    /// failed since the last retry.
    pub fn take_next(&mut self) -> Option<(WorkId, Txn)> {
        if self.in_flight.is_some() {
            return None;
        }
        let work = self.queue.iter().find(|w| !w.failed)?;
        self.in_flight = Some(work.id);
        Some((work.id, work.txn.clone()))
    }

    /// The transaction committed; `committed` says what the database made of it. The ledger
    /// follows the database: what an undo deleted there leaves here too. Returns the records
    /// to read back: those this tab took out at the undo that the database kept (another
    /// import or a tab's own write had stored them first); show them again if stored.
    pub fn done(&mut self, ledger: &mut Ledger, id: WorkId, committed: Committed) -> Vec<EventId> {
        if self.in_flight == Some(id) {
            self.in_flight = None;
        }
        let position = self.queue.iter().position(|w| w.id == id);
        let work = position.and_then(|i| self.queue.remove(i));
        let guess = work.as_ref().map(|w| w.guess.clone()).unwrap_or_default();
        let mut read_back = Vec::new();
        match (work.map(|w| w.txn), committed) {
            (Some(Txn::Import { batch, .. }), Committed::Import(stored))
                if self.batches.get(&batch.id).is_some_and(Batch::is_live) =>
            {
                match stored {
                    Some(stored) => self.batches.insert(batch.id, stored),
                    None => self.batches.remove(&batch.id),
                };
            }
            (Some(Txn::Import { batch, add }), Committed::ImportRefused(_)) => {
                // Nothing of it was written: what this tab showed of it leaves, and what is
                // stored under its ids is read back.
                let shown: BTreeSet<EventId> = self
                    .batches
                    .remove(&batch.id)
                    .map(|b| b.records.into_iter().collect())
                    .unwrap_or_default();
                ledger.retract(&shown);
                read_back = add.iter().map(|e| e.id).collect();
            }
            (_, Committed::Write(sealed)) => ledger.seal(&sealed),
            (_, Committed::Undo(deleted)) => {
                let deleted: BTreeSet<EventId> = deleted.into_iter().collect();
                ledger.retract(&deleted);
                read_back = guess
                    .into_iter()
                    .filter(|id| !deleted.contains(id))
                    .collect();
            }
            _ => {}
        }
        self.settle_failure();
        read_back
    }

    /// Shows records read back from the database (see [`Keeper::done`]).
    pub fn show_stored(&self, ledger: &mut Ledger, records: &[(String, String)]) -> bool {
        let mut changed = false;
        for (key, value) in records {
            if let Some(event) = read_record(key, value) {
                changed |= ledger.add(event) != crate::ledger::Added::AlreadyPresent;
            }
        }
        changed
    }

    /// The transaction did not commit: nothing of it was written; it stays queued.
    pub fn failed(&mut self, id: WorkId, why: WriteFailure) {
        if self.in_flight == Some(id) {
            self.in_flight = None;
        }
        let Some(index) = self.queue.iter().position(|w| w.id == id) else {
            return;
        };
        // An import undone while it was being written: it is simply dropped.
        if let Txn::Import { batch, .. } = &self.queue[index].txn
            && self.batches.get(&batch.id).is_some_and(|b| !b.is_live())
        {
            let id = batch.id;
            self.queue.remove(index);
            self.batches.remove(&id);
            self.settle_failure();
            return;
        }
        self.queue[index].failed = true;
        self.failure = Some(why);
    }

    fn settle_failure(&mut self) {
        if !self.queue.iter().any(|w| w.failed) {
            self.failure = None;
        }
    }

    /// Lets failed work be tried again (space was freed, the user asked).
    pub fn retry(&mut self) {
        for work in &mut self.queue {
            work.failed = false;
        }
    }

    /// Why the last write failed, while failed work is still queued.
    pub fn failure(&self) -> Option<&WriteFailure> {
        self.failure.as_ref()
    }

    /// Whether work is being written or waits its turn (work that failed and waits for a
    /// retry does not count): an export waits for it, since this device's records are sealed
    /// into its log, and so signed, only when written.
    pub fn writing(&self) -> bool {
        self.in_flight.is_some() || self.queue.iter().any(|w| !w.failed)
    }

    /// Records whose change is not yet written: records to add, and those an undo takes.
    pub fn unsaved(&self) -> usize {
        self.queue
            .iter()
            .map(|w| match &w.txn {
                Txn::Write { add, .. } | Txn::Import { add, .. } => add.len(),
                Txn::Undo { batch, .. } => self.batches.get(batch).map_or(1, |b| b.records.len()),
            })
            .sum()
    }

    /// Whether everything this tab did is written.
    pub fn is_saved(&self) -> bool {
        self.queue.is_empty()
    }

    /// Whether any queued work has never failed (a write is due now).
    pub fn has_due(&self) -> bool {
        self.queue.iter().any(|w| !w.failed)
    }

    // Other tabs.

    /// The newest change-log entry taken in; read the log after it.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// This tab's own transaction `txn` committed as log entry `key`. A write that follows
    /// the last entry taken in holds nothing to take in, so the mark moves on (pruning is not
    /// held back by a tab that only writes); an import's or an undo's entry is read back like
    /// any other, since what the database holds after it is what this tab shows (entries of
    /// other tabs in between are read as usual too).
    pub fn logged(&mut self, key: u64, txn: &Txn) {
        if key == self.seen + 1 && matches!(txn, Txn::Write { .. }) {
            self.seen = key;
        }
    }

    /// Whether entries after [`Keeper::seen`] were pruned before this tab took them in
    /// (`pruned`: the newest key deleted): then it takes in everything stored instead
    /// ([`Keeper::take_in_all`]).
    pub fn missed(&self, pruned: u64) -> bool {
        pruned > self.seen
    }

    /// Takes in everything stored, as if one log entry named every stored record and batch:
    /// what other tabs wrote comes in, what their undos took leaves, this tab's own queued
    /// work stays its to write. Returns whether the ledger changed.
    pub fn take_in_all(&mut self, ledger: &mut Ledger, snapshot: &Snapshot) -> bool {
        let batches = read_batches(&snapshot.batches);
        let entry = ChangeEntry {
            records: snapshot
                .records
                .iter()
                .filter_map(|(key, _)| EventId::parse(key).ok())
                .collect(),
            batches: batches.keys().copied().collect(),
            kept: true,
        };
        self.set_kept(&snapshot.kept);
        let last = snapshot.last_change.max(self.seen);
        self.take_in(
            ledger,
            &[(last, entry)],
            &snapshot.batches,
            &snapshot.records,
        )
    }

    /// What to read for change-log entries newer than [`Keeper::seen`]: the records they name
    /// that this tab lacks, and the batches they touch.
    pub fn wanted(
        &self,
        ledger: &Ledger,
        entries: &[(u64, ChangeEntry)],
    ) -> (Vec<EventId>, Vec<BatchId>) {
        let mut records = BTreeSet::new();
        let mut batches = BTreeSet::new();
        // With an import or undo among the entries, every record they name is read again:
        // what the database holds after them is what this tab shows.
        let all = entries.iter().any(|(_, e)| !e.batches.is_empty());
        for (_, entry) in entries {
            records.extend(
                entry
                    .records
                    .iter()
                    .filter(|id| all || !ledger.contains(id)),
            );
            batches.extend(entry.batches.iter().copied());
        }
        (records.into_iter().collect(), batches.into_iter().collect())
    }

    /// Takes in what other tabs wrote: the batches (an undone one takes its records away here
    /// too) and the records read for `entries`. Returns whether the ledger changed.
    pub fn take_in(
        &mut self,
        ledger: &mut Ledger,
        entries: &[(u64, ChangeEntry)],
        batches: &[String],
        records: &[(String, String)],
    ) -> bool {
        let last = entries.iter().map(|(key, _)| *key).max().unwrap_or(0);
        // Records now known to be stored: an import of this tab not yet written no longer
        // claims them (the database would not let it), so its undo leaves them.
        let stored: BTreeSet<EventId> = entries
            .iter()
            .flat_map(|(_, e)| e.records.iter().copied())
            .collect();
        let in_flight = self.in_flight;
        for work in &mut self.queue {
            if let Txn::Import { batch, add } = &mut work.txn {
                if let Some(known) = self.batches.get_mut(&batch.id) {
                    known.records.retain(|id| !stored.contains(id));
                }
                // The running one is the database's to decide.
                if Some(work.id) != in_flight {
                    batch.records.retain(|id| !stored.contains(id));
                    add.retain(|e| !stored.contains(&e.id));
                }
            }
        }
        let mut undone = Vec::new();
        for batch in read_batches(batches).into_values() {
            if !batch.is_live() {
                undone.push(batch.id);
            }
            // A batch this tab undid but has not yet written stays undone here.
            let keep_ours = self
                .batches
                .get(&batch.id)
                .is_some_and(|ours| !ours.is_live() && batch.is_live());
            if !keep_ours {
                self.batches.insert(batch.id, batch);
            }
        }
        let before = ledger.len();
        let mut changed = false;
        if !undone.is_empty() {
            // What the undone imports took, except what another live import brought and what
            // this tab itself is writing (its own records are its to write).
            let gone = retracted(&self.batches);
            let own: BTreeSet<EventId> = self
                .queue
                .iter()
                .filter_map(|w| match &w.txn {
                    Txn::Write { add, .. } => Some(add.iter().map(|e| e.id)),
                    _ => None,
                })
                .flatten()
                .collect();
            let taken: BTreeSet<EventId> = undone
                .iter()
                .filter_map(|id| self.batches.get(id))
                .flat_map(|b| b.records.iter().copied())
                .filter(|id| gone.contains(id) && !own.contains(id))
                .collect();
            let had = ledger.len();
            ledger.retract(&taken);
            changed |= ledger.len() != had;
            // No import queued here may bring them back.
            let in_flight = self.in_flight;
            for work in self.queue.iter_mut().filter(|w| Some(w.id) != in_flight) {
                if let Txn::Import { batch, add } = &mut work.txn {
                    add.retain(|e| !taken.contains(&e.id));
                    batch.records.retain(|id| !taken.contains(id));
                }
            }
            self.queue
                .retain(|w| Some(w.id) == in_flight || !w.txn.is_empty());
            self.settle_failure();
        }
        // What the database holds now is there, whatever an earlier undo took; except what an
        // undo of this tab, not yet written, takes (it is read back once that undo is done).
        let undoing: BTreeSet<EventId> = self
            .queue
            .iter()
            .flat_map(|w| w.guess.iter().copied())
            .collect();
        for (key, value) in records {
            if let Some(event) = read_record(key, value)
                && !undoing.contains(&event.id)
            {
                changed |= ledger.add(event) != crate::ledger::Added::AlreadyPresent;
            }
        }
        self.seen = self.seen.max(last);
        changed || ledger.len() != before
    }
}
