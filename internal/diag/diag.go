// Package diag carries content problems from every pipeline stage to the user.
//
// A Diagnostic is a position (file, line, column) and a message; a List
// collects them from concurrent workers so that one run reports every problem,
// printed the same way by build, check and the dev server's overlay.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Diagnostic is one problem in one file. Line and Col are 1-based; zero means
// unknown, and the position is then printed as far as it is known.
type Diagnostic struct {
	Path string
	Line int
	Col  int
	Msg  string
	// Kind names the sort of problem, the same for every diagnostic made
	// by one check whatever its arguments: At sets it to the message's
	// format, so that check --summary groups problems without every check
	// having to name itself. Empty means the message alone tells it.
	Kind string
}

// Error formats the diagnostic as path:line:col: message.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	if d.Path != "" || d.Line > 0 {
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// At builds a Diagnostic with a formatted message.
func At(path string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Kind: format}
}

// List collects diagnostics; it is safe for concurrent use. The zero value is
// ready to use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends diagnostics.
func (l *List) Add(ds ...Diagnostic) {
	if len(ds) == 0 {
		return
	}
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Addf appends one diagnostic with a formatted message.
func (l *List) Addf(path string, line, col int, format string, args ...any) {
	l.Add(At(path, line, col, format, args...))
}

// Len reports how many diagnostics were collected.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Sorted returns the diagnostics ordered by path, line and column, with exact
// duplicates removed, so that output does not depend on worker scheduling.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// Err returns nil when the list is empty, and otherwise an *Errors holding
// the sorted diagnostics.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return &Errors{List: l.Sorted()}
}

// Errors is the error a failed stage returns: every diagnostic it found.
type Errors struct {
	List []Diagnostic
}

// Error prints one diagnostic per line.
func (e *Errors) Error() string {
	lines := make([]string, len(e.List))
	for i, d := range e.List {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}
