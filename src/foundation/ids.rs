//! Record and device ids: random 64-bit tokens, written as 16 lowercase hex digits.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A random 64-bit token, written as 16 lowercase hex digits.
macro_rules! token_type {
    ($name:ident, $what:literal) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u64);

        impl $name {
            pub fn parse(text: &str) -> Result<$name, String> {
                let ok = text.len() == 16
                    && text
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                match u64::from_str_radix(text, 16) {
                    Ok(value) if ok => Ok($name(value)),
                    _ => Err(format!(
                        "{text:?} is not a valid {} (16 lowercase hex digits)",
                        $what
                    )),
                }
            }

            /// From random bytes (the browser's `crypto.getRandomValues`).
            pub fn from_random(bytes: [u8; 8]) -> $name {
                $name(u64::from_be_bytes(bytes))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:016x}", self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

token_type!(EventId, "event id");
token_type!(DeviceId, "device id");
