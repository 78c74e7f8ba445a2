package exchange_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/store/storetest"
)

// pair is two installations started from one file, as in the field: a keeps the file's
// identity, b is the copy given its own.
func pair(t *testing.T) (b base, a, bb *store.Store, clk *clock, dir string) {
	dir = t.TempDir()
	b = makeBase(t, dir)
	clk = &clock{t: start.Add(time.Hour)}
	a = copyDB(t, b, filepath.Join(dir, "a", "termbook.db"), clk, false)
	bb = copyDB(t, b, filepath.Join(dir, "b", "termbook.db"), clk, true)
	t.Cleanup(func() { a.Close(); bb.Close() })
	return b, a, bb, clk, dir
}

// TestRoundTrip: a change on each side, exchanged both ways, is on both sides.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, a, bb, clk, dir := pair(t)
	sa, err := a.CreateSchool(ctx, store.School{Name: "侯庄中学"})
	must(t, err)
	clk.advance(time.Second)
	o, err := bb.Observation(ctx, firstObservation(t, bb, b))
	must(t, err)
	o.Texts.Comments = "课堂气氛活跃，提问有层次"
	o.Rubric.Dimensions[0].Max = 12 // a rubric the other side has never seen
	_, err = bb.UpdateObservation(ctx, o)
	must(t, err)

	sum, err := exchange.Import(ctx, bb, exportTo(t, a, dir, "to-b", 1))
	must(t, err)
	if sum.Added != 1 {
		t.Errorf("b imported %+v, want 1 added", sum.MergeResult)
	}
	if _, err := os.Stat(sum.Backup); err != nil {
		t.Errorf("no backup before the import: %v", err)
	}
	sum, err = exchange.Import(ctx, a, exportTo(t, bb, dir, "to-a", 1))
	must(t, err)
	if sum.Updated != 1 || sum.Conflicts != 0 {
		t.Errorf("a imported %+v, want 1 updated, no conflict", sum.MergeResult)
	}
	for _, s := range []*store.Store{a, bb} {
		got, err := s.School(ctx, sa.ID)
		if err != nil || got.Name != "侯庄中学" {
			t.Errorf("%s: school %+v, %v", s.Path(), got, err)
		}
		o, err := s.Observation(ctx, o.ID)
		if err != nil || o.Texts.Comments != "课堂气氛活跃，提问有层次" || o.Rubric.Dimensions[0].Max != 12 {
			t.Errorf("%s: comments %q, rubric %+v, %v", s.Path(), o.Texts.Comments, o.Rubric.Dimensions, err)
		}
	}
	if da, db := dump(t, a.Path()), dump(t, bb.Path()); da != db {
		t.Errorf("a and b differ:\n%s\n%s", da, db)
	}
}

func firstObservation(t *testing.T, s *store.Store, b base) string {
	list, err := s.Observations(context.Background(), store.ObservationFilter{TermID: b.termID})
	must(t, err)
	if len(list) == 0 {
		t.Fatal("no observation in the sample")
	}
	return list[0].ID
}

// TestImportTwice: the second import of a file changes nothing and says so.
func TestImportTwice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, a, bb, clk, dir := pair(t)
	_, err := a.CreateSchool(ctx, store.School{Name: "三小"})
	must(t, err)
	te, err := a.Teachers(ctx)
	must(t, err)
	must(t, a.Delete(ctx, store.KindTeacher, te[0].ID))
	file := exportTo(t, a, dir, "to-b", 1)
	first, err := exchange.Import(ctx, bb, file)
	must(t, err)
	before := dump(t, bb.Path())
	clk.advance(time.Minute)
	second, err := exchange.Import(ctx, bb, file)
	must(t, err)
	if got := dump(t, bb.Path()); got != before {
		t.Error("the second import changed the database")
	}
	want := store.MergeResult{Unchanged: first.Added + first.Updated + first.Unchanged}
	if second.MergeResult != want {
		t.Errorf("second import: %+v, want %+v (first was %+v)", second.MergeResult, want, first.MergeResult)
	}
	if first.Backup == second.Backup {
		t.Error("both imports wrote the same backup")
	}
}

// TestRefusedFiles: a file that is not whole, not ours or too new is refused before anything
// is written, and no backup is needed.
func TestRefusedFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, a, bb, _, dir := pair(t)
	_, err := a.CreateSchool(ctx, store.School{Name: "三小"})
	must(t, err)
	good := readAll(t, exportTo(t, a, dir, "to-b", 1))
	flipped := append([]byte{}, good...)
	flipped[len(flipped)/2] ^= 0x20
	termbookDB := readAll(t, bb.Path())
	header := `{"format":"termbook-exchange","version":2}` + "\n" + `{"from":"x","created_at":"2030-01-01T00:00:00Z"}`
	schools := `{"table":"schools","columns":["id","created_at","updated_at","updated_by","deleted_at","name","short_name","district"]}`
	school := func(vals string) string { return "[" + vals + "]" }

	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, exchange.ErrNotExchange},
		{"one byte", good[:1], exchange.ErrNotExchange},
		{"truncated to half", good[:len(good)/2], exchange.ErrDamaged},
		{"last byte missing", good[:len(good)-1], exchange.ErrDamaged},
		{"gzip header only", good[:10], exchange.ErrDamaged},
		{"flipped byte", flipped, exchange.ErrDamaged},
		{"trailing garbage", append(append([]byte{}, good...), "xyz"...), exchange.ErrDamaged},
		{"text file", []byte("姓名,学校\n张三,五小\n"), exchange.ErrNotExchange},
		{"termbook database", termbookDB, exchange.ErrNotExchange},
		{"other gzip", gzipped(t, []byte(`{"name":"something else"}`)), exchange.ErrNotExchange},
		{"other gzip, not JSON", gzipped(t, []byte("hello")), exchange.ErrNotExchange},
		{"newer version", exFile(t, fmt.Sprintf(`{"format":"termbook-exchange","version":%d}`, exchange.Version+1), true, `{"anything":"else"}`), exchange.ErrNewer},
		{"checksum wrong", exFile(t, header, false), exchange.ErrDamaged},
		{"no checksum", gzipped(t, []byte(header+"\n")), exchange.ErrDamaged},
		{"unknown table", exFile(t, header, true, `{"table":"passwords","columns":["id"]}`), exchange.ErrDamaged},
		{"record before its table", exFile(t, header, true, school(`"s1","2030-01-01T00:00:00.000Z","2030-01-01T00:00:00.000Z","x",null,"一小","",""`)), exchange.ErrDamaged},
		{"bad timestamp", exFile(t, header, true, schools, school(`"s1","2030-01-01","2030-01-01T00:00:00.000Z","x",null,"一小","",""`)), exchange.ErrDamaged},
		{"wrong column count", exFile(t, header, true, schools, school(`"s1","2030-01-01T00:00:00.000Z","2030-01-01T00:00:00.000Z","x",null,"一小"`)), exchange.ErrDamaged},
		{"tables out of order", exFile(t, header, true, `{"table":"teachers","columns":["id","created_at","updated_at","updated_by","deleted_at","school_id","name","pinyin","initials","subjects","grade","rank","post","honour","active"]}`, schools), exchange.ErrDamaged},
		{"columns of no version", exFile(t, header, true, `{"table":"teachers","columns":["id","created_at","updated_at","updated_by","deleted_at","school_id","name","pinyin","initials","subjects","grade","title","rank","active"]}`), exchange.ErrDamaged},
	}
	before := dump(t, bb.Path())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".tbx")
			must(t, os.WriteFile(path, tt.data, 0o644))
			_, err := exchange.Import(ctx, bb, path)
			if !errors.Is(err, tt.want) {
				t.Fatalf("import: %v, want %v", err, tt.want)
			}
			if got := dump(t, bb.Path()); got != before {
				t.Error("the refused file changed the database")
			}
			if _, err := os.Stat(store.BackupDir(bb.Path())); !errors.Is(err, os.ErrNotExist) {
				t.Error("a backup was taken for a refused file")
			}
		})
	}
	if _, err := exchange.Import(ctx, bb, filepath.Join(dir, "missing.tbx")); !errors.Is(err, exchange.ErrCantRead) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestEveryFlippedByte: whichever single bit of a file is damaged, the file is refused or
// reads exactly as the intact one (gzip leaves a few bits unguarded: its header's flags,
// time and OS, and the padding of deflate's block headers; none of them carries content).
func TestEveryFlippedByte(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, a, _, dir := pair(t) // the copy: a small file of one school
	_, err := a.CreateSchool(ctx, store.School{Name: "三小"})
	must(t, err)
	good := readAll(t, exportTo(t, a, dir, "to-b", 1))
	wantHead, want, err := exchange.ReadAll(bytes.NewReader(good))
	must(t, err)
	accepted := 0
	for i := range good {
		for bit := range 8 {
			bad := append([]byte{}, good...)
			bad[i] ^= 1 << bit
			if _, err := exchange.Verify(bytes.NewReader(bad)); err != nil {
				continue
			}
			gotHead, got, err := exchange.ReadAll(bytes.NewReader(bad))
			if err != nil {
				t.Fatalf("byte %d bit %d: verified, then unreadable: %v", i, bit, err)
			}
			accepted++
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotHead, wantHead) {
				t.Fatalf("byte %d bit %d: accepted with different contents", i, bit)
			}
		}
	}
	t.Logf("%d of %d one-bit damages were harmless and accepted; the rest were refused", accepted, 8*len(good))
}

// TestOwnFile: a file from this very database (or a copy that kept its identity) is refused.
func TestOwnFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, a, _, _, dir := pair(t)
	if _, err := exchange.Import(ctx, a, exportTo(t, a, dir, "self", 1)); !errors.Is(err, exchange.ErrOwnFile) {
		t.Fatalf("import own file: %v, want ErrOwnFile", err)
	}
}

// TestExportSincePartner: an export for a partner carries only what changed since the last
// one for that partner; another partner, or no partner, gets everything.
func TestExportSincePartner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, a, clk, dir := pair(t) // the copy: nothing of its own yet
	count := func(path string) int {
		f, err := os.Open(path)
		must(t, err)
		defer f.Close()
		info, err := exchange.Verify(f)
		must(t, err)
		return info.Records
	}
	if n := count(exportTo(t, a, dir, "", 1)); n != 0 {
		t.Errorf("a fresh copy exports %d records; want none, it has made nothing yet", n)
	}
	_, err := a.CreateSchool(ctx, store.School{Name: "三小"})
	must(t, err)
	if n := count(exportTo(t, a, dir, "五小", 1)); n != 1 {
		t.Errorf("first export for a partner: %d records, want 1", n)
	}
	if n := count(exportTo(t, a, dir, "五小", 2)); n != 0 {
		t.Errorf("second export with no change: %d records, want 0", n)
	}
	clk.advance(time.Second)
	sc, err := a.CreateSchool(ctx, store.School{Name: "四小"})
	must(t, err)
	must(t, a.Delete(ctx, store.KindSchool, sc.ID))
	if n := count(exportTo(t, a, dir, "五小", 3)); n != 1 {
		t.Errorf("after one new (deleted) school: %d records, want 1", n)
	}
	if n := count(exportTo(t, a, dir, "侯庄", 1)); n != 2 {
		t.Errorf("first export for another partner: %d records, want 2", n)
	}
	if n := count(exportTo(t, a, dir, "", 2)); n != 2 {
		t.Errorf("full export: %d records, want 2", n)
	}
}

// TestWaitingForReferences: a record whose references have not arrived waits, and is placed
// when they come, whatever order the files arrive in.
func TestWaitingForReferences(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, a, bb, clk, dir := pair(t)
	sc, err := a.CreateSchool(ctx, store.School{Name: "三小"})
	must(t, err)
	te, err := a.CreateTeacher(ctx, store.Teacher{SchoolID: sc.ID, Name: "刘洋"})
	must(t, err)
	first := exportTo(t, a, dir, "to-b", 1)
	clk.advance(time.Second)
	o, err := a.CreateObservation(ctx, store.Observation{TermID: b.termID, SchoolID: sc.ID, TeacherID: te.ID,
		ObserverID: b.teachers[0], On: storetest.Date("2026-09-29"), Texts: store.ObservationTexts{Process: "新授"}})
	must(t, err)
	second := exportTo(t, a, dir, "to-b", 2)

	sum, err := exchange.Import(ctx, bb, second)
	must(t, err)
	if sum.Waiting != 1 || sum.Added != 0 {
		t.Fatalf("second file first: %+v, want the observation waiting", sum.MergeResult)
	}
	if _, err := bb.Observation(ctx, o.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the waiting observation is already visible: %v", err)
	}
	sum, err = exchange.Import(ctx, bb, first)
	must(t, err)
	if sum.Waiting != 0 || sum.Added != 3 {
		t.Errorf("first file second: %+v, want school, teacher and observation added, none waiting", sum.MergeResult)
	}
	got, err := bb.Observation(ctx, o.ID)
	if err != nil || got.Texts.Process != "新授" {
		t.Errorf("observation after both files: %+v, %v", got, err)
	}
}

// TestSameNameOnBothSides: both schools enter the same new school; after the exchange each
// side has one live school of that name, and the same one.
func TestSameNameOnBothSides(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, a, bb, clk, dir := pair(t)
	_, err := a.CreateSchool(ctx, store.School{Name: "侯庄中学"})
	must(t, err)
	clk.advance(time.Millisecond)
	_, err = bb.CreateSchool(ctx, store.School{Name: "侯庄中学", District: "定边县"})
	must(t, err)
	sum, err := exchange.Import(ctx, bb, exportTo(t, a, dir, "to-b", 1))
	must(t, err)
	if sum.Conflicts != 1 {
		t.Errorf("b: %+v, want 1 conflict", sum.MergeResult)
	}
	_, err = exchange.Import(ctx, a, exportTo(t, bb, dir, "to-a", 1))
	must(t, err)
	_, err = exchange.Import(ctx, bb, exportTo(t, a, dir, "to-b", 2))
	must(t, err)
	for _, s := range []*store.Store{a, bb} {
		var names []string
		list, err := s.Schools(ctx)
		must(t, err)
		for _, sc := range list {
			if sc.Name == "侯庄中学" {
				names = append(names, sc.District)
			}
		}
		if !reflect.DeepEqual(names, []string{"定边县"}) {
			t.Errorf("%s: live 侯庄中学 in districts %q, want the later one only", s.Path(), names)
		}
	}
	if da, db := dump(t, a.Path()), dump(t, bb.Path()); da != db {
		t.Error("a and b differ")
	}
}

// TestConflictsCounted: a change made on one side after seeing the other's is no conflict;
// changes made on both sides unaware of each other are one, on both sides.
func TestConflictsCounted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, a, bb, clk, dir := pair(t)
	// b edits the record the sample made last, then a sends everything it ever made.
	log, err := bb.GuidanceLog(ctx, b.pairID)
	must(t, err)
	g := log[0]
	g.Reflection = "学会了如何评课"
	_, err = bb.UpdateGuidance(ctx, g)
	must(t, err)
	sum, err := exchange.Import(ctx, bb, exportTo(t, a, dir, "to-b", 1))
	must(t, err)
	if sum.Conflicts != 0 || sum.Updated != 0 {
		t.Errorf("b, old versions arriving: %+v, want no update and no conflict", sum.MergeResult)
	}
	sum, err = exchange.Import(ctx, a, exportTo(t, bb, dir, "to-a", 1))
	must(t, err)
	if sum.Conflicts != 0 || sum.Updated != 1 {
		t.Errorf("a, b's later edit arriving: %+v, want 1 update and no conflict", sum.MergeResult)
	}

	// Both edit one teacher before hearing from the other.
	clk.advance(time.Second)
	for i, s := range []*store.Store{a, bb} {
		te, err := s.Teacher(ctx, b.teachers[2])
		must(t, err)
		te.Honour = []string{"骨干教师", "学科带头人"}[i]
		_, err = s.UpdateTeacher(ctx, te)
		must(t, err)
		clk.advance(time.Millisecond)
	}
	toB, toA := exportTo(t, a, dir, "to-b", 2), exportTo(t, bb, dir, "to-a", 2)
	for _, imp := range []struct {
		s    *store.Store
		file string
	}{{bb, toB}, {a, toA}} {
		sum, err := exchange.Import(ctx, imp.s, imp.file)
		must(t, err)
		if sum.Conflicts != 1 {
			t.Errorf("%s: %+v, want 1 conflict", imp.s.Path(), sum.MergeResult)
		}
	}
	for _, s := range []*store.Store{a, bb} {
		te, err := s.Teacher(ctx, b.teachers[2])
		must(t, err)
		if te.Honour != "学科带头人" {
			t.Errorf("%s: honour %q, want the later 学科带头人", s.Path(), te.Honour)
		}
	}
}

func gzipped(t tb, data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(data)
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// exFile makes an exchange file of lines, ending with a right or wrong checksum.
func exFile(t tb, first string, rightSum bool, more ...string) []byte {
	body := strings.Join(append([]string{first}, more...), "\n") + "\n"
	sum := sha256.Sum256([]byte(body))
	if !rightSum {
		sum[0] ^= 1
	}
	return gzipped(t, []byte(body+`{"sha256":"`+hex.EncodeToString(sum[:])+`"}`+"\n"))
}
