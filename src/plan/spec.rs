//! A plan as data: what a plan file carries (`plan` member, see `src/plan/FORMAT.md`) and what
//! the plans screen builds from a Word table. [`Plan::from_spec`] checks it and makes the
//! [`Plan`] the app runs on; [`PlanSpec::of`] goes back, so any plan (the built-in one too) can
//! be written out.
//!
//! Names are canonical strings; a task is named by its position in the plan (1-based), which
//! is its stable id.

use serde::{Deserialize, Serialize};

use super::milestones::{Milestone, MilestoneFile};
use super::registry::{Registry, RegistryProblem, UnitId};
use super::seed::{ROLE_SUFFIXES, SeedRole};
use super::targets::{Target, TargetFile};
use super::units::{Group, UnitInfo, UnitKind};
use super::{Area, Assignment, Plan, Task, TaskId};

/// Years a plan may be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// Most tasks one plan may hold.
pub const MAX_TASKS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindSpec {
    Coordinator,
    Department,
    Subdistrict,
    /// A group with listed `members`.
    Group,
    /// The catch-all group (区食药安委各成员单位): every unit of the plan.
    AllMembers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    pub name: String,
    pub short: String,
    pub kind: KindSpec,
    /// For a `group`: the names of its member units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// The names this unit had in earlier plans, oldest first (a renamed bureau): a device whose
    /// profile names one of them follows the rename ([`Plan::renamed_from`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formerly: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleSpec {
    Lead,
    Assist,
    Guide,
    Cooperate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamingSpec {
    pub unit: String,
    pub role: RoleSpec,
    /// The role words as printed (牵头, 按职责分工负责, 负责, 协助, 做好业务指导), or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wording: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    /// 序号 as printed.
    pub number: String,
    pub measure: String,
    /// 责任单位 in printed order.
    pub lead: Vec<NamingSpec>,
    /// 配合单位 in printed order.
    #[serde(default)]
    pub cooperating: Vec<NamingSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSpec {
    /// As printed, e.g. "十、强化食品安全社会共治".
    pub heading: String,
    pub tasks: Vec<TaskSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub units: Vec<UnitSpec>,
    pub areas: Vec<AreaSpec>,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

/// Why a spec is not a plan; each names where.
#[derive(Debug, Clone, PartialEq)]
pub enum SpecProblem {
    BadId(String),
    YearOutOfRange(i32),
    EmptyTitle,
    Units(RegistryProblem),
    NoAreas,
    EmptyArea {
        area: usize,
    },
    TooManyTasks(usize),
    EmptyMeasure {
        task: usize,
    },
    NoLeadUnit {
        task: usize,
    },
    UnknownUnit {
        task: usize,
        name: String,
    },
    UnknownWording {
        task: usize,
        wording: String,
    },
    /// A target or date names a task the plan does not have.
    TargetTask {
        id: String,
        task: u16,
    },
    /// A target's or date's quote is not in its task's text.
    QuoteNotInTask {
        id: String,
    },
    DuplicateAnnotation {
        id: String,
    },
    /// A date outside the plan year.
    DateOutsideYear {
        id: String,
    },
    BadGoal {
        id: String,
    },
    /// A former name that is a unit of the plan, or the former name of two units.
    FormerName {
        name: String,
    },
}

/// A plan id: 1–64 of `a-z 0-9 -`, as it appears in file names and storage keys.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The year a plan id names (`plan-2026-3fa2c1d0`, `futian-2023-food-safety`), so that users
/// read a year instead of an id.
pub fn year_of_id(id: &str) -> Option<i32> {
    id.split('-')
        .filter(|part| part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|part| part.parse().ok())
        .find(|year| YEARS.contains(year))
}

fn role_of(role: RoleSpec) -> SeedRole {
    match role {
        RoleSpec::Lead => SeedRole::Lead,
        RoleSpec::Assist => SeedRole::Assist,
        RoleSpec::Guide => SeedRole::Guide,
        RoleSpec::Cooperate => SeedRole::Cooperate,
    }
}

fn spec_of_role(role: SeedRole) -> RoleSpec {
    match role {
        SeedRole::Lead => RoleSpec::Lead,
        SeedRole::Assist => RoleSpec::Assist,
        SeedRole::Guide => RoleSpec::Guide,
        SeedRole::Cooperate => RoleSpec::Cooperate,
    }
}

/// The printed role words as the one `'static` copy the app keeps.
fn wording(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return Some("");
    }
    ROLE_SUFFIXES.iter().map(|(w, _)| *w).find(|w| *w == text)
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

impl Plan {
    /// The plan a spec describes, with `table_sha256` (computed by whoever read the file). Every
    /// problem is listed, not only the first.
    pub fn from_spec(spec: &PlanSpec, table_sha256: String) -> Result<Plan, Vec<SpecProblem>> {
        let mut problems = Vec::new();
        if !valid_id(&spec.id) {
            problems.push(SpecProblem::BadId(spec.id.clone()));
        }
        if !YEARS.contains(&spec.year) {
            problems.push(SpecProblem::YearOutOfRange(spec.year));
        }
        if spec.title.trim().is_empty() {
            problems.push(SpecProblem::EmptyTitle);
        }
        let infos: Vec<UnitInfo> = spec
            .units
            .iter()
            .map(|u| UnitInfo {
                name: leak(&u.name),
                short: leak(&u.short),
                kind: match u.kind {
                    KindSpec::Coordinator => UnitKind::Coordinator,
                    KindSpec::Department => UnitKind::Department,
                    KindSpec::Subdistrict => UnitKind::Subdistrict,
                    KindSpec::Group => UnitKind::Group(Group::Listed),
                    KindSpec::AllMembers => UnitKind::Group(Group::CommitteeMembers),
                },
            })
            .collect();
        let listed: Vec<(String, Vec<String>)> = spec
            .units
            .iter()
            .filter(|u| u.kind == KindSpec::Group)
            .map(|u| (u.name.clone(), u.members.clone()))
            .collect();
        let units = match Registry::new(infos, &listed) {
            Ok(units) => Some(units),
            Err(problem) => {
                problems.push(SpecProblem::Units(problem));
                None
            }
        };
        if spec.areas.is_empty() {
            problems.push(SpecProblem::NoAreas);
        }
        let count: usize = spec.areas.iter().map(|a| a.tasks.len()).sum();
        if count > MAX_TASKS {
            problems.push(SpecProblem::TooManyTasks(count));
        }

        let mut areas = Vec::with_capacity(spec.areas.len());
        let mut tasks: Vec<Task> = Vec::with_capacity(count);
        for (a, area) in spec.areas.iter().enumerate() {
            if area.tasks.is_empty() {
                problems.push(SpecProblem::EmptyArea { area: a + 1 });
            }
            let start = tasks.len();
            for task in &area.tasks {
                let position = tasks.len() + 1;
                if task.measure.trim().is_empty() {
                    problems.push(SpecProblem::EmptyMeasure { task: position });
                }
                if task.lead.is_empty() {
                    problems.push(SpecProblem::NoLeadUnit { task: position });
                }
                let mut assignments = Vec::new();
                let namings = task
                    .lead
                    .iter()
                    .map(|n| (n, false))
                    .chain(task.cooperating.iter().map(|n| (n, true)));
                for (naming, cooperating) in namings {
                    let unit = units.as_ref().and_then(|u| u.find(&naming.unit));
                    let words = wording(&naming.wording);
                    if units.is_some() && unit.is_none() {
                        problems.push(SpecProblem::UnknownUnit {
                            task: position,
                            name: naming.unit.clone(),
                        });
                    }
                    if words.is_none() {
                        problems.push(SpecProblem::UnknownWording {
                            task: position,
                            wording: naming.wording.clone(),
                        });
                    }
                    let role = if cooperating {
                        SeedRole::Cooperate
                    } else {
                        role_of(naming.role)
                    };
                    if let (Some(unit), Some(wording)) = (unit, words) {
                        assignments.push(Assignment {
                            unit,
                            role,
                            wording,
                        });
                    }
                }
                let repeats_number = tasks.iter().any(|t| t.printed_number == task.number);
                tasks.push(Task {
                    id: TaskId(position as u16),
                    printed_number: task.number.clone(),
                    repeats_number,
                    area: (a + 1).min(255) as u8,
                    measure: task.measure.clone(),
                    assignments,
                });
            }
            areas.push(Area {
                number: (a + 1).min(255) as u8,
                heading: area.heading.clone(),
                tasks: start..tasks.len(),
            });
        }

        check_annotations(spec, &tasks, &mut problems);
        let mut formerly: Vec<(String, UnitId)> = Vec::new();
        for (i, unit) in spec.units.iter().enumerate() {
            for name in &unit.formerly {
                if spec.units.iter().any(|u| u.name == *name)
                    || formerly.iter().any(|(n, _)| n == name)
                    || name.trim().is_empty()
                {
                    problems.push(SpecProblem::FormerName { name: name.clone() });
                }
                formerly.push((name.clone(), UnitId::at(i)));
            }
        }
        match units {
            Some(units) if problems.is_empty() => Ok(Plan {
                id: spec.id.clone(),
                year: spec.year,
                title: spec.title.clone(),
                table_sha256,
                units,
                formerly,
                areas,
                tasks,
                targets: TargetFile::new(spec.year, spec.targets.clone()),
                milestones: MilestoneFile::new(spec.year, spec.milestones.clone()),
            }),
            _ => Err(problems),
        }
    }
}

fn check_annotations(spec: &PlanSpec, tasks: &[Task], problems: &mut Vec<SpecProblem>) {
    let mut ids: Vec<&str> = Vec::new();
    let annotations = spec
        .targets
        .iter()
        .map(|t| (&t.id, t.task, &t.quote, None))
        .chain(
            spec.milestones
                .iter()
                .map(|m| (&m.id, m.task, &m.quote, Some(&m.due))),
        );
    for (id, task, quote, due) in annotations {
        if ids.contains(&id.as_str()) {
            problems.push(SpecProblem::DuplicateAnnotation { id: id.clone() });
        }
        ids.push(id);
        match tasks.get((task.0 as usize).wrapping_sub(1)) {
            None => problems.push(SpecProblem::TargetTask {
                id: id.clone(),
                task: task.0,
            }),
            Some(t) if !t.measure.contains(quote.as_str()) || quote.is_empty() => {
                problems.push(SpecProblem::QuoteNotInTask { id: id.clone() })
            }
            Some(_) => {}
        }
        if let Some(due) = due
            && (due.is_empty() || due.iter().any(|d| d.year() != spec.year))
        {
            problems.push(SpecProblem::DateOutsideYear { id: id.clone() });
        }
    }
    for target in &spec.targets {
        let bad = |v: f64| !v.is_finite() || v < 0.0;
        if bad(target.goal) || target.goal_max.is_some_and(|m| bad(m) || m < target.goal) {
            problems.push(SpecProblem::BadGoal {
                id: target.id.clone(),
            });
        }
    }
}

impl PlanSpec {
    /// The spec of a plan: `Plan::from_spec(&PlanSpec::of(p), p.table_sha256)` gives `p` back.
    pub fn of(plan: &Plan) -> PlanSpec {
        let units = plan
            .units
            .infos()
            .iter()
            .map(|u| {
                let id = plan.units.find(u.name).expect("its own unit");
                let kind = match u.kind {
                    UnitKind::Coordinator => KindSpec::Coordinator,
                    UnitKind::Department => KindSpec::Department,
                    UnitKind::Subdistrict => KindSpec::Subdistrict,
                    UnitKind::Group(Group::Listed) => KindSpec::Group,
                    UnitKind::Group(Group::CommitteeMembers) => KindSpec::AllMembers,
                };
                UnitSpec {
                    name: u.name.to_string(),
                    short: u.short.to_string(),
                    kind,
                    members: if kind == KindSpec::Group {
                        plan.units
                            .member_names(id)
                            .into_iter()
                            .map(String::from)
                            .collect()
                    } else {
                        Vec::new()
                    },
                    formerly: plan
                        .formerly
                        .iter()
                        .filter(|(_, now)| *now == id)
                        .map(|(name, _)| name.clone())
                        .collect(),
                }
            })
            .collect();
        let naming = |a: &Assignment| NamingSpec {
            unit: plan.units.infos()[plan_index(plan, a)].name.to_string(),
            role: spec_of_role(a.role),
            wording: a.wording.to_string(),
        };
        let areas = plan
            .areas
            .iter()
            .map(|area| AreaSpec {
                heading: area.heading.clone(),
                tasks: plan
                    .area_tasks(area)
                    .iter()
                    .map(|t| TaskSpec {
                        number: t.printed_number.clone(),
                        measure: t.measure.clone(),
                        lead: t.lead_units().map(naming).collect(),
                        cooperating: t.cooperating_units().map(naming).collect(),
                    })
                    .collect(),
            })
            .collect();
        PlanSpec {
            id: plan.id.clone(),
            year: plan.year,
            title: plan.title.clone(),
            units,
            areas,
            targets: plan.targets.targets.clone(),
            milestones: plan.milestones.milestones.clone(),
        }
    }
}

/// The registry position of an assignment's unit in `plan` (which need not be in use).
fn plan_index(plan: &Plan, assignment: &Assignment) -> usize {
    plan.units.index(assignment.unit)
}
