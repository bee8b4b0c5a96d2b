//! A SHA-256 digest, the link of every hash chain and a record's identity.

use sha2::Sha256;

use super::hex::hex_bytes;

/// A SHA-256 digest; in files, 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Digest(pub [u8; 32]);

hex_bytes!(Digest, 32, "SHA-256 digest");

impl Digest {
    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        use sha2::Digest as _;
        Digest(Sha256::digest(bytes).into())
    }
}
