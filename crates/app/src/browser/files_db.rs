//! Attached files (佐证材料) in a database of their own beside the plan's ledger database
//! (`<ledger database>-files`), so that the ledger's layout never holds file bytes. Three
//! object stores, each keyed by the file's SHA-256 in hex:
//! - `blobs`: the bytes, as a `Blob`;
//! - `meta`: the [`StoredFile`] entry as JSON text (what it is, where it was exported, whether
//!   the user removed the bytes);
//! - `thumbs`: a small JPEG for pictures (made here, never exchanged).
//!
//! What to write is decided by `evidence::kept`; this only reads and writes. Every call opens
//! the database and closes its connection when done (as `device_keys` does).

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbTransactionMode};

use super::idb::{self, OpenError};
use crate::evidence::kept::{Catalogue, StoredFile};
use crate::foundation::digest::Digest;

const VERSION: u32 = 1;
const BLOBS: &str = "blobs";
const META: &str = "meta";
const THUMBS: &str = "thumbs";

/// The files database of the plan in use.
pub fn db_name() -> String {
    format!("{}-files", super::ledger_db::db_name())
}

/// A file to keep: its entry, its bytes and, for a picture, its thumbnail.
pub struct NewFile {
    pub entry: StoredFile,
    pub bytes: Blob,
    pub thumb: Option<Blob>,
}

struct Connection(IdbDatabase);

impl Drop for Connection {
    fn drop(&mut self) {
        self.0.close();
    }
}

fn create_stores(db: &IdbDatabase, old_version: u32) {
    if old_version < 1 {
        for name in [BLOBS, META, THUMBS] {
            let _ = db.create_object_store(name);
        }
    }
}

async fn open() -> Result<Connection, String> {
    idb::open(&db_name(), VERSION, create_stores, || {})
        .await
        .map(Connection)
        .map_err(|e| match e {
            OpenError::Unavailable => "Unavailable".to_string(),
            OpenError::Newer => "VersionError".to_string(),
            OpenError::Other(name) => name,
        })
}

fn key(hash: &Digest) -> JsValue {
    JsValue::from_str(&hash.to_hex())
}

fn name_of(e: &JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Every entry.
pub async fn catalogue() -> Result<Catalogue, String> {
    let db = open().await?;
    let tx = idb::transaction(&db.0, &[META], IdbTransactionMode::Readonly)?;
    let all = idb::store(&tx, META).get_all().map_err(|e| name_of(&e))?;
    idb::finish(&tx).await?;
    Ok(idb::strings(&idb::result(&all))
        .iter()
        .filter_map(|t| serde_json::from_str::<StoredFile>(t).ok())
        .map(|e| (e.sha256, e))
        .collect())
}

/// Keeps files, all or none, in one transaction (a quota error keeps nothing).
pub async fn put(files: &[NewFile]) -> Result<(), String> {
    if files.is_empty() {
        return Ok(());
    }
    let db = open().await?;
    let tx = idb::transaction(&db.0, &[BLOBS, META, THUMBS], IdbTransactionMode::Readwrite)?;
    let (blobs, meta, thumbs) = (
        idb::store(&tx, BLOBS),
        idb::store(&tx, META),
        idb::store(&tx, THUMBS),
    );
    for file in files {
        let k = key(&file.entry.sha256);
        let text = serde_json::to_string(&file.entry).expect("entries serialise");
        let written = blobs
            .put_with_key(&file.bytes, &k)
            .and_then(|_| meta.put_with_key(&JsValue::from_str(&text), &k))
            .and_then(|_| match &file.thumb {
                Some(thumb) => thumbs.put_with_key(thumb, &k).map(|_| ()),
                None => Ok(()),
            });
        if let Err(e) = written {
            let _ = tx.abort();
            return Err(name_of(&e));
        }
    }
    idb::finish(&tx).await
}

/// Rewrites entries (an export noted, bytes removed: `drop_bytes`), in one transaction.
pub async fn update(entries: &[StoredFile], drop_bytes: bool) -> Result<(), String> {
    if entries.is_empty() {
        return Ok(());
    }
    let db = open().await?;
    let tx = idb::transaction(&db.0, &[BLOBS, META, THUMBS], IdbTransactionMode::Readwrite)?;
    for entry in entries {
        let k = key(&entry.sha256);
        let text = serde_json::to_string(entry).expect("entries serialise");
        let mut done = idb::store(&tx, META)
            .put_with_key(&JsValue::from_str(&text), &k)
            .map(|_| ());
        if drop_bytes {
            done = done
                .and_then(|_| idb::store(&tx, BLOBS).delete(&k).map(|_| ()))
                .and_then(|_| idb::store(&tx, THUMBS).delete(&k).map(|_| ()));
        }
        if let Err(e) = done {
            let _ = tx.abort();
            return Err(name_of(&e));
        }
    }
    idb::finish(&tx).await
}

/// Deletes files and their entries (files no record names; a removed file asked for again).
pub async fn forget(hashes: &[Digest]) -> Result<(), String> {
    if hashes.is_empty() {
        return Ok(());
    }
    let db = open().await?;
    let tx = idb::transaction(&db.0, &[BLOBS, META, THUMBS], IdbTransactionMode::Readwrite)?;
    for hash in hashes {
        let k = key(hash);
        for store in [BLOBS, META, THUMBS] {
            if let Err(e) = idb::store(&tx, store).delete(&k) {
                let _ = tx.abort();
                return Err(name_of(&e));
            }
        }
    }
    idb::finish(&tx).await
}

async fn get(store: &str, hash: &Digest) -> Result<Option<Blob>, String> {
    let db = open().await?;
    let tx = idb::transaction(&db.0, &[store], IdbTransactionMode::Readonly)?;
    let request = idb::store(&tx, store)
        .get(&key(hash))
        .map_err(|e| name_of(&e))?;
    idb::finish(&tx).await?;
    Ok(idb::result(&request).dyn_into::<Blob>().ok())
}

/// A file's bytes.
pub async fn blob(hash: &Digest) -> Result<Option<Blob>, String> {
    get(BLOBS, hash).await
}

/// A picture's thumbnail.
pub async fn thumb(hash: &Digest) -> Result<Option<Blob>, String> {
    get(THUMBS, hash).await
}

/// Keeps a thumbnail made later (for a picture received in a file).
pub async fn put_thumb(hash: &Digest, thumb: &Blob) -> Result<(), String> {
    let db = open().await?;
    let tx = idb::transaction(&db.0, &[THUMBS], IdbTransactionMode::Readwrite)?;
    idb::store(&tx, THUMBS)
        .put_with_key(thumb, &key(hash))
        .map_err(|e| name_of(&e))?;
    idb::finish(&tx).await
}

/// A `Blob` of `bytes` labelled `mime`.
pub fn blob_of(bytes: &[u8], mime: &str) -> Option<Blob> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let array = js_sys::Uint8Array::from(bytes);
    Blob::new_with_u8_array_sequence_and_options(&Array::of1(&array), &options).ok()
}

/// A blob's bytes.
pub async fn bytes_of(blob: &Blob) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| name_of(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
