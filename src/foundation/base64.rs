//! Base64 (RFC 4648 §4, the standard alphabet with `=` padding), strict: what `btoa` writes
//! and nothing else. No line breaks, no white space, padding required, and the unused bits of
//! the last group zero, so every byte string has exactly one text and a text one byte string.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// How long the text of `bytes` bytes is.
pub fn encoded_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

/// Appends the text of `bytes` to `out`.
pub fn encode_into(bytes: &[u8], out: &mut String) {
    out.reserve(encoded_len(bytes.len()));
    let mut chunks = bytes.chunks_exact(3);
    let digit = |v: u32, shift: u32| char::from(ALPHABET[((v >> shift) & 63) as usize]);
    for chunk in &mut chunks {
        let v = u32::from(chunk[0]) << 16 | u32::from(chunk[1]) << 8 | u32::from(chunk[2]);
        out.extend([digit(v, 18), digit(v, 12), digit(v, 6), digit(v, 0)]);
    }
    match *chunks.remainder() {
        [a] => {
            let v = u32::from(a) << 16;
            out.extend([digit(v, 18), digit(v, 12), '=', '=']);
        }
        [a, b] => {
            let v = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend([digit(v, 18), digit(v, 12), digit(v, 6), '=']);
        }
        _ => {}
    }
}

/// The text of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    encode_into(bytes, &mut out);
    out
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// The bytes of a strict Base64 text, into `out` (cleared first, its room reused); `false`
/// when the text is not strict Base64.
pub fn decode_into(text: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    if !text.len().is_multiple_of(4) {
        return false;
    }
    out.reserve(text.len() / 4 * 3);
    let groups = text.len() / 4;
    for (n, group) in text.chunks_exact(4).enumerate() {
        let last = n + 1 == groups;
        let pad = if last {
            group.iter().rev().take_while(|c| **c == b'=').count()
        } else {
            0
        };
        if pad > 2 {
            return false;
        }
        let mut v = 0u32;
        for &c in &group[..4 - pad] {
            let Some(d) = value(c) else { return false };
            v = v << 6 | d;
        }
        v <<= 6 * pad as u32;
        let bytes = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
        // The bits the padding leaves unused are zero.
        if (pad == 1 && bytes[2] != 0) || (pad == 2 && (bytes[1] != 0 || bytes[2] != 0)) {
            return false;
        }
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    true
}

/// The bytes of a strict Base64 text, or `None`.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    decode_into(text.as_bytes(), &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        for (plain, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), text);
            assert_eq!(decode(text).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn only_the_strict_form_is_read() {
        for bad in [
            "Zg", "Zg=", "Zh==", "Zm9=", "Zm 9v", "Zm9v\n", "Z===", "====", "Zm9-", "=Zm9",
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_byte_string_round_trips() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for len in 0..40 {
            assert_eq!(decode(&encode(&bytes[..len])).unwrap(), &bytes[..len]);
        }
        assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
    }
}
