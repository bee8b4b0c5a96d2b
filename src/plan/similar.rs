//! How alike two unit names are, for the plan wizard's rename suggestions ([`super::draft`]).
//!
//! The rule: a name's *distinctive part* is the name without the place in front (深圳市, 福田区,
//! 区, 市) and the generic ending (街道办事处, 委员会, 管理局, 局, 办 …): 区城市管理和综合执法局 →
//! 城市管理和综合执法. Two names are compared by the characters their distinctive parts share in
//! order (the longest common subsequence), each character weighted by how rare it is among the
//! known units' distinctive parts (a character in one known name weighs 1, in *n* names 1/*n*;
//! so 人民 or 海关, shared by several units, say little), as a Dice score: twice the shared
//! weight over both parts' weight, 0–100. A known unit is suggested as the one a new name renames
//! when it scores at least [`RENAME_AT`] and best (ties: more shared characters, then the
//! registry's order).

/// The score from which a known unit is suggested as renamed.
pub const RENAME_AT: u8 = 70;

/// The city, then the district, each stripped once.
const PLACES: [[&str; 2]; 2] = [["深圳市", "市"], ["福田区", "区"]];
const ENDINGS: [&str; 8] = [
    "街道办事处",
    "办事处",
    "委员会",
    "管理局",
    "分局",
    "局",
    "办",
    "街道",
];

/// The distinctive part of a unit name (see the module documentation); the whole name when
/// nothing is left.
pub fn distinctive(name: &str) -> &str {
    let mut core = name.trim();
    for level in PLACES {
        if let Some(rest) = level.iter().find_map(|p| core.strip_prefix(p))
            && !rest.is_empty()
        {
            core = rest;
        }
    }
    for ending in ENDINGS {
        if let Some(rest) = core.strip_suffix(ending)
            && !rest.is_empty()
        {
            return rest;
        }
    }
    core
}

/// Character weights from the known names: a character in `n` of their distinctive parts
/// weighs `1/n`; any other weighs 1.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    counts: std::collections::BTreeMap<char, u32>,
}

impl Weights {
    pub fn of<'a>(known: impl IntoIterator<Item = &'a str>) -> Weights {
        let mut counts = std::collections::BTreeMap::new();
        for name in known {
            let mut seen: Vec<char> = distinctive(name).chars().collect();
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                *counts.entry(c).or_insert(0) += 1;
            }
        }
        Weights { counts }
    }

    fn weight(&self, c: char) -> f64 {
        1.0 / f64::from(self.counts.get(&c).copied().unwrap_or(1).max(1))
    }

    fn total(&self, chars: &[char]) -> f64 {
        chars.iter().map(|&c| self.weight(c)).sum()
    }
}

/// The weight and length of the heaviest common subsequence of `a` and `b`.
fn shared(a: &[char], b: &[char], weights: &Weights) -> (f64, usize) {
    let mut row = vec![(0.0_f64, 0_usize); b.len() + 1];
    for &x in a {
        let mut diagonal = (0.0, 0);
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            let best = if x == y {
                (diagonal.0 + weights.weight(x), diagonal.1 + 1)
            } else if above.0 >= row[j].0 {
                above
            } else {
                row[j]
            };
            diagonal = above;
            row[j + 1] = best;
        }
    }
    row[b.len()]
}

/// How alike two names are, 0–100, and how many characters of their distinctive parts they
/// share in order (see the module documentation).
pub fn similarity(a: &str, b: &str, weights: &Weights) -> (u8, usize) {
    let (a, b): (Vec<char>, Vec<char>) = (
        distinctive(a).chars().collect(),
        distinctive(b).chars().collect(),
    );
    let (weight, count) = shared(&a, &b, weights);
    let whole = weights.total(&a) + weights.total(&b);
    if whole <= 0.0 {
        return (0, 0);
    }
    let score = (200.0 * weight / whole).round().clamp(0.0, 100.0) as u8;
    (score, count)
}

/// The candidates for what `name` renames, best first: `(score, shared characters, index)` for
/// each of `candidates` (indexes into it), with the weights of `known`.
pub fn ranked(name: &str, candidates: &[&str], weights: &Weights) -> Vec<(u8, usize, usize)> {
    let mut ranked: Vec<(u8, usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (score, count) = similarity(name, c, weights);
            (score, count, i)
        })
        .collect();
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_distinctive_part_drops_the_place_and_the_ending() {
        assert_eq!(distinctive("区城市管理和综合执法局"), "城市管理和综合执法");
        assert_eq!(distinctive("区卫生健康委员会"), "卫生健康");
        assert_eq!(distinctive("香蜜湖街道办事处"), "香蜜湖");
        assert_eq!(distinctive("福田海关"), "福田海关");
        assert_eq!(distinctive("区局"), "局");
    }

    #[test]
    fn a_name_is_wholly_like_itself_and_unlike_a_stranger() {
        let w = Weights::default();
        assert_eq!(similarity("区教育局", "福田区教育局", &w).0, 100);
        assert_eq!(similarity("区数据局", "区教育局", &w).0, 0);
    }
}
