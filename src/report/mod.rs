//! Report building blocks over plain data, with no browser types and no ledger types:
//! [`csv`] (a CSV file Excel opens with Chinese text intact), [`xlsx`] (a small XLSX workbook
//! writer of our own; `rust_xlsxwriter` alone would cost more than the whole size budget) and
//! [`chart`] (a horizontal bar chart as an accessible SVG string).
//!
//! A table is a [`Sheet`]: a name, a header row and rows of [`Cell`]s. Every writer is
//! deterministic: the same input gives the same bytes.

pub(crate) use crate::i18n::decimal;

pub mod annual;
pub mod chart;
pub mod csv;
pub mod docx;
pub mod meeting;
pub mod progress_report;
pub mod submissions;
pub mod xlsx;
pub(crate) mod zip;

/// One value in a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, written as text (never as a formula).
    Text(String),
    /// A number, written as a number. A non-finite number is written as an empty cell.
    Number(f64),
    /// A fraction (`0.5` is 50 %), shown as a percentage with at most one decimal. A
    /// non-finite value is written as an empty cell.
    Percent(f64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(number: f64) -> Self {
        Cell::Number(number)
    }
}

impl From<u32> for Cell {
    fn from(number: u32) -> Self {
        Cell::Number(f64::from(number))
    }
}

/// A table: one CSV file or one worksheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The worksheet name (the XLSX writer makes it valid and unique; CSV ignores it).
    pub name: String,
    /// The header row; in XLSX it is bold and frozen.
    pub header: Vec<String>,
    /// The data rows. Rows may be shorter or longer than the header.
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in Excel's units (about one Latin character each). A column without an
    /// entry here gets a width from its content.
    pub widths: Vec<f64>,
}

impl Sheet {
    /// The number of columns: the longest of the header and every row.
    pub fn column_count(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .fold(self.header.len(), usize::max)
    }
}

/// A fraction as percentage text with at most one decimal: `0.5` → `50%`, `1.0 / 3.0` →
/// `33.3%`. `None` for a non-finite value.
pub fn percent_text(fraction: f64) -> Option<String> {
    decimal(fraction * 100.0, 1).map(|p| p + "%")
}

/// A number as plain decimal text (`2`, `0.25`, `-3.5`) with at most six decimals and 15
/// significant digits. `None` for a non-finite value or one of 2⁶³ or more in size (far beyond
/// anything a ledger counts).
pub(crate) fn number_text(number: f64) -> Option<String> {
    let mut whole_digits = 1;
    let mut whole = number.abs().trunc();
    while whole >= 10.0 && whole_digits < 15 {
        whole /= 10.0;
        whole_digits += 1;
    }
    decimal(number, (15 - whole_digits).min(6))
}

/// Whether XML 1.0 allows the character (Rust `char`s are never surrogates).
pub(crate) fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Appends `text` to `out` escaped for XML text and attribute values, dropping characters that
/// XML 1.0 forbids.
pub(crate) fn push_xml_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // An attribute value would turn these into spaces; keep them.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if xml_allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// How many columns of a monospaced grid the character takes: 2 for CJK and full-width
/// characters, 1 otherwise (a close enough guess for column widths and label space).
pub(crate) fn char_width(c: char) -> usize {
    let wide = matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}');
    if wide { 2 } else { 1 }
}

/// The width of the widest line of `text`, in [`char_width`] columns.
pub(crate) fn text_width(text: &str) -> usize {
    text.lines()
        .map(|line| line.chars().map(char_width).sum())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_text_rounds_to_one_decimal_and_drops_a_zero_decimal() {
        assert_eq!(percent_text(0.0).as_deref(), Some("0%"));
        assert_eq!(percent_text(0.5).as_deref(), Some("50%"));
        assert_eq!(percent_text(1.0).as_deref(), Some("100%"));
        assert_eq!(percent_text(1.0 / 3.0).as_deref(), Some("33.3%"));
        assert_eq!(percent_text(2.0 / 3.0).as_deref(), Some("66.7%"));
        assert_eq!(percent_text(0.0004).as_deref(), Some("0%"));
        assert_eq!(percent_text(-0.125).as_deref(), Some("-12.5%"));
        assert_eq!(percent_text(f64::NAN), None);
        assert_eq!(percent_text(f64::INFINITY), None);
    }

    #[test]
    fn number_text_is_plain_decimal() {
        let cases = [
            (2.0, "2"),
            (58.0, "58"),
            (0.25, "0.25"),
            (0.1, "0.1"),
            (-3.5, "-3.5"),
            (-0.0, "0"),
            (1.0 / 3.0, "0.333333"),
            (2.0 / 3.0, "0.666667"),
            (0.000_000_4, "0"),
            (-0.000_000_4, "0"),
            (0.000_001, "0.000001"),
            (1_234_567.125, "1234567.125"),
            (123_456_789_012.5, "123456789012.5"),
            (1e15 + 2.0, "1000000000000002"),
            (9e18, "9000000000000000000"),
            (-9e18, "-9000000000000000000"),
        ];
        for (number, text) in cases {
            assert_eq!(number_text(number).as_deref(), Some(text), "{number:e}");
        }
        assert_eq!(number_text(1e19), None);
        assert_eq!(number_text(f64::NAN), None);
        assert_eq!(number_text(f64::NEG_INFINITY), None);
    }

    #[test]
    fn decimal_rounds_and_trims() {
        assert_eq!(decimal(12.0, 2).as_deref(), Some("12"));
        assert_eq!(decimal(12.345, 2).as_deref(), Some("12.35"));
        assert_eq!(decimal(12.3, 2).as_deref(), Some("12.3"));
        assert_eq!(decimal(-0.05, 1).as_deref(), Some("-0.1"));
        assert_eq!(decimal(-0.04, 1).as_deref(), Some("0"));
        assert_eq!(decimal(7.0, 0).as_deref(), Some("7"));
    }

    #[test]
    fn xml_escaping_covers_markup_and_drops_forbidden_characters() {
        let mut out = String::new();
        push_xml_escaped(
            &mut out,
            "a<b>&\"c'\u{0}\u{1}\u{B}\u{FFFE}\u{FFFF}d\t\n食品😀",
        );
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&apos;d&#9;&#10;食品😀");
    }

    #[test]
    fn cjk_characters_count_double() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("区食安办"), 8);
        assert_eq!(text_width("ab\n食品安全"), 8);
        assert_eq!(text_width(""), 0);
    }

    #[test]
    fn column_count_is_the_widest_row() {
        let sheet = Sheet {
            header: vec!["a".into()],
            rows: vec![vec![], vec![Cell::Empty, Cell::Empty, Cell::Empty]],
            ..Sheet::default()
        };
        assert_eq!(sheet.column_count(), 3);
    }
}
