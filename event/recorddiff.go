package event

import (
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
)

// The field-level changes of a record (event settings, startup, company,
// theme) as the audit log names them: its JSON fields, objects one level
// deep per key ("name.ja"), each value as text — a JSON string unquoted,
// anything else as JSON; empty values ("", 0, [], null, false, {}) are
// absent. SetFlatField writes such a value back, so an undo can invert a
// record's change field by field.

// FlatFields renders v's JSON fields as text, objects one level deep as
// "field.key"; empty values are absent.
func FlatFields(v any) map[string]string {
	out := map[string]string{}
	data, err := json.Marshal(v)
	if err != nil {
		return out
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return out
	}
	put := func(k string, raw json.RawMessage) {
		if s, ok := flatText(raw); ok {
			out[k] = s
		}
	}
	for k, raw := range m {
		var sub map[string]json.RawMessage
		if len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, &sub) == nil {
			for sk, sraw := range sub {
				put(k+"."+sk, sraw)
			}
			continue
		}
		put(k, raw)
	}
	return out
}

// flatText is one JSON value as FlatFields shows it; ok is false for an
// empty value.
func flatText(raw json.RawMessage) (string, bool) {
	s := string(raw)
	var str string
	if json.Unmarshal(raw, &str) == nil {
		s = str
	}
	switch s {
	case "", "0", "[]", "null", "false", "{}":
		return "", false
	}
	return s, true
}

// skippedFields are never part of a record's changes.
var skippedFields = map[string]bool{"id": true, "version": true, "updated_at": true}

// RecordDiff lists the fields that differ between two records of entity
// id, by their FlatFields names, sorted; version and update times are left
// out.
func RecordDiff(entity, id string, old, new any) []FieldChange {
	return recordChanges(entity, id, old, new, false)
}

// RecordChange is the change that turns stored record old into new, for
// Change: the fields that differ, and every other field of either as a
// precondition (Old = New), so the change is refused when any field
// changed since old was read.
func RecordChange(entity, id string, old, new any) []FieldChange {
	return recordChanges(entity, id, old, new, true)
}

func recordChanges(entity, id string, old, new any, all bool) []FieldChange {
	a, b := FlatFields(old), FlatFields(new)
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []FieldChange
	for _, k := range keys {
		if skippedFields[k] {
			continue
		}
		if all || a[k] != b[k] {
			out = append(out, FieldChange{Entity: entity, ID: id, Field: k, Old: a[k], New: b[k]})
		}
	}
	return out
}

var errFlatValue = errors.New("the value does not fit the field")

// SetFlatField sets field key (a FlatFields name) of the record rec points
// to from its text v ("" empties it), so that FlatFields(rec)[key] is v
// afterwards; a value that does not fit the field is refused and rec is
// left as it was.
func SetFlatField(rec any, key, v string) error {
	pv := reflect.ValueOf(rec)
	if pv.Kind() != reflect.Pointer || pv.IsNil() {
		return invalidChange("record", "", key, v, errors.New("not a pointer to a record"))
	}
	if skippedFields[key] {
		return invalidChange("record", "", key, v, errors.New("not a field a change sets"))
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return invalidChange("record", "", key, v, err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return invalidChange("record", "", key, v, err)
	}
	field, sub, nested := strings.Cut(key, ".")
	try := func(enc json.RawMessage) error {
		mm := make(map[string]json.RawMessage, len(m)+1)
		for k, x := range m {
			mm[k] = x
		}
		if nested {
			sm := map[string]json.RawMessage{}
			if raw, ok := mm[field]; ok && len(raw) > 0 && raw[0] == '{' {
				if err := json.Unmarshal(raw, &sm); err != nil {
					return err
				}
			}
			if enc == nil {
				delete(sm, sub)
			} else {
				sm[sub] = enc
			}
			b, err := json.Marshal(sm)
			if err != nil {
				return err
			}
			mm[field] = b
		} else if enc == nil {
			delete(mm, field)
		} else {
			mm[field] = enc
		}
		b, err := json.Marshal(mm)
		if err != nil {
			return err
		}
		fresh := reflect.New(pv.Elem().Type())
		if err := json.Unmarshal(b, fresh.Interface()); err != nil {
			return err
		}
		if FlatFields(fresh.Interface())[key] != v {
			return errFlatValue
		}
		pv.Elem().Set(fresh.Elem())
		return nil
	}
	if v == "" {
		err = try(nil)
	} else {
		quoted, _ := json.Marshal(v)
		if err = try(quoted); err != nil && json.Valid([]byte(v)) {
			err = try(json.RawMessage(v))
		}
	}
	if err != nil {
		return invalidChange("record", "", key, v, err)
	}
	return nil
}
