package schedule

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lpModel is a minimal reading of the LP files WriteLP produces.
type lpModel struct {
	obj     map[string]float64
	rows    []lpRow
	lower   map[string]float64
	upper   map[string]float64
	binary  map[string]bool
	objSeen bool
}

type lpRow struct {
	name  string
	terms map[string]float64
	sense string // "<=", ">=" or "="
	rhs   float64
}

// holds reports whether the row holds at lhs.
func (r lpRow) holds(lhs float64) bool {
	switch r.sense {
	case ">=":
		return lhs >= r.rhs-1e-9
	case "=":
		return math.Abs(lhs-r.rhs) <= 1e-9
	}
	return lhs <= r.rhs+1e-9
}

// parseTerms reads "c name + c name - name ..." into coefficients.
func parseTerms(s string, into map[string]float64) error {
	f := strings.Fields(s)
	sign, coef := 1.0, math.NaN()
	for _, tok := range f {
		switch {
		case tok == "+":
			sign = 1
		case tok == "-":
			sign = -1
		default:
			if v, err := strconv.ParseFloat(tok, 64); err == nil {
				coef = v
				continue
			}
			c := 1.0
			if !math.IsNaN(coef) {
				c = coef
			}
			into[tok] += sign * c
			sign, coef = 1, math.NaN()
		}
	}
	return nil
}

func parseLP(text string) (*lpModel, error) {
	m := &lpModel{obj: map[string]float64{}, lower: map[string]float64{}, upper: map[string]float64{}, binary: map[string]bool{}}
	section := ""
	var stmt strings.Builder
	flush := func() error {
		s := strings.TrimSpace(stmt.String())
		stmt.Reset()
		if s == "" {
			return nil
		}
		switch section {
		case "Maximize":
			_, body, _ := strings.Cut(s, ":")
			m.objSeen = true
			return parseTerms(body, m.obj)
		case "Subject To":
			name, body, ok := strings.Cut(s, ":")
			var lhs, rhs, sense string
			ok2 := false
			for _, sense = range []string{"<=", ">=", "="} {
				if lhs, rhs, ok2 = strings.Cut(body, sense); ok2 {
					break
				}
			}
			if !ok || !ok2 {
				return fmt.Errorf("bad row %q", s)
			}
			r := lpRow{name: name, terms: map[string]float64{}, sense: sense}
			v, err := strconv.ParseFloat(strings.TrimSpace(rhs), 64)
			if err != nil {
				return err
			}
			r.rhs = v
			m.rows = append(m.rows, r)
			return parseTerms(lhs, r.terms)
		}
		return nil
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if len(line) > 560 {
			return nil, fmt.Errorf("line of %d characters", len(line))
		}
		if strings.HasPrefix(line, "\\") {
			continue
		}
		switch t := strings.TrimSpace(line); t {
		case "Maximize", "Subject To", "Bounds", "Binary", "End":
			if err := flush(); err != nil {
				return nil, err
			}
			section = t
			continue
		}
		switch section {
		case "Maximize", "Subject To":
			if !strings.HasPrefix(line, "   ") {
				if err := flush(); err != nil {
					return nil, err
				}
			}
			stmt.WriteString(line + " ")
		case "Bounds":
			f := strings.Fields(line)
			switch {
			case len(f) == 5 && f[1] == "<=":
				lo, _ := strconv.ParseFloat(f[0], 64)
				hi, _ := strconv.ParseFloat(f[4], 64)
				m.lower[f[2]], m.upper[f[2]] = lo, hi
			case len(f) == 3 && f[1] == "=":
				v, _ := strconv.ParseFloat(f[2], 64)
				m.lower[f[0]], m.upper[f[0]] = v, v
			default:
				return nil, fmt.Errorf("bad bound %q", line)
			}
		case "Binary":
			for _, n := range strings.Fields(line) {
				m.binary[n] = true
			}
		}
	}
	if section != "End" {
		return nil, fmt.Errorf("no End")
	}
	return m, nil
}

// TestLPAgreesWithSolve writes the LP of random instances, sets the
// variables from Solve's timetable and checks every row holds and the LP
// objective equals Result.Objective.
func TestLPAgreesWithSolve(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 150; seed++ {
		rng := rand.New(rand.NewSource(seed))
		in := generate(randomSpec(rng), seed)
		res, err := Solve(ctx, in, Options{Seed: seed, LNSIterations: 200})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteLP(context.Background(), &buf, in, res); err != nil {
			t.Fatal(err)
		}
		m, err := parseLP(buf.String())
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, buf.String())
		}
		x := map[string]float64{}
		deg := map[string]float64{}
		for _, mt := range res.Meetings {
			n := fmt.Sprintf("x_%s_%s_%d", mt.StartupID, mt.CompanyID, mt.Slot)
			if !m.binary[n] {
				t.Fatalf("seed %d: meeting %v has no LP variable", seed, mt)
			}
			x[n] = 1
			deg[mt.StartupID]++
		}
		for n := range m.obj {
			if strings.HasPrefix(n, "y_") {
				x[n] = math.Min(m.upper[n], deg[strings.TrimPrefix(n, "y_")])
			}
		}
		for n, lo := range m.lower {
			if strings.HasPrefix(n, "x_") && lo == 1 && x[n] != 1 {
				t.Fatalf("seed %d: locked %s not in the timetable", seed, n)
			}
		}
		for _, r := range m.rows {
			lhs := 0.0
			for n, c := range r.terms {
				lhs += c * x[n]
			}
			if !r.holds(lhs) {
				t.Fatalf("seed %d: row %s: %v %s %v fails", seed, r.name, lhs, r.sense, r.rhs)
			}
		}
		obj := 0.0
		for n, c := range m.obj {
			obj += c * x[n]
		}
		if math.Abs(obj-res.Objective) > 1e-6 {
			t.Fatalf("seed %d: LP objective %v, Solve %v", seed, obj, res.Objective)
		}
	}
}

func TestLPNames(t *testing.T) {
	if got := lpName("株式会社-1 a"); got != "_____1_a" {
		t.Errorf("lpName = %q", got)
	}
	in := Input{NumSlots: 1, TablesPerSlot: 1, Startups: []Participant{{ID: "a-b"}, {ID: "a_b"}}, Companies: []Participant{{ID: "C"}}}
	if err := WriteLP(context.Background(), &bytes.Buffer{}, in, nil); err == nil {
		t.Error("colliding names accepted")
	}
}

// TestLPWithGLPK solves the exported model of tiny instances with GLPK's
// glpsol, when installed, and checks its optimum equals the brute-force
// optimum under the same lower bounds (Solve's relaxation) and lies
// between Solve's objective and bound.
func TestLPWithGLPK(t *testing.T) {
	glpsol, err := exec.LookPath("glpsol")
	if err != nil {
		t.Skip("glpsol not installed (Debian package glpk-utils)")
	}
	dir := t.TempDir()
	ctx := context.Background()
	runs := 0
	for seed := int64(0); seed < 60; seed++ {
		in, p, ok := tinyInstance(t, seed, 0.3, 3)
		if !ok {
			continue
		}
		res, err := Solve(ctx, in, Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		lp := filepath.Join(dir, fmt.Sprintf("m%d.lp", seed))
		out := filepath.Join(dir, fmt.Sprintf("m%d.out", seed))
		var buf bytes.Buffer
		if err := WriteLP(context.Background(), &buf, in, res); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(lp, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command(glpsol, "--lp", lp, "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("seed %d: glpsol: %v\n%s\n%s", seed, err, msg, buf.String())
		}
		text, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var glpk float64
		for _, line := range strings.Split(string(text), "\n") {
			if rest, ok := strings.CutPrefix(line, "Objective:"); ok {
				f := strings.Fields(rest) // obj = VALUE (MAXimum)
				glpk, err = strconv.ParseFloat(f[2], 64)
				if err != nil {
					t.Fatalf("seed %d: %q", seed, line)
				}
			}
		}
		exact := exactSchedule(p, boundsOf(p, res))
		// glpsol prints 10 significant digits.
		if math.Abs(glpk-exact) > 1e-6*math.Max(1, exact) {
			t.Fatalf("seed %d: GLPK optimum %v, brute force %v\n%s", seed, glpk, exact, buf.String())
		}
		if res.Objective > glpk+1e-6 || glpk > res.Bound+1e-4 {
			t.Fatalf("seed %d: objective %v, GLPK %v, bound %v", seed, res.Objective, glpk, res.Bound)
		}
		runs++
	}
	t.Logf("GLPK agreed with brute force on %d instances", runs)
}
