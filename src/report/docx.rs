//! A minimal Word (.docx, WordprocessingML) writer: a title, headings, paragraphs with line
//! breaks, and tables with a repeated bold header row and cell borders, on A4 paper. The
//! package is the same stored ZIP as the XLSX writer's (`report::zip`): four parts
//! (`[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `word/styles.xml`, and the
//! document's relationships). Deterministic: the same blocks give the same bytes.
//!
//! Chinese text is set in the East Asian font the reader has for 宋体 (`SimSun`), Latin in
//! its default; headings use Word's built-in style names (`Title`, `Heading1`, `Heading2`), so
//! Word's navigation pane and python-docx see them.

use std::fmt::Write as _;

use super::push_xml_escaped;
use super::zip::Zip;

/// The MIME type of a .docx file, for a download.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The text width of an A4 page with 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 11906 - 2 * 1418;

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title (style `Title`).
    Title(String),
    /// A heading of level 1 or 2 (styles `Heading1`, `Heading2`).
    Heading(u8, String),
    /// A paragraph; each line break of the text is a line break in Word.
    Paragraph(String),
    /// A table: the header row (bold, repeated on every page) and the rows; `widths` are the
    /// columns' shares of the page width (any positive numbers; missing ones count 1).
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<u32>,
    },
    /// The next block starts a new page.
    PageBreak,
}

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="SimSun"/><w:sz w:val="22"/>"#,
    r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>"#,
    r#"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>"#,
    r#"<w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>"#,
    r#"<w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>"#,
    r#"<w:pPr><w:keepNext/><w:spacing w:before="180"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>"#,
    r#"</w:styles>"#
);

/// Appends one run of text, each line break a `<w:br/>`.
fn push_runs(out: &mut String, text: &str, bold: bool) {
    out.push_str("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str("<w:t xml:space=\"preserve\">");
        push_xml_escaped(out, line.trim_end_matches('\r'));
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

fn push_paragraph(out: &mut String, style: Option<&str>, text: &str, bold: bool) {
    out.push_str("<w:p>");
    if let Some(style) = style {
        let _ = write!(out, "<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>");
    }
    if !text.is_empty() {
        push_runs(out, text, bold);
    }
    out.push_str("</w:p>");
}

fn push_table(out: &mut String, header: &[String], rows: &[Vec<String>], widths: &[u32]) {
    let columns = rows
        .iter()
        .map(Vec::len)
        .fold(header.len(), usize::max)
        .max(1);
    let weight = |c: usize| widths.get(c).copied().filter(|w| *w > 0).unwrap_or(1);
    let total: u32 = (0..columns).map(weight).sum();
    let twips: Vec<u32> = (0..columns)
        .map(|c| TEXT_WIDTH * weight(c) / total)
        .collect();
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        );
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for w in &twips {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let mut row = |cells: &[String], head: bool| {
        out.push_str("<w:tr>");
        if head {
            out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for (c, w) in twips.iter().enumerate() {
            let _ = write!(
                out,
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>"
            );
            push_paragraph(out, None, cells.get(c).map_or("", String::as_str), head);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    };
    if !header.is_empty() {
        row(header, true);
    }
    for cells in rows {
        row(cells, false);
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between a table and what follows.
    push_paragraph(out, None, "", false);
}

/// The document as the bytes of a .docx file.
pub fn document(blocks: &[Block]) -> Vec<u8> {
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Title(text) => push_paragraph(&mut body, Some("Title"), text, false),
            Block::Heading(level, text) => {
                let style = if *level <= 1 { "Heading1" } else { "Heading2" };
                push_paragraph(&mut body, Some(style), text, false);
            }
            Block::Paragraph(text) => push_paragraph(&mut body, None, text, false),
            Block::Table {
                header,
                rows,
                widths,
            } => push_table(&mut body, header, rows, widths),
            Block::PageBreak => body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
    let document = format!(
        "{XML_DECLARATION}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{REL_NS}\"><w:body>{body}\
         <w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1418\" w:bottom=\"1440\" w:left=\"1418\" \
         w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let content_types = format!(
        "{XML_DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
         </Types>"
    );
    let root_rels = format!(
        "{XML_DECLARATION}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"word/document.xml\"/>\
         </Relationships>"
    );
    let document_rels = format!(
        "{XML_DECLARATION}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>\
         </Relationships>"
    );
    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", content_types.as_bytes());
    zip.add("_rels/.rels", root_rels.as_bytes());
    zip.add("word/document.xml", document.as_bytes());
    zip.add("word/_rels/document.xml.rels", document_rels.as_bytes());
    zip.add("word/styles.xml", STYLES.as_bytes());
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored entries' names and texts (stored means the bytes are the text itself).
    fn entries(bytes: &[u8]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut at = 0;
        while bytes[at..].starts_with(&[0x50, 0x4b, 0x03, 0x04]) {
            let u16_at = |i: usize| usize::from(u16::from_le_bytes([bytes[i], bytes[i + 1]]));
            let u32_at = |i: usize| {
                u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize
            };
            assert_eq!(u16_at(at + 8), 0, "stored");
            let size = u32_at(at + 18);
            let name_len = u16_at(at + 26);
            let name = String::from_utf8(bytes[at + 30..at + 30 + name_len].to_vec()).unwrap();
            let start = at + 30 + name_len + u16_at(at + 28);
            let data = &bytes[start..start + size];
            assert_eq!(crate::report::zip::crc32(data) as usize, u32_at(at + 14));
            out.push((name, String::from_utf8(data.to_vec()).unwrap()));
            at = start + size;
        }
        out
    }

    #[test]
    fn a_document_has_its_parts_and_escaped_text() {
        let bytes = document(&[
            Block::Title("年度总结 <全区>".into()),
            Block::Heading(1, "一、食品安全".into()),
            Block::Paragraph("第一行\n第二行 & more".into()),
            Block::Table {
                header: vec!["单位".into(), "总结".into()],
                rows: vec![vec!["区教育局".into(), "完成\n100%".into()]],
                widths: vec![1, 3],
            },
            Block::PageBreak,
        ]);
        let parts = entries(&bytes);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "word/document.xml",
                "word/_rels/document.xml.rels",
                "word/styles.xml"
            ]
        );
        let doc = &parts[2].1;
        assert!(doc.contains("年度总结 &lt;全区&gt;"));
        assert!(doc.contains("<w:pStyle w:val=\"Heading1\"/>"));
        assert!(doc.contains("第一行</w:t><w:br/><w:t xml:space=\"preserve\">第二行 &amp; more"));
        assert!(doc.contains("<w:tblHeader/>"));
        // Widths 1 : 3 of the text width.
        assert!(doc.contains(&format!("<w:gridCol w:w=\"{}\"/>", TEXT_WIDTH / 4)));
        assert!(doc.contains("<w:br w:type=\"page\"/>"));
        assert_eq!(document(&[]), document(&[]), "deterministic");
    }
}
