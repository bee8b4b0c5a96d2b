//! Traffic lights (亮灯) for a task as one unit sees it, for any plan year, on an injectable
//! day. The rule (ARCHITECTURE.md, "Lights"; `tests/lights.rs` checks it on every day of a
//! year for the 2023 and the 2026 plans):
//!
//! - Every task has a deadline ([`deadline_of`]): the latest 节点 (a `deadline` milestone) the
//!   task states itself; else the latest date the table sets for every task (11月8日前 提交落实
//!   情况), which does not bind 区食药安办, to whom it is handed; else the last day of the plan
//!   year.
//! - While the plan year runs, in this order: 已完成 is green; 受阻 is red; past the deadline
//!   and not done is red (已逾期); a task the unit has not begun (no status but 未开始, no note,
//!   no figure) is red once two thirds of the time from the year's first day to its deadline
//!   have gone, yellow once one third has; a deadline or milestone within 14 days is yellow; a
//!   target behind its pace is yellow; otherwise green (尚未开始 or 按计划推进).
//! - Once the plan year is over the lights show the final state: 已完成 stays green, anything
//!   else is [`Light::Ended`] (年度结束时未完成, with the status it ended in), never a wall of
//!   red; the screens say once that the year is over.

use super::event::Status;
use super::progress::{TargetProgress, progress_of};
use super::view::Overview;
use crate::foundation::time::Date;
use crate::plan::milestones::{Due, Milestone, MilestoneKind, MilestoneScope, dues_of, milestones};
use crate::plan::{TaskId, UnitId};

/// How many days ahead a milestone turns the light yellow.
pub const WARN_DAYS: i64 = 14;

/// Red, yellow, green while the plan year runs; `Ended` afterwards for a task not done.
/// The order is urgency: red first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Light {
    Red,
    Yellow,
    Green,
    /// The plan year is over and the task was not done: a final verdict, not a call to act.
    Ended,
}

impl Light {
    /// Every light, most urgent first.
    pub const ALL: [Light; 4] = [Light::Red, Light::Yellow, Light::Green, Light::Ended];
}

/// The date a task must be done by, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deadline {
    pub date: Date,
    /// The 节点 that sets it; `None`: the last day of the plan year (the table sets none).
    pub milestone: Option<&'static Milestone>,
}

impl From<Due> for Deadline {
    fn from(due: Due) -> Deadline {
        Deadline {
            date: due.date,
            milestone: Some(due.milestone),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Done,
    OnTrack,
    Blocked,
    Overdue {
        due: Deadline,
    },
    DueSoon {
        due: Deadline,
        days: i64,
    },
    BehindTarget {
        progress: TargetProgress,
    },
    /// Nothing recorded yet: `days` left until the deadline (the light says how late it is).
    NotBegun {
        due: Deadline,
        days: i64,
    },
    /// The plan year is over and the task was not done; the status it ended in.
    Ended {
        status: Status,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub light: Light,
    pub reason: Reason,
    /// The next milestone on or after today, if any.
    pub next: Option<Due>,
    /// The task's deadline.
    pub deadline: Deadline,
}

impl Assessment {
    /// Past the deadline and not done (while the year runs).
    pub fn is_overdue(&self) -> bool {
        matches!(self.reason, Reason::Overdue { .. })
    }
}

/// The dated occurrences that bind `unit` on `task`, earliest first: every one that applies to
/// the task, except that a date set for every task (提交落实情况 to 区食药安办) does not bind the
/// office it is handed to.
pub fn dues_for(task: TaskId, unit: UnitId) -> Vec<Due> {
    let office = unit == UnitId::coordinator();
    dues_of(task)
        .into_iter()
        .filter(|d| !(office && d.milestone.scope == MilestoneScope::AllTasks))
        .collect()
}

/// The deadline of `task` for `unit` (see the module's rule): its own latest 节点, else the
/// latest date set for every task, else the plan year's last day.
pub fn deadline_of(task: TaskId, unit: UnitId) -> Deadline {
    let deadlines = || {
        dues_for(task, unit)
            .into_iter()
            .filter(|d| d.milestone.kind == MilestoneKind::Deadline)
    };
    deadlines()
        .filter(|d| d.milestone.task == task)
        .max_by_key(|d| d.date)
        .or_else(|| deadlines().max_by_key(|d| d.date))
        .map(Deadline::from)
        .unwrap_or(Deadline {
            date: milestones().plan_period().1,
            milestone: None,
        })
}

/// The next date that binds `unit` on `task` on or after `today`.
pub fn next_due(task: TaskId, unit: UnitId, today: Date) -> Option<Due> {
    dues_for(task, unit).into_iter().find(|d| d.date >= today)
}

/// Is the plan year behind us?
pub fn plan_is_over(today: Date) -> bool {
    today > milestones().plan_period().1
}

/// How far a task nobody has begun is into the time it has: `Some(Red)` from two thirds of the
/// time between the year's first day and `deadline`, `Some(Yellow)` from one third, else `None`.
pub fn untouched_light(start: Date, deadline: Date, today: Date) -> Option<Light> {
    let span = start.days_until(deadline).max(0);
    let gone = start.days_until(today);
    if gone * 3 >= span * 2 {
        Some(Light::Red)
    } else if gone * 3 >= span {
        Some(Light::Yellow)
    } else {
        None
    }
}

/// The light of `task` for `unit` whose status is `status`, that has (`begun`) or has not
/// recorded anything on it, with its targets' progress, on `today`.
pub fn assess(
    task: TaskId,
    unit: UnitId,
    status: Option<Status>,
    begun: bool,
    targets: &[TargetProgress],
    today: Date,
) -> Assessment {
    let (start, end) = milestones().plan_period();
    let deadline = deadline_of(task, unit);
    let over = today > end;
    let next = if over {
        None
    } else {
        next_due(task, unit, today)
    };
    let begun = begun || matches!(status, Some(s) if s != Status::NotStarted);
    let days_left = today.days_until(deadline.date);
    let soon = next
        .map(|d| (Deadline::from(d), today.days_until(d.date)))
        .filter(|(_, days)| *days <= WARN_DAYS)
        .or(Some((deadline, days_left)).filter(|(_, days)| (0..=WARN_DAYS).contains(days)));
    let untouched = if begun {
        None
    } else {
        untouched_light(start, deadline.date, today)
    };
    let (light, reason) = if status == Some(Status::Done) {
        (Light::Green, Reason::Done)
    } else if over {
        (
            Light::Ended,
            Reason::Ended {
                status: status.unwrap_or(Status::NotStarted),
            },
        )
    } else if status == Some(Status::Blocked) {
        (Light::Red, Reason::Blocked)
    } else if days_left < 0 {
        (Light::Red, Reason::Overdue { due: deadline })
    } else if untouched == Some(Light::Red) {
        (
            Light::Red,
            Reason::NotBegun {
                due: deadline,
                days: days_left,
            },
        )
    } else if let Some((due, days)) = soon {
        (Light::Yellow, Reason::DueSoon { due, days })
    } else if untouched == Some(Light::Yellow) {
        (
            Light::Yellow,
            Reason::NotBegun {
                due: deadline,
                days: days_left,
            },
        )
    } else if let Some(progress) = targets.iter().find(|p| p.pace.is_behind()) {
        (
            Light::Yellow,
            Reason::BehindTarget {
                progress: progress.clone(),
            },
        )
    } else if !begun {
        (
            Light::Green,
            Reason::NotBegun {
                due: deadline,
                days: days_left,
            },
        )
    } else {
        (Light::Green, Reason::OnTrack)
    };
    Assessment {
        light,
        reason,
        next,
        deadline,
    }
}

/// The light of `task` for `unit` from everything recorded.
pub fn assess_for(overview: &Overview, task: TaskId, unit: UnitId, today: Date) -> Assessment {
    let progress = progress_of(overview, task, unit, today);
    let summary = overview.get(task, unit);
    let begun = summary.is_some_and(|s| s.notes > 0 || s.figures.values().any(|f| !f.is_empty()));
    assess(
        task,
        unit,
        summary.and_then(|s| s.status.as_ref().map(|s| s.status)),
        begun,
        &progress,
        today,
    )
}
