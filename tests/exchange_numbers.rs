//! Whole numbers spelled another way (issue 18): `FORMAT.md` reads every number as a double,
//! so `3`, `3.0`, `3E0` and `0.3e1` are one number, and `1.6855812E12` is `1685581200000`.
//! A genuine file whose integers another program wrote so (a spreadsheet, a JavaScript tool
//! writing doubles) reads as the same records: its checksum (over the canonical text, numbers
//! as doubles) and every signature (over digests of the records' canonical JSON) still hold.
//! A number with a fraction where a whole number belongs is refused, saying what belongs there.
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use duty_ledger::exchange::message::refusal;
use duty_ledger::exchange::{ExchangeFile, Expected, FieldProblem, ImportError, Scope, read};
use duty_ledger::foundation::digest::Digest;
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{Attachment, DeviceId, EventId, FileType, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::trust::Hlc;
use proptest::prelude::*;
use serde_json::Value;
use signed::{NOW_MS, signed_export};

fn stamp(minutes: i64) -> Stamp {
    Stamp::new(1_685_581_200_000 + minutes * 60_000, 480).unwrap()
}

/// A genuine file of one tablet: notes (one naming a file), a status, a figure.
fn genuine() -> String {
    let mut recorder = Recorder {
        unit: UnitId::from_name("区教育局").unwrap(),
        device: DeviceId::from_random([3; 8]),
        author: Some("王五".into()),
        hlc: None,
    };
    let mut ledger = Ledger::new();
    for n in 0..12u64 {
        // Two records in one millisecond: the counter `n` is 1 on the second.
        recorder.hlc = Some(Hlc::next(ledger.newest(), stamp(n as i64 / 2 * 2).utc_ms));
        let id = EventId::from_random((100 + n).to_be_bytes());
        let event = match n % 4 {
            0 => recorder.add_note(id, TaskId(10), stamp(n as i64), "召开部署会议"),
            1 => recorder.set_status(id, TaskId(11), stamp(n as i64), Status::InProgress, ""),
            2 => recorder.add_note_with(
                id,
                TaskId(12),
                stamp(n as i64),
                None,
                "现场照片",
                vec![Attachment {
                    sha256: Digest::of(b"photo"),
                    name: "现场.jpg".into(),
                    kind: FileType::Jpeg,
                    size: 204_800,
                }],
            ),
            _ => recorder.record_figure(
                id,
                TaskId(37),
                stamp(n as i64),
                "rapid-test-batches",
                Date::new(2023, 5, 31).unwrap(),
                40_000.5,
            ),
        }
        .unwrap();
        ledger.add(event);
        ledger = signed::sealed(&ledger);
    }
    signed_export(
        &ledger,
        recorder.unit,
        recorder.device,
        Scope::Unit,
        stamp(10_000),
    )
}

/// `n` as a program writing doubles in scientific notation might: `1.6855812E12`, `3E0`.
fn scientific(n: u64, lower: bool) -> String {
    let digits = n.to_string();
    let (first, rest) = digits.split_at(1);
    let rest = rest.trim_end_matches('0');
    let e = if lower { "e" } else { "E" };
    let exponent = digits.len() - 1;
    if rest.is_empty() {
        format!("{first}{e}{exponent}")
    } else {
        format!("{first}.{rest}{e}+{exponent}")
    }
}

/// Every whole number of the file's text respelled by `spell` (the figure's value, 40000.5, is
/// no whole number and stays).
fn respelled(text: &str, spell: impl Fn(u64) -> String) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut chars = text.char_indices().peekable();
    let mut in_string = false;
    while let Some((i, c)) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.push(chars.next().unwrap().1);
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c == '"' {
            in_string = true;
            out.push(c);
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() || d == '.' {
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let number = &text[i..end];
            match number.parse::<u64>() {
                Ok(n) => out.push_str(&spell(n)),
                Err(_) => out.push_str(number),
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn same(a: &ExchangeFile, b: &ExchangeFile) {
    assert_eq!(a.records, b.records);
    assert_eq!(a.devices, b.devices);
    assert_eq!(
        (a.device, a.exported_at, a.scope),
        (b.device, b.exported_at, b.scope)
    );
}

#[test]
fn integers_spelled_as_doubles_read_as_the_same_records() {
    let text = genuine();
    let original = read(text.as_bytes(), NOW_MS).unwrap();
    assert!(text.contains("\"ms\": 1685581"), "the file carries stamps");
    for spell in [
        (|n: u64| format!("{n}.0")) as fn(u64) -> String,
        |n| scientific(n, false),
        |n| scientific(n, true),
        |n| format!("{n}.000e0"),
        |n| {
            if n == 0 {
                "0.0".into()
            } else {
                format!("0.{n}E{}", n.to_string().len())
            }
        },
    ] {
        let respelled = respelled(&text, spell);
        assert_ne!(respelled, text);
        let file = read(respelled.as_bytes(), NOW_MS)
            .unwrap_or_else(|e| panic!("{e:?} in\n{}", &respelled[..respelled.len().min(600)]));
        same(&file, &original);
    }
    let sample = respelled(&text, |n| scientific(n, false));
    assert!(
        sample.contains("\"format_version\": 5E0"),
        "{}",
        &sample[..300]
    );
    assert!(sample.contains("E+12"), "stamps spelled 1.6855812E+12");
}

#[test]
fn a_fraction_where_a_whole_number_belongs_is_refused_saying_so() {
    let text = genuine();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["records"][0]["seq"] = serde_json::json!(1.5);
    signed::reseal(&mut value);
    let error = read(&serde_json::to_vec(&value).unwrap(), NOW_MS).unwrap_err();
    assert_eq!(
        error,
        ImportError::MalformedField {
            field: "records[0].seq".into(),
            problem: FieldProblem::Invalid(Expected::WholeNumber),
        }
    );
    let zh = refusal(Lang::Zh, "甲.json", &error);
    assert!(zh.contains("整数"), "{zh}");
    // Text where a number belongs: the wrong type, named.
    for (path, expected) in [
        (&["records", "0", "hlc", "ms"][..], Expected::WholeNumber),
        (&["records", "0", "seq"], Expected::WholeNumber),
        (&["devices", "0", "head", "seq"], Expected::WholeNumber),
        (&["devices", "0", "public_key"], Expected::PublicKey),
        (&["devices", "0", "signature"], Expected::Signature),
        (&["records", "1", "prev"], Expected::Digest),
    ] {
        let mut value: Value = serde_json::from_str(&text).unwrap();
        let mut at = &mut value;
        for step in path {
            at = match step.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*step],
            };
        }
        *at = serde_json::json!(true);
        signed::reseal(&mut value);
        let error = read(&serde_json::to_vec(&value).unwrap(), NOW_MS).unwrap_err();
        let ImportError::MalformedField {
            problem: FieldProblem::WrongType(found),
            ..
        } = error
        else {
            panic!("{path:?}: {error:?}");
        };
        assert_eq!(found, expected, "{path:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any spelling of a whole number as a double reads as that number, in any integer field;
    /// a fraction never does.
    #[test]
    fn whole_numbers_read_however_spelled(n in 0u64..(1 << 53), zeros in 0usize..4, shift in 0usize..6) {
        let read = |text: &str| {
            let mut d = serde_json::Deserializer::from_str(text);
            duty_ledger::foundation::canonical::whole::<_, u64>(&mut d).ok()
        };
        prop_assert_eq!(read(&n.to_string()), Some(n));
        prop_assert_eq!(read(&format!("{n}.{}", "0".repeat(zeros + 1))), Some(n));
        prop_assert_eq!(read(&scientific(n, shift % 2 == 0)), Some(n));
        // Below 2^52 a double holds halves: a fraction stays a fraction.
        prop_assert_eq!(read(&format!("{}.5", n >> 2)), None);
        prop_assert_eq!(read(&format!("\"{n}\"")), None);
        prop_assert_eq!(read(&format!("-{}", n + 1)), None);
    }
}
