//! Records the office can trust without a server: causal order, one signed hash chain per
//! device, and a roster of the devices this device trusts (设备名册).
//!
//! Everything here is pure: no browser types, no clock, no randomness. The browser shell
//! brings the time, the random bytes of a new key and the stored state; this module decides.
//!
//! # The model
//!
//! **Who writes.** Every record is written by one device (a tablet or a browser profile), and
//! every device belongs to one unit. A device makes an Ed25519 key pair on first use (WebCrypto
//! with a non-extractable private key where the browser has it, [`keys::SigningKey`] where it
//! does not); its public key *is* its identity as far as other devices are concerned, and
//! [`keys::fingerprint`] is how two people compare it over the phone.
//!
//! **Causal order.** "Latest" is decided by a hybrid logical clock ([`hlc::Hlc`]): wall
//! milliseconds plus a counter, always greater than every stamp the device already holds. So an
//! edit made after seeing a record wins over it whatever the tablet's clock says, while a
//! clock set years ahead is caught on import ([`hlc::too_far_ahead`]). Last-writer-wins orders
//! records by [`hlc::Rank`]: (stamp, device, record id), a total order on distinct records.
//!
//! **Per-device chains (留痕).** Each record a device writes carries its sequence number and
//! the SHA-256 of that device's previous record ([`chain`]). One chain per device, not one per
//! ledger, because devices write concurrently and offline: a device can only vouch for the
//! order of what it wrote itself, and a per-device chain never needs merging. Two tabs of one
//! device share one chain: the next link is taken inside the storage transaction that writes
//! the record ([`chain::seal`]), so the chain never forks.
//!
//! **Who signs what.** An export carries, for each device whose records are in it, that
//! device's public key and its signature over the latest (sequence, hash) of its chain that
//! the file carries ([`keys::head_message`]). The signature covers the head; the hash chain
//! covers every record before it. So one signature per device per file proves that none of its
//! records was altered, dropped from the middle or reordered ([`chain::verify_segment`]).
//!
//! **What a relay carries.** The office's 全部 export passes every device's records and its
//! signed head on unchanged: the office cannot re-sign another device's records and does not
//! need to. A unit receiving the office's file verifies each device's chain against that
//! device's own key, exactly as if it had the device's own file. A segment may start after
//! sequence 1 (older records simply not carried); it must end at the signed head.
//!
//! **Whom to believe.** A signature proves a key wrote the records, not that the key belongs
//! to the unit it claims. That is the [`roster`]'s job: a device never seen before is 新设备
//! until someone on this device chooses 信任此设备 (after confirming the fingerprint by
//! phone), or until the office's signed roster vouches for it ([`roster::RosterFile`]) and
//! the office's own device is one this device trusts. A device id known under another key,
//! or a known device claiming another unit, is refused. A revoked device's later records are
//! refused and its earlier ones marked.
//!
//! Nothing here produces user-facing text: every problem is a typed value, and the caller
//! words it through the catalogue in `crate::i18n`.

#![warn(missing_docs)]

pub mod chain;
pub mod confirm;
pub mod hlc;
pub mod keys;
pub mod marks;
pub mod record;
pub mod roster;

pub use chain::{ChainProblem, Digest, Head, Link, fork, next_link, seal, verify_segment};
pub use confirm::{Contact, ContactProblem, confirms, confirms_all, spot_check};
pub use hlc::{Hlc, Rank};
pub use keys::{
    PublicKey, Signature, SigningKey, fingerprint, head_message, head_message_with, verify,
};
pub use roster::{Device, Revocation, Roster, RosterEntry, RosterFile, Trust, Verdict};
