//! The plain-text export a word processor writes for the table, the form the built-in seed is
//! in (`seeds/futian-2023-food-safety-duties.txt`), read by the seed's own layout rules (see
//! [`crate::plan::seed`]): the lines above the first cell are paragraphs (the title among
//! them); a line that starts with a tab starts a cell, any other line continues the cell
//! above; five cells make a row, the header first.
//!
//! Unlike [`seed::parse`](crate::plan::seed::parse), which stops the build at the first flaw,
//! this reports every problem by row and keeps going; on the seed both give the same rows.

use super::{Grid, GridCell, SourceReport, build};
use crate::plan::seed::HEADER;

/// Reads a text export. A file that ends in the middle of a row gives that row with the
/// cells it has, reported as too narrow.
pub fn read(source: &str) -> SourceReport {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut before = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    for line in source.lines() {
        if let Some(content) = line.strip_prefix('\t') {
            cells.push(content.to_string());
        } else if let Some(cell) = cells.last_mut() {
            cell.push('\n');
            cell.push_str(line);
        } else {
            before.push(line.to_string());
        }
    }
    let rows = cells
        .chunks(HEADER.len())
        .map(|row| row.iter().map(|c| GridCell::text(c.as_str())).collect())
        .collect();
    build(Grid { before, rows })
}
