package report

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// WriteFile writes data beside path and renames it into place, so a failure never leaves a
// half-written file where a whole one was expected.
func WriteFile(path string, data []byte) error {
	return WriteFileFrom(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// WriteFileFrom is WriteFile for data that write produces as it goes (a workbook streamed
// sheet by sheet), so that it is never held whole in memory.
func WriteFileFrom(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(tmp, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// WriteCSVFolder writes each table as NAME.csv in folder dir, making the folder when it is
// missing. Tables of the same name are written as NAME.csv, NAME-2.csv …, so none overwrites
// another.
func WriteCSVFolder(dir string, tables []Table) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	used := map[string]bool{}
	for _, t := range tables {
		name := t.Name
		for n := 2; used[name]; n++ {
			name = t.Name + "-" + strconv.Itoa(n)
		}
		used[name] = true
		var buf bytes.Buffer
		if err := WriteCSV(&buf, t); err != nil {
			return err
		}
		if err := WriteFile(filepath.Join(dir, name+".csv"), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}
