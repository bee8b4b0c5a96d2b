//! 设备名册: this device's unit and fingerprint (its key made on first view), then each unit's
//! devices with how they came to be trusted, when they were seen, and revocation (two steps);
//! the office exports its roster signed by this device, and any device imports the office's.
//! The decisions are the trust core's (`crate::trust::roster`); this shows them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::notices::megabytes;
use super::store::store;
use super::trust::{AdoptError, trust};
use super::{fill, tr, ui};
use crate::browser::device_keys::KeyError;
use crate::browser::files::{self, Picked};
use crate::browser::{clock, download};
use crate::exchange::MAX_FILE_BYTES;
use crate::foundation::time::Stamp;
use crate::i18n::{Key, format_date};
use crate::ledger::DeviceId;
use crate::plan::UnitId;
use crate::trust::fingerprint;
use crate::trust::roster::{
    AdoptReport, Device, Refusal, RosterFile, RosterFileProblem, RosterProblem, Trust as How,
};

const MIME: &str = "application/json";

/// The day of a UTC millisecond time, where this device is; read inside a reactive closure.
fn day(ms: i64) -> String {
    let offset = clock::now().offset_minutes;
    let stamp = Stamp::new(ms, offset).unwrap_or(Stamp {
        utc_ms: ms,
        offset_minutes: 0,
    });
    format_date(ui().lang.get(), stamp.local_date())
}

/// Why this device's key is not available, in words.
fn key_error_text(error: &KeyError) -> String {
    match error {
        KeyError::Unavailable => tr(Key::RosterKeyUnavailable)().to_string(),
        KeyError::Newer => tr(Key::RosterKeyNewer)().to_string(),
        KeyError::NoCrypto => tr(Key::RosterKeyNoCrypto)().to_string(),
        KeyError::Full => tr(Key::RosterKeyFull)().to_string(),
        KeyError::Storage(code) => fill(Key::RosterKeyStorage, &[("code", code)]),
        KeyError::Unreadable => tr(Key::RosterKeyUnreadable)().to_string(),
        KeyError::OtherUnit { stored } => fill(Key::RosterKeyOtherUnit, &[("stored", stored)]),
        KeyError::Crypto(code) => fill(Key::RosterKeyCrypto, &[("code", code)]),
    }
}

/// Why an office roster was not adopted, in words.
fn roster_problem_text(problem: &RosterProblem, file: &RosterFile) -> String {
    let print = fingerprint(&file.office_key);
    match problem {
        RosterProblem::BadSignature => tr(Key::RosterBadSignature)().to_string(),
        RosterProblem::OfficeUnknown { unit, fingerprint } => fill(
            Key::RosterOfficeUnknown,
            &[("unit", unit), ("fingerprint", fingerprint)],
        ),
        RosterProblem::OfficeNotFirstHand => {
            fill(Key::RosterOfficeNotFirstHand, &[("fingerprint", &print)])
        }
        RosterProblem::OfficeKeyMismatch => tr(Key::RosterOfficeKeyMismatch)().to_string(),
        RosterProblem::OfficeUnitMismatch { known } => {
            fill(Key::RosterOfficeUnitMismatch, &[("known", known)])
        }
        RosterProblem::OfficeRevoked => tr(Key::RosterOfficeRevoked)().to_string(),
    }
}

/// Whether 信任此设备 for the roster's office device would help.
fn can_trust_office(problem: &RosterProblem) -> bool {
    match problem {
        RosterProblem::OfficeUnknown { .. } | RosterProblem::OfficeNotFirstHand => true,
        RosterProblem::BadSignature
        | RosterProblem::OfficeKeyMismatch
        | RosterProblem::OfficeUnitMismatch { .. }
        | RosterProblem::OfficeRevoked => false,
    }
}

fn file_problem_text(problem: &RosterFileProblem) -> String {
    match problem {
        RosterFileProblem::NotRoster => tr(Key::RosterNotRoster)().to_string(),
        RosterFileProblem::NotOffice { unit } => fill(Key::RosterNotOffice, &[("unit", unit)]),
    }
}

fn refusal_text(refusal: &Refusal, unit: &str) -> String {
    match refusal {
        Refusal::KeyMismatch => tr(Key::RosterTrustKeyMismatch)().to_string(),
        Refusal::UnitMismatch { known } => fill(
            Key::RosterTrustUnitMismatch,
            &[("known", known), ("unit", unit)],
        ),
    }
}

fn report_text(report: &AdoptReport) -> String {
    let mut text = fill(
        Key::RosterAdopted,
        &[
            ("added", &report.added.len().to_string()),
            ("revoked", &report.revoked.len().to_string()),
        ],
    );
    let ignored: Vec<String> = report
        .key_mismatches
        .iter()
        .chain(&report.unit_mismatches)
        .map(DeviceId::to_string)
        .collect();
    if !ignored.is_empty() {
        text.push(' ');
        text.push_str(&fill(
            Key::RosterAdoptIgnored,
            &[("devices", &ignored.join(", "))],
        ));
    }
    text
}

/// How a device came to be trusted, in words.
fn how_text(how: How) -> String {
    match how {
        How::Own => tr(Key::RosterTrustOwn)().to_string(),
        How::Trusted { at } => fill(Key::RosterTrustTrusted, &[("date", &day(at))]),
        How::Vouched { at, .. } => fill(Key::RosterTrustVouched, &[("date", &day(at))]),
    }
}

/// The state of this device's key as the screen shows it.
#[derive(Clone, PartialEq)]
enum OwnKey {
    NoUnit,
    Pending,
    Ready,
    Failed(KeyError),
}

#[component]
pub fn RosterView() -> impl IntoView {
    let store = store();
    let trust = trust();
    let own = RwSignal::new(OwnKey::Pending);
    let unit = Memo::new(move |_| store.profile.with(|p| p.unit));
    // The key is made on first view (and again for a new unit, which has a new device id).
    Effect::new(move |_| match unit.get() {
        None => own.set(OwnKey::NoUnit),
        Some(_) => {
            own.set(OwnKey::Pending);
            spawn_local(async move {
                match trust.own_key(store).await {
                    Ok(_) => own.set(OwnKey::Ready),
                    Err(error) => own.set(OwnKey::Failed(error)),
                }
            });
        }
    });
    let own_device = move || store.profile.with(|p| p.device);
    let is_office = move || unit.get() == Some(UnitId::coordinator());
    let units = move || {
        trust.roster.with(|r| {
            r.by_unit()
                .into_iter()
                .map(|(unit, devices)| {
                    (
                        unit.to_string(),
                        devices.into_iter().cloned().collect::<Vec<Device>>(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let others = move || {
        let me = own_device();
        trust.roster.with(|r| r.devices().any(|d| d.id != me))
    };
    view! {
        <section class="roster" aria-labelledby="roster-heading">
            <h2 id="roster-heading">{tr(Key::RosterHeading)}</h2>
            <p class="hint">{tr(Key::RosterHelp)}</p>
            <div class="roster-own">
                <h3>{tr(Key::RosterThisDevice)}</h3>
                {move || match own.get() {
                    OwnKey::NoUnit => view! { <p class="hint">{tr(Key::RosterPickUnit)}</p> }.into_any(),
                    OwnKey::Pending => view! { <p role="status">{tr(Key::RosterKeyPending)}</p> }.into_any(),
                    OwnKey::Failed(error) => {
                        view! { <p class="notice notice-error roster-key-error" role="alert">{key_error_text(&error)}</p> }
                            .into_any()
                    }
                    OwnKey::Ready => {
                        let name = unit.get().map(|u| u.name()).unwrap_or_default();
                        view! {
                            <p class="roster-own-unit">
                                {move || fill(Key::RosterOwnLine, &[("unit", name)])}
                            </p>
                            <p class="roster-own-fingerprint">
                                {tr(Key::RosterFingerprint)}
                                " "
                                <strong class="fingerprint own-fingerprint">{move || trust.fingerprint.get()}</strong>
                            </p>
                        }
                            .into_any()
                    }
                }}
                <ContactForm />
            </div>
            <Show when=is_office>
                <OfficeExport />
            </Show>
            <RosterImport />
            <Show when=move || !others()>
                <p class="hint roster-empty">{tr(Key::RosterEmpty)}</p>
            </Show>
            <p class="hint roster-revoke-help">{tr(Key::RosterRevokeHelp)}</p>
            {move || {
                units()
                    .into_iter()
                    .map(|(unit, devices)| {
                        let n = devices.len().to_string();
                        let heading = unit.clone();
                        view! {
                            <section class="roster-unit" data-unit=unit>
                                <h3>{move || fill(Key::RosterUnitHeading, &[("unit", &heading), ("n", &n)])}</h3>
                                <ul class="roster-devices">
                                    {devices
                                        .into_iter()
                                        .map(|device| {
                                            let mine = device.id == own_device();
                                            view! { <RosterDevice device mine /> }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn RosterDevice(device: Device, mine: bool) -> impl IntoView {
    let store = store();
    let trust = trust();
    let confirming = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let id = device.id;
    let revoke = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        spawn_local(async move {
            let saved = trust.revoke(store, id).await;
            failed.set(!saved);
            confirming.set(false);
        });
    };
    let print = device.fingerprint();
    let how = device.trust;
    let (first, last) = (device.first_seen, device.last_seen);
    let revoked = device.revoked;
    view! {
        <li class="roster-device" class:roster-revoked=revoked.is_some() class:roster-mine=mine data-device=id.to_string()>
            <p>
                <strong class="fingerprint">{print}</strong>
                " · "
                <span class="roster-how">{move || how_text(how)}</span>
            </p>
            <p class="roster-seen">{move || fill(Key::RosterSeen, &[("first", &day(first)), ("last", &day(last))])}</p>
            {revoked
                .map(|r| {
                    view! {
                        <p class="roster-revoked-line">
                            {move || {
                                fill(
                                    Key::RosterRevokedLine,
                                    &[("date", &day(r.at)), ("seq", &r.last_good_seq.to_string())],
                                )
                            }}
                        </p>
                    }
                })}
            {(!mine && revoked.is_none())
                .then(|| {
                    view! {
                        <div class="roster-actions">
                            <button
                                type="button"
                                class=move || if confirming.get() { "button-danger revoke-device" } else { "button-secondary revoke-device" }
                                on:click=revoke
                            >
                                {move || if confirming.get() { tr(Key::RosterConfirmRevoke)() } else { tr(Key::RosterRevoke)() }}
                            </button>
                            <Show when=move || confirming.get()>
                                <button type="button" class="button-secondary" on:click=move |_| confirming.set(false)>
                                    {tr(Key::Cancel)}
                                </button>
                            </Show>
                        </div>
                    }
                })}
            <Show when=move || failed.get()>
                <p class="notice notice-error" role="alert">{tr(Key::RosterRevokeFailed)}</p>
            </Show>
        </li>
    }
}

/// The office's signed roster, for units to import.
#[component]
fn OfficeExport() -> impl IntoView {
    let store = store();
    let trust = trust();
    let result = RwSignal::new(None::<Result<(String, usize), KeyError>>);
    let export = move |_| {
        spawn_local(async move {
            let made = trust.export_roster(store).await.map(|(text, n)| {
                let name = format!(
                    "{}-设备名册-{}.json",
                    UnitId::coordinator().name(),
                    clock::now().local_date()
                );
                download::download_text(&name, MIME, &text);
                (name, n)
            });
            result.set(Some(made));
        });
    };
    view! {
        <div class="roster-office">
            <h3>{tr(Key::RosterExportHeading)}</h3>
            <p class="hint">{tr(Key::RosterExportHelp)}</p>
            <button type="button" class="export-roster" on:click=export>
                {tr(Key::RosterExport)}
            </button>
            {move || {
                result
                    .get()
                    .map(|r| match r {
                        Ok((name, n)) => {
                            let text = fill(Key::RosterExported, &[("file", &name), ("n", &n.to_string())]);
                            view! { <p class="notice notice-info roster-exported" role="status">{text}</p> }.into_any()
                        }
                        Err(error) => {
                            view! { <p class="notice notice-error" role="alert">{key_error_text(&error)}</p> }.into_any()
                        }
                    })
            }}
        </div>
    }
}

/// What importing a roster came to.
#[derive(Clone)]
enum Outcome {
    Adopted(AdoptReport),
    Refused(AdoptError),
    TooLarge(usize),
    Unreadable,
}

/// 导入设备名册: read, adopt (when the office is trusted first-hand here), save.
#[component]
fn RosterImport() -> impl IntoView {
    let trust = trust();
    let outcome = RwSignal::new(None::<Outcome>);
    let bytes = StoredValue::new(Vec::<u8>::new());
    let refused_trust = RwSignal::new(None::<(Refusal, String)>);
    let adopt = move || {
        spawn_local(async move {
            let result = trust.adopt(&bytes.get_value()).await;
            outcome.set(Some(match result {
                Ok(report) => Outcome::Adopted(report),
                Err(error) => Outcome::Refused(error),
            }));
        });
    };
    let take = move |list: Option<web_sys::FileList>| {
        let Some(file): Option<Picked> = files::picked(list).into_iter().next() else {
            return;
        };
        refused_trust.set(None);
        if file.size > MAX_FILE_BYTES {
            outcome.set(Some(Outcome::TooLarge(file.size)));
            return;
        }
        spawn_local(async move {
            match file.bytes().await {
                Ok(read) => {
                    bytes.set_value(read);
                    adopt();
                }
                Err(_) => outcome.set(Some(Outcome::Unreadable)),
            }
        });
    };
    let trust_office = move |file: RosterFile| {
        spawn_local(async move {
            let unit = file.office_unit.clone();
            match trust
                .try_trust(file.office_device, unit.clone(), file.office_key)
                .await
            {
                Ok(_) => adopt(),
                Err(refusal) => refused_trust.set(Some((refusal, unit))),
            }
        });
    };
    let shown = move || {
        outcome.get().map(|o| match o {
            Outcome::Adopted(report) => {
                view! { <p class="notice notice-info roster-adopted" role="status">{report_text(&report)}</p> }
                    .into_any()
            }
            Outcome::Refused(AdoptError::File(problem)) => {
                view! { <p class="notice notice-error roster-refused" role="alert">{file_problem_text(&problem)}</p> }
                    .into_any()
            }
            Outcome::Refused(AdoptError::NotSaved) => {
                view! { <p class="notice notice-error roster-refused" role="alert">{tr(Key::RosterSaveFailed)}</p> }
                    .into_any()
            }
            Outcome::Refused(AdoptError::Roster(problem, file)) => {
                let text = roster_problem_text(&problem, &file);
                let file = *file;
                view! {
                    <div class="notice notice-warning roster-refused" role="alert">
                        <p>{text}</p>
                        {can_trust_office(&problem)
                            .then(|| {
                                let unit = file.office_unit.clone();
                                let fingerprint = crate::trust::fingerprint(&file.office_key);
                                view! {
                                    <div class="trust-office">
                                        <super::trust_check::TrustCheck
                                            unit
                                            contact=None
                                            fingerprint
                                            on_trust=std::rc::Rc::new(move || trust_office(file.clone()))
                                        />
                                    </div>
                                }
                            })}
                    </div>
                }
                    .into_any()
            }
            Outcome::TooLarge(size) => {
                let text = fill(
                    Key::ImportTooLarge,
                    &[
                        ("mb", &megabytes(size as u64)),
                        ("max", &(MAX_FILE_BYTES / (1024 * 1024)).to_string()),
                    ],
                );
                view! { <p class="notice notice-error roster-refused" role="alert">{text}</p> }.into_any()
            }
            Outcome::Unreadable => {
                view! { <p class="notice notice-error roster-refused" role="alert">{tr(Key::RosterNotRoster)}</p> }
                    .into_any()
            }
        })
    };
    view! {
        <div class="roster-import">
            <h3>{tr(Key::RosterImport)}</h3>
            <p class="hint">{tr(Key::RosterImportHelp)}</p>
            <label class="file-picker">
                <span class="file-picker-label">{tr(Key::RosterImport)}</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    on:change:target=move |ev| {
                        let input = ev.target();
                        take(input.files());
                        input.set_value("");
                    }
                />
            </label>
            {shown}
            {move || {
                refused_trust
                    .get()
                    .map(|(refusal, unit)| {
                        view! { <p class="notice notice-error" role="alert">{refusal_text(&refusal, &unit)}</p> }
                    })
            }}
        </div>
    }
}

/// The unit's contact (联系人 and phone), kept in the profile and signed into every export, so
/// whoever compares this device's fingerprint knows whom to call.
#[component]
fn ContactForm() -> impl IntoView {
    let store = store();
    let initial = store.profile.with_untracked(|p| p.contact.clone());
    let name = RwSignal::new(initial.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let phone = RwSignal::new(initial.map(|c| c.phone).unwrap_or_default());
    let (message, set_message) = signal(None::<(bool, Key)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match crate::trust::Contact::new(&name.get_untracked(), &phone.get_untracked()) {
            Ok(contact) => {
                store.update_profile(|p| p.contact = Some(contact));
                set_message.set(Some((true, Key::ContactSaved)));
            }
            Err(crate::trust::ContactProblem::Name) => {
                set_message.set(Some((false, Key::ContactNameProblem)));
            }
            Err(crate::trust::ContactProblem::Phone) => {
                set_message.set(Some((false, Key::ContactPhoneProblem)));
            }
        }
    };
    view! {
        <form class="contact-form" on:submit=save>
            <h4>{tr(Key::ContactHeading)}</h4>
            <p class="hint">{tr(Key::ContactHelp)}</p>
            <div class="contact-fields">
                <div class="field">
                    <label for="contact-name">{tr(Key::ContactNameLabel)}</label>
                    <input
                        id="contact-name"
                        type="text"
                        autocomplete="name"
                        maxlength="20"
                        prop:value=move || name.get()
                        on:input:target=move |ev| name.set(ev.target().value())
                    />
                </div>
                <div class="field">
                    <label for="contact-phone">{tr(Key::ContactPhoneLabel)}</label>
                    <input
                        id="contact-phone"
                        type="tel"
                        autocomplete="tel"
                        prop:value=move || phone.get()
                        on:input:target=move |ev| phone.set(ev.target().value())
                    />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button-secondary contact-save">{tr(Key::ContactSave)}</button>
            </div>
            {move || {
                message
                    .get()
                    .map(|(ok, key)| {
                        if ok {
                            view! { <p class="notice notice-info contact-saved" role="status">{tr(key)}</p> }.into_any()
                        } else {
                            view! { <p class="field-error contact-problem" role="alert">{tr(key)}</p> }.into_any()
                        }
                    })
            }}
        </form>
    }
}
