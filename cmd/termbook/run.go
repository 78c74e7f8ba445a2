package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"termbook/store"
	"termbook/ui/i18n"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// command is one subcommand: `termbook NAME …`.
type command struct {
	name  string
	usage i18n.Msg // one line: arguments and what it does
	run   func(ctx context.Context, m *Main, args []string) error
}

// commands lists the subcommands in the order --help shows them.
func commands() []command {
	return []command{
		{"agenda", msgUsageAgenda, runAgenda},
		{"add", msgUsageAdd, runAdd},
		{"sample", msgUsageSample, runSample},
		{"backup", msgUsageBackup, runBackup},
		{"restore", msgUsageRestore, runRestore},
		{"check", msgUsageCheck, runCheck},
		{"review", msgUsageReview, runReview},
		{"export", msgUsageExport, runExport},
		{"import", msgUsageImport, runImport},
		{"handin", msgUsageHandin, runHandin},
		{"targets", msgUsageTargets, runTargets},
		{"report", msgUsageReport, runReport},
		{"plan", msgUsagePlan, runPlan},
		{"types", msgUsageTypes, runTypes},
		{"rubrics", msgUsageRubrics, runRubrics},
		{"record", msgUsageRecord, runRecord},
		{"files", msgUsageFiles, runFiles},
		{"exchange", msgUsageExchange, runExchange},
	}
}

// Main holds what every command shares: the environment, the language and the global flags.
type Main struct {
	env   env
	lang  i18n.Lang
	db    string // --db
	ascii bool   // --ascii
	demo  bool   // --demo
}

// run parses the global flags, then runs the subcommand, or the TUI when there is none.
// Errors come back as one sentence in the user's language.
func run(ctx context.Context, args []string, e env) error {
	err := runMain(ctx, args, e)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return errors.New(i18n.OneLine(err.Error()))
	}
	return nil
}

func runMain(ctx context.Context, args []string, e env) error {
	m := &Main{env: e}
	// The language comes first, so that even a flag error is in the user's language.
	lang, langErr := i18n.Detect(langFlag(args), e.getenv)
	m.lang = lang
	if langErr != nil {
		return errors.New(m.lang.T(msgBadLang, langFlag(args)))
	}
	fs := m.flagSet("termbook")
	var showVersion bool
	fs.BoolVar(&showVersion, "version", false, m.lang.T(msgFlagVersion))
	fs.BoolVar(&m.demo, "demo", false, m.lang.T(msgFlagDemo))
	fs.Usage = func() { m.usage(fs) }
	if err := fs.Parse(args); err != nil {
		return m.flagError(err)
	}
	if showVersion {
		fmt.Fprintf(e.stdout, "termbook %s (schema %d)\n", version, store.LatestVersion())
		return nil
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return runTUI(ctx, m)
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			return c.run(ctx, m, rest[1:])
		}
	}
	return errors.New(m.lang.T(msgUnknownCommand, rest[0]))
}

// flagSet makes a FlagSet that carries the global flags, so they work before or after the
// subcommand's name (`termbook --db x agenda` and `termbook agenda --db x`).
func (m *Main) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&m.db, "db", m.db, m.lang.T(msgFlagDB))
	fs.Func("lang", m.lang.T(msgFlagLang), func(string) error { return nil }) // read by langFlag
	fs.BoolVar(&m.ascii, "ascii", m.ascii, m.lang.T(msgFlagASCII))
	return fs
}

// parse parses a subcommand's flags; -h and --help print its usage and return errHelp.
// Arguments other than flags are refused.
func (m *Main) parse(fs *flag.FlagSet, args []string, usage i18n.Msg) error {
	rest, err := m.parseArgs(fs, args, usage)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return errors.New(m.lang.T(msgExtraArgs, strings.Join(rest, " ")))
	}
	return nil
}

// parseArgs parses a subcommand's flags wherever they stand among its other arguments
// (`termbook add "…" --db x`) and returns the others in order.
func (m *Main) parseArgs(fs *flag.FlagSet, args []string, usage i18n.Msg) ([]string, error) {
	fs.Usage = func() {
		fmt.Fprintf(m.env.stdout, "%s:\n", m.lang.T(msgUsage))
		m.printCommand(fs.Name(), usage)
		fmt.Fprintln(m.env.stdout)
		m.printFlags(fs)
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, m.flagError(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest, args = append(rest, args[0]), args[1:]
	}
}

// errHelp ends a command that printed its help; run treats it as success.
var errHelp = errors.New("help shown")

func (m *Main) flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	// The flag package words its errors in English; say the common ones in the user's language.
	text := err.Error()
	if f := reUnknownFlag().FindStringSubmatch(text); f != nil {
		return errors.New(m.lang.T(msgUnknownFlag, f[1]))
	}
	if f := reFlagNeedsValue().FindStringSubmatch(text); f != nil {
		return errors.New(m.lang.T(msgFlagNeedsValue, f[1]))
	}
	if f := reFlagBadValue().FindStringSubmatch(text); f != nil {
		return errors.New(m.lang.T(msgFlagBadValue, f[2], f[1]))
	}
	return errors.New(m.lang.T(msgBadFlag, text))
}

// The flag package's error texts, compiled only when there is an error to word.
var (
	reUnknownFlag    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^flag provided but not defined: -+(.+)$`) })
	reFlagNeedsValue = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^flag needs an argument: -+(.+)$`) })
	reFlagBadValue   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]+):`)
	})
)

func (m *Main) usage(fs *flag.FlagSet) {
	w := m.env.stdout
	fmt.Fprint(w, wrap("", "", m.lang.T(msgAbout)))
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%s:\n", m.lang.T(msgUsage))
	fmt.Fprintf(w, "  termbook [--db PATH] [--lang zh|en] [--ascii] [--demo]\n%s", wrap("      ", "      ", m.lang.T(msgUsageTUI)))
	for _, c := range commands() {
		m.printCommand(c.name, c.usage)
	}
	fmt.Fprintln(w)
	m.printFlags(fs)
}

// printCommand prints a command's synopsis on one line and what it does, wrapped, below.
func (m *Main) printCommand(name string, usage i18n.Msg) {
	synopsis, what := splitUsage(m.lang.T(usage))
	fmt.Fprintf(m.env.stdout, "  %s\n%s", strings.TrimSpace("termbook "+name+" "+synopsis), wrap("      ", "      ", what))
}

// helpWidth is the width help text is wrapped to: the narrowest common terminal.
const helpWidth = 80

// wrap wraps text to helpWidth after a first-line prefix, indenting the lines after it, and
// ends it with a newline.
func wrap(first, rest, text string) string {
	lines := strings.Split(ansi.Wrap(text, helpWidth-ansi.StringWidth(first), ""), "\n")
	var b strings.Builder
	for i, line := range lines {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(rest)
		}
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// reUsage splits a command's usage line at the last run of spaces, between its arguments and
// what it does.
var reUsage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.*)\s\s(\S.*)$`) })

// splitUsage returns a usage line's arguments and its description.
func splitUsage(usage string) (synopsis, what string) {
	m := reUsage().FindStringSubmatch(usage)
	if m == nil {
		return strings.TrimSpace(usage), ""
	}
	return strings.TrimSpace(m[1]), m[2]
}

func (m *Main) printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		dashes := "--"
		if len(f.Name) == 1 {
			dashes = "-" // -o, as it is written
		}
		fmt.Fprint(m.env.stdout, wrap(fmt.Sprintf("  %-12s ", dashes+f.Name), strings.Repeat(" ", 15), f.Usage))
	})
}

// langFlag finds --lang among the arguments before any parsing, so that every message,
// including a flag error, is in the chosen language.
func langFlag(args []string) string {
	for i, a := range args {
		a = strings.TrimPrefix(a, "-")
		switch {
		case a == "-lang" || a == "lang":
			if i+1 < len(args) {
				return args[i+1]
			}
		case strings.HasPrefix(a, "-lang="), strings.HasPrefix(a, "lang="):
			return a[strings.Index(a, "=")+1:]
		}
	}
	return ""
}

// open opens the database chosen by --db, $TERMBOOK_DB, a termbook.db beside the executable,
// or the per-user data folder, sets its clock to the environment's and takes the automatic
// backups (see openAt).
func (m *Main) open(ctx context.Context, opt store.Options) (*store.Store, error) {
	path, err := m.dbPath()
	if err != nil {
		return nil, err
	}
	s, err := m.openAt(ctx, path, opt, true)
	if err != nil {
		return nil, errors.New(m.lang.Error(err))
	}
	return s, nil
}

// today is the current day by the environment's clock.
func (m *Main) today() store.Date { return store.DateOf(m.env.now()) }
