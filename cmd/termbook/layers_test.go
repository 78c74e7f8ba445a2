package main

import (
	"errors"
	"go/build"
	"io/fs"
	"path"
	"path/filepath"
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

// listedPackage is a package of the module and what its non-test files import.
type listedPackage struct {
	ImportPath string
	Imports    []string
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

// listPackages reads every package of the module as the go command builds it for one
// platform: each folder's non-test files that the platform's build constraints select, and
// their imports.
func listPackages(t *testing.T, platform string) []listedPackage {
	t.Helper()
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, _ = strings.Cut(platform, "/")
	ctxt.CgoEnabled = false
	root := filepath.Join("..", "..")
	var pkgs []listedPackage
	err := filepath.WalkDir(root, func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if dir != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		p, err := ctxt.ImportDir(dir, 0)
		var none *build.NoGoError
		if errors.As(err, &none) {
			return nil
		} else if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			return err
		}
		pkgs = append(pkgs, listedPackage{ImportPath: path.Join(module, filepath.ToSlash(rel)), Imports: p.Imports})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// TestImportsRunDownward checks the real tree, as built for each platform termbook supports
// (a file for one system alone may import what the others do not).
func TestImportsRunDownward(t *testing.T) {
	t.Parallel()
	for _, platform := range []string{"windows/386", "windows/amd64", "linux/amd64", "linux/arm64", "linux/loong64", "darwin/arm64"} {
		checkLayers(t, platform)
	}
}

// checkLayers checks the tree as it is built for platform.
func checkLayers(t *testing.T, platform string) {
	t.Helper()
	pkgs := listPackages(t, platform)
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
		t.Fatalf("%s: %d packages read, %d downward imports: not the whole tree", platform, len(pkgs), down)
	}
	for _, b := range upwardImports(pkgs) {
		t.Errorf("%s: %s: imports must run cmd → ui → store", platform, b)
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
