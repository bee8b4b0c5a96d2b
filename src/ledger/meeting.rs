//! The coordination meeting (the May meeting of the table's last area: 跨部门衔接问题): what
//! its 会议材料 lists, grouped by the departments involved, and the decisions taken there.
//!
//! Rules (written down in ARCHITECTURE.md):
//! - The meeting lists every 需协调 item: each (task, unit) blocked now, and each matter the
//!   office answered that is not settled (已协调) yet, even if the unit is no longer blocked.
//! - An item's departments are the blocked unit and every unit the office's answers named to
//!   act; items with the same departments form one group. Groups follow the plan's order of
//!   their first department (then the rest); items in a group, the longest raised first.
//! - A decision (会议决定) is a coordination answer marked with the meeting's date
//!   (`Change::Coordination::meeting`); it becomes the current answer like any other, so the
//!   next report shows it, and the item's replies keep every earlier one.

use std::collections::{BTreeMap, BTreeSet};

use super::consolidated::needs_coordination;
use super::coordination::{Answer, State, answers, replies, state};
use super::{Change, Event, Ledger, Status};
use crate::foundation::time::Date;
use crate::plan::{TaskId, UnitId};

/// One item of the meeting's material.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub task: TaskId,
    /// The unit that raised it (受阻).
    pub unit: UnitId,
    /// Why (the latest 受阻 reason).
    pub reason: String,
    /// The day it was raised: the work date of the first 受阻 of the latest run.
    pub raised: Date,
    /// Whether the unit is blocked now.
    pub blocked: bool,
    pub state: State,
    /// The office's replies so far, oldest first; decisions carry their meeting's date.
    pub replies: Vec<Answer>,
    /// The departments involved, in the plan's order.
    pub departments: Vec<UnitId>,
}

impl Item {
    /// The decisions taken at meetings on this item, oldest first.
    pub fn decisions(&self) -> impl Iterator<Item = &Answer> {
        self.replies.iter().filter(|a| a.meeting.is_some())
    }

    /// The latest decision, if one was taken and no later reply replaced it.
    pub fn current_decision(&self) -> Option<&Answer> {
        self.replies.last().filter(|a| a.meeting.is_some())
    }
}

/// The items that involve the same departments.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub departments: Vec<UnitId>,
    pub items: Vec<Item>,
}

/// The latest run of 受阻 of `unit` on `task`: the latest reason and the day the run began.
fn latest_block(ledger: &Ledger, task: TaskId, unit: UnitId) -> Option<(String, Date)> {
    let mut history: Vec<&Event> = ledger
        .events()
        .filter(|e| e.task == task && e.unit == unit && matches!(e.change, Change::Status { .. }))
        .collect();
    history.sort_by(|a, b| a.lww_cmp(b));
    let blocked = |e: &&Event| {
        matches!(
            e.change,
            Change::Status {
                status: Status::Blocked,
                ..
            }
        )
    };
    let last = history.iter().rposition(blocked)?;
    let run = history[..=last].iter().rev().take_while(|e| blocked(e));
    let raised = run.map(|e| e.work_date()).min()?;
    let reason = match &history[last].change {
        Change::Status { reason, .. } => reason.clone().unwrap_or_default(),
        _ => String::new(),
    };
    Some((reason, raised))
}

/// Every item the meeting lists, not grouped (blocked now first by the day raised, then the
/// answered ones).
pub fn items(ledger: &Ledger) -> Vec<Item> {
    let mut found: Vec<Item> = needs_coordination(ledger)
        .into_iter()
        .map(|b| Item {
            task: b.task,
            unit: b.unit,
            reason: b.reason,
            raised: b.since,
            blocked: true,
            state: b.state,
            replies: Vec::new(),
            departments: Vec::new(),
        })
        .collect();
    let listed: BTreeSet<(TaskId, UnitId)> = found.iter().map(|i| (i.task, i.unit)).collect();
    for ((task, unit), _) in answers(ledger) {
        if listed.contains(&(task, unit)) || state(ledger, task, unit) != State::Answered {
            continue;
        }
        // An answer on a matter that was never blocked (the office may answer any unit on the
        // task) still lists, raised the day of the first answer.
        let block = latest_block(ledger, task, unit);
        let replies = replies(ledger, task, unit);
        let Some(raised) = block
            .as_ref()
            .map(|b| b.1)
            .or_else(|| replies.first().map(|a| a.at.local_date()))
        else {
            continue;
        };
        let reason = block.map(|b| b.0).unwrap_or_default();
        found.push(Item {
            task,
            unit,
            reason,
            raised,
            blocked: false,
            state: State::Answered,
            replies: Vec::new(),
            departments: Vec::new(),
        });
    }
    for item in &mut found {
        item.replies = replies(ledger, item.task, item.unit);
        let mut departments: BTreeSet<UnitId> = BTreeSet::from([item.unit]);
        departments.extend(item.replies.iter().map(|a| a.owner));
        item.departments = departments.into_iter().collect();
    }
    found
}

/// The meeting's material: the items grouped by the departments involved.
pub fn agenda(ledger: &Ledger) -> Vec<Group> {
    let mut groups: BTreeMap<Vec<UnitId>, Vec<Item>> = BTreeMap::new();
    for item in items(ledger) {
        groups
            .entry(item.departments.clone())
            .or_default()
            .push(item);
    }
    groups
        .into_iter()
        .map(|(departments, mut items)| {
            items.sort_by_key(|i| (i.raised, i.task, i.unit));
            Group { departments, items }
        })
        .collect()
}

/// The decisions taken at the meeting held on `meeting`, as (task, unit, decision), in task
/// order: what the next report and the minutes show.
pub fn decided_at(ledger: &Ledger, meeting: Date) -> Vec<(TaskId, UnitId, Answer)> {
    let mut keys: BTreeSet<(TaskId, UnitId)> = BTreeSet::new();
    for e in ledger.events() {
        if let (
            Some(key),
            Change::Coordination {
                meeting: Some(m), ..
            },
        ) = (e.coordination_of(), &e.change)
            && *m == meeting
            && e.unit == UnitId::coordinator()
        {
            keys.insert(key);
        }
    }
    keys.into_iter()
        .flat_map(|(task, unit)| {
            replies(ledger, task, unit)
                .into_iter()
                .filter(|a| a.meeting == Some(meeting))
                .map(move |a| (task, unit, a))
        })
        .collect()
}
