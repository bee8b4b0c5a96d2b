//! Lowercase hex for fixed-size byte strings (digests, keys, signatures), and the
//! `hex_bytes!` macro that gives a newtype over `[u8; N]` its hex parse, display and serde.
/// `bytes` as lowercase hex.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// Exactly `2 * N` lowercase hex digits, or `None`.
pub fn decode<const N: usize>(text: &str) -> Option<[u8; N]> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    let text = text.as_bytes();
    if text.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (i, pair) in text.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// Serde as lowercase hex of a fixed length for a newtype over `[u8; N]`, plus `parse`,
/// `Display` and `Debug` in the same form.
macro_rules! hex_bytes {
    ($name:ident, $n:literal, $what:literal) => {
        impl $name {
            #[doc = concat!("Parses exactly ", stringify!($n), " bytes written as lowercase hex (", $what, ").")]
            pub fn parse(text: &str) -> Option<$name> {
                crate::foundation::hex::decode::<$n>(text).map($name)
            }

            #[doc = concat!("The ", $what, " as lowercase hex.")]
            pub fn to_hex(&self) -> String {
                crate::foundation::hex::encode(&self.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.to_hex())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.to_hex())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_hex())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(concat!(
                        "not a ",
                        $what,
                        " (",
                        stringify!($n),
                        " bytes as lowercase hex)"
                    ))
                })
            }
        }
    };
}
pub(crate) use hex_bytes;
