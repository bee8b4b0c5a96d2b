//! A model of the IndexedDB database the browser shell keeps (`browser::ledger_db`): the same
//! four stores and the same transaction semantics (all or nothing, add-only records, the undo
//! decided against the batches stored at that moment), in memory, for native tests.
#![allow(dead_code)] // each test file uses a part

use std::collections::BTreeMap;

use duty_ledger::foundation::time::Stamp;
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Ledger};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::vault::{
    self, Batch, ChangeEntry, Keeper, Kept, Snapshot, Txn, WriteFailure, record_value,
};

#[derive(Debug, Clone, Default)]
pub struct FakeDb {
    pub records: BTreeMap<String, String>,
    pub batches: BTreeMap<String, String>,
    pub kept: BTreeMap<String, String>,
    pub log: Vec<(u64, ChangeEntry)>,
    next_key: u64,
    /// The newest log key deleted by pruning (0 when none was).
    pub pruned: u64,
    /// The browser's device: its unsealed records are sealed when written, as the shell does.
    pub own: Option<DeviceId>,
    pub heads: BTreeMap<DeviceId, duty_ledger::trust::Head>,
    /// The records the last write stored in sealed form (what `Committed::Write` carries).
    pub last_sealed: Vec<Event>,
}

impl FakeDb {
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            records: self
                .records
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            batches: self.batches.values().cloned().collect(),
            kept: self.kept.values().cloned().collect(),
            last_change: self.log.last().map_or(0, |(k, _)| *k).max(self.pruned),
        }
    }

    /// Deletes the log entries up to `upto` (what every open tab has taken in, or more: a
    /// tab whose mark went stale).
    pub fn prune(&mut self, upto: u64) {
        self.log.retain(|(k, _)| *k > upto);
        self.pruned = self.pruned.max(upto);
    }

    /// The key of the newest log entry (0 when none).
    pub fn last_key(&self) -> u64 {
        self.log.last().map_or(0, |(k, _)| *k)
    }

    fn append(&mut self, entry: ChangeEntry) -> u64 {
        self.next_key += 1;
        self.log.push((self.next_key, entry));
        self.next_key
    }

    /// Runs one transaction as the shell does; returns the ids an undo deleted.
    pub fn run(&mut self, txn: &Txn) -> Vec<EventId> {
        self.run_txn(txn).0
    }

    /// Runs one transaction as the shell does: the ids an undo deleted, and for an import the
    /// batch as stored.
    pub fn run_txn(&mut self, txn: &Txn) -> (Vec<EventId>, Option<Batch>) {
        match txn {
            Txn::Import { batch, add } => {
                let stored: BTreeMap<EventId, String> = add
                    .iter()
                    .filter_map(|e| Some((e.id, self.records.get(&e.id.to_string())?.clone())))
                    .collect();
                let Ok((new, planned)) = vault::import_plan(batch, add, &stored) else {
                    // Refused: nothing written (`Tab::finish` reports it).
                    return (Vec::new(), None);
                };
                let Some((stored_batch, entry)) = planned else {
                    return (Vec::new(), None);
                };
                for event in new {
                    self.records
                        .insert(event.id.to_string(), record_value(event));
                }
                self.batches.insert(
                    stored_batch.id.to_string(),
                    serde_json::to_string(&stored_batch).unwrap(),
                );
                self.append(entry);
                (Vec::new(), Some(stored_batch))
            }
            Txn::Write {
                add,
                batches,
                keep,
                forget,
            } => {
                self.last_sealed = Vec::new();
                let plan = match self.own {
                    Some(own) if add.iter().any(|e| e.device == own && !e.is_sealed()) => {
                        let stored: BTreeMap<EventId, Option<Event>> = add
                            .iter()
                            .filter(|e| e.device == own && !e.is_sealed())
                            .map(|e| {
                                let key = e.id.to_string();
                                let held = self
                                    .records
                                    .get(&key)
                                    .and_then(|v| vault::read_record(&key, v));
                                (e.id, held)
                            })
                            .collect();
                        let head = self.heads.get(&own).copied();
                        let (plan, shown, head) = vault::seal_write(own, head, add, &stored);
                        if let Some(head) = head {
                            self.heads.insert(own, head);
                        }
                        self.last_sealed = shown;
                        plan
                    }
                    _ => add.iter().cloned().map(vault::Store::Add).collect(),
                };
                for item in plan {
                    match item {
                        vault::Store::Add(event) => {
                            self.records
                                .entry(event.id.to_string())
                                .or_insert_with(|| record_value(&event));
                        }
                        vault::Store::Seal(event) => {
                            self.records
                                .insert(event.id.to_string(), record_value(&event));
                        }
                    }
                }
                for batch in batches {
                    self.batches
                        .insert(batch.id.to_string(), serde_json::to_string(batch).unwrap());
                }
                for copy in keep {
                    self.kept
                        .insert(copy.hash.clone(), serde_json::to_string(copy).unwrap());
                }
                for hash in forget {
                    self.kept.remove(hash);
                }
                self.append(txn.change());
                (Vec::new(), None)
            }
            Txn::Undo { batch, at } => {
                let stored: Vec<Batch> = self
                    .batches
                    .values()
                    .map(|t| serde_json::from_str(t).unwrap())
                    .collect();
                let Some((delete, undone)) = vault::undo_plan(batch, *at, &stored) else {
                    return (Vec::new(), None);
                };
                for id in &delete {
                    self.records.remove(&id.to_string());
                }
                self.batches
                    .insert(batch.to_string(), serde_json::to_string(&undone).unwrap());
                self.append(txn.change());
                (delete, None)
            }
        }
    }

    /// The record an import would be refused for, decided as the shell decides it.
    pub fn import_refusal(&self, batch: &Batch, add: &[Event]) -> Option<EventId> {
        let stored: BTreeMap<EventId, String> = add
            .iter()
            .filter_map(|e| Some((e.id, self.records.get(&e.id.to_string())?.clone())))
            .collect();
        vault::import_plan(batch, add, &stored).err()
    }

    pub fn changes_since(&self, seen: u64) -> Vec<(u64, ChangeEntry)> {
        self.log
            .iter()
            .filter(|(k, _)| *k > seen)
            .cloned()
            .collect()
    }

    pub fn read(
        &self,
        records: &[EventId],
        batches: &[EventId],
    ) -> (Vec<(String, String)>, Vec<String>) {
        (
            records
                .iter()
                .filter_map(|id| {
                    let key = id.to_string();
                    self.records.get(&key).map(|v| (key, v.clone()))
                })
                .collect(),
            batches
                .iter()
                .filter_map(|id| self.batches.get(&id.to_string()).cloned())
                .collect(),
        )
    }

    /// The ledger a fresh start reads.
    pub fn open(&self) -> (Keeper, Ledger) {
        Keeper::open(&self.snapshot())
    }

    pub fn kept_hashes(&self) -> Vec<String> {
        self.kept.keys().cloned().collect()
    }
}

/// One tab: its keeper, the ledger it shows, and the transaction it is running.
#[derive(Debug, Clone)]
pub struct Tab {
    pub keeper: Keeper,
    pub ledger: Ledger,
    pub running: Option<(vault::WorkId, Txn)>,
}

impl Tab {
    pub fn open(db: &FakeDb) -> Tab {
        let (keeper, ledger) = db.open();
        Tab {
            keeper,
            ledger,
            running: None,
        }
    }

    /// Starts the next due transaction (the database runs it at [`Tab::finish`]).
    pub fn start(&mut self) -> bool {
        if self.running.is_none() {
            self.running = self.keeper.take_next();
        }
        self.running.is_some()
    }

    /// The running transaction commits (or, with `fail`, aborts). Returns what an undo
    /// deleted, or `None` when nothing was running.
    pub fn finish(&mut self, db: &mut FakeDb, fail: bool) -> Option<Vec<EventId>> {
        let (id, txn) = self.running.take()?;
        if fail {
            self.keeper.failed(id, WriteFailure::Full);
            return Some(Vec::new());
        }
        let refused = match &txn {
            Txn::Import { batch, add } => db.import_refusal(batch, add),
            _ => None,
        };
        let logged = db.last_key();
        let (deleted, stored) = db.run_txn(&txn);
        if db.last_key() > logged {
            self.keeper.logged(db.last_key(), &txn);
        }
        let committed = match &txn {
            Txn::Import { .. } if refused.is_some() => {
                vault::Committed::ImportRefused(refused.unwrap())
            }
            Txn::Import { .. } => vault::Committed::Import(stored),
            Txn::Undo { .. } => vault::Committed::Undo(deleted.clone()),
            Txn::Write { .. } => vault::Committed::Write(db.last_sealed.clone()),
        };
        let read_back = self.keeper.done(&mut self.ledger, id, committed);
        let (records, _) = db.read(&read_back, &[]);
        self.keeper.show_stored(&mut self.ledger, &records);
        Some(deleted)
    }

    /// Runs the next due transaction; `fail` makes it abort. Returns what an undo deleted,
    /// or `None` when nothing was due.
    pub fn write_one(&mut self, db: &mut FakeDb, fail: bool) -> Option<Vec<EventId>> {
        self.start();
        self.finish(db, fail)
    }

    /// Writes everything queued, retrying failed work.
    pub fn write_all(&mut self, db: &mut FakeDb) {
        self.keeper.retry();
        while self.write_one(db, false).is_some() {}
    }

    /// Takes in what other tabs wrote.
    pub fn catch_up(&mut self, db: &FakeDb) {
        if self.keeper.missed(db.pruned) {
            self.keeper.take_in_all(&mut self.ledger, &db.snapshot());
            return;
        }
        let entries = db.changes_since(self.keeper.seen());
        if entries.is_empty() {
            return;
        }
        let (records, batches) = self.keeper.wanted(&self.ledger, &entries);
        let (records, batches) = db.read(&records, &batches);
        self.keeper
            .take_in(&mut self.ledger, &entries, &batches, &records);
        if entries.iter().any(|(_, e)| e.kept) {
            let kept: Vec<String> = db.kept.values().cloned().collect();
            self.keeper.set_kept(&kept);
        }
    }
}

pub fn unit() -> UnitId {
    UnitId::from_name("区教育局").unwrap()
}

pub fn stamp(minute: i64) -> Stamp {
    Stamp::new(1_700_000_000_000 + minute * 60_000, 480).unwrap()
}

/// A valid note record with id `n`.
pub fn note(n: u64, device: u8, minute: i64) -> Event {
    let id = EventId::from_random(n.to_be_bytes());
    Event {
        id,
        task: TaskId(3),
        unit: unit(),
        device: DeviceId::from_random([device; 8]),
        at: stamp(minute),
        author: None,
        work_date: None,
        attachments: Vec::new(),
        change: Change::Note {
            note: id,
            text: format!("第 {n} 条进展"),
        },
        hlc: None,
        seq: None,
        prev: None,
    }
}

/// A received file's records: `count` fresh notes from another device, ids from `first`.
pub fn file(first: u64, count: u64) -> Ledger {
    (first..first + count)
        .map(|n| note(n, 9, n as i64))
        .collect()
}

pub fn kept(text: &str) -> Kept {
    Kept::new("duty-ledger:ledger", stamp(0), text)
}
