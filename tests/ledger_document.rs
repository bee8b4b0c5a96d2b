//! Loading what storage holds: this version, old versions (fixtures), corrupt text and
//! documents written by a newer app. Nothing readable is lost and the caller is told when
//! the text must be backed up.

use duty_ledger::ledger::document::{LoadProblem, SCHEMA_VERSION, restore, to_json};
use duty_ledger::ledger::view::{Overview, note_threads};
use duty_ledger::ledger::{Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};

const V1: &str = include_str!("fixtures/ledger-v1.json");

fn edu() -> UnitId {
    UnitId::from_name("区教育局").unwrap()
}

#[test]
fn a_version_1_document_loads_in_full() {
    let restored = restore(V1);
    assert_eq!(restored.problem, None);
    let ledger = restored.ledger;
    assert_eq!(ledger.len(), 7);
    let overview = Overview::build(&ledger);
    assert_eq!(overview.status(TaskId(10), edu()), Some(Status::InProgress));
    assert_eq!(overview.status(TaskId(12), edu()), Some(Status::Blocked));
    let notes = note_threads(&ledger, TaskId(10));
    assert_eq!(
        notes[0].text(),
        Some("召开校园食品安全专题会议，部署“护苗促食安”行动")
    );
    assert!(note_threads(&ledger, TaskId(11))[0].is_deleted());
}

#[test]
fn saving_and_loading_is_exact() {
    let ledger = restore(V1).ledger;
    let json = to_json(&ledger);
    assert!(json.starts_with(&format!("{{\"schema_version\":{SCHEMA_VERSION},")));
    let again = restore(&json);
    assert_eq!(again.problem, None);
    assert_eq!(again.ledger, ledger);
    assert_eq!(
        to_json(&again.ledger),
        json,
        "the stored form is deterministic"
    );
}

#[test]
fn text_that_is_not_json_is_reported_and_nothing_is_invented() {
    for raw in [
        "",
        "{\"schema_version\":1,\"events\":[",
        "\u{0}\u{1}garbage",
    ] {
        let restored = restore(raw);
        assert_eq!(restored.problem, Some(LoadProblem::NotJson), "{raw:?}");
        assert!(restored.ledger.is_empty());
    }
}

#[test]
fn json_that_is_not_a_ledger_is_reported() {
    for raw in [
        "[]",
        "{\"todos\":[]}",
        "{\"schema_version\":1,\"events\":{}}",
        "{\"schema_version\":0,\"events\":[]}",
    ] {
        assert_eq!(restore(raw).problem, Some(LoadProblem::NotALedger), "{raw}");
    }
}

#[test]
fn bad_records_are_left_out_and_counted_the_rest_kept() {
    let damaged = V1.replacen("\"task\":11", "\"task\":99", 1).replacen(
        "\"kind\":\"status\",\"status\":\"blocked\"",
        "\"kind\":\"status\",\"status\":\"stuck\"",
        1,
    );
    let restored = restore(&damaged);
    match restored.problem {
        Some(LoadProblem::SomeRecordsUnreadable {
            kept,
            dropped,
            first_problem,
        }) => {
            assert_eq!((kept, dropped), (5, 2));
            assert!(!first_problem.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(restored.ledger.len(), 5);
}

#[test]
fn a_newer_document_keeps_what_this_version_can_read() {
    let newer = V1
        .replacen("\"schema_version\":1", "\"schema_version\":7", 1)
        .replacen("\"kind\":\"figure\"", "\"kind\":\"photo\"", 1);
    let restored = restore(&newer);
    assert_eq!(
        restored.problem,
        Some(LoadProblem::NewerVersion {
            found: 7,
            kept: 6,
            dropped: 1
        })
    );
    assert_eq!(restored.ledger.len(), 6);
}

#[test]
fn an_empty_ledger_round_trips() {
    let json = to_json(&Ledger::new());
    assert_eq!(json, "{\"schema_version\":1,\"events\":[]}");
    assert_eq!(restore(&json).problem, None);
}

/// Records of exchange format 2 stored with their work date (工作日期) load with it; records
/// without one (the fixture above) keep the day they were written.
#[test]
fn records_with_a_work_date_load_with_it() {
    let restored = restore(include_str!("fixtures/ledger-v1-work-dates.json"));
    assert_eq!(restored.problem, None);
    let ledger = restored.ledger;
    assert_eq!(ledger.len(), 3);
    let notes = note_threads(&ledger, TaskId(12));
    let texts: Vec<_> = notes.iter().map(|t| t.text().unwrap()).collect();
    assert_eq!(texts, ["六月：召开部署会", "七月：完成校园食堂专项检查"]);
    let overview = Overview::build(&ledger);
    let summary = overview.get(TaskId(12), edu()).unwrap();
    let status = summary.status.as_ref().unwrap();
    assert_eq!(status.work_date.to_string(), "2023-09-01");
    assert_eq!(status.at.local_date().to_string(), "2023-11-30");
    let old = restore(V1).ledger;
    let first = note_threads(&old, TaskId(10));
    assert_eq!(first[0].work_date().to_string(), "2023-03-02");
    assert_eq!(
        to_json(&restore(&to_json(&ledger)).ledger),
        to_json(&ledger)
    );
}
