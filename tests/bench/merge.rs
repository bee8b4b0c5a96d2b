//! Benchmark, not a test: merging 100 unit files of 58 tasks × 20 notes each (116,000
//! records, each device's chain signed), natively, and what verifying the chains and
//! signatures costs within reading them. Prints medians; `cargo bench --bench merge`.

use std::time::{Duration, Instant};

use duty_ledger::exchange::preview::{apply, preview};
use duty_ledger::exchange::{ExchangeFile, Scope, read};
use duty_ledger::foundation::time::Stamp;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{DeviceId, EventId, Ledger};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::trust::{Hlc, Link, verify_segment};

#[path = "../signed/mod.rs"]
mod signed;

const FILES: usize = 100;
const NOTES_PER_TASK: usize = 20;
const RUNS: usize = 7;

fn unit_ledger(file: usize) -> (UnitId, Ledger) {
    let units: Vec<UnitId> = UnitId::all_units().collect();
    let unit = units[file % units.len()];
    let mut recorder = Recorder {
        unit,
        device: DeviceId::from_random((file as u64 + 1).to_be_bytes()),
        author: Some("张三".into()),
        hlc: None,
    };
    let mut ledger = Ledger::new();
    for task in 1..=58u16 {
        for n in 0..NOTES_PER_TASK {
            let id = EventId::from_random(
                ((file as u64) << 32 | u64::from(task) << 16 | n as u64).to_be_bytes(),
            );
            let at = Stamp::new(
                1_680_000_000_000 + (task as i64 * 100 + n as i64) * 60_000,
                480,
            )
            .unwrap();
            let text = format!("第{task}项任务第{n}条进展：完成检查、整改和复查，情况良好。");
            recorder.hlc = Some(Hlc::next(ledger.newest(), at.utc_ms));
            ledger.add(recorder.add_note(id, TaskId(task), at, &text).unwrap());
        }
    }
    (unit, ledger)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let ledgers: Vec<(UnitId, Ledger)> = (0..FILES).map(unit_ledger).collect();
    let records: usize = ledgers.iter().map(|(_, l)| l.len()).sum();

    let merge = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                let mut all = Ledger::new();
                for (_, l) in &ledgers {
                    all.merge(l);
                }
                assert_eq!(all.len(), records);
                start.elapsed()
            })
            .collect(),
    );

    let at = Stamp::parse("2023-11-08T10:00:00+08:00").unwrap();
    let texts: Vec<String> = ledgers
        .iter()
        .enumerate()
        .map(|(i, (u, l))| {
            signed::signed_export(
                l,
                *u,
                DeviceId::from_random((i as u64 + 1).to_be_bytes()),
                Scope::Unit,
                at,
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();

    let validate = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                let files: Vec<ExchangeFile> = texts
                    .iter()
                    .map(|t| read(t.as_bytes(), signed::NOW_MS).unwrap())
                    .collect();
                let elapsed = start.elapsed();
                assert_eq!(files.len(), FILES);
                elapsed
            })
            .collect(),
    );
    let files: Vec<ExchangeFile> = texts
        .iter()
        .map(|t| read(t.as_bytes(), signed::NOW_MS).unwrap())
        .collect();
    // The part of reading that format 3 added: every record's digest (canonical JSON, SHA-256),
    // each device's chain walked back from its head, and one Ed25519 signature per file.
    let verify = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                for f in &files {
                    let links: Vec<Link> = f
                        .records
                        .events()
                        .map(|e| duty_ledger::trust::record::link(e).unwrap())
                        .collect();
                    for proof in &f.devices {
                        verify_segment(&links, &proof.head).unwrap();
                        assert!(proof.verifies());
                    }
                }
                start.elapsed()
            })
            .collect(),
    );
    let preview_and_apply = median(
        (0..RUNS)
            .map(|_| {
                let stored = Ledger::new();
                let start = Instant::now();
                for f in &files {
                    preview(&stored, f).unwrap();
                }
                let refs: Vec<&ExchangeFile> = files.iter().collect();
                let merged = apply(&stored, &refs);
                let elapsed = start.elapsed();
                assert_eq!(merged.len(), records);
                elapsed
            })
            .collect(),
    );

    println!(
        "merge benchmark: {FILES} unit files × 58 tasks × {NOTES_PER_TASK} notes = {records} records, {:.1} MB of JSON",
        bytes as f64 / 1e6
    );
    println!(
        "  merge only (Ledger::merge ×{FILES})          median {}  (goal ≤ 50 ms)",
        ms(merge)
    );
    println!(
        "  read + validate + checksum, {FILES} files     median {}",
        ms(validate)
    );
    println!(
        "  of which digests + chains + signatures     median {}  ({:.0} % of reading)",
        ms(verify),
        100.0 * verify.as_secs_f64() / validate.as_secs_f64()
    );
    println!(
        "  preview + apply (atomic merge), {FILES} files median {}",
        ms(preview_and_apply)
    );
}
