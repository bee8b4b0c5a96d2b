//! Who is using this device: the unit they work for, an optional name to sign notes with,
//! the interface language, and the device id created once on first open.

use serde::{Deserialize, Serialize};

use crate::foundation::time::Stamp;
use crate::i18n::Lang;
use crate::ledger::DeviceId;
use crate::plan::UnitId;
use crate::trust::Contact;

pub const PROFILE_SCHEMA_VERSION: u64 = 1;
pub const MAX_AUTHOR_CHARS: usize = crate::ledger::event::MAX_AUTHOR_CHARS;

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub device: DeviceId,
    pub unit: Option<UnitId>,
    pub author: Option<String>,
    pub lang: Lang,
    /// When this device last exported a file (the user's backup).
    pub last_export: Option<Stamp>,
    /// The unit's contact (联系人 and phone), signed into every export: whom to call to
    /// compare this device's fingerprint.
    pub contact: Option<Contact>,
}

#[derive(Serialize, Deserialize)]
struct ProfileDoc {
    schema_version: u64,
    device: DeviceId,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_export: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contact: Option<Contact>,
}

/// Why a stored profile was not used as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileProblem {
    Unreadable,
    NewerVersion(u64),
    UnknownUnit(String),
    /// The stored unit is a former name of a unit of the plan in use (a renamed bureau): the
    /// profile now names the unit as the plan does, as a new device (see [`Profile::restore`]).
    Renamed {
        from: String,
        to: String,
    },
}

impl ProfileProblem {
    /// Whether the stored text is worth keeping aside before it is saved over: not for a
    /// rename followed, which loses nothing.
    pub fn keeps_backup(&self) -> bool {
        !matches!(self, ProfileProblem::Renamed { .. })
    }
}

impl Profile {
    pub fn new(device: DeviceId) -> Profile {
        Profile {
            device,
            unit: None,
            author: None,
            lang: Lang::Zh,
            last_export: None,
            contact: None,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&ProfileDoc {
            schema_version: PROFILE_SCHEMA_VERSION,
            device: self.device,
            unit: self.unit.map(|u| u.name().to_string()),
            author: self.author.clone(),
            lang: Some(self.lang.tag().to_string()),
            last_export: self.last_export,
            contact: self.contact.clone(),
        })
        .expect("a profile always serialises")
    }

    /// Reads a stored profile; what cannot be used is reported, and the caller keeps the text
    /// under a backup key before saving over it. A device id that can be read is kept, but for
    /// one rule: a unit the plan in use lists as a former name of one of its units (the plan
    /// wizard's rename) is followed to its new name, and the device becomes a new device
    /// (`fresh_device`), since a device's signing key and its entry in every roster name one
    /// unit.
    pub fn restore(raw: &str, fresh_device: DeviceId) -> (Profile, Option<ProfileProblem>) {
        let Ok(doc) = serde_json::from_str::<ProfileDoc>(raw) else {
            return (Profile::new(fresh_device), Some(ProfileProblem::Unreadable));
        };
        let mut profile = Profile::new(doc.device);
        profile.last_export = doc.last_export;
        // A contact that no longer meets the rules is dropped rather than signed.
        profile.contact = doc.contact.filter(|c| c.check().is_ok());
        if doc.schema_version > PROFILE_SCHEMA_VERSION {
            return (
                profile,
                Some(ProfileProblem::NewerVersion(doc.schema_version)),
            );
        }
        profile.author = doc
            .author
            .filter(|a| !a.trim().is_empty())
            .map(|a| a.chars().take(MAX_AUTHOR_CHARS).collect());
        profile.lang = match doc.lang.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        };
        let Some(name) = doc.unit else {
            return (profile, None);
        };
        if let Some(unit) = UnitId::from_name(&name).filter(|u| !u.is_group()) {
            profile.unit = Some(unit);
            return (profile, None);
        }
        match UnitId::renamed_from(&name).filter(|u| !u.is_group()) {
            Some(unit) => {
                profile.unit = Some(unit);
                profile.device = fresh_device;
                let to = unit.name().to_string();
                (profile, Some(ProfileProblem::Renamed { from: name, to }))
            }
            None => (profile, Some(ProfileProblem::UnknownUnit(name))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(n: u8) -> DeviceId {
        DeviceId::from_random([n; 8])
    }

    #[test]
    fn a_profile_round_trips() {
        let profile = Profile {
            device: device(1),
            unit: UnitId::from_name("区教育局"),
            author: Some("张三".into()),
            lang: Lang::En,
            last_export: Stamp::new(1_700_000_000_000, 480),
            contact: crate::trust::Contact::new("张三", "0755-83912345").ok(),
        };
        assert_eq!(
            Profile::restore(&profile.to_json(), device(2)),
            (profile, None)
        );
    }

    #[test]
    fn an_unreadable_profile_gets_a_fresh_device_and_says_so() {
        let (profile, problem) = Profile::restore("{not json", device(2));
        assert_eq!(profile, Profile::new(device(2)));
        assert_eq!(problem, Some(ProfileProblem::Unreadable));
    }

    #[test]
    fn a_newer_profile_keeps_its_device_id() {
        let raw = format!(
            r#"{{"schema_version":9,"device":"{}","unit":"区教育局"}}"#,
            device(3)
        );
        let (profile, problem) = Profile::restore(&raw, device(2));
        assert_eq!(profile.device, device(3));
        assert_eq!(problem, Some(ProfileProblem::NewerVersion(9)));
    }

    #[test]
    fn a_group_or_unknown_unit_is_not_taken() {
        for name in ["各街道办事处", "某局"] {
            let raw = format!(
                r#"{{"schema_version":1,"device":"{}","unit":"{name}"}}"#,
                device(3)
            );
            let (profile, problem) = Profile::restore(&raw, device(2));
            assert_eq!(profile.unit, None);
            assert_eq!(problem, Some(ProfileProblem::UnknownUnit(name.into())));
        }
    }
}
