//! Text pasted from Word or WPS: the clipboard's `text/html`. Rows and cells with `rowspan`
//! and `colspan` (merged area cells), paragraphs and `<br>` inside a cell as line breaks, the
//! usual entities; Word's `<o:p>`, `<span style>`, conditional comments, `<style>` and
//! `<xml>` blocks are noise and ignored. The text above the table gives the title.

use super::markup::{Token, Tokens, attr};
use super::{Grid, GridCell, SourceProblem, SourceReport, build, choose};

/// Reads clipboard HTML.
pub fn read(html: &str) -> SourceReport {
    match choose(tables(html)) {
        Some(grid) => build(grid),
        None => SourceReport::failed(SourceProblem::NoTable),
    }
}

/// Characters that sit between ideographs without spaces: a line break of the HTML source
/// between two of them is no space (as CSS Text 3 removes such segment breaks).
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}'
        | '\u{20000}'..='\u{3ffff}')
}

/// HTML whitespace collapsed: a run is one space, or nothing when it holds a line break between
/// two wide characters (Word wraps long runs of Chinese in its HTML source).
fn collapse(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if !matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            out.push(c);
            continue;
        }
        let mut newline = matches!(c, '\n' | '\r');
        while let Some(&n) = chars.peek() {
            if !matches!(n, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                break;
            }
            newline |= matches!(n, '\n' | '\r');
            chars.next();
        }
        let joins = newline
            && out.chars().next_back().is_some_and(is_wide)
            && chars.peek().is_some_and(|n| is_wide(*n));
        if !joins {
            out.push(' ');
        }
    }
    out
}

/// A cell being read: its lines (raw HTML text) and spans.
struct Cell {
    lines: Vec<String>,
    rowspan: usize,
    colspan: usize,
}

impl Cell {
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| collapse(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Default)]
struct Table {
    before: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// Nested tables inside a cell: their text goes to the cell.
    depth: usize,
}

impl Table {
    fn cell(&mut self) -> Option<&mut Cell> {
        self.rows.last_mut()?.last_mut()
    }

    fn line_break(&mut self) {
        if let Some(cell) = self.cell() {
            cell.lines.push(String::new());
        }
    }
}

fn span(attrs: &str, name: &str, max: usize) -> usize {
    attr(attrs, name, true)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map_or(1, |n| n.clamp(1, max))
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "caption",
    "ul",
    "ol",
    "blockquote",
    "center",
];

/// Every top-level table in the HTML, laid out as grids, each with the text above it.
fn tables(html: &str) -> Vec<Grid> {
    let mut done: Vec<Grid> = Vec::new();
    let mut outside: Vec<String> = vec![String::new()];
    let mut table: Option<Table> = None;
    let mut tokens = Tokens::new(html);
    while let Some(token) = tokens.next() {
        match token {
            Token::Start { name, attrs, .. } => {
                let name = name.to_ascii_lowercase();
                match name.as_str() {
                    "style" | "script" | "xml" | "title" => tokens.skip_past_end_of(&name),
                    "table" => match &mut table {
                        Some(t) => {
                            t.depth += 1;
                            t.line_break();
                        }
                        None => {
                            let before = std::mem::replace(&mut outside, vec![String::new()]);
                            table = Some(Table {
                                before: before.iter().map(|l| collapse(l)).collect(),
                                ..Table::default()
                            });
                        }
                    },
                    "tr" => match &mut table {
                        Some(t) if t.depth == 0 => t.rows.push(Vec::new()),
                        Some(t) => t.line_break(),
                        None => outside.push(String::new()),
                    },
                    "td" | "th" => match &mut table {
                        Some(t) if t.depth == 0 => {
                            if t.rows.is_empty() {
                                t.rows.push(Vec::new());
                            }
                            let cell = Cell {
                                lines: vec![String::new()],
                                rowspan: span(attrs, "rowspan", 1000),
                                colspan: span(attrs, "colspan", 50),
                            };
                            t.rows.last_mut().expect("a row").push(cell);
                        }
                        Some(t) => {
                            if let Some(cell) = t.cell() {
                                cell.lines.last_mut().expect("a line").push(' ');
                            }
                        }
                        None => {}
                    },
                    n if BLOCKS.contains(&n) => match &mut table {
                        Some(t) => t.line_break(),
                        None => outside.push(String::new()),
                    },
                    _ => {}
                }
            }
            Token::End { name } => {
                let name = name.to_ascii_lowercase();
                match name.as_str() {
                    "table" => match table.take() {
                        Some(mut t) if t.depth > 0 => {
                            t.depth -= 1;
                            t.line_break();
                            table = Some(t);
                        }
                        Some(t) => done.push(lay_out(t)),
                        None => {}
                    },
                    n if BLOCKS.contains(&n) => match &mut table {
                        Some(t) => t.line_break(),
                        None => outside.push(String::new()),
                    },
                    _ => {}
                }
            }
            Token::Text(text) => match &mut table {
                Some(t) => {
                    if let Some(cell) = t.cell() {
                        cell.lines.last_mut().expect("a line").push_str(&text);
                    }
                }
                None => outside.last_mut().expect("a line").push_str(&text),
            },
        }
    }
    if let Some(t) = table {
        done.push(lay_out(t));
    }
    done
}

/// The table's cells on a grid, as a browser places them: a cell goes to the first column its
/// row has free, and covers `rowspan` rows and `colspan` columns.
fn lay_out(table: Table) -> Grid {
    let height = table.rows.len();
    let mut grid: Vec<Vec<Option<GridCell>>> = vec![Vec::new(); height];
    for (r, row) in table.rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let rows = cell.rowspan.min(height - r);
            for dr in 0..rows {
                let line = &mut grid[r + dr];
                if line.len() < c + cell.colspan {
                    line.resize(c + cell.colspan, None);
                }
                for dc in 0..cell.colspan {
                    line[c + dc] = Some(if dr == 0 && dc == 0 {
                        GridCell {
                            text: cell.text(),
                            merged: false,
                            span: cell.colspan,
                        }
                    } else {
                        GridCell::covered()
                    });
                }
            }
            c += cell.colspan;
        }
    }
    Grid {
        before: table.before,
        rows: grid
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|c| c.unwrap_or_else(|| GridCell::text("")))
                    .collect()
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_line_breaks_between_ideographs_are_no_spaces() {
        assert_eq!(collapse("食品\r\n安全 监管  a\nb"), "食品安全 监管 a b");
    }

    #[test]
    fn spans_are_laid_out_as_a_browser_does() {
        let grid = &tables(
            "<p>标题</p><table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        )[0];
        assert_eq!(grid.before.iter().filter(|l| !l.is_empty()).count(), 1);
        let texts: Vec<Vec<(&str, bool)>> = grid
            .rows
            .iter()
            .map(|r| r.iter().map(|c| (c.text.as_str(), c.merged)).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec![("a", false), ("b", false), ("", true)],
                vec![("", true), ("c", false), ("d", false)],
            ]
        );
    }
}
