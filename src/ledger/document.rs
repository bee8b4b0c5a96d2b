//! The ledger as the one document the app kept in localStorage before IndexedDB, and the
//! restore step that reads whatever such a document holds (old, corrupt, or written by a newer
//! app) into a valid ledger without losing anything. `vault::migrate` reads old documents
//! through it once; text that cannot be read in full is kept (by its hash) before the old key
//! is removed.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Ledger;
use super::event::{Event, EventProblem};

/// The version this app writes. Documents of every earlier version must keep loading; their
/// fixtures live in `tests/fixtures/`.
pub const SCHEMA_VERSION: u64 = 1;

#[derive(Serialize)]
struct DocumentOut<'a> {
    schema_version: u64,
    events: Vec<&'a Event>,
}

#[derive(Deserialize)]
struct DocumentIn {
    schema_version: u64,
    events: Vec<Event>,
}

/// The stored form: `{"schema_version":1,"events":[…]}`, events in id order.
pub fn to_json(ledger: &Ledger) -> String {
    serde_json::to_string(&DocumentOut {
        schema_version: SCHEMA_VERSION,
        events: ledger.events().collect(),
    })
    .expect("events always serialise")
}

/// Why the stored text was not read in full. Any of these means: back the text up first.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblem {
    /// Not JSON at all (truncated write, another program's data).
    NotJson,
    /// JSON, but not a ledger document.
    NotALedger,
    /// Written by a newer version of the app; what could be read was kept.
    NewerVersion {
        found: u64,
        kept: usize,
        dropped: usize,
    },
    /// Some records could not be read and were left out.
    SomeRecordsUnreadable {
        kept: usize,
        dropped: usize,
        first_problem: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub ledger: Ledger,
    pub problem: Option<LoadProblem>,
}

fn read_event(value: Value) -> Result<Event, String> {
    let event: Event = serde_json::from_value(value).map_err(|e| e.to_string())?;
    event.check().map_err(|p: EventProblem| p.to_string())?;
    Ok(event)
}

/// Reads a stored ledger. Never fails: it returns what could be read and says what could not.
pub fn restore(raw: &str) -> Restored {
    // Fast path: a well-formed document of this version.
    if let Ok(doc) = serde_json::from_str::<DocumentIn>(raw)
        && doc.schema_version == SCHEMA_VERSION
    {
        let total = doc.events.len();
        let mut first_problem = None;
        let ledger: Ledger = doc
            .events
            .into_iter()
            .filter(|e| match e.check() {
                Ok(()) => true,
                Err(p) => {
                    first_problem.get_or_insert_with(|| format!("{}: {p}", e.id));
                    false
                }
            })
            .collect();
        let problem = first_problem.map(|first_problem| LoadProblem::SomeRecordsUnreadable {
            kept: ledger.len(),
            dropped: total - ledger.len(),
            first_problem,
        });
        return Restored { ledger, problem };
    }
    // Slow path: read record by record and keep what is valid.
    let not_read = |problem| Restored {
        ledger: Ledger::new(),
        problem: Some(problem),
    };
    let Ok(value) = serde_json::from_str::<Value>(raw) else {
        return not_read(LoadProblem::NotJson);
    };
    let Some(version) = value.get("schema_version").and_then(Value::as_u64) else {
        return not_read(LoadProblem::NotALedger);
    };
    let Some(Value::Array(events)) = value.get("events").cloned() else {
        return not_read(LoadProblem::NotALedger);
    };
    if version == 0 {
        return not_read(LoadProblem::NotALedger);
    }
    let total = events.len();
    let mut first_problem = None;
    let mut ledger = Ledger::new();
    for (index, value) in events.into_iter().enumerate() {
        match read_event(value) {
            Ok(event) => {
                ledger.add(event);
            }
            Err(problem) => {
                first_problem.get_or_insert_with(|| format!("#{index}: {problem}"));
            }
        }
    }
    let kept = ledger.len();
    let dropped = total - kept;
    let problem = if version > SCHEMA_VERSION {
        LoadProblem::NewerVersion {
            found: version,
            kept,
            dropped,
        }
    } else if let Some(first_problem) = first_problem {
        LoadProblem::SomeRecordsUnreadable {
            kept,
            dropped,
            first_problem,
        }
    } else {
        return Restored {
            ledger,
            problem: None,
        };
    };
    Restored {
        ledger,
        problem: Some(problem),
    }
}
