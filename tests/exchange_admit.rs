//! Which roster verdicts hold a received file back (`exchange::admit`), the verified file the
//! apply path takes, and trusting a whole list of new devices in one step after each
//! fingerprint was shown (`trust::spot_check`, `trust::confirms_all`).
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use duty_ledger::exchange::admit::{Held, admit, held, verdicts};
use duty_ledger::exchange::{ExchangeFile, Scope, read};
use duty_ledger::foundation::time::Stamp;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{DeviceId, EventId, Ledger};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::trust::roster::{Roster, Verdict};
use duty_ledger::trust::{confirms_all, fingerprint, spot_check};
use proptest::prelude::*;
use signed::{NOW_MS, public, signed_export};

const EDU: &str = "区教育局";

fn stamp(minutes: i64) -> Stamp {
    Stamp::new(1_685_581_200_000 + minutes * 60_000, 480).unwrap()
}

/// A file of `notes` notes by device `n` of 区教育局, read back as a receiver reads it.
fn file(n: u8, notes: usize) -> ExchangeFile {
    let unit = UnitId::from_name(EDU).unwrap();
    let device = DeviceId::from_random([n; 8]);
    let mut recorder = Recorder {
        unit,
        device,
        author: None,
        hlc: None,
    };
    let mut ledger = Ledger::new();
    for i in 0..notes {
        recorder.hlc = Some(duty_ledger::trust::Hlc::next(
            ledger.newest(),
            stamp(i as i64).utc_ms,
        ));
        let id = EventId::from_random(((u64::from(n) << 32) + i as u64).to_be_bytes());
        let event = recorder
            .add_note(id, TaskId(10), stamp(i as i64), "进展")
            .unwrap();
        ledger.add(event);
    }
    let text = signed_export(&ledger, unit, device, Scope::Unit, stamp(10_000));
    read(text.as_bytes(), NOW_MS).expect("a genuine file reads")
}

#[test]
fn a_new_device_holds_the_file_until_trusted_then_it_is_verified() {
    let f = file(1, 3);
    let mut roster = Roster::new();
    let device = f.devices[0].device;
    match admit(&roster, &f) {
        Err(Held::Waits(new)) => {
            assert_eq!(new.len(), 1);
            assert_eq!(new[0].1, fingerprint(&public(device)));
        }
        other => panic!("a new device waits, got {other:?}"),
    }
    roster.trust(device, EDU, public(device), NOW_MS).unwrap();
    let verified = admit(&roster, &f).expect("a trusted device's file is verified");
    assert_eq!(verified.records(), &f.records);
    assert_eq!(verified.file(), &f);
}

#[test]
fn a_refused_device_refuses_the_file_before_new_ones_are_asked_about() {
    let f = file(2, 2);
    let device = f.devices[0].device;
    let mut roster = Roster::new();
    // Known for another unit.
    roster
        .trust(device, "区卫生健康局", public(device), NOW_MS)
        .unwrap();
    assert!(matches!(
        admit(&roster, &f),
        Err(Held::Refused(r)) if matches!(r.1, Verdict::UnitMismatch { .. })
    ));
    // Revoked before its records: refused; revoked after them: applied (and marked).
    let mut roster = Roster::new();
    roster.trust(device, EDU, public(device), NOW_MS).unwrap();
    roster.revoke(device, 1, NOW_MS);
    assert!(matches!(
        admit(&roster, &f),
        Err(Held::Refused(r)) if matches!(r.1, Verdict::Revoked { .. })
    ));
    let mut roster = Roster::new();
    roster.trust(device, EDU, public(device), NOW_MS).unwrap();
    roster.revoke(device, 10, NOW_MS);
    assert!(admit(&roster, &f).is_ok());
    // The verdicts and what they hold back agree.
    assert_eq!(held(&verdicts(&roster, &f)), None);
}

#[test]
fn trusting_a_hundred_new_devices_at_once_verifies_every_file() {
    let files: Vec<ExchangeFile> = (1..=100).map(|n| file(n, 1)).collect();
    let mut roster = Roster::new();
    let new: Vec<_> = files
        .iter()
        .filter_map(|f| match admit(&roster, f) {
            Err(Held::Waits(new)) => Some(new),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(new.len(), 100);
    let fingerprints: Vec<String> = new.iter().map(|(_, f)| f.clone()).collect();
    let asked = spot_check(&fingerprints).unwrap();
    let wanted = &fingerprints[asked];
    let last: String = wanted
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(confirms_all(&fingerprints, &last));
    assert!(confirms_all(&fingerprints, &last.to_lowercase()));
    // Another device's last four do not confirm the list (unless they happen to be the same).
    let other = &fingerprints[(asked + 1) % fingerprints.len()];
    let other_last: String = other.chars().skip(other.chars().count() - 4).collect();
    assert_eq!(confirms_all(&fingerprints, &other_last), other_last == last);
    let started = std::time::Instant::now();
    for (proof, _) in &new {
        roster
            .trust(proof.device, &proof.unit, proof.public_key, NOW_MS)
            .unwrap();
    }
    let verified: Vec<_> = files.iter().map(|f| admit(&roster, f)).collect();
    eprintln!(
        "100 devices trusted and 100 files verified in {:?}",
        started.elapsed()
    );
    assert!(verified.iter().all(Result::is_ok));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The spot check picks one of the list, the same for the same list in any order, and
    /// only that fingerprint's last four characters confirm it.
    #[test]
    fn the_spot_check_is_one_of_the_list_whatever_its_order(
        keys in proptest::collection::vec(any::<[u8; 32]>(), 1..40),
        rotate in 0usize..40,
    ) {
        let fingerprints: Vec<String> = keys
            .iter()
            .map(|k| fingerprint(&duty_ledger::trust::PublicKey(*k)))
            .collect();
        let i = spot_check(&fingerprints).unwrap();
        prop_assert!(i < fingerprints.len());
        let mut turned = fingerprints.clone();
        turned.rotate_left(rotate % fingerprints.len());
        let j = spot_check(&turned).unwrap();
        prop_assert_eq!(&fingerprints[i], &turned[j]);
        let last: String = fingerprints[i].chars().skip(fingerprints[i].chars().count() - 4).collect();
        prop_assert!(confirms_all(&fingerprints, &last));
        prop_assert!(!confirms_all(&fingerprints, "????"));
    }
}

#[test]
fn an_empty_list_confirms_nothing() {
    assert_eq!(spot_check(&[]), None);
    assert!(!confirms_all(&[], "ABCD"));
}

/// What the file checker hands the page decodes to the file it read, and text from another
/// version of the checker is not taken for a file.
#[test]
fn the_checkers_text_is_the_file_it_read() {
    use duty_ledger::exchange::transfer::{Undecodable, Worded, decode, encode};
    let f = file(7, 25);
    assert_eq!(decode(&encode(&f)), Ok(f.clone()));
    assert_eq!(decode("{}"), Err(Undecodable));
    assert_eq!(decode("not json"), Err(Undecodable));
    let worded = Worded::of("a.json", &duty_ledger::exchange::ImportError::NotText);
    assert!(!worded.zh.is_empty() && !worded.en.is_empty());
    assert_ne!(worded.zh, worded.en);
}
