//! Refusals count as people count (issue 18): every message that names a record of the file
//! names it as 第 N 条记录 / record N, N from 1, whichever check refused it (a field, a rule,
//! another unit's record, a record twice, an unsigned record); a place in a list inside a field's
//! path is counted the same way; and a size over a limit is never shown as the limit itself.
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use duty_ledger::exchange::message::{field_words, megabytes_above, refusal};
use duty_ledger::exchange::{ImportError, MAX_EXCHANGE_FILE_BYTES, MAX_FILE_BYTES, Scope, read};
use duty_ledger::foundation::time::Stamp;
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{DeviceId, EventId, Ledger};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::trust::Hlc;
use proptest::prelude::*;
use serde_json::{Value, json};
use signed::{NOW_MS, signed_export};

const RECORDS: usize = 8;

fn stamp(minutes: i64) -> Stamp {
    Stamp::new(1_685_581_200_000 + minutes * 60_000, 480).unwrap()
}

/// A unit's own export of `RECORDS` notes.
fn file() -> Value {
    let mut recorder = Recorder {
        unit: UnitId::from_name("区教育局").unwrap(),
        device: DeviceId::from_random([5; 8]),
        author: None,
        hlc: None,
    };
    let mut ledger = Ledger::new();
    for n in 0..RECORDS as u64 {
        recorder.hlc = Some(Hlc::next(ledger.newest(), stamp(n as i64).utc_ms));
        let id = EventId::from_random((500 + n).to_be_bytes());
        ledger.add(
            recorder
                .add_note(id, TaskId(10), stamp(n as i64), &format!("第 {n} 次会议"))
                .unwrap(),
        );
        ledger = signed::sealed(&ledger);
    }
    let text = signed_export(
        &ledger,
        recorder.unit,
        recorder.device,
        Scope::Unit,
        stamp(1_000),
    );
    serde_json::from_str(&text).unwrap()
}

fn refused(mut value: Value) -> ImportError {
    signed::reseal(&mut value);
    read(&serde_json::to_vec(&value).unwrap(), NOW_MS).expect_err("refused")
}

/// The ways one record of a file can be refused, each at place `i` of `records`.
fn broken(kind: usize, i: usize) -> Value {
    let mut value = file();
    let records = value["records"].as_array_mut().unwrap();
    match kind {
        0 => records[i]["task"] = json!("十"),
        1 => records[i]["change"]["text"] = json!("   "),
        2 => records[i]["unit"] = json!("区食药安办"),
        3 => {
            // The same id as the record before it, other content.
            let earlier = records[i - 1]["id"].clone();
            records[i]["id"] = earlier;
        }
        4 => records[i]["device"] = json!("0f0f0f0f0f0f0f0f"),
        5 => records[i]["change"]["oops"] = json!(1),
        _ => records[i]["at"] = json!("昨天"),
    }
    value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn every_refusal_naming_a_record_counts_from_one(kind in 0usize..7, i in 1usize..RECORDS) {
        let error = refused(broken(kind, i));
        let zh = refusal(Lang::Zh, "区教育局.json", &error);
        let en = refusal(Lang::En, "区教育局.json", &error);
        prop_assert!(zh.contains(&format!("第 {} 条记录", i + 1)), "{:?}: {}", error, zh);
        prop_assert!(en.to_lowercase().contains(&format!("record {}", i + 1)), "{:?}: {}", error, en);
        prop_assert!(!zh.contains(&format!("[{i}]")), "no place counted from 0: {}", zh);
    }
}

#[test]
fn field_paths_count_places_from_one() {
    assert_eq!(
        field_words(Lang::Zh, "records[0].task"),
        "task（位于第 1 条记录）"
    );
    assert_eq!(
        field_words(Lang::En, "records[0].task"),
        "task (in record 1)"
    );
    assert_eq!(
        field_words(Lang::Zh, "records[2].attachments[0].size"),
        "size（位于第 3 条记录的第 1 个附件）"
    );
    assert_eq!(
        field_words(Lang::En, "records[2].attachments[0].size"),
        "size (in record 3, attached file 1)"
    );
    assert_eq!(
        field_words(Lang::Zh, "records[4]"),
        "records（位于第 5 条记录）"
    );
    assert_eq!(
        field_words(Lang::Zh, "devices[1].head.seq"),
        "head.seq（位于第 2 个设备签名）"
    );
    assert_eq!(
        field_words(Lang::Zh, "files[0].base64"),
        "base64（位于第 1 个附件）"
    );
    assert_eq!(
        field_words(Lang::Zh, "exported_by.unit"),
        "exported_by.unit"
    );
    assert_eq!(field_words(Lang::Zh, "records"), "records");
    let error = refused(broken(0, 0));
    assert_eq!(
        refusal(Lang::Zh, "", &error),
        "字段 task（位于第 1 条记录） 应为整数。"
    );
}

#[test]
fn a_size_over_a_limit_is_never_shown_as_the_limit() {
    const MB: usize = 1024 * 1024;
    assert_eq!(megabytes_above(10 * MB + 1), "10.1");
    assert_eq!(megabytes_above(10 * MB + MB / 2), "10.5");
    assert_eq!(megabytes_above(64 * MB + 1), "64.1");
    assert_eq!(megabytes_above(123 * MB), "123.0");
    for (error, shown, limit) in [
        (
            ImportError::TooLarge {
                bytes: MAX_EXCHANGE_FILE_BYTES + 1,
            },
            "64.1",
            "64",
        ),
        (
            ImportError::RecordsTooLarge {
                bytes: MAX_FILE_BYTES + 1,
            },
            "10.1",
            "10",
        ),
    ] {
        let zh = refusal(Lang::Zh, "", &error);
        assert!(
            zh.contains(&format!("{shown} MB")) && zh.contains(&format!("超过上限 {limit} MB")),
            "{zh}"
        );
        assert!(!zh.contains(&format!("（{limit} MB）")), "{zh}");
        let en = refusal(Lang::En, "", &error);
        assert!(
            en.contains(&format!("{shown} MB"))
                && en.contains(&format!("over the limit of {limit} MB")),
            "{en}"
        );
    }
    // The records' part is measured without the attached files: a file of 10 MB of records and
    // its files refused for its records names their size, not the whole file's.
    let mut value = file();
    value["records"][0]["author"] = json!("a".repeat(100));
    let text = serde_json::to_string(&value).unwrap();
    let padded = format!(
        "{{\"files\": [], {}{}",
        " ".repeat(MAX_FILE_BYTES + 1 - text.len()),
        &text[1..]
    );
    let error = read(padded.as_bytes(), NOW_MS).unwrap_err();
    let ImportError::RecordsTooLarge { bytes } = error else {
        panic!("{error:?}");
    };
    assert_eq!(bytes, padded.len() - "[]".len());
}
