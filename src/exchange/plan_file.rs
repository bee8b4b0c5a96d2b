//! Plan files: the office sends a new year's table to the units as a file (format in
//! `src/plan/FORMAT.md`, schema `public/duty-ledger-plan.schema.json`).
//!
//! ```json
//! { "format": "duty-ledger-plan", "format_version": 1,
//!   "table_sha256": "<SHA-256 of the RFC 8785 canonical JSON of `plan`>",
//!   "plan": { "id", "year", "title", "units", "areas", "targets", "milestones" } }
//! ```
//!
//! The hash names the exact table: exchange files carry it, so progress recorded against one
//! version of a table is never read against another.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::foundation::canonical::{self, sha256_hex};
use crate::ledger::DeviceId;
use crate::plan::Plan;
use crate::plan::spec::{PlanSpec, SpecProblem};
use crate::trust::{PublicKey, Signature, verify};

pub const PLAN_FORMAT_NAME: &str = "duty-ledger-plan";
pub const PLAN_FORMAT_VERSION: u64 = 1;
/// Plan files above this size are refused before they are read (a 2,000-task table is ~1 MB).
pub const MAX_PLAN_BYTES: usize = 4 * 1024 * 1024;

/// Why a plan file was refused. Messages are in the catalogue (`i18n::plan_file_error`).
#[derive(Debug, Clone, PartialEq)]
pub enum PlanFileError {
    TooLarge {
        bytes: usize,
    },
    NotText,
    NotJson {
        line: usize,
        column: usize,
    },
    /// Not a plan file (an exchange file, say).
    NotOurFormat,
    NewerVersion {
        found: u64,
    },
    /// A field is missing or of the wrong type, by its path.
    Malformed {
        field: String,
    },
    /// The table was changed after the hash was written.
    HashMismatch,
    /// The table itself has problems.
    Problems(Vec<SpecProblem>),
    /// The signature does not match the table and the key.
    BadSignature,
    /// Signed by a device of another unit than the plan's coordinating office.
    SignerNotCoordinator {
        unit: String,
    },
}

/// Who issued a plan file: a device of the plan's coordinating office, its key and its
/// signature over [`plan_message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSignature {
    pub device: DeviceId,
    pub unit: String,
    pub public_key: PublicKey,
    pub signature: Signature,
}

/// The bytes an office device signs to issue a plan: a fixed domain, the plan's id and the
/// table's hash (which covers every unit, task, target and date), the device and its unit.
pub fn plan_message(plan_id: &str, table_sha256: &str, device: DeviceId, unit: &str) -> Vec<u8> {
    format!("duty-ledger plan v1\n{plan_id}\n{table_sha256}\n{device}\n{unit}").into_bytes()
}

/// The hash of a table: SHA-256 of the canonical JSON (RFC 8785) of its spec.
pub fn table_hash(spec: &PlanSpec) -> String {
    let value = serde_json::to_value(spec).expect("specs serialise");
    sha256_hex(canonical::to_string(&value).as_bytes())
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    format_version: u64,
    table_sha256: String,
    plan: &'a PlanSpec,
    #[serde(skip_serializing_if = "Option::is_none")]
    signed_by: Option<&'a PlanSignature>,
}

/// The text of a plan file for `spec`, unsigned (as a device keeps its own plans).
pub fn write(spec: &PlanSpec) -> String {
    write_signed(spec, None)
}

/// The text of a plan file for `spec`, with the issuing office device's signature.
pub fn write_signed(spec: &PlanSpec, signed_by: Option<&PlanSignature>) -> String {
    let file = FileOut {
        format: PLAN_FORMAT_NAME,
        format_version: PLAN_FORMAT_VERSION,
        table_sha256: table_hash(spec),
        plan: spec,
        signed_by,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("plan files serialise");
    text.push('\n');
    text
}

/// A plan checked and ready to use, with the spec it came from (kept to store and re-export).
pub fn plan_of(spec: &PlanSpec) -> Result<Plan, PlanFileError> {
    Plan::from_spec(spec, table_hash(spec)).map_err(PlanFileError::Problems)
}

/// Reads a plan file: format, version, hash, then every check of the table.
pub fn read(bytes: &[u8]) -> Result<(PlanSpec, Plan), PlanFileError> {
    read_signed(bytes).map(|(spec, plan, _)| (spec, plan))
}

/// Reads a plan file and its signature, if it has one: the signature must be a device's of
/// the plan's own coordinating office, over this table. Whether to believe that device is
/// the roster's question.
pub fn read_signed(bytes: &[u8]) -> Result<(PlanSpec, Plan, Option<PlanSignature>), PlanFileError> {
    if bytes.len() > MAX_PLAN_BYTES {
        return Err(PlanFileError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| PlanFileError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| PlanFileError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    if value.get("format").and_then(Value::as_str) != Some(PLAN_FORMAT_NAME) {
        return Err(PlanFileError::NotOurFormat);
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(PLAN_FORMAT_VERSION) => {}
        Some(found) if found > PLAN_FORMAT_VERSION => {
            return Err(PlanFileError::NewerVersion { found });
        }
        _ => {
            return Err(PlanFileError::Malformed {
                field: "format_version".into(),
            });
        }
    }
    let stated = value
        .get("table_sha256")
        .and_then(Value::as_str)
        .ok_or_else(|| PlanFileError::Malformed {
            field: "table_sha256".into(),
        })?;
    let plan_value = value.get("plan").ok_or_else(|| PlanFileError::Malformed {
        field: "plan".into(),
    })?;
    let spec: PlanSpec = serde_path_to_error::deserialize(plan_value).map_err(|e| {
        let path = e.path().to_string();
        PlanFileError::Malformed {
            field: if path == "." {
                "plan".into()
            } else {
                format!("plan.{path}")
            },
        }
    })?;
    const KEYS: [&str; 5] = [
        "format",
        "format_version",
        "table_sha256",
        "plan",
        "signed_by",
    ];
    if let Some(key) = value
        .as_object()
        .and_then(|o| o.keys().find(|k| !KEYS.contains(&k.as_str())))
    {
        return Err(PlanFileError::Malformed { field: key.clone() });
    }
    // Hashing the typed spec (not the text) gives every device the same hash for the same
    // table; a file that is not in the form the app writes fails here, which only hand-made
    // files do.
    if table_hash(&spec) != stated {
        return Err(PlanFileError::HashMismatch);
    }
    let plan = Plan::from_spec(&spec, stated.to_string()).map_err(PlanFileError::Problems)?;
    let signed_by = match value.get("signed_by") {
        None => None,
        Some(raw) => {
            let signed: PlanSignature =
                serde_json::from_value(raw.clone()).map_err(|_| PlanFileError::Malformed {
                    field: "signed_by".into(),
                })?;
            let coordinator = plan
                .units
                .infos()
                .iter()
                .find(|u| u.kind == crate::plan::units::UnitKind::Coordinator)
                .map(|u| u.name);
            if coordinator != Some(signed.unit.as_str()) {
                return Err(PlanFileError::SignerNotCoordinator { unit: signed.unit });
            }
            let message = plan_message(&spec.id, stated, signed.device, &signed.unit);
            if !verify(&signed.public_key, &message, &signed.signature) {
                return Err(PlanFileError::BadSignature);
            }
            Some(signed)
        }
    };
    Ok((spec, plan, signed_by))
}

/// A file name that says which plan: `福田区2026年…责任分工表-计划.json`.
pub fn file_name(spec: &PlanSpec) -> String {
    let title: String = spec
        .title
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(60)
        .collect();
    format!("{title}-计划-{}.json", spec.id)
}
