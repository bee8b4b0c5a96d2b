//! Why a received file was refused, in the user's language: every case of [`ImportError`]
//! through the catalogue, with only names and values quoted from the file filled in.

use super::validate::{AttachedTo, Expected, FieldProblem, ImportError};
use super::{MAX_EXCHANGE_FILE_BYTES, MAX_FILE_BYTES};
use crate::i18n::{Key, Lang, fill, problem_text};

/// What a field must hold, in words.
fn expected_key(expected: Expected) -> Key {
    match expected {
        Expected::Text => Key::ExpectText,
        Expected::WholeNumber => Key::ExpectWholeNumber,
        Expected::Number => Key::ExpectNumber,
        Expected::Token => Key::ExpectToken,
        Expected::Timestamp => Key::ExpectTimestamp,
        Expected::Date => Key::ExpectDate,
        Expected::Object => Key::ExpectObject,
        Expected::List => Key::ExpectList,
        Expected::Status => Key::ExpectStatus,
        Expected::ChangeKind => Key::ExpectChangeKind,
        Expected::Scope => Key::ExpectScope,
        Expected::Algorithm => Key::ExpectAlgorithm,
        Expected::Value => Key::ExpectValue,
        Expected::Digest => Key::ExpectDigest,
        Expected::FileType => Key::ExpectFileType,
        Expected::Base64 => Key::ExpectBase64,
        Expected::PublicKey => Key::ExpectPublicKey,
        Expected::Signature => Key::ExpectSignature,
    }
}

fn field_problem(lang: Lang, field: &str, problem: &FieldProblem) -> String {
    let words = |e: &Expected| expected_key(*e).text(lang);
    match problem {
        FieldProblem::Unknown => fill(Key::ImportUnknownField, lang, &[("field", field)]),
        FieldProblem::WrongType(e) => fill(
            Key::ImportWrongType,
            lang,
            &[("field", field), ("expected", words(e))],
        ),
        FieldProblem::Invalid(e) => fill(
            Key::ImportInvalidValue,
            lang,
            &[("field", field), ("expected", words(e))],
        ),
        FieldProblem::UnknownName { name, expected } => fill(
            Key::ImportUnknownName,
            lang,
            &[
                ("field", field),
                ("name", name),
                ("expected", words(expected)),
            ],
        ),
        FieldProblem::NotInVersion1 => fill(Key::ImportNotInVersion1, lang, &[("field", field)]),
        FieldProblem::NotInVersion { version } => fill(
            Key::ImportNotInVersion,
            lang,
            &[("field", field), ("version", &version.to_string())],
        ),
        // rhythm-a (issue 20).
        FieldProblem::KindNotInVersion { version, since } => fill(
            Key::ImportKindNotInVersion,
            lang,
            &[
                ("field", field),
                ("version", &version.to_string()),
                ("since", &since.to_string()),
            ],
        ),
    }
}

/// A size above a limit of whole megabytes, in megabytes to a tenth, rounded up: never shown
/// as the limit itself (10 MB and one byte is 10.1 MB).
pub fn megabytes_above(bytes: usize) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A field's path as people read it: every place in a list counted from 1, as every refusal
/// counts records (`records[2].change.text` is `change.text（位于第 3 条记录）`, `change.text
/// (in record 3)`); a path without a list is shown as it is.
pub fn field_words(lang: Lang, path: &str) -> String {
    let mut places = Vec::new();
    let mut name = String::new();
    let mut list = "";
    for step in path.split('.') {
        match step.split_once('[') {
            Some((list_name, rest)) => {
                let Some(index) = rest.strip_suffix(']').and_then(|i| i.parse::<usize>().ok())
                else {
                    return path.to_string();
                };
                let key = match list_name {
                    "records" => Key::FieldPlaceRecord,
                    "devices" => Key::FieldPlaceDevice,
                    "files" | "attachments" => Key::FieldPlaceFile,
                    _ => Key::FieldPlaceItem,
                };
                places.push(fill(key, lang, &[("n", &(index + 1).to_string())]));
                list = list_name;
                name.clear();
            }
            None => {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(step);
            }
        }
    }
    if places.is_empty() {
        return path.to_string();
    }
    let name = if name.is_empty() {
        list.to_string()
    } else {
        name
    };
    let joiner = Key::FieldPlaceJoin.text(lang);
    fill(
        Key::FieldInPlace,
        lang,
        &[("name", &name), ("place", &places.join(joiner))],
    )
}

/// Why a file was refused, in `lang`. `file` is the refused file's name (for a refusal that
/// names two files).
pub fn refusal(lang: Lang, file: &str, error: &ImportError) -> String {
    let n = |v: usize| v.to_string();
    match error {
        ImportError::TooLarge { bytes } => fill(
            Key::ImportTooLarge,
            lang,
            &[
                ("mb", &megabytes_above(*bytes)),
                ("max", &n(MAX_EXCHANGE_FILE_BYTES / (1024 * 1024))),
            ],
        ),
        ImportError::RecordsTooLarge { bytes } => fill(
            Key::ImportRecordsTooLarge,
            lang,
            &[
                ("mb", &megabytes_above(*bytes)),
                ("max", &n(MAX_FILE_BYTES / (1024 * 1024))),
            ],
        ),
        ImportError::AttachmentUnlisted { index } => fill(
            Key::ImportAttachmentUnlisted,
            lang,
            &[("index", &(index + 1).to_string())],
        ),
        ImportError::AttachmentTwice { index } => fill(
            Key::ImportAttachmentTwice,
            lang,
            &[("index", &(index + 1).to_string())],
        ),
        ImportError::AttachmentAltered { file } => {
            attached(lang, Key::ImportAttachmentAltered, file)
        }
        ImportError::AttachmentWrongType { file } => {
            attached(lang, Key::ImportAttachmentWrongType, file)
        }
        ImportError::NotText => Key::ImportNotText.text(lang).to_string(),
        // Where the text breaks off means nothing to a clerk; the file is damaged either way.
        ImportError::NotJson { .. } => Key::ImportNotJson.text(lang).to_string(),
        ImportError::TooDeep => Key::ImportTooDeep.text(lang).to_string(),
        ImportError::DuplicateKey { field } => fill(
            Key::ImportDuplicateKey,
            lang,
            &[("field", &field_words(lang, field))],
        ),
        ImportError::NotOurFormat => Key::ImportNotOurs.text(lang).to_string(),
        ImportError::NewerVersion { found } => {
            fill(Key::ImportNewer, lang, &[("version", &found.to_string())])
        }
        ImportError::DifferentPlan { id, same_id: true } => {
            // The same id as the plan in use: its year names it.
            let year = crate::plan::spec::year_of_id(id).unwrap_or(crate::plan::plan().year);
            let label = fill(Key::EditorPlanYear, lang, &[("year", &year.to_string())]);
            fill(Key::ImportEditedTable, lang, &[("plan", &label)])
        }
        ImportError::DifferentPlan { id, .. } => match crate::plan::spec::year_of_id(id) {
            Some(year) => fill(
                Key::ImportOtherPlanYear,
                lang,
                &[("year", &year.to_string())],
            ),
            None => Key::ImportOtherPlanUnknown.text(lang).to_string(),
        },
        ImportError::MissingField { field } => fill(
            Key::ImportMissingField,
            lang,
            &[("field", &field_words(lang, field))],
        ),
        ImportError::MalformedField { field, problem } => {
            field_problem(lang, &field_words(lang, field), problem)
        }
        ImportError::TextTooLong { field } => fill(
            Key::ImportTextTooLong,
            lang,
            &[("field", &field_words(lang, field))],
        ),
        ImportError::ChecksumMismatch => Key::ImportChecksum.text(lang).to_string(),
        ImportError::UnknownUnit { field, name } => fill(
            Key::ImportUnknownUnit,
            lang,
            &[("field", &field_words(lang, field)), ("unit", name)],
        ),
        ImportError::UnknownTask { field, task } => fill(
            Key::ImportUnknownTask,
            lang,
            &[
                ("field", &field_words(lang, field)),
                ("task", &task.to_string()),
            ],
        ),
        ImportError::InvalidRecord { index, problem } => fill(
            Key::ImportInvalidRecord,
            lang,
            &[
                ("index", &n(index + 1)),
                ("why", &problem_text(lang, problem)),
            ],
        ),
        ImportError::ForeignRecord {
            index,
            unit,
            exporter,
        } => fill(
            Key::ImportForeignRecord,
            lang,
            &[
                ("index", &n(index + 1)),
                ("unit", unit),
                ("exporter", exporter),
            ],
        ),
        ImportError::DuplicateRecord { index } => {
            fill(Key::ImportDuplicate, lang, &[("index", &n(index + 1))])
        }
        ImportError::ConflictsWithStored { id } => {
            fill(Key::ImportConflict, lang, &[("id", &id.to_string())])
        }
        ImportError::DisagreesWithFile { id, other } => fill(
            Key::ImportDisagrees,
            lang,
            &[("id", &id.to_string()), ("file", file), ("other", other)],
        ),
        ImportError::OldVersion { found } => fill(
            Key::ImportOldVersion,
            lang,
            &[("version", &found.to_string())],
        ),
        ImportError::UnsignedRecord { index } => fill(
            Key::ImportUnsigned,
            lang,
            &[("index", &(index + 1).to_string())],
        ),
        ImportError::DuplicateDevice { device } => fill(
            Key::ImportDuplicateDevice,
            lang,
            &[("device", &device.to_string())],
        ),
        ImportError::DeviceUnit { index, device } => fill(
            Key::ImportDeviceUnit,
            lang,
            &[
                ("index", &(index + 1).to_string()),
                ("device", &device.to_string()),
            ],
        ),
        ImportError::ChainBroken {
            device,
            index,
            problem,
        } => chain_problem(lang, *device, *index, problem),
        ImportError::BadSignature { device } => fill(
            Key::ImportBadSignature,
            lang,
            &[("device", &device.to_string())],
        ),
        ImportError::Forked {
            unit,
            fingerprint,
            seq,
            other,
            device: _,
        } => {
            let seq = seq.to_string();
            let mut values = vec![
                ("unit", unit.as_str()),
                ("fingerprint", fingerprint.as_str()),
                ("seq", seq.as_str()),
                ("file", file),
            ];
            match other {
                None => fill(Key::ImportForkHeld, lang, &values),
                Some(other) => {
                    values.push(("other", other));
                    fill(Key::ImportForkBatch, lang, &values)
                }
            }
        }
        ImportError::FromTheFuture {
            device,
            date,
            index: _,
        } => fill(
            Key::ImportFromTheFuture,
            lang,
            &[
                ("device", &device.to_string()),
                ("date", &crate::i18n::format_date(lang, *date)),
            ],
        ),
    }
}

/// A refusal naming a carried file and its note: the file's name, the task as printed, the
/// unit, the note's date of the work and the beginning of its text.
fn attached(lang: Lang, key: Key, file: &AttachedTo) -> String {
    let task = crate::plan::plan()
        .task(file.task)
        .map(|t| t.printed_number.clone())
        .unwrap_or_else(|| file.task.0.to_string());
    fill(
        key,
        lang,
        &[
            ("name", &file.name),
            (
                "kind",
                crate::i18n::family_key(file.kind.family()).text(lang),
            ),
            ("task", &task),
            ("unit", file.unit.name()),
            ("date", &crate::i18n::format_date(lang, file.date)),
            ("note", &file.note),
        ],
    )
}

fn chain_problem(
    lang: Lang,
    device: crate::ledger::DeviceId,
    index: Option<usize>,
    problem: &crate::trust::ChainProblem,
) -> String {
    use crate::trust::ChainProblem as P;
    let device = device.to_string();
    let index = index.map(|i| (i + 1).to_string()).unwrap_or_default();
    let with = |key: Key, seq: u64| {
        fill(
            key,
            lang,
            &[
                ("device", &device),
                ("seq", &seq.to_string()),
                ("index", &index),
            ],
        )
    };
    match *problem {
        P::Empty => fill(Key::ImportChainEmpty, lang, &[("device", &device)]),
        P::Altered { seq } => with(Key::ImportChainAltered, seq),
        P::Missing { seq } => with(Key::ImportChainMissing, seq),
        P::Duplicate { seq } => with(Key::ImportChainDuplicate, seq),
        P::Unsigned { seq } => with(Key::ImportChainUnsigned, seq),
        P::Malformed { seq } => with(Key::ImportChainMalformed, seq),
    }
}
