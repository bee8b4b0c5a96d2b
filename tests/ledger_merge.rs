//! The merge laws, by property tests: merging is commutative, associative and idempotent, and
//! never loses an event, so units' files and browser tabs converge whatever the order.
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::ledger::view::Overview;
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const CASES: u32 = 10_000;

fn id(n: u8) -> EventId {
    EventId::from_random([0, 0, 0, 0, 0, 0, 0, n])
}

fn units() -> Vec<UnitId> {
    ["区教育局", "市市场监管局福田监管局", "园岭街道办事处"]
        .into_iter()
        .map(|n| UnitId::from_name(n).unwrap())
        .collect()
}

/// Events drawn from small pools so that ids, notes, times and devices collide often:
/// the same id with different content, concurrent edits, equal timestamps.
fn event() -> impl Strategy<Value = Event> {
    (
        0u8..24,
        prop::sample::select(vec![3u16, 36, 37, 57]),
        prop::sample::select(units()),
        0u8..3,
        0i64..6,
        prop::option::of("[张李]"),
        0u8..4,
        0u8..24,
        0u32..3,
    )
        .prop_map(
            |(n, task, unit, device, minute, author, kind, note, value)| {
                let status = Status::ALL[(value as usize + n as usize) % 4];
                let change = match kind {
                    0 => Change::Status {
                        status,
                        reason: (status == Status::Blocked).then(|| "等待配合".to_string()),
                    },
                    1 => Change::Note {
                        note: id(note),
                        text: format!("进展 {value}"),
                    },
                    2 => Change::NoteDeleted { note: id(note) },
                    _ => Change::Figure {
                        target: "rapid-test-batches".into(),
                        as_of: Date::new(2023, 6, 1 + value as u8).unwrap(),
                        value: f64::from(value) * 1000.0,
                    },
                };
                let task = if kind == 3 { TaskId(37) } else { TaskId(task) };
                Event {
                    id: id(n),
                    task,
                    unit,
                    device: DeviceId::from_random([device; 8]),
                    at: Stamp::new(1_685_000_000_000 + minute * 60_000, 480).unwrap(),
                    author,
                    // Some notes and statuses state the day the work happened (before `at`).
                    work_date: (kind < 2 && value > 0)
                        .then(|| Date::new(2023, 5, 10 + value as u8).unwrap()),
                    attachments: Vec::new(),
                    change,
                    hlc: None,
                    seq: None,
                    prev: None,
                }
            },
        )
}

fn ledger() -> impl Strategy<Value = Ledger> {
    prop::collection::vec(event(), 0..16).prop_map(|events| events.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn merge_is_commutative(a in ledger(), b in ledger()) {
        prop_assert_eq!(Ledger::merged(&a, &b), Ledger::merged(&b, &a));
    }

    #[test]
    fn merge_is_associative(a in ledger(), b in ledger(), c in ledger()) {
        let left = Ledger::merged(&Ledger::merged(&a, &b), &c);
        let right = Ledger::merged(&a, &Ledger::merged(&b, &c));
        prop_assert_eq!(left, right);
    }

    #[test]
    fn merge_is_idempotent(a in ledger(), b in ledger()) {
        prop_assert_eq!(Ledger::merged(&a, &a), a.clone());
        let ab = Ledger::merged(&a, &b);
        prop_assert_eq!(Ledger::merged(&ab, &b), ab.clone());
    }

    #[test]
    fn merge_keeps_every_event_id_and_the_views_agree(a in ledger(), b in ledger()) {
        let ab = Ledger::merged(&a, &b);
        for e in a.events().chain(b.events()) {
            prop_assert!(ab.contains(&e.id));
        }
        prop_assert_eq!(Overview::build(&ab), Overview::build(&Ledger::merged(&b, &a)));
    }

    /// Refreshing only the entries of the records just added gives what a whole rebuild
    /// gives (a save's fast path).
    #[test]
    fn refreshing_the_touched_entries_equals_a_rebuild(a in ledger(), b in ledger()) {
        // Records new to `a` (a save makes a fresh id; a record replaced is a rebuild).
        let b: Ledger = b.events().filter(|e| !a.contains(&e.id)).cloned().collect();
        let ab = Ledger::merged(&a, &b);
        let keys: std::collections::BTreeSet<_> = b.events().map(|e| (e.task, e.unit)).collect();
        let mut overview = Overview::build(&a);
        overview.refresh(&ab, &keys);
        prop_assert_eq!(overview, Overview::build(&ab));
    }
}

#[test]
fn the_generator_produces_collisions() {
    // Guards the property tests against a generator that never exercises conflicts.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut conflicts = 0;
    for _ in 0..200 {
        let a = ledger().new_tree(&mut runner).unwrap().current();
        let b = ledger().new_tree(&mut runner).unwrap().current();
        let mut merged = a.clone();
        conflicts += merged.merge(&b).conflicts;
    }
    assert!(conflicts > 50, "only {conflicts} conflicts in 200 merges");
}
