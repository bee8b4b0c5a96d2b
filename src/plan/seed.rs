//! Reads the source document (a word-processor table saved as text) into rows of cells.
//!
//! Layout rules of the source, learned from the document itself:
//! - a line that starts with a tab starts a new cell; any other line continues the cell above,
//!   so line breaks and blank lines inside a cell are layout, not content;
//! - a row is five cells: 序号, area (任务), measure (举措), lead units (责任单位), cooperating units
//!   (配合单位); an empty area cell means "the area above";
//! - `[bookmark: …]` is a word-processor artefact and is dropped.
//!
//! This file uses only `std` so `build.rs` can compile it too: a seed that cannot be read
//! fails the build instead of shipping a partial page.

use std::fmt;

/// The five column headings, in order, as the table prints them.
pub const HEADER: [&str; 5] = ["序号", "任务", "举措", "责任单位", "配合单位"];

/// Role words that close a clause of the 责任单位 cell; longest first so that
/// "按职责分工负责" is not read as "…负责".
pub const ROLE_SUFFIXES: [(&str, SeedRole); 5] = [
    ("按职责分工负责", SeedRole::Lead),
    ("做好业务指导", SeedRole::Guide),
    ("牵头", SeedRole::Lead),
    ("协助", SeedRole::Assist),
    ("负责", SeedRole::Lead),
];

/// What a unit does for a task, as the table words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SeedRole {
    Lead,
    Assist,
    Guide,
    Cooperate,
}

impl SeedRole {
    /// The name used in CSS classes and data attributes.
    pub fn token(self) -> &'static str {
        match self {
            SeedRole::Lead => "lead",
            SeedRole::Assist => "assist",
            SeedRole::Guide => "guide",
            SeedRole::Cooperate => "cooperate",
        }
    }
}

/// One unit as named in a unit cell, with the role words that apply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedUnit {
    pub name: String,
    pub role: SeedRole,
    /// The printed role words ("牵头", "按职责分工负责", "协助", "做好业务指导"), empty when none.
    pub wording: &'static str,
}

/// One row of the table, with its cells already cleaned of layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedRow {
    /// 1-based position in the source: the task's stable id.
    pub position: usize,
    /// The 序号 exactly as printed (the source prints 48 twice).
    pub printed_number: String,
    /// The area heading when this row opens a new area, e.g. "一、完善食品安全监管体制".
    pub area_heading: Option<String>,
    pub measure: String,
    pub lead_units: Vec<NamedUnit>,
    pub cooperating_units: Vec<NamedUnit>,
    /// 1-based source line where the row starts, for error messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedTable {
    /// The document title printed above the table.
    pub title: String,
    pub rows: Vec<SeedRow>,
    /// How many word-processor artefacts were dropped.
    pub artefacts_dropped: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "seed line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SeedError {}

fn error(line: usize, message: impl Into<String>) -> SeedError {
    SeedError {
        line,
        message: message.into(),
    }
}

/// A cell: the source lines it spans (artefacts removed) and the line it starts on.
struct Cell {
    line: usize,
    lines: Vec<String>,
}

impl Cell {
    /// The content with layout removed: lines trimmed and joined with nothing between them.
    fn text(&self) -> String {
        self.lines.iter().map(|l| l.trim()).collect()
    }
}

/// Drops `[bookmark: …]` artefacts from one line; returns the cleaned line and how many it dropped.
fn drop_artefacts(line: &str) -> (String, usize) {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut dropped = 0;
    while let Some(start) = rest.find("[bookmark:") {
        match rest[start..].find(']') {
            Some(end) => {
                out.push_str(&rest[..start]);
                rest = &rest[start + end + 1..];
                dropped += 1;
            }
            None => break,
        }
    }
    out.push_str(rest);
    (out, dropped)
}

/// Parses the whole source document. Every line is accounted for: a row that does not fit the
/// layout is an error, never skipped.
pub fn parse(source: &str) -> Result<SeedTable, SeedError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut preamble: Vec<&str> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut artefacts_dropped = 0;

    for (index, raw) in source.lines().enumerate() {
        let line_no = index + 1;
        let (line, dropped) = drop_artefacts(raw);
        artefacts_dropped += dropped;
        if let Some(content) = line.strip_prefix('\t') {
            cells.push(Cell {
                line: line_no,
                lines: vec![content.to_string()],
            });
        } else if let Some(cell) = cells.last_mut() {
            cell.lines.push(line);
        } else {
            preamble.push(raw);
        }
    }

    let title = preamble
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .ok_or_else(|| error(1, "no title above the table"))?
        .to_string();

    if cells.len() < HEADER.len() {
        return Err(error(preamble.len() + 1, "the table has no header row"));
    }
    for (cell, expected) in cells.iter().zip(HEADER) {
        if cell.text() != expected {
            return Err(error(
                cell.line,
                format!(
                    "header cell should be {expected:?}, found {:?}",
                    cell.text()
                ),
            ));
        }
    }
    let body = &cells[HEADER.len()..];
    if !body.len().is_multiple_of(HEADER.len()) {
        let last = &body[body.len() - body.len() % HEADER.len()];
        return Err(error(
            last.line,
            format!(
                "the table ends with an incomplete row ({} of 5 cells)",
                body.len() % HEADER.len()
            ),
        ));
    }

    let mut rows = Vec::with_capacity(body.len() / HEADER.len());
    for (index, row) in body.chunks(HEADER.len()).enumerate() {
        rows.push(parse_row(index + 1, row)?);
    }
    if rows.is_empty() {
        return Err(error(cells[0].line, "the table has no rows"));
    }
    if rows[0].area_heading.is_none() {
        return Err(error(rows[0].line, "the first row does not name its area"));
    }
    Ok(SeedTable {
        title,
        rows,
        artefacts_dropped,
    })
}

fn parse_row(position: usize, cells: &[Cell]) -> Result<SeedRow, SeedError> {
    let [number, area, measure, lead, coop] = cells else {
        unreachable!("rows are chunks of five cells")
    };
    let printed_number = number.text();
    if printed_number.is_empty() || !printed_number.chars().all(|c| c.is_ascii_digit()) {
        return Err(error(
            number.line,
            format!("序号 should be a number, found {printed_number:?}"),
        ));
    }
    let area_text = area.text();
    let area_heading = if area_text.is_empty() {
        None
    } else {
        Some(area_text)
    };
    // Keep spaces inside a line (a slogan may contain one); drop only the layout between lines.
    let measure_text = measure.text();
    if measure_text.is_empty() {
        return Err(error(measure.line, "举措 is empty"));
    }
    let lead_units = parse_lead_cell(lead)?;
    if lead_units.is_empty() {
        return Err(error(lead.line, "责任单位 is empty"));
    }
    let cooperating_units = parse_cooperating_cell(coop)?;
    Ok(SeedRow {
        position,
        printed_number,
        area_heading,
        measure: measure_text,
        lead_units,
        cooperating_units,
        line: number.line,
    })
}

fn is_clause_separator(c: char) -> bool {
    matches!(c, '，' | ',')
}

fn is_name_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '\n')
}

/// Splits names on 、 and line breaks, dropping the empty pieces that layout leaves behind
/// (a line that ends with 、, say).
fn split_names(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_name_separator)
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// 责任单位: clauses separated by ，, each a list of names closed by optional role words that
/// apply to every name in the clause ("区教育局、市市场监管局福田监管局协助": both assist).
fn parse_lead_cell(cell: &Cell) -> Result<Vec<NamedUnit>, SeedError> {
    let joined = cell
        .lines
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n");
    let (units, unnamed) = split_lead_units(&joined);
    if let Some(clause) = unnamed.first() {
        return Err(error(
            cell.line,
            format!("责任单位 clause {clause:?} names no unit"),
        ));
    }
    Ok(units)
}

/// Splits the text of a 责任单位 cell (its lines joined with `\n`) into units with their roles:
/// clauses separated by ，, each a list of names (separated by 、 or line breaks) closed by
/// optional role words ([`ROLE_SUFFIXES`]) that apply to every name in the clause. Returns the
/// units in printed order and the clauses that name no unit ("牵头" alone, say).
pub fn split_lead_units(text: &str) -> (Vec<NamedUnit>, Vec<&str>) {
    let mut units = Vec::new();
    let mut unnamed = Vec::new();
    for clause in text.split(is_clause_separator) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let (names, role, wording) = ROLE_SUFFIXES
            .iter()
            .find_map(|(suffix, role)| {
                clause
                    .strip_suffix(suffix)
                    .map(|names| (names, *role, *suffix))
            })
            .unwrap_or((clause, SeedRole::Lead, ""));
        let before = units.len();
        units.extend(split_names(names).map(|name| NamedUnit {
            name: name.to_string(),
            role,
            wording,
        }));
        if units.len() == before {
            unnamed.push(clause);
        }
    }
    (units, unnamed)
}

fn parse_cooperating_cell(cell: &Cell) -> Result<Vec<NamedUnit>, SeedError> {
    Ok(split_cooperating_units(&cell.lines.join("\n")))
}

/// Splits the text of a 配合单位 cell into units, each with the role [`SeedRole::Cooperate`].
pub fn split_cooperating_units(text: &str) -> Vec<NamedUnit> {
    split_names(text)
        .map(|name| NamedUnit {
            name: name.to_string(),
            role: SeedRole::Cooperate,
            wording: "",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "附件1\n标题表\n\t序号\n\t任务\n\t举措\n\t责任单位\n\t配合单位\n\n";

    #[test]
    fn a_row_with_layout_lines_is_read_as_content() {
        let src =
            format!("{HEAD}\t1\n\t\n\n一、领域\n\t做\n好\n\t甲局、\n乙局按职责分工负责\n\t\n\n");
        let table = parse(&src).unwrap();
        assert_eq!(table.title, "标题表");
        let row = &table.rows[0];
        assert_eq!(row.area_heading.as_deref(), Some("一、领域"));
        assert_eq!(row.measure, "做好");
        let names: Vec<_> = row.lead_units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["甲局", "乙局"]);
        assert!(row.lead_units.iter().all(|u| u.wording == "按职责分工负责"));
        assert!(row.cooperating_units.is_empty());
    }

    #[test]
    fn an_incomplete_row_is_an_error_with_its_line() {
        let src = format!("{HEAD}\t1\n\t一、领域\n\t做事\n");
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("incomplete row"), "{err}");
        assert_eq!(err.line, 9);
    }

    #[test]
    fn a_non_numeric_number_is_an_error() {
        let src = format!("{HEAD}\tA\n\t一、领域\n\t做事\n\t甲局\n\t\n");
        assert!(parse(&src).unwrap_err().message.contains("序号"));
    }

    #[test]
    fn a_missing_header_is_an_error() {
        assert!(parse("标题\n\t编号\n\t任务\n\t举措\n\t责任单位\n\t配合单位\n").is_err());
    }

    #[test]
    fn an_empty_lead_cell_is_an_error() {
        let src = format!("{HEAD}\t1\n\t一、领域\n\t做事\n\t\n\t乙局\n");
        assert!(parse(&src).unwrap_err().message.contains("责任单位"));
    }

    #[test]
    fn artefacts_are_dropped_wherever_they_stand() {
        assert_eq!(
            drop_artefacts("[bookmark: _GoBack]甲[bookmark: x]乙"),
            ("甲乙".to_string(), 2)
        );
        assert_eq!(
            drop_artefacts("[bookmark: open"),
            ("[bookmark: open".into(), 0)
        );
    }
}
