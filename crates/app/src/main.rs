fn main() {
    console_error_panic_hook_lite();
    // Timed for the load-time report (tests/web/bench/load-time.mjs).
    let mount = duty_ledger_app::browser::perf::Span::start("duty-ledger:mount");
    // Everything reads the plan in use: install it before the first component runs.
    duty_ledger_app::browser::plans::start();
    leptos::mount::mount_to_body(duty_ledger_app::ui::app::App);
    mount.finish();
}

/// Panics reach the console with their message (release builds abort on panic).
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        leptos::logging::error!("{info}");
    }));
}
