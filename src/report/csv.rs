//! CSV that Excel opens correctly with Chinese text: UTF-8 with a byte order mark, CRLF after
//! every record, RFC 4180 quoting, and a guard against formula injection.

use super::{Cell, Sheet, number_text, percent_text};

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: char = '\u{FEFF}';

/// The sheet as CSV text: [`BOM`], the header record (when the header is not empty), then one
/// record per row, each ending in CRLF. Every record has [`Sheet::column_count`] fields (short
/// rows are padded with empty fields). The sheet name is not written.
pub fn to_csv(sheet: &Sheet) -> String {
    let columns = sheet.column_count();
    let mut out = String::new();
    out.push(BOM);
    if !sheet.header.is_empty() {
        let header: Vec<Cell> = sheet
            .header
            .iter()
            .map(|h| Cell::from(h.as_str()))
            .collect();
        push_record(&mut out, &header, columns);
    }
    for row in &sheet.rows {
        push_record(&mut out, row, columns);
    }
    out
}

fn push_record(out: &mut String, row: &[Cell], columns: usize) {
    for i in 0..columns {
        if i > 0 {
            out.push(',');
        }
        match row.get(i) {
            None | Some(Cell::Empty) => {}
            Some(Cell::Text(text)) => push_text(out, text),
            Some(Cell::Number(n)) => out.push_str(&number_text(*n).unwrap_or_default()),
            Some(Cell::Percent(p)) => out.push_str(&percent_text(*p).unwrap_or_default()),
        }
    }
    out.push_str("\r\n");
}

/// Whether a spreadsheet could read text starting with this character as a formula.
fn starts_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

fn push_text(out: &mut String, text: &str) {
    let guard = if starts_formula(text) { "'" } else { "" };
    if text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(guard);
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(guard);
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A strict RFC 4180 reader: records end in CRLF; a quoted field may hold anything, with
    /// quotes doubled. Panics on anything else, so a writing mistake fails the test.
    fn parse(csv: &str) -> Vec<Vec<String>> {
        let body = csv.strip_prefix(BOM).expect("starts with the BOM");
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut chars = body.chars().peekable();
        let mut at_field_start = true;
        while let Some(c) = chars.next() {
            match c {
                '"' if at_field_start => {
                    loop {
                        match chars.next().expect("quoted field is closed") {
                            '"' if chars.peek() == Some(&'"') => {
                                chars.next();
                                field.push('"');
                            }
                            '"' => break,
                            c => field.push(c),
                        }
                    }
                    assert!(
                        matches!(chars.peek(), Some(',' | '\r')),
                        "a closing quote ends the field"
                    );
                    at_field_start = false;
                }
                ',' => {
                    record.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "CR is followed by LF");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                    at_field_start = true;
                }
                c => {
                    assert!(c != '"' && c != '\n', "bare {c:?} inside an unquoted field");
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        assert!(
            record.is_empty() && field.is_empty(),
            "the last record ends in CRLF"
        );
        records
    }

    fn sheet(header: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: "表".into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
            widths: vec![],
        }
    }

    #[test]
    fn starts_with_the_bom_and_ends_records_with_crlf() {
        let csv = to_csv(&sheet(
            &["序号", "任务"],
            vec![vec![1.into(), "建立台账".into()]],
        ));
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(csv, "\u{FEFF}序号,任务\r\n1,建立台账\r\n");
    }

    #[test]
    fn quotes_commas_quotes_and_line_breaks_in_chinese_text() {
        let tricky = [
            "区市场监管局，区卫生健康局",
            "区市场监管局,区卫生健康局",
            "所谓\"双随机\"抽查",
            "第一行\r\n第二行",
            "只有换行\n结束",
            "只有回车\r结束",
            "\"",
            "",
            "普通文字",
        ];
        let rows = tricky
            .iter()
            .map(|t| vec![Cell::from(*t), 7.into()])
            .collect();
        let csv = to_csv(&sheet(&["备注", "数"], rows));
        assert!(csv.contains("\"所谓\"\"双随机\"\"抽查\""));
        assert!(csv.contains("\"第一行\r\n第二行\""));
        assert!(
            csv.contains("\r\n区市场监管局，区卫生健康局,7\r\n"),
            "full-width comma needs no quotes"
        );
        assert!(csv.contains("\r\n普通文字,7\r\n"));
        let records = parse(&csv);
        assert_eq!(records.len(), tricky.len() + 1);
        assert_eq!(records[0], ["备注", "数"]);
        for (record, text) in records[1..].iter().zip(tricky) {
            assert_eq!(record, &[text, "7"]);
        }
    }

    #[test]
    fn guards_text_that_a_spreadsheet_would_run_as_a_formula() {
        let texts = [
            "=1+1",
            "+86 755",
            "-5",
            "@SUM(A1)",
            "\tindent",
            "\rcr",
            "=HYPERLINK(\"http://x\",\"点我\")",
            "a=b",
            " =1",
            "'already",
        ];
        let rows = texts.iter().map(|t| vec![Cell::from(*t)]).collect();
        let records = parse(&to_csv(&sheet(&["-标题"], rows)));
        let fields: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            fields,
            [
                "'-标题",
                "'=1+1",
                "'+86 755",
                "'-5",
                "'@SUM(A1)",
                "'\tindent",
                "'\rcr",
                "'=HYPERLINK(\"http://x\",\"点我\")",
                "a=b",
                " =1",
                "'already",
            ]
        );
    }

    #[test]
    fn numbers_are_written_as_numbers_without_a_guard() {
        let rows = vec![vec![
            Cell::Number(-5.0),
            Cell::Number(0.25),
            Cell::Number(58.0),
            Cell::Number(-0.0),
            Cell::Number(f64::NAN),
            Cell::Percent(0.5),
            Cell::Percent(1.0 / 3.0),
            Cell::Percent(f64::INFINITY),
        ]];
        let csv = to_csv(&sheet(&[], rows));
        assert_eq!(csv, "\u{FEFF}-5,0.25,58,0,,50%,33.3%,\r\n");
    }

    #[test]
    fn every_record_has_the_same_number_of_fields() {
        let rows = vec![
            vec![],
            vec![Cell::Empty, "b".into()],
            vec!["a".into(), Cell::Empty, Cell::Empty, "d".into()],
        ];
        let csv = to_csv(&sheet(&["一", "二"], rows));
        let records = parse(&csv);
        assert_eq!(records.len(), 4);
        assert!(records.iter().all(|r| r.len() == 4), "{records:?}");
        assert_eq!(records[0], ["一", "二", "", ""]);
        assert_eq!(records[1], ["", "", "", ""]);
        assert_eq!(records[2], ["", "b", "", ""]);
        assert_eq!(records[3], ["a", "", "", "d"]);
    }

    #[test]
    fn an_empty_sheet_is_only_the_bom() {
        assert_eq!(to_csv(&Sheet::default()), "\u{FEFF}");
        assert!(parse(&to_csv(&Sheet::default())).is_empty());
    }
}
