/*
 * check.c: resolves references and checks the parsed model: unknown and
 * duplicate ids (with "did you mean"), dependency cycles (printed as the
 * cycle's path), dates, capacities, contradictory constraints and status
 * entries. Also builds the plan's dependency graph (graph.c), which the
 * compiler uses.
 */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "model.h"
#include "scenario.h"

/*============================== Helpers ===========================*/

static const char *kind_name(int k)
{
	switch (k) {
	case BT_K_TASK: return "task";
	case BT_K_MILESTONE: return "milestone";
	case BT_K_RISK: return "risk";
	case BT_K_DECISION: return "decision";
	case BT_K_TEAM: return "team";
	}
	return "name";
}

static int line_of(const bt_plan *p, uint32_t off)
{
	int l, c;
	bt_source_locate(&p->src, off, &l, &c);
	return l;
}

static uint32_t item_start(const bt_plan *p, int kind, uint32_t idx)
{
	switch (kind) {
	case BT_K_TASK: return p->tasks.v[idx].start;
	case BT_K_MILESTONE: return p->milestones.v[idx].start;
	case BT_K_RISK: return p->risks.v[idx].start;
	case BT_K_DECISION: return p->decisions.v[idx].start;
	case BT_K_TEAM: return p->teams.v[idx].start;
	}
	return 0;
}

static const char *entity_id(const bt_plan *p, int kind, uint32_t i)
{
	switch (kind) {
	case BT_K_TASK: return p->tasks.v[i].id;
	case BT_K_MILESTONE: return p->milestones.v[i].id;
	case BT_K_RISK: return p->risks.v[i].id;
	case BT_K_DECISION: return p->decisions.v[i].id;
	case BT_K_TEAM: return p->teams.v[i].id;
	}
	return NULL;
}

static uint32_t entity_count(const bt_plan *p, int kind)
{
	switch (kind) {
	case BT_K_TASK: return p->tasks.n;
	case BT_K_MILESTONE: return p->milestones.n;
	case BT_K_RISK: return p->risks.n;
	case BT_K_DECISION: return p->decisions.n;
	case BT_K_TEAM: return p->teams.n;
	}
	return 0;
}

/* Suggest the closest id of an accepted kind (mask of 1 << kind). Runs
 * only when a reference is unknown, so a scan of the ids is fine. */
static void did_you_mean(bt_plan *p, const char *name, unsigned mask)
{
	const char *best = NULL;
	size_t n = strlen(name);
	int cap = n <= 4 ? 1 : n <= 8 ? 2 : 3, bd = cap + 1;
	for (int kind = BT_K_TASK; kind <= BT_K_TEAM; kind++) {
		if (!(mask & (1u << kind)))
			continue;
		for (uint32_t i = 0, m = entity_count(p, kind); i < m; i++) {
			const char *id = entity_id(p, kind, i);
			if (!id)
				continue;
			int d = bt_edit_distance(name, n, id, BT_NAME(id)->len, cap);
			if (d < bd || (d == bd && best && strcmp(id, best) < 0)) {
				bd = d;
				best = id;
			}
		}
	}
	if (best && bd <= cap)
		bt_diag_help(&p->diags, "did you mean '%s'?", best);
}

/* Resolve a reference to one of the kinds in `mask`; reports unknown ids
 * and ids of the wrong kind. Returns 0 when resolved. */
static int resolve(bt_plan *p, bt_ref *r, unsigned mask, const char *what)
{
	const bt_name *nm = r->name ? BT_NAME(r->name) : NULL;
	int kind = BT_K_NONE;
	uint32_t idx = BT_NONE;
	if (nm && mask == (1u << BT_K_TEAM)) {
		if (nm->team_idx != BT_NONE) {
			kind = BT_K_TEAM;
			idx = nm->team_idx;
		}
	} else if (nm && nm->item_kind != BT_K_NONE) {
		kind = nm->item_kind;
		idx = nm->item_idx;
	} else if (nm && nm->team_idx != BT_NONE) {
		bt_diag_add(&p->diags, BT_ERROR, r->start, r->end,
			    "'%s' is a team (line %d), not a %s", r->name,
			    line_of(p, item_start(p, BT_K_TEAM, nm->team_idx)), what);
		return -1;
	}
	if (kind == BT_K_NONE) {
		bt_diag_add(&p->diags, BT_ERROR, r->start, r->end, "unknown %s '%s'",
			    what, r->name ? r->name : "?");
		did_you_mean(p, r->name ? r->name : "", mask);
		return -1;
	}
	if (!(mask & (1u << kind))) {
		bt_diag_add(&p->diags, BT_ERROR, r->start, r->end,
			    "'%s' is a %s (line %d), not a %s", r->name, kind_name(kind),
			    line_of(p, item_start(p, kind, idx)), what);
		if (kind == BT_K_MILESTONE && mask == (1u << BT_K_TASK))
			bt_diag_help(&p->diags, "a milestone is reached when the work before it is done: report those tasks done ('TASK done DATE')");
		return -1;
	}
	r->idx = idx;
	r->kind = (uint8_t)kind;
	return 0;
}

static void declare(bt_plan *p, const char *id, uint32_t start, uint32_t end, int kind,
		    uint32_t idx)
{
	if (!id)
		return;
	bt_name *nm = BT_NAME(id);
	int old = kind == BT_K_TEAM ? (nm->team_idx != BT_NONE ? BT_K_TEAM : BT_K_NONE)
				    : nm->item_kind;
	if (old == BT_K_NONE) {
		if (kind == BT_K_TEAM) {
			nm->team_idx = idx;
		} else {
			nm->item_kind = (uint8_t)kind;
			nm->item_idx = idx;
		}
		return;
	}
	uint32_t oidx = kind == BT_K_TEAM ? nm->team_idx : nm->item_idx;
	bt_diag_add(&p->diags, BT_ERROR, start, end,
		    "duplicate id '%s': already declared as a %s on line %d", id,
		    kind_name(old), line_of(p, item_start(p, old, oidx)));
}

static void fmt_date(bt_date d, char out[11])
{
	bt_date_format(d, out);
}

/*============================== Checks ============================*/

static void check_program(bt_plan *p)
{
	bt_program *g = &p->prog;
	if (!g->present) {
		bt_diag_add(&p->diags, BT_ERROR, 0, 1,
			    "missing 'program' declaration: a plan starts with program ID \"Title\" and its start date");
		return;
	}
	if (g->start_date == BT_DATE_NONE || !g->start_at) {
		g->start_date = BT_DATE_NONE;
		if (g->bad)
			return;
		bt_diag_add(&p->diags, BT_ERROR, g->start, g->end,
			    "program '%s' has no start date", g->id ? g->id : "?");
		bt_diag_help(&p->diags, "add an indented line 'start YYYY-MM-DD'");
		g->start_date = BT_DATE_NONE;
		return;
	}
	if (g->commit_at && g->commit < g->start_date) {
		char a[11], b[11];
		fmt_date(g->commit, a);
		fmt_date(g->start_date, b);
		bt_diag_add(&p->diags, BT_ERROR, g->commit_at, g->commit_at + 10,
			    "program commit date %s is before its start %s", a, b);
	}
}

/* The most people a team ever has: its base capacity or any change. */
static int32_t team_max(const bt_plan *p, const bt_team *t)
{
	int32_t m = t->capacity;
	for (uint32_t i = 0; i < t->ncc; i++)
		if (p->capchanges.v[t->cc0 + i].capacity > m)
			m = p->capchanges.v[t->cc0 + i].capacity;
	return m;
}

static void check_teams(bt_plan *p)
{
	for (uint32_t i = 0; i < p->teams.n; i++) {
		bt_team *t = &p->teams.v[i];
		if (t->id && t->capacity < 0 && !t->bad) {
			bt_diag_add(&p->diags, BT_ERROR, t->start, t->end,
				    "team '%s' has no capacity", t->id);
			bt_diag_help(&p->diags, "add 'capacity N' (the number of people)");
		}
	}
}

static void check_task(bt_plan *p, bt_task *t)
{
	bt_program *g = &p->prog;
	char a[11], b[11];
	if (!t->id)
		return;
	/* The owning team: `team`, or the first team `needs` names. */
	if (t->team.name) {
		resolve(p, &t->team, 1u << BT_K_TEAM, "team");
	} else {
		for (uint32_t k = 0; k < t->nneed; k++) {
			bt_need *n = &p->needs.v[t->need0 + k];
			if (n->team.name) {
				t->team = n->team;
				t->team.idx = BT_NONE;
				t->team.idx = BT_NAME(n->team.name)->team_idx;
				break;
			}
		}
		if (!t->team.name && !t->bad) {
			bt_diag_add(&p->diags, BT_ERROR, t->start, t->end,
				    "task '%s' has no team", t->id);
			bt_diag_help(&p->diags, "add 'team ID' (the team that does the work)");
		}
	}
	if (!t->est.points && !t->bad) {
		bt_diag_add(&p->diags, BT_ERROR, t->start, t->end,
			    "task '%s' has no estimate", t->id);
		bt_diag_help(&p->diags, "add 'estimate 5d' or 'estimate 3d 5d 9d' (optimistic likely pessimistic)");
	}
	for (uint32_t k = 0; k < t->nneed; k++) {
		bt_need *n = &p->needs.v[t->need0 + k];
		const bt_team *tm = NULL;
		if (n->team.name) {
			if (resolve(p, &n->team, 1u << BT_K_TEAM, "team") == 0)
				tm = &p->teams.v[n->team.idx];
			for (uint32_t j = 0; j < k; j++)
				if (p->needs.v[t->need0 + j].team.name == n->team.name) {
					bt_diag_add(&p->diags, BT_ERROR, n->team.start, n->team.end,
						    "team '%s' is listed twice in the needs of task '%s'",
						    n->team.name, t->id);
					break;
				}
		} else if (t->team.idx != BT_NONE) {
			tm = &p->teams.v[t->team.idx];
		}
		if (tm && tm->capacity >= 0 && n->count > team_max(p, tm)) {
			char pa[16], pb[16];
			bt_diag_add(&p->diags, BT_ERROR, n->team.start, n->team.end,
				    "task '%s' needs %s people from team '%s', which never has more than %s",
				    t->id, bt_people(pa, n->count), tm->id, bt_people(pb, team_max(p, tm)));
		}
	}
	/* Without `needs`, a task takes one person of its own team. */
	if (!t->nneed && t->team.idx != BT_NONE && t->est.m > 0) {
		const bt_team *tm = &p->teams.v[t->team.idx];
		if (tm->capacity >= 0 && team_max(p, tm) < 10)
			bt_diag_add(&p->diags, BT_ERROR, t->team.start, t->team.end,
				    "task '%s' needs a person from team '%s', which never has anyone",
				    t->id, tm->id);
	}
	for (uint32_t k = 0; k < t->ndep; k++)
		resolve(p, &p->deps.v[t->dep0 + k].to,
			(1u << BT_K_TASK) | (1u << BT_K_MILESTONE), "task or milestone");
	/* fast-track names one of the task's finish-to-start predecessors:
	 * that link is what may overlap. */
	if (t->fast_track.name &&
	    resolve(p, &t->fast_track, (1u << BT_K_TASK) | (1u << BT_K_MILESTONE), "task or milestone") == 0) {
		int found = 0;
		for (uint32_t k = 0; k < t->ndep && !found; k++) {
			const bt_dep *dp = &p->deps.v[t->dep0 + k];
			found = dp->to.name == t->fast_track.name && dp->type == BT_FS;
		}
		if (!found) {
			bt_diag_add(&p->diags, BT_ERROR, t->fast_track.start, t->fast_track.end,
				    "task '%s' may fast-track only a finish-to-start predecessor, and '%s' is not one",
				    t->id, t->fast_track.name);
			bt_diag_help(&p->diags, "add 'after %s' or name another predecessor", t->fast_track.name);
		}
	}
	/* crash is more people of the one team doing the work. */
	if (t->crash && !t->bad) {
		uint32_t ct;
		int32_t k;
		char pa[16], pb[16];
		if (!bt_task_crew(p, t, &ct, &k)) {
			if (t->nneed > 1) {
				bt_diag_add(&p->diags, BT_ERROR, t->crash_at, t->crash_end,
					    "task '%s' needs several teams: crash adds people to a task one team does",
					    t->id);
				bt_diag_help(&p->diags, "split the task per team, or leave crash out");
			}
		} else if (t->crash <= k) {
			bt_diag_add(&p->diags, BT_ERROR, t->crash_at, t->crash_end,
				    "task '%s' already takes %s %s: crash is the most it could take, more than that",
				    t->id, bt_people(pa, k), k == 10 ? "person" : "people");
			bt_diag_help(&p->diags, "write 'crash %s' or more, or leave crash out", bt_people(pb, k + 10));
		} else if (p->teams.v[ct].capacity >= 0 && t->crash > team_max(p, &p->teams.v[ct])) {
			bt_diag_add(&p->diags, BT_ERROR, t->crash_at, t->crash_end,
				    "task '%s' could take %s people, but team '%s' never has more than %s",
				    t->id, bt_people(pa, t->crash), p->teams.v[ct].id,
				    bt_people(pb, team_max(p, &p->teams.v[ct])));
		}
	}
	if (t->not_before != BT_DATE_NONE && t->deadline != BT_DATE_NONE) {
		if (t->deadline < t->not_before) {
			fmt_date(t->deadline, a);
			fmt_date(t->not_before, b);
			bt_diag_add(&p->diags, BT_ERROR, t->dl_at, t->dl_end,
				    "contradictory constraints on task '%s': deadline %s is before not-before %s",
				    t->id, a, b);
		}
	}
	if (t->deadline != BT_DATE_NONE && g->start_date != BT_DATE_NONE &&
	    t->deadline < g->start_date) {
		fmt_date(t->deadline, a);
		bt_diag_add(&p->diags, BT_ERROR, t->dl_at, t->dl_end,
			    "deadline %s of task '%s' is before the program starts", a, t->id);
	}
}

static void check_milestone(bt_plan *p, bt_milestone *m)
{
	if (!m->id)
		return;
	for (uint32_t k = 0; k < m->ndep; k++)
		resolve(p, &p->deps.v[m->dep0 + k].to,
			(1u << BT_K_TASK) | (1u << BT_K_MILESTONE), "task or milestone");
	if (m->ndep == 0)
		bt_diag_add(&p->diags, BT_WARNING, m->start, m->end,
			    "milestone '%s' has nothing leading to it: add 'after TASK, ...'",
			    m->id);
	if (m->commit != BT_DATE_NONE && p->prog.start_date != BT_DATE_NONE &&
	    m->commit < p->prog.start_date) {
		char a[11];
		fmt_date(m->commit, a);
		bt_diag_add(&p->diags, BT_ERROR, m->commit_at, m->commit_end,
			    "commit date %s of milestone '%s' is before the program starts",
			    a, m->id);
	}
}

static void check_risk(bt_plan *p, bt_risk *r)
{
	if (!r->id)
		return;
	if (r->probability < 0 && !r->bad) {
		bt_diag_add(&p->diags, BT_ERROR, r->start, r->end,
			    "risk '%s' has no probability", r->id);
		bt_diag_help(&p->diags, "add 'probability 30%%'");
	}
	if (!r->impact_points && !r->bad) {
		bt_diag_add(&p->diags, BT_ERROR, r->start, r->end,
			    "risk '%s' has no impact", r->id);
		bt_diag_help(&p->diags, "add 'impact 10d' or 'impact 5d..15d'");
	}
	for (uint32_t k = 0; k < r->non; k++)
		resolve(p, &p->refs.v[r->on0 + k],
			(1u << BT_K_TASK) | (1u << BT_K_MILESTONE), "task or milestone");
	if (r->mitigated >= 0 && r->probability >= 0 && r->mitigated > r->probability) {
		bt_diag_add(&p->diags, BT_ERROR, r->mit_at, r->mit_end,
			    "risk '%s' is more likely mitigated (%g%%) than not (%g%%)", r->id,
			    r->mitigated * 100.0, r->probability * 100.0);
		bt_diag_help(&p->diags, "'mitigated' is the probability once the mitigation is done: at most 'probability'");
	}
}

static void check_decision(bt_plan *p, bt_decision *d)
{
	if (!d->id)
		return;
	for (uint32_t k = 0; k < d->nlink; k++)
		resolve(p, &p->refs.v[d->link0 + k],
			(1u << BT_K_TASK) | (1u << BT_K_MILESTONE) | (1u << BT_K_RISK) |
				(1u << BT_K_DECISION),
			"task, milestone, risk or decision");
	if (d->has_state && d->state == BT_DEC_PROPOSED && d->need_by == BT_DATE_NONE)
		bt_diag_add(&p->diags, BT_WARNING, d->start, d->end,
			    "proposed decision '%s' has no need-by date", d->id);
	if (d->need_by != BT_DATE_NONE && d->date != BT_DATE_NONE && d->need_by < d->date) {
		bt_diag_add(&p->diags, BT_ERROR, d->need_at, d->need_end,
			    "need-by date of decision '%s' is before the date it was raised", d->id);
	}
	/* A decided date says the decision was taken: its state follows,
	 * and a state that says otherwise is a contradiction. */
	if (d->decided != BT_DATE_NONE) {
		if (!d->has_state) {
			d->state = BT_DEC_DECIDED;
			d->has_state = 1;
		} else if (d->state == BT_DEC_PROPOSED) {
			bt_diag_add(&p->diags, BT_ERROR, d->dec_at, d->dec_end,
				    "decision '%s' has a decided date but its status is proposed", d->id);
			bt_diag_help(&p->diags, "write 'status decided', or remove 'decided' while it is open");
		}
		if (d->date != BT_DATE_NONE && d->decided < d->date) {
			char raised[11];
			bt_date_format(d->date, raised);
			bt_diag_add(&p->diags, BT_ERROR, d->dec_at, d->dec_end,
				    "decision '%s' is decided before it was raised (%s)", d->id, raised);
		}
	}
}

/* An occurred risk counts as certain in the forecast; when the work it
 * is on was re-estimated since, the new estimate may hold its cost too,
 * and then it counts twice. Only the TPM knows: ask. */
static void check_counted_twice(bt_plan *p, const bt_risk *r)
{
	if (!r->id || r->state != BT_RISK_OCCURRED)
		return;
	for (uint32_t k = 0; k < r->non; k++) {
		const bt_ref *on = &p->refs.v[r->on0 + k];
		if (on->kind != BT_K_TASK || on->idx == BT_NONE)
			continue;
		for (uint32_t i = 0; i < p->statuses.n; i++) {
			const bt_status *s = &p->statuses.v[i];
			for (uint32_t j = 0; j < s->nentry; j++) {
				const bt_entry *e = &p->entries.v[s->entry0 + j];
				if (e->kind != BT_E_ESTIMATE || e->task.kind != BT_K_TASK || e->task.idx != on->idx)
					continue;
				char d[11];
				fmt_date(s->date, d);
				bt_diag_add(&p->diags, BT_WARNING, r->start, r->end,
					    "risk '%s' occurred and task '%s', which it is on, was re-estimated on %s: if the new estimate holds the risk's cost, the forecast counts it twice",
					    r->id, on->name, d);
				bt_diag_help(&p->diags, "write 'status absorbed' on the risk when the estimate includes its cost; keep 'occurred' when it does not");
				return;
			}
		}
	}
}

static void check_status(bt_plan *p)
{
	bt_date start = p->prog.start_date;
	char a[11], b[11];
	for (uint32_t i = 0; i < p->statuses.n; i++) {
		bt_status *s = &p->statuses.v[i];
		if (s->date == BT_DATE_NONE)
			continue;
		if (start != BT_DATE_NONE && s->date < start) {
			fmt_date(s->date, a);
			fmt_date(start, b);
			bt_diag_add(&p->diags, BT_ERROR, s->start, s->end,
				    "status %s is dated before the program starts (%s)", a, b);
		}
		for (uint32_t k = 0; k < i; k++)
			if (p->statuses.v[k].date == s->date) {
				fmt_date(s->date, a);
				bt_diag_add(&p->diags, BT_ERROR, s->start, s->end,
					    "a second status block for %s (the first is on line %d): merge them",
					    a, line_of(p, p->statuses.v[k].start));
				break;
			}
		for (uint32_t k = 0; k < s->nentry; k++) {
			bt_entry *e = &p->entries.v[s->entry0 + k];
			if (!e->task.name)
				continue;
			if (resolve(p, &e->task,
				    e->kind == BT_E_NOTE ? (1u << BT_K_TASK) | (1u << BT_K_MILESTONE) |
								   (1u << BT_K_RISK) | (1u << BT_K_DECISION)
							 : 1u << BT_K_TASK,
				    e->kind == BT_E_NOTE ? "task, milestone, risk or decision" : "task"))
				continue;
			if (e->kind != BT_E_DONE && e->kind != BT_E_STARTED)
				continue;
			const char *verb = e->kind == BT_E_DONE ? "finish" : "start";
			if (e->date > s->date) {
				fmt_date(e->date, a);
				fmt_date(s->date, b);
				bt_diag_add(&p->diags, BT_ERROR, e->date_at, e->date_end,
					    "actual %s %s of '%s' is after the status date %s",
					    verb, a, e->task.name, b);
			} else if (start != BT_DATE_NONE && e->date < start) {
				fmt_date(e->date, a);
				bt_diag_add(&p->diags, BT_ERROR, e->date_at, e->date_end,
					    "actual %s %s of '%s' is before the program starts",
					    verb, a, e->task.name);
			}
		}
	}
}

/*============================== Cycles ============================*/

/* "dependency cycle: a -> b -> a", at the `after` entry of the cycle's
 * first node that names the node before it. */
static void report_cycle(bt_plan *p, const uint32_t *cyc, uint32_t len)
{
	bt_buf msg = BT_BUF_INIT;
	bt_graph_cycle_text(p, cyc, len, &msg);
	uint32_t nd, s = 0, e = 1;
	const bt_dep *d = bt_graph_after(p, cyc[0], &nd);
	for (uint32_t k = 0; k < nd; k++)
		if (bt_graph_node(p, &d[k].to) == cyc[len - 1]) {
			s = d[k].to.start;
			e = d[k].to.end;
			break;
		}
	bt_diag_add(&p->diags, BT_ERROR, s, e, "dependency cycle: %s", msg.oom ? "?" : msg.s);
	p->diags.oom |= msg.oom;
	bt_buf_release(&msg);
}

/* The plan's graph and its order; the first ten cycles as paths. */
static void order_and_cycles(bt_plan *p)
{
	bt_graph *g = bt_arena_alloc(&p->arena, sizeof(*g));
	if (!g || bt_graph_of_plan(g, p, &p->arena)) {
		p->arena.failed = 1;
		return;
	}
	p->graph = g;
	if (g->nordered == g->n)
		return;
	bt_graph_cycles c;
	if (bt_graph_cycles_init(&c, g) == 0) {
		for (int reported = 0; reported < 10 && bt_graph_cycle_next(&c); reported++)
			report_cycle(p, c.cycle, c.len);
	} else {
		p->arena.failed = 1;
	}
	bt_graph_cycles_release(&c);
}

/*============================= Scenarios ==========================*/

/* 1 when node `u` (a task or milestone ref) is among the `after` list of
 * the item's subject. */
static int comes_after(const bt_plan *p, const bt_ref *subj, const bt_ref *u)
{
	uint32_t d0, nd;
	if (subj->kind == BT_K_TASK) {
		d0 = p->tasks.v[subj->idx].dep0;
		nd = p->tasks.v[subj->idx].ndep;
	} else {
		d0 = p->milestones.v[subj->idx].dep0;
		nd = p->milestones.v[subj->idx].ndep;
	}
	for (uint32_t k = 0; k < nd; k++) {
		const bt_ref *r = &p->deps.v[d0 + k].to;
		if (r->kind == u->kind && r->idx == u->idx)
			return 1;
	}
	return 0;
}

/* Does scenario sc drop the link from subj to u (so adding it again, with
 * another type or lag, changes the link rather than doubling it)? */
static int drops(const bt_plan *p, const bt_scenario *sc, const bt_ref *subj, const bt_ref *u)
{
	for (uint32_t k = 0; k < sc->nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[sc->item0 + k];
		if (it->kind != BT_SC_DROP_AFTER || it->subject.kind != subj->kind || it->subject.idx != subj->idx)
			continue;
		for (uint32_t j = 0; j < it->ndep; j++) {
			const bt_ref *r = &p->refs.v[it->dep0 + j];
			if (r->kind == u->kind && r->idx == u->idx)
				return 1;
		}
	}
	return 0;
}

static void check_scen_item(bt_plan *p, const bt_scenario *sc, bt_scen_item *it)
{
	const unsigned node = (1u << BT_K_TASK) | (1u << BT_K_MILESTONE);
	switch (it->kind) {
	case BT_SC_CAPACITY:
	case BT_SC_SLOWER:
		resolve(p, &it->subject, 1u << BT_K_TEAM, "team");
		return;
	case BT_SC_ESTIMATE:
	case BT_SC_DESCOPE:
		resolve(p, &it->subject, 1u << BT_K_TASK, "task");
		return;
	case BT_SC_PEOPLE:
		if (resolve(p, &it->subject, 1u << BT_K_TASK, "task") == 0) {
			uint32_t ct;
			int32_t k;
			if (!bt_task_crew(p, &p->tasks.v[it->subject.idx], &ct, &k)) {
				bt_diag_add(&p->diags, BT_ERROR, it->subject.start, it->subject.end,
					    "task '%s' needs several teams: 'people' staffs a task one team does",
					    it->subject.name);
				bt_diag_help(&p->diags, "change a team's capacity instead, or split the task per team");
			}
		}
		return;
	case BT_SC_RISK_CERTAIN:
	case BT_SC_RISK_RETIRE:
	case BT_SC_RISK_PROB:
		resolve(p, &it->subject, 1u << BT_K_RISK, "risk");
		return;
	default:
		break;
	}
	/* after / drop-after: the subject's keyword said task or milestone */
	int is_ms = it->subject_kind == BT_K_MILESTONE;
	int ok = resolve(p, &it->subject, 1u << (is_ms ? BT_K_MILESTONE : BT_K_TASK),
			 is_ms ? "milestone" : "task") == 0;
	for (uint32_t k = 0; k < it->ndep; k++) {
		bt_ref *r = it->kind == BT_SC_AFTER ? &p->deps.v[it->dep0 + k].to
						    : &p->refs.v[it->dep0 + k];
		if (resolve(p, r, node, "task or milestone") || !ok)
			continue;
		if (r->kind == it->subject.kind && r->idx == it->subject.idx) {
			bt_diag_add(&p->diags, BT_ERROR, r->start, r->end,
				    "'%s' cannot come after itself", r->name);
			continue;
		}
		int there = comes_after(p, &it->subject, r);
		if (it->kind == BT_SC_AFTER && there && !drops(p, sc, &it->subject, r))
			bt_diag_add(&p->diags, BT_ERROR, r->start, r->end,
				    "'%s' already comes after '%s' in the plan", it->subject.name,
				    r->name);
		else if (it->kind == BT_SC_DROP_AFTER && !there)
			bt_diag_add(&p->diags, BT_ERROR, r->start, r->end,
				    "'%s' does not come after '%s' in the plan: nothing to drop",
				    it->subject.name, r->name);
	}
}

/* Scenario ids, items, and the cycles a scenario's added links would make
 * (only once the plan itself has none). */
static void check_scenarios(bt_plan *p)
{
	for (uint32_t i = 0; i < p->scenarios.n; i++) {
		bt_scenario *sc = &p->scenarios.v[i];
		if (!sc->id)
			continue;
		for (uint32_t j = 0; j < i; j++)
			if (p->scenarios.v[j].id == sc->id) {
				bt_diag_add(&p->diags, BT_ERROR, sc->start, sc->end,
					    "duplicate scenario '%s' (the first is on line %d)",
					    sc->id, line_of(p, p->scenarios.v[j].start));
				break;
			}
		if (!sc->nitem && !sc->bad)
			bt_diag_add(&p->diags, BT_WARNING, sc->start, sc->end,
				    "scenario '%s' changes nothing: add items like 'task ID estimate 5d 8d 13d'",
				    sc->id);
		int e0 = p->diags.errors;
		for (uint32_t k = 0; k < sc->nitem; k++)
			check_scen_item(p, sc, &p->scen_items.v[sc->item0 + k]);
		if (p->diags.errors > e0 || !p->graph || p->graph->nordered != p->graph->n)
			continue;
		bt_arena scratch = BT_ARENA_INIT;
		bt_buf cyc = BT_BUF_INIT;
		bt_graph g;
		uint32_t item = 0;
		int rc = bt_scenario_graph(p, sc, &scratch, &g, &item, &cyc);
		if (rc == -1)
			p->arena.failed = 1;
		if (rc == -2) {
			const bt_scen_item *it = &p->scen_items.v[item];
			bt_diag_add(&p->diags, BT_ERROR, it->start, it->end,
				    "scenario '%s' makes a dependency cycle: %s", sc->id,
				    cyc.oom ? "?" : cyc.s);
			p->diags.oom |= cyc.oom;
		}
		bt_buf_release(&cyc);
		bt_arena_release(&scratch);
	}
}

/* The changes of one commitment (a milestone's, or the program's when
 * `ms` is NULL): `by` names a decision of the plan, decided on the day the
 * commitment moved (warnings: the plan may record the move first); no
 * commitment before the program starts. */
static void check_commit_changes(bt_plan *p, const bt_milestone *ms, uint32_t c0, uint32_t n)
{
	const char *whose = ms ? ms->id : p->prog.id ? p->prog.id : "the program";
	for (uint32_t i = 0; i < n; i++) {
		bt_commit_change *c = &p->commit_changes.v[c0 + i];
		char a[11], b[11];
		if (p->prog.start_date != BT_DATE_NONE && c->date < p->prog.start_date) {
			fmt_date(c->date, a);
			bt_diag_add(&p->diags, BT_ERROR, c->start, c->end,
				    "commit date %s of %s '%s' is before the program starts", a,
				    ms ? "milestone" : "program", whose);
		}
		if (!c->by.name)
			continue;
		if (resolve(p, &c->by, 1u << BT_K_DECISION, "decision")) {
			const bt_name *nm = BT_NAME(c->by.name);
			if (nm->item_kind != BT_K_NONE || nm->team_idx != BT_NONE)
				bt_diag_help(&p->diags, "'by' names the decision that moved the commitment: "
							"'decision ID \"title\"' with its 'decided DATE'");
			continue;
		}
		const bt_decision *d = &p->decisions.v[c->by.idx];
		bt_date on = d->decided != BT_DATE_NONE ? d->decided : d->date;
		fmt_date(c->since, a);
		if (d->state != BT_DEC_DECIDED) {
			bt_diag_add(&p->diags, BT_WARNING, c->by.start, c->by.end,
				    "the commitment of '%s' moved on %s by decision '%s', which is not decided", whose,
				    a, d->id);
			bt_diag_help(&p->diags, "mark the decision 'decided %s' when it was taken, or name the decision that was", a);
		} else if (on != BT_DATE_NONE && on != c->since) {
			fmt_date(on, b);
			bt_diag_add(&p->diags, BT_WARNING, c->by.start, c->by.end,
				    "the commitment of '%s' moved on %s by decision '%s', decided on %s", whose, a,
				    d->id, b);
			bt_diag_help(&p->diags, "a commitment moves the day its decision is taken: write 'since %s', or correct the decision's date", b);
		}
	}
}

int bt_check(bt_plan *p)
{
	if (p->prog.week == 0)
		p->prog.week = BT_WEEK_MON_FRI;
	for (uint32_t i = 0; i < p->teams.n; i++)
		declare(p, p->teams.v[i].id, p->teams.v[i].start,
			p->teams.v[i].end, BT_K_TEAM, i);
	for (uint32_t i = 0; i < p->tasks.n; i++)
		declare(p, p->tasks.v[i].id, p->tasks.v[i].start,
			p->tasks.v[i].end, BT_K_TASK, i);
	for (uint32_t i = 0; i < p->milestones.n; i++)
		declare(p, p->milestones.v[i].id, p->milestones.v[i].start,
			p->milestones.v[i].end, BT_K_MILESTONE, i);
	for (uint32_t i = 0; i < p->risks.n; i++)
		declare(p, p->risks.v[i].id, p->risks.v[i].start,
			p->risks.v[i].end, BT_K_RISK, i);
	for (uint32_t i = 0; i < p->decisions.n; i++)
		declare(p, p->decisions.v[i].id, p->decisions.v[i].start,
			p->decisions.v[i].end, BT_K_DECISION, i);
	check_program(p);
	check_teams(p);
	for (uint32_t i = 0; i < p->tasks.n; i++)
		check_task(p, &p->tasks.v[i]);
	for (uint32_t i = 0; i < p->milestones.n; i++)
		check_milestone(p, &p->milestones.v[i]);
	for (uint32_t i = 0; i < p->risks.n; i++)
		check_risk(p, &p->risks.v[i]);
	for (uint32_t i = 0; i < p->decisions.n; i++)
		check_decision(p, &p->decisions.v[i]);
	/* After the decisions: a decided date sets their state. */
	check_commit_changes(p, NULL, p->prog.cc0, p->prog.ncc);
	for (uint32_t i = 0; i < p->milestones.n; i++)
		check_commit_changes(p, &p->milestones.v[i], p->milestones.v[i].cc0, p->milestones.v[i].ncc);
	check_status(p);
	for (uint32_t i = 0; i < p->risks.n; i++)
		check_counted_twice(p, &p->risks.v[i]);
	order_and_cycles(p);
	check_scenarios(p);
	p->checked = 1;
	return p->arena.failed ? -1 : 0;
}
