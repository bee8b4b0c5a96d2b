//! 需协调 with an answer: the coordinating office's replies (协调意见) to units blocked on a
//! task, as records (`Change::Coordination`), and what they mean now.
//!
//! Rules (written down in ARCHITECTURE.md):
//! - Only the coordinating office writes coordination records (`Event::check`); each names the
//!   unit it answers (`about`), the reply, the unit to act (`owner`), the due date and whether
//!   the matter is settled (已协调).
//! - The current answer for (task, unit) is the latest of the office's records about it, by the
//!   same last-writer-wins order as every record (causal stamp, device, id); earlier answers stay
//!   in its history. Undoing the import that brought an answer brings the previous one back.
//! - A matter is 已协调 when its current answer is marked so and is later than the unit's latest
//!   受阻 record on the task: a unit blocked again after the answer is open again, with the
//!   answer still shown.

use std::collections::BTreeMap;

use super::{Change, Event, Ledger, Status};
use crate::foundation::time::{Date, Stamp};
use crate::plan::{TaskId, UnitId};

/// The office's current answer on a (task, unit).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub reply: String,
    pub owner: UnitId,
    pub due: Date,
    pub resolved: bool,
    /// When the office wrote it.
    pub at: Stamp,
    pub author: Option<String>,
    /// How many answers the office has written on this matter (this one included).
    pub revisions: usize,
    /// Since format 5: the day of the coordination meeting that took this answer as its
    /// decision (会议决定); `None` for the office's own reply.
    pub meeting: Option<Date>,
}

/// Where a 需协调 stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// No answer yet (or the unit was blocked again after the office settled it).
    Open,
    /// Answered, not yet settled.
    Answered,
    /// 已协调.
    Settled,
}

/// The office's answers, oldest first, about `unit` on `task`.
pub fn history(ledger: &Ledger, task: TaskId, unit: UnitId) -> Vec<&Event> {
    let mut found: Vec<&Event> = ledger
        .of(task, UnitId::coordinator())
        .filter(|e| e.coordination_of() == Some((task, unit)))
        .collect();
    found.sort_by(|a, b| a.lww_cmp(b));
    found
}

fn answer_of(event: &Event, revisions: usize) -> Option<Answer> {
    match &event.change {
        Change::Coordination {
            reply,
            owner,
            due,
            resolved,
            meeting,
            ..
        } => Some(Answer {
            reply: reply.clone(),
            owner: *owner,
            due: *due,
            resolved: *resolved,
            at: event.at,
            author: event.author.clone(),
            revisions,
            meeting: *meeting,
        }),
        _ => None,
    }
}

/// Every answer of the office on (task, unit), oldest first (`revisions` counts up from 1):
/// the replies so far, meeting decisions among them.
pub fn replies(ledger: &Ledger, task: TaskId, unit: UnitId) -> Vec<Answer> {
    history(ledger, task, unit)
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| answer_of(e, i + 1))
        .collect()
}

/// The current answer on (task, unit), if the office has written one.
pub fn answer(ledger: &Ledger, task: TaskId, unit: UnitId) -> Option<Answer> {
    let history = history(ledger, task, unit);
    answer_of(history.last()?, history.len())
}

/// Every current answer, with the record it comes from, in one pass over the ledger.
pub fn answers(ledger: &Ledger) -> BTreeMap<(TaskId, UnitId), Answer> {
    let mut latest: BTreeMap<(TaskId, UnitId), (&Event, usize)> = BTreeMap::new();
    let office = UnitId::coordinator();
    for event in ledger.events().filter(|e| e.unit == office) {
        if let Some(key) = event.coordination_of() {
            let slot = latest.entry(key).or_insert((event, 0));
            slot.1 += 1;
            if event.lww_cmp(slot.0).is_gt() {
                slot.0 = event;
            }
        }
    }
    latest
        .into_iter()
        .filter_map(|(key, (event, n))| Some((key, answer_of(event, n)?)))
        .collect()
}

/// Where the matter of `unit` on `task` stands: settled only when the current answer says so
/// and came after the unit's latest 受阻.
pub fn state(ledger: &Ledger, task: TaskId, unit: UnitId) -> State {
    let history = history(ledger, task, unit);
    let Some(current) = history.last() else {
        return State::Open;
    };
    let resolved = matches!(current.change, Change::Coordination { resolved: true, .. });
    let blocked_after = ledger.of(task, unit).any(|e| {
        matches!(
            e.change,
            Change::Status {
                status: Status::Blocked,
                ..
            }
        ) && e.lww_cmp(current).is_gt()
    });
    match (resolved, blocked_after) {
        (_, true) => State::Open,
        (true, false) => State::Settled,
        (false, false) => State::Answered,
    }
}
