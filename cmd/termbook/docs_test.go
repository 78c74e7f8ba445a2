package main

import (
	"cmp"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDocumentedTestsExist checks that every test README.md and BENCHMARKS.md name, as
// `TestX` or `pkg.TestX`, is a test function of that package (of any, without a package):
// the tables that say how a promise is tested must not name tests that were renamed or
// removed.
func TestDocumentedTestsExist(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	funcs := map[string][]string{} // test function name → the folders declaring it
	decl := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Benchmark)\w+)\(`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range decl.FindAllSubmatch(b, -1) {
			funcs[string(m[1])] = append(funcs[string(m[1])], filepath.Dir(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	named := regexp.MustCompile("`(?:(\\w+)\\.)?((?:Test|Fuzz)\\w+)`")
	checked := 0
	for _, doc := range []string{"README.md", "BENCHMARKS.md"} {
		b, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range named.FindAllStringSubmatch(string(b), -1) {
			pkg, name := m[1], m[2]
			checked++
			if !slices.ContainsFunc(funcs[name], func(dir string) bool { return pkg == "" || filepath.Base(dir) == pkg }) {
				t.Errorf("%s names %s, which is no test of %s", doc, m[0], cmp.Or(pkg, "any package"))
			}
		}
	}
	if checked == 0 {
		t.Fatal("README.md and BENCHMARKS.md name no tests: the pattern no longer matches how they are written")
	}
}
