//! Reading responsibility tables from each input (text export, clipboard HTML and TSV, .docx):
//! every problem the reader reports, triggered on purpose; the 2026 test table read the same
//! from every input; the 2023 seed and its .docx giving today's plan.

#![cfg(not(target_arch = "wasm32"))] // reads fixture files; proptest runs natively

use std::time::Instant;

use duty_ledger::plan::source::{
    self, ArtefactKind, Column, Place, Severity, SourceProblem, SourceReport, SourceTable, docx,
    html, text, tsv,
};
use duty_ledger::plan::{SEED_TEXT, UnitId, plan};

fn known(name: &str) -> bool {
    UnitId::from_name(name).is_some()
}

#[test]
fn the_2023_seed_gives_todays_plan() {
    let report = text::read(SEED_TEXT).checked(known);
    let table = &report.table;
    assert_eq!(table.title, plan().title);
    assert_eq!(table.rows.len(), 58);
    assert_eq!(table.areas.len(), 9);
    same_as_todays_plan(table);
    assert_eq!(
        report.problems,
        [
            SourceProblem::Artefact {
                at: Place::Cell {
                    row: 11,
                    column: Column::Lead
                },
                kind: ArtefactKind::Bookmark,
                count: 1
            },
            SourceProblem::RepeatedNumber {
                row: 52,
                number: "48".into(),
                first_row: 48
            },
        ]
    );
    assert!(!report.has_errors());
}

fn same_as_todays_plan(table: &SourceTable) {
    let plan = plan();
    let headings: Vec<&str> = table.areas.iter().map(|a| a.heading.as_str()).collect();
    let expected: Vec<&str> = plan.areas.iter().map(|a| a.heading.as_str()).collect();
    assert_eq!(headings, expected);
    for (row, task) in table.rows.iter().zip(&plan.tasks) {
        assert_eq!(row.printed_number, task.printed_number);
        assert_eq!(row.measure, task.measure, "row {}", row.row);
        assert_eq!(row.area, plan.area(task.area).unwrap().heading);
        let units: Vec<(String, _, &str)> = row
            .lead
            .iter()
            .chain(&row.cooperating)
            .map(|u| (u.name.clone(), u.role, u.wording))
            .collect();
        let expected: Vec<(String, _, &str)> = task
            .assignments
            .iter()
            .map(|a| (a.unit.name().to_string(), a.role, a.wording))
            .collect();
        assert_eq!(units, expected, "row {}", row.row);
    }
}

const PLANS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/plans");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{PLANS}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A stored .docx read natively, as the browser does after inflating.
fn read_docx(zip: &[u8]) -> SourceReport {
    let entry = docx::find_entry(zip, docx::DOCUMENT).expect("a Word document");
    assert_eq!(entry.method, 0);
    docx::read(docx::stored_text(zip, &entry).unwrap())
}

#[test]
fn the_generated_2023_docx_gives_todays_plan() {
    let report = read_docx(&fixture("plan-2023-stored.docx")).checked(known);
    assert_eq!(report.table.title, plan().title);
    assert_eq!(report.table.rows.len(), 58);
    same_as_todays_plan(&report.table);
    // The bookmark is a real one here, not text: nothing to clean.
    assert_eq!(
        report.problems,
        [SourceProblem::RepeatedNumber {
            row: 52,
            number: "48".into(),
            first_row: 48
        }]
    );
    // Same rows as the text export gives.
    assert_eq!(report.table, text::read(SEED_TEXT).table);
}

const RENAMED: &str = "区卫生健康委员会";

fn table_2026(report: &SourceReport, form: &str) {
    let table = &report.table;
    assert_eq!(
        table.title, "福田区2026年食品安全重点工作安排责任分工表",
        "{form}"
    );
    assert_eq!(table.rows.len(), 60, "{form}");
    let numbers: Vec<String> = table
        .rows
        .iter()
        .map(|r| r.printed_number.clone())
        .collect();
    let expected: Vec<String> = (1..=60).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected, "{form}");
    assert_eq!(table.areas.len(), 10, "{form}");
    assert_eq!(table.areas[9].heading, "十、推进食品安全智慧治理", "{form}");
    let per_area: Vec<usize> = table
        .areas
        .iter()
        .map(|a| table.rows.iter().filter(|r| r.area == a.heading).count())
        .collect();
    // 2023: [4, 5, 12, 7, 7, 7, 7, 7, 2]; the HACCP task moved from 五 to 七; two new in 十.
    assert_eq!(per_area, [4, 5, 12, 7, 6, 7, 8, 7, 2, 2], "{form}");
    let haccp = table
        .rows
        .iter()
        .find(|r| r.measure.contains("HACCP"))
        .unwrap();
    assert!(haccp.area.starts_with("七、"), "{form}: {}", haccp.area);
    assert_eq!(haccp.printed_number, "49");
    // The renamed bureau is unknown, on each row that names it, and nothing else is wrong.
    let naming: Vec<usize> = table
        .rows
        .iter()
        .filter(|r| {
            r.lead
                .iter()
                .chain(&r.cooperating)
                .any(|u| u.name == RENAMED)
        })
        .map(|r| r.row)
        .collect();
    assert_eq!(naming.len(), 5, "{form}");
    let unknown: Vec<usize> = report
        .problems
        .iter()
        .map(|p| match p {
            SourceProblem::UnknownUnit { row, name, .. } if name == RENAMED => *row,
            other => panic!("{form}: unexpected {other:?}"),
        })
        .collect();
    assert_eq!(unknown, naming, "{form}");
    assert!(report.has_errors());
}

#[test]
fn the_2026_table_reads_the_same_from_docx_html_and_tsv() {
    let from_docx = read_docx(&fixture("plan-2026-stored.docx")).checked(known);
    let from_html =
        html::read(&String::from_utf8(fixture("plan-2026.html")).unwrap()).checked(known);
    let from_tsv = tsv::read(&String::from_utf8(fixture("plan-2026.tsv")).unwrap()).checked(known);
    for (report, form) in [
        (&from_docx, "docx"),
        (&from_html, "html"),
        (&from_tsv, "tsv"),
    ] {
        table_2026(report, form);
    }
    assert_eq!(from_docx.table, from_html.table);
    assert_eq!(from_docx.table, from_tsv.table);
    // Row 6 of 2023 prints its units over two lines: still two units.
    let six: Vec<&str> = from_docx.table.rows[5]
        .lead
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(
        six,
        ["市市场监管局福田监管局", "市规划和自然资源局福田管理局"]
    );
}

#[test]
fn the_deflated_docx_points_at_the_same_document() {
    for year in ["2023", "2026"] {
        let zip = fixture(&format!("plan-{year}.docx"));
        let stored = fixture(&format!("plan-{year}-stored.docx"));
        let deflated = docx::find_entry(&zip, docx::DOCUMENT).unwrap();
        let plain = docx::find_entry(&stored, docx::DOCUMENT).unwrap();
        assert_eq!(deflated.method, 8);
        assert_eq!(deflated.size, plain.size);
        assert!(deflated.compressed_size < deflated.size / 3);
        assert_eq!(deflated.data(&zip).len(), deflated.compressed_size);
        assert_eq!(
            docx::stored_text(&zip, &deflated),
            Err(SourceProblem::ZipUnsupported { method: 8 })
        );
    }
}

#[test]
fn zip_troubles_are_named() {
    let stored = fixture("plan-2026-stored.docx");
    let old_doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .doc".to_vec();
    assert_eq!(
        docx::find_entry(&old_doc, docx::DOCUMENT),
        Err(SourceProblem::NotADocx)
    );
    assert_eq!(
        docx::find_entry(&stored[..stored.len() / 2], docx::DOCUMENT),
        Err(SourceProblem::DocxDamaged)
    );
    assert_eq!(
        docx::find_entry(&stored, "xl/workbook.xml"),
        Err(SourceProblem::ZipEntryMissing {
            name: "xl/workbook.xml".into()
        })
    );
    // The central directory entry of word/document.xml, its method set to 12 (bzip2).
    let mut patched = stored.clone();
    let name = b"word/document.xml";
    let at = patched
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(i, _)| i)
        .find(|i| patched[i + 46..].starts_with(name))
        .unwrap();
    patched[at + 10] = 12;
    assert_eq!(
        docx::find_entry(&patched, docx::DOCUMENT),
        Err(SourceProblem::ZipUnsupported { method: 12 })
    );
}

/// A table to render in each input form: paragraphs above it, then rows of cells (the header
/// first), each cell's lines separated by `\n`.
struct Crafted {
    above: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

const HEAD: [&str; 5] = ["序号", "任务", "举措", "责任单位", "配合单位"];

fn crafted(rows: &[[&str; 5]]) -> Crafted {
    let mut all = vec![HEAD.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    all.extend(
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
    );
    Crafted {
        above: vec!["附件1", "某区2026年食品安全重点工作安排责任分工表"],
        rows: all,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Crafted {
    /// The seed's text export: a tab starts each cell.
    fn text(&self) -> String {
        let mut out: String = self.above.iter().map(|l| format!("{l}\n")).collect();
        for cell in self.rows.iter().flatten() {
            out.push_str(&format!("\t{cell}\n"));
        }
        out
    }

    fn tsv(&self) -> String {
        let mut out: String = self.above.iter().map(|l| format!("{l}\r\n")).collect();
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.contains(['\n', '"', '\t']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect();
            out.push_str(&cells.join("\t"));
            out.push_str("\r\n");
        }
        out
    }

    fn html(&self) -> String {
        let mut out = String::from("<html><body><!--StartFragment-->");
        for line in &self.above {
            out.push_str(&format!(
                "<p class=MsoNormal>{}<o:p></o:p></p>",
                escape(line)
            ));
        }
        out.push_str("<table border=1>");
        for row in &self.rows {
            out.push_str("<tr>");
            for cell in row {
                out.push_str("<td valign=top>");
                for line in cell.split('\n') {
                    out.push_str(&format!(
                        "<p class=MsoNormal><span style='font-family:宋体'>{}</span></p>",
                        escape(line)
                    ));
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</table><!--EndFragment--></body></html>");
        out
    }

    fn docx_xml(&self) -> String {
        let para = |line: &str| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(line)
            )
        };
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
        );
        for line in &self.above {
            out.push_str(&para(line));
        }
        out.push_str("<w:tbl><w:tblPr/>");
        for row in &self.rows {
            out.push_str("<w:tr>");
            for cell in row {
                out.push_str("<w:tc><w:tcPr/>");
                for line in cell.split('\n') {
                    out.push_str(&para(line));
                }
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl><w:sectPr/></w:body></w:document>");
        out
    }

    /// Each form's report, checked against the registry.
    fn reports(&self) -> Vec<(&'static str, SourceReport)> {
        vec![
            ("text", text::read(&self.text()).checked(known)),
            ("tsv", tsv::read(&self.tsv()).checked(known)),
            ("html", html::read(&self.html()).checked(known)),
            ("docx", docx::read(&self.docx_xml()).checked(known)),
        ]
    }
}

fn sorted(problems: &[SourceProblem]) -> Vec<String> {
    let mut all: Vec<String> = problems.iter().map(|p| format!("{p:?}")).collect();
    all.sort();
    all
}

/// Every form gives exactly these problems (in any order within the sort by row).
fn each_form_reports(table: &Crafted, expected: &[SourceProblem]) {
    for (form, report) in table.reports() {
        assert_eq!(
            sorted(&report.problems),
            sorted(expected),
            "{form}: {:#?}",
            report.problems
        );
        let rows: Vec<Option<usize>> = report.problems.iter().map(SourceProblem::row).collect();
        assert!(rows.is_sorted(), "{form}: problems in row order");
    }
}

fn cell(row: usize, column: Column) -> Place {
    Place::Cell { row, column }
}

#[test]
fn every_row_problem_is_reported_with_its_row_in_every_form() {
    use SourceProblem::*;
    let table = crafted(&[
        ["1", "一、甲领域", "做事\u{200b}甲", "区教育局", ""],
        ["2", "", "做事乙\u{7}", "", ""],
        ["2", "", "", "区教育局", ""],
        ["5", "三、丙领域", "做事丁", "区教育局、未知局牵头", ""],
        ["6", "", "做事戊[bookmark: _GoBack]", "，牵头", "区民政局"],
        ["七", "", "做事己\u{ad}", "区民政局", "配合\u{a0}局"],
        ["", "四、空领域", "", "", ""],
        [
            "8",
            "庚领域",
            "做事庚{ HYPERLINK \"http://x\" }",
            "区民政局",
            "",
        ],
        [
            "9",
            "五、辛领域",
            "做事辛",
            "区民政局\n区教育局协助",
            "各街道办事处、\n区委宣传部",
        ],
    ]);
    each_form_reports(
        &table,
        &[
            Artefact {
                at: cell(1, Column::Measure),
                kind: ArtefactKind::ZeroWidth,
                count: 1,
            },
            Artefact {
                at: cell(2, Column::Measure),
                kind: ArtefactKind::ControlCharacter,
                count: 1,
            },
            EmptyCell {
                row: 2,
                column: Column::Lead,
            },
            RepeatedNumber {
                row: 3,
                number: "2".into(),
                first_row: 2,
            },
            EmptyCell {
                row: 3,
                column: Column::Measure,
            },
            MissingNumbers {
                row: 4,
                from: 3,
                to: 4,
            },
            UnknownUnit {
                row: 4,
                column: Column::Lead,
                name: "未知局".into(),
            },
            AreaOutOfOrder {
                row: 4,
                heading: "三、丙领域".into(),
                expected: 2,
            },
            Artefact {
                at: cell(5, Column::Measure),
                kind: ArtefactKind::Bookmark,
                count: 1,
            },
            NoUnitInClause {
                row: 5,
                clause: "牵头".into(),
            },
            EmptyCell {
                row: 5,
                column: Column::Lead,
            },
            Artefact {
                at: cell(6, Column::Measure),
                kind: ArtefactKind::SoftHyphen,
                count: 1,
            },
            Artefact {
                at: cell(6, Column::Cooperating),
                kind: ArtefactKind::NonBreakingSpace,
                count: 1,
            },
            NotANumber {
                row: 6,
                found: "七".into(),
            },
            UnknownUnit {
                row: 6,
                column: Column::Cooperating,
                name: "配合 局".into(),
            },
            AreaWithoutTasks {
                row: 7,
                heading: "四、空领域".into(),
            },
            Artefact {
                at: cell(8, Column::Measure),
                kind: ArtefactKind::FieldCode,
                count: 1,
            },
            MissingNumbers {
                row: 8,
                from: 7,
                to: 7,
            },
            AreaWithoutNumeral {
                row: 8,
                heading: "庚领域".into(),
            },
        ],
    );
    // The rows themselves, alike in every form: areas carried down, units split by the seed's
    // rules over line breaks, the heading-only row no task.
    let reports = table.reports();
    let first = &reports[0].1.table;
    for (form, report) in &reports {
        assert_eq!(&report.table, first, "{form}");
    }
    assert_eq!(first.rows.len(), 8);
    assert_eq!(first.rows[2].area, "一、甲领域");
    assert_eq!(first.rows[4].measure, "做事戊");
    assert_eq!(first.rows[6].area, "庚领域");
    let last = &first.rows[7];
    let units: Vec<(&str, &str)> = last
        .lead
        .iter()
        .chain(&last.cooperating)
        .map(|u| (u.name.as_str(), u.wording))
        .collect();
    assert_eq!(
        units,
        [
            ("区民政局", "协助"),
            ("区教育局", "协助"),
            ("各街道办事处", ""),
            ("区委宣传部", "")
        ]
    );
    let headings: Vec<(usize, &str)> = first
        .areas
        .iter()
        .map(|a| (a.row, a.heading.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "一、甲领域"),
            (4, "三、丙领域"),
            (7, "四、空领域"),
            (8, "庚领域"),
            (9, "五、辛领域")
        ]
    );
    assert_eq!(
        SourceProblem::Artefact {
            at: cell(1, Column::Measure),
            kind: ArtefactKind::ZeroWidth,
            count: 1
        }
        .severity(),
        Severity::Warning
    );
    assert_eq!(
        EmptyCell {
            row: 2,
            column: Column::Lead
        }
        .severity(),
        Severity::Error
    );
}

#[test]
fn a_first_row_without_its_area_is_an_empty_cell() {
    use SourceProblem::*;
    each_form_reports(
        &crafted(&[
            ["1", "", "做事", "区教育局", ""],
            ["2", "一、领域", "做事", "区教育局", ""],
        ]),
        &[EmptyCell {
            row: 1,
            column: Column::Area,
        }],
    );
}

#[test]
fn header_and_title_problems_name_the_column() {
    use SourceProblem::*;
    let mut table = crafted(&[["1", "一、领域", "做事", "区教育局", ""]]);
    table.rows[0][2] = "措 施".into();
    table.rows[0][0] = "序  号".into(); // spaces inside a heading are layout
    table.above = vec![];
    each_form_reports(
        &table,
        &[
            NoTitle,
            HeaderCell {
                column: Column::Measure,
                found: "措施".into(),
            },
        ],
    );

    let mut headless = crafted(&[["1", "一、领域", "做事", "区教育局", ""]]);
    headless.rows.remove(0);
    each_form_reports(&headless, &[NoHeader]);
    assert_eq!(
        text::read(&headless.text()).checked(known).table.rows.len(),
        1
    );

    let header_only = crafted(&[]);
    each_form_reports(&header_only, &[NoRows]);
}

#[test]
fn rows_of_the_wrong_width_are_reported() {
    use SourceProblem::*;
    // Text export: the file ends in the middle of a row.
    let mut text_input = crafted(&[["1", "一、领域", "做事", "区教育局", ""]]).text();
    text_input.push_str("\t2\n\t\n\t做事\n");
    let report = text::read(&text_input).checked(known);
    assert_eq!(
        report.problems,
        [
            RowWidth { row: 2, found: 3 },
            EmptyCell {
                row: 2,
                column: Column::Lead
            }
        ]
    );
    // A sixth column in the header and on a row.
    let mut wide = crafted(&[["1", "一、领域", "做事", "区教育局", ""]]);
    wide.rows[0].push("完成时限".into());
    wide.rows[1].push("6月".into());
    for (form, report) in [
        ("tsv", tsv::read(&wide.tsv()).checked(known)),
        ("html", html::read(&wide.html()).checked(known)),
        ("docx", docx::read(&wide.docx_xml()).checked(known)),
    ] {
        assert_eq!(
            report.problems,
            [HeaderWidth { found: 6 }, RowWidth { row: 1, found: 6 }],
            "{form}"
        );
    }
}

#[test]
fn no_table_at_all() {
    assert_eq!(
        html::read("<p>只有一段文字</p>").problems,
        [SourceProblem::NoTable]
    );
    assert_eq!(
        docx::read("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>文字</w:t></w:r></w:p></w:body></w:document>").problems,
        [SourceProblem::NoTable]
    );
    assert!(tsv::read("").problems.contains(&SourceProblem::NoTable));
    assert!(
        text::read("只有标题\n")
            .problems
            .contains(&SourceProblem::NoTable)
    );
}

#[test]
fn word_markup_details_of_a_docx() {
    // Another prefix for WordprocessingML, a heading row spanning the table, vertical merges,
    // field codes, deleted text, fallback content, tabs and breaks.
    let xml = r#"<?xml version="1.0"?>
<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<x:body><x:p><x:r><x:t>附件</x:t></x:r></x:p><x:p><x:r><x:t>甲区2027年食品安全</x:t></x:r><x:r><x:t>责任分工表</x:t></x:r></x:p>
<x:tbl><x:tblGrid><x:gridCol/></x:tblGrid>
<x:tr><x:tc><x:p><x:r><x:t>序号</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>任务</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>举措</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>责任单位</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>配合单位</x:t></x:r></x:p></x:tc></x:tr>
<x:tr><x:tc><x:tcPr><x:gridSpan x:val="5"/></x:tcPr><x:p><x:r><x:t>十一、新领域</x:t></x:r></x:p></x:tc></x:tr>
<x:tr><x:tc><x:p><x:r><x:t>1</x:t></x:r></x:p></x:tc><x:tc><x:tcPr><x:vMerge x:val="restart"/></x:tcPr><x:p/></x:tc>
 <x:tc><x:p><x:r><x:t>做</x:t></x:r><x:r><x:fldChar x:fldCharType="begin"/></x:r><x:r><x:instrText> HYPERLINK "x" </x:instrText></x:r><x:r><x:fldChar x:fldCharType="separate"/></x:r><x:r><x:t>好</x:t></x:r><x:r><x:fldChar x:fldCharType="end"/></x:r><x:del><x:r><x:delText>删去</x:delText></x:r></x:del><x:r><mc:AlternateContent><mc:Choice><x:t>事</x:t></mc:Choice><mc:Fallback><x:t>事</x:t></mc:Fallback></mc:AlternateContent></x:r></x:p></x:tc>
 <x:tc><x:p><x:r><x:t>区教育局、</x:t></x:r><x:r><x:br/><x:t>区民政局</x:t><x:tab/><x:t>牵头</x:t></x:r></x:p></x:tc><x:tc><x:p/></x:tc></x:tr>
<x:tr><x:tc><x:p><x:r><x:t>2</x:t></x:r></x:p></x:tc><x:tc><x:tcPr><x:vMerge/></x:tcPr><x:p><x:r><x:t>十一、新领域</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>再做</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>区民政局</x:t></x:r></x:p></x:tc><x:tc><x:p/></x:tc></x:tr>
</x:tbl></x:body></x:document>"#;
    let report = docx::read(xml).checked(known);
    let table = &report.table;
    assert_eq!(table.title, "甲区2027年食品安全责任分工表");
    assert_eq!(table.areas.len(), 1);
    assert_eq!(table.areas[0].row, 1);
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].measure, "做好事");
    assert_eq!(table.rows[0].area, "十一、新领域");
    assert_eq!(table.rows[1].area, "十一、新领域");
    let lead: Vec<(&str, &str)> = table.rows[0]
        .lead
        .iter()
        .map(|u| (u.name.as_str(), u.wording))
        .collect();
    assert_eq!(lead, [("区教育局", "牵头"), ("区民政局", "牵头")]);
    // The first area is 十一: out of order, but read.
    assert_eq!(
        report.problems,
        [SourceProblem::AreaOutOfOrder {
            row: 1,
            heading: "十一、新领域".into(),
            expected: 1
        }]
    );
}

#[test]
fn word_clipboard_html_details() {
    let html_input = "<html><head><style><!-- td {x:y} --></style><title>文档</title></head><body>\
        <p>福田区2027年食品安全重点工作安排责任分工表</p>\
        <table><tr><th>序号</th><th>任务</th><th>举措</th><th>责任单位</th><th>配合单位</th></tr>\
        <tr><td colspan=5><b>一、</b>领&#x57df;</td></tr>\
        <tr><td>1</td><td rowspan=2>&nbsp;</td><td>A&amp;B&lt;C&gt;&quot;D&quot;&#36;<br>做事</td><td>区教育局<br/>区民政局</td><td><o:p>&nbsp;</o:p></td></tr>\
        <tr><td>2</td><td>再做</td><td>区民政局</td><td></td></tr>\
        <![if !supportMisalignedColumns]><tr height=0><td></td><td></td><td></td><td></td><td></td></tr><![endif]>\
        </table></body></html>";
    let report = html::read(html_input).checked(known);
    let table = &report.table;
    assert_eq!(report.problems, []);
    assert_eq!(table.title, "福田区2027年食品安全重点工作安排责任分工表");
    assert_eq!(table.areas.len(), 1);
    assert_eq!(table.areas[0].heading, "一、领域");
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].measure, "A&B<C>\"D\"$做事");
    assert_eq!(table.rows[0].lead.len(), 2);
    assert_eq!(table.rows[1].area, "一、领域");
}

/// 300 tasks in 50 areas: the 2026 table five times over, areas renumbered 一 to 五十.
fn big_table() -> Crafted {
    let base = tsv::read(&String::from_utf8(fixture("plan-2026.tsv")).unwrap()).table;
    let numeral = |n: usize| {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        match (n / 10, n % 10) {
            (0, d) => digits[d].to_string(),
            (1, d) => format!("十{}", digits[d]),
            (t, d) => format!("{}十{}", digits[t], digits[d]),
        }
    };
    let mut rows = Vec::new();
    let mut n = 0;
    for copy in 0..5 {
        for (i, area) in base.areas.iter().enumerate() {
            let (_, name) = area.heading.split_once('、').unwrap();
            let heading = format!("{}、{name}", numeral(copy * 10 + i + 1));
            for (k, row) in base
                .rows
                .iter()
                .filter(|r| r.area == area.heading)
                .enumerate()
            {
                n += 1;
                let units = |u: &[duty_ledger::plan::seed::NamedUnit]| {
                    u.iter()
                        .map(|u| format!("{}{}", u.name, u.wording))
                        .collect::<Vec<_>>()
                        .join("，")
                };
                rows.push([
                    n.to_string(),
                    if k == 0 {
                        heading.clone()
                    } else {
                        String::new()
                    },
                    row.measure.clone(),
                    units(&row.lead),
                    row.cooperating
                        .iter()
                        .map(|u| u.name.clone())
                        .collect::<Vec<_>>()
                        .join("、"),
                ]);
            }
        }
    }
    let mut table = crafted(&[]);
    table.rows.extend(rows.into_iter().map(|r| r.to_vec()));
    table
}

#[test]
fn a_300_task_table_reads_quickly_in_every_form() {
    let table = big_table();
    let inputs = [
        ("text", table.text()),
        ("tsv", table.tsv()),
        ("html", table.html()),
        ("docx", table.docx_xml()),
    ];
    let mut first: Option<SourceTable> = None;
    for (form, input) in &inputs {
        let start = Instant::now();
        let report = match *form {
            "text" => text::read(input),
            "tsv" => tsv::read(input),
            "html" => html::read(input),
            _ => docx::read(input),
        }
        .checked(known);
        let took = start.elapsed();
        println!(
            "300 tasks from {form} ({} KB): read and checked in {:.2} ms",
            input.len() / 1024,
            took.as_secs_f64() * 1000.0
        );
        assert_eq!(report.table.rows.len(), 300, "{form}");
        assert_eq!(report.table.areas.len(), 50, "{form}");
        assert_eq!(
            source::area_number(&report.table.areas[49].heading),
            Some(50)
        );
        assert!(
            report
                .problems
                .iter()
                .all(|p| matches!(p, SourceProblem::UnknownUnit { name, .. } if name == RENAMED)),
            "{form}: {:?}",
            report
                .problems
                .iter()
                .find(|p| !matches!(p, SourceProblem::UnknownUnit { .. }))
        );
        match &first {
            None => first = Some(report.table),
            Some(t) => assert_eq!(&report.table, t, "{form}"),
        }
    }
}

#[test]
fn every_problem_has_a_message_in_both_languages() {
    use SourceProblem::*;
    use duty_ledger::i18n::{Lang, source_problem};
    let all = [
        NoTable,
        NotADocx,
        DocxDamaged,
        ZipEntryMissing {
            name: "word/document.xml".into(),
        },
        ZipUnsupported { method: 12 },
        NoTitle,
        NoHeader,
        HeaderCell {
            column: Column::Measure,
            found: "措施".into(),
        },
        HeaderWidth { found: 6 },
        RowWidth { row: 7, found: 3 },
        NoRows,
        Artefact {
            at: Place::Title,
            kind: ArtefactKind::Bookmark,
            count: 1,
        },
        Artefact {
            at: Place::Header(Column::Number),
            kind: ArtefactKind::ZeroWidth,
            count: 2,
        },
        Artefact {
            at: cell(7, Column::Lead),
            kind: ArtefactKind::FieldCode,
            count: 1,
        },
        Artefact {
            at: cell(7, Column::Lead),
            kind: ArtefactKind::SoftHyphen,
            count: 1,
        },
        Artefact {
            at: cell(7, Column::Lead),
            kind: ArtefactKind::NonBreakingSpace,
            count: 1,
        },
        Artefact {
            at: cell(7, Column::Lead),
            kind: ArtefactKind::ControlCharacter,
            count: 1,
        },
        EmptyCell {
            row: 7,
            column: Column::Cooperating,
        },
        NotANumber {
            row: 7,
            found: "七".into(),
        },
        RepeatedNumber {
            row: 7,
            number: "48".into(),
            first_row: 3,
        },
        MissingNumbers {
            row: 7,
            from: 4,
            to: 4,
        },
        MissingNumbers {
            row: 7,
            from: 4,
            to: 6,
        },
        NoUnitInClause {
            row: 7,
            clause: "牵头".into(),
        },
        UnknownUnit {
            row: 7,
            column: Column::Lead,
            name: RENAMED.into(),
        },
        AreaWithoutNumeral {
            row: 7,
            heading: "庚领域".into(),
        },
        AreaOutOfOrder {
            row: 7,
            heading: "三、丙".into(),
            expected: 2,
        },
        AreaWithoutTasks {
            row: 7,
            heading: "四、丁".into(),
        },
    ];
    for problem in &all {
        let zh = source_problem(Lang::Zh, problem);
        let en = source_problem(Lang::En, problem);
        for text in [&zh, &en] {
            assert!(!text.contains(['{', '}']), "{problem:?}: {text}");
            if let Some(row) = problem.row() {
                assert!(text.contains(&row.to_string()), "{problem:?}: {text}");
            }
        }
        assert_ne!(zh, en);
    }
    assert_eq!(
        source_problem(Lang::Zh, &all[23]),
        "第 7 行「责任单位」中的“区卫生健康委员会”不在单位名单中。"
    );
    assert_eq!(
        source_problem(Lang::En, &all[7]),
        "Column 3 of the header should read “举措”, not “措施”."
    );
    assert_eq!(
        source_problem(Lang::Zh, &all[13]),
        "第 7 行的「责任单位」中有 1 处域代码，已清除。"
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Text made of the pieces markup and tables are made of, in any order.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<".to_string()),
            Just(">".to_string()),
            Just("</".to_string()),
            Just("/>".to_string()),
            Just("<!--".to_string()),
            Just("<![CDATA[".to_string()),
            Just("<?".to_string()),
            Just("&#x".to_string()),
            Just("&".to_string()),
            Just(";".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("=".to_string()),
            Just("\t".to_string()),
            Just("\r\n".to_string()),
            Just("\n".to_string()),
            Just("[bookmark:".to_string()),
            Just("{ HYPERLINK ".to_string()),
            Just("}".to_string()),
            Just("\u{13}".to_string()),
            Just("\u{14}".to_string()),
            Just("\u{15}".to_string()),
            Just("\u{a0}".to_string()),
            Just("<table>".to_string()),
            Just("<tr>".to_string()),
            Just("<td rowspan=3 colspan=2>".to_string()),
            Just("</table>".to_string()),
            Just("<w:tbl>".to_string()),
            Just("<w:tr>".to_string()),
            Just("<w:tc>".to_string()),
            Just("<w:vMerge/>".to_string()),
            Just("<w:gridSpan w:val=\"3\"/>".to_string()),
            Just("<w:t>".to_string()),
            Just("</w:t>".to_string()),
            Just("</w:p>".to_string()),
            Just("</w:tbl>".to_string()),
            Just("序号".to_string()),
            Just("十、领域".to_string()),
            Just("区教育局牵头".to_string()),
            Just("12".to_string()),
            "\\PC{0,3}",
        ];
        prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn any_text_is_read_without_panicking(input in pieces()) {
            for report in [
                text::read(&input),
                tsv::read(&input),
                html::read(&input),
                docx::read(&input),
            ] {
                let report = report.checked(known);
                for row in &report.table.rows {
                    prop_assert!(row.row >= 1);
                }
            }
        }

        #[test]
        fn any_bytes_are_a_zip_or_a_named_problem(
            mut bytes in prop::collection::vec(any::<u8>(), 0..400),
            pk in any::<bool>(),
        ) {
            if pk {
                bytes.splice(0..0, b"PK\x03\x04".iter().copied());
                let n = bytes.len();
                bytes.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
                bytes.extend_from_slice(&(n as u32 / 2).to_le_bytes());
                bytes.extend_from_slice(&(n as u32 / 3).to_le_bytes());
                bytes.extend_from_slice(&[0, 0]);
            }
            if let Ok(entry) = docx::find_entry(&bytes, docx::DOCUMENT) {
                prop_assert!(entry.offset + entry.compressed_size <= bytes.len());
            }
        }
    }
}
