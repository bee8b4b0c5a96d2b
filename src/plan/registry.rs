//! The units of the plan in use: names, short labels, kinds and which groups stand for which
//! units. A [`UnitId`] is an index into the registry of the plan in use ([`super::plan`]); it is
//! only valid inside one running app and never leaves it: files and storage carry names.

use std::fmt;

use super::plan;
use super::units::{Group, UnitInfo, UnitKind};

/// At most this many units and groups in one plan (a `UnitId` is one byte).
pub const MAX_UNITS: usize = 256;

/// Membership as a bit set over unit indexes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Members([u64; MAX_UNITS / 64]);

impl Members {
    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn has(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Every unit and group of one plan, in the order the app lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    units: Vec<UnitInfo>,
    members: Vec<Members>,
}

/// Why a list of units cannot be a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryProblem {
    TooMany(usize),
    Empty(usize),
    DuplicateName(String),
    DuplicateShort(String),
    NoCoordinator,
    SeveralCoordinators,
    /// A listed group names something that is not a unit of the plan (or is a group).
    UnknownMember {
        group: String,
        member: String,
    },
    /// A listed group with no members.
    EmptyGroup(String),
}

impl Registry {
    /// A registry from units and, for each listed group (by name), its members' names. The
    /// catch-all group (区食药安委各成员单位) stands for every unit and lists none.
    pub fn new(
        units: Vec<UnitInfo>,
        listed: &[(String, Vec<String>)],
    ) -> Result<Registry, RegistryProblem> {
        if units.len() > MAX_UNITS {
            return Err(RegistryProblem::TooMany(units.len()));
        }
        for (i, unit) in units.iter().enumerate() {
            if unit.name.trim().is_empty() || unit.short.trim().is_empty() {
                return Err(RegistryProblem::Empty(i));
            }
            if units[..i].iter().any(|u| u.name == unit.name) {
                return Err(RegistryProblem::DuplicateName(unit.name.to_string()));
            }
            if units[..i].iter().any(|u| u.short == unit.short) {
                return Err(RegistryProblem::DuplicateShort(unit.short.to_string()));
            }
        }
        match units
            .iter()
            .filter(|u| u.kind == UnitKind::Coordinator)
            .count()
        {
            0 => return Err(RegistryProblem::NoCoordinator),
            1 => {}
            _ => return Err(RegistryProblem::SeveralCoordinators),
        }
        let is_group = |i: usize| matches!(units[i].kind, UnitKind::Group(_));
        let mut members = vec![Members::default(); units.len()];
        for (g, unit) in units.iter().enumerate() {
            match unit.kind {
                UnitKind::Group(Group::CommitteeMembers) => {
                    for i in (0..units.len()).filter(|&i| !is_group(i)) {
                        members[g].insert(i);
                    }
                }
                UnitKind::Group(Group::Listed) => {
                    let names = listed
                        .iter()
                        .find(|(name, _)| name == unit.name)
                        .map(|(_, m)| m.as_slice())
                        .unwrap_or_default();
                    if names.is_empty() {
                        return Err(RegistryProblem::EmptyGroup(unit.name.to_string()));
                    }
                    for name in names {
                        let i = units
                            .iter()
                            .position(|u| u.name == name)
                            .filter(|&i| !is_group(i))
                            .ok_or_else(|| RegistryProblem::UnknownMember {
                                group: unit.name.to_string(),
                                member: name.clone(),
                            })?;
                        members[g].insert(i);
                    }
                }
                _ => {}
            }
        }
        Ok(Registry { units, members })
    }

    /// The 2023 table's registry: 各街道办事处 stands for the ten subdistrict offices.
    pub fn builtin() -> Registry {
        let units = super::units::REGISTRY.to_vec();
        let subdistricts: Vec<String> = units
            .iter()
            .filter(|u| u.kind == UnitKind::Subdistrict)
            .map(|u| u.name.to_string())
            .collect();
        let listed: Vec<(String, Vec<String>)> = units
            .iter()
            .filter(|u| u.kind == UnitKind::Group(Group::Listed))
            .map(|u| (u.name.to_string(), subdistricts.clone()))
            .collect();
        Registry::new(units, &listed).expect("the 2023 registry is valid")
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    pub fn infos(&self) -> &[UnitInfo] {
        &self.units
    }

    /// The index of the unit or group named `name` in this registry.
    pub fn find(&self, name: &str) -> Option<UnitId> {
        self.units
            .iter()
            .position(|u| u.name == name)
            .map(|i| UnitId(i as u8))
    }

    /// The position of `unit` in this registry (ids index the registry they were found in).
    pub fn index(&self, unit: UnitId) -> usize {
        unit.0 as usize
    }

    /// The members of the group at `group`, by name (empty for a unit).
    pub fn member_names(&self, group: UnitId) -> Vec<&'static str> {
        let set = self.members[group.0 as usize];
        (0..self.units.len())
            .filter(|&i| set.has(i))
            .map(|i| self.units[i].name)
            .collect()
    }
}

/// An index into the registry of the plan in use; only valid inside one running app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitId(u8);

impl UnitId {
    /// The least and greatest ids in their order (bounds of a range over keys holding units).
    pub const FIRST: UnitId = UnitId(0);
    pub const LAST: UnitId = UnitId(u8::MAX);

    pub fn all() -> impl Iterator<Item = UnitId> {
        (0..plan().units.len()).map(|i| UnitId(i as u8))
    }

    /// Units a person can work for: everything but the groups.
    pub fn all_units() -> impl Iterator<Item = UnitId> {
        Self::all().filter(|u| !u.is_group())
    }

    pub fn coordinator() -> UnitId {
        Self::all()
            .find(|u| u.info().kind == UnitKind::Coordinator)
            .expect("every registry has a coordinating office")
    }

    pub fn from_name(name: &str) -> Option<UnitId> {
        plan().units.find(name)
    }

    /// The unit of the plan in use that `name` was renamed to (see [`super::Plan::renamed_from`]).
    pub fn renamed_from(name: &str) -> Option<UnitId> {
        plan().renamed_from(name)
    }

    /// The id of the unit at `index` of a registry being built.
    pub(crate) fn at(index: usize) -> UnitId {
        UnitId(index.min(MAX_UNITS - 1) as u8)
    }

    pub fn info(self) -> &'static UnitInfo {
        &plan().units.units[self.0 as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn short(self) -> &'static str {
        self.info().short
    }

    pub fn is_group(self) -> bool {
        matches!(self.info().kind, UnitKind::Group(_))
    }

    /// Does naming `self` (a group) name `unit`? A unit never contains itself.
    pub fn contains(self, unit: UnitId) -> bool {
        plan().units.members[self.0 as usize].has(unit.0 as usize)
    }

    /// The units a group stands for (empty for a unit).
    pub fn members(self) -> impl Iterator<Item = UnitId> {
        Self::all().filter(move |u| self.contains(*u))
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
