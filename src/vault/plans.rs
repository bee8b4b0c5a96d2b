//! Where plans are kept and which one is in use, decided in plain Rust.
//!
//! Plan files are small (a 60-task table is about 60 KB), so each is kept as its file text in
//! localStorage under `duty-ledger:plan:<id>`; the id of the plan in use is under
//! `duty-ledger:plan-in-use`. Each plan's records live in their own IndexedDB database
//! ([`database_name`]); the built-in 2023 plan keeps the database it always had, so stored data
//! stays where it is.

use crate::plan::BUILTIN_ID;

pub const IN_USE_KEY: &str = "duty-ledger:plan-in-use";
pub const PLAN_PREFIX: &str = "duty-ledger:plan:";

/// The localStorage key of a stored plan.
pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// The IndexedDB database (and BroadcastChannel) of a plan's records.
pub fn database_name(plan_id: &str) -> String {
    if plan_id == BUILTIN_ID {
        "duty-ledger".to_string()
    } else {
        format!("duty-ledger@{plan_id}")
    }
}

/// A plan already on this device, by id and table hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub id: String,
    pub table_sha256: String,
}

/// What to do with a plan file that was read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admit {
    /// New here: store it.
    Store,
    /// The very same table is already here: nothing to do.
    AlreadyHeld,
    /// The built-in plan: every copy of the app has it.
    Builtin,
    /// Another table under an id this device holds: refused, never overwritten (records kept
    /// under that id belong to the table already here).
    IdTaken,
}

/// Whether a plan `(id, hash)` may be stored beside `held`.
pub fn admit(held: &[Held], id: &str, table_sha256: &str) -> Admit {
    if id == BUILTIN_ID {
        return Admit::Builtin;
    }
    match held.iter().find(|h| h.id == id) {
        None => Admit::Store,
        Some(h) if h.table_sha256 == table_sha256 => Admit::AlreadyHeld,
        Some(_) => Admit::IdTaken,
    }
}

/// A fresh plan id for a table the office loaded: the year, then eight hex digits of
/// randomness (`2026-3fa2c1d0`), so a corrected table never takes an older one's place.
pub fn new_id(year: i32, random: [u8; 4]) -> String {
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    format!("plan-{year}-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admitting_plans() {
        let held = vec![Held {
            id: "plan-2026-00000001".into(),
            table_sha256: "a".into(),
        }];
        assert_eq!(admit(&held, BUILTIN_ID, "x"), Admit::Builtin);
        assert_eq!(admit(&held, "plan-2026-00000001", "a"), Admit::AlreadyHeld);
        assert_eq!(admit(&held, "plan-2026-00000001", "b"), Admit::IdTaken);
        assert_eq!(admit(&held, "plan-2026-00000002", "b"), Admit::Store);
        assert_eq!(database_name(BUILTIN_ID), "duty-ledger");
        assert_eq!(
            database_name("plan-2026-00000001"),
            "duty-ledger@plan-2026-00000001"
        );
        assert!(crate::plan::spec::valid_id(&new_id(
            2026,
            [0xde, 0xad, 0, 1]
        )));
    }
}
