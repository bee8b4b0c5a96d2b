//! Writing an exchange file: a unit's own records or everything this device holds, with the
//! plan it belongs to, who exported it, and a checksum over its content.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json;
use super::{FORMAT_NAME, FORMAT_VERSION};
use crate::ledger::time::Stamp;
use crate::ledger::{DeviceId, Event, Ledger};
use crate::plan::UnitId;

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

/// A received file after validation: every record checked, attribution confirmed.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeFile {
    pub exported_by: UnitId,
    pub device: DeviceId,
    pub exported_at: Stamp,
    pub scope: Scope,
    pub records: Ledger,
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
    records: Vec<&'a Event>,
    checksum: Checksum,
}

/// Fields outside the checksum: when the file was made, and the checksum itself.
pub const NOT_CHECKSUMMED: [&str; 2] = ["exported_at", "checksum"];

/// The checksum of a parsed file: SHA-256 of the canonical JSON (RFC 8785) of every
/// top-level field except `exported_at` and `checksum`.
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

/// The records of `ledger` that a file of `scope` from `unit` carries, in id order.
pub fn records_for(ledger: &Ledger, unit: UnitId, scope: Scope) -> Vec<&Event> {
    ledger
        .events()
        .filter(|e| scope == Scope::All || e.unit == unit)
        .collect()
}

/// The text of an exchange file. The same ledger gives the same bytes apart from
/// `exported_at`.
pub fn export(ledger: &Ledger, unit: UnitId, device: DeviceId, scope: Scope, at: Stamp) -> String {
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
        records: records_for(ledger, unit, scope),
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
