//! The browser shell against real localStorage in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test browser_storage`): raw reads and
//! writes, a full storage reported as such, and the ledger's base-plus-tails layout.
#![cfg(target_arch = "wasm32")]

use duty_ledger::browser::ledger_storage::{self, tail_key};
use duty_ledger::browser::storage::{self, LEDGER_KEY, StorageError};
use duty_ledger::browser::{clock, download};
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    for key in storage::keys_with_prefix("") {
        storage::remove(&key);
    }
}

fn recorder() -> Recorder {
    Recorder {
        unit: UnitId::from_name("区教育局").unwrap(),
        device: clock::new_device_id(),
        author: None,
    }
}

#[wasm_bindgen_test]
fn raw_text_round_trips_and_keys_are_listed() {
    clear();
    assert!(storage::is_available());
    storage::write("duty-ledger:test:a", "一").unwrap();
    storage::write("duty-ledger:test:b", "二").unwrap();
    assert_eq!(
        storage::read("duty-ledger:test:a").unwrap().as_deref(),
        Some("一")
    );
    let mut keys = storage::keys_with_prefix("duty-ledger:test:");
    keys.sort();
    assert_eq!(keys, ["duty-ledger:test:a", "duty-ledger:test:b"]);
    // Two UTF-16 units for each of key and value characters.
    assert_eq!(storage::used_bytes().unwrap(), 2 * 2 * (18 + 1));
    storage::remove("duty-ledger:test:a");
    assert_eq!(storage::read("duty-ledger:test:a").unwrap(), None);
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_full_and_keeps_what_it_had() {
    clear();
    storage::write(LEDGER_KEY, "kept").unwrap();
    let chunk = "x".repeat(1 << 20);
    let mut filled = Vec::new();
    let error = loop {
        let key = format!("junk-{}", filled.len());
        match storage::write(&key, &chunk) {
            Ok(()) => filled.push(key),
            Err(e) => break e,
        }
        assert!(filled.len() < 100, "storage never filled up");
    };
    assert_eq!(error, StorageError::QuotaExceeded);
    assert_eq!(
        storage::write(LEDGER_KEY, &"y".repeat(1 << 20)),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(storage::read(LEDGER_KEY).unwrap().as_deref(), Some("kept"));
    clear();
}

#[wasm_bindgen_test]
fn the_base_and_every_tail_load_as_one_ledger() {
    clear();
    let r = recorder();
    let at = clock::now();
    let a = r
        .set_status(clock::new_event_id(), TaskId(10), at, Status::Done, "")
        .unwrap();
    let b = r
        .add_note(clock::new_event_id(), TaskId(10), at, "甲")
        .unwrap();
    let c = r
        .add_note(clock::new_event_id(), TaskId(11), at, "乙")
        .unwrap();
    ledger_storage::write_base(&Ledger::from_iter([a.clone()])).unwrap();
    ledger_storage::write_tail(&tail_key("tab1"), [&b].into_iter()).unwrap();
    ledger_storage::write_tail(&tail_key("tab2"), [&c, &b].into_iter()).unwrap();
    let loaded = ledger_storage::load();
    assert_eq!(loaded.ledger, Ledger::from_iter([a, b, c]));
    let mut tails = loaded.tails.clone();
    tails.sort();
    assert_eq!(tails, [tail_key("tab1"), tail_key("tab2")]);
    assert!(loaded.unread.is_empty());
    // An empty tail is removed rather than written.
    ledger_storage::write_tail(&tail_key("tab1"), std::iter::empty()).unwrap();
    assert_eq!(storage::read(&tail_key("tab1")).unwrap(), None);
    clear();
}

#[wasm_bindgen_test]
fn a_damaged_tail_is_reported_not_dropped_silently() {
    clear();
    storage::write(&tail_key("broken"), "{\"schema_version\":1,\"events\":[").unwrap();
    let loaded = ledger_storage::load();
    assert_eq!(loaded.unread.len(), 1);
    assert_eq!(loaded.unread[0].key, tail_key("broken"));
    assert!(
        loaded.tails.is_empty(),
        "a damaged tail is never folded away"
    );
    clear();
}

#[wasm_bindgen_test]
fn ids_are_random_and_downloads_are_offered() {
    let ids: std::collections::BTreeSet<_> = (0..1000).map(|_| clock::new_event_id()).collect();
    assert_eq!(ids.len(), 1000);
    assert!(download::download_text(
        "测试.json",
        "application/json",
        "{}"
    ));
}
