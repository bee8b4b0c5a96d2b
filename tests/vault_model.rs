//! The storage rules against a model of the database, by property tests: random interleavings
//! of recording, importing, undoing, writing (some writes fail), catching up, reloading and
//! crashing, over two or three tabs. Three laws:
//! - every record a transaction committed is still stored, unless an undo of the import that
//!   brought it took it back (and a record made on the device is never taken back);
//! - no undone record ever reappears, in the database or in a tab that has seen the undo,
//!   unless a later import brings it again;
//! - once every tab has written and caught up, all tabs and a fresh start show the same ledger.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{FakeDb, Tab, file, note, stamp};
use duty_ledger::ledger::DeviceId;
use duty_ledger::ledger::{EventId, Ledger};
use duty_ledger::vault::{self, Batch, Txn};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const CASES: u32 = 2_000;

#[derive(Debug, Clone)]
enum Op {
    Record(usize),
    /// Import `size` fresh records, or (with `Some`) a file imported before, again; with
    /// `true`, the file also carries notes the tabs recorded (the office's merged file
    /// coming back).
    Import(usize, u64, Option<usize>, bool),
    Undo(usize),
    /// Start and finish one transaction at once (`true`: it fails).
    Write(usize, bool),
    /// Start a transaction; other steps happen before it [`Op::Finish`]es.
    Start(usize),
    Finish(usize, bool),
    Retry(usize),
    CatchUp(usize),
    Reload(usize),
    /// The tab dies while its next transaction runs; `true`: it had committed.
    Crash(usize, bool),
    /// The change log is pruned: up to what every tab has taken in (`false`, the rule), or
    /// to its end (`true`: a tab asleep whose mark went stale).
    Prune(bool),
}

fn op(tabs: usize) -> impl Strategy<Value = Op> {
    let tab = 0..tabs;
    prop_oneof![
        3 => tab.clone().prop_map(Op::Record),
        2 => (tab.clone(), 1u64..6, prop::option::weighted(0.3, 0usize..8), prop::bool::weighted(0.3))
            .prop_map(|(t, n, again, own)| Op::Import(t, n, again, own)),
        2 => tab.clone().prop_map(Op::Undo),
        4 => (tab.clone(), prop::bool::weighted(0.2)).prop_map(|(t, f)| Op::Write(t, f)),
        2 => tab.clone().prop_map(Op::Start),
        2 => (tab.clone(), prop::bool::weighted(0.3)).prop_map(|(t, f)| Op::Finish(t, f)),
        1 => tab.clone().prop_map(Op::Retry),
        3 => tab.clone().prop_map(Op::CatchUp),
        1 => tab.clone().prop_map(Op::Reload),
        1 => (tab, any::<bool>()).prop_map(|(t, c)| Op::Crash(t, c)),
        1 => prop::bool::weighted(0.4).prop_map(Op::Prune),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (2usize..=3).prop_flat_map(|tabs| (Just(tabs), prop::collection::vec(op(tabs), 1..60)))
}

/// What happened in one run, to show the generator reaches the interesting cases.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    undo_committed: usize,
    undo_while_other_tab_held: usize,
    failed_writes: usize,
    reimports: usize,
    crashes_after_commit: usize,
    prunes_past_a_tab: usize,
}

struct World {
    db: FakeDb,
    tabs: Vec<Tab>,
    next_id: u64,
    files: Vec<Ledger>,
    /// Records a transaction committed (and no undo took back).
    saved: BTreeSet<EventId>,
    /// Records made on a device, and those of them a write stored (never taken back).
    own: BTreeSet<EventId>,
    saved_own: BTreeSet<EventId>,
    /// Records an undo took back, with the log key of that undo.
    forbidden: BTreeMap<EventId, u64>,
    /// The step at which each record was last imported, and last asked to be undone.
    imported_at: BTreeMap<EventId, usize>,
    undo_at: BTreeMap<EventId, usize>,
    step: usize,
    /// Notes recorded, to put in files that come back.
    own_events: Vec<duty_ledger::ledger::Event>,
    /// Every undo asked for: the tab, its reload count then, the step, the batch, its records.
    undo_requests: Vec<(usize, usize, usize, EventId, Vec<EventId>)>,
    reloads: Vec<usize>,
    seen: Seen,
}

impl World {
    fn new(tabs: usize) -> World {
        // Every tab is a tab of one browser: one device, whose records the writes seal.
        let mut db = FakeDb::default();
        db.own = Some(DeviceId::from_random([0; 8]));
        World {
            tabs: (0..tabs).map(|_| Tab::open(&db)).collect(),
            db,
            next_id: 1,
            files: Vec::new(),
            saved: BTreeSet::new(),
            own: BTreeSet::new(),
            saved_own: BTreeSet::new(),
            forbidden: BTreeMap::new(),
            imported_at: BTreeMap::new(),
            undo_at: BTreeMap::new(),
            step: 0,
            own_events: Vec::new(),
            undo_requests: Vec::new(),
            reloads: vec![0; tabs],
            seen: Seen::default(),
        }
    }

    /// Runs the tab's next transaction and keeps the books.
    fn write(&mut self, t: usize, fail: bool) {
        self.tabs[t].start();
        self.finish(t, fail);
    }

    /// The tab's running transaction commits or fails.
    fn finish(&mut self, t: usize, fail: bool) {
        let before: BTreeSet<String> = self.db.records.keys().cloned().collect();
        let own_write = matches!(self.tabs[t].running, Some((_, Txn::Write { .. })));
        let Some(deleted) = self.tabs[t].finish(&mut self.db, fail) else {
            return;
        };
        if fail {
            self.seen.failed_writes += 1;
            return;
        }
        for key in self.db.records.keys().filter(|k| !before.contains(*k)) {
            let id = EventId::parse(key).unwrap();
            self.saved.insert(id);
            if own_write && self.own.contains(&id) {
                self.saved_own.insert(id);
            }
        }
        if !deleted.is_empty() {
            self.seen.undo_committed += 1;
            let key = self.db.log.last().unwrap().0;
            if self
                .tabs
                .iter()
                .enumerate()
                .any(|(o, tab)| o != t && deleted.iter().any(|id| tab.ledger.contains(id)))
            {
                self.seen.undo_while_other_tab_held += 1;
            }
            for id in deleted {
                assert!(
                    !self.saved_own.contains(&id),
                    "an undo took a device's own saved record"
                );
                self.saved.remove(&id);
                // Imported again after the undo was asked for: welcome back. A note a tab
                // recorded and has yet to write is that tab's to write.
                if self.imported_at.get(&id) < self.undo_at.get(&id) && !self.own.contains(&id) {
                    self.forbidden.insert(id, key);
                }
            }
        }
    }

    fn apply(&mut self, op: &Op) {
        self.step += 1;
        match *op {
            Op::Record(t) => {
                let event = note(self.next_id, 0, self.next_id as i64);
                let _ = t;
                self.next_id += 1;
                self.own.insert(event.id);
                self.own_events.push(event.clone());
                let tab = &mut self.tabs[t];
                tab.keeper.record(&mut tab.ledger, event);
            }
            Op::Import(t, size, again, with_own) => {
                let mut records =
                    match again.and_then(|i| self.files.get(i % self.files.len().max(1))) {
                        Some(earlier) => {
                            self.seen.reimports += 1;
                            earlier.clone()
                        }
                        None => {
                            let records = file(1_000_000 + self.next_id, size);
                            self.next_id += size;
                            self.files.push(records.clone());
                            records
                        }
                    };
                if with_own {
                    // A file relays this device's records as they were stored (sealed, with
                    // their place in its log); one not stored yet is in no file.
                    for event in self.own_events.iter().rev().take(3) {
                        let key = event.id.to_string();
                        if let Some(stored) = self
                            .db
                            .records
                            .get(&key)
                            .and_then(|v| vault::read_record(&key, v))
                        {
                            records.add(stored);
                        }
                    }
                }
                // Bringing records again is the one way back for undone records.
                for event in records.events() {
                    self.forbidden.remove(&event.id);
                    self.imported_at.insert(event.id, self.step);
                }
                let id = EventId::from_random((9_000_000 + self.next_id).to_be_bytes());
                self.next_id += 1;
                let tab = &mut self.tabs[t];
                tab.keeper
                    .import(&mut tab.ledger, id, stamp(self.next_id as i64), [&records]);
            }
            Op::Undo(t) => {
                let tab = &mut self.tabs[t];
                if let Some(batch) = tab.keeper.undoable().map(|b| b.id) {
                    let records = tab.keeper.undoable().unwrap().records.clone();
                    for id in &records {
                        self.undo_at.insert(*id, self.step);
                    }
                    self.undo_requests
                        .push((t, self.reloads[t], self.step, batch, records));
                    tab.keeper
                        .undo(&mut tab.ledger, batch, stamp(self.next_id as i64));
                }
            }
            Op::Write(t, fail) => self.write(t, fail),
            Op::Start(t) => {
                self.tabs[t].start();
            }
            Op::Finish(t, fail) => self.finish(t, fail),
            Op::Retry(t) => self.tabs[t].keeper.retry(),
            Op::CatchUp(t) => self.tabs[t].catch_up(&self.db),
            Op::Reload(t) => {
                // A transaction still running when the page goes either committed or not.
                if self.tabs[t].running.is_some() {
                    self.finish(t, false);
                }
                self.reloads[t] += 1;
                self.tabs[t] = Tab::open(&self.db);
            }
            Op::Prune(past_tabs) => {
                let upto = if past_tabs {
                    self.seen.prunes_past_a_tab += 1;
                    self.db.last_key()
                } else {
                    self.tabs.iter().map(|t| t.keeper.seen()).min().unwrap_or(0)
                };
                self.db.prune(upto);
            }
            Op::Crash(t, committed) => {
                if self.tabs[t].start() {
                    if committed {
                        self.seen.crashes_after_commit += 1;
                        self.finish(t, false);
                    }
                    self.reloads[t] += 1;
                    self.tabs[t] = Tab::open(&self.db);
                }
            }
        }
    }

    fn check(&self) {
        for id in &self.saved {
            assert!(
                self.db.records.contains_key(&id.to_string()),
                "saved record {id} is gone"
            );
        }
        // An undone record may only be there again if a live import (made elsewhere at the
        // same time, or later) brought it too.
        let stored_batches =
            vault::read_batches(&self.db.batches.values().cloned().collect::<Vec<_>>());
        fn claimed<'a>(mut batches: impl Iterator<Item = &'a Batch>, id: &EventId) -> bool {
            batches.any(|b| b.is_live() && b.records.contains(id))
        }
        for (id, key) in &self.forbidden {
            assert!(
                !self.db.records.contains_key(&id.to_string())
                    || claimed(stored_batches.values(), id),
                "undone record {id} is stored again"
            );
            for tab in &self.tabs {
                if tab.keeper.seen() >= *key {
                    assert!(
                        !tab.ledger.contains(id) || claimed(tab.keeper.batches(), id),
                        "undone record {id} is back in a tab"
                    );
                }
            }
        }
    }

    fn settle(&mut self) {
        for t in 0..self.tabs.len() {
            self.tabs[t].keeper.retry();
            while self.tabs[t].keeper.has_due() {
                self.write(t, false);
            }
        }
        for tab in &mut self.tabs {
            tab.catch_up(&self.db);
        }
        self.check();
        let (_, fresh) = self.db.open();
        for tab in &self.tabs {
            assert!(tab.keeper.is_saved());
            assert_eq!(tab.ledger, fresh, "a tab differs from a fresh start");
        }
        // The device's log never forks, whichever tab wrote: its stored records are one chain
        // from 1 to the stored head.
        let own = self.db.own.unwrap();
        let links: Vec<_> = fresh
            .events()
            .filter(|e| e.device == own && e.is_sealed())
            .filter_map(duty_ledger::trust::record::link)
            .collect();
        if let Some(head) = self.db.heads.get(&own) {
            assert_eq!(
                links.len() as u64,
                head.seq,
                "one record per place in the log"
            );
            duty_ledger::trust::verify_segment(&links, head).expect("the log is one chain");
        }
        assert!(
            fresh.events().all(|e| e.device != own || e.is_sealed()),
            "every stored record of the device has its place"
        );
        // Every undo asked for, by a tab that did not lose it in a reload, holds: the batch is
        // undone or was never stored, and its records are gone unless they were recorded on a
        // device, imported again later, or brought by another live import.
        let stored = vault::read_batches(&self.db.batches.values().cloned().collect::<Vec<_>>());
        for (t, reloads, step, batch, records) in &self.undo_requests {
            if self.reloads[*t] != *reloads {
                continue;
            }
            assert!(
                stored.get(batch).is_none_or(|b| !b.is_live()),
                "undone import {batch} is live"
            );
            for id in records {
                let kept = self.own.contains(id)
                    || self.imported_at.get(id) > Some(step)
                    || stored
                        .values()
                        .any(|b| b.is_live() && b.records.contains(id));
                assert!(kept || !fresh.contains(id), "undone record {id} came back");
            }
        }
        for id in self.forbidden.keys() {
            assert!(!fresh.contains(id) || self.db.records.contains_key(&id.to_string()));
        }
    }
}

fn run(tabs: usize, ops: &[Op]) -> Seen {
    let mut world = World::new(tabs);
    for op in ops {
        world.apply(op);
        world.check();
    }
    world.settle();
    world.seen
}

#[test]
fn saved_records_stay_undone_records_stay_gone_and_tabs_converge() {
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        ..Config::default()
    });
    runner
        .run(&scenario(), |(tabs, ops)| {
            run(tabs, &ops);
            Ok(())
        })
        .unwrap();
}

/// The generator is worth its cases: it undoes imports other tabs hold, fails writes,
/// re-imports undone files and crashes tabs after a commit, many times over.
#[test]
fn the_generator_reaches_the_hard_cases() {
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::deterministic();
    let mut total = Seen::default();
    for _ in 0..500 {
        let (tabs, ops) = scenario().new_tree(&mut runner).unwrap().current();
        let seen = run(tabs, &ops);
        total.undo_committed += seen.undo_committed;
        total.undo_while_other_tab_held += seen.undo_while_other_tab_held;
        total.failed_writes += seen.failed_writes;
        total.reimports += seen.reimports;
        total.crashes_after_commit += seen.crashes_after_commit;
        total.prunes_past_a_tab += seen.prunes_past_a_tab;
    }
    assert!(total.undo_committed > 50, "{total:?}");
    assert!(total.undo_while_other_tab_held > 10, "{total:?}");
    assert!(total.failed_writes > 100, "{total:?}");
    assert!(total.reimports > 20, "{total:?}");
    assert!(total.crashes_after_commit > 20, "{total:?}");
    assert!(total.prunes_past_a_tab > 50, "{total:?}");
}
