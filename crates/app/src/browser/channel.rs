//! Tells the app's other tabs that something was written (BroadcastChannel); they then read
//! what changed from the database's change log. Where the browser has no BroadcastChannel,
//! other tabs catch up when they are shown again.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

#[derive(Clone)]
pub struct Channel {
    channel: Option<web_sys::BroadcastChannel>,
}

impl Channel {
    /// Opens the channel; `on_news` runs whenever another tab says it wrote.
    pub fn open(on_news: impl FnMut() + 'static) -> Channel {
        let channel = web_sys::BroadcastChannel::new(&crate::vault::plans::database_name(
            &crate::plan::plan().id,
        ))
        .ok();
        if let Some(channel) = &channel {
            let listener = Closure::<dyn FnMut()>::new(on_news);
            channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            // Lives as long as the page.
            listener.forget();
        }
        Channel { channel }
    }

    pub fn announce(&self) {
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str("written"));
        }
    }
}
