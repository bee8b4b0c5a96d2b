//! Taking a picked file in: is it allowed (by its bytes), what is it called, and what happens
//! to it before it is kept. Photos are made smaller in the browser (it decodes them, the right
//! way up, and encodes a JPEG); everything else is kept byte for byte. The browser shell asks
//! [`examine`] first, decodes and encodes only when told to, then asks [`finish_shrunk`] or
//! [`finish_kept`] for the bytes to keep.
//!
//! Rules: a file is at most [`MAX_PICKED_BYTES`] before anything is done to it, and not empty;
//! its kind comes from its bytes ([`sniff`]); a name whose extension names another kind of
//! document is refused (a PDF called `.jpg`), a picture named as another picture gets the right
//! extension; a name loses folders, control and direction characters, and gains an extension
//! when it has none. A photo's location (EXIF GPS, and XMP and IPTC with it) is removed unless
//! the user keeps it.

use super::exif;
use super::jpeg;
use super::sniff::{Sniffed, sniff};
use crate::foundation::digest::Digest;
use crate::ledger::attachment::{
    Attachment, FileType, MAX_ATTACHMENT_BYTES, MAX_NAME_CHARS, extension,
};
use crate::ledger::event::{is_bidi_control, is_refused_control};

/// The largest file taken in, before a photo is made smaller (20 MiB).
pub const MAX_PICKED_BYTES: u64 = MAX_ATTACHMENT_BYTES;
/// The longest side of a photo once made smaller, in pixels.
pub const MAX_SIDE: u32 = 1600;
/// The JPEG quality photos are encoded at.
pub const JPEG_QUALITY: f64 = 0.8;
/// A picture this small (bytes), no larger than [`MAX_SIDE`] and the right way up is kept as
/// it is (its metadata removed losslessly): encoding it again would only lose quality.
pub const KEEP_BYTES: u64 = 1024 * 1024;

/// Why a picked file is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeProblem {
    Empty,
    TooLarge {
        bytes: u64,
        max: u64,
    },
    Video,
    Unknown,
    OtherOffice,
    Truncated(FileType),
    /// The bytes are `actual`, the extension says another kind of document, `claimed`.
    Mismatch {
        actual: FileType,
        claimed: FileType,
    },
    /// The extension says `claimed`; the bytes are nothing that can be attached.
    NotWhatItSays {
        claimed: FileType,
    },
}

/// How a name was changed, to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rename {
    /// Folders taken off (`a/b/c.jpg` → `c.jpg`).
    Path,
    /// Control, direction or leading-dot characters taken out.
    Cleaned,
    /// The extension of its content given (or put in place of another picture's).
    Extension,
    /// A picture encoded as JPEG: `.jpg`.
    Converted,
}

/// What to do with a picture before keeping it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Treatment {
    /// Keep the bytes as they are (a document, a GIF, a small picture the right way up); a
    /// picture's metadata is removed losslessly unless its location is kept.
    Keep,
    /// Decode the right way up, fit within `max_side`, encode as JPEG at `quality`.
    Shrink { max_side: u32, quality: f64 },
}

/// A picture's facts, from its header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoFacts {
    /// As stored (before orientation), when the header says.
    pub size: Option<(u32, u32)>,
    pub orientation: Option<u16>,
    /// Where it was taken, if it says (EXIF GPS).
    pub location: bool,
}

/// A file that may be attached, and what to do with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Examined {
    pub kind: FileType,
    /// The name it will be kept under (before any conversion).
    pub name: String,
    pub renamed: Vec<Rename>,
    pub treatment: Treatment,
    pub photo: Option<PhotoFacts>,
}

/// Whether a file of `bytes` bytes may be read at all (asked before reading it).
pub fn check_size(bytes: u64) -> Result<(), IntakeProblem> {
    if bytes == 0 {
        Err(IntakeProblem::Empty)
    } else if bytes > MAX_PICKED_BYTES {
        Err(IntakeProblem::TooLarge {
            bytes,
            max: MAX_PICKED_BYTES,
        })
    } else {
        Ok(())
    }
}

/// The name without folders and unreadable characters, at most [`MAX_NAME_CHARS`] long (the
/// extension kept), and what was changed.
pub fn clean_name(raw: &str) -> (String, Vec<Rename>) {
    let mut renamed = Vec::new();
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    if base.len() != raw.len() {
        renamed.push(Rename::Path);
    }
    let kept: String = base
        .chars()
        .filter(|c| !is_refused_control(*c) && !is_bidi_control(*c) && !c.is_control())
        .collect();
    let trimmed = kept
        .trim()
        .trim_start_matches('.')
        .trim_end_matches('.')
        .trim();
    if trimmed != base {
        renamed.push(Rename::Cleaned);
    }
    let mut name = trimmed.to_string();
    if name.chars().count() > MAX_NAME_CHARS {
        let ext = extension(&name)
            .map(|e| format!(".{e}"))
            .unwrap_or_default();
        let keep = MAX_NAME_CHARS.saturating_sub(ext.chars().count());
        name = name
            .chars()
            .take(keep)
            .collect::<String>()
            .trim_end()
            .to_string()
            + &ext;
    }
    (name, renamed)
}

/// `name` with the extension `ext` in place of its own (or added).
fn with_extension(name: &str, ext: &str) -> String {
    let stem = match extension(name) {
        Some(old) => &name[..name.len() - old.len() - 1],
        None => name,
    };
    let stem = if stem.trim().is_empty() {
        "附件"
    } else {
        stem
    };
    format!("{stem}.{ext}")
}

/// What a picked file is and what to do with it; refused with the reason otherwise.
pub fn examine(raw_name: &str, bytes: &[u8]) -> Result<Examined, IntakeProblem> {
    check_size(bytes.len() as u64)?;
    let (mut name, mut renamed) = clean_name(raw_name);
    let claimed = extension(&name).and_then(FileType::of_extension);
    let kind = match (sniff(bytes), claimed) {
        (Sniffed::File(kind), _) => kind,
        (Sniffed::Truncated(kind), _) => return Err(IntakeProblem::Truncated(kind)),
        (Sniffed::Video, _) => return Err(IntakeProblem::Video),
        (Sniffed::OtherOffice, _) => return Err(IntakeProblem::OtherOffice),
        (Sniffed::Unknown, Some(claimed)) => return Err(IntakeProblem::NotWhatItSays { claimed }),
        (Sniffed::Unknown, None) => return Err(IntakeProblem::Unknown),
    };
    match claimed {
        Some(claimed) if claimed == kind => {}
        // A picture named as another kind of picture: named for what it is.
        Some(claimed) if claimed.is_image() && kind.is_image() => {
            name = with_extension(&name, kind.extensions()[0]);
            renamed.push(Rename::Extension);
        }
        Some(claimed) => {
            return Err(IntakeProblem::Mismatch {
                actual: kind,
                claimed,
            });
        }
        None => {
            name = format!("{}.{}", name, kind.extensions()[0]);
            if name.starts_with('.') {
                name = format!("附件{name}");
            }
            renamed.push(Rename::Extension);
        }
    }
    let photo = kind.is_image().then(|| facts(kind, bytes));
    let shrink = Treatment::Shrink {
        max_side: MAX_SIDE,
        quality: JPEG_QUALITY,
    };
    let small = |facts: &PhotoFacts| {
        bytes.len() as u64 <= KEEP_BYTES
            && facts.size.is_some_and(|(w, h)| w.max(h) <= MAX_SIDE)
            && facts.orientation.is_none_or(|o| o == 1)
    };
    let treatment = match (kind, &photo) {
        (FileType::Jpeg | FileType::Png, Some(facts)) if small(facts) => Treatment::Keep,
        (FileType::Jpeg | FileType::Png | FileType::Webp | FileType::Heic, _) => shrink,
        _ => Treatment::Keep,
    };
    Ok(Examined {
        kind,
        name,
        renamed,
        treatment,
        photo,
    })
}

/// A picture's size, orientation and whether it says where it was taken.
pub fn facts(kind: FileType, bytes: &[u8]) -> PhotoFacts {
    match kind {
        FileType::Jpeg => {
            let exif = jpeg::exif_block(bytes).map(exif::read).unwrap_or_default();
            PhotoFacts {
                size: jpeg::dimensions(bytes),
                orientation: exif.orientation,
                location: exif.has_location(),
            }
        }
        FileType::Png => PhotoFacts {
            size: png_size(bytes),
            orientation: None,
            location: png_chunks(bytes).is_some_and(|c| c.iter().any(|(t, _)| t == b"eXIf")),
        },
        // Not read here: a HEIC or WebP may say where it was taken.
        _ => PhotoFacts {
            size: None,
            orientation: None,
            location: matches!(kind, FileType::Heic | FileType::Webp),
        },
    }
}

fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

/// A PNG's chunks: type and the whole chunk's range (length, type, data, CRC).
fn png_chunks(bytes: &[u8]) -> Option<Vec<([u8; 4], std::ops::Range<usize>)>> {
    let mut at = 8;
    let mut chunks = Vec::new();
    while at < bytes.len() {
        let len = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind: [u8; 4] = bytes.get(at + 4..at + 8)?.try_into().ok()?;
        let end = at.checked_add(12)?.checked_add(len)?;
        if end > bytes.len() {
            return None;
        }
        chunks.push((kind, at..end));
        at = end;
        if &kind == b"IEND" {
            break;
        }
    }
    Some(chunks)
}

/// A PNG without its EXIF chunk and its XMP text: the image chunks stay byte for byte.
fn png_strip(bytes: &[u8]) -> Option<Vec<u8>> {
    let chunks = png_chunks(bytes)?;
    let mut out = bytes[..8].to_vec();
    for (kind, range) in chunks {
        let data = &bytes[range.start + 8..range.end - 4];
        let xmp = &kind == b"iTXt" && data.starts_with(b"XML:com.adobe.xmp\0");
        if &kind != b"eXIf" && !xmp {
            out.extend_from_slice(&bytes[range]);
        }
    }
    Some(out)
}

/// The bytes to keep of a file kept as it is: a JPEG or PNG without the metadata that may say
/// where it was taken (unless `keep_location`); anything else unchanged.
pub fn finish_kept(kind: FileType, bytes: Vec<u8>, keep_location: bool) -> Vec<u8> {
    if keep_location {
        return bytes;
    }
    let stripped = match kind {
        FileType::Jpeg if jpeg::has_metadata(&bytes) => jpeg::strip_metadata(&bytes),
        FileType::Png => png_strip(&bytes),
        _ => None,
    };
    stripped.unwrap_or(bytes)
}

/// The bytes to keep of a photo the browser made smaller (`encoded`, from `original`): the
/// original's location put back in when the user keeps it. `None` when the browser gave
/// back something that is not a picture.
pub fn finish_shrunk(original: &[u8], encoded: Vec<u8>, keep_location: bool) -> Option<Vec<u8>> {
    let kind = match sniff(&encoded) {
        Sniffed::File(kind) if kind.is_image() => kind,
        _ => return None,
    };
    if !keep_location || kind != FileType::Jpeg {
        return Some(encoded);
    }
    let gps = jpeg::exif_block(original)
        .map(exif::read)
        .map(|e| e.gps)
        .unwrap_or_default();
    if gps.is_empty() {
        return Some(encoded);
    }
    Some(jpeg::insert_exif(&encoded, &exif::gps_block(&gps)).unwrap_or(encoded))
}

/// The name a converted picture is kept under (`.jpg` for a JPEG), and whether it changed.
pub fn converted_name(name: &str, kind: FileType) -> (String, bool) {
    let fits = extension(name)
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| kind.extensions().contains(&e.as_str()));
    if fits {
        (name.to_string(), false)
    } else {
        (with_extension(name, kind.extensions()[0]), true)
    }
}

/// The width and height to draw a picture of `width` × `height` (as shown, the right way up)
/// at, its longest side at most `max_side`, never enlarged.
pub fn fit(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side || longest == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(max_side) / f64::from(longest);
    let w = (f64::from(width) * scale).round().max(1.0) as u32;
    let h = (f64::from(height) * scale).round().max(1.0) as u32;
    (w.min(max_side), h.min(max_side))
}

/// The record's description of bytes about to be kept under `name`.
pub fn describe(name: &str, bytes: &[u8]) -> Option<Attachment> {
    let kind = match sniff(bytes) {
        Sniffed::File(kind) => kind,
        _ => return None,
    };
    let (name, _) = converted_name(name, kind);
    let file = Attachment {
        sha256: Digest::of(bytes),
        name,
        kind,
        size: bytes.len() as u64,
    };
    file.check().ok()?;
    Some(file)
}
