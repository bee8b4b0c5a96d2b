//! The ledger's database: four object stores (see [`crate::vault`] for what each holds) and
//! the transactions the vault decides, carried out as they are. Records are stored as their
//! JSON text under their id; batches, log entries and kept copies likewise as JSON text.

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbCursorDirection, IdbDatabase, IdbKeyRange, IdbTransactionMode};

use super::idb::{self, OpenError};
use crate::foundation::time::Stamp;
use crate::ledger::EventId;
use crate::vault::{
    self, BatchId, ChangeEntry, Committed, Snapshot, Txn, WriteFailure, record_value,
};

/// The database of the plan in use (`vault::plans::database_name`).
pub fn db_name() -> String {
    crate::vault::plans::database_name(&crate::plan::plan().id)
}
/// The layout version; a newer app raises it and this one then stops writing.
pub const DB_VERSION: u32 = 2;

const RECORDS: &str = "records";
const BATCHES: &str = "batches";
const CHANGES: &str = "changes";
const KEPT: &str = "kept";
/// Version 2: the head of this device's log (keyed by device id) and the signed heads of other
/// devices received in files (keyed `device:seq`), which exports relay.
const HEADS: &str = "heads";
const PROOFS: &str = "proofs";
const ALL: [&str; 6] = [RECORDS, BATCHES, CHANGES, KEPT, HEADS, PROOFS];

#[derive(Clone)]
pub struct LedgerDb {
    db: IdbDatabase,
    /// This device, whose new records a write seals (`vault::seal_write`).
    own: std::cell::Cell<Option<crate::ledger::DeviceId>>,
    /// The change-log key of the last transaction [`LedgerDb::run`] committed (0: none).
    logged: std::rc::Rc<std::cell::Cell<u64>>,
}

thread_local! {
    /// The log entry the transaction being issued adds (read once it has committed).
    static LOGGING: std::cell::RefCell<Option<web_sys::IdbRequest>> =
        const { std::cell::RefCell::new(None) };
}

/// The newest change-log key pruned, as `heads` stores it under `vault::PRUNED_KEY`: its
/// decimal text, like every stored value text (0: none, or unreadable).
fn pruned_of(request: &web_sys::IdbRequest) -> u64 {
    idb::result(request)
        .as_string()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0)
}

fn create_stores(db: &IdbDatabase, old_version: u32) {
    if old_version < 1 {
        for name in [RECORDS, BATCHES, KEPT] {
            let _ = db.create_object_store(name);
        }
        let log = web_sys::IdbObjectStoreParameters::new();
        log.set_auto_increment(true);
        let _ = db.create_object_store_with_optional_parameters(CHANGES, &log);
    }
    if old_version < 2 {
        for name in [HEADS, PROOFS] {
            let _ = db.create_object_store(name);
        }
    }
}

fn failure(name: String) -> WriteFailure {
    match name.as_str() {
        "QuotaExceededError" => WriteFailure::Full,
        "InvalidStateError" | "NotFoundError" | "UnknownError" => WriteFailure::Unavailable,
        _ => WriteFailure::Other(name),
    }
}

/// Every element of a JS array as text, copied into wasm at once: joined by U+001E, which
/// JSON text and record ids never hold raw. A stored value holding it anyway (a failing disk,
/// another program) splits into more pieces than the array has elements; then, and only then,
/// the array is copied element by element, so a bad value is unreadable alone and never
/// shifts or hides its neighbours. Each array is checked on its own: keys and values always
/// pair up. A value that is not a string reads as its JSON text (unreadable as a record, but
/// a faithful copy for the user).
fn joined(array: &JsValue) -> Vec<String> {
    let Some(array) = array.dyn_ref::<Array>() else {
        return Vec::new();
    };
    let length = array.length() as usize;
    if length == 0 {
        return Vec::new();
    }
    let text: String = array.join("\u{1e}").into();
    let pieces: Vec<String> = text.split('\u{1e}').map(str::to_string).collect();
    if pieces.len() == length {
        return pieces;
    }
    array.iter().map(|value| text_of(&value)).collect()
}

/// One stored value as text: a string as it is, anything else as its JSON text (or nothing).
fn text_of(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default()
    })
}

/// The keys and values a `getAllKeys` and a `getAll` over the same range answered, side by
/// side (both come in key order).
fn pairs(
    keys: &web_sys::IdbRequest,
    values: &web_sys::IdbRequest,
) -> impl Iterator<Item = (JsValue, JsValue)> {
    let keys: Array = idb::result(keys).unchecked_into();
    let values: Array = idb::result(values).unchecked_into();
    (0..keys.length()).map(move |i| (keys.get(i), values.get(i)))
}

fn key(text: &str) -> JsValue {
    JsValue::from_str(text)
}

impl LedgerDb {
    /// This device: its unsealed records get their places in its log when written.
    pub fn set_own(&self, device: crate::ledger::DeviceId) {
        self.own.set(Some(device));
    }

    /// Opens the database. `blocked`: an older tab holds the database open during an upgrade.
    /// `closed`: another tab is upgrading it now; this connection is closed and stops writing.
    pub async fn open(
        blocked: impl FnMut() + 'static,
        closed: impl FnMut() + 'static,
    ) -> Result<LedgerDb, OpenError> {
        let db = idb::open(&db_name(), DB_VERSION, create_stores, blocked).await?;
        let mut closed = closed;
        let db_for_close = db.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || {
            db_for_close.close();
            closed();
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        // Lives as long as the page.
        on_version_change.forget();
        Ok(LedgerDb {
            db,
            own: std::cell::Cell::new(None),
            logged: std::rc::Rc::new(std::cell::Cell::new(0)),
        })
    }

    fn transaction(
        &self,
        mode: IdbTransactionMode,
    ) -> Result<web_sys::IdbTransaction, WriteFailure> {
        idb::transaction(&self.db, &ALL, mode).map_err(failure)
    }

    /// The signed heads of other devices received in files (what exports relay).
    pub async fn proofs(&self) -> Result<Vec<crate::exchange::DeviceProof>, WriteFailure> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let request = idb::store(&tx, PROOFS)
            .get_all()
            .map_err(|_| WriteFailure::Unavailable)?;
        idb::finish(&tx).await.map_err(failure)?;
        Ok(joined(&idb::result(&request))
            .iter()
            .filter_map(|t| serde_json::from_str(t).ok())
            .collect())
    }

    /// Keeps the signed heads of a received file (keyed by device and sequence number, so a
    /// later head never hides an earlier one an undo may leave the only usable one).
    pub async fn put_proofs(
        &self,
        proofs: &[crate::exchange::DeviceProof],
    ) -> Result<(), WriteFailure> {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        let store = idb::store(&tx, PROOFS);
        for proof in proofs {
            let text = serde_json::to_string(proof).expect("proofs serialise");
            store
                .put_with_key(
                    &key(&text),
                    &key(&format!("{}:{:020}", proof.device, proof.head.seq)),
                )
                .map_err(|_| WriteFailure::Unavailable)?;
        }
        idb::finish(&tx).await.map_err(failure)
    }

    /// Everything stored, read in one transaction.
    pub async fn snapshot(&self) -> Result<Snapshot, WriteFailure> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let records = idb::store(&tx, RECORDS);
        let keys = records
            .get_all_keys()
            .map_err(|_| WriteFailure::Unavailable)?;
        let values = records.get_all().map_err(|_| WriteFailure::Unavailable)?;
        let batches = idb::store(&tx, BATCHES)
            .get_all()
            .map_err(|_| WriteFailure::Unavailable)?;
        let kept = idb::store(&tx, KEPT)
            .get_all()
            .map_err(|_| WriteFailure::Unavailable)?;
        let last = idb::store(&tx, CHANGES)
            .open_key_cursor_with_range_and_direction(&JsValue::NULL, IdbCursorDirection::Prev)
            .map_err(|_| WriteFailure::Unavailable)?;
        let pruned = idb::store(&tx, HEADS)
            .get(&key(vault::PRUNED_KEY))
            .map_err(|_| WriteFailure::Unavailable)?;
        idb::finish(&tx).await.map_err(failure)?;
        let copy = super::perf::Span::start("duty-ledger:load-copy");
        // Two copies into wasm instead of one per string (200,000 records: seconds saved).
        let keys = joined(&idb::result(&keys));
        let values = joined(&idb::result(&values));
        // Both have one entry per stored record (`joined`), in key order.
        let records = keys.into_iter().zip(values).collect();
        copy.finish();
        let last_change = idb::result(&last)
            .dyn_into::<web_sys::IdbCursor>()
            .ok()
            .and_then(|c| c.key().ok())
            .and_then(|k| k.as_f64())
            .map_or(0, |k| k as u64)
            .max(pruned_of(&pruned));
        Ok(Snapshot {
            records,
            batches: idb::strings(&idb::result(&batches)),
            kept: idb::strings(&idb::result(&kept)),
            last_change,
        })
    }

    /// Carries out one transaction decided by the vault, and says what the database made of
    /// it (an import's batch as stored, the records an undo deleted). A request that cannot even be issued aborts the whole
    /// transaction: nothing is written in part.
    pub async fn run(&self, txn: &Txn) -> Result<Committed, WriteFailure> {
        self.logged.set(0);
        LOGGING.with(|l| l.borrow_mut().take());
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        let keep_existing = idb::keep_existing();
        let issued =
            match txn {
                Txn::Write { add, .. } => match self.own.get() {
                    Some(own) if add.iter().any(|e| e.device == own && !e.is_sealed()) => {
                        issue_sealed_write(&tx, txn, own, &keep_existing)
                            .await
                            .map(Committed::Write)
                    }
                    _ => issue_write(&tx, txn, &keep_existing, true)
                        .map(|_| Committed::Write(Vec::new())),
                },
                Txn::Import { batch, add } => issue_import(&tx, batch, add, &keep_existing)
                    .await
                    .map(|planned| match planned {
                        Ok(stored) => Committed::Import(stored),
                        Err(conflict) => Committed::ImportRefused(conflict),
                    }),
                Txn::Undo { batch, at } => issue_undo(&tx, batch, *at).await.map(Committed::Undo),
            };
        let stored = match issued {
            Ok(stored) => stored,
            Err(error) => {
                let _ = tx.abort();
                return Err(WriteFailure::Other(error));
            }
        };
        idb::finish(&tx).await.map_err(failure)?;
        let logged = LOGGING.with(|l| l.borrow_mut().take());
        self.logged
            .set(logged.map_or(0, |r| idb::result(&r).as_f64().unwrap_or(0.0) as u64));
        Ok(stored)
    }

    /// The change-log key of the transaction [`LedgerDb::run`] last committed (0 when it
    /// logged nothing or failed).
    pub fn logged(&self) -> u64 {
        self.logged.get()
    }

    /// Deletes the change-log entries up to `upto` (every open tab has taken them in,
    /// `vault::prunable`) and stores the newest key deleted, decided against the stored mark
    /// inside the transaction (only an IndexedDB request is awaited): the mark never goes back.
    pub async fn prune(&self, upto: u64) -> Result<(), WriteFailure> {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        let heads = idb::store(&tx, HEADS);
        let issued: Result<(), String> = async {
            let stored = heads.get(&key(vault::PRUNED_KEY)).map_err(issue_error)?;
            idb::request(&stored).await?;
            if upto <= pruned_of(&stored) {
                return Ok(());
            }
            let range =
                IdbKeyRange::upper_bound(&JsValue::from_f64(upto as f64)).map_err(issue_error)?;
            idb::store(&tx, CHANGES)
                .delete(&range)
                .map_err(issue_error)?;
            heads
                .put_with_key(&key(&upto.to_string()), &key(vault::PRUNED_KEY))
                .map_err(issue_error)?;
            Ok(())
        }
        .await;
        if let Err(error) = issued {
            let _ = tx.abort();
            return Err(WriteFailure::Other(error));
        }
        idb::finish(&tx).await.map_err(failure)
    }

    /// The change-log entries after `seen`, oldest first.
    pub async fn changes_since(&self, seen: u64) -> Result<Vec<(u64, ChangeEntry)>, WriteFailure> {
        self.changes_after(seen).await.map(|(entries, _)| entries)
    }

    /// The change-log entries after `seen`, oldest first, and the newest key pruned (read
    /// in the same transaction: when it is past `seen`, entries this tab had not taken in
    /// are gone, and it reads everything stored instead, `vault::Keeper::take_in_all`).
    pub async fn changes_after(
        &self,
        seen: u64,
    ) -> Result<(Vec<(u64, ChangeEntry)>, u64), WriteFailure> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let pruned = idb::store(&tx, HEADS)
            .get(&key(vault::PRUNED_KEY))
            .map_err(|_| WriteFailure::Unavailable)?;
        let log = idb::store(&tx, CHANGES);
        let range = IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(seen as f64), true)
            .map_err(|_| WriteFailure::Unavailable)?;
        let keys = log
            .get_all_keys_with_key(&range)
            .map_err(|_| WriteFailure::Unavailable)?;
        let values = log
            .get_all_with_key(&range)
            .map_err(|_| WriteFailure::Unavailable)?;
        idb::finish(&tx).await.map_err(failure)?;
        let entries = pairs(&keys, &values)
            .filter_map(|(k, v)| {
                let entry = serde_json::from_str(&v.as_string()?).unwrap_or_default();
                Some((k.as_f64()? as u64, entry))
            })
            .collect();
        Ok((entries, pruned_of(&pruned)))
    }

    /// Reads the given records and batches (and, with `kept`, every kept copy) in one
    /// transaction; records that are no longer stored are left out.
    pub async fn read(
        &self,
        records: &[EventId],
        batches: &[BatchId],
        kept: bool,
    ) -> Result<(Vec<(String, String)>, Vec<String>, Option<Vec<String>>), WriteFailure> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let record_store = idb::store(&tx, RECORDS);
        let batch_store = idb::store(&tx, BATCHES);
        let unavailable = |_| WriteFailure::Unavailable;
        let record_requests = records
            .iter()
            .map(|id| {
                let id = id.to_string();
                record_store.get(&key(&id)).map(|r| (id, r))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(unavailable)?;
        let batch_requests = batches
            .iter()
            .map(|id| batch_store.get(&key(&id.to_string())))
            .collect::<Result<Vec<_>, _>>()
            .map_err(unavailable)?;
        let kept_request = if kept {
            Some(idb::store(&tx, KEPT).get_all().map_err(unavailable)?)
        } else {
            None
        };
        idb::finish(&tx).await.map_err(failure)?;
        let records = record_requests
            .into_iter()
            .filter_map(|(id, r)| idb::result(&r).as_string().map(|v| (id, v)))
            .collect();
        let batches = batch_requests
            .iter()
            .filter_map(|r| idb::result(r).as_string())
            .collect();
        let kept = kept_request.map(|r| idb::strings(&idb::result(&r)));
        Ok((records, batches, kept))
    }
}

type Issued = Result<ChangeEntry, String>;

/// An import: which records are stored already is asked inside this transaction (only
/// IndexedDB requests are awaited here); only the others are added, and the batch claims
/// exactly those. A record stored with other content refuses the import (`Err`, nothing
/// written; see `vault::import_plan`).
async fn issue_import(
    tx: &web_sys::IdbTransaction,
    batch: &vault::Batch,
    add: &[crate::ledger::Event],
    keep_existing: &Closure<dyn FnMut(web_sys::Event)>,
) -> Result<Result<Option<vault::Batch>, EventId>, String> {
    let records = idb::store(tx, RECORDS);
    let asked = add
        .iter()
        .map(|e| records.get(&key(&e.id.to_string())))
        .collect::<Result<Vec<_>, _>>()
        .map_err(issue_error)?;
    // Requests of one transaction complete in order: the last answered means all did.
    if let Some(last) = asked.last() {
        idb::request(last).await?;
    }
    let stored: std::collections::BTreeMap<EventId, String> = add
        .iter()
        .zip(&asked)
        .filter_map(|(e, r)| {
            let value = idb::result(r);
            // A stored value that is not text cannot be read; it still holds the id.
            (!value.is_undefined()).then(|| (e.id, value.as_string().unwrap_or_default()))
        })
        .collect();
    let (new, planned) = match vault::import_plan(batch, add, &stored) {
        Ok(plan) => plan,
        Err(conflict) => return Ok(Err(conflict)),
    };
    let Some((stored_batch, entry)) = planned else {
        return Ok(Ok(None));
    };
    for event in new {
        let request = records
            .add_with_key(&key(&record_value(event)), &key(&event.id.to_string()))
            .map_err(issue_error)?;
        request.set_onerror(Some(keep_existing.as_ref().unchecked_ref()));
    }
    let text = serde_json::to_string(&stored_batch).expect("batches serialise");
    idb::store(tx, BATCHES)
        .put_with_key(&key(&text), &key(&stored_batch.id.to_string()))
        .map_err(issue_error)?;
    log(tx, entry)?;
    Ok(Ok(Some(stored_batch)))
}

fn issue_error(error: JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_else(|| format!("{error:?}"))
}

fn log(tx: &web_sys::IdbTransaction, entry: ChangeEntry) -> Issued {
    let text = serde_json::to_string(&entry).expect("log entries serialise");
    let request = idb::store(tx, CHANGES)
        .add(&key(&text))
        .map_err(issue_error)?;
    LOGGING.with(|l| *l.borrow_mut() = Some(request));
    Ok(entry)
}

/// Issues every request of a write at once; the caller awaits the transaction.
fn issue_write(
    tx: &web_sys::IdbTransaction,
    txn: &Txn,
    keep_existing: &Closure<dyn FnMut(web_sys::Event)>,
    with_records: bool,
) -> Issued {
    let Txn::Write {
        add,
        batches,
        keep,
        forget,
    } = txn
    else {
        return Ok(ChangeEntry::default());
    };
    let records = idb::store(tx, RECORDS);
    for event in add.iter().filter(|_| with_records) {
        let request = records
            .add_with_key(&key(&record_value(event)), &key(&event.id.to_string()))
            .map_err(issue_error)?;
        request.set_onerror(Some(keep_existing.as_ref().unchecked_ref()));
    }
    let batch_store = idb::store(tx, BATCHES);
    for batch in batches {
        let text = serde_json::to_string(batch).expect("batches serialise");
        batch_store
            .put_with_key(&key(&text), &key(&batch.id.to_string()))
            .map_err(issue_error)?;
    }
    let kept = idb::store(tx, KEPT);
    for copy in keep {
        let text = serde_json::to_string(copy).expect("kept copies serialise");
        kept.put_with_key(&key(&text), &key(&copy.hash))
            .map_err(issue_error)?;
    }
    for hash in forget {
        kept.delete(&key(hash)).map_err(issue_error)?;
    }
    log(tx, txn.change())
}

/// A write with this device's new records: their places in its log are taken inside this
/// transaction from the stored head (only IndexedDB requests are awaited here), so two tabs
/// never fork the log. Returns the records in the form stored.
async fn issue_sealed_write(
    tx: &web_sys::IdbTransaction,
    txn: &Txn,
    own: crate::ledger::DeviceId,
    keep_existing: &Closure<dyn FnMut(web_sys::Event)>,
) -> Result<Vec<crate::ledger::Event>, String> {
    let Txn::Write { add, .. } = txn else {
        return Ok(Vec::new());
    };
    let heads = idb::store(tx, HEADS);
    let records = idb::store(tx, RECORDS);
    let head_request = heads.get(&key(&own.to_string())).map_err(issue_error)?;
    let mine: Vec<EventId> = add
        .iter()
        .filter(|e| e.device == own && !e.is_sealed())
        .map(|e| e.id)
        .collect();
    let requests = mine
        .iter()
        .map(|id| records.get(&key(&id.to_string())).map_err(issue_error))
        .collect::<Result<Vec<_>, _>>()?;
    let head: Option<crate::trust::Head> = idb::request(&head_request)
        .await?
        .as_string()
        .and_then(|t| serde_json::from_str(&t).ok());
    let mut stored = std::collections::BTreeMap::new();
    for (id, request) in mine.iter().zip(&requests) {
        let value = idb::request(request).await?;
        stored.insert(
            *id,
            value
                .as_string()
                .and_then(|v| vault::read_record(&id.to_string(), &v)),
        );
    }
    let (plan, shown, new_head) = vault::seal_write(own, head, add, &stored);
    for item in &plan {
        match item {
            vault::Store::Add(event) => {
                let request = records
                    .add_with_key(&key(&record_value(event)), &key(&event.id.to_string()))
                    .map_err(issue_error)?;
                request.set_onerror(Some(keep_existing.as_ref().unchecked_ref()));
            }
            vault::Store::Seal(event) => {
                records
                    .put_with_key(&key(&record_value(event)), &key(&event.id.to_string()))
                    .map_err(issue_error)?;
            }
        }
    }
    if let Some(head) = new_head {
        let text = serde_json::to_string(&head).expect("heads serialise");
        heads
            .put_with_key(&key(&text), &key(&own.to_string()))
            .map_err(issue_error)?;
    }
    issue_write(tx, txn, keep_existing, false)?;
    Ok(shown)
}

/// An undo: what to delete is decided against the batches stored now, inside this
/// transaction (only IndexedDB requests are awaited here).
async fn issue_undo(
    tx: &web_sys::IdbTransaction,
    batch: &BatchId,
    at: Stamp,
) -> Result<Vec<EventId>, String> {
    let batch_store = idb::store(tx, BATCHES);
    let stored = batch_store.get_all().map_err(issue_error)?;
    let stored = idb::request(&stored).await?;
    let batches: Vec<vault::Batch> = idb::strings(&stored)
        .iter()
        .filter_map(|t| serde_json::from_str(t).ok())
        .collect();
    let Some((delete, undone)) = vault::undo_plan(batch, at, &batches) else {
        return Ok(Vec::new());
    };
    let records = idb::store(tx, RECORDS);
    for id in &delete {
        records.delete(&key(&id.to_string())).map_err(issue_error)?;
    }
    let text = serde_json::to_string(&undone).expect("batches serialise");
    batch_store
        .put_with_key(&key(&text), &key(&batch.to_string()))
        .map_err(issue_error)?;
    log(
        tx,
        ChangeEntry {
            batches: vec![*batch],
            ..ChangeEntry::default()
        },
    )?;
    Ok(delete)
}
