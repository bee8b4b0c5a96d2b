//! A device whose key signs two different histories (issue 18): a copied key, or a tablet that
//! lost its records but not its key and wrote on. Each history verifies on its own; where both
//! meet (one held here and one in a file, or two files of one batch) the file is refused,
//! naming the device by its unit and fingerprint. Through whole signed files, and as a law
//! against the definition for any two segments of two histories.
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use duty_ledger::exchange::message::refusal;
use duty_ledger::exchange::preview::{Fork, apply, fork_refusal, forked_record, forks, preview};
use duty_ledger::exchange::{ExchangeFile, ImportError, Scope, read};
use duty_ledger::foundation::time::Stamp;
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{DeviceId, Event, EventId, Ledger};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::trust::{Hlc, fingerprint};
use proptest::prelude::*;
use signed::{NOW_MS, signed_export};

const EDU: &str = "区教育局";

fn stamp(minutes: i64) -> Stamp {
    Stamp::new(1_685_581_200_000 + minutes * 60_000, 480).unwrap()
}

/// One device's history: its records sealed into its chain, in order.
#[derive(Clone)]
struct Tablet {
    recorder: Recorder,
    ledger: Ledger,
    next: u64,
}

impl Tablet {
    fn new(n: u8) -> Tablet {
        Tablet {
            recorder: Recorder {
                unit: UnitId::from_name(EDU).unwrap(),
                device: DeviceId::from_random([n; 8]),
                author: None,
                hlc: None,
            },
            ledger: Ledger::new(),
            next: u64::from(n) << 32,
        }
    }

    /// The same device and key going on elsewhere: another history from here on.
    fn copy(&self, salt: u64) -> Tablet {
        Tablet {
            next: self.next + (salt << 20),
            ..self.clone()
        }
    }

    fn note(&mut self, minutes: i64, text: &str) -> Event {
        self.recorder.hlc = Some(Hlc::next(self.ledger.newest(), stamp(minutes).utc_ms));
        self.next += 1;
        let id = EventId::from_random(self.next.to_be_bytes());
        let event = self
            .recorder
            .add_note(id, TaskId(10), stamp(minutes), text)
            .unwrap();
        self.ledger.add(event.clone());
        self.ledger = signed::sealed(&self.ledger);
        self.ledger.get(&event.id).unwrap().clone()
    }

    fn device(&self) -> DeviceId {
        self.recorder.device
    }

    /// Its records `from..=to` (by seq).
    fn segment(&self, from: u64, to: u64) -> Ledger {
        self.ledger
            .events()
            .filter(|e| e.seq.is_some_and(|s| (from..=to).contains(&s)))
            .cloned()
            .collect()
    }

    /// The file it exports of its records `from..=to`, read back as a receiver reads it.
    fn file(&self, from: u64, to: u64) -> ExchangeFile {
        let text = signed_export(
            &self.segment(from, to),
            self.recorder.unit,
            self.device(),
            Scope::Unit,
            stamp(100_000),
        );
        read(text.as_bytes(), NOW_MS).expect("each history verifies on its own")
    }
}

/// A tablet with `shared` records, and a copy of it; each then writes `apart` more.
fn two_histories(shared: usize, apart: usize) -> (Tablet, Tablet) {
    let mut a = Tablet::new(1);
    for n in 0..shared {
        a.note(n as i64, &format!("共同的第 {n} 条"));
    }
    let mut b = a.copy(1);
    for n in 0..apart {
        a.note(1_000 + n as i64, &format!("甲的第 {n} 条"));
        b.note(2_000 + n as i64, &format!("乙的第 {n} 条"));
    }
    (a, b)
}

fn names() -> Vec<String> {
    vec!["甲.json".into(), "乙.json".into()]
}

/// Another seq 4 after the first was applied: the second file is refused, naming the device
/// by its unit and fingerprint and the record where the histories part.
#[test]
fn another_record_at_a_height_held_is_refused_naming_the_device() {
    let (a, b) = two_histories(3, 2);
    let first = a.file(1, 5);
    let mut held = Ledger::new();
    preview(&held, &first).unwrap();
    held = apply(&held, &[&first]);
    let second = b.file(1, 5);
    assert!(preview(&held, &second).is_ok(), "each file is fine alone");
    let found = forks(&held, &[Some(&second.records)]);
    let fork = Fork {
        device: a.device(),
        seq: 4,
        other: None,
    };
    assert_eq!(found, [Some(fork)]);
    let error = fork_refusal(&second, &fork, &names());
    let print = fingerprint(&signed::public(a.device()));
    assert_eq!(
        error,
        ImportError::Forked {
            device: a.device(),
            unit: EDU.into(),
            fingerprint: print.clone(),
            seq: 4,
            other: None,
        }
    );
    let zh = refusal(Lang::Zh, "乙.json", &error);
    assert!(
        zh.contains(EDU) && zh.contains(&print) && zh.contains("第 4 条"),
        "{zh}"
    );
    assert!(
        !zh.contains(&a.device().to_string()),
        "no ids in user text: {zh}"
    );
    let en = refusal(Lang::En, "乙.json", &error);
    assert!(en.contains(&print) && en.contains("record 4"), "{en}");

    // The held history itself, again or carried further, is no fork.
    let mut a = a;
    a.note(5_000, "甲继续");
    for again in [a.file(1, 5), a.file(1, 6), a.file(3, 6), a.file(6, 6)] {
        assert_eq!(forks(&held, &[Some(&again.records)]), [None]);
    }
    // Nor is the other history where it is still the shared one.
    assert_eq!(forks(&held, &[Some(&b.file(1, 3).records)]), [None]);
}

/// The other history carried only from after the parting (a relay's segment): its first
/// record does not follow the held one below it.
#[test]
fn a_segment_that_does_not_follow_what_is_held_is_a_fork() {
    let (a, b) = two_histories(3, 3);
    let held = apply(&Ledger::new(), &[&a.file(1, 4)]);
    let later = b.file(5, 6);
    assert_eq!(
        forks(&held, &[Some(&later.records)]),
        [Some(Fork {
            device: a.device(),
            seq: 4,
            other: None
        })]
    );
    // Held above, the file below: the held record just above does not follow the file's last.
    let held = apply(&Ledger::new(), &[&a.file(5, 6)]);
    assert_eq!(
        forks(&held, &[Some(&b.file(1, 4).records)]),
        [Some(Fork {
            device: a.device(),
            seq: 4,
            other: None
        })]
    );
    assert_eq!(forks(&held, &[Some(&a.file(1, 4).records)]), [None]);
}

/// Both histories in one batch, nothing held: both files are refused, each naming the other.
#[test]
fn both_histories_in_one_batch_refuse_both_files() {
    let (a, b) = two_histories(3, 1);
    let (first, second) = (a.file(1, 4), b.file(1, 4));
    let found = forks(
        &Ledger::new(),
        &[Some(&first.records), Some(&second.records)],
    );
    let at = |other| {
        Some(Fork {
            device: a.device(),
            seq: 4,
            other: Some(other),
        })
    };
    assert_eq!(found, [at(1), at(0)]);
    let error = fork_refusal(&first, &found[0].unwrap(), &names());
    let zh = refusal(Lang::Zh, "甲.json", &error);
    assert!(
        zh.contains("甲.json") && zh.contains("乙.json") && zh.contains("两个文件都已拒绝"),
        "{zh}"
    );
    // A refused file (None) takes part in nothing.
    assert_eq!(
        forks(&Ledger::new(), &[Some(&first.records), None]),
        [None, None]
    );
    // Two files of one history (last week's and this week's export) agree.
    let mut a = a;
    a.note(9_000, "本周");
    let (old, new) = (a.file(1, 4), a.file(1, 5));
    assert_eq!(
        forks(&Ledger::new(), &[Some(&old.records), Some(&new.records)]),
        [None, None]
    );
    // A third file of the other history is refused beside them.
    let found = forks(
        &Ledger::new(),
        &[
            Some(&old.records),
            Some(&new.records),
            Some(&second.records),
        ],
    );
    assert!(found.iter().all(Option::is_some), "{found:?}");
}

/// Other devices of the same files are untouched: only the forked device's files are refused.
#[test]
fn only_files_with_the_forked_device_are_refused() {
    let (a, b) = two_histories(2, 2);
    let mut other = Tablet::new(7);
    other.note(1, "其他设备");
    let held = apply(&Ledger::new(), &[&a.file(1, 4)]);
    let found = forks(
        &held,
        &[Some(&other.file(1, 1).records), Some(&b.file(1, 4).records)],
    );
    assert_eq!(found[0], None);
    assert_eq!(found[1].map(|f| f.seq), Some(3));
}

/// Applying checks again: the other history applied by another tab after the preview refuses
/// the apply, naming a record of the forked device (a new preview then names the fork).
#[test]
fn the_apply_checks_again_against_what_is_held_then() {
    let (a, b) = two_histories(3, 2);
    let (first, second) = (a.file(1, 5), b.file(1, 5));
    let held = Ledger::new();
    assert_eq!(
        forked_record(&held, [&second.records]),
        None,
        "nothing held at preview"
    );
    // Meanwhile another tab applied the first history.
    let held = apply(&held, &[&first]);
    let id = forked_record(&held, [&second.records]).expect("refused");
    let record = second.records.get(&id).unwrap();
    assert_eq!((record.device, record.seq), (b.device(), Some(4)));
    assert_eq!(forked_record(&held, [&a.file(4, 5).records]), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For any segment of one history held and any segment of the other in a file (or both in
    /// one batch), a fork is found exactly when the two cannot be parts of one chain: a height
    /// both carry with different records, or one starting just above the other's last record
    /// without following it. The record it names truly exists in two versions; in a batch,
    /// both files are refused, each naming the other.
    #[test]
    fn a_fork_is_found_exactly_where_two_segments_meet_apart(
        shared in 1usize..5,
        (a1, a2) in (1u64..9).prop_flat_map(|lo| (Just(lo), lo..9)),
        (b1, b2) in (1u64..9).prop_flat_map(|lo| (Just(lo), lo..9)),
    ) {
        let (a, b) = two_histories(shared, 8 - shared);
        let (held, file) = (a.segment(a1, a2), b.segment(b1, b2));
        let at = |t: &Tablet, s: u64| t.ledger.events().find(|e| e.seq == Some(s)).unwrap().clone();
        let digest = duty_ledger::trust::record::digest;
        let apart = (a1.max(b1)..=a2.min(b2)).any(|s| at(&a, s) != at(&b, s))
            || (b1 == a2 + 1 && at(&b, b1).prev != Some(digest(&at(&a, a2))))
            || (a1 == b2 + 1 && at(&a, a1).prev != Some(digest(&at(&b, b2))));
        let named = |found: &Option<Fork>, other| match found {
            None => !apart,
            Some(f) => apart && f.device == a.device() && f.other == other
                && at(&a, f.seq) != at(&b, f.seq),
        };
        let alone = forks(&held, &[Some(&file)]);
        prop_assert!(named(&alone[0], None), "{:?}", alone);
        let batch = forks(&Ledger::new(), &[Some(&held), Some(&file)]);
        prop_assert!(named(&batch[0], Some(1)) && named(&batch[1], Some(0)), "{:?}", batch);
        // One history never forks with itself, whatever segments meet.
        prop_assert_eq!(forks(&a.segment(a1, a2), &[Some(&a.segment(b1, b2))]), vec![None]);
    }
}
