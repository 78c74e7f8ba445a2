// Package exchange owns the file that carries records between paired schools' termbooks on a
// USB stick: its format (gzip-compressed JSON with a format name, a version and a SHA-256 of
// its contents), the checks that refuse a damaged, truncated, foreign or newer file before
// anything is written, and the export and import around them: the marks of what each partner
// has been sent, and the backup taken before every import. Merging itself is store.Merge.
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
	Version = 1
)

// Ext is the file name extension suggested for exchange files.
const Ext = ".tbx"

// maxSize bounds the unpacked size of a file read (a decade of one school's records is far
// smaller), so a hostile file cannot fill the memory of an old machine.
const maxSize = 1 << 30

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

// envelope is the whole file once unpacked. SHA256 is the checksum of Payload's bytes exactly
// as they stand in the file.
type envelope struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	SHA256  string          `json:"sha256"`
	Payload json.RawMessage `json:"payload"`
}

type payload struct {
	From      string            `json:"from"`       // the sending installation
	CreatedAt string            `json:"created_at"` // when the file was written (UTC)
	Schema    int               `json:"schema"`     // the sender's database schema
	Seq       int64             `json:"seq"`        // the sender's last change it includes
	Seen      map[string]string `json:"seen"`       // newest change per installation at the sender
	Tables    []table           `json:"tables"`     // parents before children
}

// table holds one table's records as rows of values in Columns order.
type table struct {
	Name    string            `json:"name"`
	Columns []string          `json:"columns"`
	Rows    []json.RawMessage `json:"rows"`
}

// Info describes a file that was read.
type Info struct {
	From      string    // the installation that wrote it
	CreatedAt time.Time // when
	Records   int
}

// Write writes cs as an exchange file to w.
func Write(w io.Writer, cs store.ChangeSet, createdAt time.Time) error {
	p := payload{From: cs.From, CreatedAt: createdAt.UTC().Format(time.RFC3339), Schema: store.LatestVersion(),
		Seq: cs.Seq, Seen: cs.Seen, Tables: []table{}}
	for _, b := range cs.Batches {
		cols, _ := store.SyncColumns(b.Table)
		t := table{Name: b.Table, Columns: cols, Rows: make([]json.RawMessage, len(b.Rows))}
		for i, r := range b.Rows {
			raw, err := json.Marshal(r)
			if err != nil {
				return fmt.Errorf("write exchange file: %s: %w", b.Table, err)
			}
			t.Rows[i] = raw
		}
		p.Tables = append(p.Tables, t)
	}
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("write exchange file: %w", err)
	}
	sum := sha256.Sum256(body)
	env, err := json.Marshal(envelope{Format: Format, Version: Version, SHA256: hex.EncodeToString(sum[:]), Payload: body})
	if err != nil {
		return fmt.Errorf("write exchange file: %w", err)
	}
	zw := gzip.NewWriter(w)
	if _, err := zw.Write(env); err != nil {
		return fmt.Errorf("write exchange file: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write exchange file: %w", err)
	}
	return nil
}

// Read reads and checks a whole exchange file: it must be gzip whose own checksum holds,
// name this format, be of a version this build knows, match its SHA-256, and hold records of
// the shape of their tables. Only then is the change set returned.
func Read(r io.Reader) (store.ChangeSet, Info, error) {
	var cs store.ChangeSet
	var info Info
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return cs, info, fmt.Errorf("%w: %w", ErrCantRead, err)
	}
	if !bytes.Equal(head, []byte{0x1f, 0x8b}) { // gzip's magic number
		return cs, info, ErrNotExchange
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return cs, info, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxSize+1))
	if err != nil {
		return cs, info, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if len(data) > maxSize {
		return cs, info, fmt.Errorf("%w: larger than %d bytes unpacked", ErrDamaged, maxSize)
	}
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil || env.Format != Format {
		return cs, info, ErrNotExchange
	}
	if env.Version > Version {
		return cs, info, fmt.Errorf("%w: version %d, this termbook reads up to %d", ErrNewer, env.Version, Version)
	}
	if env.Version < 1 {
		return cs, info, fmt.Errorf("%w: version %d", ErrDamaged, env.Version)
	}
	sum := sha256.Sum256(env.Payload)
	if hex.EncodeToString(sum[:]) != env.SHA256 {
		return cs, info, fmt.Errorf("%w: checksum does not match", ErrDamaged)
	}
	var p payload
	if err := json.Unmarshal(env.Payload, &p); err != nil {
		return cs, info, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if info.CreatedAt, err = time.Parse(time.RFC3339, p.CreatedAt); err != nil || p.From == "" {
		return cs, info, fmt.Errorf("%w: no sender or date", ErrDamaged)
	}
	cs = store.ChangeSet{From: p.From, Seq: p.Seq, Seen: p.Seen}
	for _, t := range p.Tables {
		cols, ok := store.SyncColumns(t.Name)
		if !ok || !slices.Equal(cols, t.Columns) {
			return store.ChangeSet{}, info, fmt.Errorf("%w: table %q", ErrDamaged, t.Name)
		}
		b := store.SyncBatch{Table: t.Name, Rows: make([]store.SyncRow, len(t.Rows))}
		for i, raw := range t.Rows {
			if b.Rows[i], err = store.ParseSyncRow(t.Name, raw); err != nil {
				return store.ChangeSet{}, info, fmt.Errorf("%w: %v", ErrDamaged, err)
			}
		}
		cs.Batches = append(cs.Batches, b)
	}
	if err := cs.Check(); err != nil {
		return store.ChangeSet{}, info, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	info.From, info.Records = cs.From, cs.Len()
	return cs, info, nil
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
	cs, err := s.Changes(ctx, after)
	if err != nil {
		return res, err
	}
	res.Records = cs.Len()
	if err := writeFile(path, func(w io.Writer) error { return Write(w, cs, s.Now()) }); err != nil {
		return res, err
	}
	if partner != "" {
		if err := s.SetPartnerSent(ctx, partner, cs.Seq); err != nil {
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

// BackupDir is the folder beside the database where backups go.
func BackupDir(s *store.Store) string { return filepath.Join(filepath.Dir(s.Path()), "backups") }

// Import reads and checks the exchange file at path, backs the database up, and merges the
// file's records. A file that fails a check is refused before anything is written.
func Import(ctx context.Context, s *store.Store, path string) (Summary, error) {
	var sum Summary
	f, err := os.Open(path)
	if err != nil {
		return sum, fmt.Errorf("import: %w: %w", ErrCantRead, err)
	}
	cs, info, err := Read(f)
	f.Close()
	if err != nil {
		return sum, err
	}
	sum.From, sum.Records = info.From, info.Records
	if cs.From == s.InstallationID() {
		return sum, ErrOwnFile
	}
	if err := s.ReadOnlyReason(); err != nil {
		return sum, &store.FileError{Path: s.Path(), Err: err}
	}
	dir := BackupDir(s)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return sum, fmt.Errorf("import: backup: %w: %w", store.ErrCantOpen, err)
	}
	sum.Backup = freeName(filepath.Join(dir, fmt.Sprintf("%s-before-import-%s", stem(s.Path()), s.Now().Format("20060102-150405"))), ".db")
	if err := s.BackupTo(ctx, sum.Backup); err != nil {
		return sum, err
	}
	if sum.MergeResult, err = s.Merge(ctx, cs); err != nil {
		return sum, err
	}
	// The records are committed; a checkpoint that fails now happens when the file closes.
	s.Checkpoint(ctx)
	return sum, nil
}

// freeName is base+ext, or base-2+ext, base-3+ext … whichever does not exist yet, so two
// imports within a second keep both backups.
func freeName(base, ext string) string {
	name := base + ext
	for i := 2; ; i++ {
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
}

func stem(path string) string {
	base := filepath.Base(path)
	return base[:len(base)-len(filepath.Ext(base))]
}
