//! Quantitative targets the table states (量化指标), kept as data beside the seed in
//! `seeds/targets-2023.json`; each quotes the phrase of its task it comes from.

use serde::{Deserialize, Serialize};

use super::TaskId;

/// The file as published beside the seed; `build.rs` turns it into Rust values so the app
/// parses no JSON at start-up, and a test checks both readings agree.
pub const TARGETS_JSON: &str = include_str!("../../seeds/targets-2023.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A running total for the year (batches tested, schools created); the latest recorded
    /// value is the total to that date.
    Total,
    /// A level that must hold (a pass rate, a coverage ratio); the latest value is the level.
    Level,
    /// A count each quarter must reach; a value is the count of the quarter its date falls in.
    PerQuarter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub id: String,
    pub task: TaskId,
    pub printed: String,
    pub quote: String,
    pub label: String,
    pub kind: TargetKind,
    pub goal: f64,
    /// Upper end when the table gives a range ("1-2所"): reaching `goal` meets the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal_max: Option<f64>,
    pub unit: String,
    /// Whether a total should grow in step with the year (pro-rata pace); discrete goals
    /// such as "one school" are not paced.
    #[serde(default)]
    pub paced: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    pub plan_year: i32,
    #[allow(dead_code)]
    about: String,
    pub targets: Vec<Target>,
}

impl TargetFile {
    pub fn parse(json: &str) -> Result<TargetFile, String> {
        serde_json::from_str(json).map_err(|e| format!("seeds/targets-2023.json: {e}"))
    }
}

impl TargetFile {
    /// The targets of a plan year.
    pub fn new(plan_year: i32, targets: Vec<Target>) -> TargetFile {
        TargetFile {
            plan_year,
            about: String::new(),
            targets,
        }
    }
}

/// The 2023 targets, as `build.rs` wrote them (checked by `tests/plan_annotations.rs`).
pub fn builtin() -> TargetFile {
    include!(concat!(env!("OUT_DIR"), "/targets.rs"))
}

/// The targets of the plan in use.
pub fn targets() -> &'static TargetFile {
    &super::plan().targets
}

pub fn targets_of(task: TaskId) -> impl Iterator<Item = &'static Target> {
    targets().targets.iter().filter(move |t| t.task == task)
}

pub fn target(task: TaskId, id: &str) -> Option<&'static Target> {
    targets_of(task).find(|t| t.id == id)
}
