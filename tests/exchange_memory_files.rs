//! What reading a received file with attached files costs in memory (issue 21): a file of
//! 40 MB of attached files (three PDFs of 16, 16 and 8 MB, in Base64 about 53 MB of text) must
//! cost little more than its largest file: the scanner writes no canonical text of `files`, serde
//! borrows the Base64 from the text, and each file is decoded into one reused buffer, checked,
//! handed over and dropped. A counting allocator measures the peak heap during `read_with`,
//! above the file's own text. One test only in this binary, so no other test allocates while it
//! measures.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

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

use std::collections::BTreeMap;

use duty_ledger::exchange::attached::{entry, frame};
use duty_ledger::exchange::{Scope, read_with};
use duty_ledger::foundation::digest::Digest;
use duty_ledger::foundation::time::Stamp;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{DeviceId, EventId, Ledger};
use duty_ledger::plan::{TaskId, UnitId};

/// A PDF-like file of `size` bytes (its header and end, random bytes between).
fn pdf(size: usize, seed: u64) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut x = seed | 1;
    while out.len() < size - 7 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(size - 7);
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

#[test]
fn reading_40_mb_of_attached_files_costs_about_one_file_not_all_of_them() {
    let mb = 1024 * 1024;
    let files: Vec<Vec<u8>> = [16 * mb, 16 * mb, 8 * mb]
        .iter()
        .enumerate()
        .map(|(i, size)| pdf(*size, i as u64 + 7))
        .collect();
    let unit = UnitId::from_name("区教育局").unwrap();
    let device = DeviceId::from_random([9; 8]);
    let r = Recorder {
        unit,
        device,
        author: None,
        hlc: None,
    };
    let mut ledger = Ledger::new();
    let mut bytes = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        let described =
            duty_ledger::evidence::intake::describe(&format!("扫描件{i}.pdf"), file).unwrap();
        bytes.insert(described.sha256, file.clone());
        let at = Stamp::new(1_690_000_000_000 + i as i64 * 60_000, 480).unwrap();
        ledger.add(
            r.add_note_with(
                EventId::from_random([i as u8 + 1; 8]),
                TaskId(10),
                at,
                None,
                "专项检查",
                vec![described],
            )
            .unwrap(),
        );
    }
    let records = signed::signed_export(
        &ledger,
        unit,
        device,
        Scope::Unit,
        Stamp::new(1_700_000_000_000, 480).unwrap(),
    );
    let (head, tail) = frame(&records);
    let mut text = head;
    for (n, (hash, b)) in bytes.iter().enumerate() {
        text.push_str(&entry(hash, b, n == 0));
    }
    text.push_str(tail);
    drop(bytes);
    drop(files);
    let text = text.into_bytes();

    let before = CURRENT.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let mut handed: Vec<(Digest, usize)> = Vec::new();
    let file = read_with(&text, signed::NOW_MS, |hash, b| {
        handed.push((*hash, b.len()))
    })
    .expect("the file is valid");
    let peak = PEAK.load(Ordering::SeqCst) - before;
    assert_eq!(file.carried.len(), 3);
    assert_eq!(handed.len(), 3);
    let largest = 16 * mb;
    println!(
        "read with files: {:.1} MB file ({} files, 40 MB of bytes); peak heap during read {:.1} MB \
         ({:.2}× the largest file, {:.2}× the file)",
        text.len() as f64 / 1e6,
        handed.len(),
        peak as f64 / 1e6,
        peak as f64 / largest as f64,
        peak as f64 / text.len() as f64,
    );
    assert!(peak <= largest + 4 * mb, "peak {peak} bytes");
}
