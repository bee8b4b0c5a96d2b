//! Reading a received file: every check runs before anything is applied, and a file that fails
//! one is rejected whole with the reason, naming the field where there is one.
//!
//! In order: size, text, nesting depth, JSON, our format, its version, the plan, string
//! lengths, the checksum, every field of every record, each record's own rules, and
//! attribution (a unit's own export carries only that unit's records).

use std::fmt;

use serde::Deserialize;
use serde_json::Value;

use super::file::{PlanRef, Scope, checksum_of, plan_ref};
use super::{
    ExchangeFile, FORMAT_NAME, FORMAT_VERSION, MAX_DEPTH, MAX_FILE_BYTES, MAX_STRING_CHARS,
    OLDEST_FORMAT_VERSION,
};
use crate::ledger::event::EventProblem;
use crate::ledger::time::{Date, Stamp};
use crate::ledger::{Change, DeviceId, Event, EventId, Ledger};
use crate::plan::{TaskId, UnitId, plan};

/// Why a file was rejected. Messages for people are in the i18n catalogue; `Display` is for
/// logs and tests.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
    },
    NotText,
    NotJson {
        line: usize,
        column: usize,
    },
    TooDeep,
    NotOurFormat,
    NewerVersion {
        found: u64,
    },
    DifferentPlan {
        id: String,
        same_id: bool,
    },
    MissingField {
        field: String,
    },
    MalformedField {
        field: String,
        detail: String,
    },
    TextTooLong {
        field: String,
    },
    ChecksumMismatch,
    UnknownUnit {
        field: String,
        name: String,
    },
    UnknownTask {
        field: String,
        task: u64,
    },
    InvalidRecord {
        index: usize,
        problem: EventProblem,
    },
    /// A single-unit export carrying another unit's record.
    ForeignRecord {
        index: usize,
        unit: String,
        exporter: String,
    },
    /// The same record id twice in one file, with different content.
    DuplicateRecord {
        index: usize,
    },
    /// A record with the id of a stored record but different content: edited or forged.
    ConflictsWithStored {
        id: EventId,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Deepest nesting of `[` and `{` outside strings, measured without parsing (so a hostile
/// file cannot exhaust the parser's stack first).
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The first string longer than the limit, by its path.
fn long_string(value: &Value, path: &mut String) -> Option<String> {
    match value {
        Value::String(s) if s.chars().count() > MAX_STRING_CHARS => Some(path.clone()),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = long_string(item, path);
            path.truncate(len);
            found
        }),
        Value::Object(map) => map.iter().find_map(|(key, item)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
            let found = long_string(item, path);
            path.truncate(len);
            found
        }),
        _ => None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExporter {
    unit: String,
    device: DeviceId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked through the parsed value
struct RawChecksum {
    algorithm: ChecksumAlgorithm,
    value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ChecksumAlgorithm {
    Sha256,
}

/// A record with the fields whose meaning is checked after parsing kept raw, so that an
/// unknown unit or task gets its own message.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    id: EventId,
    task: u64,
    unit: String,
    device: DeviceId,
    at: Stamp,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    work_date: Option<Date>,
    change: Change,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked before the typed parse
struct RawFile {
    format: String,
    format_version: u64,
    plan: PlanRef,
    exported_by: RawExporter,
    exported_at: Stamp,
    scope: Scope,
    records: Vec<RawRecord>,
    checksum: RawChecksum,
}

fn field_error(error: serde_path_to_error::Error<serde_json::Error>) -> ImportError {
    let path = error.path().to_string();
    let detail = error.inner().to_string();
    // serde reports a missing field at its parent: name the field itself.
    if let Some(rest) = detail.strip_prefix("missing field `")
        && let Some(name) = rest.split('`').next()
    {
        let field = if path == "." {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        return ImportError::MissingField { field };
    }
    ImportError::MalformedField {
        field: path,
        detail,
    }
}

fn unit_named(name: &str, field: String) -> Result<UnitId, ImportError> {
    UnitId::from_name(name).ok_or_else(|| ImportError::UnknownUnit {
        field,
        name: name.to_string(),
    })
}

/// Validates a received file. Nothing is applied here; the caller previews and applies.
pub fn read(bytes: &[u8]) -> Result<ExchangeFile, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if nesting_depth(text) > MAX_DEPTH {
        return Err(ImportError::TooDeep);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;

    // Is it ours, of a version we read, for this plan?
    if value.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(ImportError::NotOurFormat);
    }
    let version = match value.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > FORMAT_VERSION => return Err(ImportError::NewerVersion { found: v }),
        Some(v) if v >= OLDEST_FORMAT_VERSION => v,
        Some(_) => return Err(ImportError::NotOurFormat),
        None => {
            return Err(match value.get("format_version") {
                None => ImportError::MissingField {
                    field: "format_version".into(),
                },
                Some(_) => ImportError::MalformedField {
                    field: "format_version".into(),
                    detail: "not a whole number".into(),
                },
            });
        }
    };
    for field in ["plan/id", "plan/table_sha256"] {
        if value.pointer(&format!("/{field}")).is_none() {
            return Err(ImportError::MissingField {
                field: field.replace('/', "."),
            });
        }
    }
    let ours = plan_ref();
    let plan_id = value.pointer("/plan/id").and_then(Value::as_str);
    let table = value.pointer("/plan/table_sha256").and_then(Value::as_str);
    if plan_id != Some(ours.id.as_str()) || table != Some(ours.table_sha256.as_str()) {
        return Err(ImportError::DifferentPlan {
            id: plan_id.unwrap_or_default().to_string(),
            same_id: plan_id == Some(ours.id.as_str()),
        });
    }
    if let Some(field) = long_string(&value, &mut String::new()) {
        return Err(ImportError::TextTooLong { field });
    }

    // The content is what its exporter wrote.
    let stated = value.pointer("/checksum/value").and_then(Value::as_str);
    if stated.is_some() && stated != Some(checksum_of(&value).as_str()) {
        return Err(ImportError::ChecksumMismatch);
    }
    let raw: RawFile = serde_path_to_error::deserialize(&value).map_err(field_error)?;

    let exporter = unit_named(&raw.exported_by.unit, "exported_by.unit".into())?;
    let mut records = Ledger::new();
    for (index, record) in raw.records.into_iter().enumerate() {
        let field = |name: &str| format!("records[{index}].{name}");
        let task = u16::try_from(record.task)
            .ok()
            .map(TaskId)
            .filter(|t| plan().task(*t).is_some())
            .ok_or_else(|| ImportError::UnknownTask {
                field: field("task"),
                task: record.task,
            })?;
        let unit = unit_named(&record.unit, field("unit"))?;
        if version < 2 && record.work_date.is_some() {
            return Err(ImportError::MalformedField {
                field: field("work_date"),
                detail: "format version 1 has no work date".into(),
            });
        }
        let event = Event {
            id: record.id,
            task,
            unit,
            device: record.device,
            at: record.at,
            author: record.author,
            work_date: record.work_date,
            change: record.change,
        };
        event
            .check()
            .map_err(|problem| ImportError::InvalidRecord { index, problem })?;
        if raw.scope == Scope::Unit && unit != exporter {
            return Err(ImportError::ForeignRecord {
                index,
                unit: unit.name().to_string(),
                exporter: exporter.name().to_string(),
            });
        }
        if records.get(&event.id).is_some_and(|e| *e != event) {
            return Err(ImportError::DuplicateRecord { index });
        }
        records.add(event);
    }
    Ok(ExchangeFile {
        exported_by: exporter,
        device: raw.exported_by.device,
        exported_at: raw.exported_at,
        scope: raw.scope,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_only_outside_strings() {
        assert_eq!(nesting_depth(r#"{"a":[[1]],"b":"[[[[[{{{"}"#), 3);
        assert_eq!(nesting_depth(r#"{"a":"\"[[["}"#), 1);
    }
}
