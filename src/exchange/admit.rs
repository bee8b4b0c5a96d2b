//! Which of the roster's verdicts hold a received file back, and the file that passed them.
//!
//! A file that was read ([`ExchangeFile`]: every record checked, every chain and signature
//! verified) is not yet a file to apply: the roster must believe each of its devices. This
//! module decides that ([`admit`]) and gives the only way to a [`VerifiedFile`], the type the
//! apply path requires: a read file is a different type from one that may be applied.

use super::{DeviceProof, ExchangeFile};
use crate::ledger::Ledger;
use crate::trust::roster::{Roster, Verdict};

/// The roster's verdict on each device of `file` (the sequence numbers it carries of each
/// device are what a revocation is judged against).
pub fn verdicts(roster: &Roster, file: &ExchangeFile) -> Vec<(DeviceProof, Verdict)> {
    file.devices
        .iter()
        .map(|proof| {
            let seqs: Vec<u64> = file
                .records
                .events()
                .filter(|e| e.device == proof.device)
                .filter_map(|e| e.seq)
                .collect();
            (
                proof.clone(),
                roster.judge(proof.device, &proof.unit, &proof.public_key, &seqs),
            )
        })
        .collect()
}

/// Whether a verdict refuses the device's records: another key under a known id, another
/// unit, or records after a revocation.
pub fn refuses(verdict: &Verdict) -> bool {
    matches!(
        verdict,
        Verdict::KeyMismatch
            | Verdict::UnitMismatch { .. }
            | Verdict::Revoked {
                refused_from_seq: Some(_),
                ..
            }
    )
}

/// Whether a verdict waits for 信任此设备 (a device never seen here).
pub fn waits(verdict: &Verdict) -> bool {
    matches!(verdict, Verdict::New { .. })
}

/// Why a read file is held back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// A device the roster refuses (the first one) and the verdict: the file is refused.
    Refused(Box<(DeviceProof, Verdict)>),
    /// Devices never seen here, each with its fingerprint: the file waits for 信任此设备.
    Waits(Vec<(DeviceProof, String)>),
}

/// What holds `verdicts` back, if anything: a refused device first, else the new ones.
pub fn held(verdicts: &[(DeviceProof, Verdict)]) -> Option<Held> {
    if let Some((proof, verdict)) = verdicts.iter().find(|(_, v)| refuses(v)) {
        return Some(Held::Refused(Box::new((proof.clone(), verdict.clone()))));
    }
    let new: Vec<(DeviceProof, String)> = verdicts
        .iter()
        .filter_map(|(proof, v)| match v {
            Verdict::New { fingerprint, .. } => Some((proof.clone(), fingerprint.clone())),
            _ => None,
        })
        .collect();
    (!new.is_empty()).then_some(Held::Waits(new))
}

/// A read file whose every device the roster believes: the only kind of file the apply path
/// takes. Made only by [`admit`].
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedFile(ExchangeFile);

impl VerifiedFile {
    /// The file as read.
    pub fn file(&self) -> &ExchangeFile {
        &self.0
    }

    /// Its records.
    pub fn records(&self) -> &Ledger {
        &self.0.records
    }

    /// Its devices' proofs (kept so that what is stored of its records can be relayed).
    pub fn devices(&self) -> &[DeviceProof] {
        &self.0.devices
    }
}

/// `file` as a [`VerifiedFile`] when the roster believes every device it carries records
/// of, else what holds it back. The verdicts are asked here, of `roster` as it is now.
pub fn admit(roster: &Roster, file: &ExchangeFile) -> Result<VerifiedFile, Held> {
    match held(&verdicts(roster, file)) {
        Some(held) => Err(held),
        None => Ok(VerifiedFile(file.clone())),
    }
}
