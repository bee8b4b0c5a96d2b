//! Attached files on this device, decided in plain Rust. The browser keeps them in a database
//! of their own (`duty-ledger-files` beside each plan's ledger database, see
//! `browser::files_db`): the bytes under their SHA-256 and, beside them, a small [`StoredFile`]
//! entry that says what they are, when they came, where they were last exported, and whether
//! the user removed the bytes after exporting them.
//!
//! The rules:
//! - Bytes are stored before the record that names them (a record never names bytes that were
//!   never kept); bytes left without a record by a save that failed are harmless, listed as
//!   [`orphans`], and deleted only by the user.
//! - The same file is stored once, whoever attaches or sends it.
//! - The app never removes bytes by itself. The user may remove a file's bytes once an export
//!   with attachments carried them ([`removable`]); its entry stays, saying where it went, and
//!   an import does not bring it back unless the user asks for it again ([`restore`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::foundation::digest::Digest;
use crate::foundation::time::Stamp;
use crate::ledger::attachment::{Attachment, FileType};
use crate::ledger::{Event, Ledger};

/// Where a file last went in an export with attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exported {
    /// The exported file's name.
    pub file: String,
    pub at: Stamp,
}

/// The entry beside a kept file's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFile {
    pub sha256: Digest,
    pub size: u64,
    #[serde(rename = "type")]
    pub kind: FileType,
    /// The name it first came under.
    pub name: String,
    pub added: Stamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<Exported>,
    /// When the user removed the bytes from this device (the entry stays).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Stamp>,
}

impl StoredFile {
    /// The entry for bytes described by `file`, kept now.
    pub fn new(file: &Attachment, added: Stamp) -> StoredFile {
        StoredFile {
            sha256: file.sha256,
            size: file.size,
            kind: file.kind,
            name: file.name.clone(),
            added,
            exported: None,
            removed: None,
        }
    }

    /// Whether the bytes are on this device.
    pub fn is_here(&self) -> bool {
        self.removed.is_none()
    }
}

/// Every entry on this device, by hash.
pub type Catalogue = BTreeMap<Digest, StoredFile>;

/// Where a record's file is, as the note shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    Here,
    /// Never received: 附件未随文件提供.
    Missing,
    /// The user removed it after this export.
    Removed {
        at: Stamp,
        exported: Option<Exported>,
    },
}

pub fn presence(catalogue: &Catalogue, sha256: &Digest) -> Presence {
    match catalogue.get(sha256) {
        None => Presence::Missing,
        Some(entry) => match entry.removed {
            None => Presence::Here,
            Some(at) => Presence::Removed {
                at,
                exported: entry.exported.clone(),
            },
        },
    }
}

/// What to write for files arriving (attached here or in a received file): entries for those
/// not held, nothing for those already here, and nothing for those the user removed (they are
/// not brought back).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arrival {
    pub store: Vec<Digest>,
    pub already_here: Vec<Digest>,
    pub removed: Vec<Digest>,
}

pub fn arrival<'a>(catalogue: &Catalogue, files: impl IntoIterator<Item = &'a Digest>) -> Arrival {
    let mut plan = Arrival::default();
    let mut seen = BTreeSet::new();
    for file in files {
        if !seen.insert(*file) {
            continue;
        }
        match catalogue.get(file) {
            None => plan.store.push(*file),
            Some(entry) if entry.is_here() => plan.already_here.push(*file),
            Some(_) => plan.removed.push(*file),
        }
    }
    plan
}

/// Every file the records of `ledger` name, with the first description of each.
pub fn referenced(ledger: &Ledger) -> BTreeMap<Digest, &Attachment> {
    let mut files = BTreeMap::new();
    for event in ledger.events() {
        for file in &event.attachments {
            files.entry(file.sha256).or_insert(file);
        }
    }
    files
}

/// The files `records` name, each once, in the order first named.
pub fn named_by<'a>(records: impl IntoIterator<Item = &'a Event>) -> Vec<&'a Attachment> {
    let mut seen = BTreeSet::new();
    records
        .into_iter()
        .flat_map(|e| &e.attachments)
        .filter(|f| seen.insert(f.sha256))
        .collect()
}

/// Files whose bytes may be removed at the user's request: here, and carried by an export.
pub fn removable(catalogue: &Catalogue) -> Vec<&StoredFile> {
    catalogue
        .values()
        .filter(|e| e.is_here() && e.exported.is_some())
        .collect()
}

/// Files here that no record names (a save that failed, an undone import).
pub fn orphans<'a>(catalogue: &'a Catalogue, ledger: &Ledger) -> Vec<&'a StoredFile> {
    let named = referenced(ledger);
    catalogue
        .values()
        .filter(|e| e.is_here() && !named.contains_key(&e.sha256))
        .collect()
}

/// How many files are here and their bytes, and how many were removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub files: usize,
    pub bytes: u64,
    pub removed: usize,
}

pub fn usage(catalogue: &Catalogue) -> Usage {
    let mut usage = Usage::default();
    for entry in catalogue.values() {
        if entry.is_here() {
            usage.files += 1;
            usage.bytes += entry.size;
        } else {
            usage.removed += 1;
        }
    }
    usage
}

/// The entry after an export with attachments carried the file in `file` at `at`.
pub fn exported(entry: &StoredFile, file: &str, at: Stamp) -> StoredFile {
    StoredFile {
        exported: Some(Exported {
            file: file.to_string(),
            at,
        }),
        ..entry.clone()
    }
}

/// The entry after the user removed the bytes (`None`: not removable, never exported).
pub fn remove(entry: &StoredFile, at: Stamp) -> Option<StoredFile> {
    (entry.is_here() && entry.exported.is_some()).then(|| StoredFile {
        removed: Some(at),
        ..entry.clone()
    })
}

/// The user asks for a removed file again: its entry goes, so the next file carrying it fills
/// it in (as for a file never received).
pub fn restore(entry: &StoredFile) -> bool {
    !entry.is_here()
}

/// Bytes needed to keep `files` (what `vault::space::fits` compares with the free room): their
/// size, plus a thumbnail's and the entry's room for each.
pub fn bytes_needed<'a>(files: impl IntoIterator<Item = &'a Attachment>) -> u64 {
    files
        .into_iter()
        .map(|f| f.size + if f.kind.is_image() { 24 * 1024 } else { 0 } + 512)
        .sum()
}
