//! The canonical form the checksum is computed over: JSON Canonicalization Scheme (RFC 8785)
//! for the values this format uses: object keys sorted, no white space, strings escaped as
//! `JSON.stringify` does, numbers in their shortest form (integral values without a fraction).
//! Any JSON tool can recompute it, e.g. in JavaScript by sorting keys and calling
//! `JSON.stringify`.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Appends `text` as a JSON string, escaped as `JSON.stringify` does.
fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends the canonical text of `value` to `out`, leaving out the top-level keys `skip`.
pub fn write_without(value: &Value, skip: &[&str], out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            let mut first = true;
            for (key, item) in map.iter().filter(|(k, _)| !skip.contains(&k.as_str())) {
                if !first {
                    out.push(',');
                }
                first = false;
                write_string(key, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
        _ => write(value, out),
    }
}

/// Appends the canonical text of `value` to `out`.
pub fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (_, Some(u), _) => out.push_str(&u.to_string()),
            // Integral floats print like integers, as JavaScript prints them.
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => {
                out.push_str(&(f as i64).to_string())
            }
            _ => out.push_str(&n.to_string()),
        },
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        // serde_json's map keeps keys sorted (no `preserve_order` feature).
        Value::Object(_) => write_without(value, &[], out),
    }
}

pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
        assert_eq!(to_string(&json!(44000.0)), "44000");
        assert_eq!(to_string(&json!(4.7)), "4.7");
        assert_eq!(to_string(&json!(-0.5)), "-0.5");
        assert_eq!(to_string(&json!(99)), "99");
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
