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
