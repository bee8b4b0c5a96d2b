//! Reading a responsibility table (责任分工表) from what an office receives, whatever year or
//! district: a Word file ([`docx`]), text pasted from Word or WPS ([`html`], with [`tsv`] as
//! the fallback) or the plain-text export the built-in seed is in ([`text`]).
//!
//! Every input is first laid out as a grid of cells (merged cells marked as such), then read
//! by one builder: the title, the header, area headings carried down over merged or empty area
//! cells, and the units of each row split by the seed's own rules
//! ([`seed::split_lead_units`]). Reading never stops at the first problem: each one is
//! collected with its row ([`SourceProblem`]), word-processor artefacts are cleaned and
//! reported as warnings, and [`check`] adds what can be judged from the table alone
//! (numbering, empty cells, unknown units, areas).
//!
//! Rows are counted as the document shows them: `row` 1 is the first row below the header,
//! heading-only and blank rows included, so a message points at the place to look.

pub mod docx;
pub mod html;
mod markup;
pub mod text;
pub mod tsv;

use std::collections::HashMap;

use crate::plan::seed::{self, HEADER, NamedUnit};

/// The table as read: its title and its task rows, in printed order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceTable {
    /// The paragraph above the table that names it (the one containing 责任分工表, else the
    /// first non-empty one); empty when the input has none (a pasted table alone).
    pub title: String,
    pub rows: Vec<SourceRow>,
    /// Every area heading as printed, in order, with the row it stands on; an area that has no
    /// task is here but on no row.
    pub areas: Vec<SourceArea>,
}

/// One task row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// 1-based data-row number in the input table (the header is row 0), used in every
    /// problem message.
    pub row: usize,
    /// 序号 as printed.
    pub printed_number: String,
    /// The area heading as printed ("十、…"), carried down from the row above when the cell is
    /// empty or merged.
    pub area: String,
    pub measure: String,
    pub lead: Vec<NamedUnit>,
    pub cooperating: Vec<NamedUnit>,
}

/// An area heading and the row it is printed on (a task row, or a heading-only row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceArea {
    pub row: usize,
    pub heading: String,
}

/// The five columns of the table, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// 序号
    Number,
    /// 任务: the area heading.
    Area,
    /// 举措
    Measure,
    /// 责任单位
    Lead,
    /// 配合单位
    Cooperating,
}

impl Column {
    pub const ALL: [Column; 5] = [
        Column::Number,
        Column::Area,
        Column::Measure,
        Column::Lead,
        Column::Cooperating,
    ];

    /// 0-based position in the table.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The heading the table prints for this column ([`HEADER`]).
    pub fn heading(self) -> &'static str {
        HEADER[self.index()]
    }
}

/// Where in the document something was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Title,
    Header(Column),
    Cell { row: usize, column: Column },
}

/// Word-processor leftovers that are not part of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArtefactKind {
    /// `[bookmark: _GoBack]` as a text export writes bookmarks.
    Bookmark,
    /// A field's code (`{ HYPERLINK … }`, or between the field marks U+0013 and U+0014/U+0015).
    FieldCode,
    /// U+00AD.
    SoftHyphen,
    /// U+200B, U+200C, U+200D, U+2060, U+FEFF inside the text.
    ZeroWidth,
    /// U+00A0, U+2007 or U+202F between words (at either end of a line it is only layout).
    NonBreakingSpace,
    /// Other control characters (Word's cell mark U+0007, U+FFFC, …).
    ControlCharacter,
}

/// How much a problem matters: an error must be fixed (or decided, for an unknown unit) before
/// the table becomes a plan; a warning says what was cleaned or what looks odd.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem of the input, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceProblem {
    /// Nothing in the input looks like a table.
    NoTable,
    /// The file is not a .docx (not a zip: an old .doc, a password-protected file, …).
    NotADocx,
    /// The zip is cut short or damaged, or the document is not UTF-8.
    DocxDamaged,
    /// The zip has no entry of this name (`word/document.xml`: not a Word document).
    ZipEntryMissing { name: String },
    /// The entry is compressed with a method other than stored (0) or deflate (8).
    ZipUnsupported { method: u16 },
    /// No title above the table.
    NoTitle,
    /// The table starts with a task row: there is no header row.
    NoHeader,
    /// A header cell is not the expected heading.
    HeaderCell { column: Column, found: String },
    /// The header has this many columns, not five.
    HeaderWidth { found: usize },
    /// A task row has this many columns, not five.
    RowWidth { row: usize, found: usize },
    /// The header has no task row below it.
    NoRows,
    /// Word-processor artefacts, cleaned (a warning).
    Artefact {
        at: Place,
        kind: ArtefactKind,
        count: usize,
    },
    /// A cell that must hold text is empty (序号, 举措, 责任单位; 任务 on the first task row).
    EmptyCell { row: usize, column: Column },
    /// 序号 is not a number.
    NotANumber { row: usize, found: String },
    /// 序号 printed already on an earlier row.
    RepeatedNumber {
        row: usize,
        number: String,
        first_row: usize,
    },
    /// The numbers `from..=to` are skipped before this row and printed nowhere.
    MissingNumbers { row: usize, from: u32, to: u32 },
    /// A 责任单位 clause with role words but no unit ("，牵头").
    NoUnitInClause { row: usize, clause: String },
    /// A unit name the registry does not know.
    UnknownUnit {
        row: usize,
        column: Column,
        name: String,
    },
    /// An area heading without a Chinese numeral and 、 ("一、" … "二十九、").
    AreaWithoutNumeral { row: usize, heading: String },
    /// An area heading whose numeral is not the next one.
    AreaOutOfOrder {
        row: usize,
        heading: String,
        expected: u8,
    },
    /// An area heading with no task below it.
    AreaWithoutTasks { row: usize, heading: String },
}

impl SourceProblem {
    pub fn severity(&self) -> Severity {
        use SourceProblem::*;
        match self {
            NoTitle
            | NoHeader
            | Artefact { .. }
            | RepeatedNumber { .. }
            | MissingNumbers { .. }
            | AreaWithoutTasks { .. } => Severity::Warning,
            NoTable
            | NotADocx
            | DocxDamaged
            | ZipEntryMissing { .. }
            | ZipUnsupported { .. }
            | HeaderCell { .. }
            | HeaderWidth { .. }
            | RowWidth { .. }
            | NoRows
            | EmptyCell { .. }
            | NotANumber { .. }
            | NoUnitInClause { .. }
            | UnknownUnit { .. }
            | AreaWithoutNumeral { .. }
            | AreaOutOfOrder { .. } => Severity::Error,
        }
    }

    /// The data row the problem is on; `None` for the file, the title and the header.
    pub fn row(&self) -> Option<usize> {
        use SourceProblem::*;
        match self {
            RowWidth { row, .. }
            | EmptyCell { row, .. }
            | NotANumber { row, .. }
            | RepeatedNumber { row, .. }
            | MissingNumbers { row, .. }
            | NoUnitInClause { row, .. }
            | UnknownUnit { row, .. }
            | AreaWithoutNumeral { row, .. }
            | AreaOutOfOrder { row, .. }
            | AreaWithoutTasks { row, .. } => Some(*row),
            Artefact {
                at: Place::Cell { row, .. },
                ..
            } => Some(*row),
            _ => None,
        }
    }
}

/// What one input gave: the table and every problem met on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceReport {
    pub table: SourceTable,
    pub problems: Vec<SourceProblem>,
}

impl SourceReport {
    /// A report of an input that could not be read at all.
    pub fn failed(problem: SourceProblem) -> SourceReport {
        SourceReport {
            table: SourceTable::default(),
            problems: vec![problem],
        }
    }

    /// Adds the problems [`check`] finds, then orders all of them by row (the file, title and
    /// header first), keeping the order they were found in within a row.
    pub fn checked(mut self, is_known_unit: impl Fn(&str) -> bool) -> SourceReport {
        let found = check(&self.table, is_known_unit);
        self.problems.extend(found);
        self.problems.sort_by_key(SourceProblem::row);
        self
    }

    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity() == Severity::Error)
    }
}

/// "十二、加强…" → 12: the Chinese numeral before 、, from 一 to 九十九.
pub fn area_number(heading: &str) -> Option<u8> {
    let (numeral, _) = heading.trim_start().split_once('、')?;
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u8 + 1)
    };
    let chars: Vec<char> = numeral.chars().collect();
    match chars[..] {
        ['十'] => Some(10),
        [d] => digit(d),
        ['十', d] => Some(10 + digit(d)?),
        [t, '十'] => Some(digit(t).filter(|t| *t >= 2)? * 10),
        [t, '十', d] => Some(digit(t).filter(|t| *t >= 2)? * 10 + digit(d)?),
        _ => None,
    }
}

/// Every problem that can be seen in the table itself, each with its row: 序号 repeated,
/// skipped or not a number, empty cells, unit names `is_known_unit` does not know, area
/// headings without a numeral or out of order, areas without tasks.
pub fn check(table: &SourceTable, is_known_unit: impl Fn(&str) -> bool) -> Vec<SourceProblem> {
    let mut problems = Vec::new();
    let mut first_row_of: HashMap<&str, usize> = HashMap::new();
    let numbers: Vec<Option<u32>> = table
        .rows
        .iter()
        .map(|r| {
            let n = r.printed_number.as_str();
            (!n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse().ok())
                .flatten()
        })
        .collect();
    let printed: std::collections::HashSet<u32> = numbers.iter().flatten().copied().collect();
    let mut highest = 0;
    for (row, number) in table.rows.iter().zip(&numbers) {
        let at = row.row;
        let empty = |column| SourceProblem::EmptyCell { row: at, column };
        if row.printed_number.is_empty() {
            problems.push(empty(Column::Number));
        } else if let Some(n) = *number {
            if let Some(first_row) = first_row_of.get(row.printed_number.as_str()) {
                problems.push(SourceProblem::RepeatedNumber {
                    row: at,
                    number: row.printed_number.clone(),
                    first_row: *first_row,
                });
            } else {
                first_row_of.insert(&row.printed_number, at);
            }
            if n > highest + 1 {
                // The skipped numbers that appear nowhere, as runs.
                let mut run: Option<(u32, u32)> = None;
                for m in highest + 1..n {
                    if printed.contains(&m) {
                        if let Some((from, to)) = run.take() {
                            problems.push(SourceProblem::MissingNumbers { row: at, from, to });
                        }
                    } else {
                        run = Some(run.map_or((m, m), |(from, _)| (from, m)));
                    }
                }
                if let Some((from, to)) = run {
                    problems.push(SourceProblem::MissingNumbers { row: at, from, to });
                }
            }
            highest = highest.max(n);
        } else {
            problems.push(SourceProblem::NotANumber {
                row: at,
                found: row.printed_number.clone(),
            });
        }
        if row.area.is_empty() {
            problems.push(empty(Column::Area));
        }
        if row.measure.is_empty() {
            problems.push(empty(Column::Measure));
        }
        if row.lead.is_empty() {
            problems.push(empty(Column::Lead));
        }
        for (column, units) in [
            (Column::Lead, &row.lead),
            (Column::Cooperating, &row.cooperating),
        ] {
            for unit in units.iter().filter(|u| !is_known_unit(&u.name)) {
                problems.push(SourceProblem::UnknownUnit {
                    row: at,
                    column,
                    name: unit.name.clone(),
                });
            }
        }
    }

    let mut last = 0u8;
    for (i, area) in table.areas.iter().enumerate() {
        let (row, heading) = (area.row, area.heading.clone());
        match area_number(&area.heading) {
            None => problems.push(SourceProblem::AreaWithoutNumeral { row, heading }),
            Some(n) => {
                if n != last.saturating_add(1) {
                    problems.push(SourceProblem::AreaOutOfOrder {
                        row,
                        heading,
                        expected: last.saturating_add(1),
                    });
                }
                last = n;
            }
        }
        let end = table.areas.get(i + 1).map_or(usize::MAX, |next| next.row);
        if !table.rows.iter().any(|r| (area.row..end).contains(&r.row)) {
            problems.push(SourceProblem::AreaWithoutTasks {
                row: area.row,
                heading: area.heading.clone(),
            });
        }
    }
    problems
}

/// One cell as an input lays it out, before any reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GridCell {
    /// The text as printed, lines separated by `\n`.
    pub text: String,
    /// Covered by a cell above (a vertical merge) or to the left (a horizontal span).
    pub merged: bool,
    /// How many columns the cell spans (1 unless merged horizontally).
    pub span: usize,
}

impl GridCell {
    pub fn text(text: impl Into<String>) -> GridCell {
        GridCell {
            text: text.into(),
            merged: false,
            span: 1,
        }
    }

    pub fn covered() -> GridCell {
        GridCell {
            text: String::new(),
            merged: true,
            span: 1,
        }
    }
}

/// A table as an input lays it out: the paragraphs above it and its rows (header included),
/// each row one cell per column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Grid {
    pub before: Vec<String>,
    pub rows: Vec<Vec<GridCell>>,
}

/// A cell's text without word-processor artefacts: its lines, each trimmed.
struct Clean {
    lines: Vec<String>,
    artefacts: Vec<(ArtefactKind, usize)>,
}

impl Clean {
    /// Lines joined with nothing between them: line breaks inside a cell are layout.
    fn joined(&self) -> String {
        self.lines.concat()
    }

    fn report(&self, at: Place, problems: &mut Vec<SourceProblem>) {
        for (kind, count) in &self.artefacts {
            problems.push(SourceProblem::Artefact {
                at,
                kind: *kind,
                count: *count,
            });
        }
    }
}

const FIELD_NAMES: &[&str] = &[
    "HYPERLINK",
    "PAGEREF",
    "REF",
    "NOTEREF",
    "STYLEREF",
    "PAGE",
    "NUMPAGES",
    "SECTIONPAGES",
    "TOC",
    "TC",
    "XE",
    "SEQ",
    "MERGEFIELD",
    "FORMTEXT",
    "FORMCHECKBOX",
    "FORMDROPDOWN",
    "EQ",
    "INCLUDEPICTURE",
    "INCLUDETEXT",
    "SYMBOL",
    "DATE",
    "TIME",
    "CREATEDATE",
    "SAVEDATE",
    "PRINTDATE",
    "DOCPROPERTY",
    "QUOTE",
    "MACROBUTTON",
    "EMBED",
    "LINK",
    "SET",
    "ASK",
    "FILLIN",
    "ADVANCE",
    "AUTOTEXT",
    "CITATION",
    "BIBLIOGRAPHY",
    "SHAPE",
    "IF",
];

/// `{ HYPERLINK "…" }`, a field code as a text export shows it with codes on: the byte length
/// up to the matching `}`, or `None` when `text` does not start with one.
fn field_code_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('{')?;
    let word: String = inner
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    if !FIELD_NAMES.contains(&word.as_str()) {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn count(artefacts: &mut Vec<(ArtefactKind, usize)>, kind: ArtefactKind) {
    match artefacts.iter_mut().find(|(k, _)| *k == kind) {
        Some((_, n)) => *n += 1,
        None => artefacts.push((kind, 1)),
    }
}

/// Removes word-processor artefacts from a cell's text and trims each line.
fn clean(raw: &str) -> Clean {
    let mut artefacts = Vec::new();
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    // Field marks: U+0013 code [U+0014 result] U+0015; the result is text, the code is not.
    // One flag per open field: is it still in its code?
    let mut fields: Vec<bool> = Vec::new();
    while let Some(c) = rest.chars().next() {
        let in_code = fields.contains(&true);
        if !in_code
            && c == '['
            && rest.starts_with("[bookmark:")
            && let Some(end) = rest.find(']')
        {
            count(&mut artefacts, ArtefactKind::Bookmark);
            rest = &rest[end + 1..];
            continue;
        }
        if !in_code
            && c == '{'
            && let Some(len) = field_code_len(rest)
        {
            count(&mut artefacts, ArtefactKind::FieldCode);
            rest = &rest[len..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '\u{13}' => {
                if !in_code {
                    count(&mut artefacts, ArtefactKind::FieldCode);
                }
                fields.push(true);
            }
            '\u{14}' if !fields.is_empty() => {
                if let Some(code) = fields.last_mut() {
                    *code = false;
                }
            }
            '\u{15}' if !fields.is_empty() => {
                fields.pop();
            }
            _ if in_code => {}
            '\r' => {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
                text.push('\n');
            }
            '\n' | '\u{0b}' | '\u{2028}' | '\u{2029}' => text.push('\n'),
            '\t' => text.push(' '),
            '\u{ad}' => count(&mut artefacts, ArtefactKind::SoftHyphen),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {
                count(&mut artefacts, ArtefactKind::ZeroWidth)
            }
            '\u{14}' | '\u{15}' | '\u{fffc}' => {
                count(&mut artefacts, ArtefactKind::ControlCharacter)
            }
            c if c.is_control() => count(&mut artefacts, ArtefactKind::ControlCharacter),
            c => text.push(c),
        }
    }
    let lines = text
        .split('\n')
        .map(|line| {
            let line = line.trim();
            let mut out = String::with_capacity(line.len());
            for c in line.chars() {
                if matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}') {
                    count(&mut artefacts, ArtefactKind::NonBreakingSpace);
                    out.push(' ');
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect();
    Clean { lines, artefacts }
}

/// The header row's cells as compared: artefacts and every space removed ("序  号" is 序号).
fn header_words(row: &[GridCell]) -> Vec<String> {
    row.iter()
        .map(|c| {
            clean(&c.text)
                .joined()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

fn is_header(row: &[GridCell]) -> bool {
    let words = header_words(row);
    words.len() >= HEADER.len()
        && words[..HEADER.len()] == HEADER
        && words[HEADER.len()..].iter().all(String::is_empty)
}

fn looks_like_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

/// Of the tables an input holds, the one to read: the first with the header in its first rows,
/// else the longest.
pub(crate) fn choose(tables: Vec<Grid>) -> Option<Grid> {
    let with_header = tables
        .iter()
        .position(|t| t.rows.iter().take(3).any(|r| is_header(r)));
    match with_header {
        Some(i) => tables.into_iter().nth(i),
        None => tables.into_iter().max_by_key(|t| t.rows.len()),
    }
}

/// Reads a laid-out table: title, header, areas and rows, with every problem on the way.
pub(crate) fn build(grid: Grid) -> SourceReport {
    let mut problems = Vec::new();
    let mut paragraphs = grid.before;
    let rows = grid.rows;

    // Rows above the header that hold one text (a title typed into the table) are paragraphs.
    let mut start = 0;
    while let Some(row) = rows.get(start) {
        if is_header(row) {
            break;
        }
        let texts: Vec<String> = row
            .iter()
            .filter(|c| !c.merged)
            .map(|c| clean(&c.text).joined())
            .filter(|t| !t.is_empty())
            .collect();
        match &texts[..] {
            [] => {}
            [one] if !looks_like_number(one) && area_number(one).is_none() => {
                paragraphs.push(one.clone())
            }
            _ => break,
        }
        start += 1;
    }

    let cleaned: Vec<Clean> = paragraphs.iter().map(|p| clean(p)).collect();
    let title = cleaned
        .iter()
        .find(|c| c.joined().contains("责任分工表"))
        .or_else(|| cleaned.iter().find(|c| !c.joined().is_empty()));
    let title = match title {
        Some(t) => {
            t.report(Place::Title, &mut problems);
            t.joined()
        }
        None => {
            problems.push(SourceProblem::NoTitle);
            String::new()
        }
    };

    let Some(header) = rows.get(start) else {
        problems.push(SourceProblem::NoTable);
        return SourceReport {
            table: SourceTable {
                title,
                ..SourceTable::default()
            },
            problems,
        };
    };
    let first = clean(header.first().map_or("", |c| c.text.as_str())).joined();
    if looks_like_number(&first) {
        problems.push(SourceProblem::NoHeader);
    } else {
        let words = header_words(header);
        for column in Column::ALL {
            let found = words.get(column.index()).cloned().unwrap_or_default();
            if found != column.heading() {
                problems.push(SourceProblem::HeaderCell { column, found });
            }
            if let Some(cell) = header.get(column.index()) {
                clean(&cell.text).report(Place::Header(column), &mut problems);
            }
        }
        let width = words.len() - words.iter().rev().take_while(|w| w.is_empty()).count();
        if width != HEADER.len() {
            problems.push(SourceProblem::HeaderWidth { found: width });
        }
        start += 1;
    }

    let mut table = SourceTable {
        title,
        ..SourceTable::default()
    };
    let mut area = String::new();
    for (index, cells) in rows[start..].iter().enumerate() {
        let row = index + 1;
        let texts: Vec<Clean> = cells.iter().map(|c| clean(&c.text)).collect();
        let filled: Vec<usize> = (0..cells.len())
            .filter(|i| !cells[*i].merged && !texts[*i].joined().is_empty())
            .collect();
        let report = |problems: &mut Vec<SourceProblem>| {
            for column in Column::ALL {
                if let Some(text) = texts.get(column.index()) {
                    text.report(Place::Cell { row, column }, problems);
                }
            }
        };
        match filled[..] {
            [] => continue,
            [only]
                if only == Column::Area.index()
                    || cells[only].span > 1
                    || area_number(&texts[only].joined()).is_some() =>
            {
                let heading = texts[only].joined();
                if only < HEADER.len() {
                    texts[only].report(
                        Place::Cell {
                            row,
                            column: Column::ALL[only],
                        },
                        &mut problems,
                    );
                }
                if heading != area {
                    area = heading.clone();
                    table.areas.push(SourceArea { row, heading });
                }
                continue;
            }
            _ => {}
        }
        report(&mut problems);
        let width = cells.len()
            - cells
                .iter()
                .zip(&texts)
                .rev()
                .take_while(|(c, t)| c.merged || t.joined().is_empty())
                .count();
        if cells.len() < HEADER.len() || width > HEADER.len() {
            problems.push(SourceProblem::RowWidth {
                row,
                found: cells.len().max(width),
            });
        }
        let text = |column: Column| texts.get(column.index());
        let joined = |column: Column| text(column).map(Clean::joined).unwrap_or_default();
        let area_cell = joined(Column::Area);
        let merged = cells.get(Column::Area.index()).is_some_and(|c| c.merged);
        if !merged && !area_cell.is_empty() && area_cell != area {
            area = area_cell.clone();
            table.areas.push(SourceArea {
                row,
                heading: area_cell,
            });
        }
        let lines = |column: Column| text(column).map(|t| t.lines.join("\n")).unwrap_or_default();
        let lead_text = lines(Column::Lead);
        let (lead, unnamed) = seed::split_lead_units(&lead_text);
        for clause in unnamed {
            problems.push(SourceProblem::NoUnitInClause {
                row,
                clause: clause.to_string(),
            });
        }
        table.rows.push(SourceRow {
            row,
            printed_number: joined(Column::Number),
            area: area.clone(),
            measure: joined(Column::Measure),
            lead,
            cooperating: seed::split_cooperating_units(&lines(Column::Cooperating)),
        });
    }
    if table.rows.is_empty() {
        problems.push(SourceProblem::NoRows);
    }
    SourceReport { table, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_numerals_go_past_nine() {
        let cases = [
            ("一、a", Some(1)),
            ("九、a", Some(9)),
            ("十、a", Some(10)),
            ("十一、a", Some(11)),
            ("十九、a", Some(19)),
            ("二十、a", Some(20)),
            ("二十一、a", Some(21)),
            ("二十九、a", Some(29)),
            ("九十九、a", Some(99)),
            ("一十、a", None),
            ("十十、a", None),
            ("三十十、a", None),
            ("完善体制", None),
            ("1、体制", None),
            ("一体制", None),
        ];
        for (heading, number) in cases {
            assert_eq!(area_number(heading), number, "{heading}");
        }
    }

    #[test]
    fn cleaning_reports_each_artefact_kind_and_keeps_the_text() {
        let c = clean(
            "[bookmark: _GoBack]甲\u{ad}乙\u{200b}丙\u{a0}丁 { HYPERLINK \"x\" }戊\u{13} REF a \u{14}己\u{15}\u{7}\u{a0}",
        );
        assert_eq!(c.joined(), "甲乙丙 丁 戊己");
        let kinds: Vec<_> = c.artefacts.iter().map(|(k, n)| (*k, *n)).collect();
        assert_eq!(
            kinds,
            [
                (ArtefactKind::Bookmark, 1),
                (ArtefactKind::SoftHyphen, 1),
                (ArtefactKind::ZeroWidth, 1),
                (ArtefactKind::FieldCode, 2),
                (ArtefactKind::ControlCharacter, 1),
                (ArtefactKind::NonBreakingSpace, 1),
            ]
        );
        // A brace that is not a field code is text.
        assert_eq!(clean("{甲}").joined(), "{甲}");
        assert!(clean(" \u{a0}甲\u{a0} ").artefacts.is_empty());
    }
}
