//! Timing marks in the browser's Performance timeline, read by the benchmark scripts in
//! `tests/web/bench/` (figures, never pass/fail).

/// A measured stretch of work: `performance.measure(name)` from start to finish.
pub struct Span {
    name: &'static str,
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

impl Span {
    pub fn start(name: &'static str) -> Span {
        if let Some(p) = performance() {
            let _ = p.mark(&format!("{name}:start"));
        }
        Span { name }
    }

    pub fn finish(self) {
        if let Some(p) = performance() {
            let _ = p.measure_with_start_mark(self.name, &format!("{}:start", self.name));
        }
    }
}

/// Times `work` as `name`.
pub fn timed<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    let span = Span::start(name);
    let result = work();
    span.finish();
    result
}
