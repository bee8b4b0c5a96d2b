//! The pure half of reading a Word file (.docx): finding `word/document.xml` in the zip
//! ([`find_entry`]; the browser inflates the one entry with `DecompressionStream`), and reading
//! the table from that XML ([`read`]): `<w:tbl>`, `<w:tr>`, `<w:tc>`, paragraphs, text, tabs
//! and breaks, vertical merges (`<w:vMerge w:val="restart"/>` then `<w:vMerge/>`) and
//! horizontal spans (`<w:gridSpan>`). The paragraphs above the table give the title.
//!
//! Only what is printed is read: field codes (`<w:instrText>`), deleted text (`<w:delText>`)
//! and the fallback copy of alternate content (`<mc:Fallback>`) are not.

use super::markup::{Token, Tokens, attr, local, prefix};
use super::{Grid, GridCell, SourceProblem, SourceReport, build, choose};

/// Where the document body is in a .docx.
pub const DOCUMENT: &str = "word/document.xml";

/// One entry of a zip file: where its bytes start and how they are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipEntry {
    /// Byte offset of the entry's (compressed) data in the zip.
    pub offset: usize,
    /// 0: stored as is; 8: deflate (raw, as `DecompressionStream('deflate-raw')` reads it).
    pub method: u16,
    pub compressed_size: usize,
    /// The size once inflated.
    pub size: usize,
}

impl ZipEntry {
    /// The entry's bytes as stored in the zip (compressed when `method` is 8).
    pub fn data<'a>(&self, zip: &'a [u8]) -> &'a [u8] {
        &zip[self.offset..self.offset + self.compressed_size]
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// Finds the entry `name` through the zip's central directory. A file that is not a zip is
/// [`SourceProblem::NotADocx`]; a zip cut short or damaged, [`SourceProblem::DocxDamaged`].
pub fn find_entry(zip: &[u8], name: &str) -> Result<ZipEntry, SourceProblem> {
    if !zip.starts_with(b"PK") {
        return Err(SourceProblem::NotADocx);
    }
    let damaged = SourceProblem::DocxDamaged;
    // The end-of-central-directory record: 22 bytes and a comment of up to 65,535.
    let lowest = zip.len().saturating_sub(22 + 0xffff);
    let eocd = (lowest..=zip.len().saturating_sub(22))
        .rev()
        .find(|&at| zip[at..].starts_with(b"PK\x05\x06"))
        .ok_or(damaged.clone())?;
    let count = u16_at(zip, eocd + 10).ok_or(damaged.clone())?;
    let mut at = u32_at(zip, eocd + 16).ok_or(damaged.clone())?;
    for _ in 0..count {
        if !zip.get(at..).is_some_and(|r| r.starts_with(b"PK\x01\x02")) {
            return Err(damaged);
        }
        let field = |off: usize| u16_at(zip, at + off).map(usize::from);
        let (Some(name_len), Some(extra_len), Some(comment_len)) =
            (field(28), field(30), field(32))
        else {
            return Err(damaged);
        };
        let entry_name = zip
            .get(at + 46..at + 46 + name_len)
            .ok_or(damaged.clone())?;
        if entry_name == name.as_bytes() {
            let method = u16_at(zip, at + 10).ok_or(damaged.clone())?;
            let compressed_size = u32_at(zip, at + 20).ok_or(damaged.clone())?;
            let size = u32_at(zip, at + 24).ok_or(damaged.clone())?;
            let local = u32_at(zip, at + 42).ok_or(damaged.clone())?;
            if !zip
                .get(local..)
                .is_some_and(|r| r.starts_with(b"PK\x03\x04"))
            {
                return Err(damaged);
            }
            let local_name = u16_at(zip, local + 26).ok_or(damaged.clone())?;
            let local_extra = u16_at(zip, local + 28).ok_or(damaged.clone())?;
            let offset = local + 30 + usize::from(local_name) + usize::from(local_extra);
            if method != 0 && method != 8 {
                return Err(SourceProblem::ZipUnsupported { method });
            }
            // Zip64 sizes (0xFFFFFFFF) point past the end and are caught here too.
            let end = offset.checked_add(compressed_size);
            if end.is_none_or(|end| end > zip.len()) || (method == 0 && size != compressed_size) {
                return Err(damaged);
            }
            return Ok(ZipEntry {
                offset,
                method,
                compressed_size,
                size,
            });
        }
        at = at.saturating_add(46 + name_len + extra_len + comment_len);
    }
    Err(SourceProblem::ZipEntryMissing {
        name: name.to_string(),
    })
}

/// The text of a stored (method 0) entry; a deflated one must be inflated by the caller.
pub fn stored_text<'a>(zip: &'a [u8], entry: &ZipEntry) -> Result<&'a str, SourceProblem> {
    if entry.method != 0 {
        return Err(SourceProblem::ZipUnsupported {
            method: entry.method,
        });
    }
    std::str::from_utf8(entry.data(zip)).map_err(|_| SourceProblem::DocxDamaged)
}

/// A cell being read.
#[derive(Default)]
struct Cell {
    lines: Vec<String>,
    span: usize,
    /// `<w:vMerge/>` without `restart`: the cell continues the one above.
    continues: bool,
}

#[derive(Default)]
struct Table {
    before: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    fn cell(&mut self) -> Option<&mut Cell> {
        self.rows.last_mut()?.last_mut()
    }
}

/// The prefix the document binds to WordprocessingML (`w` nearly always).
fn word_prefix(xml: &str) -> String {
    for token in Tokens::new(xml) {
        if let Token::Start { attrs, .. } = token {
            let mut rest = attrs;
            while let Some(at) = rest.find("xmlns:") {
                let decl = &rest[at + 6..];
                let end = decl.find('=').unwrap_or(decl.len());
                let pfx = decl[..end].trim();
                if attr(attrs, &format!("xmlns:{pfx}"), false).is_some_and(|uri| {
                    uri.ends_with("wordprocessingml/2006/main")
                        || uri.ends_with("wordprocessingml/main")
                }) {
                    return pfx.to_string();
                }
                rest = &decl[end..];
            }
            break;
        }
    }
    "w".to_string()
}

/// Reads the table from the text of `word/document.xml`.
pub fn read(xml: &str) -> SourceReport {
    match choose(tables(xml)) {
        Some(grid) => build(grid),
        None => SourceReport::failed(SourceProblem::NoTable),
    }
}

fn tables(xml: &str) -> Vec<Grid> {
    let w = word_prefix(xml);
    let is_w = |name: &str| prefix(name) == w;
    let mut done = Vec::new();
    let mut outside: Vec<String> = vec![String::new()];
    let mut table: Option<Table> = None;
    let mut depth = 0usize; // nested tables
    let mut in_text = false;
    let mut in_run = false;
    let mut skipping = 0usize; // inside mc:Fallback
    for token in Tokens::new(xml) {
        match token {
            Token::Start { name, attrs, empty } => {
                if local(name) == "Fallback" {
                    skipping += usize::from(!empty);
                    continue;
                }
                if skipping > 0 || !is_w(name) {
                    continue;
                }
                let val = || attr(attrs, &format!("{w}:val"), false);
                let text = |t: &mut Option<Table>, outside: &mut Vec<String>, s: &str| match t {
                    Some(t) => {
                        if let Some(cell) = t.cell() {
                            cell.lines.last_mut().expect("a line").push_str(s);
                        }
                    }
                    None => outside.last_mut().expect("a line").push_str(s),
                };
                match local(name) {
                    "tbl" if !empty => {
                        if table.is_some() {
                            depth += 1;
                        } else {
                            let before = std::mem::replace(&mut outside, vec![String::new()]);
                            table = Some(Table {
                                before,
                                rows: Vec::new(),
                            });
                        }
                    }
                    "tr" if depth == 0 => {
                        if let Some(t) = &mut table {
                            t.rows.push(Vec::new());
                        }
                    }
                    "gridBefore" if depth == 0 => {
                        let n = val().and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
                        if let Some(row) = table.as_mut().and_then(|t| t.rows.last_mut()) {
                            for _ in 0..n.min(50) {
                                row.push(Cell {
                                    lines: vec![String::new()],
                                    span: 1,
                                    continues: false,
                                });
                            }
                        }
                    }
                    "tc" if depth == 0 => {
                        if let Some(t) = &mut table {
                            if t.rows.is_empty() {
                                t.rows.push(Vec::new());
                            }
                            t.rows.last_mut().expect("a row").push(Cell {
                                lines: vec![String::new()],
                                span: 1,
                                continues: false,
                            });
                        }
                    }
                    "gridSpan" if depth == 0 => {
                        let n = val().and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                        if let Some(cell) = table.as_mut().and_then(Table::cell) {
                            cell.span = n.clamp(1, 50);
                        }
                    }
                    "vMerge" if depth == 0 => {
                        let restart = val().is_some_and(|v| v == "restart");
                        if let Some(cell) = table.as_mut().and_then(Table::cell) {
                            cell.continues = !restart;
                        }
                    }
                    "r" => in_run = !empty,
                    "t" => in_text = !empty,
                    "tab" if in_run => text(&mut table, &mut outside, "\t"),
                    "br" | "cr" if in_run => text(&mut table, &mut outside, "\n"),
                    "noBreakHyphen" => text(&mut table, &mut outside, "-"),
                    "softHyphen" => text(&mut table, &mut outside, "\u{ad}"),
                    _ => {}
                }
            }
            Token::End { name } => {
                if local(name) == "Fallback" {
                    skipping = skipping.saturating_sub(1);
                    continue;
                }
                if skipping > 0 || !is_w(name) {
                    continue;
                }
                match local(name) {
                    "tbl" if depth > 0 => depth -= 1,
                    "tbl" => {
                        if let Some(t) = table.take() {
                            done.push(lay_out(t));
                        }
                    }
                    "p" => match &mut table {
                        Some(t) => {
                            if let Some(cell) = t.cell() {
                                cell.lines.push(String::new());
                            }
                        }
                        None => outside.push(String::new()),
                    },
                    "r" => in_run = false,
                    "t" => in_text = false,
                    _ => {}
                }
            }
            Token::Text(text) if in_text && skipping == 0 => match &mut table {
                Some(t) => {
                    if let Some(cell) = t.cell() {
                        cell.lines.last_mut().expect("a line").push_str(&text);
                    }
                }
                None => outside.last_mut().expect("a line").push_str(&text),
            },
            Token::Text(_) => {}
        }
    }
    if let Some(t) = table {
        done.push(lay_out(t));
    }
    done
}

/// Cells on the grid: a spanning cell covers the columns after it; a continuing vertical merge
/// is a covered cell whatever it holds.
fn lay_out(table: Table) -> Grid {
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let mut cells = Vec::new();
            for cell in row {
                if cell.continues {
                    cells.push(GridCell::covered());
                } else {
                    cells.push(GridCell {
                        text: cell.lines.join("\n"),
                        merged: false,
                        span: cell.span,
                    });
                }
                for _ in 1..cell.span {
                    cells.push(GridCell::covered());
                }
            }
            cells
        })
        .collect();
    Grid {
        before: table.before,
        rows,
    }
}
