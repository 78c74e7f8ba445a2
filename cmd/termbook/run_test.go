package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"termbook/store"
	"termbook/store/storetest"
)

// now is the fixed clock of these tests: Wednesday 2026-09-23, in week 3 of a term that
// starts on Monday 2026-09-07.
var now = time.Date(2026, time.September, 23, 10, 0, 0, 0, time.Local)

// testEnv is an environment with its own output buffers, variables and clock, and no
// executable (so no portable termbook.db is found beside it).
type testEnv struct {
	env
	out, errOut *bytes.Buffer
	vars        map[string]string
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	return testEnvAt(filepath.Join(t.TempDir(), "home"))
}

// testEnvAt is a test environment whose home folder is home.
func testEnvAt(home string) *testEnv {
	te := &testEnv{out: &bytes.Buffer{}, errOut: &bytes.Buffer{}, vars: map[string]string{
		"LANG": "zh_CN.UTF-8",
		"HOME": home,
	}}
	te.env = env{
		stdin: strings.NewReader(""), stdout: te.out, stderr: te.errOut,
		getenv: func(k string) string { return te.vars[k] },
		now:    func() time.Time { return now },
	}
	return te
}

// run runs termbook with args and returns what it printed and its error.
func (te *testEnv) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	te.out.Reset()
	te.errOut.Reset()
	err := run(context.Background(), args, te.env)
	if te.errOut.Len() > 0 {
		t.Errorf("termbook %s wrote to stderr: %s", strings.Join(args, " "), te.errOut)
	}
	return te.out.String(), err
}

// mustRun runs termbook and fails the test on an error.
func (te *testEnv) mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := te.run(t, args...)
	if err != nil {
		t.Fatalf("termbook %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// openDB opens the database at db for a test to write or read it directly; the caller closes it.
func openDB(t *testing.T, db string, opts store.Options) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), db, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fixtureDB puts a term with teachers and activities whose Chinese text is of uneven widths
// in a new database, and returns its path: a copy of fixtureFile.
func fixtureDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fixture.db")
	fixtureFile.CopyTo(t, path)
	return path
}

var fixtureFile = storetest.NewFile(writeFixture)

func writeFixture(t storetest.TB, path string) {
	ctx := context.Background()
	s := storetest.Create(t, path)
	defer s.Close()
	s.Now = func() time.Time { return now }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	term, err := s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-09-07"), Weeks: 20})
	must(err)
	five, err := s.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"})
	must(err)
	hz, err := s.CreateSchool(ctx, store.School{Name: "侯庄小学"})
	must(err)
	wang, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: five.ID, Name: "王晓梅", Subjects: []string{"语文"}})
	must(err)
	li, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: hz.ID, Name: "李娜", Subjects: []string{"数学"}})
	must(err)
	types, err := s.ActivityTypes(ctx)
	must(err)
	typeID := func(code string) string {
		for _, x := range types {
			if x.Code == code {
				return x.ID
			}
		}
		t.Fatalf("no type %s", code)
		return ""
	}
	acts := []store.Activity{
		{TypeID: typeID(store.TypeOpenLesson), Title: "《春》", Subject: "语文", HostID: wang.ID, Place: "多媒体教室", Time: "14:00", Sched: store.OnDate(storetest.Date("2026-09-22"))},
		{TypeID: typeID(store.TypeOpenLesson), Title: "Fractions and decimals", Subject: "数学", HostID: li.ID, Place: "Room 2", Time: "09:30", Sched: store.OnDate(storetest.Date("2026-09-24"))},
		{TypeID: typeID(store.TypeResearchMeeting), Title: "教研活动：期初计划", Sched: store.InWeek(3), SchoolIDs: []string{five.ID, hz.ID}},
		{TypeID: typeID(store.TypeJointMeeting), Title: "联席会议", Sched: store.InMonth(store.Month{Year: 2026, Month: time.September}), Place: "侯庄小学会议室"},
		{TypeID: typeID(store.TypeOpenLesson), Title: "第4周的课", Sched: store.InWeek(4)},
	}
	for _, a := range acts {
		a.TermID = term.ID
		_, err := s.CreateActivity(ctx, a)
		must(err)
	}
	// The first is done; the meeting of Monday 21 September … is not, and is overdue.
	list, err := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
	must(err)
	for _, a := range list {
		if a.Title == "《春》" {
			_, err := s.MarkDone(ctx, a.ID, storetest.Date("2026-09-22"), "顺利")
			must(err)
		}
	}
	_, err = s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: typeID(store.TypeOther), Title: "过期的事", Sched: store.OnDate(storetest.Date("2026-09-21"))})
	must(err)
}

func TestVersionHelpAndBadCommands(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	if out := te.mustRun(t, "--version"); !strings.HasPrefix(out, "termbook ") {
		t.Errorf("--version printed %q", out)
	}
	for _, lang := range []string{"zh", "en"} {
		for _, args := range append([][]string{{"--help"}}, helpArgs()...) {
			out := te.mustRun(t, append([]string{"--lang", lang}, args...)...)
			for _, line := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("termbook %s: a line %d cells wide: %s", strings.Join(args, " "), w, line)
				}
			}
		}
	}
	out := te.mustRun(t, "--help")
	for _, c := range commands() {
		if !strings.Contains(out, "  termbook "+c.name+" ") && !strings.Contains(out, "  termbook "+c.name+"\n") {
			t.Errorf("--help does not list %s:\n%s", c.name, out)
		}
		for _, h := range []string{"--help", "-h"} {
			sub := te.mustRun(t, c.name, h)
			if !strings.Contains(sub, "termbook "+c.name) || !strings.Contains(sub, "--db") {
				t.Errorf("%s %s printed:\n%s", c.name, h, sub)
			}
			// A flag of one letter is listed as it is written: -o, never --o.
			if regexp.MustCompile(`(?m)^  --[a-z] `).MatchString(sub) {
				t.Errorf("%s %s lists a one-letter flag with two dashes:\n%s", c.name, h, sub)
			}
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"bogus"}, "没有“bogus”这个命令。用 --help 查看全部命令。"},
		{[]string{"--lang", "en", "bogus"}, `There is no command "bogus". See --help for the commands.`},
		{[]string{"agenda", "extra"}, "多余的参数：extra。用 --help 查看用法。"},
		{[]string{"agenda", "--weeks", "3"}, "没有 --weeks 这个选项。用 --help 查看用法。"},
		{[]string{"--lang", "en", "agenda", "--weeks", "3"}, "There is no option --weeks. See --help."},
		{[]string{"agenda", "--week"}, "--week 后面要写一个值。用 --help 查看用法。"},
		{[]string{"agenda", "--week", "三"}, "--week 的值“三”无效。用 --help 查看用法。"},
		{[]string{"--lang", "en", "agenda", "--json=maybe"}, `--json cannot be "maybe". See --help.`},
		{[]string{"--lang", "fr"}, "不认识的语言“fr”：请用 zh 或 en。"},
		{[]string{"agenda", "--week", "3", "--today"}, "--week 和 --today 只能用一个。"},
	} {
		_, err := te.run(t, tt.args...)
		if err == nil || err.Error() != tt.want {
			t.Errorf("termbook %s: error %v, want %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}

func TestDBPath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	exeDir := filepath.Join(dir, "usb")
	if err := os.MkdirAll(exeDir, 0o755); err != nil {
		t.Fatal(err)
	}
	beside := filepath.Join(exeDir, "termbook.db")
	home := filepath.Join(dir, "home")
	tests := []struct {
		name    string
		db      string
		vars    map[string]string
		beside  bool // a termbook.db exists beside the executable
		want    string
		wantDir bool // the per-user folder was created
	}{
		{name: "--db wins", db: "/x/a.db", vars: map[string]string{"TERMBOOK_DB": "/y/b.db"}, beside: true, want: "/x/a.db"},
		{name: "TERMBOOK_DB next", vars: map[string]string{"TERMBOOK_DB": "/y/b.db"}, beside: true, want: "/y/b.db"},
		{name: "portable file beside the executable", vars: map[string]string{"HOME": home}, beside: true, want: beside},
		{name: "per-user folder", vars: map[string]string{"HOME": home}, want: filepath.Join(home, ".local", "share", "termbook", "termbook.db"), wantDir: true},
		{name: "XDG_DATA_HOME", vars: map[string]string{"HOME": home, "XDG_DATA_HOME": filepath.Join(dir, "xdg")}, want: filepath.Join(dir, "xdg", "termbook", "termbook.db"), wantDir: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(beside)
			if tt.beside {
				if err := os.WriteFile(beside, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if runtime.GOOS != "linux" && tt.wantDir {
				t.Skip("the per-user folder is checked for Linux here; userDataDir is tested for every system")
			}
			m := &Main{db: tt.db, env: env{exe: filepath.Join(exeDir, "termbook"), getenv: func(k string) string { return tt.vars[k] }}}
			got, err := m.dbPath()
			if err != nil || got != tt.want {
				t.Fatalf("dbPath() = %q, %v; want %q", got, err, tt.want)
			}
			if st, err := os.Stat(filepath.Dir(got)); tt.wantDir && (err != nil || !st.IsDir()) {
				t.Errorf("folder %s was not created: %v", filepath.Dir(got), err)
			}
		})
	}
}

func TestUserDataDir(t *testing.T) {
	t.Parallel()
	tests := []struct {
		goos string
		vars map[string]string
		want string
	}{
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\li\AppData\Local`, "APPDATA": `C:\Users\li\AppData\Roaming`}, filepath.Join(`C:\Users\li\AppData\Local`, "termbook")},
		{"windows", map[string]string{"APPDATA": `C:\Users\li\AppData\Roaming`}, filepath.Join(`C:\Users\li\AppData\Roaming`, "termbook")},
		{"darwin", map[string]string{"HOME": "/Users/li"}, "/Users/li/Library/Application Support/termbook"},
		{"linux", map[string]string{"HOME": "/home/li"}, "/home/li/.local/share/termbook"},
		{"linux", map[string]string{"HOME": "/home/li", "XDG_DATA_HOME": "/data"}, "/data/termbook"},
		{"linux", map[string]string{"HOME": "/home/li", "XDG_DATA_HOME": "relative"}, "/home/li/.local/share/termbook"},
	}
	for _, tt := range tests {
		got, err := userDataDir(tt.goos, func(k string) string { return tt.vars[k] })
		if err != nil || filepath.ToSlash(got) != filepath.ToSlash(tt.want) {
			t.Errorf("userDataDir(%s, %v) = %q, %v; want %q", tt.goos, tt.vars, got, err, tt.want)
		}
	}
	for _, goos := range []string{"windows", "darwin", "linux"} {
		if _, err := userDataDir(goos, func(string) string { return "" }); err == nil {
			t.Errorf("userDataDir(%s) with no variables: want an error", goos)
		}
	}
}

func TestNotADatabaseIsLeftAlone(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte("这是一份普通的文本文件。\nplain text, not a database\n")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"agenda", "--db", path},
		{"add", "--db", path, "w3 公开课 x"},
		{"--lang", "en", "agenda", "--db", path},
	} {
		_, err := te.run(t, args...)
		if err == nil || !strings.Contains(err.Error(), path) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("termbook %s: error %v; want one sentence naming the file", strings.Join(args, " "), err)
		}
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, content) {
			t.Fatalf("termbook %s changed the file", strings.Join(args, " "))
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files were left beside it: %v", entries)
	}
}

func TestMissingDatabaseIsNotCreated(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	path := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"agenda", "--db", path}, {"add", "--db", path, "w3 公开课 x"}} {
		_, err := te.run(t, args...)
		if err == nil || !strings.Contains(err.Error(), "不存在") {
			t.Errorf("termbook %s: error %v", strings.Join(args, " "), err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("termbook %s created %s", strings.Join(args, " "), path)
		}
	}
}

// helpArgs are `COMMAND --help` for every command.
func helpArgs() [][]string {
	var args [][]string
	for _, c := range commands() {
		args = append(args, []string{c.name, "--help"})
	}
	return args
}
