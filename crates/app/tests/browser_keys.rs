//! This device's signing key and the roster against a real IndexedDB and WebCrypto in headless
//! Chromium (`cargo test --target wasm32-unknown-unknown --test browser_keys`): a key is made
//! once and comes back; tabs asking at once end with one key; signatures of both backends
//! verify with `ed25519-dalek` and a changed bit does not; the WebCrypto private key cannot be
//! exported; a key of another unit and an unreadable entry are refused; the roster round trip.
//!
//! Every test uses fresh random device ids, so the tests share the device database; only the
//! roster test deletes it first (every call of the shell closes its connection when done).
#![cfg(target_arch = "wasm32")]

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use duty_ledger_app::browser::clock;
use duty_ledger_app::browser::device_keys::{
    self, Backend, DB_NAME, DB_VERSION, DeviceKey, KeyError, device_key, device_key_with,
    load_roster, put_roster, webcrypto_ed25519,
};
use duty_ledger_app::browser::idb;
use ed25519_dalek::{Signature, VerifyingKey};
use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{CryptoKey, IdbTransactionMode};

wasm_bindgen_test_configure!(run_in_browser);

const UNIT: &str = "区教育局";

/// A message the size of what a device signs (its latest sequence number and hash, labelled).
fn message() -> Vec<u8> {
    let mut message = b"duty-ledger device log v2\nseq 1234\nhash ".to_vec();
    message.extend((0u8..32).map(|i| i.wrapping_mul(37)));
    message
}

fn verifies(public: [u8; 32], message: &[u8], signature: [u8; 64]) -> bool {
    VerifyingKey::from_bytes(&public)
        .expect("a valid public key")
        .verify_strict(message, &Signature::from_bytes(&signature))
        .is_ok()
}

/// Signs, verifies, and checks that flipping any one bit of the message (each byte, a
/// different bit each time) or of the signature stops it verifying.
async fn signs_and_verifies(key: &DeviceKey) {
    let message = message();
    let signature = key.sign(&message).await.expect("signs");
    assert!(verifies(key.public_key(), &message, signature));
    for i in 0..message.len() {
        let mut changed = message.clone();
        changed[i] ^= 1 << (i % 8);
        assert!(
            !verifies(key.public_key(), &changed, signature),
            "byte {i} changed"
        );
    }
    for i in [0, 17, 31, 32, 50, 63] {
        let mut changed = signature;
        changed[i] ^= 1 << (i % 8);
        assert!(
            !verifies(key.public_key(), &message, changed),
            "signature byte {i}"
        );
    }
    let mut other = key.public_key();
    other[5] ^= 0x10;
    if let Ok(other) = VerifyingKey::from_bytes(&other) {
        assert!(
            other
                .verify_strict(&message, &Signature::from_bytes(&signature))
                .is_err()
        );
    }
}

/// Polls `future` unless it has finished already.
fn step<F: Future>(future: Pin<&mut F>, output: &mut Option<F::Output>, cx: &mut Context<'_>) {
    if output.is_none()
        && let Poll::Ready(value) = future.poll(cx)
    {
        *output = Some(value);
    }
}

/// Three futures polled together (three tabs at once), their outputs.
async fn join<A: Future, B: Future, C: Future>(
    a: A,
    b: B,
    c: C,
) -> (A::Output, B::Output, C::Output) {
    let (mut a, mut b, mut c) = (pin!(a), pin!(b), pin!(c));
    let (mut ra, mut rb, mut rc) = (None, None, None);
    poll_fn(|cx| {
        step(a.as_mut(), &mut ra, cx);
        step(b.as_mut(), &mut rb, cx);
        step(c.as_mut(), &mut rc, cx);
        if ra.is_some() && rb.is_some() && rc.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap(), rc.unwrap())
}

/// The device database opened directly (made by the shell first, with its stores).
async fn raw_db() -> web_sys::IdbDatabase {
    load_roster()
        .await
        .expect("the shell opens the device database");
    idb::open(DB_NAME, DB_VERSION, |_, _| {}, || {})
        .await
        .expect("the device database opens")
}

/// The stored entry of `device` in the `keys` store, read directly.
async fn stored_entry(device: &str) -> JsValue {
    let db = raw_db().await;
    let tx = idb::transaction(&db, &["keys"], IdbTransactionMode::Readonly).unwrap();
    let request = idb::store(&tx, "keys").get(&device.into()).unwrap();
    idb::finish(&tx).await.unwrap();
    db.close();
    idb::result(&request)
}

/// Writes `value` under `device` in the `keys` store directly.
async fn store_entry(device: &str, value: &JsValue) {
    let db = raw_db().await;
    let tx = idb::transaction(&db, &["keys"], IdbTransactionMode::Readwrite).unwrap();
    idb::store(&tx, "keys")
        .put_with_key(value, &device.into())
        .unwrap();
    idb::finish(&tx).await.unwrap();
    db.close();
}

fn field(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &name.into()).unwrap()
}

fn subtle() -> web_sys::SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

#[wasm_bindgen_test]
async fn chromium_has_ed25519_in_webcrypto() {
    assert!(webcrypto_ed25519().await);
    assert!(webcrypto_ed25519().await, "the cached answer");
}

#[wasm_bindgen_test]
async fn a_key_is_made_once_and_comes_back_after_reopening() {
    let device = clock::new_device_id();
    assert!(stored_entry(&device.to_string()).await.is_undefined());
    let first = device_key(device, UNIT).await.expect("a new key");
    assert_eq!(
        first.backend(),
        Backend::WebCrypto,
        "preferred where available"
    );
    assert_eq!(first.device(), device);
    assert_eq!(first.unit(), UNIT);
    let again = device_key(device, UNIT).await.expect("the stored key");
    assert_eq!(again.public_key(), first.public_key());
    assert_eq!(again.backend(), Backend::WebCrypto);
    // Asking for the fallback does not replace a stored key.
    let third = device_key_with(device, UNIT, Backend::Fallback)
        .await
        .unwrap();
    assert_eq!(third.public_key(), first.public_key());
    assert_eq!(third.backend(), Backend::WebCrypto);
    // A key signed before reopening verifies against the key read back, and the other way.
    let message = message();
    let signature = again.sign(&message).await.unwrap();
    assert!(verifies(first.public_key(), &message, signature));

    let other = device_key(clock::new_device_id(), UNIT).await.unwrap();
    assert_ne!(other.public_key(), first.public_key(), "one key per device");
}

#[wasm_bindgen_test]
async fn tabs_asking_at_once_end_with_one_key() {
    for _ in 0..5 {
        let device = clock::new_device_id();
        let (a, b, c) = join(
            device_key(device, UNIT),
            device_key(device, UNIT),
            device_key_with(device, UNIT, Backend::Fallback),
        )
        .await;
        let (a, b, c) = (a.unwrap(), b.unwrap(), c.unwrap());
        assert_eq!(a.public_key(), b.public_key());
        assert_eq!(a.public_key(), c.public_key());
        assert_eq!(
            a.backend(),
            c.backend(),
            "all three use the one key stored first"
        );
        let stored = stored_entry(&device.to_string()).await;
        assert_eq!(
            js_sys::Uint8Array::new(&field(&stored, "public")).to_vec(),
            a.public_key()
        );
    }
}

#[wasm_bindgen_test]
async fn a_webcrypto_signature_verifies_and_a_changed_bit_does_not() {
    let key = device_key_with(clock::new_device_id(), UNIT, Backend::WebCrypto)
        .await
        .unwrap();
    assert_eq!(key.backend(), Backend::WebCrypto);
    signs_and_verifies(&key).await;
    // Empty and large messages too.
    for message in [Vec::new(), vec![0xa5; 100_000]] {
        let signature = key.sign(&message).await.unwrap();
        assert!(verifies(key.public_key(), &message, signature));
    }
}

#[wasm_bindgen_test]
async fn the_fallback_key_signs_verifies_and_comes_back() {
    let device = clock::new_device_id();
    let key = device_key_with(device, UNIT, Backend::Fallback)
        .await
        .unwrap();
    assert_eq!(key.backend(), Backend::Fallback);
    signs_and_verifies(&key).await;
    let again = device_key(device, UNIT).await.unwrap();
    assert_eq!(again.backend(), Backend::Fallback);
    assert_eq!(again.public_key(), key.public_key());
    let message = message();
    assert_eq!(
        again.sign(&message).await.unwrap(),
        key.sign(&message).await.unwrap(),
        "Ed25519 is deterministic"
    );
    let stored = stored_entry(&device.to_string()).await;
    assert!(field(&stored, "private").is_undefined());
    assert_eq!(
        js_sys::Uint8Array::new(&field(&stored, "secret")).length(),
        32
    );
}

#[wasm_bindgen_test]
async fn the_webcrypto_private_key_cannot_be_exported() {
    let device = clock::new_device_id();
    let key = device_key_with(device, UNIT, Backend::WebCrypto)
        .await
        .unwrap();
    let stored = stored_entry(&device.to_string()).await;
    assert!(
        field(&stored, "secret").is_undefined(),
        "no secret bytes stored"
    );
    let private: CryptoKey = field(&stored, "private").dyn_into().expect("a CryptoKey");
    assert_eq!(private.type_(), "private");
    assert!(!private.extractable());
    for format in ["pkcs8", "jwk", "raw"] {
        let export = subtle().export_key(format, &private);
        let refused = match export {
            Err(_) => true,
            Ok(promise) => JsFuture::from(promise).await.is_err(),
        };
        assert!(refused, "exportKey({format}) of the private key must fail");
    }
    // The stored public key is the one the key reports, and it signs.
    assert_eq!(
        js_sys::Uint8Array::new(&field(&stored, "public")).to_vec(),
        key.public_key()
    );
    signs_and_verifies(&key).await;
}

#[wasm_bindgen_test]
async fn a_key_made_for_another_unit_is_refused() {
    let device = clock::new_device_id();
    device_key(device, UNIT).await.unwrap();
    assert_eq!(
        device_key(device, "区市场监管局").await.unwrap_err(),
        KeyError::OtherUnit {
            stored: UNIT.to_string()
        }
    );
    let fallback = clock::new_device_id();
    device_key_with(fallback, UNIT, Backend::Fallback)
        .await
        .unwrap();
    assert!(matches!(
        device_key_with(fallback, "区卫生健康局", Backend::Fallback).await,
        Err(KeyError::OtherUnit { .. })
    ));
    // The stored key is unchanged.
    assert_eq!(device_key(device, UNIT).await.unwrap().unit(), UNIT);
}

#[wasm_bindgen_test]
async fn an_entry_that_is_not_a_key_is_refused_not_replaced() {
    let device = clock::new_device_id();
    let text = device.to_string();
    // Secret bytes whose public key is not the stored one.
    let wrong = js_sys::Object::new();
    Reflect::set(&wrong, &"unit".into(), &UNIT.into()).unwrap();
    Reflect::set(
        &wrong,
        &"public".into(),
        &js_sys::Uint8Array::from(&[7u8; 32][..]),
    )
    .unwrap();
    Reflect::set(
        &wrong,
        &"secret".into(),
        &js_sys::Uint8Array::from(&[9u8; 32][..]),
    )
    .unwrap();
    for value in [JsValue::from_str("text"), wrong.into()] {
        store_entry(&text, &value).await;
        assert_eq!(
            device_key(device, UNIT).await.unwrap_err(),
            KeyError::Unreadable
        );
    }
    assert!(
        !field(&stored_entry(&text).await, "secret").is_undefined(),
        "left as it was"
    );
}

#[wasm_bindgen_test]
async fn the_roster_is_written_in_one_transaction_and_read_back() {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.delete_database(DB_NAME).unwrap();
    let done = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(done).await.expect("the database is deleted");

    assert!(load_roster().await.unwrap().is_empty());
    // A district's worth of devices: 37 units, a few tablets each.
    let mut entries: Vec<(String, String)> = (0..120)
        .map(|i| {
            let device = clock::new_device_id().to_string();
            let json = format!(
                r#"{{"device":"{device}","unit":"单位{}","fingerprint":"ABCD-EFGH-{i:04}","trusted":true}}"#,
                i % 37
            );
            (device, json)
        })
        .collect();
    put_roster(&entries).await.unwrap();
    entries.sort();
    let expected: Vec<String> = entries.iter().map(|(_, json)| json.clone()).collect();
    assert_eq!(load_roster().await.unwrap(), expected, "in device id order");

    // An entry written again replaces its old value; nothing else changes.
    let (device, _) = entries[3].clone();
    let revoked = format!(r#"{{"device":"{device}","revoked":"2026-05-01"}}"#);
    put_roster(&[(device, revoked.clone())]).await.unwrap();
    let mut expected = expected;
    expected[3] = revoked;
    assert_eq!(load_roster().await.unwrap(), expected);

    // Keys and the roster share the database without touching each other.
    let key = device_key(clock::new_device_id(), UNIT).await.unwrap();
    assert_eq!(load_roster().await.unwrap().len(), 120);
    assert_eq!(
        device_key(key.device(), UNIT).await.unwrap().public_key(),
        key.public_key()
    );
    assert_eq!(device_keys::DB_VERSION, 1);
}
