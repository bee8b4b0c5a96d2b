//! The strict reader every received file goes through first: one pass over the text, without
//! building a tree of values. It checks the syntax (RFC 8259, nothing more: no comments, no
//! trailing commas, no lone surrogates, no numbers JavaScript cannot hold), refuses a key twice
//! in one object anywhere (naming its path), measures the nesting depth, finds the first
//! over-long string by its path, and writes the canonical text (RFC 8785) as it goes.
//!
//! Memory: the canonical text (at most the size of the input), 12 bytes per member of the
//! objects open at a time (one object's worth: members are dropped when it closes), and one
//! scratch copy of the largest object below the top level, reused. The top-level object is
//! never copied: its members are hashed in order from where they were written.
//!
//! The typed structs are then read from the same text by serde (see `validate.rs`); this
//! reader keeps the input ranges of the top-level members so that the few fields needed before
//! that (`format`, `format_version`, `plan`, `checksum`) are read alone.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::ops::Range;

use sha2::{Digest, Sha256};

use crate::foundation::canonical::{push_char, write_number};

/// Why text was refused before its meaning was looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    /// Not JSON; where it breaks (1-based line and column, in characters).
    Syntax { line: usize, column: usize },
    /// Nested deeper than the limit.
    TooDeep,
    /// A key twice in one object, by the path of the key (`records`, `records[3].change.kind`).
    DuplicateKey { path: String },
}

/// The bounds a scan enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_depth: usize,
    /// Strings (values and keys) longer than this, in characters, are reported by path.
    pub max_string_chars: usize,
    /// A top-level member holding bulk data (an exchange file's `files`: attached files in
    /// Base64), with the longest string allowed in it. Its canonical text is never written
    /// (it is outside the checksum: each file is checked against its record's hash), so
    /// scanning it costs no memory beyond the input.
    pub bulk: Option<(&'static str, usize)>,
}

/// One member of the top-level object.
#[derive(Debug, Clone)]
struct TopMember {
    key: String,
    /// The value's text in the input.
    input: Range<usize>,
    /// `"key":value` in the canonical text.
    out: Range<usize>,
}

/// What one scan found: valid JSON, no duplicate keys, not too deep.
#[derive(Debug)]
pub struct Scanned<'a> {
    text: &'a str,
    out: Vec<u8>,
    /// The top-level object's members in canonical order; `None` when the top-level value is
    /// not an object.
    top: Option<Vec<TopMember>>,
    /// The first string longer than the limit, by path.
    pub long_string: Option<String>,
}

impl Scanned<'_> {
    /// Whether the text is one JSON object.
    pub fn is_object(&self) -> bool {
        self.top.is_some()
    }

    /// The input text of the top-level member `key`'s value.
    pub fn member(&self, key: &str) -> Option<&str> {
        self.top
            .as_ref()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &self.text[m.input.clone()])
    }

    /// Feeds the canonical text, leaving out the top-level members `skip`, to `sink`.
    fn emit(&self, skip: &[&str], mut sink: impl FnMut(&[u8])) {
        let Some(top) = &self.top else {
            sink(&self.out);
            return;
        };
        sink(b"{");
        let mut first = true;
        // A bulk member has no canonical text (see `Limits::bulk`).
        for member in top
            .iter()
            .filter(|m| !skip.contains(&m.key.as_str()) && !m.out.is_empty())
        {
            if !first {
                sink(b",");
            }
            first = false;
            sink(&self.out[member.out.clone()]);
        }
        sink(b"}");
    }

    /// The canonical text (RFC 8785) without the top-level members `skip`.
    pub fn canonical_without(&self, skip: &[&str]) -> String {
        let mut text = Vec::with_capacity(self.out.len());
        self.emit(skip, |part| text.extend_from_slice(part));
        String::from_utf8(text).expect("the canonical text is built from UTF-8")
    }

    /// Lowercase hex SHA-256 of the canonical text without the top-level members `skip`,
    /// hashed as it is read out (the text is never put together).
    pub fn sha256_without(&self, skip: &[&str]) -> String {
        let mut hasher = Sha256::new();
        self.emit(skip, |part| hasher.update(part));
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Scans `text` (see the module's documentation).
pub fn scan(text: &str, limits: Limits) -> Result<Scanned<'_>, ScanError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        // Room for a records part; a bulk member (attached files) writes nothing here.
        out: Vec::with_capacity((text.len() / 2).min(super::MAX_FILE_BYTES / 2)),
        members: Vec::new(),
        path: Vec::new(),
        depth: 0,
        limits,
        long_string: None,
        scratch: Vec::new(),
        top: None,
        quiet: None,
    };
    reader.skip_space();
    reader.value()?;
    reader.skip_space();
    if reader.pos != reader.bytes.len() {
        return Err(reader.syntax());
    }
    let Reader {
        out,
        top,
        long_string,
        ..
    } = reader;
    Ok(Scanned {
        text,
        out,
        top,
        long_string,
    })
}

/// The canonical text (RFC 8785) of JSON `text`, with the default limits of received files.
pub fn canonical(text: &str) -> Result<String, ScanError> {
    scan(text, default_limits()).map(|s| s.canonical_without(&[]))
}

/// The limits of received files (`MAX_DEPTH`, `MAX_STRING_CHARS`).
pub fn default_limits() -> Limits {
    Limits {
        max_depth: super::MAX_DEPTH,
        max_string_chars: super::MAX_STRING_CHARS,
        bulk: Some((super::FILES_MEMBER, super::MAX_BASE64_CHARS)),
    }
}

/// One member of an open object: its key's raw text in the input (between the quotes) and
/// `"key":value` in the canonical text. Offsets fit in `u32`: files are at most 10 MB.
#[derive(Debug, Clone)]
struct Member {
    key: (u32, u32),
    out: (u32, u32),
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// A key by its raw text in the input.
    Key(u32, u32),
    Index(usize),
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    out: Vec<u8>,
    /// Members of every open object, innermost last.
    members: Vec<Member>,
    path: Vec<Step>,
    depth: usize,
    limits: Limits,
    long_string: Option<String>,
    scratch: Vec<u8>,
    top: Option<Vec<TopMember>>,
    /// Inside the bulk member: the longest string allowed there. Strings are then not written
    /// to the canonical text.
    quiet: Option<usize>,
}

/// A raw key or string (between the quotes, already checked) with its escapes resolved.
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        let c = match chars.next() {
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let high = hex_unit(&mut chars);
                let code = if (0xd800..0xdc00).contains(&high) {
                    // Checked by the scan: a low surrogate escape follows.
                    chars.next();
                    chars.next();
                    let low = hex_unit(&mut chars);
                    0x10000 + ((high - 0xd800) << 10) + (low.wrapping_sub(0xdc00) & 0x3ff)
                } else {
                    high
                };
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            Some(other) => other,
            None => break,
        };
        text.push(c);
    }
    Cow::Owned(text)
}

fn hex_unit(chars: &mut std::str::Chars<'_>) -> u32 {
    chars
        .by_ref()
        .take(4)
        .fold(0, |v, h| v * 16 + h.to_digit(16).unwrap_or(0))
}

/// Keys sort by their UTF-16 code units (RFC 8785 §3.2.3), as JavaScript's `sort` does.
fn key_order(text: &str, a: (u32, u32), b: (u32, u32)) -> Ordering {
    let a = &text[a.0 as usize..a.1 as usize];
    let b = &text[b.0 as usize..b.1 as usize];
    if a.is_ascii() && b.is_ascii() && !a.contains('\\') && !b.contains('\\') {
        return a.cmp(b);
    }
    unescape(a).encode_utf16().cmp(unescape(b).encode_utf16())
}

impl Reader<'_> {
    fn syntax(&self) -> ScanError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ScanError::Syntax { line, column }
    }

    fn path_text(&self, last: Option<Step>) -> String {
        let mut path = String::new();
        for step in self.path.iter().copied().chain(last) {
            match step {
                Step::Key(start, end) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&unescape(&self.text[start as usize..end as usize]));
                }
                Step::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        path
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ScanError> {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn value(&mut self) -> Result<(), ScanError> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let (_, chars) = self.string()?;
                let max = self.quiet.unwrap_or(self.limits.max_string_chars);
                if chars > max && self.long_string.is_none() {
                    self.long_string = Some(self.path_text(None));
                }
                Ok(())
            }
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax()),
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), ScanError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            self.out.extend_from_slice(word.as_bytes());
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number, written as ECMAScript writes the double it denotes.
    fn number(&mut self) -> Result<(), ScanError> {
        let start = self.pos;
        if self.bytes[self.pos] == b'-' {
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax()),
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax());
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax());
            }
        }
        let value = crate::foundation::canonical::parse_number(&self.text[start..self.pos]);
        match value {
            Some(value) if value.is_finite() => {
                write_number(value, &mut self.out);
                Ok(())
            }
            // Beyond what a double holds: JavaScript would read Infinity.
            _ => {
                self.pos = start;
                Err(self.syntax())
            }
        }
    }

    /// A string at `pos`, written in canonical form; its raw content range in the input and
    /// its length in characters.
    fn string(&mut self) -> Result<((u32, u32), usize), ScanError> {
        self.pos += 1;
        let start = self.pos;
        self.out.push(b'"');
        let mut chars = 0;
        loop {
            let run = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            let plain = &self.bytes[run..self.pos];
            chars += plain.iter().filter(|b| (**b & 0xc0) != 0x80).count();
            if self.quiet.is_none() {
                self.out.extend_from_slice(plain);
            }
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    let end = self.pos;
                    self.pos += 1;
                    self.out.push(b'"');
                    return Ok(((start as u32, end as u32), chars));
                }
                Some(b'\\') => {
                    let c = self.escape()?;
                    chars += 1;
                    if self.quiet.is_none() {
                        push_char(c, &mut self.out);
                    }
                }
                _ => return Err(self.syntax()),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ScanError> {
        let hex = self
            .bytes
            .get(self.pos..self.pos + 4)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| self.syntax())?;
        let value = hex
            .iter()
            .fold(0, |v, h| v * 16 + (*h as char).to_digit(16).unwrap_or(0));
        self.pos += 4;
        Ok(value)
    }

    /// The character an escape at `pos` stands for. A lone surrogate is refused (it cannot
    /// be text in Rust, and serde refuses it too).
    fn escape(&mut self) -> Result<char, ScanError> {
        self.pos += 1;
        let Some(&kind) = self.bytes.get(self.pos) else {
            return Err(self.syntax());
        };
        self.pos += 1;
        Ok(match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let code = match high {
                    0xd800..=0xdbff => {
                        if !self.bytes[self.pos..].starts_with(b"\\u") {
                            return Err(self.syntax());
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return Err(self.syntax());
                        }
                        0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
                    }
                    0xdc00..=0xdfff => return Err(self.syntax()),
                    code => code,
                };
                char::from_u32(code).ok_or_else(|| self.syntax())?
            }
            _ => {
                self.pos -= 1;
                return Err(self.syntax());
            }
        })
    }

    fn enter(&mut self) -> Result<(), ScanError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(ScanError::TooDeep);
        }
        Ok(())
    }

    fn array(&mut self) -> Result<(), ScanError> {
        self.enter()?;
        self.pos += 1;
        self.out.push(b'[');
        self.skip_space();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
        } else {
            let mut index = 0;
            loop {
                if index > 0 {
                    self.out.push(b',');
                }
                self.path.push(Step::Index(index));
                self.skip_space();
                self.value()?;
                self.path.pop();
                self.skip_space();
                match self.bytes.get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.syntax()),
                }
                index += 1;
            }
        }
        self.out.push(b']');
        self.depth -= 1;
        Ok(())
    }

    fn object(&mut self) -> Result<(), ScanError> {
        self.enter()?;
        let top_level = self.depth == 1;
        self.pos += 1;
        self.out.push(b'{');
        let content = self.out.len();
        let first = self.members.len();
        let mut inputs = Vec::new();
        self.skip_space();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
        } else {
            loop {
                if self.members.len() > first {
                    self.out.push(b',');
                }
                let start = self.out.len();
                self.skip_space();
                if self.bytes.get(self.pos) != Some(&b'"') {
                    return Err(self.syntax());
                }
                let (key, chars) = self.string()?;
                if chars > self.limits.max_string_chars && self.long_string.is_none() {
                    self.long_string = Some(self.path_text(Some(Step::Key(key.0, key.1))));
                }
                self.skip_space();
                self.expect(b':')?;
                self.out.push(b':');
                self.path.push(Step::Key(key.0, key.1));
                self.skip_space();
                let value_start = self.pos;
                let bulk = self.limits.bulk.filter(|(name, _)| {
                    top_level && &self.text[key.0 as usize..key.1 as usize] == *name
                });
                if let Some((_, max)) = bulk {
                    // Scanned for syntax, keys and lengths, written nowhere: its member gets an
                    // empty canonical text.
                    let kept = std::mem::take(&mut self.out);
                    self.quiet = Some(max);
                    let scanned = self.value();
                    self.quiet = None;
                    self.out = kept;
                    scanned?;
                    self.out.truncate(start);
                } else {
                    self.value()?;
                }
                self.path.pop();
                if top_level {
                    inputs.push(value_start..self.pos);
                }
                self.members.push(Member {
                    key,
                    out: (start as u32, self.out.len() as u32),
                });
                self.skip_space();
                match self.bytes.get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.syntax()),
                }
            }
        }
        self.close_object(first, content, top_level.then_some(inputs))
    }

    /// Sorts the members of the object that just closed, refuses a repeated key, and puts
    /// them in canonical order (the top level's are only listed in order, see `Scanned`).
    fn close_object(
        &mut self,
        first: usize,
        content: usize,
        top_inputs: Option<Vec<Range<usize>>>,
    ) -> Result<(), ScanError> {
        let text = self.text;
        let mut order: Vec<usize> = (0..self.members.len() - first).collect();
        {
            let members = &self.members[first..];
            order.sort_by(|a, b| key_order(text, members[*a].key, members[*b].key));
            if let Some(pair) = order.windows(2).find(|pair| {
                key_order(text, members[pair[0]].key, members[pair[1]].key) == Ordering::Equal
            }) {
                let later = pair[0].max(pair[1]);
                let key = members[later].key;
                return Err(ScanError::DuplicateKey {
                    path: self.path_text(Some(Step::Key(key.0, key.1))),
                });
            }
        }
        if let Some(inputs) = top_inputs {
            let members = &self.members[first..];
            self.top = Some(
                order
                    .iter()
                    .map(|&i| TopMember {
                        key: unescape(&text[members[i].key.0 as usize..members[i].key.1 as usize])
                            .into_owned(),
                        input: inputs[i].clone(),
                        out: members[i].out.0 as usize..members[i].out.1 as usize,
                    })
                    .collect(),
            );
        } else if order.windows(2).any(|pair| pair[0] > pair[1]) {
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.out[content..]);
            self.out.truncate(content);
            for (n, &i) in order.iter().enumerate() {
                if n > 0 {
                    self.out.push(b',');
                }
                let (start, end) = self.members[first + i].out;
                self.out.extend_from_slice(
                    &self.scratch[start as usize - content..end as usize - content],
                );
            }
        }
        self.members.truncate(first);
        self.out.push(b'}');
        self.depth -= 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            max_depth: 16,
            max_string_chars: 10,
            bulk: Some(("bulk", 20)),
        }
    }

    #[test]
    fn canonical_text_sorts_keys_at_every_level_and_drops_space() {
        assert_eq!(
            canonical(r#" { "b" : [1, {"z": true, "a": null}], "a": "x" } "#).unwrap(),
            r#"{"a":"x","b":[1,{"a":null,"z":true}]}"#
        );
    }

    #[test]
    fn duplicate_keys_are_refused_by_path() {
        let dup = |text: &str| match scan(text, limits()) {
            Err(ScanError::DuplicateKey { path }) => path,
            other => panic!("{other:?}"),
        };
        assert_eq!(dup(r#"{"records":[],"a":1,"records":[]}"#), "records");
        assert_eq!(
            dup(r#"{"records":[{},{},{},{"change":{"kind":"a","kind":"b"}}]}"#),
            "records[3].change.kind"
        );
        // The same key spelt with an escape is the same key.
        assert_eq!(dup(r#"{"a\u0062":1,"ab":2}"#), "ab");
    }

    #[test]
    fn syntax_is_strict() {
        for bad in [
            "{",
            r#"{"a":1,}"#,
            "[1,]",
            "01",
            "1.",
            "-",
            ".5",
            "1e",
            r#""\ud800""#,
            r#""\udc00x""#,
            "\"tab\there\"",
            r#""\x""#,
            "nul",
            "{} {}",
            "1e400",
            "// no comments",
        ] {
            assert!(
                matches!(scan(bad, limits()), Err(ScanError::Syntax { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            scan("{\n  \"a\": tru\n}", limits()).unwrap_err(),
            ScanError::Syntax { line: 2, column: 8 }
        );
    }

    #[test]
    fn depth_and_long_strings_are_measured() {
        let deep = format!("{}{}", "[".repeat(17), "]".repeat(17));
        assert_eq!(scan(&deep, limits()).unwrap_err(), ScanError::TooDeep);
        let ok = format!("{}{}", "[".repeat(16), "]".repeat(16));
        assert!(scan(&ok, limits()).is_ok());
        let scanned = scan(
            r#"{"a":[{"b":"0123456789"},{"c":"01234567890"}]}"#,
            limits(),
        );
        assert_eq!(scanned.unwrap().long_string.as_deref(), Some("a[1].c"));
        // Characters, not bytes; an escape is one character.
        let scanned = scan(r#"{"a":"一二三四五六七八九\u5341"}"#, limits()).unwrap();
        assert_eq!(scanned.long_string, None);
    }

    #[test]
    fn strings_come_out_as_json_stringify_writes_them() {
        assert_eq!(
            canonical(r#""\u00e9\/\u001F\b\u2028😀\ud83d\ude00""#).unwrap(),
            "\"é/\\u001f\\b\u{2028}😀😀\""
        );
    }

    #[test]
    fn keys_sort_by_utf16_units() {
        // U+FF61 sorts after U+1F600 in UTF-8 but before it in UTF-16.
        assert_eq!(
            canonical("{\"\u{ff61}\":1,\"\u{1f600}\":2}").unwrap(),
            "{\"\u{1f600}\":2,\"\u{ff61}\":1}"
        );
    }

    #[test]
    fn top_level_members_are_read_alone_and_skipped_in_the_hash() {
        let text = r#"{"z":1,"checksum":{"value":"x"},"a":[2]}"#;
        let scanned = scan(text, limits()).unwrap();
        assert_eq!(scanned.member("checksum"), Some(r#"{"value":"x"}"#));
        assert_eq!(scanned.member("a"), Some("[2]"));
        assert_eq!(
            scanned.canonical_without(&["checksum"]),
            r#"{"a":[2],"z":1}"#
        );
        assert_eq!(
            scanned.sha256_without(&["checksum"]),
            crate::foundation::canonical::sha256_hex(br#"{"a":[2],"z":1}"#)
        );
    }

    #[test]
    fn the_bulk_member_is_checked_but_has_no_canonical_text() {
        let text = r#"{"z":1,"bulk":[{"b":"01234567890123456789","a":"x"}],"a":[2]}"#;
        let scanned = scan(text, limits()).unwrap();
        assert_eq!(scanned.long_string, None);
        assert_eq!(scanned.canonical_without(&[]), r#"{"a":[2],"z":1}"#);
        assert_eq!(
            scanned.member("bulk"),
            Some(r#"[{"b":"01234567890123456789","a":"x"}]"#)
        );
        // Its strings have their own limit, and its keys are still checked.
        let long = r#"{"bulk":["012345678901234567890"]}"#;
        assert_eq!(
            scan(long, limits()).unwrap().long_string.as_deref(),
            Some("bulk[0]")
        );
        assert!(matches!(
            scan(r#"{"bulk":[{"a":1,"a":2}]}"#, limits()),
            Err(ScanError::DuplicateKey { .. })
        ));
        assert!(matches!(
            scan(r#"{"bulk":["x",]}"#, limits()),
            Err(ScanError::Syntax { .. })
        ));
        // Only at the top level.
        assert_eq!(
            scan(r#"{"a":{"bulk":"01234567890"}}"#, limits())
                .unwrap()
                .long_string
                .as_deref(),
            Some("a.bulk")
        );
        let first = scan(r#"{"bulk":[],"b":1}"#, limits()).unwrap();
        assert_eq!(first.canonical_without(&[]), r#"{"b":1}"#);
    }

    #[test]
    fn numbers_in_text_read_as_doubles() {
        assert_eq!(
            canonical("[9007199254740993, 1E2, 0.0000050, -0, 1e-7]").unwrap(),
            "[9007199254740992,100,0.000005,0,1e-7]"
        );
    }

    #[test]
    fn the_text_and_the_value_canonicalisers_agree() {
        let text = r#"{"z":[1,2.5e-7,{"é":"\u0001","a":null}],"b":true,"10":"x","1":-0.0}"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            canonical(text).unwrap(),
            crate::foundation::canonical::to_string(&value)
        );
    }
}
