//! Marks in a task's history (未验证, 已撤销设备) and the office roster as the roster screen
//! makes and reads it: signed elsewhere (WebCrypto), read back, refused from another unit.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::note;
use duty_ledger::ledger::DeviceId;
use duty_ledger::trust::keys::SigningKey;
use duty_ledger::trust::marks::{Mark, heaviest, mark};
use duty_ledger::trust::roster::{
    Revocation, Roster, RosterFile, RosterFileProblem, RosterProblem, roster_message,
};

const OFFICE: &str = "区食药安办";
const EDU: &str = "区教育局";

fn device(n: u8) -> DeviceId {
    DeviceId::from_random([n; 8])
}

fn key(n: u8) -> SigningKey {
    SigningKey::from_secret([n; 32])
}

/// `note` number `n` by device `d`, at place `seq` of its log (or unsigned).
fn record(n: u64, d: u8, seq: Option<u64>) -> duty_ledger::ledger::Event {
    let mut event = note(n, d, n as i64);
    event.seq = seq;
    event
}

/// This device (1, the office) trusts tablets 2 and 3 of 区教育局.
fn roster() -> Roster {
    let mut roster = Roster::new();
    roster
        .add_own(device(1), OFFICE, key(1).public(), 10)
        .unwrap();
    roster.trust(device(2), EDU, key(2).public(), 20).unwrap();
    roster.trust(device(3), EDU, key(3).public(), 30).unwrap();
    roster
}

#[test]
fn signed_records_and_own_records_carry_no_mark() {
    let roster = roster();
    assert_eq!(mark(&record(1, 2, Some(1)), &roster, device(1)), None);
    assert_eq!(mark(&record(2, 1, Some(4)), &roster, device(1)), None);
    // This device's own records written before signed logs start its log: not marked.
    assert_eq!(mark(&record(3, 1, None), &roster, device(1)), None);
}

#[test]
fn unsigned_records_of_other_devices_are_unverified() {
    let roster = roster();
    assert_eq!(
        mark(&record(1, 2, None), &roster, device(1)),
        Some(Mark::Unverified)
    );
    // A device the roster has never heard of: the same.
    assert_eq!(
        mark(&record(2, 9, None), &roster, device(1)),
        Some(Mark::Unverified)
    );
    // Seen from the tablet, the office's old record is the unverified one.
    assert_eq!(
        mark(&record(3, 1, None), &roster, device(2)),
        Some(Mark::Unverified)
    );
}

#[test]
fn every_record_of_a_revoked_device_is_marked_revoked() {
    let mut roster = roster();
    assert!(roster.revoke(device(2), 5, 100));
    for seq in [Some(1), Some(5), Some(6), None] {
        assert_eq!(
            mark(&record(1, 2, seq), &roster, device(1)),
            Some(Mark::RevokedDevice),
            "{seq:?}"
        );
    }
    // The other tablet of the same unit is not touched.
    assert_eq!(mark(&record(1, 3, Some(1)), &roster, device(1)), None);
    assert_eq!(
        roster.revocation(device(2)),
        Some(Revocation {
            at: 100,
            last_good_seq: 5
        })
    );
    assert_eq!(roster.revocation(device(3)), None);
    assert_eq!(roster.revocation(device(9)), None);
}

#[test]
fn a_note_shows_the_heaviest_mark_of_its_revisions() {
    let mut roster = roster();
    let signed = record(1, 3, Some(1));
    let unsigned = record(2, 3, None);
    let of_two = record(3, 2, Some(2));
    assert_eq!(heaviest([&signed], &roster, device(1)), None);
    assert_eq!(
        heaviest([&signed, &unsigned], &roster, device(1)),
        Some(Mark::Unverified)
    );
    assert_eq!(
        heaviest([&signed, &unsigned, &of_two], &roster, device(1)),
        Some(Mark::Unverified)
    );
    roster.revoke(device(2), 2, 100);
    assert_eq!(
        heaviest([&unsigned, &of_two, &signed], &roster, device(1)),
        Some(Mark::RevokedDevice)
    );
}

#[test]
fn a_revocation_from_an_office_roster_marks_too() {
    let mut office = roster();
    office.revoke(device(3), 1, 90);
    let file = RosterFile::sign(device(1), OFFICE, &key(1), 100, office.vouchable());
    let mut unit = Roster::new();
    unit.add_own(device(2), EDU, key(2).public(), 5).unwrap();
    unit.trust(device(1), OFFICE, key(1).public(), 6).unwrap();
    unit.adopt(&file, 200).unwrap();
    assert_eq!(
        mark(&record(1, 3, Some(1)), &unit, device(2)),
        Some(Mark::RevokedDevice)
    );
}

/// A roster signed the way the WebCrypto device signs it: the message out, the signature in.
fn signed_elsewhere(roster: &Roster) -> RosterFile {
    let entries = roster.vouchable();
    let office_key = key(1).public();
    let message = roster_message(device(1), OFFICE, &office_key, 100, &entries);
    let signature = key(1).sign(&message);
    RosterFile::from_signature(device(1), OFFICE, office_key, 100, entries, signature)
}

#[test]
fn a_roster_signed_elsewhere_equals_one_signed_here_and_verifies() {
    let roster = roster();
    let file = signed_elsewhere(&roster);
    assert!(file.verify());
    assert_eq!(
        file,
        RosterFile::sign(device(1), OFFICE, &key(1), 100, roster.vouchable())
    );
    // Signed by another key: the signature does not match the office key it names.
    let entries = roster.vouchable();
    let forged = RosterFile::from_signature(
        device(1),
        OFFICE,
        key(1).public(),
        100,
        entries.clone(),
        key(9).sign(&roster_message(
            device(1),
            OFFICE,
            &key(1).public(),
            100,
            &entries,
        )),
    );
    assert!(!forged.verify());
}

#[test]
fn a_roster_file_reads_back_and_is_adopted() {
    let file = signed_elsewhere(&roster());
    let text = serde_json::to_string_pretty(&file).unwrap();
    let read = RosterFile::read(text.as_bytes(), OFFICE).unwrap();
    assert_eq!(read, file);
    let mut unit = Roster::new();
    unit.add_own(device(2), EDU, key(2).public(), 5).unwrap();
    // The office not yet trusted: the unit is told whom to phone.
    assert!(matches!(
        unit.adopt(&read, 200),
        Err(RosterProblem::OfficeUnknown { .. })
    ));
    unit.trust(device(1), OFFICE, key(1).public(), 6).unwrap();
    let report = unit.adopt(&read, 200).unwrap();
    assert_eq!(report.added, vec![device(3)]);
}

#[test]
fn other_files_and_other_units_rosters_are_refused() {
    assert_eq!(
        RosterFile::read(b"{\"format\": 3}", OFFICE),
        Err(RosterFileProblem::NotRoster)
    );
    assert_eq!(
        RosterFile::read(b"not json", OFFICE),
        Err(RosterFileProblem::NotRoster)
    );
    let file = signed_elsewhere(&roster());
    let text = serde_json::to_string(&file).unwrap();
    // A field given twice is not read.
    let twice = text.replacen("{\"office_device\"", "{\"made\":1,\"office_device\"", 1);
    assert_eq!(
        RosterFile::read(twice.as_bytes(), OFFICE),
        Err(RosterFileProblem::NotRoster)
    );
    // A unit's own device signing a "roster" is not the office.
    let mut tablet = Roster::new();
    tablet.add_own(device(2), EDU, key(2).public(), 5).unwrap();
    let theirs = RosterFile::sign(device(2), EDU, &key(2), 100, tablet.vouchable());
    let text = serde_json::to_string(&theirs).unwrap();
    assert_eq!(
        RosterFile::read(text.as_bytes(), OFFICE),
        Err(RosterFileProblem::NotOffice {
            unit: EDU.to_owned()
        })
    );
}

/// The digest's canonical text, written straight from a record's fields, is exactly the
/// canonical form of its serde JSON, for every kind of record and awkward values.
#[test]
fn a_records_canonical_text_is_its_jsons_canonical_form() {
    use duty_ledger::foundation::canonical;
    use duty_ledger::foundation::time::{Date, Stamp};
    use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Status};
    use duty_ledger::plan::{TaskId, UnitId};
    use duty_ledger::trust::{Digest, Hlc, record};
    let texts = [
        "进展",
        "引号\"与\\反斜杠\n换行\t制表\u{1}",
        "é\u{2028}😀",
        "",
    ];
    let values = [0.0, 0.000005, 1e21, 123.456, 44000.0, 9007199254740993.0];
    let mut checked = 0;
    for n in 0..240u64 {
        let t = texts[n as usize % texts.len()].to_string();
        let change = match n % 5 {
            0 => Change::Status {
                status: Status::Blocked,
                reason: Some(t.clone()),
            },
            1 => Change::Status {
                status: Status::Done,
                reason: None,
            },
            2 => Change::Note {
                note: EventId::from_random(n.to_be_bytes()),
                text: t.clone(),
            },
            3 => Change::NoteDeleted {
                note: EventId::from_random((n * 7).to_be_bytes()),
            },
            _ => Change::Figure {
                target: "sampling-batches".into(),
                as_of: Date::new(2023, 3, 31).unwrap(),
                value: values[n as usize % values.len()],
            },
        };
        let event = Event {
            id: EventId::from_random((n + 1).to_be_bytes()),
            task: TaskId((n % 58 + 1) as u16),
            unit: UnitId::from_name("区教育局").unwrap(),
            device: DeviceId::from_random([n as u8; 8]),
            at: Stamp::new(1_700_000_000_000 + n as i64 * 61_001, (n % 3) as i16 * 480).unwrap(),
            author: (n % 2 == 0).then(|| t.clone()),
            work_date: (n % 3 == 0).then(|| Date::new(2023, 11, 8).unwrap()),
            // Every other note carries files (names with escapes, large sizes).
            attachments: if n % 10 == 2 {
                (0..(n % 4))
                    .map(|k| duty_ledger::ledger::Attachment {
                        sha256: Digest::of(&(n * 10 + k).to_be_bytes()),
                        name: format!("{t}现场照片\"{k}\".jpg"),
                        kind: duty_ledger::ledger::FileType::ALL[(n + k) as usize % 11],
                        size: 1 + n * 1_000_003 * (k + 1),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            change,
            hlc: (n % 4 != 0).then_some(Hlc {
                ms: 1_700_000_000_000 + n as i64,
                n: (n % 5) as u32,
            }),
            seq: (n % 6 != 0).then_some(n + 1),
            prev: (n % 6 > 1).then(|| Digest::of(&n.to_be_bytes())),
        };
        let value = serde_json::to_value(&event).unwrap();
        assert_eq!(
            String::from_utf8(record::canonical(&event)).unwrap(),
            canonical::to_string(&value),
            "{event:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 240);
}
