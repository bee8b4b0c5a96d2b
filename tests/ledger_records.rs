//! Statuses, note revisions and tombstones, figures against targets, and the traffic lights
//! with fixed dates.

use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::ledger::event::{EventProblem, TextField};
use duty_ledger::ledger::lights::{Light, Reason, assess, next_due, plan_is_over};
use duty_ledger::ledger::progress::{Pace, progress};
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::view::{Overview, figure_series, note_threads, status_history};
use duty_ledger::ledger::{DeviceId, EventId, Ledger, Status};
use duty_ledger::plan::milestones::milestones;
use duty_ledger::plan::targets::target;
use duty_ledger::plan::{TaskId, UnitId};

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn recorder(name: &str, device: u8) -> Recorder {
    Recorder {
        unit: unit(name),
        device: DeviceId::from_random([device; 8]),
        author: Some("王五".into()),
        hlc: None,
    }
}

/// Distinct ids from a counter.
struct Ids(u64);

impl Ids {
    fn next(&mut self) -> EventId {
        self.0 += 1;
        EventId::from_random(self.0.to_be_bytes())
    }
}

fn at(text: &str) -> Stamp {
    Stamp::parse(text).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

const EDU: &str = "区教育局";
const MARKET: &str = "市市场监管局福田监管局";

#[test]
fn every_status_change_is_kept_and_the_latest_wins() {
    let edu = recorder(EDU, 1);
    let mut ids = Ids(0);
    let mut ledger = Ledger::new();
    let task = TaskId(10);
    for (time, status) in [
        ("2023-03-01T09:00:00+08:00", Status::InProgress),
        ("2023-02-01T09:00:00+08:00", Status::NotStarted),
        ("2023-06-01T09:00:00+08:00", Status::Done),
    ] {
        ledger.add(
            edu.set_status(ids.next(), task, at(time), status, "")
                .unwrap(),
        );
    }
    let history = status_history(&ledger, task, Some(unit(EDU)));
    assert_eq!(history.len(), 3);
    assert_eq!(
        history[0].at,
        at("2023-02-01T09:00:00+08:00"),
        "oldest first"
    );
    let overview = Overview::build(&ledger);
    assert_eq!(overview.status(task, unit(EDU)), Some(Status::Done));
    assert_eq!(
        overview.status(task, unit(MARKET)),
        None,
        "statuses are per unit"
    );
}

#[test]
fn blocked_needs_a_reason_and_only_blocked_keeps_one() {
    let edu = recorder(EDU, 1);
    let mut ids = Ids(0);
    let task = TaskId(10);
    let now = at("2023-03-01T09:00:00+08:00");
    assert_eq!(
        edu.set_status(ids.next(), task, now, Status::Blocked, "  ")
            .unwrap_err(),
        EventProblem::EmptyText {
            field: TextField::Reason
        }
    );
    let blocked = edu
        .set_status(ids.next(), task, now, Status::Blocked, " 等待区卫健局配合 ")
        .unwrap();
    let mut ledger = Ledger::new();
    ledger.add(blocked);
    let summary = Overview::build(&ledger);
    let status = summary
        .get(task, unit(EDU))
        .unwrap()
        .status
        .clone()
        .unwrap();
    assert_eq!(status.reason.as_deref(), Some("等待区卫健局配合"));
    let done = edu
        .set_status(ids.next(), task, now, Status::Done, "ignored")
        .unwrap();
    assert!(matches!(
        done.change,
        duty_ledger::ledger::Change::Status { reason: None, .. }
    ));
}

#[test]
fn same_time_status_ties_break_by_device_then_id() {
    let mut ids = Ids(0);
    let now = at("2023-03-01T09:00:00+08:00");
    let a = recorder(EDU, 1)
        .set_status(ids.next(), TaskId(10), now, Status::Done, "")
        .unwrap();
    let b = recorder(EDU, 2)
        .set_status(ids.next(), TaskId(10), now, Status::InProgress, "")
        .unwrap();
    for ledger in [
        Ledger::from_iter([a.clone(), b.clone()]),
        Ledger::from_iter([b, a]),
    ] {
        // Device 0x02… is larger than 0x01…, so its write wins on a tie.
        assert_eq!(
            Overview::build(&ledger).status(TaskId(10), unit(EDU)),
            Some(Status::InProgress)
        );
    }
}

#[test]
fn editing_adds_a_revision_and_deleting_a_tombstone_with_history_kept() {
    let edu = recorder(EDU, 1);
    let mut ids = Ids(0);
    let task = TaskId(11);
    let mut ledger = Ledger::new();
    let first = edu
        .add_note(
            ids.next(),
            task,
            at("2023-04-01T10:00:00+08:00"),
            "制定工作方案",
        )
        .unwrap();
    ledger.add(first.clone());
    let thread = note_threads(&ledger, task).remove(0);
    let edit = edu
        .edit_note(
            ids.next(),
            &thread.note_ref(),
            at("2023-04-02T10:00:00+08:00"),
            "制定并印发工作方案",
        )
        .unwrap();
    ledger.add(edit);
    let threads = note_threads(&ledger, task);
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0].text(), Some("制定并印发工作方案"));
    assert!(threads[0].was_edited());
    assert_eq!(threads[0].created(), first.at);

    let thread = threads[0].clone();
    let tombstone = edu
        .delete_note(
            ids.next(),
            &thread.note_ref(),
            at("2023-04-03T10:00:00+08:00"),
        )
        .unwrap();
    let mut ledger = ledger.clone();
    ledger.add(tombstone);
    let threads = note_threads(&ledger, task);
    assert!(threads[0].is_deleted());
    assert_eq!(threads[0].text(), None);
    assert_eq!(
        threads[0].revisions.len(),
        3,
        "nothing rewritten: the full history stays"
    );
    assert_eq!(ledger.len(), 3);
    assert_eq!(
        Overview::build(&ledger).get(task, unit(EDU)).unwrap().notes,
        0
    );
}

#[test]
fn a_unit_cannot_revise_another_units_note() {
    let mut ids = Ids(0);
    let task = TaskId(11);
    let mut ledger = Ledger::new();
    ledger.add(
        recorder(EDU, 1)
            .add_note(ids.next(), task, at("2023-04-01T10:00:00+08:00"), "原文")
            .unwrap(),
    );
    let thread = note_threads(&ledger, task).remove(0);
    let market = recorder(MARKET, 2);
    assert_eq!(
        market
            .edit_note(
                ids.next(),
                &thread.note_ref(),
                at("2023-04-02T10:00:00+08:00"),
                "改写"
            )
            .unwrap_err(),
        EventProblem::NotOwnRecord(unit(EDU))
    );
    // Even a forged revision that reaches the ledger is ignored by the view.
    let mut forged = recorder(EDU, 1)
        .edit_note(
            ids.next(),
            &thread.note_ref(),
            at("2023-04-02T10:00:00+08:00"),
            "改写",
        )
        .unwrap();
    forged.unit = unit(MARKET);
    ledger.add(forged);
    let threads = note_threads(&ledger, task);
    assert_eq!(threads[0].text(), Some("原文"));
    assert_eq!(threads[0].revisions.len(), 1);
}

#[test]
fn notes_keep_their_offset_and_concurrent_edits_both_stay_in_history() {
    let mut ids = Ids(0);
    let task = TaskId(11);
    let mut ledger = Ledger::new();
    ledger.add(
        recorder(EDU, 1)
            .add_note(ids.next(), task, at("2023-04-01T10:00:00+08:00"), "原文")
            .unwrap(),
    );
    let thread = note_threads(&ledger, task).remove(0);
    let tab_a = recorder(EDU, 1)
        .edit_note(
            ids.next(),
            &thread.note_ref(),
            at("2023-04-02T10:00:00+08:00"),
            "甲改",
        )
        .unwrap();
    let tab_b = recorder(EDU, 2)
        .edit_note(
            ids.next(),
            &thread.note_ref(),
            at("2023-04-02T02:00:01Z"),
            "乙改",
        )
        .unwrap();
    ledger.add(tab_a);
    ledger.add(tab_b);
    let thread = note_threads(&ledger, task).remove(0);
    assert_eq!(thread.revisions.len(), 3);
    assert_eq!(thread.text(), Some("乙改"), "one second later in UTC wins");
    assert_eq!(thread.current().at.offset_text(), "+00:00");
    assert_eq!(thread.revisions[1].at.offset_text(), "+08:00");
}

#[test]
fn figures_are_dated_and_the_last_write_per_date_wins() {
    let market = recorder(MARKET, 1);
    let mut ids = Ids(0);
    let task = TaskId(37);
    let mut ledger = Ledger::new();
    for (time, as_of, value) in [
        ("2023-04-01T10:00:00+08:00", "2023-03-31", 20_000.0),
        ("2023-07-01T10:00:00+08:00", "2023-06-30", 41_000.0),
        ("2023-07-02T10:00:00+08:00", "2023-06-30", 44_000.0), // a correction
    ] {
        ledger.add(
            market
                .record_figure(
                    ids.next(),
                    task,
                    at(time),
                    "rapid-test-batches",
                    day(as_of),
                    value,
                )
                .unwrap(),
        );
    }
    let series = figure_series(&ledger, task, unit(MARKET), "rapid-test-batches");
    let values: Vec<f64> = series.iter().map(|p| p.value).collect();
    assert_eq!(values, [20_000.0, 44_000.0]);
    let rapid = target(task, "rapid-test-batches").unwrap();
    let p = progress(
        rapid,
        &series,
        day("2023-07-03"),
        milestones().plan_period(),
    );
    assert_eq!(p.value, Some(44_000.0));
    assert_eq!(
        p.percent,
        Some(50),
        "50.93 % rounded down: the goal is not met"
    );
    assert_eq!(p.pace, Pace::OnPace);
    assert_eq!(
        Overview::build(&ledger)
            .get(task, unit(MARKET))
            .unwrap()
            .figures["rapid-test-batches"],
        series
    );
}

#[test]
fn figures_must_name_a_target_of_the_task_and_be_in_range() {
    let market = recorder(MARKET, 1);
    let mut ids = Ids(0);
    let now = at("2023-07-01T10:00:00+08:00");
    let day = day("2023-06-30");
    assert!(matches!(
        market.record_figure(ids.next(), TaskId(36), now, "rapid-test-batches", day, 1.0),
        Err(EventProblem::UnknownTarget(_))
    ));
    for bad in [-1.0, f64::NAN, f64::INFINITY, 2e12] {
        assert_eq!(
            market.record_figure(ids.next(), TaskId(37), now, "rapid-test-batches", day, bad),
            Err(EventProblem::BadFigure)
        );
    }
}

mod lights {
    use super::*;

    fn light(task: u16, status: Option<Status>, today: &str) -> (Light, Reason) {
        let a = assess(TaskId(task), unit(EDU), status, false, &[], day(today));
        (a.light, a.reason)
    }

    #[test]
    fn done_is_green_and_blocked_is_red_while_the_year_runs() {
        for today in ["2023-03-01", "2023-11-30"] {
            assert_eq!(light(10, Some(Status::Done), today).0, Light::Green);
            assert_eq!(
                light(10, Some(Status::Blocked), today),
                (Light::Red, Reason::Blocked)
            );
        }
    }

    #[test]
    fn far_from_any_milestone_is_on_track() {
        assert_eq!(
            light(10, Some(Status::InProgress), "2023-03-01"),
            (Light::Green, Reason::OnTrack)
        );
        assert!(matches!(
            light(10, None, "2023-03-01"),
            (Light::Green, Reason::NotBegun { .. })
        ));
    }

    #[test]
    fn the_report_deadline_turns_yellow_14_days_ahead_then_red() {
        // 11月8日前 applies to every task.
        assert_eq!(
            light(10, Some(Status::InProgress), "2023-10-24").0,
            Light::Green
        );
        let (l, reason) = light(10, Some(Status::InProgress), "2023-10-25");
        assert_eq!(l, Light::Yellow);
        assert!(matches!(reason, Reason::DueSoon { days: 14, .. }));
        assert_eq!(
            light(10, Some(Status::InProgress), "2023-11-08").0,
            Light::Yellow,
            "due today"
        );
        let (l, reason) = light(10, Some(Status::InProgress), "2023-11-09");
        assert_eq!(l, Light::Red);
        assert!(matches!(
            reason,
            Reason::Overdue { due } if due.milestone.is_some_and(|m| m.id == "implementation-report")
        ));
    }

    #[test]
    fn quarter_ends_warn_for_the_quarterly_tasks_only() {
        let begun = |task: u16, today: &str| {
            assess(
                TaskId(task),
                unit(EDU),
                Some(Status::InProgress),
                true,
                &[],
                day(today),
            )
            .light
        };
        assert_eq!(begun(3, "2023-03-20"), Light::Yellow);
        assert_eq!(begun(2, "2023-06-20"), Light::Yellow);
        assert_eq!(begun(10, "2023-03-20"), Light::Green);
        let next = next_due(TaskId(3), unit(EDU), day("2023-04-01")).unwrap();
        assert_eq!(next.date, day("2023-06-30"));
        // A passed quarter end is not a final deadline.
        assert_eq!(begun(3, "2023-04-20"), Light::Green);
    }

    #[test]
    fn the_annual_meeting_is_the_next_milestone_of_printed_56_in_may() {
        let next = next_due(TaskId(57), unit(EDU), day("2023-05-10")).unwrap();
        assert_eq!(next.milestone.id, "annual-meeting");
        assert_eq!(next.milestone.due_text, "5月中旬");
        assert_eq!(light(57, None, "2023-05-10").0, Light::Yellow);
        assert_eq!(
            next_due(TaskId(57), unit(EDU), day("2023-05-21"))
                .unwrap()
                .milestone
                .id,
            "implementation-report"
        );
    }

    #[test]
    fn a_target_behind_pace_is_yellow() {
        let rapid = target(TaskId(37), "rapid-test-batches").unwrap();
        let series = [duty_ledger::ledger::view::FigurePoint {
            as_of: day("2023-03-31"),
            value: 10_000.0,
            recorded: at("2023-03-31T10:00:00+08:00"),
        }];
        let p = progress(
            rapid,
            &series,
            day("2023-04-01"),
            milestones().plan_period(),
        );
        let a = assess(
            TaskId(37),
            unit(MARKET),
            Some(Status::InProgress),
            true,
            &[p],
            day("2023-04-01"),
        );
        assert_eq!(a.light, Light::Yellow);
        assert!(matches!(a.reason, Reason::BehindTarget { .. }));
    }

    #[test]
    fn after_the_plan_year_lights_show_the_final_state() {
        let today = "2026-11-30";
        assert!(plan_is_over(day(today)));
        assert!(!plan_is_over(day("2023-12-31")));
        assert_eq!(light(10, Some(Status::Done), today).0, Light::Green);
        assert_eq!(
            light(10, Some(Status::InProgress), today),
            (
                Light::Ended,
                Reason::Ended {
                    status: Status::InProgress
                }
            )
        );
        assert_eq!(light(10, None, today).0, Light::Ended);
        assert_eq!(light(10, Some(Status::Blocked), today).0, Light::Ended);
        assert_eq!(next_due(TaskId(10), unit(EDU), day(today)), None);
    }
}

/// The date of the work (工作日期): today or earlier, never later than the day of entry; notes
/// sort by it whatever order they were typed in, and the latest note is the latest work.
#[test]
fn notes_and_statuses_carry_the_date_of_the_work() {
    let edu = recorder(EDU, 1);
    let mut ids = Ids(0);
    let mut ledger = Ledger::new();
    let typed = at("2023-11-30T20:00:00+08:00");
    let later = at("2023-11-30T20:05:00+08:00");
    ledger.add(
        edu.add_note_on(
            ids.next(),
            TaskId(10),
            typed,
            Some(day("2023-07-03")),
            "七月",
        )
        .unwrap(),
    );
    ledger.add(
        edu.add_note_on(
            ids.next(),
            TaskId(10),
            later,
            Some(day("2023-06-20")),
            "六月",
        )
        .unwrap(),
    );
    ledger.add(
        edu.add_note_on(ids.next(), TaskId(10), later, None, "今天")
            .unwrap(),
    );
    let threads = note_threads(&ledger, TaskId(10));
    let order: Vec<_> = threads.iter().map(|t| t.text().unwrap()).collect();
    assert_eq!(order, ["六月", "七月", "今天"]);
    assert_eq!(threads[2].work_date(), day("2023-11-30"));

    // Editing the June note without restating its date keeps June.
    let june = threads[0].note_ref();
    ledger.add(
        edu.edit_note(
            ids.next(),
            &june,
            at("2023-12-01T08:00:00+08:00"),
            "六月（补充）",
        )
        .unwrap(),
    );
    let threads = note_threads(&ledger, TaskId(10));
    assert_eq!(threads[0].text(), Some("六月（补充）"));
    assert_eq!(threads[0].work_date(), day("2023-06-20"));

    // The latest note is the latest work, not the latest typed.
    ledger.add(
        edu.add_note_on(
            ids.next(),
            TaskId(11),
            later,
            Some(day("2023-09-01")),
            "九月",
        )
        .unwrap(),
    );
    ledger.add(
        edu.add_note_on(
            ids.next(),
            TaskId(11),
            typed,
            Some(day("2023-10-01")),
            "十月",
        )
        .unwrap(),
    );
    let overview = Overview::build(&ledger);
    let latest = overview
        .get(TaskId(11), edu.unit)
        .unwrap()
        .latest_note
        .clone()
        .unwrap();
    assert_eq!(
        (latest.text.as_str(), latest.work_date),
        ("十月", day("2023-10-01"))
    );

    // Never after the day of entry, where it was written: 1 December in Beijing is still
    // 30 November in UTC, and the record's own offset decides.
    let evening = at("2023-12-01T07:30:00+08:00");
    assert!(
        edu.add_note_on(
            ids.next(),
            TaskId(10),
            evening,
            Some(day("2023-12-01")),
            "x"
        )
        .is_ok()
    );
    assert_eq!(
        edu.add_note_on(
            ids.next(),
            TaskId(10),
            evening,
            Some(day("2023-12-02")),
            "x"
        ),
        Err(EventProblem::WorkDateInFuture)
    );
    let utc = at("2023-11-30T23:30:00Z");
    assert_eq!(
        edu.set_status_on(
            ids.next(),
            TaskId(10),
            utc,
            Some(day("2023-12-01")),
            Status::Done,
            ""
        ),
        Err(EventProblem::WorkDateInFuture)
    );
    let blocked = edu
        .set_status_on(
            ids.next(),
            TaskId(12),
            typed,
            Some(day("2023-08-15")),
            Status::Blocked,
            "等待配合",
        )
        .unwrap();
    ledger.add(blocked);
    let overview = Overview::build(&ledger);
    let status = overview
        .get(TaskId(12), edu.unit)
        .unwrap()
        .status
        .clone()
        .unwrap();
    assert_eq!((status.work_date, status.at), (day("2023-08-15"), typed));
    // Figures have their own as-of date; a work date there is refused.
    let mut figure = recorder(MARKET, 2)
        .record_figure(
            ids.next(),
            TaskId(37),
            typed,
            "rapid-test-batches",
            day("2023-06-30"),
            1.0,
        )
        .unwrap();
    figure.work_date = Some(day("2023-06-30"));
    assert_eq!(figure.check(), Err(EventProblem::WorkDateNotAllowed));
}
