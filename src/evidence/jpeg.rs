//! The structure of a JPEG file, as far as keeping photos needs it: its segments up to the
//! image data (`SOS`), its size (`SOF`), its metadata segments (EXIF and XMP in `APP1`, IPTC in
//! `APP13`), and taking them out or putting an EXIF segment in, without touching the image data.

use std::ops::Range;

/// `APP1` (EXIF, XMP).
pub const APP1: u8 = 0xe1;
/// `APP13` (Photoshop's IPTC block: captions, places).
pub const APP13: u8 = 0xed;
const SOS: u8 = 0xda;
const EXIF_HEADER: &[u8] = b"Exif\0\0";
const XMP_HEADER: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

/// One segment before the image data: its marker and where it is (from its `FF` to its end),
/// and its payload (after the length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub marker: u8,
    pub whole: Range<usize>,
    pub payload: Range<usize>,
}

/// The segments between `SOI` and `SOS`, and where `SOS` starts (everything from there is
/// kept as it is). `None` when the bytes are not a JPEG or a length runs past the end.
pub fn segments(bytes: &[u8]) -> Option<(Vec<Segment>, usize)> {
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut at = 2;
    let mut found = Vec::new();
    loop {
        // Fill bytes (FF FF …) may stand before a marker.
        while bytes.get(at) == Some(&0xff) && bytes.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        if bytes.get(at) != Some(&0xff) {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        if marker == SOS {
            return Some((found, at));
        }
        // Markers without a length: TEM and the restart markers.
        if marker == 0x01 || (0xd0..=0xd7).contains(&marker) {
            at += 2;
            continue;
        }
        if marker == 0xd9 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if len < 2 || at + 2 + len > bytes.len() {
            return None;
        }
        found.push(Segment {
            marker,
            whole: at..at + 2 + len,
            payload: at + 4..at + 2 + len,
        });
        at += 2 + len;
    }
}

/// Width and height as stored (before any EXIF orientation), from the first `SOF` segment.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let (segments, _) = segments(bytes)?;
    let frame = segments
        .iter()
        .find(|s| matches!(s.marker, 0xc0..=0xcf) && !matches!(s.marker, 0xc4 | 0xc8 | 0xcc))?;
    let p = &bytes[frame.payload.clone()];
    let height = u16::from_be_bytes([*p.get(1)?, *p.get(2)?]);
    let width = u16::from_be_bytes([*p.get(3)?, *p.get(4)?]);
    Some((u32::from(width), u32::from(height)))
}

/// The TIFF block of the first EXIF segment.
pub fn exif_block(bytes: &[u8]) -> Option<&[u8]> {
    let (segments, _) = segments(bytes)?;
    segments
        .iter()
        .filter(|s| s.marker == APP1)
        .map(|s| &bytes[s.payload.clone()])
        .find(|p| p.starts_with(EXIF_HEADER))
        .map(|p| &p[EXIF_HEADER.len()..])
}

/// Whether a segment holds metadata that may say where a photo was taken: EXIF, XMP, IPTC.
fn is_metadata(bytes: &[u8], segment: &Segment) -> bool {
    let payload = &bytes[segment.payload.clone()];
    match segment.marker {
        APP1 => payload.starts_with(EXIF_HEADER) || payload.starts_with(XMP_HEADER),
        APP13 => true,
        _ => false,
    }
}

/// Whether the file has any such metadata.
pub fn has_metadata(bytes: &[u8]) -> bool {
    segments(bytes).is_some_and(|(segments, _)| segments.iter().any(|s| is_metadata(bytes, s)))
}

/// The file without its EXIF, XMP and IPTC segments (colour profiles, quantisation tables and
/// the image data stay byte for byte). `None` when it is not a JPEG this reads.
pub fn strip_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let (segments, image) = segments(bytes)?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    for segment in &segments {
        out.extend_from_slice(&bytes[at..segment.whole.start]);
        if !is_metadata(bytes, segment) {
            out.extend_from_slice(&bytes[segment.whole.clone()]);
        }
        at = segment.whole.end;
    }
    out.extend_from_slice(&bytes[at..image]);
    out.extend_from_slice(&bytes[image..]);
    Some(out)
}

/// The file with an EXIF segment holding `tiff` put in after `SOI` and any `APP0` (JFIF).
/// `None` when it is not a JPEG this reads or the block does not fit in a segment.
pub fn insert_exif(bytes: &[u8], tiff: &[u8]) -> Option<Vec<u8>> {
    let (segments, _) = segments(bytes)?;
    let len = 2 + EXIF_HEADER.len() + tiff.len();
    let len = u16::try_from(len).ok()?;
    let after = segments
        .iter()
        .take_while(|s| s.marker == 0xe0)
        .last()
        .map_or(2, |s| s.whole.end);
    let mut out = Vec::with_capacity(bytes.len() + usize::from(len) + 2);
    out.extend_from_slice(&bytes[..after]);
    out.extend_from_slice(&[0xff, APP1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(EXIF_HEADER);
    out.extend_from_slice(tiff);
    out.extend_from_slice(&bytes[after..]);
    Some(out)
}
