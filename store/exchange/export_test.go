package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"io"

	"termbook/store"
)

// MergeFile imports without the backup, for tests that import thousands of files.
func MergeFile(ctx context.Context, s *store.Store, path string) (Summary, error) {
	return importFile(ctx, s, path, false, nil)
}

// Verify checks a whole file as an import does before it writes anything.
func Verify(r io.Reader) (Info, error) { return verify(r, nil, nil) }

// ReadAll reads every record of a file: its header and one "table row" line per record.
func ReadAll(r io.Reader) (store.ChangeHeader, []string, error) {
	fr, err := newFileReader(r)
	if err != nil {
		return store.ChangeHeader{}, nil, err
	}
	var recs []string
	for {
		table, row, err := fr.Next()
		if errors.Is(err, io.EOF) {
			return fr.Header(), recs, nil
		}
		if err != nil {
			return store.ChangeHeader{}, nil, err
		}
		b, _ := json.Marshal(row)
		recs = append(recs, table+" "+string(b))
	}
}
