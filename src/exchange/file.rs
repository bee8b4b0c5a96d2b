//! Writing an exchange file: a unit's own records or everything this device holds, with the
//! plan it belongs to, who exported it, and a checksum over its content.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json;
use super::{FORMAT_NAME, FORMAT_VERSION};
use crate::foundation::time::Stamp;
use crate::ledger::{DeviceId, Event, Ledger};
use crate::plan::UnitId;
use crate::trust::{self, Contact, Head, PublicKey, Signature, head_message_with, verify};

/// Which records a file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only records of the exporting unit ("导出本单位进展").
    Unit,
    /// Everything the exporting device holds ("导出全部"): what the office sends back to units.
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRef {
    pub id: String,
    /// SHA-256 of the embedded table, so a file for an edited or other table is recognised.
    pub table_sha256: String,
}

/// The plan in use.
pub fn plan_ref() -> PlanRef {
    let plan = crate::plan::plan();
    PlanRef {
        id: plan.id.clone(),
        table_sha256: plan.table_sha256.clone(),
    }
}

/// A received file after validation: every record checked, every device's chain and
/// signature verified, attribution confirmed. Whether to believe each device is the roster's
/// question (`trust::roster`), asked at preview.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeFile {
    pub exported_by: UnitId,
    pub device: DeviceId,
    pub exported_at: Stamp,
    pub scope: Scope,
    pub devices: Vec<DeviceProof>,
    pub records: Ledger,
    /// The attached files whose bytes the file carried, each verified against the record
    /// that names it (since format 4).
    pub carried: std::collections::BTreeSet<crate::foundation::digest::Digest>,
}

/// One device's proof for its records in a file: its public key and its signature over the
/// latest (sequence, hash) of its chain that the file carries. A relay carries it unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceProof {
    pub device: DeviceId,
    /// The unit the device writes for (canonical name).
    pub unit: String,
    pub public_key: PublicKey,
    pub head: Head,
    pub signature: Signature,
    /// Since format 4, optional: whom to call about this device (its unit's 联系人 and phone),
    /// signed with the head.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

impl DeviceProof {
    /// The bytes the device signed.
    pub fn message(&self) -> Vec<u8> {
        head_message_with(self.device, &self.unit, &self.head, self.contact.as_ref())
    }

    /// Whether the signature is the device key's over [`DeviceProof::message`].
    pub fn verifies(&self) -> bool {
        verify(&self.public_key, &self.message(), &self.signature)
    }
}

/// Each device's sealed records held, by sequence number.
fn chains(ledger: &Ledger) -> BTreeMap<DeviceId, BTreeMap<u64, &Event>> {
    let mut chains: BTreeMap<DeviceId, BTreeMap<u64, &Event>> = BTreeMap::new();
    for event in ledger.events() {
        if let Some(seq) = event.seq {
            chains.entry(event.device).or_default().insert(seq, event);
        }
    }
    chains
}

/// The head of `device`'s chain as held: its latest sealed record (what this device signs
/// when it exports its own records).
pub fn own_head(ledger: &Ledger, device: DeviceId) -> Option<Head> {
    ledger
        .events()
        .filter(|e| e.device == device)
        .filter_map(|e| Some((e.seq?, e)))
        .max_by_key(|(seq, _)| *seq)
        .map(|(seq, e)| Head {
            seq,
            hash: trust::record::digest(e),
        })
}

/// For each device, the stored proof with the latest head whose record is held as signed
/// (records an undone import took away may leave a later proof without its records).
pub fn usable_proofs(ledger: &Ledger, stored: &[DeviceProof]) -> Vec<DeviceProof> {
    let chains = chains(ledger);
    let mut best: BTreeMap<DeviceId, &DeviceProof> = BTreeMap::new();
    for proof in stored {
        let held = chains
            .get(&proof.device)
            .and_then(|c| c.get(&proof.head.seq))
            .is_some_and(|e| trust::record::digest(e) == proof.head.hash);
        if held
            && best
                .get(&proof.device)
                .is_none_or(|b| b.head.seq < proof.head.seq)
        {
            best.insert(proof.device, proof);
        }
    }
    best.into_values().cloned().collect()
}

/// The records a proof vouches for in `ledger`: the device's contiguous run of records
/// ending at the signed head (a run may start after 1 when older records are not held).
fn segment<'a>(chain: &BTreeMap<u64, &'a Event>, head: &Head) -> Vec<&'a Event> {
    let mut run = Vec::new();
    let mut seq = head.seq;
    while seq >= 1
        && let Some(event) = chain.get(&seq)
    {
        run.push(*event);
        seq -= 1;
    }
    run
}

#[derive(Serialize)]
struct Exporter<'a> {
    unit: &'a str,
    device: DeviceId,
}

#[derive(Serialize)]
struct Checksum {
    algorithm: &'static str,
    value: String,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    format_version: u64,
    plan: PlanRef,
    exported_by: Exporter<'a>,
    exported_at: Stamp,
    scope: Scope,
    devices: Vec<&'a DeviceProof>,
    records: Vec<&'a Event>,
    checksum: Checksum,
}

/// Fields outside the checksum: when the file was made, the checksum itself, and the attached
/// files' bytes (each vouched for by the signed record that names its hash).
pub const NOT_CHECKSUMMED: [&str; 3] = ["exported_at", "checksum", super::FILES_MEMBER];

/// The checksum of a parsed file: SHA-256 of the canonical JSON (RFC 8785) of every
/// top-level field except `exported_at`, `checksum` and `files`.
pub fn checksum_of(file: &Value) -> String {
    let text = serde_json::to_string(file).expect("values serialise");
    checksum_of_text(&text).expect("serialised values are JSON")
}

/// The checksum of a file's text (as [`checksum_of`]); `None` when it is not JSON this app
/// reads (see `json.rs`).
pub fn checksum_of_text(text: &str) -> Option<String> {
    let scanned = json::scan(text, json::default_limits()).ok()?;
    Some(scanned.sha256_without(&NOT_CHECKSUMMED))
}

/// The proofs and records a file of `scope` from `unit` carries: for each proof of a device
/// of the scope, the records it vouches for, in id order. Records no proof covers (records
/// written before format 3 by other devices, records not yet stored) stay out.
pub fn records_for<'a>(
    ledger: &'a Ledger,
    unit: UnitId,
    scope: Scope,
    proofs: &'a [DeviceProof],
) -> (Vec<&'a DeviceProof>, Vec<&'a Event>) {
    let chains = chains(ledger);
    let mut carried = Vec::new();
    let mut records = Vec::new();
    for proof in proofs {
        if scope == Scope::Unit && proof.unit != unit.name() {
            continue;
        }
        let Some(chain) = chains.get(&proof.device) else {
            continue;
        };
        let run = segment(chain, &proof.head);
        if !run.is_empty() {
            carried.push(proof);
            records.extend(run);
        }
    }
    carried.sort_by_key(|p| p.device);
    records.sort_by_key(|e| e.id);
    (carried, records)
}

/// How many records a file of `scope` from `unit` can carry at most: the stored records with
/// a place in their device's log (before proofs are chosen).
pub fn exportable_count(ledger: &Ledger, unit: UnitId, scope: Scope) -> usize {
    ledger
        .events()
        .filter(|e| e.is_sealed() && (scope == Scope::All || e.unit == unit))
        .count()
}

/// The text of an exchange file carrying what `proofs` vouch for (this device's own proof,
/// signed just now, and the proofs it received). The same ledger and proofs give the same
/// bytes apart from `exported_at`.
pub fn export(
    ledger: &Ledger,
    unit: UnitId,
    device: DeviceId,
    scope: Scope,
    at: Stamp,
    proofs: &[DeviceProof],
) -> String {
    let (devices, records) = records_for(ledger, unit, scope, proofs);
    let mut file = FileOut {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        plan: plan_ref(),
        exported_by: Exporter {
            unit: unit.name(),
            device,
        },
        exported_at: at,
        scope,
        devices,
        records,
        checksum: Checksum {
            algorithm: "sha256",
            value: String::new(),
        },
    };
    let compact = serde_json::to_string(&file).expect("files serialise");
    file.checksum.value = checksum_of_text(&compact).expect("exported files are JSON");
    drop(compact);
    let mut text = serde_json::to_string_pretty(&file).expect("files serialise");
    text.push('\n');
    text
}

/// A file name that says whose and which day: `区教育局-进展-2023-11-08.json`,
/// `区食药安办-全部进展-2023-11-08.json`.
pub fn file_name(unit: UnitId, scope: Scope, at: Stamp) -> String {
    let what = match scope {
        Scope::Unit => "进展",
        Scope::All => "全部进展",
    };
    format!("{}-{what}-{}.json", unit.name(), at.local_date())
}

/// The name of an export with attached files, `part` (1-based) of `parts`:
/// `区教育局-进展含附件-2023-11-08.json`, `区教育局-进展含附件-2023-11-08-第2份共3份.json`.
pub fn file_name_with_files(
    unit: UnitId,
    scope: Scope,
    at: Stamp,
    part: usize,
    parts: usize,
) -> String {
    let what = match scope {
        Scope::Unit => "进展含附件",
        Scope::All => "全部进展含附件",
    };
    let of = if parts > 1 {
        format!("-第{part}份共{parts}份")
    } else {
        String::new()
    };
    format!("{}-{what}-{}{of}.json", unit.name(), at.local_date())
}
