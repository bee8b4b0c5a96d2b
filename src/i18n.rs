//! Every user-facing string of the interface, in Chinese (the default) and English.
//!
//! The table's own content (measures, unit names) is the official text and is never
//! translated; only the interface around it is. The macro makes a missing language a compile
//! error; the tests catch empty or untranslated entries and mismatched placeholders.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($key,)* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$key, Lang::Zh) => $zh, (Key::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    AppName => "责任分工台账", "Duty Ledger";
    SkipToTasks => "跳到任务列表", "Skip to the task list";
    FiltersHeading => "筛选", "Filters";
    UnitLabel => "单位", "Unit";
    AllUnits => "全部单位", "All units";
    DepartmentsGroup => "区级部门及驻区单位", "Departments";
    SubdistrictsGroup => "街道办事处", "Subdistrict offices";
    GroupsGroup => "统称（群组）", "Groups";
    RoleLabel => "角色", "Role";
    RoleAny => "全部", "All";
    RoleLead => "负责", "Lead";
    RoleCooperate => "配合", "Cooperate";
    RoleNeedsUnit => "先选择单位，角色筛选才生效", "Pick a unit to filter by role";
    AreaLabel => "领域", "Area";
    AllAreas => "全部领域", "All areas";
    SearchLabel => "搜索", "Search";
    SearchPlaceholder => "举措或单位名称中的文字", "Text in a measure or unit name";
    ClearFilters => "清除筛选", "Clear filters";
    ResultCount => "显示 {shown} / {total} 项任务", "Showing {shown} of {total} tasks";
    NoResults => "没有符合筛选条件的任务。", "No task matches these filters.";
    AreaTaskCount => "{n} 项", "{n} tasks";
    TaskNumber => "序号 {n}", "No. {n}";
    RepeatedNumber => "重复编号（表中第 {position} 行）", "repeated number (row {position} of the table)";
    LeadUnitsLabel => "责任单位", "Lead units";
    CooperatingUnitsLabel => "配合单位", "Cooperating units";
    NoCooperatingUnits => "无", "none";
    Via => "经由：{group}", "via: {group}";
    SummaryHeading => "{unit} 的任务", "Tasks of {unit}";
    SummaryRole => "角色", "Role";
    SummaryDirect => "直接列名", "Named directly";
    SummaryViaGroup => "经由群组", "Through a group";
    SummaryTotal => "共涉及 {n} 项任务", "{n} tasks in all";
    InvolvementLead => "负责", "leads";
    InvolvementAssist => "协助", "assists";
    InvolvementGuide => "业务指导", "guides";
    InvolvementCooperate => "配合", "cooperates";
    LinkProblemUnit => "链接中的单位“{value}”不在单位名单中，已忽略。", "The link names the unit “{value}”, which is not in the unit list; it was ignored.";
    LinkProblemRole => "链接中的角色“{value}”无法识别，已忽略。", "The link's role “{value}” is not known; it was ignored.";
    LinkProblemArea => "链接中的领域“{value}”不存在（应为 1–9），已忽略。", "The link's area “{value}” does not exist (1–9); it was ignored.";
    Dismiss => "知道了", "Dismiss";
    TaskListHeading => "任务清单", "Tasks";
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn fill(key: Key, lang: Lang, values: &[(&str, &str)]) -> String {
    let mut text = key.text(lang).to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    fn is_cjk(c: char) -> bool {
        matches!(c, '\u{4e00}'..='\u{9fff}')
    }

    #[test]
    fn every_string_exists_in_both_languages() {
        for key in Key::ALL {
            let (zh, en) = (key.text(Lang::Zh), key.text(Lang::En));
            assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
            assert!(!en.trim().is_empty(), "{key:?} has no English text");
            assert!(
                zh.chars().any(is_cjk),
                "{key:?} Chinese text is not Chinese: {zh}"
            );
            assert!(
                !en.chars().any(is_cjk),
                "{key:?} English text is untranslated: {en}"
            );
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for key in Key::ALL {
            assert_eq!(
                placeholders(key.text(Lang::Zh)),
                placeholders(key.text(Lang::En)),
                "{key:?}"
            );
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        let text = fill(
            Key::ResultCount,
            Lang::Zh,
            &[("shown", "5"), ("total", "58")],
        );
        assert_eq!(text, "显示 5 / 58 项任务");
    }
}
