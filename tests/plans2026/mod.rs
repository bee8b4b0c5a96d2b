//! A 2026 table made from the 2023 one, shared by the plan tests.

use duty_ledger::foundation::time::Date;
use duty_ledger::plan::builtin;
use duty_ledger::plan::spec::{AreaSpec, NamingSpec, PlanSpec, RoleSpec, TaskSpec};

/// The 2023 spec turned into a 2026 one: 区卫生健康局 renamed 区卫生健康委员会, task 5 moved from
/// area 二 to area 三, and a tenth area with two new tasks (60 in all).
pub fn spec_2026() -> PlanSpec {
    let mut spec = PlanSpec::of(builtin());
    spec.id = "futian-2026-food-safety".into();
    spec.year = 2026;
    spec.title = "福田区2026年食品安全重点工作安排责任分工表".into();
    let rename = |name: &mut String| {
        if name == "区卫生健康局" {
            *name = "区卫生健康委员会".into();
        }
    };
    for unit in &mut spec.units {
        rename(&mut unit.name);
        unit.members.iter_mut().for_each(rename);
    }
    for area in &mut spec.areas {
        for task in &mut area.tasks {
            task.lead.iter_mut().for_each(|n| rename(&mut n.unit));
            task.cooperating
                .iter_mut()
                .for_each(|n| rename(&mut n.unit));
        }
    }
    let moved = spec.areas[1].tasks.remove(0);
    spec.areas[2].tasks.insert(0, moved);
    let new_task = |n: usize, text: &str| TaskSpec {
        number: n.to_string(),
        measure: text.into(),
        lead: vec![NamingSpec {
            unit: "区教育局".into(),
            role: RoleSpec::Lead,
            wording: "牵头".into(),
        }],
        cooperating: vec![NamingSpec {
            unit: "各街道办事处".into(),
            role: RoleSpec::Cooperate,
            wording: String::new(),
        }],
    };
    spec.areas.push(AreaSpec {
        heading: "十、推进校园食品安全数字化".into(),
        tasks: vec![
            new_task(59, "推动全区中小学校食堂接入智慧监管平台，覆盖率达到100%。"),
            new_task(60, "于6月底前完成校外供餐单位专项检查。"),
        ],
    });
    // Targets and dates keep their quotes; the moved task keeps its text, so positions shift
    // only for tasks 5..=8 (area 二 lost its first task, area 三 gained it at the front):
    // targets keep theirs outside 5..=8 (the quarterly visit of task 3, the figures of 11, 36
    // and 37), so figures and district totals can be tried on the 2026 table.
    spec.targets.retain(|t| t.task.0 <= 4 || t.task.0 > 8);
    spec.milestones.retain(|m| m.task.0 > 8);
    for m in &mut spec.milestones {
        m.due = m
            .due
            .iter()
            .map(|d| Date::new(2026, d.month(), d.day()).unwrap())
            .collect();
    }
    spec
}
