/*
 * plan.c: the public plan object: parse, check, diagnostics, free.
 */
#include <string.h>

#include "level.h"
#include "simulate.h"

/* What `schedule` would refuse, found here so that check reports it,
 * located: a finish past the last printable date, a plan too long to
 * level, and a task that levelling cannot place. Levelling runs only
 * when a task needs more people than its team keeps for good (a team
 * whose capacity drops for ever): otherwise every task fits once the
 * others are done, and levelling cannot fail. Returns 0, or -1 when
 * memory runs out. */
static int check_schedulable(bt_plan *p, const bt_net *net, bt_cpm *out, bt_arena *a)
{
	bt_cpm cpm;
	if (bt_cpm_run(net, &cpm, a))
		return -1;
	*out = cpm;
	if (net->nt && bt_cal_date(&net->cal, cpm.end_day) > BT_LAST_DATE) {
		uint32_t last = 0;
		for (uint32_t v = 1; v < net->nt; v++)
			if (cpm.ef[v] > cpm.ef[last])
				last = v;
		const bt_task *t = &p->tasks.v[last];
		bt_diag_add(&p->diags, BT_ERROR, t->start, t->end,
			    "task '%s' would finish after 9999-12-31, the last date baton can show", t->id);
		bt_diag_help(&p->diags, "shorten its estimate, its links' lags or the work before it");
		return 0;
	}
	/* Forecast runs end at the latest when every estimate runs to its
	 * pessimistic end (a single estimate: the default spread) and
	 * every risk that can occur adds its largest impact. */
	int64_t extra = 0;
	for (uint32_t v = 0; v < net->nt; v++) {
		if (net->state[v] == BT_TS_DONE)
			continue;
		double m = net->est_m[v], hi = net->est_o[v] == net->est_p[v] ? m * (1 + BT_SIM_SPREAD_HI) : net->est_p[v];
		if (net->state[v] == BT_TS_STARTED)
			hi = m > 0 ? hi * net->remaining[v] / m : net->remaining[v];
		int64_t x = (int64_t)hi + 2 - net->dur[v];
		extra += x > 0 ? x : 0;
	}
	for (uint32_t r = 0; r < p->risks.n; r++)
		if (p->risks.v[r].state != BT_RISK_CLOSED && p->risks.v[r].state != BT_RISK_ABSORBED &&
		    p->risks.v[r].impact_hi > 0)
			extra += p->risks.v[r].impact_hi;
	int64_t worst = cpm.end_day + extra;
	if (worst > BT_MAX_LEVEL_SPAN || bt_cal_date(&net->cal, (int32_t)worst) > BT_LAST_DATE) {
		bt_diag_add(&p->diags, BT_WARNING, p->prog.start, p->prog.end,
			    "forecasts of this plan may run past 9999-12-31, the last date baton can show, and would then be refused");
		bt_diag_help(&p->diags, "its pessimistic estimates and risk impacts reach that far; shorten the plan");
	}
	/* Levelling is refused outright when the plan levels, and reported
	 * as a warning otherwise (only `schedule --level` would refuse it). */
	enum bt_severity sev = p->prog.level > 0 ? BT_ERROR : BT_WARNING;
	int64_t serial = cpm.end_day;
	for (uint32_t v = 0; v < net->nt; v++)
		serial += net->dur[v];
	if (serial > BT_MAX_LEVEL_SPAN) {
		bt_diag_add(&p->diags, sev, p->prog.start, p->prog.end,
			    "the plan is too long to level: its tasks one after another run past the year 9999");
		bt_diag_help(&p->diags, sev == BT_ERROR ? "turn levelling off ('level off') or shorten the plan"
							: "'schedule --level' refuses it; shorten the plan to level it");
		return 0;
	}
	/* Levelled dates past the last printable one: only possible when
	 * the tasks one after another would run past it. */
	int late = bt_cal_date(&net->cal, (int32_t)serial) > BT_LAST_DATE;
	/* A task can need more than its team keeps for good only when the
	 * team's capacity changes (check has refused a need over the base
	 * capacity): without changes, and not late, nothing to level here, so
	 * every parse does not build a levelling problem for nothing. */
	int changes = 0;
	for (uint32_t t = 0; t < p->teams.n && !changes; t++)
		changes = p->teams.v[t].ncc > 0;
	if (!p->teams.n || (!changes && !late))
		return 0;
	bt_leveler *L = bt_leveler_new(p, net);
	if (!L)
		return -1;
	uint32_t nd;
	const bt_rcpsp_demand *dem = bt_leveler_demands(L, &nd);
	int tight = 0;
	for (uint32_t i = 0; i < nd && !tight; i++)
		tight = dem[i].act < net->nt && net->state[dem[i].act] != BT_TS_DONE &&
			dem[i].amount > bt_leveler_final_capacity(L, dem[i].res);
	int rc = 0;
	if (tight || late) {
		/* The options `schedule` levels with by default. */
		bt_rcpsp_opts ro = {0, 0.0, 1};
		int32_t *es = bt_arena_alloc(a, sizeof(int32_t) * ((size_t)net->n + 1));
		int32_t *ef = bt_arena_alloc(a, sizeof(int32_t) * ((size_t)net->n + 1));
		uint32_t bad_task = BT_NONE, bad_team = BT_NONE;
		int lrc = es && ef ? bt_leveler_run(L, NULL, &ro, es, ef, NULL, NULL, NULL, &bad_task, &bad_team)
				   : BT_RCPSP_ENOMEM;
		if (lrc == BT_RCPSP_ENOMEM) {
			rc = -1;
		} else if (lrc == BT_RCPSP_EINFEASIBLE && bad_task < net->nt && bad_team < p->teams.n) {
			const bt_task *t = &p->tasks.v[bad_task];
			const bt_team *tm = &p->teams.v[bad_team];
			char need[16], cap[16];
			int32_t amount = 0;
			for (uint32_t i = 0; i < nd; i++)
				if (dem[i].act == bad_task && dem[i].res == bad_team)
					amount += dem[i].amount;
			bt_diag_add(&p->diags, sev, t->start, t->end,
				    "levelling cannot place task '%s': it needs %s of team '%s' at once, more than the team has on any day it could run (%s after its last capacity change)",
				    t->id, bt_people(need, amount), tm->id, bt_people(cap, bt_leveler_final_capacity(L, bad_team)));
			bt_diag_help(&p->diags, "lower its 'needs', raise the team's capacity, or let it run before the capacity drops");
		} else if (lrc != BT_RCPSP_OK) {
			bt_diag_add(&p->diags, sev, p->prog.start, p->prog.end, "levelling cannot schedule this plan: %s",
				    bt_rcpsp_strerror(lrc));
		} else if (net->nt) {
			uint32_t last = 0;
			for (uint32_t v = 1; v < net->nt; v++)
				if (ef[v] > ef[last])
					last = v;
			if (bt_cal_date(&net->cal, ef[last]) > BT_LAST_DATE) {
				const bt_task *t = &p->tasks.v[last];
				bt_diag_add(&p->diags, sev, t->start, t->end,
					    "levelled, task '%s' would finish after 9999-12-31, the last date baton can show",
					    t->id);
				bt_diag_help(&p->diags, sev == BT_ERROR ? "turn levelling off ('level off'), or shorten the plan or its waits for people"
									: "'schedule --level' refuses it; shorten the plan to level it");
			}
		}
	}
	bt_leveler_free(L);
	return rc;
}

baton_plan *baton_plan_parse(const char *filename, const char *text, size_t len)
{
	bt_alloc_init();
	bt_plan *p = bt_calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->diags.arena = &p->arena;
	p->prog.start_date = BT_DATE_NONE;
	p->prog.commit = p->prog.commit0 = BT_DATE_NONE;
	p->prog.level = -1;
	/* A UTF-8 byte-order mark (editors on Windows write one) is not part
	 * of the plan: line 1, column 1 is the character after it, and fmt
	 * does not write it back. */
	int bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
	if (bom) {
		text += 3;
		len -= 3;
	}
	if (len > UINT32_MAX - 2) {
		/* Offsets are 32-bit: plans over 4 GiB are out of scope. */
		bt_free(p);
		return NULL;
	}
	char *copy = bt_arena_alloc(&p->arena, len + 1);
	const char *name = bt_arena_strndup(&p->arena, filename, strlen(filename));
	if (!copy || !name) {
		baton_plan_free(p);
		return NULL;
	}
	if (len)
		memcpy(copy, text, len);
	copy[len] = 0;
	/* Old Mac line ends (a CR alone) are line ends too: as LF, byte for
	 * byte, so every offset still points where it did. */
	for (char *cr = memchr(copy, '\r', len); cr; cr = memchr(cr + 1, '\r', len - (size_t)(cr + 1 - copy)))
		if (cr[1] != '\n') {
			*cr = '\n';
			p->normalized = 1;
		}
	p->src.name = name;
	p->normalized |= (uint8_t)bom;
	p->src.text = copy;
	p->src.len = (uint32_t)len;
	if (bt_parse(p) || bt_check(p)) {
		baton_plan_free(p);
		return NULL;
	}
	/* Status entries that contradict each other (progress on a task
	 * never started, done before started) show only when they are
	 * applied: apply every block once, so check reports them. */
	if (!p->diags.errors) {
		bt_arena scratch = BT_ARENA_INIT;
		bt_net net;
		bt_cpm cpm;
		int rc = bt_net_build(&net, p, BT_DATE_NONE, &scratch, &p->diags);
		if (rc == 0) {
			bt_net_warn_history(&net, p, &p->diags);
			rc = check_schedulable(p, &net, &cpm, &scratch);
		}
		/* Kept for the first schedule, which would compute the same
		 * again (a tenth of a million-task schedule's time). Without
		 * the memory for the holder, it computes them. */
		if (rc == 0 && !p->diags.errors && !p->parts.n && (p->pre = bt_malloc(sizeof(*p->pre)))) {
			p->pre->arena = scratch;
			p->pre->net = net;
			p->pre->cpm = cpm;
			scratch = (bt_arena)BT_ARENA_INIT;
		}
		bt_arena_release(&scratch);
		if (rc == -1) {
			baton_plan_free(p);
			return NULL;
		}
	}
	if (p->diags.oom) {
		/* A plan whose diagnostics lack one would be reported as
		 * cleaner than it is. */
		baton_plan_free(p);
		return NULL;
	}
	return p;
}

void baton_plan_free(baton_plan *p)
{
	if (!p)
		return;
	BT_VEC_FREE(p->teams);
	BT_VEC_FREE(p->tasks);
	BT_VEC_FREE(p->milestones);
	BT_VEC_FREE(p->risks);
	BT_VEC_FREE(p->decisions);
	BT_VEC_FREE(p->statuses);
	BT_VEC_FREE(p->deps);
	BT_VEC_FREE(p->needs);
	BT_VEC_FREE(p->refs);
	BT_VEC_FREE(p->ranges);
	BT_VEC_FREE(p->capchanges);
	BT_VEC_FREE(p->commit_changes);
	BT_VEC_FREE(p->entries);
	BT_VEC_FREE(p->scenarios);
	BT_VEC_FREE(p->scen_items);
	bt_idtab_free(&p->names);
	bt_net_cpm_free(p->pre);
	bt_diags_release(&p->diags);
	bt_arena_release(&p->arena);
	bt_free(p);
}

int bt_plan_status_date(const bt_plan *p, const char *as_of, bt_date *out, const char **err)
{
	*out = BT_DATE_NONE;
	if (p->diags.errors) {
		*err = "the plan has errors";
		return -1;
	}
	if (as_of && bt_date_parse(as_of, strlen(as_of), out)) {
		*err = "invalid --as-of date: expected YYYY-MM-DD";
		return -1;
	}
	return 0;
}

int baton_plan_errors(const baton_plan *p)
{
	return p->diags.errors;
}

int baton_plan_warnings(const baton_plan *p)
{
	return p->diags.warnings;
}

char *baton_plan_diagnostics(const baton_plan *p, int color)
{
	bt_buf b = BT_BUF_INIT;
	bt_diags_render(&b, &p->src, &p->diags, color);
	return bt_buf_detach(&b, NULL);
}

char *baton_plan_diagnostics_json(const baton_plan *p)
{
	bt_buf b = BT_BUF_INIT;
	bt_diags_render_json(&b, &p->src, &p->diags, 0);
	return bt_buf_detach(&b, NULL);
}

char *baton_plan_check_json(const baton_plan *p)
{
	bt_buf b = BT_BUF_INIT;
	bt_diags_render_json(&b, &p->src, &p->diags, 1);
	return bt_buf_detach(&b, NULL);
}

const char *baton_version(void)
{
	return BATON_VERSION;
}

void baton_string_free(char *s)
{
	bt_free(s);
}

int baton_date_valid(const char *s)
{
	bt_date d;
	return s && bt_date_parse(s, strlen(s), &d) == 0;
}
