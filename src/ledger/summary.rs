//! 年度总结: each unit's summary of its results on a task (the table's last area: before
//! 8 November every unit sums up and hands its 落实情况 to the office), as records
//! (`Change::Summary`, since format 5).
//!
//! Rules (written down in ARCHITECTURE.md):
//! - A unit writes summaries only on tasks that concern it (`Event::check`), in its own name.
//! - The current summary of (task, unit) is the unit's latest by last-writer-wins; earlier
//!   versions stay as its history (`versions`). Nothing is ever overwritten.
//! - Whether a summary was *submitted* is the submission record's business, not this one's.

use std::collections::BTreeMap;

use super::{Change, Event, Ledger};
use crate::foundation::time::Stamp;
use crate::plan::{TaskId, UnitId};

/// A unit's current 年度总结 on a task.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub text: String,
    /// When this version was written.
    pub at: Stamp,
    pub author: Option<String>,
    /// How many versions the unit has written (this one included).
    pub versions: usize,
}

fn summary_of(event: &Event, versions: usize) -> Option<Summary> {
    match &event.change {
        Change::Summary { text } => Some(Summary {
            text: text.clone(),
            at: event.at,
            author: event.author.clone(),
            versions,
        }),
        _ => None,
    }
}

/// Every version of `unit`'s summary on `task`, oldest first.
pub fn versions(ledger: &Ledger, task: TaskId, unit: UnitId) -> Vec<&Event> {
    let mut found: Vec<&Event> = ledger
        .events()
        .filter(|e| e.task == task && e.unit == unit && matches!(e.change, Change::Summary { .. }))
        .collect();
    found.sort_by(|a, b| a.lww_cmp(b));
    found
}

/// `unit`'s current summary on `task`, if it wrote one.
pub fn current(ledger: &Ledger, task: TaskId, unit: UnitId) -> Option<Summary> {
    let all = versions(ledger, task, unit);
    summary_of(all.last()?, all.len())
}

/// Every current summary, in one pass over the ledger.
pub fn all_current(ledger: &Ledger) -> BTreeMap<(TaskId, UnitId), Summary> {
    let mut latest: BTreeMap<(TaskId, UnitId), (&Event, usize)> = BTreeMap::new();
    for event in ledger.events() {
        if matches!(event.change, Change::Summary { .. }) {
            let slot = latest.entry((event.task, event.unit)).or_insert((event, 0));
            slot.1 += 1;
            if event.lww_cmp(slot.0).is_gt() {
                slot.0 = event;
            }
        }
    }
    latest
        .into_iter()
        .filter_map(|(key, (event, n))| Some((key, summary_of(event, n)?)))
        .collect()
}
