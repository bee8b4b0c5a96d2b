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
