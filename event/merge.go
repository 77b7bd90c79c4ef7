package event

import (
	"fmt"
	"slices"
	"strings"
)

// The one three-way merge of an edited record, used by the portal's 409
// panel, the server and the desktop forms. base is the record the editor
// started from, mine the editor's version, theirs the version stored
// meanwhile. Fields are those of the entity's schema (Fields); a bilingual
// text merges its Japanese and English sides separately, and a list of codes
// or names merges item by item, so adding one area here and another there
// keeps both.
//
//   - a field only theirs changed takes theirs, without asking;
//   - a field only I changed keeps mine;
//   - a field both changed to the same value takes it;
//   - a field both changed to different values is a Conflict; the merged
//     record holds theirs there until the editor chooses (TakeMine), and a
//     caller must not save it before every conflict is decided.
//
// Fields outside the schema (Version, UpdatedAt) come from theirs, so the
// merged record saves against the stored version.

// Conflict is one field both sides changed to different values.
type Conflict struct {
	Path  string // "headcount", "name.ja"
	Field *Field // the schema field
	Side  string // "ja" or "en" for a side of a bilingual text, else ""
}

// Merged is the result of Merge.
type Merged[R any] struct {
	Record    *R
	Conflicts []Conflict
	// Theirs lists the fields taken from theirs without asking (changed only
	// there), Mine those kept from mine: what a panel can report.
	Theirs, Mine []string
}

// Merge merges mine and theirs, both edits of base, field by field of
// entity's schema (EntityStartup, EntityCompany, EntityTheme, EntityEvent).
// R must be the entity's record type; none of the three is modified.
func Merge[R any](entity string, base, mine, theirs *R) (*Merged[R], error) {
	fs := Fields(entity)
	if fs == nil {
		return nil, fmt.Errorf("merge: no schema for %q", entity)
	}
	if base == nil || mine == nil || theirs == nil {
		return nil, fmt.Errorf("merge %s: base, mine and theirs are all needed", entity)
	}
	out := *theirs
	res := &Merged[R]{Record: &out}
	for i := range fs {
		f := &fs[i]
		if f.ptr(&out) == nil {
			return nil, fmt.Errorf("merge: field %s is not of a %s record", f.Name, entity)
		}
		switch {
		case f.Type.Bilingual():
			b, m, t, o := f.Text(base), f.Text(mine), f.Text(theirs), f.Text(&out)
			o.Ja = mergeScalar(res, f, "ja", b.Ja, m.Ja, t.Ja)
			o.En = mergeScalar(res, f, "en", b.En, m.En, t.En)
		case f.Type.Number():
			b, m, t := *f.Int(base), *f.Int(mine), *f.Int(theirs)
			*f.Int(&out) = mergeScalar(res, f, "", b, m, t)
		case f.Type == TypeDecimal:
			// Merged by value (the cell text), not by pointer.
			b, m, t := FormatDecimal(*f.Decimal(base)), FormatDecimal(*f.Decimal(mine)), FormatDecimal(*f.Decimal(theirs))
			var d *float64
			if v := mergeScalar(res, f, "", b, m, t); v != "" {
				x, _ := ParseDecimal(v)
				d = &x
			}
			*f.Decimal(&out) = d
		case f.Type.List():
			b, m, t := *f.List(base), *f.List(mine), *f.List(theirs)
			*f.List(&out) = mergeList(res, f.Name, b, m, t)
		default:
			b, m, t := *f.String(base), *f.String(mine), *f.String(theirs)
			*f.String(&out) = mergeScalar(res, f, "", b, m, t)
		}
	}
	return res, nil
}

func conflictPath(f *Field, side string) string {
	if side == "" {
		return f.Name
	}
	return f.Name + "." + side
}

func mergeScalar[V comparable](res interface {
	note(f *Field, side string, who byte)
}, f *Field, side string, b, m, t V) V {
	switch {
	case m == t:
		if m != b {
			res.note(f, side, 'b')
		}
		return t
	case m == b:
		res.note(f, side, 't')
		return t
	case t == b:
		res.note(f, side, 'm')
		return m
	}
	res.note(f, side, 'c')
	return t
}

func (r *Merged[R]) note(f *Field, side string, who byte) {
	p := conflictPath(f, side)
	switch who {
	case 't':
		r.Theirs = append(r.Theirs, p)
	case 'm':
		r.Mine = append(r.Mine, p)
	case 'c':
		r.Conflicts = append(r.Conflicts, Conflict{Path: p, Field: f, Side: side})
	}
}

// mergeList merges a list item by item. When only one side changed it, that
// side's list is taken as it is (order included); when both did, the result
// is theirs without the items I removed, then the items I added in my order.
func mergeList(res interface {
	note(f *Field, side string, who byte)
}, name string, b, m, t []string) []string {
	f := &Field{Name: name}
	switch {
	case sameList(m, t):
		return slices.Clone(t)
	case sameList(m, b):
		res.note(f, "", 't')
		return slices.Clone(t)
	case sameList(t, b):
		res.note(f, "", 'm')
		return slices.Clone(m)
	}
	res.note(f, "", 'm')
	res.note(f, "", 't')
	inB, inM, inT := stringSet(b), stringSet(m), stringSet(t)
	out := make([]string, 0, len(t)+len(m))
	for _, x := range t {
		if inB[x] && !inM[x] {
			continue // I removed it
		}
		out = append(out, x)
	}
	for _, x := range m {
		if !inB[x] && !inT[x] {
			out = append(out, x) // I added it
			inT[x] = true
		}
	}
	return out
}

// sameList compares two lists; nil and empty are the same.
func sameList(a, b []string) bool { return len(a) == len(b) && slices.Equal(a, b) }

func stringSet(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// TakeMine sets the field at path (a Conflict's Path) of dst to its value
// in mine: the editor chose their own value for a conflict.
func TakeMine[R any](entity string, dst, mine *R, path string) error {
	name, side, _ := strings.Cut(path, ".")
	f := FieldByName(entity, name)
	if f == nil || f.ptr(dst) == nil {
		return fmt.Errorf("merge: %s has no field %q", entity, path)
	}
	switch {
	case f.Type.Bilingual() && side == "ja":
		f.Text(dst).Ja = f.Text(mine).Ja
	case f.Type.Bilingual() && side == "en":
		f.Text(dst).En = f.Text(mine).En
	case side != "":
		return fmt.Errorf("merge: %s has no field %q", entity, path)
	default:
		f.Copy(dst, mine)
	}
	return nil
}

// Changed lists the schema fields (bilingual sides as "name.ja") whose
// value differs between a and b, records of entity.
func Changed[R any](entity string, a, b *R) []string {
	var out []string
	fs := Fields(entity)
	for i := range fs {
		f := &fs[i]
		if f.ptr(a) == nil || f.ptr(b) == nil {
			return nil
		}
		switch {
		case f.Type.Bilingual():
			ta, tb := f.Text(a), f.Text(b)
			if ta.Ja != tb.Ja {
				out = append(out, f.Name+".ja")
			}
			if ta.En != tb.En {
				out = append(out, f.Name+".en")
			}
		case f.Type.List():
			if !sameList(*f.List(a), *f.List(b)) {
				out = append(out, f.Name)
			}
		default:
			if !f.Equal(a, b) {
				out = append(out, f.Name)
			}
		}
	}
	return out
}
