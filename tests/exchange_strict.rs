//! Strict reading of received files (issue 10 §6 and the numbers of §5): no key twice anywhere,
//! the checksum agreeing with the JavaScript snippet of FORMAT.md on awkward numbers (run with
//! `node`, which `.ci/setup` installs on every test machine: these tests fail without it),
//! every refusal in Chinese without a parser's English, the text rules, files of one batch
//! that disagree, and the preview checked again at apply.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod signed;

use signed::{NOW_MS, signed_export};

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use duty_ledger::exchange::file::checksum_of;
use duty_ledger::exchange::json;
use duty_ledger::exchange::message::refusal;
use duty_ledger::exchange::preview::disagreements;
use duty_ledger::exchange::{Expected, FieldProblem, ImportError, MAX_FILE_BYTES, Scope, read};
use duty_ledger::foundation::canonical::number_text;
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::i18n::{Lang, problem_text};
use duty_ledger::ledger::event::{EventProblem, TextField};
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::vault::{self, Batch};
use serde_json::{Value, json};

const EDU: &str = "区教育局";

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn at(text: &str) -> Stamp {
    Stamp::parse(text).unwrap()
}

fn id(n: u64) -> EventId {
    EventId::from_random(n.to_be_bytes())
}

fn edu() -> Recorder {
    Recorder {
        unit: unit(EDU),
        device: DeviceId::from_random([1; 8]),
        author: Some("王五".into()),
        hlc: Some(duty_ledger::trust::Hlc {
            ms: at(T).utc_ms,
            n: 0,
        }),
    }
}

const T: &str = "2023-06-01T09:00:00.000+08:00";

/// Records of every kind, with a figure of `value`.
fn ledger_with_figure(value: f64) -> Ledger {
    let edu = edu();
    let mut ledger = Ledger::new();
    ledger.add(
        edu.set_status(id(1), TaskId(10), at(T), Status::Blocked, "等待配合")
            .unwrap(),
    );
    ledger.add(
        edu.add_note(id(2), TaskId(10), at(T), "召开专题会议")
            .unwrap(),
    );
    ledger.add(Event {
        id: id(3),
        task: TaskId(10),
        unit: unit(EDU),
        device: DeviceId::from_random([1; 8]),
        at: at(T),
        author: None,
        work_date: None,
        attachments: Vec::new(),
        change: Change::NoteDeleted { note: id(2) },
        hlc: None,
        seq: None,
        prev: None,
    });
    let (task, target) = figure_target();
    ledger.add(
        edu.record_figure(
            id(4),
            task,
            at(T),
            &target,
            Date::new(2023, 5, 31).unwrap(),
            value,
        )
        .unwrap(),
    );
    ledger
}

/// A task and one of its targets.
fn figure_target() -> (TaskId, String) {
    let target = duty_ledger::plan::targets::targets()
        .targets
        .first()
        .expect("the plan has targets");
    (target.task, target.id.to_string())
}

fn file_text(ledger: &Ledger) -> String {
    signed_export(
        ledger,
        unit(EDU),
        DeviceId::from_random([1; 8]),
        Scope::Unit,
        at("2023-11-08T10:00:00.000+08:00"),
    )
}

fn edu_file() -> String {
    file_text(&ledger_with_figure(44000.0))
}

/// Parses, changes and re-seals a file (with this app's checksum).
fn tampered(text: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(text).unwrap();
    change(&mut value);
    let sum = checksum_of(&value);
    if let Some(checksum) = value.get_mut("checksum").and_then(Value::as_object_mut) {
        checksum.insert("value".into(), json!(sum));
    }
    serde_json::to_string_pretty(&value).unwrap()
}

fn error(text: &str) -> ImportError {
    read(text.as_bytes(), NOW_MS).expect_err("the file should be refused")
}

// Node.js runs the documented snippet.

/// The JavaScript block of FORMAT.md, as documented.
fn documented_snippet() -> String {
    let format = include_str!("../src/exchange/FORMAT.md");
    let start = format
        .find("```js\n")
        .expect("FORMAT.md documents the checksum in JavaScript")
        + 6;
    let end = start + format[start..].find("```").unwrap();
    format[start..end].to_string()
}

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duty-ledger-strict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `node script args…` with `input` on stdin; fails (never skips) without node.
fn node(script: &str, args: &[&str], input: &str) -> String {
    let script = scratch(&format!("script-{}.cjs", script.len()), script);
    let mut child = Command::new("node")
        .arg(&script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node must be installed (.ci/setup installs it) to check the JavaScript side");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The JavaScript block of FORMAT.md that verifies chains and signatures.
fn documented_verifier() -> String {
    let format = include_str!("../src/exchange/FORMAT.md");
    let start = format
        .find("```js verify\n")
        .expect("FORMAT.md documents verifying signatures in JavaScript")
        + 13;
    let end = start + format[start..].find("```").unwrap();
    format[start..end].to_string()
}

/// What the documented verifier prints for `text`, line by line.
fn js_verify(text: &str) -> Vec<String> {
    let path = scratch(&format!("verify-{}.json", text.len()), text);
    node(&documented_verifier(), &[path.to_str().unwrap()], "")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The checksum the documented snippet computes for `text`.
fn js_checksum(text: &str) -> String {
    let path = scratch(&format!("file-{}.json", text.len()), text);
    let out = node(&documented_snippet(), &[path.to_str().unwrap()], "");
    out.split_whitespace().next().unwrap().to_string()
}

/// The checksum this app computes for `text`.
fn rust_checksum(text: &str) -> String {
    duty_ledger::exchange::file::checksum_of_text(text).unwrap()
}

mod numbers {
    use super::*;

    /// The documented JavaScript verifier (Node's `crypto.subtle` Ed25519) accepts what Rust
    /// signed, on records with awkward numbers and Chinese text, from two devices of two
    /// units; and it catches an altered record and a forged signature as the app does.
    #[test]
    fn the_documented_javascript_verifier_checks_what_rust_signed() {
        let mut ledger = ledger_with_figure(0.000005);
        let market = Recorder {
            unit: unit("市市场监管局福田监管局"),
            device: DeviceId::from_random([2; 8]),
            author: None,
            hlc: Some(duty_ledger::trust::Hlc {
                ms: at(T).utc_ms + 1,
                n: 7,
            }),
        };
        // A note with an attached file (format 4), carried in `files`: the record's digest
        // covers its description, the checksum leaves the bytes out.
        let pdf: &[u8] = include_bytes!("fixtures/evidence/minutes.pdf");
        let file = duty_ledger::evidence::intake::describe("纪要 \"一\".pdf", pdf).unwrap();
        ledger.add(
            market
                .add_note_with(
                    id(20),
                    TaskId(37),
                    at(T),
                    None,
                    "快检车进市场 \"引号\" \u{2028}",
                    vec![file.clone()],
                )
                .unwrap(),
        );
        let records = signed_export(
            &ledger,
            unit("区食药安办"),
            DeviceId::from_random([3; 8]),
            Scope::All,
            at("2023-11-08T10:00:00.000+08:00"),
        );
        let (head, tail) = duty_ledger::exchange::attached::frame(&records);
        let text = format!(
            "{head}{}{tail}",
            duty_ledger::exchange::attached::entry(&file.sha256, pdf, true)
        );
        assert_eq!(js_checksum(&text), rust_checksum(&text));
        assert_eq!(js_checksum(&text), js_checksum(&records));
        let read_back = read(text.as_bytes(), NOW_MS).expect("Rust verifies it");
        assert_eq!(read_back.carried.len(), 1);
        assert_eq!(
            js_verify(&text),
            [
                "0101010101010101 区教育局 verified",
                "0202020202020202 市市场监管局福田监管局 verified",
            ]
        );
        // An altered record (checksum re-sealed): Rust and JavaScript both refuse the device.
        let altered = tampered(&text, |v| {
            v["records"][0]["author"] = json!("李四");
        });
        assert!(matches!(error(&altered), ImportError::ChainBroken { .. }));
        assert_eq!(
            js_verify(&altered),
            [
                "0101010101010101 区教育局 NOT verified",
                "0202020202020202 市市场监管局福田监管局 verified",
            ]
        );
        // A signature over the head by another key.
        let forged = tampered(&text, |v| {
            let other = signed::forger_key(DeviceId::from_random([2; 8]));
            let sig = other.sign(b"duty-ledger head v1");
            v["devices"][1]["signature"] = json!(sig.to_hex());
        });
        assert!(matches!(error(&forged), ImportError::BadSignature { .. }));
        assert_eq!(
            js_verify(&forged)[1],
            "0202020202020202 市市场监管局福田监管局 NOT verified"
        );
        // A record of a device the file does not list.
        let unlisted = tampered(&text, |v| {
            v["devices"].as_array_mut().unwrap().remove(1);
        });
        assert!(matches!(
            error(&unlisted),
            ImportError::UnsignedRecord { .. }
        ));
        assert!(js_verify(&unlisted).contains(&format!("{} not signed", id(20))));
    }

    /// The browser tests' file generator (tests/web/tools/exchange-data.mjs: Node's
    /// `crypto.sign` Ed25519, the canonical JSON in JavaScript) makes files this app verifies,
    /// signed with the same test keys as the native tests; a unit's file and a relay.
    #[test]
    fn files_the_browser_tests_generate_in_node_verify_here() {
        let tools = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/web/tools/exchange-data.mjs"
        );
        let script = format!(
            "import {{ exchangeFile, notes, hex16 }} from {tools:?};\n\
             const a = hex16(0x1234n), b = hex16(0x5678n);\n\
             const edu = notes('区教育局', a, 120, 1000);\n\
             const market = notes('市市场监管局福田监管局', b, 60, 9000).map((r) => ({{ ...r, hlc: undefined }}));\n\
             process.stdout.write(JSON.stringify([\n\
               exchangeFile('区教育局', a, edu),\n\
               exchangeFile('区食药安办', hex16(9), [...edu, ...JSON.parse(JSON.stringify(market))], {{ scope: 'all' }}),\n\
             ]));\n"
        );
        let path = scratch("generate.mjs", &script);
        let output = Command::new("node").arg(&path).output().expect("node");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let files: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
        let unit_file = read(&serde_json::to_vec(&files[0]).unwrap(), NOW_MS).unwrap();
        assert_eq!(unit_file.records.len(), 120);
        assert_eq!(
            unit_file.devices[0].public_key,
            signed::public(DeviceId::parse("0000000000001234").unwrap())
        );
        let relay = read(&serde_json::to_vec(&files[1]).unwrap(), NOW_MS).unwrap();
        assert_eq!(relay.records.len(), 180);
        assert_eq!(relay.devices.len(), 2);
    }

    #[test]
    fn the_issue_figure_sealed_with_the_javascript_snippet_is_accepted() {
        let text = file_text(&ledger_with_figure(0.000005));
        let sealed_by_js = {
            let mut value: Value = serde_json::from_str(&text).unwrap();
            value["checksum"]["value"] = json!(js_checksum(&text));
            serde_json::to_string_pretty(&value).unwrap()
        };
        let file = read(sealed_by_js.as_bytes(), NOW_MS).expect("the JavaScript seal is accepted");
        let figure = file
            .records
            .events()
            .find_map(|e| match &e.change {
                Change::Figure { value, .. } => Some(*value),
                _ => None,
            })
            .unwrap();
        assert_eq!(figure, 0.000005);
        // And this app's own export carries the checksum JavaScript computes.
        assert_eq!(rust_checksum(&text), js_checksum(&text));
    }

    #[test]
    fn awkward_numbers_give_the_same_checksum_in_javascript_and_rust() {
        // Numbers wherever the format has them, and more in the text: exponents, 2^53+1,
        // -0, 1e21, values JavaScript writes with and without exponents, escapes and
        // non-BMP keys for the sort order.
        let text = r#"{
            "format": "duty-ledger-exchange",
            "exported_at": "2023-11-08T10:00:00.000+08:00",
            "numbers": [0.000005, 5e-6, 1e-7, 1E21, 1e20, 100000000000000000000,
                        9007199254740993, -0, -0.0, 0.1, 4.7, 44000, 44000.0, 4.4e4,
                        1e-6, 0.0000001, 123456789012345678901234567890, 1.7976931348623157e308,
                        5e-324, 2.2250738585072014e-308, 0.30000000000000004, -1.5e-300,
                        333333333333333333333.3, 1e16, 12345678901234567, 0.1e1, 10E-1],
            "text": "\u00e9\u2028\u001f \" \\ \/ 😀 \ud83d\ude00 \u007f",
            "\uff61": 1, "😀": 2, "a": {"z": [], "b": {}}, "A": null, "b": true,
            "checksum": {"algorithm": "sha256", "value": "x"}
        }"#;
        assert_eq!(rust_checksum(text), js_checksum(text));
    }

    /// A small random source (xorshift), so one node run checks many numbers.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn many_random_doubles_print_as_javascript_prints_them() {
        let mut random = Random(0x2545_f491_4f6c_dd1d);
        let mut texts = Vec::new();
        // Random bit patterns: every exponent, every layout, written by serde_json.
        while texts.len() < 20_000 {
            let value = f64::from_bits(random.next());
            if value.is_finite() {
                texts.push(serde_json::to_string(&value).unwrap());
            }
        }
        // Random decimal texts of up to 25 digits with exponents: correct rounding of the
        // reading, numbers that are no double's shortest form, and integers beyond 2^53.
        for _ in 0..20_000 {
            let digits = 1 + random.next() % 25;
            let mut text: String = (0..digits)
                .map(|i| {
                    let d = random.next() % 10;
                    char::from(b'0' + if i == 0 { d.max(1) as u8 } else { d as u8 })
                })
                .collect();
            if random.next().is_multiple_of(2) {
                let point = 1 + (random.next() % digits) as usize;
                if point < text.len() {
                    text.insert(point, '.');
                }
            }
            if random.next().is_multiple_of(2) {
                let exponent = (random.next() % 640) as i64 - 330;
                text.push_str(&format!("e{exponent}"));
            }
            if random.next().is_multiple_of(3) {
                text.insert(0, '-');
            }
            texts.push(text);
        }
        // What JavaScript reads as infinity is refused here, and left out of the comparison.
        texts.retain(|t| t.parse::<f64>().is_ok_and(f64::is_finite));
        let array = format!("[{}]", texts.join(","));
        let script = "const fs = require('node:fs');\n\
                      const numbers = JSON.parse(fs.readFileSync(0, 'utf8'));\n\
                      process.stdout.write(numbers.map((n) => JSON.stringify(n)).join('\\n'));\n";
        let js = node(script, &[], &array);
        let js: Vec<&str> = js.split('\n').collect();
        assert_eq!(js.len(), texts.len());
        let canonical = json::canonical(&array).unwrap();
        let rust: Vec<&str> = canonical[1..canonical.len() - 1].split(',').collect();
        let mut wrong = Vec::new();
        for ((text, js), rust) in texts.iter().zip(&js).zip(&rust) {
            if js != rust {
                wrong.push(format!("{text}: JavaScript {js}, Rust {rust}"));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} of {} differ: {:?}",
            wrong.len(),
            texts.len(),
            &wrong[..wrong.len().min(10)]
        );
        // The documented examples, by name.
        for (value, text) in [
            (0.000005, "0.000005"),
            (1e-7, "1e-7"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (9007199254740993.0, "9007199254740992"),
            (-0.0, "0"),
            (4.7, "4.7"),
            (44000.0, "44000"),
        ] {
            assert_eq!(number_text(value), text);
        }
    }
}

mod duplicate_keys {
    use super::*;

    #[test]
    fn two_records_keys_are_refused() {
        // The issue's file: a reviewer would see the first array, an app might apply the second.
        let text = edu_file();
        let records_at = text.find("\"records\"").unwrap();
        let forged = format!(
            "{}\"records\": [],\n  {}",
            &text[..records_at],
            &text[records_at..]
        );
        assert_eq!(
            error(&forged),
            ImportError::DuplicateKey {
                field: "records".into()
            }
        );
        let message = refusal(Lang::Zh, "x.json", &error(&forged));
        assert!(
            message.contains("records") && message.contains("不止一次"),
            "{message}"
        );
    }

    #[test]
    fn a_key_twice_deep_inside_is_refused_by_its_path() {
        let text = edu_file();
        let kind = "\"kind\": \"note_deleted\"";
        let at = text.find(kind).unwrap();
        let forged = format!("{}\"kind\": \"status\", {}", &text[..at], &text[at..]);
        match error(&forged) {
            ImportError::DuplicateKey { field } => {
                assert!(
                    field.starts_with("records[") && field.ends_with("].change.kind"),
                    "{field}"
                );
            }
            other => panic!("{other:?}"),
        }
        // In the plan, the exporter and the checksum too.
        for (key, extra) in [
            ("\"id\": \"futian", "\"id\": \"other\", "),
            (
                "\"unit\": \"区教育局\",\n    \"device\"",
                "\"unit\": \"区食药安办\", ",
            ),
            ("\"algorithm\"", "\"algorithm\": \"sha256\", "),
        ] {
            let at = text.find(key).unwrap_or_else(|| panic!("{key}"));
            let forged = format!("{}{extra}{}", &text[..at], &text[at..]);
            assert!(
                matches!(error(&forged), ImportError::DuplicateKey { .. }),
                "{extra}"
            );
        }
    }

    #[test]
    fn the_same_key_spelt_with_an_escape_is_the_same_key() {
        let text = edu_file();
        let at = text.find("\"scope\"").unwrap();
        let forged = format!(
            "{}\"sc\\u006fpe\": \"all\",\n  {}",
            &text[..at],
            &text[at..]
        );
        assert_eq!(
            error(&forged),
            ImportError::DuplicateKey {
                field: "scope".into()
            }
        );
    }
}

mod language {
    use super::*;

    /// Runs of four or more ASCII letters in `message` once the texts quoted from the file
    /// (`quoted`) are taken out: any such run is English (or parser) text in a Chinese
    /// message. Field names and values from the file are allowed.
    fn english_runs(message: &str, quoted: &[&str]) -> Vec<String> {
        let mut rest = message.to_string();
        let mut quoted: Vec<&str> = quoted.iter().copied().filter(|q| !q.is_empty()).collect();
        quoted.sort_by_key(|q| std::cmp::Reverse(q.len()));
        for q in quoted {
            rest = rest.replace(q, " ");
        }
        let mut runs = Vec::new();
        let mut run = String::new();
        for c in rest.chars().chain([' ']) {
            if c.is_ascii_alphabetic() {
                run.push(c);
            } else {
                if run.len() >= 4 {
                    runs.push(run.clone());
                }
                run.clear();
            }
        }
        runs
    }

    /// The texts of an error that come from the file (or the file's name); a field's path
    /// also by its names, as a message shows them (`field_words`).
    fn quoted_from_file(error: &ImportError) -> Vec<String> {
        let mut quoted = quoted_whole(error);
        let names: Vec<String> = quoted
            .iter()
            .flat_map(|q| {
                q.split(['.', '[', ']'])
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        quoted.extend(names);
        quoted
    }

    fn quoted_whole(error: &ImportError) -> Vec<String> {
        match error {
            ImportError::DuplicateKey { field }
            | ImportError::MissingField { field }
            | ImportError::TextTooLong { field } => vec![field.clone()],
            ImportError::MalformedField { field, problem } => match problem {
                FieldProblem::UnknownName { name, .. } => vec![field.clone(), name.clone()],
                _ => vec![field.clone()],
            },
            ImportError::UnknownUnit { field, name } => vec![field.clone(), name.clone()],
            ImportError::UnknownTask { field, .. } => vec![field.clone()],
            ImportError::DifferentPlan { id, .. } => vec![id.clone()],
            ImportError::ConflictsWithStored { id } => vec![id.to_string()],
            ImportError::DisagreesWithFile { id, other } => vec![id.to_string(), other.clone()],
            ImportError::ForeignRecord { unit, exporter, .. } => {
                vec![unit.clone(), exporter.clone()]
            }
            ImportError::InvalidRecord { problem, .. } => match problem {
                EventProblem::UnknownTarget(target) => vec![target.clone()],
                EventProblem::GroupAsAuthor(unit) => vec![unit.name().to_string()],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    #[test]
    fn the_check_catches_english() {
        // The assertion below can fail: serde's own words are caught.
        assert_eq!(
            english_runs(
                "字段 records[0] 格式不正确（unknown field `x`, expected one of `id`）",
                &["records[0]"]
            ),
            ["unknown", "field", "expected"]
        );
        assert!(
            english_runs(
                "字段 records[0].signature 不存在",
                &["records[0].signature"]
            )
            .is_empty()
        );
    }

    #[test]
    fn an_unknown_field_is_explained_in_chinese() {
        let text = tampered(&edu_file(), |v| {
            v["records"][0]["signature"] = json!("AAAA")
        });
        let refused = error(&text);
        assert_eq!(
            refused,
            ImportError::MalformedField {
                field: "records[0].signature".into(),
                problem: FieldProblem::Unknown
            }
        );
        let message = refusal(Lang::Zh, "区教育局-进展.json", &refused);
        assert_eq!(
            message,
            "文件含有本格式没有的字段 signature（位于第 1 条记录）（可能由其他版本的应用或其他工具生成）。"
        );
        let english = refusal(Lang::En, "区教育局-进展.json", &refused);
        assert!(!english.contains("expected one of"), "{english}");
    }

    /// Every way a field can be wrong, at every level of a file.
    fn malformed_files() -> Vec<String> {
        let base = edu_file();
        let value: Value = serde_json::from_str(&base).unwrap();
        let wrong_values = [
            json!(null),
            json!(true),
            json!(12),
            json!(-1.5),
            json!("text"),
            json!("2023-02-30"),
            json!("ffffffffffffffffX"),
            json!([]),
            json!([1, "a"]),
            json!({}),
            json!({"nested": "object"}),
        ];
        let mut paths: Vec<Vec<Value>> = Vec::new();
        for key in value.as_object().unwrap().keys() {
            paths.push(vec![json!(key)]);
        }
        for key in ["id", "table_sha256"] {
            paths.push(vec![json!("plan"), json!(key)]);
        }
        for key in ["unit", "device"] {
            paths.push(vec![json!("exported_by"), json!(key)]);
        }
        for key in ["algorithm", "value"] {
            paths.push(vec![json!("checksum"), json!(key)]);
        }
        for (index, record) in value["records"].as_array().unwrap().iter().enumerate() {
            paths.push(vec![json!("records"), json!(index)]);
            for key in record.as_object().unwrap().keys() {
                paths.push(vec![json!("records"), json!(index), json!(key)]);
            }
            for key in record["change"].as_object().unwrap().keys() {
                paths.push(vec![
                    json!("records"),
                    json!(index),
                    json!("change"),
                    json!(key),
                ]);
            }
            for key in ["author", "work_date", "reason", "text", "as_of", "value"] {
                paths.push(vec![json!("records"), json!(index), json!(key)]);
                paths.push(vec![
                    json!("records"),
                    json!(index),
                    json!("change"),
                    json!(key),
                ]);
            }
        }
        let at = |v: &mut Value, path: &[Value]| -> Option<*mut Value> {
            let mut here = v;
            for step in path {
                here = match step {
                    Value::String(k) => here
                        .as_object_mut()?
                        .entry(k.clone())
                        .or_insert(json!(null)),
                    Value::Number(i) => here.get_mut(i.as_u64()? as usize)?,
                    _ => return None,
                };
            }
            Some(here as *mut Value)
        };
        let mut files = Vec::new();
        for path in &paths {
            for wrong in &wrong_values {
                files.push(tampered(&base, |v| {
                    if let Some(slot) = at(v, path) {
                        // SAFETY: `slot` points into `v`, borrowed mutably here alone.
                        unsafe { *slot = wrong.clone() };
                    }
                }));
            }
            // The field removed.
            files.push(tampered(&base, |v| {
                let (last, parent) = path.split_last().unwrap();
                if let (Some(parent), Value::String(k)) = (at(v, parent), last) {
                    // SAFETY: as above.
                    if let Some(map) = unsafe { (*parent).as_object_mut() } {
                        map.remove(k);
                    }
                }
            }));
        }
        // Names the format does not know.
        for (path, name) in [
            ("/records/0/change/kind", "signature"),
            ("/records/0/change/status", "stuck"),
            ("/scope", "everything"),
            ("/checksum/algorithm", "md5"),
            ("/records/0/unit", "某某局"),
            ("/exported_by/unit", "Some Bureau"),
            ("/plan/id", "another-plan"),
            ("/format_version", "three"),
        ] {
            files.push(tampered(&base, |v| {
                *v.pointer_mut(path).unwrap() = json!(name)
            }));
        }
        // Unknown fields everywhere.
        for pointer in [
            "",
            "/plan",
            "/exported_by",
            "/checksum",
            "/records/0",
            "/records/0/change",
            "/records/0/hlc",
            "/devices/0",
            "/devices/0/head",
        ] {
            files.push(tampered(&base, |v| {
                v.pointer_mut(pointer).unwrap()["signature"] = json!("AAAA")
            }));
        }
        // Not JSON, not ours, too deep, too long, tampered after sealing.
        files.push(base[..base.len() / 2].to_string());
        files.push("{\"format\": \"something else\"}".into());
        files.push(format!("{}{}", "[".repeat(40), "]".repeat(40)));
        files.push(tampered(&base, |v| {
            v["records"][1]["change"]["text"] = json!("长".repeat(20_001))
        }));
        files.push(base.replace("召开专题会议", "召开专题会"));
        files.push(base.replacen("\"scope\"", "\"scope\": \"all\", \"scope\"", 1));
        files.push(base.replacen("\"kind\"", "\"kind\": \"note\", \"kind\"", 1));
        files
    }

    #[test]
    fn no_refusal_carries_a_parsers_english() {
        let mut checked = 0;
        let mut kinds = std::collections::BTreeSet::new();
        for text in malformed_files() {
            let Err(refused) = read(text.as_bytes(), NOW_MS) else {
                continue;
            };
            checked += 1;
            kinds.insert(
                format!("{refused:?}")
                    .split([' ', '(', '{'])
                    .next()
                    .unwrap()
                    .to_string(),
            );
            let message = refusal(Lang::Zh, "区教育局-进展.json", &refused);
            let quoted = quoted_from_file(&refused);
            let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
            let runs = english_runs(&message, &quoted);
            assert!(
                runs.is_empty(),
                "English in the Chinese message {message:?} ({refused:?}): {runs:?}"
            );
            assert!(
                message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{message}"
            );
            let english = refusal(Lang::En, "区教育局-进展.json", &refused);
            for serde_words in [
                "invalid type",
                "expected one of",
                "unknown variant",
                "at line",
            ] {
                assert!(!english.contains(serde_words), "{english}");
            }
        }
        assert!(checked > 500, "only {checked} refusals checked");
        for kind in [
            "MalformedField",
            "MissingField",
            "NotJson",
            "DuplicateKey",
            "TooDeep",
            "ChecksumMismatch",
            "UnknownUnit",
            "DifferentPlan",
            "TextTooLong",
        ] {
            assert!(kinds.contains(kind), "no {kind} among {kinds:?}");
        }
    }

    #[test]
    fn wrong_types_say_what_belongs_there() {
        let text = tampered(&edu_file(), |v| v["records"][0]["task"] = json!("ten"));
        let refused = error(&text);
        assert_eq!(
            refused,
            ImportError::MalformedField {
                field: "records[0].task".into(),
                problem: FieldProblem::WrongType(Expected::WholeNumber)
            }
        );
        assert_eq!(
            refusal(Lang::Zh, "", &refused),
            "字段 task（位于第 1 条记录） 应为整数。"
        );
        let text = tampered(&edu_file(), |v| v["records"][0]["at"] = json!("yesterday"));
        assert_eq!(
            refusal(Lang::Zh, "", &error(&text)),
            "字段 at（位于第 1 条记录） 不是有效的带时区的时间。"
        );
        let text = tampered(&edu_file(), |v| {
            v["records"][0]["change"]["kind"] = json!("vote")
        });
        assert_eq!(
            refusal(Lang::Zh, "", &error(&text)),
            "字段 change.kind（位于第 1 条记录） 的取值“vote”无法识别（应为记录类型）。"
        );
    }
}

mod text_rules {
    use super::*;

    fn note(text: &str) -> Result<Event, EventProblem> {
        edu().add_note(id(9), TaskId(10), at(T), text)
    }

    #[test]
    fn a_note_of_only_invisible_characters_is_refused() {
        for text in [
            "\u{200b}",
            "\u{200b}\u{200c}\u{200d}",
            "\u{2060}\u{feff}",
            "\u{ad}",
            "\u{180e}",
            "\u{3000}\u{200b}",
            " \u{200b} ",
        ] {
            match note(text) {
                Err(EventProblem::InvisibleOnly {
                    field: TextField::Note,
                    ..
                }) => {}
                other => panic!("{text:?}: {other:?}"),
            }
        }
        assert_eq!(
            note("\u{3000}\u{3000}").unwrap_err(),
            EventProblem::EmptyText {
                field: TextField::Note
            }
        );
        let problem = note("\u{200b}").unwrap_err();
        assert_eq!(
            problem_text(Lang::Zh, &problem),
            "记录内容只有空白和不可见字符（如 U+200B），没有可见的内容。"
        );
        // Invisible characters beside visible text are no reason to refuse.
        assert!(note("会议\u{200b}纪要").is_ok());
    }

    #[test]
    fn bidi_overrides_and_control_characters_are_refused_each_with_its_reason() {
        assert_eq!(
            note("付款\u{202e}txt.exe").unwrap_err(),
            EventProblem::BidiControl {
                field: TextField::Note,
                character: '\u{202e}'
            }
        );
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}',
        ] {
            assert!(
                matches!(
                    note(&format!("文字{c}")),
                    Err(EventProblem::BidiControl { .. })
                ),
                "{c:?}"
            );
        }
        for c in ['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert_eq!(
                note(&format!("文字{c}文字")).unwrap_err(),
                EventProblem::ControlCharacter {
                    field: TextField::Note,
                    character: c
                }
            );
        }
        // Line breaks and tabs are text.
        assert!(note("第一行\n第二行\r\n\t缩进").is_ok());
        let rlo = problem_text(Lang::Zh, &note("\u{202e}文字").unwrap_err());
        assert!(rlo.contains("U+202E") && rlo.contains("记录内容"), "{rlo}");
        let control = problem_text(Lang::En, &note("a\u{1b}b").unwrap_err());
        assert_eq!(
            control,
            "The note contains the control character U+001B; remove it and try again."
        );
        // The reason for 受阻 and the author's name follow the same rules.
        let reason = edu().set_status(id(9), TaskId(10), at(T), Status::Blocked, "等\u{202e}待");
        assert_eq!(
            reason.unwrap_err(),
            EventProblem::BidiControl {
                field: TextField::Reason,
                character: '\u{202e}'
            }
        );
        let mut named = edu();
        named.author = Some("\u{200b}\u{200b}".into());
        assert!(matches!(
            named.add_note(id(9), TaskId(10), at(T), "进展"),
            Err(EventProblem::InvisibleOnly {
                field: TextField::Author,
                ..
            })
        ));
    }

    #[test]
    fn received_records_meet_the_same_rules() {
        for (text, expected) in [
            (
                "\u{200b}\u{feff}",
                EventProblem::InvisibleOnly {
                    field: TextField::Note,
                    character: '\u{200b}',
                },
            ),
            (
                "看\u{202e}这里",
                EventProblem::BidiControl {
                    field: TextField::Note,
                    character: '\u{202e}',
                },
            ),
            (
                "铃\u{7}声",
                EventProblem::ControlCharacter {
                    field: TextField::Note,
                    character: '\u{7}',
                },
            ),
        ] {
            let file = tampered(&edu_file(), |v| {
                let records = v["records"].as_array_mut().unwrap();
                let note = records
                    .iter_mut()
                    .find(|r| r["change"]["kind"] == "note")
                    .unwrap();
                note["change"]["text"] = json!(text);
            });
            match error(&file) {
                ImportError::InvalidRecord { problem, .. } => assert_eq!(problem, expected),
                other => panic!("{text:?}: {other:?}"),
            }
            let message = refusal(Lang::Zh, "x.json", &error(&file));
            assert!(message.contains("U+"), "{message}");
        }
    }
}

mod batches {
    use super::*;

    #[test]
    fn two_files_disagreeing_about_a_record_are_both_refused() {
        let genuine = ledger_with_figure(44000.0);
        let mut forged = Ledger::new();
        for event in genuine.events() {
            let mut event = event.clone();
            if let Change::Status { reason, .. } = &mut event.change {
                *reason = Some("已解决，无需协调".into());
            }
            forged.add(event);
        }
        let unrelated: Ledger = [edu()
            .add_note(id(50), TaskId(11), at(T), "另一项任务")
            .unwrap()]
        .into_iter()
        .collect();
        let agreeing = genuine.clone();
        // Forged first or second: the same answer.
        let found = disagreements(&[Some(&forged), Some(&unrelated), None, Some(&genuine)]);
        assert_eq!(found, vec![Some((id(1), 3)), None, None, Some((id(1), 0))]);
        let found = disagreements(&[Some(&genuine), Some(&forged)]);
        assert_eq!(found, vec![Some((id(1), 1)), Some((id(1), 0))]);
        // A file that agrees with one of two disagreeing files is refused too: it disagrees
        // with the other.
        let found = disagreements(&[Some(&genuine), Some(&agreeing), Some(&forged)]);
        assert!(found.iter().all(Option::is_some), "{found:?}");
        // Files that agree are fine.
        assert!(
            disagreements(&[Some(&genuine), Some(&agreeing), Some(&unrelated)])
                .iter()
                .all(Option::is_none)
        );
        let refused = ImportError::DisagreesWithFile {
            id: id(1),
            other: "区教育局-进展-2023-11-08.json".into(),
        };
        assert_eq!(
            refusal(Lang::Zh, "区教育局-进展-2023-11-09.json", &refused),
            "“区教育局-进展-2023-11-09.json”与“区教育局-进展-2023-11-08.json”中的记录 0000000000000001 编号相同而内容不同，无法判断哪一个是真的：两个文件都已拒绝。"
        );
    }
}

mod apply_recheck {
    use super::common::{FakeDb, Tab, note, stamp};
    use super::*;

    fn batch(n: u64) -> Batch {
        Batch {
            id: id(1000 + n),
            at: stamp(n as i64),
            files: 1,
            records: Vec::new(),
            undone: None,
        }
    }

    /// Record `n` as another device wrote it, and a forged version of it.
    fn versions(n: u64) -> (Event, Event) {
        let genuine = note(n, 9, 1);
        let mut forged = genuine.clone();
        forged.change = Change::Note {
            note: genuine.id,
            text: "伪造的内容".into(),
        };
        (genuine, forged)
    }

    #[test]
    fn the_transaction_refuses_an_import_a_record_of_which_was_stored_meanwhile_differently() {
        let mut db = FakeDb::default();
        let mut a = Tab::open(&db);
        let mut b = Tab::open(&db);
        let (genuine, forged) = versions(7);
        let other = note(8, 9, 2);
        // Tab A previewed and applied the genuine file; before its transaction runs, tab B
        // stored the forged version.
        let file_a: Ledger = [genuine.clone(), other.clone()].into_iter().collect();
        assert_eq!(
            a.keeper.import(&mut a.ledger, id(100), stamp(3), [&file_a]),
            2
        );
        let file_b: Ledger = [forged.clone()].into_iter().collect();
        b.keeper.import(&mut b.ledger, id(101), stamp(4), [&file_b]);
        b.write_all(&mut db);
        assert!(a.start());
        a.finish(&mut db, false);
        // Nothing of A's import was written; A shows what is stored, not its preview.
        assert!(!db.records.contains_key(&other.id.to_string()));
        assert_eq!(a.ledger.get(&genuine.id), Some(&forged));
        assert!(!a.ledger.contains(&other.id));
        assert!(a.keeper.undoable().map(|b| b.id) != Some(id(100)));
        assert!(a.keeper.is_saved());
        // Applied again after the tab caught up, it is refused before any transaction.
        a.catch_up(&db);
        assert_eq!(
            vault::stored_differently(&a.ledger, [&file_a]),
            Some(genuine.id)
        );
        assert_eq!(vault::stored_differently(&a.ledger, [&file_b]), None);
    }

    #[test]
    fn import_plan_refuses_only_a_differently_stored_record() {
        let (genuine, forged) = versions(7);
        let fresh = note(8, 9, 2);
        let add = vec![genuine.clone(), fresh.clone()];
        let stored_same = [(genuine.id, vault::record_value(&genuine))]
            .into_iter()
            .collect();
        let (new, planned) = vault::import_plan(&batch(1), &add, &stored_same).unwrap();
        assert_eq!(new, vec![&fresh]);
        assert_eq!(planned.unwrap().0.records, vec![fresh.id]);
        let stored_other = [(genuine.id, vault::record_value(&forged))]
            .into_iter()
            .collect();
        assert_eq!(
            vault::import_plan(&batch(1), &add, &stored_other).unwrap_err(),
            genuine.id
        );
        // A stored value this version cannot read is left as it is, as before.
        let unreadable = [(genuine.id, "{\"from\": \"a newer version\"}".to_string())]
            .into_iter()
            .collect();
        assert!(vault::import_plan(&batch(1), &add, &unreadable).is_ok());
    }
}

#[test]
fn limits_stay_as_documented() {
    assert_eq!(MAX_FILE_BYTES, 10 * 1024 * 1024);
    assert!(matches!(
        json::scan(
            "[[[]]]",
            json::Limits {
                max_depth: 2,
                max_string_chars: 1,
                bulk: None,
            }
        ),
        Err(json::ScanError::TooDeep)
    ));
}
