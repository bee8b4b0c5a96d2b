//! 落实方案: each unit's implementation plan for its share of the table, as records
//! (`implementation`, `step`, `step_deleted`, `step_done`, `contact`), and what it is now.
//!
//! Rules (written down in ARCHITECTURE.md):
//! - Per (task, unit) the current measures and expected results are the unit's latest
//!   `implementation` record; earlier ones are its history.
//! - A step is its first record's id; its current text is its latest revision by its own unit
//!   (another unit's revision is ignored, as for notes); a deletion by that unit later than its
//!   latest version removes it from the plan (a version written after it restores it: undo
//!   that travels like any record); its history stays; whether it is done is the latest
//!   `step_done`.
//! - A step's light, for `today`: done → green; past its date (a month: its last day) → red;
//!   within 14 days → yellow; else green.
//! - The contact is the unit's latest `contact` record.
//! - Input is checked before anything is recorded ([`StepInput::check`]): a step needs what,
//!   a date (a day or a month) inside the plan's year, and a 责任人.

use std::collections::BTreeMap;

use super::event::{EventProblem, When};
use super::lights::Light;
use super::{Change, Event, EventId, Ledger};
use crate::foundation::time::{Date, Stamp};
use crate::plan::{TaskId, UnitId, plan};

/// How many days ahead a step's date turns its light yellow.
pub const STEP_WARN_DAYS: i64 = 14;

/// A unit's measures and expected results for a task, now.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    pub measures: String,
    pub results: String,
    pub at: Stamp,
    pub author: Option<String>,
    /// How many versions there are (this one included).
    pub revisions: usize,
}

/// A step of a 落实方案, now.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: EventId,
    pub task: TaskId,
    pub what: String,
    pub when: When,
    pub person: String,
    pub done: bool,
    /// When it was marked done (the latest `step_done`, if done).
    pub done_at: Option<Stamp>,
    /// When the step was first written, and when its current version.
    pub created: Stamp,
    pub changed: Stamp,
    pub revisions: usize,
}

impl Step {
    /// The step's light on `today` (see the module's rule).
    pub fn light(&self, today: Date) -> Light {
        step_light(self.when, self.done, today)
    }
}

/// A step's light: done → green; past its last day → red; within [`STEP_WARN_DAYS`] → yellow;
/// else green.
pub fn step_light(when: When, done: bool, today: Date) -> Light {
    let last = when.last_day();
    if done {
        Light::Green
    } else if today > last {
        Light::Red
    } else if today.days_until(last) <= STEP_WARN_DAYS {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// The unit's contact person for its 落实方案.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub post: String,
    pub phone: String,
    pub at: Stamp,
}

/// A task's part of a unit's 落实方案.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskPlan {
    pub measures: Option<Measures>,
    /// Steps not removed, by date, then when written.
    pub steps: Vec<Step>,
    /// Steps removed (their last version), to bring back.
    pub removed: Vec<Step>,
}

impl TaskPlan {
    /// Nothing written (removed steps aside).
    pub fn is_empty(&self) -> bool {
        self.measures.is_none() && self.steps.is_empty()
    }
}

/// A unit's whole 落实方案 as the records given make it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitPlan {
    pub contact: Option<Contact>,
    pub tasks: BTreeMap<TaskId, TaskPlan>,
}

impl UnitPlan {
    /// The plan `unit` wrote, from `events` (the whole ledger, or the records as submitted).
    pub fn build<'a>(events: impl IntoIterator<Item = &'a Event>, unit: UnitId) -> UnitPlan {
        let mut measures: BTreeMap<TaskId, (&Event, usize)> = BTreeMap::new();
        let mut revisions: BTreeMap<EventId, Vec<&Event>> = BTreeMap::new();
        let mut deleted: BTreeMap<EventId, &Event> = BTreeMap::new();
        let mut done: BTreeMap<EventId, &Event> = BTreeMap::new();
        let mut contact: Option<&Event> = None;
        let later = |slot: &mut &'a Event, event: &'a Event| {
            if event.lww_cmp(slot).is_gt() {
                *slot = event;
            }
        };
        for event in events.into_iter().filter(|e| e.unit == unit) {
            match &event.change {
                Change::Implementation { .. } => {
                    let slot = measures.entry(event.task).or_insert((event, 0));
                    slot.1 += 1;
                    later(&mut slot.0, event);
                }
                Change::Step { step, .. } => revisions.entry(*step).or_default().push(event),
                Change::StepDeleted { step } => later(deleted.entry(*step).or_insert(event), event),
                Change::StepDone { step, .. } => later(done.entry(*step).or_insert(event), event),
                Change::Contact { .. } => match &mut contact {
                    Some(slot) => later(slot, event),
                    None => contact = Some(event),
                },
                _ => {}
            }
        }
        let mut plan = UnitPlan {
            contact: contact.and_then(|e| match &e.change {
                Change::Contact { name, post, phone } => Some(Contact {
                    name: name.clone(),
                    post: post.clone(),
                    phone: phone.clone(),
                    at: e.at,
                }),
                _ => None,
            }),
            tasks: BTreeMap::new(),
        };
        for (task, (event, n)) in measures {
            if let Change::Implementation { measures, results } = &event.change {
                plan.tasks.entry(task).or_default().measures = Some(Measures {
                    measures: measures.clone(),
                    results: results.clone(),
                    at: event.at,
                    author: event.author.clone(),
                    revisions: n,
                });
            }
        }
        for (id, mut versions) in revisions {
            versions.sort_by(|a, b| a.lww_cmp(b));
            let (first, current) = (versions[0], versions[versions.len() - 1]);
            // Removed while the removal is later than its latest version (a version written
            // after the removal brings it back).
            let removed = deleted.get(&id).is_some_and(|d| d.lww_cmp(current).is_gt());
            let Change::Step {
                what, when, person, ..
            } = &current.change
            else {
                continue;
            };
            let done = done.get(&id).and_then(|e| match e.change {
                Change::StepDone { done: true, .. } => Some(e.at),
                _ => None,
            });
            let step = Step {
                id,
                task: current.task,
                what: what.clone(),
                when: *when,
                person: person.clone(),
                done: done.is_some(),
                done_at: done,
                created: first.at,
                changed: current.at,
                revisions: versions.len(),
            };
            let part = plan.tasks.entry(current.task).or_default();
            if removed {
                part.removed.push(step);
            } else {
                part.steps.push(step);
            }
        }
        for task in plan.tasks.values_mut() {
            task.steps
                .sort_by_key(|s| (s.when.last_day(), s.when.first_day(), s.created, s.id));
        }
        plan
    }

    /// Every step not removed, with its task, in date order.
    pub fn steps(&self) -> Vec<&Step> {
        let mut all: Vec<&Step> = self.tasks.values().flat_map(|t| &t.steps).collect();
        all.sort_by_key(|s| (s.when.last_day(), s.task, s.created, s.id));
        all
    }
}

/// The unit's 落实方案 now.
pub fn unit_plan(ledger: &Ledger, unit: UnitId) -> UnitPlan {
    UnitPlan::build(ledger.events(), unit)
}

/// The versions of a step, oldest first (its own unit's revisions, and its removal).
pub fn step_history(ledger: &Ledger, step: EventId) -> Vec<&Event> {
    let Some(first) = ledger.get(&step) else {
        return Vec::new();
    };
    let mut found: Vec<&Event> = ledger
        .events()
        .filter(|e| e.unit == first.unit)
        .filter(|e| {
            matches!(&e.change, Change::Step { step: s, .. } | Change::StepDeleted { step: s } if *s == step)
        })
        .collect();
    found.sort_by(|a, b| a.lww_cmp(b));
    found
}

/// The versions of the unit's measures for `task`, oldest first.
pub fn measures_history(ledger: &Ledger, task: TaskId, unit: UnitId) -> Vec<&Event> {
    let mut found: Vec<&Event> = ledger
        .events()
        .filter(|e| {
            e.task == task && e.unit == unit && matches!(e.change, Change::Implementation { .. })
        })
        .collect();
    found.sort_by(|a, b| a.lww_cmp(b));
    found
}

/// The tasks a unit writes a 落实方案 for: every task that concerns it (leading, responsible or
/// cooperating, directly or through a group), in table order.
pub fn tasks_of(unit: UnitId) -> Vec<TaskId> {
    plan()
        .tasks
        .iter()
        .filter(|t| t.involvements(unit).next().is_some())
        .map(|t| t.id)
        .collect()
}

/// Why a step as typed cannot be recorded yet.
#[derive(Debug, Clone, PartialEq)]
pub enum StepProblem {
    /// Nothing says what the step is.
    NoWhat,
    /// No date or month.
    NoDate,
    /// A date that does not read as a day or a month.
    BadDate,
    /// No 责任人.
    NoPerson,
    /// The record's own rules (a date outside the plan's year, a name too long …).
    Record(EventProblem),
}

/// A step as typed in the form: all text, checked before anything is recorded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepInput {
    pub what: String,
    /// `YYYY-MM-DD` or `YYYY-MM` (what a date or month field gives).
    pub when: String,
    pub person: String,
}

impl StepInput {
    /// The date read, or why not. The form is never cleared on a refusal.
    pub fn check(&self) -> Result<When, StepProblem> {
        if self.what.trim().is_empty() {
            return Err(StepProblem::NoWhat);
        }
        let when = self.when.trim();
        if when.is_empty() {
            return Err(StepProblem::NoDate);
        }
        let when = When::parse(when).map_err(|_| StepProblem::BadDate)?;
        if self.person.trim().is_empty() {
            return Err(StepProblem::NoPerson);
        }
        let (start, end) = plan().period();
        if when.first_day() < start || when.last_day() > end {
            return Err(StepProblem::Record(EventProblem::StepOutsideYear {
                year: start.year(),
            }));
        }
        Ok(when)
    }
}
