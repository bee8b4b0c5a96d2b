//! One tab's keeper: the records this tab has not yet written, the imports it knows, and how
//! its memory follows what other tabs write. The tab's [`Ledger`] itself lives beside it (the
//! interface shows it) and comes in as an argument wherever a rule changes it.
//!
//! Writing: every user action becomes one piece of work (one transaction). Work is written in
//! order, one at a time; work that failed (full storage, say) stays queued with its records in
//! memory and is tried again on [`Keeper::retry`], while later work still goes through, so a
//! refused large import never holds back the next note.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::{
    Batch, BatchId, ChangeEntry, Kept, Snapshot, Txn, read_batches, read_record, retracted,
    undo_plan,
};
use crate::ledger::time::Stamp;
use crate::ledger::{Event, EventId, Ledger};

/// Names one queued piece of work.
pub type WorkId = u64;

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
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keeper {
    batches: BTreeMap<BatchId, Batch>,
    kept: BTreeMap<String, Kept>,
    /// Keys of stored records that could not be read: left where they are, never rewritten.
    unreadable: Vec<String>,
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
        let gone = retracted(&keeper.batches);
        let mut ledger = Ledger::new();
        for (key, value) in &snapshot.records {
            match read_record(key, value) {
                Some(event) if !gone.contains(&event.id) => {
                    ledger.add(event);
                }
                Some(_) => {}
                None => keeper.unreadable.push(key.clone()),
            }
        }
        (keeper, ledger)
    }

    /// Takes over what a keeper made before the database was open: its records join the
    /// ledger and its queued work is written after this keeper's.
    pub fn absorb(&mut self, ledger: &mut Ledger, earlier: Keeper, earlier_ledger: &Ledger) {
        ledger.merge(earlier_ledger);
        self.batches.extend(earlier.batches);
        for work in earlier.queue {
            self.push(work.txn);
        }
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
        });
    }

    /// A record made on this device.
    pub fn record(&mut self, ledger: &mut Ledger, event: Event) {
        ledger.add(event.clone());
        self.push(Txn::Write {
            add: vec![event],
            batches: Vec::new(),
            keep: Vec::new(),
            forget: Vec::new(),
        });
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
        let mut added = Ledger::new();
        let mut count = 0;
        for file in files {
            count += 1;
            for event in file.events().filter(|e| !ledger.contains(&e.id)) {
                added.add(event.clone());
            }
        }
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
        self.push(Txn::Write {
            add: added.events().cloned().collect(),
            batches: vec![batch],
            keep: Vec::new(),
            forget: Vec::new(),
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
            Some(w.id) != in_flight
                && matches!(&w.txn, Txn::Write { batches, .. } if batches.iter().any(|b| b.id == id))
        });
        match queued {
            Some(index) => {
                self.queue.remove(index);
                self.settle_failure();
            }
            None => self.push(Txn::Undo { batch: id, at }),
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
        self.push(Txn::Write {
            add: Vec::new(),
            batches: Vec::new(),
            keep: new,
            forget: Vec::new(),
        });
    }

    /// Deletes a kept copy at the user's request.
    pub fn forget(&mut self, hash: &str) {
        if self.kept.remove(hash).is_some() {
            self.push(Txn::Write {
                add: Vec::new(),
                batches: Vec::new(),
                keep: Vec::new(),
                forget: vec![hash.to_string()],
            });
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

    /// Keys of stored records this app could not read (left in place).
    pub fn unreadable(&self) -> &[String] {
        &self.unreadable
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

    /// The transaction committed.
    pub fn done(&mut self, id: WorkId) {
        if self.in_flight == Some(id) {
            self.in_flight = None;
        }
        self.queue.retain(|w| w.id != id);
        self.settle_failure();
    }

    /// The transaction did not commit: nothing of it was written; it stays queued.
    pub fn failed(&mut self, id: WorkId, why: WriteFailure) {
        if self.in_flight == Some(id) {
            self.in_flight = None;
        }
        if let Some(work) = self.queue.iter_mut().find(|w| w.id == id) {
            work.failed = true;
            self.failure = Some(why);
        }
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

    /// Records in memory that are not yet written.
    pub fn unsaved(&self) -> usize {
        self.queue
            .iter()
            .map(|w| match &w.txn {
                Txn::Write { add, .. } => add.len(),
                Txn::Undo { .. } => 0,
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

    /// What to read for change-log entries newer than [`Keeper::seen`]: the records they name
    /// that this tab lacks, and the batches they touch.
    pub fn wanted(
        &self,
        ledger: &Ledger,
        entries: &[(u64, ChangeEntry)],
    ) -> (Vec<EventId>, Vec<BatchId>) {
        let mut records = BTreeSet::new();
        let mut batches = BTreeSet::new();
        for (_, entry) in entries {
            records.extend(entry.records.iter().filter(|id| !ledger.contains(id)));
            batches.extend(entry.batches.iter().copied());
        }
        (records.into_iter().collect(), batches.into_iter().collect())
    }

    /// Takes in what other tabs wrote: the batches (an undone one takes its records away here
    /// too) and the records read for the entries up to `last`. Returns whether the ledger
    /// changed.
    pub fn take_in(
        &mut self,
        ledger: &mut Ledger,
        last: u64,
        batches: &[String],
        records: &[(String, String)],
    ) -> bool {
        let mut newly_undone = Vec::new();
        for batch in read_batches(batches).into_values() {
            let was_live = self.batches.get(&batch.id).is_none_or(Batch::is_live);
            if was_live && !batch.is_live() {
                newly_undone.push(batch.id);
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
        let gone = retracted(&self.batches);
        let before = ledger.len();
        let mut changed = false;
        for (key, value) in records {
            if let Some(event) = read_record(key, value)
                && !gone.contains(&event.id)
            {
                changed |= ledger.add(event) != crate::ledger::Added::AlreadyPresent;
            }
        }
        if !newly_undone.is_empty() {
            let taken: BTreeSet<EventId> = newly_undone
                .iter()
                .filter_map(|id| self.batches.get(id))
                .flat_map(|b| b.records.iter().copied())
                .filter(|id| gone.contains(id))
                .collect();
            let had = ledger.len();
            ledger.retract(&taken);
            changed |= ledger.len() != had;
            // Nothing queued here may write them back.
            for work in &mut self.queue {
                if Some(work.id) != self.in_flight
                    && let Txn::Write { add, .. } = &mut work.txn
                {
                    add.retain(|e| !taken.contains(&e.id));
                }
            }
            let in_flight = self.in_flight;
            self.queue
                .retain(|w| Some(w.id) == in_flight || !w.txn.is_empty());
            self.settle_failure();
        }
        self.seen = self.seen.max(last);
        changed || ledger.len() != before
    }
}
