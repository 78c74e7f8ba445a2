package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgUsageTypes   = i18n.Msg{Zh: "[list|add|rename|retire|reinstate|delete] 名称 …    活动类型：列出、添加（可带英文名）、改名、停用、恢复；只能删除本校添加且没用过的类型", En: "[list|add|rename|retire|reinstate|delete] NAME …    activity types: list, add (with --en NAME), rename, retire, reinstate; only the school's own unused types can be deleted"}
	msgFlagTypeEn   = i18n.Msg{Zh: "英文名称", En: "the English name"}
	msgTypesWhat    = i18n.Msg{Zh: "用法：termbook types [list] | add 名称 | rename 名称 新名称 | retire 名称 | reinstate 名称 | delete 名称", En: "Usage: termbook types [list] | add NAME | rename NAME NEW | retire NAME | reinstate NAME | delete NAME"}
	msgNoSuchType   = i18n.Msg{Zh: "没有名为“%s”的活动类型。", En: "There is no activity type named %s."}
	msgTypeAdded    = i18n.Msg{Zh: "已添加活动类型“%s”。", En: "Activity type %s added."}
	msgTypeRenamed  = i18n.Msg{Zh: "活动类型“%s”已改名为“%s”。", En: "Activity type %s is now %s."}
	msgTypeRetired  = i18n.Msg{Zh: "活动类型“%s”已停用：原有活动保留它，新活动不再使用。", En: "Activity type %s is retired: activities that have it keep it, new ones cannot take it."}
	msgTypeBack     = i18n.Msg{Zh: "活动类型“%s”已恢复使用。", En: "Activity type %s is in use again."}
	msgTypeDeleted  = i18n.Msg{Zh: "已删除活动类型“%s”。", En: "Activity type %s deleted."}
	msgColTypeName  = i18n.Msg{Zh: "名称", En: "Name"}
	msgColTypeEn    = i18n.Msg{Zh: "英文名称", En: "English name"}
	msgColTypeState = i18n.Msg{Zh: "状态", En: "State"}
	msgTypeBuiltin  = i18n.Msg{Zh: "内置", En: "built in"}
	msgTypeOwn      = i18n.Msg{Zh: "本校添加", En: "the school's own"}
	msgTypeOff      = i18n.Msg{Zh: "已停用", En: "retired"}
)

// runTypes lists and edits the activity types: `termbook types [list]`, `add NAME`,
// `rename NAME NEW`, `retire NAME`, `reinstate NAME`, `delete NAME`, with [--en NAME].
func runTypes(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("types")
	en := fs.String("en", "", m.lang.T(msgFlagTypeEn))
	pos, err := m.parseArgs(fs, args, msgUsageTypes)
	if err != nil {
		return err
	}
	l := m.lang
	verb, ok := verbOf(pos, map[string]int{"list": 1, "add": 2, "rename": 3, "retire": 2, "reinstate": 2, "delete": 2})
	if !ok {
		return errors.New(l.T(msgTypesWhat))
	}
	s, err := m.openExisting(ctx, store.Options{ReadOnly: verb == "list"})
	if err != nil {
		return err
	}
	defer s.Close()
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		return errors.New(l.Error(err))
	}
	if verb == "list" {
		tb := newTable(m.env.getenv)
		tb.add(l.T(msgColTypeName), l.T(msgColTypeEn), l.T(msgColTypeState))
		for _, t := range types {
			state := l.T(msgTypeOwn)
			if t.Code != "" {
				state = l.T(msgTypeBuiltin)
			}
			if !t.Active {
				state += " · " + l.T(msgTypeOff)
			}
			tb.add(t.Name, t.NameEn, state)
		}
		return tb.write(m.env.stdout)
	}
	if verb == "add" {
		t, err := s.CreateActivityType(ctx, store.ActivityType{Name: pos[1], NameEn: *en})
		if err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(m.env.stdout, l.T(msgTypeAdded, t.Name))
		return nil
	}
	t, ok := typeNamed(types, pos[1])
	if !ok {
		return errors.New(l.T(msgNoSuchType, pos[1]))
	}
	msg := msgTypeRenamed
	switch verb {
	case "rename":
		t.Name = pos[2]
		if *en != "" {
			t.NameEn = *en
		}
	case "retire":
		t.Active, msg = false, msgTypeRetired
	case "reinstate":
		t.Active, msg = true, msgTypeBack
	case "delete":
		if err := s.Delete(ctx, store.KindActivityType, t.ID); err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(m.env.stdout, l.T(msgTypeDeleted, t.Name))
		return nil
	}
	old := t.Name
	if t, err = s.UpdateActivityType(ctx, t); err != nil {
		return errors.New(l.Error(err))
	}
	if verb == "rename" {
		fmt.Fprintln(m.env.stdout, l.T(msg, old, t.Name))
	} else {
		fmt.Fprintln(m.env.stdout, l.T(msg, t.Name))
	}
	return nil
}

// typeNamed finds a type by its Chinese or English name or its code.
func typeNamed(types []store.ActivityType, name string) (store.ActivityType, bool) {
	name = strings.TrimSpace(name)
	for _, t := range types {
		if t.Name == name || strings.EqualFold(t.NameEn, name) || t.Code != "" && t.Code == name {
			return t, true
		}
	}
	return store.ActivityType{}, false
}

// verbOf is the verb of a command that lists and edits (list when none is given), when the
// arguments are as many as arity says it takes, the verb included; a negative arity is a
// least.
func verbOf(pos []string, arity map[string]int) (string, bool) {
	if len(pos) == 0 {
		return "list", true
	}
	n, ok := arity[pos[0]]
	return pos[0], ok && (len(pos) == n || n < 0 && len(pos) >= -n)
}
