//! Reading responsibility tables from each input (text export, clipboard HTML and TSV, .docx):
//! every problem the reader reports, triggered on purpose; the 2026 test table read the same
//! from every input; the 2023 seed and its .docx giving today's plan.

use duty_ledger::plan::seed::NamedUnit;
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
    assert_eq!(table.title, "福田区2026年食品安全重点工作安排责任分工表", "{form}");
    assert_eq!(table.rows.len(), 60, "{form}");
    let numbers: Vec<String> = table.rows.iter().map(|r| r.printed_number.clone()).collect();
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
        .filter(|r| r.lead.iter().chain(&r.cooperating).any(|u| u.name == RENAMED))
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
    for (report, form) in [(&from_docx, "docx"), (&from_html, "html"), (&from_tsv, "tsv")] {
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
    assert_eq!(six, ["市市场监管局福田监管局", "市规划和自然资源局福田管理局"]);
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
