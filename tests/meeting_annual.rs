//! The May meeting (会议材料 and 会议决定) and the 年度总结 (issue 20 §4, §5): the rules of the new
//! records, the meeting's items grouped by the departments involved with their replies and
//! decisions, a decision travelling to the unit in a signed file, the summary pre-filled from
//! figures and notes, its versions, and the office's compilation (XLSX sheets, Word document,
//! units not submitted) at the size of a real year.
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use std::collections::BTreeMap;

use duty_ledger::exchange::preview::{apply, preview};
use duty_ledger::exchange::validate::FieldProblem;
use duty_ledger::exchange::{ImportError, Scope, read};
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::coordination::{State, answer, replies};
use duty_ledger::ledger::event::EventProblem;
use duty_ledger::ledger::meeting::{agenda, decided_at, items};
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::summary::{current, versions};
use duty_ledger::ledger::view::Overview;
use duty_ledger::ledger::{DeviceId, Event, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId, plan};
use duty_ledger::report::annual::{build, prefill};
use duty_ledger::report::docx;
use duty_ledger::report::meeting::{Material, answer_text};
use signed::{NOW_MS, Tablet, signed_export, tampered_signed};

const EDU: &str = "区教育局";
const OFFICE: &str = "区食药安办";
const HEALTH: &str = "区卫生健康局";
const MARKET: &str = "市市场监管局福田监管局";

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// Minutes after 2023-05-10 09:00 +08:00.
fn stamp(minutes: i64) -> Stamp {
    Stamp::new(1_683_680_400_000 + minutes * 60_000, 480).unwrap()
}

impl Tablet {
    fn new(name: &str, n: u8) -> Tablet {
        Tablet::with(
            unit(name),
            DeviceId::from_random([n; 8]),
            "李四",
            u64::from(n) << 32,
            stamp,
        )
    }

    fn block(&mut self, minutes: i64, task: u16, reason: &str) -> Event {
        self.write(minutes, |r, id, at| {
            r.set_status(id, TaskId(task), at, Status::Blocked, reason)
        })
    }

    fn answer(&mut self, minutes: i64, task: u16, about: &str, owner: &str, text: &str) -> Event {
        self.write(minutes, |r, id, at| {
            r.coordinate(
                id,
                TaskId(task),
                at,
                unit(about),
                text,
                unit(owner),
                day("2023-06-30"),
                false,
            )
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn decide(
        &mut self,
        minutes: i64,
        task: u16,
        about: &str,
        owner: &str,
        text: &str,
        resolved: bool,
        meeting: &str,
    ) -> Event {
        self.write(minutes, |r, id, at| {
            r.decide(
                id,
                TaskId(task),
                at,
                unit(about),
                text,
                unit(owner),
                day("2023-06-30"),
                resolved,
                day(meeting),
            )
        })
    }

    fn export(&self) -> String {
        signed_export(
            &self.ledger,
            self.recorder.unit,
            self.recorder.device,
            Scope::Unit,
            stamp(60 * 24 * 30),
        )
    }

    fn import(&mut self, text: &[u8]) {
        let file = read(text, NOW_MS).unwrap();
        preview(&self.ledger, &file).unwrap();
        self.ledger = apply(&self.ledger, &[&file]);
    }
}

#[test]
fn a_decision_is_an_answer_of_the_office_marked_with_a_meeting_held_already() {
    let office = Tablet::new(OFFICE, 2).recorder;
    let edu = Tablet::new(EDU, 1).recorder;
    let at = stamp(0); // 2023-05-10
    let id = EventId::from_random([7; 8]);
    let decide = |r: &Recorder, meeting: &str| {
        r.decide(
            id,
            TaskId(12),
            at,
            unit(EDU),
            "会议决定由区卫生健康局牵头",
            unit(HEALTH),
            day("2023-06-30"),
            false,
            day(meeting),
        )
    };
    assert!(decide(&office, "2023-05-10").is_ok());
    assert!(decide(&office, "2023-05-09").is_ok());
    assert_eq!(
        decide(&office, "2023-05-11").unwrap_err(),
        EventProblem::MeetingInFuture
    );
    assert_eq!(
        decide(&edu, "2023-05-10").unwrap_err(),
        EventProblem::CoordinationNotByOffice
    );
}

#[test]
fn the_meeting_lists_items_by_departments_with_replies_and_decisions() {
    let mut edu = Tablet::new(EDU, 1);
    let mut health = Tablet::new(HEALTH, 3);
    let mut office = Tablet::new(OFFICE, 2);
    edu.block(0, 12, "等待卫健部门提供名单");
    edu.block(60, 10, "场地未落实");
    health.block(30, 12, "经费未到位");
    // Blocked, answered, then back to work: still on the agenda until settled.
    let market_block = {
        let mut market = Tablet::new(MARKET, 4);
        market.block(10, 37, "快检车不足");
        let progress = market.write(200, |r, id, at| {
            r.set_status(id, TaskId(37), at, Status::InProgress, "")
        });
        vec![market.ledger.get(&progress.id).unwrap().clone()]
            .into_iter()
            .chain(market.ledger.events().cloned())
            .collect::<Vec<_>>()
    };
    for ledger in [&edu.ledger, &health.ledger] {
        for e in ledger.events() {
            office.ledger.add(e.clone());
        }
    }
    for e in market_block {
        office.ledger.add(e);
    }
    office.answer(100, 12, EDU, HEALTH, "请区卫生健康局提供名单");
    office.answer(110, 37, MARKET, MARKET, "增加快检车");
    let all = items(&office.ledger);
    assert_eq!(
        all.len(),
        4,
        "three blocked, one answered and no longer blocked"
    );
    let groups = agenda(&office.ledger);
    type Shape<'a> = (Vec<&'a str>, Vec<(u16, &'a str)>);
    let shape: Vec<Shape> = groups
        .iter()
        .map(|g| {
            (
                g.departments.iter().map(|u| u.name()).collect(),
                g.items.iter().map(|i| (i.task.0, i.unit.name())).collect(),
            )
        })
        .collect();
    assert!(
        shape.contains(&(vec![HEALTH, EDU], vec![(12, EDU)])),
        "{shape:?}"
    );
    assert!(shape.contains(&(vec![EDU], vec![(10, EDU)])), "{shape:?}");
    assert!(
        shape.contains(&(vec![HEALTH], vec![(12, HEALTH)])),
        "{shape:?}"
    );
    assert!(
        shape.contains(&(vec![MARKET], vec![(37, MARKET)])),
        "{shape:?}"
    );
    let market = all.iter().find(|i| i.unit == unit(MARKET)).unwrap();
    assert!(!market.blocked);
    assert_eq!(market.reason, "快检车不足");
    assert_eq!(market.raised, day("2023-05-10"));

    // The meeting decides on 2023-05-15: the decision is now the current answer, the earlier
    // reply stays among the replies, and the decisions of that day can be listed.
    office.decide(
        60 * 24 * 5,
        12,
        EDU,
        HEALTH,
        "会议决定：卫健局5月底前提供名单",
        false,
        "2023-05-15",
    );
    office.decide(
        60 * 24 * 5 + 1,
        37,
        MARKET,
        MARKET,
        "会议决定：已解决",
        true,
        "2023-05-15",
    );
    let now = answer(&office.ledger, TaskId(12), unit(EDU)).unwrap();
    assert_eq!(now.meeting, Some(day("2023-05-15")));
    assert_eq!(now.revisions, 2);
    let all = replies(&office.ledger, TaskId(12), unit(EDU));
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].meeting, None);
    let item = items(&office.ledger)
        .into_iter()
        .find(|i| i.task == TaskId(12) && i.unit == unit(EDU))
        .unwrap();
    assert_eq!(item.decisions().count(), 1);
    assert!(item.current_decision().is_some());
    let decided = decided_at(&office.ledger, day("2023-05-15"));
    assert_eq!(decided.len(), 2);
    // Settled and no longer blocked: off the next meeting's agenda.
    assert!(!items(&office.ledger).iter().any(|i| i.unit == unit(MARKET)));
    // In words, the decision says it is one, with its meeting's day.
    let words = answer_text(Lang::Zh, &now);
    assert!(words.starts_with("会议决定（2023年5月15日）"), "{words}");
    let material = Material::build(&office.ledger, day("2023-05-15"));
    assert_eq!(material.item_count(), 3);
    let sheet = material.sheet(Lang::Zh);
    assert_eq!(sheet.rows.len(), 3);
    let bytes = docx::document(&material.document(Lang::Zh));
    assert!(contains(&bytes, "会议决定（2023年5月15日）"));
    assert!(contains(&bytes, "区卫生健康局、区教育局"));
    // The next report's 需协调 sheet shows what was decided.
    let overview = Overview::build(&office.ledger);
    let report = duty_ledger::report::progress_report::build(
        &office.ledger,
        &overview,
        duty_ledger::report::progress_report::ReportScope::District,
        day("2023-05-20"),
    );
    let blocked = report.blocked_sheet(Lang::Zh);
    assert!(
        blocked.rows.iter().any(|r| r
            .iter()
            .any(|c| matches!(c, duty_ledger::report::Cell::Text(t) if t.contains("会议决定")))),
        "{blocked:?}"
    );
}

fn contains(bytes: &[u8], text: &str) -> bool {
    let needle = text.as_bytes();
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_decision_and_a_summary_travel_in_signed_files_and_not_in_older_formats() {
    let mut office = Tablet::new(OFFICE, 2);
    let mut edu = Tablet::new(EDU, 1);
    let blocked = edu.block(0, 12, "等待配合");
    office.ledger.add(blocked);
    office.decide(
        60 * 24 * 5,
        12,
        EDU,
        HEALTH,
        "会议决定：卫健局配合",
        false,
        "2023-05-15",
    );
    let text = office.export();
    edu.import(text.as_bytes());
    let now = answer(&edu.ledger, TaskId(12), unit(EDU)).unwrap();
    assert_eq!(now.meeting, Some(day("2023-05-15")));
    // Format 4 has coordination answers but no meetings; format 3 has neither.
    let old = tampered_signed(&text, |f| f["format_version"] = 4.into());
    assert!(matches!(
        read(&old, NOW_MS).unwrap_err(),
        ImportError::MalformedField { ref field, problem: FieldProblem::NotInVersion { version: 4 } }
            if field == "records[0].change.meeting"
    ));
    let old = tampered_signed(&text, |f| f["format_version"] = 3.into());
    assert!(matches!(
        read(&old, NOW_MS).unwrap_err(),
        ImportError::MalformedField { ref field, problem: FieldProblem::KindNotInVersion { version: 3, since: 4 } }
            if field == "records[0].change.kind"
    ));

    edu.write(60 * 24 * 170, |r, id, at| {
        r.summarize(id, TaskId(12), at, "全年完成食品安全宣传")
    });
    let text = edu.export();
    let mut office2 = Tablet::new(OFFICE, 5);
    office2.import(text.as_bytes());
    assert_eq!(
        current(&office2.ledger, TaskId(12), unit(EDU))
            .unwrap()
            .text,
        "全年完成食品安全宣传"
    );
    let old = tampered_signed(&text, |f| f["format_version"] = 4.into());
    let err = read(&old, NOW_MS).unwrap_err();
    assert!(
        matches!(
            &err,
            ImportError::MalformedField { field, problem: FieldProblem::KindNotInVersion { version: 4, since: 5 } }
                if field == "records[1].change.kind"
        ),
        "{err:?}"
    );
}

#[test]
fn a_summary_is_the_units_own_on_its_task_with_every_version_kept() {
    let mut edu = Tablet::new(EDU, 1);
    let customs = Tablet::new("福田海关", 6).recorder;
    assert_eq!(
        customs
            .summarize(EventId::from_random([1; 8]), TaskId(12), stamp(0), "不相干")
            .unwrap_err(),
        EventProblem::SummaryUnitNotOnTask
    );
    assert!(matches!(
        edu.recorder
            .summarize(
                EventId::from_random([2; 8]),
                TaskId(12),
                stamp(0),
                " \u{3000} "
            )
            .unwrap_err(),
        EventProblem::EmptyText { .. } | EventProblem::InvisibleOnly { .. }
    ));
    assert!(matches!(
        edu.recorder
            .summarize(
                EventId::from_random([3; 8]),
                TaskId(12),
                stamp(0),
                &"字".repeat(10_001)
            )
            .unwrap_err(),
        EventProblem::TooLong { .. }
    ));
    edu.write(0, |r, id, at| r.summarize(id, TaskId(12), at, "初稿"));
    edu.write(5, |r, id, at| r.summarize(id, TaskId(12), at, "修改稿"));
    let now = current(&edu.ledger, TaskId(12), unit(EDU)).unwrap();
    assert_eq!(now.text, "修改稿");
    assert_eq!(now.versions, 2);
    assert_eq!(versions(&edu.ledger, TaskId(12), unit(EDU)).len(), 2);
}

#[test]
fn the_prefill_carries_status_figures_and_notes() {
    let mut market = Tablet::new(MARKET, 4);
    market.write(0, |r, id, at| {
        r.set_status(id, TaskId(37), at, Status::InProgress, "")
    });
    market.write(1, |r, id, at| {
        r.record_figure(
            id,
            TaskId(37),
            at,
            "rapid-test-batches",
            day("2023-05-10"),
            40_000.0,
        )
    });
    market.write(2, |r, id, at| {
        r.add_note(id, TaskId(37), at, "快检车进市场\n第二行")
    });
    let overview = Overview::build(&market.ledger);
    let text = prefill(
        &market.ledger,
        &overview,
        TaskId(37),
        unit(MARKET),
        Lang::Zh,
        day("2023-11-01"),
    );
    assert!(text.starts_with("当前状态：推进中"), "{text}");
    assert!(text.contains("40,000"), "{text}");
    assert!(text.contains("快检车进市场 第二行"), "{text}");
    let empty = prefill(
        &Ledger::new(),
        &Overview::build(&Ledger::new()),
        TaskId(12),
        unit(EDU),
        Lang::En,
        day("2023-11-01"),
    );
    assert!(empty.contains("(no notes yet)"), "{empty}");
}

/// A year at size: every responsible unit on every task with a status, notes and figures,
/// two thirds of them with a summary; 5 units submitted.
#[test]
fn the_compilation_holds_every_row_and_names_the_units_not_submitted() {
    let office = unit(OFFICE);
    let mut ledger = Ledger::new();
    let mut n = 0u64;
    let mut rows = 0usize;
    let mut written = 0usize;
    for task in &plan().tasks {
        for (k, u) in duty_ledger::ledger::consolidated::responsible_units()
            .into_iter()
            .enumerate()
        {
            if u == office || duty_ledger::ledger::consolidated::responsibility(task, u).is_none() {
                continue;
            }
            rows += 1;
            let r = Recorder {
                unit: u,
                device: DeviceId::from_random([k as u8 + 1; 8]),
                author: None,
                hlc: None,
            };
            let at = stamp(rows as i64);
            let mut id = || {
                n += 1;
                EventId::from_random(n.to_be_bytes())
            };
            ledger.add(
                r.set_status(id(), task.id, at, Status::InProgress, "")
                    .unwrap(),
            );
            for k in 0..12 {
                ledger.add(
                    r.add_note(id(), task.id, at, &format!("第{k}次工作"))
                        .unwrap(),
                );
            }
            if !rows.is_multiple_of(3) {
                written += 1;
                ledger.add(
                    r.summarize(id(), task.id, at, "全年任务完成情况良好")
                        .unwrap(),
                );
            }
        }
    }
    assert!(ledger.len() > 1500, "{}", ledger.len());
    let overview = Overview::build(&ledger);
    let units = duty_ledger::ledger::consolidated::responsible_units();
    let submitted: BTreeMap<UnitId, Date> = units
        .iter()
        .filter(|u| **u != office)
        .take(5)
        .map(|u| (*u, day("2023-11-07")))
        .collect();
    let annual = build(&ledger, &overview, day("2023-11-09"), &submitted);
    assert_eq!(annual.rows.len(), rows);
    assert_eq!(
        annual.rows.iter().filter(|r| r.summary.is_some()).count(),
        written
    );
    let missing: Vec<_> = annual.not_submitted().collect();
    assert_eq!(missing.len(), annual.units.len() - 5);
    assert!(!annual.units.iter().any(|u| u.unit == office));
    let words = annual.missing_text(Lang::Zh);
    assert!(words.contains(missing[0].unit.name()), "{words}");
    let sheets = annual.sheets(Lang::Zh);
    assert_eq!(sheets[0].rows.len(), rows);
    assert_eq!(sheets[1].rows.len(), annual.units.len());
    let bytes = docx::document(&annual.document(Lang::Zh));
    assert!(contains(&bytes, "全年任务完成情况良好"));
    assert!(contains(&bytes, "（未填写）"));
    assert!(contains(&bytes, missing[0].unit.name()));
    let xlsx = duty_ledger::report::xlsx::workbook(&sheets);
    assert!(xlsx.len() > 10_000);
    // Every unit submitted: nobody named.
    let all: BTreeMap<UnitId, Date> = units.iter().map(|u| (*u, day("2023-11-07"))).collect();
    let done = build(&ledger, &overview, day("2023-11-09"), &all);
    assert_eq!(done.not_submitted().count(), 0);
    assert_eq!(done.missing_text(Lang::Zh), "各单位均已提交。");
    let _ = State::Open;
}
