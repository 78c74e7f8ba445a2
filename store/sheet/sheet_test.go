package sheet_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"termbook/store/sheet"
)

// workbook writes a small good teacher list and returns its zip's parts by name.
func workbook(t *testing.T, rows [][]any) map[string][]byte {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range z.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// deflated compresses b into deflate blocks that are not final, so that several can follow
// one another in one stream: each refers back only within itself.
func deflated(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is a workbook with a good teacher list and, in its shared strings, one string of
// size bytes, written without ever holding it: a megabyte of it is compressed once and its
// blocks repeated, so a 1 GiB string packs into about a megabyte.
func bomb(t *testing.T, size int64) []byte {
	t.Helper()
	parts := workbook(t, [][]any{{"姓名", "学校"}, {"王晓梅", "定边第五小学"}})
	var out bytes.Buffer
	z := zip.NewWriter(&out)
	for name, body := range parts {
		if name == "xl/sharedStrings.xml" {
			continue
		}
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	// The list's own strings, then one more that no cell uses, of size bytes.
	sst, ok := bytes.CutSuffix(parts["xl/sharedStrings.xml"], []byte("</sst>"))
	if !ok {
		t.Fatalf("shared strings %q", parts["xl/sharedStrings.xml"])
	}
	head := append(sst, "<si><t>"...)
	tail := []byte(`</t></si></sst>`)
	chunk := bytes.Repeat([]byte("A"), 1<<20)
	n := size / int64(len(chunk))
	crc := crc32.Update(crc32.ChecksumIEEE(head), crc32.IEEETable, nil)
	var packed bytes.Buffer
	packed.Write(deflated(t, head))
	packedChunk := deflated(t, chunk)
	for range n {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
		packed.Write(packedChunk)
	}
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	packed.Write(deflated(t, tail))
	var end bytes.Buffer // the final, empty block
	w, _ := flate.NewWriter(&end, flate.BestCompression)
	w.Close()
	packed.Write(end.Bytes())
	hw, err := z.CreateRaw(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: uint64(len(head)+len(tail)) + uint64(n)*uint64(len(chunk))})
	if err != nil {
		t.Fatal(err)
	}
	hw.Write(packed.Bytes())
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestXLSXBombRefused: a workbook whose shared strings unpack to 1 GiB is refused from the
// sizes its zip declares, before a byte of it is unpacked; one just under the limit is read.
func TestXLSXBombRefused(t *testing.T) {
	data := bomb(t, 1<<30)
	if len(data) > 2<<20 {
		t.Fatalf("the bomb is %d bytes, want a small file", len(data))
	}
	if _, _, err := sheet.Read(data); !errors.Is(err, sheet.ErrTooLarge) {
		t.Errorf("1 GiB shared string: %v, want ErrTooLarge", err)
	}
	rows, _, err := sheet.Read(bomb(t, sheet.MaxUnpacked/2))
	if err != nil || len(rows) != 2 || rows[1].Cells[0] != "王晓梅" || rows[1].Cells[1] != "定边第五小学" {
		t.Errorf("a workbook within the limit: %d rows, %v", len(rows), err)
	}
}

// TestTooManyColumnsRefused: a row wider than any list refuses the file, naming the row,
// rather than filling memory with empty cells (XLSX fills the gap up to a far-off cell).
func TestTooManyColumnsRefused(t *testing.T) {
	wide := make([]any, sheet.MaxColumns+1)
	wide[0], wide[1], wide[sheet.MaxColumns] = "王晓梅", "定边第五小学", "x"
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range workbook(t, [][]any{{"姓名", "学校"}, wide}) {
		w, _ := z.Create(name)
		w.Write(body)
	}
	z.Close()
	csv := "姓名,学校\n王晓梅,定边第五小学" + strings.Repeat(",", sheet.MaxColumns) + "\n"
	for name, data := range map[string][]byte{"xlsx": buf.Bytes(), "csv": []byte(csv)} {
		_, _, err := sheet.Read(data)
		var fe *sheet.FaultError
		if !errors.As(err, &fe) || fe.Line != 2 || !errors.Is(err, sheet.ErrTooWide) {
			t.Errorf("%s: %v, want row 2 too wide", name, err)
		}
	}
}

// TestCROnlyLinesAndHeaderOnly: lines ending in CR alone are lines; a file with a header and
// nothing under it is refused rather than imported as nothing.
func TestCROnlyLinesAndHeaderOnly(t *testing.T) {
	rows, _, err := sheet.Read([]byte("姓名,学校\r王晓梅,定边第五小学\r李小红,侯庄小学\r"))
	if err != nil || len(rows) != 3 || rows[2].Cells[0] != "李小红" || rows[2].Line != 3 {
		t.Errorf("CR line ends: %+v, %v", rows, err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range workbook(t, [][]any{{"姓名", "学校"}}) {
		w, _ := z.Create(name)
		w.Write(body)
	}
	z.Close()
	for name, data := range map[string][]byte{"csv": []byte("姓名,学校\r\n\r\n,\r\n"), "xlsx": buf.Bytes()} {
		rows, _, err := sheet.Read(data)
		if err == nil {
			_, _, err = sheet.Header(rows, map[string]string{"姓名": "name", "学校": "school"}, "name", "school")
		}
		if !errors.Is(err, sheet.ErrNoRows) {
			t.Errorf("%s with a header only: %v, want ErrNoRows", name, err)
		}
	}
}

// TestCSVFaultsNamed: CSV is read strictly; a stray quote is named by the row its record
// starts on and the column of its cell, and never runs two rows together.
func TestCSVFaultsNamed(t *testing.T) {
	for _, c := range []struct {
		name, text   string
		line, column int
		want         error
	}{
		{"quote in an unquoted cell", "姓名,学校,学科\n=HYPERLINK(\"a\",\"b\"),青山路小学,语文\n李小红,侯庄小学,语文\n", 2, 1, sheet.ErrBareQuote},
		{"quote in the second cell", "姓名,学校\n王晓梅,青山\"路\"小学\n", 2, 2, sheet.ErrBareQuote},
		{"text after a closing quote", "姓名,学校\n王晓梅,\"青山\"路小学\n", 2, 2, sheet.ErrQuote},
		{"a quote never closed", "姓名,学校\n\"王晓梅,五小\n李小红,侯庄小学\n", 2, 1, sheet.ErrQuote},
		{"after a cell over two lines", "姓名,学校,备注\n王晓梅,五小,\"第一行\n第二行\"\n李小红,侯庄\"小学,\n", 4, 2, sheet.ErrBareQuote},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, _, err := sheet.Read([]byte(c.text))
			var fe *sheet.FaultError
			if !errors.As(err, &fe) || fe.Line != c.line || fe.Column != c.column || !errors.Is(err, c.want) {
				t.Errorf("got %v (%d rows), want row %d column %d: %v", err, len(rows), c.line, c.column, c.want)
			}
		})
	}
	// Quoted cells with commas, doubled quotes and line breaks are read whole, each row on
	// the line it starts.
	rows, _, err := sheet.Read([]byte("姓名,备注\n王晓梅,\"他说：\"\"好\"\"，\n第二行\"\n李小红,无\n"))
	if err != nil || len(rows) != 3 || rows[1].Cells[1] != "他说：\"好\"，\n第二行" || rows[2].Line != 4 {
		t.Errorf("quoted cells: %+v, %v", rows, err)
	}
}
