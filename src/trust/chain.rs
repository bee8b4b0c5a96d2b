//! One hash chain per device (留痕 that cannot be rewritten).
//!
//! Every record a device writes carries `seq` (1 for its first record, then 2, 3, …) and
//! `prev`, the [`Digest`] of that device's previous record's canonical bytes (`None` for
//! seq 1). The record's own digest covers its `seq` and `prev`, so changing any record changes
//! every digest after it up to the device's signed [`Head`]: a signature over the head vouches
//! for the whole chain before it.
//!
//! The caller owns the record format: it computes each record's digest from its canonical
//! bytes with [`Digest::of`] and hands this module [`Link`]s. Writing takes the next link
//! from the stored head ([`next_link`], or [`seal`] for a batch) inside the storage
//! transaction that writes the records and the new head, so two tabs of one device never
//! fork its chain. Reading checks a device's links against its signed head
//! ([`verify_segment`]).

pub use crate::foundation::digest::Digest;
use serde::{Deserialize, Serialize};

/// A record's place in its device's chain, as the verifier sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// The record's sequence number in its device's chain, from 1.
    pub seq: u64,
    /// The digest of the device's record `seq - 1`; `None` exactly when `seq` is 1.
    pub prev: Option<Digest>,
    /// This record's own digest, [`Digest::of`] its canonical bytes (which include `seq` and
    /// `prev`).
    pub hash: Digest,
}

impl Link {
    /// The head of the chain once this record is written.
    pub fn head(&self) -> Head {
        Head {
            seq: self.seq,
            hash: self.hash,
        }
    }
}

/// The latest record of a device's chain: what the device stores to continue its chain and
/// what it signs in an export. In files `{"seq": 12, "hash": "…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    #[serde(deserialize_with = "crate::foundation::canonical::whole")]
    /// The latest record's sequence number.
    pub seq: u64,
    /// The latest record's digest.
    pub hash: Digest,
}

/// The `seq` and `prev` of the next record after the stored `head` (`None`: the device has
/// written nothing yet, so the next record is seq 1 with no `prev`).
pub fn next_link(head: Option<&Head>) -> (u64, Option<Digest>) {
    match head {
        None => (1, None),
        Some(head) => (head.seq + 1, Some(head.hash)),
    }
}

/// Chains `pending` records after `head`, in order, and returns the new head (`head` itself
/// when nothing is pending).
///
/// For each record, `stamp` receives the record, its `seq` and its `prev`; it writes them into
/// the record and returns the digest of the record's canonical bytes. Call it inside the
/// transaction that reads the stored head and writes the records and the returned head.
pub fn seal<T>(
    head: Option<Head>,
    pending: &mut [T],
    mut stamp: impl FnMut(&mut T, u64, Option<Digest>) -> Digest,
) -> Option<Head> {
    pending.iter_mut().fold(head, |head, record| {
        let (seq, prev) = next_link(head.as_ref());
        let hash = stamp(record, seq, prev);
        Some(Head { seq, hash })
    })
}

/// Why one device's links do not form the chain its signed head vouches for. Each names the
/// sequence number at fault; the caller maps it back to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainProblem {
    /// No link was given although the signed head names a record.
    Empty,
    /// Two links claim this sequence number.
    Duplicate {
        /// The sequence number claimed twice.
        seq: u64,
    },
    /// A record after the signed head: no signature vouches for it (the lowest such `seq`).
    Unsigned {
        /// The first sequence number beyond the head.
        seq: u64,
    },
    /// The record with this sequence number is missing between the first link given and the
    /// head: dropped from the middle (the lowest missing `seq`).
    Missing {
        /// The first sequence number missing.
        seq: u64,
    },
    /// The record with this sequence number is not the one the signature vouches for: it was
    /// altered, or records were renumbered or reordered. It is the latest record at fault;
    /// every record after it is proven as signed.
    Altered {
        /// The sequence number of the latest record that does not match.
        seq: u64,
    },
    /// A record the signature vouches for is ill-formed: sequence number 0, a record 1 that
    /// points to a predecessor, or a later record that points to none.
    Malformed {
        /// The sequence number of the ill-formed record.
        seq: u64,
    },
}

/// Checks one device's `links` (in any order) against its `signed` head.
///
/// The links must be exactly the records `k..=signed.seq` for some `k ≥ 1`, each `prev` the
/// digest of the one before, the last one's digest `signed.hash`. A segment may start after
/// seq 1: older records need not be carried. The check walks back from the signed head, so
/// [`ChainProblem::Altered`] names the latest record that is not as signed.
pub fn verify_segment(links: &[Link], signed: &Head) -> Result<(), ChainProblem> {
    let mut sorted: Vec<&Link> = links.iter().collect();
    sorted.sort_unstable_by_key(|link| link.seq);
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0].seq == pair[1].seq) {
        return Err(ChainProblem::Duplicate { seq: pair[0].seq });
    }
    if let Some(link) = sorted.iter().find(|link| link.seq > signed.seq) {
        return Err(ChainProblem::Unsigned { seq: link.seq });
    }
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Err(ChainProblem::Empty);
    };
    if first.seq == 0 {
        return Err(ChainProblem::Malformed { seq: 0 });
    }
    // Distinct and sorted: a gap shows as a step of more than one, or a last link before the head.
    if let Some(pair) = sorted
        .windows(2)
        .find(|pair| pair[1].seq != pair[0].seq + 1)
    {
        return Err(ChainProblem::Missing {
            seq: pair[0].seq + 1,
        });
    }
    if last.seq < signed.seq {
        return Err(ChainProblem::Missing { seq: last.seq + 1 });
    }
    let mut expected = signed.hash;
    for link in sorted.iter().rev() {
        if link.hash != expected {
            return Err(ChainProblem::Altered { seq: link.seq });
        }
        if (link.seq == 1) != link.prev.is_none() {
            return Err(ChainProblem::Malformed { seq: link.seq });
        }
        match link.prev {
            Some(prev) => expected = prev,
            None => break,
        }
    }
    Ok(())
}

/// The first sequence number at which a device's verified `links` disagree with that
/// device's records already held here (`held(seq)`: the digest of the held record with that
/// sequence number, if any), or `None` when they agree wherever both know a record.
///
/// A disagreement means the device's key vouched for two different histories: a copied or
/// restored key, or a device that lost its storage but not its identity. Both histories
/// verify on their own; only a device holding both can see it, so check every import. Where
/// the first link given follows a held record, its `prev` is compared too: a segment that
/// does not join what is held forks at the held record.
pub fn fork(links: &[Link], held: impl Fn(u64) -> Option<Digest>) -> Option<u64> {
    let mut forks = links.iter().filter_map(|link| {
        if held(link.seq).is_some_and(|hash| hash != link.hash) {
            return Some(link.seq);
        }
        let before = link.seq.checked_sub(1).filter(|&seq| seq > 0)?;
        match (held(before), link.prev) {
            (Some(hash), Some(prev)) if hash != prev => Some(before),
            _ => None,
        }
    });
    let first = forks.next()?;
    Some(forks.fold(first, u64::min))
}
