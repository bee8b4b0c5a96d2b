//! The plan: areas, tasks and who does what, built from the embedded seed document.

pub mod milestones;
pub mod seed;
pub mod source;
pub mod targets;
pub mod units;

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use seed::SeedRole as Role;
pub use units::UnitId;
use units::{Group, UnitKind};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub title: String,
    pub areas: Vec<Area>,
    pub tasks: Vec<Task>,
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

const AREA_NUMERALS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// "三、严格食品重点领域监管" → 3.
fn area_number(heading: &str) -> Option<u8> {
    let mut chars = heading.chars();
    let numeral = chars.next()?;
    (chars.next()? == '、').then_some(())?;
    AREA_NUMERALS
        .iter()
        .position(|c| *c == numeral)
        .map(|i| i as u8 + 1)
}

impl Plan {
    pub fn from_seed(source: &str) -> Result<Plan, PlanError> {
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
                    let unit = UnitId::from_name(&named.name).ok_or_else(|| {
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
            title: table.title,
            areas,
            tasks,
        })
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

/// The plan built from the embedded seed. The seed is checked by `build.rs` and the tests, so
/// a failure here means a broken build, not bad user input.
pub fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| Plan::from_seed(SEED_TEXT).expect("embedded seed is checked at build time"))
}
