//! Which tasks a view shows: by unit and role, by area, and by free text.

use crate::plan::{Plan, Role, Task, UnitId};

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
        let query = self.query.to_ascii_lowercase();
        query.split_whitespace().all(|term| {
            task.measure.to_ascii_lowercase().contains(term)
                || task.printed_number == term
                || task
                    .assignments
                    .iter()
                    .any(|a| a.unit.name().contains(term))
        })
    }

    /// The matching tasks of the plan, in plan order.
    pub fn apply<'p>(&self, plan: &'p Plan) -> Vec<&'p Task> {
        plan.tasks.iter().filter(|t| self.matches(t)).collect()
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
