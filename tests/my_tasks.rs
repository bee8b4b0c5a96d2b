//! "My tasks" as a unit works through it: own tasks first, the committee's catch-all folded
//! apart, filters by role, status, light and text, tiles that count, three orders; and the
//! role words every screen and report shares.
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

use duty_ledger::describe::{involvement_text, part_text, roles_text};
use duty_ledger::filter::{MineFilter, MyTask, Reach, SortOrder, my_tasks};
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::lights::Light;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::view::Overview;
use duty_ledger::ledger::{DeviceId, EventId, Ledger, Status};
use duty_ledger::plan::{Role, TaskId, UnitId, plan};
use duty_ledger::report::progress_report::{ReportScope, build, role_text};
use proptest::prelude::*;

const EDU: &str = "区教育局";

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// 8 November 2023, the day the implementation reports are due.
fn today() -> Date {
    day("2023-11-08")
}

/// A district's year of records: every unit records a status and a note on each task that
/// concerns it, a day apart, cycling through the statuses (about 1,000 records).
fn busy_ledger() -> Ledger {
    let mut ledger = Ledger::new();
    let mut n: u64 = 0;
    let statuses = [
        Status::InProgress,
        Status::Done,
        Status::NotStarted,
        Status::Blocked,
    ];
    for (u, who) in UnitId::all_units().enumerate() {
        let recorder = Recorder {
            unit: who,
            device: DeviceId::from_random([u as u8; 8]),
            author: None,
            hlc: None,
        };
        for task in plan().tasks.iter().filter(|t| t.concerns(who)) {
            n += 1;
            // Spread over the year so that "last update" has an order.
            let at = Stamp::new(
                1_675_000_000_000 + (n as i64 * 7_919 % 900) * 86_400_000 / 3,
                480,
            )
            .unwrap();
            let status = statuses[(n % 4) as usize];
            let id = EventId::from_random(n.to_be_bytes());
            ledger.add(
                recorder
                    .set_status(id, task.id, at, status, "等待协调")
                    .unwrap(),
            );
            n += 1;
            let id = EventId::from_random(n.to_be_bytes());
            ledger.add(recorder.add_note(id, task.id, at, "已部署").unwrap());
        }
    }
    assert!(ledger.len() > 1_000, "{}", ledger.len());
    ledger
}

fn ids(rows: &[MyTask]) -> Vec<u16> {
    rows.iter().map(|r| r.task.id.0).collect()
}

#[test]
fn own_tasks_come_first_and_the_catch_all_is_folded_apart() {
    let overview = Overview::build(&Ledger::new());
    let rows = my_tasks(&overview, unit(EDU), today());
    assert_eq!(rows.len(), 21);
    let arranged = MineFilter {
        sort: SortOrder::Number,
        ..MineFilter::default()
    }
    .arrange(&rows);
    // Named in 责任单位 (10, 11, 12, 34) or in 配合单位 (50, 51, 56).
    assert_eq!(ids(&arranged.own), [10, 11, 12, 34, 50, 51, 56]);
    assert_eq!(
        ids(&arranged.as_member),
        [1, 2, 3, 4, 19, 20, 43, 46, 47, 52, 54, 55, 57, 58]
    );
    assert_eq!(arranged.total, 21);
    assert_eq!(arranged.shown(), 21);
    // For a subdistrict office, 各街道办事处 names it as its own.
    let rows = my_tasks(&overview, unit("园岭街道办事处"), today());
    let arranged = MineFilter::default().arrange(&rows);
    let mut own = ids(&arranged.own);
    own.sort_unstable();
    assert_eq!(own, [19, 20]);
}

#[test]
fn the_role_filter_keeps_one_kind_of_task() {
    let overview = Overview::build(&busy_ledger());
    let rows = my_tasks(&overview, unit(EDU), today());
    let with = |reach| {
        let mut shown = ids(&MineFilter {
            reach: Some(reach),
            sort: SortOrder::Number,
            ..MineFilter::default()
        }
        .arrange(&rows)
        .own);
        shown.sort_unstable();
        shown
    };
    assert_eq!(with(Reach::Lead), [10, 11, 12, 34]);
    assert_eq!(with(Reach::Cooperate), [50, 51, 56]);
    let members = MineFilter {
        reach: Some(Reach::Member),
        ..MineFilter::default()
    }
    .arrange(&rows);
    assert!(members.own.is_empty());
    assert_eq!(members.as_member.len(), 14);
}

#[test]
fn status_and_light_tiles_filter_and_count_what_the_other_filters_leave() {
    let overview = Overview::build(&busy_ledger());
    let rows = my_tasks(&overview, unit(EDU), today());
    let lead = MineFilter {
        reach: Some(Reach::Lead),
        ..MineFilter::default()
    };
    let all = lead.arrange(&rows);
    let by_status: usize = Status::ALL.iter().map(|s| all.tiles.status(*s)).sum();
    let by_light: usize = [Light::Red, Light::Yellow, Light::Green]
        .iter()
        .map(|l| all.tiles.light(*l))
        .sum();
    assert_eq!(
        (by_status, by_light),
        (4, 4),
        "the tiles count the lead tasks"
    );
    for status in Status::ALL {
        let filtered = MineFilter {
            status: Some(status),
            ..lead.clone()
        }
        .arrange(&rows);
        assert_eq!(filtered.shown(), all.tiles.status(status), "{status:?}");
        assert!(filtered.own.iter().all(|r| r.status == status));
        assert_eq!(
            filtered.tiles, all.tiles,
            "a tile does not change the counts"
        );
    }
    for light in [Light::Red, Light::Yellow, Light::Green] {
        let filtered = MineFilter {
            light: Some(light),
            ..MineFilter::default()
        }
        .arrange(&rows);
        assert!(
            filtered
                .own
                .iter()
                .chain(&filtered.as_member)
                .all(|r| r.light() == light)
        );
    }
    let blocked = MineFilter {
        status: Some(Status::Blocked),
        ..MineFilter::default()
    }
    .arrange(&rows);
    assert!(blocked.shown() > 0);
    assert!(
        blocked
            .own
            .iter()
            .chain(&blocked.as_member)
            .all(|r| r.light() == Light::Red)
    );
}

#[test]
fn search_matches_the_measure_the_number_or_a_unit() {
    let overview = Overview::build(&Ledger::new());
    let rows = my_tasks(&overview, unit(EDU), today());
    let find = |query: &str| {
        let a = MineFilter {
            query: query.into(),
            sort: SortOrder::Number,
            ..MineFilter::default()
        }
        .arrange(&rows);
        ids(&a.own)
            .into_iter()
            .chain(ids(&a.as_member))
            .collect::<Vec<_>>()
    };
    assert_eq!(find("34"), [34]);
    assert!(find("营养").contains(&11));
    assert!(find("区委宣传部").contains(&50));
    assert!(find("没有这样的文字").is_empty());
}

#[test]
fn the_three_orders() {
    let overview = Overview::build(&busy_ledger());
    let rows = my_tasks(&overview, unit(EDU), today());
    let ordered = |sort| {
        MineFilter {
            sort,
            ..MineFilter::default()
        }
        .arrange(&rows)
    };
    let by_number = ordered(SortOrder::Number);
    assert!(
        by_number
            .own
            .windows(2)
            .all(|w| w[0].task.id < w[1].task.id)
    );
    let urgent = ordered(SortOrder::Urgency);
    assert!(
        urgent
            .own
            .windows(2)
            .all(|w| (w[0].light(), w[0].status == Status::Done)
                <= (w[1].light(), w[1].status == Status::Done)),
        "red before yellow before green, open before done"
    );
    assert_eq!(urgent.own.first().map(MyTask::light), Some(Light::Red));
    let recent = ordered(SortOrder::LastUpdate);
    assert!(
        recent
            .own
            .windows(2)
            .all(|w| w[0].last_update >= w[1].last_update)
    );
    assert_ne!(
        ids(&recent.own),
        ids(&by_number.own),
        "the orders differ on this data"
    );
    // Never recorded goes last.
    let mut some = busy_ledger();
    let task_10: std::collections::BTreeSet<_> = some
        .events()
        .filter(|e| e.task == TaskId(10) && e.unit == unit(EDU))
        .map(|e| e.id)
        .collect();
    some.retract(&task_10);
    let rows = my_tasks(&Overview::build(&some), unit(EDU), today());
    let recent = MineFilter {
        sort: SortOrder::LastUpdate,
        ..MineFilter::default()
    }
    .arrange(&rows);
    assert_eq!(recent.own.last().map(|r| r.task.id), Some(TaskId(10)));
}

fn filter_strategy() -> impl Strategy<Value = MineFilter> {
    (
        prop::option::of(prop::sample::select(Reach::ALL.to_vec())),
        prop::option::of(prop::sample::select(Status::ALL.to_vec())),
        prop::option::of(prop::sample::select(vec![
            Light::Red,
            Light::Yellow,
            Light::Green,
        ])),
        prop::sample::select(vec!["", "食品", "区教育局", "12", "培训 监管"]),
        prop::sample::select(SortOrder::ALL.to_vec()),
    )
        .prop_map(|(reach, status, light, query, sort)| MineFilter {
            reach,
            status,
            light,
            query: query.into(),
            sort,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the filter: what is shown is exactly what it admits, once each; own tasks are
    /// never folded and folded tasks only reach the unit as a member; the tiles count what the
    /// role and text leave.
    #[test]
    fn arranging_shows_exactly_what_the_filter_admits(filter in filter_strategy(), which in 0usize..27) {
        let who = UnitId::all_units().nth(which).unwrap();
        let rows = my_tasks(&Overview::build(&Ledger::new()), who, today());
        let arranged = filter.arrange(&rows);
        let mut shown: Vec<u16> = ids(&arranged.own).into_iter().chain(ids(&arranged.as_member)).collect();
        shown.sort_unstable();
        let mut admitted: Vec<u16> = rows.iter().filter(|r| filter.admits(r)).map(|r| r.task.id.0).collect();
        admitted.sort_unstable();
        prop_assert_eq!(shown, admitted);
        prop_assert!(arranged.own.iter().all(|r| r.reach != Reach::Member));
        prop_assert!(arranged.as_member.iter().all(|r| r.reach == Reach::Member));
        let tiles = MineFilter { status: None, light: None, ..filter.clone() }.arrange(&rows);
        prop_assert_eq!(Status::ALL.iter().map(|s| arranged.tiles.status(*s)).sum::<usize>(), tiles.shown());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The hand-written sort orders exactly as the standard sort with the same comparison.
    #[test]
    fn the_sort_agrees_with_the_standard_sort(
        sort in prop::sample::select(SortOrder::ALL.to_vec()),
        order in Just((0..21usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let overview = Overview::build(&busy_ledger());
        let rows = my_tasks(&overview, unit(EDU), today());
        let filter = MineFilter { sort, ..MineFilter::default() };
        let mut shuffled: Vec<MyTask> = order.iter().map(|&i| rows[i].clone()).collect();
        filter.sort(&mut shuffled);
        let mut expected = rows.clone();
        expected.sort_by(|a, b| filter.compare(a, b));
        prop_assert_eq!(ids(&shuffled), ids(&expected));
    }
}

/// The role words: one vocabulary (the table's 牵头, 负责, 协助, 业务指导, 配合, and 作为「…」成员),
/// no label twice, no 经由; the report's 角色 says the same as the cards.
#[test]
fn one_vocabulary_for_roles_and_no_label_repeats() {
    let words = ["牵头", "负责", "协助", "业务指导", "配合"];
    for task in &plan().tasks {
        for who in UnitId::all_units() {
            let text = roles_text(Lang::Zh, task, who);
            assert_eq!(
                text.is_empty(),
                !task.concerns(who),
                "task {} {who}",
                task.id.0
            );
            if text.is_empty() {
                continue;
            }
            assert!(!text.contains("经由"), "{text}");
            let parts: Vec<&str> = text.split('、').collect();
            for part in &parts {
                let role_words = words.iter().filter(|w| part.contains(*w)).count();
                assert_eq!(role_words, 1, "task {} {who}: {text}", task.id.0);
                assert!(
                    words.contains(part)
                        || (part.starts_with("作为「") && words.iter().any(|w| part.ends_with(w))),
                    "task {} {who}: {part} is not in the vocabulary",
                    task.id.0
                );
            }
            for word in words {
                assert!(
                    text.matches(word).count() <= 1,
                    "task {} {who}: {text}",
                    task.id.0
                );
            }
            let mut unique = parts.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(
                unique.len(),
                parts.len(),
                "task {} {who}: {text}",
                task.id.0
            );
        }
    }
    // The cases: tasks 50, 51 and 55 say 配合 once; 协助 is not 协助（协助）.
    for task in [50, 51] {
        assert_eq!(
            roles_text(Lang::Zh, plan().task(TaskId(task)).unwrap(), unit(EDU)),
            "配合"
        );
    }
    assert_eq!(
        roles_text(Lang::Zh, plan().task(TaskId(55)).unwrap(), unit(EDU)),
        "作为「区食药安委各成员单位」成员配合"
    );
    assert_eq!(
        roles_text(Lang::Zh, plan().task(TaskId(11)).unwrap(), unit(EDU)),
        "协助"
    );
    assert_eq!(
        roles_text(
            Lang::Zh,
            plan().task(TaskId(11)).unwrap(),
            unit("区卫生健康局")
        ),
        "牵头"
    );
    assert_eq!(
        roles_text(Lang::En, plan().task(TaskId(55)).unwrap(), unit(EDU)),
        "cooperates as a member of 区食药安委各成员单位"
    );
}

#[test]
fn the_report_uses_the_same_role_words() {
    let ledger = Ledger::new();
    let overview = Overview::build(&ledger);
    let mut scopes = vec![ReportScope::District];
    scopes.extend(UnitId::all_units().map(ReportScope::Unit));
    for scope in scopes {
        let report = build(&ledger, &overview, scope, today());
        for row in &report.rows {
            for lang in [Lang::Zh, Lang::En] {
                let text = role_text(lang, row);
                assert_eq!(text, part_text(lang, row.task, row.unit, row.role, row.via));
                assert!(
                    !text.contains("（协助）") && !text.contains("经由"),
                    "{text}"
                );
                // The same words as the card's, for the same way of taking part.
                let card = row
                    .task
                    .roles_of(row.unit)
                    .into_iter()
                    .chain(row.task.involvements(row.unit))
                    .find(|i| i.role == row.role && i.via == row.via)
                    .map(|i| involvement_text(lang, i))
                    .unwrap();
                assert_eq!(text, card);
            }
        }
    }
    let edu = build(&ledger, &overview, ReportScope::Unit(unit(EDU)), today());
    let row11 = edu.rows.iter().find(|r| r.task.id == TaskId(11)).unwrap();
    assert_eq!(
        (row11.role, role_text(Lang::Zh, row11).as_str()),
        (Role::Assist, "协助")
    );
}
