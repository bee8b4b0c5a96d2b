//! A small, tolerant tokenizer for the markup the inputs come in: the XML of a .docx and the
//! HTML Word and WPS put on the clipboard. Elements with their attributes, text with entities
//! decoded, CDATA; comments, processing instructions, declarations and Word's conditional
//! comments (`<![if …]>`) are skipped. It never fails: text that is not markup is text.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<name attrs>` or, with `empty`, `<name attrs/>`; `attrs` is the raw attribute text.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    Text(Cow<'a, str>),
}

pub(crate) struct Tokens<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(src: &'a str) -> Tokens<'a> {
        Tokens { src, pos: 0 }
    }

    /// Skips to just after `</name>` (case-insensitive): the content of `<style>` or
    /// `<script>` is not markup.
    pub fn skip_past_end_of(&mut self, name: &str) {
        let rest = &self.src[self.pos..];
        let lower = rest.to_ascii_lowercase();
        let close = format!("</{}", name.to_ascii_lowercase());
        self.pos = match lower.find(&close) {
            Some(at) => match rest[at..].find('>') {
                Some(end) => self.pos + at + end + 1,
                None => self.src.len(),
            },
            None => self.src.len(),
        };
    }

    /// Moves past `end` found after `from`, or to the end of the input.
    fn skip_to(&mut self, from: usize, end: &str) {
        self.pos = match self.src[from..].find(end) {
            Some(at) => from + at + end.len(),
            None => self.src.len(),
        };
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')
}

/// The end of a tag that starts at `from` (just after `<name`): the position of its `>`,
/// quotes respected.
fn tag_end(src: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in src[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let src = self.src;
            let rest = &src[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                // A '<' that opens no markup is text: take it with what follows.
                let end = if end == 0 { 1 } else { end };
                self.pos += end;
                return Some(Token::Text(decode(&rest[..end])));
            }
            let start = self.pos;
            if rest.starts_with("<!--") {
                self.skip_to(start + 4, "-->");
            } else if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
                let end = cdata.find("]]>").unwrap_or(cdata.len());
                self.pos = (start + 9 + end + 3).min(src.len());
                return Some(Token::Text(Cow::Borrowed(&cdata[..end])));
            } else if rest.starts_with("<?") {
                self.skip_to(start + 2, "?>");
            } else if rest.starts_with("<!") {
                self.skip_to(start + 2, ">");
            } else if let Some(name_on) = rest.strip_prefix("</") {
                let len = name_on.find(|c| !is_name_char(c)).unwrap_or(name_on.len());
                if len == 0 {
                    self.pos += 1;
                    return Some(Token::Text(Cow::Borrowed("<")));
                }
                self.skip_to(start + 2 + len, ">");
                return Some(Token::End {
                    name: &name_on[..len],
                });
            } else {
                let name_on = &rest[1..];
                let len = name_on.find(|c| !is_name_char(c)).unwrap_or(name_on.len());
                if !name_on.starts_with(char::is_alphabetic) {
                    self.pos += 1;
                    return Some(Token::Text(Cow::Borrowed("<")));
                }
                let name = &name_on[..len];
                let after = start + 1 + len;
                let Some(end) = tag_end(src, after) else {
                    self.pos = src.len();
                    return None;
                };
                self.pos = end + 1;
                let inner = &src[after..end];
                let empty = inner.trim_end().ends_with('/');
                let attrs = inner.trim_end().trim_end_matches('/');
                return Some(Token::Start { name, attrs, empty });
            }
        }
    }
}

/// The value of attribute `name` (exact, or case-insensitive when `html`), entities decoded;
/// HTML's unquoted values are read too.
pub(crate) fn attr<'a>(attrs: &'a str, name: &str, html: bool) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let key_len = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        rest = rest[key_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], &body[(end + 1).min(body.len())..])
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = next;
            Some(value)
        } else {
            if key_len == 0 {
                // A stray character: step over it.
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            }
            None
        };
        let matches = if html {
            key.eq_ignore_ascii_case(name)
        } else {
            key == name
        };
        if matches {
            return Some(value.map_or(Cow::Borrowed(""), decode));
        }
    }
}

/// The name without its namespace prefix: `w:tbl` → `tbl`.
pub(crate) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The prefix of a name, empty when it has none: `w:tbl` → `w`.
pub(crate) fn prefix(name: &str) -> &str {
    name.rsplit_once(':').map_or("", |(p, _)| p)
}

const ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("shy", '\u{ad}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwsp", '\u{200b}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("middot", '·'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("times", '×'),
    ("deg", '°'),
];

/// Text with `&name;`, `&#NN;` and `&#xNN;` decoded; an unknown or broken entity stays as is.
pub(crate) fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest[1..]
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| {
                let name = &rest[1..1 + end];
                let c = if let Some(num) = name.strip_prefix('#') {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                } else {
                    ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
                };
                c.map(|c| (c, end + 2))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_word_flavoured_markup() {
        let src = "<?xml version=\"1.0\"?><!-- c --><w:p a='1>2'><w:t xml:space=\"preserve\">a &amp; b&#x4E00;&#20108;&bogus; &</w:t><w:br/><![CDATA[<x>]]></w:p><![if !x]>t<![endif]>< 3";
        let tokens: Vec<Token> = Tokens::new(src).collect();
        let texts: Vec<String> = tokens
            .iter()
            .filter_map(|t| match t {
                Token::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a & b一二&bogus; &", "<x>", "t", "<", " 3"]);
        assert!(matches!(
            tokens[0],
            Token::Start {
                name: "w:p",
                attrs: " a='1>2'",
                empty: false
            }
        ));
        assert!(tokens.contains(&Token::Start {
            name: "w:br",
            attrs: "",
            empty: true
        }));
        assert_eq!(
            attr(" a='1>2' b=x C=\"&lt;\"", "c", true).as_deref(),
            Some("<")
        );
        assert_eq!(attr(" a='1>2' b=x", "b", true).as_deref(), Some("x"));
        assert_eq!(
            attr(" w:val=\"restart\"", "w:val", false).as_deref(),
            Some("restart")
        );
        assert_eq!(
            attr(" nowrap rowspan=3", "rowspan", true).as_deref(),
            Some("3")
        );
        assert_eq!(attr(" a=1", "b", true), None);
    }
}
