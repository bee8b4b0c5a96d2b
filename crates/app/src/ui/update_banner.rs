//! "新版本可用": offers to reload when a new version has been downloaded in the background.
//! The page never reloads by itself, so nobody loses what they are typing.

use leptos::prelude::*;

use super::tr;
use crate::browser::service_worker;
use crate::i18n::Key;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(service_worker::update_ready());
    let listener = service_worker::on_update_ready(move || ready.set(true));
    on_cleanup(move || listener.remove());

    // The live region is always in the page, so screen readers announce the text put into it.
    view! {
        <div class="update-banner" class:update-banner-ready=move || ready.get() role="status">
            <Show when=move || ready.get()>
                <p class="update-banner-text">{tr(Key::UpdateReady)}</p>
                <button
                    type="button"
                    class="update-banner-reload"
                    on:click=move |_| service_worker::apply_update()
                >
                    {tr(Key::UpdateReload)}
                </button>
            </Show>
        </div>
    }
}
