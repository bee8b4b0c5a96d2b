//! Reporting rounds (报送轮次) and submissions (提交): what each unit owes the office in a
//! round, and where each unit stands, decided from the set of records alone.
//!
//! A round is the 落实方案, the 年度总结, or a round the office sets with a title and a due
//! date (a quarter's progress, say). What a unit submits in a round is its *content*
//! ([`RoundContent`]: the 落实方案's measures, steps and contact; the 年度总结's records; its
//! progress). Rules (written down in ARCHITECTURE.md):
//! - A round's due date and title are the office's latest `round` record for it (by
//!   last-writer-wins); without one, the 年度总结 is due on the date the table sets for every
//!   task to report (11-08 in 2023), else 11-08 of the plan's year; the 落实方案 has no due
//!   date until the office sets one; an office round exists only by its records and is gone
//!   when its latest record withdraws it.
//! - A unit's state in a round: its latest `submitted` record for the round, if any; a 退回
//!   counts only when the office's return names that very submission. No submission: 未开始
//!   without content, 草稿 with. Submitted: 已退回 when returned, else 提交后已修改 when a content
//!   record of the unit outranks the submission (the same causal order as every record),
//!   else 已提交. Every step is a maximum over a set, so the state does not depend on the order
//!   records arrive in (`tests/rounds.rs` checks it as a property).
//! - Who owes a round: the units the matrix has columns for (every unit a 责任单位 cell names,
//!   and the subdistrict offices), never the office itself.

use std::collections::BTreeMap;

use super::event::{RoundContent, RoundRef};
use super::{Change, Event, EventId, Ledger};
use crate::foundation::time::{Date, Stamp};
use crate::plan::milestones::{MilestoneKind, MilestoneScope};
use crate::plan::{UnitId, plan};

/// A round as it stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub round: RoundRef,
    /// The office's title (office rounds only; the built-in ones are named by the interface).
    pub title: Option<String>,
    /// By when units submit (the 落实方案 may have none yet).
    pub due: Option<Date>,
    /// Whether the office set the due date itself (else it is the table's).
    pub set_by_office: bool,
    /// When the round was set or last changed by the office, if it was.
    pub set_at: Option<Stamp>,
}

/// Where a unit stands in a round.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// 未开始: nothing written for the round.
    NotStarted,
    /// 草稿: written, not submitted.
    Draft,
    /// 已提交 (with its date).
    Submitted { submission: EventId, at: Stamp },
    /// 提交后已修改: submitted, then changed (the submitted text stays readable).
    Revised {
        submission: EventId,
        at: Stamp,
        /// When the latest change was written.
        changed: Stamp,
    },
    /// 已退回: the office returned the submission with a reason.
    Returned {
        submission: EventId,
        at: Stamp,
        reason: String,
        /// When the office returned it.
        returned: Stamp,
    },
}

impl State {
    /// Whether the unit has submitted and the office holds it (submitted, revised after).
    pub fn is_submitted(&self) -> bool {
        matches!(self, State::Submitted { .. } | State::Revised { .. })
    }

    /// The submission the state speaks of, if any.
    pub fn submission(&self) -> Option<EventId> {
        match self {
            State::NotStarted | State::Draft => None,
            State::Submitted { submission, .. }
            | State::Revised { submission, .. }
            | State::Returned { submission, .. } => Some(*submission),
        }
    }

    /// A token for CSS classes and tests.
    pub fn token(&self) -> &'static str {
        match self {
            State::NotStarted => "not_started",
            State::Draft => "draft",
            State::Submitted { .. } => "submitted",
            State::Revised { .. } => "revised",
            State::Returned { .. } => "returned",
        }
    }
}

/// The date the table sets for every task to report by (提交落实情况, 11-08 in 2023), if any.
pub fn table_report_date() -> Option<Date> {
    plan()
        .milestones
        .milestones
        .iter()
        .filter(|m| m.scope == MilestoneScope::AllTasks && m.kind == MilestoneKind::Deadline)
        .flat_map(|m| m.due.iter().copied())
        .max()
}

/// The due date of a round when the office has set none: the 年度总结 by the table's date
/// (else 11-08 of the plan's year); the 落实方案 and office rounds none.
pub fn default_due(round: RoundRef) -> Option<Date> {
    match round {
        RoundRef::Summary => table_report_date().or_else(|| Date::new(plan().year, 11, 8)),
        RoundRef::Plan | RoundRef::Office(_) => None,
    }
}

/// The office's `round` records, each round's latest by last-writer-wins.
fn latest_round_records(ledger: &Ledger) -> BTreeMap<RoundRef, &Event> {
    let office = UnitId::coordinator();
    let mut latest: BTreeMap<RoundRef, &Event> = BTreeMap::new();
    for event in ledger.events().filter(|e| e.unit == office) {
        if let Change::Round { round, .. } = &event.change {
            let slot = latest.entry(*round).or_insert(event);
            if event.lww_cmp(slot).is_gt() {
                *slot = event;
            }
        }
    }
    latest
}

fn round_of(round: RoundRef, record: Option<&Event>) -> Option<Round> {
    match record.map(|e| (e, &e.change)) {
        Some((
            event,
            Change::Round {
                title,
                due,
                withdrawn,
                ..
            },
        )) => (!withdrawn).then(|| Round {
            round,
            title: title.clone(),
            due: Some(*due),
            set_by_office: true,
            set_at: Some(event.at),
        }),
        _ => match round {
            RoundRef::Office(_) => None,
            _ => Some(Round {
                round,
                title: None,
                due: default_due(round),
                set_by_office: false,
                set_at: None,
            }),
        },
    }
}

/// The round as it stands (`None` for an office round never set, or withdrawn).
pub fn round(ledger: &Ledger, round: RoundRef) -> Option<Round> {
    let latest = latest_round_records(ledger);
    round_of(round, latest.get(&round).copied())
}

/// Every round: the 落实方案, the 年度总结, then the office's rounds (not withdrawn) by due
/// date.
pub fn rounds(ledger: &Ledger) -> Vec<Round> {
    let latest = latest_round_records(ledger);
    let mut all: Vec<Round> = [RoundRef::Plan, RoundRef::Summary]
        .into_iter()
        .filter_map(|r| round_of(r, latest.get(&r).copied()))
        .collect();
    let mut office: Vec<Round> = latest
        .iter()
        .filter(|(r, _)| matches!(r, RoundRef::Office(_)))
        .filter_map(|(r, e)| round_of(*r, Some(e)))
        .collect();
    office.sort_by_key(|r| (r.due, r.round));
    all.extend(office);
    all
}

/// The units that owe every round: each unit the matrix has columns for (every unit a 责任单位
/// cell names, the subdistrict offices), never the office itself; in registry order.
pub fn expected_units() -> Vec<UnitId> {
    let office = UnitId::coordinator();
    super::consolidated::responsible_units()
        .into_iter()
        .filter(|u| *u != office)
        .collect()
}

/// Whether `event` is content of `content` written by `unit`.
fn is_content(event: &Event, unit: UnitId, content: RoundContent) -> bool {
    event.unit == unit && event.change.content_of() == Some(content)
}

/// What decides a unit's state, gathered in one pass.
#[derive(Default)]
struct Gathered<'a> {
    submission: Option<&'a Event>,
    content: Option<&'a Event>,
}

fn decide(gathered: &Gathered<'_>, returns: &[&Event]) -> State {
    let Some(submission) = gathered.submission else {
        return if gathered.content.is_some() {
            State::Draft
        } else {
            State::NotStarted
        };
    };
    let returned = returns
        .iter()
        .filter(
            |r| matches!(&r.change, Change::Returned { submission: s, .. } if *s == submission.id),
        )
        .max_by(|a, b| a.lww_cmp(b));
    if let Some(back) = returned {
        let Change::Returned { reason, .. } = &back.change else {
            unreachable!("filtered above")
        };
        return State::Returned {
            submission: submission.id,
            at: submission.at,
            reason: reason.clone(),
            returned: back.at,
        };
    }
    match gathered.content {
        Some(latest) if latest.lww_cmp(submission).is_gt() => State::Revised {
            submission: submission.id,
            at: submission.at,
            changed: latest.at,
        },
        _ => State::Submitted {
            submission: submission.id,
            at: submission.at,
        },
    }
}

/// Where `unit` stands in `round`.
pub fn state(ledger: &Ledger, round: RoundRef, unit: UnitId) -> State {
    states_of(ledger, round, &[unit])
        .remove(&unit)
        .unwrap_or(State::NotStarted)
}

/// Where each of `units` stands in `round`, in one pass over the ledger.
pub fn states_of(ledger: &Ledger, round: RoundRef, units: &[UnitId]) -> BTreeMap<UnitId, State> {
    let content = round.content();
    let office = UnitId::coordinator();
    let mut gathered: BTreeMap<UnitId, Gathered<'_>> =
        units.iter().map(|u| (*u, Gathered::default())).collect();
    let mut returns: BTreeMap<UnitId, Vec<&Event>> = BTreeMap::new();
    for event in ledger.events() {
        match &event.change {
            Change::Returned {
                about, round: r, ..
            } if *r == round && event.unit == office => {
                returns.entry(*about).or_default().push(event);
                continue;
            }
            _ => {}
        }
        let Some(slot) = gathered.get_mut(&event.unit) else {
            continue;
        };
        let newer = |held: Option<&Event>| held.is_none_or(|h| event.lww_cmp(h).is_gt());
        match &event.change {
            Change::Submitted { round: r } if *r == round => {
                slot.submission = slot
                    .submission
                    .filter(|_| !newer(slot.submission))
                    .or(Some(event));
            }
            _ if is_content(event, event.unit, content) => {
                slot.content = slot
                    .content
                    .filter(|_| !newer(slot.content))
                    .or(Some(event));
            }
            _ => {}
        }
    }
    gathered
        .into_iter()
        .map(|(unit, g)| {
            let returns = returns.get(&unit).map(Vec::as_slice).unwrap_or_default();
            (unit, decide(&g, returns))
        })
        .collect()
}

/// Where every unit that owes rounds stands in `round`.
pub fn states(ledger: &Ledger, round: RoundRef) -> BTreeMap<UnitId, State> {
    states_of(ledger, round, &expected_units())
}

/// The units that have not submitted `round` (not started, draft, or returned), in registry
/// order: whom to remind (催报).
pub fn missing(ledger: &Ledger, round: RoundRef) -> Vec<(UnitId, State)> {
    let order = expected_units();
    let mut states = states_of(ledger, round, &order);
    order
        .into_iter()
        .filter_map(|u| {
            let state = states.remove(&u)?;
            (!state.is_submitted()).then_some((u, state))
        })
        .collect()
}

/// The records of `unit` that make its content for `round` as it was submitted in
/// `submission`: those not outranking the submission (the submitted text, read-only).
pub fn as_submitted<'a>(
    ledger: &'a Ledger,
    round: RoundRef,
    unit: UnitId,
    submission: &Event,
) -> Vec<&'a Event> {
    let content = round.content();
    ledger
        .events()
        .filter(|e| is_content(e, unit, content) && e.lww_cmp(submission).is_le())
        .collect()
}

/// The records of `unit` that make its content for `round` now.
pub fn content_now(ledger: &Ledger, round: RoundRef, unit: UnitId) -> Vec<&Event> {
    let content = round.content();
    ledger
        .events()
        .filter(|e| is_content(e, unit, content))
        .collect()
}

/// A unit's submissions of `round` and the office's returns of them, oldest first (the
/// round's history for the unit).
pub fn history(ledger: &Ledger, round: RoundRef, unit: UnitId) -> Vec<&Event> {
    let office = UnitId::coordinator();
    let mut found: Vec<&Event> = ledger
        .events()
        .filter(|e| match &e.change {
            Change::Submitted { round: r } => *r == round && e.unit == unit,
            Change::Returned {
                about, round: r, ..
            } => *r == round && *about == unit && e.unit == office,
            _ => false,
        })
        .collect();
    found.sort_by(|a, b| a.lww_cmp(b));
    found
}
