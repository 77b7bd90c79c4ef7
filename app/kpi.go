package app

import (
	"context"

	"pitchmatch/event"
)

// KPI are the organizer's key figures for the open event. The counts of
// meetings by status and of deals are exchange/kpi's (the same figures as
// the KPI PDF and the workbook, deals by event.Meeting.IsDeal); the
// distributions for the desktop's charts are computed here.
type KPI struct {
	Startups, Companies, Themes int
	Meetings                    int // active (kpi.Counts.Scheduled)
	Confirmed, Held, Deals      int
	NoShow, FollowUps           int
	StartupsMet                 int                  // startups with at least one active meeting
	MeanPerStartup              float64              // active meetings per startup
	TableUse                    float64              // active meetings on existing slots and tables / (slots × tables), percent
	OffGrid                     int                  // active meetings on a slot or table the event no longer has
	MeanScore                   float64              // of active meetings
	CheckIns                    []event.CheckInCount // arrivals on each day of the event

	PerStartup []int     // active meetings of each startup, in Data.Startups order
	PerCompany []int     // of each company, in Data.Companies order
	Scores     []float64 // score of each active meeting
	PerSlot    []int     // active meetings in each slot
}

// KPIs computes the key figures from the snapshot.
func (d *Data) KPIs() KPI {
	k := KPI{Startups: len(d.Startups), Companies: len(d.Companies), Themes: len(d.Themes)}
	if r, err := d.KPIReport(context.Background()); err == nil {
		t := r.Totals
		k.Meetings, k.Confirmed, k.Held, k.Deals = t.Scheduled, t.Confirmed, t.Held, t.Deals
		k.NoShow, k.FollowUps = t.NoShow, t.FollowUps
	}
	k.PerStartup = make([]int, len(d.Startups))
	k.PerCompany = make([]int, len(d.Companies))
	k.PerSlot = make([]int, d.Event.NumSlots())
	var scoreSum float64
	placed := 0
	for _, m := range d.Meetings {
		if !m.Active() {
			continue
		}
		if i, ok := d.startupIdx[m.StartupID]; ok {
			k.PerStartup[i]++
		}
		if i, ok := d.companyIdx[m.CompanyID]; ok {
			k.PerCompany[i]++
		}
		if onGrid(d.Event, m.Slot, m.Table) {
			k.PerSlot[m.Slot]++
			placed++
		} else {
			k.OffGrid++
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
		k.TableUse = 100 * float64(placed) / float64(cap)
	}
	if n := len(k.Scores); n > 0 {
		k.MeanScore = scoreSum / float64(n)
	}
	for day := range d.Event.Days {
		k.CheckIns = append(k.CheckIns, event.CountCheckIns(d.CheckIns, day))
	}
	return k
}

// onGrid reports whether slot and table exist in the event (a meeting
// outside is one left on a removed table, slot or day).
func onGrid(ev *event.Event, slot, table int) bool {
	return slot >= 0 && slot < ev.NumSlots() && table >= 0 && table < ev.Tables
}
