//! A read file as the file checker (the worker binary, `crates/worker`) hands it to the page:
//! compact text of what [`super::read_with`] found, never the file's own bytes again. The
//! page decodes it without checking signatures a second time: the checker is this app's own
//! code, and a file reaches the page only after it read the file whole.
//!
//! Invariant: an [`ExchangeFile`] exists only from [`super::read_with`] or from [`decode`] of
//! what [`encode`] wrote in the checker after that read.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{DeviceProof, ExchangeFile, ImportError, Scope};
use crate::foundation::digest::Digest;
use crate::foundation::time::Stamp;
use crate::i18n::Lang;
use crate::ledger::{DeviceId, Event};
use crate::plan::UnitId;

/// The wire form of a read file (unit names as text: the page and the checker hold one plan).
#[derive(Serialize, Deserialize)]
struct Wire {
    exported_by: String,
    device: DeviceId,
    exported_at: Stamp,
    scope: Scope,
    devices: Vec<DeviceProof>,
    carried: BTreeSet<Digest>,
    records: Vec<Event>,
}

/// The text the checker sends for a file it read.
pub fn encode(file: &ExchangeFile) -> String {
    let wire = Wire {
        exported_by: file.exported_by.name().to_string(),
        device: file.device,
        exported_at: file.exported_at,
        scope: file.scope,
        devices: file.devices.clone(),
        carried: file.carried.clone(),
        records: file.records.events().cloned().collect(),
    };
    serde_json::to_string(&wire).expect("a read file serialises")
}

/// Why the page could not take the checker's text (another version of the checker, or a plan
/// that is not the page's): the file is to be checked again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable;

/// The read file in the checker's text.
pub fn decode(text: &str) -> Result<ExchangeFile, Undecodable> {
    let wire: Wire = serde_json::from_str(text).map_err(|_| Undecodable)?;
    Ok(ExchangeFile {
        exported_by: UnitId::from_name(&wire.exported_by).ok_or(Undecodable)?,
        device: wire.device,
        exported_at: wire.exported_at,
        scope: wire.scope,
        devices: wire.devices,
        records: wire.records.into_iter().collect(),
        carried: wire.carried,
    })
}

/// A refusal as the checker words it for the page, in both languages (the page may switch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worded {
    pub zh: String,
    pub en: String,
}

impl Worded {
    /// `error` for the file named `name`, in both languages.
    pub fn of(name: &str, error: &ImportError) -> Worded {
        Worded {
            zh: super::message::refusal(Lang::Zh, name, error),
            en: super::message::refusal(Lang::En, name, error),
        }
    }

    /// In `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
