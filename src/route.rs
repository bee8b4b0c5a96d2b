//! The URL hash: what the screen shows, in a form that can be shared and that Back restores.
//!
//! `#unit=<canonical name>&role=lead|coop|any&area=<1-9>&q=<text>` (percent-encoded) is the
//! filtered table of all tasks; `view=mine` (the default) is "my tasks"; `task=<1-58>` opens a
//! task's detail beside either list, and `of=<canonical name>` with it opens that unit's view of
//! the task, read-only unless it is the user's own unit (a 汇总 cell; `unit=` is the table's
//! filter, so the cell's unit has its own key). Filter keys imply the table view, so `view=all`
//! is only written when no filter is set.
//!
//! "My tasks" keeps its own filter after `view=mine`:
//! `#view=mine&role=lead|coop|member&status=not_started|in_progress|done|blocked&light=red|yellow|green&q=<text>&sort=urgency|number|updated`
//! (`role` and `q` belong to "my tasks" when the view is `mine`, to the table otherwise; the
//! default order, `urgency`, is not written). The hash needs no server rewrite rules, so links
//! work on any static host and under any sub-path.

use crate::filter::{
    MineFilter, Reach, RoleFilter, SortOrder, TaskFilter, light_from_token, light_token,
    status_from_token,
};
use crate::plan::{TaskId, UnitId, plan};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The tasks of the user's unit, with their progress.
    #[default]
    Mine,
    /// The whole table, filterable.
    All,
    /// The consolidated picture: tasks × responsible units (汇总).
    Matrix,
    /// Sending and receiving files (数据交换).
    Exchange,
    /// The implementation report to print or download (报告).
    Report,
    /// The plans on this device: the one in use, switching, loading a new table (计划).
    Plans,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Mine,
        View::All,
        View::Matrix,
        View::Exchange,
        View::Report,
        View::Plans,
    ];

    pub fn token(self) -> &'static str {
        match self {
            View::Mine => "mine",
            View::All => "all",
            View::Matrix => "matrix",
            View::Exchange => "exchange",
            View::Report => "report",
            View::Plans => "plans",
        }
    }

    fn from_token(token: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.token() == token)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub view: View,
    /// Filters of the table view.
    pub filter: TaskFilter,
    /// Filters and order of "my tasks" (only in the hash while that view shows).
    pub mine: MineFilter,
    /// The task whose detail is open.
    pub task: Option<TaskId>,
    /// With `task`: the unit whose view of the task is open (a 汇总 cell).
    pub of: Option<UnitId>,
}

/// A part of a link that could not be used, to tell the person who opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteProblem {
    UnknownUnit(String),
    UnknownRole(String),
    UnknownArea(String),
    UnknownView(String),
    UnknownTask(String),
    /// A status, light or order of "my tasks" that does not exist.
    UnknownChoice(String),
}

impl Route {
    /// Parses a location hash (with or without the leading `#`). Unknown keys are ignored so
    /// that newer links still open; unusable values are reported.
    pub fn from_hash(hash: &str) -> (Route, Vec<RouteProblem>) {
        let mut route = Route::default();
        let mut problems = Vec::new();
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let pairs: Vec<(&str, String)> = hash
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (key, percent_decode(value))
            })
            .collect();
        // The view decides whose `role` and `q` they are, wherever it stands in the hash.
        let mut view = None;
        for (key, value) in &pairs {
            if *key == "view" {
                match View::from_token(value) {
                    Some(v) => view = Some(v),
                    None => problems.push(RouteProblem::UnknownView(value.clone())),
                }
            }
        }
        let mine = view == Some(View::Mine);
        for (key, value) in pairs {
            let filter = &mut route.filter;
            match key {
                "unit" if !value.is_empty() => match UnitId::from_name(&value) {
                    Some(unit) => filter.unit = Some(unit),
                    None => problems.push(RouteProblem::UnknownUnit(value)),
                },
                "role" if mine => match Reach::from_token(&value) {
                    Some(reach) => route.mine.reach = Some(reach),
                    None => problems.push(RouteProblem::UnknownRole(value)),
                },
                "role" => match RoleFilter::from_token(&value) {
                    Some(role) => filter.role = role,
                    None => problems.push(RouteProblem::UnknownRole(value)),
                },
                "area" if !value.is_empty() => match value.parse::<u8>() {
                    Ok(area) if plan().area(area).is_some() => filter.area = Some(area),
                    _ => problems.push(RouteProblem::UnknownArea(value)),
                },
                "q" if mine => route.mine.query = value,
                "q" => filter.query = value,
                "status" => match status_from_token(&value) {
                    Some(status) => route.mine.status = Some(status),
                    None => problems.push(RouteProblem::UnknownChoice(value)),
                },
                "light" => match light_from_token(&value) {
                    Some(light) => route.mine.light = Some(light),
                    None => problems.push(RouteProblem::UnknownChoice(value)),
                },
                "sort" => match SortOrder::from_token(&value) {
                    Some(sort) => route.mine.sort = sort,
                    None => problems.push(RouteProblem::UnknownChoice(value)),
                },
                "task" => match value
                    .parse()
                    .ok()
                    .map(TaskId)
                    .filter(|t| plan().task(*t).is_some())
                {
                    Some(task) => route.task = Some(task),
                    None => problems.push(RouteProblem::UnknownTask(value)),
                },
                "of" if !value.is_empty() => match UnitId::from_name(&value) {
                    Some(unit) if !unit.is_group() => route.of = Some(unit),
                    _ => problems.push(RouteProblem::UnknownUnit(value)),
                },
                _ => {}
            }
        }
        if route.task.is_none() {
            route.of = None;
        }
        route.view = view.unwrap_or(if route.filter.is_empty() {
            View::Mine
        } else {
            View::All
        });
        if route.view != View::Mine {
            // Not shown, so not kept: the hash of another view never carries it.
            route.mine = MineFilter::default();
        }
        (route, problems)
    }

    /// The hash for this route, without the leading `#`; empty for the default view.
    pub fn to_hash(&self) -> String {
        let filter = &self.filter;
        let mut pairs: Vec<String> = Vec::new();
        // Filter keys alone mean the table; "my tasks" is the default; other views say so.
        let implied = match self.view {
            View::Mine => filter.is_empty() && self.mine.is_default(),
            View::All => !filter.is_empty(),
            View::Matrix | View::Exchange | View::Report | View::Plans => false,
        };
        if !implied {
            pairs.push(format!("view={}", self.view.token()));
        }
        if self.view == View::Mine {
            let mine = &self.mine;
            if let Some(reach) = mine.reach {
                pairs.push(format!("role={}", reach.token()));
            }
            if let Some(status) = mine.status {
                pairs.push(format!("status={}", status.token()));
            }
            if let Some(light) = mine.light {
                pairs.push(format!("light={}", light_token(light)));
            }
            if !mine.query.is_empty() {
                pairs.push(format!("q={}", percent_encode(&mine.query)));
            }
            if mine.sort != SortOrder::default() {
                pairs.push(format!("sort={}", mine.sort.token()));
            }
        }
        if let Some(unit) = filter.unit {
            pairs.push(format!("unit={}", percent_encode(unit.name())));
        }
        // In "my tasks", `role` and `q` are its own (above).
        let table = self.view != View::Mine;
        if table && filter.role != RoleFilter::Any {
            pairs.push(format!("role={}", filter.role.token()));
        }
        if let Some(area) = filter.area {
            pairs.push(format!("area={area}"));
        }
        if table && !filter.query.is_empty() {
            pairs.push(format!("q={}", percent_encode(&filter.query)));
        }
        if let Some(task) = self.task {
            pairs.push(format!("task={}", task.0));
            if let Some(unit) = self.of {
                pairs.push(format!("of={}", percent_encode(unit.name())));
            }
        }
        pairs.join("&")
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` as a space; a malformed escape is kept as typed, and bytes
/// that are not UTF-8 become U+FFFD rather than an error.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Status;
    use crate::ledger::lights::Light;

    #[test]
    fn a_full_route_survives_the_round_trip() {
        let route = Route {
            view: View::All,
            filter: TaskFilter {
                unit: UnitId::from_name("区教育局"),
                role: RoleFilter::Lead,
                area: Some(3),
                query: "校园 & 食品=安全 100%".into(),
            },
            mine: MineFilter::default(),
            task: Some(TaskId(52)),
            of: UnitId::from_name("华强北街道办事处"),
        };
        let hash = route.to_hash();
        assert!(hash.is_ascii(), "{hash}");
        assert_eq!(Route::from_hash(&format!("#{hash}")), (route, vec![]));
    }

    #[test]
    fn the_documented_form_opens() {
        let (route, problems) = Route::from_hash(
            "#unit=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80&role=coop&area=8&q=%E5%AE%A3%E4%BC%A0",
        );
        assert!(problems.is_empty());
        assert_eq!(route.view, View::All, "filter keys open the table");
        assert_eq!(route.filter.unit, UnitId::from_name("区教育局"));
        assert_eq!(route.filter.role, RoleFilter::Cooperate);
        assert_eq!(route.filter.area, Some(8));
        assert_eq!(route.filter.query, "宣传");
    }

    #[test]
    fn the_default_route_is_the_empty_hash() {
        assert_eq!(Route::default().to_hash(), "");
        assert_eq!(Route::from_hash(""), (Route::default(), vec![]));
        assert_eq!(Route::from_hash("#"), (Route::default(), vec![]));
    }

    #[test]
    fn views_and_tasks_round_trip() {
        for (hash, view, task) in [
            ("", View::Mine, None),
            ("view=all", View::All, None),
            ("task=57", View::Mine, Some(TaskId(57))),
            ("view=all&task=1", View::All, Some(TaskId(1))),
            ("view=mine&area=2", View::Mine, None),
            ("view=matrix", View::Matrix, None),
            ("view=matrix&area=3&task=12", View::Matrix, Some(TaskId(12))),
            ("view=exchange", View::Exchange, None),
        ] {
            let (route, problems) = Route::from_hash(hash);
            assert!(problems.is_empty(), "{hash}");
            assert_eq!((route.view, route.task), (view, task), "{hash}");
            assert_eq!(route.to_hash(), hash);
        }
        let (_, problems) = Route::from_hash("view=board&task=59");
        assert_eq!(
            problems,
            [
                RouteProblem::UnknownView("board".into()),
                RouteProblem::UnknownTask("59".into())
            ]
        );
    }

    #[test]
    fn unusable_values_are_reported_and_the_rest_still_applies() {
        let (route, problems) =
            Route::from_hash("unit=%E6%9F%90%E5%B1%80&role=boss&area=10&q=x&later=1");
        assert_eq!(
            problems,
            [
                RouteProblem::UnknownUnit("某局".into()),
                RouteProblem::UnknownRole("boss".into()),
                RouteProblem::UnknownArea("10".into()),
            ]
        );
        assert_eq!(route.filter.query, "x");
    }

    #[test]
    fn a_matrix_cell_opens_one_units_view_of_a_task() {
        let edu = UnitId::from_name("区教育局");
        let route = Route {
            view: View::Matrix,
            filter: TaskFilter {
                area: Some(3),
                ..TaskFilter::default()
            },
            mine: MineFilter::default(),
            task: Some(TaskId(12)),
            of: edu,
        };
        let hash = route.to_hash();
        assert_eq!(
            hash,
            "view=matrix&area=3&task=12&of=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80"
        );
        assert_eq!(Route::from_hash(&hash), (route.clone(), vec![]));
        // The table's unit filter and the cell's unit are independent.
        let (both, problems) = Route::from_hash(
            "view=matrix&unit=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80&task=57&of=%E7%A6%8F%E7%94%B0%E6%B5%B7%E5%85%B3",
        );
        assert!(problems.is_empty());
        assert_eq!(both.filter.unit, edu);
        assert_eq!(both.of, UnitId::from_name("福田海关"));
        // Without a task there is no cell; a group or unknown unit is reported.
        assert_eq!(
            Route::from_hash("view=matrix&of=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80")
                .0
                .of,
            None
        );
        let (route, problems) = Route::from_hash("task=3&of=%E6%9F%90%E5%B1%80");
        assert_eq!((route.task, route.of), (Some(TaskId(3)), None));
        assert_eq!(problems, [RouteProblem::UnknownUnit("某局".into())]);
        let group = UnitId::all().find(|u| u.is_group()).unwrap();
        let (route, problems) =
            Route::from_hash(&format!("task=3&of={}", percent_encode(group.name())));
        assert_eq!(route.of, None);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn my_tasks_keep_their_filter_and_order() {
        let route = Route {
            view: View::Mine,
            mine: MineFilter {
                reach: Some(Reach::Member),
                status: Some(Status::Blocked),
                light: Some(Light::Red),
                query: "培训 & 宣传".into(),
                sort: SortOrder::LastUpdate,
            },
            task: Some(TaskId(50)),
            ..Route::default()
        };
        let hash = route.to_hash();
        assert_eq!(
            hash,
            "view=mine&role=member&status=blocked&light=red&q=%E5%9F%B9%E8%AE%AD%20%26%20%E5%AE%A3%E4%BC%A0&sort=updated&task=50"
        );
        assert_eq!(Route::from_hash(&hash), (route, vec![]));
    }

    #[test]
    fn the_documented_my_tasks_form_opens_in_any_key_order() {
        let (route, problems) = Route::from_hash(
            "#role=coop&q=%E5%AE%A3%E4%BC%A0&view=mine&status=in_progress&light=yellow&sort=number",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(route.view, View::Mine);
        assert_eq!(
            route.mine,
            MineFilter {
                reach: Some(Reach::Cooperate),
                status: Some(Status::InProgress),
                light: Some(Light::Yellow),
                query: "宣传".into(),
                sort: SortOrder::Number,
            }
        );
        assert!(
            route.filter.is_empty(),
            "role and q are not the table's here"
        );
        // Each token of the documented form, and the default order, written or not.
        for status in Status::ALL {
            let (route, problems) =
                Route::from_hash(&format!("view=mine&status={}", status.token()));
            assert!(problems.is_empty());
            assert_eq!(route.mine.status, Some(status));
        }
        for sort in SortOrder::ALL {
            let (route, _) = Route::from_hash(&format!("view=mine&sort={}", sort.token()));
            assert_eq!(route.mine.sort, sort);
        }
        assert_eq!(
            Route::from_hash("view=mine&sort=urgency").0.to_hash(),
            "",
            "the default order is not written"
        );
    }

    #[test]
    fn the_table_keeps_its_own_role_and_query() {
        let (route, problems) = Route::from_hash("role=coop&q=x&status=done");
        assert!(problems.is_empty());
        assert_eq!(route.view, View::All);
        assert_eq!(route.filter.role, RoleFilter::Cooperate);
        assert_eq!(route.filter.query, "x");
        assert_eq!(route.mine, MineFilter::default(), "not shown, not kept");
        assert_eq!(route.to_hash(), "role=coop&q=x");
        let (_, problems) = Route::from_hash("view=mine&role=any&status=late&light=blue&sort=size");
        assert_eq!(
            problems,
            [
                RouteProblem::UnknownRole("any".into()),
                RouteProblem::UnknownChoice("late".into()),
                RouteProblem::UnknownChoice("blue".into()),
                RouteProblem::UnknownChoice("size".into()),
            ]
        );
    }

    #[test]
    fn malformed_escapes_do_not_panic() {
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(percent_decode("a+b"), "a b");
    }
}
