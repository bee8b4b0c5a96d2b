//! The ledger's indexes (records per task and unit, per note) always answer what a pass over
//! the whole ledger answers, whatever was added, replaced by a conflicting version, merged or
//! taken back by an undo: the views that read through them (notes, statuses, figures, the
//! 需协调 history, the overview's refresh) see every record they saw before.
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

use std::collections::BTreeSet;

use duty_ledger::foundation::time::Stamp;
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use proptest::prelude::*;

const TASKS: [u16; 3] = [3, 36, 57];

fn id(n: u8) -> EventId {
    EventId::from_random([0, 0, 0, 0, 0, 0, 0, n])
}

fn units() -> Vec<UnitId> {
    ["区教育局", "园岭街道办事处", "区食药安办"]
        .into_iter()
        .map(|n| UnitId::from_name(n).unwrap())
        .collect()
}

/// Events from small pools, so one id comes in versions filed under other tasks, units and
/// notes (a conflict replaces the record under its id, and the indexes must follow).
fn event() -> impl Strategy<Value = Event> {
    (
        0u8..20,
        prop::sample::select(TASKS.to_vec()),
        prop::sample::select(units()),
        0u8..2,
        0i64..4,
        0u8..3,
        0u8..20,
    )
        .prop_map(|(n, task, unit, device, minute, kind, note)| {
            let change = match kind {
                0 => Change::Status {
                    status: Status::InProgress,
                    reason: None,
                },
                1 => Change::Note {
                    note: id(note),
                    text: format!("进展 {minute}"),
                },
                _ => Change::NoteDeleted { note: id(note) },
            };
            Event {
                id: id(n),
                task: TaskId(task),
                unit,
                device: DeviceId::from_random([device; 8]),
                at: Stamp::new(1_685_000_000_000 + minute * 60_000, 480).unwrap(),
                author: None,
                work_date: None,
                attachments: Vec::new(),
                change,
                hlc: None,
                seq: None,
                prev: None,
            }
        })
}

#[derive(Debug, Clone)]
enum Step {
    Add(Box<Event>),
    Merge(Vec<Event>),
    /// An undo takes these ids back (a few, or many: both ways of retracting).
    Retract(Vec<u8>),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => event().prop_map(|e| Step::Add(Box::new(e))),
        1 => prop::collection::vec(event(), 0..8).prop_map(Step::Merge),
        1 => prop::collection::vec(0u8..20, 0..12).prop_map(Step::Retract),
    ]
}

fn ids<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<EventId> {
    let mut ids: Vec<EventId> = events.map(|e| e.id).collect();
    ids.sort();
    ids
}

fn agrees(ledger: &Ledger) -> Result<(), TestCaseError> {
    for task in TASKS.map(TaskId) {
        prop_assert_eq!(
            ids(ledger.of_task(task)),
            ids(ledger.events().filter(|e| e.task == task))
        );
        for unit in units() {
            prop_assert_eq!(
                ids(ledger.of(task, unit)),
                ids(ledger.events().filter(|e| e.task == task && e.unit == unit))
            );
        }
    }
    for n in 0..20 {
        let note = id(n);
        prop_assert_eq!(
            ids(ledger.of_note(&note)),
            ids(ledger.events().filter(|e| e.note_id() == Some(&note)))
        );
    }
    // A ledger built at once from the same records has the same indexes.
    let rebuilt = Ledger::from_distinct(ledger.events().cloned().collect());
    for task in TASKS.map(TaskId) {
        prop_assert_eq!(ids(rebuilt.of_task(task)), ids(ledger.of_task(task)));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_indexes_answer_what_a_whole_pass_answers(steps in prop::collection::vec(step(), 0..24)) {
        let mut ledger = Ledger::new();
        for step in steps {
            match step {
                Step::Add(event) => {
                    ledger.add(*event);
                }
                Step::Merge(events) => {
                    let other: Ledger = events.into_iter().collect();
                    ledger.merge(&other);
                }
                Step::Retract(taken) => {
                    let taken: BTreeSet<EventId> = taken.into_iter().map(id).collect();
                    ledger.retract(&taken);
                }
            }
            agrees(&ledger)?;
        }
    }
}
