//! 信任此设备, checked: who (the unit), whom to call (the contact its file carries, signed), the
//! fingerprint to compare, and the button enabled only once its last four characters are typed
//! (`trust::confirms`). Used for a unit's device in a received file, and for the office's
//! device behind a plan file or a roster.

use leptos::prelude::*;

use super::{fill, tr};
use crate::i18n::Key;
use crate::trust::{Contact, confirms};

#[component]
pub fn TrustCheck(
    /// The unit the device writes for.
    unit: String,
    /// The contact its file carries, if any.
    contact: Option<Contact>,
    /// The device key's fingerprint.
    fingerprint: String,
    /// 信任此设备, once confirmed.
    on_trust: std::rc::Rc<dyn Fn()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let expected = fingerprint.clone();
    let confirmed = Memo::new(move |_| typed.with(|t| confirms(&expected, t)));
    let wrong = move || {
        typed.with(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 4) && !confirmed.get()
    };
    let call = match &contact {
        Some(c) => fill(Key::TrustCall, &[("name", &c.name), ("phone", &c.phone)]),
        None => fill(Key::TrustCallUnknown, &[("unit", &unit)]),
    };
    let phone_link = contact.map(|c| {
        let digits: String = c
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    });
    view! {
        <div class="trust-check">
            <p class="trust-who">{fill(Key::TrustWho, &[("unit", &unit)])}</p>
            <p class="trust-call">
                {match phone_link {
                    Some(href) => view! { <a href=href class="trust-phone">{call}</a> }.into_any(),
                    None => view! { <span>{call}</span> }.into_any(),
                }}
            </p>
            <p class="trust-fingerprint">
                <span class="trust-fingerprint-label">{tr(Key::TrustFingerprintLabel)}</span>
                " "
                <code class="fingerprint">{fingerprint}</code>
            </p>
            <div class="trust-confirm">
                <label class="trust-confirm-label">
                    <span>{tr(Key::TrustConfirmLabel)}</span>
                    <input
                        type="text"
                        class="trust-last-four"
                        maxlength="9"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        prop:value=move || typed.get()
                        on:input:target=move |ev| typed.set(ev.target().value())
                    />
                </label>
                <button
                    type="button"
                    class="button-secondary trust-device"
                    disabled=move || !confirmed.get()
                    on:click=move |_| on_trust()
                >
                    {tr(Key::TrustDevice)}
                </button>
            </div>
            <Show when=wrong>
                <p class="field-error trust-wrong" role="alert">{tr(Key::TrustConfirmWrong)}</p>
            </Show>
        </div>
    }
}

/// One device in the list of [`TrustAllCheck`].
#[derive(Clone, PartialEq)]
pub struct NewDevice {
    /// The unit it writes for.
    pub unit: String,
    /// The contact its file carries, if any.
    pub contact: Option<Contact>,
    /// Its key's fingerprint.
    pub fingerprint: String,
}

/// 信任以上全部设备: every new device a file set brings, each with its unit, whom to call and its
/// fingerprint, and one confirmation: the last four characters of the device the list itself
/// asks for (`trust::spot_check`), so it is typed only after reading the list.
#[component]
pub fn TrustAllCheck(
    devices: Vec<NewDevice>,
    /// Trust them all, once confirmed.
    on_trust: std::rc::Rc<dyn Fn()>,
) -> impl IntoView {
    use crate::trust::{confirms_all, spot_check};
    let fingerprints: Vec<String> = devices.iter().map(|d| d.fingerprint.clone()).collect();
    let asked = spot_check(&fingerprints).unwrap_or(0);
    let k = (asked + 1).to_string();
    let asked_unit = devices
        .get(asked)
        .map(|d| d.unit.clone())
        .unwrap_or_default();
    let n = devices.len().to_string();
    let heading = fill(Key::TrustAllHeading, &[("n", &n)]);
    let help = fill(Key::TrustAllHelp, &[("k", &k), ("unit", &asked_unit)]);
    let label = fill(Key::TrustAllConfirmLabel, &[("k", &k)]);
    let action = fill(Key::TrustAllDevices, &[("n", &n)]);
    let wrong_text = fill(Key::TrustAllWrong, &[("k", &k)]);
    let typed = RwSignal::new(String::new());
    let confirmed = Memo::new(move |_| typed.with(|t| confirms_all(&fingerprints, t)));
    let wrong = move || {
        typed.with(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 4) && !confirmed.get()
    };
    let rows = devices
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let call = match &d.contact {
                Some(c) => fill(Key::TrustCall, &[("name", &c.name), ("phone", &c.phone)]),
                None => fill(Key::TrustCallUnknown, &[("unit", &d.unit)]),
            };
            view! {
                <li class="trust-all-device" class:trust-all-asked=i == asked>
                    <span class="trust-all-unit">{d.unit}</span>
                    " "
                    <span class="trust-all-call">{call}</span>
                    " "
                    <code class="fingerprint">{d.fingerprint}</code>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="trust-check trust-all">
            <p class="trust-who">{heading}</p>
            <p class="trust-all-help">{help}</p>
            <ol class="trust-all-list">{rows}</ol>
            <div class="trust-confirm">
                <label class="trust-confirm-label">
                    <span>{label}</span>
                    <input
                        type="text"
                        class="trust-all-last-four"
                        maxlength="9"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        prop:value=move || typed.get()
                        on:input:target=move |ev| typed.set(ev.target().value())
                    />
                </label>
                <button
                    type="button"
                    class="trust-all-devices"
                    disabled=move || !confirmed.get()
                    on:click=move |_| on_trust()
                >
                    {action}
                </button>
            </div>
            <Show when=wrong>
                <p class="field-error trust-wrong" role="alert">{wrong_text.clone()}</p>
            </Show>
        </div>
    }
}
