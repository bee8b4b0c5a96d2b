//! The progress ledger: every status change, note revision and recorded figure, as an
//! append-only set of events.
//!
//! Nothing is rewritten in place: editing a note adds a revision, deleting adds a tombstone,
//! a new status adds a change. The ledger is a grow-only set keyed by event id, so merging
//! two ledgers is a set union: commutative, associative and idempotent (see
//! `tests/ledger_merge.rs`). "Current" values (the status of a task for a unit, the latest
//! text of a note, the value of a figure on a date) are derived by last-writer-wins over
//! `(time, device, event id)`; see [`view`].

pub mod attachment;
pub mod consolidated;
pub mod coordination;
pub mod document;
pub mod event;
pub mod implementation;
pub mod lights;
pub mod meeting;
pub mod progress;
pub mod record;
pub mod rounds;
pub mod summary;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};

use crate::plan::{TaskId, UnitId};

pub use attachment::{Attachment, FileType};
pub use event::{Change, DeviceId, Event, EventId, RoundContent, RoundRef, Status, When};

#[derive(Debug, Clone, Default)]
pub struct Ledger {
    events: BTreeMap<EventId, Event>,
    /// The greatest causal stamp held (what this device's next stamp must exceed).
    newest: Option<crate::foundation::hlc::Hlc>,
    /// The records filed under each task and unit, as `(task, unit, id)`, kept with `events`
    /// (added, replaced and taken out with them), so one task's or one entry's records are
    /// found without a pass over the whole ledger (a save on a ledger of 200,000 records).
    by_key: BTreeSet<(TaskId, UnitId, EventId)>,
    /// The records revising or deleting each note, wherever they are filed, as `(note, id)`.
    by_note: BTreeSet<(EventId, EventId)>,
}

/// Two ledgers are equal when they hold the same records (the newest stamp is derived).
impl PartialEq for Ledger {
    fn eq(&self, other: &Ledger) -> bool {
        self.events == other.events
    }
}

/// What adding one event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    /// The same event was already there.
    AlreadyPresent,
    /// Another event with the same id and different content was there; the deterministic
    /// winner (see [`Event::outranks`]) is kept, so merges stay order-independent.
    Conflict,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCount {
    pub new: usize,
    pub already_present: usize,
    pub conflicts: usize,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn get(&self, id: &EventId) -> Option<&Event> {
        self.events.get(id)
    }

    pub fn contains(&self, id: &EventId) -> bool {
        self.events.contains_key(id)
    }

    /// Events in id order (deterministic, independent of arrival order).
    pub fn events(&self) -> impl ExactSizeIterator<Item = &Event> + Clone {
        self.events.values()
    }

    /// The records filed under `task`, of every unit (unit by unit, each in id order).
    pub fn of_task(&self, task: TaskId) -> impl Iterator<Item = &Event> + Clone {
        let (first, last) = id_bounds();
        self.by_key
            .range((task, UnitId::FIRST, first)..=(task, UnitId::LAST, last))
            .filter_map(|(_, _, id)| self.events.get(id))
    }

    /// The records filed under `task` by `unit`, in id order.
    pub fn of(&self, task: TaskId, unit: UnitId) -> impl Iterator<Item = &Event> + Clone {
        let (first, last) = id_bounds();
        self.by_key
            .range((task, unit, first)..=(task, unit, last))
            .filter_map(|(_, _, id)| self.events.get(id))
    }

    /// The records revising or deleting note `note` (wherever filed), in id order.
    pub fn of_note(&self, note: &EventId) -> impl Iterator<Item = &Event> + Clone {
        let (first, last) = id_bounds();
        self.by_note
            .range((*note, first)..=(*note, last))
            .filter_map(|(_, id)| self.events.get(id))
    }

    fn index(&mut self, event: &Event) {
        self.by_key.insert((event.task, event.unit, event.id));
        if let Some(note) = event.note_id() {
            self.by_note.insert((*note, event.id));
        }
    }

    fn unindex(&mut self, event: &Event) {
        self.by_key.remove(&(event.task, event.unit, event.id));
        if let Some(note) = event.note_id() {
            self.by_note.remove(&(*note, event.id));
        }
    }

    /// Holds `event` under its id, in place of what was held there (the indexes follow).
    fn put(&mut self, event: Event) {
        if let Some(old) = self.events.remove(&event.id) {
            self.unindex(&old);
        }
        self.index(&event);
        self.events.insert(event.id, event);
    }

    /// The greatest causal stamp of the records held.
    pub fn newest(&self) -> Option<crate::foundation::hlc::Hlc> {
        self.newest
    }

    fn saw(&mut self, event: &Event) {
        let stamp = event.stamp();
        if self.newest.is_none_or(|n| stamp > n) {
            self.newest = Some(stamp);
        }
    }

    pub fn add(&mut self, event: Event) -> Added {
        self.saw(&event);
        match self.events.get(&event.id) {
            None => {
                self.put(event);
                Added::New
            }
            Some(existing) if *existing == event => Added::AlreadyPresent,
            // The stored (sealed) form of a record held as it was made: the same record.
            Some(existing)
                if existing.seq.is_none()
                    && event.seq.is_some()
                    && Event {
                        seq: None,
                        prev: None,
                        ..event.clone()
                    } == *existing =>
            {
                self.put(event);
                Added::AlreadyPresent
            }
            Some(existing) => {
                if event.outranks(existing) {
                    self.put(event);
                }
                Added::Conflict
            }
        }
    }

    /// Adds every event of `other`; `self` becomes the union.
    pub fn merge(&mut self, other: &Ledger) -> MergeCount {
        let mut count = MergeCount::default();
        for event in other.events() {
            match self.add(event.clone()) {
                Added::New => count.new += 1,
                Added::AlreadyPresent => count.already_present += 1,
                Added::Conflict => count.conflicts += 1,
            }
        }
        count
    }

    /// Takes the events `ids` out. Records never leave a ledger otherwise: this only takes
    /// back the records an undone import brought.
    pub fn retract(&mut self, ids: &std::collections::BTreeSet<EventId>) {
        if ids.len() < self.events.len() / 8 {
            for id in ids {
                if let Some(old) = self.events.remove(id) {
                    self.unindex(&old);
                }
            }
        } else {
            self.events.retain(|id, _| !ids.contains(id));
            self.reindex();
        }
        self.newest = self.events.values().map(Event::stamp).max();
    }

    /// Builds the indexes anew from the records held.
    fn reindex(&mut self) {
        self.by_key.clear();
        self.by_note.clear();
        let events = std::mem::take(&mut self.events);
        for event in events.values() {
            self.index(event);
        }
        self.events = events;
    }

    /// Puts the stored (sealed) form of records this device wrote in place of the form they
    /// had before they were stored: the same record with its place in the device's log.
    /// Records not held, or held with other content, are left alone.
    pub fn seal(&mut self, sealed: &[Event]) {
        for event in sealed {
            let unsealed = Event {
                seq: None,
                prev: None,
                ..event.clone()
            };
            if let Some(held) = self.events.get_mut(&event.id)
                && held.seq.is_none()
                && unsealed == *held
            {
                *held = event.clone();
            }
        }
    }

    /// The union of two ledgers.
    pub fn merged(a: &Ledger, b: &Ledger) -> Ledger {
        let (mut big, small) = if a.len() >= b.len() {
            (a.clone(), b)
        } else {
            (b.clone(), a)
        };
        big.merge(small);
        big
    }
}

/// The least and greatest record ids (bounds of a range over the indexes).
fn id_bounds() -> (EventId, EventId) {
    (
        EventId::from_random([0; 8]),
        EventId::from_random([u8::MAX; 8]),
    )
}

impl Ledger {
    /// A ledger of records with distinct ids (as a store holds them, one per key), built at
    /// once rather than record by record.
    pub fn from_distinct(events: Vec<Event>) -> Ledger {
        let newest = events.iter().map(Event::stamp).max();
        let mut ledger = Ledger {
            events: events.into_iter().map(|e| (e.id, e)).collect(),
            newest,
            ..Ledger::default()
        };
        ledger.reindex();
        ledger
    }
}

impl FromIterator<Event> for Ledger {
    fn from_iter<I: IntoIterator<Item = Event>>(events: I) -> Ledger {
        let mut ledger = Ledger::new();
        for event in events {
            ledger.add(event);
        }
        ledger
    }
}
