//! Device keys: Ed25519 signatures over a device's chain head, verified in pure Rust.
//!
//! Verification always runs here (`ed25519-dalek`, `verify_strict`), whichever side signed.
//! Signing normally happens in the browser's WebCrypto with a non-extractable private key;
//! [`SigningKey`] signs where the browser lacks Ed25519, and in tests. Ed25519 is
//! deterministic (RFC 8032), so both produce the same signature for the same key and message.
//!
//! Every signed message starts with its own domain line (`duty-ledger head v1`,
//! `duty-ledger roster v1`), so a signature made for one purpose is never valid for another.

use ed25519_dalek::Signer as _;

use super::chain::{Digest, Head};
use crate::foundation::hex::hex_bytes;
use crate::ledger::DeviceId;

/// An Ed25519 public key; in files, 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PublicKey(pub [u8; 32]);

hex_bytes!(PublicKey, 32, "Ed25519 public key");

/// An Ed25519 signature; in files, 128 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature(pub [u8; 64]);

hex_bytes!(Signature, 64, "Ed25519 signature");

/// The first line of [`head_message`].
pub const HEAD_DOMAIN: &str = "duty-ledger head v1";

/// The bytes a device signs for the head of its chain in an export:
///
/// ```text
/// duty-ledger head v1\n{device}\n{unit}\n{seq}\n{hash}
/// ```
///
/// UTF-8, `\n` line ends, no final line end; `{device}` 16 lowercase hex digits, `{unit}` the
/// canonical unit name, `{seq}` decimal without leading zeros, `{hash}` 64 lowercase hex
/// digits. The unit is the only free text and sits between fixed-form fields, so no two
/// different (device, unit, head) give the same bytes. Signing the unit binds the device's
/// records to the unit it claims: a file cannot move them to another unit.
pub fn head_message(device: DeviceId, unit: &str, head: &Head) -> Vec<u8> {
    format!(
        "{HEAD_DOMAIN}\n{device}\n{unit}\n{}\n{}",
        head.seq,
        head.hash.to_hex()
    )
    .into_bytes()
}

/// [`head_message`] with the unit's contact (联系人 and phone) when the device gives one: two
/// more lines, the name and the number, so the contact shown on the other side is the one the
/// device signed. Neither can hold a line break ([`super::confirm::Contact::check`]), so a
/// message with a contact never reads as one without.
pub fn head_message_with(
    device: DeviceId,
    unit: &str,
    head: &Head,
    contact: Option<&super::confirm::Contact>,
) -> Vec<u8> {
    let mut message = head_message(device, unit, head);
    if let Some(contact) = contact {
        message.extend_from_slice(format!("\n{}\n{}", contact.name, contact.phone).as_bytes());
    }
    message
}

/// Whether `signature` is `key`'s Ed25519 signature of `message` (strict: small-order keys
/// and non-canonical signatures are refused, as RFC 8032 §5.1.7 and WebCrypto do).
pub fn verify(key: &PublicKey, message: &[u8], signature: &Signature) -> bool {
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key.0) else {
        return false;
    };
    let signature = ed25519_dalek::Signature::from_bytes(&signature.0);
    key.verify_strict(message, &signature).is_ok()
}

/// An Ed25519 private key held in memory, for browsers whose WebCrypto lacks Ed25519 and for
/// tests. Its `Debug` shows only the public key.
#[derive(Clone)]
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// The key whose RFC 8032 secret is `secret` (32 random bytes from
    /// `crypto.getRandomValues` for a new device).
    pub fn from_secret(secret: [u8; 32]) -> SigningKey {
        SigningKey(ed25519_dalek::SigningKey::from_bytes(&secret))
    }

    /// Its public key.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key().to_bytes())
    }

    /// The Ed25519 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature(self.0.sign(message).to_bytes())
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey(public {})", self.public().to_hex())
    }
}

/// Crockford's base32 alphabet: digits and capitals without I, L, O and U, so nothing read
/// over the phone is mistaken for 1, 0 or V.
pub const FINGERPRINT_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A key's fingerprint for reading over the phone: the first 80 bits of SHA-256 of the key in
/// Crockford base32, four groups of four, e.g. `7K3Q-M9XD-2H4T-RB8C`.
///
/// 80 bits: finding another key with the same fingerprint takes about 2^80 tries.
pub fn fingerprint(key: &PublicKey) -> String {
    let digest = Digest::of(&key.0);
    let bits = digest.0[..10]
        .iter()
        .fold(0u128, |acc, &b| acc << 8 | u128::from(b));
    let mut out = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let index = (bits >> (75 - 5 * i)) & 31;
        out.push(char::from(FINGERPRINT_ALPHABET[index as usize]));
    }
    out
}
