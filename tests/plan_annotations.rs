//! The targets and milestones kept beside the seed: every quote still appears in its task,
//! tasks are named consistently, and dates fall in the plan year.

use duty_ledger::plan::milestones::{
    MILESTONES_JSON, MilestoneFile, MilestoneKind, MilestoneScope, milestones,
};
use duty_ledger::plan::targets::{TARGETS_JSON, TargetFile, TargetKind, targets};
use duty_ledger::plan::{TaskId, plan};

#[test]
fn the_files_read_strictly_give_what_build_rs_generated() {
    // serde rejects unknown or missing fields; build.rs only picks the fields it knows.
    let parsed = TargetFile::parse(TARGETS_JSON).unwrap();
    assert_eq!(
        (parsed.plan_year, &parsed.targets),
        (targets().plan_year, &targets().targets)
    );
    let parsed = MilestoneFile::parse(MILESTONES_JSON).unwrap();
    assert_eq!(
        (parsed.plan_year, &parsed.milestones),
        (milestones().plan_year, &milestones().milestones)
    );
    assert!(TargetFile::parse(&TARGETS_JSON.replacen("\"paced\"", "\"pace\"", 1)).is_err());
}

#[test]
fn every_target_quotes_its_task_and_names_it_as_printed() {
    let file = targets();
    assert_eq!(file.targets.len(), 8);
    for t in &file.targets {
        let task = plan()
            .task(t.task)
            .unwrap_or_else(|| panic!("{}: no task {:?}", t.id, t.task));
        assert_eq!(task.printed_number, t.printed, "{}", t.id);
        assert!(
            task.measure.contains(&t.quote),
            "{}: {:?} is not in task {}",
            t.id,
            t.quote,
            t.printed
        );
        assert!(t.goal > 0.0 && t.goal.is_finite(), "{}", t.id);
    }
    let ids: std::collections::BTreeSet<_> = file.targets.iter().map(|t| &t.id).collect();
    assert_eq!(ids.len(), file.targets.len(), "target ids are unique");
}

#[test]
fn the_stated_figures_are_the_ones_in_the_table() {
    let goal = |id: &str| targets().targets.iter().find(|t| t.id == id).unwrap();
    assert_eq!(goal("sampling-batches").goal, 14_800.0);
    assert_eq!(goal("sampling-coverage").goal, 4.7);
    assert_eq!(goal("evaluation-pass-rate").goal, 99.0);
    assert_eq!(goal("nonconforming-disposal-rate").goal, 100.0);
    assert_eq!(goal("rapid-test-batches").goal, 86_400.0);
    assert_eq!(goal("markets-covered").goal, 24.0);
    assert_eq!(
        (
            goal("nutrition-schools").goal,
            goal("nutrition-schools").goal_max
        ),
        (1.0, Some(2.0))
    );
    assert_eq!(goal("quarterly-supervision").kind, TargetKind::PerQuarter);
    assert_eq!(goal("quarterly-supervision").task, TaskId(3));
}

#[test]
fn every_milestone_quotes_its_task_and_falls_in_the_plan_year() {
    let file = milestones();
    assert_eq!(file.plan_year, 2023);
    assert_eq!(targets().plan_year, file.plan_year);
    assert!(plan().title.contains(&format!("{}年", file.plan_year)));
    for m in &file.milestones {
        let task = plan().task(m.task).unwrap();
        assert_eq!(task.printed_number, m.printed, "{}", m.id);
        assert!(task.measure.contains(&m.quote), "{}: {:?}", m.id, m.quote);
        assert!(!m.due.is_empty());
        for date in &m.due {
            assert_eq!(date.year(), file.plan_year, "{}", m.id);
        }
    }
}

#[test]
fn printed_56_holds_the_meeting_and_the_report_for_every_task() {
    let file = milestones();
    let report = file
        .milestones
        .iter()
        .find(|m| m.id == "implementation-report")
        .unwrap();
    assert_eq!(report.task, TaskId(57));
    assert_eq!(plan().task(TaskId(57)).unwrap().printed_number, "56");
    assert_eq!(report.scope, MilestoneScope::AllTasks);
    assert_eq!(report.due[0].to_string(), "2023-11-08");
    let meeting = file
        .milestones
        .iter()
        .find(|m| m.id == "annual-meeting")
        .unwrap();
    assert_eq!(
        (meeting.kind, meeting.due[0].to_string().as_str()),
        (MilestoneKind::Deadline, "2023-05-20")
    );
    let quarterly: Vec<_> = file
        .milestones
        .iter()
        .filter(|m| m.kind == MilestoneKind::Checkpoint)
        .map(|m| m.task.0)
        .collect();
    assert_eq!(quarterly, [2, 3]);
}
