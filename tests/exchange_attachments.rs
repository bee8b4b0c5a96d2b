//! Attached files through whole exchange files (issue 21 §4, §7): the records name each file
//! by hash, name, type and size inside the signed chain; a file exported "with attachments"
//! carries the bytes; the reader checks every carried file against the record that names it
//! and refuses a swapped or altered one naming the note; records without their files read
//! fine and a later file fills them in; format 3 files still read.
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use std::collections::BTreeMap;

use duty_ledger::evidence::kept::{Catalogue, StoredFile};
use duty_ledger::exchange::attached::{entry, frame, parts};
use duty_ledger::exchange::message::refusal;
use duty_ledger::exchange::preview::files_preview;
use duty_ledger::exchange::{
    FieldProblem, ImportError, MAX_EXCHANGE_FILE_BYTES, Scope, read, read_with,
};
use duty_ledger::foundation::base64;
use duty_ledger::foundation::digest::Digest;
use duty_ledger::foundation::time::Stamp;
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{Attachment, DeviceId, EventId, FileType, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use serde_json::{Value, json};
use signed::{NOW_MS, resign, signed_export};

const PHOTO: &[u8] = include_bytes!("fixtures/evidence/photo-gps-rotated.jpg");
const PDF: &[u8] = include_bytes!("fixtures/evidence/minutes.pdf");
const EDU: &str = "区教育局";

fn unit() -> UnitId {
    UnitId::from_name(EDU).unwrap()
}

fn at(minute: i64) -> Stamp {
    Stamp::new(1_699_000_000_000 + minute * 60_000, 480).unwrap()
}

fn described(name: &str, bytes: &[u8]) -> Attachment {
    duty_ledger::evidence::intake::describe(name, bytes).unwrap()
}

/// 区教育局's ledger: a note on task 10 with a photo and a PDF, a status, a second note with
/// the PDF again.
fn ledger() -> (Ledger, BTreeMap<Digest, Vec<u8>>) {
    let r = Recorder {
        unit: unit(),
        device: DeviceId::from_random([5; 8]),
        author: Some("王五".into()),
        hlc: None,
    };
    let id = |n: u64| EventId::from_random(n.to_be_bytes());
    let photo = described("现场照片.jpg", PHOTO);
    let pdf = described("会议纪要.pdf", PDF);
    let mut ledger = Ledger::new();
    ledger.add(
        r.add_note_with(
            id(1),
            TaskId(10),
            at(0),
            None,
            "检查学校食堂，整改通知已张贴",
            vec![photo.clone(), pdf.clone()],
        )
        .unwrap(),
    );
    ledger.add(
        r.set_status(id(2), TaskId(10), at(1), Status::InProgress, "")
            .unwrap(),
    );
    ledger.add(
        r.add_note_with(
            id(3),
            TaskId(12),
            at(2),
            None,
            "专题会议",
            vec![pdf.clone()],
        )
        .unwrap(),
    );
    let bytes = BTreeMap::from([(photo.sha256, PHOTO.to_vec()), (pdf.sha256, PDF.to_vec())]);
    (ledger, bytes)
}

/// The records-only file, and the same with every file carried (as the shell writes it).
fn files() -> (String, String) {
    let (ledger, bytes) = ledger();
    let text = signed_export(
        &ledger,
        unit(),
        DeviceId::from_random([5; 8]),
        Scope::Unit,
        at(10),
    );
    (text.clone(), with_files(&text, &bytes))
}

fn with_files(text: &str, bytes: &BTreeMap<Digest, Vec<u8>>) -> String {
    let (head, tail) = frame(text);
    let mut out = head;
    for (n, (hash, b)) in bytes.iter().enumerate() {
        out.push_str(&entry(hash, b, n == 0));
    }
    out.push_str(tail);
    out
}

fn error(bytes: &[u8]) -> ImportError {
    read(bytes, NOW_MS).expect_err("the file should be refused")
}

#[test]
fn a_file_with_attachments_carries_them_and_each_is_verified() {
    let (records_only, full) = files();
    let value: Value = serde_json::from_str(&full).unwrap();
    assert_eq!(value["format_version"], json!(5));
    let note = &value["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["change"]["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("检查"))
        })
        .unwrap();
    assert_eq!(note["attachments"][0]["type"], json!("image/jpeg"));
    assert_eq!(note["attachments"][0]["size"], json!(PHOTO.len()));
    assert_eq!(note["attachments"][1]["name"], json!("会议纪要.pdf"));
    // The checksum is the records-only file's: both read, the same records.
    assert_eq!(
        value["checksum"],
        serde_json::from_str::<Value>(&records_only).unwrap()["checksum"]
    );
    let mut handed = BTreeMap::new();
    let file = read_with(full.as_bytes(), NOW_MS, |hash, bytes| {
        handed.insert(*hash, bytes.to_vec());
    })
    .unwrap();
    assert_eq!(file.carried.len(), 2);
    assert_eq!(handed[&Digest::of(PHOTO)], PHOTO);
    assert_eq!(handed[&Digest::of(PDF)], PDF);
    let plain = read(records_only.as_bytes(), NOW_MS).unwrap();
    assert!(plain.carried.is_empty());
    assert_eq!(plain.records, file.records);
    // Each carried entry's Base64 is the file's bytes, as any reader decodes them.
    for entry in value["files"].as_array().unwrap() {
        let bytes = base64::decode(entry["base64"].as_str().unwrap()).unwrap();
        assert_eq!(
            Digest::of(&bytes).to_hex(),
            entry["sha256"].as_str().unwrap()
        );
    }
}

#[test]
fn records_without_their_files_read_and_a_later_file_fills_them_in() {
    let (records_only, full) = files();
    let first = read(records_only.as_bytes(), NOW_MS).unwrap();
    let mut catalogue = Catalogue::new();
    let preview = files_preview(&first, &catalogue);
    assert_eq!(
        (preview.carried, preview.new.len(), preview.missing),
        (0, 0, 2)
    );
    let later = read(full.as_bytes(), NOW_MS).unwrap();
    let preview = files_preview(&later, &catalogue);
    assert_eq!(
        (preview.carried, preview.new.len(), preview.missing),
        (2, 2, 0)
    );
    // Once kept, the same file again adds nothing.
    for file in duty_ledger::evidence::kept::named_by(later.records.events()) {
        catalogue.insert(file.sha256, StoredFile::new(file, at(20)));
    }
    let preview = files_preview(&later, &catalogue);
    assert_eq!((preview.new.len(), preview.missing), (0, 0));
}

fn altered(full: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(full).unwrap();
    change(&mut value);
    serde_json::to_vec(&value).unwrap()
}

#[test]
fn an_altered_or_swapped_file_is_refused_naming_its_note() {
    let (_, full) = files();
    let photo = Digest::of(PHOTO).to_hex();
    let index = |v: &Value, hash: &str| {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .position(|e| e["sha256"] == json!(hash))
            .unwrap()
    };
    // One byte of the photo changed (its Base64 re-encoded, so it still decodes).
    let bytes = altered(&full, |v| {
        let i = index(v, &photo);
        let mut b = PHOTO.to_vec();
        b[5000] ^= 1;
        v["files"][i]["base64"] = json!(base64::encode(&b));
    });
    let ImportError::AttachmentAltered { file } = error(&bytes) else {
        panic!("{:?}", error(&bytes))
    };
    assert_eq!(
        (file.name.as_str(), file.task, file.unit),
        ("现场照片.jpg", TaskId(10), unit())
    );
    assert!(file.note.starts_with("检查学校食堂"));
    let zh = refusal(
        Lang::Zh,
        "edu.json",
        &ImportError::AttachmentAltered { file: file.clone() },
    );
    assert!(
        zh.contains("现场照片.jpg") && zh.contains("检查学校食堂") && zh.contains("区教育局"),
        "{zh}"
    );
    let en = refusal(
        Lang::En,
        "edu.json",
        &ImportError::AttachmentAltered { file },
    );
    assert!(en.contains("swapped or altered"), "{en}");
    // The PDF's bytes under the photo's hash: swapped.
    let bytes = altered(&full, |v| {
        let i = index(v, &photo);
        v["files"][i]["base64"] = json!(base64::encode(PDF));
    });
    assert!(matches!(
        error(&bytes),
        ImportError::AttachmentAltered { .. }
    ));
    // Another picture under its own hash, which no record names.
    let bytes = altered(&full, |v| {
        let other = [PHOTO, b"x"].concat();
        v["files"][0] =
            json!({ "sha256": Digest::of(&other).to_hex(), "base64": base64::encode(&other) });
    });
    assert_eq!(error(&bytes), ImportError::AttachmentUnlisted { index: 0 });
    // The same file twice.
    let bytes = altered(&full, |v| {
        let first = v["files"][0].clone();
        v["files"].as_array_mut().unwrap().push(first);
    });
    assert_eq!(error(&bytes), ImportError::AttachmentTwice { index: 2 });
    // Not Base64, or cut short.
    let bytes = altered(&full, |v| v["files"][0]["base64"] = json!("@@@@"));
    assert!(matches!(
        error(&bytes),
        ImportError::AttachmentAltered { .. }
    ));
    let bytes = altered(&full, |v| {
        let b = v["files"][0]["base64"].as_str().unwrap().to_string();
        v["files"][0]["base64"] = json!(&b[..b.len() - 4]);
    });
    assert!(matches!(
        error(&bytes),
        ImportError::AttachmentAltered { .. }
    ));
    // A file field the format does not have.
    let bytes = altered(&full, |v| v["files"][0]["note"] = json!("x"));
    assert!(matches!(error(&bytes), ImportError::MalformedField { .. }));
}

#[test]
fn a_records_description_of_a_file_is_signed() {
    let (_, full) = files();
    for change in [
        |r: &mut Value| r["attachments"][0]["name"] = json!("别的照片.jpg"),
        |r: &mut Value| r["attachments"][0]["size"] = json!(12),
        |r: &mut Value| r["attachments"][0]["sha256"] = json!(Digest::of(b"other").to_hex()),
        |r: &mut Value| r["attachments"].as_array_mut().unwrap().truncate(1),
    ] {
        let bytes = altered(&full, |v| {
            let records = v["records"].as_array_mut().unwrap();
            let note = records
                .iter_mut()
                .find(|r| r.get("attachments").is_some())
                .unwrap();
            change(note);
            signed::reseal(v);
        });
        assert!(
            matches!(error(&bytes), ImportError::ChainBroken { .. }),
            "{:?}",
            error(&bytes)
        );
    }
}

#[test]
fn a_file_whose_record_lies_about_the_type_is_refused() {
    // A device that signs a record calling its PDF a photo: the bytes are what was signed,
    // but not what the record says they are.
    let r = Recorder {
        unit: unit(),
        device: DeviceId::from_random([6; 8]),
        author: None,
        hlc: None,
    };
    let lie = Attachment {
        sha256: Digest::of(PDF),
        name: "照片.jpg".into(),
        kind: FileType::Jpeg,
        size: PDF.len() as u64,
    };
    let mut ledger = Ledger::new();
    ledger.add(
        r.add_note_with(
            EventId::from_random([1; 8]),
            TaskId(10),
            at(0),
            None,
            "x",
            vec![lie],
        )
        .unwrap(),
    );
    let text = signed_export(&ledger, unit(), r.device, Scope::Unit, at(1));
    let full = with_files(&text, &BTreeMap::from([(Digest::of(PDF), PDF.to_vec())]));
    assert!(matches!(
        error(full.as_bytes()),
        ImportError::AttachmentWrongType { .. }
    ));
}

#[test]
fn format_3_files_still_read_and_have_no_attachments() {
    let (ledger, _) = ledger();
    // Without files on its records, re-labelled version 3: read.
    let plain: Ledger = ledger
        .events()
        .cloned()
        .map(|mut e| {
            e.attachments.clear();
            e
        })
        .collect();
    let text = signed_export(
        &plain,
        unit(),
        DeviceId::from_random([5; 8]),
        Scope::Unit,
        at(10),
    );
    let mut v3: Value = serde_json::from_str(&text).unwrap();
    v3["format_version"] = json!(3);
    signed::reseal(&mut v3);
    assert!(read(&serde_json::to_vec(&v3).unwrap(), NOW_MS).is_ok());
    // A version 3 file naming files, or carrying them, is refused.
    let (records_only, full) = files();
    let mut named: Value = serde_json::from_str(&records_only).unwrap();
    named["format_version"] = json!(3);
    resign(&mut named);
    assert!(matches!(
        error(&serde_json::to_vec(&named).unwrap()),
        ImportError::MalformedField {
            problem: FieldProblem::NotInVersion { version: 3 },
            ..
        }
    ));
    let mut carried: Value = serde_json::from_str(&full).unwrap();
    carried["format_version"] = json!(3);
    signed::reseal(&mut carried);
    assert!(matches!(
        error(&serde_json::to_vec(&carried).unwrap()),
        ImportError::MalformedField {
            problem: FieldProblem::NotInVersion { version: 3 },
            ..
        }
    ));
}

#[test]
fn many_files_split_into_parts_that_each_read() {
    let mb = 1024 * 1024;
    let sized = |n: u8, size: u64| Attachment {
        sha256: Digest::of(&[n]),
        name: format!("{n}.pdf"),
        kind: FileType::Pdf,
        size,
    };
    let files: Vec<Attachment> = (0..12).map(|n| sized(n, 15 * mb)).collect();
    let refs: Vec<&Attachment> = files.iter().collect();
    let split = parts(2 * mb, &refs);
    assert!(split.len() >= 4, "{}", split.len());
    let mut all: Vec<Digest> = split.iter().flatten().copied().collect();
    all.sort();
    let mut want: Vec<Digest> = files.iter().map(|f| f.sha256).collect();
    want.sort();
    assert_eq!(all, want, "every file in exactly one part");
    for part in &split {
        let text: u64 = part
            .iter()
            .map(|h| {
                duty_ledger::exchange::attached::entry_len(
                    files.iter().find(|f| f.sha256 == *h).unwrap().size,
                )
            })
            .sum();
        assert!(text + 2 * mb <= MAX_EXCHANGE_FILE_BYTES as u64);
    }
    assert_eq!(parts(1000, &[]), vec![Vec::<Digest>::new()]);
    // A real export in parts: each part reads with every record and its share of the files.
    let (ledger, bytes) = ledger();
    let text = signed_export(
        &ledger,
        unit(),
        DeviceId::from_random([5; 8]),
        Scope::Unit,
        at(10),
    );
    for hash in bytes.keys() {
        let one = BTreeMap::from([(*hash, bytes[hash].clone())]);
        let file = read(with_files(&text, &one).as_bytes(), NOW_MS).unwrap();
        assert_eq!(file.carried.iter().collect::<Vec<_>>(), vec![hash]);
        assert_eq!(file.records.len(), 3);
    }
}
