//! 设备名册: the devices this device trusts, for which unit, under which key.
//!
//! A signature proves which key wrote a file; the roster says whether that key may speak for
//! the unit it claims. [`Roster::judge`] decides for each device in a received file:
//! known, new (applies only after 信任此设备), refused (its id known under another key, or
//! known for another unit), or revoked (later records refused, earlier ones marked).
//!
//! A device comes to be trusted in one of three ways ([`Trust`]): it is this device
//! ([`Trust::Own`]), someone here chose 信任此设备 after comparing the fingerprint by phone
//! ([`Trust::Trusted`]), or the office's signed roster vouched for it ([`Trust::Vouched`],
//! through [`Roster::adopt`], accepted only when the office's device is one this device trusts
//! first-hand). A unit may have several devices.
//!
//! Rosters merge deterministically (two tabs of one device, or a roster read back from
//! storage): entries are kept per (device, key, unit) and joined: the strongest trust, the
//! earliest first-seen, the latest last-seen, and revocation wins. A device id that ends up
//! with two keys or two units is refused by [`Roster::judge`] until someone sorts it out.
//! Times are UTC milliseconds since the Unix epoch.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::keys::{PublicKey, Signature, SigningKey, fingerprint, verify};
use crate::ledger::DeviceId;

/// How a device came to be trusted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trust {
    /// This device itself.
    Own,
    /// 信任此设备 on this device.
    Trusted {
        /// When it was trusted.
        at: i64,
    },
    /// Vouched for by the office's signed roster.
    Vouched {
        /// The office device whose roster vouched for it.
        by: DeviceId,
        /// When the roster was adopted here.
        at: i64,
    },
}

impl Trust {
    /// Merge order: own over trusted over vouched; then the earlier; then the lower office id.
    fn strength(self) -> (u8, Reverse<i64>, Reverse<Option<DeviceId>>) {
        match self {
            Trust::Own => (2, Reverse(i64::MIN), Reverse(None)),
            Trust::Trusted { at } => (1, Reverse(at), Reverse(None)),
            Trust::Vouched { by, at } => (0, Reverse(at), Reverse(Some(by))),
        }
    }

    /// Trusted here first-hand (own or 信任此设备), not only through a roster.
    pub fn first_hand(self) -> bool {
        matches!(self, Trust::Own | Trust::Trusted { .. })
    }
}

/// A revoked device: its records after `last_good_seq` are refused, those up to it are kept
/// and marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    /// When it was revoked.
    pub at: i64,
    /// The last of its sequence numbers still accepted.
    pub last_good_seq: u64,
}

impl Revocation {
    /// Whether the record with this sequence number is refused.
    pub fn refuses(&self, seq: u64) -> bool {
        seq > self.last_good_seq
    }

    /// Two revocations of one device: the earlier time and the stricter limit.
    fn join(self, other: Revocation) -> Revocation {
        Revocation {
            at: self.at.min(other.at),
            last_good_seq: self.last_good_seq.min(other.last_good_seq),
        }
    }
}

fn join_revocations(a: Option<Revocation>, b: Option<Revocation>) -> Option<Revocation> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.join(b)),
        (a, b) => a.or(b),
    }
}

/// One device in the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    /// Its device id.
    pub id: DeviceId,
    /// The canonical name of the unit it writes for.
    pub unit: String,
    /// Its public key.
    pub key: PublicKey,
    /// When this device first learned of it.
    pub first_seen: i64,
    /// When a file of it was last applied here.
    pub last_seen: i64,
    /// How it came to be trusted.
    pub trust: Trust,
    /// Whether, and from where on, it is revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<Revocation>,
}

impl Device {
    /// Its fingerprint, for the roster screen.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.key)
    }

    fn slot(&self) -> Slot {
        (self.id, self.key, self.unit.clone())
    }

    /// The same device as known twice: joined field by field.
    fn join(&mut self, other: &Device) {
        self.first_seen = self.first_seen.min(other.first_seen);
        self.last_seen = self.last_seen.max(other.last_seen);
        if other.trust.strength() > self.trust.strength() {
            self.trust = other.trust;
        }
        self.revoked = join_revocations(self.revoked, other.revoked);
    }
}

/// What to do with a device's records in a received file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Trusted for this unit under this key: apply as usual.
    Known,
    /// Never seen: mark 新设备 with its unit and fingerprint; apply only after 信任此设备.
    New {
        /// The unit it claims.
        unit: String,
        /// The fingerprint of its key, to compare by phone.
        fingerprint: String,
    },
    /// Its id is known here under another key: refuse.
    KeyMismatch,
    /// It is known here for another unit: refuse.
    UnitMismatch {
        /// The unit it is known for.
        known: String,
    },
    /// Revoked: records after `last_good_seq` are refused, earlier ones applied and marked.
    Revoked {
        /// The last sequence number still accepted.
        last_good_seq: u64,
        /// The first of the given sequence numbers that is refused; `None` when all predate
        /// the revocation.
        refused_from_seq: Option<u64>,
    },
}

/// Why 信任此设备 (or the own device's entry) was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The device id is known under another key.
    KeyMismatch,
    /// The device is known for another unit.
    UnitMismatch {
        /// The unit it is known for.
        known: String,
    },
}

/// Why an office roster was not adopted. Nothing in the roster changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterProblem {
    /// The signature does not match the office key and the roster's contents.
    BadSignature,
    /// The office device is not in this roster: trust it first (its unit and fingerprint).
    OfficeUnknown {
        /// The unit the office device claims.
        unit: String,
        /// The fingerprint of the office key.
        fingerprint: String,
    },
    /// The office device is only vouched for by another roster, never trusted here first-hand.
    OfficeNotFirstHand,
    /// The office device id is known here under another key.
    OfficeKeyMismatch,
    /// The office device is known here for another unit.
    OfficeUnitMismatch {
        /// The unit it is known for.
        known: String,
    },
    /// The office device is revoked here.
    OfficeRevoked,
}

/// Why a received file is not an office roster to adopt ([`RosterFile::read`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterFileProblem {
    /// Not a roster file: not JSON of a [`RosterFile`] (another kind of file, damaged, a
    /// field unknown, missing or given twice).
    NotRoster,
    /// Signed by a device of another unit than the coordinating office.
    NotOffice {
        /// The unit the signing device claims.
        unit: String,
    },
}

/// What adopting an office roster changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdoptReport {
    /// Devices new here, now vouched for.
    pub added: Vec<DeviceId>,
    /// Devices revoked here because the roster revokes them (newly, or more strictly).
    pub revoked: Vec<DeviceId>,
    /// Entries ignored because the device id is known here under another key.
    pub key_mismatches: Vec<DeviceId>,
    /// Entries ignored because the device is known here for another unit.
    pub unit_mismatches: Vec<DeviceId>,
}

/// The entries are kept per (device, key, unit); see the module documentation.
type Slot = (DeviceId, PublicKey, String);

/// The devices this device trusts. Serialized as the list of its [`Device`]s.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Device>", into = "Vec<Device>")]
pub struct Roster {
    devices: BTreeMap<Slot, Device>,
}

impl From<Vec<Device>> for Roster {
    /// Joins the devices as [`Roster::merge`] does, whatever the list holds.
    fn from(devices: Vec<Device>) -> Roster {
        let mut roster = Roster::default();
        for device in devices {
            roster.join(device);
        }
        roster
    }
}

impl From<Roster> for Vec<Device> {
    fn from(roster: Roster) -> Vec<Device> {
        roster.devices.into_values().collect()
    }
}

impl Roster {
    /// An empty roster.
    pub fn new() -> Roster {
        Roster::default()
    }

    /// Every device, ordered by device id.
    pub fn devices(&self) -> impl Iterator<Item = &Device> {
        self.devices.values()
    }

    /// The devices of each unit, for the roster screen (units by name, devices by first seen).
    pub fn by_unit(&self) -> BTreeMap<&str, Vec<&Device>> {
        let mut units: BTreeMap<&str, Vec<&Device>> = BTreeMap::new();
        for device in self.devices.values() {
            units.entry(&device.unit).or_default().push(device);
        }
        for devices in units.values_mut() {
            devices.sort_by_key(|d| (d.first_seen, d.id));
        }
        units
    }

    /// Every entry under one device id (one, unless two tabs or two stored copies disagreed).
    fn entries(&self, id: DeviceId) -> impl Iterator<Item = &Device> {
        let from = (id, PublicKey([0; 32]), String::new());
        self.devices
            .range(from..)
            .map(|(_, device)| device)
            .take_while(move |device| device.id == id)
    }

    /// Why `id` may not speak for `unit` under `key`: another key or another unit known for it.
    fn refusal(&self, id: DeviceId, unit: &str, key: &PublicKey) -> Option<Refusal> {
        let mut refusal = None;
        for entry in self.entries(id) {
            if entry.key != *key {
                return Some(Refusal::KeyMismatch);
            }
            if entry.unit != unit && refusal.is_none() {
                refusal = Some(Refusal::UnitMismatch {
                    known: entry.unit.clone(),
                });
            }
        }
        refusal
    }

    /// What to do with the records of `device`, which claims `unit` and signs with `key`, whose
    /// sequence numbers in the file are `seqs`.
    ///
    /// A key mismatch is judged before a unit mismatch, both before revocation.
    pub fn judge(&self, device: DeviceId, unit: &str, key: &PublicKey, seqs: &[u64]) -> Verdict {
        match self.refusal(device, unit, key) {
            Some(Refusal::KeyMismatch) => return Verdict::KeyMismatch,
            Some(Refusal::UnitMismatch { known }) => return Verdict::UnitMismatch { known },
            None => {}
        }
        let Some(entry) = self.entries(device).next() else {
            return Verdict::New {
                unit: unit.to_owned(),
                fingerprint: fingerprint(key),
            };
        };
        match entry.revoked {
            Some(revocation) => Verdict::Revoked {
                last_good_seq: revocation.last_good_seq,
                refused_from_seq: seqs
                    .iter()
                    .copied()
                    .filter(|&s| revocation.refuses(s))
                    .min(),
            },
            None => Verdict::Known,
        }
    }

    /// The revocation of `device`, joined over its entries: `None` when it is not revoked.
    pub fn revocation(&self, device: DeviceId) -> Option<Revocation> {
        self.entries(device)
            .fold(None, |acc, entry| join_revocations(acc, entry.revoked))
    }

    /// The entry of `device` when it is known under exactly `key` and `unit`.
    pub fn get(&self, device: DeviceId, unit: &str, key: &PublicKey) -> Option<&Device> {
        self.devices.get(&(device, *key, unit.to_owned()))
    }

    /// Adds `device`, first seen `at`, trusted as `trust` (see [`Roster::admit`]).
    fn admit_new(
        &mut self,
        id: DeviceId,
        unit: &str,
        key: PublicKey,
        at: i64,
        trust: Trust,
    ) -> Result<(), Refusal> {
        self.admit(Device {
            id,
            unit: unit.to_owned(),
            key,
            first_seen: at,
            last_seen: at,
            trust,
            revoked: None,
        })
    }

    /// Adds `device` (joined with what is known of it), refusing a key or unit mismatch.
    fn admit(&mut self, device: Device) -> Result<(), Refusal> {
        match self.refusal(device.id, &device.unit, &device.key) {
            Some(refusal) => Err(refusal),
            None => {
                self.join(device);
                Ok(())
            }
        }
    }

    /// Records this device itself (on first use).
    pub fn add_own(
        &mut self,
        device: DeviceId,
        unit: &str,
        key: PublicKey,
        at: i64,
    ) -> Result<(), Refusal> {
        self.admit_new(device, unit, key, at, Trust::Own)
    }

    /// 信任此设备: trusts `device` for `unit` under `key`. Refused when its id is known under
    /// another key or for another unit. A revoked device stays revoked: revocation wins.
    pub fn trust(
        &mut self,
        device: DeviceId,
        unit: &str,
        key: PublicKey,
        at: i64,
    ) -> Result<(), Refusal> {
        self.admit_new(device, unit, key, at, Trust::Trusted { at })
    }

    /// Revokes every entry of `device`: its records after `last_good_seq` are refused from now
    /// on. Revoking again keeps the earlier time and the stricter limit. Returns whether the
    /// device was in the roster.
    pub fn revoke(&mut self, device: DeviceId, last_good_seq: u64, at: i64) -> bool {
        let revocation = Revocation { at, last_good_seq };
        let mut found = false;
        for entry in self.devices.values_mut().filter(|d| d.id == device) {
            entry.revoked = join_revocations(entry.revoked, Some(revocation));
            found = true;
        }
        found
    }

    /// Notes that a file of `device` (under `key`) was applied at `at`.
    pub fn seen(&mut self, device: DeviceId, key: &PublicKey, at: i64) {
        for entry in self
            .devices
            .values_mut()
            .filter(|d| d.id == device && d.key == *key)
        {
            entry.first_seen = entry.first_seen.min(at);
            entry.last_seen = entry.last_seen.max(at);
        }
    }

    /// Joins one entry in, without refusing anything (merge and deserialization).
    fn join(&mut self, device: Device) {
        match self.devices.get_mut(&device.slot()) {
            Some(known) => known.join(&device),
            None => {
                self.devices.insert(device.slot(), device);
            }
        }
    }

    /// Takes in everything `other` knows: union of entries; per entry the strongest trust,
    /// earliest first seen, latest last seen, and revocation wins. Commutative, associative
    /// and idempotent. It refuses nothing: a device id that ends up under two keys or units is
    /// judged [`Verdict::KeyMismatch`] or [`Verdict::UnitMismatch`].
    pub fn merge(&mut self, other: &Roster) {
        for device in other.devices.values() {
            self.join(device.clone());
        }
    }

    /// The entries the office's signed roster carries: every device trusted here first-hand,
    /// and every revoked one (revocations travel), leaving out device ids in conflict.
    pub fn vouchable(&self) -> Vec<RosterEntry> {
        self.devices
            .values()
            .filter(|d| d.trust.first_hand() || d.revoked.is_some())
            .filter(|d| self.entries(d.id).count() == 1)
            .map(|d| RosterEntry {
                device: d.id,
                unit: d.unit.clone(),
                key: d.key,
                first_seen: d.first_seen,
                last_seen: d.last_seen,
                revoked: d.revoked,
            })
            .collect()
    }

    /// Adopts an office roster received in a file, at time `at`.
    ///
    /// Accepted only when its signature verifies and its office device is trusted here
    /// first-hand ([`Trust::Own`] or [`Trust::Trusted`]) under the same key and unit, and is
    /// not revoked; otherwise nothing changes. Then each entry: a new device is added as
    /// [`Trust::Vouched`]; a known one keeps its trust, its seen times are joined; a
    /// revocation in the file revokes here too; an entry whose id is known here under another
    /// key or for another unit is ignored and reported.
    pub fn adopt(&mut self, file: &RosterFile, at: i64) -> Result<AdoptReport, RosterProblem> {
        if !file.verify() {
            return Err(RosterProblem::BadSignature);
        }
        match self.judge(file.office_device, &file.office_unit, &file.office_key, &[]) {
            Verdict::Known => {}
            Verdict::New { unit, fingerprint } => {
                return Err(RosterProblem::OfficeUnknown { unit, fingerprint });
            }
            Verdict::KeyMismatch => return Err(RosterProblem::OfficeKeyMismatch),
            Verdict::UnitMismatch { known } => {
                return Err(RosterProblem::OfficeUnitMismatch { known });
            }
            Verdict::Revoked { .. } => return Err(RosterProblem::OfficeRevoked),
        }
        let office = self.get(file.office_device, &file.office_unit, &file.office_key);
        if !office.is_some_and(|office| office.trust.first_hand()) {
            return Err(RosterProblem::OfficeNotFirstHand);
        }
        let mut report = AdoptReport::default();
        for entry in &file.entries {
            let before = self.get(entry.device, &entry.unit, &entry.key).cloned();
            let vouched = Device {
                id: entry.device,
                unit: entry.unit.clone(),
                key: entry.key,
                first_seen: entry.first_seen,
                last_seen: entry.last_seen,
                trust: Trust::Vouched {
                    by: file.office_device,
                    at,
                },
                revoked: entry.revoked,
            };
            match self.admit(vouched) {
                Err(Refusal::KeyMismatch) => report.key_mismatches.push(entry.device),
                Err(Refusal::UnitMismatch { .. }) => report.unit_mismatches.push(entry.device),
                Ok(()) => {
                    let revoked_before = before.as_ref().and_then(|d| d.revoked);
                    let revoked_after = self
                        .get(entry.device, &entry.unit, &entry.key)
                        .and_then(|d| d.revoked);
                    if before.is_none() {
                        report.added.push(entry.device);
                    }
                    if revoked_after.is_some() && revoked_after != revoked_before {
                        report.revoked.push(entry.device);
                    }
                }
            }
        }
        Ok(report)
    }
}

/// One device in the office's signed roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    /// Its device id.
    pub device: DeviceId,
    /// The canonical name of its unit.
    pub unit: String,
    /// Its public key.
    pub key: PublicKey,
    /// When the office first learned of it.
    pub first_seen: i64,
    /// When the office last applied a file of it.
    pub last_seen: i64,
    /// Its revocation, when the office revoked it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<Revocation>,
}

/// The office's roster as exported for units, signed by the office device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterFile {
    /// The office device that signed it.
    pub office_device: DeviceId,
    /// The office device's unit.
    pub office_unit: String,
    /// The office device's public key.
    pub office_key: PublicKey,
    /// When it was made.
    pub made: i64,
    /// The devices it vouches for or revokes.
    pub entries: Vec<RosterEntry>,
    /// The office device's signature of [`roster_message`].
    pub signature: Signature,
}

/// The first line of [`roster_message`].
pub const ROSTER_DOMAIN: &str = "duty-ledger roster v1";

/// The bytes the office device signs for its roster.
///
/// A small encoding of its own rather than canonical JSON: every field is written as
/// `{length in bytes}:{UTF-8 text}\n`, in a fixed order, after the line
/// `duty-ledger roster v1\n`. Length prefixes make it injective for any text (no escaping to
/// get right), integers are plain decimal (no number-formatting rules to share with
/// JavaScript), and it is twenty lines to reimplement anywhere. The order: office device,
/// office unit, office key, made, number of entries; then per entry in file order: device,
/// unit, key, first seen, last seen, and the revocation as `{at} {last_good_seq}` or `-`.
pub fn roster_message(
    office_device: DeviceId,
    office_unit: &str,
    office_key: &PublicKey,
    made: i64,
    entries: &[RosterEntry],
) -> Vec<u8> {
    fn field(out: &mut Vec<u8>, text: &str) {
        out.extend_from_slice(format!("{}:", text.len()).as_bytes());
        out.extend_from_slice(text.as_bytes());
        out.push(b'\n');
    }
    let mut out = Vec::with_capacity(200 + entries.len() * 200);
    out.extend_from_slice(ROSTER_DOMAIN.as_bytes());
    out.push(b'\n');
    field(&mut out, &office_device.to_string());
    field(&mut out, office_unit);
    field(&mut out, &office_key.to_hex());
    field(&mut out, &made.to_string());
    field(&mut out, &entries.len().to_string());
    for entry in entries {
        field(&mut out, &entry.device.to_string());
        field(&mut out, &entry.unit);
        field(&mut out, &entry.key.to_hex());
        field(&mut out, &entry.first_seen.to_string());
        field(&mut out, &entry.last_seen.to_string());
        let revoked = match entry.revoked {
            Some(r) => format!("{} {}", r.at, r.last_good_seq),
            None => "-".to_owned(),
        };
        field(&mut out, &revoked);
    }
    out
}

impl RosterFile {
    /// The bytes its signature covers ([`roster_message`] of its fields).
    pub fn message(&self) -> Vec<u8> {
        roster_message(
            self.office_device,
            &self.office_unit,
            &self.office_key,
            self.made,
            &self.entries,
        )
    }

    /// Whether its signature is the office key's signature of its contents.
    pub fn verify(&self) -> bool {
        verify(&self.office_key, &self.message(), &self.signature)
    }

    /// A roster signed elsewhere: `signature` is the office device's signature of
    /// [`roster_message`] of these fields, made where the private key lives (WebCrypto, whose
    /// key cannot be read out). Nothing is checked here; [`RosterFile::verify`] does.
    pub fn from_signature(
        office_device: DeviceId,
        office_unit: &str,
        office_key: PublicKey,
        made: i64,
        entries: Vec<RosterEntry>,
        signature: Signature,
    ) -> RosterFile {
        RosterFile {
            office_device,
            office_unit: office_unit.to_owned(),
            office_key,
            made,
            entries,
            signature,
        }
    }

    /// Reads a received roster file, which must be signed by a device of `office_unit` (the
    /// coordinating office). Its signature and the office's trust are checked by
    /// [`Roster::adopt`].
    pub fn read(bytes: &[u8], office_unit: &str) -> Result<RosterFile, RosterFileProblem> {
        let file: RosterFile =
            serde_json::from_slice(bytes).map_err(|_| RosterFileProblem::NotRoster)?;
        if file.office_unit != office_unit {
            return Err(RosterFileProblem::NotOffice {
                unit: file.office_unit,
            });
        }
        Ok(file)
    }

    /// Signs `entries` with an in-memory key (the fallback without WebCrypto Ed25519, and
    /// tests). With WebCrypto, sign [`roster_message`] there and build the file from its parts.
    pub fn sign(
        office_device: DeviceId,
        office_unit: &str,
        office: &SigningKey,
        made: i64,
        entries: Vec<RosterEntry>,
    ) -> RosterFile {
        let office_key = office.public();
        let signature = office.sign(&roster_message(
            office_device,
            office_unit,
            &office_key,
            made,
            &entries,
        ));
        RosterFile {
            office_device,
            office_unit: office_unit.to_owned(),
            office_key,
            made,
            entries,
            signature,
        }
    }
}
