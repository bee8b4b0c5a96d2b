//! This device's signing key and the trust roster, in their own IndexedDB database.
//!
//! A device's identity belongs to the browser, not to a plan (each plan has its own ledger
//! database), so it lives in a second database, [`DB_NAME`], with two object stores:
//! - `keys`: one entry per device id (its 16 hex digits): the unit, the raw public key and the
//!   private key, kept by structured clone;
//! - `roster`: opaque JSON text per device id, written and read by the trust core. A roster
//!   never forgets a device, so there is no delete.
//!
//! How a key signs ([`Backend`]):
//! - [`Backend::WebCrypto`] (preferred): WebCrypto `Ed25519` with a **non-extractable** private
//!   `CryptoKey`. Script on this origin can ask the browser to sign with it but can never read
//!   its bytes.
//! - [`Backend::Fallback`], for browsers without Ed25519 in WebCrypto (Chromium before 137,
//!   Safari before 17, Firefox before 129): 32 secret bytes from `crypto.getRandomValues`,
//!   stored in IndexedDB, signing in wasm with `ed25519-dalek`. **This key is readable by any
//!   script running on this origin** (and by anyone who can read the browser profile), unlike
//!   the WebCrypto key; it is also not wiped from wasm memory after use.
//!
//! Both sign the same thing (Ed25519, RFC 8032): a signature of either verifies with
//! `ed25519_dalek::VerifyingKey::verify_strict` against [`DeviceKey::public_key`].
//!
//! Every call opens the database and closes its connection when done, so a deletion or an
//! upgrade from another tab is never held up for long.

use std::cell::Cell;

use ed25519_dalek::{Signer, SigningKey};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, CryptoKeyPair, IdbDatabase, IdbTransactionMode, SubtleCrypto};

use super::idb::{self, OpenError};
use crate::ledger::DeviceId;

/// The device database's name (one per browser profile and origin).
pub const DB_NAME: &str = "duty-ledger-device";
/// The device database's layout version.
pub const DB_VERSION: u32 = 1;

const KEYS: &str = "keys";
const ROSTER: &str = "roster";

/// Why a key or the roster could not be had. The UI maps each to a catalogue message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// No IndexedDB here (disabled, some private modes, a sandboxed frame).
    Unavailable,
    /// A newer version of the app has upgraded the device database.
    Newer,
    /// No cryptography to make or use this key: no `crypto.getRandomValues` or `crypto.subtle`
    /// (an insecure context), or a stored WebCrypto key this browser can no longer use.
    NoCrypto,
    /// The storage quota is used up.
    Full,
    /// IndexedDB refused a read or a write (the name of the DOM error).
    Storage(String),
    /// The stored entry of this device is not a key this module wrote.
    Unreadable,
    /// This device id already has a key, made for another unit (the app gives a device a new
    /// id when its unit changes).
    OtherUnit {
        /// The unit the stored key belongs to.
        stored: String,
    },
    /// WebCrypto refused to generate, export or sign (the name of the error).
    Crypto(String),
}

/// How a device key signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// WebCrypto Ed25519; the private key cannot be read by script.
    WebCrypto,
    /// `ed25519-dalek` in wasm over secret bytes kept in IndexedDB, readable by script on this
    /// origin.
    Fallback,
}

#[derive(Clone)]
enum Signing {
    WebCrypto(CryptoKey),
    Fallback(Box<SigningKey>),
}

/// One device's signing key: its device id, its unit, its raw Ed25519 public key and the
/// private half (see the module documentation for the two ways it is kept).
#[derive(Clone)]
pub struct DeviceKey {
    device: DeviceId,
    unit: String,
    public: [u8; 32],
    signing: Signing,
}

impl std::fmt::Debug for DeviceKey {
    /// Never prints secret material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let public: String = self.public.iter().map(|b| format!("{b:02x}")).collect();
        f.debug_struct("DeviceKey")
            .field("device", &self.device)
            .field("unit", &self.unit)
            .field("public", &public)
            .field("backend", &self.backend())
            .finish()
    }
}

impl DeviceKey {
    pub fn device(&self) -> DeviceId {
        self.device
    }

    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// The raw 32-byte Ed25519 public key (RFC 8032 encoding).
    pub fn public_key(&self) -> [u8; 32] {
        self.public
    }

    pub fn backend(&self) -> Backend {
        match self.signing {
            Signing::WebCrypto(_) => Backend::WebCrypto,
            Signing::Fallback(_) => Backend::Fallback,
        }
    }

    /// An Ed25519 signature of `message` (64 bytes, RFC 8032).
    pub async fn sign(&self, message: &[u8]) -> Result<[u8; 64], KeyError> {
        match &self.signing {
            Signing::Fallback(key) => Ok(key.sign(message).to_bytes()),
            Signing::WebCrypto(key) => {
                let promise = subtle()?
                    .sign_with_object_and_u8_array(&ed25519(), key, message)
                    .map_err(crypto_error)?;
                let signature = bytes(&JsFuture::from(promise).await.map_err(crypto_error)?);
                signature
                    .try_into()
                    .map_err(|_| KeyError::Crypto("signature length".to_string()))
            }
        }
    }
}

/// The stored key of `device`, or a new one made, stored and read back (WebCrypto when
/// [`webcrypto_ed25519`], the fallback otherwise). Two tabs asking at once end with one key:
/// both get the one stored first.
pub async fn device_key(device: DeviceId, unit: &str) -> Result<DeviceKey, KeyError> {
    obtain(device, unit, None).await
}

/// As [`device_key`], but a new key is made with `backend` (tests choose the fallback with it).
/// A key already stored is returned as it is, whatever its backend.
pub async fn device_key_with(
    device: DeviceId,
    unit: &str,
    backend: Backend,
) -> Result<DeviceKey, KeyError> {
    obtain(device, unit, Some(backend)).await
}

thread_local! {
    static WEBCRYPTO_ED25519: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether this browser has Ed25519 in WebCrypto: tried once by generating a throwaway key,
/// then remembered for the page's life.
pub async fn webcrypto_ed25519() -> bool {
    if let Some(known) = WEBCRYPTO_ED25519.get() {
        return known;
    }
    let works = generate_pair().await.is_ok();
    WEBCRYPTO_ED25519.set(Some(works));
    works
}

/// Every roster entry's JSON text, in device id order.
pub async fn load_roster() -> Result<Vec<String>, KeyError> {
    let db = Connection::open().await?;
    let tx = idb::transaction(&db.0, &[ROSTER], IdbTransactionMode::Readonly).map_err(storage)?;
    let all = idb::store(&tx, ROSTER)
        .get_all()
        .map_err(|e| storage(js_error_name(&e)))?;
    idb::finish(&tx).await.map_err(storage)?;
    Ok(idb::strings(&idb::result(&all)))
}

/// Writes roster entries (device id text, JSON text) in one transaction: all or none. An entry
/// replaces the one stored under its device id.
pub async fn put_roster(entries: &[(String, String)]) -> Result<(), KeyError> {
    let db = Connection::open().await?;
    let tx = idb::transaction(&db.0, &[ROSTER], IdbTransactionMode::Readwrite).map_err(storage)?;
    let store = idb::store(&tx, ROSTER);
    for (device, json) in entries {
        if let Err(e) = store.put_with_key(&JsValue::from_str(json), &JsValue::from_str(device)) {
            let _ = tx.abort();
            return Err(storage(js_error_name(&e)));
        }
    }
    idb::finish(&tx).await.map_err(storage)
}

/// An open connection, closed when dropped (after its transactions finish).
struct Connection(IdbDatabase);

impl Connection {
    async fn open() -> Result<Connection, KeyError> {
        let db = idb::open(DB_NAME, DB_VERSION, create_stores, || {})
            .await
            .map_err(|e| match e {
                OpenError::Unavailable => KeyError::Unavailable,
                OpenError::Newer => KeyError::Newer,
                OpenError::Other(name) => KeyError::Storage(name),
            })?;
        Ok(Connection(db))
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.0.close();
    }
}

fn create_stores(db: &IdbDatabase, old_version: u32) {
    if old_version < 1 {
        for name in [KEYS, ROSTER] {
            let _ = db.create_object_store(name);
        }
    }
}

async fn obtain(
    device: DeviceId,
    unit: &str,
    backend: Option<Backend>,
) -> Result<DeviceKey, KeyError> {
    let db = Connection::open().await?;
    let id = JsValue::from_str(&device.to_string());
    if let Some(stored) = read(&db.0, &id).await? {
        return parse(device, unit, &stored);
    }
    // Key generation is a promise: it happens before the transaction, which may await only
    // its own requests.
    let backend = match backend {
        Some(backend) => backend,
        None if webcrypto_ed25519().await => Backend::WebCrypto,
        None => Backend::Fallback,
    };
    let fresh = match backend {
        Backend::WebCrypto => new_webcrypto(unit).await?,
        Backend::Fallback => new_fallback(unit)?,
    };
    let kept = add_unless_present(&db.0, &id, &fresh).await?;
    // Read back: the entry is stored, and it is the one the transaction kept.
    let stored = read(&db.0, &id)
        .await?
        .ok_or_else(|| KeyError::Storage("NotFoundError".to_string()))?;
    let public = |entry: &JsValue| {
        Reflect::get(entry, &"public".into())
            .map(|p| bytes(&p))
            .ok()
    };
    if public(&stored) != public(&kept) {
        return Err(KeyError::Storage("ReadBackError".to_string()));
    }
    parse(device, unit, &kept)
}

/// The stored entry under `id`, if any.
async fn read(db: &IdbDatabase, id: &JsValue) -> Result<Option<JsValue>, KeyError> {
    let tx = idb::transaction(db, &[KEYS], IdbTransactionMode::Readonly).map_err(storage)?;
    let request = idb::store(&tx, KEYS)
        .get(id)
        .map_err(|e| storage(js_error_name(&e)))?;
    idb::finish(&tx).await.map_err(storage)?;
    let value = idb::result(&request);
    Ok((!value.is_undefined()).then_some(value))
}

/// In one readwrite transaction: `get`, and `add` `fresh` only if nothing is stored; the entry
/// stored once it commits. Transactions over one store run one after another, so of two tabs
/// only the first adds and the second gets the first's key.
async fn add_unless_present(
    db: &IdbDatabase,
    id: &JsValue,
    fresh: &JsValue,
) -> Result<JsValue, KeyError> {
    let tx = idb::transaction(db, &[KEYS], IdbTransactionMode::Readwrite).map_err(storage)?;
    let store = idb::store(&tx, KEYS);
    let get = store.get(id).map_err(|e| storage(js_error_name(&e)))?;
    let kept = match idb::request(&get).await {
        Ok(existing) if existing.is_undefined() => {
            store
                .add_with_key(fresh, id)
                .map_err(|e| storage(js_error_name(&e)))?;
            fresh.clone()
        }
        Ok(existing) => existing,
        // The failed request aborts the transaction: `finish` names why.
        Err(_) => JsValue::UNDEFINED,
    };
    idb::finish(&tx).await.map_err(storage)?;
    Ok(kept)
}

/// A stored entry as a key of `device` for `unit`.
fn parse(device: DeviceId, unit: &str, stored: &JsValue) -> Result<DeviceKey, KeyError> {
    let field = |name: &str| Reflect::get(stored, &JsValue::from_str(name)).ok();
    let stored_unit = field("unit")
        .and_then(|u| u.as_string())
        .ok_or(KeyError::Unreadable)?;
    if stored_unit != unit {
        return Err(KeyError::OtherUnit {
            stored: stored_unit,
        });
    }
    let public: [u8; 32] = field("public")
        .filter(|p| p.is_instance_of::<Uint8Array>())
        .map(|p| bytes(&p))
        .and_then(|p| p.try_into().ok())
        .ok_or(KeyError::Unreadable)?;
    let signing = if let Some(key) = field("private").and_then(|k| k.dyn_into::<CryptoKey>().ok()) {
        if key.type_() != "private" {
            return Err(KeyError::Unreadable);
        }
        Signing::WebCrypto(key)
    } else {
        let secret: [u8; 32] = field("secret")
            .filter(|s| s.is_instance_of::<Uint8Array>())
            .map(|s| bytes(&s))
            .and_then(|s| s.try_into().ok())
            .ok_or(KeyError::Unreadable)?;
        let key = SigningKey::from_bytes(&secret);
        if key.verifying_key().to_bytes() != public {
            return Err(KeyError::Unreadable);
        }
        Signing::Fallback(Box::new(key))
    };
    Ok(DeviceKey {
        device,
        unit: unit.to_string(),
        public,
        signing,
    })
}

/// A new WebCrypto key pair as a stored entry: the unit, the raw public key, the
/// non-extractable private `CryptoKey`.
async fn new_webcrypto(unit: &str) -> Result<JsValue, KeyError> {
    let pair = generate_pair().await?;
    let export = subtle()?
        .export_key("raw", &pair.get_public_key())
        .map_err(crypto_error)?;
    let public = JsFuture::from(export).await.map_err(crypto_error)?;
    let public = Uint8Array::new(&public);
    if public.length() != 32 {
        return Err(KeyError::Crypto("public key length".to_string()));
    }
    entry(unit, &public, "private", &pair.get_private_key())
}

/// A new fallback key as a stored entry: the unit, the raw public key, the 32 secret bytes.
fn new_fallback(unit: &str) -> Result<JsValue, KeyError> {
    let mut secret = [0u8; 32];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut secret).ok())
        .ok_or(KeyError::NoCrypto)?;
    let public = SigningKey::from_bytes(&secret).verifying_key().to_bytes();
    let stored = entry(
        unit,
        &Uint8Array::from(&public[..]),
        "secret",
        &Uint8Array::from(&secret[..]),
    );
    secret.fill(0);
    stored
}

fn entry(
    unit: &str,
    public: &Uint8Array,
    private_name: &str,
    private: &JsValue,
) -> Result<JsValue, KeyError> {
    let entry = Object::new();
    for (name, value) in [
        ("unit", &JsValue::from_str(unit)),
        ("public", public.as_ref()),
        (private_name, private),
    ] {
        Reflect::set(&entry, &JsValue::from_str(name), value)
            .map_err(|_| KeyError::Crypto("entry".to_string()))?;
    }
    Ok(entry.into())
}

/// A WebCrypto Ed25519 key pair whose private key cannot be exported.
async fn generate_pair() -> Result<CryptoKeyPair, KeyError> {
    let usages = Array::of2(&JsValue::from_str("sign"), &JsValue::from_str("verify"));
    let promise = subtle()?
        .generate_key_with_object(&ed25519(), false, &usages)
        .map_err(crypto_error)?;
    let pair = JsFuture::from(promise).await.map_err(crypto_error)?;
    Ok(pair.unchecked_into())
}

fn subtle() -> Result<SubtleCrypto, KeyError> {
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or(KeyError::NoCrypto)?;
    // Outside a secure context `crypto.subtle` is undefined.
    if subtle.is_undefined() || subtle.is_null() {
        return Err(KeyError::NoCrypto);
    }
    Ok(subtle)
}

/// `{ name: "Ed25519" }`.
fn ed25519() -> Object {
    let algorithm = Object::new();
    let _ = Reflect::set(&algorithm, &"name".into(), &"Ed25519".into());
    algorithm
}

/// The bytes of an `ArrayBuffer` or a typed array.
fn bytes(value: &JsValue) -> Vec<u8> {
    Uint8Array::new(value).to_vec()
}

fn js_error_name(error: &JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .or_else(|| {
            Reflect::get(error, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
        })
        .unwrap_or_else(|| "Error".to_string())
}

fn crypto_error(error: JsValue) -> KeyError {
    match js_error_name(&error).as_str() {
        // The algorithm is unknown here, or the stored key's algorithm no longer is.
        "NotSupportedError" => KeyError::NoCrypto,
        name => KeyError::Crypto(name.to_string()),
    }
}

fn storage(name: String) -> KeyError {
    match name.as_str() {
        "QuotaExceededError" => KeyError::Full,
        "InvalidStateError" | "UnknownError" => KeyError::Unavailable,
        _ => KeyError::Storage(name),
    }
}
