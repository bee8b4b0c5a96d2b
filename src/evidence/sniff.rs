//! What a file is, by its bytes (magic numbers and, for containers, what they contain), never
//! by its name or the type the browser guessed from the name. A photo renamed `.pdf` is a
//! photo; a program renamed `.jpg` is refused.
//!
//! - Pictures: JPEG (`FF D8 FF`), PNG (its 8-byte signature), GIF (`GIF87a`/`GIF89a`), WebP
//!   (`RIFF….WEBP`), HEIC/HEIF (an ISO media file whose brand is one of HEIF's).
//! - PDF: `%PDF-` in the first 1024 bytes, and `%%EOF` in the last 1024 (a PDF cut short is
//!   [`Sniffed::Truncated`]).
//! - Word and Excel 97–2003 (and WPS's `.wps`, `.et`): a compound file (`D0 CF 11 E0 …`) whose
//!   directory holds a `WordDocument` or a `Workbook`/`Book` stream.
//! - .docx, .xlsx, OFD: a zip whose central directory names `word/document.xml`,
//!   `xl/workbook.xml` or `OFD.xml`.
//! - Videos (MP4, MOV, 3GP, AVI, Matroska/WebM, FLV, MPEG, WMV) are told apart, to be refused
//!   with a message of their own; so are other Office files (PowerPoint, encrypted documents).

use crate::ledger::attachment::FileType;

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    File(FileType),
    /// A file of this type that is cut short.
    Truncated(FileType),
    Video,
    /// An Office file of a kind not attached (PowerPoint, an encrypted document).
    OtherOffice,
    Unknown,
}

/// What `bytes` are.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return Sniffed::File(FileType::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Sniffed::File(FileType::Png);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Sniffed::File(FileType::Gif);
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Sniffed::File(FileType::Webp);
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"AVI ") {
        return Sniffed::Video;
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return iso_media(bytes);
    }
    if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return compound(bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip(bytes);
    }
    if bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        return if tail.windows(5).any(|w| w == b"%%EOF") {
            Sniffed::File(FileType::Pdf)
        } else {
            Sniffed::Truncated(FileType::Pdf)
        };
    }
    let video_magic: [&[u8]; 5] = [
        b"\x1a\x45\xdf\xa3",                 // Matroska, WebM
        b"FLV\x01",                          // Flash video
        b"\x00\x00\x01\xba",                 // MPEG program stream
        b"\x00\x00\x01\xb3",                 // MPEG video
        b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", // ASF (WMV)
    ];
    if video_magic.iter().any(|m| bytes.starts_with(m)) {
        return Sniffed::Video;
    }
    Sniffed::Unknown
}

/// An ISO base media file (`ftyp` box first): HEIF pictures or a video.
fn iso_media(bytes: &[u8]) -> Sniffed {
    let size = u32_be(bytes, 0).unwrap_or(0) as usize;
    let end = size.clamp(16, 256).min(bytes.len());
    // The major brand, then the compatible brands after the minor version.
    let brands: Vec<&[u8]> = std::iter::once(bytes.get(8..12).unwrap_or_default())
        .chain(bytes.get(16..end).unwrap_or_default().chunks_exact(4))
        .collect();
    const HEIF: [&[u8]; 8] = [
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
    ];
    if brands[0] == b"avif" || brands[0] == b"avis" {
        return Sniffed::Unknown;
    }
    if HEIF.contains(&brands[0]) || brands.iter().any(|b| HEIF[..6].contains(b)) {
        return Sniffed::File(FileType::Heic);
    }
    Sniffed::Video
}

fn u16_le(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_le(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u32_be(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The stream and storage names of a compound file (OLE2, MS-CFB), or `None` when its
/// structure does not hold together. Every chain is bounded by the file's sector count, so a
/// crafted loop ends.
pub fn compound_names(bytes: &[u8]) -> Option<Vec<String>> {
    let shift = u16_le(bytes, 0x1e)?;
    if shift != 9 && shift != 12 {
        return None;
    }
    let sector = 1usize << shift;
    let sectors = bytes.len() / sector;
    let at = |n: u32| -> Option<&[u8]> {
        let start = (n as usize + 1).checked_mul(sector)?;
        bytes.get(start..start + sector)
    };
    const END: u32 = 0xffff_fffe;
    const FREE: u32 = 0xffff_ffff;
    // The FAT's sectors: 109 listed in the header, then the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_le(bytes, 0x4c + 4 * i))
        .filter(|s| *s != FREE && *s != END)
        .collect();
    let mut difat = u32_le(bytes, 0x44)?;
    let mut hops = 0;
    while difat != END && difat != FREE {
        hops += 1;
        if hops > sectors {
            return None;
        }
        let page = at(difat)?;
        let per = sector / 4 - 1;
        fat_sectors.extend(
            (0..per)
                .filter_map(|i| u32_le(page, 4 * i))
                .filter(|s| *s != FREE && *s != END),
        );
        difat = u32_le(page, 4 * per)?;
    }
    let next = |n: u32| -> Option<u32> {
        let per = (sector / 4) as u32;
        let page = at(*fat_sectors.get((n / per) as usize)?)?;
        u32_le(page, 4 * (n % per) as usize)
    };
    let mut names = Vec::new();
    let mut dir = u32_le(bytes, 0x30)?;
    let mut hops = 0;
    while dir != END {
        hops += 1;
        if hops > sectors {
            return None;
        }
        let page = at(dir)?;
        for entry in page.chunks_exact(128) {
            let len = usize::from(u16_le(entry, 0x40)?).min(64);
            let kind = entry[0x42];
            if len < 2 || !matches!(kind, 1 | 2) {
                continue;
            }
            let units: Vec<u16> = entry[..len - 2]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            names.push(String::from_utf16_lossy(&units));
        }
        dir = next(dir)?;
    }
    Some(names)
}

fn compound(bytes: &[u8]) -> Sniffed {
    let Some(names) = compound_names(bytes) else {
        return Sniffed::Unknown;
    };
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("EncryptedPackage") || has("PowerPoint Document") {
        Sniffed::OtherOffice
    } else if has("WordDocument") {
        Sniffed::File(FileType::Doc)
    } else if has("Workbook") || has("Book") {
        Sniffed::File(FileType::Xls)
    } else {
        Sniffed::Unknown
    }
}

/// The entry names of a zip's central directory, or `None` when it does not hold together.
pub fn zip_names(zip: &[u8]) -> Option<Vec<&[u8]>> {
    let lowest = zip.len().saturating_sub(22 + 0xffff);
    let eocd = (lowest..=zip.len().checked_sub(22)?)
        .rev()
        .find(|&at| zip[at..].starts_with(b"PK\x05\x06"))?;
    let count = u16_le(zip, eocd + 10)?;
    let mut at = u32_le(zip, eocd + 16)? as usize;
    let mut names = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        if !zip.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = usize::from(u16_le(zip, at + 28)?);
        let extra = usize::from(u16_le(zip, at + 30)?);
        let comment = usize::from(u16_le(zip, at + 32)?);
        names.push(zip.get(at + 46..at + 46 + name_len)?);
        at += 46 + name_len + extra + comment;
    }
    Some(names)
}

fn zip(bytes: &[u8]) -> Sniffed {
    let Some(names) = zip_names(bytes) else {
        return Sniffed::Unknown;
    };
    let has = |name: &[u8]| names.contains(&name);
    if has(b"word/document.xml") {
        Sniffed::File(FileType::Docx)
    } else if has(b"xl/workbook.xml") {
        Sniffed::File(FileType::Xlsx)
    } else if has(b"OFD.xml") {
        Sniffed::File(FileType::Ofd)
    } else if has(b"ppt/presentation.xml") {
        Sniffed::OtherOffice
    } else {
        Sniffed::Unknown
    }
}
