//! Exchanging progress between units as JSON files (no shared server): the file format with its
//! checksum, the validation every received file goes through before anything is applied, and
//! what applying a file would change. The format is documented in `FORMAT.md` and published as
//! `public/duty-ledger.schema.json`.

pub mod attached;
pub mod file;
pub mod json;
pub mod message;
pub mod plan_file;
pub mod preview;
pub mod validate;

pub use file::{DeviceProof, ExchangeFile, Scope, export};
pub use validate::{AttachedTo, Expected, FieldProblem, ImportError, read, read_with};

/// The `format` field of every exchange file.
pub const FORMAT_NAME: &str = "duty-ledger-exchange";
/// The version this app writes and the only one it reads. Version 3 made records verifiable:
/// a causal stamp (`hlc`), each device's hash chain (`seq`, `prev`) and, per device, its key
/// and its signature over the latest record the file carries (`devices`). Versions 1 and 2
/// (no deployed users) are refused with a message asking the sender to update and export again.
///
/// Version 4 added attached files (佐证材料): `attachments` on note records, and the files'
/// bytes, when the exporter chose to send them, in the top-level `files`.
///
/// Version 5 (issue 20) added the year's rhythm: 落实方案 records (`implementation`, `step`,
/// `step_deleted`, `step_done`, `contact`), reporting rounds (`round`), submissions
/// (`submitted`) and returns (`returned`); whole-plan records carry `task` 0. Versions 3 and 4
/// still read; a version 3 or 4 file with a version 5 kind is refused.
pub const FORMAT_VERSION: u64 = 5;
/// The oldest version this app reads.
pub const OLDEST_FORMAT_VERSION: u64 = 3;
/// The built-in plan's id; every file names its plan ([`file::plan_ref`]), and with the table's
/// hash it tells another plan or year apart.
pub const PLAN_ID: &str = crate::plan::BUILTIN_ID;
/// The records of a file (everything but its attached files) above this size are refused.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Files above this size, attached files included, are refused before they are read: what a
/// tablet reads at once (the file's text is held while its files are checked; measured in
/// `tests/exchange_memory.rs`). An export with more attached files is split into parts.
pub const MAX_EXCHANGE_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The top-level member that carries attached files' bytes (since format 4).
pub const FILES_MEMBER: &str = "files";
/// The longest Base64 text of one attached file.
pub const MAX_BASE64_CHARS: usize =
    (crate::ledger::attachment::MAX_ATTACHMENT_BYTES as usize).div_ceil(3) * 4;
/// Deepest nesting of arrays and objects accepted (the format itself needs 4).
pub const MAX_DEPTH: usize = 16;
/// Longest string accepted anywhere in a file, in characters.
pub const MAX_STRING_CHARS: usize = 20_000;
