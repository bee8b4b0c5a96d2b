//! What reading a received file costs in memory: a 10 MB file of many small records must cost
//! at most a few times its size (issue 10 §6). A counting allocator measures the peak heap
//! during `read`, above what was allocated before it (the file's own bytes).
//! One test only in this binary, so no other test allocates while it measures.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use duty_ledger::exchange::{MAX_FILE_BYTES, Scope, read};
use duty_ledger::foundation::time::Stamp;
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Ordering::SeqCst) + by;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // Both blocks may be held during the move: count the new one first.
            grew(new_size);
            CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        }
        new
    }
}

mod signed;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A unit's file of `n` small status records (the smallest record there is, besides a
/// deletion), as the app exports it: stamped, chained and signed.
fn file_of(n: u64) -> String {
    let unit = UnitId::from_name("区教育局").unwrap();
    let device = DeviceId::from_random([7; 8]);
    let statuses = [Status::NotStarted, Status::InProgress, Status::Done];
    let ledger: Ledger = (0..n)
        .map(|i| Event {
            id: EventId::from_random((i + 1).to_be_bytes()),
            task: TaskId(1 + (i % 58) as u16),
            unit,
            device,
            at: Stamp::new(1_680_000_000_000 + i as i64 * 1000, 480).unwrap(),
            author: None,
            work_date: None,
            attachments: Vec::new(),
            change: Change::Status {
                status: statuses[(i % 3) as usize],
                reason: None,
            },
            hlc: Some(duty_ledger::trust::Hlc {
                ms: 1_680_000_000_000 + i as i64 * 1000,
                n: 0,
            }),
            seq: None,
            prev: None,
        })
        .collect();
    signed::signed_export(
        &ledger,
        unit,
        device,
        Scope::Unit,
        Stamp::new(1_700_000_000_000, 480).unwrap(),
    )
}

#[test]
fn reading_a_10_mb_file_of_small_records_costs_at_most_four_times_its_size() {
    let per_record = file_of(1000).len() / 1000;
    let n = (MAX_FILE_BYTES - 64 * 1024) / per_record;
    let text = file_of(n as u64).into_bytes();
    assert!(text.len() <= MAX_FILE_BYTES);
    assert!(text.len() > 9 * 1024 * 1024, "{} bytes", text.len());

    let before = CURRENT.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let file = read(&text, signed::NOW_MS).expect("the file is valid");
    let peak = PEAK.load(Ordering::SeqCst) - before;
    let kept = CURRENT.load(Ordering::SeqCst) - before;
    assert_eq!(file.records.len(), n);
    let ratio = peak as f64 / text.len() as f64;
    println!(
        "read: {} records, {:.1} MB file; peak heap during read {:.1} MB ({ratio:.2}× the file), \
         {:.1} MB kept in the result",
        n,
        text.len() as f64 / 1e6,
        peak as f64 / 1e6,
        kept as f64 / 1e6,
    );
    assert!(
        peak <= 4 * text.len(),
        "peak {peak} bytes is {ratio:.2}× the file's {} bytes",
        text.len()
    );
}
