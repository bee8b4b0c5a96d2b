//! The light rule (ARCHITECTURE.md, "Lights") on every day of a plan year and the days after it,
//! for the built-in 2023 plan, the signed 2026 test plan (tests/fixtures/plans) and the 2026
//! table as the Word wizard first makes it (no 节点 marked at all): every task has a deadline
//! in its year; untouched tasks turn yellow then red as the year goes by; the office is never
//! bound by the date units report to it; once the year is over the lights show the final
//! state, never a wall of red.
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

mod plans2026;

use duty_ledger::exchange::plan_file;
use duty_ledger::foundation::time::Date;
use duty_ledger::ledger::Status;
use duty_ledger::ledger::lights::{Light, Reason, assess, deadline_of, untouched_light};
use duty_ledger::plan::milestones::milestones;
use duty_ledger::plan::{Plan, TaskId, UnitId, install, install_builtin, plan};
use proptest::prelude::*;

/// Which plan a test runs on (installed on the test's own thread).
#[derive(Debug, Clone, Copy)]
enum Which {
    Builtin2023,
    Signed2026,
    /// The 2026 table with no 节点 at all: every deadline is the year's last day.
    Unmarked2026,
}

const PLANS: [Which; 3] = [Which::Builtin2023, Which::Signed2026, Which::Unmarked2026];

fn fixture_2026() -> Plan {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/plans/futian-2026.plan.json"
    ))
    .unwrap();
    plan_file::read(&bytes).unwrap().1
}

fn use_plan(which: Which) {
    match which {
        Which::Builtin2023 => install_builtin(),
        Which::Signed2026 => {
            install(fixture_2026());
        }
        Which::Unmarked2026 => {
            let mut spec = plans2026::spec_2026();
            spec.milestones.clear();
            install(plan_file::plan_of(&spec).unwrap());
        }
    }
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// Every (task, unit) the plan names directly, and the office.
fn pairs() -> Vec<(TaskId, UnitId)> {
    let office = UnitId::coordinator();
    plan()
        .tasks
        .iter()
        .flat_map(|t| {
            t.assignments
                .iter()
                .filter(|a| !a.unit.is_group())
                .map(move |a| (t.id, a.unit))
                .chain(std::iter::once((t.id, office)))
        })
        .collect()
}

/// The states a unit can leave a task in: (status, begun).
const STATES: [(Option<Status>, bool); 6] = [
    (None, false),
    (Some(Status::NotStarted), false),
    (None, true),
    (Some(Status::InProgress), true),
    (Some(Status::Blocked), true),
    (Some(Status::Done), true),
];

/// The rule, checked for one (task, unit, state) on one day.
fn check_day(task: TaskId, unit: UnitId, status: Option<Status>, begun: bool, today: Date) {
    let (start, end) = milestones().plan_period();
    let a = assess(task, unit, status, begun, &[], today);
    let deadline = deadline_of(task, unit);
    let context = format!(
        "task {} unit {} {status:?} begun {begun} on {today}",
        task.0,
        unit.name()
    );
    assert!(
        start <= deadline.date && deadline.date <= end,
        "{context}: deadline {} outside the year",
        deadline.date
    );
    assert_eq!(a.deadline, deadline, "{context}");
    if today > end {
        // The final state: green for done, 年度已结束 otherwise; never red or yellow.
        let expected = if status == Some(Status::Done) {
            Light::Green
        } else {
            Light::Ended
        };
        assert_eq!(a.light, expected, "{context}");
        assert_eq!(a.next, None, "{context}");
        return;
    }
    assert_ne!(a.light, Light::Ended, "{context}");
    let untouched = !begun && matches!(status, None | Some(Status::NotStarted));
    match status {
        Some(Status::Done) => assert_eq!((a.light, &a.reason), (Light::Green, &Reason::Done)),
        Some(Status::Blocked) => {
            assert_eq!((a.light, &a.reason), (Light::Red, &Reason::Blocked));
        }
        _ if today > deadline.date => {
            assert_eq!(a.light, Light::Red, "{context}: past its deadline");
            assert!(matches!(a.reason, Reason::Overdue { .. }), "{context}");
        }
        _ if untouched => {
            let gone = start.days_until(today);
            let span = start.days_until(deadline.date);
            if gone * 3 >= span * 2 {
                assert_eq!(a.light, Light::Red, "{context}: two thirds gone, untouched");
            } else if gone * 3 >= span {
                assert_eq!(a.light, Light::Yellow, "{context}: a third gone, untouched");
            } else {
                assert_ne!(a.light, Light::Red, "{context}: early in the year");
            }
            // An untouched task never reads 按计划推进.
            assert_ne!(a.reason, Reason::OnTrack, "{context}");
        }
        _ => {
            // Begun and open: red only past the deadline.
            assert_ne!(a.light, Light::Red, "{context}");
        }
    }
    // A green light is never given to a task that is due within 14 days.
    if a.light == Light::Green && status != Some(Status::Done) {
        assert!(
            today.days_until(deadline.date) > 14,
            "{context}: green near its deadline"
        );
    }
}

/// Every day of the plan year and a month after it, every task and unit, every state.
fn every_day(which: Which) {
    use_plan(which);
    let (start, end) = milestones().plan_period();
    let pairs = pairs();
    let mut today = start;
    while today <= end.add_days(31) {
        for &(task, unit) in &pairs {
            for (status, begun) in STATES {
                check_day(task, unit, status, begun, today);
            }
        }
        today = today.add_days(1);
    }
}

#[test]
fn the_rule_holds_on_every_day_of_2023() {
    every_day(Which::Builtin2023);
}

#[test]
fn the_rule_holds_on_every_day_of_the_signed_2026_plan() {
    every_day(Which::Signed2026);
}

#[test]
fn the_rule_holds_on_every_day_of_an_unmarked_2026_table() {
    every_day(Which::Unmarked2026);
}

/// Untouched, a task only gets worse as the days go by, except that a checkpoint (a quarter's
/// end) warns for its 14 days and then lets go.
#[test]
fn untouched_tasks_turn_yellow_then_red_as_the_year_goes_by() {
    for which in PLANS {
        use_plan(which);
        let (start, end) = milestones().plan_period();
        for (task, unit) in pairs() {
            let deadline = deadline_of(task, unit).date;
            // 0: nothing yet, 1: yellow, 2: red.
            let rank = |light: Option<Light>| match light {
                None => 0,
                Some(Light::Yellow) => 1,
                Some(_) => 2,
            };
            let mut worst = 0;
            let mut today = start;
            while today <= end {
                let pace = rank(untouched_light(start, deadline, today));
                assert!(pace >= worst, "{which:?} task {} {today}", task.0);
                worst = pace;
                today = today.add_days(1);
            }
            assert_eq!(worst, 2, "{which:?} task {}: red by the year's end", task.0);
            // By the deadline, an untouched task is red.
            let last = assess(task, unit, None, false, &[], deadline).light;
            assert_eq!(last, Light::Red, "{which:?} task {}", task.0);
        }
    }
}

/// The pictures: on 5 December 2026 the 2026 plan is no longer green for untouched
/// tasks, the 2023 plan shows its final state (not a wall of red), and mid-year an untouched
/// task is yellow.
#[test]
fn december_2026_and_mid_year() {
    use_plan(Which::Signed2026);
    let december = day("2026-12-05");
    let edu = UnitId::from_name("区教育局").unwrap();
    for task in plan().tasks.iter().filter(|t| t.concerns(edu)) {
        let a = assess(task.id, edu, None, false, &[], december);
        assert_eq!(a.light, Light::Red, "task {}", task.id.0);
    }
    // In June, an untouched task with the 11-08 date is yellow, begun it is green.
    let june = day("2026-06-15");
    assert_eq!(
        assess(TaskId(10), edu, None, false, &[], june).light,
        Light::Yellow
    );
    let begun = assess(TaskId(10), edu, Some(Status::InProgress), true, &[], june);
    assert_eq!((begun.light, begun.reason), (Light::Green, Reason::OnTrack));

    use_plan(Which::Unmarked2026);
    // Without any date in the table, the deadline is 31 December: untouched is red in December.
    let a = assess(TaskId(10), edu, None, false, &[], december);
    assert_eq!(a.deadline.date, day("2026-12-31"));
    assert_eq!(a.deadline.milestone, None);
    assert_eq!(a.light, Light::Red);

    use_plan(Which::Builtin2023);
    for task in &plan().tasks {
        let a = assess(task.id, edu, Some(Status::InProgress), true, &[], december);
        assert_eq!(
            (a.light, a.reason),
            (
                Light::Ended,
                Reason::Ended {
                    status: Status::InProgress
                }
            )
        );
    }
}

/// The date units hand their report to 区食药安办 (11月8日前) does not bind the office itself.
#[test]
fn the_office_does_not_report_to_itself() {
    for which in [Which::Builtin2023, Which::Signed2026] {
        use_plan(which);
        let office = UnitId::coordinator();
        let edu = UnitId::from_name("区教育局").unwrap();
        let (_, end) = milestones().plan_period();
        let task = TaskId(10);
        assert_eq!(deadline_of(task, office).date, end, "{which:?}");
        assert!(deadline_of(task, edu).date < end, "{which:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any task, unit, state and day (in and after the year), on any of the three plans.
    #[test]
    fn any_day_any_task(which in 0usize..3, pick in any::<prop::sample::Index>(), state in 0usize..6, offset in 0i64..420) {
        use_plan(PLANS[which]);
        let pairs = pairs();
        let (task, unit) = pairs[pick.index(pairs.len())];
        let (status, begun) = STATES[state];
        let today = milestones().plan_period().0.add_days(offset);
        check_day(task, unit, status, begun, today);
    }
}
