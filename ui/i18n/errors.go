package i18n

import (
	"errors"
	"strings"

	"termbook/store"
)

var (
	msgNotTermbook = Msg{"“%s”不是 termbook 数据文件，没有对它做任何改动。", "%s is not a termbook database; it was left untouched."}
	msgNewer       = Msg{"“%s”由更新版本的 termbook 写入，只能查看，不能修改；请升级 termbook。", "%s was written by a newer termbook: it is open read-only; upgrade termbook to change it."}
	msgReadOnly    = Msg{"数据文件只读，不能保存修改。", "The database is read-only; changes cannot be saved."}
	msgDamaged     = Msg{"数据文件“%s”已损坏；请用 termbook restore 从备份恢复。", "The database %s is damaged; restore it from a backup with termbook restore."}
	msgDamagedNoP  = Msg{"数据文件已损坏；请用 termbook restore 从备份恢复。", "The database is damaged; restore it from a backup with termbook restore."}
	msgBusy        = Msg{"数据文件正被另一个程序占用，请稍后再试。", "Another program is using the database; try again in a moment."}
	msgDiskFull    = Msg{"磁盘已满，修改没有保存；请腾出空间后再试。", "The disk is full; the change was not saved. Free some space and try again."}
	msgIO          = Msg{"读写磁盘出错，修改没有保存；请检查磁盘或 U 盘。", "The disk could not be read or written; the change was not saved. Check the disk or USB stick."}
	msgCantOpen    = Msg{"无法打开或创建数据文件“%s”；请检查路径和权限。", "Cannot open or create the database %s; check the path and permissions."}
	msgNotFound    = Msg{"找不到该记录，它可能已被删除。", "That record does not exist; it may have been deleted."}
	msgConflict    = Msg{"与已有记录冲突（名称重复或仍被引用）。", "That conflicts with an existing record (a duplicate name, or it is still in use)."}
	msgFailed      = Msg{"操作失败：%s", "Failed: %s"}
	msgJoin        = Msg{"；", "; "}
	msgBusyBy      = Msg{"数据文件正被 %s 使用，等了太久没能保存；请稍后再试。", "%s is using the database and the change could not wait; try again in a moment."}
	msgInUse       = Msg{"“%s”正被 %s 使用；它在网络共享或 U 盘上，一次只能一个程序修改，所以现在只能查看。如果那边其实没有在运行 termbook，删除 %s 即可。", "%s is in use by %s; on a network share or USB stick only one program may change it at a time, so it is open read-only. If termbook is not in fact running there, delete %s."}
	msgNoFile      = Msg{"没有数据文件“%s”。", "There is no database at %s."}
	msgOwnFiles    = map[store.Own]Msg{
		store.OwnDatabase:  {"“%s”就是数据文件本身，写入会毁掉全部记录；请换一个文件名。", "%s is the database itself: writing it would destroy every record. Choose another file."},
		store.OwnCompanion: {"“%s”是数据文件旁边它自己的文件（日志或占用记录），写入会损坏数据文件；请换一个文件名。", "%s is one of the database's own files beside it (its journal or holder file): writing it would damage the database. Choose another file."},
		store.OwnBackups:   {"“%s”在数据文件的备份文件夹里，写入可能毁掉备份；请换一个地方。", "%s is in the database's backup folder: writing there could destroy a backup. Choose another place."},
	}
)

// Error turns an error from the store (or wrapping one) into one sentence for people, safe
// to draw on a terminal whatever it echoes of a file or a record (Printable).
func (l Lang) Error(err error) string {
	if err == nil {
		return ""
	}
	return Printable(l.sentence(err))
}

func (l Lang) sentence(err error) string {
	var inv *store.InvalidError
	if errors.As(err, &inv) {
		parts := make([]string, len(inv.Fields))
		for i, f := range inv.Fields {
			if _, ok := fieldNames[inv.Record+"."+f.Field]; ok {
				// The record decides the word: a teacher's name is 姓名, an activity's 标题.
				f.Field = inv.Record + "." + f.Field
			}
			parts[i] = l.Field(f)
		}
		return strings.Join(parts, l.T(msgJoin)) + l.stop()
	}
	var own *store.OwnFileError
	if errors.As(err, &own) {
		return l.T(msgOwnFiles[own.Own], own.Path)
	}
	var fe *store.FileError
	path := ""
	if errors.As(err, &fe) {
		path = fe.Path
	}
	var inUse *store.InUseError
	if errors.As(err, &inUse) {
		if errors.Is(err, store.ErrBusy) {
			return l.T(msgBusyBy, inUse.Holder)
		}
		return l.T(msgInUse, path, inUse.Holder, inUse.File)
	}
	switch {
	case errors.Is(err, store.ErrNotTermbook):
		return l.T(msgNotTermbook, path)
	case errors.Is(err, store.ErrNewerVersion):
		return l.T(msgNewer, path)
	case errors.Is(err, store.ErrDamaged):
		if path != "" {
			return l.T(msgDamaged, path)
		}
		return l.T(msgDamagedNoP)
	case errors.Is(err, store.ErrReadOnly):
		return l.T(msgReadOnly)
	case errors.Is(err, store.ErrBusy):
		return l.T(msgBusy)
	case errors.Is(err, store.ErrDiskFull):
		return l.T(msgDiskFull)
	case errors.Is(err, store.ErrIO):
		return l.T(msgIO)
	case errors.Is(err, store.ErrCantOpen):
		return l.T(msgCantOpen, path)
	case errors.Is(err, store.ErrNotFound) && path != "":
		return l.T(msgNoFile, path)
	case errors.Is(err, store.ErrNotFound):
		return l.T(msgNotFound)
	case errors.Is(err, store.ErrConflict):
		return l.T(msgConflict)
	}
	return l.T(msgFailed, err.Error())
}

func (l Lang) stop() string {
	if l == En {
		return "."
	}
	return "。"
}

var (
	probRequired   = Msg{"“%s”不能为空", "%s is required"}
	probTooLong    = Msg{"“%s”太长（最多 %d 个字）", "%s is too long (at most %d characters)"}
	probTooLongN   = Msg{"“%s”太长（%s 个字，最多 %d 个字）", "%s is too long (%s characters, at most %d)"}
	probRange      = Msg{"“%s”应在 %d 到 %d 之间（现在是 %s）", "%s must be from %d to %d (it is %s)"}
	probRangeMax   = Msg{"“%s”最多 %d 项（现在是 %s）", "%s allows at most %d (it has %s)"}
	probBadDate    = Msg{"“%s”不是有效日期，或不在本学期内：%s", "%s is not a valid date within the term: %s"}
	probBadValue   = Msg{"“%s”的值无效：%s", "%s has an invalid value: %s"}
	probControl    = Msg{"“%s”含有控制字符", "%s contains control characters"}
	probBadText    = Msg{"“%s”不是有效的 UTF-8 文本", "%s is not valid UTF-8 text"}
	probUnknown    = Msg{"“%s”指向的记录不存在", "%s names a record that does not exist"}
	probNotMonday  = Msg{"“%s”必须是星期一：%s", "%s must be a Monday: %s"}
	probSame       = Msg{"“%s”不能与另一方相同", "%s must differ from the other side"}
	probOverlaps   = Msg{"“%s”使本学期与学期“%s”的周重叠", "%s makes the term overlap the term %s"}
	probNotFit     = Msg{"“%s”与“%s”不相配", "%s does not go with %s"}
	probFuture     = Msg{"“%s”是 %s，比本机时钟晚一年以上；请核对两台电脑的日期", "%s is %s, more than a year after this computer's clock; check the date on both computers"}
	probThisMach   = Msg{"“%s”说这条记录是本机修改的，但本机从未发出过它", "%s says this computer made the change, but this computer never sent it"}
	probUnexpected = Msg{"“%s”有误", "%s is wrong"}
	probDuplicate  = Msg{"“%s”重复：已有“%s”", "%s is taken: %s already exists"}
	probInUse      = Msg{"这个%s还用在 %s 项记录上，不能删除，可以停用", "that %s is still used by %s records: retire it instead of deleting it"}
	probRetired    = Msg{"%s“%s”已停用，不能用于新记录", "the %s %s is retired and cannot be used for new records"}
	probBuiltin    = Msg{"%s“%s”是内置的，不能删除，可以改名或停用", "the %s %s is built in: rename or retire it instead of deleting it"}
	probIsDefault  = Msg{"“%s”是默认的评课量表，不能停用或删除；请先把另一个量表设为默认", "%s is the default rubric: make another the default before retiring or deleting it"}
	probMismatch   = Msg{"各维度满分合计 %s，与“%s” %d 不符", "the dimensions' points add up to %s, not to the %s of %d"}
	probOutside    = Msg{"文件“%s”不在数据文件夹 %s 里；请先把它放进去，或用 termbook files add 复制进去", "the file %s is outside the data folder %s: put it there first, or copy it in with termbook files add"}
	probOutsideAny = Msg{"文件“%s”不在数据文件旁的文件夹里", "the file %s is outside the folder beside the database"}
	probNoFile     = Msg{"没有文件“%s”", "there is no file %s"}
)

// Field turns one field error into a clause naming the field in the user's language.
func (l Lang) Field(f store.FieldError) string {
	name := l.FieldName(f.Field)
	switch f.Problem {
	case store.Required:
		return l.T(probRequired, name)
	case store.TooLong:
		if f.Value != "" {
			return l.T(probTooLongN, name, f.Value, f.Max)
		}
		return l.T(probTooLong, name, f.Max)
	case store.OutOfRange:
		if f.Min == 0 && f.Max > 0 && strings.HasPrefix(f.Field, "dimensions") {
			return l.T(probRangeMax, name, f.Max, f.Value)
		}
		return l.T(probRange, name, f.Min, f.Max, f.Value)
	case store.BadDate:
		return l.T(probBadDate, name, f.Value)
	case store.BadValue:
		return l.T(probBadValue, name, f.Value)
	case store.ControlChars:
		return l.T(probControl, name)
	case store.BadText:
		return l.T(probBadText, name)
	case store.Unknown:
		return l.T(probUnknown, name)
	case store.NotMonday:
		return l.T(probNotMonday, name, f.Value)
	case store.Same:
		return l.T(probSame, name)
	case store.Overlaps:
		return l.T(probOverlaps, name, f.Value)
	case store.Duplicate:
		return l.T(probDuplicate, name, f.Value)
	case store.InUse:
		return l.T(probInUse, name, f.Value)
	case store.Retired:
		return l.T(probRetired, name, f.Value)
	case store.IsBuiltin:
		return l.T(probBuiltin, name, f.Value)
	case store.IsDefault:
		return l.T(probIsDefault, f.Value)
	case store.Mismatch:
		return l.T(probMismatch, f.Value, name, f.Max)
	case store.Outside:
		if f.Other != "" {
			return l.T(probOutside, f.Value, f.Other)
		}
		return l.T(probOutsideAny, f.Value)
	case store.NoFile:
		return l.T(probNoFile, f.Value)
	case store.DoesNotFit:
		return l.T(probNotFit, name, l.valueName(f.Value))
	case store.Future:
		return l.T(probFuture, name, f.Value)
	case store.ThisMachine:
		return l.T(probThisMach, name)
	}
	return l.T(probUnexpected, name)
}

// FieldName is a record field's name as a person knows it. A field "score:教学目标" is the
// score of that rubric dimension.
func (l Lang) FieldName(field string) string {
	if dim, ok := strings.CutPrefix(field, "score:"); ok {
		return l.T(Msg{"%s得分", "score for %s"}, dim)
	}
	if m, ok := fieldNames[field]; ok {
		return l.T(m)
	}
	return field
}

// fieldNames names the fields that store validation reports.
var fieldNames = map[string]Msg{
	"teacher.name":  {"姓名", "name"},
	"teacher.title": {"职称", "title"},
	"school.name":   {"校名", "school name"},
	"term.name":     {"学期名称", "term name"},
	"name":          {"名称", "name"},
	"short_name":    {"简称", "short name"},
	"district":      {"区县", "district"},
	"school":        {"学校", "school"},
	"schools":       {"学校", "schools"},
	"teacher":       {"教师", "teacher"},
	"observer":      {"听课人", "observer"},
	"subjects":      {"学科", "subjects"},
	"subject":       {"学科", "subject"},
	"grade":         {"年级", "grade"},
	"title":         {"标题", "title"},
	"term":          {"学期", "term"},
	"week1":         {"第1周的星期一", "Monday of week 1"},
	"weeks":         {"周数", "number of weeks"},
	"week":          {"周次", "week"},
	"from_week":     {"起始周", "first week"},
	"to_week":       {"结束周", "last week"},
	"month":         {"月份", "month"},
	"date":          {"日期", "date"},
	"schedule":      {"时间安排", "schedule"},
	"type":          {"活动类型", "activity type"},
	"host":          {"主讲/执教教师", "host teacher"},
	"place":         {"地点", "place"},
	"time":          {"时间", "time"},
	"status":        {"状态", "status"},
	"done_on":       {"完成日期", "completion date"},
	"note":          {"备注", "note"},
	"reason":        {"原因", "reason"},
	"supporting":    {"支援校", "supporting school"},
	"supported":     {"受援校", "supported school"},
	"agreed_on":     {"协议日期", "agreement date"},
	"cycle_years":   {"帮扶周期（年）", "cycle (years)"},
	"mentor":        {"师傅", "mentor"},
	"mentee":        {"徒弟", "mentee"},
	"mentor_pair":   {"师徒结对", "mentor pair"},
	"goals":         {"目标", "goals"},
	"form":          {"指导形式", "form"},
	"content":       {"指导内容", "content"},
	"reflection":    {"徒弟体会", "mentee's reflection"},
	"observation":   {"听课记录", "observation"},
	"class":         {"班级", "class"},
	"topic":         {"课题", "topic"},
	"lesson_type":   {"课型", "lesson type"},
	"kind":          {"类别", "kind"},
	"period":        {"节次", "period"},
	"scores":        {"评分", "scores"},
	"process":       {"教学过程实录", "lesson record"},
	"comments":      {"随堂点评", "comments"},
	"highlights":    {"亮点", "highlights"},
	"problems":      {"存在问题", "problems"},
	"suggestions":   {"改进建议", "suggestions"},
	"followup":      {"跟进事项", "follow-up action"},
	"followup_due":  {"跟进期限", "follow-up due date"},
	"closed_on":     {"关闭日期", "closing date"},
	"closed_note":   {"关闭说明", "closing note"},
	"dimensions":    {"评价维度", "dimensions"},
	"dimension":     {"维度名称", "dimension name"},
	"max":           {"满分", "maximum points"},
	"bands":         {"等级划分", "grade bands"},
	"band":          {"等级", "grade"},
	"band_min":      {"等级分数线", "grade threshold"},
	"metric":        {"指标", "metric"},
	"scope":         {"范围", "scope"},
	"required":      {"要求数量", "required count"},
	"per":           {"周期", "period"},
	"owner":         {"对象", "owner"},
	"owner_kind":    {"对象类型", "owner kind"},
	"item":          {"考核项", "checklist item"},
	"state":         {"状态", "state"},
	"key":           {"草稿键", "draft key"},
	"payload":       {"草稿内容", "draft content"},
	"name_en":       {"英文名称", "English name"},

	"full":                  {"满分", "full marks"},
	"points":                {"评价要点", "what earns the points"},
	"lesson_no":             {"课时", "lesson of the topic"},
	"unit":                  {"教材/单元", "textbook and unit"},
	"overall":               {"总评", "overall judgement"},
	"attendees":             {"参加人员", "attendees"},
	"chair":                 {"主持人", "chair"},
	"recorder":              {"记录人", "recorder"},
	"minutes":               {"纪要", "minutes"},
	"summary":               {"小结", "summary"},
	"file":                  {"文件", "file"},
	"files":                 {"文件", "files"},
	"caption":               {"文件说明", "file caption"},
	"prep_lead":             {"主备人", "lead preparer"},
	"prep_unit":             {"单元/课题", "unit or lesson"},
	"prep_draft":            {"初案", "first draft"},
	"prep_discussion":       {"讨论意见", "discussion"},
	"prep_revision":         {"复案", "revised plan"},
	"activity_type.name":    {"类型名称", "type name"},
	"activity_type.name_en": {"类型英文名称", "type's English name"},
	"rubric.name":           {"量表名称", "rubric name"},

	// The columns of exchanged records, named where a received value does not fit its column.
	"id":                {"编号", "id"},
	"created_at":        {"创建时间", "time created"},
	"updated_at":        {"修改时间", "time changed"},
	"updated_by":        {"修改者", "changed by"},
	"deleted_at":        {"删除时间", "time deleted"},
	"active":            {"在用标记", "active flag"},
	"pinyin":            {"拼音", "pinyin"},
	"initials":          {"拼音首字母", "pinyin initials"},
	"code":              {"代码", "code"},
	"position":          {"排列顺序", "position"},
	"spec":              {"量表内容", "rubric content"},
	"is_default":        {"默认标记", "default flag"},
	"rubric":            {"评课量表", "rubric"},
	"grade_only":        {"只评等级标记", "grades-only flag"},
	"total":             {"总分", "total"},
	"observation.grade": {"等级", "grade"},
	"term_grade.grade":  {"学期等级", "term grade"},
	"first_day":         {"起始日", "first day"},
	"last_day":          {"结束日", "last day"},
	"series_id":         {"每周重复系列", "weekly series"},
	"class_name":        {"班级", "class"},
	"observed_on":       {"听课日期", "date observed"},
	"on_date":           {"日期", "date"},
	"given_on":          {"指导日期", "date given"},
	"handed_on":         {"上交日期", "date handed in"},
	"due_on":            {"跟进期限", "follow-up due date"},
	"at_time":           {"时间", "time"},
	"sched":             {"安排方式", "schedule kind"},
	"move.schedule":     {"原安排方式", "former schedule"},
	"move.date":         {"原日期", "former date"},
	"move.week":         {"原周次", "former week"},
	"move.month":        {"原月份", "former month"},
	"from_sched":        {"原安排方式", "former schedule kind"},
	"from_date":         {"原日期", "former date"},
	"move.from_week":    {"原周次", "former week"},
	"from_month":        {"原月份", "former month"},
	"action":            {"跟进事项", "follow-up action"},
	"school_id":         {"学校", "school"},
	"teacher_id":        {"教师", "teacher"},
	"observer_id":       {"听课人", "observer"},
	"term_id":           {"学期", "term"},
	"type_id":           {"活动类型", "activity type"},
	"host_id":           {"主讲/执教教师", "host teacher"},
	"activity_id":       {"活动", "activity"},
	"activity":          {"活动", "activity"},
	"mentor_pair_id":    {"师徒结对", "mentor pair"},
	"observation_id":    {"听课记录", "observation"},
	"mentor_id":         {"师傅", "mentor"},
	"mentee_id":         {"徒弟", "mentee"},
	"supporting_id":     {"支援校", "supporting school"},
	"supported_id":      {"受援校", "supported school"},
	"owner_id":          {"对象", "owner"},
	"chair_id":          {"主持人", "chair"},
	"recorder_id":       {"记录人", "recorder"},
	"prep_lead_id":      {"主备人", "lead preparer"},
	"rubric_ref":        {"所选评课量表", "rubric picked"},

	// The hand-ins, the review's rules and the report.
	"rank":             {"职称", "professional rank"},
	"post":             {"职务", "post"},
	"honour":           {"荣誉/骨干级别", "honour"},
	"checked_by":       {"查阅人", "checked by"},
	"checked_on":       {"查阅日期", "date checked"},
	"comment":          {"评语", "comment"},
	"checklist":        {"考核项归属", "checklist"},
	"handin.title":     {"材料名称", "title"},
	"handin.grade":     {"等次", "grade"},
	"handin.kind":      {"材料类别", "kind of material"},
	"handin_kind.name": {"类别名称", "kind name"},
	"target.title":     {"指标名称", "target name"},
	"target.kind":      {"材料类别", "kind of material"},
	"target.type":      {"活动类型", "activity type"},
	"applies_to":       {"适用对象", "applies to"},
	"counts":           {"统计内容", "what is counted"},
	"both_schools":     {"须两校参加", "both schools"},
	"make_up":          {"允许补足", "making up"},
	"weight":           {"权重", "weight"},
	"weights":          {"权重合计", "the weights together"},
	"report.unit":      {"单位", "unit"},
	"filled_by":        {"填报人", "filled in by"},
	"approved_by":      {"审核人", "approved by"},
	"report.date":      {"日期", "date"},
	"progress":         {"开展情况", "progress"},
	"results":          {"主要成效", "results"},
	"plans":            {"下步打算", "next steps"},
	"report.problems":  {"存在问题", "problems"},
	"kind_id":          {"材料类别", "kind of material"},
	"school_year":      {"学年", "school year"},
	"dated":            {"日期", "date"},
}

// valueWords name the values a field error may carry: a scope, a period, what is counted.
var valueWords = map[string]Msg{
	"mentor_pair":           {"师徒结对", "a mentor pair"},
	"teacher":               {"教师", "a teacher"},
	"school_pair":           {"校际结对", "a school pair"},
	"term":                  {"每学期", "per term"},
	"year":                  {"每学年", "per school year"},
	"month":                 {"每月", "per month"},
	"two_weeks":             {"每两周", "per two weeks"},
	"observations_made":     {"听课", "observations made"},
	"observations_received": {"上课被听", "lessons observed"},
	"observes_mentor":       {"听师傅课", "observing the mentor"},
	"guidance":              {"指导记录", "guidance entries"},
	"handins":               {"上交材料", "hand-ins"},
	"activities":            {"活动", "activities"},
}

// valueName is a field error's value as people call it.
func (l Lang) valueName(v string) string {
	if m, ok := valueWords[v]; ok {
		return l.T(m)
	}
	return v
}
