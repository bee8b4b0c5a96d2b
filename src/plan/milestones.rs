//! Dates the table states (节点), kept as data beside the seed in `seeds/milestones-2023.json`.

use serde::{Deserialize, Serialize};

use super::TaskId;
use crate::foundation::time::Date;

/// The file as published beside the seed; `build.rs` turns it into Rust values so the app
/// parses no JSON at start-up, and a test checks both readings agree.
pub const MILESTONES_JSON: &str = include_str!("../../seeds/milestones-2023.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// Must be met by the task itself; once past and the task not done, it is overdue.
    Deadline,
    /// A recurring date (quarter ends) that warns ahead of time but is not a final deadline.
    Checkpoint,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneScope {
    /// Only the task that states it.
    Task,
    /// Every task: the implementation report covers each task.
    AllTasks,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: String,
    pub task: TaskId,
    pub printed: String,
    pub quote: String,
    pub label: String,
    /// The date as the table words it ("5月中旬", "11月8日前").
    pub due_text: String,
    pub due: Vec<Date>,
    pub kind: MilestoneKind,
    pub scope: MilestoneScope,
}

impl Milestone {
    pub fn applies_to(&self, task: TaskId) -> bool {
        self.scope == MilestoneScope::AllTasks || self.task == task
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneFile {
    pub plan_year: i32,
    #[allow(dead_code)]
    about: String,
    pub milestones: Vec<Milestone>,
}

impl MilestoneFile {
    pub fn parse(json: &str) -> Result<MilestoneFile, String> {
        serde_json::from_str(json).map_err(|e| format!("seeds/milestones-2023.json: {e}"))
    }

    /// The first and last day of the plan year.
    pub fn plan_period(&self) -> (Date, Date) {
        (
            Date::new(self.plan_year, 1, 1).expect("valid year"),
            Date::new(self.plan_year, 12, 31).expect("valid year"),
        )
    }
}

impl MilestoneFile {
    /// The dates of a plan year.
    pub fn new(plan_year: i32, milestones: Vec<Milestone>) -> MilestoneFile {
        MilestoneFile {
            plan_year,
            about: String::new(),
            milestones,
        }
    }
}

/// The 2023 dates, as `build.rs` wrote them (checked by `tests/plan_annotations.rs`).
pub fn builtin() -> MilestoneFile {
    include!(concat!(env!("OUT_DIR"), "/milestones.rs"))
}

/// The dates of the plan in use.
pub fn milestones() -> &'static MilestoneFile {
    &super::plan().milestones
}

/// One dated occurrence of a milestone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Due {
    pub milestone: &'static Milestone,
    pub date: Date,
}

/// Every dated occurrence that applies to `task`, earliest first.
pub fn dues_of(task: TaskId) -> Vec<Due> {
    let mut dues: Vec<Due> = milestones()
        .milestones
        .iter()
        .filter(|m| m.applies_to(task))
        .flat_map(|m| m.due.iter().map(move |&date| Due { milestone: m, date }))
        .collect();
    dues.sort_by_key(|d| d.date);
    dues
}
