//! Plan files: the office's new table goes out as a file and comes back as the same plan; every
//! way a plan file is refused says why in the user's language; and progress files belong to
//! exactly one plan.

mod plans2026;
mod signed;

use duty_ledger::describe::plan_file_problems;
use duty_ledger::exchange::plan_file::{
    self, PlanFileError, PlanSignature, plan_message, table_hash,
};
use duty_ledger::exchange::{ImportError, Scope, read};
use duty_ledger::foundation::time::Stamp;
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{DeviceId, EventId, Ledger, Status};
use duty_ledger::plan::spec::PlanSpec;
use duty_ledger::plan::{TaskId, UnitId, builtin, install, plan};
use duty_ledger::trust::SigningKey;
use duty_ledger::vault::plans::{Admit, Held, admit};
use plans2026::spec_2026;
use serde_json::{Value, json};

fn edit(text: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(text).unwrap();
    change(&mut value);
    serde_json::to_vec_pretty(&value).unwrap()
}

#[test]
fn a_plan_file_reads_back_as_the_same_plan() {
    let spec = spec_2026();
    let text = plan_file::write(&spec);
    let (back, plan) = plan_file::read(text.as_bytes()).unwrap();
    assert_eq!(back, spec);
    assert_eq!(plan.table_sha256, table_hash(&spec));
    assert_eq!(plan.tasks.len(), 60);
    // Written again, byte for byte the same: the hash does not depend on who wrote it.
    assert_eq!(plan_file::write(&back), text);
    assert!(plan_file::file_name(&spec).ends_with("-计划-futian-2026-food-safety.json"));
}

#[test]
fn the_hash_names_the_exact_table() {
    let spec = spec_2026();
    let mut other = spec.clone();
    other.areas[0].tasks[0].measure.push('。');
    assert_ne!(table_hash(&spec), table_hash(&other));
    // The built-in plan keeps its id and the hash of its seed text, so stored data and files
    // stay valid.
    assert_eq!(builtin().id, "futian-2023-food-safety");
    assert_eq!(
        builtin().table_sha256,
        "ca2404e49f5dc1a693cfc8204b0df5a2207a4aba1569d9eaf3eb4d42c0c8dedb"
    );
}

fn refused(bytes: &[u8]) -> PlanFileError {
    plan_file::read(bytes).unwrap_err()
}

#[test]
fn every_refusal_says_why_in_chinese() {
    let text = plan_file::write(&spec_2026());
    let cases: Vec<(Vec<u8>, PlanFileError)> = vec![
        (
            vec![b' '; plan_file::MAX_PLAN_BYTES + 1],
            PlanFileError::TooLarge {
                bytes: plan_file::MAX_PLAN_BYTES + 1,
            },
        ),
        (vec![0xff, 0xfe], PlanFileError::NotText),
        (
            b"{\"format\":".to_vec(),
            PlanFileError::NotJson {
                line: 1,
                column: 10,
            },
        ),
        (
            edit(&text, |v| v["format"] = json!("duty-ledger-exchange")),
            PlanFileError::NotOurFormat,
        ),
        (
            edit(&text, |v| v["format_version"] = json!(2)),
            PlanFileError::NewerVersion { found: 2 },
        ),
        (
            edit(&text, |v| v["plan"]["year"] = json!("2026")),
            PlanFileError::Malformed {
                field: "plan.year".into(),
            },
        ),
        (
            edit(&text, |v| v["signature"] = json!("x")),
            PlanFileError::Malformed {
                field: "signature".into(),
            },
        ),
        (
            edit(&text, |v| {
                v["plan"]["areas"][0]["tasks"][0]["measure"] = json!("改过的举措")
            }),
            PlanFileError::HashMismatch,
        ),
    ];
    for (bytes, expected) in cases {
        let error = refused(&bytes);
        assert_eq!(error, expected);
        let zh = plan_file_problems(Lang::Zh, &error).join("");
        let en = plan_file_problems(Lang::En, &error).join("");
        assert!(!zh.is_empty() && zh != en, "{zh}");
        // Field names are quoted from the file; nothing else is English.
        let quoted = match &error {
            PlanFileError::Malformed { field } => field.as_str(),
            _ => "",
        };
        assert!(
            !zh.replace(quoted, "")
                .replace("MB", "")
                .chars()
                .any(|c| c.is_ascii_alphabetic()),
            "no English in {zh}"
        );
    }
}

#[test]
fn a_table_with_problems_lists_every_one() {
    let mut spec = spec_2026();
    spec.areas[0].tasks[0].lead[0].unit = "区卫生健康局".into(); // renamed away in 2026
    spec.areas[1].tasks[0].measure = " ".into();
    let text = plan_file::write(&spec);
    let error = refused(text.as_bytes());
    let PlanFileError::Problems(problems) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(problems.len(), 2, "{problems:?}");
    let lines = plan_file_problems(Lang::Zh, &error);
    assert_eq!(lines.len(), 3);
    assert!(lines[1].contains("区卫生健康局"), "{lines:?}");
}

#[test]
fn a_plan_id_is_never_taken_over() {
    let held = [Held {
        id: "futian-2026-food-safety".into(),
        table_sha256: table_hash(&spec_2026()),
    }];
    let mut corrected = spec_2026();
    corrected.areas[0].tasks[0].measure.push('。');
    assert_eq!(
        admit(&held, &corrected.id, &table_hash(&corrected)),
        Admit::IdTaken
    );
    assert_eq!(
        admit(&held, &corrected.id, &table_hash(&spec_2026())),
        Admit::AlreadyHeld
    );
    assert_eq!(admit(&held, "futian-2023-food-safety", "x"), Admit::Builtin);
}

fn one_note_file(unit: &str, measure_task: u16) -> String {
    let recorder = Recorder {
        unit: UnitId::from_name(unit).unwrap(),
        device: DeviceId::from_random([7; 8]),
        author: None,
        hlc: None,
    };
    let at = Stamp::parse("2026-03-02T09:00:00.000+08:00").unwrap();
    let mut ledger = Ledger::new();
    ledger.add(
        recorder
            .set_status(
                EventId::from_random([1; 8]),
                TaskId(measure_task),
                at,
                Status::InProgress,
                "",
            )
            .unwrap(),
    );
    signed::signed_export(&ledger, recorder.unit, recorder.device, Scope::Unit, at)
}

#[test]
fn progress_files_belong_to_one_plan() {
    let spec: PlanSpec = spec_2026();
    let file_2023 = one_note_file("区卫生健康局", 10);
    let file_2026 = std::thread::spawn(move || {
        install(plan_file::plan_of(&spec).unwrap());
        // On the 2026 plan: task 60 exists and the renamed bureau records.
        let file = one_note_file("区卫生健康委员会", 60);
        assert!(read(file.as_bytes(), signed::NOW_MS).is_ok());
        // A 2023 file is refused, naming its plan.
        assert_eq!(
            read(file_2023.as_bytes(), signed::NOW_MS).unwrap_err(),
            ImportError::DifferentPlan {
                id: "futian-2023-food-safety".into(),
                same_id: false
            }
        );
        file
    })
    .join()
    .unwrap();
    assert_eq!(plan().id, "futian-2023-food-safety");
    assert_eq!(
        read(file_2026.as_bytes(), signed::NOW_MS).unwrap_err(),
        ImportError::DifferentPlan {
            id: "futian-2026-food-safety".into(),
            same_id: false
        }
    );
}

/// The office device that signs the test plans (a fixed key: the fixture stays the same).
fn office_signature(spec: &PlanSpec) -> PlanSignature {
    let key = SigningKey::from_secret([7; 32]);
    let device = DeviceId::from_random([0x0f; 8]);
    let message = plan_message(&spec.id, &table_hash(spec), device, "区食药安办");
    PlanSignature {
        device,
        unit: "区食药安办".into(),
        public_key: key.public(),
        signature: key.sign(&message),
    }
}

#[test]
fn an_office_signature_is_checked() {
    let spec = spec_2026();
    let signed = office_signature(&spec);
    let text = plan_file::write_signed(&spec, Some(&signed));
    let (_, _, by) = plan_file::read_signed(text.as_bytes()).unwrap();
    assert_eq!(by, Some(signed.clone()));
    // Unsigned reads at the format level (the plans screen refuses it: no issuer).
    let (_, _, none) = plan_file::read_signed(plan_file::write(&spec).as_bytes()).unwrap();
    assert_eq!(none, None);
    // A signature over another table, or by a unit that is not the office.
    let mut other = spec.clone();
    other.title.push('！');
    let moved = plan_file::write_signed(&other, Some(&signed));
    assert_eq!(refused(moved.as_bytes()), PlanFileError::BadSignature);
    let mut by_school = office_signature(&spec);
    by_school.unit = "区教育局".into();
    let school = plan_file::write_signed(&spec, Some(&by_school));
    assert_eq!(
        refused(school.as_bytes()),
        PlanFileError::SignerNotCoordinator {
            unit: "区教育局".into()
        }
    );
    for error in [PlanFileError::BadSignature, refused(school.as_bytes())] {
        let zh = plan_file_problems(Lang::Zh, &error).join("");
        assert!(zh.contains("签"), "{zh}");
    }
}

/// The 2026 plan file the browser tests import, signed by the test office device; regenerate
/// with `UPDATE_FIXTURES=1 cargo test --test plan_file`.
#[test]
fn the_2026_fixture_is_the_2026_spec() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/plans/futian-2026.plan.json"
    );
    let spec = spec_2026();
    let text = plan_file::write_signed(&spec, Some(&office_signature(&spec)));
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(path).unwrap(), text);
}
