//! Plans kept in localStorage (see `vault::plans` for the layout and rules): which is in use,
//! reading them at start, storing a new one, switching.

use crate::exchange::plan_file::{self, PlanFileError};
use crate::plan::spec::PlanSpec;
use crate::plan::{self, Plan};
use crate::vault::plans::{self as rules, Admit, Held};

use super::storage::{self, StorageError};

/// A plan stored on this device, read back.
pub struct Stored {
    pub id: String,
    pub spec: Result<(PlanSpec, Plan), PlanFileError>,
}

/// Every plan stored on this device (not the built-in one), in id order.
pub fn stored() -> Vec<Stored> {
    let mut plans: Vec<Stored> = storage::entries(|k| k.starts_with(rules::PLAN_PREFIX))
        .into_iter()
        .map(|(key, text)| Stored {
            id: key[rules::PLAN_PREFIX.len()..].to_string(),
            spec: plan_file::read(text.as_bytes()),
        })
        .collect();
    plans.sort_by(|a, b| a.id.cmp(&b.id));
    plans
}

/// The id of the plan chosen on this device (the built-in one when none was chosen).
pub fn chosen() -> String {
    storage::read(rules::IN_USE_KEY)
        .ok()
        .flatten()
        .unwrap_or_else(|| plan::BUILTIN_ID.to_string())
}

/// What happened at start when the chosen plan could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum StartProblem {
    /// The chosen plan is no longer stored.
    Missing(String),
    /// The chosen plan's stored file does not read (kept as it is).
    Unreadable(String, PlanFileError),
}

thread_local! {
    static START_PROBLEM: std::cell::RefCell<Option<StartProblem>> =
        const { std::cell::RefCell::new(None) };
}

/// Why the chosen plan is not in use, if [`start`] fell back to the built-in plan.
pub fn start_problem() -> Option<StartProblem> {
    START_PROBLEM.with(|p| p.borrow().clone())
}

/// Puts the chosen plan in use before the app reads anything (call once, before mounting);
/// falls back to the built-in plan, keeping the choice and the stored text as they are, and
/// keeps the reason for [`start_problem`].
pub fn start() {
    let problem = start_chosen();
    START_PROBLEM.with(|p| *p.borrow_mut() = problem);
}

fn start_chosen() -> Option<StartProblem> {
    let id = chosen();
    if id == plan::BUILTIN_ID {
        return None;
    }
    let text = match storage::read(&rules::plan_key(&id)) {
        Ok(Some(text)) => text,
        _ => return Some(StartProblem::Missing(id)),
    };
    match plan_file::read(text.as_bytes()) {
        Ok((_, plan)) => {
            plan::install(plan);
            None
        }
        Err(error) => Some(StartProblem::Unreadable(id, error)),
    }
}

/// Stores a checked plan, unless the rules say otherwise (a plan made on this device is kept
/// unsigned; it is signed when exported).
pub fn store(spec: &PlanSpec, table_sha256: &str) -> Result<Admit, StorageError> {
    store_text(spec, table_sha256, &plan_file::write(spec))
}

/// The stored text of a plan (a received plan keeps its issuer's signature, so it can be
/// passed on unchanged).
pub fn text(id: &str) -> Option<String> {
    storage::read(&rules::plan_key(id)).ok().flatten()
}

/// Stores a received plan file as it came, signature and all, unless the rules say otherwise.
pub fn store_text(spec: &PlanSpec, table_sha256: &str, text: &str) -> Result<Admit, StorageError> {
    let held: Vec<Held> = stored()
        .into_iter()
        .filter_map(|s| {
            let (_, plan) = s.spec.ok()?;
            Some(Held {
                id: s.id,
                table_sha256: plan.table_sha256,
            })
        })
        .chain(
            // An unreadable plan still holds its id.
            storage::entries(|k| k.starts_with(rules::PLAN_PREFIX))
                .into_iter()
                .map(|(k, _)| Held {
                    id: k[rules::PLAN_PREFIX.len()..].to_string(),
                    table_sha256: String::new(),
                }),
        )
        .collect();
    let admit = rules::admit(&held, &spec.id, table_sha256);
    if admit == Admit::Store {
        storage::write(&rules::plan_key(&spec.id), text)?;
    }
    Ok(admit)
}

/// Chooses the plan to use from the next start on; the caller reloads the page.
pub fn choose(id: &str) -> Result<(), StorageError> {
    storage::write(rules::IN_USE_KEY, id)
}
