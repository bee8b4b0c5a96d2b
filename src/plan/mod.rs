//! The plan: areas, tasks and who does what; its units, targets and dates. The built-in plan is
//! the 2023 table, parsed from the embedded seed; others are loaded from plan files
//! ([`spec`]). One plan is in use at a time ([`plan`], [`install`]).

pub mod annotate;
pub mod draft;
pub mod milestones;
pub mod registry;
pub mod seed;
pub mod similar;
pub mod source;
pub mod spec;
pub mod targets;
pub mod units;

use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use registry::{Registry, UnitId};
pub use seed::SeedRole as Role;
pub use source::area_number;
use units::{Group, UnitKind};

/// The id of the built-in plan, as exchange files and stored data name it.
pub const BUILTIN_ID: &str = "futian-2023-food-safety";

/// The source document, byte for byte as published (see `seeds/README.md`).
pub const SEED_TEXT: &str = include_str!("../../seeds/futian-2023-food-safety-duties.txt");

/// A task's stable id: its 1-based position in the source table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskId(pub u16);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// 1–9, from the printed Chinese numeral.
    pub number: u8,
    /// As printed, e.g. "一、完善食品安全监管体制".
    pub heading: String,
    /// Positions of the area's tasks in [`Plan::tasks`].
    pub tasks: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub unit: UnitId,
    pub role: Role,
    /// The role words as printed ("牵头", "按职责分工负责", …), empty when none.
    pub wording: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: TaskId,
    /// The 序号 as printed.
    pub printed_number: String,
    /// True for the second and later tasks printed with a number already used above.
    pub repeats_number: bool,
    /// 1–9.
    pub area: u8,
    pub measure: String,
    /// 责任单位 then 配合单位, in printed order.
    pub assignments: Vec<Assignment>,
}

/// How a task concerns one unit: the role, and the group it was named through, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Involvement {
    pub role: Role,
    pub wording: &'static str,
    pub via: Option<UnitId>,
}

impl Involvement {
    /// Reached only as a member of 区食药安委（各/各有关）成员单位, the committee's catch-all.
    pub fn as_committee_member(&self) -> bool {
        self.via
            .is_some_and(|g| g.info().kind == UnitKind::Group(Group::CommitteeMembers))
    }
}

impl Task {
    /// Every way this task concerns `unit`, directly or through a group. A group itself is
    /// concerned only where it is named.
    pub fn involvements(&self, unit: UnitId) -> impl Iterator<Item = Involvement> + '_ {
        self.assignments.iter().filter_map(move |a| {
            let via = if a.unit == unit {
                None
            } else if a.unit.contains(unit) {
                Some(a.unit)
            } else {
                return None;
            };
            Some(Involvement {
                role: a.role,
                wording: a.wording,
                via,
            })
        })
    }

    /// How the task concerns `unit`, each role once: where the unit is named directly or as
    /// one of 各街道办事处, the catch-all 区食药安委各成员单位 (which every task may name beside
    /// it) adds nothing; a role reached two ways is listed once, the direct way first.
    pub fn roles_of(&self, unit: UnitId) -> Vec<Involvement> {
        let all: Vec<Involvement> = self.involvements(unit).collect();
        let own = all.iter().any(|i| !i.as_committee_member());
        let mut kept: Vec<Involvement> = Vec::with_capacity(all.len());
        // Direct namings first, then groups (two passes rather than a sort: smaller wasm).
        for direct in [true, false] {
            for involvement in all.iter().filter(|i| i.via.is_none() == direct) {
                let dropped = own && involvement.as_committee_member();
                if !dropped && !kept.iter().any(|k| k.role == involvement.role) {
                    kept.push(*involvement);
                }
            }
        }
        kept
    }

    pub fn concerns(&self, unit: UnitId) -> bool {
        self.involvements(unit).next().is_some()
    }

    pub fn lead_units(&self) -> impl Iterator<Item = &Assignment> {
        self.assignments
            .iter()
            .filter(|a| a.role != Role::Cooperate)
    }

    pub fn cooperating_units(&self) -> impl Iterator<Item = &Assignment> {
        self.assignments
            .iter()
            .filter(|a| a.role == Role::Cooperate)
    }
}

/// How many tasks a unit has per role, counting named-directly and through-a-group apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleCount {
    pub direct: usize,
    pub via_group: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnitSummary {
    pub lead: RoleCount,
    pub assist: RoleCount,
    pub guide: RoleCount,
    pub cooperate: RoleCount,
    /// Distinct tasks that concern the unit at all.
    pub tasks: usize,
}

impl UnitSummary {
    pub fn for_role(&self, role: Role) -> RoleCount {
        match role {
            Role::Lead => self.lead,
            Role::Assist => self.assist,
            Role::Guide => self.guide,
            Role::Cooperate => self.cooperate,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Stable id, carried by every exchange file and naming the plan's storage.
    pub id: String,
    /// The year the plan's dates fall in.
    pub year: i32,
    pub title: String,
    /// SHA-256 of the table (the seed text for the built-in plan, the canonical `plan` member
    /// of a plan file otherwise), so a file for an edited table is recognised.
    pub table_sha256: String,
    pub units: Registry,
    /// Former names of the plan's units (a renamed bureau), each with the unit it is now.
    pub formerly: Vec<(String, UnitId)>,
    pub areas: Vec<Area>,
    pub tasks: Vec<Task>,
    pub targets: targets::TargetFile,
    pub milestones: milestones::MilestoneFile,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "seed line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for PlanError {}

impl From<seed::SeedError> for PlanError {
    fn from(e: seed::SeedError) -> Self {
        PlanError {
            line: e.line,
            message: e.message,
        }
    }
}

impl Plan {
    /// The 2023 plan from its seed text, with the 2023 units, targets and dates.
    pub fn from_seed(source: &str) -> Result<Plan, PlanError> {
        let units = Registry::builtin();
        let table = seed::parse(source)?;
        let mut areas: Vec<Area> = Vec::new();
        let mut tasks: Vec<Task> = Vec::with_capacity(table.rows.len());
        for row in table.rows {
            let fail = |message: String| PlanError {
                line: row.line,
                message,
            };
            if let Some(heading) = &row.area_heading {
                let number = area_number(heading)
                    .ok_or_else(|| fail(format!("area heading {heading:?} has no number")))?;
                if number as usize != areas.len() + 1 {
                    return Err(fail(format!(
                        "area {heading:?} is out of order (expected area {})",
                        areas.len() + 1
                    )));
                }
                areas.push(Area {
                    number,
                    heading: heading.clone(),
                    tasks: tasks.len()..tasks.len(),
                });
            }
            let area = areas
                .last_mut()
                .ok_or_else(|| fail("a task before any area".into()))?;
            area.tasks.end += 1;
            let assignments = row
                .lead_units
                .iter()
                .chain(&row.cooperating_units)
                .map(|named| {
                    let unit = units.find(&named.name).ok_or_else(|| {
                        fail(format!(
                            "task {} names {:?}, which is not in the unit registry",
                            row.position, named.name
                        ))
                    })?;
                    Ok(Assignment {
                        unit,
                        role: named.role,
                        wording: named.wording,
                    })
                })
                .collect::<Result<Vec<_>, PlanError>>()?;
            let repeats_number = tasks.iter().any(|t| t.printed_number == row.printed_number);
            tasks.push(Task {
                id: TaskId(row.position as u16),
                printed_number: row.printed_number,
                repeats_number,
                area: area.number,
                measure: row.measure,
                assignments,
            });
        }
        Ok(Plan {
            id: BUILTIN_ID.to_string(),
            year: 2023,
            title: table.title,
            table_sha256: sha256_hex(source.as_bytes()),
            units,
            formerly: Vec::new(),
            areas,
            tasks,
            targets: targets::builtin(),
            milestones: milestones::builtin(),
        })
    }

    /// The unit `name` now is, when the plan lists it as a former name of one of its units
    /// (a device set up under an earlier plan follows the rename).
    pub fn renamed_from(&self, name: &str) -> Option<UnitId> {
        self.formerly
            .iter()
            .find(|(former, _)| former == name)
            .map(|(_, unit)| *unit)
    }

    /// Is this the plan built into the app?
    pub fn is_builtin(&self) -> bool {
        self.id == BUILTIN_ID
    }

    /// The first and last day of the plan year.
    pub fn period(&self) -> (crate::foundation::time::Date, crate::foundation::time::Date) {
        self.milestones.plan_period()
    }

    pub fn task(&self, id: TaskId) -> Option<&Task> {
        self.tasks.get((id.0 as usize).checked_sub(1)?)
    }

    pub fn area(&self, number: u8) -> Option<&Area> {
        self.areas.get((number as usize).checked_sub(1)?)
    }

    pub fn area_tasks(&self, area: &Area) -> &[Task] {
        &self.tasks[area.tasks.clone()]
    }

    pub fn unit_summary(&self, unit: UnitId) -> UnitSummary {
        let mut summary = UnitSummary::default();
        for task in &self.tasks {
            let mut concerned = false;
            // Count each role once per task, preferring a direct naming over a group.
            for role in [Role::Lead, Role::Assist, Role::Guide, Role::Cooperate] {
                let mut via = task.involvements(unit).filter(|i| i.role == role);
                let Some(first) = via.next() else { continue };
                let direct = first.via.is_none() || via.any(|i| i.via.is_none());
                let count = match role {
                    Role::Lead => &mut summary.lead,
                    Role::Assist => &mut summary.assist,
                    Role::Guide => &mut summary.guide,
                    Role::Cooperate => &mut summary.cooperate,
                };
                if direct {
                    count.direct += 1;
                } else {
                    count.via_group += 1;
                }
                concerned = true;
            }
            summary.tasks += usize::from(concerned);
        }
        summary
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The plan built from the embedded seed. The seed is checked by `build.rs` and the tests, so
/// a failure here means a broken build, not bad user input.
pub fn builtin() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| Plan::from_seed(SEED_TEXT).expect("embedded seed is checked at build time"))
}

thread_local! {
    static IN_USE: Cell<Option<&'static Plan>> = const { Cell::new(None) };
}

/// The plan in use: the one [`install`]ed on this thread, else the built-in plan. Everything
/// that names tasks and units (`UnitId`, `TaskId`, targets, dates) reads it.
pub fn plan() -> &'static Plan {
    IN_USE.with(Cell::get).unwrap_or_else(builtin)
}

/// Puts `plan` in use on this thread (the app does it once at start, before anything reads the
/// plan; switching plans reloads the page). `UnitId`s of the previous plan must not be used
/// after this. The plan lives as long as the program.
pub fn install(plan: Plan) -> &'static Plan {
    let plan: &'static Plan = Box::leak(Box::new(plan));
    IN_USE.with(|cell| cell.set(Some(plan)));
    plan
}

/// Puts the built-in plan back in use on this thread.
pub fn install_builtin() {
    IN_USE.with(|cell| cell.set(None));
}
