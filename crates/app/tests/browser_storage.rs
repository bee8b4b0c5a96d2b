//! The IndexedDB shell against a real database in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test browser_storage`): opening, a write read
//! back whole, add-only records, an undo that takes only what no other live import claims,
//! the change log other tabs read, and reads of named records.
//!
//! `ledger_db::db_name()` is fixed (the built-in plan's), so every test starts by deleting the database (its open
//! connections close themselves on the version change) and opens a fresh one. The tests run
//! one after another in one page.
#![cfg(target_arch = "wasm32")]

use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{Event, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::vault::{Batch, ChangeEntry, Committed, Keeper, Kept, Txn, record_value};
use duty_ledger_app::browser::ledger_db::{DB_VERSION, LedgerDb, db_name};
use duty_ledger_app::browser::{clock, download};
use js_sys::Promise;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Deletes the app's database, then opens it afresh.
async fn fresh() -> LedgerDb {
    let factory = web_sys::window()
        .unwrap()
        .indexed_db()
        .unwrap()
        .expect("IndexedDB in Chromium");
    let request = factory.delete_database(&db_name()).unwrap();
    let done = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(done).await.expect("the database is deleted");
    LedgerDb::open(|| panic!("nothing holds an older version"), || {})
        .await
        .expect("the database opens")
}

fn recorder() -> Recorder {
    Recorder {
        unit: UnitId::from_name("区教育局").unwrap(),
        device: clock::new_device_id(),
        author: None,
        hlc: None,
    }
}

fn note(text: &str) -> Event {
    recorder()
        .add_note(clock::new_event_id(), TaskId(10), clock::now(), text)
        .unwrap()
}

fn write(add: Vec<Event>, batches: Vec<Batch>) -> Txn {
    Txn::Write {
        add,
        batches,
        keep: Vec::new(),
        forget: Vec::new(),
    }
}

fn batch(records: &[&Event]) -> Batch {
    let mut records: Vec<EventId> = records.iter().map(|e| e.id).collect();
    records.sort();
    Batch {
        id: clock::new_event_id(),
        at: clock::now(),
        files: 1,
        records,
        undone: None,
    }
}

fn stored_ids(records: &[(String, String)]) -> Vec<String> {
    let mut ids: Vec<String> = records.iter().map(|(k, _)| k.clone()).collect();
    ids.sort();
    ids
}

fn ids_of(events: &[&Event]) -> Vec<String> {
    let mut ids: Vec<String> = events.iter().map(|e| e.id.to_string()).collect();
    ids.sort();
    ids
}

/// This device's records are sealed into its log inside the write transaction: the write
/// says how they were stored, and the next write continues the chain from the stored head.
#[wasm_bindgen_test]
async fn own_records_are_sealed_when_written_and_the_chain_continues() {
    let db = fresh().await;
    let own = recorder();
    db.set_own(own.device);
    let make = |text: &str| {
        own.add_note(clock::new_event_id(), TaskId(10), clock::now(), text)
            .unwrap()
    };
    let (a, b, c) = (make("甲"), make("乙"), make("丙"));
    let Committed::Write(first) = db
        .run(&write(vec![a.clone(), b.clone()], Vec::new()))
        .await
        .unwrap()
    else {
        panic!("a write");
    };
    assert_eq!(
        first.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    assert_eq!(first[0].prev, None);
    assert_eq!(
        first[1].prev,
        Some(duty_ledger::trust::record::digest(&first[0]))
    );
    assert_eq!(first[0].id, a.id);
    let Committed::Write(second) = db.run(&write(vec![c.clone()], Vec::new())).await.unwrap()
    else {
        panic!("a write");
    };
    assert_eq!(second[0].seq, Some(3));
    assert_eq!(
        second[0].prev,
        Some(duty_ledger::trust::record::digest(&first[1]))
    );
    // Stored sealed.
    let snapshot = db.snapshot().await.unwrap();
    let stored = snapshot
        .records
        .iter()
        .find(|(k, _)| *k == c.id.to_string())
        .unwrap();
    assert_eq!(stored.1, record_value(&second[0]));
    // Another device's records pass through unsealed.
    let other = note("丁");
    assert_eq!(
        db.run(&write(vec![other], Vec::new())).await.unwrap(),
        Committed::Write(Vec::new())
    );
}

#[wasm_bindgen_test]
async fn a_new_database_is_empty_at_the_current_version() {
    let db = fresh().await;
    // Version 2 added each device's chain head and the signed proofs received (format 3).
    assert_eq!(DB_VERSION, 2);
    let snapshot = db.snapshot().await.unwrap();
    assert!(snapshot.records.is_empty());
    assert!(snapshot.batches.is_empty());
    assert!(snapshot.kept.is_empty());
    assert_eq!(snapshot.last_change, 0);
    assert!(db.changes_since(0).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_write_is_read_back_whole_by_a_snapshot() {
    let db = fresh().await;
    let status = recorder()
        .set_status(
            clock::new_event_id(),
            TaskId(11),
            clock::now(),
            Status::Blocked,
            "等待配合",
        )
        .unwrap();
    let (a, b) = (note("甲"), note("乙"));
    let import = batch(&[&a, &b]);
    let txn = write(
        vec![a.clone(), b.clone(), status.clone()],
        vec![import.clone()],
    );
    // No device of its own set: records are stored as given, none sealed.
    assert_eq!(db.run(&txn).await.unwrap(), Committed::Write(Vec::new()));
    assert_eq!(db.changes_since(0).await.unwrap(), [(1, txn.change())]);
    let snapshot = db.snapshot().await.unwrap();
    assert_eq!(stored_ids(&snapshot.records), ids_of(&[&a, &b, &status]));
    for (key, value) in &snapshot.records {
        let event = [&a, &b, &status]
            .into_iter()
            .find(|e| e.id.to_string() == *key)
            .unwrap();
        assert_eq!(*value, record_value(event), "stored as its JSON text");
    }
    assert_eq!(snapshot.last_change, 1);
    let (keeper, ledger) = Keeper::open(&snapshot);
    assert_eq!(ledger, Ledger::from_iter([a, b, status]));
    assert_eq!(keeper.batches().cloned().collect::<Vec<_>>(), [import]);
    assert!(keeper.unreadable().is_empty());
}

#[wasm_bindgen_test]
async fn adding_an_existing_id_keeps_the_stored_value_and_the_rest_of_the_transaction() {
    let db = fresh().await;
    let first = note("原文");
    db.run(&write(vec![first.clone()], Vec::new()))
        .await
        .unwrap();
    // Another writer's record under the same id, in a transaction with a new record.
    let mut rival = first.clone();
    rival.author = Some("别人".to_string());
    let new = note("新记录");
    db.run(&write(vec![rival, new.clone()], Vec::new()))
        .await
        .expect("an existing id does not abort the transaction");
    let snapshot = db.snapshot().await.unwrap();
    assert_eq!(stored_ids(&snapshot.records), ids_of(&[&first, &new]));
    let stored = snapshot
        .records
        .iter()
        .find(|(k, _)| *k == first.id.to_string())
        .unwrap();
    assert_eq!(
        stored.1,
        record_value(&first),
        "records are never rewritten"
    );
    assert_eq!(snapshot.last_change, 2);
}

#[wasm_bindgen_test]
async fn undo_deletes_only_the_records_no_other_live_import_claims() {
    let db = fresh().await;
    let (a, b, c, own) = (note("一"), note("二"), note("三"), note("自己的"));
    let first = batch(&[&a, &b]);
    let second = batch(&[&b, &c]);
    db.run(&write(vec![a.clone(), b.clone()], vec![first.clone()]))
        .await
        .unwrap();
    db.run(&write(vec![c.clone()], vec![second.clone()]))
        .await
        .unwrap();
    db.run(&write(vec![own.clone()], Vec::new())).await.unwrap();
    let entry = db
        .run(&Txn::Undo {
            batch: first.id,
            at: clock::now(),
        })
        .await
        .unwrap();
    assert_eq!(entry, Committed::Undo(vec![a.id]));
    assert_eq!(
        db.changes_since(3).await.unwrap()[0].1,
        ChangeEntry {
            batches: vec![first.id],
            ..ChangeEntry::default()
        }
    );
    let snapshot = db.snapshot().await.unwrap();
    assert_eq!(
        stored_ids(&snapshot.records),
        ids_of(&[&b, &c, &own]),
        "b stays: the second import brought it too"
    );
    let (keeper, ledger) = Keeper::open(&snapshot);
    let undone = keeper.batches().find(|x| x.id == first.id).unwrap();
    assert!(undone.undone.is_some());
    assert!(!ledger.contains(&a.id));
    assert_eq!(keeper.undoable().map(|x| x.id), Some(second.id));
    // Undoing it again, or an import never stored, changes nothing and logs nothing.
    for id in [first.id, clock::new_event_id()] {
        let entry = db
            .run(&Txn::Undo {
                batch: id,
                at: clock::now(),
            })
            .await
            .unwrap();
        assert_eq!(entry, Committed::Undo(Vec::new()));
    }
    assert_eq!(db.snapshot().await.unwrap(), snapshot);
}

#[wasm_bindgen_test]
async fn undo_of_a_large_import_is_one_transaction() {
    let db = fresh().await;
    let events: Vec<Event> = (0..600).map(|i| note(&format!("第{i}条"))).collect();
    let import = batch(&events.iter().collect::<Vec<_>>());
    db.run(&write(events.clone(), vec![import.clone()]))
        .await
        .unwrap();
    assert_eq!(db.snapshot().await.unwrap().records.len(), 600);
    db.run(&Txn::Undo {
        batch: import.id,
        at: clock::now(),
    })
    .await
    .unwrap();
    let snapshot = db.snapshot().await.unwrap();
    assert!(snapshot.records.is_empty());
    assert_eq!(snapshot.last_change, 2, "one log entry for the whole undo");
}

#[wasm_bindgen_test]
async fn the_change_log_lists_what_came_after_and_read_fetches_named_records() {
    let db = fresh().await;
    let (a, b, c) = (note("一"), note("二"), note("三"));
    let import = batch(&[&c]);
    db.run(&write(vec![a.clone()], Vec::new())).await.unwrap();
    db.run(&write(vec![b.clone()], Vec::new())).await.unwrap();
    db.run(&write(vec![c.clone()], vec![import.clone()]))
        .await
        .unwrap();
    let kept = Kept::new("duty-ledger:ledger", clock::now(), "{\"broken");
    db.run(&Txn::kept(vec![kept.clone()], Vec::new()))
        .await
        .unwrap();

    let all = db.changes_since(0).await.unwrap();
    assert_eq!(all.len(), 4);
    assert!(all.windows(2).all(|w| w[0].0 < w[1].0), "oldest first");
    assert_eq!(all[0].1.records, [a.id]);
    assert_eq!(all[2].1.batches, [import.id]);
    assert!(all[3].1.kept);
    let later = db.changes_since(all[1].0).await.unwrap();
    assert_eq!(later, all[2..].to_vec());
    assert!(db.changes_since(all[3].0).await.unwrap().is_empty());

    let missing = clock::new_event_id();
    let (records, batches, kept_read) = db
        .read(&[a.id, c.id, missing], &[import.id], true)
        .await
        .unwrap();
    assert_eq!(
        records,
        vec![
            (a.id.to_string(), record_value(&a)),
            (c.id.to_string(), record_value(&c)),
        ],
        "records no longer stored are left out"
    );
    assert_eq!(batches.len(), 1);
    assert_eq!(serde_json::from_str::<Batch>(&batches[0]).unwrap(), import);
    let kept_read = kept_read.expect("kept copies asked for");
    assert_eq!(serde_json::from_str::<Kept>(&kept_read[0]).unwrap(), kept);
    let (_, _, none) = db.read(&[b.id], &[], false).await.unwrap();
    assert_eq!(none, None);

    // A kept copy deleted at the user's request is gone; keeping the same text again stores
    // it once.
    db.run(&Txn::kept(Vec::new(), vec![kept.hash.clone()]))
        .await
        .unwrap();
    assert!(db.snapshot().await.unwrap().kept.is_empty());
    for _ in 0..2 {
        db.run(&Txn::kept(vec![kept.clone()], Vec::new()))
            .await
            .unwrap();
    }
    assert_eq!(db.snapshot().await.unwrap().kept.len(), 1);
}

#[wasm_bindgen_test]
async fn two_connections_see_each_others_writes() {
    let db = fresh().await;
    let other = LedgerDb::open(|| {}, || {}).await.unwrap();
    let (a, b) = (note("甲页"), note("乙页"));
    let (x, y) = futures_join(
        db.run(&write(vec![a.clone()], Vec::new())),
        other.run(&write(vec![b.clone()], Vec::new())),
    )
    .await;
    x.unwrap();
    y.unwrap();
    for connection in [&db, &other] {
        let snapshot = connection.snapshot().await.unwrap();
        assert_eq!(stored_ids(&snapshot.records), ids_of(&[&a, &b]));
        assert_eq!(snapshot.last_change, 2);
    }
}

/// Runs two futures at once (no extra dependency for a join).
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none()
            && let Poll::Ready(v) = a.as_mut().poll(cx)
        {
            ra = Some(v);
        }
        if rb.is_none()
            && let Poll::Ready(v) = b.as_mut().poll(cx)
        {
            rb = Some(v);
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
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

#[wasm_bindgen_test]
async fn an_import_claims_only_what_the_database_did_not_hold() {
    let db = fresh().await;
    let own = note("本机已保存的");
    db.run(&write(vec![own.clone()], Vec::new())).await.unwrap();
    let fresh_note = note("新的");
    let import = batch(&[&own, &fresh_note]);
    let committed = db
        .run(&Txn::Import {
            batch: import.clone(),
            add: vec![own.clone(), fresh_note.clone()],
        })
        .await
        .unwrap();
    let Committed::Import(Some(stored)) = committed else {
        panic!("the import stores a batch: {committed:?}");
    };
    assert_eq!(stored.records, [fresh_note.id]);
    // Its undo leaves the record stored before it.
    db.run(&Txn::Undo {
        batch: import.id,
        at: clock::now(),
    })
    .await
    .unwrap();
    let snapshot = db.snapshot().await.unwrap();
    assert_eq!(stored_ids(&snapshot.records), ids_of(&[&own]));
    // An import of nothing new stores no batch and logs nothing.
    let before = db.snapshot().await.unwrap().last_change;
    let again = batch(&[&own]);
    assert_eq!(
        db.run(&Txn::Import {
            batch: again,
            add: vec![own.clone()],
        })
        .await
        .unwrap(),
        Committed::Import(None)
    );
    assert_eq!(db.snapshot().await.unwrap().last_change, before);
}

/// Writes values straight into the records store, as a failing disk or another program might.
async fn write_raw(entries: &[(&str, wasm_bindgen::JsValue)]) {
    use duty_ledger_app::browser::idb;
    let raw = idb::open(&db_name(), DB_VERSION, |_, _| {}, || {})
        .await
        .expect("a second connection opens");
    let tx = idb::transaction(&raw, &["records"], web_sys::IdbTransactionMode::Readwrite).unwrap();
    let store = idb::store(&tx, "records");
    for (key, value) in entries {
        store
            .put_with_key(value, &wasm_bindgen::JsValue::from_str(key))
            .unwrap();
    }
    idb::finish(&tx).await.unwrap();
    raw.close();
}

/// One stored value holding U+001E (the separator the snapshot copies with), a value that is
/// not text, and plain garbage each hide only themselves: every other record reads, the bad
/// ones are counted, copied as they are for download, and left in the database.
#[wasm_bindgen_test]
async fn a_bad_stored_value_hides_only_itself() {
    let db = fresh().await;
    let good: Vec<Event> = (0..200).map(|n| note(&format!("第 {n} 条"))).collect();
    db.run(&write(good.clone(), Vec::new())).await.unwrap();
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"text".into(), &"另一个程序".into()).unwrap();
    let bad = [
        (
            "0000000000000000-bad-1",
            wasm_bindgen::JsValue::from_str("{\"id\":\u{1e}\"x\"}"),
        ),
        (
            "0000000000000000-bad-2",
            wasm_bindgen::JsValue::from_str("\u{1e}\u{1e}"),
        ),
        ("zzzzzzzzzzzzzzzz-bad-3", object.into()),
        (
            "zzzzzzzzzzzzzzzz-bad-4",
            wasm_bindgen::JsValue::from_f64(4.0),
        ),
        (
            "zzzzzzzzzzzzzzzz-bad-5",
            wasm_bindgen::JsValue::from_str("not json"),
        ),
    ];
    // Also a bad value under a genuine record's key, and a key holding the separator.
    let broken = good[17].id.to_string();
    let tail = format!("{}\u{1e}", record_value(&good[18]));
    let mut entries: Vec<(&str, wasm_bindgen::JsValue)> = bad.to_vec();
    entries.push((&broken, wasm_bindgen::JsValue::from_str(&tail)));
    entries.push((
        "k\u{1e}ey",
        wasm_bindgen::JsValue::from_str(&record_value(&good[19])),
    ));
    write_raw(&entries).await;

    let snapshot = db.snapshot().await.unwrap();
    assert_eq!(
        snapshot.records.len(),
        200 + 6,
        "one pair per stored record"
    );
    let (keeper, ledger) = Keeper::open(&snapshot);
    assert_eq!(ledger.len(), 199, "only the overwritten record is missing");
    for event in good.iter().filter(|e| e.id != good[17].id) {
        assert_eq!(ledger.get(&event.id), Some(event));
    }
    let mut unreadable: Vec<&str> = keeper
        .unreadable()
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    unreadable.sort();
    let mut expected = vec![
        "0000000000000000-bad-1",
        "0000000000000000-bad-2",
        broken.as_str(),
        "k\u{1e}ey",
        "zzzzzzzzzzzzzzzz-bad-3",
        "zzzzzzzzzzzzzzzz-bad-4",
        "zzzzzzzzzzzzzzzz-bad-5",
    ];
    expected.sort();
    assert_eq!(unreadable, expected);
    let copy = keeper.unreadable_copy().unwrap();
    assert!(
        copy.contains("另一个程序"),
        "an object is copied as its JSON"
    );
    assert!(
        copy.contains("\\u001e"),
        "the text as it is, separator included"
    );
    // Left in place: a later snapshot reads them again, unchanged.
    db.run(&write(vec![note("之后")], Vec::new()))
        .await
        .unwrap();
    let again = db.snapshot().await.unwrap();
    let (keeper, ledger) = Keeper::open(&again);
    assert_eq!(ledger.len(), 200);
    assert_eq!(keeper.unreadable().len(), 7);
}

/// The change log is bounded: `prune` deletes the entries up to a key and stores that key, so
/// a tab reading after an entry that is gone learns it (and reads everything stored instead),
/// a fresh start's mark is never behind it, and the mark never goes back. `run` says which
/// entry its transaction logged.
#[wasm_bindgen_test]
async fn pruning_the_change_log_leaves_a_mark_no_tab_misses() {
    let db = fresh().await;
    let mut keys = Vec::new();
    for text in ["一", "二", "三"] {
        db.run(&write(vec![note(text)], Vec::new())).await.unwrap();
        keys.push(db.logged());
    }
    assert_eq!(keys, [1, 2, 3], "each write says the entry it logged");
    db.prune(2).await.unwrap();
    let (entries, pruned) = db.changes_after(0).await.unwrap();
    assert_eq!(pruned, 2);
    assert_eq!(entries.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [3]);
    let mut keeper = Keeper::default();
    assert!(
        keeper.missed(pruned),
        "a tab that had seen nothing missed entries 1 and 2"
    );
    let (keeper_now, _) = Keeper::open(&db.snapshot().await.unwrap());
    keeper = keeper_now;
    assert_eq!(keeper.seen(), 3);
    assert!(!keeper.missed(pruned));
    // Everything up to the end: a fresh start still starts after it.
    db.prune(3).await.unwrap();
    assert!(db.changes_since(0).await.unwrap().is_empty());
    assert_eq!(db.snapshot().await.unwrap().last_change, 3);
    // An older prune never moves the mark back.
    db.prune(1).await.unwrap();
    assert_eq!(db.changes_after(0).await.unwrap().1, 3);
    db.run(&write(vec![note("四")], Vec::new())).await.unwrap();
    assert_eq!(db.logged(), 4);
}
