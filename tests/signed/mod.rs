//! Signed exchange files for native tests, made as the app makes them: each device's records
//! sealed into its chain (oldest first, `trust::record::seal`), its head signed with its key,
//! and `exchange::export` carrying what the proofs vouch for.
//!
//! Every device gets a deterministic key ([`key`]), so a test can play any device, or a
//! forger who lacks one (a key the device never had: [`forger_key`]).
#![allow(dead_code)] // each test file uses a part

use std::collections::BTreeMap;

use duty_ledger::exchange::file::{checksum_of, own_head};
use duty_ledger::exchange::{DeviceProof, Scope, export};
use duty_ledger::foundation::canonical;
use duty_ledger::foundation::time::Stamp;
use duty_ledger::ledger::{DeviceId, Event, Ledger};
use duty_ledger::plan::UnitId;
use duty_ledger::trust::{Contact, Digest, Head, PublicKey, SigningKey, head_message};
use serde_json::{Value, json};

/// The importing device's clock in tests: 2030-01-01T00:00:00Z, after every record the tests
/// write (a record is refused only when stamped more than 24 hours after it).
pub const NOW_MS: i64 = 1_893_456_000_000;

/// The test key of `device`: the same every run.
pub fn key(device: DeviceId) -> SigningKey {
    SigningKey::from_secret(Digest::of(format!("duty-ledger test key {device}").as_bytes()).0)
}

/// A key `device` never had: what a forger signs with.
pub fn forger_key(device: DeviceId) -> SigningKey {
    SigningKey::from_secret(Digest::of(format!("a forger's key for {device}").as_bytes()).0)
}

/// A device writing for one unit in a test: each record stamped causally (after every stamp
/// the device holds) and sealed into the device's chain as the vault seals it when stored.
/// Each test file gives it a `new` of its own (its units, device ids and author).
pub struct Tablet {
    pub recorder: duty_ledger::ledger::record::Recorder,
    pub ledger: Ledger,
    next: u64,
    clock: fn(i64) -> Stamp,
}

impl Tablet {
    /// A device `device` of `unit`; its records' ids count up from `first_id`, and `clock`
    /// turns a test's minutes into the wall time of a record.
    pub fn with(
        unit: UnitId,
        device: DeviceId,
        author: &str,
        first_id: u64,
        clock: fn(i64) -> Stamp,
    ) -> Tablet {
        Tablet {
            recorder: duty_ledger::ledger::record::Recorder {
                unit,
                device,
                author: Some(author.into()),
                hlc: None,
            },
            ledger: Ledger::new(),
            next: first_id,
            clock,
        }
    }

    /// The record `make` writes at `minutes`, added and sealed (as stored).
    pub fn write(
        &mut self,
        minutes: i64,
        make: impl FnOnce(
            &duty_ledger::ledger::record::Recorder,
            duty_ledger::ledger::EventId,
            Stamp,
        ) -> Result<Event, duty_ledger::ledger::event::EventProblem>,
    ) -> Event {
        let at = (self.clock)(minutes);
        self.recorder.hlc = Some(duty_ledger::foundation::hlc::Hlc::next(
            self.ledger.newest(),
            at.utc_ms,
        ));
        self.next += 1;
        let event = make(
            &self.recorder,
            duty_ledger::ledger::EventId::from_random(self.next.to_be_bytes()),
            at,
        )
        .expect("a valid record");
        self.ledger.add(event.clone());
        self.ledger = sealed(&self.ledger);
        self.ledger.get(&event.id).unwrap().clone()
    }
}

/// `ledger` with every unsealed record given its place in its device's chain: per device,
/// after its latest sealed record, oldest first (by wall time, then id, as the vault seals
/// records written before format 3).
pub fn sealed(ledger: &Ledger) -> Ledger {
    let mut pending: BTreeMap<DeviceId, Vec<Event>> = BTreeMap::new();
    let mut events = Vec::with_capacity(ledger.len());
    for event in ledger.events() {
        if event.is_sealed() {
            events.push(event.clone());
        } else {
            pending.entry(event.device).or_default().push(event.clone());
        }
    }
    for (device, mut own) in pending {
        own.sort_by_key(|e| (e.at, e.id));
        duty_ledger::trust::record::seal(own_head(ledger, device), &mut own);
        events.extend(own);
    }
    Ledger::from_distinct(events)
}

/// The proof `key` gives for `device`'s chain in `ledger` as held (its latest sealed record),
/// for the unit of that record.
pub fn proof_with(ledger: &Ledger, device: DeviceId, key: &SigningKey) -> Option<DeviceProof> {
    let head = own_head(ledger, device)?;
    let unit = ledger
        .events()
        .find(|e| e.device == device && e.seq == Some(head.seq))?
        .unit
        .name()
        .to_string();
    Some(sign_head(device, &unit, head, key))
}

/// A proof for `head` of `device` writing for `unit`, signed with `key`.
pub fn sign_head(device: DeviceId, unit: &str, head: Head, key: &SigningKey) -> DeviceProof {
    DeviceProof {
        device,
        unit: unit.to_string(),
        public_key: key.public(),
        head,
        signature: key.sign(&head_message(device, unit, &head)),
        contact: None,
    }
}

/// Gives `device`'s proof in a parsed file the unit's `contact`, signed with the device's test
/// key as the app signs it (the head message with the contact's two lines), and re-seals.
pub fn with_contact(file: &mut Value, device: DeviceId, contact: &Contact) {
    for proof in file["devices"].as_array_mut().expect("devices") {
        let mut parsed: DeviceProof = serde_json::from_value(proof.clone()).unwrap();
        if parsed.device != device {
            continue;
        }
        parsed.contact = Some(contact.clone());
        parsed.signature = key(device).sign(&parsed.message());
        *proof = serde_json::to_value(&parsed).unwrap();
    }
    reseal(file);
}

/// Each device's proof for its chain in `ledger`, signed with its test key.
pub fn proofs(ledger: &Ledger) -> Vec<DeviceProof> {
    let devices: std::collections::BTreeSet<DeviceId> = ledger
        .events()
        .filter(|e| e.is_sealed())
        .map(|e| e.device)
        .collect();
    devices
        .into_iter()
        .filter_map(|d| proof_with(ledger, d, &key(d)))
        .collect()
}

/// The text of the file `device` of `unit` exports from `ledger`: unsealed records sealed,
/// every device's head signed with its test key.
pub fn signed_export(
    ledger: &Ledger,
    unit: UnitId,
    device: DeviceId,
    scope: Scope,
    at: Stamp,
) -> String {
    let ledger = sealed(ledger);
    export(&ledger, unit, device, scope, at, &proofs(&ledger))
}

/// The public key of `device`'s test key.
pub fn public(device: DeviceId) -> PublicKey {
    key(device).public()
}

/// The digest of a record as a file carries it (SHA-256 of its RFC 8785 canonical JSON).
pub fn digest_of(record: &Value) -> Digest {
    let mut bytes = Vec::new();
    canonical::write_value(record, &mut bytes);
    Digest::of(&bytes)
}

/// Re-chains the records of a parsed file (per device, in `seq` order: each `prev` the digest
/// of the one before), re-signs every device's head with `sign(device)` and re-seals the
/// checksum: what a forger holding the keys (or a device rewriting its own history) would do.
pub fn resign_with(file: &mut Value, sign: impl Fn(DeviceId) -> SigningKey) {
    let records = file["records"].as_array_mut().expect("records");
    let mut by_device: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        let device = record["device"].as_str().expect("device").to_string();
        by_device.entry(device).or_default().push(i);
    }
    let mut heads: BTreeMap<String, (Head, String)> = BTreeMap::new();
    for (device, mut indices) in by_device {
        indices.sort_by_key(|&i| records[i]["seq"].as_u64().expect("seq"));
        let mut prev: Option<Digest> = None;
        let mut head = None;
        for (n, &i) in indices.iter().enumerate() {
            // The first record carried keeps its stated predecessor.
            if let (true, Some(p)) = (n > 0, prev) {
                records[i]["prev"] = json!(p.to_hex());
            }
            let hash = digest_of(&records[i]);
            prev = Some(hash);
            head = Some((
                Head {
                    seq: records[i]["seq"].as_u64().unwrap(),
                    hash,
                },
                records[i]["unit"].as_str().unwrap().to_string(),
            ));
        }
        heads.insert(device, head.expect("a device with records"));
    }
    for proof in file["devices"].as_array_mut().expect("devices") {
        let device = DeviceId::parse(proof["device"].as_str().unwrap()).unwrap();
        let Some((head, unit)) = heads.get(&device.to_string()) else {
            continue;
        };
        let signed = sign_head(device, unit, *head, &sign(device));
        *proof = serde_json::to_value(&signed).unwrap();
    }
    reseal(file);
}

/// [`resign_with`] each device's own test key.
pub fn resign(file: &mut Value) {
    resign_with(file, key)
}

/// Recomputes a parsed file's checksum.
pub fn reseal(file: &mut Value) {
    let sum = checksum_of(file);
    file["checksum"]["value"] = json!(sum);
}

/// Parses a file, changes it, then re-chains, re-signs and re-seals it with the devices' own
/// keys: a change only the devices themselves could make, so that what is left to catch it is
/// the check under test, not the signature.
pub fn tampered_signed(text: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(text).unwrap();
    change(&mut value);
    resign(&mut value);
    serde_json::to_vec(&value).unwrap()
}
