package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/matching"
	"pitchmatch/matching/schedule"
	"pitchmatch/storage"
)

func scheduleCmd() *command {
	return &command{name: "schedule", summary: "build the meeting timetable / 面談スケジュールを作成", run: runSchedule}
}

// scheduleHelp explains re-runs, cancellations and the lower bounds in
// --help.
const scheduleHelp = `

Must-meet pairs and the event's fairness floor are lower bounds: every
must-meet is scheduled and every startup with pairs gets at least the floor,
unless the caps, tables or availability make that impossible; then the
fewest are dropped and each is listed with its reason.
必須面談と最低面談数は下限制約です。上限・テーブル・空き時間で不可能な場合のみ最小限を外し、理由を表示します。
--must-meet S:C adds must-meet pairs and --floor N sets the floor for this
run (the event's must_meet interests and fairness floor otherwise).
--must-meet S:C と --floor N でこの実行の必須ペアと最低面談数を指定できます。

A locked (or, with --lock-confirmed, confirmed) meeting where a side can no
longer attend is kept and listed under Conflicts with a proposed move;
--move-conflicts lets the scheduler move such meetings (they become
proposed). --move-cost X is the objective a re-run gives up to keep one
stored meeting where it is (the event's setting, else 0.05).
参加できなくなった枠のロック済み面談は残したまま競合として移動案を表示します（--move-conflicts で移動）。

Re-runs keep stored meetings where they are when they can. Locked and held
meetings never move. A meeting that is cancelled AND locked is an
organizer's cancellation that stands: its pair is never proposed again.
A cancelled meeting that is not locked (for example one a re-run dropped)
does not keep its pair out.
ロックされたキャンセル済み面談は主催者によるキャンセルとして扱い、そのペアを再提案しません。
ロックされていないキャンセル（再実行で外れたものなど）はペアを除外しません。

Large events score far more pairs than a timetable can use. By default the
scheduler keeps every must-meet, requested, locked and previous pair, each
startup's best max(4 × cap, 20) companies and each company's best
max(4 × cap, 50) startups; the bound is then the optimum over these kept
pairs, and the summary shows how many were kept. --all-pairs keeps every
pair scoring at least --min-score (slow and memory-hungry on large events).
大規模イベントでは候補ペアを絞り込みます（必須・希望・ロック・前回のペアは常に保持）。
上界は保持した候補での最適値です。--all-pairs で全ペアを使用します。`

func runSchedule(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "schedule", "schedule --db FILE [--json] [--save] [--lock-confirmed] [--export-lp FILE] [--min-score X] [--all-pairs] [--seed N] [--time-limit D] [--floor N] [--must-meet S:C]... [--move-cost X] [--move-conflicts]"+scheduleHelp)
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the timetable and report as JSON")
	save := fs.Bool("save", false, "store the timetable (kept pairs keep their meeting IDs; new ones are proposed)")
	lockConfirmed := fs.Bool("lock-confirmed", false, "never move confirmed meetings (locked and held ones never move anyway)")
	exportLP := fs.String("export-lp", "", "also write the model in CPLEX LP format to `FILE` (\"-\" for stdout)")
	minScore := fs.Float64("min-score", 0.2, "leave out pairs scoring below this (must-meet pairs are always kept)")
	allPairs := fs.Bool("all-pairs", false, "give the scheduler every pair scoring at least --min-score, without pruning (slow on large events)")
	seed := fs.Int64("seed", 1, "random seed of the search; the same seed gives the same timetable")
	maxPairs := fs.Int64("max-pairs", 0, "refuse events with more startup × theme pairs than this before scoring (0: automatic — 100,000,000 pruned, scored as they stream, about 30 bytes a pair; 2,000,000 with --all-pairs, about 700 bytes a pair)")
	moveCost := fs.String("move-cost", "", "objective given up to avoid moving one stored meeting on a re-run (default: the event's setting, else 0.05; 0: moves are free)")
	floor := fs.Int("floor", -1, "fairness floor for this run: every startup with pairs gets at least `N` meetings unless impossible (default: the event's setting)")
	var mustMeets pairList
	fs.Var(&mustMeets, "must-meet", "`STARTUP:COMPANY` pair that must meet in this run (repeatable; store lasting ones as must_meet interests with import)")
	moveConflicts := fs.Bool("move-conflicts", false, "let the scheduler move locked or confirmed meetings that became infeasible where they are (a side now unavailable); default: keep them and report a proposed move")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)")
	limit := fs.Duration("time-limit", 0, "search time, used in full unless the timetable is proven optimal first (0: automatic, 3 s + 20 µs per candidate pair, at most 20 s)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if err := checkUnit("--min-score", *minScore); err != nil {
		return err
	}
	if err := checkDuration("--time-limit", *limit, 24*time.Hour); err != nil {
		return err
	}
	if *floor < -1 || *floor > 1000 {
		return usagef("--floor must be between 0 and 1000")
	}
	mc := math.NaN()
	if *moveCost != "" {
		v, err := strconv.ParseFloat(*moveCost, 64)
		if err != nil || !(v >= 0 && v <= 100) {
			return usagef("--move-cost must be a number between 0 and 100")
		}
		mc = v
	}
	if *asJSON && *exportLP == "-" {
		return usagef("--export-lp - and --json both write to stdout")
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if c, err := st.Counts(ctx); err != nil {
		return err
	} else if err := checkSchedulePairs(c, *maxPairs, *allPairs); err != nil {
		return err
	}

	progress := newProgress(env.stderr)
	in, stored, ev, err := loadScheduleInput(ctx, st, *minScore, schedule.BuildOptions{LockConfirmed: *lockConfirmed, AllPairs: *allPairs,
		MoveConflicts: *moveConflicts}, mustMeets, progress)
	if err != nil {
		return err
	}
	if *floor >= 0 {
		in.FairnessFloor = *floor
	}
	opts := schedule.Options{Seed: *seed, TimeLimit: *limit, MoveCost: schedule.MoveCostFor(ev), Progress: func(stage string, done, total int) {
		progress(stage, done, total)
	}}
	if !math.IsNaN(mc) {
		opts.MoveCost = mc
		if mc == 0 {
			opts.MoveCost = -1 // free
		}
	}
	res, err := schedule.Solve(ctx, *in, opts)
	if err != nil {
		return err
	}
	progress("", 0, 0)
	if *save {
		var ms []event.Meeting
		var kept []event.Meeting
		ms, kept, in, res, err = saveMerged(ctx, env, st, in, res, stored, schedule.Options{Seed: *seed, MoveCost: opts.MoveCost})
		if err != nil {
			return fmt.Errorf("save timetable: %w", err)
		}
		if len(kept) > 0 {
			fmt.Fprintf(env.stderr, "%d meetings were changed elsewhere while the timetable was computed (%s); kept them as they are and placed the rest around them\n",
				len(kept), meetingIDs(kept))
			fmt.Fprintf(env.stderr, "計算中に他の場所で変更された面談 %d 件はそのまま残し、他の面談をその周りに配置しました\n", len(kept))
		}
		fmt.Fprintf(env.stderr, "saved %d meetings\n", len(ms))
	}
	if *exportLP != "" {
		// With the result, so the model's lower bounds are relaxed exactly
		// as Solve relaxed them.
		n, err := writeAtomic(*exportLP, env.stdout, func(w io.Writer) error { return schedule.WriteLP(ctx, w, *in, res) })
		if err != nil {
			return err
		}
		if *exportLP != "-" {
			fmt.Fprintf(env.stderr, "wrote %s (%d bytes)\n", *exportLP, n)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if n := organizerCancellations(stored); n > 0 {
		fmt.Fprintf(env.stdout, "Organizer cancellations / 主催者キャンセル: %d pairs kept out\n", n)
	}
	printSchedule(env.stdout, res, event.ParseLang(env.getenv("LANG")))
	return nil
}

// startCPUProfile writes a CPU profile to path until the returned stop is
// called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// pairList is the repeatable --must-meet flag.
type pairList []event.PairKey

func (l *pairList) String() string {
	parts := make([]string, len(*l))
	for i, k := range *l {
		parts[i] = k.StartupID + ":" + k.CompanyID
	}
	return strings.Join(parts, ",")
}

func (l *pairList) Set(v string) error {
	for _, item := range strings.Split(v, ",") {
		s, c, ok := strings.Cut(strings.TrimSpace(item), ":")
		if !ok || s == "" || c == "" {
			return fmt.Errorf("%q is not STARTUP:COMPANY", item)
		}
		*l = append(*l, event.PairKey{StartupID: s, CompanyID: c})
	}
	return nil
}

func (l pairList) has(s, c string) bool {
	for _, k := range l {
		if k.StartupID == s && k.CompanyID == c {
			return true
		}
	}
	return false
}

// addMustMeets makes every pair of must a must-meet candidate of in: the
// candidates of a scored pair are marked already (BuildInputFunc's at);
// a pair without a candidate (scored below --min-score) gets one at score
// 0. A pair naming an unknown participant or an excluded pair is refused.
func addMustMeets(in *schedule.Input, must pairList) error {
	if len(must) == 0 {
		return nil
	}
	ids := map[string]bool{}
	for _, p := range in.Startups {
		ids["s"+p.ID] = true
	}
	for _, p := range in.Companies {
		ids["c"+p.ID] = true
	}
	excluded := map[event.PairKey]bool{}
	for _, k := range in.Excluded {
		excluded[k] = true
	}
	have := map[event.PairKey]bool{}
	for _, c := range in.Candidates {
		have[event.PairKey{StartupID: c.StartupID, CompanyID: c.CompanyID}] = true
	}
	for _, k := range must {
		if !ids["s"+k.StartupID] || !ids["c"+k.CompanyID] {
			return usagef("--must-meet %s:%s: no such startup or company", k.StartupID, k.CompanyID)
		}
		if excluded[k] {
			return usagef("--must-meet %s:%s: the pair is excluded (no thanks, conflict, declined or an organizer cancellation)", k.StartupID, k.CompanyID)
		}
		if !have[k] {
			in.Candidates = append(in.Candidates, schedule.Candidate{StartupID: k.StartupID, CompanyID: k.CompanyID, MustMeet: true})
		}
	}
	return nil
}

// saveMerged stores res with schedule.SaveMerged (meetings changed
// elsewhere during the solve are kept and the rest re-solved around them)
// and returns what was saved, the meetings kept, and the input and result
// finally saved.
//
// For tests of this race, PITCHMATCH_TEST_SAVE_BARRIER=1 makes the first
// attempt print "schedule: ready to save" on stderr and wait for a line on
// stdin, so another process can change the file at that exact moment.
func saveMerged(ctx context.Context, env *cliEnv, st *storage.DB, in *schedule.Input, res *schedule.Result, read []event.Meeting,
	opt schedule.Options) ([]event.Meeting, []event.Meeting, *schedule.Input, *schedule.Result, error) {
	if env.getenv("PITCHMATCH_TEST_SAVE_BARRIER") != "" {
		fmt.Fprintln(env.stderr, "schedule: ready to save")
		if _, err := bufio.NewReader(env.stdin).ReadString('\n'); err != nil && err != io.EOF {
			return nil, nil, nil, nil, err
		}
	}
	opt.Progress = func(stage string, done, total int) {
		if stage == "merge" {
			fmt.Fprintf(env.stderr, "meetings changed elsewhere since the solve started; solving again around them (attempt %d of %d)\n", done+1, total)
		}
	}
	out, err := schedule.SaveMerged(ctx, st, "cli", in, res, read, opt)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return out.Saved, out.Kept, out.Input, out.Result, nil
}

// meetingIDs lists up to ten meeting IDs for a message.
func meetingIDs(ms []event.Meeting) string {
	ids := make([]string, 0, 11)
	for i, m := range ms {
		if i == 10 {
			ids = append(ids, fmt.Sprintf("… %d more", len(ms)-10))
			break
		}
		ids = append(ids, fmt.Sprint(m.ID))
	}
	return strings.Join(ids, ", ")
}

// organizerCancellations counts the pairs organizer cancellations keep out.
func organizerCancellations(ms []event.Meeting) int {
	pairs := map[event.PairKey]bool{}
	for _, m := range ms {
		if schedule.OrganizerCancellation(m) {
			pairs[event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}] = true
		}
	}
	return len(pairs)
}

// newProgress reports stage changes on w, at most every half second
// within a stage; an empty stage ends the line.
func newProgress(w io.Writer) func(stage string, done, total int) {
	last, lastAt := "", time.Time{}
	start := time.Now()
	return func(stage string, done, total int) {
		if stage == "" {
			fmt.Fprintf(w, "done in %v\n", time.Since(start).Round(time.Millisecond))
			return
		}
		if stage == last && time.Since(lastAt) < 500*time.Millisecond {
			return
		}
		last, lastAt = stage, time.Now()
		if total > 1 {
			fmt.Fprintf(w, "%s %d/%d\n", stage, done, total)
		} else if done == 0 {
			fmt.Fprintf(w, "%s…\n", stage)
		}
	}
}

// loadScheduleInput reads the event, scores every pair and builds the
// scheduler's input with schedule.BuildInput (caps, exclusions, organizer
// cancellations, locked and previous meetings, candidate pruning). It
// returns the stored meetings too, so a save can keep their IDs.
func loadScheduleInput(ctx context.Context, st *storage.DB, minScore float64, opt schedule.BuildOptions, must pairList,
	progress func(string, int, int)) (*schedule.Input, []event.Meeting, *event.Event, error) {
	// One read transaction: settings, participants, interests and meetings
	// all belong to the same committed state even while others write.
	snap, err := st.Snapshot(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	ev, startups, companies, themes := snap.Event, snap.Startups, snap.Companies, snap.Themes
	interests, avail, meetings := snap.Interests, snap.Availability, snap.Meetings
	if ev.NumSlots() == 0 || ev.Tables <= 0 {
		return nil, nil, nil, event.Errorf(event.EInvalid, "イベントの時間枠またはテーブル数が設定されていません",
			"the event has %d slots and %d tables; set days, slots and tables first", ev.NumSlots(), ev.Tables)
	}
	progress("scoring", 0, 1)
	model, err := matching.Prepare(ctx, matching.Input{Event: ev, Startups: startups, Companies: companies, Themes: themes, Interests: interests})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("scoring: %w", err)
	}
	// Score and prune as the pairs come, startup by startup: a large
	// event scores tens of millions of pairs and keeps a few per
	// participant, so only the kept ones are held (schedule.Pruner).
	in, err := schedule.BuildInputStream(schedule.Records{Event: ev, Startups: startups, Companies: companies, Interests: interests,
		Availability: avail, Meetings: meetings}, opt,
		schedule.FeedScores(ctx, model, minScore, func(done, total int) { progress("scoring", done, total) }, must.has))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("scoring: %w", err)
	}
	progress("candidates", 1, 1)
	if err := addMustMeets(&in, must); err != nil {
		return nil, nil, nil, err
	}
	return &in, meetings, ev, nil
}

// boundMethodText names how the bound was found.
func boundMethodText(m string, lang event.Lang) string {
	switch m {
	case schedule.BoundLP:
		return event.T("時間割モデルの LP 緩和（双対）", "LP relaxation of the time-indexed model (its dual)").In(lang)
	case schedule.BoundLagrangian:
		return event.T("時間枠制約のラグランジュ緩和", "Lagrangian relaxation of the per-slot constraints").In(lang)
	case schedule.BoundSelection:
		return event.T("選定フロー（時間枠を無視）", "selection flow, slots ignored").In(lang)
	}
	return m
}

func printSchedule(w io.Writer, res *schedule.Result, lang event.Lang) {
	s := res.Stats
	fmt.Fprintf(w, "Meetings / 面談数:        %d (%d locked), table use %.1f%%, busiest slot %d tables\n", s.Meetings, s.Locked, s.TableUse, s.BusiestSlot)
	fmt.Fprintf(w, "Objective / 目的関数:     %.3f   bound / 上界 %.3f (%s)   gap %.3f%%\n", res.Objective, res.Bound, boundMethodText(res.BoundMethod, lang), res.Gap)
	fmt.Fprintf(w, "Score sum / スコア合計:   %.3f\n", s.ScoreSum)
	fmt.Fprintf(w, "Per startup / スタートアップ別: min %d  mean %.2f  max %d\n", s.StartupMeetings.Min, s.StartupMeetings.Mean, s.StartupMeetings.Max)
	fmt.Fprintf(w, "Per company / 企業別:     min %d  mean %.2f  max %d\n", s.CompanyMeetings.Min, s.CompanyMeetings.Mean, s.CompanyMeetings.Max)
	fmt.Fprintf(w, "Must-meets placed:        %d of %d;  requested placed %d of %d;  below fairness floor %d\n",
		s.MustMeetsPlaced, s.MustMeets, s.RequestedPlaced, s.Requested, s.BelowFloor)
	if s.CandidatesKept < s.CandidatesScored {
		fmt.Fprintf(w, "Candidates / 候補ペア:    %d kept of %d scored (bound over the kept pairs; --all-pairs keeps all)\n", s.CandidatesKept, s.CandidatesScored)
	} else {
		fmt.Fprintf(w, "Candidates / 候補ペア:    %d\n", s.CandidatesKept)
	}
	fmt.Fprintf(w, "Against the last run:     %d moved, %d dropped, %d added\n", s.Moved, s.Dropped, s.Added)
	for _, wn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", wn)
	}
	if len(res.Conflicts) > 0 {
		fmt.Fprintf(w, "Conflicts / 競合: %d locked meetings are where a side cannot attend; kept there (re-run with --move-conflicts to let the scheduler move them)\n", len(res.Conflicts))
		fmt.Fprintf(w, "  ロック済みの面談 %d 件が参加できない枠にあります。そのまま残しました（--move-conflicts で移動可）\n", len(res.Conflicts))
		for i, c := range res.Conflicts {
			if i == 20 {
				fmt.Fprintf(w, "  … %d more (use --json for all)\n", len(res.Conflicts)-20)
				break
			}
			move := event.T("移動先なし", "no free place to move it").In(lang)
			if c.Proposed != nil {
				move = fmt.Sprintf(event.T("移動案: 枠 %d テーブル %d", "proposed move: slot %d table %d").In(lang), c.Proposed.Slot+1, c.Proposed.Table+1)
			}
			fmt.Fprintf(w, "  %s – %s slot %d table %d: %s; %s\n", c.Meeting.StartupID, c.Meeting.CompanyID, c.Meeting.Slot+1, c.Meeting.Table+1, c.Message.In(lang), move)
		}
	}
	if len(res.Relaxed) > 0 {
		fmt.Fprintf(w, "Lower bounds not met / 下限未達: %d\n", len(res.Relaxed))
		for i, r := range res.Relaxed {
			if i == 20 {
				fmt.Fprintf(w, "  … %d more (use --json for all)\n", len(res.Relaxed)-20)
				break
			}
			if r.Kind == schedule.RelaxMustMeet {
				fmt.Fprintf(w, "  must-meet %s – %s: %s\n", r.StartupID, r.CompanyID, r.Message.In(lang))
			} else {
				fmt.Fprintf(w, "  floor %s: %d of %d: %s\n", r.StartupID, r.Kept, r.Want, r.Message.In(lang))
			}
		}
	}
	if len(res.Unplaced) == 0 {
		return
	}
	byReason := map[string]int{}
	for _, u := range res.Unplaced {
		byReason[u.Reason]++
	}
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	fmt.Fprintf(w, "Not placed / 未配置:      %d", len(res.Unplaced))
	for _, r := range reasons {
		fmt.Fprintf(w, "  %s %d", r, byReason[r])
	}
	fmt.Fprintln(w)
	for i, u := range res.Unplaced {
		if i == 20 {
			fmt.Fprintf(w, "  … %d more (use --json for all)\n", len(res.Unplaced)-20)
			break
		}
		tag := ""
		if u.MustMeet {
			tag = " [must-meet]"
		} else if u.Requested {
			tag = " [requested]"
		}
		fmt.Fprintf(w, "  %s – %s%s: %s\n", u.StartupID, u.CompanyID, tag, u.Message.In(lang))
	}
}
