// Package exchange owns the file that carries records between paired schools' termbooks on a
// USB stick: its format (gzip-compressed JSON lines with a format name, a version and a
// SHA-256 of its contents), the checks that refuse a damaged, truncated, foreign or newer
// file before anything is written, and the export and import around them: the marks of what
// each partner has been sent, and the backup taken before every import. Merging itself is
// store.Merge.
//
// A file, once unpacked, is lines of JSON, each record on a line of its own so that neither
// side ever holds a whole decade of records in memory:
//
//	{"format":"termbook-exchange","version":2}
//	{"from":"…","created_at":"…","schema":2,"seq":42,"seen":{"…":"…"}}
//	{"table":"schools","columns":["id","created_at",…]}
//	["0196…","2026-10-12T08:00:00.000Z",…]
//	…
//	{"sha256":"…"}
//
// The last line is the SHA-256 of every byte before it.
//
// Version 2 carries what version 1 did and more: an activity's record (主持人, 记录人,
// 参加人员, 纪要, 小结, files, a 集体备课's preparation), retired types, a rubric's subject, an
// observation's 课时, 教材/单元, 总评 and the rubric it was scored with; the hand-in kinds and
// hand-ins with who checked them, the school's targets (考核细则), teachers' 职称, 职务 and
// 荣誉, and the reports that go up. Each table line names the columns its records carry, so
// a file of version 1, or of version 2 before some of these, still imports: a column it lacks
// keeps the value held here (or its default, for a record new here), and a teacher with one
// 称号, a hand-in of an old kind, a target by its metric alone and the old term-end checklist
// are read into today's shape (store.ParseLegacyRow).
package exchange

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"termbook/store"
)

// Format names the file's kind inside it; Version is the format this build writes and the
// newest it reads.
const (
	Format  = "termbook-exchange"
	Version = 2
)

// maxLine bounds one line of a file (one record: its longest texts, escaped), so a hostile
// file cannot fill the memory of an old machine.
const maxLine = 16 << 20

// Why a file is refused or cannot be written. Nothing has been written to the database when
// Import returns an error.
var (
	ErrNotExchange = errors.New("not a termbook exchange file")
	ErrDamaged     = errors.New("exchange file is damaged or incomplete")
	ErrNewer       = errors.New("exchange file is from a newer termbook")
	ErrOwnFile     = errors.New("exchange file comes from this database or a copy of it")
	ErrCantRead    = errors.New("cannot open the exchange file")
	ErrCantWrite   = errors.New("cannot write the exchange file")
)

// The lines of a file other than records.
type (
	formatLine struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	headerLine struct {
		From      string            `json:"from"`       // the sending installation
		CreatedAt string            `json:"created_at"` // when the file was written (UTC)
		Schema    int               `json:"schema"`     // the sender's database schema
		Seq       int64             `json:"seq"`        // the sender's last change it includes
		Seen      map[string]string `json:"seen"`       // newest change per installation at the sender
	}
	// tableLine starts a table's records; sumLine ends the file.
	tableLine struct {
		Table   *string  `json:"table"`
		Columns []string `json:"columns"`
		SHA256  *string  `json:"sha256"`
	}
)

// Info describes a file that was read.
type Info struct {
	From      string    // the installation that wrote it
	CreatedAt time.Time // when
	Records   int
	Seq       int64 // the writer's last change it includes
}

// Write writes the records s made or changed after its change number after as an exchange
// file to w, and returns what it wrote.
func Write(ctx context.Context, w io.Writer, s *store.Store, after int64) (Info, error) {
	zw := gzip.NewWriter(w)
	fw := &fileWriter{sum: sha256.New(), createdAt: s.Now().UTC()}
	fw.enc = json.NewEncoder(io.MultiWriter(zw, fw.sum))
	if err := s.Changes(ctx, after, fw); err != nil {
		return fw.info, err
	}
	err := json.NewEncoder(zw).Encode(map[string]string{"sha256": hex.EncodeToString(fw.sum.Sum(nil))})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return fw.info, fmt.Errorf("%w: %w", ErrCantWrite, err)
	}
	return fw.info, nil
}

// fileWriter writes a change set as Changes reads it, one line at a time.
type fileWriter struct {
	enc       *json.Encoder
	sum       hash.Hash
	createdAt time.Time
	table     string
	info      Info
}

func (fw *fileWriter) Header(h store.ChangeHeader) error {
	fw.info = Info{From: h.From, CreatedAt: fw.createdAt, Seq: h.Seq}
	return fw.write(formatLine{Format: Format, Version: Version},
		headerLine{From: h.From, CreatedAt: fw.createdAt.Format(time.RFC3339), Schema: store.LatestVersion(), Seq: h.Seq, Seen: h.Seen})
}

func (fw *fileWriter) Record(table string, r store.SyncRow) error {
	if table != fw.table {
		cols, _ := store.SyncColumns(table)
		if err := fw.write(tableLine{Table: &table, Columns: cols}); err != nil {
			return err
		}
		fw.table = table
	}
	fw.info.Records++
	return fw.write(r)
}

func (fw *fileWriter) write(lines ...any) error {
	for _, l := range lines {
		if err := fw.enc.Encode(l); err != nil {
			return fmt.Errorf("%w: %w", ErrCantWrite, err)
		}
	}
	return nil
}

// verify reads a whole exchange file and checks that it is whole: gzip whose own checksum
// holds, naming this format, of a version this build knows, matching its SHA-256, and
// holding records of the shape of their tables, in order; each record is checked with check
// too, if given, and report, if set, is told how many records it has checked, after each.
// What the records say is checked against a database by Import. Nothing is kept in memory
// but one line at a time.
func verify(r io.Reader, check func(table string, r store.SyncRow) error, report func(n int)) (Info, error) {
	fr, err := newFileReader(r)
	if err != nil {
		return Info{}, err
	}
	fr.check, fr.report = check, report
	for {
		_, _, err := fr.Next()
		if errors.Is(err, io.EOF) {
			return fr.info, nil
		}
		if err != nil {
			return fr.info, err
		}
	}
}

// fileReader reads a file line by line; it is the store.ChangeReader that Merge reads. Every
// error it returns wraps ErrNotExchange, ErrDamaged or ErrNewer, or is a *store.RecordError
// for an intact record holding what termbook would not save.
type fileReader struct {
	lines   *bufio.Scanner
	sum     hash.Hash
	header  store.ChangeHeader
	info    Info
	table   string
	cols    []string                                  // the columns the table's records are written in, when not this version's
	legacy  bool                                      // the table's records are in the shape of a termbook before hand-ins (store.ParseLegacyRow)
	tables  []string                                  // the tables still allowed to follow, in order
	done    bool                                      // the checksum line was read and matched
	check   func(table string, r store.SyncRow) error // checks each record (a store.RecordCheck); or nil
	report  func(n int)                               // told the number of records read so far, after each; or nil
	bad     error                                     // the first record that failed its checks
	pairs   map[string][2]string                      // the mentor pairs read, to place an older file's checklist items
	lookup  store.PairTeachers                        // where the other mentor pairs are found
	held    []heldRow                                 // an older file's targets, held back until its checklist is read
	queue   []heldRow                                 // held records being let out
	pending []byte                                    // a line read while the held rows were let out, read next
}

// heldRow is a record kept back to be returned later, with its table.
type heldRow struct {
	table string
	row   store.SyncRow
}

// newFileReader reads a file's first two lines: what it is, and who wrote it.
func newFileReader(r io.Reader) (*fileReader, error) {
	br := bufio.NewReader(r)
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %w", ErrCantRead, err)
	}
	if !bytes.Equal(magic, []byte{0x1f, 0x8b}) { // gzip's magic number
		return nil, ErrNotExchange
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	fr := &fileReader{lines: bufio.NewScanner(zr), sum: sha256.New(), tables: fileTables(), pairs: map[string][2]string{}}
	fr.lines.Buffer(make([]byte, 64<<10), maxLine)
	var f formatLine
	line, err := fr.line()
	if err != nil || json.Unmarshal(line, &f) != nil || f.Format != Format {
		// A damaged first block reads as anything: only an intact file is another program's.
		if _, err := io.Copy(io.Discard, zr); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		return nil, ErrNotExchange
	}
	if f.Version > Version {
		return nil, fmt.Errorf("%w: version %d, this termbook reads up to %d", ErrNewer, f.Version, Version)
	}
	if f.Version < 1 {
		return nil, fmt.Errorf("%w: version %d", ErrDamaged, f.Version)
	}
	fr.hash(line)
	var h headerLine
	if line, err = fr.line(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	fr.hash(line)
	if err := json.Unmarshal(line, &h); err != nil || h.From == "" {
		return nil, fmt.Errorf("%w: no sender", ErrDamaged)
	}
	if fr.info.CreatedAt, err = time.Parse(time.RFC3339, h.CreatedAt); err != nil {
		return nil, fmt.Errorf("%w: date %q", ErrDamaged, h.CreatedAt)
	}
	fr.header = store.ChangeHeader{From: h.From, Seq: h.Seq, Seen: h.Seen}
	fr.info.From, fr.info.Seq = h.From, h.Seq
	return fr, nil
}

// line reads the next line; the checksum covers it unless it is the checksum line.
func (fr *fileReader) line() ([]byte, error) {
	if fr.pending != nil {
		line := fr.pending
		fr.pending = nil
		return line, nil
	}
	if !fr.lines.Scan() {
		if err := fr.lines.Err(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		return nil, io.EOF
	}
	return fr.lines.Bytes(), nil
}

// Header is who wrote the file and what it had seen.
func (fr *fileReader) Header() store.ChangeHeader { return fr.header }

// Next returns the next record, io.EOF after the last once the checksum has matched.
func (fr *fileReader) Next() (string, store.SyncRow, error) {
	for {
		if len(fr.queue) > 0 {
			h := fr.queue[0]
			fr.queue = fr.queue[1:]
			return h.table, h.row, nil
		}
		line, err := fr.line()
		if errors.Is(err, io.EOF) {
			if !fr.done {
				return "", nil, fmt.Errorf("%w: no checksum at the end", ErrDamaged)
			}
			if fr.bad != nil {
				return "", nil, fr.bad
			}
			return "", nil, io.EOF
		}
		if err != nil {
			return "", nil, err
		}
		if fr.done {
			return "", nil, fmt.Errorf("%w: lines after the checksum", ErrDamaged)
		}
		if len(line) > 0 && line[0] == '[' {
			fr.hash(line)
			if fr.table == "" {
				return "", nil, fmt.Errorf("%w: a record before its table", ErrDamaged)
			}
			table, r, keep, err := fr.parse(line)
			if err == nil && keep && fr.check != nil {
				err = fr.check(table, r)
			}
			var bad *store.RecordError
			if errors.As(err, &bad) {
				// Damage reads as anything: only once the checksum has matched is the
				// record known to be as its sender wrote it, and refused as such.
				if fr.bad == nil {
					fr.bad = err
				}
				continue
			}
			if err != nil {
				return "", nil, fmt.Errorf("%w: %v", ErrDamaged, err)
			}
			fr.info.Records++
			if fr.report != nil {
				fr.report(fr.info.Records)
			}
			if !keep {
				continue
			}
			if fr.legacy && table == "targets" {
				fr.held = append(fr.held, heldRow{table, r})
				continue
			}
			return table, r, nil
		}
		var tl tableLine
		if err := json.Unmarshal(line, &tl); err != nil {
			return "", nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		// An older file's targets are let out once its checklist, which becomes hand-ins,
		// has been read: hand-ins come before targets today.
		if len(fr.held) > 0 && (tl.Table == nil || *tl.Table != "checklist_items") {
			fr.queue, fr.held, fr.pending = fr.held, nil, slices.Clone(line)
			continue
		}
		switch {
		case tl.SHA256 != nil:
			if hex.EncodeToString(fr.sum.Sum(nil)) != *tl.SHA256 {
				return "", nil, fmt.Errorf("%w: checksum does not match", ErrDamaged)
			}
			fr.done = true
		case tl.Table != nil:
			fr.hash(line)
			// Parents come before children, each table once: the order a merge places them in.
			i := slices.Index(fr.tables, *tl.Table)
			cols, _ := store.SyncColumns(*tl.Table)
			same := slices.Equal(cols, tl.Columns)
			legacy := !same && slices.Equal(store.LegacyColumns(*tl.Table), tl.Columns)
			if i < 0 || !same && !legacy && !store.CompatibleColumns(*tl.Table, tl.Columns) {
				return "", nil, fmt.Errorf("%w: table %q out of place or unknown", ErrDamaged, *tl.Table)
			}
			fr.table, fr.tables, fr.cols, fr.legacy = *tl.Table, fr.tables[i+1:], nil, legacy
			if !same && !legacy {
				fr.cols = tl.Columns
			}
		default:
			return "", nil, fmt.Errorf("%w: a line of no known kind", ErrDamaged)
		}
	}
}

// parse reads one record of the current table into today's shape: as it is, lacking the
// columns added since its file was written, or in the shape of a termbook before hand-ins
// (keep is false for one that has no place now).
func (fr *fileReader) parse(line []byte) (table string, r store.SyncRow, keep bool, err error) {
	switch {
	case fr.legacy:
		table, r, keep, err = store.ParseLegacyRow(fr.table, line, fr.pairTeachers)
	case fr.cols != nil:
		table, keep = fr.table, true
		r, err = store.ParseSyncRowFrom(fr.table, fr.cols, line)
	default:
		table, keep = fr.table, true
		r, err = store.ParseSyncRow(fr.table, line)
	}
	if err == nil && table == "mentor_pairs" {
		cols, _ := store.SyncColumns(table)
		mentor, mentee := r[slices.Index(cols, "mentor_id")], r[slices.Index(cols, "mentee_id")]
		fr.pairs[fmt.Sprint(r[0])] = [2]string{fmt.Sprint(mentor), fmt.Sprint(mentee)}
	}
	return table, r, keep, err
}

// fileTables lists the tables a file may hold, in the order it holds them: today's, and the
// checklist of a termbook before hand-ins, after its targets.
func fileTables() []string {
	tables := store.SyncTables()
	return slices.Insert(tables, slices.Index(tables, "term_grades"), "checklist_items")
}

// pairTeachers finds a mentor pair's teachers: in the file, else where lookup looks.
func (fr *fileReader) pairTeachers(id string) (string, string, bool) {
	if p, ok := fr.pairs[id]; ok {
		return p[0], p[1], true
	}
	if fr.lookup != nil {
		return fr.lookup(id)
	}
	return "", "", false
}

func (fr *fileReader) hash(line []byte) {
	fr.sum.Write(line)
	fr.sum.Write([]byte{'\n'})
}

// ExportResult says what Export wrote.
type ExportResult struct {
	Path    string
	Partner string // "" for a full export
	Records int
	Since   bool // only the changes since the last export to Partner
}

// Export writes the records this installation made or changed to an exchange file at path:
// for a named partner those since the last export to it (all of them the first time), and
// without one all of them. The file appears whole or not at all; only then is the partner's
// mark moved on.
func Export(ctx context.Context, s *store.Store, path, partner string) (ExportResult, error) {
	res := ExportResult{Path: path, Partner: partner}
	if err := store.CheckOutput(s.Path(), path); err != nil {
		return res, err
	}
	var after int64
	if partner != "" {
		if err := store.ValidatePartner(partner); err != nil {
			return res, err
		}
		var err error
		if after, err = s.PartnerSent(ctx, partner); err != nil {
			return res, err
		}
		res.Since = after > 0
	}
	var info Info
	err := writeFile(path, func(w io.Writer) error {
		var err error
		info, err = Write(ctx, w, s, after)
		return err
	})
	if err != nil {
		return res, err
	}
	res.Records = info.Records
	if partner != "" {
		if err := s.SetPartnerSent(ctx, partner, info.Seq); err != nil {
			return res, err
		}
	}
	return res, nil
}

// writeFile writes a temporary file beside path, syncs it and renames it into place.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w: %w", ErrCantWrite, err)
	}
	defer os.Remove(f.Name())
	err = f.Chmod(0o644)
	if err == nil {
		err = write(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("export: %w: %w", ErrCantWrite, err)
	}
	return nil
}

// Summary says what an import did; the command line and the screens show it with
// i18n's ExchangeSummary.
type Summary struct {
	store.MergeResult
	From    string // the installation that wrote the file
	Records int    // records the file held
	Backup  string // the copy of the database taken just before
}

// Import checks the whole exchange file at path, and every record in it as termbook checks
// what people type, backs the database up, and merges the file's records. A file that fails
// a check is refused before the backup and before anything is written.
func Import(ctx context.Context, s *store.Store, path string) (Summary, error) {
	return importFile(ctx, s, path, true, nil)
}

// Progress is how far an import has come: while the file is checked, the records Checked so
// far (Total is still 0); then, while they are merged, Merged of Total.
type Progress struct {
	Checked, Merged, Total int
}

// ImportReporting is Import telling report how far it has come after every record; a large
// first import takes a while, and report decides how often to show it.
func ImportReporting(ctx context.Context, s *store.Store, path string, report func(Progress)) (Summary, error) {
	return importFile(ctx, s, path, true, report)
}

func importFile(ctx context.Context, s *store.Store, path string, backup bool, report func(Progress)) (Summary, error) {
	var sum Summary
	var checked, merged func(int)
	if report != nil {
		checked = func(n int) { report(Progress{Checked: n}) }
	}
	rc, err := s.NewRecordCheck(ctx)
	if err != nil {
		return sum, err
	}
	info, err := verifyFile(path, rc.Check, checked)
	var bad *store.RecordError
	if (err == nil || errors.As(err, &bad)) && info.From == s.InstallationID() {
		// Its records claim this machine's changes: the file is this database's own.
		return sum, ErrOwnFile
	}
	if err != nil {
		return sum, err
	}
	sum.From, sum.Records = info.From, info.Records
	if err := s.ReadOnlyReason(); err != nil {
		return sum, &store.FileError{Path: s.Path(), Err: err}
	}
	if backup {
		// An ordinary backup: it takes part in rotation, so monthly imports from a USB stick
		// do not pile up full copies of the database forever.
		b, err := s.BackupNow(ctx, s.Now(), "")
		if err != nil {
			return sum, err
		}
		sum.Backup = b.Path
	}
	// The file is read a second time, record by record, into the merge; should it differ
	// from the checked one now, the merge fails whole.
	f, err := os.Open(path)
	if err != nil {
		return sum, fmt.Errorf("import: %w: %w", ErrCantRead, err)
	}
	defer f.Close()
	fr, err := newFileReader(f)
	if err != nil {
		return sum, err
	}
	// An older file's checklist items of pairs sent before are placed by the pairs here.
	fr.lookup = func(id string) (string, string, bool) {
		p, err := s.MentorPair(ctx, id)
		return p.MentorID, p.MenteeID, err == nil
	}
	if report != nil {
		merged = func(n int) { report(Progress{Checked: info.Records, Merged: n, Total: info.Records}) }
	}
	fr.report = merged
	if sum.MergeResult, err = s.Merge(ctx, fr); err != nil {
		return sum, err
	}
	// The records are committed; a checkpoint that fails now happens when the file closes.
	s.Checkpoint(ctx)
	return sum, nil
}

// verifyFile checks the exchange file at path and each of its records.
func verifyFile(path string, check func(string, store.SyncRow) error, report func(n int)) (Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return Info{}, fmt.Errorf("import: %w: %w", ErrCantRead, err)
	}
	defer f.Close()
	return verify(f, check, report)
}
