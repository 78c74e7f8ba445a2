package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// termbook's packages stand in three layers, and imports run downward only: cmd → ui →
// store. The domain and its SQL (store/) never import what shows it (ui/) or what starts it
// (cmd/), and ui/ never imports cmd/.

// module is termbook's module path, as go.mod names it.
const module = "termbook"

// layers are the top-level folders from the bottom up.
var layers = []string{"store", "ui", "cmd"}

// listedPackage is what `go list -json` says of a package that the layer check reads.
type listedPackage struct {
	ImportPath string
	Imports    []string // what its non-test files import, on the platform listed
}

// layerOf is the index in layers of an import path of this module, or -1 for another
// module's package (or one outside the three folders).
func layerOf(path string) int {
	rest, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return -1
	}
	top, _, _ := strings.Cut(rest, "/")
	return slices.Index(layers, top)
}

// upwardImports lists every import that runs from a package up to a higher layer, as
// "termbook/store/x imports termbook/ui/y".
func upwardImports(pkgs []listedPackage) []string {
	var bad []string
	for _, p := range pkgs {
		from := layerOf(p.ImportPath)
		if from < 0 {
			continue
		}
		for _, imp := range p.Imports {
			if layerOf(imp) > from {
				bad = append(bad, p.ImportPath+" imports "+imp)
			}
		}
	}
	return bad
}

// listPackages runs `go list -json` on the whole module for one platform.
func listPackages(t *testing.T, goos string) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", module+"/...")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list for %s: %v\n%s", goos, err, stderr.Bytes())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return pkgs
		} else if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		pkgs = append(pkgs, p)
	}
}

// TestImportsRunDownward checks the real tree, on each kind of system termbook is built
// for (files for one system alone may import what others do not).
func TestImportsRunDownward(t *testing.T) {
	t.Parallel()
	for _, goos := range []string{"linux", "windows", "darwin"} {
		t.Run(goos, func(t *testing.T) {
			t.Parallel()
			checkLayers(t, goos)
		})
	}
}

// checkLayers checks the tree as it is built for goos.
func checkLayers(t *testing.T, goos string) {
	pkgs := listPackages(t, goos)
	// The check must have something to check: every layer listed, and the imports read
	// (the program imports ui, and ui imports store).
	seen := map[int]bool{}
	down := 0
	for _, p := range pkgs {
		seen[layerOf(p.ImportPath)] = true
		for _, imp := range p.Imports {
			if l := layerOf(imp); l >= 0 && l < layerOf(p.ImportPath) {
				down++
			}
		}
	}
	if !seen[0] || !seen[1] || !seen[2] || down == 0 {
		t.Fatalf("go list gave %d packages, %d downward imports: not the whole tree", len(pkgs), down)
	}
	for _, b := range upwardImports(pkgs) {
		t.Errorf("%s: imports must run cmd → ui → store", b)
	}
}

// TestUpwardImportsFound checks the check: each kind of upward import is reported, and
// downward, sideways and outside imports are not.
func TestUpwardImportsFound(t *testing.T) {
	t.Parallel()
	pkgs := []listedPackage{
		{ImportPath: "termbook/store", Imports: []string{"context", "modernc.org/sqlite"}},
		{ImportPath: "termbook/store/review", Imports: []string{"termbook/store", "termbook/ui/i18n"}},
		{ImportPath: "termbook/store/sample", Imports: []string{"termbook/store/review", "termbook/cmd/termbook"}},
		{ImportPath: "termbook/ui", Imports: []string{"termbook/store", "termbook/ui/i18n", "github.com/charmbracelet/bubbletea"}},
		{ImportPath: "termbook/ui/report", Imports: []string{"termbook/cmd/termbook"}},
		{ImportPath: "termbook/cmd/termbook", Imports: []string{"termbook/ui", "termbook/store"}},
		{ImportPath: "termbookextra/x", Imports: []string{"termbook/cmd/termbook"}},
	}
	got := upwardImports(pkgs)
	want := []string{
		"termbook/store/review imports termbook/ui/i18n",
		"termbook/store/sample imports termbook/cmd/termbook",
		"termbook/ui/report imports termbook/cmd/termbook",
	}
	if !slices.Equal(got, want) {
		t.Errorf("upwardImports\n got %q\nwant %q", got, want)
	}
}
