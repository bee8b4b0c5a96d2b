//! Plans as data: the built-in plan survives a round trip through its spec, a 2026 table
//! (renamed bureau, added area, moved task, 60 tasks) becomes the plan in use with everything
//! that reads the plan following it, and every problem of a bad spec is reported.

use duty_ledger::foundation::time::Date;
use duty_ledger::plan::milestones::milestones;
use duty_ledger::plan::spec::{AreaSpec, KindSpec, PlanSpec, SpecProblem};
use duty_ledger::plan::targets::targets;
use duty_ledger::plan::{self, Plan, TaskId, UnitId, builtin, install, install_builtin, plan};

mod plans2026;
use plans2026::spec_2026;

#[test]
fn the_builtin_plan_round_trips_through_its_spec_and_json() {
    let original = builtin();
    let spec = PlanSpec::of(original);
    let text = serde_json::to_string(&spec).unwrap();
    let back: PlanSpec = serde_json::from_str(&text).unwrap();
    assert_eq!(back, spec);
    let rebuilt = Plan::from_spec(&back, original.table_sha256.clone()).unwrap();
    assert_eq!(&rebuilt, original);
    assert_eq!(rebuilt.tasks.len(), 58);
    assert_eq!(rebuilt.areas.len(), 9);
}

#[test]
fn a_2026_plan_in_use_is_what_every_lookup_reads() {
    let spec = spec_2026();
    let p = Plan::from_spec(&spec, "x".repeat(64)).unwrap();
    assert_eq!(p.tasks.len(), 60);
    assert_eq!(p.areas.len(), 10);
    // Another thread still sees the built-in plan: installing is per thread.
    std::thread::spawn(move || {
        install(p);
        assert_eq!(plan().id, "futian-2026-food-safety");
        assert_eq!(plan().period().1, Date::new(2026, 12, 31).unwrap());
        assert!(UnitId::from_name("区卫生健康局").is_none());
        let health = UnitId::from_name("区卫生健康委员会").unwrap();
        assert!(!health.is_group());
        let committee = UnitId::from_name("区食药安委各成员单位").unwrap();
        assert!(committee.contains(health));
        let education = UnitId::from_name("区教育局").unwrap();
        let t60 = plan().task(TaskId(60)).unwrap();
        assert_eq!(t60.area, 10);
        assert_eq!(t60.roles_of(education).len(), 1);
        let yuanling = UnitId::from_name("园岭街道办事处").unwrap();
        assert!(t60.concerns(yuanling), "named through 各街道办事处");
        // The moved task opens area 三 and keeps its text.
        let moved = &plan().tasks[plan().area(3).unwrap().tasks.start];
        assert_eq!(moved.measure, builtin().task(TaskId(5)).unwrap().measure);
        // Targets outside the moved tasks 5..=8 keep theirs (tasks 3, 11, 36, 37).
        assert!(
            targets()
                .targets
                .iter()
                .all(|t| t.task.0 <= 4 || t.task.0 > 8)
        );
        assert_eq!(targets().targets.len(), 8);
        assert!(
            milestones()
                .milestones
                .iter()
                .all(|m| m.due.iter().all(|d| d.year() == 2026))
        );
        install_builtin();
        assert_eq!(plan().id, plan::BUILTIN_ID);
    })
    .join()
    .unwrap();
    assert_eq!(plan().id, plan::BUILTIN_ID);
}

#[test]
fn listed_group_members_are_editable() {
    let mut spec = spec_2026();
    let group = spec
        .units
        .iter_mut()
        .find(|u| u.name == "各街道办事处")
        .unwrap();
    assert_eq!(group.kind, KindSpec::Group);
    assert_eq!(group.members.len(), 10);
    group.members.truncate(3);
    let p = Plan::from_spec(&spec, String::new()).unwrap();
    let g = p.units.find("各街道办事处").unwrap();
    assert_eq!(p.units.member_names(g).len(), 3);
}

#[test]
fn every_problem_of_a_bad_spec_is_reported() {
    let mut spec = spec_2026();
    spec.id = "Bad Id".into();
    spec.year = 1999;
    spec.title = " ".into();
    spec.areas[0].tasks[0].measure.clear();
    spec.areas[0].tasks[1].lead.clear();
    spec.areas[0].tasks[2].lead[0].unit = "区不存在局".into();
    spec.areas[0].tasks[3].lead[0].wording = "主抓".into();
    spec.areas.push(AreaSpec {
        heading: "十一、空".into(),
        tasks: vec![],
    });
    let problems = Plan::from_spec(&spec, String::new()).unwrap_err();
    for expected in [
        SpecProblem::BadId("Bad Id".into()),
        SpecProblem::YearOutOfRange(1999),
        SpecProblem::EmptyTitle,
        SpecProblem::EmptyMeasure { task: 1 },
        SpecProblem::NoLeadUnit { task: 2 },
        SpecProblem::UnknownUnit {
            task: 3,
            name: "区不存在局".into(),
        },
        SpecProblem::UnknownWording {
            task: 4,
            wording: "主抓".into(),
        },
        SpecProblem::EmptyArea { area: 11 },
    ] {
        assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
    }
}

#[test]
fn annotations_must_quote_their_task_and_fall_in_the_year() {
    let mut spec = PlanSpec::of(builtin());
    spec.targets[0].quote = "不在任务里的话".into();
    spec.milestones[0].due[0] = Date::new(2024, 1, 1).unwrap();
    spec.targets[1].task = TaskId(99);
    let dup = spec.targets[2].clone();
    spec.targets.push(dup.clone());
    let problems = Plan::from_spec(&spec, String::new()).unwrap_err();
    assert!(problems.contains(&SpecProblem::QuoteNotInTask {
        id: spec.targets[0].id.clone()
    }));
    assert!(problems.contains(&SpecProblem::DateOutsideYear {
        id: spec.milestones[0].id.clone()
    }));
    assert!(problems.contains(&SpecProblem::TargetTask {
        id: spec.targets[1].id.clone(),
        task: 99
    }));
    assert!(problems.contains(&SpecProblem::DuplicateAnnotation { id: dup.id }));
}

#[test]
fn registry_problems_are_reported() {
    let mut spec = spec_2026();
    spec.units.retain(|u| u.kind != KindSpec::Coordinator);
    let problems = Plan::from_spec(&spec, String::new()).unwrap_err();
    assert!(problems.iter().any(|p| matches!(p, SpecProblem::Units(_))));
    let mut spec = spec_2026();
    let group = spec
        .units
        .iter_mut()
        .find(|u| u.kind == KindSpec::Group)
        .unwrap();
    group.members.push("区食药安委各成员单位".into());
    let problems = Plan::from_spec(&spec, String::new()).unwrap_err();
    assert!(
        problems.iter().any(|p| matches!(p, SpecProblem::Units(_))),
        "a group is not a member"
    );
}
