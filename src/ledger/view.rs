//! Current values derived from the event set: statuses, note threads with their history,
//! figure series. Last writer wins by `(time, device, event id)`; a record can only be
//! changed by its own unit (a revision from another unit is ignored).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Ledger;
use super::event::{Change, Event, EventId, Status};
use crate::foundation::time::{Date, Stamp};
use crate::plan::{TaskId, UnitId};

/// A note and all its revisions, oldest first (by the last-writer-wins order).
#[derive(Debug, Clone)]
pub struct NoteThread<'a> {
    pub id: &'a EventId,
    pub task: TaskId,
    pub unit: UnitId,
    pub revisions: Vec<&'a Event>,
}

/// Which note a revision or deletion is for: enough to write one without holding the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRef {
    pub id: EventId,
    pub task: TaskId,
    pub unit: UnitId,
}

impl<'a> NoteThread<'a> {
    pub fn note_ref(&self) -> NoteRef {
        NoteRef {
            id: *self.id,
            task: self.task,
            unit: self.unit,
        }
    }

    pub fn current(&self) -> &'a Event {
        self.revisions
            .last()
            .expect("a thread has at least one revision")
    }

    pub fn is_deleted(&self) -> bool {
        matches!(self.current().change, Change::NoteDeleted { .. })
    }

    /// The text now, or `None` once deleted.
    pub fn text(&self) -> Option<&'a str> {
        match &self.current().change {
            Change::Note { text, .. } => Some(text),
            _ => None,
        }
    }

    /// When the note was first written.
    pub fn created(&self) -> Stamp {
        self.revisions[0].at
    }

    /// The date the work happened (工作日期): the newest revision that states one, else the day
    /// the note was first written.
    pub fn work_date(&self) -> Date {
        self.revisions
            .iter()
            .rev()
            .find_map(|e| e.work_date)
            .unwrap_or_else(|| self.created().local_date())
    }

    pub fn was_edited(&self) -> bool {
        self.revisions.len() > 1
    }
}

/// Groups note events into threads. The owner of a thread is its first revision (the event
/// whose id is the note id, or else the earliest); revisions from elsewhere are ignored.
fn threads<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<NoteThread<'a>> {
    let mut by_note: BTreeMap<&'a EventId, Vec<&'a Event>> = BTreeMap::new();
    for event in events {
        if let Some(note) = event.note_id() {
            by_note.entry(note).or_default().push(event);
        }
    }
    let mut threads: Vec<NoteThread<'a>> = by_note
        .into_iter()
        .map(|(id, mut revisions)| {
            revisions.sort_by(|a, b| a.lww_cmp(b));
            let owner = revisions
                .iter()
                .find(|e| e.id == *id && matches!(e.change, Change::Note { .. }))
                .unwrap_or(&revisions[0]);
            let (task, unit) = (owner.task, owner.unit);
            revisions.retain(|e| e.task == task && e.unit == unit);
            NoteThread {
                id,
                task,
                unit,
                revisions,
            }
        })
        .collect();
    threads.sort_by_cached_key(|t| (t.work_date(), t.created(), *t.id));
    threads
}

/// Every note of a task (all units), by the date of the work, oldest first (then by when they
/// were written), deleted ones included for the history.
pub fn note_threads(ledger: &Ledger, task: TaskId) -> Vec<NoteThread<'_>> {
    threads(ledger.of_task(task))
}

/// The status changes on a task, of one unit or of all, oldest first.
pub fn status_history(ledger: &Ledger, task: TaskId, unit: Option<UnitId>) -> Vec<&Event> {
    let mut history: Vec<&Event> = ledger
        .of_task(task)
        .filter(|e| unit.is_none_or(|u| e.unit == u) && matches!(e.change, Change::Status { .. }))
        .collect();
    history.sort_by(|a, b| a.lww_cmp(b));
    history
}

/// One value of a figure series: the winning record for its date.
#[derive(Debug, Clone, PartialEq)]
pub struct FigurePoint {
    pub as_of: Date,
    pub value: f64,
    pub recorded: Stamp,
}

/// The figures a unit recorded for one target: per date the last writer wins; oldest date first.
pub fn figure_series(
    ledger: &Ledger,
    task: TaskId,
    unit: UnitId,
    target: &str,
) -> Vec<FigurePoint> {
    let mut by_date: BTreeMap<Date, &Event> = BTreeMap::new();
    for event in ledger.of(task, unit) {
        if let Change::Figure {
            target: t, as_of, ..
        } = &event.change
            && t == target
        {
            let slot = by_date.entry(*as_of).or_insert(event);
            if event.lww_cmp(slot).is_gt() {
                *slot = event;
            }
        }
    }
    by_date
        .into_iter()
        .filter_map(|(as_of, event)| match event.change {
            Change::Figure { value, .. } => Some(FigurePoint {
                as_of,
                value,
                recorded: event.at,
            }),
            _ => None,
        })
        .collect()
}

/// The current status of a task for a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusNow {
    pub status: Status,
    pub reason: Option<String>,
    pub at: Stamp,
    /// The date the work happened (for 受阻: since when).
    pub work_date: Date,
    pub author: Option<String>,
}

/// The newest note text of a task for a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteSnippet {
    pub at: Stamp,
    /// The date the work happened; the newest note is the one with the latest work date.
    pub work_date: Date,
    pub text: String,
}

/// What the lists need for one (task, unit), owned so it can live in a reactive memo.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub status: Option<StatusNow>,
    pub latest_note: Option<NoteSnippet>,
    pub notes: usize,
    /// Figure series per target id.
    pub figures: BTreeMap<String, Vec<FigurePoint>>,
    pub last_activity: Option<Stamp>,
}

/// Summaries for every (task, unit) with records, built in one pass over the ledger.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    entries: HashMap<(TaskId, UnitId), Summary>,
    /// The newest record time per unit, to show how fresh each unit's data is.
    pub latest_by_unit: BTreeMap<UnitId, Stamp>,
}

impl Overview {
    pub fn build(ledger: &Ledger) -> Overview {
        Overview::build_from(ledger.events())
    }

    /// Brings the overview up to date after records with new ids and the given (task, unit)
    /// `keys` were added to `ledger`, rebuilding only those entries: one pass over the ledger instead of a
    /// whole rebuild, so a save stays fast on a ledger of 200,000 records. For records taken
    /// away or replaced, build anew. `tests/ledger_merge.rs` checks it equals [`Overview::build`].
    pub fn refresh(&mut self, ledger: &Ledger, keys: &BTreeSet<(TaskId, UnitId)>) {
        // The notes the new records touch may be filed under other entries too (a hand-made
        // file can revise a note under another task): those entries are rebuilt as well.
        // Found through the ledger's indexes: no pass over the whole ledger.
        let notes_of = |keys: &BTreeSet<(TaskId, UnitId)>| -> BTreeSet<&EventId> {
            keys.iter()
                .flat_map(|(task, unit)| ledger.of(*task, *unit))
                .filter_map(Event::note_id)
                .collect()
        };
        let touched = notes_of(keys);
        let mut wider = keys.clone();
        wider.extend(
            touched
                .iter()
                .flat_map(|note| ledger.of_note(note))
                .map(|e| (e.task, e.unit)),
        );
        // Those entries from their records and every record of their notes, wherever filed.
        let notes = if wider.len() == keys.len() {
            touched
        } else {
            notes_of(&wider)
        };
        let keys = wider;
        // Their records and every record of their notes, each once, in id order.
        let mut records: Vec<&Event> = keys
            .iter()
            .flat_map(|(task, unit)| ledger.of(*task, *unit))
            .chain(notes.iter().flat_map(|note| ledger.of_note(note)))
            .collect();
        records.sort_unstable_by_key(|e| e.id);
        records.dedup_by_key(|e| e.id);
        let part = Overview::build_from(records.iter().copied());
        for key in &keys {
            match part.entries.get(key) {
                Some(entry) => self.entries.insert(*key, entry.clone()),
                None => self.entries.remove(key),
            };
        }
        for (unit, at) in part.latest_by_unit {
            if keys.iter().any(|(_, u)| *u == unit) {
                let latest = self.latest_by_unit.entry(unit).or_insert(at);
                *latest = (*latest).max(at);
            }
        }
    }

    fn build_from<'a>(events: impl Iterator<Item = &'a Event> + Clone) -> Overview {
        let mut overview = Overview::default();
        let mut statuses: HashMap<(TaskId, UnitId), &Event> = HashMap::new();
        let mut figures: HashMap<(TaskId, UnitId, &str, Date), &Event> = HashMap::new();
        for event in events.clone() {
            let key = (event.task, event.unit);
            let entry = overview.entries.entry(key).or_default();
            entry.last_activity = entry.last_activity.max(Some(event.at));
            let latest = overview
                .latest_by_unit
                .entry(event.unit)
                .or_insert(event.at);
            *latest = (*latest).max(event.at);
            match &event.change {
                Change::Status { .. } => {
                    let slot = statuses.entry(key).or_insert(event);
                    if event.lww_cmp(slot).is_gt() {
                        *slot = event;
                    }
                }
                Change::Figure { target, as_of, .. } => {
                    let slot = figures
                        .entry((event.task, event.unit, target, *as_of))
                        .or_insert(event);
                    if event.lww_cmp(slot).is_gt() {
                        *slot = event;
                    }
                }
                Change::Note { .. }
                | Change::NoteDeleted { .. }
                | Change::Coordination { .. }
                | Change::Implementation { .. }
                | Change::Step { .. }
                | Change::StepDeleted { .. }
                | Change::StepDone { .. }
                | Change::Contact { .. }
                | Change::Round { .. }
                | Change::Submitted { .. }
                | Change::Returned { .. }
                | Change::Summary { .. } => {}
            }
        }
        for (key, event) in statuses {
            if let Change::Status { status, reason } = &event.change {
                overview.entries.entry(key).or_default().status = Some(StatusNow {
                    status: *status,
                    reason: reason.clone(),
                    at: event.at,
                    work_date: event.work_date(),
                    author: event.author.clone(),
                });
            }
        }
        let mut figure_points: Vec<_> = figures.into_iter().collect();
        figure_points.sort_by_key(|((_, _, _, date), _)| *date);
        for ((task, unit, target, as_of), event) in figure_points {
            if let Change::Figure { value, .. } = event.change {
                let entry = overview.entries.entry((task, unit)).or_default();
                entry
                    .figures
                    .entry(target.to_string())
                    .or_default()
                    .push(FigurePoint {
                        as_of,
                        value,
                        recorded: event.at,
                    });
            }
        }
        for thread in threads(events) {
            let Some(text) = thread.text() else { continue };
            let entry = overview
                .entries
                .entry((thread.task, thread.unit))
                .or_default();
            entry.notes += 1;
            let at = thread.current().at;
            let work_date = thread.work_date();
            if entry
                .latest_note
                .as_ref()
                .is_none_or(|n| (n.work_date, n.at) <= (work_date, at))
            {
                entry.latest_note = Some(NoteSnippet {
                    at,
                    work_date,
                    text: text.to_string(),
                });
            }
        }
        overview
    }

    pub fn get(&self, task: TaskId, unit: UnitId) -> Option<&Summary> {
        self.entries.get(&(task, unit))
    }

    pub fn status(&self, task: TaskId, unit: UnitId) -> Option<Status> {
        self.get(task, unit)?.status.as_ref().map(|s| s.status)
    }

    /// Units that have any record.
    pub fn units_with_records(&self) -> impl Iterator<Item = UnitId> + '_ {
        self.latest_by_unit.keys().copied()
    }
}
