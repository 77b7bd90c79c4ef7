package app

import "pitchmatch/event"

// KPI are the organizer's key figures for the open event.
type KPI struct {
	Startups, Companies, Themes int
	Meetings                    int // active
	Confirmed, Held, Deals      int
	StartupsMet                 int     // startups with at least one active meeting
	MeanPerStartup              float64 // active meetings per startup
	TableUse                    float64 // active meetings / (slots × tables), percent
	MeanScore                   float64 // of active meetings

	PerStartup []int     // active meetings of each startup, in Data.Startups order
	PerCompany []int     // of each company, in Data.Companies order
	Scores     []float64 // score of each active meeting
	PerSlot    []int     // active meetings in each slot
}

// KPIs computes the key figures from the snapshot.
func (d *Data) KPIs() KPI {
	k := KPI{Startups: len(d.Startups), Companies: len(d.Companies), Themes: len(d.Themes)}
	k.PerStartup = make([]int, len(d.Startups))
	k.PerCompany = make([]int, len(d.Companies))
	k.PerSlot = make([]int, d.Event.NumSlots())
	var scoreSum float64
	for _, m := range d.Meetings {
		if !m.Active() {
			continue
		}
		k.Meetings++
		switch m.Status {
		case event.StatusConfirmed:
			k.Confirmed++
		case event.StatusHeld:
			k.Held++
		}
		if m.Outcome == event.OutcomeDeal {
			k.Deals++
		}
		if i, ok := d.startupIdx[m.StartupID]; ok {
			k.PerStartup[i]++
		}
		if i, ok := d.companyIdx[m.CompanyID]; ok {
			k.PerCompany[i]++
		}
		if m.Slot >= 0 && m.Slot < len(k.PerSlot) {
			k.PerSlot[m.Slot]++
		}
		k.Scores = append(k.Scores, m.Score)
		scoreSum += m.Score
	}
	for _, n := range k.PerStartup {
		if n > 0 {
			k.StartupsMet++
		}
	}
	if k.Startups > 0 {
		k.MeanPerStartup = float64(k.Meetings) / float64(k.Startups)
	}
	if cap := d.Event.NumSlots() * d.Event.Tables; cap > 0 {
		k.TableUse = 100 * float64(k.Meetings) / float64(cap)
	}
	if k.Meetings > 0 {
		k.MeanScore = scoreSum / float64(k.Meetings)
	}
	return k
}
