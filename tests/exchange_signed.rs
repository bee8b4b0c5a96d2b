//! Signed device logs through whole files (issue 10 §1, §3, §4 and the native tests of §7):
//! every one-byte change to a signed file is detected; gaps, reorderings, duplicates and
//! records beyond the signed head are named; a forged deletion and a forged 区食药安办 get
//! nowhere; the office's relay carries each device's records and signature unchanged and a
//! unit verifies it; a tablet ten years ahead is refused; the merge laws hold on causally
//! stamped records with clocks skewed both ways, and an edit made after seeing a record wins.
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use std::collections::BTreeMap;

use duty_ledger::exchange::file::{checksum_of_text, own_head, usable_proofs};
use duty_ledger::exchange::message::refusal;
use duty_ledger::exchange::preview::{apply, preview};
use duty_ledger::exchange::{DeviceProof, ExchangeFile, ImportError, Scope, export, read};
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::{Lang, format_date};
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::view::{NoteRef, Overview, note_threads};
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::trust::{ChainProblem, Hlc, Roster, Verdict, fingerprint};
use proptest::prelude::*;
use serde_json::{Value, json};
use signed::{NOW_MS, forger_key, key, resign_with, signed_export};

const EDU: &str = "区教育局";
const OFFICE: &str = "区食药安办";
const MARKET: &str = "市市场监管局福田监管局";

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn note_ref(note: &Event) -> NoteRef {
    NoteRef {
        id: note.id,
        task: note.task,
        unit: note.unit,
    }
}

fn device(n: u8) -> DeviceId {
    DeviceId::from_random([n; 8])
}

fn id(n: u64) -> EventId {
    EventId::from_random(n.to_be_bytes())
}

/// 2023-06-01 09:00 in Shenzhen plus `minutes`.
fn stamp(minutes: i64) -> Stamp {
    Stamp::new(1_685_581_200_000 + minutes * 60_000, 480).unwrap()
}

const EXPORTED: i64 = 60 * 24 * 150; // five months after the first record

/// A device writing for `name`, stamping its records causally as the app does.
struct Tablet {
    recorder: Recorder,
    ledger: Ledger,
    next: u64,
}

impl Tablet {
    fn new(name: &str, n: u8) -> Tablet {
        Tablet {
            recorder: Recorder {
                unit: unit(name),
                device: device(n),
                author: Some("王五".into()),
                hlc: None,
            },
            ledger: Ledger::new(),
            next: u64::from(n) << 32,
        }
    }

    fn id(&mut self) -> EventId {
        self.next += 1;
        id(self.next)
    }

    /// Writes one record at wall time `at` (stamped after everything it holds).
    fn write(&mut self, at: Stamp, make: impl FnOnce(&Recorder, EventId, Stamp) -> Event) -> Event {
        self.recorder.hlc = Some(Hlc::next(self.ledger.newest(), at.utc_ms));
        let id = self.id();
        let event = make(&self.recorder, id, at);
        self.ledger.add(event.clone());
        // Stored at once: sealed into this device's chain, as the vault does.
        self.ledger = signed::sealed(&self.ledger);
        self.ledger.get(&event.id).unwrap().clone()
    }

    fn note(&mut self, minutes: i64, task: u16, text: &str) -> Event {
        self.write(stamp(minutes), |r, id, at| {
            r.add_note(id, TaskId(task), at, text).unwrap()
        })
    }

    fn status(&mut self, minutes: i64, task: u16, status: Status) -> Event {
        let reason = if status == Status::Blocked {
            "等待配合"
        } else {
            ""
        };
        self.write(stamp(minutes), |r, id, at| {
            r.set_status(id, TaskId(task), at, status, reason).unwrap()
        })
    }

    fn export(&self, scope: Scope) -> String {
        signed_export(
            &self.ledger,
            self.recorder.unit,
            self.recorder.device,
            scope,
            stamp(EXPORTED),
        )
    }

    fn import(&mut self, text: &str) -> ExchangeFile {
        let file = read(text.as_bytes(), NOW_MS).unwrap();
        preview(&self.ledger, &file).unwrap();
        self.ledger = apply(&self.ledger, &[&file]);
        file
    }
}

/// Two tablets of 区教育局, one of 市市场监管局福田监管局 and the office's, each with a few
/// records of every kind.
fn district() -> (Tablet, Tablet, Tablet, Tablet) {
    let mut edu_a = Tablet::new(EDU, 1);
    let mut edu_b = Tablet::new(EDU, 2);
    let mut market = Tablet::new(MARKET, 3);
    let mut office = Tablet::new(OFFICE, 4);
    edu_a.status(0, 10, Status::InProgress);
    let note = edu_a.note(5, 10, "召开会议，部署“护苗促食安”行动");
    edu_a.write(stamp(30), |r, id, at| {
        r.edit_note(
            id,
            &note_ref(&note),
            at,
            "召开专题会议，部署“护苗促食安”行动",
        )
        .unwrap()
    });
    edu_a.status(60, 12, Status::Blocked);
    edu_b.note(90, 11, "校园周边食品店排查 36 家");
    edu_b.status(95, 11, Status::Done);
    market.write(stamp(120), |r, id, at| {
        r.record_figure(
            id,
            TaskId(37),
            at,
            "rapid-test-batches",
            Date::new(2023, 5, 31).unwrap(),
            40_000.5,
        )
        .unwrap()
    });
    market.note(125, 37, "快检车进市场");
    market.status(126, 37, Status::InProgress);
    office.note(200, 1, "督查组完成第一轮检查");
    (edu_a, edu_b, market, office)
}

/// The office after importing every unit device's file: its 全部 export.
fn relay() -> (String, Vec<String>) {
    let (edu_a, edu_b, market, mut office) = district();
    let unit_files = vec![
        edu_a.export(Scope::Unit),
        edu_b.export(Scope::Unit),
        market.export(Scope::Unit),
    ];
    let mut received: Vec<DeviceProof> = Vec::new();
    for text in &unit_files {
        received.extend(office.import(text).devices);
    }
    let own = signed::proofs(&office.ledger)
        .into_iter()
        .filter(|p| p.device == office.recorder.device);
    received.extend(own);
    let proofs = usable_proofs(&office.ledger, &received);
    let text = export(
        &office.ledger,
        unit(OFFICE),
        office.recorder.device,
        Scope::All,
        stamp(EXPORTED),
        &proofs,
    );
    (text, unit_files)
}

fn refused(bytes: &[u8]) -> ImportError {
    read(bytes, NOW_MS).expect_err("the file should be refused")
}

/// The records of a parsed file.
fn records(file: &mut Value) -> &mut Vec<Value> {
    file["records"].as_array_mut().unwrap()
}

/// The file index and value of `device`'s record `seq`.
fn position(file: &Value, device: DeviceId, seq: u64) -> usize {
    file["records"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["device"] == json!(device.to_string()) && r["seq"] == json!(seq))
        .unwrap()
}

/// Re-seals a changed file's checksum (anyone can: it only guards against damage).
fn resealed(mut value: Value) -> Vec<u8> {
    signed::reseal(&mut value);
    serde_json::to_vec_pretty(&value).unwrap()
}

mod one_byte {
    use super::*;

    /// Where in the file a byte is: the innermost key above it, found by scanning the
    /// pretty-printed text (every value is on the line of its key).
    fn field_at(text: &str, pos: usize) -> String {
        let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        line.trim()
            .strip_prefix('"')
            .and_then(|l| l.split('"').next())
            .unwrap_or("(structure)")
            .to_string()
    }

    #[derive(Default, Debug)]
    struct Outcome {
        mutations: usize,
        refused: BTreeMap<String, usize>,
        /// The same content written otherwise (white space for white space between tokens,
        /// `40000.5` as `40000.50`, a `t` for the `T` of a timestamp): every field reads as
        /// before.
        same_content: BTreeMap<String, usize>,
        /// Accepted with a change, by the field changed.
        accepted: BTreeMap<String, usize>,
    }

    fn mutations(byte: u8) -> impl Iterator<Item = u8> {
        [
            byte ^ 0x01,
            byte ^ 0x20,
            byte ^ 0x80,
            b'0',
            b'f',
            b' ',
            b'\n',
            b'"',
        ]
        .into_iter()
        .filter(move |b| *b != byte)
    }

    fn kind(error: &ImportError) -> String {
        format!("{error:?}")
            .split([' ', '(', '{'])
            .next()
            .unwrap()
            .to_string()
    }

    /// Tries every mutation at every byte of `text`; `reseal` recomputes the checksum after
    /// each (as a forger would) when the mutated text is still one this app can checksum.
    fn run(text: &str, original: &ExchangeFile, reseal: bool) -> Outcome {
        let bytes = text.as_bytes();
        let checksum_at = text.find("\"value\": \"").unwrap() + 10;
        let checksum = &text[checksum_at..checksum_at + 64];
        let mut outcome = Outcome::default();
        for pos in 0..bytes.len() {
            for b in mutations(bytes[pos]) {
                let mut changed = bytes.to_vec();
                changed[pos] = b;
                if reseal {
                    if (checksum_at..checksum_at + 64).contains(&pos) {
                        continue;
                    }
                    let Some(sum) = std::str::from_utf8(&changed)
                        .ok()
                        .and_then(checksum_of_text)
                    else {
                        continue; // no longer JSON: refused with or without a checksum
                    };
                    let fixed = String::from_utf8(changed)
                        .unwrap()
                        .replacen(checksum, &sum, 1);
                    changed = fixed.into_bytes();
                }
                outcome.mutations += 1;
                match read(&changed, NOW_MS) {
                    Err(error) => *outcome.refused.entry(kind(&error)).or_default() += 1,
                    Ok(file) => {
                        assert_eq!(file.records, original.records, "byte {pos} → {b:#x}");
                        assert_eq!(file.devices, original.devices, "byte {pos} → {b:#x}");
                        if file == *original {
                            let kind =
                                if bytes[pos].is_ascii_whitespace() && b.is_ascii_whitespace() {
                                    "white space".to_string()
                                } else {
                                    format!("{} spelt otherwise", field_at(text, pos))
                                };
                            *outcome.same_content.entry(kind).or_default() += 1;
                        } else {
                            *outcome.accepted.entry(field_at(text, pos)).or_default() += 1;
                        }
                    }
                }
            }
        }
        outcome
    }

    /// Every one-byte change to the office's relay of four devices' records is refused,
    /// unless it leaves the content as it was (white space for white space, a value spelt
    /// otherwise: `40000.5` as `40000.50`, `2023-06-01t09:00`), or changes the export time or, once the checksum is
    /// re-sealed, the exporting device's id: the two fields no signature covers (they describe
    /// the file, not any record). Every accepted change reads to exactly the same records and
    /// proofs.
    #[test]
    fn any_one_byte_change_to_a_signed_file_is_detected() {
        let (text, _) = relay();
        let original = read(text.as_bytes(), NOW_MS).unwrap();
        assert_eq!(original.devices.len(), 4);
        assert!(original.records.len() >= 10);
        for reseal in [false, true] {
            let outcome = run(&text, &original, reseal);
            println!(
                "{} bytes, {} mutations {}: refused {:?}; same content {:?}; accepted {:?}",
                text.len(),
                outcome.mutations,
                if reseal {
                    "with the checksum re-sealed"
                } else {
                    "as they are"
                },
                outcome.refused,
                outcome.same_content,
                outcome.accepted
            );
            // Fields no signature covers: when the file was made, and (once the checksum is
            // re-sealed) which device made it. Neither is a record.
            let allowed = ["exported_at", "device"];
            for field in outcome.accepted.keys() {
                assert!(
                    allowed.contains(&field.as_str()),
                    "a change to {field} was accepted: {outcome:?}"
                );
            }
            let accepted: usize = outcome.accepted.values().sum();
            let exported_at = "2023-10-29T09:00:00.000+08:00".len();
            assert!(accepted <= 8 * (exported_at + 16), "{accepted}");
            // Values spelt otherwise are few: a trailing zero, a lowercase `t` in a timestamp.
            for (kind, count) in &outcome.same_content {
                if kind != "white space" {
                    assert!(
                        [
                            "value spelt otherwise",
                            "at spelt otherwise",
                            "exported_at spelt otherwise",
                            "(structure) spelt otherwise",
                            // A version 5 file holding only version 4's kinds is a version 4
                            // file with the same records (format 5 added kinds, nothing else).
                            "format_version spelt otherwise",
                        ]
                        .contains(&kind.as_str()),
                        "{kind}"
                    );
                    assert!(*count <= original.records.len() + 2, "{kind}: {count}");
                }
            }
            assert!(outcome.refused.values().sum::<usize>() > 10 * accepted);
            if reseal {
                // With the checksum re-sealed, what catches a change is the chain and the
                // signature, or a field's own rules.
                assert!(outcome.refused.contains_key("ChainBroken"), "{outcome:?}");
                assert!(outcome.refused.contains_key("BadSignature"), "{outcome:?}");
            } else {
                assert!(
                    outcome.refused.contains_key("ChecksumMismatch"),
                    "{outcome:?}"
                );
            }
        }
    }
}

mod chains {
    use super::*;

    fn edu_file() -> (Tablet, Value) {
        let mut edu = Tablet::new(EDU, 1);
        for i in 0..6 {
            edu.note(i * 10, 10 + i as u16, &format!("第 {i} 次检查"));
        }
        let value = serde_json::from_str(&edu.export(Scope::Unit)).unwrap();
        (edu, value)
    }

    fn chain_error(value: Value) -> (ImportError, String) {
        let error = refused(&resealed(value));
        let message = refusal(Lang::Zh, "区教育局-进展-2023-11-08.json", &error);
        (error, message)
    }

    #[test]
    fn a_record_dropped_from_the_middle_is_named() {
        let (edu, mut value) = edu_file();
        let dropped = position(&value, edu.recorder.device, 3);
        records(&mut value).remove(dropped);
        let (error, message) = chain_error(value);
        assert_eq!(
            error,
            ImportError::ChainBroken {
                device: device(1),
                index: None,
                problem: ChainProblem::Missing { seq: 3 }
            }
        );
        assert_eq!(
            message,
            "设备 0101010101010101 的记录不完整：第 3 条被删去或顺序被改动。"
        );
    }

    #[test]
    fn two_records_with_their_sequence_numbers_swapped_are_named() {
        let (edu, mut value) = edu_file();
        let a = position(&value, edu.recorder.device, 2);
        let b = position(&value, edu.recorder.device, 4);
        records(&mut value)[a]["seq"] = json!(4);
        records(&mut value)[b]["seq"] = json!(2);
        let (error, message) = chain_error(value);
        // Walking back from the signed head: record 6 and 5 are as signed, 4 is not.
        assert_eq!(
            error,
            ImportError::ChainBroken {
                device: device(1),
                index: Some(a),
                problem: ChainProblem::Altered { seq: 4 }
            }
        );
        assert!(message.contains("第 4 条记录在签名后被修改过"), "{message}");
        assert!(
            message.contains(&format!("文件中第 {} 条", a + 1)),
            "{message}"
        );
    }

    #[test]
    fn a_record_given_twice_is_named() {
        let (edu, mut value) = edu_file();
        let twice = position(&value, edu.recorder.device, 2);
        let mut copy = records(&mut value)[twice].clone();
        // The same place in the chain claimed by another record (a copy with another id).
        copy["id"] = json!("00000000000000ff");
        records(&mut value).push(copy);
        let (error, message) = chain_error(value);
        assert!(
            matches!(
                error,
                ImportError::ChainBroken {
                    problem: ChainProblem::Duplicate { seq: 2 },
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(message, "设备 0101010101010101 的第 2 条记录出现了两次。");
    }

    #[test]
    fn a_record_beyond_the_signed_head_is_named() {
        let (mut edu, mut value) = edu_file();
        // Written after the export: it is in no signature.
        let late = edu.note(500, 20, "签名之后补写");
        records(&mut value).push(serde_json::to_value(&late).unwrap());
        let (error, message) = chain_error(value.clone());
        assert_eq!(
            error,
            ImportError::ChainBroken {
                device: device(1),
                index: Some(6),
                problem: ChainProblem::Unsigned { seq: 7 }
            }
        );
        assert!(message.contains("第 7 条记录在其签名之后"), "{message}");
    }

    #[test]
    fn an_altered_record_is_named_even_when_its_successors_point_to_it() {
        let (edu, mut value) = edu_file();
        let at = position(&value, edu.recorder.device, 5);
        records(&mut value)[at]["change"]["text"] = json!("第 4 次检查（已改）");
        let (error, _) = chain_error(value);
        assert_eq!(
            error,
            ImportError::ChainBroken {
                device: device(1),
                index: Some(at),
                problem: ChainProblem::Altered { seq: 5 }
            }
        );
    }

    #[test]
    fn a_segment_starting_later_than_the_first_record_verifies() {
        let (edu, mut value) = edu_file();
        for seq in [1, 2] {
            let at = position(&value, edu.recorder.device, seq);
            records(&mut value).remove(at);
        }
        let file = read(&resealed(value), NOW_MS).unwrap();
        assert_eq!(file.records.len(), 4);
    }

    #[test]
    fn a_signature_over_another_head_is_refused() {
        let (_, mut value) = edu_file();
        let other = forger_key(device(1)).sign(b"duty-ledger head v1\nsomething else");
        value["devices"][0]["signature"] = json!(other.to_hex());
        assert_eq!(
            refused(&resealed(value)),
            ImportError::BadSignature { device: device(1) }
        );
    }
}

mod forgery {
    use super::*;

    /// 区教育局's file with a note, and the note deleted by a record a forger added under the
    /// bureau's device.
    fn forged_deletion(sign: impl Fn(&mut Value)) -> (Vec<u8>, Tablet) {
        let mut edu = Tablet::new(EDU, 1);
        let note = edu.note(0, 10, "召开会议，部署“护苗促食安”行动");
        edu.status(10, 10, Status::InProgress);
        let mut value: Value = serde_json::from_str(&edu.export(Scope::Unit)).unwrap();
        let head = own_head(&edu.ledger, device(1)).unwrap();
        let deletion = Event {
            id: id(0xdead),
            task: TaskId(10),
            unit: unit(EDU),
            device: device(1),
            at: stamp(20),
            author: None,
            work_date: None,
            attachments: Vec::new(),
            change: Change::NoteDeleted { note: note.id },
            hlc: Some(Hlc {
                ms: stamp(20).utc_ms,
                n: 0,
            }),
            seq: Some(head.seq + 1),
            prev: Some(head.hash),
        };
        records(&mut value).push(serde_json::to_value(&deletion).unwrap());
        sign(&mut value);
        (serde_json::to_vec_pretty(&value).unwrap(), edu)
    }

    #[test]
    fn a_deletion_added_to_a_devices_log_without_its_key_is_refused() {
        // Left unsigned: beyond the signed head.
        let (file, _) = forged_deletion(signed::reseal);
        assert_eq!(
            refused(&file),
            ImportError::ChainBroken {
                device: device(1),
                index: Some(2),
                problem: ChainProblem::Unsigned { seq: 3 }
            }
        );
        // The head moved to it and signed with a key that is not the device's.
        let (file, _) = forged_deletion(|v| {
            let genuine = v["devices"][0]["public_key"].clone();
            resign_with(v, forger_key);
            v["devices"][0]["public_key"] = genuine;
            signed::reseal(v);
        });
        assert_eq!(
            refused(&file),
            ImportError::BadSignature { device: device(1) }
        );
    }

    #[test]
    fn a_deletion_signed_under_a_substituted_key_reads_but_the_roster_refuses_it() {
        // The forger replaces the device's key with their own and signs everything: the file
        // is consistent, but the office knows the device under its real key.
        let (file, edu) = forged_deletion(|v| {
            v["devices"][0]["public_key"] = json!(forger_key(device(1)).public().to_hex());
            resign_with(v, forger_key);
        });
        let file = read(&file, NOW_MS).unwrap();
        let mut roster = Roster::new();
        roster
            .trust(device(1), EDU, key(device(1)).public(), stamp(0).utc_ms)
            .unwrap();
        let proof = &file.devices[0];
        assert_eq!(
            roster.judge(proof.device, &proof.unit, &proof.public_key, &[1, 2, 3]),
            Verdict::KeyMismatch
        );
        // And the genuine file is judged known.
        let genuine = read(edu.export(Scope::Unit).as_bytes(), NOW_MS).unwrap();
        let proof = &genuine.devices[0];
        assert_eq!(
            roster.judge(proof.device, &proof.unit, &proof.public_key, &[1, 2]),
            Verdict::Known
        );
    }

    #[test]
    fn a_file_claiming_the_office_from_an_unknown_key_is_a_new_device() {
        // Anyone can make a key and write records for 区食药安办: the file verifies, and the
        // roster marks the device new, to be trusted only after a phone call.
        let mut fake = Tablet::new(OFFICE, 66);
        fake.status(0, 1, Status::Done);
        let file = read(fake.export(Scope::Unit).as_bytes(), NOW_MS).unwrap();
        let mut roster = Roster::new();
        roster
            .trust(device(4), OFFICE, key(device(4)).public(), 0)
            .unwrap();
        let proof = &file.devices[0];
        assert_eq!(proof.unit, OFFICE);
        assert_eq!(
            roster.judge(proof.device, &proof.unit, &proof.public_key, &[1]),
            Verdict::New {
                unit: OFFICE.into(),
                fingerprint: fingerprint(&key(device(66)).public()),
            }
        );
        // Under the office's real device id but another key: refused.
        let mut impostor = Tablet::new(OFFICE, 4);
        impostor.status(0, 1, Status::Done);
        let mut value: Value = serde_json::from_str(&impostor.export(Scope::Unit)).unwrap();
        value["devices"][0]["public_key"] = json!(forger_key(device(4)).public().to_hex());
        resign_with(&mut value, forger_key);
        let file = read(&serde_json::to_vec(&value).unwrap(), NOW_MS).unwrap();
        let proof = &file.devices[0];
        assert_eq!(
            roster.judge(proof.device, &proof.unit, &proof.public_key, &[1]),
            Verdict::KeyMismatch
        );
    }

    #[test]
    fn a_device_cannot_sign_for_another_unit_than_its_records_name() {
        let mut edu = Tablet::new(EDU, 1);
        edu.status(0, 10, Status::Done);
        let mut value: Value = serde_json::from_str(&edu.export(Scope::All)).unwrap();
        value["devices"][0]["unit"] = json!(OFFICE);
        resign_with(&mut value, key);
        // Re-signing chose the records' unit again; sign for the office explicitly.
        let proof: DeviceProof = serde_json::from_value(value["devices"][0].clone()).unwrap();
        let forged = signed::sign_head(proof.device, OFFICE, proof.head, &key(device(1)));
        value["devices"][0] = serde_json::to_value(&forged).unwrap();
        assert_eq!(
            refused(&resealed(value)),
            ImportError::DeviceUnit {
                index: 0,
                device: device(1)
            }
        );
    }
}

mod relaying {
    use super::*;

    #[test]
    fn the_office_relays_each_devices_records_and_signature_unchanged_and_a_unit_verifies() {
        let (text, unit_files) = relay();
        let relayed = read(text.as_bytes(), NOW_MS).unwrap();
        assert_eq!(relayed.exported_by, unit(OFFICE));
        assert_eq!(relayed.scope, Scope::All);
        // Each unit device's proof exactly as its own file carried it, and its records.
        for unit_text in &unit_files {
            let own = read(unit_text.as_bytes(), NOW_MS).unwrap();
            for proof in &own.devices {
                assert!(relayed.devices.contains(proof), "{proof:?}");
            }
            for event in own.records.events() {
                assert_eq!(relayed.records.get(&event.id), Some(event));
            }
        }
        // The records as text too: each record of the relay is byte for byte what its
        // device's file carried (pretty printing aside).
        let relay_value: Value = serde_json::from_str(&text).unwrap();
        for unit_text in &unit_files {
            let value: Value = serde_json::from_str(unit_text).unwrap();
            for record in value["records"].as_array().unwrap() {
                assert!(relay_value["records"].as_array().unwrap().contains(record));
            }
        }
        assert_eq!(relayed.devices.len(), 4);

        // A unit tablet that trusts the office's device and the devices the office vouches
        // for verifies and applies the relay; a second 区教育局 tablet gets the first's records.
        let (_, mut edu_b, _, _) = district();
        let before = edu_b.ledger.len();
        let file = edu_b.import(&text);
        assert_eq!(edu_b.ledger.len(), relayed.records.len());
        assert!(edu_b.ledger.len() > before);
        let mut roster = Roster::new();
        for proof in &file.devices {
            roster
                .trust(proof.device, &proof.unit, proof.public_key, 0)
                .unwrap();
        }
        for proof in &file.devices {
            assert_eq!(
                roster.judge(proof.device, &proof.unit, &proof.public_key, &[1]),
                Verdict::Known
            );
        }
    }

    #[test]
    fn a_record_altered_in_the_relay_is_refused_naming_its_device() {
        let (text, _) = relay();
        let mut value: Value = serde_json::from_str(&text).unwrap();
        let at = position(&value, device(3), 1);
        records(&mut value)[at]["change"]["value"] = json!(4_000_000.5);
        assert_eq!(
            refused(&resealed(value)),
            ImportError::ChainBroken {
                device: device(3),
                index: Some(at),
                problem: ChainProblem::Altered { seq: 1 }
            }
        );
    }
}

mod clocks {
    use super::*;

    const YEAR_MS: i64 = 365 * 24 * 3600 * 1000;

    #[test]
    fn a_tablet_ten_years_ahead_is_refused_naming_the_date_and_device() {
        // The office's clock: NOW_MS. The tablet's: ten years later.
        let ahead_ms = NOW_MS + 10 * YEAR_MS;
        let mut tablet = Tablet::new(EDU, 7);
        let at = Stamp::new(ahead_ms, 480).unwrap();
        tablet.write(at, |r, id, at| {
            r.set_status(id, TaskId(10), at, Status::Done, "").unwrap()
        });
        let text = signed_export(
            &tablet.ledger,
            unit(EDU),
            device(7),
            Scope::Unit,
            Stamp::new(ahead_ms, 480).unwrap(),
        );
        let error = refused(text.as_bytes());
        let date = at.local_date();
        assert_eq!(
            error,
            ImportError::FromTheFuture {
                index: 0,
                device: device(7),
                date
            }
        );
        let message = refusal(Lang::Zh, "区教育局-进展-2039-12-29.json", &error);
        assert!(message.contains(&format_date(Lang::Zh, date)), "{message}");
        assert!(message.contains("0707070707070707"), "{message}");
        assert!(message.contains("2039年"), "{message}");
        // 23 hours ahead is a clock a little wrong, not refused.
        let mut close = Tablet::new(EDU, 8);
        close.write(
            Stamp::new(NOW_MS + 23 * 3600 * 1000, 480).unwrap(),
            |r, id, at| r.set_status(id, TaskId(10), at, Status::Done, "").unwrap(),
        );
        assert!(read(close.export(Scope::Unit).as_bytes(), NOW_MS).is_ok());
    }

    #[test]
    fn an_edit_made_after_seeing_a_record_wins_over_it_whatever_the_clocks_say() {
        for (ahead, behind) in [
            (5 * YEAR_MS, 0),
            (0, -5 * YEAR_MS),
            (YEAR_MS, -YEAR_MS),
            (-3 * YEAR_MS, 0),
        ] {
            // Tablet A's clock runs `ahead`; B's `behind`. B imports A's record, then edits.
            let mut a = Tablet::new(EDU, 1);
            let mut b = Tablet::new(EDU, 2);
            let first = Stamp::new(stamp(0).utc_ms + ahead, 480).unwrap();
            let note = a.write(first, |r, id, at| {
                r.add_note(id, TaskId(10), at, "初稿").unwrap()
            });
            a.write(first, |r, id, at| {
                r.set_status(id, TaskId(10), at, Status::Done, "").unwrap()
            });
            b.ledger = apply(
                &b.ledger,
                &[&read(a.export(Scope::Unit).as_bytes(), i64::MAX / 2).unwrap()],
            );
            let later = Stamp::new(stamp(60).utc_ms + behind, 480).unwrap();
            b.write(later, |r, id, at| {
                r.edit_note(id, &note_ref(&note), at, "修改稿").unwrap()
            });
            b.write(later, |r, id, at| {
                r.set_status(id, TaskId(10), at, Status::InProgress, "")
                    .unwrap()
            });
            // Whichever order a third device receives them in.
            let from_a = read(a.export(Scope::Unit).as_bytes(), i64::MAX / 2).unwrap();
            let from_b = read(b.export(Scope::Unit).as_bytes(), i64::MAX / 2).unwrap();
            for order in [[&from_a, &from_b], [&from_b, &from_a]] {
                let office = apply(&Ledger::new(), &order);
                let overview = Overview::build(&office);
                assert_eq!(
                    overview.status(TaskId(10), unit(EDU)),
                    Some(Status::InProgress),
                    "ahead {ahead}, behind {behind}"
                );
                let threads = note_threads(&office, TaskId(10));
                assert_eq!(threads.len(), 1);
                assert_eq!(threads[0].text(), Some("修改稿"));
            }
        }
    }

    #[test]
    fn records_written_before_format_3_order_by_their_wall_time() {
        let old = |n: u64, minutes: i64, status: Status, device_n: u8| Event {
            id: id(n),
            task: TaskId(10),
            unit: unit(EDU),
            device: device(device_n),
            at: stamp(minutes),
            author: None,
            work_date: None,
            attachments: Vec::new(),
            change: Change::Status {
                status,
                reason: None,
            },
            hlc: None,
            seq: None,
            prev: None,
        };
        let ledger: Ledger = [
            old(1, 10, Status::Done, 1),
            old(2, 5, Status::InProgress, 2),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            Overview::build(&ledger).status(TaskId(10), unit(EDU)),
            Some(Status::Done)
        );
        // A stamped record orders against them by its stamp's wall milliseconds.
        let mut stamped = old(3, 0, Status::Blocked, 3);
        stamped.change = Change::Status {
            status: Status::NotStarted,
            reason: None,
        };
        stamped.hlc = Some(Hlc {
            ms: stamp(11).utc_ms,
            n: 0,
        });
        let mut with = ledger.clone();
        with.add(stamped);
        assert_eq!(
            Overview::build(&with).status(TaskId(10), unit(EDU)),
            Some(Status::NotStarted)
        );
        // And through a file: sealed into their devices' logs, read back in the same order.
        let text = signed_export(&ledger, unit(EDU), device(1), Scope::Unit, stamp(EXPORTED));
        let file = read(text.as_bytes(), NOW_MS).unwrap();
        assert!(file.records.events().all(|e| e.hlc.is_none()));
        assert_eq!(
            Overview::build(&file.records).status(TaskId(10), unit(EDU)),
            Some(Status::Done)
        );
    }
}

mod merge_laws {
    use super::*;

    const YEAR_MS: i64 = 365 * 24 * 3600 * 1000;

    /// Records from four devices whose clocks are skewed years ahead or behind, some with the
    /// same stamp (counter) and some without one (written before format 3), from small id pools
    /// so that ledgers overlap and collide.
    fn event() -> impl Strategy<Value = Event> {
        (
            0u64..24,
            0u8..4,
            prop::sample::select(vec![
                -10 * YEAR_MS,
                -YEAR_MS,
                -3_600_000,
                0,
                3_600_000,
                YEAR_MS,
                10 * YEAR_MS,
            ]),
            0i64..30,
            0u32..3,
            0u8..4,
            0u8..5,
        )
            .prop_map(|(n, dev, skew, minute, counter, kind, value)| {
                let at = stamp(minute);
                let hlc = (kind != 3).then_some(Hlc {
                    ms: at.utc_ms + skew,
                    n: counter,
                });
                let change = match kind {
                    0 | 3 => Change::Status {
                        status: Status::ALL[usize::from(value % 3)],
                        reason: None,
                    },
                    1 => Change::Note {
                        note: id(n % 6),
                        text: format!("进展 {value}"),
                    },
                    _ => Change::NoteDeleted { note: id(n % 6) },
                };
                Event {
                    id: id(n),
                    task: TaskId(10 + u16::from(dev % 2)),
                    unit: unit(EDU),
                    device: device(dev),
                    at,
                    author: None,
                    work_date: None,
                    attachments: Vec::new(),
                    change,
                    hlc,
                    seq: None,
                    prev: None,
                }
            })
    }

    fn ledger() -> impl Strategy<Value = Ledger> {
        prop::collection::vec(event(), 0..14).prop_map(|events| events.into_iter().collect())
    }

    fn seen(ledger: &Ledger) -> (Ledger, Overview) {
        (ledger.clone(), Overview::build(ledger))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn merge_is_commutative_with_skewed_clocks(a in ledger(), b in ledger()) {
            prop_assert_eq!(seen(&Ledger::merged(&a, &b)), seen(&Ledger::merged(&b, &a)));
        }

        #[test]
        fn merge_is_associative_with_skewed_clocks(a in ledger(), b in ledger(), c in ledger()) {
            let left = Ledger::merged(&Ledger::merged(&a, &b), &c);
            let right = Ledger::merged(&a, &Ledger::merged(&b, &c));
            prop_assert_eq!(seen(&left), seen(&right));
        }

        #[test]
        fn merge_is_idempotent_with_skewed_clocks(a in ledger(), b in ledger()) {
            prop_assert_eq!(seen(&Ledger::merged(&a, &a)), seen(&a));
            let ab = Ledger::merged(&a, &b);
            prop_assert_eq!(seen(&Ledger::merged(&ab, &b)), seen(&ab));
        }

        /// Whatever the clocks of the two devices, a record stamped by a device after it held
        /// another wins over it, in any merge order.
        #[test]
        fn a_stamp_taken_after_seeing_a_record_outranks_it(
            held in ledger(),
            skew in prop::sample::select(vec![-10 * YEAR_MS, -YEAR_MS, 0, YEAR_MS, 10 * YEAR_MS]),
            minute in 0i64..30,
        ) {
            let writer = Recorder {
                unit: unit(EDU),
                device: device(0),
                author: None,
                hlc: Some(Hlc::next(held.newest(), stamp(minute).utc_ms + skew)),
            };
            let edit = writer.set_status(id(99), TaskId(10), stamp(minute), Status::Blocked, "等待配合").unwrap();
            for event in held.events() {
                prop_assert!(edit.lww_cmp(event).is_gt());
            }
            let one: Ledger = [edit].into_iter().collect();
            for merged in [Ledger::merged(&held, &one), Ledger::merged(&one, &held)] {
                prop_assert_eq!(Overview::build(&merged).status(TaskId(10), unit(EDU)), Some(Status::Blocked));
            }
        }
    }
}
