//! A small XLSX (Office Open XML spreadsheet) writer: one worksheet per [`Sheet`], a bold,
//! wrapped and frozen header row, wrapped text, column widths, shared strings. The package is a
//! ZIP with stored (uncompressed) entries, which every reader accepts and which keeps this
//! writer a few kilobytes of WebAssembly.
//!
//! Limits: no ZIP64, so a workbook must stay under 4 GiB; text longer than Excel's 32 767
//! characters per cell is cut there.

use super::zip::Zip;
use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Cell, Sheet, decimal, number_text, push_xml_escaped, text_width, xml_allowed};

/// The MIME type of an XLSX file, for a download.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Excel's limit on a sheet name, in UTF-16 code units.
pub const SHEET_NAME_MAX: usize = 31;

/// Excel's limit on the text in one cell, in UTF-16 code units.
const CELL_TEXT_MAX: usize = 32_767;

/// Widths a column gets from its content, in Excel's units.
const AUTO_WIDTH_MIN: f64 = 6.0;
const AUTO_WIDTH_MAX: f64 = 50.0;

/// Cell styles, indexes into `cellXfs` in [`STYLES`].
const STYLE_HEADER: u8 = 1;
const STYLE_TEXT: u8 = 2;
const STYLE_NUMBER: u8 = 3;
const STYLE_PERCENT: u8 = 4;

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill>"#,
    r#"<fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="5">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">"#,
    r#"<alignment vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">"#,
    r#"<alignment vertical="top" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">"#,
    r#"<alignment vertical="top"/></xf>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">"#,
    r#"<alignment vertical="top"/></xf>"#,
    r#"</cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"</styleSheet>"#,
);

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The workbook as the bytes of an `.xlsx` file, one worksheet per sheet in order, named by
/// [`sheet_names`]. With no sheets it holds one empty worksheet (a workbook needs one).
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let blank = [Sheet::default()];
    let sheets = if sheets.is_empty() {
        &blank[..]
    } else {
        sheets
    };
    let names = sheet_names(sheets.iter().map(|s| s.name.as_str()));
    let mut strings = SharedStrings::default();

    let mut content_types = format!(
        "{XML_DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    );
    let mut workbook_xml = format!(
        "{XML_DECLARATION}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">\
         <bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    );
    let mut workbook_rels = format!("{XML_DECLARATION}<Relationships xmlns=\"{PKG_REL_NS}\">");
    let mut worksheets = Vec::with_capacity(sheets.len());
    for (i, (sheet, name)) in sheets.iter().zip(&names).enumerate() {
        let n = i + 1;
        let _ = write!(
            content_types,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
        workbook_xml.push_str("<sheet name=\"");
        push_xml_escaped(&mut workbook_xml, name);
        let _ = write!(workbook_xml, "\" sheetId=\"{n}\" r:id=\"rId{n}\"/>");
        let _ = write!(
            workbook_rels,
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
        worksheets.push((
            format!("xl/worksheets/sheet{n}.xml"),
            worksheet(sheet, i == 0, &mut strings),
        ));
    }
    workbook_xml.push_str("</sheets></workbook>");
    let n = sheets.len();
    let _ = write!(
        workbook_rels,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>",
        n + 1
    );
    // A workbook without text has no shared strings part (Excel writes none either).
    let shared = !strings.list.is_empty();
    if shared {
        content_types.push_str(
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
        );
        let _ = write!(
            workbook_rels,
            "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>",
            n + 2
        );
    }
    content_types.push_str("</Types>");
    workbook_rels.push_str("</Relationships>");
    let root_rels = format!(
        "{XML_DECLARATION}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         </Relationships>"
    );

    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", content_types.as_bytes());
    zip.add("_rels/.rels", root_rels.as_bytes());
    zip.add("xl/workbook.xml", workbook_xml.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    if shared {
        zip.add("xl/sharedStrings.xml", strings.xml().as_bytes());
    }
    for (path, xml) in &worksheets {
        zip.add(path, xml.as_bytes());
    }
    zip.finish()
}

/// Valid, unique worksheet names for the given names, in order: characters Excel forbids
/// (`[]:*?/\` and control characters) become `_`, a leading or trailing apostrophe is dropped,
/// the name is cut to [`SHEET_NAME_MAX`] UTF-16 units, an empty name becomes `Sheet<n>`, and a
/// name equal to an earlier one (ignoring case, as Excel does) gets ` (2)`, ` (3)`, … at the end.
pub fn sheet_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (i, raw) in names.into_iter().enumerate() {
        let cleaned: String = raw
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
                c if c.is_control() || !xml_allowed(c) => '_',
                c => c,
            })
            .collect();
        let mut base = truncate_utf16(cleaned.trim_matches('\''), SHEET_NAME_MAX)
            .trim_matches('\'')
            .to_owned();
        // Excel reserves this name for its own use.
        if base.is_empty() || base.eq_ignore_ascii_case("history") {
            base = format!("Sheet{}", i + 1);
        }
        let mut name = base.clone();
        let mut k = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({k})");
            let room = SHEET_NAME_MAX - suffix.encode_utf16().count();
            name = format!("{}{suffix}", truncate_utf16(&base, room));
            k += 1;
        }
        taken.push(name.to_lowercase());
        out.push(name);
    }
    out
}

/// The longest prefix of `text` that is at most `max` UTF-16 code units long.
fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..i];
        }
    }
    text
}

/// The column name of a zero-based column index: `0` → `A`, `26` → `AA`.
fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[derive(Default)]
struct SharedStrings {
    list: Vec<String>,
    index: HashMap<String, usize>,
    uses: usize,
}

impl SharedStrings {
    fn id(&mut self, text: &str) -> usize {
        self.uses += 1;
        if let Some(&id) = self.index.get(text) {
            return id;
        }
        let id = self.list.len();
        self.list.push(text.to_owned());
        self.index.insert(text.to_owned(), id);
        id
    }

    fn xml(&self) -> String {
        let mut xml = format!(
            "{XML_DECLARATION}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.list.len()
        );
        for text in &self.list {
            xml.push_str("<si><t xml:space=\"preserve\">");
            push_cell_text(&mut xml, text);
            xml.push_str("</t></si>");
        }
        xml.push_str("</sst>");
        xml
    }
}

/// Appends cell text: line breaks become LF (Excel's line break in a cell), text that looks
/// like Excel's `_xHHHH_` escape is escaped itself so that it reads back unchanged, and the
/// rest is XML-escaped.
fn push_cell_text(out: &mut String, text: &str) {
    let text: String = truncate_utf16(text, CELL_TEXT_MAX)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| xml_allowed(c))
        .collect();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("_x") {
        let (before, from) = rest.split_at(at);
        push_xml_escaped(out, before);
        let b = from.as_bytes();
        let escape_like = b.len() >= 7 && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_';
        out.push_str(if escape_like { "_x005F_x" } else { "_x" });
        rest = &from[2..];
    }
    push_xml_escaped(out, rest);
}

fn worksheet(sheet: &Sheet, selected: bool, strings: &mut SharedStrings) -> String {
    let columns = sheet.column_count();
    let has_header = !sheet.header.is_empty();
    let row_count = sheet.rows.len() + usize::from(has_header);
    let mut xml = format!("{XML_DECLARATION}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    if columns > 0 && row_count > 0 {
        let _ = write!(
            xml,
            "<dimension ref=\"A1:{}{row_count}\"/>",
            column_name(columns - 1)
        );
    }
    xml.push_str("<sheetViews><sheetView workbookViewId=\"0\"");
    if selected {
        xml.push_str(" tabSelected=\"1\"");
    }
    if has_header {
        xml.push_str(
            "><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView>",
        );
    } else {
        xml.push_str("/>");
    }
    xml.push_str("</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if columns > 0 {
        xml.push_str("<cols>");
        for c in 0..columns {
            let width = sheet
                .widths
                .get(c)
                .copied()
                .filter(|w| w.is_finite() && *w > 0.0)
                .unwrap_or_else(|| auto_width(sheet, c))
                .min(255.0);
            let _ = write!(
                xml,
                "<col min=\"{n}\" max=\"{n}\" width=\"{}\" customWidth=\"1\"/>",
                decimal(width, 2).unwrap_or_default(),
                n = c + 1
            );
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    let header = sheet
        .header
        .iter()
        .map(|h| (Cell::Text(h.clone()), STYLE_HEADER));
    let mut r = 0;
    if has_header {
        r += 1;
        push_row(&mut xml, r, header, strings);
    }
    for row in &sheet.rows {
        r += 1;
        let cells = row.iter().map(|cell| {
            let style = match cell {
                Cell::Percent(_) => STYLE_PERCENT,
                Cell::Number(_) => STYLE_NUMBER,
                Cell::Text(_) | Cell::Empty => STYLE_TEXT,
            };
            (cell.clone(), style)
        });
        push_row(&mut xml, r, cells, strings);
    }
    xml.push_str("</sheetData><pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
    xml
}

fn push_row(
    xml: &mut String,
    r: usize,
    cells: impl Iterator<Item = (Cell, u8)>,
    strings: &mut SharedStrings,
) {
    let _ = write!(xml, "<row r=\"{r}\">");
    for (c, (cell, style)) in cells.enumerate() {
        let at = format!("{}{r}", column_name(c));
        match cell {
            Cell::Empty => {}
            Cell::Text(text) => {
                let id = strings.id(&text);
                let _ = write!(xml, "<c r=\"{at}\" s=\"{style}\" t=\"s\"><v>{id}</v></c>");
            }
            Cell::Number(n) | Cell::Percent(n) => {
                if let Some(n) = number_text(n) {
                    let _ = write!(xml, "<c r=\"{at}\" s=\"{style}\"><v>{n}</v></c>");
                }
            }
        }
    }
    xml.push_str("</row>");
}

/// A width for column `c` from its widest line of text, within the automatic bounds.
fn auto_width(sheet: &Sheet, c: usize) -> f64 {
    let header = sheet.header.get(c).map_or(0, |h| text_width(h));
    let widest = sheet
        .rows
        .iter()
        .filter_map(|row| match row.get(c) {
            Some(Cell::Text(t)) => Some(text_width(t)),
            Some(Cell::Number(n)) => number_text(*n).map(|t| t.len()),
            Some(Cell::Percent(_)) => Some(6),
            _ => None,
        })
        .fold(header, usize::max);
    (widest as f64 + 2.0).clamp(AUTO_WIDTH_MIN, AUTO_WIDTH_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::zip::crc32;

    /// A ZIP reader for what [`Zip`] writes: checks the end record, every central directory
    /// entry against its local header, the stored method, sizes and CRC-32.
    fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
        let u32_at = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
        };
        let end = bytes.len() - 22;
        assert_eq!(u32_at(end), 0x0605_4b50, "end of central directory");
        let count = u16_at(end + 10);
        assert_eq!(u16_at(end + 8), count);
        let (size, mut at) = (u32_at(end + 12), u32_at(end + 16));
        assert_eq!(
            at + size,
            end,
            "central directory sits just before its end record"
        );
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(at), 0x0201_4b50, "central directory header");
            let (method, crc, csize, usize_) = (
                u16_at(at + 10),
                u32_at(at + 16),
                u32_at(at + 20),
                u32_at(at + 24),
            );
            let name_len = u16_at(at + 28);
            let extra = u16_at(at + 30) + u16_at(at + 32);
            let local = u32_at(at + 42);
            let name = std::str::from_utf8(&bytes[at + 46..at + 46 + name_len]).unwrap();
            at += 46 + name_len + extra;

            assert_eq!(method, 0, "stored");
            assert_eq!(csize, usize_);
            assert_eq!(u32_at(local), 0x0403_4b50, "local header of {name}");
            assert_eq!(u32_at(local + 14), crc);
            assert_eq!(u32_at(local + 18), csize);
            let local_name_len = u16_at(local + 26);
            let data_at = local + 30 + local_name_len + u16_at(local + 28);
            assert_eq!(
                &bytes[local + 30..local + 30 + local_name_len],
                name.as_bytes()
            );
            let data = bytes[data_at..data_at + csize].to_vec();
            assert_eq!(crc32(&data) as usize, crc, "CRC-32 of {name}");
            files.push((name.to_owned(), data));
        }
        files
    }

    /// An element of a parsed XML part.
    #[derive(Debug, Default)]
    struct Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Element>,
        text: String,
    }

    impl Element {
        fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }

        fn child(&self, name: &str) -> Option<&Element> {
            self.children.iter().find(|c| c.name == name)
        }

        fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
            self.children.iter().filter(move |c| c.name == name)
        }

        /// The element at a path of child names, e.g. `sheetViews/sheetView/pane`.
        fn at(&self, path: &str) -> &Element {
            path.split('/').fold(self, |e, name| {
                e.child(name)
                    .unwrap_or_else(|| panic!("no {name} in {}", e.name))
            })
        }
    }

    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            out.push_str(&rest[..at]);
            let end = rest[at..].find(';').expect("entity ends with ;") + at;
            let entity = &rest[at + 1..end];
            out.push(match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let n = entity.strip_prefix('#').expect("known entity");
                    let n = match n.strip_prefix('x') {
                        Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
                        None => n.parse().unwrap(),
                    };
                    char::from_u32(n).unwrap()
                }
            });
            rest = &rest[end + 1..];
        }
        assert!(!rest.contains(['<', '>']) || rest.is_empty());
        out.push_str(rest);
        out
    }

    /// A strict parser for the XML this module writes: one declaration, elements, attributes
    /// in double quotes, text, entities. Panics on anything malformed.
    fn parse_xml(xml: &str) -> Element {
        let body = xml
            .strip_prefix(XML_DECLARATION)
            .expect("starts with the XML declaration");
        assert!(
            body.chars().all(crate::report::xml_allowed),
            "only characters XML allows"
        );
        let mut stack = vec![Element::default()];
        let mut rest = body;
        while !rest.is_empty() {
            if let Some(tag) = rest.strip_prefix('<') {
                let end = tag.find('>').expect("tag ends");
                let inner = &tag[..end];
                rest = &tag[end + 1..];
                if let Some(name) = inner.strip_prefix('/') {
                    let done = stack.pop().unwrap();
                    assert_eq!(done.name, name, "closing tag matches");
                    stack.last_mut().unwrap().children.push(done);
                    continue;
                }
                let (inner, empty) = match inner.strip_suffix('/') {
                    Some(inner) => (inner, true),
                    None => (inner, false),
                };
                let name_end = inner.find(' ').unwrap_or(inner.len());
                let mut element = Element {
                    name: inner[..name_end].to_owned(),
                    ..Element::default()
                };
                let mut attrs = inner[name_end..].trim_start();
                while !attrs.is_empty() {
                    let eq = attrs.find("=\"").expect("attribute has =\"");
                    let value_end = attrs[eq + 2..].find('"').expect("value ends") + eq + 2;
                    let name = attrs[..eq].to_owned();
                    assert!(element.attr(&name).is_none(), "attribute {name} once");
                    let value = &attrs[eq + 2..value_end];
                    assert!(!value.contains(['<', '&']) || value.contains('&'));
                    element.attrs.push((name, unescape(value)));
                    attrs = attrs[value_end + 1..].trim_start();
                }
                if empty {
                    stack.last_mut().unwrap().children.push(element);
                } else {
                    stack.push(element);
                }
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                assert!(!rest[..end].contains('>'), "no bare > in text");
                stack.last_mut().unwrap().text += &unescape(&rest[..end]);
                rest = &rest[end..];
            }
        }
        assert_eq!(stack.len(), 1, "every element is closed");
        let mut document = stack.pop().unwrap();
        assert_eq!(document.children.len(), 1, "one root element");
        document.children.pop().unwrap()
    }

    /// Undoes Excel's `_xHHHH_` escape, as Excel and openpyxl do when reading.
    fn unescape_excel(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("_x") {
            out.push_str(&rest[..at]);
            let from = &rest[at..];
            let b = from.as_bytes();
            if b.len() >= 7 && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_' {
                let n = u32::from_str_radix(&from[2..6], 16).unwrap();
                out.push(char::from_u32(n).unwrap());
                rest = &from[7..];
            } else {
                out.push_str("_x");
                rest = &from[2..];
            }
        }
        out + rest
    }

    /// A read-back cell: `(reference, style, value)` with shared strings resolved.
    type ReadCell = (String, String, String);

    /// A read-back workbook: each sheet's name, parsed XML and cells.
    struct Book {
        parts: Vec<String>,
        content_types: Element,
        styles: Element,
        sheets: Vec<(String, Element, Vec<ReadCell>)>,
    }

    fn read(bytes: &[u8]) -> Book {
        let files = unzip(bytes);
        let part = |name: &str| {
            let (_, data) = files
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("part {name}"));
            parse_xml(std::str::from_utf8(data).expect("UTF-8"))
        };
        let strings: Vec<String> = if files.iter().any(|(n, _)| n == "xl/sharedStrings.xml") {
            part("xl/sharedStrings.xml")
                .all("si")
                .map(|si| unescape_excel(&si.at("t").text))
                .collect()
        } else {
            Vec::new()
        };
        let rels = part("xl/_rels/workbook.xml.rels");
        let workbook = part("xl/workbook.xml");
        let sheets = workbook
            .at("sheets")
            .all("sheet")
            .map(|sheet| {
                let id = sheet.attr("r:id").unwrap();
                let target = rels
                    .all("Relationship")
                    .find(|r| r.attr("Id") == Some(id))
                    .and_then(|r| r.attr("Target"))
                    .unwrap();
                let xml = part(&format!("xl/{target}"));
                let mut cells = Vec::new();
                for row in xml.at("sheetData").all("row") {
                    for c in row.all("c") {
                        let v = c.at("v").text.clone();
                        let value = if c.attr("t") == Some("s") {
                            strings[v.parse::<usize>().unwrap()].clone()
                        } else {
                            v
                        };
                        let r = c.attr("r").unwrap().to_owned();
                        assert!(r.ends_with(row.attr("r").unwrap()), "{r} in its row");
                        cells.push((r, c.attr("s").unwrap_or("0").to_owned(), value));
                    }
                }
                (sheet.attr("name").unwrap().to_owned(), xml, cells)
            })
            .collect();
        Book {
            parts: files.iter().map(|(n, _)| n.clone()).collect(),
            content_types: part("[Content_Types].xml"),
            styles: part("xl/styles.xml"),
            sheets,
        }
    }

    fn cell<'a>(cells: &'a [ReadCell], r: &str) -> Option<&'a str> {
        cells
            .iter()
            .find(|(at, _, _)| at == r)
            .map(|(_, _, v)| v.as_str())
    }

    fn summary_and_area() -> Vec<Sheet> {
        vec![
            Sheet {
                name: "汇总".into(),
                header: vec!["领域".into(), "任务数".into(), "完成率".into()],
                rows: vec![
                    vec!["一、落实食品安全责任".into(), 7.into(), Cell::Percent(0.5)],
                    vec!["二、风险防控".into(), 12.into(), Cell::Percent(1.0 / 3.0)],
                ],
                widths: vec![30.0],
            },
            Sheet {
                name: "一、落实食品安全责任".into(),
                header: vec!["序号".into(), "任务".into(), "备注".into()],
                rows: vec![
                    vec![
                        1.into(),
                        "压实属地管理责任".into(),
                        "第一行\r\n第二行 & <b> \"引号\"".into(),
                    ],
                    vec![2.into(), Cell::Empty, "=SUM(A1:A2)".into()],
                ],
                widths: vec![],
            },
        ]
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn column_names_go_past_z() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(
            names,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
    }

    #[test]
    fn the_package_has_every_part_with_its_content_type() {
        let book = read(&workbook(&summary_and_area()));
        assert_eq!(
            book.parts,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/sharedStrings.xml",
                "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml",
            ]
        );
        let mut overrides: Vec<&str> = book
            .content_types
            .all("Override")
            .map(|o| o.attr("PartName").unwrap())
            .collect();
        let xml_parts: Vec<String> = book.parts[1..]
            .iter()
            .filter(|p| !p.ends_with(".rels"))
            .map(|p| format!("/{p}"))
            .collect();
        overrides.sort_unstable();
        let mut xml_parts: Vec<&str> = xml_parts.iter().map(String::as_str).collect();
        xml_parts.sort_unstable();
        assert_eq!(overrides, xml_parts);
    }

    #[test]
    fn sheets_keep_their_names_cells_and_chinese_text() {
        let book = read(&workbook(&summary_and_area()));
        let names: Vec<&str> = book.sheets.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["汇总", "一、落实食品安全责任"]);

        let summary = &book.sheets[0].2;
        assert_eq!(cell(summary, "A1"), Some("领域"));
        assert_eq!(cell(summary, "C1"), Some("完成率"));
        assert_eq!(cell(summary, "A2"), Some("一、落实食品安全责任"));
        assert_eq!(cell(summary, "B3"), Some("12"));
        assert_eq!(cell(summary, "C2"), Some("0.5"));
        assert_eq!(summary.len(), 9);

        let area = &book.sheets[1].2;
        assert_eq!(cell(area, "B2"), Some("压实属地管理责任"));
        assert_eq!(
            cell(area, "C2"),
            Some("第一行\n第二行 & <b> \"引号\""),
            "CRLF becomes Excel's LF"
        );
        assert_eq!(cell(area, "B3"), None, "an empty cell is left out");
        assert_eq!(
            cell(area, "C3"),
            Some("=SUM(A1:A2)"),
            "text stays text, not a formula"
        );
        assert!(
            book.sheets[1]
                .1
                .at("sheetData")
                .all("row")
                .all(|r| r.all("c").all(|c| c.child("f").is_none()))
        );
    }

    #[test]
    fn the_header_is_bold_wrapped_and_frozen() {
        let book = read(&workbook(&summary_and_area()));
        let xfs: Vec<&Element> = book.styles.at("cellXfs").all("xf").collect();
        let fonts: Vec<&Element> = book.styles.at("fonts").all("font").collect();
        for (_, xml, cells) in &book.sheets {
            let pane = xml.at("sheetViews/sheetView/pane");
            assert_eq!(pane.attr("ySplit"), Some("1"));
            assert_eq!(pane.attr("topLeftCell"), Some("A2"));
            assert_eq!(pane.attr("state"), Some("frozen"));
            assert_eq!(pane.attr("xSplit"), None);
            for (r, style, _) in cells {
                let xf = xfs[style.parse::<usize>().unwrap()];
                let font = fonts[xf.attr("fontId").unwrap().parse::<usize>().unwrap()];
                let is_header = r.ends_with('1') && r.len() == 2;
                assert_eq!(font.child("b").is_some(), is_header, "{r} bold");
                if is_header {
                    assert_eq!(xf.at("alignment").attr("wrapText"), Some("1"), "{r}");
                }
            }
        }
        // The note column of the area sheet wraps.
        let (_, _, area) = &book.sheets[1];
        let (_, style, _) = area.iter().find(|(r, _, _)| r == "C2").unwrap();
        let xf = xfs[style.parse::<usize>().unwrap()];
        assert_eq!(xf.at("alignment").attr("wrapText"), Some("1"));
        // The first sheet is the selected one.
        assert_eq!(
            book.sheets[0]
                .1
                .at("sheetViews/sheetView")
                .attr("tabSelected"),
            Some("1")
        );
        assert_eq!(
            book.sheets[1]
                .1
                .at("sheetViews/sheetView")
                .attr("tabSelected"),
            None
        );
    }

    #[test]
    fn numbers_are_numbers_and_percentages_have_a_percent_format() {
        let book = read(&workbook(&summary_and_area()));
        let xfs: Vec<&Element> = book.styles.at("cellXfs").all("xf").collect();
        let (_, xml, _) = &book.sheets[0];
        let c2 = xml
            .at("sheetData")
            .all("row")
            .nth(1)
            .unwrap()
            .all("c")
            .nth(2)
            .unwrap();
        assert_eq!(c2.attr("r"), Some("C2"));
        assert_eq!(c2.attr("t"), None, "a number has no type");
        let xf = xfs[c2.attr("s").unwrap().parse::<usize>().unwrap()];
        let id = xf.attr("numFmtId").unwrap();
        let format = book
            .styles
            .at("numFmts")
            .all("numFmt")
            .find(|f| f.attr("numFmtId") == Some(id))
            .unwrap();
        assert_eq!(format.attr("formatCode"), Some("0.0%"));
        let b2 = xml
            .at("sheetData")
            .all("row")
            .nth(1)
            .unwrap()
            .all("c")
            .nth(1)
            .unwrap();
        assert_eq!((b2.attr("t"), b2.at("v").text.as_str()), (None, "7"));
    }

    #[test]
    fn columns_get_the_given_or_a_content_width() {
        let book = read(&workbook(&summary_and_area()));
        let widths = |sheet: usize| -> Vec<f64> {
            book.sheets[sheet]
                .1
                .at("cols")
                .all("col")
                .map(|c| c.attr("width").unwrap().parse().unwrap())
                .collect()
        };
        // Given 30; "任务数" is 6 columns + 2; "完成率" the same.
        assert_eq!(widths(0), [30.0, 8.0, 8.0]);
        // "序号" 4 + 2 → the minimum 6; the task 16 + 2; the note's longest line 19 + 2.
        assert_eq!(widths(1), [6.0, 18.0, 21.0]);
        let long = Sheet {
            header: vec!["x".repeat(200)],
            ..Sheet::default()
        };
        let book = read(&workbook(&[long]));
        let col = book.sheets[0]
            .1
            .at("cols/col")
            .attr("width")
            .unwrap()
            .to_owned();
        assert_eq!(col, "50");
    }

    #[test]
    fn markup_and_forbidden_characters_in_text_and_names_are_safe() {
        let sheet = Sheet {
            name: "A&B <c>".into(),
            header: vec!["a\u{0}b\u{1F}c\u{FFFE}".into()],
            rows: vec![vec![
                "]]></t><t>&amp;".into(),
                "_x0041_ stays".into(),
                "tab\there".into(),
                "😀 emoji".into(),
            ]],
            widths: vec![],
        };
        let book = read(&workbook(&[sheet]));
        let (name, _, cells) = &book.sheets[0];
        assert_eq!(name, "A&B <c>");
        assert_eq!(cell(cells, "A1"), Some("abc"));
        assert_eq!(cell(cells, "A2"), Some("]]></t><t>&amp;"));
        assert_eq!(cell(cells, "B2"), Some("_x0041_ stays"));
        assert_eq!(cell(cells, "C2"), Some("tab\there"));
        assert_eq!(cell(cells, "D2"), Some("😀 emoji"));
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let names = sheet_names([
            "汇总",
            "a[b]c:d*e?f/g\\h",
            "'quoted'",
            "",
            "汇总",
            "汇总",
            "Summary",
            "SUMMARY",
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四",
            "history",
            "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
            "tab\there",
        ]);
        assert_eq!(
            names,
            [
                "汇总",
                "a_b_c_d_e_f_g_h",
                "quoted",
                "Sheet4",
                "汇总 (2)",
                "汇总 (3)",
                "Summary",
                "SUMMARY (2)",
                "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
                "一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)",
                "Sheet11",
                "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
                "tab_here",
            ]
        );
        for name in &names {
            assert!(name.encode_utf16().count() <= SHEET_NAME_MAX, "{name}");
            assert!(
                !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{name}"
            );
        }
    }

    #[test]
    fn no_sheets_still_make_a_workbook_and_empty_sheets_are_not_frozen() {
        let book = read(&workbook(&[]));
        assert_eq!(
            book.parts,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/worksheets/sheet1.xml",
            ],
            "no shared strings part without text"
        );
        assert_eq!(book.sheets.len(), 1);
        assert_eq!(book.sheets[0].0, "Sheet1");
        assert!(book.sheets[0].2.is_empty());
        let view = book.sheets[0].1.at("sheetViews/sheetView");
        assert!(view.child("pane").is_none());
        let rows_only = Sheet {
            name: "rows".into(),
            rows: vec![vec!["x".into()]],
            ..Sheet::default()
        };
        let book = read(&workbook(&[rows_only]));
        assert!(
            book.sheets[0]
                .1
                .at("sheetViews/sheetView")
                .child("pane")
                .is_none()
        );
        assert_eq!(cell(&book.sheets[0].2, "A1"), Some("x"));
    }

    #[test]
    fn shared_strings_are_shared_and_output_is_deterministic() {
        let sheets = summary_and_area();
        let bytes = workbook(&sheets);
        assert_eq!(bytes, workbook(&sheets));
        let repeated = Sheet {
            header: vec!["单位".into()],
            rows: vec![vec!["区市场监管局".into()]; 3],
            ..Sheet::default()
        };
        let files = unzip(&workbook(&[repeated]));
        let sst = &files
            .iter()
            .find(|(n, _)| n == "xl/sharedStrings.xml")
            .unwrap()
            .1;
        let sst = parse_xml(std::str::from_utf8(sst).unwrap());
        assert_eq!(sst.attr("count"), Some("4"));
        assert_eq!(sst.attr("uniqueCount"), Some("2"));
        let unique: Vec<&str> = sst.all("si").map(|si| si.at("t").text.as_str()).collect();
        assert_eq!(unique, ["单位", "区市场监管局"]);
    }
}

/// Checks with real readers: `cargo test -- --ignored opens_in_`. Needs `python3` with
/// `openpyxl` (`pip install openpyxl`) and LibreOffice (`apt-get install
/// libreoffice-calc-nogui`), so it is not part of the default run.
#[cfg(test)]
mod readers {
    use super::*;
    use serde_json::Value;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    const NOTE: &str = "第一行，含逗号\r\n第二行 \"引号\" & <标签>\n_x0041_ 保持原样";

    fn book() -> Vec<Sheet> {
        let mut sheets = vec![Sheet {
            name: "汇总".into(),
            header: vec!["领域".into(), "任务数".into(), "完成率".into()],
            rows: vec![
                vec!["一、落实食品安全责任".into(), 7.into(), Cell::Percent(0.5)],
                vec!["二、风险防控".into(), 12.into(), Cell::Percent(1.0 / 3.0)],
            ],
            widths: vec![],
        }];
        for name in [
            "一、落实食品安全党政同责，压实各方责任（含属地管理责任和部门监管责任）",
            "二、风险防控: [重点]/专项?",
            "二、风险防控: [重点]/专项?",
        ] {
            sheets.push(Sheet {
                name: name.into(),
                header: vec!["序号".into(), "任务".into(), "备注".into()],
                rows: vec![
                    vec![1.into(), "压实属地管理责任".into(), NOTE.into()],
                    vec![2.5.into(), Cell::Empty, "=SUM(A1:A2)".into()],
                    vec![3.into(), "😀 emoji".into(), "-1".into()],
                ],
                widths: vec![6.0, 30.0],
            });
        }
        sheets
    }

    /// A fresh directory for one test's files.
    fn dir(test: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("duty-ledger-xlsx-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// What openpyxl sees in the file, as printed by `tests/web/tools/check_xlsx.py`.
    fn openpyxl(path: &Path) -> Value {
        let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web/tools/check_xlsx.py");
        let json = run(Command::new("python3")
            .arg(tool)
            .arg(path)
            .args(["--rows", "4"]));
        serde_json::from_str(&json).unwrap()
    }

    fn run(command: &mut Command) -> String {
        let out = command.output().expect("the reader runs");
        assert!(
            out.status.success(),
            "{command:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn expected_names() -> Vec<String> {
        sheet_names(book().iter().map(|s| s.name.as_str()))
    }

    #[test]
    fn opens_in_openpyxl_with_names_frozen_header_and_wrap() {
        let dir = dir("openpyxl");
        let path = dir.join("book.xlsx");
        std::fs::write(&path, workbook(&book())).unwrap();
        let seen = openpyxl(&path);
        let sheets = seen["sheets"].as_array().unwrap();
        let names: Vec<&str> = sheets.iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, expected_names());
        assert_eq!(seen["active"], "汇总");
        for sheet in sheets {
            assert_eq!(sheet["freeze_panes"], "A2", "{}", sheet["name"]);
            assert_eq!(sheet["bold"][0], serde_json::json!([true, true, true]));
            assert_eq!(sheet["bold"][1], serde_json::json!([false, false, false]));
            assert!(
                sheet["wrap"][0]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|b| b == true)
            );
        }
        let summary = &sheets[0];
        assert_eq!(
            summary["rows"][0],
            serde_json::json!(["领域", "任务数", "完成率"])
        );
        assert_eq!(
            summary["rows"][1],
            serde_json::json!(["一、落实食品安全责任", 7, 0.5])
        );
        assert_eq!(summary["number_format"][1][2], "0.0%");
        assert_eq!(summary["rows"][2][2].as_f64().unwrap(), 0.333333);
        let area = &sheets[1];
        assert_eq!(area["column_widths"]["A"], 6.0);
        assert_eq!(area["column_widths"]["B"], 30.0);
        let expected_note = NOTE.replace("\r\n", "\n");
        assert_eq!(
            area["rows"][1],
            serde_json::json!([1, "压实属地管理责任", expected_note])
        );
        assert_eq!(area["wrap"][1][2], true);
        assert_eq!(
            area["rows"][2],
            serde_json::json!([2.5, null, "=SUM(A1:A2)"])
        );
        assert_eq!(area["rows"][3], serde_json::json!([3, "😀 emoji", "-1"]));

        let empty = dir.join("empty.xlsx");
        std::fs::write(&empty, workbook(&[])).unwrap();
        let seen = openpyxl(&empty);
        assert_eq!(seen["sheets"][0]["name"], "Sheet1");
        assert_eq!(seen["sheets"][0]["freeze_panes"], Value::Null);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
