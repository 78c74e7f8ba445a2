package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/ui/i18n"
)

// keyMap is every key of the program, in one place. Screens pick theirs for the hint line
// (ShortHelp) and the full help (FullHelp).
type keyMap struct {
	// Everywhere (unless a text field has focus).
	Quit, Help, NextTab, PrevTab key.Binding
	Tab                          [5]key.Binding

	// Lists.
	Up, Down, Left, Right, Today, Top, Bottom key.Binding

	// Activities.
	New, Open, Done, Postpone, Cancel, Delete, Undo, Filter, Preset, Month, Clear key.Binding
	Observe                                                                       key.Binding // record an observation of the activity
	Record                                                                        key.Binding // record what the activity left behind (活动留痕)
	Types                                                                         key.Binding // the activity types
	Retire                                                                        key.Binding // a type or rubric, in its list
	NewTerm                                                                       key.Binding // start the next term
	SwitchTerm                                                                    key.Binding // show another term

	// People.
	Deactivate, NewSchool, Find key.Binding

	// Observations: the rubric new observations are scored with.
	Rubric key.Binding

	// Mentoring: add guidance or a pair, edit the chosen pair or entry, move into and out of
	// the guidance log.
	NewGuidance, NewPair, Edit, IntoLog, OutOfLog key.Binding

	// Review and exchange.
	Section, Cycle, Sort, Export, Detail, Back, First, Last, ExchangeOut, ExchangeIn key.Binding

	// Hand-ins (师徒, 考核): record one, see a teacher's register, mark one checked. The
	// review's rules (考核细则), a quota up or down in place, and the report that goes up.
	Handin, Handins, Check, Targets, More, Less, Report, WriteReport key.Binding

	// Forms, pickers and the input line. NewLine starts a line in a text pane where enter
	// moves on; its help names shift+enter once the terminal tells it apart from enter.
	Save, Leave, Submit, NextField, PrevField, Toggle, NewLine key.Binding
	GradeMode                                                  key.Binding // scores or grades only, in the rubric
	Restore, Discard, Later                                    key.Binding // the drafts offered at start
	AddRow, DeleteRow                                          key.Binding // a rubric's dimensions

	// For the hint line: the arrows collapsed, the tabs and the People panes; done, the
	// review's sections and grade, and a quota's +/- in fewer words.
	upDown, leftRight, tabs, panes, done, sections, grade, quota key.Binding
}

var (
	hQuit       = i18n.Msg{Zh: "退出", En: "quit"}
	hHelp       = i18n.Msg{Zh: "帮助", En: "help"}
	hNextTab    = i18n.Msg{Zh: "下一页", En: "next screen"}
	hPrevTab    = i18n.Msg{Zh: "上一页", En: "previous screen"}
	hScreens    = i18n.Msg{Zh: "切换页面", En: "screens"}
	hUpDown     = i18n.Msg{Zh: "上下", En: "up/down"}
	hUp         = i18n.Msg{Zh: "上移", En: "up"}
	hDown       = i18n.Msg{Zh: "下移", En: "down"}
	hPrevWeek   = i18n.Msg{Zh: "上一周", En: "previous week"}
	hNextWeek   = i18n.Msg{Zh: "下一周", En: "next week"}
	hWeeks      = i18n.Msg{Zh: "换周", En: "week"}
	hToday      = i18n.Msg{Zh: "本周", En: "today"}
	hTop        = i18n.Msg{Zh: "第一周", En: "first week"}
	hBottom     = i18n.Msg{Zh: "最后一周", En: "last week"}
	hNew        = i18n.Msg{Zh: "新建", En: "new"}
	hOpen       = i18n.Msg{Zh: "打开", En: "open"}
	hDone       = i18n.Msg{Zh: "完成/取消完成", En: "done/undone"}
	hPostpone   = i18n.Msg{Zh: "延期", En: "postpone"}
	hNewTerm    = i18n.Msg{Zh: "开始新学期", En: "start a new term"}
	hSwitchTerm = i18n.Msg{Zh: "切换学期", En: "switch term"}
	hCancel     = i18n.Msg{Zh: "取消活动", En: "cancel activity"}
	hDelete     = i18n.Msg{Zh: "删除", En: "delete"}
	hObserve    = i18n.Msg{Zh: "记听课", En: "observe"}
	hRecord     = i18n.Msg{Zh: "活动留痕", En: "record"}
	hTypes      = i18n.Msg{Zh: "活动类型", En: "activity types"}
	hRetire     = i18n.Msg{Zh: "停用/恢复", En: "retire/reinstate"}
	hUndo       = i18n.Msg{Zh: "撤销", En: "undo"}
	hFilter     = i18n.Msg{Zh: "筛选", En: "filter"}
	hPreset     = i18n.Msg{Zh: "筛选条件", En: "filter presets"}
	hMonth      = i18n.Msg{Zh: "按周/按月", En: "weeks/months"}
	hClear      = i18n.Msg{Zh: "清除筛选", En: "clear filter"}
	hDeactivate = i18n.Msg{Zh: "停用/启用", En: "deactivate/activate"}
	hNewSchool  = i18n.Msg{Zh: "新建学校", En: "new school"}
	hFind       = i18n.Msg{Zh: "查找教师", En: "find teacher"}
	hEdit       = i18n.Msg{Zh: "修改", En: "edit"}
	hIntoLog    = i18n.Msg{Zh: "指导记录", En: "log"}
	hOutOfLog   = i18n.Msg{Zh: "回到结对", En: "pairs"}
	hSave       = i18n.Msg{Zh: "保存", En: "save"}
	hLeave      = i18n.Msg{Zh: "离开", En: "leave"}
	hSubmit     = i18n.Msg{Zh: "确定", En: "confirm"}
	hNextField  = i18n.Msg{Zh: "下一项", En: "next field"}
	hPrevField  = i18n.Msg{Zh: "上一项", En: "previous field"}
	hToggle     = i18n.Msg{Zh: "选择", En: "choose"}
	hNewLine    = i18n.Msg{Zh: "换行", En: "new line"}
	hPanes      = i18n.Msg{Zh: "学校/结对/教师", En: "schools/pairs/teachers"}
	hSection    = i18n.Msg{Zh: "师徒/教师/学校/活动", En: "pairs/teachers/schools/activities"}
	hCycle      = i18n.Msg{Zh: "改学期评定", En: "change the grade"}
	hSort       = i18n.Msg{Zh: "排序", En: "sort"}
	hExport     = i18n.Msg{Zh: "导出", En: "export"}
	hDetail     = i18n.Msg{Zh: "明细", En: "records"}
	hBack       = i18n.Msg{Zh: "返回", En: "back"}
	hFirst      = i18n.Msg{Zh: "顶部", En: "top"}
	hLast       = i18n.Msg{Zh: "底部", En: "bottom"}
	hExchOut    = i18n.Msg{Zh: "交换导出", En: "exchange: export"}
	hExchIn     = i18n.Msg{Zh: "交换导入", En: "exchange: import"}
	hRubric     = i18n.Msg{Zh: "评课量表", En: "rubric"}
	hGuidance   = i18n.Msg{Zh: "新增指导", En: "add guidance"}
	hPair       = i18n.Msg{Zh: "新增结对", En: "add a pair"}
	hGradeMode  = i18n.Msg{Zh: "等级/分数", En: "grades/points"}
	hAddRow     = i18n.Msg{Zh: "加一行", En: "add a row"}
	hDeleteRow  = i18n.Msg{Zh: "删本行", En: "delete the row"}
	hHandin     = i18n.Msg{Zh: "交材料", En: "hand-in"}
	hHandins    = i18n.Msg{Zh: "材料台账", En: "hand-ins"}
	hCheck      = i18n.Msg{Zh: "查阅", En: "check"}
	hTargets    = i18n.Msg{Zh: "考核细则", En: "rules"}
	hMore       = i18n.Msg{Zh: "要求+1", En: "quota+1"}
	hLess       = i18n.Msg{Zh: "要求-1", En: "quota-1"}
	hReport     = i18n.Msg{Zh: "上报材料", En: "report"}
	hWriteRep   = i18n.Msg{Zh: "写出上报材料", En: "write the report"}
	hDoneShort  = i18n.Msg{Zh: "完成", En: "done"}
	hSections   = i18n.Msg{Zh: "换栏目", En: "sections"}
	hGrade      = i18n.Msg{Zh: "评定", En: "grade"}
	hQuota      = i18n.Msg{Zh: "改要求", En: "quota"}
)

// newKeys builds the keys with their help in language l; ascii spells the arrows out, for
// terminals that draw arrows two cells wide.
func newKeys(l i18n.Lang, ascii bool) keyMap {
	b := func(m i18n.Msg, help string, keys ...string) key.Binding {
		if ascii {
			help = asciiArrows.Replace(help)
		}
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.T(m)))
	}
	k := keyMap{
		Quit:    b(hQuit, "q", "q", "ctrl+c"),
		Help:    b(hHelp, "?", "?"),
		NextTab: b(hNextTab, "tab", "tab"),
		PrevTab: b(hPrevTab, "shift+tab", "shift+tab"),

		Up:     b(hUp, "↑/k", "up", "k"),
		Down:   b(hDown, "↓/j", "down", "j"),
		Left:   b(hPrevWeek, "←/h", "left", "h"),
		Right:  b(hNextWeek, "→/l", "right", "l"),
		Today:  b(hToday, "t", "t"),
		Top:    b(hTop, "g", "g", "home"),
		Bottom: b(hBottom, "G", "G", "end"),

		New:        b(hNew, "n", "n"),
		Open:       b(hOpen, "enter", "enter"),
		Done:       b(hDone, "space/x", "space", "x"),
		Postpone:   b(hPostpone, "p", "p"),
		Cancel:     b(hCancel, "c", "c"),
		Delete:     b(hDelete, "d", "d"),
		Observe:    b(hObserve, "o", "o"),
		Record:     b(hRecord, "r", "r"),
		Types:      b(hTypes, "y", "y"),
		Retire:     b(hRetire, "x", "x"),
		NewTerm:    b(hNewTerm, "T", "T"),
		SwitchTerm: b(hSwitchTerm, "S", "S"),
		Undo:       b(hUndo, "u", "u"),
		Filter:     b(hFilter, "/", "/"),
		Preset:     b(hPreset, "f", "f"),
		Month:      b(hMonth, "m", "m"),
		Clear:      b(hClear, "esc", "esc"),

		Deactivate: b(hDeactivate, "x", "x"),
		NewSchool:  b(hNewSchool, "N", "N"),
		Find:       b(hFind, "/", "/"),

		Rubric: b(hRubric, "r", "r"),

		NewGuidance: b(hGuidance, "n", "n"),
		NewPair:     b(hPair, "a", "a"),
		Edit:        b(hEdit, "enter", "enter"),
		IntoLog:     b(hIntoLog, "→/l", "right", "l"),
		OutOfLog:    b(hOutOfLog, "←/esc", "left", "h", "esc"),

		Section:     b(hSection, "←→/hl", "left", "right", "h", "l"),
		Cycle:       b(hCycle, "space/x", "space", "x"),
		Sort:        b(hSort, "s", "s"),
		Export:      b(hExport, "e", "e"),
		Detail:      b(hDetail, "enter", "enter"),
		Back:        b(hBack, "esc", "esc"),
		First:       b(hFirst, "g", "g", "home"),
		Last:        b(hLast, "G", "G", "end"),
		ExchangeOut: b(hExchOut, "E", "E"),
		ExchangeIn:  b(hExchIn, "I", "I"),

		Handin:  b(hHandin, "m", "m"),
		Handins: b(hHandins, "M", "M"),
		Check:   b(hCheck, "c", "c"),
		Targets: b(hTargets, "t", "t"),
		More:    b(hMore, "+", "+", "="),
		Less:    b(hLess, "-", "-"),
		Report:  b(hReport, "r", "r"),

		WriteReport: b(hWriteRep, "R", "R"),

		Save:      b(hSave, "ctrl+s", "ctrl+s"),
		Leave:     b(hLeave, "esc", "esc"),
		Submit:    b(hSubmit, "enter", "enter"),
		NextField: b(hNextField, "tab/↓", "tab", "down"),
		PrevField: b(hPrevField, "shift+tab/↑", "shift+tab", "up"),
		Toggle:    b(hToggle, "space", "space"),
		NewLine:   b(hNewLine, "alt+enter", "shift+enter", "alt+enter", "ctrl+j"),
		GradeMode: b(hGradeMode, "ctrl+g", "ctrl+g"),
		Restore:   b(hRestore, "enter", "enter"),
		Discard:   b(hDiscard, "d", "d"),
		Later:     b(hLater, "esc", "esc"),
		AddRow:    b(hAddRow, "ctrl+n", "ctrl+n"),
		DeleteRow: b(hDeleteRow, "ctrl+d", "ctrl+d"),
	}
	for i := range k.Tab {
		n := string(rune('1' + i))
		k.Tab[i] = b(hScreens, n, n)
	}
	k.upDown = b(hUpDown, "↑↓/jk", "up", "down", "j", "k")
	k.leftRight = b(hWeeks, "←→/hl", "left", "right", "h", "l")
	k.tabs = b(hScreens, "1-5", "1", "2", "3", "4", "5")
	k.panes = b(hPanes, "←→", "left", "right", "h", "l")
	k.done = b(hDoneShort, "space/x", "space", "x")
	k.sections = b(hSections, "←→", "left", "right", "h", "l")
	k.grade = b(hGrade, "space", "space", "x")
	k.quota = b(hQuota, "+/-", "+", "=", "-")
	return k
}

var asciiArrows = strings.NewReplacer("↑↓", "up/dn", "←→", "<>", "↑", "up", "↓", "dn", "←", "left", "→", "right")

// global are the keys every screen shares, for the full help.
func (k keyMap) global() []key.Binding {
	return []key.Binding{k.NextTab, k.PrevTab, k.tabs, k.Help, k.Quit}
}

// setNewLine names shift+enter as the new-line key when the terminal reports it apart from
// enter, else alt+enter, which every terminal sends.
func (k *keyMap) setNewLine(shiftEnter bool) {
	help := "alt+enter"
	if shiftEnter {
		help = "shift+enter"
	}
	k.NewLine.SetHelp(help, k.NewLine.Help().Desc)
}

// answerDiscard answers, with a key, the "discard what you typed?" question a form is
// asking: y or enter discards (true), n or esc goes back to the form, and any other key
// leaves the question standing.
func answerDiscard(asking *bool, msg tea.KeyPressMsg) bool {
	switch msg.String() {
	case "y", "Y", "enter":
		*asking = false
		return true
	case "n", "N", "esc":
		*asking = false
	}
	return false
}
