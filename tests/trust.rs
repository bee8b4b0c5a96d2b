//! The trust core (`src/trust/`): causal order with skewed clocks, per-device hash chains,
//! Ed25519 against RFC 8032 and WebCrypto, fingerprints, and the device roster with the
//! office's signed roster. Laws by property tests, 10,000 cases each.
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

use std::collections::BTreeSet;

use duty_ledger::ledger::{DeviceId, EventId};
use duty_ledger::trust::chain::{
    ChainProblem, Digest, Head, Link, fork, next_link, seal, verify_segment,
};
use duty_ledger::trust::hlc::{
    CLOCK_TOLERANCE_MS, Hlc, MAX_AHEAD_MS, Rank, clock_behind, lww, too_far_ahead,
};
use duty_ledger::trust::keys::{
    FINGERPRINT_ALPHABET, PublicKey, Signature, SigningKey, fingerprint, head_message, verify,
};
use duty_ledger::trust::roster::{
    AdoptReport, Device, Refusal, Revocation, Roster, RosterEntry, RosterFile, RosterProblem,
    Trust, Verdict,
};
use proptest::prelude::*;

const CASES: u32 = 10_000;

/// 2023-11-08T02:15:30.123Z, the instant the "true" clocks of the generators start from.
const BASE_MS: i64 = 1_699_409_730_123;
const YEAR_MS: i64 = 365 * 24 * 3600 * 1000;

fn device(n: u8) -> DeviceId {
    DeviceId::from_random([0, 0, 0, 0, 0, 0, 0xd0, n])
}

fn event_id(n: u32) -> EventId {
    let b = n.to_be_bytes();
    EventId::from_random([0, 0, 0, 0, b[0], b[1], b[2], b[3]])
}

fn hex32(text: &str) -> [u8; 32] {
    Digest::parse(text).unwrap().0
}

// ---------------------------------------------------------------------------------------------
// Hybrid logical clock
// ---------------------------------------------------------------------------------------------

/// A clock error: up to ten years either way, so some clocks read before 1970.
fn skew() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(0i64),
        -10 * YEAR_MS..=10 * YEAR_MS,
        -600_000i64..=600_000,
        Just(-BASE_MS - YEAR_MS), // 1969
        Just(10 * YEAR_MS),
    ]
}

/// Any stamp a device might hold, extremes of the counter included.
fn hlc() -> impl Strategy<Value = Hlc> {
    (
        prop_oneof![
            BASE_MS - 11 * YEAR_MS..=BASE_MS + 11 * YEAR_MS,
            -YEAR_MS..=YEAR_MS,
            Just(BASE_MS),
        ],
        prop_oneof![Just(0u32), 0u32..5, Just(u32::MAX), any::<u32>()],
    )
        .prop_map(|(ms, n)| Hlc { ms, n })
}

/// One write: by which device, how far into the run (true time), and whether the device first
/// takes in everything written so far (an import).
#[derive(Debug, Clone, Copy)]
struct Write {
    device: u8,
    after_ms: i64,
    syncs: bool,
}

fn writes() -> impl Strategy<Value = (Vec<i64>, Vec<Write>)> {
    (
        prop::collection::vec(skew(), 4),
        prop::collection::vec(
            (0u8..4, 0i64..120_000, prop::bool::weighted(0.3)).prop_map(
                |(device, after_ms, syncs)| Write {
                    device,
                    after_ms,
                    syncs,
                },
            ),
            1..24,
        ),
    )
}

/// The value a register holds: the rank and what the record says (unique per record id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    rank: Rank,
    value: u32,
}

/// Runs the writes on four devices with skewed clocks, each stamping with `Hlc::next` over
/// the stamps it holds.
fn simulate(skews: &[i64], writes: &[Write]) -> Vec<Written> {
    let mut held: [Option<Hlc>; 4] = [None; 4];
    let mut out: Vec<Written> = Vec::new();
    let mut true_ms = BASE_MS;
    for (i, write) in writes.iter().enumerate() {
        true_ms += write.after_ms;
        let d = usize::from(write.device);
        if write.syncs {
            held[d] = held[d].max(out.iter().map(|w| w.rank.hlc).max());
        }
        let hlc = Hlc::next(held[d], true_ms + skews[d]);
        held[d] = Some(hlc);
        let id = u32::try_from(i).unwrap();
        out.push(Written {
            rank: Rank {
                hlc,
                device: device(write.device),
                id: event_id(id),
            },
            value: id.wrapping_mul(2_654_435_761),
        });
    }
    out
}

/// A register merged from some of the writes.
fn register(writes: &[Written], mask: u32) -> Option<Written> {
    writes
        .iter()
        .enumerate()
        .filter(|(i, _)| mask >> (i % 32) & 1 == 1)
        .map(|(_, w)| *w)
        .reduce(|a, b| lww(a, b, |w| w.rank))
}

fn merge(a: Option<Written>, b: Option<Written>) -> Option<Written> {
    match (a, b) {
        (Some(a), Some(b)) => Some(lww(a, b, |w| w.rank)),
        (a, b) => a.or(b),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// The next stamp is greater than every stamp held, whatever the clock says.
    #[test]
    fn next_is_greater_than_the_held_stamp(held in hlc(), skew in skew()) {
        let now = held.ms.saturating_add(skew);
        let next = Hlc::next(Some(held), now);
        prop_assert!(next > held, "{next:?} after {held:?} at {now}");
        prop_assert!(next.ms >= now, "a stamp never reads earlier than the clock");
    }

    /// An edit made after seeing a record outranks it, whatever either device's clock says.
    #[test]
    fn an_edit_after_seeing_a_record_outranks_it(
        writer_skew in skew(),
        editor_skew in skew(),
        writer_held in prop::option::of(hlc()),
        editor_held in prop::option::of(hlc()),
        later_ms in 0i64..=YEAR_MS,
        writer in any::<u8>(),
        editor in any::<u8>(),
    ) {
        let seen = Hlc::next(writer_held, BASE_MS + writer_skew);
        let edit = Hlc::next(editor_held.max(Some(seen)), BASE_MS + later_ms + editor_skew);
        let seen = Rank { hlc: seen, device: device(writer), id: event_id(1) };
        let edit = Rank { hlc: edit, device: device(editor), id: event_id(2) };
        prop_assert!(edit > seen);
    }

    /// Last-writer-wins is commutative with skewed clocks.
    #[test]
    fn lww_merge_is_commutative((skews, ws) in writes(), a in any::<u32>(), b in any::<u32>()) {
        let written = simulate(&skews, &ws);
        let (a, b) = (register(&written, a), register(&written, b));
        prop_assert_eq!(merge(a, b), merge(b, a));
    }

    /// Last-writer-wins is associative with skewed clocks.
    #[test]
    fn lww_merge_is_associative(
        (skews, ws) in writes(),
        a in any::<u32>(),
        b in any::<u32>(),
        c in any::<u32>(),
    ) {
        let written = simulate(&skews, &ws);
        let (a, b, c) = (register(&written, a), register(&written, b), register(&written, c));
        prop_assert_eq!(merge(merge(a, b), c), merge(a, merge(b, c)));
    }

    /// Last-writer-wins is idempotent, and the winner is the same whatever the order.
    #[test]
    fn lww_merge_is_idempotent_and_order_free((skews, ws) in writes(), a in any::<u32>()) {
        let written = simulate(&skews, &ws);
        let a = register(&written, a);
        prop_assert_eq!(merge(a, a), a);
        let forward = written.iter().copied().reduce(|x, y| lww(x, y, |w| w.rank));
        let backward = written.iter().rev().copied().reduce(|x, y| lww(x, y, |w| w.rank));
        prop_assert_eq!(forward, backward);
    }

    /// Every write outranks each write its device had seen before (its own earlier ones, and
    /// everyone's before an import), with clocks skewed both ways.
    #[test]
    fn causal_order_survives_skewed_clocks((skews, ws) in writes()) {
        let written = simulate(&skews, &ws);
        let mut seen: [Vec<Rank>; 4] = Default::default();
        for (i, (w, write)) in written.iter().zip(&ws).enumerate() {
            let d = usize::from(write.device);
            if write.syncs {
                seen[d] = written[..i].iter().map(|w| w.rank).collect();
            }
            for before in &seen[d] {
                prop_assert!(w.rank > *before);
            }
            seen[d].push(w.rank);
        }
    }
}

#[test]
fn next_starts_at_the_clock_and_counts_within_a_millisecond() {
    assert_eq!(Hlc::next(None, BASE_MS), Hlc { ms: BASE_MS, n: 0 });
    let held = Hlc { ms: BASE_MS, n: 3 };
    assert_eq!(Hlc::next(Some(held), BASE_MS), Hlc { ms: BASE_MS, n: 4 });
    assert_eq!(
        Hlc::next(Some(held), BASE_MS - 10 * YEAR_MS),
        Hlc { ms: BASE_MS, n: 4 }
    );
    assert_eq!(
        Hlc::next(Some(held), BASE_MS + 1),
        Hlc {
            ms: BASE_MS + 1,
            n: 0
        }
    );
    let full = Hlc {
        ms: BASE_MS,
        n: u32::MAX,
    };
    assert_eq!(
        Hlc::next(Some(full), 0),
        Hlc {
            ms: BASE_MS + 1,
            n: 0
        }
    );
}

#[test]
fn a_stamp_more_than_a_day_ahead_is_too_far() {
    let now = BASE_MS;
    let at = |ms| Hlc { ms, n: 0 };
    assert!(!too_far_ahead(at(now), now));
    assert!(!too_far_ahead(at(now + MAX_AHEAD_MS), now));
    assert!(too_far_ahead(at(now + MAX_AHEAD_MS + 1), now));
    assert!(too_far_ahead(at(now + 10 * YEAR_MS), now));
    assert!(!too_far_ahead(at(now - 10 * YEAR_MS), now));
    // 9999-12-30, as in the forged status of issue 10.
    assert!(too_far_ahead(at(253_402_041_600_000), now));
    // A device whose clock reads before 1970 refuses little: its clock is what is wrong.
    assert!(too_far_ahead(at(now), -YEAR_MS));
    assert!(!too_far_ahead(at(i64::MIN), i64::MAX));
}

#[test]
fn the_clock_is_behind_when_a_held_stamp_is_more_than_five_minutes_later() {
    let held = |ms| Some(Hlc { ms, n: 7 });
    assert!(!clock_behind(BASE_MS, None));
    assert!(!clock_behind(BASE_MS, held(BASE_MS)));
    assert!(!clock_behind(BASE_MS, held(BASE_MS + CLOCK_TOLERANCE_MS)));
    assert!(clock_behind(
        BASE_MS,
        held(BASE_MS + CLOCK_TOLERANCE_MS + 1)
    ));
    assert!(clock_behind(BASE_MS - 10 * YEAR_MS, held(BASE_MS)));
    assert!(!clock_behind(BASE_MS + 10 * YEAR_MS, held(BASE_MS)));
}

#[test]
fn a_stamp_is_a_json_object_with_ms_and_n() {
    let stamp = Hlc { ms: BASE_MS, n: 2 };
    let text = serde_json::to_string(&stamp).unwrap();
    assert_eq!(text, r#"{"ms":1699409730123,"n":2}"#);
    assert_eq!(serde_json::from_str::<Hlc>(&text).unwrap(), stamp);
    assert!(serde_json::from_str::<Hlc>(r#"{"ms":1,"n":0,"device":"x"}"#).is_err());
    assert!(serde_json::from_str::<Hlc>(r#"{"ms":1}"#).is_err());
    assert!(serde_json::from_str::<Hlc>(r#"{"ms":1,"n":-1}"#).is_err());
}

#[test]
fn rank_orders_by_stamp_then_device_then_id() {
    let rank = |ms, dev, id| Rank {
        hlc: Hlc { ms, n: 0 },
        device: device(dev),
        id: event_id(id),
    };
    assert!(rank(2, 0, 0) > rank(1, 9, 9));
    assert!(rank(1, 2, 0) > rank(1, 1, 9));
    assert!(rank(1, 1, 2) > rank(1, 1, 1));
    assert_eq!(lww(rank(1, 1, 1), rank(1, 1, 2), |r| *r), rank(1, 1, 2));
    assert_eq!(lww(rank(3, 1, 1), rank(1, 1, 2), |r| *r), rank(3, 1, 1));
}

// ---------------------------------------------------------------------------------------------
// Hash chains
// ---------------------------------------------------------------------------------------------

/// A stand-in record: what a device wrote, and the chain fields the caller stores in it.
#[derive(Debug, Clone, PartialEq)]
struct Rec {
    seq: u64,
    prev: Option<Digest>,
    payload: u64,
}

impl Rec {
    /// The digest of its canonical bytes, which include `seq` and `prev`.
    fn hash(&self) -> Digest {
        let prev = self.prev.map(|d| d.to_hex()).unwrap_or_default();
        Digest::of(format!("{}|{prev}|{}", self.seq, self.payload).as_bytes())
    }

    fn link(&self) -> Link {
        Link {
            seq: self.seq,
            prev: self.prev,
            hash: self.hash(),
        }
    }
}

/// A device's whole chain of `len` records, sealed as the storage transaction would.
fn chain(len: usize, salt: u64) -> (Vec<Rec>, Head) {
    let mut records: Vec<Rec> = (0..len as u64)
        .map(|i| Rec {
            seq: 0,
            prev: None,
            payload: salt ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        })
        .collect();
    let head = seal(None, &mut records, |rec, seq, prev| {
        rec.seq = seq;
        rec.prev = prev;
        rec.hash()
    })
    .unwrap();
    (records, head)
}

fn links(records: &[Rec]) -> Vec<Link> {
    records.iter().map(Rec::link).collect()
}

/// A chain's records from some start to its signed head, in a shuffled file order: the
/// records carried (at least `min` of them), the signed head, and the index of the first
/// record carried.
fn segment_of(min: usize) -> impl Strategy<Value = (Vec<Rec>, Head, usize)> {
    (min..40, any::<u64>()).prop_flat_map(move |(len, salt)| {
        let (records, head) = chain(len, salt);
        (0..=len - min).prop_flat_map(move |start| {
            let carried = records[start..].to_vec();
            (Just(carried).prop_shuffle(), Just(head), Just(start))
        })
    })
}

fn segment() -> impl Strategy<Value = (Vec<Rec>, Head, usize)> {
    segment_of(1)
}

/// The index in `records` of the record with sequence number `seq`.
fn at_seq(records: &[Rec], seq: u64) -> usize {
    records.iter().position(|r| r.seq == seq).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Any suffix of a chain ending at its signed head passes, in any file order.
    #[test]
    fn a_suffix_segment_in_any_order_passes((carried, head, _) in segment()) {
        prop_assert_eq!(verify_segment(&links(&carried), &head), Ok(()));
    }

    /// Changing what any one record says is detected, naming that record.
    #[test]
    fn an_altered_record_is_named(
        (mut carried, head, start) in segment(),
        pick in any::<prop::sample::Index>(),
        change in 1u64..,
    ) {
        let seq = start as u64 + 1 + pick.index(carried.len()) as u64;
        let i = at_seq(&carried, seq);
        carried[i].payload ^= change;
        prop_assert_eq!(verify_segment(&links(&carried), &head), Err(ChainProblem::Altered { seq }));
    }

    /// Pointing a record at another predecessor (or none) is detected, naming that record.
    #[test]
    fn an_altered_prev_is_named(
        (mut carried, head, start) in segment(),
        pick in any::<prop::sample::Index>(),
        other in prop::option::of(any::<[u8; 32]>()),
    ) {
        let seq = start as u64 + 1 + pick.index(carried.len()) as u64;
        let i = at_seq(&carried, seq);
        let other = other.map(Digest);
        prop_assume!(carried[i].prev != other);
        carried[i].prev = other;
        prop_assert_eq!(verify_segment(&links(&carried), &head), Err(ChainProblem::Altered { seq }));
    }

    /// A record dropped from the middle (or the head's own record) is detected, naming it.
    #[test]
    fn a_dropped_record_is_named(
        (mut carried, head, start) in segment_of(2),
        pick in any::<prop::sample::Index>(),
    ) {
        // Any record but the first carried: dropping that one only shortens the segment.
        let seq = start as u64 + 2 + pick.index(carried.len() - 1) as u64;
        carried.remove(at_seq(&carried, seq));
        prop_assert_eq!(verify_segment(&links(&carried), &head), Err(ChainProblem::Missing { seq }));
    }

    /// Two records that trade places (their contents swap between sequence numbers) are
    /// detected, naming the later one, the latest record not as signed.
    #[test]
    fn swapped_records_are_named(
        (mut carried, head, start) in segment_of(2),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let n = carried.len();
        let a = a.index(n);
        let b = (a + 1 + b.index(n - 1)) % n; // any other record

        let (early, late) = (a.min(b) as u64 + start as u64 + 1, a.max(b) as u64 + start as u64 + 1);
        let (i, j) = (at_seq(&carried, early), at_seq(&carried, late));
        let (pi, pj) = (carried[i].payload, carried[j].payload);
        carried[i].payload = pj;
        carried[j].payload = pi;
        prop_assert_eq!(
            verify_segment(&links(&carried), &head),
            Err(ChainProblem::Altered { seq: late })
        );
    }

    /// Two records renumbered into each other's places (sequence numbers swapped, each record
    /// otherwise as written) are detected, naming the later place.
    #[test]
    fn renumbered_records_are_named(
        (mut carried, head, start) in segment_of(2),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let n = carried.len();
        let a = a.index(n);
        let b = (a + 1 + b.index(n - 1)) % n; // any other record

        let (early, late) = (a.min(b) as u64 + start as u64 + 1, a.max(b) as u64 + start as u64 + 1);
        let (i, j) = (at_seq(&carried, early), at_seq(&carried, late));
        carried[i].seq = late;
        carried[j].seq = early;
        prop_assert_eq!(
            verify_segment(&links(&carried), &head),
            Err(ChainProblem::Altered { seq: late })
        );
    }

    /// A second record under one sequence number (a copy, or a rival version) is detected.
    #[test]
    fn a_duplicated_seq_is_named(
        (mut carried, head, start) in segment(),
        pick in any::<prop::sample::Index>(),
        rival in any::<bool>(),
    ) {
        let seq = start as u64 + 1 + pick.index(carried.len()) as u64;
        let mut copy = carried[at_seq(&carried, seq)].clone();
        if rival {
            copy.payload = !copy.payload;
        }
        carried.push(copy);
        prop_assert_eq!(verify_segment(&links(&carried), &head), Err(ChainProblem::Duplicate { seq }));
    }

    /// Records after the signed head are detected, naming the first of them.
    #[test]
    fn records_beyond_the_signed_head_are_named(len in 1usize..40, extra in 1usize..5, salt in any::<u64>(), start in any::<prop::sample::Index>()) {
        let (records, _) = chain(len + extra, salt);
        let signed = records[len - 1].link().head();
        let carried = &records[start.index(len)..];
        prop_assert_eq!(
            verify_segment(&links(carried), &signed),
            Err(ChainProblem::Unsigned { seq: len as u64 + 1 })
        );
    }

    /// A segment cut short before its signed head is detected, naming the first record missing.
    #[test]
    fn a_segment_cut_before_its_head_is_named(len in 2usize..40, cut in any::<prop::sample::Index>(), salt in any::<u64>()) {
        let (records, head) = chain(len, salt);
        let keep = 1 + cut.index(len - 1);
        prop_assert_eq!(
            verify_segment(&links(&records[..keep]), &head),
            Err(ChainProblem::Missing { seq: keep as u64 + 1 })
        );
    }
}

#[test]
fn a_chain_is_sealed_in_order_and_continues_from_its_head() {
    assert_eq!(next_link(None), (1, None));
    let (records, head) = chain(5, 42);
    assert_eq!(head, records[4].link().head());
    for (i, rec) in records.iter().enumerate() {
        assert_eq!(rec.seq, i as u64 + 1);
        let expected_prev = (i > 0).then(|| records[i - 1].hash());
        assert_eq!(rec.prev, expected_prev);
    }
    assert_eq!(next_link(Some(&head)), (6, Some(head.hash)));
    // Sealing more continues the same chain; sealing nothing keeps the head.
    let mut more = vec![Rec {
        seq: 0,
        prev: None,
        payload: 7,
    }];
    let new_head = seal(Some(head), &mut more, |rec, seq, prev| {
        rec.seq = seq;
        rec.prev = prev;
        rec.hash()
    });
    assert_eq!(more[0].seq, 6);
    assert_eq!(more[0].prev, Some(head.hash));
    let mut all = records.clone();
    all.extend(more);
    assert_eq!(verify_segment(&links(&all), &new_head.unwrap()), Ok(()));
    assert_eq!(
        seal(Some(head), &mut Vec::<Rec>::new(), |_, _, _| unreachable!()),
        Some(head)
    );
}

#[test]
fn ill_formed_segments_are_refused() {
    let (records, head) = chain(3, 9);
    assert_eq!(verify_segment(&[], &head), Err(ChainProblem::Empty));
    // A signed record 1 that claims a predecessor.
    let mut first = Rec {
        seq: 1,
        prev: Some(Digest([7; 32])),
        payload: 1,
    };
    let signed = first.link().head();
    assert_eq!(
        verify_segment(&[first.link()], &signed),
        Err(ChainProblem::Malformed { seq: 1 })
    );
    // A signed record 2 that claims none.
    first.seq = 2;
    first.prev = None;
    let signed = first.link().head();
    assert_eq!(
        verify_segment(&[first.link()], &signed),
        Err(ChainProblem::Malformed { seq: 2 })
    );
    // Sequence number 0.
    let zero = Rec {
        seq: 0,
        prev: None,
        payload: 1,
    };
    assert_eq!(
        verify_segment(&[zero.link()], &zero.link().head()),
        Err(ChainProblem::Malformed { seq: 0 })
    );
    // The right records under another head.
    let other = Head {
        seq: 3,
        hash: Digest([1; 32]),
    };
    assert_eq!(
        verify_segment(&links(&records), &other),
        Err(ChainProblem::Altered { seq: 3 })
    );
    assert_eq!(verify_segment(&links(&records), &head), Ok(()));
}

#[test]
fn a_long_chain_verifies_and_names_a_change_deep_inside() {
    // 58 tasks × 20 notes: one unit's busy year on one device.
    let (mut records, head) = chain(1160, 3);
    assert_eq!(verify_segment(&links(&records), &head), Ok(()));
    records[17].payload += 1;
    assert_eq!(
        verify_segment(&links(&records), &head),
        Err(ChainProblem::Altered { seq: 18 })
    );
}

/// A device's chain as held here, and another history signed with the same key that shares
/// its first `shared` records.
fn two_histories(len: usize, shared: usize) -> (Vec<Rec>, Vec<Rec>) {
    let (held, _) = chain(len, 1);
    let mut other: Vec<Rec> = held[..shared].to_vec();
    let mut rest: Vec<Rec> = (shared..len + 5)
        .map(|i| Rec {
            seq: 0,
            prev: None,
            payload: 1_000_000 + i as u64,
        })
        .collect();
    seal(
        other.last().map(|r| r.link().head()),
        &mut rest,
        |rec, seq, prev| {
            rec.seq = seq;
            rec.prev = prev;
            rec.hash()
        },
    );
    other.extend(rest);
    (held, other)
}

#[test]
fn a_second_history_under_one_key_is_a_fork() {
    let (held, other) = two_histories(10, 5);
    let lookup = |seq: u64| held.iter().find(|r| r.seq == seq).map(Rec::hash);
    // Overlapping from the start: the first record that differs.
    assert_eq!(fork(&links(&other), lookup), Some(6));
    // Overlapping only after the split.
    assert_eq!(fork(&links(&other[7..]), lookup), Some(8));
    // Not overlapping, but not joining what is held either: it forks at the held record.
    assert_eq!(fork(&links(&other[10..]), lookup), Some(10));
    // The same history, carried again or continued: no fork.
    let (longer, _) = chain(15, 1);
    assert_eq!(fork(&links(&longer), lookup), None);
    assert_eq!(fork(&links(&longer[10..]), lookup), None);
    assert_eq!(
        fork(&links(&longer[12..]), lookup),
        None,
        "a gap is no fork"
    );
    assert_eq!(fork(&links(&other[..5]), lookup), None, "the shared part");
    assert_eq!(fork(&links(&other), |_| None), None, "nothing held");
}

#[test]
fn digests_and_heads_travel_as_lowercase_hex() {
    // SHA-256("abc"), FIPS 180-2.
    let abc = Digest::of(b"abc");
    assert_eq!(
        abc.to_hex(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let head = Head { seq: 12, hash: abc };
    let text = serde_json::to_string(&head).unwrap();
    assert_eq!(
        text,
        r#"{"seq":12,"hash":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}"#
    );
    assert_eq!(serde_json::from_str::<Head>(&text).unwrap(), head);
    assert!(Digest::parse(&abc.to_hex().to_uppercase()).is_none());
    assert!(Digest::parse(&abc.to_hex()[1..]).is_none());
    assert!(Digest::parse(&format!("{}0", abc.to_hex())).is_none());
    assert!(Digest::parse(&"g".repeat(64)).is_none());
    assert!(serde_json::from_str::<Head>(r#"{"seq":1,"hash":"00"}"#).is_err());
    assert!(
        serde_json::from_str::<Head>(&text.replace("}", r#","sig":"x"}"#)).is_err(),
        "unknown fields are refused"
    );
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

/// RFC 8032 §7.1, tests 1–3: secret, public key, message, signature.
const RFC8032: [(&str, &str, &str, &str); 3] = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
];

fn bytes_of(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn rfc8032_vectors_sign_and_verify() {
    for (secret, public, message, signature) in RFC8032 {
        let key = SigningKey::from_secret(hex32(secret));
        assert_eq!(key.public().to_hex(), public);
        let message = bytes_of(message);
        let signed = key.sign(&message);
        assert_eq!(signed.to_hex(), signature);
        assert!(verify(&key.public(), &message, &signed));
        assert!(verify(
            &PublicKey::parse(public).unwrap(),
            &message,
            &Signature::parse(signature).unwrap()
        ));
    }
}

/// Made with WebCrypto (`crypto.subtle.sign({name: "Ed25519"}, …)`, Node 20, the RFC 8032
/// test 1 key imported as JWK) over this head message; Chromium's WebCrypto is RFC 8032 too.
#[test]
fn a_head_signed_by_webcrypto_verifies_and_matches() {
    let head = Head {
        seq: 12,
        hash: Digest([0xab; 32]),
    };
    let message = head_message(
        DeviceId::parse("00000000000000a1").unwrap(),
        "区教育局",
        &head,
    );
    assert_eq!(
        String::from_utf8(message.clone()).unwrap(),
        format!(
            "duty-ledger head v1\n00000000000000a1\n区教育局\n12\n{}",
            "ab".repeat(32)
        )
    );
    let webcrypto = Signature::parse(
        "2dade50016c3f80ed3ae0a87ec721ef028469050257e40aacbde7aabd3f7863c2e1fb3984a134c5a6664ed3ffe97c9f9c7a1ecfcb5f8efbd73a8dfbf97adf80e",
    )
    .unwrap();
    let key = SigningKey::from_secret(hex32(RFC8032[0].0));
    assert_eq!(key.sign(&message), webcrypto);
    assert!(verify(&key.public(), &message, &webcrypto));
    // The same head for another unit or device is another message.
    let other_unit = head_message(
        DeviceId::parse("00000000000000a1").unwrap(),
        "区食药安办",
        &head,
    );
    assert!(!verify(&key.public(), &other_unit, &webcrypto));
    let other_device = head_message(
        DeviceId::parse("00000000000000a2").unwrap(),
        "区教育局",
        &head,
    );
    assert!(!verify(&key.public(), &other_device, &webcrypto));
}

#[test]
fn small_order_keys_and_non_canonical_signatures_are_refused() {
    // The identity point as a key, and a signature R = identity, S = 0: "valid" for every
    // message under a lax check, refused by verify_strict.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let mut sig = [0u8; 64];
    sig[0] = 1;
    assert!(!verify(&PublicKey(identity), b"anything", &Signature(sig)));
    // S at or above the group order (here all ones) is refused.
    let key = SigningKey::from_secret([5; 32]);
    let mut signed = key.sign(b"m");
    signed.0[32..].fill(0xff);
    assert!(!verify(&key.public(), b"m", &signed));
    // A key that is not a point at all.
    assert!(!verify(&PublicKey([0xff; 32]), b"m", &key.sign(b"m")));
}

proptest! {
    // Not a law but a check of the library: each case signs once and verifies four times,
    // about 100 ms in a debug build of curve25519 (no precomputed tables), so 100 cases.
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Any one-bit change to the message, the key or the signature fails verification.
    #[test]
    fn one_bit_changes_fail(
        secret in any::<[u8; 32]>(),
        message in prop::collection::vec(any::<u8>(), 1..200),
        bit in any::<prop::sample::Index>(),
        key_bit in 0usize..256,
        sig_bit in 0usize..512,
    ) {
        let key = SigningKey::from_secret(secret);
        let public = key.public();
        let signature = key.sign(&message);
        prop_assert!(verify(&public, &message, &signature));

        let mut changed = message.clone();
        let b = bit.index(message.len() * 8);
        changed[b / 8] ^= 1 << (b % 8);
        prop_assert!(!verify(&public, &changed, &signature));

        let mut other = public;
        other.0[key_bit / 8] ^= 1 << (key_bit % 8);
        prop_assert!(!verify(&other, &message, &signature));

        let mut forged = signature;
        forged.0[sig_bit / 8] ^= 1 << (sig_bit % 8);
        prop_assert!(!verify(&public, &message, &forged));
    }
}

#[test]
fn fingerprints_are_four_groups_of_four_readable_characters() {
    let key = PublicKey(hex32(RFC8032[0].1));
    let print = fingerprint(&key);
    assert_eq!(print.len(), 19);
    assert_eq!(fingerprint(&key), print, "deterministic");
    let groups: Vec<&str> = print.split('-').collect();
    assert_eq!(groups.len(), 4);
    assert!(groups.iter().all(|g| g.len() == 4));
    // The first 80 bits of SHA-256(key) in Crockford base32, worked out by hand below.
    let digest = Digest::of(&key.0).0;
    let mut bits = String::new();
    for b in &digest[..10] {
        bits.push_str(&format!("{b:08b}"));
    }
    let expected: String = bits
        .as_bytes()
        .chunks(5)
        .map(|five| {
            let i = u8::from_str_radix(std::str::from_utf8(five).unwrap(), 2).unwrap();
            char::from(FINGERPRINT_ALPHABET[usize::from(i)])
        })
        .collect();
    assert_eq!(print.replace('-', ""), expected);

    // Characters a person could mistake are never used: not in the alphabet, not in any of
    // many fingerprints; and different keys give different fingerprints.
    for confusable in ['I', 'L', 'O', 'U', 'i', 'l', 'o', 'u'] {
        assert!(!FINGERPRINT_ALPHABET.contains(&(confusable as u8)));
    }
    let mut seen_chars = BTreeSet::new();
    let mut prints = BTreeSet::new();
    for n in 0..2000u32 {
        let mut bytes = [0u8; 32];
        bytes[..4].copy_from_slice(&n.to_be_bytes());
        let print = fingerprint(&PublicKey(bytes));
        assert!(print.chars().enumerate().all(|(i, c)| if i % 5 == 4 {
            c == '-'
        } else {
            c.is_ascii_digit() || c.is_ascii_uppercase()
        }));
        seen_chars.extend(print.chars().filter(|&c| c != '-'));
        prints.insert(print);
    }
    assert_eq!(prints.len(), 2000);
    let all: BTreeSet<char> = FINGERPRINT_ALPHABET
        .iter()
        .map(|&b| char::from(b))
        .collect();
    assert_eq!(seen_chars, all, "all 32 symbols are used, and only they");
    for confusable in ['I', 'L', 'O', 'U'] {
        assert!(!seen_chars.contains(&confusable));
    }
}

#[test]
fn keys_and_signatures_travel_as_lowercase_hex() {
    let key = SigningKey::from_secret([3; 32]);
    let public = key.public();
    let text = serde_json::to_string(&public).unwrap();
    assert_eq!(text.len(), 64 + 2);
    assert_eq!(serde_json::from_str::<PublicKey>(&text).unwrap(), public);
    let signature = key.sign(b"x");
    let text = serde_json::to_string(&signature).unwrap();
    assert_eq!(text.len(), 128 + 2);
    assert_eq!(serde_json::from_str::<Signature>(&text).unwrap(), signature);
    assert!(serde_json::from_str::<Signature>(&text.to_uppercase()).is_err());
    assert!(serde_json::from_str::<PublicKey>(r#""abcd""#).is_err());
    // The private key never shows in debug output.
    let debug = format!("{key:?}");
    assert!(debug.contains(&public.to_hex()));
    assert!(!debug.contains(&"03".repeat(32)));
}

// ---------------------------------------------------------------------------------------------
// Roster
// ---------------------------------------------------------------------------------------------

const EDU: &str = "区教育局";
const OFFICE: &str = "区食药安办";
const MARKET: &str = "市市场监管局福田监管局";

fn key(n: u8) -> SigningKey {
    SigningKey::from_secret([n; 32])
}

#[test]
fn a_new_device_is_new_until_trusted_then_known() {
    let mut roster = Roster::new();
    roster
        .add_own(device(1), OFFICE, key(1).public(), 100)
        .unwrap();
    let tablet = key(2).public();
    assert_eq!(
        roster.judge(device(2), EDU, &tablet, &[1, 2]),
        Verdict::New {
            unit: EDU.to_owned(),
            fingerprint: fingerprint(&tablet),
        }
    );
    roster.trust(device(2), EDU, tablet, 200).unwrap();
    assert_eq!(
        roster.judge(device(2), EDU, &tablet, &[3, 4]),
        Verdict::Known
    );
    assert_eq!(
        roster.judge(device(1), OFFICE, &key(1).public(), &[]),
        Verdict::Known
    );
    let entry = roster.get(device(2), EDU, &tablet).unwrap();
    assert_eq!(entry.trust, Trust::Trusted { at: 200 });
    assert_eq!((entry.first_seen, entry.last_seen), (200, 200));
    roster.seen(device(2), &tablet, 500);
    roster.seen(device(2), &key(9).public(), 900); // another key: not this entry
    let entry = roster.get(device(2), EDU, &tablet).unwrap();
    assert_eq!((entry.first_seen, entry.last_seen), (200, 500));
    assert_eq!(entry.fingerprint(), fingerprint(&tablet));
}

#[test]
fn a_known_id_under_another_key_or_for_another_unit_is_refused() {
    let mut roster = Roster::new();
    roster.trust(device(2), EDU, key(2).public(), 1).unwrap();
    assert_eq!(
        roster.judge(device(2), EDU, &key(3).public(), &[1]),
        Verdict::KeyMismatch
    );
    assert_eq!(
        roster.trust(device(2), EDU, key(3).public(), 2),
        Err(Refusal::KeyMismatch)
    );
    assert_eq!(
        roster.judge(device(2), OFFICE, &key(2).public(), &[1]),
        Verdict::UnitMismatch {
            known: EDU.to_owned()
        }
    );
    assert_eq!(
        roster.trust(device(2), OFFICE, key(2).public(), 2),
        Err(Refusal::UnitMismatch {
            known: EDU.to_owned()
        })
    );
    // Another key *and* another unit: the key decides.
    assert_eq!(
        roster.judge(device(2), OFFICE, &key(3).public(), &[1]),
        Verdict::KeyMismatch
    );
    assert_eq!(roster.devices().count(), 1);
}

#[test]
fn a_unit_may_have_two_devices() {
    let mut roster = Roster::new();
    roster.trust(device(2), EDU, key(2).public(), 10).unwrap();
    roster.trust(device(3), EDU, key(3).public(), 5).unwrap();
    roster.trust(device(4), MARKET, key(4).public(), 7).unwrap();
    assert_eq!(
        roster.judge(device(2), EDU, &key(2).public(), &[1]),
        Verdict::Known
    );
    assert_eq!(
        roster.judge(device(3), EDU, &key(3).public(), &[1]),
        Verdict::Known
    );
    let units = roster.by_unit();
    let edu: Vec<DeviceId> = units[EDU].iter().map(|d| d.id).collect();
    assert_eq!(edu, vec![device(3), device(2)], "by first seen");
    assert_eq!(units[MARKET].len(), 1);
}

#[test]
fn a_revoked_device_has_later_records_refused_and_earlier_ones_marked() {
    let mut roster = Roster::new();
    let tablet = key(2).public();
    roster.trust(device(2), EDU, tablet, 1).unwrap();
    assert!(roster.revoke(device(2), 4, 50));
    assert!(!roster.revoke(device(9), 4, 50));
    assert_eq!(
        roster.judge(device(2), EDU, &tablet, &[6, 3, 5, 4]),
        Verdict::Revoked {
            last_good_seq: 4,
            refused_from_seq: Some(5),
        }
    );
    assert_eq!(
        roster.judge(device(2), EDU, &tablet, &[1, 2, 3, 4]),
        Verdict::Revoked {
            last_good_seq: 4,
            refused_from_seq: None,
        }
    );
    // Trusting it again does not undo the revocation; revoking again keeps the stricter.
    roster.trust(device(2), EDU, tablet, 60).unwrap();
    roster.revoke(device(2), 9, 70);
    assert_eq!(
        roster.get(device(2), EDU, &tablet).unwrap().revoked,
        Some(Revocation {
            at: 50,
            last_good_seq: 4
        })
    );
    assert!(
        Revocation {
            at: 0,
            last_good_seq: 4
        }
        .refuses(5)
    );
    assert!(
        !Revocation {
            at: 0,
            last_good_seq: 4
        }
        .refuses(4)
    );
}

/// The office device (1) with two tablets of 区教育局 (2, 3) and one of the market bureau (4)
/// trusted first-hand, and tablet 5 revoked after its record 7.
fn office_roster() -> Roster {
    let mut roster = Roster::new();
    roster
        .add_own(device(1), OFFICE, key(1).public(), 10)
        .unwrap();
    roster.trust(device(2), EDU, key(2).public(), 20).unwrap();
    roster.trust(device(3), EDU, key(3).public(), 30).unwrap();
    roster
        .trust(device(4), MARKET, key(4).public(), 40)
        .unwrap();
    roster
        .trust(device(5), MARKET, key(5).public(), 45)
        .unwrap();
    roster.revoke(device(5), 7, 90);
    roster.seen(device(2), &key(2).public(), 95);
    roster
}

fn office_file(roster: &Roster) -> RosterFile {
    RosterFile::sign(device(1), OFFICE, &key(1), 100, roster.vouchable())
}

/// A unit's tablet (2) that trusted the office device (1) first-hand.
fn unit_roster() -> Roster {
    let mut roster = Roster::new();
    roster.add_own(device(2), EDU, key(2).public(), 5).unwrap();
    roster.trust(device(1), OFFICE, key(1).public(), 6).unwrap();
    roster
}

#[test]
fn a_trusted_office_roster_vouches_for_its_devices() {
    let file = office_file(&office_roster());
    assert!(file.verify());
    let mut unit = unit_roster();
    assert_eq!(
        unit.judge(device(3), EDU, &key(3).public(), &[1]),
        Verdict::New {
            unit: EDU.to_owned(),
            fingerprint: fingerprint(&key(3).public()),
        }
    );
    let report = unit.adopt(&file, 200).unwrap();
    assert_eq!(
        report,
        AdoptReport {
            added: vec![device(3), device(4), device(5)],
            revoked: vec![device(5)],
            key_mismatches: vec![],
            unit_mismatches: vec![],
        }
    );
    assert_eq!(
        unit.judge(device(3), EDU, &key(3).public(), &[1]),
        Verdict::Known
    );
    assert_eq!(
        unit.judge(device(4), MARKET, &key(4).public(), &[1]),
        Verdict::Known
    );
    assert_eq!(
        unit.judge(device(5), MARKET, &key(5).public(), &[7, 8]),
        Verdict::Revoked {
            last_good_seq: 7,
            refused_from_seq: Some(8)
        }
    );
    let tablet3 = unit.get(device(3), EDU, &key(3).public()).unwrap();
    assert_eq!(
        tablet3.trust,
        Trust::Vouched {
            by: device(1),
            at: 200
        }
    );
    assert_eq!(tablet3.first_seen, 30);
    // Its own entry keeps Own and takes the office's later last-seen.
    let own = unit.get(device(2), EDU, &key(2).public()).unwrap();
    assert_eq!(own.trust, Trust::Own);
    assert_eq!((own.first_seen, own.last_seen), (5, 95));
    // Adopting again changes nothing and reports nothing new.
    let before = unit.clone();
    assert_eq!(unit.adopt(&file, 300).unwrap(), AdoptReport::default());
    assert_eq!(unit, before);
}

#[test]
fn a_roster_is_adopted_only_from_an_office_trusted_first_hand() {
    let file = office_file(&office_roster());
    // Never seen: the unit must trust the office device first.
    let mut stranger = Roster::new();
    stranger
        .add_own(device(2), EDU, key(2).public(), 5)
        .unwrap();
    assert_eq!(
        stranger.adopt(&file, 1),
        Err(RosterProblem::OfficeUnknown {
            unit: OFFICE.to_owned(),
            fingerprint: fingerprint(&key(1).public()),
        })
    );
    // Known only through another roster.
    let mut vouched_only = stranger.clone();
    let mut other_office = Roster::new();
    other_office
        .add_own(device(8), OFFICE, key(8).public(), 1)
        .unwrap();
    other_office
        .trust(device(1), OFFICE, key(1).public(), 2)
        .unwrap();
    vouched_only
        .trust(device(8), OFFICE, key(8).public(), 3)
        .unwrap();
    let relay = RosterFile::sign(device(8), OFFICE, &key(8), 4, other_office.vouchable());
    vouched_only.adopt(&relay, 5).unwrap();
    assert_eq!(
        vouched_only.adopt(&file, 6),
        Err(RosterProblem::OfficeNotFirstHand)
    );
    // Someone else's key under the office's device id, signing a roster of their own.
    let mut forged = RosterFile::sign(device(1), OFFICE, &key(66), 100, file.entries.clone());
    assert!(forged.verify());
    let mut unit = unit_roster();
    let before = unit.clone();
    assert_eq!(
        unit.adopt(&forged, 7),
        Err(RosterProblem::OfficeKeyMismatch)
    );
    // The office's key but an entry changed after signing.
    forged = file.clone();
    forged.entries[0].key = key(66).public();
    assert_eq!(unit.adopt(&forged, 7), Err(RosterProblem::BadSignature));
    // A revoked office.
    let mut revoked = unit_roster();
    revoked.revoke(device(1), 0, 1);
    assert_eq!(revoked.adopt(&file, 7), Err(RosterProblem::OfficeRevoked));
    // Office known for another unit.
    let mut elsewhere = Roster::new();
    elsewhere
        .trust(device(1), MARKET, key(1).public(), 1)
        .unwrap();
    assert_eq!(
        elsewhere.adopt(&file, 7),
        Err(RosterProblem::OfficeUnitMismatch {
            known: MARKET.to_owned()
        })
    );
    assert_eq!(unit, before, "a refused roster changes nothing");
}

#[test]
fn a_roster_never_overrides_a_key_this_device_knows() {
    let file = office_file(&office_roster());
    let mut unit = unit_roster();
    // This tablet already trusts device 3 under another key, and device 4 for another unit.
    unit.trust(device(3), EDU, key(33).public(), 7).unwrap();
    unit.trust(device(4), OFFICE, key(4).public(), 7).unwrap();
    let report = unit.adopt(&file, 200).unwrap();
    assert_eq!(report.key_mismatches, vec![device(3)]);
    assert_eq!(report.unit_mismatches, vec![device(4)]);
    assert_eq!(
        unit.judge(device(3), EDU, &key(33).public(), &[1]),
        Verdict::Known
    );
    assert_eq!(
        unit.judge(device(3), EDU, &key(3).public(), &[1]),
        Verdict::KeyMismatch
    );
    assert_eq!(
        unit.judge(device(4), MARKET, &key(4).public(), &[1]),
        Verdict::UnitMismatch {
            known: OFFICE.to_owned()
        }
    );
}

#[test]
fn a_revocation_in_the_office_roster_revokes_a_device_trusted_here() {
    let mut unit = unit_roster();
    unit.trust(device(5), MARKET, key(5).public(), 8).unwrap();
    assert_eq!(
        unit.judge(device(5), MARKET, &key(5).public(), &[9]),
        Verdict::Known
    );
    let report = unit.adopt(&office_file(&office_roster()), 200).unwrap();
    assert!(report.revoked.contains(&device(5)));
    assert_eq!(
        unit.judge(device(5), MARKET, &key(5).public(), &[7, 9]),
        Verdict::Revoked {
            last_good_seq: 7,
            refused_from_seq: Some(9)
        }
    );
    // Still trusted first-hand: the roster added the revocation, not its trust.
    assert_eq!(
        unit.get(device(5), MARKET, &key(5).public()).unwrap().trust,
        Trust::Trusted { at: 8 }
    );
}

#[test]
fn the_office_roster_file_detects_any_one_byte_change() {
    // A roster of two devices, so that every byte can be tried in a debug build (a verify
    // costs about 15 ms there).
    let mut office = Roster::new();
    office
        .add_own(device(1), OFFICE, key(1).public(), 10)
        .unwrap();
    office.trust(device(2), EDU, key(2).public(), 20).unwrap();
    office.revoke(device(2), 3, 30);
    let file = office_file(&office);
    let text = serde_json::to_string(&file).unwrap();
    let back: RosterFile = serde_json::from_str(&text).unwrap();
    assert_eq!(back, file);
    assert!(back.verify());
    // Every byte, changed to another character of its kind (a digit to a digit, a letter to a
    // letter, anything else to a digit): the file no longer reads, or its signature fails.
    let bytes = text.as_bytes();
    let mut verified = 0;
    for i in 0..bytes.len() {
        let replacement = match bytes[i] {
            b'0'..=b'8' | b'a'..=b'e' => bytes[i] + 1,
            b'9' => b'0',
            b'f' => b'a',
            b if b.is_ascii_alphabetic() => {
                if b == b'x' {
                    b'y'
                } else {
                    b'x'
                }
            }
            _ => b'1',
        };
        let mut changed = bytes.to_vec();
        changed[i] = replacement;
        let Ok(text) = std::str::from_utf8(&changed) else {
            continue; // inside a multi-byte character: not text any more
        };
        if let Ok(read) = serde_json::from_str::<RosterFile>(text) {
            assert_ne!(read, file);
            assert!(
                !read.verify(),
                "byte {i} changed to {replacement} still verifies"
            );
            verified += 1;
        }
    }
    assert!(
        verified > 300,
        "enough changes read as files to test signatures: {verified}"
    );
    // Unknown fields are refused.
    let extra = text.replacen('{', r#"{"note": "x","#, 1);
    assert!(serde_json::from_str::<RosterFile>(&extra).is_err());
}

#[test]
fn the_roster_message_is_length_prefixed_and_fixed() {
    let entries = vec![RosterEntry {
        device: device(2),
        unit: EDU.to_owned(),
        key: PublicKey([0x11; 32]),
        first_seen: 1,
        last_seen: 2,
        revoked: Some(Revocation {
            at: 3,
            last_good_seq: 4,
        }),
    }];
    let message = duty_ledger::trust::roster::roster_message(
        device(1),
        OFFICE,
        &PublicKey([0x22; 32]),
        -5,
        &entries,
    );
    let expected = format!(
        "duty-ledger roster v1\n16:000000000000d001\n15:区食药安办\n64:{}\n2:-5\n1:1\n\
         16:000000000000d002\n12:区教育局\n64:{}\n1:1\n1:2\n3:3 4\n",
        "22".repeat(32),
        "11".repeat(32)
    );
    assert_eq!(String::from_utf8(message).unwrap(), expected);
}

#[test]
fn a_roster_is_stored_as_its_list_of_devices() {
    let roster = office_roster();
    let text = serde_json::to_string(&roster).unwrap();
    assert!(text.starts_with('['));
    let back: Roster = serde_json::from_str(&text).unwrap();
    assert_eq!(back, roster);
    let devices: Vec<Device> = roster.devices().cloned().collect();
    assert_eq!(devices.len(), 5);
    assert_eq!(
        roster.vouchable().len(),
        5,
        "own, trusted and revoked entries travel"
    );
}

// Merge laws -----------------------------------------------------------------------------------

/// Devices from small pools, so ids, keys, units and times collide often.
fn roster_device() -> impl Strategy<Value = Device> {
    let trust = prop_oneof![
        Just(Trust::Own),
        (0i64..4).prop_map(|at| Trust::Trusted { at }),
        (0u8..3, 0i64..4).prop_map(|(by, at)| Trust::Vouched { by: device(by), at }),
    ];
    let revoked = prop::option::of(
        (0i64..4, 0u64..4).prop_map(|(at, last_good_seq)| Revocation { at, last_good_seq }),
    );
    (
        0u8..4,
        prop::sample::select(vec![EDU, OFFICE, MARKET]),
        0u8..3,
        -5i64..5,
        0i64..6,
        trust,
        revoked,
    )
        .prop_map(|(id, unit, k, first, span, trust, revoked)| Device {
            id: device(id),
            unit: unit.to_owned(),
            key: PublicKey([k; 32]),
            first_seen: first,
            last_seen: first + span,
            trust,
            revoked,
        })
}

fn roster() -> impl Strategy<Value = Roster> {
    prop::collection::vec(roster_device(), 0..8).prop_map(Roster::from)
}

fn merged(a: &Roster, b: &Roster) -> Roster {
    let mut out = a.clone();
    out.merge(b);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn roster_merge_is_commutative(a in roster(), b in roster()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
    }

    #[test]
    fn roster_merge_is_associative(a in roster(), b in roster(), c in roster()) {
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
    }

    #[test]
    fn roster_merge_is_idempotent(a in roster(), b in roster()) {
        prop_assert_eq!(merged(&a, &a), a.clone());
        let ab = merged(&a, &b);
        prop_assert_eq!(merged(&ab, &b), ab);
    }

    /// A merge keeps every device either side knows; revocation wins, first seen is the
    /// earliest, last seen the latest, and trust never weakens.
    #[test]
    fn roster_merge_keeps_everything_and_revocation_wins(a in roster(), b in roster()) {
        let m = merged(&a, &b);
        for side in [&a, &b] {
            for d in side.devices() {
                let got = m.get(d.id, &d.unit, &d.key).unwrap();
                prop_assert!(got.first_seen <= d.first_seen);
                prop_assert!(got.last_seen >= d.last_seen);
                if let Some(r) = d.revoked {
                    let kept = got.revoked.unwrap();
                    prop_assert!(kept.last_good_seq <= r.last_good_seq && kept.at <= r.at);
                }
                if d.trust.first_hand() {
                    prop_assert!(got.trust.first_hand());
                }
                if d.trust == Trust::Own {
                    prop_assert_eq!(got.trust, Trust::Own);
                }
                // Whatever merged in, this device's verdict is never more lenient.
                let before = side.judge(d.id, &d.unit, &d.key, &[1, 2, 3, 4, 5]);
                let after = m.judge(d.id, &d.unit, &d.key, &[1, 2, 3, 4, 5]);
                if before != Verdict::Known {
                    prop_assert_ne!(after, Verdict::Known);
                }
            }
        }
        let count = m.devices().count();
        prop_assert!(count <= a.devices().count() + b.devices().count());
    }
}
