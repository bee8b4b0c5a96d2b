//! The implementation report: which rows it has for a unit and for the district, its columns,
//! totals, overdue items, and the CSV/XLSX made from it.

use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::consolidated::{matrix, responsible_units};
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::view::Overview;
use duty_ledger::ledger::{DeviceId, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId, plan};
use duty_ledger::report::progress_report::{NOTES_PER_ROW, ReportScope, build};
use duty_ledger::report::{Cell, csv, xlsx};

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

const EDU: &str = "区教育局";

fn sample() -> Ledger {
    let edu = Recorder {
        unit: unit(EDU),
        device: DeviceId::from_random([1; 8]),
        author: None,
        hlc: None,
    };
    let mut ledger = Ledger::new();
    let mut n = 0u64;
    let mut id = || {
        n += 1;
        EventId::from_random(n.to_be_bytes())
    };
    let at = |minute: i64| Stamp::new(1_685_577_600_000 + minute * 60_000, 480).unwrap();
    ledger.add(
        edu.set_status(id(), TaskId(10), at(0), Status::Done, "")
            .unwrap(),
    );
    ledger.add(
        edu.set_status(id(), TaskId(12), at(1), Status::Blocked, "等待配合")
            .unwrap(),
    );
    for i in 0..5 {
        let text = format!("第{i}条，含逗号,引号\"和\n换行");
        ledger.add(edu.add_note(id(), TaskId(10), at(10 + i), &text).unwrap());
    }
    ledger
}

fn today() -> Date {
    Date::new(2023, 12, 1).unwrap()
}

#[test]
fn a_unit_report_has_a_row_for_each_task_that_concerns_the_unit() {
    let ledger = sample();
    let overview = Overview::build(&ledger);
    let report = build(&ledger, &overview, ReportScope::Unit(unit(EDU)), today());
    let concerning = plan()
        .tasks
        .iter()
        .filter(|t| t.concerns(unit(EDU)))
        .count();
    assert_eq!(report.rows.len(), concerning);
    assert_eq!(report.rows.len(), 21);
    let row10 = report
        .rows
        .iter()
        .find(|r| r.task.id == TaskId(10))
        .unwrap();
    assert_eq!(row10.status, Some(Status::Done));
    assert_eq!(row10.notes.len(), NOTES_PER_ROW, "only the newest notes");
    let texts: Vec<_> = row10.notes.iter().map(|n| &n.text[..4]).collect();
    assert_eq!(
        texts,
        ["第2", "第3", "第4"],
        "the newest three, in date order"
    );
    // 8 November has passed: every open task is overdue; the done one is not, and the
    // blocked one is red for being blocked.
    assert_eq!(report.overdue().count(), 19);
    assert!(!row10.is_overdue());
    let (_, totals) = report.by_unit[0];
    assert_eq!(
        (totals.responsible, totals.done, totals.blocked),
        (21, 1, 1)
    );
    let areas: usize = report.by_area.iter().map(|(_, c)| c.responsible).sum();
    assert_eq!(areas, 21);
}

#[test]
fn a_district_report_has_a_row_per_responsible_unit_per_task() {
    let ledger = sample();
    let overview = Overview::build(&ledger);
    let report = build(&ledger, &overview, ReportScope::District, today());
    let cells: usize = matrix(&overview, today(), &responsible_units(), |_| true)
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .flatten()
                .filter(|c| c.role != duty_ledger::plan::Role::Cooperate)
                .count()
        })
        .sum();
    // Cooperating units' cells are shown in the matrix but are no rows of the report.
    // The matrix folds printed 56's 27 member units into its 24 columns; the report lists all.
    assert_eq!(report.rows.len(), cells + 3);
    assert_eq!(
        report
            .rows
            .iter()
            .filter(|r| r.task.id == TaskId(57))
            .count(),
        27
    );
    let task10: Vec<&str> = report
        .rows
        .iter()
        .filter(|r| r.task.id == TaskId(10))
        .map(|r| r.unit.name())
        .collect();
    assert_eq!(task10, ["市市场监管局福田监管局", EDU]);
    assert_eq!(report.by_unit.len(), 24);
}

#[test]
fn the_csv_has_a_header_one_line_per_row_and_escapes_notes() {
    let ledger = sample();
    let overview = Overview::build(&ledger);
    let report = build(&ledger, &overview, ReportScope::Unit(unit(EDU)), today());
    let table = report.table(Lang::Zh);
    assert_eq!(table.header[..4], ["领域", "序号", "举措", "单位"]);
    assert_eq!(table.header.len(), 15);
    assert!(table.rows.iter().all(|r| r.len() == 15));
    assert_eq!(table.header[12], "佐证材料（件）");
    assert_eq!(table.header[6..8], ["状态工作日期", "受阻原因"]);
    assert_eq!(table.header[10], "最新进展工作日期");
    let row12 = table
        .rows
        .iter()
        .find(|r| r[1] == Cell::Number(12.0))
        .unwrap();
    assert_eq!(row12[5], Cell::Text("受阻".into()));
    assert_eq!(row12[7], Cell::Text("等待配合".into()));
    assert_eq!(row12[6], Cell::Text("2023-06-01".into()));
    let text = csv::to_csv(&table);
    assert!(text.starts_with('\u{feff}'));
    // Notes hold commas, quotes and line breaks: quoted, quotes doubled.
    assert!(text.contains("\"\"和"), "quotes are doubled");
    let row10 = &table
        .rows
        .iter()
        .find(|r| r[1] == Cell::Number(10.0))
        .unwrap();
    assert_eq!(row10[10], Cell::Text("2023-06-01".into()));
    let Cell::Text(notes) = &row10[11] else {
        panic!()
    };
    assert_eq!(notes.lines().count(), 6, "three notes of two lines each");
    let english = report.table(Lang::En);
    assert_eq!(english.header[..2], ["Area", "No."]);
    let Cell::Text(status) = &english.rows[0][5] else {
        panic!()
    };
    assert!(
        status.is_ascii(),
        "the interface words are translated: {status}"
    );
}

#[test]
fn the_workbook_has_summaries_and_one_sheet_per_area() {
    let ledger = sample();
    let overview = Overview::build(&ledger);
    let report = build(&ledger, &overview, ReportScope::District, today());
    let sheets = report.sheets(Lang::Zh);
    // 需协调, completion by unit and by area, 报送情况 (rhythm-c), then the nine areas.
    assert_eq!(sheets.len(), 4 + 9);
    assert_eq!(sheets[0].name, "需协调");
    assert_eq!(sheets[3].name, "报送情况");
    assert_eq!(
        sheets[0].rows,
        [vec![
            Cell::Text("2023-06-01".into()),
            Cell::Number(
                plan()
                    .task(TaskId(12))
                    .unwrap()
                    .printed_number
                    .parse()
                    .unwrap()
            ),
            Cell::Text(plan().task(TaskId(12)).unwrap().measure.clone()),
            Cell::Text(EDU.into()),
            Cell::Text("等待配合".into()),
            Cell::Text("2023-06-01".into()),
            // 协调意见（会议决定）: none yet.
            Cell::Empty,
        ]]
    );
    assert_eq!(sheets[1].name, "按单位汇总");
    assert_eq!(sheets[1].rows.len(), 24);
    let area_rows: usize = sheets[4..].iter().map(|s| s.rows.len()).sum();
    assert_eq!(area_rows, report.rows.len());
    assert_eq!(sheets[4].name, "一、完善食品安全监管体制");
    let edu_summary = sheets[1]
        .rows
        .iter()
        .find(|r| r[0] == Cell::Text(EDU.into()))
        .unwrap();
    assert_eq!(edu_summary[2], Cell::Number(1.0));
    assert_eq!(edu_summary[6], Cell::Percent(1.0 / 5.0));
    let bytes = xlsx::workbook(&sheets);
    assert_eq!(&bytes[..2], b"PK");
    assert_eq!(report.file_stem(), "全区汇总-落实情况-2023-12-01");
}

/// The first page: totals, 需协调, silent units with their last day, each passed deadline once.
#[test]
fn the_district_report_opens_with_what_a_leader_reads_first() {
    let ledger = sample();
    let overview = Overview::build(&ledger);
    let report = build(&ledger, &overview, ReportScope::District, today());
    let statuses = report.status_totals();
    assert_eq!(
        statuses.iter().map(|(_, n)| n).sum::<usize>(),
        report.rows.len()
    );
    assert_eq!(statuses[2], (Status::Done, 1));
    assert_eq!(statuses[3], (Status::Blocked, 1));
    let lights = report.light_totals();
    assert_eq!(
        lights.iter().map(|(_, n)| n).sum::<usize>(),
        report.rows.len()
    );
    assert_eq!(report.blocked.len(), 1);
    assert_eq!(report.blocked[0].reason, "等待配合");
    // 区教育局 last sent on 1 June: by 1 December it has been silent for months. The office,
    // to whom units report, is never listed as silent.
    assert_eq!(report.silent.len(), 23);
    assert!(
        report
            .silent
            .iter()
            .all(|(u, _)| *u != UnitId::coordinator())
    );
    assert!(
        report
            .silent
            .contains(&(unit(EDU), Some(Date::new(2023, 6, 1).unwrap())))
    );
    assert_eq!(
        report.silent.last().unwrap().0,
        unit(EDU),
        "never-sent first"
    );
    // Every overdue row is under exactly one deadline, and no deadline appears twice.
    let deadlines = report.overdue_deadlines();
    let counted: usize = deadlines
        .iter()
        .flat_map(|d| d.units.iter().map(|(_, n)| n))
        .sum();
    assert_eq!(counted, report.overdue().count());
    assert!(
        report.overdue().count() > 100,
        "the old page listed each of these"
    );
    assert!(deadlines.len() < 10, "{}", deadlines.len());
    let mut ids: Vec<_> = deadlines
        .iter()
        .map(|d| (d.milestone.map_or("", |m| m.id.as_str()), d.date))
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), deadlines.len());
    let report_deadline = deadlines
        .iter()
        .find(|d| d.milestone.is_some_and(|m| m.id == "implementation-report"))
        .unwrap();
    assert!(report_deadline.tasks.len() > 40);
    // A unit's report has the same shape for the unit alone.
    let mine = build(&ledger, &overview, ReportScope::Unit(unit(EDU)), today());
    assert_eq!(mine.blocked.len(), 1);
    assert_eq!(
        mine.silent,
        [(unit(EDU), Some(Date::new(2023, 6, 1).unwrap()))]
    );
    assert!(mine.overdue_deadlines().iter().all(|d| d.units.len() == 1));
}

/// 佐证材料 per task and unit: each file of the notes as they stand counted once (a file on two
/// notes once, a deleted note's files not at all), in the table's evidence column, and the
/// notes' files beside them for the print view.
#[test]
fn the_report_counts_evidence_per_task() {
    use duty_ledger::foundation::digest::Digest;
    use duty_ledger::ledger::view::NoteRef;
    use duty_ledger::ledger::{Attachment, FileType};
    let mut ledger = sample();
    let edu = Recorder {
        unit: unit(EDU),
        device: DeviceId::from_random([1; 8]),
        author: None,
        hlc: None,
    };
    let file = |n: u8| Attachment {
        sha256: Digest::of(&[n]),
        name: format!("现场{n}.jpg"),
        kind: FileType::Jpeg,
        size: 1000,
    };
    let at = |minute: i64| Stamp::new(1_685_577_600_000 + minute * 60_000, 480).unwrap();
    let id = |n: u64| EventId::from_random((1000 + n).to_be_bytes());
    ledger.add(
        edu.add_note_with(
            id(1),
            TaskId(10),
            at(100),
            None,
            "检查",
            vec![file(1), file(2)],
        )
        .unwrap(),
    );
    ledger.add(
        edu.add_note_with(
            id(2),
            TaskId(10),
            at(101),
            None,
            "复查",
            vec![file(2), file(3)],
        )
        .unwrap(),
    );
    let gone = edu
        .add_note_with(id(3), TaskId(10), at(102), None, "作废", vec![file(4)])
        .unwrap();
    ledger.add(gone.clone());
    let gone_ref = NoteRef {
        id: gone.id,
        task: gone.task,
        unit: gone.unit,
    };
    ledger.add(edu.delete_note(id(4), &gone_ref, at(103)).unwrap());
    let overview = Overview::build(&ledger);
    let report = build(&ledger, &overview, ReportScope::Unit(unit(EDU)), today());
    let row = report
        .rows
        .iter()
        .find(|r| r.task.id == TaskId(10))
        .unwrap();
    assert_eq!(row.evidence, 3);
    assert_eq!(
        row.notes.last().unwrap().attachments,
        vec![file(2), file(3)]
    );
    let other = report
        .rows
        .iter()
        .find(|r| r.task.id == TaskId(12))
        .unwrap();
    assert_eq!(other.evidence, 0);
    let table = report.table(Lang::Zh);
    let cells = table
        .rows
        .iter()
        .find(|r| r[1] == Cell::Number(10.0))
        .unwrap();
    assert_eq!(cells[12], Cell::Number(3.0));
}

/// Where several units report on one target, the district figure (全区合计) adds each unit's own
/// latest figure once: a unit's earlier figures and a second figure on the same day replace,
/// never add; a level is not added up; one unit alone makes no district figure.
#[test]
fn a_district_total_counts_each_unit_once() {
    use duty_ledger::ledger::progress::{Pace, district_total};
    use duty_ledger::plan::targets::target;
    let task = TaskId(37);
    // The lead and another unit reporting on the same target.
    let lead_unit = plan().task(task).unwrap().lead_units().next().unwrap().unit;
    let named = [lead_unit, unit(EDU)];
    let recorder = |unit: UnitId, device: u8| Recorder {
        unit,
        device: DeviceId::from_random([device; 8]),
        author: None,
        hlc: None,
    };
    let (lead, other) = (recorder(named[0], 1), recorder(named[1], 2));
    let mut ledger = Ledger::new();
    let mut n = 0u64;
    let mut id = || {
        n += 1;
        EventId::from_random(n.to_be_bytes())
    };
    let at = |minute: i64| Stamp::new(1_696_000_000_000 + minute * 60_000, 480).unwrap();
    let d = |text: &str| Date::parse(text).unwrap();
    let batches = "rapid-test-batches";
    for (who, minute, as_of, value) in [
        (&lead, 0, "2023-06-30", 20_000.0),
        (&lead, 1, "2023-09-30", 40_000.0),
        // The same day again: a correction, not more batches.
        (&lead, 2, "2023-09-30", 41_000.0),
        (&other, 3, "2023-09-15", 25_000.0),
    ] {
        ledger.add(
            who.record_figure(id(), task, at(minute), batches, d(as_of), value)
                .unwrap(),
        );
    }
    let overview = Overview::build(&ledger);
    let rapid = target(task, batches).unwrap();
    let total = district_total(&overview, task, rapid, d("2023-10-01")).unwrap();
    assert_eq!(total.units, [(named[0], 41_000.0), (named[1], 25_000.0)]);
    assert_eq!(total.progress.value, Some(66_000.0));
    assert_eq!(
        total.progress.as_of,
        Some(d("2023-09-15")),
        "as of its oldest part"
    );
    assert_eq!(total.progress.pace, Pace::OnPace);
    // Before the second unit's figure (dated later than today) there is no district figure.
    assert_eq!(
        district_total(&overview, task, rapid, d("2023-09-01")).map(|t| t.units.len()),
        None
    );
    // A level is never summed.
    let level = plan()
        .tasks
        .iter()
        .flat_map(|t| duty_ledger::plan::targets::targets_of(t.id).map(move |x| (t.id, x)))
        .find(|(_, x)| x.kind == duty_ledger::plan::targets::TargetKind::Level)
        .unwrap();
    assert_eq!(
        district_total(&overview, level.0, level.1, d("2023-10-01")),
        None
    );
}

/// The office's own report: it is never told to hand the report in to itself (the 11-08 date
/// does not bind it), and the district report never lists it as not reporting.
#[test]
fn the_office_is_not_its_own_late_unit() {
    let ledger = sample();
    let overview = Overview::build(&ledger);
    let office = UnitId::coordinator();
    let report = build(&ledger, &overview, ReportScope::Unit(office), today());
    assert!(!report.rows.is_empty());
    assert!(
        report
            .overdue_deadlines()
            .iter()
            .all(|d| d.milestone.is_none_or(|m| m.id != "implementation-report")),
        "the office is not told to submit to itself"
    );
    assert!(report.silent.is_empty());
    let district = build(&ledger, &overview, ReportScope::District, today());
    assert!(district.silent.iter().all(|(u, _)| *u != office));
}
