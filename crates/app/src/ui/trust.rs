//! The device roster and this device's key, as app state: loading and saving the roster,
//! signing this device's head at export, and the roster's verdict on each device of a
//! received file. The decisions are the trust core's (`crate::trust`); this moves data.

use leptos::prelude::*;

use super::store::Store;
use crate::browser::{clock, device_keys};
use crate::exchange::file::{own_head, usable_proofs};
use crate::exchange::{DeviceProof, ExchangeFile, Scope, export};
use crate::ledger::DeviceId;
use crate::plan::UnitId;
use crate::plan::spec::PlanSpec;
use crate::trust::keys::{PublicKey, Signature};
use crate::trust::roster::{
    AdoptReport, Refusal, Roster, RosterFile, RosterFileProblem, RosterProblem, Verdict,
    roster_message,
};
use crate::trust::{fingerprint, head_message_with};

/// The roster and this device's identity, shared by the screens.
#[derive(Clone, Copy)]
pub struct Trust {
    pub roster: RwSignal<Roster>,
    /// This device's fingerprint once its key exists.
    pub fingerprint: RwSignal<Option<String>>,
}

/// The key under which the roster is kept (one entry: the roster merges as a whole).
const ROSTER_KEY: &str = "roster";

impl Trust {
    pub fn init() -> Trust {
        let trust = Trust {
            roster: RwSignal::new(Roster::new()),
            fingerprint: RwSignal::new(None),
        };
        leptos::task::spawn_local(trust.load());
        trust
    }

    async fn load(self) {
        let stored = device_keys::load_roster().await.unwrap_or_default();
        let mut roster = Roster::new();
        for text in stored {
            if let Ok(other) = serde_json::from_str::<Roster>(&text) {
                roster.merge(&other);
            }
        }
        self.roster.maybe_update(|r| {
            let before = r.clone();
            r.merge(&roster);
            *r != before
        });
    }

    /// Saves the roster (merged with what another tab saved meanwhile).
    pub async fn save(self) -> bool {
        self.load().await;
        let text = serde_json::to_string(&self.roster.get_untracked()).expect("rosters serialise");
        device_keys::put_roster(&[(ROSTER_KEY.to_string(), text)])
            .await
            .is_ok()
    }

    /// This device's key for `store`'s device and unit, made on first use and entered in the
    /// roster as this device's own.
    pub async fn own_key(
        self,
        store: Store,
    ) -> Result<device_keys::DeviceKey, device_keys::KeyError> {
        let (device, unit) = store.profile.with_untracked(|p| (p.device, p.unit));
        let unit = unit.map(|u| u.name()).unwrap_or_default();
        let key = device_keys::device_key(device, unit).await?;
        let public = PublicKey(key.public_key());
        self.fingerprint.set(Some(fingerprint(&public)));
        let known = self
            .roster
            .with_untracked(|r| r.get(device, unit, &public).is_some());
        if !known {
            self.roster.update(|r| {
                let _ = r.add_own(device, unit, public, clock::now().utc_ms);
            });
            self.save().await;
        }
        Ok(key)
    }

    /// The text of an export of `scope`: this device's head signed now, and the proofs it
    /// received for the other devices' records.
    pub async fn export_text(self, store: Store, scope: Scope) -> Option<String> {
        self.export_with_files(store, scope)
            .await
            .map(|(text, _)| text)
    }

    /// [`Trust::export_text`], with the files its records name (each once), for an export
    /// with attachments.
    pub async fn export_with_files(
        self,
        store: Store,
        scope: Scope,
    ) -> Option<(String, Vec<crate::ledger::Attachment>)> {
        // A record still being written is sealed, and so carried, once its write is done.
        store.written().await;
        let (device, unit, contact) = store
            .profile
            .with_untracked(|p| (p.device, p.unit, p.contact.clone()));
        let unit = unit?;
        let stored = store.stored_proofs().await;
        let mut proofs = store.ledger.with_untracked(|l| usable_proofs(l, &stored));
        if let Some(head) = store.ledger.with_untracked(|l| own_head(l, device)) {
            let key = self.own_key(store).await.ok()?;
            let message = head_message_with(device, unit.name(), &head, contact.as_ref());
            let signature = Signature(key.sign(&message).await.ok()?);
            proofs.retain(|p| p.device != device);
            proofs.push(DeviceProof {
                device,
                unit: unit.name().to_string(),
                public_key: PublicKey(key.public_key()),
                head,
                signature,
                contact,
            });
        }
        let at = clock::now();
        Some(store.ledger.with_untracked(|l| {
            let text = export(l, unit, device, scope, at, &proofs);
            let (_, records) = crate::exchange::file::records_for(l, unit, scope, &proofs);
            let files = crate::evidence::kept::named_by(records)
                .into_iter()
                .cloned()
                .collect();
            (text, files)
        }))
    }

    /// The text of a plan file to send out: a received plan as it came (its issuer's
    /// signature intact); a plan of this device signed now when this device is the office's,
    /// otherwise unsigned (`false`: units will refuse it).
    pub async fn plan_text(self, store: Store, spec: PlanSpec) -> (String, bool) {
        use crate::exchange::plan_file::{self, PlanSignature, plan_message, table_hash};
        if let Some(stored) = crate::browser::plans::text(&spec.id)
            && let Ok((_, _, Some(_))) = plan_file::read_signed(stored.as_bytes())
        {
            return (stored, true);
        }
        let (device, unit) = store.profile.with_untracked(|p| (p.device, p.unit));
        let office = spec
            .units
            .iter()
            .find(|u| u.kind == crate::plan::spec::KindSpec::Coordinator)
            .map(|u| u.name.clone());
        let Some(unit) = unit
            .map(|u| u.name().to_string())
            .filter(|u| Some(u) == office.as_ref())
        else {
            return (plan_file::write(&spec), false);
        };
        let Ok(key) = self.own_key(store).await else {
            return (plan_file::write(&spec), false);
        };
        let message = plan_message(&spec.id, &table_hash(&spec), device, &unit);
        let Ok(signature) = key.sign(&message).await else {
            return (plan_file::write(&spec), false);
        };
        let signed = PlanSignature {
            device,
            unit,
            public_key: PublicKey(key.public_key()),
            signature: Signature(signature),
        };
        (plan_file::write_signed(&spec, Some(&signed)), true)
    }

    /// The roster's verdict on the device that issued a plan.
    pub fn plan_verdict(&self, signed: &crate::exchange::plan_file::PlanSignature) -> Verdict {
        self.roster
            .with_untracked(|r| r.judge(signed.device, &signed.unit, &signed.public_key, &[]))
    }

    /// 信任此设备 for the device that issued a plan.
    pub async fn trust_signer(self, signed: crate::exchange::plan_file::PlanSignature) -> bool {
        self.trust_key(signed.device, signed.unit, signed.public_key)
            .await
    }

    /// The roster's verdict on each device of a received file.
    pub fn verdicts(&self, file: &ExchangeFile) -> Vec<(DeviceProof, Verdict)> {
        self.roster
            .with_untracked(|roster| crate::exchange::admit::verdicts(roster, file))
    }

    /// 信任以上全部设备: every device of `proofs` trusted at once (one roster change, one
    /// save); a device the roster refuses stays out. Returns whether the roster was saved.
    pub async fn trust_all(self, proofs: Vec<DeviceProof>) -> bool {
        let at = clock::now().utc_ms;
        self.roster.update(|r| {
            for proof in &proofs {
                let _ = r.trust(proof.device, &proof.unit, proof.public_key, at);
            }
        });
        self.save().await
    }

    /// 信任此设备: the device of `proof` is trusted for its unit from now on.
    pub async fn trust(self, proof: DeviceProof) -> bool {
        self.trust_key(proof.device, proof.unit, proof.public_key)
            .await
    }

    /// 信任此设备 for `device` of `unit` under `key` (refused on a key or unit mismatch).
    async fn trust_key(
        self,
        device: crate::ledger::DeviceId,
        unit: String,
        key: PublicKey,
    ) -> bool {
        let mut refused = false;
        self.roster.update(|r| {
            refused = r.trust(device, &unit, key, clock::now().utc_ms).is_err();
        });
        !refused && self.save().await
    }

    /// Notes that files of these devices were applied now.
    pub async fn seen(self, proofs: &[DeviceProof]) {
        let at = clock::now().utc_ms;
        self.roster.update(|r| {
            for proof in proofs {
                r.seen(proof.device, &proof.public_key, at);
            }
        });
        self.save().await;
    }

    /// Revokes `device`: its records after the latest one held here are refused from now on.
    pub async fn revoke(self, store: Store, device: crate::ledger::DeviceId) -> bool {
        let last = store.ledger.with_untracked(|l| {
            l.events()
                .filter(|e| e.device == device)
                .filter_map(|e| e.seq)
                .max()
                .unwrap_or(0)
        });
        let mut found = false;
        self.roster
            .update(|r| found = r.revoke(device, last, clock::now().utc_ms));
        found && self.save().await
    }
}

/// Why an office roster was not adopted here.
#[derive(Debug, Clone, PartialEq)]
pub enum AdoptError {
    /// Not a roster, or not the office's ([`RosterFile::read`]).
    File(RosterFileProblem),
    /// The trust core refused it ([`Roster::adopt`]); the file is kept for 信任此设备.
    Roster(RosterProblem, Box<RosterFile>),
    /// Adopted in memory, but the roster could not be saved.
    NotSaved,
}

impl Trust {
    /// 信任此设备 for a device named by its parts (the office device of a roster file), saying
    /// why when refused. `Ok(false)` when trusted but not saved.
    pub async fn try_trust(
        self,
        device: DeviceId,
        unit: String,
        key: PublicKey,
    ) -> Result<bool, Refusal> {
        let mut result = Ok(());
        self.roster
            .update(|r| result = r.trust(device, &unit, key, clock::now().utc_ms));
        result?;
        Ok(self.save().await)
    }

    /// The office's roster, signed now by this device's key: its text and how many devices it
    /// lists.
    pub async fn export_roster(
        self,
        store: Store,
    ) -> Result<(String, usize), device_keys::KeyError> {
        let key = self.own_key(store).await?;
        let public = PublicKey(key.public_key());
        let entries = self.roster.with_untracked(Roster::vouchable);
        let made = clock::now().utc_ms;
        let message = roster_message(key.device(), key.unit(), &public, made, &entries);
        let signature = Signature(key.sign(&message).await?);
        let count = entries.len();
        let file =
            RosterFile::from_signature(key.device(), key.unit(), public, made, entries, signature);
        let text = serde_json::to_string_pretty(&file).expect("roster files serialise");
        Ok((text, count))
    }

    /// Adopts the office roster in `bytes` and saves the roster.
    pub async fn adopt(self, bytes: &[u8]) -> Result<AdoptReport, AdoptError> {
        let file =
            RosterFile::read(bytes, UnitId::coordinator().name()).map_err(AdoptError::File)?;
        self.load().await;
        let mut result = Err(RosterProblem::BadSignature);
        self.roster
            .update(|r| result = r.adopt(&file, clock::now().utc_ms));
        let report = result.map_err(|p| AdoptError::Roster(p, Box::new(file)))?;
        if self.save().await {
            Ok(report)
        } else {
            Err(AdoptError::NotSaved)
        }
    }
}

pub fn trust() -> Trust {
    expect_context::<Trust>()
}
