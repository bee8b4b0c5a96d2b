//! The canonical form the checksum is computed over: the JSON Canonicalization Scheme
//! (RFC 8785). Object keys sorted by UTF-16 code units, no white space, strings escaped as
//! `JSON.stringify` escapes them, and numbers written as ECMAScript's `Number::toString`
//! writes the double they denote (RFC 8785 §3.2.2.3): `0.000005`, `1e-7`, `1e+21`,
//! `100000000000000000000`, `-0` as `0`. Any JSON tool can recompute it; in JavaScript the
//! snippet in `FORMAT.md` does.
//!
//! The text itself is produced by the strict reader (`json.rs`) in the same pass that checks a
//! file; this module holds the pieces it writes with.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Appends `c` as it appears inside a JSON string written by `JSON.stringify`.
pub fn push_char(c: char, out: &mut Vec<u8>) {
    match c {
        '"' => out.extend_from_slice(b"\\\""),
        '\\' => out.extend_from_slice(b"\\\\"),
        '\n' => out.extend_from_slice(b"\\n"),
        '\r' => out.extend_from_slice(b"\\r"),
        '\t' => out.extend_from_slice(b"\\t"),
        '\u{8}' => out.extend_from_slice(b"\\b"),
        '\u{c}' => out.extend_from_slice(b"\\f"),
        c if c < ' ' => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let code = c as usize;
            out.extend_from_slice(b"\\u00");
            out.push(HEX[code >> 4]);
            out.push(HEX[code & 15]);
        }
        c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
    }
}

/// The double a JSON number denotes, correctly rounded as `JSON.parse` reads it; `None` for
/// text that is not a number.
pub fn parse_number(text: &str) -> Option<f64> {
    serde_json::from_str::<f64>(text).ok()
}

/// The shortest digits that read back as `value` (a finite, non-zero magnitude), and the
/// decimal exponent `n` with `value = 0.d₁d₂… × 10ⁿ`. The digits come from serde_json's
/// float writer (shortest round trip, already in the app for writing records), whatever its
/// layout.
fn shortest_digits(value: f64) -> (Vec<u8>, i32) {
    let text = serde_json::to_string(&value.abs()).unwrap_or_default();
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut point = whole.len() as i32 + exponent;
    let mut digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    let leading = digits.iter().take_while(|d| **d == b'0').count();
    digits.drain(..leading);
    point -= leading as i32;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, point)
}

/// Appends `value` as ECMAScript's `Number::toString` writes it (ECMA-262 §6.1.6.1.20, the
/// number layout of RFC 8785). Not for NaN or infinities, which JSON cannot hold.
pub fn write_number(value: f64, out: &mut Vec<u8>) {
    if value == 0.0 || !value.is_finite() {
        out.push(b'0');
        return;
    }
    if value < 0.0 {
        out.push(b'-');
    }
    let (digits, n) = shortest_digits(value);
    let k = digits.len() as i32;
    if k <= n && n <= 21 {
        out.extend_from_slice(&digits);
        out.extend(std::iter::repeat_n(b'0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.extend_from_slice(&digits[..n as usize]);
        out.push(b'.');
        out.extend_from_slice(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-n) as usize));
        out.extend_from_slice(&digits);
    } else {
        out.push(digits[0]);
        if k > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        out.push(b'e');
        out.push(if n - 1 < 0 { b'-' } else { b'+' });
        out.extend_from_slice((n - 1).unsigned_abs().to_string().as_bytes());
    }
}

/// `value` as ECMAScript writes it.
pub fn number_text(value: f64) -> String {
    let mut out = Vec::new();
    write_number(value, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the canonical text of a JSON value (a record's digest, a plan's hash, a checksum
/// over a value); `exchange::json` writes the same text straight from a file's text.
pub fn write_value(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => write_number(n.as_f64().unwrap_or(f64::NAN), out),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push(b'{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(key, out);
                out.push(b':');
                write_value(&map[key], out);
            }
            out.push(b'}');
        }
    }
}

fn write_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in text.chars() {
        push_char(c, out);
    }
    out.push(b'"');
}

/// The canonical text of a JSON value.
pub fn to_string(value: &Value) -> String {
    let mut out = Vec::new();
    write_value(value, &mut out);
    String::from_utf8(out).expect("canonical text is UTF-8")
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a whole number as a JSON reader that holds every number as a double does (RFC 8785,
/// and `FORMAT.md`: "every number read as a double"): `3`, `3.0`, `3e0` and `0.3E1` are the
/// same number, and `1.6776324E12` is `1677632400000`. A number with a fraction, or outside
/// `T`, is an invalid value; anything but a number is of the wrong type. For
/// `#[serde(deserialize_with = "crate::foundation::canonical::whole")]`.
pub fn whole<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<i128>,
{
    use serde::de::{Error, Unexpected, Visitor};
    struct Whole<T>(std::marker::PhantomData<T>);
    impl<T: TryFrom<i128>> Visitor<'_> for Whole<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
            T::try_from(i128::from(v)).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
            T::try_from(i128::from(v)).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
            // Every double of 2^53 and above is whole; `as` is exact below 2^127.
            let exact = v.is_finite() && v.fract() == 0.0 && v.abs() < 1.7e38;
            exact
                .then(|| T::try_from(v as i128).ok())
                .flatten()
                .ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
        }
    }
    deserializer.deserialize_any(Whole(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_and_space_removed() {
        let value = json!({"b": [1, {"z": true, "a": null}], "a": "x"});
        assert_eq!(
            to_string(&value),
            r#"{"a":"x","b":[1,{"a":null,"z":true}]}"#
        );
    }

    #[test]
    fn numbers_print_like_javascript() {
        for (value, text) in [
            (44000.0, "44000"),
            (4.7, "4.7"),
            (-0.5, "-0.5"),
            (99.0, "99"),
            (0.000005, "0.000005"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (1e21, "1e+21"),
            (1.25e21, "1.25e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (9007199254740993.0, "9007199254740992"),
            (-0.0, "0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (123.456, "123.456"),
        ] {
            assert_eq!(number_text(value), text, "{value:e}");
        }
    }

    #[test]
    fn strings_escape_like_json_stringify() {
        assert_eq!(
            to_string(&json!("引号\"和\\换行\n\u{1}")),
            r#""引号\"和\\换行\n\u0001""#
        );
    }

    #[test]
    fn escaping_agrees_with_serde_json_for_every_control_character() {
        for c in (0u32..0x80).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                to_string(&json!(text)),
                serde_json::to_string(&text).unwrap(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn the_hash_is_the_known_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
