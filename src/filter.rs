//! Which tasks a view shows. The table: by unit and role, by area, and by free text. My tasks:
//! a unit's own tasks, filtered by how they reach it, status, light and text, sorted by urgency,
//! number or last update, with the tasks that reach it only through the committee's catch-all
//! group set apart.

use std::cmp::{Ordering, Reverse};

use crate::foundation::time::{Date, Stamp};
use crate::ledger::Status;
use crate::ledger::lights::{Assessment, Light, assess_for};
use crate::ledger::view::Overview;
use crate::plan::{Plan, Role, Task, UnitId, plan};

/// 负责 = named in 责任单位 (leads, assists or guides); 配合 = named in 配合单位.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoleFilter {
    #[default]
    Any,
    Lead,
    Cooperate,
}

impl RoleFilter {
    pub const ALL: [RoleFilter; 3] = [RoleFilter::Any, RoleFilter::Lead, RoleFilter::Cooperate];

    /// The token used in links.
    pub fn token(self) -> &'static str {
        match self {
            RoleFilter::Any => "any",
            RoleFilter::Lead => "lead",
            RoleFilter::Cooperate => "coop",
        }
    }

    pub fn from_token(token: &str) -> Option<RoleFilter> {
        RoleFilter::ALL.into_iter().find(|r| r.token() == token)
    }

    fn admits(self, role: Role) -> bool {
        match self {
            RoleFilter::Any => true,
            RoleFilter::Lead => role != Role::Cooperate,
            RoleFilter::Cooperate => role == Role::Cooperate,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskFilter {
    pub unit: Option<UnitId>,
    /// Only meaningful with a unit; ignored without one.
    pub role: RoleFilter,
    /// 1–9.
    pub area: Option<u8>,
    /// Free text; every blank-separated term must occur in the measure or a unit name.
    pub query: String,
}

impl TaskFilter {
    pub fn is_empty(&self) -> bool {
        *self == TaskFilter::default()
    }

    pub fn matches(&self, task: &Task) -> bool {
        if self.area.is_some_and(|area| area != task.area) {
            return false;
        }
        if let Some(unit) = self.unit
            && !task.involvements(unit).any(|i| self.role.admits(i.role))
        {
            return false;
        }
        self.matches_query(task)
    }

    fn matches_query(&self, task: &Task) -> bool {
        matches_query(&self.query, task)
    }

    /// The matching tasks of the plan, in plan order.
    pub fn apply<'p>(&self, plan: &'p Plan) -> Vec<&'p Task> {
        plan.tasks.iter().filter(|t| self.matches(t)).collect()
    }
}

/// Does every blank-separated term of `query` occur in the measure, a unit name, or equal the
/// printed number? An empty query matches everything.
pub fn matches_query(query: &str, task: &Task) -> bool {
    let query = query.to_ascii_lowercase();
    query.split_whitespace().all(|term| {
        task.measure.to_ascii_lowercase().contains(term)
            || task.printed_number == term
            || task
                .assignments
                .iter()
                .any(|a| a.unit.name().contains(term))
    })
}

/// How a task reaches a unit, for "my tasks".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reach {
    /// Named in 责任单位 (牵头, 负责, 协助, 业务指导), directly or as one of 各街道办事处.
    Lead,
    /// Named in 配合单位, directly or as one of 各街道办事处.
    Cooperate,
    /// Only as a member of 区食药安委（各/各有关）成员单位.
    Member,
}

impl Reach {
    pub const ALL: [Reach; 3] = [Reach::Lead, Reach::Cooperate, Reach::Member];

    /// The token used in links.
    pub fn token(self) -> &'static str {
        match self {
            Reach::Lead => "lead",
            Reach::Cooperate => "coop",
            Reach::Member => "member",
        }
    }

    pub fn from_token(token: &str) -> Option<Reach> {
        Reach::ALL.into_iter().find(|r| r.token() == token)
    }

    /// How `task` reaches `unit`, if at all: a responsibility outranks cooperation, and the
    /// committee's catch-all counts only when nothing else names the unit.
    pub fn of(task: &Task, unit: UnitId) -> Option<Reach> {
        let roles = task.roles_of(unit);
        if roles.is_empty() {
            None
        } else if roles.iter().all(|i| i.as_committee_member()) {
            Some(Reach::Member)
        } else if roles.iter().any(|i| i.role != Role::Cooperate) {
            Some(Reach::Lead)
        } else {
            Some(Reach::Cooperate)
        }
    }
}

/// The order of "my tasks".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SortOrder {
    /// Red, then yellow, then green; open before done; the nearest milestone first.
    #[default]
    Urgency,
    /// The table's order.
    Number,
    /// The most recently recorded first; never recorded last.
    LastUpdate,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Urgency, SortOrder::Number, SortOrder::LastUpdate];

    pub fn token(self) -> &'static str {
        match self {
            SortOrder::Urgency => "urgency",
            SortOrder::Number => "number",
            SortOrder::LastUpdate => "updated",
        }
    }

    pub fn from_token(token: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|s| s.token() == token)
    }
}

/// The token of a light in links.
pub fn light_token(light: Light) -> &'static str {
    match light {
        Light::Red => "red",
        Light::Yellow => "yellow",
        Light::Green => "green",
        Light::Ended => "ended",
    }
}

pub fn light_from_token(token: &str) -> Option<Light> {
    Light::ALL.into_iter().find(|l| light_token(*l) == token)
}

pub fn status_from_token(token: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| s.token() == token)
}

/// One of a unit's tasks as "my tasks" shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MyTask {
    pub task: &'static Task,
    pub reach: Reach,
    /// 未开始 when nothing was recorded.
    pub status: Status,
    pub assessment: Assessment,
    /// When the unit last recorded anything on the task.
    pub last_update: Option<Stamp>,
}

impl MyTask {
    pub fn light(&self) -> Light {
        self.assessment.light
    }

    fn next_due(&self) -> Option<Date> {
        self.assessment.next.map(|d| d.date)
    }
}

/// Every task that concerns `unit`, in plan order, with its state on `today`.
pub fn my_tasks(overview: &Overview, unit: UnitId, today: Date) -> Vec<MyTask> {
    plan()
        .tasks
        .iter()
        .filter_map(|task| {
            let reach = Reach::of(task, unit)?;
            let summary = overview.get(task.id, unit);
            Some(MyTask {
                task,
                reach,
                status: overview.status(task.id, unit).unwrap_or(Status::NotStarted),
                assessment: assess_for(overview, task.id, unit, today),
                last_update: summary.and_then(|s| s.last_activity),
            })
        })
        .collect()
}

/// What "my tasks" shows: the filters of its tiles and controls, and its order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MineFilter {
    pub reach: Option<Reach>,
    pub status: Option<Status>,
    pub light: Option<Light>,
    /// Free text, as in the table's search.
    pub query: String,
    pub sort: SortOrder,
}

/// Counts for the tiles: by status and by light, of the tasks the other filters leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TileCounts {
    pub by_status: [usize; 4],
    pub by_light: [usize; 4],
}

impl TileCounts {
    pub fn status(&self, status: Status) -> usize {
        self.by_status[Status::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }

    pub fn light(&self, light: Light) -> usize {
        self.by_light[light as usize]
    }
}

/// "My tasks" arranged: the unit's own tasks, then those it has only as a committee member.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Arranged {
    pub own: Vec<MyTask>,
    pub as_member: Vec<MyTask>,
    /// How many tasks concern the unit at all.
    pub total: usize,
    pub tiles: TileCounts,
}

impl Arranged {
    pub fn shown(&self) -> usize {
        self.own.len() + self.as_member.len()
    }
}

impl MineFilter {
    /// Whether anything is filtered (the order does not count).
    pub fn filters(&self) -> bool {
        self.reach.is_some()
            || self.status.is_some()
            || self.light.is_some()
            || !self.query.trim().is_empty()
    }

    pub fn is_default(&self) -> bool {
        *self == MineFilter::default()
    }

    /// The filters other than the tiles': how the task reaches the unit, and the text.
    fn admits_apart_from_tiles(&self, row: &MyTask) -> bool {
        self.reach.is_none_or(|r| r == row.reach) && matches_query(&self.query, row.task)
    }

    pub fn admits(&self, row: &MyTask) -> bool {
        self.admits_apart_from_tiles(row)
            && self.status.is_none_or(|s| s == row.status)
            && self.light.is_none_or(|l| l == row.light())
    }

    /// How `a` and `b` compare in this filter's order; ties fall back to the table's order.
    pub fn compare(&self, a: &MyTask, b: &MyTask) -> Ordering {
        let first = match self.sort {
            SortOrder::Urgency => (
                a.light(),
                a.status == Status::Done,
                a.next_due().is_none(),
                a.next_due(),
            )
                .cmp(&(
                    b.light(),
                    b.status == Status::Done,
                    b.next_due().is_none(),
                    b.next_due(),
                )),
            SortOrder::Number => Ordering::Equal,
            SortOrder::LastUpdate => (a.last_update.is_none(), Reverse(a.last_update))
                .cmp(&(b.last_update.is_none(), Reverse(b.last_update))),
        };
        first.then(a.task.id.cmp(&b.task.id))
    }

    /// Sorts `rows` (at most the plan's 58 tasks) in this filter's order. An insertion sort:
    /// the standard sorts would add a few KB of WebAssembly for one more element type.
    pub fn sort(&self, rows: &mut [MyTask]) {
        for i in 1..rows.len() {
            let mut j = i;
            while j > 0 && self.compare(&rows[j - 1], &rows[j]) == Ordering::Greater {
                rows.swap(j - 1, j);
                j -= 1;
            }
        }
    }

    /// Filters, counts and sorts a unit's tasks (from [`my_tasks`]).
    pub fn arrange(&self, rows: &[MyTask]) -> Arranged {
        let mut arranged = Arranged {
            total: rows.len(),
            ..Arranged::default()
        };
        for row in rows.iter().filter(|r| self.admits_apart_from_tiles(r)) {
            if let Some(i) = Status::ALL.iter().position(|s| *s == row.status) {
                arranged.tiles.by_status[i] += 1;
            }
            arranged.tiles.by_light[row.light() as usize] += 1;
        }
        for row in rows.iter().filter(|r| self.admits(r)) {
            match row.reach {
                Reach::Member => arranged.as_member.push(row.clone()),
                Reach::Lead | Reach::Cooperate => arranged.own.push(row.clone()),
            }
        }
        self.sort(&mut arranged.own);
        self.sort(&mut arranged.as_member);
        arranged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan;

    fn printed(tasks: &[&Task]) -> Vec<String> {
        tasks.iter().map(|t| t.printed_number.clone()).collect()
    }

    fn unit(name: &str) -> Option<UnitId> {
        Some(UnitId::from_name(name).unwrap())
    }

    #[test]
    fn the_empty_filter_shows_every_task() {
        assert_eq!(TaskFilter::default().apply(plan()).len(), 58);
    }

    #[test]
    fn education_as_lead_is_its_four_named_tasks_and_the_group_task() {
        let filter = TaskFilter {
            unit: unit("区教育局"),
            role: RoleFilter::Lead,
            ..Default::default()
        };
        // Printed 56 names 区食药安委各有关成员单位, of which the bureau is a member.
        assert_eq!(
            printed(&filter.apply(plan())),
            ["10", "11", "12", "34", "56"]
        );
    }

    #[test]
    fn cooperating_excludes_lead_tasks() {
        let filter = TaskFilter {
            unit: unit("区住房建设局"),
            role: RoleFilter::Cooperate,
            ..Default::default()
        };
        let tasks = filter.apply(plan());
        assert!(printed(&tasks).contains(&"21".to_string()));
        assert!(tasks.iter().all(|t| t.printed_number != "56"));
    }

    #[test]
    fn query_terms_all_have_to_match_measure_or_unit() {
        let filter = TaskFilter {
            query: "校园 教育局".into(),
            ..Default::default()
        };
        let tasks = filter.apply(plan());
        assert!(!tasks.is_empty());
        assert!(tasks.iter().all(|t| t.measure.contains("校园")));
        let by_number = TaskFilter {
            query: "haccp".into(),
            ..Default::default()
        };
        assert_eq!(printed(&by_number.apply(plan())), ["35"]);
    }

    #[test]
    fn area_and_unit_combine() {
        let filter = TaskFilter {
            unit: unit("区卫生健康局"),
            area: Some(3),
            ..Default::default()
        };
        let tasks = filter.apply(plan());
        assert!(tasks.iter().all(|t| t.area == 3));
        assert_eq!(printed(&tasks), ["11", "12", "13", "19", "20"]);
    }
}
