package event

import "fmt"

// Placement rules: the one definition of where a meeting may go, used by
// the scheduler's checker, by storage when it writes meetings and by the
// desktop when the organizer moves one.
//
// An active meeting (not cancelled) at (slot, table) is placed correctly
// when
//   - the slot and table exist (PlaceRange);
//   - no other active meeting uses that table in that slot (PlaceTableBusy);
//   - the startup has no other active meeting in that slot
//     (PlaceStartupBusy);
//   - the company has fewer other active meetings in that slot than its
//     parallel tables (PlaceCompanyBusy);
//   - the pair has no other active meeting (PlacePairTwice);
//   - both sides are available in that slot (PlaceUnavailable).
//
// The first five are hard: storage refuses a schedule breaking them. The
// last can become true after the meeting was placed (a participant
// declares a slot unavailable later, or the organizer locked the meeting
// there on purpose), so storage refuses it only for a meeting it is asked
// to put somewhere new, and the scheduler reports the stored ones as
// conflicts.

// PlaceKind names a broken placement rule.
type PlaceKind string

// Placement rules.
const (
	PlaceRange       PlaceKind = "range"
	PlaceTableBusy   PlaceKind = "table_busy"
	PlaceStartupBusy PlaceKind = "startup_busy"
	PlaceCompanyBusy PlaceKind = "company_busy"
	PlacePairTwice   PlaceKind = "pair_twice"
	PlaceUnavailable PlaceKind = "unavailable"
)

// Hard reports whether no stored schedule may break the rule (every rule
// but availability; see the placement rules above).
func (k PlaceKind) Hard() bool { return k != PlaceUnavailable }

// PlaceProblem is one broken placement rule for a meeting at Slot, Table.
type PlaceProblem struct {
	Kind PlaceKind `json:"kind"`
	// Meeting is the ID of the meeting placed (CheckAll; Check copies
	// the meeting's ID, 0 for a new one).
	Meeting   int64  `json:"meeting,omitempty"`
	StartupID string `json:"startup_id"`
	CompanyID string `json:"company_id"`
	Slot      int    `json:"slot"`
	Table     int    `json:"table"`
	// Who is unavailable (PlaceUnavailable): the startup's or the
	// company's ID.
	Who string `json:"who,omitempty"`
	// Tables is the company's parallel tables (PlaceCompanyBusy).
	Tables int `json:"tables,omitempty"`
	// Other is the ID of the meeting it collides with, when known.
	Other int64 `json:"other,omitempty"`
}

// Text is the problem in both languages; slot is the slot's label (for
// example "D1 10:00"), or "" for its 1-based number.
func (p PlaceProblem) Text(slot string) Text {
	if slot == "" {
		slot = fmt.Sprintf("#%d", p.Slot+1)
	}
	pair := p.StartupID + "–" + p.CompanyID
	switch p.Kind {
	case PlaceRange:
		return T(fmt.Sprintf("面談 %s: 枠またはテーブルが範囲外です（枠%d、テーブル%d）", pair, p.Slot+1, p.Table+1),
			fmt.Sprintf("meeting %s: slot or table out of range (slot %d, table %d)", pair, p.Slot+1, p.Table+1))
	case PlaceTableBusy:
		return T(fmt.Sprintf("枠%sのテーブル%dは別の面談で使用中です", slot, p.Table+1),
			fmt.Sprintf("table %d is taken in slot %s", p.Table+1, slot))
	case PlaceStartupBusy:
		return T(fmt.Sprintf("スタートアップ %s は枠%sに別の面談があります", p.StartupID, slot),
			fmt.Sprintf("startup %s already meets someone in slot %s", p.StartupID, slot))
	case PlaceCompanyBusy:
		return T(fmt.Sprintf("企業 %s は枠%sの同時面談数（%d）を超えます", p.CompanyID, slot, p.Tables),
			fmt.Sprintf("company %s would exceed its %d parallel tables in slot %s", p.CompanyID, p.Tables, slot))
	case PlacePairTwice:
		return T(fmt.Sprintf("スタートアップ %s と企業 %s の面談が重複しています", p.StartupID, p.CompanyID),
			fmt.Sprintf("startup %s meets company %s more than once", p.StartupID, p.CompanyID))
	case PlaceUnavailable:
		return T(fmt.Sprintf("%s は枠%sに参加できません", p.Who, slot),
			fmt.Sprintf("%s is unavailable in slot %s", p.Who, slot))
	}
	return T(string(p.Kind), string(p.Kind))
}

// Venue is what the placement rules need to know about an event: its
// slots and tables, each company's parallel tables and everyone's
// unavailable slots.
type Venue struct {
	Slots, Tables int
	// Parallel is a company's parallel tables; a company not listed (or
	// with a value below 1) has 1.
	Parallel map[string]int
	// Unavailable holds each participant's unavailable slots.
	Unavailable map[ParticipantKind]map[string]map[int]bool
}

// NewVenue is the venue of e with the companies' parallel tables and the
// availability records.
func NewVenue(e *Event, companies []*Company, avail []Availability) *Venue {
	v := &Venue{Slots: e.NumSlots(), Tables: e.Tables, Parallel: make(map[string]int, len(companies))}
	for _, c := range companies {
		if c != nil {
			v.Parallel[c.ID] = c.ParallelTables()
		}
	}
	for _, a := range avail {
		v.SetUnavailable(a.Kind, a.ID, a.Unavailable)
	}
	return v
}

// SetUnavailable records the slots a participant cannot attend.
func (v *Venue) SetUnavailable(kind ParticipantKind, id string, slots []int) {
	if len(slots) == 0 {
		return
	}
	if v.Unavailable == nil {
		v.Unavailable = map[ParticipantKind]map[string]map[int]bool{}
	}
	byID := v.Unavailable[kind]
	if byID == nil {
		byID = map[string]map[int]bool{}
		v.Unavailable[kind] = byID
	}
	set := byID[id]
	if set == nil {
		set = map[int]bool{}
		byID[id] = set
	}
	for _, s := range slots {
		set[s] = true
	}
}

// ParallelTables is how many meetings company id can hold in one slot:
// its own parallel tables, at most the venue's tables.
func (v *Venue) ParallelTables(id string) int {
	n := v.Parallel[id]
	if n < 1 {
		n = 1
	}
	if v.Tables > 0 && n > v.Tables {
		n = v.Tables
	}
	return n
}

// Available reports whether participant id of kind attends slot.
func (v *Venue) Available(kind ParticipantKind, id string, slot int) bool {
	return !v.Unavailable[kind][id][slot]
}

// Check lists the rules meeting m would break at slot, table, given the
// other meetings of the event (cancelled ones, and m itself, recognised
// by a non-zero ID or by being the same pair at the same index, are
// ignored: pass skip as m's index in others, or -1). The problems come in
// a fixed order: range, table, startup, company, pair, availability.
func (v *Venue) Check(m Meeting, slot, table int, others []Meeting, skip int) []PlaceProblem {
	base := PlaceProblem{Meeting: m.ID, StartupID: m.StartupID, CompanyID: m.CompanyID, Slot: slot, Table: table}
	with := func(k PlaceKind, other int64) PlaceProblem { p := base; p.Kind, p.Other = k, other; return p }
	var out []PlaceProblem
	if slot < 0 || slot >= v.Slots || table < 0 || table >= v.Tables {
		out = append(out, with(PlaceRange, 0))
		for i := range others {
			o := &others[i]
			if i != skip && o.Active() && (m.ID == 0 || o.ID != m.ID) && o.StartupID == m.StartupID && o.CompanyID == m.CompanyID {
				out = append(out, with(PlacePairTwice, o.ID))
			}
		}
		return out
	}
	var startup, pairTwice []PlaceProblem
	company, companyOther := 0, int64(0)
	for i := range others {
		o := &others[i]
		if i == skip || !o.Active() || (m.ID != 0 && o.ID == m.ID) {
			continue
		}
		if o.StartupID == m.StartupID && o.CompanyID == m.CompanyID {
			pairTwice = append(pairTwice, with(PlacePairTwice, o.ID))
		}
		if o.Slot != slot {
			continue
		}
		if o.Table == table {
			out = append(out, with(PlaceTableBusy, o.ID))
		}
		if o.StartupID == m.StartupID {
			startup = append(startup, with(PlaceStartupBusy, o.ID))
		}
		if o.CompanyID == m.CompanyID {
			company++
			companyOther = o.ID
		}
	}
	out = append(out, startup...)
	if n := v.ParallelTables(m.CompanyID); company >= n {
		p := with(PlaceCompanyBusy, companyOther)
		p.Tables = n
		out = append(out, p)
	}
	out = append(out, pairTwice...)
	for _, side := range []struct {
		kind ParticipantKind
		id   string
	}{{KindStartup, m.StartupID}, {KindCompany, m.CompanyID}} {
		if !v.Available(side.kind, side.id, slot) {
			p := with(PlaceUnavailable, 0)
			p.Who = side.id
			out = append(out, p)
		}
	}
	return out
}

// CheckAll lists every rule the active meetings of ms break where they
// stand, each collision once (reported on the later meeting of the
// two), in time linear in len(ms).
func (v *Venue) CheckAll(ms []Meeting) []PlaceProblem {
	type slotKey struct {
		id   string
		slot int
	}
	table := make(map[[2]int]int64, len(ms))
	startup := make(map[slotKey]int64, len(ms))
	company := make(map[slotKey]int, len(ms))
	pairs := make(map[PairKey]int64, len(ms))
	var out []PlaceProblem
	for i := range ms {
		m := &ms[i]
		if !m.Active() {
			continue
		}
		p := PlaceProblem{Meeting: m.ID, StartupID: m.StartupID, CompanyID: m.CompanyID, Slot: m.Slot, Table: m.Table}
		add := func(k PlaceKind, other int64) { q := p; q.Kind, q.Other = k, other; out = append(out, q) }
		pk := PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}
		if o, twice := pairs[pk]; twice {
			add(PlacePairTwice, o)
		} else {
			pairs[pk] = m.ID
		}
		// An out-of-range meeting still occupies its slot for the others
		// (as in Check), but only its range is reported.
		bad := m.Slot < 0 || m.Slot >= v.Slots || m.Table < 0 || m.Table >= v.Tables
		if bad {
			add(PlaceRange, 0)
		}
		if o, busy := table[[2]int{m.Slot, m.Table}]; busy && !bad {
			add(PlaceTableBusy, o)
		} else if !busy {
			table[[2]int{m.Slot, m.Table}] = m.ID
		}
		sk := slotKey{m.StartupID, m.Slot}
		if o, busy := startup[sk]; busy && !bad {
			add(PlaceStartupBusy, o)
		} else if !busy {
			startup[sk] = m.ID
		}
		ck := slotKey{m.CompanyID, m.Slot}
		company[ck]++
		if bad {
			continue
		}
		if n := v.ParallelTables(m.CompanyID); company[ck] > n {
			q := p
			q.Kind, q.Tables = PlaceCompanyBusy, n
			out = append(out, q)
		}
		if !v.Available(KindStartup, m.StartupID, m.Slot) {
			q := p
			q.Kind, q.Who = PlaceUnavailable, m.StartupID
			out = append(out, q)
		}
		if !v.Available(KindCompany, m.CompanyID, m.Slot) {
			q := p
			q.Kind, q.Who = PlaceUnavailable, m.CompanyID
			out = append(out, q)
		}
	}
	return out
}
