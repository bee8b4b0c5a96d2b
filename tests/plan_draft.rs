//! From a Word table to a plan: the 2026 table read from its .docx, the renamed bureau mapped,
//! a new unit and group accepted, targets and dates marked by quoting the text, and the result
//! saved as a plan file that reads back as the same plan.
#![cfg(not(target_arch = "wasm32"))]

use duty_ledger::exchange::plan_file;
use duty_ledger::plan::annotate::{SuggestionKind, TargetValues, suggest};
use duty_ledger::plan::draft::{
    Draft, DraftProblem, Mapping, guess_kind, guess_rename, guess_short, year_in,
};
use duty_ledger::plan::milestones::MilestoneScope;
use duty_ledger::plan::source::{SourceTable, docx, html, tsv};
use duty_ledger::plan::spec::KindSpec;
use duty_ledger::plan::{TaskId, UnitId, builtin, install};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/plans/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn table_2026() -> SourceTable {
    let zip = fixture("plan-2026-stored.docx");
    let entry = docx::find_entry(&zip, docx::DOCUMENT).unwrap();
    docx::read(docx::stored_text(&zip, &entry).unwrap()).table
}

#[test]
fn the_2026_docx_becomes_a_plan_once_the_renamed_bureau_is_mapped() {
    let table = table_2026();
    let mut draft = Draft::new(table, builtin(), "plan-2026-0000abcd".into());
    assert_eq!(draft.year, 2026, "from the title");
    assert_eq!(draft.unknown(), ["区卫生健康委员会"]);
    assert_eq!(
        draft.problems(),
        [DraftProblem::Undecided("区卫生健康委员会".into())]
    );
    assert!(draft.to_spec().is_err());
    let guess = guess_rename("区卫生健康委员会", &draft.units)
        .unwrap()
        .to_string();
    assert_eq!(guess, "区卫生健康局");
    draft.decide("区卫生健康委员会", Mapping::Known(guess));
    assert_eq!(draft.renames(), [("区卫生健康局", "区卫生健康委员会")]);
    let spec = draft.to_spec().unwrap();
    let plan = plan_file::plan_of(&spec).unwrap();
    assert_eq!(plan.tasks.len(), 60);
    assert_eq!(plan.areas.len(), 10);
    // The renamed bureau keeps its short label and stays a member of the catch-all group.
    let health = plan.units.find("区卫生健康委员会").unwrap();
    assert_eq!(plan.units.infos()[plan.units.index(health)].short, "卫健");
    assert!(plan.units.find("区卫生健康局").is_none());
    // Round trip through the plan file.
    let (back, again) = plan_file::read(plan_file::write(&spec).as_bytes()).unwrap();
    assert_eq!(back, spec);
    assert_eq!(again, plan);
    // The same table pasted (HTML, or tab-separated text) gives the same plan.
    for pasted in [
        html::read(std::str::from_utf8(&fixture("plan-2026.html")).unwrap()).table,
        tsv::read(std::str::from_utf8(&fixture("plan-2026.tsv")).unwrap()).table,
    ] {
        let mut other = Draft::new(pasted, builtin(), "plan-2026-0000abcd".into());
        other.decide("区卫生健康委员会", Mapping::Known("区卫生健康局".into()));
        assert_eq!(other.to_spec().unwrap().areas, spec.areas);
    }
    // On the new plan, a unit named through a group is concerned as before.
    std::thread::spawn(move || {
        install(plan);
        let health = UnitId::from_name("区卫生健康委员会").unwrap();
        assert!(
            duty_ledger::plan::plan()
                .tasks
                .iter()
                .any(|t| t.concerns(health))
        );
    })
    .join()
    .unwrap();
}

#[test]
fn new_units_and_groups_are_accepted_with_their_kind_and_members() {
    let mut table = table_2026();
    table.rows[0].cooperating[0].name = "各区直部门".into();
    table.rows[1].lead[0].name = "区数据局".into();
    let mut draft = Draft::new(table, builtin(), "plan-2026-0000abcd".into());
    draft.decide("区卫生健康委员会", Mapping::Known("区卫生健康局".into()));
    assert_eq!(guess_kind("各区直部门"), KindSpec::Group);
    assert_eq!(guess_kind("区数据局"), KindSpec::Department);
    assert_eq!(guess_kind("香蜜湖街道办事处"), KindSpec::Subdistrict);
    assert_eq!(guess_kind("区食药安委各有关成员单位"), KindSpec::AllMembers);
    let taken: Vec<&str> = draft.units.iter().map(|u| u.short.as_str()).collect();
    let short = guess_short("区数据局", &taken);
    assert_eq!(short, "数据");
    assert_eq!(
        guess_short("区教育局", &taken),
        "教育2",
        "unique against the registry"
    );
    draft.decide(
        "区数据局",
        Mapping::New {
            short,
            kind: KindSpec::Department,
            members: vec![],
        },
    );
    draft.decide(
        "各区直部门",
        Mapping::New {
            short: "各区直".into(),
            kind: KindSpec::Group,
            members: vec![],
        },
    );
    // A listed group with no members is refused by the registry check.
    let spec = draft.to_spec().unwrap();
    assert!(plan_file::plan_of(&spec).is_err());
    draft.set_members(
        "各区直部门",
        vec![
            "区教育局".into(),
            "区数据局".into(),
            "区卫生健康委员会".into(),
        ],
    );
    let plan = plan_file::plan_of(&draft.to_spec().unwrap()).unwrap();
    let group = plan.units.find("各区直部门").unwrap();
    assert_eq!(plan.units.member_names(group).len(), 3);
    // Editing a known group's members.
    draft.set_members("各街道办事处", vec!["园岭街道办事处".into()]);
    let plan = plan_file::plan_of(&draft.to_spec().unwrap()).unwrap();
    let streets = plan.units.find("各街道办事处").unwrap();
    assert_eq!(plan.units.member_names(streets), ["园岭街道办事处"]);
    // A short label already used is a problem.
    draft.decide(
        "区数据局",
        Mapping::New {
            short: "教育".into(),
            kind: KindSpec::Department,
            members: vec![],
        },
    );
    assert!(draft.problems().contains(&DraftProblem::BadShort {
        name: "区数据局".into()
    }));
}

#[test]
fn targets_and_dates_are_marked_from_the_suggestions() {
    let mut draft = Draft::new(table_2026(), builtin(), "plan-2026-0000abcd".into());
    draft.decide("区卫生健康委员会", Mapping::Known("区卫生健康局".into()));
    let mut marked = (0, 0);
    for position in 1..=60u16 {
        let task = TaskId(position);
        let text = draft.task_text(task).unwrap().to_string();
        for suggestion in suggest(&text) {
            let quote = &text[suggestion.clause.clone()];
            let label: String = quote.chars().take(20).collect();
            match &suggestion.kind {
                kind @ SuggestionKind::Figure { .. } => {
                    let values = TargetValues::from_suggestion(kind).unwrap();
                    if draft.add_target(task, quote, &label, values).is_ok() {
                        marked.0 += 1;
                    }
                }
                SuggestionKind::Date { .. } | SuggestionKind::Recurring { .. } => {
                    if draft
                        .add_milestone(task, quote, &label, MilestoneScope::Task)
                        .is_ok()
                    {
                        marked.1 += 1;
                    }
                }
            }
        }
    }
    assert!(marked.0 >= 8 && marked.1 >= 4, "{marked:?}");
    let spec = draft.to_spec().unwrap();
    let plan = plan_file::plan_of(&spec).unwrap();
    assert_eq!(plan.targets.targets.len(), marked.0);
    assert!(
        plan.milestones
            .milestones
            .iter()
            .all(|m| m.due.iter().all(|d| d.year() == 2026))
    );
    // A phrase that is not in the task is refused.
    assert!(
        draft
            .add_milestone(TaskId(1), "不在原文中的话", "x", MilestoneScope::Task)
            .is_err()
    );
}

#[test]
fn the_year_comes_from_the_title() {
    assert_eq!(
        year_in("福田区2026年食品安全重点工作安排责任分工表"),
        Some(2026)
    );
    assert_eq!(year_in("责任分工表"), None);
}

#[test]
fn reading_errors_block_a_draft_but_unknown_names_are_decided_in_it() {
    use duty_ledger::plan::draft::blocks;
    use duty_ledger::plan::source::{Column, SourceProblem};
    assert!(!blocks(&SourceProblem::UnknownUnit {
        row: 1,
        column: Column::Lead,
        name: "区数据局".into()
    }));
    assert!(blocks(&SourceProblem::DocxDamaged));
    assert!(blocks(&SourceProblem::EmptyCell {
        row: 3,
        column: Column::Measure
    }));
    assert!(!blocks(&SourceProblem::NoTitle), "a warning");
}

#[test]
fn unknown_names_are_pre_decided_with_the_guesses() {
    let mut table = table_2026();
    table.rows[1].lead[0].name = "区数据局".into();
    let mut draft = Draft::new(table, builtin(), "plan-2026-0000abcd".into());
    draft.guess_undecided();
    assert_eq!(
        draft.mapping.get("区卫生健康委员会"),
        Some(&Mapping::Known("区卫生健康局".into()))
    );
    assert_eq!(
        draft.mapping.get("区数据局"),
        Some(&Mapping::New {
            short: "数据".into(),
            kind: KindSpec::Department,
            members: vec![]
        })
    );
    // Proposals only: saving waits until the office confirms each.
    assert_eq!(draft.unconfirmed(), ["区数据局", "区卫生健康委员会"]);
    assert_eq!(draft.problems().len(), 2);
    draft.confirm("区数据局");
    draft.confirm("区卫生健康委员会");
    assert!(draft.problems().is_empty());
    // A second new unit's label is unique against the first.
    match draft.new_unit("区数据管理局") {
        Mapping::New { short, .. } => assert_ne!(short, "数据"),
        other => panic!("{other:?}"),
    }
    // A known group's members come from the registry, and can be changed.
    let streets = draft.members("各街道办事处");
    assert_eq!(streets.len(), 10);
    draft.set_members("各街道办事处", streets[..3].to_vec());
    assert_eq!(draft.members("各街道办事处").len(), 3);
}

#[test]
fn suggestions_and_selections_are_marked_toggled_and_dated_in_the_year() {
    let mut draft = Draft::new(table_2026(), builtin(), "plan-2026-0000abcd".into());
    draft.guess_undecided();
    draft.confirm("区卫生健康委员会");
    let task = TaskId(60);
    let text = draft.task_text(task).unwrap().to_string();
    let date = suggest(&text)
        .into_iter()
        .find(|s| matches!(s.kind, SuggestionKind::Date { .. }))
        .unwrap();
    assert_eq!(draft.suggestion_mark(task, &date), None);
    draft.mark_suggestion(task, &date).unwrap();
    let id = draft.suggestion_mark(task, &date).unwrap();
    assert_eq!(draft.milestones[0].due[0].to_string(), "2026-11-30");
    // The year changes: the date follows.
    draft.set_year(2027);
    assert_eq!(draft.milestones[0].due[0].to_string(), "2027-11-30");
    assert_eq!(draft.milestones[0].id, id, "ids are kept");
    draft.set_year(2026);
    draft.unmark(&id);
    assert!(draft.milestones.is_empty());
    // A selection with no date is refused; with one, marked.
    assert_eq!(
        draft.mark_date(task, "推广食品安全电子追溯"),
        Err(duty_ledger::plan::annotate::AnnotateProblem::NoDate)
    );
    draft.mark_date(task, "11月30日前").unwrap();
    // A figure selected in another task.
    let (figure_task, figure) = (1..=60u16)
        .find_map(|n| {
            let text = draft.task_text(TaskId(n))?.to_string();
            suggest(&text)
                .into_iter()
                .find(|s| matches!(s.kind, SuggestionKind::Figure { .. }))
                .map(|s| (TaskId(n), s.quote))
        })
        .unwrap();
    draft.mark_target(figure_task, &figure).unwrap();
    assert_eq!(
        draft.mark_target(figure_task, "不在原文中"),
        Err(duty_ledger::plan::annotate::AnnotateProblem::QuoteNotFound)
    );
    let spec = draft.to_spec().unwrap();
    assert_eq!((spec.targets.len(), spec.milestones.len()), (1, 1));
    assert!(plan_file::plan_of(&spec).is_ok());
}
