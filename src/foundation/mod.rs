//! Foundations every layer stands on, depending on nothing of the app: dates and times
//! ([`time`]), record and device ids ([`ids`]), the causal stamp and last-writer-wins order
//! ([`hlc`]), SHA-256 digests ([`digest`]), hex ([`hex`]) and Base64 ([`base64`]), and the RFC 8785 canonical JSON
//! pieces ([`canonical`]). `plan`, `ledger`, `trust` and everything above import from here;
//! nothing here imports from them.

pub mod base64;
pub mod canonical;
pub mod digest;
pub mod hex;
pub mod hlc;
pub mod ids;
pub mod time;
