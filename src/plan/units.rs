//! The units of the built-in 2023 table: every unit and group it names, the ten subdistrict
//! offices of Futian, and what a unit is (coordinating office, department, subdistrict office,
//! group). Plain data, std only, so `build.rs` checks the seed against it; the registry a
//! running plan uses (and `UnitId`) is in `registry.rs`.
//!
//! Canonical names are the names as the table prints them; they are what storage and exchanged
//! files carry, so a `UnitId` (an index) never leaves the running app.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// 区食药安办, the coordinating office that collects every unit's report.
    Coordinator,
    /// A district department or a city department's Futian branch.
    Department,
    /// One of the ten subdistrict offices (街道办事处).
    Subdistrict,
    /// A collective name that stands for several units.
    Group(Group),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// 区食药安委各成员单位 and 区食药安委各有关成员单位: the catch-all, every member unit. The plan
    /// lists no members, so every unit of the plan counts as one.
    CommitteeMembers,
    /// A group with listed members, e.g. 各街道办事处: the ten subdistrict offices.
    Listed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitInfo {
    /// Canonical name, as printed in the table.
    pub name: &'static str,
    /// A short label for narrow columns.
    pub short: &'static str,
    pub kind: UnitKind,
}

/// Is `name` a unit or group of the 2023 table?
pub fn in_2023_table(name: &str) -> bool {
    REGISTRY.iter().any(|u| u.name == name)
}

const fn unit(name: &'static str, short: &'static str, kind: UnitKind) -> UnitInfo {
    UnitInfo { name, short, kind }
}

use UnitKind::{Coordinator, Department, Subdistrict};

/// The 2023 table's units, in the order the app lists them.
pub const REGISTRY: &[UnitInfo] = &[
    unit("区食药安办", "食药安办", Coordinator),
    unit("市市场监管局福田监管局", "市场监管", Department),
    unit("市生态环境局福田管理局", "生态环境", Department),
    unit("市规划和自然资源局福田管理局", "规划资源", Department),
    unit("福田公安分局", "公安", Department),
    unit("区卫生健康局", "卫健", Department),
    unit("区教育局", "教育", Department),
    unit("福田海关", "福田海关", Department),
    unit("皇岗海关", "皇岗海关", Department),
    unit("区城管和综合执法局", "城管执法", Department),
    unit("区民政局", "民政", Department),
    unit("区住房建设局", "住建", Department),
    unit("区文化广电旅游体育局", "文广旅体", Department),
    unit("区人民法院", "法院", Department),
    unit("区人民检察院", "检察院", Department),
    unit("区工业和信息化局", "工信", Department),
    unit("区委宣传部", "宣传部", Department),
    unit("园岭街道办事处", "园岭", Subdistrict),
    unit("南园街道办事处", "南园", Subdistrict),
    unit("福田街道办事处", "福田街道", Subdistrict),
    unit("沙头街道办事处", "沙头", Subdistrict),
    unit("香蜜湖街道办事处", "香蜜湖", Subdistrict),
    unit("梅林街道办事处", "梅林", Subdistrict),
    unit("莲花街道办事处", "莲花", Subdistrict),
    unit("华富街道办事处", "华富", Subdistrict),
    unit("福保街道办事处", "福保", Subdistrict),
    unit("华强北街道办事处", "华强北", Subdistrict),
    unit(
        "区食药安委各成员单位",
        "各成员单位",
        UnitKind::Group(Group::CommitteeMembers),
    ),
    unit(
        "区食药安委各有关成员单位",
        "各有关成员单位",
        UnitKind::Group(Group::CommitteeMembers),
    ),
    unit("各街道办事处", "各街道", UnitKind::Group(Group::Listed)),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::UnitId;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_short_labels_too() {
        let names: HashSet<_> = REGISTRY.iter().map(|u| u.name).collect();
        let shorts: HashSet<_> = REGISTRY.iter().map(|u| u.short).collect();
        assert_eq!(names.len(), REGISTRY.len());
        assert_eq!(shorts.len(), REGISTRY.len());
    }

    #[test]
    fn the_subdistrict_group_is_the_ten_offices() {
        let group = UnitId::from_name("各街道办事处").unwrap();
        let members: Vec<_> = group.members().map(UnitId::short).collect();
        assert_eq!(
            members,
            [
                "园岭",
                "南园",
                "福田街道",
                "沙头",
                "香蜜湖",
                "梅林",
                "莲花",
                "华富",
                "福保",
                "华强北"
            ]
        );
    }

    #[test]
    fn committee_groups_stand_for_every_unit_but_not_for_groups() {
        for name in ["区食药安委各成员单位", "区食药安委各有关成员单位"] {
            let group = UnitId::from_name(name).unwrap();
            assert_eq!(group.members().count(), 27);
            assert!(group.contains(UnitId::coordinator()));
            assert!(!group.contains(group));
        }
    }
}
