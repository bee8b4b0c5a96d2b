//! Moving the old localStorage layout into the database: every stored schema version (the
//! fixtures), a base with tails, backups, the last undone import, unreadable documents, and a
//! move cut short. Nothing is lost, nothing doubled, nothing undone comes back.

mod common;

use std::collections::BTreeMap;

use common::{FakeDb, Tab, file, note, stamp};
use duty_ledger::ledger::Ledger;
use duty_ledger::ledger::document::{restore, to_json};
use duty_ledger::vault::migrate::{self, OLD_LEDGER_KEY, OLD_RETRACTED_KEY, plan, verified};
use duty_ledger::vault::{Txn, read_batches};

const V1: &str = include_str!("fixtures/ledger-v1.json");
const V1_WORK_DATES: &str = include_str!("fixtures/ledger-v1-work-dates.json");

fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Runs the move as the shell does: one transaction, read back, then the keys go.
fn migrate(db: &mut FakeDb, old: &mut Vec<(String, String)>) {
    let batches = read_batches(&db.batches.values().cloned().collect::<Vec<_>>());
    let Some(migration) = plan(old, &batches, stamp(0)) else {
        return;
    };
    db.run(&migration.txn);
    let records: Vec<(String, String)> = db
        .records
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert!(verified(&migration, &records, &db.kept_hashes()));
    old.retain(|(k, _)| !migration.remove.contains(k));
}

#[test]
fn every_stored_schema_version_moves_in_full() {
    for (name, text) in [("v1", V1), ("v1 with work dates", V1_WORK_DATES)] {
        let mut db = FakeDb::default();
        let mut old = entries(&[(OLD_LEDGER_KEY, text), ("duty-ledger:profile", "{}")]);
        migrate(&mut db, &mut old);
        let (_, ledger) = db.open();
        assert_eq!(ledger, restore(text).ledger, "{name}");
        assert_eq!(
            old,
            entries(&[("duty-ledger:profile", "{}")]),
            "{name}: only the profile stays"
        );
        assert!(db.kept.is_empty(), "{name}: nothing unreadable");
    }
}

#[test]
fn base_and_tails_merge_and_backups_are_kept_once() {
    let base = restore(V1).ledger;
    let tail_a: Ledger = [note(1, 1, 1), note(2, 1, 2)].into_iter().collect();
    let tail_b: Ledger = [note(2, 1, 2), note(3, 2, 3)].into_iter().collect();
    let mut old = entries(&[
        (OLD_LEDGER_KEY, &to_json(&base)),
        ("duty-ledger:ledger:tail:aaaa", &to_json(&tail_a)),
        ("duty-ledger:ledger:tail:bbbb", &to_json(&tail_b)),
        (
            "duty-ledger:backup:duty-ledger:ledger:2023-11-01",
            "{broken",
        ),
        (
            "duty-ledger:backup:duty-ledger:ledger:2023-11-02",
            "{broken",
        ),
    ]);
    let mut db = FakeDb::default();
    migrate(&mut db, &mut old);
    assert!(old.is_empty());
    let (keeper, ledger) = db.open();
    assert_eq!(ledger.len(), base.len() + 3);
    // The same broken text, backed up twice by the old app, is kept once.
    assert_eq!(keeper.kept().count(), 1);
    assert_eq!(keeper.kept().next().unwrap().text, "{broken");
}

#[test]
fn an_unreadable_document_is_kept_and_what_can_be_read_moves() {
    let mut damaged = V1.replacen("\"task\":10", "\"task\":999", 1);
    damaged.push(' ');
    let mut old = entries(&[
        (OLD_LEDGER_KEY, &damaged),
        ("duty-ledger:ledger:tail:t", "not json"),
    ]);
    let mut db = FakeDb::default();
    let batches = BTreeMap::new();
    let migration = plan(&old, &batches, stamp(0)).unwrap();
    assert_eq!(migration.problems.len(), 2);
    migrate(&mut db, &mut old);
    let (keeper, ledger) = db.open();
    assert_eq!(ledger.len(), 6, "the six good records of seven");
    let kept: Vec<&str> = keeper.kept().map(|k| k.text.as_str()).collect();
    assert!(kept.contains(&damaged.as_str()) && kept.contains(&"not json"));
}

#[test]
fn the_last_undone_import_stays_undone() {
    // The old app's bug: the undone records were still in the base document.
    let imported = file(500, 600);
    let mut base = restore(V1).ledger;
    base.merge(&imported);
    let ids: Vec<String> = imported.events().map(|e| e.id.to_string()).collect();
    let mut old = entries(&[
        (OLD_LEDGER_KEY, &to_json(&base)),
        (OLD_RETRACTED_KEY, &serde_json::to_string(&ids).unwrap()),
    ]);
    let mut db = FakeDb::default();
    migrate(&mut db, &mut old);
    let (_, ledger) = db.open();
    assert_eq!(ledger, restore(V1).ledger);
    // An old tab still open writes the base again: it moves, but the undone records do not.
    let mut again = entries(&[(OLD_LEDGER_KEY, &to_json(&base))]);
    migrate(&mut db, &mut again);
    let (_, ledger) = db.open();
    assert_eq!(ledger, restore(V1).ledger);
    assert_eq!(db.batches.len(), 1);
}

#[test]
fn a_move_cut_short_runs_again_without_doubling() {
    let tail: Ledger = [note(7, 1, 7)].into_iter().collect();
    let old = entries(&[
        (OLD_LEDGER_KEY, V1),
        ("duty-ledger:ledger:tail:x", &to_json(&tail)),
        ("duty-ledger:backup:k:1", "old copy"),
    ]);
    // First start: the transaction committed, then the tab closed before the keys went.
    let mut db = FakeDb::default();
    let first = plan(&old, &BTreeMap::new(), stamp(0)).unwrap();
    db.run(&first.txn);
    let after_first = db.clone();
    // Next start: the same move again.
    let mut remaining = old.clone();
    migrate(&mut db, &mut remaining);
    assert!(remaining.is_empty());
    assert_eq!(
        db.records, after_first.records,
        "no record doubled or changed"
    );
    assert_eq!(db.kept, after_first.kept, "no copy kept twice");
    // A transaction that never committed left nothing: the keys are still there, so the
    // next start moves everything.
    let mut empty = FakeDb::default();
    assert!(Tab::open(&empty).ledger.is_empty());
    migrate(&mut empty, &mut old.clone());
    assert_eq!(empty.records, after_first.records);
}

#[test]
fn keys_stay_until_the_database_holds_everything() {
    let old = entries(&[(OLD_LEDGER_KEY, V1)]);
    let migration = plan(&old, &BTreeMap::new(), stamp(0)).unwrap();
    let Txn::Write { add, .. } = &migration.txn else {
        panic!("a move is a write");
    };
    // Read back with one record missing: not verified.
    let records: Vec<(String, String)> = add[1..]
        .iter()
        .map(|e| (e.id.to_string(), duty_ledger::vault::record_value(e)))
        .collect();
    assert!(!verified(&migration, &records, &[]));
    // A record stored under its id with other content: not verified either.
    let mut changed = add.clone();
    if let duty_ledger::ledger::Change::Note { text, .. } = &mut changed[1].change {
        text.push('!');
    }
    let records: Vec<(String, String)> = changed
        .iter()
        .map(|e| (e.id.to_string(), duty_ledger::vault::record_value(e)))
        .collect();
    assert!(!verified(&migration, &records, &[]));
}

#[test]
fn only_the_old_ledger_keys_move() {
    assert!(migrate::is_old_key("duty-ledger:ledger"));
    assert!(migrate::is_old_key("duty-ledger:ledger:tail:abc"));
    assert!(migrate::is_old_key(
        "duty-ledger:backup:duty-ledger:profile:2023"
    ));
    assert!(migrate::is_old_key("duty-ledger:retracted"));
    assert!(!migrate::is_old_key("duty-ledger:profile"));
    assert!(!migrate::is_old_key("other-app:ledger"));
    assert!(
        plan(
            &entries(&[("duty-ledger:profile", "{}")]),
            &BTreeMap::new(),
            stamp(0)
        )
        .is_none()
    );
}

/// The move of this device's old records is verified even though the write sealed them
/// (gave them their places in the device's log) on the way in.
#[test]
fn a_move_sealed_on_the_way_in_is_verified() {
    use duty_ledger::vault::migrate;
    let own = note(1, 1, 1);
    let other = note(2, 2, 2);
    let text = serde_json::json!({ "schema_version": 1, "events": [own, other] }).to_string();
    let old = vec![(migrate::OLD_LEDGER_KEY.to_string(), text)];
    let migration = migrate::plan(&old, &Default::default(), stamp(9)).unwrap();
    let mut db = FakeDb::default();
    db.own = Some(own.device);
    db.run(&migration.txn);
    let (records, _) = db.read(&migration.expected(), &[]);
    assert!(
        records
            .iter()
            .filter_map(|(k, v)| duty_ledger::vault::read_record(k, v))
            .any(|e| e.id == own.id && e.seq == Some(1)),
        "sealed on the way in"
    );
    assert!(migrate::verified(&migration, &records, &[]));
}
