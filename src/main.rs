fn main() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(duty_ledger::ui::app::App);
}

/// Panics reach the console with their message (release builds abort on panic).
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        leptos::logging::error!("{info}");
    }));
}
