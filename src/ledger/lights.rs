//! Traffic lights (亮灯) for a task as one unit sees it.
//!
//! Green: done, or on track. Yellow: a milestone within 14 days and not done, or a target
//! behind its pace. Red: blocked, or past the task's final deadline and not done. Once the
//! plan year is over, every deadline has passed and the lights show the final state.

use super::event::Status;
use super::progress::{TargetProgress, progress_of};
use super::view::Overview;
use crate::foundation::time::Date;
use crate::plan::milestones::{Due, MilestoneKind, dues_of, milestones};
use crate::plan::{TaskId, UnitId};

/// How many days ahead a milestone turns the light yellow.
pub const WARN_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Light {
    Red,
    Yellow,
    Green,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Done,
    OnTrack,
    Blocked,
    Overdue { due: Due },
    DueSoon { due: Due, days: i64 },
    BehindTarget { progress: TargetProgress },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub light: Light,
    pub reason: Reason,
    /// The next milestone on or after today, if any.
    pub next: Option<Due>,
}

/// The last deadline that applies to a task (the implementation report applies to all).
pub fn final_deadline(task: TaskId) -> Option<Due> {
    dues_of(task)
        .into_iter()
        .filter(|d| d.milestone.kind == MilestoneKind::Deadline)
        .max_by_key(|d| d.date)
}

pub fn next_due(task: TaskId, today: Date) -> Option<Due> {
    dues_of(task).into_iter().find(|d| d.date >= today)
}

/// Is the plan year behind us?
pub fn plan_is_over(today: Date) -> bool {
    today > milestones().plan_period().1
}

pub fn assess(
    task: TaskId,
    status: Option<Status>,
    targets: &[TargetProgress],
    today: Date,
) -> Assessment {
    let next = next_due(task, today);
    let (light, reason) = if status == Some(Status::Done) {
        (Light::Green, Reason::Done)
    } else if status == Some(Status::Blocked) {
        (Light::Red, Reason::Blocked)
    } else if let Some(due) = final_deadline(task).filter(|d| d.date < today) {
        (Light::Red, Reason::Overdue { due })
    } else if let Some((due, days)) = next
        .map(|d| (d, today.days_until(d.date)))
        .filter(|(_, days)| *days <= WARN_DAYS)
    {
        (Light::Yellow, Reason::DueSoon { due, days })
    } else if let Some(progress) = targets.iter().find(|p| p.pace.is_behind()) {
        (
            Light::Yellow,
            Reason::BehindTarget {
                progress: progress.clone(),
            },
        )
    } else {
        (Light::Green, Reason::OnTrack)
    };
    Assessment {
        light,
        reason,
        next,
    }
}

/// The light of `task` for `unit` from everything recorded.
pub fn assess_for(overview: &Overview, task: TaskId, unit: UnitId, today: Date) -> Assessment {
    let progress = progress_of(overview, task, unit, today);
    assess(task, overview.status(task, unit), &progress, today)
}
