//! Taking files in, in the user's language: every [`IntakeProblem`] and [`Rename`] through the
//! catalogue.

use super::intake::{IntakeProblem, Rename};
use crate::i18n::{Key, Lang, family_key, fill};
use crate::ledger::attachment::{FileType, extension};

fn kind_words(lang: Lang, kind: FileType) -> &'static str {
    family_key(kind.family()).text(lang)
}

/// Why `name` was not taken.
pub fn refusal(lang: Lang, name: &str, problem: &IntakeProblem) -> String {
    let ext = extension(name).unwrap_or_default();
    match problem {
        IntakeProblem::Empty => fill(Key::IntakeEmpty, lang, &[("name", name)]),
        IntakeProblem::TooLarge { bytes, max } => fill(
            Key::IntakeTooLarge,
            lang,
            &[
                ("name", name),
                ("mb", &format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0))),
                ("max", &(max / (1024 * 1024)).to_string()),
            ],
        ),
        IntakeProblem::Video => fill(Key::IntakeVideo, lang, &[("name", name)]),
        IntakeProblem::Unknown => fill(Key::IntakeUnknown, lang, &[("name", name)]),
        IntakeProblem::OtherOffice => fill(Key::IntakeOtherOffice, lang, &[("name", name)]),
        IntakeProblem::Truncated(_) => fill(Key::IntakeTruncated, lang, &[("name", name)]),
        IntakeProblem::Mismatch { actual, claimed } => fill(
            Key::IntakeMismatch,
            lang,
            &[
                ("name", name),
                ("actual", kind_words(lang, *actual)),
                ("claimed", kind_words(lang, *claimed)),
                ("ext", ext),
            ],
        ),
        IntakeProblem::NotWhatItSays { claimed } => fill(
            Key::IntakeNotWhatItSays,
            lang,
            &[("name", name), ("claimed", kind_words(lang, *claimed))],
        ),
    }
}

/// What was done to a name, now `to`.
pub fn renamed(lang: Lang, how: &Rename, to: &str) -> String {
    let key = match how {
        Rename::Path => Key::IntakeRenamedPath,
        Rename::Cleaned => Key::IntakeRenamedCleaned,
        Rename::Extension => Key::IntakeRenamedExtension,
        Rename::Converted => Key::IntakeRenamedConverted,
    };
    fill(key, lang, &[("to", to)])
}
