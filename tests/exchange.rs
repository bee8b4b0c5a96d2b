//! Exchange files: the round trip, every reason a file is refused, the checksum, attribution,
//! the published schema, and the merge laws on whole files.
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

use std::collections::BTreeSet;

use duty_ledger::exchange::file::{checksum_of, file_name, plan_ref};
use duty_ledger::exchange::message::refusal;
use duty_ledger::exchange::preview::{apply, preview};
use duty_ledger::exchange::{
    ExchangeFile, Expected, FieldProblem, ImportError, MAX_FILE_BYTES, Scope, read,
};
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::event::EventProblem;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{DeviceId, EventId, Ledger, Status};
use duty_ledger::plan::targets::targets;
use duty_ledger::plan::{TaskId, UnitId};
use proptest::prelude::*;
use serde_json::{Value, json};

mod signed;
use signed::{NOW_MS, signed_export};

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn at(text: &str) -> Stamp {
    Stamp::parse(text).unwrap()
}

const EDU: &str = "区教育局";
const OFFICE: &str = "区食药安办";
const MARKET: &str = "市市场监管局福田监管局";

fn recorder(name: &str, device: u8) -> Recorder {
    Recorder {
        unit: unit(name),
        device: DeviceId::from_random([device; 8]),
        author: None,
        hlc: None,
    }
}

/// A small ledger with two units' records of every kind.
/// 区教育局's records carry causal stamps (format 3); 市市场监管局福田监管局's were written before
/// format 3 (no stamp) and sealed into its device's log when it upgraded.
fn sample() -> Ledger {
    let mut edu = recorder(EDU, 1);
    edu.hlc = Some(duty_ledger::trust::Hlc {
        ms: at("2023-06-01T09:00:00.000+08:00").utc_ms,
        n: 0,
    });
    let market = recorder(MARKET, 2);
    let id = |n: u64| EventId::from_random(n.to_be_bytes());
    let mut ledger = Ledger::new();
    let t = "2023-06-01T09:00:00.000+08:00";
    ledger.add(
        edu.set_status(id(1), TaskId(10), at(t), Status::InProgress, "")
            .unwrap(),
    );
    ledger.add(
        edu.add_note(id(2), TaskId(10), at(t), "召开会议，部署“护苗促食安”行动")
            .unwrap(),
    );
    ledger.add(
        edu.set_status(id(3), TaskId(12), at(t), Status::Blocked, "等待配合")
            .unwrap(),
    );
    ledger.add(
        market
            .record_figure(
                id(4),
                TaskId(37),
                at(t),
                "rapid-test-batches",
                Date::new(2023, 5, 31).unwrap(),
                40_000.0,
            )
            .unwrap(),
    );
    ledger.add(
        market
            .add_note(id(5), TaskId(37), at(t), "快检车进市场")
            .unwrap(),
    );
    ledger
}

fn export_of(ledger: &Ledger, name: &str, scope: Scope) -> String {
    signed_export(
        ledger,
        unit(name),
        DeviceId::from_random([9; 8]),
        scope,
        at("2023-11-08T10:00:00.000+08:00"),
    )
}

/// Parses, changes and re-seals a file, as a careful forger (or a buggy tool) would.
fn tampered(text: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(text).unwrap();
    change(&mut value);
    let sum = checksum_of(&value);
    value["checksum"]["value"] = json!(sum);
    serde_json::to_vec(&value).unwrap()
}

fn edu_file() -> String {
    export_of(&sample(), EDU, Scope::Unit)
}

/// The education bureau's file with a note written on 1 June about work done on 20 May
/// (record 1 is the note; record 0 a status without a work date).
fn dated_file() -> String {
    let edu = recorder(EDU, 1);
    let id = |n: u64| EventId::from_random(n.to_be_bytes());
    let t = at("2023-06-01T09:00:00.000+08:00");
    let mut ledger = Ledger::new();
    ledger.add(
        edu.set_status_on(id(1), TaskId(10), t, None, Status::InProgress, "")
            .unwrap(),
    );
    ledger.add(
        edu.add_note_on(id(2), TaskId(10), t, Date::new(2023, 5, 20), "五月排查")
            .unwrap(),
    );
    export_of(&ledger, EDU, Scope::Unit)
}

mod round_trip {
    use super::*;

    #[test]
    fn a_unit_export_carries_exactly_its_records_and_reads_back() {
        let text = edu_file();
        let file = read(text.as_bytes(), NOW_MS).unwrap();
        assert_eq!(file.exported_by, unit(EDU));
        assert_eq!(file.scope, Scope::Unit);
        let expected: Ledger = signed::sealed(&sample())
            .events()
            .filter(|e| e.unit == unit(EDU))
            .cloned()
            .collect();
        assert_eq!(file.records, expected);
        assert_eq!(file.records.len(), 3);
    }

    #[test]
    fn an_all_export_carries_everything() {
        let file = read(export_of(&sample(), OFFICE, Scope::All).as_bytes(), NOW_MS).unwrap();
        assert_eq!(file.records, signed::sealed(&sample()));
        assert_eq!(file.exported_by, unit(OFFICE));
    }

    #[test]
    fn exporting_twice_differs_only_in_the_export_time() {
        let device = DeviceId::from_random([9; 8]);
        let a = signed_export(
            &sample(),
            unit(EDU),
            device,
            Scope::Unit,
            at("2023-11-08T10:00:00.000+08:00"),
        );
        let b = signed_export(
            &sample(),
            unit(EDU),
            device,
            Scope::Unit,
            at("2023-11-09T18:30:00.000+08:00"),
        );
        let differing: Vec<(&str, &str)> =
            a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
        assert_eq!(differing.len(), 1, "{differing:?}");
        assert!(differing[0].0.contains("\"exported_at\""));
        assert_eq!(a.lines().count(), b.lines().count());
    }

    #[test]
    fn the_file_names_unit_and_day() {
        let stamp = at("2023-11-08T23:30:00.000+08:00");
        assert_eq!(
            file_name(unit(EDU), Scope::Unit, stamp),
            "区教育局-进展-2023-11-08.json"
        );
        assert_eq!(
            file_name(unit(OFFICE), Scope::All, stamp),
            "区食药安办-全部进展-2023-11-08.json"
        );
    }

    #[test]
    fn the_work_date_travels() {
        let text = dated_file();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["format_version"], json!(5));
        assert_eq!(value["records"][1]["work_date"], json!("2023-05-20"));
        assert!(value["records"][0].get("work_date").is_none());
        let file = read(text.as_bytes(), NOW_MS).unwrap();
        let note = file.records.events().nth(1).unwrap();
        assert_eq!(note.work_date, Date::new(2023, 5, 20));
        assert_eq!(note.work_date(), Date::new(2023, 5, 20).unwrap());
        let status = file.records.events().next().unwrap();
        assert_eq!(status.work_date(), status.at.local_date());
    }

    #[test]
    fn a_byte_order_mark_and_reordered_keys_are_fine() {
        let value: Value = serde_json::from_str(&edu_file()).unwrap();
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(serde_json::to_vec(&value).unwrap()); // keys now sorted, no indentation
        assert!(read(&bytes, NOW_MS).is_ok());
    }
}

mod refused {
    use super::*;

    fn error(bytes: &[u8]) -> ImportError {
        read(bytes, NOW_MS).expect_err("the file should be refused")
    }

    #[test]
    fn over_64_mb_or_records_over_10_mb() {
        use duty_ledger::exchange::MAX_EXCHANGE_FILE_BYTES;
        let big = vec![b' '; MAX_EXCHANGE_FILE_BYTES + 1];
        assert_eq!(
            error(&big),
            ImportError::TooLarge {
                bytes: MAX_EXCHANGE_FILE_BYTES + 1
            }
        );
        // Records (everything but the attached files' bytes) over 10 MB.
        let text = edu_file();
        let padded = format!("{{{}{}", " ".repeat(MAX_FILE_BYTES), &text[1..]);
        assert_eq!(
            error(padded.as_bytes()),
            ImportError::RecordsTooLarge {
                bytes: padded.len()
            }
        );
    }

    #[test]
    fn not_text() {
        assert_eq!(error(&[0xff, 0xfe, 0x00, 0x7b]), ImportError::NotText);
    }

    #[test]
    fn not_json_with_its_position() {
        assert_eq!(
            error(b"{\n  \"format\": oops\n}"),
            ImportError::NotJson {
                line: 2,
                column: 13
            }
        );
    }

    #[test]
    fn nested_too_deep() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(error(deep.as_bytes()), ImportError::TooDeep);
    }

    #[test]
    fn not_our_format() {
        assert_eq!(error(br#"{"todos":[]}"#), ImportError::NotOurFormat);
        assert_eq!(error(br#"[1,2,3]"#), ImportError::NotOurFormat);
        let other = tampered(&edu_file(), |v| v["format"] = json!("something-else"));
        assert_eq!(error(&other), ImportError::NotOurFormat);
    }

    #[test]
    fn a_file_without_its_plan() {
        let no_plan = tampered(&edu_file(), |v| {
            v.as_object_mut().unwrap().remove("plan");
        });
        assert_eq!(
            error(&no_plan),
            ImportError::MissingField {
                field: "plan.id".into()
            }
        );
    }

    #[test]
    fn a_newer_format_version() {
        let newer = tampered(&edu_file(), |v| v["format_version"] = json!(6));
        assert_eq!(error(&newer), ImportError::NewerVersion { found: 6 });
    }

    /// Files of versions 1 and 2 (records not signed) are refused before anything else is
    /// read, asking in Chinese for the sender to update and export again.
    #[test]
    fn versions_1_and_2_are_refused_as_old() {
        for version in [1u64, 2] {
            // As the older app wrote them: no stamps, no chain, no devices.
            let old = tampered(&dated_file(), |v| {
                v["format_version"] = json!(version);
                v.as_object_mut().unwrap().remove("devices");
                for record in v["records"].as_array_mut().unwrap() {
                    let record = record.as_object_mut().unwrap();
                    for field in ["hlc", "seq", "prev"] {
                        record.remove(field);
                    }
                }
            });
            let refused = error(&old);
            assert_eq!(refused, ImportError::OldVersion { found: version });
            let message = refusal(Lang::Zh, "区教育局-进展-2023-11-08.json", &refused);
            assert_eq!(
                message,
                format!(
                    "文件由旧版应用导出（格式第 {version} 版，记录未签名）。请对方更新应用后重新导出。"
                )
            );
            assert!(!message.is_ascii());
        }
        // Version 0 was never ours.
        let zero = tampered(&edu_file(), |v| v["format_version"] = json!(0));
        assert_eq!(error(&zero), ImportError::NotOurFormat);
    }

    #[test]
    fn a_work_date_after_the_day_of_the_record_or_on_a_figure() {
        let future = tampered(&dated_file(), |v| {
            v["records"][1]["work_date"] = json!("2023-06-02")
        });
        assert_eq!(
            error(&future),
            ImportError::InvalidRecord {
                index: 1,
                problem: EventProblem::WorkDateInFuture
            }
        );
        let on_figure = tampered(&export_of(&sample(), MARKET, Scope::Unit), |v| {
            v["records"][0]["work_date"] = json!("2023-05-01")
        });
        assert_eq!(
            error(&on_figure),
            ImportError::InvalidRecord {
                index: 0,
                problem: EventProblem::WorkDateNotAllowed
            }
        );
    }

    #[test]
    fn another_plan_or_an_edited_table() {
        let other = tampered(&edu_file(), |v| {
            v["plan"]["id"] = json!("futian-2024-food-safety")
        });
        assert_eq!(
            error(&other),
            ImportError::DifferentPlan {
                id: "futian-2024-food-safety".into(),
                same_id: false
            }
        );
        let edited = tampered(&edu_file(), |v| {
            v["plan"]["table_sha256"] = json!("0".repeat(64))
        });
        assert!(matches!(
            error(&edited),
            ImportError::DifferentPlan { same_id: true, .. }
        ));
    }

    #[test]
    fn a_checksum_that_does_not_match_the_content() {
        let edited = edu_file().replace("召开会议", "召开大会");
        assert_eq!(error(edited.as_bytes()), ImportError::ChecksumMismatch);
        let dropped = edu_file().replacen("\"in_progress\"", "\"done\"", 1);
        assert_eq!(error(dropped.as_bytes()), ImportError::ChecksumMismatch);
    }

    #[test]
    fn a_missing_field_is_named() {
        let missing = tampered(&edu_file(), |v| {
            v["records"][1].as_object_mut().unwrap().remove("device");
        });
        assert_eq!(
            error(&missing),
            ImportError::MissingField {
                field: "records[1].device".into()
            }
        );
        let no_scope = tampered(&edu_file(), |v| {
            v.as_object_mut().unwrap().remove("scope");
        });
        assert_eq!(
            error(&no_scope),
            ImportError::MissingField {
                field: "scope".into()
            }
        );
        let no_checksum = {
            let mut v: Value = serde_json::from_str(&edu_file()).unwrap();
            v.as_object_mut().unwrap().remove("checksum");
            serde_json::to_vec(&v).unwrap()
        };
        assert_eq!(
            error(&no_checksum),
            ImportError::MissingField {
                field: "checksum".into()
            }
        );
    }

    #[test]
    fn a_malformed_field_is_named() {
        let bad_status = tampered(&edu_file(), |v| {
            v["records"][0]["change"]["status"] = json!("stuck")
        });
        assert_eq!(
            error(&bad_status),
            ImportError::MalformedField {
                field: "records[0].change.status".into(),
                problem: FieldProblem::UnknownName {
                    name: "stuck".into(),
                    expected: Expected::Status
                }
            }
        );
        let bad_time = tampered(&edu_file(), |v| v["records"][2]["at"] = json!("yesterday"));
        assert!(
            matches!(error(&bad_time), ImportError::MalformedField { field, .. } if field == "records[2].at")
        );
        let extra = tampered(&edu_file(), |v| {
            v["records"][0]["script"] = json!("alert(1)")
        });
        let extra_error = error(&extra);
        assert!(
            matches!(&extra_error, ImportError::MalformedField { field, problem: FieldProblem::Unknown } if field == "records[0].script"),
            "{extra_error:?}"
        );
    }

    #[test]
    fn an_overlong_string() {
        let long = tampered(&edu_file(), |v| {
            v["records"][1]["change"]["text"] = json!("长".repeat(20_001))
        });
        assert_eq!(
            error(&long),
            ImportError::TextTooLong {
                field: "records[1].change.text".into()
            }
        );
    }

    #[test]
    fn an_unknown_unit_or_task() {
        let unit = tampered(&edu_file(), |v| v["records"][0]["unit"] = json!("区某某局"));
        assert_eq!(
            error(&unit),
            ImportError::UnknownUnit {
                field: "records[0].unit".into(),
                name: "区某某局".into()
            }
        );
        let exporter = tampered(&edu_file(), |v| {
            v["exported_by"]["unit"] = json!("区某某局")
        });
        assert!(
            matches!(error(&exporter), ImportError::UnknownUnit { field, .. } if field == "exported_by.unit")
        );
        let task = tampered(&edu_file(), |v| v["records"][0]["task"] = json!(59));
        assert_eq!(
            error(&task),
            ImportError::UnknownTask {
                field: "records[0].task".into(),
                task: 59
            }
        );
    }

    #[test]
    fn a_record_breaking_its_own_rules() {
        let no_reason = tampered(&edu_file(), |v| {
            let change = v["records"][2]["change"].as_object_mut().unwrap();
            change.remove("reason");
        });
        assert_eq!(
            error(&no_reason),
            ImportError::InvalidRecord {
                index: 2,
                problem: EventProblem::BlockedWithoutReason
            }
        );
        let group = tampered(&edu_file(), |v| {
            v["records"][0]["unit"] = json!("各街道办事处")
        });
        assert!(matches!(
            error(&group),
            ImportError::InvalidRecord { index: 0, .. }
        ));
    }

    #[test]
    fn a_unit_export_with_another_units_record() {
        let foreign = tampered(&edu_file(), |v| v["records"][0]["unit"] = json!(MARKET));
        assert_eq!(
            error(&foreign),
            ImportError::ForeignRecord {
                index: 0,
                unit: MARKET.into(),
                exporter: EDU.into()
            }
        );
    }

    #[test]
    fn the_same_id_twice_with_different_content() {
        let twice = tampered(&edu_file(), |v| {
            let mut copy = v["records"][0].clone();
            copy["change"]["status"] = json!("done");
            v["records"].as_array_mut().unwrap().push(copy);
        });
        assert_eq!(error(&twice), ImportError::DuplicateRecord { index: 3 });
    }
}

mod attribution {
    use super::*;

    #[test]
    fn the_office_relays_other_units_records_unchanged() {
        let relay = read(export_of(&sample(), OFFICE, Scope::All).as_bytes(), NOW_MS).unwrap();
        let units: BTreeSet<UnitId> = relay.records.events().map(|e| e.unit).collect();
        assert_eq!(units, BTreeSet::from([unit(EDU), unit(MARKET)]));
        let p = preview(&Ledger::new(), &relay).unwrap();
        assert_eq!(p.new_records(), 5);
    }

    #[test]
    fn no_file_changes_a_stored_record() {
        let stored = signed::sealed(&sample());
        let alter = |v: &mut Value| {
            let records = v["records"].as_array_mut().unwrap();
            let status = records
                .iter_mut()
                .find(|r| r["change"]["kind"] == "status")
                .unwrap();
            status["change"]["status"] = json!("done");
        };
        // A relay whose copy of 区教育局's status was altered and re-sealed: the chain of the
        // device that wrote it no longer leads to its signed head.
        let forged = tampered(&export_of(&stored, OFFICE, Scope::All), alter);
        assert!(matches!(
            read(&forged, NOW_MS),
            Err(ImportError::ChainBroken { .. })
        ));
        // Even re-signed with the device's own key (a device rewriting its history), the
        // record already stored here is not replaced.
        let resigned = signed::tampered_signed(&export_of(&stored, OFFICE, Scope::All), alter);
        let file = read(&resigned, NOW_MS).unwrap();
        assert!(matches!(
            preview(&stored, &file),
            Err(ImportError::ConflictsWithStored { .. })
        ));
    }

    #[test]
    fn preview_counts_what_is_new_and_what_is_already_there() {
        let text = edu_file();
        let file = read(text.as_bytes(), NOW_MS).unwrap();
        let empty = preview(&Ledger::new(), &file).unwrap();
        assert_eq!(
            (empty.status_changes, empty.new_notes, empty.already_present),
            (2, 1, 0)
        );
        let after = apply(&Ledger::new(), &[&file]);
        let again = preview(&after, &file).unwrap();
        assert_eq!(
            (again.new_records(), again.already_present),
            (0, 3),
            "re-importing changes nothing"
        );
        assert_eq!(apply(&after, &[&file]), after);
    }
}

#[test]
fn the_published_schema_matches_the_app() {
    let schema: Value =
        serde_json::from_str(include_str!("../public/duty-ledger.schema.json")).unwrap();
    let units: BTreeSet<&str> = schema["$defs"]["unit"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    let registry: BTreeSet<&str> = UnitId::all_units().map(UnitId::name).collect();
    assert_eq!(units, registry);
    let target_ids: BTreeSet<&str> = schema["$defs"]["figure"]["properties"]["target"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let known: BTreeSet<&str> = targets().targets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(target_ids, known);
    assert_eq!(
        schema["properties"]["plan"]["properties"]["table_sha256"]["const"],
        json!(plan_ref().table_sha256)
    );
    assert_eq!(
        schema["properties"]["plan"]["properties"]["id"]["const"],
        json!(plan_ref().id)
    );
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.token()).collect();
    assert_eq!(
        schema["$defs"]["status"]["properties"]["status"]["enum"],
        json!(statuses)
    );
    assert_eq!(
        schema["$defs"]["record"]["properties"]["task"]["maximum"],
        json!(58)
    );
    assert_eq!(
        schema["properties"]["format_version"]["enum"],
        json!(
            (duty_ledger::exchange::OLDEST_FORMAT_VERSION..=duty_ledger::exchange::FORMAT_VERSION)
                .collect::<Vec<_>>()
        )
    );
    // Format 4: attached files, named by records and carried beside them.
    let types: Vec<&str> = duty_ledger::ledger::FileType::ALL
        .iter()
        .map(|t| t.mime())
        .collect();
    assert_eq!(
        schema["$defs"]["attachment"]["properties"]["type"]["enum"],
        json!(types)
    );
    assert_eq!(
        schema["$defs"]["attachment"]["properties"]["size"]["maximum"],
        json!(duty_ledger::ledger::attachment::MAX_ATTACHMENT_BYTES)
    );
    assert_eq!(
        schema["$defs"]["record"]["properties"]["attachments"]["maxItems"],
        json!(duty_ledger::ledger::attachment::MAX_ATTACHMENTS)
    );
    assert_eq!(
        schema["properties"]["files"]["items"]["properties"]["base64"]["maxLength"],
        json!(duty_ledger::exchange::MAX_BASE64_CHARS)
    );
    // Format 3: devices with their proofs; records with their stamp and place in their chain.
    assert!(
        schema["required"]
            .as_array()
            .unwrap()
            .contains(&json!("devices"))
    );
    let proof = &schema["$defs"]["device_proof"];
    let fields: BTreeSet<&str> = proof["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        fields,
        BTreeSet::from([
            "device",
            "unit",
            "public_key",
            "head",
            "signature",
            "contact"
        ])
    );
    // Format 4 (added before it shipped): the office's 协调意见 and a device's contact.
    assert_eq!(
        proof["properties"]["contact"]["properties"]["name"]["maxLength"],
        json!(duty_ledger::trust::confirm::MAX_CONTACT_NAME_CHARS)
    );
    let coordination = &schema["$defs"]["coordination"];
    assert_eq!(
        coordination["properties"]["reply"]["maxLength"],
        json!(duty_ledger::ledger::event::MAX_REPLY_CHARS)
    );
    assert!(
        schema["$defs"]["record"]["properties"]["change"]["oneOf"]
            .as_array()
            .unwrap()
            .contains(&json!({ "$ref": "#/$defs/coordination" }))
    );
    let record = &schema["$defs"]["record"]["properties"];
    assert_eq!(record["hlc"]["$ref"], json!("#/$defs/hlc"));
    assert_eq!(record["prev"]["$ref"], json!("#/$defs/digest"));
    assert!(
        schema["$defs"]["record"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("seq"))
    );
    assert_eq!(
        schema["$defs"]["record"]["properties"]["work_date"]["$ref"],
        json!("#/$defs/date")
    );
}

/// Three units' ledgers, from small pools so that they overlap (relays) and collide.
fn unit_ledgers() -> impl Strategy<Value = Vec<(UnitId, Ledger)>> {
    let names = [EDU, MARKET, "园岭街道办事处"];
    prop::collection::vec(
        (
            0u8..3,
            0u64..40,
            0u8..4,
            0i64..10,
            prop::sample::select(vec![10u16, 11, 12, 37, 57]),
        ),
        0..24,
    )
    .prop_map(move |specs| {
        let mut ledgers: Vec<(UnitId, Ledger)> =
            names.iter().map(|n| (unit(n), Ledger::new())).collect();
        for (who, n, kind, minute, task) in specs {
            let (u, ledger) = &mut ledgers[who as usize];
            let r = Recorder {
                unit: *u,
                device: DeviceId::from_random([who; 8]),
                author: None,
                hlc: None,
            };
            let id = EventId::from_random(((who as u64) << 32 | n).to_be_bytes());
            let when = Stamp::new(1_685_000_000_000 + minute * 60_000, 480).unwrap();
            let event = match kind {
                0 => r.set_status(id, TaskId(task), when, Status::InProgress, ""),
                1 => r.add_note(id, TaskId(task), when, "进展"),
                2 => r.set_status(id, TaskId(task), when, Status::Done, ""),
                _ => r.record_figure(
                    id,
                    TaskId(37),
                    when,
                    "markets-covered",
                    Date::new(2023, 6, 1).unwrap(),
                    n as f64,
                ),
            };
            ledger.add(event.unwrap());
        }
        ledgers
    })
}

fn import_all(order: &[usize], files: &[ExchangeFile]) -> Ledger {
    let mut stored = Ledger::new();
    for &i in order {
        preview(&stored, &files[i]).expect("honest files never conflict");
        stored = apply(&stored, &[&files[i]]);
    }
    stored
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn files_in_any_order_and_repeated_give_one_result(ledgers in unit_ledgers(), rotation in 0usize..6) {
        let files: Vec<ExchangeFile> = ledgers
            .iter()
            .map(|(u, l)| read(signed_export(l, *u, DeviceId::from_random([7; 8]), Scope::Unit, at("2023-11-08T10:00:00+08:00")).as_bytes(), NOW_MS).unwrap())
            .collect();
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        let reference = import_all(&orders[0], &files);
        prop_assert_eq!(&import_all(&orders[rotation], &files), &reference);
        // Importing everything again, or a relay of everything, changes nothing.
        prop_assert_eq!(&import_all(&[0, 1, 2, 2, 1, 0], &files), &reference);
        let relay = read(signed_export(&reference, unit(OFFICE), DeviceId::from_random([8; 8]), Scope::All, at("2023-11-09T10:00:00+08:00")).as_bytes(), NOW_MS).unwrap();
        prop_assert_eq!(apply(&reference, &[&relay]), reference.clone());
        let union: Ledger = ledgers.iter().flat_map(|(_, l)| signed::sealed(l).events().cloned().collect::<Vec<_>>()).collect();
        prop_assert_eq!(reference, union);
    }
}
