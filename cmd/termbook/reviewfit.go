package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"termbook/store/review"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

// reviewBlock is one row of a review table laid out for a narrow terminal: a name line, then
// one indented line per figure.
type reviewBlock struct {
	name  string
	lines []reviewLine
}

// reviewLine is one figure of a block: "听师傅课  4/8  落后，应5".
type reviewLine struct{ label, count, note string }

// writeReviewFit writes the text review for a terminal width cells wide. A section whose
// table fits is written as the table; one that does not becomes a block per row, so a mentor
// pair reads as its name line and then a line per target, worst pairs first as the review
// sorts them.
func writeReviewFit(w io.Writer, tb *table, width int, l i18n.Lang, r review.Review) error {
	var b strings.Builder
	b.WriteString(ansi.Wrap(report.ReviewTitle(l, r), width, "") + "\n")
	b.WriteString(ansi.Wrap(l.T(msgReviewLegend), width, "") + "\n")
	tables := report.ReviewTables(l, r)
	blocks := [][]reviewBlock{pairBlocks(l, r), teacherBlocks(l, r), schoolPairBlocks(l, r)}
	for i, t := range tables {
		b.WriteByte('\n')
		var wide bytes.Buffer
		if err := report.WriteText(&wide, tb.mode, t); err != nil {
			return err
		}
		if textWidth(tb, wide.String()) <= width {
			b.Write(wide.Bytes())
			continue
		}
		if t.Title != "" {
			b.WriteString(tb.truncate(t.Title, width) + "\n")
		}
		switch {
		case i < len(blocks):
			writeBlocks(&b, tb, width, blocks[i])
		case i == len(blocks):
			writeBlocks(&b, tb, width, checklistBlocks(t, l.T(msgListSep)))
		default:
			writeBlocks(&b, tb, width, tableBlocks(t))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// textWidth is the width in cells of the widest line of s.
func textWidth(tb *table, s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, tb.width(line))
	}
	return n
}

// writeBlocks writes blocks with their figures aligned across the section. Labels are cut
// to fit width, and a note too long for the rest of its line wraps under itself.
func writeBlocks(b *strings.Builder, tb *table, width int, blocks []reviewBlock) {
	const indent = "  "
	labelW, countW, noteW := 0, 0, 0
	for _, bl := range blocks {
		for _, ln := range bl.lines {
			labelW = max(labelW, tb.width(ln.label))
			countW = max(countW, tb.width(ln.count))
			noteW = max(noteW, tb.width(ln.note))
		}
	}
	lead := func(label, count string) string { // the indent, label and count columns
		s := indent + label + strings.Repeat(" ", max(0, labelW-tb.width(label))) + "  "
		if countW > 0 {
			s += count + strings.Repeat(" ", max(0, countW-tb.width(count))) + "  "
		}
		return s
	}
	// Labels give way only to a short note (a status); a long one (a list of items) wraps.
	if over := tb.width(lead("", "")) + min(noteW, 2*minShrunk) - width; over > 0 {
		labelW = max(minShrunk, labelW-over)
	}
	noteRoom := width - tb.width(lead("", ""))
	for _, bl := range blocks {
		b.WriteString(tb.truncate(bl.name, width) + "\n")
		for _, ln := range bl.lines {
			first := lead(tb.truncate(ln.label, labelW), ln.count)
			note := []string{ln.note}
			if noteRoom >= minShrunk {
				note = strings.Split(ansi.Wrap(ln.note, noteRoom, ""), "\n")
			}
			for k, part := range note {
				line := strings.Repeat(" ", tb.width(first)) + part
				if k == 0 {
					line = first + part
				}
				b.WriteString(tb.truncate(strings.TrimRight(line, " "), width) + "\n")
			}
		}
	}
}

// resultLines are a row's targets, one line each.
func resultLines(l i18n.Lang, results []review.Result) []reviewLine {
	lines := make([]reviewLine, len(results))
	for i, x := range results {
		lines[i] = reviewLine{report.ResultHeader(l, x), report.ResultCount(x), report.ResultNote(l, x)}
	}
	return lines
}

// gradeLines are an owner's score, suggested grade and the grade given, those it has.
func gradeLines(l i18n.Lang, g review.Grade) []reviewLine {
	var lines []reviewLine
	for i, cell := range report.GradeCells(l, g) {
		if v := fmt.Sprint(cell); v != "" {
			lines = append(lines, reviewLine{label: report.GradeHeaders(l)[i], count: v})
		}
	}
	return lines
}

func pairBlocks(l i18n.Lang, r review.Review) []reviewBlock {
	var blocks []reviewBlock
	for _, p := range r.Pairs {
		name := strings.Join([]string{p.Mentor.Name + " → " + p.Mentee.Name, p.Pair.Subject, report.StatusWord(l, p.Status)}, "  ")
		blocks = append(blocks, reviewBlock{name: name, lines: append(resultLines(l, p.Results), gradeLines(l, p.Scoring)...)})
	}
	return blocks
}

// teacherBlocks lists each teacher's targets, observations made and received, and grades.
func teacherBlocks(l i18n.Lang, r review.Review) []reviewBlock {
	given, received := report.ObservationHeaders(l)
	var blocks []reviewBlock
	for _, t := range r.Teachers {
		lines := append(resultLines(l, t.Results),
			reviewLine{label: given, count: fmt.Sprint(t.Given)},
			reviewLine{label: received, count: fmt.Sprint(t.Received)})
		name := strings.Join([]string{t.Teacher.Name, t.School.Label(), report.StatusWord(l, t.Status)}, "  ")
		blocks = append(blocks, reviewBlock{name: name, lines: append(lines, gradeLines(l, t.Scoring)...)})
	}
	return blocks
}

func schoolPairBlocks(l i18n.Lang, r review.Review) []reviewBlock {
	var blocks []reviewBlock
	for _, sp := range r.SchoolPairs {
		name := strings.Join([]string{sp.Supporting.Label() + " → " + sp.Supported.Label(), report.StatusWord(l, sp.Status)}, "  ")
		blocks = append(blocks, reviewBlock{name: name, lines: append(resultLines(l, sp.Results), gradeLines(l, sp.Scoring)...)})
	}
	return blocks
}

// checklistBlocks makes a block of each teacher in the materials table: a line per state
// (已查 3, 未交 …) naming its kinds; kinds not on the teacher's checklist are left out.
func checklistBlocks(t report.Table, sep string) []reviewBlock {
	blocks := make([]reviewBlock, len(t.Rows))
	for i, row := range t.Rows {
		blocks[i].name = fmt.Sprint(row[0])
		var states []string
		items := map[string][]string{}
		for j := 1; j < min(len(row), len(t.Header)); j++ {
			st := fmt.Sprint(row[j])
			if st == "" {
				continue
			}
			if _, ok := items[st]; !ok {
				states = append(states, st)
			}
			items[st] = append(items[st], t.Header[j])
		}
		for _, st := range states {
			blocks[i].lines = append(blocks[i].lines, reviewLine{label: st, note: strings.Join(items[st], sep)})
		}
	}
	return blocks
}

// tableBlocks makes a block of each row of a table: the first cell names it, the others are
// its figures under their headers.
func tableBlocks(t report.Table) []reviewBlock {
	blocks := make([]reviewBlock, len(t.Rows))
	for i, row := range t.Rows {
		blocks[i].name = fmt.Sprint(row[0])
		for j := 1; j < min(len(row), len(t.Header)); j++ {
			blocks[i].lines = append(blocks[i].lines, reviewLine{label: t.Header[j], count: fmt.Sprint(row[j])})
		}
	}
	return blocks
}
