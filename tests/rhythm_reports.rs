//! rhythm-c (issue 20 §6): the reports include the rounds: the district progress report's
//! 报送情况 (per round, the units that have not submitted; the office never listed), and the
//! 会议材料 and 年度总结 compilation as CSV (the one CSV writer), at the size of the 2023 plan
//! with every unit that owes a 落实方案.

use std::collections::BTreeMap;

use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::implementation::tasks_of;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::rounds::{expected_units, missing};
use duty_ledger::ledger::view::Overview;
use duty_ledger::ledger::{DeviceId, EventId, Ledger, RoundRef, Status};
use duty_ledger::plan::{UnitId, install_builtin, plan};
use duty_ledger::report::csv::BOM;
use duty_ledger::report::meeting::Material;
use duty_ledger::report::progress_report::{ReportScope, build};
use duty_ledger::report::{Cell, annual};

/// Minutes after 1 March of the plan's year, 09:00 +08:00.
fn stamp(minutes: i64) -> Stamp {
    let start = Date::new(plan().year, 3, 1).unwrap();
    Stamp::new(
        start.days_since_epoch() * 86_400_000 + 3_600_000 + minutes * 60_000,
        480,
    )
    .unwrap()
}

fn recorder(unit: UnitId, k: usize) -> Recorder {
    let b = (k as u16).to_be_bytes();
    Recorder {
        unit,
        device: DeviceId::from_random([b[0], b[1], 3, 3, 3, 3, 3, 3]),
        author: None,
        hlc: None,
    }
}

/// Every unit that owes the 落实方案 writes one on each of its tasks, with a status, notes and
/// (every other row) an annual summary; every third unit submits the 落实方案, every fourth
/// its 年度总结; one task of every unit is blocked; the office adds a quarterly round.
/// Returns the ledger and the units that submitted the 落实方案.
fn year() -> (Ledger, Vec<UnitId>) {
    install_builtin();
    let mut ledger = Ledger::new();
    let mut n = 0u64;
    let mut id = move || {
        n += 1;
        EventId::from_random(n.to_be_bytes())
    };
    let mut submitted = Vec::new();
    for (k, unit) in expected_units().into_iter().enumerate() {
        let r = recorder(unit, k + 1);
        let at = stamp(k as i64);
        for (t, task) in tasks_of(unit).into_iter().enumerate() {
            ledger.add(
                r.implementation(id(), task, at, "制定检查计划，逐月推进", "全年覆盖率100%")
                    .unwrap(),
            );
            let status = if t == 0 {
                Status::Blocked
            } else {
                Status::InProgress
            };
            ledger.add(
                r.set_status(id(), task, at, status, "需要跨部门衔接")
                    .unwrap(),
            );
            for w in 0..3 {
                ledger.add(r.add_note(id(), task, at, &format!("第{w}次检查")).unwrap());
            }
            if t % 2 == 0
                && let Ok(e) = r.summarize(id(), task, at, "全年任务完成情况良好")
            {
                ledger.add(e);
            }
        }
        ledger.add(
            r.contact(id(), at, "王五", "科长", "0755-8391 2345")
                .unwrap(),
        );
        if k % 3 == 0 {
            ledger.add(
                r.submit(id(), stamp(600 + k as i64), RoundRef::Plan)
                    .unwrap(),
            );
            submitted.push(unit);
        }
        if k % 4 == 0 {
            ledger.add(
                r.submit(id(), stamp(900 + k as i64), RoundRef::Summary)
                    .unwrap(),
            );
        }
    }
    let office = recorder(UnitId::coordinator(), 999);
    let due = Date::new(plan().year, 6, 30).unwrap();
    ledger.add(
        office
            .set_round(id(), stamp(1000), None, Some("一季度进展"), due, false)
            .unwrap(),
    );
    (ledger, submitted)
}

#[test]
fn the_district_report_names_per_round_the_units_not_submitted() {
    let (ledger, submitted) = year();
    assert!(ledger.len() > 1000, "{}", ledger.len());
    let overview = Overview::build(&ledger);
    let today = Date::new(plan().year, 7, 1).unwrap();
    let report = build(&ledger, &overview, ReportScope::District, today);
    // The 落实方案, the 年度总结 and the office's round.
    assert_eq!(report.submissions.len(), 3);
    let office = UnitId::coordinator();
    let owing = expected_units();
    for r in &report.submissions {
        assert_eq!(r.missing, missing(&ledger, r.round.round));
        assert!(!r.missing.iter().any(|(u, _)| *u == office));
    }
    let plan_round = report
        .submissions
        .iter()
        .find(|r| r.round.round == RoundRef::Plan)
        .unwrap();
    assert_eq!(plan_round.missing.len(), owing.len() - submitted.len());
    assert!(
        plan_round
            .missing
            .iter()
            .all(|(u, s)| !submitted.contains(u) && s.token() == "draft")
    );
    let office_round = report
        .submissions
        .iter()
        .find(|r| matches!(r.round.round, RoundRef::Office(_)))
        .unwrap();
    assert_eq!(office_round.missing.len(), owing.len());

    // The sheet (XLSX and its CSV): one row per round, the names of the units missing.
    let sheet = report.submissions_sheet(Lang::Zh);
    assert_eq!(sheet.rows.len(), 3);
    let names = match &sheet.rows[0][3] {
        Cell::Text(t) => t.clone(),
        other => panic!("{other:?}"),
    };
    assert!(names.contains(plan_round.missing[0].0.name()), "{names}");
    assert!(names.contains("草稿"), "{names}");
    assert!(!names.contains(office.name()), "{names}");
    let sheets = report.sheets(Lang::Zh);
    assert!(sheets.iter().any(|s| s.name == "报送情况"));
    let csv = duty_ledger::report::csv::to_csv(&sheet);
    assert!(csv.starts_with(BOM));
    assert!(csv.contains("一季度进展"), "{csv}");
    assert!(csv.contains(&owing.len().to_string()));

    // A unit's own report has no 报送情况.
    let mine = build(&ledger, &overview, ReportScope::Unit(owing[0]), today);
    assert!(mine.submissions.is_empty());
    assert!(!mine.sheets(Lang::Zh).iter().any(|s| s.name == "报送情况"));
}

#[test]
fn meeting_material_and_annual_compilation_as_csv() {
    let (ledger, _) = year();
    let overview = Overview::build(&ledger);
    let today = Date::new(plan().year, 11, 9).unwrap();

    let material = Material::build(&ledger, today);
    assert!(material.item_count() > 10, "{}", material.item_count());
    let csv = material.csv(Lang::Zh);
    assert!(csv.starts_with(BOM));
    assert!(csv.contains("需要跨部门衔接"));
    // One record per row and the header, each ending in CRLF (no field holds a line break
    // here, as no reason or reply does).
    let sheet = material.sheet(Lang::Zh);
    assert_eq!(csv.matches("\r\n").count(), sheet.rows.len() + 1);

    let office = UnitId::coordinator();
    let states = duty_ledger::ledger::rounds::states(&ledger, RoundRef::Summary);
    let submitted: BTreeMap<UnitId, Date> = states
        .iter()
        .filter_map(|(u, s)| match s {
            duty_ledger::ledger::rounds::State::Submitted { at, .. } => Some((*u, at.local_date())),
            _ => None,
        })
        .collect();
    assert!(!submitted.is_empty());
    let compiled = annual::build(&ledger, &overview, today, &submitted);
    let csv = compiled.csv(Lang::Zh);
    assert!(csv.starts_with(BOM));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), compiled.rows.len() + 1);
    assert!(lines[0].ends_with("提交日期"), "{}", lines[0]);
    // Each row ends with its unit's submission day, or 未提交, or nothing for the office.
    for (line, row) in lines[1..].iter().zip(&compiled.rows) {
        let last = line.rsplit(',').next().unwrap();
        match submitted.get(&row.unit) {
            Some(d) => assert_eq!(last, d.to_string()),
            None if row.unit == office => assert_eq!(last, ""),
            None => assert_eq!(last, "未提交", "{line}"),
        }
    }
    assert!(csv.contains("全年任务完成情况良好"));
}
