//! Tab-separated text, the `text/plain` that Word, WPS and spreadsheets put on the clipboard
//! beside the HTML: cells separated by tabs, rows by line breaks, and a cell that holds line
//! breaks (or a quote) in double quotes, with `""` for a quote inside. Merged cells come as
//! the text in the first row and empty cells below, which reading carries down.

use super::{Grid, GridCell, SourceReport, build};

/// Reads tab-separated text.
pub fn read(text: &str) -> SourceReport {
    build(Grid {
        before: Vec::new(),
        rows: records(text)
            .into_iter()
            .map(|r| r.into_iter().map(GridCell::text).collect())
            .collect(),
    })
}

/// A field that starts with `"` and has a closing `"` before a tab, a line break or the end:
/// its text and the byte length it takes. Anything else starting with `"` is plain text.
fn quoted(rest: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = rest.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some((_, '"')) => {
                out.push('"');
                chars.next();
            }
            None | Some((_, '\t' | '\r' | '\n')) => return Some((out, i + 1)),
            Some(_) => return None,
        }
    }
    None
}

/// The rows of fields, blank lines dropped.
pub(crate) fn records(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut rest = text;
    loop {
        let (field, len) = match rest.starts_with('"').then(|| quoted(rest)).flatten() {
            Some(found) => found,
            None => {
                let end = rest.find(['\t', '\r', '\n']).unwrap_or(rest.len());
                (rest[..end].to_string(), end)
            }
        };
        row.push(field);
        rest = &rest[len..];
        if let Some(next) = rest.strip_prefix('\t') {
            rest = next;
            continue;
        }
        let ended = rest.is_empty();
        rest = rest.strip_prefix("\r\n").unwrap_or(rest);
        rest = rest.strip_prefix(['\r', '\n']).unwrap_or(rest);
        let row_done = std::mem::take(&mut row);
        if !(row_done.len() == 1 && row_done[0].is_empty()) {
            rows.push(row_done);
        }
        if ended || rest.is_empty() {
            break;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_line_breaks_and_quotes() {
        let rows = records("a\t\"b\nc\"\t\"say \"\"hi\"\"\"\r\n\r\n\"x\ty\t\"z\"w\n");
        assert_eq!(
            rows,
            [vec!["a", "b\nc", "say \"hi\""], vec!["\"x", "y", "\"z\"w"],]
        );
    }
}
