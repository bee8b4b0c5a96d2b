//! The attached files an exchange file carries (format 4): the bytes of the files its records
//! name, when the exporter chose "with attachments", in the top-level member `files`:
//!
//! ```json
//! "files": [
//!   { "sha256": "…64 hex digits…", "base64": "/9j/4AAQSkZJRgABAQ…" }
//! ]
//! ```
//!
//! Each entry is vouched for by the record that names its hash (which the device's signature
//! covers), not by the file's checksum: `files` is outside the checksum, so every part of a
//! split export carries the same records with the same checksum, and the files are hashed once.
//! A received entry must decode (strict Base64), hash to its `sha256`, be as long as its record
//! says and be of the type its record says, and a record of the file must name it; otherwise the
//! whole file is refused, naming the note. A record whose file is not carried is no error (the
//! note shows 附件未随文件提供 until a file carrying it comes).
//!
//! Writing never holds more than one file's bytes: the shell puts the file together from the
//! pieces made here ([`frame`], [`entry`]) as a `Blob`.

use std::collections::BTreeMap;

use super::{FILES_MEMBER, MAX_EXCHANGE_FILE_BYTES};
use crate::foundation::base64;
use crate::foundation::digest::Digest;
use crate::ledger::attachment::Attachment;

/// The text before the entries and after them, around a file's records-only text (as
/// `export` writes it: one object ending in `}` and a line break).
pub fn frame(records_text: &str) -> (String, &'static str) {
    let body = records_text.trim_end();
    let body = body.strip_suffix('}').unwrap_or(body).trim_end();
    (format!("{body},\n  \"{FILES_MEMBER}\": [\n"), "\n  ]\n}\n")
}

/// One entry of `files`, its separator before it unless it is the first.
pub fn entry(sha256: &Digest, bytes: &[u8], first: bool) -> String {
    let mut out = String::with_capacity(base64::encoded_len(bytes.len()) + 110);
    if !first {
        out.push_str(",\n");
    }
    out.push_str("    {\"sha256\": \"");
    out.push_str(&sha256.to_hex());
    out.push_str("\", \"base64\": \"");
    base64::encode_into(bytes, &mut out);
    out.push_str("\"}");
    out
}

/// How many bytes a file's entry takes in the text.
pub fn entry_len(size: u64) -> u64 {
    base64::encoded_len(size as usize) as u64 + 110
}

/// The files to send, split into as few parts as hold them: each part carries every record
/// (`records_len` bytes of text) and a share of the files, and stays under
/// [`MAX_EXCHANGE_FILE_BYTES`]. Largest files first, each into the first part with room; the
/// files of a part in hash order. One part with no files when there are none.
pub fn parts(records_len: u64, files: &[&Attachment]) -> Vec<Vec<Digest>> {
    let room = (MAX_EXCHANGE_FILE_BYTES as u64).saturating_sub(records_len + 4096);
    let mut sorted: Vec<&&Attachment> = files.iter().collect();
    sorted.sort_by(|a, b| b.size.cmp(&a.size).then(a.sha256.cmp(&b.sha256)));
    let mut parts: Vec<(u64, Vec<Digest>)> = Vec::new();
    for file in sorted {
        let len = entry_len(file.size);
        match parts.iter_mut().find(|(used, _)| used + len <= room) {
            Some((used, list)) => {
                *used += len;
                list.push(file.sha256);
            }
            None => parts.push((len, vec![file.sha256])),
        }
    }
    if parts.is_empty() {
        return vec![Vec::new()];
    }
    parts
        .into_iter()
        .map(|(_, mut list)| {
            list.sort();
            list
        })
        .collect()
}

/// Why a carried file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarriedProblem {
    /// The entry's hash is not named by any record of the file.
    Unlisted,
    /// The same hash twice.
    Twice,
    /// Not strict Base64.
    NotBase64,
    /// The bytes do not hash to the entry's (and the record's) SHA-256, or their length is
    /// not the record's.
    Altered,
    /// The bytes are not the record's type.
    WrongType,
}

/// Checks one carried entry against the records' descriptions (`named`), decoding into
/// `scratch`. On success `scratch` holds the file's bytes.
pub fn verify(
    named: &BTreeMap<Digest, &Attachment>,
    sha256: &Digest,
    text: &str,
    scratch: &mut Vec<u8>,
) -> Result<(), CarriedProblem> {
    let Some(file) = named.get(sha256) else {
        return Err(CarriedProblem::Unlisted);
    };
    if base64::encoded_len(file.size as usize) != text.len() {
        return Err(CarriedProblem::Altered);
    }
    if !base64::decode_into(text.as_bytes(), scratch) {
        return Err(CarriedProblem::NotBase64);
    }
    if scratch.len() as u64 != file.size || Digest::of(scratch) != *sha256 {
        return Err(CarriedProblem::Altered);
    }
    if crate::evidence::sniff::sniff(scratch) != crate::evidence::sniff::Sniffed::File(file.kind) {
        return Err(CarriedProblem::WrongType);
    }
    Ok(())
}
