//! Fails the build when the seed document cannot be read or names a unit the registry does not
//! know, so a broken seed never ships as a blank or partial page.

#[allow(dead_code)]
#[path = "src/plan/seed.rs"]
mod seed;
#[allow(dead_code)]
#[path = "src/plan/units.rs"]
mod units;

const SEED: &str = "seeds/futian-2023-food-safety-duties.txt";

fn main() {
    println!("cargo:rerun-if-changed={SEED}");
    println!("cargo:rerun-if-changed=src/plan/seed.rs");
    println!("cargo:rerun-if-changed=src/plan/units.rs");
    let text = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("cannot read {SEED}: {e}"));
    let table = seed::parse(&text).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    for row in &table.rows {
        for named in row.lead_units.iter().chain(&row.cooperating_units) {
            if units::UnitId::from_name(&named.name).is_none() {
                panic!(
                    "{SEED}: task {} (line {}) names {:?}, which is not in src/plan/units.rs",
                    row.position, row.line, named.name
                );
            }
        }
    }
}
