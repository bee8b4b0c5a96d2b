//! 落实方案, rounds and submissions (issue 20 §1–3, §6) through whole signed files, on the
//! built-in 2023 plan and the signed 2026 test plan: every responsible unit writes its plan
//! (measures, steps with dates and owners, its contact) and submits it; the office reads the
//! files, sees each unit's state, returns one with a reason, and the unit sees it after
//! importing the office's file; 催报 lists the units that have not submitted with their
//! contact; records of format 5 are refused in a file that says 3 or 4; the state of a unit in
//! a round does not depend on the order its records arrive in (a property).
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

mod signed;

use std::collections::BTreeMap;

use duty_ledger::exchange::plan_file;
use duty_ledger::exchange::preview::{apply, preview};
use duty_ledger::exchange::validate::FieldProblem;
use duty_ledger::exchange::{ImportError, Scope, read};
use duty_ledger::foundation::canonical;
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::{Lang, reminder_text, step_problem, submission_state};
use duty_ledger::ledger::event::{EventProblem, WHOLE_PLAN};
use duty_ledger::ledger::implementation::{
    StepInput, StepProblem, step_history, step_light, tasks_of, unit_plan,
};
use duty_ledger::ledger::lights::Light;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::rounds::{self, State, as_submitted, expected_units, missing, states};
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Ledger, RoundRef, When};
use duty_ledger::plan::{Plan, TaskId, UnitId, install, install_builtin, plan};
use proptest::prelude::*;
use signed::{NOW_MS, Tablet, signed_export, tampered_signed};

const OFFICE: &str = "区食药安办";

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn fixture_2026() -> Plan {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/plans/futian-2026.plan.json"
    ))
    .unwrap();
    plan_file::read(&bytes).unwrap().1
}

/// Minutes after 1 March of the plan's year, 09:00 +08:00.
fn stamp(minutes: i64) -> Stamp {
    let start = Date::new(plan().year, 3, 1).unwrap();
    Stamp::new(
        start.days_since_epoch() * 86_400_000 + 3_600_000 + minutes * 60_000,
        480,
    )
    .unwrap()
}

impl Tablet {
    fn new(unit: UnitId, n: u16) -> Tablet {
        let bytes = n.to_be_bytes();
        Tablet::with(
            unit,
            DeviceId::from_random([bytes[0], bytes[1], 7, 7, 7, 7, 7, 7]),
            "张三",
            u64::from(n) << 32,
            stamp,
        )
    }

    /// A whole 落实方案: measures and `steps` steps on every task of the unit, and a contact.
    fn write_plan(&mut self, minutes: i64, steps: usize) {
        let year = plan().year;
        for (n, task) in tasks_of(self.recorder.unit).into_iter().enumerate() {
            let m = minutes + n as i64;
            self.write(m, |r, id, at| {
                r.implementation(
                    id,
                    task,
                    at,
                    "召开专题会议，制定检查计划",
                    "全年检查覆盖率100%",
                )
            });
            for s in 0..steps {
                let when = if s % 2 == 0 {
                    When::Month(year, (s % 12) as u8 + 1)
                } else {
                    When::Day(Date::new(year, (s % 12) as u8 + 1, 15).unwrap())
                };
                self.write(m, |r, id, at| {
                    r.step(id, task, at, None, &format!("第{s}步"), when, "李四")
                });
            }
        }
        self.write(minutes, |r, id, at| {
            r.contact(id, at, "王五", "科长", "0755-8391 2345")
        });
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

    fn export_all(&self) -> String {
        signed_export(
            &self.ledger,
            self.recorder.unit,
            self.recorder.device,
            Scope::All,
            stamp(60 * 24 * 30),
        )
    }

    /// Reads and applies a file as the import dialog does.
    fn import(&mut self, text: &str) {
        let file = read(text.as_bytes(), NOW_MS).expect("the file reads");
        preview(&self.ledger, &file).expect("it applies");
        self.ledger = apply(&self.ledger, &[&file]);
    }
}

fn the_year_runs_through_files() {
    let office_unit = unit(OFFICE);
    let expected = expected_units();
    assert!(expected.len() >= 10, "{}", expected.len());
    assert!(!expected.contains(&office_unit));
    let (first, second) = (expected[0], expected[1]);
    let mut a = Tablet::new(first, 1);
    let mut b = Tablet::new(second, 2);
    let mut office = Tablet::new(office_unit, 3);

    // Nothing written: 未开始. Written: 草稿.
    assert_eq!(
        rounds::state(&a.ledger, RoundRef::Plan, first),
        State::NotStarted
    );
    a.write_plan(0, 4);
    assert_eq!(
        rounds::state(&a.ledger, RoundRef::Plan, first),
        State::Draft
    );
    let plan_a = unit_plan(&a.ledger, first);
    assert_eq!(plan_a.tasks.len(), tasks_of(first).len());
    assert_eq!(plan_a.steps().len(), 4 * tasks_of(first).len());
    assert_eq!(plan_a.contact.as_ref().unwrap().post, "科长");

    // The office sets the 落实方案's due date; the unit submits.
    let due = Date::new(plan().year, 3, 31).unwrap();
    office.write(10, |r, id, at| {
        r.set_round(id, at, Some(RoundRef::Plan), None, due, false)
    });
    let submitted = a.write(100, |r, id, at| r.submit(id, at, RoundRef::Plan));
    assert!(matches!(
        rounds::state(&a.ledger, RoundRef::Plan, first),
        State::Submitted { submission, .. } if submission == submitted.id
    ));

    // The office reads the unit's file: submitted; the other unit missing, with the due date.
    office.import(&a.export());
    let now = states(&office.ledger, RoundRef::Plan);
    assert!(now[&first].is_submitted());
    assert_eq!(now[&second], State::NotStarted);
    let round = rounds::round(&office.ledger, RoundRef::Plan).unwrap();
    assert_eq!(round.due, Some(due));
    let owing = missing(&office.ledger, RoundRef::Plan);
    assert_eq!(owing.len(), expected.len() - 1);
    assert!(owing.iter().all(|(u, _)| *u != first));

    // The other unit writes a draft and a contact, not submitted: the reminder names it with
    // its contact, what is missing and the due date.
    b.write_plan(5, 1);
    office.import(&b.export());
    let owing: Vec<_> = missing(&office.ledger, RoundRef::Plan)
        .into_iter()
        .map(|(u, s)| (u, s, unit_plan(&office.ledger, u).contact))
        .collect();
    let text = reminder_text(Lang::Zh, &round, &owing);
    assert!(text.contains(second.name()), "{text}");
    assert!(text.contains("草稿"), "{text}");
    assert!(text.contains("王五（科长），电话 0755-8391 2345"), "{text}");
    assert!(
        text.contains(&format!("{}年3月31日前", plan().year)),
        "{text}"
    );
    assert!(text.contains("未开始"), "{text}");
    assert!(!text.contains(first.name()), "{text}");
    let english = reminder_text(Lang::En, &round, &owing);
    assert!(english.contains("31 Mar"), "{english}");

    // The office returns the submission with a reason; the unit sees it after importing.
    office.write(200, |r, id, at| {
        r.return_submission(
            id,
            at,
            first,
            RoundRef::Plan,
            submitted.id,
            "进度安排不够具体",
        )
    });
    a.import(&office.export_all());
    let state = rounds::state(&a.ledger, RoundRef::Plan, first);
    assert!(
        matches!(&state, State::Returned { reason, .. } if reason == "进度安排不够具体"),
        "{state:?}"
    );
    assert_eq!(
        submission_state(Lang::Zh, &state),
        "已退回：进度安排不够具体"
    );
    // Still returned while the unit edits; submitted again once it submits.
    let step = unit_plan(&a.ledger, first).steps()[0].clone();
    a.write(300, |r, id, at| {
        r.step(
            id,
            step.task,
            at,
            Some(step.id),
            "细化后的步骤",
            step.when,
            "赵六",
        )
    });
    assert_eq!(
        rounds::state(&a.ledger, RoundRef::Plan, first).token(),
        "returned"
    );
    let again = a.write(310, |r, id, at| r.submit(id, at, RoundRef::Plan));
    assert!(rounds::state(&a.ledger, RoundRef::Plan, first).is_submitted());
    // An edited step keeps its earlier versions; a change after submitting shows.
    a.write(320, |r, id, at| {
        r.step(
            id,
            step.task,
            at,
            Some(step.id),
            "再次修改",
            step.when,
            "赵六",
        )
    });
    assert_eq!(step_history(&a.ledger, step.id).len(), 3);
    // Removed, then brought back by a later version (the undo travels like any record).
    let gone = a.write(330, |r, id, at| r.delete_step(id, step.task, at, step.id));
    let now = unit_plan(&a.ledger, first);
    assert!(now.steps().iter().all(|s| s.id != step.id));
    assert_eq!(now.tasks[&step.task].removed[0].what, "再次修改");
    a.write(340, |r, id, at| {
        r.step(
            id,
            step.task,
            at,
            Some(step.id),
            "再次修改",
            step.when,
            "赵六",
        )
    });
    assert!(
        unit_plan(&a.ledger, first)
            .steps()
            .iter()
            .any(|s| s.id == step.id)
    );
    assert_eq!(step_history(&a.ledger, step.id).len(), 5);
    assert!(
        step_history(&a.ledger, step.id)
            .iter()
            .any(|e| e.id == gone.id)
    );
    office.import(&a.export());
    let state = rounds::state(&office.ledger, RoundRef::Plan, first);
    assert_eq!(state.token(), "revised", "{state:?}");
    // The submitted text is the one of the submission.
    let again = office.ledger.get(&again.id).unwrap().clone();
    let as_sent = duty_ledger::ledger::implementation::UnitPlan::build(
        as_submitted(&office.ledger, RoundRef::Plan, first, &again),
        first,
    );
    let sent = as_sent
        .steps()
        .into_iter()
        .find(|s| s.id == step.id)
        .unwrap();
    assert_eq!(sent.what, "细化后的步骤");
    let now = unit_plan(&office.ledger, first);
    assert_eq!(
        now.steps()
            .into_iter()
            .find(|s| s.id == step.id)
            .unwrap()
            .what,
        "再次修改"
    );
    // Marking a step done is progress, not a change of the plan.
    let mut b2 = Tablet::new(second, 4);
    b2.ledger = b.ledger.clone();
    b2.write(400, |r, id, at| r.submit(id, at, RoundRef::Plan));
    let s = unit_plan(&b2.ledger, second).steps()[0].clone();
    b2.write(410, |r, id, at| r.step_done(id, s.task, at, s.id, true));
    assert_eq!(
        rounds::state(&b2.ledger, RoundRef::Plan, second).token(),
        "submitted"
    );
    assert!(unit_plan(&b2.ledger, second).steps()[0].done);

    // An office round: a quarter's progress, due on a date; nobody has submitted yet.
    let q = office.write(500, |r, id, at| {
        r.set_round(
            id,
            at,
            None,
            Some("第一季度进展"),
            Date::new(plan().year, 4, 10).unwrap(),
            false,
        )
    });
    let quarter = RoundRef::Office(q.id);
    let all = rounds::rounds(&office.ledger);
    assert_eq!(
        all.iter().map(|r| r.round).collect::<Vec<_>>(),
        [RoundRef::Plan, RoundRef::Summary, quarter]
    );
    assert_eq!(missing(&office.ledger, quarter).len(), expected.len());
    // Withdrawn, it is gone.
    office.write(510, |r, id, at| {
        r.set_round(
            id,
            at,
            Some(quarter),
            Some("第一季度进展"),
            Date::new(plan().year, 4, 10).unwrap(),
            true,
        )
    });
    assert!(rounds::round(&office.ledger, quarter).is_none());
    // The tables for CSV and XLSX: every round × every unit that owes it; every step.
    let sheet = duty_ledger::report::submissions::states_sheet(&office.ledger, Lang::Zh);
    assert_eq!(sheet.rows.len(), 2 * expected.len());
    let plans = duty_ledger::report::submissions::plans_sheet(
        &office.ledger,
        Lang::Zh,
        Date::new(plan().year, 12, 5).unwrap(),
    );
    let steps_of_first = unit_plan(&office.ledger, first).steps().len();
    assert!(plans.rows.len() >= steps_of_first, "{}", plans.rows.len());
    let csv = duty_ledger::report::csv::to_csv(&plans);
    assert!(
        csv.contains("细化后的步骤") || csv.contains("再次修改"),
        "{csv}"
    );
    assert!(csv.contains("已逾期"));
    // The 年度总结 is due by the table's date, else 11-08.
    let summary = rounds::round(&office.ledger, RoundRef::Summary).unwrap();
    assert_eq!(summary.due.unwrap().year(), plan().year);
}

#[test]
fn the_year_runs_through_files_on_the_2023_plan() {
    install_builtin();
    the_year_runs_through_files();
    assert_eq!(
        rounds::default_due(RoundRef::Summary),
        Some(Date::new(2023, 11, 8).unwrap())
    );
}

#[test]
fn the_year_runs_through_files_on_the_2026_plan() {
    install(fixture_2026());
    the_year_runs_through_files();
}

#[test]
fn bad_input_is_refused_with_a_message_and_nothing_recorded() {
    install(fixture_2026());
    let edu = expected_units()[0];
    let task = tasks_of(edu)[0];
    let input = |what: &str, when: &str, person: &str| StepInput {
        what: what.into(),
        when: when.into(),
        person: person.into(),
    };
    assert_eq!(
        input("", "2026-05", "李四").check(),
        Err(StepProblem::NoWhat)
    );
    assert_eq!(input("检查", "", "李四").check(), Err(StepProblem::NoDate));
    assert_eq!(
        input("检查", "五月", "李四").check(),
        Err(StepProblem::BadDate)
    );
    assert_eq!(
        input("检查", "2026-05", " ").check(),
        Err(StepProblem::NoPerson)
    );
    let outside = input("检查", "2027-01-15", "李四").check().unwrap_err();
    assert_eq!(
        step_problem(Lang::Zh, &outside),
        "完成时间须在计划年度（2026 年）内。"
    );
    assert_eq!(
        input("检查", "2026-05", "李四").check(),
        Ok(When::Month(2026, 5))
    );
    assert_eq!(
        input("检查", "2026-05-31", "李四").check(),
        Ok(When::Day(Date::new(2026, 5, 31).unwrap()))
    );
    let r = Recorder {
        unit: edu,
        device: DeviceId::from_random([9; 8]),
        author: None,
        hlc: None,
    };
    let id = EventId::from_random([1; 8]);
    let at = stamp(0);
    let when = When::Month(2027, 1);
    assert_eq!(
        r.step(id, task, at, None, "检查", when, "李四"),
        Err(EventProblem::StepOutsideYear { year: 2026 })
    );
    for phone in ["abc", "12", "0755-8391 2345 x", "1234567890123456789012"] {
        assert_eq!(
            r.contact(id, at, "王五", "", phone),
            Err(EventProblem::BadPhone),
            "{phone:?}"
        );
    }
    assert!(r.contact(id, at, "王五", "", "12345").is_ok());
    assert!(matches!(
        r.contact(id, at, "", "", "12345"),
        Err(EventProblem::EmptyText { .. })
    ));
    assert_eq!(
        r.submit(id, at, RoundRef::Plan).map(|e| e.task),
        Ok(WHOLE_PLAN)
    );
    assert_eq!(
        r.set_round(
            id,
            at,
            Some(RoundRef::Plan),
            None,
            Date::new(2026, 3, 31).unwrap(),
            false
        ),
        Err(EventProblem::NotByOffice)
    );
    let office = Recorder {
        unit: UnitId::coordinator(),
        ..r.clone()
    };
    assert_eq!(
        office.submit(id, at, RoundRef::Plan),
        Err(EventProblem::SubmittedByOffice)
    );
    assert_eq!(
        office.set_round(id, at, None, None, Date::new(2026, 3, 31).unwrap(), false),
        Err(EventProblem::RoundTitle)
    );
    assert_eq!(
        office.set_round(
            id,
            at,
            Some(RoundRef::Summary),
            None,
            Date::new(2026, 3, 31).unwrap(),
            true
        ),
        Err(EventProblem::RoundNotWithdrawable)
    );
    // A task that does not concern the unit takes no plan from it.
    let other = plan()
        .tasks
        .iter()
        .find(|t| t.involvements(edu).next().is_none())
        .unwrap()
        .id;
    assert_eq!(
        r.implementation(id, other, at, "措施", ""),
        Err(EventProblem::UnitNotOnTask)
    );
    assert_eq!(
        r.implementation(id, task, at, " ", ""),
        Err(EventProblem::EmptyImplementation)
    );
}

#[test]
fn step_lights_follow_their_dates() {
    let may = When::Month(2026, 5);
    let day = |m, d| Date::new(2026, m, d).unwrap();
    assert_eq!(step_light(may, false, day(4, 1)), Light::Green);
    assert_eq!(step_light(may, false, day(5, 20)), Light::Yellow);
    assert_eq!(step_light(may, false, day(5, 31)), Light::Yellow);
    assert_eq!(step_light(may, false, day(6, 1)), Light::Red);
    assert_eq!(step_light(may, true, day(6, 1)), Light::Green);
    assert_eq!(
        step_light(When::Day(day(5, 10)), false, day(5, 11)),
        Light::Red
    );
}

#[test]
fn version_3_and_4_files_with_new_kinds_are_refused_and_new_kinds_digest_canonically() {
    install_builtin();
    let edu = expected_units()[0];
    let mut a = Tablet::new(edu, 1);
    a.write_plan(0, 1);
    a.write(50, |r, id, at| r.submit(id, at, RoundRef::Plan));
    let text = a.export();
    let file = read(text.as_bytes(), NOW_MS).unwrap();
    assert_eq!(file.records.len(), a.ledger.len());
    for version in [3u64, 4] {
        let old = tampered_signed(&text, |f| f["format_version"] = version.into());
        let refused = read(&old, NOW_MS).unwrap_err();
        assert!(
            matches!(
                &refused,
                ImportError::MalformedField {
                    field,
                    problem: FieldProblem::KindNotInVersion { version: v, since: 5 }
                } if field.ends_with(".change.kind") && *v == version
            ),
            "{refused:?}"
        );
        let message = duty_ledger::exchange::message::refusal(Lang::Zh, "a.json", &refused);
        assert!(message.contains(&format!("第 {version} 版")), "{message}");
    }
    // Each record's digest is its canonical JSON, as for every other kind.
    for event in a.ledger.events() {
        let value = serde_json::to_value(event).unwrap();
        assert_eq!(
            duty_ledger::trust::record::canonical(event),
            canonical::to_string(&value).into_bytes(),
            "{value}"
        );
    }
    // Task 0 only on whole-plan kinds; a step on task 0 is refused.
    let refused = read(
        &tampered_signed(&text, |f| {
            let records = f["records"].as_array_mut().unwrap();
            let step = records
                .iter_mut()
                .find(|r| r["change"]["kind"] == "step")
                .unwrap();
            step["task"] = 0.into();
        }),
        NOW_MS,
    )
    .unwrap_err();
    assert!(
        matches!(refused, ImportError::UnknownTask { task: 0, .. }),
        "{refused:?}"
    );
    // A submission naming a task is refused as a record.
    let refused = read(
        &tampered_signed(&text, |f| {
            let records = f["records"].as_array_mut().unwrap();
            let s = records
                .iter_mut()
                .find(|r| r["change"]["kind"] == "submitted")
                .unwrap();
            s["task"] = 3.into();
        }),
        NOW_MS,
    )
    .unwrap_err();
    assert!(
        matches!(
            refused,
            ImportError::InvalidRecord {
                problem: EventProblem::WrongTaskForKind,
                ..
            }
        ),
        "{refused:?}"
    );
}

/// Every unit that owes the 落实方案 writes one (8 steps a task: about 2,000 records on the
/// 2023 plan), some submit, the office returns one; the states seen by the office are the same
/// whatever order the records arrive in.
fn district(seed: u64) -> (Vec<Event>, UnitId) {
    let office_unit = UnitId::coordinator();
    let mut office = Tablet::new(office_unit, 999);
    let mut all = Vec::new();
    let mut returned_to = None;
    for (n, unit) in expected_units().into_iter().enumerate() {
        let mut t = Tablet::new(unit, n as u16 + 10);
        t.write_plan(n as i64, 8);
        match (n as u64 + seed) % 4 {
            0 => {}
            1 => {
                t.write(500, |r, id, at| r.submit(id, at, RoundRef::Plan));
            }
            2 => {
                t.write(500, |r, id, at| r.submit(id, at, RoundRef::Plan));
                let s = unit_plan(&t.ledger, unit).steps()[0].clone();
                t.write(600, |r, id, at| {
                    r.step(id, s.task, at, Some(s.id), "修改", s.when, "李四")
                });
            }
            _ => {
                let sub = t.write(500, |r, id, at| r.submit(id, at, RoundRef::Plan));
                office.ledger.add(sub.clone());
                office.write(700 + n as i64, |r, id, at| {
                    r.return_submission(id, at, unit, RoundRef::Plan, sub.id, "请补充联系人")
                });
                returned_to = Some(unit);
            }
        }
        all.extend(t.ledger.events().cloned());
    }
    all.extend(office.ledger.events().cloned());
    (all, returned_to.expect("a returned unit"))
}

#[test]
fn a_district_of_plans_at_realistic_size() {
    install_builtin();
    let (events, returned_to) = district(0);
    assert!(events.len() > 1500, "{}", events.len());
    let ledger = Ledger::from_distinct(
        events
            .into_iter()
            .map(|e| (e.id, e))
            .collect::<BTreeMap<_, _>>()
            .into_values()
            .collect(),
    );
    let now = states(&ledger, RoundRef::Plan);
    let tokens: BTreeMap<&str, usize> = now.values().fold(BTreeMap::new(), |mut m, s| {
        *m.entry(s.token()).or_default() += 1;
        m
    });
    assert_eq!(tokens.len(), 4, "{tokens:?}");
    assert_eq!(now[&returned_to].token(), "returned");
    assert_eq!(
        missing(&ledger, RoundRef::Plan).len(),
        tokens["draft"] + tokens["returned"]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Where each unit stands in a round is a function of the set of records: any order of
    /// arrival, and any split into two ledgers merged, gives the same states.
    #[test]
    fn submission_state_is_independent_of_arrival_order(
        seed in 0u64..4,
        order in Just(()).prop_perturb(|_, mut rng| rng.next_u64()),
        cut in 0usize..2000,
    ) {
        install_builtin();
        let (mut events, _) = district(seed);
        events.sort_by_key(|e| e.id);
        let expected = {
            let mut l = Ledger::new();
            for e in &events { l.add(e.clone()); }
            states(&l, RoundRef::Plan)
        };
        // A shuffle by a simple generator seeded by proptest.
        let mut x = order | 1;
        for i in (1..events.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            events.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let cut = cut.min(events.len());
        let (mut a, mut b) = (Ledger::new(), Ledger::new());
        for e in &events[..cut] { a.add(e.clone()); }
        for e in &events[cut..] { b.add(e.clone()); }
        prop_assert_eq!(states(&Ledger::merged(&a, &b), RoundRef::Plan), expected.clone());
        prop_assert_eq!(states(&Ledger::merged(&b, &a), RoundRef::Plan), expected);
    }
}

#[test]
fn a_whole_plan_record_is_about_no_task() {
    install_builtin();
    let r = Recorder {
        unit: expected_units()[0],
        device: DeviceId::from_random([3; 8]),
        author: None,
        hlc: None,
    };
    let e = r
        .contact(
            EventId::from_random([2; 8]),
            stamp(0),
            "王五",
            "科长",
            "13800000000",
        )
        .unwrap();
    assert_eq!(e.task, TaskId(0));
    assert!(matches!(e.change, Change::Contact { .. }));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["task"], 0);
}
