//! The storage rules in the cases users meet: a refused import and the next note, undo of a
//! large import across tabs and reloads, undo before anything was written, and the room and
//! backup rules.

mod common;

use common::{FakeDb, Tab, file, note, stamp};
use duty_ledger::ledger::{DeviceId, EventId, Ledger};
use duty_ledger::vault::space::{self, Estimate, Shortfall};
use duty_ledger::vault::{Keeper, WriteFailure};

fn batch_id(n: u64) -> EventId {
    EventId::from_random((0xb000_0000_0000_0000 | n).to_be_bytes())
}

#[test]
fn a_refused_import_never_holds_back_the_next_note() {
    let mut db = FakeDb::default();
    let mut tab = Tab::open(&db);
    let big = file(1_000, 2_000);
    tab.keeper
        .import(&mut tab.ledger, batch_id(1), stamp(1), [&big]);
    // The import's transaction fails (storage full): nothing of it is written.
    let (id, _) = tab.keeper.take_next().unwrap();
    tab.keeper.failed(id, WriteFailure::Full);
    assert_eq!(tab.keeper.failure(), Some(&WriteFailure::Full));
    // The next note is its own transaction and goes through.
    tab.keeper.record(&mut tab.ledger, note(1, 1, 5));
    tab.write_one(&mut db, false).unwrap();
    assert!(
        tab.keeper.take_next().is_none(),
        "the failed import waits for a retry"
    );
    let after_reload = Tab::open(&db);
    assert_eq!(after_reload.ledger.len(), 1, "the note survives a reload");
    // Still in memory, and written once room is made.
    assert_eq!(tab.keeper.unsaved(), 2_000);
    tab.write_all(&mut db);
    assert_eq!(tab.keeper.failure(), None);
    assert_eq!(Tab::open(&db).ledger.len(), 2_001);
}

#[test]
fn undo_of_a_large_import_holds_in_every_tab_and_after_reload() {
    let mut db = FakeDb::default();
    let mut a = Tab::open(&db);
    let mut b = Tab::open(&db);
    a.keeper.record(&mut a.ledger, note(1, 1, 1));
    let big = file(10_000, 600);
    assert_eq!(
        a.keeper
            .import(&mut a.ledger, batch_id(1), stamp(2), [&big]),
        600
    );
    a.write_all(&mut db);
    b.catch_up(&db);
    assert_eq!(b.ledger.len(), 601);
    // The undo button survives a reload of the tab that imported.
    a = Tab::open(&db);
    let undoable = a.keeper.undoable().unwrap().id;
    assert_eq!(undoable, batch_id(1));
    // A note recorded after the import stays.
    a.keeper.record(&mut a.ledger, note(2, 1, 3));
    assert_eq!(a.keeper.undo(&mut a.ledger, undoable, stamp(4)), Some(600));
    let log_before = db.log.len();
    a.write_all(&mut db);
    assert_eq!(
        db.log.len(),
        log_before + 2,
        "one note, one undo: one transaction each"
    );
    assert_eq!(db.records.len(), 2);
    b.catch_up(&db);
    assert_eq!(b.ledger.len(), 2);
    assert!(big.events().all(|e| !b.ledger.contains(&e.id)));
    // b writes a note of its own: the undone records do not come back with it.
    b.keeper.record(&mut b.ledger, note(3, 2, 5));
    b.write_all(&mut db);
    a.catch_up(&db);
    for tab in [Tab::open(&db), a, b] {
        assert_eq!(tab.ledger.len(), 3);
        assert!(tab.keeper.undoable().is_none());
    }
}

#[test]
fn undo_before_the_import_was_written_writes_nothing() {
    let mut db = FakeDb::default();
    let mut tab = Tab::open(&db);
    let records = file(100, 5);
    tab.keeper
        .import(&mut tab.ledger, batch_id(1), stamp(1), [&records]);
    assert_eq!(
        tab.keeper.undo(&mut tab.ledger, batch_id(1), stamp(2)),
        Some(5)
    );
    assert!(tab.keeper.is_saved());
    tab.write_all(&mut db);
    assert!(db.records.is_empty() && db.log.is_empty());
    assert!(tab.ledger.is_empty());
}

#[test]
fn an_import_claims_only_what_was_new_in_the_database() {
    let mut db = FakeDb::default();
    let mut a = Tab::open(&db);
    let mut b = Tab::open(&db);
    // The office's merged file comes back holding this device's own notes, which another
    // tab wrote and this tab has not taken in yet.
    let own = note(1, 1, 1);
    b.keeper.record(&mut b.ledger, own.clone());
    b.write_all(&mut db);
    let mut merged = file(100, 4);
    merged.add(own.clone());
    a.keeper
        .import(&mut a.ledger, batch_id(1), stamp(2), [&merged]);
    a.write_all(&mut db);
    assert_eq!(
        a.keeper.undoable().unwrap().records.len(),
        4,
        "the batch claims only the records the database did not hold"
    );
    a.keeper.undo(&mut a.ledger, batch_id(1), stamp(3));
    a.write_all(&mut db);
    assert!(
        db.records.contains_key(&own.id.to_string()),
        "the own note stays"
    );
    assert_eq!(db.records.len(), 1);
    // The same file imported in two tabs: the second import finds nothing new and claims
    // nothing, so one undo takes the records back everywhere.
    let shared = file(200, 3);
    a.keeper
        .import(&mut a.ledger, batch_id(2), stamp(4), [&shared]);
    b.keeper
        .import(&mut b.ledger, batch_id(3), stamp(5), [&shared]);
    a.write_all(&mut db);
    b.write_all(&mut db);
    assert!(b.keeper.batches().all(|x| x.id != batch_id(3)));
    a.keeper.undo(&mut a.ledger, batch_id(2), stamp(6));
    a.write_all(&mut db);
    a.catch_up(&db);
    b.catch_up(&db);
    assert_eq!(a.ledger, b.ledger);
    assert_eq!(a.ledger, Tab::open(&db).ledger);
    assert_eq!(a.ledger.len(), 1);
}

#[test]
fn an_import_undone_while_its_write_fails_never_comes_back() {
    let mut db = FakeDb::default();
    let mut tab = Tab::open(&db);
    let records = file(100, 600);
    tab.keeper
        .import(&mut tab.ledger, batch_id(1), stamp(1), [&records]);
    assert!(tab.start(), "the import's write is running");
    tab.keeper.undo(&mut tab.ledger, batch_id(1), stamp(2));
    tab.finish(&mut db, true);
    tab.write_all(&mut db);
    assert!(db.records.is_empty());
    assert!(Tab::open(&db).ledger.is_empty());
    assert!(tab.keeper.is_saved());
}

#[test]
fn records_made_while_the_database_opens_are_kept() {
    let mut db = FakeDb::default();
    db.run(&duty_ledger::vault::Txn::records(vec![note(1, 1, 1)]));
    let mut early = Keeper::default();
    let mut early_ledger = Ledger::new();
    early.record(&mut early_ledger, note(2, 1, 2));
    let (mut keeper, mut ledger) = db.open();
    keeper.absorb(&mut ledger, early, &early_ledger);
    assert_eq!(ledger.len(), 2);
    let mut tab = Tab {
        keeper,
        ledger,
        running: None,
    };
    tab.write_all(&mut db);
    assert_eq!(Tab::open(&db).ledger.len(), 2);
}

#[test]
fn kept_copies_are_kept_once_and_deleted_on_request() {
    let mut db = FakeDb::default();
    let mut tab = Tab::open(&db);
    tab.keeper.keep(vec![common::kept("{broken")]);
    tab.keeper
        .keep(vec![common::kept("{broken"), common::kept("{broken")]);
    tab.write_all(&mut db);
    assert_eq!(db.kept.len(), 1);
    let mut other = Tab::open(&db);
    let hash = other.keeper.kept().next().unwrap().hash.clone();
    other.keeper.forget(&hash);
    other.write_all(&mut db);
    tab.catch_up(&db);
    assert_eq!(tab.keeper.kept().count(), 0);
    assert!(db.kept.is_empty());
}

#[test]
fn an_import_that_does_not_fit_is_refused_with_the_figures() {
    let records = file(1, 1_000);
    let needed = space::bytes_needed(records.events());
    assert!(needed > 1_000 * 200, "{needed}");
    let roomy = Estimate {
        usage: 1_000,
        quota: 10 * needed,
    };
    assert_eq!(space::fits(needed, Some(roomy)), Ok(()));
    let tight = Estimate {
        usage: 9 * needed,
        quota: 9 * needed + needed / 2,
    };
    assert_eq!(
        space::fits(needed, Some(tight)),
        Err(Shortfall {
            needed,
            free: needed / 2
        })
    );
    assert_eq!(
        space::fits(needed, None),
        Ok(()),
        "no estimate: try, report a failure"
    );
}

#[test]
fn the_export_reminder_follows_the_last_export() {
    const DAY: i64 = 24 * 60;
    let me = DeviceId::from_random([1; 8]);
    let mut ledger = Ledger::new();
    ledger.add(note(1, 1, 0));
    ledger.add(note(2, 7, 0)); // another device's record never asks this one to export
    // Never exported: reminded once the first record is more than 7 days old.
    assert!(!space::export_reminder(&ledger, me, None, stamp(7 * DAY)));
    assert!(space::export_reminder(
        &ledger,
        me,
        None,
        stamp(7 * DAY + 1)
    ));
    // Exported after the record: nothing new since, no reminder however long ago.
    assert!(!space::export_reminder(
        &ledger,
        me,
        Some(stamp(1)),
        stamp(30 * DAY)
    ));
    // Recorded since an export that is more than 7 days old: reminded.
    ledger.add(note(3, 1, 20 * DAY));
    assert!(space::export_reminder(
        &ledger,
        me,
        Some(stamp(1)),
        stamp(20 * DAY + 1)
    ));
    assert!(!space::export_reminder(
        &ledger,
        me,
        Some(stamp(15 * DAY)),
        stamp(20 * DAY + 1)
    ));
}

/// A stored value that cannot be read (garbage from a failing disk, a control character such as
/// U+001E, another program's object) hides nothing but itself: every other record shows, the
/// bad ones are counted, left in the database untouched, and offered as a copy.
#[test]
fn an_unreadable_stored_value_hides_only_itself_and_is_offered_as_a_copy() {
    let mut db = FakeDb::default();
    let mut tab = Tab::open(&db);
    for n in 0..300 {
        tab.keeper.record(&mut tab.ledger, note(n, 1, n as i64 + 1));
    }
    tab.write_all(&mut db);
    let keys: Vec<String> = db.records.keys().cloned().collect();
    let garbage = [
        "\u{1e}".to_string(),
        format!("{}\u{1e}{}", db.records[&keys[0]], db.records[&keys[1]]),
        "{\"id\":".to_string(),
        String::new(),
    ];
    for (key, bad) in [&keys[7], &keys[100], &keys[150], &keys[299]]
        .into_iter()
        .zip(&garbage)
    {
        db.records.insert(key.clone(), bad.clone());
    }
    let before = db.records.clone();
    let mut reloaded = Tab::open(&db);
    assert_eq!(
        reloaded.ledger.len(),
        296,
        "only the four bad values are missing"
    );
    assert_eq!(reloaded.keeper.unreadable().len(), 4);
    let copy: Vec<serde_json::Value> =
        serde_json::from_str(&reloaded.keeper.unreadable_copy().unwrap()).unwrap();
    assert_eq!(copy.len(), 4);
    for entry in &copy {
        let key = entry["key"].as_str().unwrap();
        assert_eq!(
            entry["value"].as_str().unwrap(),
            before[key],
            "the stored text as it is"
        );
    }
    // Writing on goes on beside them; they stay as they were.
    reloaded
        .keeper
        .record(&mut reloaded.ledger, note(400, 1, 401));
    reloaded.write_all(&mut db);
    for key in [&keys[7], &keys[100], &keys[150], &keys[299]] {
        assert_eq!(db.records[key], before[key], "left in place");
    }
    assert_eq!(Tab::open(&db).ledger.len(), 297);
    assert_eq!(Tab::open(&FakeDb::default()).keeper.unreadable_copy(), None);
}

/// An export waits while work is written or queued (this device's records are sealed, and so
/// signed and carried, only once written), but not for work that failed and waits for a retry.
#[test]
fn an_export_waits_for_queued_writes_but_not_for_failed_ones() {
    let mut db = FakeDb::default();
    db.own = Some(DeviceId::from_random([1; 8]));
    let mut tab = Tab::open(&db);
    assert!(!tab.keeper.writing(), "nothing to wait for");
    tab.keeper.record(&mut tab.ledger, note(1, 1, 1));
    assert!(tab.keeper.writing(), "a record queued");
    assert!(
        tab.ledger.events().all(|e| !e.is_sealed()),
        "not yet in the log"
    );
    let (id, _) = tab.keeper.take_next().unwrap();
    assert!(tab.keeper.writing(), "a record being written");
    tab.keeper.failed(id, WriteFailure::Full);
    assert!(
        !tab.keeper.writing(),
        "failed work waits for a retry, not the export"
    );
    tab.write_all(&mut db);
    assert!(!tab.keeper.writing());
    assert!(
        tab.ledger.events().all(|e| e.is_sealed()),
        "once written, the record has its place in the log and can be signed"
    );
}

/// The change log is pruned only up to what every live tab has taken in, in steps of at least
/// `PRUNE_AT_LEAST`; a tab whose mark went stale (asleep, or closed without saying) no longer
/// holds it back (it reads everything stored when it wakes: `tests/vault_model.rs`).
#[test]
fn the_change_log_is_pruned_up_to_every_live_tab_mark() {
    use duty_ledger::vault::{PRUNE_AT_LEAST, TAB_ALIVE_MS, prunable};
    let now = 1_800_000_000_000;
    assert_eq!(prunable(&[], now, 0), None);
    assert_eq!(
        prunable(&[(500, now), (300, now - 1000)], now, 0),
        Some(300)
    );
    // Too little to delete since the last pruning.
    assert_eq!(prunable(&[(500, now)], now, 500 - PRUNE_AT_LEAST + 1), None);
    assert_eq!(
        prunable(&[(500, now)], now, 500 - PRUNE_AT_LEAST),
        Some(500)
    );
    // A stale mark does not count; a mark just within the time does.
    assert_eq!(
        prunable(&[(500, now), (10, now - TAB_ALIVE_MS - 1)], now, 0),
        Some(500)
    );
    assert_eq!(
        prunable(&[(500, now), (10, now - TAB_ALIVE_MS)], now, 0),
        None
    );
}
