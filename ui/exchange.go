package ui

import (
	"errors"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/ui/i18n"
)

// The exchange's words.
var (
	msgExAskPartner  = i18n.Msg{Zh: "交换导出给（结对学校名称；空：导出全部记录）：", En: "Export for (the paired school's name; empty: every record):"}
	msgExAskFile     = i18n.Msg{Zh: "写入交换文件：", En: "Write the exchange file:"}
	msgExAskImport   = i18n.Msg{Zh: "导入交换文件：", En: "Import the exchange file:"}
	msgExDefaultFile = i18n.Msg{Zh: "交换-%s-%s.tbx", En: "exchange-%s-%s.tbx"}
	msgExAll         = i18n.Msg{Zh: "全部", En: "all"}
	msgExExported    = i18n.Msg{Zh: "已导出 %d 条记录到 %s。", En: "Wrote %d records to %s."}
	msgExExportedTo  = i18n.Msg{Zh: "已导出 %d 条记录到 %s（给“%s”：上次导出后的改动）。", En: "Wrote %d records to %s (for %s: changes since the last export)."}
	msgExFirstTo     = i18n.Msg{Zh: "已导出 %d 条记录到 %s（给“%s”的第一次导出：全部记录）。", En: "Wrote %d records to %s (the first export for %s: every record)."}
	msgExNeedFile    = i18n.Msg{Zh: "请写出交换文件的路径。", En: "Write the exchange file's path."}
	msgExImporting   = i18n.Msg{Zh: "正在导入 %s（先自动备份）…", En: "Importing %s (after a backup)…"}
)

// exchanger carries records between paired schools from the People screen: E writes an
// exchange file for a partner, I merges one and reloads every screen's data.
type exchanger struct {
	sh      *shared
	partner string // the partner of the export being asked about
}

// key starts an export or an import; it reports whether the key was its own.
func (x *exchanger) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := x.sh.keys
	switch {
	case key.Matches(msg, k.ExchangeOut):
		return x.sh.ask(askExchangePartner, x.sh.T(msgExAskPartner), x.partner, false), true
	case key.Matches(msg, k.ExchangeIn):
		return x.sh.ask(askExchangeImport, x.sh.T(msgExAskImport), filepath.Dir(x.sh.store.Path())+string(filepath.Separator), false), true
	}
	return nil, false
}

// answer takes the input line's answers to its questions; it reports whether the answer was
// to one of them.
func (x *exchanger) answer(msg answerMsg) (tea.Cmd, bool) {
	sh := x.sh
	switch msg.kind {
	case askExchangePartner:
		if msg.cancelled {
			return nil, true
		}
		x.partner = strings.TrimSpace(msg.text)
		if x.partner != "" {
			if err := store.ValidatePartner(x.partner); err != nil {
				return status(sh.lang.Error(err), true), true
			}
		}
		return sh.ask(askExchangeFile, sh.T(msgExAskFile), x.defaultFile(), false), true
	case askExchangeFile:
		path := strings.TrimSpace(msg.text)
		if msg.cancelled {
			return nil, true
		}
		if path == "" {
			return status(sh.T(msgExNeedFile), true), true
		}
		return exportExchange(sh, path, x.partner), true
	case askExchangeImport:
		path := strings.TrimSpace(msg.text)
		if msg.cancelled {
			return nil, true
		}
		if path == "" || strings.HasSuffix(path, string(filepath.Separator)) {
			return status(sh.T(msgExNeedFile), true), true
		}
		// The merged records replace what an undo would put back: the steps before an
		// import cannot be taken back after it.
		sh.undo = nil
		return tea.Batch(status(sh.T(msgExImporting, path), false), importExchange(sh, path)), true
	}
	return nil, false
}

// defaultFile is 交换-<partner>-<today>.tbx beside the database.
func (x *exchanger) defaultFile() string {
	who := x.partner
	if who == "" {
		who = x.sh.T(msgExAll)
	}
	who = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>| `, r) {
			return '-'
		}
		return r
	}, who)
	return filepath.Join(filepath.Dir(x.sh.store.Path()), x.sh.T(msgExDefaultFile, who, x.sh.today.String()))
}

func exportExchange(sh *shared, path, partner string) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return func() tea.Msg {
		res, err := exchange.Export(ctx, s, path, partner)
		switch {
		case errors.Is(err, exchange.ErrCantWrite):
			return statusMsg{text: l.ExchangeError(err, path), isErr: true}
		case err != nil:
			return statusMsg{text: l.Error(err), isErr: true}
		case res.Partner == "":
			return statusMsg{text: l.T(msgExExported, res.Records, res.Path)}
		case res.Since:
			return statusMsg{text: l.T(msgExExportedTo, res.Records, res.Path, res.Partner)}
		}
		return statusMsg{text: l.T(msgExFirstTo, res.Records, res.Path, res.Partner)}
	}
}

// importExchange merges the file at path, then reads the term again so that every screen
// shows the merged records, and says what the merge did.
func importExchange(sh *shared, path string) tea.Cmd {
	ctx, s, l, today, id := sh.ctx, sh.store, sh.lang, sh.today, sh.termID
	return func() tea.Msg {
		sum, err := exchange.Import(ctx, s, path)
		if err != nil {
			return statusMsg{text: l.ExchangeError(err, path), isErr: true}
		}
		d, err := readTerm(ctx, s, today, id)
		if err != nil {
			return statusMsg{text: l.Error(err), isErr: true}
		}
		text := l.ExchangeSummary(sum)
		return tea.BatchMsg{
			func() tea.Msg { return loadedMsg{data: d} },
			func() tea.Msg { return statusMsg{text: text} },
		}
	}
}
