//! The canonical form the checksum is computed over: JSON Canonicalization Scheme (RFC 8785)
//! for the values this format uses: object keys sorted, no white space, strings escaped as
//! `JSON.stringify` does, numbers in their shortest form (integral values without a fraction).
//! Any JSON tool can recompute it, e.g. in JavaScript by sorting keys and calling
//! `JSON.stringify`.

use serde_json::Value;
use sha2::{Digest, Sha256};

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
        Value::String(s) => {
            out.push_str(&serde_json::to_string(s).expect("strings serialise"));
        }
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
        Value::Object(map) => {
            // serde_json's map keeps keys sorted (no `preserve_order` feature).
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).expect("strings serialise"));
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
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
    fn the_hash_is_the_known_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
