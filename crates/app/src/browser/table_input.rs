//! Reading a responsibility table in the browser, from what the office has: a Word file picked
//! or dropped (`word/document.xml` found with [`docx::find_entry`] and inflated by the
//! browser's own `DecompressionStream('deflate-raw')`, no zip or XML crate), a table pasted
//! from Word or WPS (the clipboard's `text/html` first, since it keeps merged area cells, else
//! its tab-separated `text/plain`), or a text file in the seed's own layout. Reading itself is
//! [`crate::plan::source`]; this only moves bytes.

use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::files::Picked;
use crate::plan::source::{self, SourceProblem, SourceReport, docx, html, tsv};

/// Files above this size are refused before they are read (a Word table with pictures is a few
/// MB; the 60-task table is 30 KB).
pub const MAX_TABLE_BYTES: usize = 32 * 1024 * 1024;

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A Word file (also an old .doc or anything starting like a zip: reading says what it is).
    Docx,
    /// The seed's text export: a line starting with a tab starts a cell.
    Text,
    /// Tab-separated text, as a spreadsheet or the clipboard's `text/plain` has it.
    Tsv,
    /// HTML, as the clipboard's `text/html` or a web page saved from Word has it.
    Html,
}

impl InputKind {
    /// Decides from the file name and the first bytes: zip and old Office files, and names
    /// ending in .docx or .doc, are read as Word files; .htm/.html and text starting with `<`
    /// as HTML; text with a line starting with a tab in the seed's layout; other text as
    /// tab-separated.
    pub fn of(name: &str, bytes: &[u8]) -> InputKind {
        let name = name.to_lowercase();
        const OLE: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0];
        if bytes.starts_with(b"PK")
            || bytes.starts_with(OLE)
            || name.ends_with(".docx")
            || name.ends_with(".doc")
        {
            return InputKind::Docx;
        }
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let text = text.trim_start_matches('\u{feff}').trim_start();
        if name.ends_with(".html") || name.ends_with(".htm") || text.starts_with('<') {
            InputKind::Html
        } else {
            InputKind::of_text(text)
        }
    }

    /// Text without a file name (a paste, or a file's text): the seed's layout when a line
    /// starts with a tab, else tab-separated.
    pub fn of_text(text: &str) -> InputKind {
        if text.lines().any(|l| l.starts_with('\t')) {
            InputKind::Text
        } else {
            InputKind::Tsv
        }
    }
}

/// Why an input gave no table to look at. Messages are in the catalogue (`Key::TableInput…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    /// The browser could not read the file.
    Unreadable,
    /// Larger than [`MAX_TABLE_BYTES`].
    TooLarge,
    /// A text file that is not UTF-8 (saved as GBK, say).
    NotUtf8,
    /// This browser cannot unpack a Word file (no `DecompressionStream`).
    NoDecompression,
    /// The clipboard held no text.
    EmptyPaste,
}

/// Reads a picked or dropped file into a report (not yet checked against the registry).
pub async fn read_file(file: &Picked) -> Result<SourceReport, InputError> {
    if file.size > MAX_TABLE_BYTES {
        return Err(InputError::TooLarge);
    }
    let bytes = file.bytes().await.map_err(|_| InputError::Unreadable)?;
    match InputKind::of(&file.name, &bytes) {
        InputKind::Docx => read_docx(&bytes).await,
        kind => {
            let text = std::str::from_utf8(&bytes).map_err(|_| InputError::NotUtf8)?;
            Ok(read_text(kind, text))
        }
    }
}

fn read_text(kind: InputKind, text: &str) -> SourceReport {
    match kind {
        InputKind::Html => html::read(text),
        InputKind::Text => source::text::read(text),
        InputKind::Tsv | InputKind::Docx => tsv::read(text),
    }
}

/// A .docx: the zip's directory, then `word/document.xml` inflated by the browser.
pub async fn read_docx(zip: &[u8]) -> Result<SourceReport, InputError> {
    let entry = match docx::find_entry(zip, docx::DOCUMENT) {
        Ok(entry) => entry,
        Err(problem) => return Ok(SourceReport::failed(problem)),
    };
    let xml = match entry.method {
        0 => docx::stored_text(zip, &entry).map(str::to_string),
        _ => match inflate_raw(entry.data(zip)).await? {
            Some(bytes) if bytes.len() == entry.size => {
                String::from_utf8(bytes).map_err(|_| SourceProblem::DocxDamaged)
            }
            _ => Err(SourceProblem::DocxDamaged),
        },
    };
    Ok(match xml {
        Ok(xml) => docx::read(&xml),
        Err(problem) => SourceReport::failed(problem),
    })
}

/// Inflates raw deflate data with `DecompressionStream('deflate-raw')` (through `Reflect`:
/// web-sys has it only behind its unstable-API flag). `Ok(None)` when the data is damaged.
async fn inflate_raw(data: &[u8]) -> Result<Option<Vec<u8>>, InputError> {
    let no = |_| InputError::NoDecompression;
    let constructor: Function = Reflect::get(&js_sys::global(), &"DecompressionStream".into())
        .map_err(no)?
        .dyn_into()
        .map_err(|_| InputError::NoDecompression)?;
    let transform =
        Reflect::construct(&constructor, &Array::of1(&"deflate-raw".into())).map_err(no)?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(data)))
        .map_err(|_| InputError::Unreadable)?;
    let inflated = blob
        .stream()
        .pipe_through(transform.unchecked_ref::<web_sys::ReadableWritablePair>());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&inflated))
        .map_err(|_| InputError::Unreadable)?;
    let promise = response
        .array_buffer()
        .map_err(|_| InputError::Unreadable)?;
    Ok(JsFuture::from(promise)
        .await
        .ok()
        .map(|buffer: JsValue| Uint8Array::new(&buffer).to_vec()))
}

/// A table pasted: the clipboard's `text/html` when it holds a table, else its `text/plain`.
pub fn read_paste(event: &web_sys::ClipboardEvent) -> Result<SourceReport, InputError> {
    let data = event.clipboard_data().ok_or(InputError::EmptyPaste)?;
    let get = |mime: &str| {
        data.get_data(mime)
            .ok()
            .filter(|text| !text.trim().is_empty())
    };
    let html = get("text/html").map(|h| html::read(&h));
    match (html, get("text/plain")) {
        (Some(report), plain)
            if plain.is_none() || !report.problems.contains(&SourceProblem::NoTable) =>
        {
            Ok(report)
        }
        (_, Some(plain)) => Ok(read_text(InputKind::of_text(&plain), &plain)),
        (_, None) => Err(InputError::EmptyPaste),
    }
}

/// Four random bytes for a new plan id (Web Crypto, else `Math.random`).
pub fn random4() -> [u8; 4] {
    let mut bytes = [0u8; 4];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_told_apart_by_name_and_first_bytes() {
        assert_eq!(InputKind::of("x.docx", b"PK\x03\x04"), InputKind::Docx);
        assert_eq!(InputKind::of("renamed.txt", b"PK\x03\x04"), InputKind::Docx);
        assert_eq!(
            InputKind::of("old.docx", &[0xd0, 0xcf, 0x11, 0xe0, 0]),
            InputKind::Docx
        );
        assert_eq!(InputKind::of("old.doc", b"garbage"), InputKind::Docx);
        assert_eq!(InputKind::of("t.html", b"x"), InputKind::Html);
        assert_eq!(
            InputKind::of("t.txt", "\u{feff}<html><table>".as_bytes()),
            InputKind::Html
        );
        assert_eq!(
            InputKind::of("t.txt", "标题\n\t序号\n\t任务\n".as_bytes()),
            InputKind::Text
        );
        assert_eq!(
            InputKind::of("t.txt", "序号\t任务\t举措\n1\t一、\tx\n".as_bytes()),
            InputKind::Tsv
        );
    }
}
