//! Every user-facing string of the interface, in Chinese (the default) and English.
//!
//! The table's own content (measures, unit names) is the official text and is never
//! translated; only the interface around it is. The macro makes a missing language a compile
//! error; the tests catch empty or untranslated entries and mismatched placeholders.

use crate::foundation::time::{Date, Stamp};
use crate::plan::source::{ArtefactKind, Column, Place, Severity, SourceProblem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The other interface language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language's name in itself, for the switch ("中文", "English").
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

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
    SkipToContent => "跳到主要内容", "Skip to the main content";
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
    SummaryHeading => "{unit} 的任务", "Tasks of {unit}";
    SummaryRole => "角色", "Role";
    SummaryDirect => "直接列名", "Named directly";
    SummaryViaGroup => "作为群组成员", "As a member of a group";
    SummaryTotal => "共涉及 {n} 项任务", "{n} tasks in all";
    InvolvementLead => "牵头", "leads";
    InvolvementResponsible => "负责", "responsible";
    InvolvementAssist => "协助", "assists";
    InvolvementGuide => "业务指导", "guides";
    InvolvementCooperate => "配合", "cooperates";
    InvolvementLeadOrResponsible => "牵头或负责", "leads or responsible";
    AsMemberOf => "作为「{group}」成员{role}", "{role} as a member of {group}";
    AsOneOf => "作为「{group}」之一{role}", "{role} as one of {group}";
    LinkProblemUnit => "链接中的单位“{value}”不在单位名单中，已忽略。", "The link names the unit “{value}”, which is not in the unit list; it was ignored.";
    LinkProblemRole => "链接中的角色“{value}”无法识别，已忽略。", "The link's role “{value}” is not known; it was ignored.";
    LinkProblemArea => "链接中的领域“{value}”不存在（应为 1–9），已忽略。", "The link's area “{value}” does not exist (1–9); it was ignored.";
    Dismiss => "知道了", "Dismiss";
    TaskListHeading => "任务清单", "Tasks";
    NavLabel => "主要视图", "Main views";
    NavMine => "我的任务", "My tasks";
    NavAll => "全部任务", "All tasks";
    NoUnitYet => "尚未选择单位", "No unit chosen yet";
    ChangeUnit => "切换单位", "Change unit";
    PickUnitHeading => "请选择您所在的单位", "Choose your unit";
    PickUnitHelp => "选择后，首页显示本单位负责、协助、指导或配合的任务，进展记录也将以本单位名义保存。可随时切换。", "The home page will then list the tasks your unit leads, assists, guides or cooperates on, and your records are kept in its name. You can change it at any time.";
    AuthorLabel => "您的姓名（可选，用于进展记录署名）", "Your name (optional, signs your notes)";
    CoordinatorGroup => "统筹协调", "Coordinating office";
    MyTasksHeading => "{unit}的任务（{n} 项）", "Tasks of {unit} ({n})";
    CountsLabel => "按状态和亮灯统计", "Counts by status and light";
    TilesHint => "点按统计数字即可筛选，再点一次取消。", "Tap a count to filter by it; tap it again to clear.";
    ReachMember => "作为成员单位", "As a member";
    SortLabel => "排序", "Order";
    SortUrgency => "按紧急程度", "Most urgent first";
    SortNumber => "按序号", "By number";
    SortUpdated => "按最近记录", "Recently recorded first";
    MemberTasksHeading => "作为「{group}」成员的任务（{n} 项）", "Tasks as a member of {group} ({n})";
    LastUpdateLine => "最近记录：{when}", "Last recorded: {when}";
    StatusNotStarted => "未开始", "Not started";
    StatusInProgress => "推进中", "In progress";
    StatusDone => "已完成", "Done";
    StatusBlocked => "受阻", "Blocked";
    LightGreen => "绿灯", "Green";
    LightYellow => "黄灯", "Yellow";
    LightRed => "红灯", "Red";
    ReasonDone => "已完成", "done";
    ReasonOnTrack => "按计划推进", "on track";
    ReasonBlocked => "受阻，需协调", "blocked, needs coordination";
    ReasonOverdue => "已逾期（{date}：{label}）", "overdue ({date}: {label})";
    ReasonDueSoon => "{days} 天内到期：{label}", "due within {days} days: {label}";
    LatestNote => "最新进展（{when}）：{text}", "Latest ({when}): {text}";
    NoNotesYet => "尚无进展记录", "No progress notes yet";
    NextMilestone => "下一节点：{date} {label}", "Next milestone: {date} {label}";
    NoNextMilestone => "无后续节点", "No further milestone";
    OpenTask => "查看与记录进展", "Open and record progress";
    CloseDetail => "关闭", "Close";
    NoSuchTask => "没有这项任务。", "There is no such task.";
    NotYourTask => "本任务未列{unit}，仅可查看。", "This task does not name {unit}; it is read-only for you.";
    PickUnitToRecord => "选择单位后即可记录进展。", "Choose your unit to record progress.";
    StatusHeading => "进展状态", "Status";
    ReasonLabel => "受阻原因（卡在哪里、需要哪些单位协调）", "Why blocked (what is in the way, which units must help)";
    ConfirmBlocked => "标记为受阻", "Mark as blocked";
    ReasonRequired => "标记为受阻时必须填写原因。", "A reason is required to mark a task as blocked.";
    Cancel => "取消", "Cancel";
    StatusHistoryHeading => "状态变更留痕（{n} 条）", "Status history ({n})";
    NewNoteLabel => "新增进展记录", "New progress note";
    NewNotePlaceholder => "记录做了什么、取得什么成效、下一步计划", "What was done, what it achieved, what comes next";
    NoteShortcutHint => "按 Ctrl+Enter 可直接保存。", "Press Ctrl+Enter to save.";
    SaveNote => "保存记录", "Save note";
    NoteEmpty => "记录内容不能为空。", "A note cannot be empty.";
    NoteTooLong => "记录过长（最多 5000 字）。", "The note is too long (5,000 characters at most).";
    NotOwnNote => "只能修改本单位的记录。", "You can only change your own unit's notes.";
    NoteNotSaved => "记录未能保存。", "The note could not be saved.";
    WorkDateLabel => "工作日期", "Date of the work";
    WorkDateInFuture => "工作日期不能晚于填写当天。", "The date of the work cannot be after the day it is recorded.";
    WorkDateNotAllowed => "只有进展记录和状态可以填写工作日期。", "Only notes and statuses carry a date of the work.";
    WorkDateOn => "工作日期 {date}", "work of {date}";
    RecordedAt => "记录于 {when}", "recorded {when}";
    UnitViewHeading => "{unit}的进展", "Progress of {unit}";
    UnitViewReadOnly => "只读：以下是{unit}自己记录的状态、进展和数据。", "Read-only: the status, notes and figures {unit} recorded.";
    BlockedReasonLabel => "受阻原因：", "Why blocked:";
    LastRecord => "最近一次记录：{when}", "Last record: {when}";
    NeedsCoordinationHeading => "需协调（{n} 项）", "Needs coordination ({n})";
    NeedsCoordinationHelp => "当前标记为受阻的任务和单位，受阻最久的在前。", "Tasks and units marked blocked now, the longest blocked first.";
    NothingBlocked => "目前没有受阻事项。", "Nothing is blocked.";
    BlockedSince => "受阻起始", "Blocked since";
    BlockedReasonColumn => "受阻原因", "Why blocked";
    AllUnitsOfTask => "查看本任务全部单位", "All units on this task";
    NotesHeading => "进展记录（{n} 条）", "Progress notes ({n})";
    DeletedNotes => "已删除的记录（{n} 条，保留留痕）", "Deleted notes ({n}, history kept)";
    Edited => "已修改", "edited";
    EditNote => "修改", "Edit";
    EditNoteLabel => "修改记录", "Edit the note";
    DeleteNote => "删除", "Delete";
    ConfirmDeleteNote => "确定删除这条记录？修改留痕会保留。", "Delete this note? Its history is kept.";
    NoteHistory => "修改留痕（{n} 个版本）", "History ({n} versions)";
    NoteWasDeleted => "（已删除）", "(deleted)";
    TargetsHeading => "量化指标", "Targets";
    TargetGoal => "目标：{goal}", "Goal: {goal}";
    TargetLatest => "最新：{value} {unit}，完成 {percent}%（截至 {date}）", "Latest: {value} {unit}, {percent}% (as of {date})";
    TargetLatestLevel => "最新：{value} {unit}（截至 {date}）", "Latest: {value} {unit} (as of {date})";
    PaceNoData => "尚未填报数值", "No figure recorded yet";
    PaceMet => "已达标", "goal reached";
    PaceOnPace => "进度正常", "on pace";
    PaceBehind => "落后于时序进度（截至 {date} 应达 {expected} {unit}）", "behind the year's pace ({expected} {unit} were due by {date})";
    PaceBelowGoal => "未达到目标值", "below the goal";
    PaceQuarterMissed => "第 {quarter} 季度未达要求", "quarter {quarter} fell short";
    FigureValueLabel => "实际数值（{unit}）", "Actual figure ({unit})";
    FigureDateLabel => "截至日期", "As of";
    RecordFigure => "填报", "Record";
    ValueHintTotal => "填写截至该日期的累计数。", "Enter the running total up to that date.";
    ValueHintLevel => "填写截至该日期的数值或比率。", "Enter the level or rate as of that date.";
    ValueHintQuarter => "填写该日期所在季度的次数。", "Enter the count for the quarter of that date.";
    FigureNotANumber => "请输入数字。", "Enter a number.";
    FigureBadDate => "请输入有效日期。", "Enter a valid date.";
    FigureOutsidePlan => "日期应在计划年度内。", "The date must fall in the plan year.";
    FigureOutOfRange => "数值超出允许范围。", "The figure is out of range.";
    PlanOver => "本计划为 {year} 年度计划，执行期已于 {end} 结束。以下为年度最终状态：已完成的任务为绿灯，其余标为“年度已结束”并注明结束时的状态。", "This is the {year} plan; its period ended on {end}. What follows is the final state: tasks done are green, the others are marked “year over” with the status they ended in.";
    StorageUnavailable => "浏览器存储不可用（可能处于隐私模式或已被禁用）：记录只保存在当前页面，关闭后会丢失，请及时导出。", "Browser storage is unavailable (private mode or disabled): records live only in this page and are lost when it closes; export them.";
    LoadingLedger => "正在读取本机数据…", "Reading the data on this device…";
    StorageBlocked => "请关闭本应用的其他标签页或窗口：本机数据需要升级，而其他标签页仍在使用旧版本。", "Close the app's other tabs or windows: the stored data needs an upgrade while another tab still uses the old version.";
    StorageNewer => "本机数据已由更新版本的应用升级，此页面不再保存新记录。请刷新页面以使用新版本。", "A newer version of the app has upgraded the stored data, so this page no longer saves. Reload the page to use the new version.";
    ProfileUnreadable => "本机的单位设置无法读取，请重新选择单位。", "The stored unit setting could not be read; please choose your unit again.";
    ProfileUnknownUnit => "本机设置中的单位“{unit}”不在单位名单中，请重新选择单位。", "The stored unit “{unit}” is not in the unit list; please choose your unit again.";
    RecordsUnreadable => "本机有 {n} 条记录本版本无法读取（可能由更新版本写入，或存储已损坏），已原样保留，不会被覆盖；其副本可在“数据交换”页的“存储与备份”中下载。", "{n} stored records cannot be read by this version (perhaps a newer one wrote them, or the storage is damaged); they are kept as they are and never overwritten. Download a copy under Storage and backups on the Exchange page.";
    KeptNotice => "有 {n} 份无法读取的原始数据已原样保留，可在“数据交换”页的“存储与备份”中下载或删除。", "{n} copies of unreadable stored data are kept as they were; download or delete them under Storage and backups on the Exchange page.";
    SaveFailedFull => "保存失败：存储空间已满。", "Saving failed: storage is full.";
    SaveFailedUnavailable => "保存失败：浏览器存储不可用。", "Saving failed: browser storage is unavailable.";
    SaveFailedOther => "保存失败。", "Saving failed.";
    SaveKeptInMemory => "{n} 条新记录仍保留在当前页面中，已保存的数据未受影响。腾出空间后点击“重试保存”，本页面也会定时自动重试。", "{n} new records are kept in this page and stored data is untouched. Make room, then retry; this page also retries by itself.";
    RetrySave => "重试保存", "Retry saving";
    ExportReminder => "您有新记录已超过 7 天未导出。导出的文件就是您的备份，请导出并妥善保存。", "You have records not exported for more than 7 days. The exported file is your backup: export it and keep it safe.";
    GoToExport => "去导出", "Export now";
    StorageHeading => "存储与备份", "Storage and backups";
    StorageProtected => "存储已受保护：浏览器不会因空间不足而自动清除本应用的数据。", "Storage is protected: the browser will not clear this app's data when space runs low.";
    StorageNotProtected => "存储未受保护：浏览器空间不足时可能清除本应用的数据，Safari 还会清除 7 天未访问的网站的数据。请将本应用添加到主屏幕（iPad：分享 → 添加到主屏幕）或安装本应用，并定期导出备份。", "Storage is not protected: the browser may clear this app's data when space runs low, and Safari clears sites not visited for 7 days. Add the app to the home screen (iPad: Share → Add to Home Screen) or install it, and export backups regularly.";
    StorageProtectionUnknown => "此浏览器无法告知存储是否受保护，请定期导出备份。", "This browser does not say whether storage is protected; export backups regularly.";
    AskProtection => "申请保护存储", "Ask to protect storage";
    StorageUsage => "已用 {used} MB，剩余可用约 {free} MB。", "{used} MB used, about {free} MB free.";
    StorageUsageUnknown => "此浏览器不提供存储用量。", "This browser does not report storage use.";
    LastExport => "上次导出：{when}。", "Last export: {when}.";
    NeverExported => "本机尚未导出过文件。", "Nothing has been exported from this device yet.";
    UnsavedCount => "{n} 条记录尚未保存。", "{n} records are not saved yet.";
    KeptHeading => "无法读取的原始数据", "Unreadable stored data";
    KeptItem => "来源 {source}，发现于 {when}，{kb} KB", "From {source}, found {when}, {kb} KB";
    KeptDownload => "下载", "Download";
    KeptDelete => "删除", "Delete";
    KeptConfirmDelete => "确认删除（不可恢复）", "Confirm delete (cannot be undone)";
    // Stored layout and exchange rules (issue 18): unreadable records, forks, sizes.
    UnreadableRecordsItem => "{n} 条记录无法读取，原样保留在本机，不会被覆盖或删除。", "{n} records cannot be read; they stay on this device as they are, never overwritten or deleted.";
    UnreadableRecordsDownload => "下载其副本", "Download a copy";
    ExpectPublicKey => "64 位小写十六进制的公钥", "a public key as 64 lowercase hex digits";
    ExpectSignature => "128 位小写十六进制的签名", "a signature as 128 lowercase hex digits";
    FieldInPlace => "{name}（位于{place}）", "{name} (in {place})";
    FieldPlaceRecord => "第 {n} 条记录", "record {n}";
    FieldPlaceDevice => "第 {n} 个设备签名", "device signature {n}";
    FieldPlaceFile => "第 {n} 个附件", "attached file {n}";
    FieldPlaceItem => "第 {n} 项", "item {n}";
    FieldPlaceJoin => "的", ", ";
    ImportRecordsTooLarge => "文件中的记录部分过大（不含附件 {mb} MB），超过上限 {max} MB。", "The file's records are too large ({mb} MB without attached files), over the limit of {max} MB.";
    ImportForkHeld => "{unit}的设备（指纹 {fingerprint}）签署了两种不同的记录历史：它的第 {seq} 条记录与本机已有的不同。可能是该设备的密钥被复制到另一台设备，或设备丢失数据后继续记录。无法判断哪一种是真的，文件已拒绝；请致电该单位核实。", "A device of {unit} (fingerprint {fingerprint}) signed two different histories: its record {seq} differs from the one on this device. Its key may have been copied to another device, or the device lost its data and wrote on. Which history is genuine cannot be told, so the file was refused; phone the unit to check.";
    ImportForkBatch => "{unit}的设备（指纹 {fingerprint}）签署了两种不同的记录历史：“{file}”与“{other}”中它的第 {seq} 条记录不同。可能是该设备的密钥被复制到另一台设备，或设备丢失数据后继续记录。无法判断哪一种是真的，两个文件都已拒绝；请致电该单位核实。", "A device of {unit} (fingerprint {fingerprint}) signed two different histories: its record {seq} differs between “{file}” and “{other}”. Its key may have been copied to another device, or the device lost its data and wrote on. Which history is genuine cannot be told, so both files were refused; phone the unit to check.";
    StorageUsed => "本机存储：已用 {used} MB", "Storage on this device: {used} MB used";
    Unsaved => "有未保存的更改", "unsaved changes";
    ImportNoRoom => "空间不足，未导入：导入约需 {needed} MB，本机剩余可用约 {free} MB。请先导出备份并清理浏览器空间，或在空间更大的设备上导入。", "Not enough room, nothing imported: the import needs about {needed} MB and about {free} MB is free. Export a backup and free space in the browser, or import on a device with more room.";
    LinkProblemView => "链接中的视图“{value}”无法识别，已忽略。", "The link's view “{value}” is not known; it was ignored.";
    LinkProblemChoice => "链接中的筛选或排序条件“{value}”无法识别，已忽略。", "The link's filter or order “{value}” is not known; it was ignored.";
    LinkProblemTask => "链接中的任务“{value}”不存在，已忽略。", "The link's task “{value}” does not exist; it was ignored.";
    UpdateReady => "新版本可用", "A new version is available";
    UpdateReload => "立即更新", "Update now";
    NavMatrix => "汇总", "Overview";
    SwitchLanguage => "切换界面语言", "Switch the interface language";
    NavReport => "报告", "Reports";
    NavPlans => "计划", "Plans";
    // Loading a new table (ui::plan_editor, browser::table_input).
    EditorHeading => "载入新的分工表", "Load a new responsibility table";
    EditorHelp => "收到新一年的责任分工表（Word 文件）后，在这里载入、检查并保存为计划，再导出计划文件发给各单位。", "When next year's responsibility table arrives as a Word file, load it here, check it, save it as a plan and export the plan file for the units.";
    EditorPickFile => "选择 Word 文件（.docx）", "Choose a Word file (.docx)";
    EditorDropHint => "也可以把文件拖到这里；导出的文本文件（.txt）同样可以载入。", "You can also drop the file here; a text export (.txt) loads too.";
    EditorPasteLabel => "或在 Word / WPS 中选中整张表格复制，粘贴到这里：", "Or select the whole table in Word or WPS, copy it and paste it here:";
    EditorPastePlaceholder => "在此粘贴（长按后选择“粘贴”）", "Paste here (press and hold, then Paste)";
    EditorFromFile => "来源：{file}", "Source: {file}";
    EditorFromPaste => "来源：粘贴的表格", "Source: a pasted table";
    EditorReadOk => "表格已读取，没有发现问题。", "The table was read without problems.";
    EditorProblemSummary => "发现 {errors} 处须修改的错误、{decide} 处待确认的单位名称、{warnings} 处提示。", "Found {errors} errors to fix, {decide} unit names to decide and {warnings} warnings.";
    EditorBlocked => "请在 Word 中修改上述错误后重新载入；提示不影响保存。", "Fix the errors above in Word and load the table again; warnings do not stop saving.";
    EditorToDecide => "待确认", "To decide";
    EditorInputUnreadable => "无法读取该文件。", "The file could not be read.";
    EditorInputTooLarge => "文件过大（上限 {max} MB）。", "The file is too large (limit {max} MB).";
    EditorInputNotUtf8 => "文本文件不是 UTF-8 编码。请另存为 UTF-8 文本后重试，或直接选择 .docx 文件。", "The text file is not UTF-8. Save it as UTF-8 text, or choose the .docx file instead.";
    EditorInputNoDecompression => "此浏览器无法解压 Word 文件。请更新浏览器，或在 Word 中复制表格后粘贴。", "This browser cannot unpack Word files. Update the browser, or copy the table in Word and paste it.";
    EditorInputEmptyPaste => "剪贴板中没有文字，请先在 Word 中复制表格。", "The clipboard holds no text. Copy the table in Word first.";
    EditorStepsLabel => "载入步骤", "Steps";
    EditorStepPreview => "预览", "Preview";
    EditorStepUnits => "单位", "Units";
    EditorStepMarks => "指标与节点", "Targets and dates";
    EditorStepSave => "保存", "Save";
    EditorNext => "下一步", "Next";
    EditorTitleLabel => "标题", "Title";
    EditorYearLabel => "年度", "Year";
    EditorYearHelp => "时间节点按此年度计算。", "Dates are set in this year.";
    EditorFacts => "{areas} 个方面 · {tasks} 项任务 · {units} 个单位", "{areas} areas · {tasks} tasks · {units} units";
    EditorAreaTasks => "（{n} 项）", "({n} tasks)";
    EditorLead => "责任单位：{units}", "Lead: {units}";
    EditorCooperating => "配合单位：{units}", "Cooperating: {units}";
    EditorUnitsHelp => "以下名称不在单位名单中。已更名的单位请选择原名称（进展记录与群组归属随之保留）；确属新增的单位请选择类别并填写简称。", "These names are not in the unit list. For a renamed unit choose its former name (its group memberships carry over); for a new unit choose its kind and a short label.";
    EditorAllKnown => "表中所有单位均在单位名单中。", "Every unit in the table is in the unit list.";
    EditorUsedOn => "出现于 {n} 项任务", "named in {n} tasks";
    EditorSameAs => "与已有单位相同（已更名）：", "The same unit as (renamed):";
    EditorNewUnit => "新单位", "A new unit";
    EditorKindLabel => "类别", "Kind";
    EditorShortLabel => "简称", "Short label";
    EditorMembers => "成员单位", "Members";
    EditorGroupsHeading => "群组成员", "Group members";
    EditorGroupsHelp => "表中以统称列出的群组。成员以现有名单为起点，可增减。", "Groups the table names; their members start from the current list and can be changed.";
    KindCoordinator => "牵头协调单位", "Coordinating office";
    KindDepartment => "区级部门或驻区单位", "Department";
    KindSubdistrict => "街道办事处", "Subdistrict office";
    KindGroup => "群组（列明成员）", "Group (listed members)";
    KindAllMembers => "全体成员单位", "All member units";
    EditorMarksHelp => "点选原文中识别出的指标和时间节点；也可以在任务原文中选中一段文字，再点“设为指标”或“设为节点”。", "Choose the targets and dates found in the text, or select a phrase in a task's text and choose Mark as target or Mark as date.";
    EditorMarked => "已标记 {targets} 项指标、{dates} 个节点", "Marked: {targets} targets, {dates} dates";
    EditorTarget => "指标", "Target";
    EditorDate => "节点", "Date";
    EditorSelected => "已选：「{text}」", "Selected: “{text}”";
    EditorSelectHint => "可在上方原文中选中文字", "Select a phrase in the text above";
    EditorMarkTarget => "设为指标", "Mark as target";
    EditorMarkDate => "设为节点", "Mark as date";
    EditorRemove => "删除", "Remove";
    EditorSaveSummary => "{year}年 · {tasks} 项任务 · {targets} 项指标 · {dates} 个节点", "{year} · {tasks} tasks · {targets} targets · {dates} dates";
    EditorRenames => "更名：{old} → {new}", "Renamed: {old} → {new}";
    EditorNewUnits => "新增单位：{names}", "New units: {names}";
    EditorSave => "保存为计划", "Save as a plan";
    EditorCannotSave => "尚不能保存：", "It cannot be saved yet:";
    DraftUndecided => "尚未确认“{name}”是已有单位还是新单位。", "Decide whether “{name}” is a known unit or a new one.";
    DraftMappedToUnknown => "“{name}”对应的“{to}”不在单位名单中。", "“{name}” is mapped to “{to}”, which is not in the unit list.";
    DraftBadShort => "“{name}”的简称为空或与其他单位重复。", "The short label of “{name}” is empty or already used.";
    DraftNoRows => "表格中没有任务。", "The table has no tasks.";
    DraftNoLead => "第 {row} 行没有责任单位。", "Row {row} names no lead unit.";
    // Issue 17 (wizard, touch, plain words): rename suggestions, 待确认, a profile following a
    // rename, where an export went, plan years instead of ids.
    EditorDecided => "已确认", "Decided";
    EditorConfirm => "确认", "Confirm";
    EditorProposed => "建议，请确认", "Suggested, please confirm";
    EditorChooseFormer => "请选择原单位名称", "Choose the former name";
    EditorPending => "待确认 {n} 项：{names}", "{n} to decide: {names}";
    EditorAllDecided => "所有单位名称均已确认。", "Every unit name is decided.";
    EditorPlanYear => "{year} 年计划", "The {year} plan";
    SpecFormerName => "原名称“{name}”与现有单位重名或重复。", "The former name “{name}” is a unit of the plan or appears twice.";
    ProfileRenamed => "本机所属单位“{from}”在本计划中已更名为“{to}”，已自动改用新名称。本机将作为该单位的新设备，区食药安办首次导入时请电话核对指纹。", "This device's unit “{from}” is called “{to}” in this plan and now uses the new name. It counts as a new device of the unit: the office compares its fingerprint by phone at the first import.";
    ExportedDownloaded => "已保存到本机的“下载”文件夹：{file}。可在“文件”应用中找到，再通过微信等发送。", "Saved to this device's Downloads folder: {file}. Find it in the Files app and send it, for example by WeChat.";
    ExportedShared => "已交给分享：{file}", "Handed to sharing: {file}";
    ShareCancelled => "已取消分享，文件未发送。", "Sharing was cancelled; nothing was sent.";
    ShareFailedDownloaded => "无法分享，已改为保存到“下载”文件夹：{file}", "Sharing failed; saved to the Downloads folder instead: {file}";
    ImportOtherPlanYear => "文件属于 {year} 年的另一份计划，不是正在使用的计划。如本机已有该计划，请在“计划”页切换后再导入。", "The file belongs to another plan, for {year}, not the one in use. If this device has that plan, switch to it on the Plans page and import again.";
    ImportOtherPlanUnknown => "文件属于另一份计划，不是正在使用的计划。如本机已有该计划，请在“计划”页切换后再导入。", "The file belongs to another plan, not the one in use. If this device has that plan, switch to it on the Plans page and import again.";
    PlansHeading => "责任分工表（计划）", "Responsibility tables (plans)";
    PlansHelp => "每年的责任分工表是一个计划。本机可保存多个计划并切换；每个计划的进展记录分开保存，互不影响。", "Each year's responsibility table is a plan. This device can keep several plans and switch between them; each plan's progress is stored separately.";
    PlanInUse => "正在使用", "In use";
    PlanBuiltin => "内置", "Built in";
    PlanFacts => "{year}年 · {areas} 个方面 · {tasks} 项任务 · {units} 个单位", "{year} · {areas} areas · {tasks} tasks · {units} units";
    PlanId => "计划编号：{id}", "Plan id: {id}";
    PlanUse => "使用此计划", "Use this plan";
    PlanExport => "导出计划文件", "Export plan file";
    PlanExported => "计划文件已保存到本机的“下载”文件夹：{file}。请发给各单位导入。", "Plan file saved to this device's Downloads folder: {file}. Send it to the units to import.";
    PlanImportHeading => "导入计划文件", "Import a plan file";
    PlanImportHelp => "选择区食药安办发来的计划文件（.json）。导入前先检查并预览。", "Choose the plan file the office sent (.json). It is checked and previewed first.";
    PlanImportPick => "选择计划文件", "Choose a plan file";
    PlanPreviewHeading => "预览：{title}", "Preview: {title}";
    PlanSave => "保存此计划", "Save this plan";
    PlanSaved => "已保存计划“{title}”。点击“使用此计划”开始在此计划上工作。", "Saved “{title}”. Choose “Use this plan” to work on it.";
    PlanAlreadyHeld => "本机已有此计划，无需再次导入。", "This device already has this plan.";
    PlanIsBuiltin => "这是应用内置的2023年计划，无需导入。", "This is the built-in 2023 plan; nothing to import.";
    PlanIdTaken => "本机已有编号为 {id} 的另一版本计划，已拒绝，未覆盖原有计划。请区食药安办以新编号重新导出。", "This device holds another version of plan {id}; the file was refused and nothing was overwritten. Ask the office to export it under a new id.";
    PlanStoreFailed => "无法保存计划：浏览器存储不可用或已满。", "The plan could not be saved: browser storage is unavailable or full.";
    PlanUnreadable => "本机保存的计划 {id} 无法读取：{why}（原文件保留未动）。", "The stored plan {id} cannot be read: {why} (the stored text is kept as it is).";
    PlanMissing => "所选计划 {id} 已不在本机，暂用内置的2023年计划。", "The chosen plan {id} is no longer on this device; the built-in 2023 plan is in use.";
    PlanFileTooLarge => "计划文件过大（{mb} MB），上限为 {max} MB。", "The plan file is too large ({mb} MB); the limit is {max} MB.";
    PlanFileNotText => "这不是文本文件，无法读取。", "This is not a text file; it cannot be read.";
    PlanFileNotJson => "文件内容不完整或已损坏（第 {line} 行第 {column} 列）。", "The file is incomplete or damaged (line {line}, column {column}).";
    PlanFileNotOurs => "这不是责任分工台账的计划文件。", "This is not a Duty Ledger plan file.";
    PlanFileNewer => "计划文件由更新版本的应用导出（格式第 {version} 版），请先更新本应用。", "The plan file comes from a newer version of the app (format {version}); update this app first.";
    PlanFileMalformed => "计划文件的字段 {field} 缺失或格式不正确。", "The plan file's field {field} is missing or malformed.";
    PlanFileHash => "表格校验码不符：计划文件在导出后被修改或已损坏。", "The table hash does not match: the plan file was changed after export or is damaged.";
    PlanFileBadSignature => "计划文件的签名与内容不符：文件被修改过或已损坏。", "The plan file's signature does not match its content: it was changed or is damaged.";
    PlanFileSignerNotOffice => "计划文件由{unit}的设备签发，而计划只能由统筹单位（区食药安办）签发。", "The plan file was signed by a device of {unit}; only the coordinating office issues plans.";
    PlanFileUnsigned => "计划文件没有区食药安办的签名，无法确认来源。请让区食药安办从本应用的“计划”页导出后再发送。", "The plan file carries no signature of the office, so its origin cannot be confirmed. Ask the office to export it from the Plans page of this app.";
    PlanSignedBy => "由{unit}的设备签发，指纹 {fingerprint}。", "Issued by a device of {unit}, fingerprint {fingerprint}.";
    PlanSignerNew => "本机尚未信任签发此计划的设备。请致电区食药安办核对指纹，一致后点击“信任此设备”。", "This device does not trust the device that issued the plan yet. Phone the office to compare the fingerprint and trust it only if it matches.";
    PlanSignerRefused => "签发此计划的设备在本机登记的密钥或单位不同，或已被撤销：已拒绝。", "The device that issued the plan is registered here with another key or unit, or was revoked: refused.";
    PlanExportNeedsOffice => "只有区食药安办的设备可以签发计划文件。本机导出的文件不带签名，各单位将无法导入。", "Only a device of the office can issue plan files; this device's export carries no signature and units will not import it.";
    PlanFileProblems => "计划内容有 {n} 处问题：", "The plan has {n} problems:";
    SpecBadId => "计划编号“{id}”不合规（只能用小写字母、数字和连字符）。", "The plan id “{id}” is invalid (lowercase letters, digits and hyphens only).";
    SpecYear => "年份 {year} 不在 2000–2100 之间。", "The year {year} is not between 2000 and 2100.";
    SpecEmptyTitle => "计划没有标题。", "The plan has no title.";
    SpecUnits => "单位名单有误：{why}", "The unit list is wrong: {why}";
    SpecNoAreas => "计划没有任何方面（任务分组）。", "The plan has no areas.";
    SpecEmptyArea => "第 {area} 个方面没有任务。", "Area {area} has no tasks.";
    SpecTooManyTasks => "任务过多（{n} 项），上限为 {max} 项。", "Too many tasks ({n}); the limit is {max}.";
    SpecEmptyMeasure => "第 {task} 项任务没有举措内容。", "Task {task} has no measure text.";
    SpecNoLead => "第 {task} 项任务没有责任单位。", "Task {task} has no responsible unit.";
    SpecUnknownUnit => "第 {task} 项任务中的单位“{unit}”不在单位名单中。", "Task {task} names “{unit}”, which is not in the unit list.";
    SpecUnknownWording => "第 {task} 项任务中的职责用语“{wording}”无法识别。", "Task {task} uses the role words “{wording}”, which are not recognised.";
    SpecAnnotationTask => "指标或节点 {id} 指向不存在的任务 {task}。", "Target or date {id} names task {task}, which does not exist.";
    SpecQuote => "指标或节点 {id} 引用的文字不在其任务原文中。", "The phrase quoted by target or date {id} is not in its task's text.";
    SpecDuplicate => "指标或节点编号 {id} 重复。", "The target or date id {id} is used twice.";
    SpecDateYear => "节点 {id} 的日期不在计划年度内。", "A date of {id} is outside the plan year.";
    SpecBadGoal => "指标 {id} 的目标值不合规。", "The goal of target {id} is invalid.";
    RegistryTooMany => "单位过多（{n} 个），上限为 256 个", "too many units ({n}); the limit is 256";
    RegistryEmpty => "第 {n} 个单位没有名称或简称", "unit {n} has no name or short name";
    RegistryDuplicate => "单位名称“{name}”重复", "the unit name “{name}” appears twice";
    RegistryDuplicateShort => "单位简称“{name}”重复", "the short name “{name}” appears twice";
    RegistryNoCoordinator => "没有统筹单位（食药安办）", "there is no coordinating office";
    RegistrySeveralCoordinators => "统筹单位不止一个", "there is more than one coordinating office";
    RegistryUnknownMember => "“{group}”的成员“{member}”不是名单中的单位", "“{member}”, a member of “{group}”, is not a unit of the list";
    RegistryEmptyGroup => "“{group}”没有列出成员", "“{group}” lists no members";
    ReportHeading => "落实情况报告", "Implementation report";
    ReportHelp => "按领域和任务汇总状态、亮灯、最新进展、量化指标和逾期事项，可打印（A4）或下载 CSV、XLSX 提交区食药安办。", "Status, light, latest notes, targets and overdue items by area and task, to print (A4) or download as CSV or XLSX for the coordinating office.";
    ReportScopeLabel => "报告范围", "Report for";
    ReportScopeMine => "本单位", "My unit";
    ReportDistrict => "全区汇总", "Whole district";
    ReportTitle => "{plan}落实情况报告（{subject}）", "{plan}: implementation report ({subject})";
    ReportDate => "报告日期：{date}", "Report date: {date}";
    ReportPrint => "打印（A4）", "Print (A4)";
    ReportCsv => "下载 CSV", "Download CSV";
    ReportXlsx => "下载 XLSX", "Download XLSX";
    ReportRowCount => "共 {n} 行，其中逾期 {overdue} 项。", "{n} rows, {overdue} overdue.";
    ReportOverdueHeading => "已过期限的节点（{n} 个）", "Deadlines passed ({n})";
    ReportNoOverdue => "没有逾期事项。", "Nothing is overdue.";
    ReportChartByUnit => "各单位任务完成与推进情况", "Done and in progress, by unit";
    ReportChartByArea => "各领域任务完成与推进情况", "Done and in progress, by area";
    ReportColumnNo => "序号", "No.";
    ReportColumnMeasure => "举措", "Measure";
    ReportColumnUnit => "单位", "Unit";
    ReportColumnRole => "角色", "Role";
    ReportColumnStatus => "状态", "Status";
    ReportColumnLight => "亮灯", "Light";
    ReportColumnReason => "说明", "Why";
    ReportColumnNotes => "最新进展", "Latest notes";
    ReportColumnTargets => "量化指标", "Targets";
    ReportColumnNext => "下一节点", "Next milestone";
    ReportColumnStatusDate => "状态工作日期", "Status work date";
    ReportColumnNoteDate => "最新进展工作日期", "Latest work date";
    ReportColumnRecorded => "记录日期", "Recorded on";
    NeedsCoordinationSheet => "需协调", "Needs coordination";
    PageOf => "第 {page} 页，共 {pages} 页", "Page {page} of {pages}";
    ReportTotalsHeading => "总体情况", "At a glance";
    ReportSilentHeading => "近 30 天未报送的单位（{n} 个）", "Units with nothing sent in 30 days ({n})";
    ReportLastReported => "最近一次报送", "Last sent";
    ReportNeverReported => "从未报送", "never";
    ReportColumnDeadline => "节点", "Deadline";
    ReportColumnDue => "日期", "Date";
    ReportColumnHeldUp => "未完成", "Not done";
    ReportHeldUp => "{tasks} 项任务，{units} 个单位", "{tasks} tasks, {units} units";
    ReportColumnTasks => "负责任务数", "Tasks";
    ReportColumnRate => "完成率", "Done rate";
    ReportSummarySheet => "按单位汇总", "By unit";
    ReportAreaSheet => "按领域汇总", "By area";
    ReportRow => "表中第 {n} 行", "row {n} of the table";
    PrintDate => "打印日期：{date}", "Printed on {date}";
    NavExchange => "数据交换", "Exchange";
    UnitsProgressHeading => "各单位进展（{n} 个单位）", "Progress of each unit ({n})";
    LightLabel => "亮灯", "Light";
    LastActivity => "最近记录", "Latest record";
    NothingSent => "尚无记录", "nothing yet";
    ExportHeading => "导出进展", "Export progress";
    ExportMine => "导出本单位进展", "Export my unit's progress";
    ExportMineHelp => "本单位在本机记录的全部进展，发给区食药安办。", "Every record of your unit on this device, to send to the coordinating office.";
    ExportAll => "导出全部", "Export everything";
    ExportAllHelp => "本机保存的所有单位的记录（区食药安办汇总后发回各单位）。", "Every unit's records held on this device (what the office sends back to all units).";
    RecordCount => "共 {n} 条记录。", "{n} records.";
    ShareFile => "分享", "Share";
    Exported => "已生成文件：{file}", "File saved: {file}";
    ExportSignFailed => "无法签名：本机设备密钥不可用（浏览器存储不可用或已满）。文件未生成。", "The file could not be signed: this device's key is unavailable (browser storage unavailable or full). No file was made.";
    ImportHeading => "导入进展文件", "Import progress files";
    ImportHelp => "选择其他单位发来的进展文件（可多选），或把文件拖到这里。导入前会逐个检查并预览，确认后才应用。", "Choose the progress files other units sent (several at once), or drop them here. Each is checked and previewed before anything is applied.";
    ImportPick => "选择文件", "Choose files";
    ImportDropHint => "也可以把文件拖放到本区域。", "You can also drop files on this area.";
    ImportReading => "正在检查文件……", "Checking the files…";
    ImportMarkOk => "✓ 可导入", "✓ ready";
    ImportMarkSame => "＝ 已导入过", "= already imported";
    ImportMarkBad => "✗ 已拒绝", "✗ refused";
    ImportMarkNewDevice => "？ 新设备", "? new device";
    ImportNewDevice => "新设备：{unit}，指纹 {fingerprint}。请先致电该单位，请对方在“设备名册”中读出本机指纹，核对一致后再点击“信任此设备”。", "New device: {unit}, fingerprint {fingerprint}. Phone the unit first and have them read out their fingerprint (in the device roster); trust it only if it matches.";
    TrustDevice => "信任此设备", "Trust this device";
    RosterHeading => "设备名册", "Device roster";
    RosterHelp => "本机及本机信任的各单位设备。对方核对指纹时，请读出“本机”一栏的指纹；核对其他设备时，请对方读出其设备名册中的本机指纹。", "This device and the devices of each unit it trusts. When someone checks this device, read out the fingerprint under “This device”; to check another device, have its user read out theirs.";
    RosterThisDevice => "本机", "This device";
    RosterOwnLine => "{unit}的设备", "a device of {unit}";
    RosterFingerprint => "指纹", "Fingerprint";
    RosterPickUnit => "选择单位后才会生成本机密钥和指纹。", "This device's key and fingerprint are made once a unit is chosen.";
    RosterKeyPending => "正在准备本机密钥……", "Preparing this device's key…";
    RosterKeyUnavailable => "浏览器存储不可用（可能处于无痕模式或已被禁用），无法生成本机密钥，导出的文件也无法签名。", "Browser storage is unavailable (perhaps a private window, or disabled): this device's key cannot be made and exports cannot be signed.";
    RosterKeyNewer => "设备数据库已被更新版本的应用升级，请刷新页面或更新本应用。", "The device database was upgraded by a newer version of the app; reload the page or update this app.";
    RosterKeyNoCrypto => "此浏览器无法提供所需的加密功能（须通过 https 或本机地址打开），无法生成本机密钥。", "This browser cannot provide the cryptography needed (open the app over https or from this computer): this device's key cannot be made.";
    RosterKeyFull => "浏览器存储空间已满，无法保存本机密钥。请先释放空间。", "Browser storage is full: this device's key cannot be saved. Free some space first.";
    RosterKeyStorage => "浏览器拒绝读写设备数据库（错误代码 {code}），无法取得本机密钥。", "The browser refused to read or write the device database (error code {code}): this device's key is not available.";
    RosterKeyUnreadable => "本机保存的设备密钥无法读取，不是本应用写入的内容。", "The device key stored here cannot be read: it was not written by this app.";
    RosterKeyOtherUnit => "本机密钥属于{stored}，与当前选择的单位不同。请切换回{stored}，或重新选择单位后再试。", "This device's key belongs to {stored}, not the unit now chosen. Switch back to {stored}, or choose the unit again and retry.";
    RosterKeyCrypto => "浏览器的加密功能拒绝了操作（错误代码 {code}），无法取得本机密钥。", "The browser's cryptography refused (error code {code}): this device's key is not available.";
    RosterUnitHeading => "{unit}（{n} 台设备）", "{unit} ({n} devices)";
    RosterEmpty => "本机尚未信任其他设备。导入其他单位的文件时，可在核对指纹后信任其设备。", "This device trusts no other device yet. When you import another unit's file, you can trust its device after checking the fingerprint.";
    RosterTrustOwn => "本机", "this device";
    RosterTrustTrusted => "已信任（{date}）", "trusted ({date})";
    RosterTrustVouched => "由区食药安办担保（{date}）", "vouched for by the coordinating office ({date})";
    RosterSeen => "首次见到 {first}，最近导入 {last}", "first seen {first}, last imported {last}";
    RosterRevokedLine => "已撤销（{date}）：第 {seq} 条之后的记录一律拒绝", "revoked ({date}): records after no. {seq} are refused";
    RosterRevoke => "撤销", "Revoke";
    RosterConfirmRevoke => "确认撤销此设备", "Confirm: revoke this device";
    RosterRevokeHelp => "撤销后，该设备此后的记录一律拒绝导入；此前已导入的记录保留，并在历史中标注“已撤销设备”。撤销不能取消。", "Once revoked, this device's later records are refused on import; the records already here are kept and marked “revoked device” in the history. Revoking cannot be undone.";
    RosterRevokeFailed => "撤销未能保存到浏览器存储，请重试。", "The revocation could not be saved to browser storage; try again.";
    RosterExportHeading => "区食药安办的设备名册", "The coordinating office's roster";
    RosterExport => "导出设备名册", "Export the device roster";
    RosterExportHelp => "由本机签名的名册，列出本机亲自信任的各单位设备及已撤销的设备。各单位信任本机后导入它，即可信任名册中的设备。", "A roster signed by this device: the devices of each unit it trusts first-hand, and those revoked. A unit that trusts this device can import it and then trusts the devices it lists.";
    RosterExported => "已生成设备名册：{file}（{n} 台设备）", "Roster saved: {file} ({n} devices)";
    RosterImport => "导入设备名册", "Import a device roster";
    RosterImportHelp => "选择区食药安办发来的设备名册。名册只有在本机已亲自信任区食药安办的设备后才会被接受。", "Choose the roster the coordinating office sent. It is accepted only once this device trusts the office's device first-hand.";
    RosterNotRoster => "这不是设备名册文件（或文件已损坏），未导入。", "This is not a device roster file (or it is damaged); nothing was imported.";
    RosterNotOffice => "设备名册须由区食药安办的设备签发；此文件由{unit}的设备签发，未导入。", "A device roster must be signed by a device of the coordinating office; this one was signed by a device of {unit}, so nothing was imported.";
    RosterBadSignature => "名册的签名与内容不符：文件已被改动或不完整，未导入。", "The roster's signature does not match its contents: the file was changed or is incomplete; nothing was imported.";
    RosterOfficeUnknown => "名册由{unit}的设备签发（指纹 {fingerprint}），本机尚未信任该设备。请先致电区食药安办，请对方在“设备名册”中读出本机指纹，核对一致后点击“信任此设备”。", "The roster is signed by a device of {unit} (fingerprint {fingerprint}) that this device does not trust yet. Phone the office and have them read out their fingerprint (in the device roster); trust it only if it matches.";
    RosterOfficeNotFirstHand => "签发名册的设备（指纹 {fingerprint}）只是经其他名册担保，本机未亲自信任它。请先致电核对指纹，一致后点击“信任此设备”。", "The device that signed the roster (fingerprint {fingerprint}) is only vouched for by another roster, not trusted here first-hand. Phone to check its fingerprint and trust it only if it matches.";
    RosterOfficeKeyMismatch => "签发名册的设备在本机登记的是另一把密钥：名册可能是伪造的，未导入。", "The device that signed the roster is registered here under another key: the roster may be forged; nothing was imported.";
    RosterOfficeUnitMismatch => "签发名册的设备在本机登记为{known}的设备，与名册所称不符，未导入。", "The device that signed the roster is registered here for {known}, not what the roster says; nothing was imported.";
    RosterOfficeRevoked => "签发名册的设备已被本机撤销，名册未导入。", "The device that signed the roster is revoked here; nothing was imported.";
    RosterAdopted => "已导入设备名册：新增信任 {added} 台设备，撤销 {revoked} 台设备。", "Roster imported: {added} devices newly trusted, {revoked} devices revoked.";
    RosterAdoptIgnored => "以下设备与本机登记的密钥或单位不符，已忽略：{devices}。", "These devices do not match the key or unit registered here and were ignored: {devices}.";
    RosterSaveFailed => "名册未能保存到浏览器存储，请重试。", "The roster could not be saved to browser storage; try again.";
    RosterTrustKeyMismatch => "该设备在本机登记的是另一把密钥，不能信任。", "This device is registered here under another key; it cannot be trusted.";
    RosterTrustUnitMismatch => "该设备在本机登记为{known}的设备，不能以{unit}的名义信任。", "This device is registered here for {known}; it cannot be trusted for {unit}.";
    ClockBehind => "本机时间可能不准：本机保存的最新记录时间为 {date}，晚于本机当前时间。请检查设备的日期和时间设置。", "This device's clock may be wrong: the newest record it holds is from {date}, later than its clock. Check the device's date and time settings.";
    MarkUnverified => "未验证", "unverified";
    MarkUnverifiedHelp => "签名日志启用之前由其他设备写下的记录，无法核实来源。", "Written by another device before signed logs; its origin cannot be verified.";
    MarkRevoked => "已撤销设备", "revoked device";
    MarkRevokedHelp => "写下此记录的设备已被撤销：记录保留，但请谨慎对待。", "The device that wrote this record has been revoked: the record is kept, but treat it with care.";
    ImportKeyMismatch => "设备 {device} 在本机登记的是另一把密钥：文件可能是伪造的，已拒绝。", "Device {device} is registered here under another key: the file may be forged, so it was refused.";
    ImportUnitMismatch => "设备 {device} 在本机登记为{known}的设备，文件却以{unit}的名义：已拒绝。", "Device {device} is registered here for {known}, but the file speaks for {unit}: refused.";
    ImportRevoked => "设备 {device}（{unit}）已被撤销，文件含有撤销之后的记录：已拒绝。", "Device {device} ({unit}) was revoked and the file holds records made after that: refused.";
    ImportFrom => "来自{unit}（导出于 {when}）：", "From {unit} (exported {when}):";
    ImportPreview => "新记录 {notes} 条，记录修改或删除 {edits} 条，状态变更 {statuses} 条，指标数值 {figures} 条；已有 {present} 条。", "{notes} new notes, {edits} note edits or deletions, {statuses} status changes, {figures} figures; {present} already here.";
    ImportNothingNew => "文件中的记录本机均已有，导入不会改变任何内容。", "Every record in this file is already here; importing it changes nothing.";
    ImportApply => "应用导入（{n} 个文件）", "Apply ({n} files)";
    ImportApplied => "已导入 {files} 个文件，新增 {records} 条记录。", "Imported {files} files: {records} new records.";
    ImportUndo => "撤销上次导入（{when}，{n} 条记录）", "Undo the last import ({when}, {n} records)";
    ImportUndone => "已撤销上次导入，恢复到导入前的状态。", "The last import was undone.";
    ImportTooLarge => "文件过大（{mb} MB），超过上限 {max} MB。", "The file is too large ({mb} MB), over the limit of {max} MB.";
    ImportNotText => "这不是本应用导出的进展文件，无法读取。", "This is not a progress file exported by this app; it cannot be read.";
    ImportNotJson => "文件内容不完整或已损坏，无法读取。请对方重新导出后再发送。", "The file is incomplete or damaged and cannot be read. Ask the sender to export it again.";
    ImportTooDeep => "文件内容无法识别，不是本应用导出的文件。", "The file's content is not recognised; it was not exported by this app.";
    ImportNotOurs => "这不是责任分工台账的数据交换文件。", "This is not a Duty Ledger exchange file.";
    ImportNewer => "文件由更新版本的应用导出（格式第 {version} 版），请先更新本应用。", "The file comes from a newer version of the app (format {version}); update this app first.";
    ImportOtherPlan => "文件属于另一个计划（{plan}），不是正在使用的计划。如本机已有该计划，请在“计划”页切换后再导入。", "The file belongs to another plan ({plan}), not the one in use. If this device has that plan, switch to it on the Plans page and import again.";
    ImportEditedTable => "文件对应的责任分工表与本应用的不一致（{plan}：表格内容不同）。", "The file refers to a different version of the responsibility table ({plan}).";
    ImportMissingField => "文件缺少字段 {field}。", "The file lacks the field {field}.";
    ImportUnknownField => "文件含有本格式没有的字段 {field}（可能由其他版本的应用或其他工具生成）。", "The file has a field the format does not have: {field} (perhaps written by another version of the app or another tool).";
    ImportWrongType => "字段 {field} 应为{expected}。", "The field {field} must be {expected}.";
    ImportInvalidValue => "字段 {field} 不是有效的{expected}。", "The field {field} is not valid {expected}.";
    ImportUnknownName => "字段 {field} 的取值“{name}”无法识别（应为{expected}）。", "The value “{name}” of {field} is not known (it must be {expected}).";
    ImportNotInVersion1 => "字段 {field}：第 1 版格式的文件没有工作日期。", "The field {field}: files of format 1 have no date of the work.";
    ImportDuplicateKey => "文件中的字段 {field} 出现了不止一次，无法确定以哪一个为准，已拒绝。", "The field {field} appears more than once in the file; which one counts cannot be told, so the file was refused.";
    ImportDisagrees => "“{file}”与“{other}”中的记录 {id} 编号相同而内容不同，无法判断哪一个是真的：两个文件都已拒绝。", "“{file}” and “{other}” hold record {id} with different content; which one is genuine cannot be told, so both files were refused.";
    ImportOldVersion => "文件由旧版应用导出（格式第 {version} 版，记录未签名）。请对方更新应用后重新导出。", "The file comes from an older version of the app (format {version}, records not signed). Ask the sender to update the app and export again.";
    ImportUnsigned => "第 {index} 条记录没有其设备的签名，无法核实来源。", "Record {index} carries no signature of its device; its origin cannot be verified.";
    ImportDuplicateDevice => "文件中设备 {device} 出现了两次。", "Device {device} is listed twice in the file.";
    ImportDeviceUnit => "第 {index} 条记录署名的单位与设备 {device} 签名的单位不同。", "Record {index} names another unit than the one device {device} signed for.";
    ImportChainAltered => "设备 {device} 的第 {seq} 条记录在签名后被修改过（文件中第 {index} 条记录）。", "Record {seq} of device {device} was changed after it was signed (record {index} of the file).";
    ImportChainMissing => "设备 {device} 的记录不完整：第 {seq} 条被删去或顺序被改动。", "Device {device}'s records are incomplete: record {seq} was removed or the order was changed.";
    ImportChainDuplicate => "设备 {device} 的第 {seq} 条记录出现了两次。", "Record {seq} of device {device} appears twice.";
    ImportChainUnsigned => "设备 {device} 的第 {seq} 条记录在其签名之后，未经签名。", "Record {seq} of device {device} comes after its signed record and is not signed.";
    ImportChainMalformed => "设备 {device} 的第 {seq} 条记录的链接格式不正确。", "Record {seq} of device {device} has a malformed link.";
    ImportChainEmpty => "设备 {device} 有签名但文件中没有它的记录。", "Device {device} is signed for but the file has none of its records.";
    ImportBadSignature => "设备 {device} 的签名与其记录不符：文件被修改过或已损坏。", "Device {device}'s signature does not match its records: the file was changed or is damaged.";
    ImportFromTheFuture => "设备 {device} 的记录日期为 {date}，比本机时间晚一天以上：该平板的时间设置有误。整个文件已拒绝，请对方校正时间后重新导出。", "Device {device} has a record dated {date}, more than a day after this device's clock: that tablet's clock is wrong. The whole file was refused; ask the sender to correct the clock and export again.";
    ImportStoredMeanwhile => "未导入：记录 {id} 在预览之后已以不同内容保存到本机（可能来自其他标签页），预览已失效。请重新选择文件检查。", "Nothing imported: record {id} was stored on this device after the preview (perhaps by another tab) with different content, so the preview no longer holds. Choose the files again to check them.";
    ExpectText => "文字", "text";
    ExpectWholeNumber => "整数", "a whole number";
    ExpectNumber => "数字", "a number";
    ExpectToken => "16 位编号（小写十六进制）", "an id of 16 lowercase hex digits";
    ExpectTimestamp => "带时区的时间", "a time with its UTC offset";
    ExpectDate => "日期（年-月-日）", "a date (year-month-day)";
    ExpectObject => "一组字段", "a set of fields";
    ExpectList => "列表", "a list";
    ExpectStatus => "状态", "a status";
    ExpectChangeKind => "记录类型", "a record kind";
    ExpectScope => "导出范围", "an export scope";
    ExpectAlgorithm => "校验算法", "a checksum algorithm";
    ExpectValue => "本格式规定的类型", "of the type the format defines";
    FieldAuthor => "署名", "author name";
    FieldReason => "受阻原因", "reason for blocking";
    FieldNote => "记录内容", "note";
    ProblemEmpty => "{field}不能为空。", "The {field} cannot be empty.";
    ProblemInvisibleOnly => "{field}只有空白和不可见字符（如 {char}），没有可见的内容。", "The {field} holds only blank and invisible characters (such as {char}), nothing visible.";
    ProblemControl => "{field}含有控制字符 {char}，不能保存。请删除后重试。", "The {field} contains the control character {char}; remove it and try again.";
    ProblemBidi => "{field}含有改变文字显示方向的字符 {char}（会使文字显示得与实际内容不同），不能保存。", "The {field} contains the character {char}, which changes the direction text is shown in (it can make text read differently from what it says).";
    ProblemTooLong => "{field}过长（最多 {max} 字）。", "The {field} is too long ({max} characters at most).";
    ProblemUnknownTask => "任务 {task} 不存在。", "Task {task} does not exist.";
    ProblemGroupAsAuthor => "“{unit}”是统称（群组），不是单位。", "“{unit}” is a group, not a unit.";
    ProblemUnknownTarget => "量化指标“{target}”不存在。", "There is no target “{target}”.";
    ProblemReasonWithoutBlock => "只有受阻状态可以填写原因。", "Only the blocked status carries a reason.";
    // 佐证材料 (issue 21): files attached to notes, their rules, taking them in, showing,
    // exchanging and keeping them.
    ProblemAttachmentsNotAllowed => "只有进展记录可以附带佐证材料。", "Only notes carry attached files.";
    ProblemTooManyAttachments => "一条记录最多附带 {max} 个文件。", "A record carries at most {max} files.";
    ProblemAttachmentTwice => "第 {n} 个附件与前面的附件是同一个文件。", "Attached file {n} is the same file as an earlier one.";
    ProblemAttachment => "第 {n} 个附件：{why}", "Attached file {n}: {why}";
    AttachNameEmpty => "文件名为空。", "The file name is empty.";
    AttachNameTooLong => "文件名过长（最多 {max} 字）。", "The file name is too long ({max} characters at most).";
    AttachNamePath => "文件名含有路径（/ 或 \\）。", "The file name holds a path (/ or \\).";
    AttachNameDots => "文件名不能以“.”开头或结尾。", "A file name cannot start or end with a dot.";
    AttachNameControl => "文件名含有控制字符 {char}。", "The file name contains the control character {char}.";
    AttachNameBidi => "文件名含有改变文字显示方向的字符 {char}。", "The file name contains the character {char}, which changes the direction text is shown in.";
    AttachNameSpace => "文件名首尾有空白。", "The file name starts or ends with blank space.";
    AttachNameExtension => "文件名的扩展名与文件类型（{kind}）不符，应为 .{ext}。", "The file name's extension does not match its type ({kind}); it should be .{ext}.";
    AttachEmpty => "文件是空的（0 字节）。", "The file is empty (0 bytes).";
    AttachTooLarge => "文件超过 {max} MB 的上限。", "The file is over the {max} MB limit.";
    FamilyImage => "图片", "picture";
    FamilyPdf => "PDF 文档", "PDF document";
    FamilyWord => "Word 文档", "Word document";
    FamilyExcel => "Excel 表格", "Excel workbook";
    FamilyOfd => "OFD 文档", "OFD document";
    FamilyVideo => "视频", "video";
    FamilyUnknown => "无法识别的内容", "content it cannot recognise";
    IntakeEmpty => "「{name}」是空文件（0 字节），未添加。", "“{name}” is empty (0 bytes) and was not added.";
    IntakeTooLarge => "「{name}」有 {mb} MB，超过每个文件 {max} MB 的上限（照片按缩小前的大小计），未添加。", "“{name}” is {mb} MB, over the {max} MB limit per file (photos count before they are made smaller), and was not added.";
    IntakeVideo => "「{name}」是视频，不能作为佐证材料。请改用照片或截图。", "“{name}” is a video, which cannot be attached. Use a photo or a screenshot instead.";
    IntakeUnknown => "「{name}」不是可以附带的文件（图片、PDF、Word、Excel 或 OFD），未添加。", "“{name}” is not a file that can be attached (a picture, PDF, Word, Excel or OFD), and was not added.";
    IntakeMismatch => "「{name}」的内容是{actual}，与扩展名 .{ext}（{claimed}）不符，未添加。请确认是哪种文件并改正文件名后再添加。", "“{name}” holds a {actual}, not the {claimed} its extension .{ext} says, and was not added. Check which file it is and correct its name first.";
    IntakeNotWhatItSays => "「{name}」按扩展名应是{claimed}，内容却不是（文件可能已损坏，或是被改名的其他文件），未添加。", "“{name}” should be a {claimed} by its extension but is not (it may be damaged, or another file renamed), and was not added.";
    IntakeTruncated => "「{name}」不完整（PDF 缺少文件结尾，可能没有下载完），未添加。", "“{name}” is incomplete (the PDF has no end: it may not have finished downloading), and was not added.";
    IntakeOtherOffice => "「{name}」是不支持的 Office 文件（如 PowerPoint 或加密的文档）。请另存为 PDF 后再添加。", "“{name}” is an Office file that cannot be attached (such as PowerPoint, or a password-protected document). Save it as PDF first.";
    IntakeReadFailed => "「{name}」读取失败，未添加。", "“{name}” could not be read and was not added.";
    IntakeTooMany => "一条记录最多 {max} 个附件，其余文件未添加。", "A record carries at most {max} files; the rest were not added.";
    IntakeDuplicate => "「{name}」与已添加的文件相同，只保留一份。", "“{name}” is the same file as one already added; it is kept once.";
    IntakeRenamedPath => "文件名去掉了路径，改为「{to}」。", "The folder path was taken off the name: “{to}”.";
    IntakeRenamedCleaned => "文件名中的控制字符或方向字符已去掉，改为「{to}」。", "Control or direction characters were taken out of the name: “{to}”.";
    IntakeRenamedExtension => "文件名补上了与内容相符的扩展名：「{to}」。", "The name was given the extension of its content: “{to}”.";
    IntakeRenamedConverted => "照片已转为 JPEG：「{to}」。", "The photo was converted to JPEG: “{to}”.";
    IntakeShrunk => "已在本机缩小：{from} → {to}（{width}×{height}）。", "Made smaller on this device: {from} → {to} ({width}×{height}).";
    IntakeKeptAsIs => "原样保存（{size}）。", "Kept as it is ({size}).";
    IntakeUndecodable => "这台设备无法读取此图片的内容，已按原文件保存（{size}，未缩小；文件中的拍摄位置等信息无法去除）。", "This device cannot read this picture, so it is kept as it is ({size}, not made smaller; location data in it cannot be removed).";
    IntakeGpsRemoved => "照片中的拍摄位置（GPS）已去除。", "The photo's location (GPS) was removed.";
    IntakeGpsKept => "照片保留了拍摄位置（GPS）。", "The photo keeps its location (GPS).";
    IntakeKeepGps => "保留拍摄位置", "Keep the location";
    IntakeWorking => "正在处理文件…", "Preparing the files…";
    AttachPhoto => "拍照", "Take a photo";
    AttachFiles => "添加附件", "Attach files";
    AttachHint => "可添加照片、PDF、Word、Excel、OFD 文件，每个不超过 {max} MB；照片会在本机缩小后保存，默认去除拍摄位置。", "Photos, PDF, Word, Excel and OFD files, up to {max} MB each; photos are made smaller on this device and their location is removed unless you keep it.";
    AttachRemove => "移除", "Remove";
    AttachmentsLabel => "佐证材料（{n}）", "Evidence ({n})";
    AttachmentMissing => "附件未随文件提供", "File not included";
    AttachmentMissingHelp => "记录登记了此文件，但收到的交换文件没有带上它。对方选择“包含附件”导出后再导入即可补齐。", "The record lists this file, but the exchange file did not carry it. Import a file exported with attachments to fill it in.";
    AttachmentRemovedFrom => "已从本机移除（{when} 导出到 {file}）", "Removed from this device (exported to {file}, {when})";
    AttachmentRestore => "允许重新接收", "Accept it again";
    AttachmentRestoreHelp => "再次导入含此附件的文件时将重新保存。", "It will be kept again the next time a file carrying it is imported.";
    AttachmentOpen => "打开", "Open";
    AttachmentDownload => "下载", "Download";
    AttachmentClose => "关闭", "Close";
    AttachmentView => "查看 {name}", "View {name}";
    AttachmentRemoveBytes => "从本机移除文件", "Remove the file from this device";
    AttachmentRemoveHelp => "此文件已导出到 {file}（{when}）。移除后记录仍保留它的登记和出处，需要时可重新导入该文件。", "This file was exported to {file} ({when}). Once removed, the record keeps its entry and where it went; import that file again to have it back.";
    AttachmentConfirmRemove => "确认移除", "Remove it";
    AttachmentNotExported => "此文件尚未随“包含附件”的导出发出，不能从本机移除。", "This file has not been sent in an export with attachments yet, so it cannot be removed from this device.";
    AttachmentLoading => "正在读取…", "Loading…";
    AttachmentGone => "本机找不到此文件。", "This file is not on this device.";
    SaveFilesStoring => "正在保存附件…", "Saving the files…";
    SaveFilesNoRoom => "存储空间不足：附件需要 {needed}，可用约 {free}。记录未保存，内容仍在编辑框中；请导出备份并清理空间后重试。", "Not enough storage: the files need {needed} and about {free} is free. The note was not saved and is still in the form; export a backup, make room and try again.";
    SaveFilesFailed => "附件未能保存（{why}）。记录未保存，内容仍在编辑框中，可以重试。", "The files could not be saved ({why}). The note was not saved and is still in the form; try again.";
    ExportWithFiles => "包含附件（{n} 个，{size}）", "With attachments ({n} files, {size})";
    ExportNoFiles => "本机没有可随文件发送的附件。", "There are no files on this device to send.";
    ExportFilesMissing => "{n} 个附件不在本机（未收到或已移除），不会随文件发送。", "{n} attached files are not on this device (never received or removed) and will not be sent.";
    ExportParts => "附件较多，已分为 {n} 份文件，每份都含全部记录和一部分附件。请把每一份都发出：", "There are many files, so the export is split into {n} files, each with every record and a share of the files. Send every one:";
    ExportPart => "保存第 {k}/{n} 份", "Save part {k} of {n}";
    ExportBuilding => "正在生成文件…", "Making the file…";
    ImportFilesCarried => "附件 {n} 个（本机新增 {new} 个）。", "{n} attached files ({new} new here).";
    ImportFilesMissing => "{n} 个附件未随文件提供。", "{n} attached files not included.";
    ImportFilesRemoved => "{n} 个附件此前已从本机移除，不会恢复。", "{n} files were removed from this device earlier and are not taken back.";
    ImportFilesOnly => "记录均已在本机，将补齐附件。", "Every record is here already; the files will be filled in.";
    ImportAttachmentAltered => "附件「{name}」（任务 {task}，{unit} {date} 的进展记录“{note}”）与签名记录中的 SHA-256 不符：文件中的附件被替换或改动过，整份文件已拒收。", "The attached file “{name}” (task {task}, {unit}'s note of {date}, “{note}”) does not match the SHA-256 in its signed record: it was swapped or altered, so the whole file was refused.";
    ImportAttachmentWrongType => "附件「{name}」（任务 {task}，{unit} {date} 的进展记录“{note}”）的内容不是记录所写的{kind}，整份文件已拒收。", "The attached file “{name}” (task {task}, {unit}'s note of {date}, “{note}”) is not the {kind} its record says, so the whole file was refused.";
    ImportAttachmentUnlisted => "文件中的第 {index} 个附件不属于文件中的任何记录：文件被改动过，已拒收。", "Attached file {index} of the file belongs to no record in it: the file was altered, so it was refused.";
    ImportAttachmentTwice => "文件中的第 {index} 个附件重复出现，已拒收。", "Attached file {index} of the file appears twice; the file was refused.";
    ImportNotInVersion => "字段 {field}：第 {version} 版格式的文件没有此字段。", "The field {field}: files of format {version} have no such field.";
    ImportFilesStoreFailed => "附件未能保存（{why}），导入未应用。", "The attached files could not be saved ({why}); nothing was imported.";
    ExpectDigest => "64 位小写十六进制的 SHA-256", "a SHA-256 as 64 lowercase hex digits";
    ExpectFileType => "文件类型（如 image/jpeg）", "a file type (such as image/jpeg)";
    ExpectBase64 => "Base64 编码的文件内容", "file content in Base64";
    StorageFilesHeading => "佐证材料", "Attached files";
    StorageFilesUsage => "本机保存附件 {n} 个，共 {size}。", "{n} attached files kept on this device, {size} in all.";
    StorageFilesNone => "本机没有保存附件。", "No attached files are kept on this device.";
    StorageFilesRemoved => "另有 {n} 个附件已导出并从本机移除（记录中保留登记）。", "{n} more were exported and removed from this device (their records keep them listed).";
    StorageFilesRemovable => "已导出的附件 {n} 个（{size}）可以从本机移除，记录中保留登记和出处。", "{n} exported files ({size}) can be removed from this device; their records keep them listed with where they went.";
    StorageFilesRemoveExported => "移除已导出的附件", "Remove the exported files";
    StorageFilesConfirm => "确认移除 {n} 个文件", "Remove {n} files";
    StorageFilesOrphans => "未被任何记录引用的附件 {n} 个（{size}），通常是保存未完成或撤销导入后留下的。", "{n} files ({size}) belong to no record, usually left by an unfinished save or an undone import.";
    StorageFilesDeleteOrphans => "删除这些文件", "Delete these files";
    StorageFilesDone => "已移除 {n} 个文件。", "{n} files removed.";
    EvidenceCount => "佐证材料 {n} 件", "{n} evidence files";
    ReportColumnEvidence => "佐证材料（件）", "Evidence files";
    ReportPrintThumbnails => "打印附件缩略图", "Print thumbnails of attached files";
    ImportTextTooLong => "字段 {field} 的文字过长。", "The field {field} is too long.";
    ImportChecksum => "校验码不符：文件在导出后被修改或已损坏。", "The checksum does not match: the file was changed after export or is damaged.";
    ImportUnknownUnit => "字段 {field} 中的单位“{unit}”不在单位名单中。", "The unit “{unit}” in {field} is not in the unit list.";
    ImportUnknownTask => "字段 {field} 中的任务 {task} 不存在（应为 1–58）。", "Task {task} in {field} does not exist (1–58).";
    ImportInvalidRecord => "第 {index} 条记录不合规：{why}", "Record {index} breaks the rules: {why}";
    ImportForeignRecord => "这是{exporter}的本单位导出文件，其中第 {index} 条记录却属于{unit}。", "This is {exporter}'s own export, but record {index} belongs to {unit}.";
    ImportDuplicate => "第 {index} 条记录与文件中另一条编号相同而内容不同。", "Record {index} has the id of another record in the file with different content.";
    ImportConflict => "文件中的记录 {id} 与本机已有记录编号相同但内容不同：文件可能被修改过，已拒绝。", "Record {id} has the id of a stored record but different content: the file may have been altered, so it was refused.";
    MatrixHeading => "汇总：任务 × 责任单位", "Overview: tasks × responsible units";
    MatrixLegend => "● 绿灯　◆ 黄灯　■ 红灯；“牵”为牵头，“协”为协助，“导”为业务指导，“配”为配合；点按单元格查看该单位在该任务上的状态、原因和进展。", "● green  ◆ yellow  ■ red; L leads, A assists, G guides, C cooperates; tap a cell to see that unit's status, reason and notes on the task.";
    MatrixTaskColumn => "序号", "No.";
    RoleMarkAssist => "协", "A";
    RoleMarkGuide => "导", "G";
    CompletionRow => "完成率", "Done";
    FreshnessHeading => "各单位数据", "Data from each unit";
    UnitsSilent => "尚未报送数据的单位：{units}", "Units that have sent nothing yet: {units}";
    AllUnitsSent => "所有责任单位均已有数据。", "Every responsible unit has sent data.";
    LatestData => "最新数据：{when}", "latest data: {when}";
    AnnotateEmptyQuote => "请先在任务原文中选中一段文字。", "Select a phrase of the task's text first.";
    AnnotateQuoteNotFound => "所选文字不在该任务的原文中。", "The selected text is not in this task's text.";
    AnnotateQuoteRepeated => "所选文字在该任务原文中出现了 {times} 次，请多选几个字，使它只出现一次。", "The selected text appears {times} times in this task's text; select a few more characters so that it appears once.";
    AnnotateNoDate => "所选文字中没有日期（如 11月8日前、5月中旬、每季度）。", "The selected text states no date (a day, part of a month, a quarter or a recurring word).";
    AnnotateSeveralDates => "所选文字中有多个日期：{found}。请只选其中一个。", "The selected text states several dates: {found}. Select only one.";
    AnnotateOtherYear => "「{text}」是 {stated} 年的日期，不在本计划的年度（{plan} 年）内。", "\"{text}\" is a date of {stated}, outside the plan's year ({plan}).";
    AnnotateNoSuchDay => "{year} 年没有「{text}」这一天。", "\"{text}\" is not a day of {year}.";
    AnnotateNoFigure => "所选文字中没有带单位的数字（如 1.48万批次、99%以上）。", "The selected text states no figure with a unit.";
    AnnotateSeveralFigures => "所选文字中有多个数字：{found}。请只选其中一个。", "The selected text states several figures: {found}. Select only one.";
    // Reading a responsibility table (plan::source): every SourceProblem, through `source_problem`.
    SourceError => "错误", "Error";
    SourceWarning => "提示", "Warning";
    SourceColumnNumber => "序号", "No.";
    SourceColumnArea => "任务", "Area";
    SourceColumnMeasure => "举措", "Measure";
    SourceColumnLead => "责任单位", "Lead units";
    SourceColumnCooperating => "配合单位", "Cooperating units";
    SourcePlaceTitle => "标题", "the title";
    SourcePlaceHeader => "表头的「{column}」", "the header's {column} cell";
    SourcePlaceCell => "第 {row} 行的「{column}」", "row {row}, {column}";
    SourceArtefactBookmark => "书签标记", "bookmark marks";
    SourceArtefactFieldCode => "域代码", "field codes";
    SourceArtefactSoftHyphen => "软连字符", "soft hyphens";
    SourceArtefactZeroWidth => "零宽字符", "zero-width characters";
    SourceArtefactNbsp => "不间断空格", "non-breaking spaces";
    SourceArtefactControl => "控制字符", "control characters";
    SourceNoTable => "没有找到表格。请确认复制或选择的是责任分工表本身。", "No table was found. Make sure you copied or chose the responsibility table itself.";
    SourceNotADocx => "这不是 Word（.docx）文件。旧版 .doc 文件或加密文件请先在 Word 或 WPS 中另存为 .docx。", "This is not a Word (.docx) file. Save an old .doc or a password-protected file as .docx in Word or WPS first.";
    SourceDocxDamaged => "文件不完整或已损坏，无法读取。", "The file is incomplete or damaged and cannot be read.";
    SourceZipEntryMissing => "文件中没有 {name}，不是 Word 文档。", "The file has no {name}: it is not a Word document.";
    SourceZipUnsupported => "文件使用了不支持的压缩方式（{method}）。请在 Word 或 WPS 中重新保存为 .docx。", "The file uses a compression method that is not supported ({method}). Save it again as .docx in Word or WPS.";
    SourceNoTitle => "表格上方没有标题。", "There is no title above the table.";
    SourceNoHeader => "表格没有表头行，已从第一行起按任务读取。", "The table has no header row; it was read as tasks from its first row.";
    SourceHeaderCell => "表头第 {index} 列应为「{expected}」，实际为“{found}”。", "Column {index} of the header should read “{expected}”, not “{found}”.";
    SourceHeaderWidth => "表头有 {found} 列，应为 5 列。", "The header has {found} columns, not 5.";
    SourceRowWidth => "第 {row} 行有 {found} 列，应为 5 列。", "Row {row} has {found} columns, not 5.";
    SourceNoRows => "表头下没有任务行。", "There is no task row below the header.";
    SourceArtefact => "{place}中有 {count} 处{kind}，已清除。", "{count} {kind} removed from {place}.";
    SourceEmptyCell => "第 {row} 行的「{column}」为空。", "Row {row}: {column} is empty.";
    SourceNotANumber => "第 {row} 行的序号“{found}”不是数字。", "Row {row}: the number “{found}” is not a number.";
    SourceRepeatedNumber => "第 {row} 行的序号 {number} 与第 {first} 行重复。", "Row {row}: number {number} was already used on row {first}.";
    SourceMissingNumber => "第 {row} 行之前缺少序号 {from}。", "Number {from} is missing before row {row}.";
    SourceMissingNumbers => "第 {row} 行之前缺少序号 {from}–{to}。", "Numbers {from}–{to} are missing before row {row}.";
    SourceNoUnitInClause => "第 {row} 行的责任单位中“{clause}”没有写明单位。", "Row {row}: “{clause}” in the lead units names no unit.";
    SourceUnknownUnit => "第 {row} 行「{column}」中的“{name}”不在单位名单中。", "Row {row}: “{name}” in {column} is not in the unit list.";
    SourceAreaWithoutNumeral => "第 {row} 行的领域标题“{heading}”没有以中文序号和顿号开头（如“十、”）。", "Row {row}: the area heading “{heading}” does not start with a Chinese numeral and an enumeration comma.";
    SourceAreaOutOfOrder => "第 {row} 行的领域“{heading}”序号不连续（应为第 {expected} 个领域）。", "Row {row}: the area “{heading}” is out of order (area {expected} was expected).";
    SourceAreaWithoutTasks => "第 {row} 行的领域“{heading}”下没有任务。", "Row {row}: the area “{heading}” has no tasks.";
    // Issue 17, points 2–4: the matrix on a tablet, 需协调 answered, trust that is checked.
    MatrixTaskText => "任务", "Task";
    RoleMarkLead => "牵", "L";
    RoleMarkCooperate => "配", "C";
    MatrixCooperateHint => "“配”为配合单位：不计入完成率。", "C cooperates: not counted in the completion rate.";
    MatrixPrint => "打印汇总表", "Print the overview";
    FieldReply => "协调意见", "reply";
    ProblemCoordinationNotByOffice => "只有{office}可以记录协调意见。", "Only {office} can record a coordination reply.";
    ProblemCoordinationGroup => "“{unit}”是一组单位，请选择其中一个单位。", "{unit} is a group; choose one of its units.";
    ProblemCoordinationUnitNotOnTask => "本任务不涉及{unit}。", "The task does not concern {unit}.";
    ProblemDueInPast => "办理期限不能早于今天。", "The due date cannot be before today.";
    CoordinationHeading => "协调意见", "Coordination reply";
    CoordinationReplyLabel => "答复或决定", "Reply or decision";
    CoordinationOwnerLabel => "落实单位", "Unit to act";
    CoordinationDueLabel => "办理期限", "Due by";
    CoordinationResolvedLabel => "已协调（事项已解决）", "Settled (the matter is resolved)";
    CoordinationSave => "保存协调意见", "Save the reply";
    CoordinationSaved => "协调意见已保存。请导出全部进展发给{unit}，对方导入后即可在任务中看到。", "Reply saved. Export everything and send it to {unit}; they see it on the task once they import it.";
    CoordinationBy => "{office}协调意见（{when}）", "Reply from {office} ({when})";
    CoordinationOwnerDue => "由{owner}在{due}前落实", "{owner} to act by {due}";
    CoordinationNone => "尚无协调意见。", "No reply yet.";
    CoordinationBlockedAgain => "答复之后该单位再次报告受阻，请再次协调。", "The unit reported blocked again after the reply; it needs coordinating again.";
    CoordinationStateOpen => "待协调", "Open";
    CoordinationStateAnswered => "已答复", "Answered";
    CoordinationStateSettled => "已协调", "Settled";
    CoordinationOpenTask => "查看并答复", "View and reply";
    CoordinationRevisions => "（第 {n} 次答复）", "(reply {n})";
    ImportCoordinations => "协调意见 {n} 条。", "{n} coordination replies.";
    ContactHeading => "本单位联系人", "Your unit's contact";
    ContactHelp => "对方核对本机指纹时会致电此人。联系人随导出的文件一同签名发送。", "Whoever checks this device's fingerprint calls this person. The contact is sent, signed, with every exported file.";
    ContactNameLabel => "联系人姓名", "Contact name";
    ContactPhoneLabel => "联系电话", "Phone";
    ContactSave => "保存联系人", "Save the contact";
    ContactSaved => "联系人已保存。", "Contact saved.";
    ContactNameProblem => "请填写联系人姓名（一行，最多 20 个字）。", "Enter the contact's name (one line, at most 20 characters).";
    ContactPhoneProblem => "请填写电话号码（数字，可含 +、-、空格、括号和“转”）。", "Enter a phone number (digits, with +, -, spaces, brackets or an extension).";
    TrustWho => "新设备：{unit}", "New device: {unit}";
    TrustCall => "请致电 {name}（{phone}）核对指纹。", "Call {name} ({phone}) to compare the fingerprint.";
    TrustCallUnknown => "文件未附联系人：请用已知的电话联系{unit}核对指纹。", "The file names no contact: call {unit} on a number you already know to compare the fingerprint.";
    TrustFingerprintLabel => "指纹", "Fingerprint";
    TrustConfirmLabel => "核对一致后，输入指纹最后 4 位", "Once it matches, type the fingerprint's last 4 characters";
    TrustConfirmWrong => "与指纹最后 4 位不一致：请再次核对。", "That is not the fingerprint's last 4 characters: compare again.";
    // Issue 17 (lights, pace, work dates, figures, reports): one block.
    LightEnded => "年度已结束", "Year over";
    YearEndDeadline => "完成全年任务", "the year's work";
    ReasonNotBegunEarly => "尚未开始（距 {date} 截止还有 {days} 天）", "not begun yet ({days} days until {date})";
    ReasonNotBegun => "尚未开始，已过大部分时间（{date} 截止：{label}，还剩 {days} 天）", "not begun, and most of the time is gone ({label} due {date}, {days} days left)";
    ReasonEnded => "年度结束时未完成（{status}）", "not done when the year ended ({status})";
    QuarterNoData => "本季度尚未填报", "Nothing recorded for this quarter yet";
    DistrictTotal => "全区合计（{n} 个单位）：{latest} · {pace}", "District total ({n} units): {latest} · {pace}";
    MemberOverdue => "其中 {n} 项红灯", "{n} red";
    StatusDateHelp => "先选工作日期，再点按状态；日期随这次点按一并记录。", "Choose the date of the work first, then tap a status; the date is recorded with that tap.";
    StatusUnchanged => "状态未变，未新增记录。", "The status is unchanged; nothing was recorded.";
    StatusRedate => "将当前状态“{status}”的工作日期改为 {date}", "Change the date of the current status “{status}” to {date}";
    FigureDateRange => "截至日期须在计划年度内：{start} 至 {end}。", "The as-of date must fall within the plan year: {start} to {end}.";
    FigureDateHelp => "截至日期：该数值统计到哪一天（{start} 至 {end} 之间）。", "As of: the day the figure counts up to (between {start} and {end}).";
    FigureHistoryLine => "填报{label}：{value} {unit}（截至 {date}）", "Recorded {label}: {value} {unit} (as of {date})";
    ReportHelpOffice => "按领域和任务汇总各单位的状态、亮灯、最新进展、量化指标和逾期事项，可打印（A4）或下载 CSV、XLSX 向上级报送。", "Every unit's status, light, latest notes, targets and overdue items by area and task, to print (A4) or download as CSV or XLSX for reporting upward.";
    // importer branch (issue 18 import path, issue 19 worker): trusting a file set's new
    // devices in one step, progress, and the file checker that runs beside the page.
    TrustAllHeading => "本批文件带来 {n} 台新设备", "These files bring {n} new devices";
    TrustAllHelp => "请按下表逐一电话核对每台设备的指纹。全部一致后，输入第 {k} 台设备（{unit}）指纹的最后 4 位，一次信任全部。", "Compare each device's fingerprint below with its unit by phone. Once all match, type the last 4 characters of device {k} ({unit}) to trust them all at once.";
    TrustAllConfirmLabel => "第 {k} 台设备指纹的最后 4 位", "Last 4 characters of device {k}'s fingerprint";
    TrustAllDevices => "信任以上全部 {n} 台设备", "Trust all {n} devices above";
    TrustAllWrong => "与第 {k} 台设备的指纹不符，请再核对。", "That does not match device {k}'s fingerprint; check again.";
    ImportChecking => "正在检查文件：已完成 {done} 个，共 {total} 个", "Checking files: {done} of {total} done";
    ImportSaving => "正在保存导入的记录……", "Saving the imported records…";
    ImportCheckerMissing => "文件检查程序未能加载（本设备可能从未在联网时打开过本应用）。请联网后重新打开本页，再导入。", "The file checker could not be loaded (this device may never have opened the app while online). Connect, reload this page and import again.";
    ImportNotSaved => "导入的记录未能保存到本机存储，仍保留在当前页面中（见保存提示）；保存成功之前请勿关闭本页。", "The imported records could not be saved on this device; they are kept in this page (see the saving notice). Do not close the page until they are saved.";
    // rhythm-a (issue 20: 落实方案, submissions, rounds, 催报): one block.
    FieldMeasures => "具体措施", "measures";
    FieldResults => "预期成果", "expected results";
    FieldStepWhat => "步骤内容", "step";
    FieldPerson => "责任人", "person responsible";
    FieldContactName => "联系人姓名", "contact's name";
    FieldContactPost => "职务", "post";
    FieldRoundTitle => "报送事项名称", "round's title";
    ProblemWrongTaskForKind => "记录所属的任务与记录类型不符。", "The record's task does not fit its kind.";
    ProblemUnitNotOnTask => "本任务不涉及本单位，不能为它填写落实方案。", "This task does not concern your unit, so it takes no implementation plan from it.";
    ProblemEmptyImplementation => "请填写具体措施或预期成果。", "Fill in the measures or the expected results.";
    ProblemStepOutsideYear => "完成时间须在计划年度（{year} 年）内。", "The date must fall within the plan year ({year}).";
    ProblemBadPhone => "电话号码不正确：只能包含数字（3 至 20 位）以及 +、-、空格、括号或“转”（分机）。", "That is not a phone number: digits only (3 to 20), with +, -, spaces, brackets, or the sign for an extension.";
    ProblemNotByOffice => "只有{office}可以设置报送事项或退回。", "Only {office} can set rounds or return submissions.";
    ProblemSubmittedByOffice => "{office}是接收报送的单位，不需要提交。", "{office} receives the submissions; it does not submit.";
    ProblemRoundTitle => "请填写报送事项名称。", "Give the round a title.";
    ProblemRoundNotWithdrawable => "落实方案和年度总结不能撤销，只能修改截止日期。", "The implementation plan and the annual summary cannot be withdrawn; change their due date instead.";
    ProblemReturnedToWhom => "不能退回给“{unit}”。", "Nothing can be returned to “{unit}”.";
    ImportKindNotInVersion => "字段 {field}：文件注明为第 {version} 版格式，但含有第 {since} 版才有的记录（落实方案、报送或退回）。文件可能被改动过，请对方用本应用重新导出。", "The field {field}: the file says it is format {version}, but holds records that only format {since} has (implementation plans, submissions or returns). It may have been altered; ask the sender to export again from the app.";
    RoundPlan => "落实方案", "implementation plan";
    RoundSummary => "年度总结", "annual summary";
    RoundNoDue => "未设截止日期", "no due date set";
    RoundDue => "{date}前", "by {date}";
    StateNotStarted => "未开始", "Not started";
    StateDraft => "草稿", "Draft";
    StateSubmitted => "已提交（{date}）", "Submitted ({date})";
    StateRevised => "提交后已修改（{date}提交）", "Changed after submitting ({date})";
    StateReturned => "已退回：{reason}", "Returned: {reason}";
    StepNoWhat => "请填写步骤内容。", "Say what the step is.";
    StepNoDate => "请填写完成时间（某一天或某个月）。", "Give the step a date (a day or a month).";
    StepBadDate => "完成时间应为某一天或某个月，例如 2026-05-31 或 2026-05。", "The date must be a day or a month, e.g. 2026-05-31 or 2026-05.";
    StepNoPerson => "请填写责任人。", "Name the person responsible.";
    ReminderHeading => "关于报送{round}的提醒", "Reminder: {round}";
    ReminderIntro => "以下 {n} 个单位尚未向{office}提交{round}（{due}）：", "These {n} units have not yet submitted their {round} to {office} ({due}):";
    ReminderLine => "{n}. {unit}（目前：{state}）", "{n}. {unit} (now: {state})";
    ReminderContact => "联系人：{name}{post}，电话 {phone}", "contact: {name}{post}, phone {phone}";
    ReminderNoContact => "联系人：未填写", "contact: not given";
    ReminderClose => "请于{due}通过台账提交，并将导出的文件发送{office}。已退回的，请按退回意见修改后重新提交。", "Please submit {due} in the ledger and send the exported file to {office}. Where returned, revise as asked and submit again.";
    ReminderCloseNoDue => "请尽快通过台账提交，并将导出的文件发送{office}。已退回的，请按退回意见修改后重新提交。", "Please submit soon in the ledger and send the exported file to {office}. Where returned, revise as asked and submit again.";
    ReminderNone => "所有单位均已提交{round}。", "Every unit has submitted its {round}.";
    RhythmHeading => "落实方案与报送", "Implementation plan and submissions";
    ImplementationOpen => "编写落实方案", "Write the implementation plan";
    ImplementationClose => "收起落实方案", "Close the implementation plan";
    ImplementationHelp => "按任务填写具体措施、预期成果和进度安排（每一步写明完成时间和责任人），并填写联系人；写好后点按“提交落实方案”，再导出文件发送区食药安办。", "For each task, write the measures, expected results and steps (each with a date and the person responsible), and the contact person; then tap “Submit” and export the file for the office.";
    ReturnedNotice => "{when} 被退回：{reason}。请修改后重新提交。", "Returned on {when}: {reason}. Revise and submit again.";
    SubmitRound => "提交{round}", "Submit the {round}";
    StepsNone => "还没有进度安排。在落实方案中为任务添加步骤后，步骤会按日期显示在这里。", "No steps yet. Steps added to the implementation plan show here by date.";
    StepsHeading => "进度安排（{n} 步，{red} 步逾期）", "Steps ({n}, {red} overdue)";
    StepLate => "已逾期", "Overdue";
    StepSoon => "即将到期", "Due soon";
    StepDone => "已完成", "Done";
    StepOnTime => "按计划", "On schedule";
    StepPersonIs => "责任人：{person}", "Responsible: {person}";
    StepMarkDone => "标记完成", "Mark done";
    StepUndoDone => "改为未完成", "Mark not done";
    ContactPlanSaved => "联系人已保存（导出文件时一并签名发送）。", "Contact saved (signed into your exports too).";
    PlanContactHeading => "联系人", "Contact person";
    PlanContactPhone => "联系电话", "Phone";
    PlanContactSave => "保存联系人", "Save the contact";
    MeasuresSaved => "已保存。", "Saved.";
    MeasuresSave => "保存措施和成果", "Save measures and results";
    PlanTaskSteps => "{n} 步", "{n} steps";
    StepsOfTask => "进度安排", "Steps";
    StepEdit => "修改", "Edit";
    StepRemove => "删除", "Remove";
    StepVersions => "历史版本（{n}）", "Versions ({n})";
    StepRestore => "恢复此版本", "Restore this version";
    StepSaved => "步骤已保存。", "Step saved.";
    StepByMonth => "只写月份", "Month only";
    StepWhenLabel => "完成时间", "Due";
    StepSaveVersion => "保存修改", "Save the change";
    StepAdd => "添加步骤", "Add the step";
    BoardHeading => "报送情况", "Submissions";
    RoundLabel => "报送事项", "Round";
    BoardState => "状态", "State";
    BoardActions => "查看与退回", "View and return";
    BoardOpenSubmitted => "查看提交的内容（只读）", "Open what was submitted (read-only)";
    RoundDueLabel => "截止日期", "Due date";
    RoundDueMissing => "请选择截止日期。", "Choose a due date.";
    RoundSaved => "报送事项已保存。", "Round saved.";
    RoundSave => "保存截止日期", "Save the due date";
    RoundWithdraw => "撤销此报送事项", "Withdraw this round";
    RoundNewHeading => "新增报送事项（如季度进展）", "New round (e.g. a quarter's progress)";
    RoundAdd => "新增", "Add";
    ReturnReasonLabel => "退回原因", "Reason for returning";
    ReturnSubmit => "退回", "Return";
    ReturnedSaved => "已退回。导出文件发送该单位后，对方即可看到退回原因。", "Returned. Once the unit imports your exported file, it sees why.";
    ReminderListHeading => "催报：{n} 个单位尚未提交", "Reminder: {n} units have not submitted";
    ReminderCopy => "复制提醒文字", "Copy the reminder";
    ReminderCopied => "已复制，可粘贴到消息或通知中。", "Copied: paste it into a message or notice.";
    ImportPlanRecords => "落实方案与报送记录 {n} 条。", "{n} implementation-plan and submission records.";
    StepsRemoved => "已删除的步骤（{n}）", "Removed steps ({n})";
    BoardCsv => "下载落实方案（CSV）", "Download the plans (CSV)";
    BoardXlsx => "下载落实方案与报送情况（XLSX）", "Download plans and submissions (XLSX)";
    // rhythm-b (issue 20: the May meeting and 年度总结): one block.
    FieldSummary => "年度总结", "annual summary";
    ProblemMeetingInFuture => "会议日期不能晚于今天：会议开过之后再记录决定。", "The meeting date cannot be after today: record a decision once the meeting has been held.";
    ProblemSummaryUnitNotOnTask => "本单位不承担这项任务，不能为它写年度总结。", "Your unit has no part in this task, so it cannot write an annual summary for it.";
    ImportSummaries => "年度总结 {n} 条。", "{n} annual summaries.";
    MeetingDecisionLabel => "会议决定（{date}）：", "Meeting decision ({date}): ";
    MeetingReplyLabel => "协调意见（{date}）：", "Reply ({date}): ";
    MeetingTitle => "{plan}协调会议材料", "{plan}: coordination meeting material";
    MeetingSubtitle => "{office}　{date}　需协调事项 {n} 项", "{office} · {date} · {n} items needing coordination";
    MeetingSheet => "会议材料", "Meeting";
    MeetingColumnDepartments => "涉及部门", "Departments involved";
    MeetingColumnRaised => "提出日期", "Raised on";
    MeetingColumnReplies => "协调意见与会议决定", "Replies and decisions";
    MeetingNoReply => "尚无协调意见", "No reply yet";
    SummaryPrefillStatus => "当前状态：{status}", "Status: {status}";
    SummaryPrefillFigures => "量化指标完成情况：", "Targets:";
    SummaryPrefillWork => "主要工作：", "Work done:";
    SummaryPrefillNoNotes => "（尚无进展记录）", "(no notes yet)";
    AnnualTitle => "{plan}年度总结汇编", "{plan}: annual summaries";
    AnnualSubtitle => "{office}汇总　{date}", "Compiled by {office} · {date}";
    AnnualSheet => "年度总结", "Annual summaries";
    AnnualUnitsSheet => "提交情况", "Submissions";
    AnnualColumnWritten => "已填写", "Written";
    AnnualColumnSubmitted => "提交日期", "Submitted on";
    AnnualNotSubmitted => "未提交", "Not submitted";
    AnnualNotWritten => "（未填写）", "(not written)";
    AnnualMissingHeading => "未提交年度总结的单位", "Units that have not submitted";
    AnnualMissing => "{n} 个单位未提交：{units}", "{n} units have not submitted: {units}";
    AnnualMissingUnit => "{unit}（已填写 {written}/{tasks} 项）", "{unit} ({written} of {tasks} written)";
    AnnualNoneMissing => "各单位均已提交。", "Every unit has submitted.";
    MeetingAnswerLine => "{head}{reply}（办理：{owner_due}）", "{head}{reply} (to act: {owner_due})";
    AnnualUnitLine => "{unit}（状态：{status}）", "{unit} (status: {status})";
    SummaryPrefillNote => "- {date}（进展）：{text}", "- {date} (note): {text}";
    ReportColumnAnswer => "协调意见（会议决定）", "Reply (meeting decision)";
    ReportKindLabel => "报告类型", "Report";
    ReportKindProgress => "落实情况", "Implementation";
    ReportKindMeeting => "会议材料", "Meeting material";
    ReportKindAnnual => "年度总结", "Annual summary";
    ReportDocx => "下载 Word", "Download Word";
    MeetingHelp => "协调会议（每年5月）的材料：需协调事项和受阻任务按涉及部门分组，列出提出单位、原因、提出日期和已有的协调意见。会上作出的决定可记在各事项下，下一份报告即显示。", "Material for the coordination meeting (each May): items needing coordination and blocked tasks grouped by the departments involved, with the unit, the reason, the day raised and the replies so far. Decisions taken at the meeting are recorded against the items, and the next report shows them.";
    MeetingRaisedOn => "{date}提出", "raised {date}";
    MeetingRecordDecision => "记录会议决定", "Record the meeting's decision";
    MeetingDatesNeeded => "请填写会议日期和办理期限。", "Give the meeting's date and the due date.";
    MeetingDateLabel => "会议日期", "Meeting date";
    MeetingDecisionText => "会议决定", "Decision";
    MeetingSaveDecision => "保存会议决定", "Save the decision";
    AnnualHelpUnit => "每项任务写一份年度总结：对照目标说明完成情况。草稿已按本单位填报的数值和进展记录生成，可修改后保存；全部写好后提交给区食药安办。", "Write an annual summary for each task: the results against the targets. The draft comes from your unit's figures and notes; edit it and save. When all are written, submit them to the office.";
    AnnualHelpOffice => "汇编各单位的年度总结，列出尚未提交的单位；可打印（A4）或下载 XLSX、Word 向区领导报送。", "Every unit's annual summaries compiled, with the units that have not submitted named; print (A4) or download as XLSX or Word to report to the district leadership.";
    AnnualSubmit => "提交年度总结", "Submit the annual summary";
    AnnualSave => "保存", "Save";
    AnnualRefill => "按数值和进展重新生成草稿", "Draft again from figures and notes";
    AnnualSaved => "已保存。", "Saved.";
    AnnualWrittenOn => "已保存（{date}，第 {n} 版）", "Saved ({date}, version {n})";
    AnnualDraftHint => "草稿（尚未保存）", "Draft (not saved yet)";
    // rhythm-c (issue 20 §2, §6: the plan's state in the matrix; reports include the rounds): one block.
    StateShortSubmitted => "已提交 {date}", "Submitted {date}";
    StateShortRevised => "已修改", "Changed";
    StateShortReturned => "已退回", "Returned";
    MatrixPlanStateTitle => "{unit} 落实方案：{state}。点按查看提交的内容。", "{unit}'s implementation plan: {state}. Tap to see what was submitted.";
    MatrixPlanSheetHeading => "{unit} 落实方案（提交时的内容，只读）", "{unit}: implementation plan as submitted (read-only)";
    MatrixPlanNotSubmitted => "{unit} 尚未提交落实方案（目前：{state}）。", "{unit} has not submitted its implementation plan (now: {state}).";
    MatrixPlanClose => "关闭", "Close";
    ReportSubmissionsHeading => "报送情况", "Submissions";
    ReportSubmissionsRound => "报送事项", "Round";
    ReportSubmissionsDue => "截止日期", "Due";
    ReportSubmissionsCount => "未提交单位数", "Units not submitted";
    ReportSubmissionsUnits => "未提交单位", "Units not submitted";
    ReportSubmissionsAll => "均已提交", "All submitted";
    ReportSubmissionsCsv => "下载报送情况（CSV）", "Download submissions (CSV)";
}

/// The message for one problem met reading a responsibility table, with its row and column.
pub fn source_problem(lang: Lang, problem: &SourceProblem) -> String {
    let column = |c: Column| {
        match c {
            Column::Number => Key::SourceColumnNumber,
            Column::Area => Key::SourceColumnArea,
            Column::Measure => Key::SourceColumnMeasure,
            Column::Lead => Key::SourceColumnLead,
            Column::Cooperating => Key::SourceColumnCooperating,
        }
        .text(lang)
    };
    let n = |n: &dyn std::fmt::Display| n.to_string();
    match problem {
        SourceProblem::NoTable => Key::SourceNoTable.text(lang).to_string(),
        SourceProblem::NotADocx => Key::SourceNotADocx.text(lang).to_string(),
        SourceProblem::DocxDamaged => Key::SourceDocxDamaged.text(lang).to_string(),
        SourceProblem::ZipEntryMissing { name } => {
            fill(Key::SourceZipEntryMissing, lang, &[("name", name)])
        }
        SourceProblem::ZipUnsupported { method } => {
            fill(Key::SourceZipUnsupported, lang, &[("method", &n(method))])
        }
        SourceProblem::NoTitle => Key::SourceNoTitle.text(lang).to_string(),
        SourceProblem::NoHeader => Key::SourceNoHeader.text(lang).to_string(),
        SourceProblem::HeaderCell { column: c, found } => fill(
            Key::SourceHeaderCell,
            lang,
            &[
                ("index", &n(&(c.index() + 1))),
                ("expected", c.heading()),
                ("found", found),
            ],
        ),
        SourceProblem::HeaderWidth { found } => {
            fill(Key::SourceHeaderWidth, lang, &[("found", &n(found))])
        }
        SourceProblem::RowWidth { row, found } => fill(
            Key::SourceRowWidth,
            lang,
            &[("row", &n(row)), ("found", &n(found))],
        ),
        SourceProblem::NoRows => Key::SourceNoRows.text(lang).to_string(),
        SourceProblem::Artefact { at, kind, count } => {
            let place = match at {
                Place::Title => Key::SourcePlaceTitle.text(lang).to_string(),
                Place::Header(c) => fill(Key::SourcePlaceHeader, lang, &[("column", column(*c))]),
                Place::Cell { row, column: c } => fill(
                    Key::SourcePlaceCell,
                    lang,
                    &[("row", &n(row)), ("column", column(*c))],
                ),
            };
            let kind = match kind {
                ArtefactKind::Bookmark => Key::SourceArtefactBookmark,
                ArtefactKind::FieldCode => Key::SourceArtefactFieldCode,
                ArtefactKind::SoftHyphen => Key::SourceArtefactSoftHyphen,
                ArtefactKind::ZeroWidth => Key::SourceArtefactZeroWidth,
                ArtefactKind::NonBreakingSpace => Key::SourceArtefactNbsp,
                ArtefactKind::ControlCharacter => Key::SourceArtefactControl,
            };
            fill(
                Key::SourceArtefact,
                lang,
                &[
                    ("place", &place),
                    ("count", &n(count)),
                    ("kind", kind.text(lang)),
                ],
            )
        }
        SourceProblem::EmptyCell { row, column: c } => fill(
            Key::SourceEmptyCell,
            lang,
            &[("row", &n(row)), ("column", column(*c))],
        ),
        SourceProblem::NotANumber { row, found } => fill(
            Key::SourceNotANumber,
            lang,
            &[("row", &n(row)), ("found", found)],
        ),
        SourceProblem::RepeatedNumber {
            row,
            number,
            first_row,
        } => fill(
            Key::SourceRepeatedNumber,
            lang,
            &[
                ("row", &n(row)),
                ("number", number),
                ("first", &n(first_row)),
            ],
        ),
        SourceProblem::MissingNumbers { row, from, to } => fill(
            if from == to {
                Key::SourceMissingNumber
            } else {
                Key::SourceMissingNumbers
            },
            lang,
            &[("row", &n(row)), ("from", &n(from)), ("to", &n(to))],
        ),
        SourceProblem::NoUnitInClause { row, clause } => fill(
            Key::SourceNoUnitInClause,
            lang,
            &[("row", &n(row)), ("clause", clause)],
        ),
        SourceProblem::UnknownUnit {
            row,
            column: c,
            name,
        } => fill(
            Key::SourceUnknownUnit,
            lang,
            &[("row", &n(row)), ("column", column(*c)), ("name", name)],
        ),
        SourceProblem::AreaWithoutNumeral { row, heading } => fill(
            Key::SourceAreaWithoutNumeral,
            lang,
            &[("row", &n(row)), ("heading", heading)],
        ),
        SourceProblem::AreaOutOfOrder {
            row,
            heading,
            expected,
        } => fill(
            Key::SourceAreaOutOfOrder,
            lang,
            &[
                ("row", &n(row)),
                ("heading", heading),
                ("expected", &n(expected)),
            ],
        ),
        SourceProblem::AreaWithoutTasks { row, heading } => fill(
            Key::SourceAreaWithoutTasks,
            lang,
            &[("row", &n(row)), ("heading", heading)],
        ),
    }
}

/// "错误" / "Error", "提示" / "Warning".
pub fn source_severity(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => Key::SourceError.text(lang),
        Severity::Warning => Key::SourceWarning.text(lang),
    }
}

/// A calendar date: "2023年11月8日" / "8 Nov 2023".
pub fn format_date(lang: Lang, date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            MONTHS[usize::from(date.month() - 1)],
            date.year()
        ),
    }
}

/// A moment as its author saw it, with the UTC offset it was written in.
///
/// The offset is named only when it is not China's (UTC+08:00, where every device of the
/// district keeps its clock): on every time it says nothing, and once it differs it tells that a
/// device's clock was set to another zone.
pub fn format_stamp(lang: Lang, stamp: Stamp) -> String {
    let moment = format!(
        "{} {}",
        format_date(lang, stamp.local_date()),
        stamp.local_time()
    );
    if stamp.offset_minutes == CHINA_OFFSET_MINUTES {
        moment
    } else {
        format!("{moment} (UTC{})", stamp.offset_text())
    }
}

/// China Standard Time, UTC+08:00, in minutes.
pub const CHINA_OFFSET_MINUTES: i16 = 480;

/// `value` rounded to at most `places` decimals, without trailing zeros, written with integer
/// arithmetic: core's float formatting would add about 7 KB (brotli) to the WebAssembly.
/// `None` for a non-finite value or when `value × 10^places` is 2⁶³ or more in size.
pub fn decimal(value: f64, places: u32) -> Option<String> {
    let unit = 10u64.pow(places);
    let scaled = (value * unit as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 9.223_372_036_854_775e18 {
        return None;
    }
    // Zero has one spelling: `-0` would read as text to some readers.
    let sign = if scaled < 0.0 { "-" } else { "" };
    let scaled = (scaled as i64).unsigned_abs();
    let (whole, mut fraction) = (scaled / unit, scaled % unit);
    if fraction == 0 {
        return Some(format!("{sign}{whole}"));
    }
    let mut digits = places as usize;
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    Some(format!("{sign}{whole}.{fraction:0digits$}"))
}

/// A figure with thousands separators and at most two decimals: 86,400 · 4.7 · 99.25.
pub fn format_number(value: f64) -> String {
    let Some(text) = decimal(value, 2) else {
        return String::new();
    };
    let (sign, digits) = match text.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let mut grouped = String::from(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

/// A figure as people type it: digits with an optional sign, decimal point and thousands
/// commas ("86,400", "4.7", ".5"). Written by hand because `str::parse::<f64>` brings a
/// 10 KB table into the wasm; exact (correctly rounded) up to 15 significant digits.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut mantissa: u64 = 0;
    let mut scale: i32 = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => {
                seen_digit = true;
                if mantissa < 1_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c as u8 - b'0');
                    if seen_point {
                        scale += 1;
                    }
                } else if !seen_point {
                    scale -= 1;
                }
            }
            '.' if !seen_point => seen_point = true,
            ',' if !seen_point => {}
            _ => return None,
        }
    }
    if !seen_digit {
        return None;
    }
    let value = if scale >= 0 {
        mantissa as f64 / 10f64.powi(scale)
    } else {
        mantissa as f64 * 10f64.powi(-scale)
    };
    Some(if negative { -value } else { value })
}

/// A percentage rounded to a whole number, without the `%` sign.
pub fn format_percent(value: f64) -> String {
    decimal(value, 0).unwrap_or_default()
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn fill(key: Key, lang: Lang, values: &[(&str, &str)]) -> String {
    let mut text = key.text(lang).to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// Why a record was refused (on this device or in a received file), in `lang`.
pub fn problem_text(lang: Lang, problem: &crate::ledger::event::EventProblem) -> String {
    use crate::ledger::event::{EventProblem, TextField, code};
    let field = |f: &TextField| match f {
        TextField::Author => Key::FieldAuthor,
        TextField::Reason => Key::FieldReason,
        TextField::Note => Key::FieldNote,
        TextField::Reply => Key::FieldReply,
        // rhythm-a (issue 20).
        TextField::Measures => Key::FieldMeasures,
        TextField::Results => Key::FieldResults,
        TextField::StepWhat => Key::FieldStepWhat,
        TextField::Person => Key::FieldPerson,
        TextField::ContactName => Key::FieldContactName,
        TextField::ContactPost => Key::FieldContactPost,
        TextField::RoundTitle => Key::FieldRoundTitle,
        TextField::Summary => Key::FieldSummary,
    };
    let with = |key: Key, f: &TextField, c: Option<&char>| {
        let name = field(f).text(lang);
        let c = c.map(|c| code(*c)).unwrap_or_default();
        fill(key, lang, &[("field", name), ("char", &c)])
    };
    match problem {
        EventProblem::UnknownTask(n) => {
            fill(Key::ProblemUnknownTask, lang, &[("task", &n.to_string())])
        }
        EventProblem::GroupAsAuthor(unit) => {
            fill(Key::ProblemGroupAsAuthor, lang, &[("unit", unit.name())])
        }
        EventProblem::EmptyText { field } => with(Key::ProblemEmpty, field, None),
        EventProblem::InvisibleOnly { field, character } => {
            with(Key::ProblemInvisibleOnly, field, Some(character))
        }
        EventProblem::ControlCharacter { field, character } => {
            with(Key::ProblemControl, field, Some(character))
        }
        EventProblem::BidiControl { field, character } => {
            with(Key::ProblemBidi, field, Some(character))
        }
        EventProblem::TooLong { field: f, max } => fill(
            Key::ProblemTooLong,
            lang,
            &[("field", field(f).text(lang)), ("max", &max.to_string())],
        ),
        EventProblem::BlockedWithoutReason => Key::ReasonRequired.text(lang).to_string(),
        EventProblem::ReasonWithoutBlock => Key::ProblemReasonWithoutBlock.text(lang).to_string(),
        EventProblem::UnknownTarget(target) => {
            fill(Key::ProblemUnknownTarget, lang, &[("target", target)])
        }
        EventProblem::BadFigure => Key::FigureOutOfRange.text(lang).to_string(),
        EventProblem::NotOwnRecord(_) => Key::NotOwnNote.text(lang).to_string(),
        EventProblem::NoUnitChosen => Key::PickUnitToRecord.text(lang).to_string(),
        EventProblem::WorkDateInFuture => Key::WorkDateInFuture.text(lang).to_string(),
        EventProblem::WorkDateNotAllowed => Key::WorkDateNotAllowed.text(lang).to_string(),
        EventProblem::CoordinationNotByOffice => fill(
            Key::ProblemCoordinationNotByOffice,
            lang,
            &[("office", crate::plan::UnitId::coordinator().name())],
        ),
        EventProblem::CoordinationGroup(unit) => fill(
            Key::ProblemCoordinationGroup,
            lang,
            &[("unit", unit.name())],
        ),
        EventProblem::CoordinationUnitNotOnTask(unit) => fill(
            Key::ProblemCoordinationUnitNotOnTask,
            lang,
            &[("unit", unit.name())],
        ),
        EventProblem::DueInPast => Key::ProblemDueInPast.text(lang).to_string(),
        // rhythm-b
        EventProblem::MeetingInFuture => Key::ProblemMeetingInFuture.text(lang).to_string(),
        EventProblem::SummaryUnitNotOnTask => {
            Key::ProblemSummaryUnitNotOnTask.text(lang).to_string()
        }
        EventProblem::AttachmentsNotAllowed => {
            Key::ProblemAttachmentsNotAllowed.text(lang).to_string()
        }
        EventProblem::TooManyAttachments { max } => fill(
            Key::ProblemTooManyAttachments,
            lang,
            &[("max", &max.to_string())],
        ),
        EventProblem::AttachmentTwice { index } => fill(
            Key::ProblemAttachmentTwice,
            lang,
            &[("n", &(index + 1).to_string())],
        ),
        EventProblem::Attachment { index, problem } => fill(
            Key::ProblemAttachment,
            lang,
            &[
                ("n", &(index + 1).to_string()),
                ("why", &attachment_problem_text(lang, problem)),
            ],
        ),
        // rhythm-a (issue 20).
        EventProblem::WrongTaskForKind => Key::ProblemWrongTaskForKind.text(lang).to_string(),
        EventProblem::UnitNotOnTask => Key::ProblemUnitNotOnTask.text(lang).to_string(),
        EventProblem::EmptyImplementation => Key::ProblemEmptyImplementation.text(lang).to_string(),
        EventProblem::StepOutsideYear { year } => fill(
            Key::ProblemStepOutsideYear,
            lang,
            &[("year", &year.to_string())],
        ),
        EventProblem::BadPhone => Key::ProblemBadPhone.text(lang).to_string(),
        EventProblem::NotByOffice => fill(
            Key::ProblemNotByOffice,
            lang,
            &[("office", crate::plan::UnitId::coordinator().name())],
        ),
        EventProblem::SubmittedByOffice => fill(
            Key::ProblemSubmittedByOffice,
            lang,
            &[("office", crate::plan::UnitId::coordinator().name())],
        ),
        EventProblem::RoundTitle => Key::ProblemRoundTitle.text(lang).to_string(),
        EventProblem::RoundNotWithdrawable => {
            Key::ProblemRoundNotWithdrawable.text(lang).to_string()
        }
        EventProblem::ReturnedToWhom(unit) => {
            fill(Key::ProblemReturnedToWhom, lang, &[("unit", unit.name())])
        }
    }
}

/// What a kind of file is called (图片, PDF 文档, Word 文档 …).
pub fn family_key(family: crate::ledger::attachment::Family) -> Key {
    use crate::ledger::attachment::Family;
    match family {
        Family::Image => Key::FamilyImage,
        Family::Pdf => Key::FamilyPdf,
        Family::Word => Key::FamilyWord,
        Family::Excel => Key::FamilyExcel,
        Family::Ofd => Key::FamilyOfd,
    }
}

/// Why an attached file's description breaks a rule, in `lang`.
pub fn attachment_problem_text(
    lang: Lang,
    problem: &crate::ledger::attachment::AttachmentProblem,
) -> String {
    use crate::ledger::attachment::AttachmentProblem as P;
    let character = |c: &char| crate::ledger::event::code(*c);
    match problem {
        P::NameEmpty => Key::AttachNameEmpty.text(lang).to_string(),
        P::NameTooLong { max } => fill(Key::AttachNameTooLong, lang, &[("max", &max.to_string())]),
        P::NamePath => Key::AttachNamePath.text(lang).to_string(),
        P::NameDots => Key::AttachNameDots.text(lang).to_string(),
        P::NameControl { character: c } => {
            fill(Key::AttachNameControl, lang, &[("char", &character(c))])
        }
        P::NameBidi { character: c } => fill(Key::AttachNameBidi, lang, &[("char", &character(c))]),
        P::NameSpace => Key::AttachNameSpace.text(lang).to_string(),
        P::NameExtension { kind } => fill(
            Key::AttachNameExtension,
            lang,
            &[
                ("kind", family_key(kind.family()).text(lang)),
                ("ext", kind.extensions()[0]),
            ],
        ),
        P::Empty => Key::AttachEmpty.text(lang).to_string(),
        P::TooLarge { max } => fill(
            Key::AttachTooLarge,
            lang,
            &[("max", &(max / (1024 * 1024)).to_string())],
        ),
    }
}

/// A file size as people read it: `812 B`, `312 KB`, `4.1 MB` (1 KB = 1024 bytes).
pub fn format_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        let tenths = (bytes * 10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

// ---- rhythm-a (issue 20): rounds, submission states, step problems, the 催报 text. ----

/// A round's name: 落实方案, 年度总结, or the office's title.
pub fn round_name(lang: Lang, round: &crate::ledger::rounds::Round) -> String {
    use crate::ledger::RoundRef;
    match (round.round, &round.title) {
        (RoundRef::Plan, _) => Key::RoundPlan.text(lang).to_string(),
        (RoundRef::Summary, _) => Key::RoundSummary.text(lang).to_string(),
        (RoundRef::Office(_), Some(title)) => title.clone(),
        (RoundRef::Office(_), None) => String::new(),
    }
}

/// A round's due date in words ("2026年3月31日前", or 未设截止日期).
pub fn round_due(lang: Lang, round: &crate::ledger::rounds::Round) -> String {
    match round.due {
        Some(date) => fill(Key::RoundDue, lang, &[("date", &format_date(lang, date))]),
        None => Key::RoundNoDue.text(lang).to_string(),
    }
}

/// Where a unit stands in a round, in words (已提交（2026年3月2日）…).
pub fn submission_state(lang: Lang, state: &crate::ledger::rounds::State) -> String {
    use crate::ledger::rounds::State;
    match state {
        State::NotStarted => Key::StateNotStarted.text(lang).to_string(),
        State::Draft => Key::StateDraft.text(lang).to_string(),
        State::Submitted { at, .. } => fill(
            Key::StateSubmitted,
            lang,
            &[("date", &format_date(lang, at.local_date()))],
        ),
        State::Revised { at, .. } => fill(
            Key::StateRevised,
            lang,
            &[("date", &format_date(lang, at.local_date()))],
        ),
        State::Returned { reason, .. } => fill(Key::StateReturned, lang, &[("reason", reason)]),
    }
}

/// Why a step as typed was not recorded.
pub fn step_problem(lang: Lang, problem: &crate::ledger::implementation::StepProblem) -> String {
    use crate::ledger::implementation::StepProblem;
    match problem {
        StepProblem::NoWhat => Key::StepNoWhat.text(lang).to_string(),
        StepProblem::NoDate => Key::StepNoDate.text(lang).to_string(),
        StepProblem::BadDate => Key::StepBadDate.text(lang).to_string(),
        StepProblem::NoPerson => Key::StepNoPerson.text(lang).to_string(),
        StepProblem::Record(problem) => problem_text(lang, problem),
    }
}

/// The 催报 text for `round`: the units that have not submitted, each with where it stands and
/// its contact, and the due date; ready to copy into a message or a 通知.
pub fn reminder_text(
    lang: Lang,
    round: &crate::ledger::rounds::Round,
    missing: &[(
        crate::plan::UnitId,
        crate::ledger::rounds::State,
        Option<crate::ledger::implementation::Contact>,
    )],
) -> String {
    let name = round_name(lang, round);
    let office = crate::plan::UnitId::coordinator().name();
    if missing.is_empty() {
        return fill(Key::ReminderNone, lang, &[("round", &name)]);
    }
    let due = round_due(lang, round);
    let mut lines = vec![
        fill(Key::ReminderHeading, lang, &[("round", &name)]),
        fill(
            Key::ReminderIntro,
            lang,
            &[
                ("n", &missing.len().to_string()),
                ("office", office),
                ("round", &name),
                ("due", &due),
            ],
        ),
    ];
    for (n, (unit, state, contact)) in missing.iter().enumerate() {
        let mut line = fill(
            Key::ReminderLine,
            lang,
            &[
                ("n", &(n + 1).to_string()),
                ("unit", unit.name()),
                ("state", &submission_state(lang, state)),
            ],
        );
        line.push_str(match lang {
            Lang::Zh => "，",
            Lang::En => ", ",
        });
        line.push_str(&match contact {
            Some(c) => {
                let post = if c.post.is_empty() {
                    String::new()
                } else {
                    match lang {
                        Lang::Zh => format!("（{}）", c.post),
                        Lang::En => format!(" ({})", c.post),
                    }
                };
                fill(
                    Key::ReminderContact,
                    lang,
                    &[("name", &c.name), ("post", &post), ("phone", &c.phone)],
                )
            }
            None => Key::ReminderNoContact.text(lang).to_string(),
        });
        lines.push(line);
    }
    lines.push(match round.due {
        Some(_) => fill(
            Key::ReminderClose,
            lang,
            &[("due", &due), ("office", office)],
        ),
        None => fill(Key::ReminderCloseNoDue, lang, &[("office", office)]),
    });
    lines.join("\n")
}

// ---- rhythm-c (issue 20 §2): a unit's state in a round, in a word or two. ----

/// Where a unit stands in a round, short enough for a column header: 未开始, 草稿,
/// 已提交 MM-DD, 已修改 (after submitting), 已退回.
pub fn submission_state_short(lang: Lang, state: &crate::ledger::rounds::State) -> String {
    use crate::ledger::rounds::State;
    match state {
        State::NotStarted => Key::StateNotStarted.text(lang).to_string(),
        State::Draft => Key::StateDraft.text(lang).to_string(),
        State::Submitted { at, .. } => {
            let d = at.local_date();
            let date = format!("{:02}-{:02}", d.month(), d.day());
            fill(Key::StateShortSubmitted, lang, &[("date", &date)])
        }
        State::Revised { .. } => Key::StateShortRevised.text(lang).to_string(),
        State::Returned { .. } => Key::StateShortReturned.text(lang).to_string(),
    }
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
    fn numbers_and_dates_read_naturally() {
        assert_eq!(format_number(86_400.0), "86,400");
        assert_eq!(format_number(4.7), "4.7");
        assert_eq!(format_number(1_234_567.891), "1,234,567.89");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(-1500.5), "-1,500.5");
        assert_eq!(format_number(99.999), "100");
        assert_eq!(format_percent(46.5), "47");
        assert_eq!(parse_number("86,400"), Some(86_400.0));
        assert_eq!(parse_number(" 4.7 "), Some(4.7));
        assert_eq!(parse_number("0.1"), Some(0.1));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("-1500.25"), Some(-1500.25));
        assert_eq!(parse_number("99.999"), Some(99.999));
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("."), None);
        let date = Date::new(2023, 11, 8).unwrap();
        assert_eq!(format_date(Lang::Zh, date), "2023年11月8日");
        assert_eq!(format_date(Lang::En, date), "8 Nov 2023");
        let stamp = Stamp::parse("2023-11-08T10:15:00+08:00").unwrap();
        assert_eq!(format_stamp(Lang::Zh, stamp), "2023年11月8日 10:15");
        let elsewhere = Stamp::parse("2023-11-08T02:15:00+00:00").unwrap();
        assert_eq!(
            format_stamp(Lang::Zh, elsewhere),
            "2023年11月8日 02:15 (UTC+00:00)"
        );
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
