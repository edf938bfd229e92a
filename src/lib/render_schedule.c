/*
 * render_schedule.c: the schedule as a terminal table, Markdown and JSON.
 * Renders what cpm computed; computes nothing but date conversions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "schedule.h"
#include "table.h"

static const char *state_name(uint8_t st)
{
	return st == BT_TS_DONE ? "done" : st == BT_TS_STARTED ? "started" : "planned";
}

static void fmt_day(const struct baton_schedule *s, int32_t day, char out[11])
{
	bt_date_format(bt_cal_date(&s->net.cal, day), out);
}

/* Milestone date: the last working day of its last prerequisite. */
static void ms_date(const struct baton_schedule *s, int32_t day, char out[11])
{
	/* With nothing before it, a milestone is reached at the start. */
	fmt_day(s, day > 0 ? day - 1 : 0, out);
}

/* Working days from a milestone's day to its commit: commit covers the
 * whole commit date, so compare exclusive ends. */
static int32_t commit_slack(const struct baton_schedule *s, bt_date commit, int32_t day)
{
	return bt_cal_index(&s->net.cal, commit + 1) - day;
}

static void header(bt_buf *b, const struct baton_schedule *s, int md)
{
	const bt_plan *p = s->plan;
	char as_of[11] = "", end[11];
	if (s->net.as_of != BT_DATE_NONE)
		bt_date_format(s->net.as_of, as_of);
	ms_date(s, s->cpm.end_day, end);
	const char *title = p->prog.title ? p->prog.title : p->prog.id;
	if (md)
		bt_buf_printf(b, "## %s: schedule\n\n", title);
	else
		bt_buf_printf(b, "%s: schedule\n", title);
	uint32_t nm = s->net.n - s->net.nt;
	bt_buf_printf(b, "%s%s; %s; %u task%s, %u milestone%s; planned end %s",
		      as_of[0] ? "as of " : "from the start (no status yet)",
		      as_of, s->levelled ? "capacity-levelled" : "critical path, capacity not levelled",
		      s->net.nt, s->net.nt == 1 ? "" : "s", nm, nm == 1 ? "" : "s", end);
	if (p->prog.commit != BT_DATE_NONE) {
		char c[11];
		bt_date_format(p->prog.commit, c);
		int32_t sl = commit_slack(s, p->prog.commit, s->cpm.end_day);
		if (sl >= 0)
			bt_buf_printf(b, " (commit %s, slack %d working day%s)", c, sl, sl == 1 ? "" : "s");
		else
			bt_buf_printf(b, " (commit %s, %d working day%s late)", c, -sl, sl == -1 ? "" : "s");
	}
	if (s->scen) {
		char be[11];
		ms_date(s, s->base_end, be);
		bt_buf_printf(b, "%sunder scenario %s%s%s%s: planned end %s, %+d working day%s from the plan without it (%s)",
			      md ? "\n\n" : "\n", s->scen->id, s->scen->title ? " (" : "",
			      s->scen->title ? s->scen->title : "", s->scen->title ? ")" : "", end, s->vs_base_end,
			      s->vs_base_end == 1 || s->vs_base_end == -1 ? "" : "s", be);
	}
	bt_buf_puts(b, md ? "\n\n" : "\n\n");
}

/* The dates of working days, each formatted once: a million tasks need
 * four dates each but span a few thousand days, and the calendar's
 * conversion (binary searches over the holidays) cost a tenth of the
 * JSON's time. Without the memory for it, each date is converted. */
typedef struct day_memo {
	const bt_cal *cal;
	int32_t n;
	char (*txt)[11]; /* txt[d][0] == 0: not formatted yet */
} day_memo;

static void memo_init(day_memo *m, const struct baton_schedule *s)
{
	int64_t n = (int64_t)s->cpm.end_day + 1;
	m->cal = &s->net.cal;
	m->n = 0;
	m->txt = NULL;
	if (n > 0 && n <= (1 << 22) && (m->txt = bt_calloc((size_t)n, sizeof(*m->txt))))
		m->n = (int32_t)n;
}

static void memo_release(day_memo *m)
{
	bt_free(m->txt);
	m->txt = NULL;
	m->n = 0;
}

static const char *memo_day(day_memo *m, int32_t day, char out[11])
{
	if (day >= 0 && day < m->n) {
		if (!m->txt[day][0])
			bt_date_format(bt_cal_date(m->cal, day), m->txt[day]);
		return m->txt[day];
	}
	bt_date_format(bt_cal_date(m->cal, day), out);
	return out;
}

/* bt_sched_dates through the memo: the start day, the inclusive finish. */
static void memo_dates(day_memo *m, int32_t es, int32_t ef, const char **start, const char **finish,
		       char sbuf[11], char fbuf[11])
{
	*start = memo_day(m, es, sbuf);
	*finish = memo_day(m, ef > es ? ef - 1 : es, fbuf);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The task table is streamed (table.h, bt_table_term_rows): a million
 * rows of ten cells were 80 MB of cell pointers and copies, and most of
 * the text's time. Its cells refer to the plan's ids, the memo's dates
 * and the buffers here, which live until the next row is made. */
typedef struct task_rows {
	const struct baton_schedule *s;
	day_memo *memo;
	uint64_t *ord;          /* schedule order: by early start, then plan order */
	int color;
	char esb[11], efb[11], lsb[11], lfb[11];
	char days[24], tf[24], ff[24];
	char note[96];
} task_rows;

static const char *int_cell(char d[24], int64_t v)
{
	*bt_i64_into(d, v) = 0;
	return d;
}

/* Rows ahead of the one made whose task and id are fetched: in schedule
 * order the tasks lie all over the plan's memory, and waiting for each
 * was most of the table's time. */
#define AHEAD 8

static void task_row(void *ctx, uint32_t i, int measuring, bt_table *tt)
{
	task_rows *tr = ctx;
	const struct baton_schedule *s = tr->s;
	const bt_plan *p = s->plan;
	const bt_cpm *c = &s->cpm;
	const bt_net *n = &s->net;
	/* Measuring, any order will do: the plan's, which reads memory in
	 * order. */
	uint32_t v = measuring ? i : (uint32_t)tr->ord[i];
	if (!measuring && i + 2 * AHEAD < n->nt)
		__builtin_prefetch(&p->tasks.v[(uint32_t)tr->ord[i + 2 * AHEAD]]);
	if (!measuring && i + AHEAD < n->nt) {
		uint32_t u = (uint32_t)tr->ord[i + AHEAD];
		__builtin_prefetch(p->tasks.v[u].id);
		__builtin_prefetch(&c->es[u]);
		__builtin_prefetch(&c->ls[u]);
	}
	const bt_task *t = &p->tasks.v[v];
	const char *es, *ef, *ls, *lf;
	memo_dates(tr->memo, c->es[v], c->ef[v], &es, &ef, tr->esb, tr->efb);
	memo_dates(tr->memo, c->ls[v], c->lf[v], &ls, &lf, tr->lsb, tr->lfb);
	const char *style = NULL;
	if (tr->color)
		style = n->state[v] == BT_TS_DONE ? "\033[2m" : c->critical[v] ? "\033[31m" : NULL;
	bt_table_row(tt, style);
	bt_table_ref(tt, t->id);
	bt_table_ref(tt, t->team.name ? t->team.name : "");
	bt_table_ref(tt, int_cell(tr->days, s->days[v]));
	bt_table_ref(tt, es);
	bt_table_ref(tt, ef);
	if (n->state[v] == BT_TS_DONE) {
		bt_table_ref(tt, "");
		bt_table_ref(tt, "");
		bt_table_ref(tt, "");
		bt_table_ref(tt, "");
		bt_table_ref(tt, "done");
		return;
	}
	bt_table_ref(tt, ls);
	bt_table_ref(tt, lf);
	bt_table_ref(tt, int_cell(tr->tf, c->tf[v]));
	bt_table_ref(tt, int_cell(tr->ff, c->ff[v]));
	char *note = tr->note;
	const size_t nsz = sizeof tr->note;
	size_t k = 0;
	note[0] = 0;
	if (c->critical[v]) {
		memcpy(note, "critical", sizeof "critical");
		k = sizeof "critical" - 1;
	}
	if (n->state[v] == BT_TS_STARTED)
		k += (size_t)snprintf(note + k, nsz - k, "%sstarted, %dd left", k ? "; " : "", n->remaining[v]);
	if (n->state[v] == BT_TS_STARTED && s->work_start[v] > bt_net_dday(n, v) && k < nsz) {
		char rs[11];
		bt_date_format(bt_cal_date(&n->cal, s->work_start[v]), rs);
		k += (size_t)snprintf(note + k, nsz - k, ", resumes %s", rs);
	}
	if (s->levelled && c->es[v] > s->plain_es[v] && k < nsz) {
		uint32_t w0 = s->wait_off[v], w1 = s->wait_off[v + 1];
		k += (size_t)snprintf(note + k, nsz - k, "%s+%dd", k ? "; " : "", c->es[v] - s->plain_es[v]);
		if (w1 > w0 && k < nsz)
			k += (size_t)snprintf(note + k, nsz - k, " waits for %s", p->teams.v[s->wait[w0].res].id);
		else if (k < nsz)
			k += (size_t)snprintf(note + k, nsz - k, " behind predecessors");
	}
	if (n->deadline[v] != BT_DAY_NONE && c->ef[v] > n->deadline[v] && k < nsz)
		k += (size_t)snprintf(note + k, nsz - k, "%smisses deadline by %dd", k ? "; " : "",
				      c->ef[v] - n->deadline[v]);
	if (s->vs_base && s->vs_base[v] && k < nsz)
		k += (size_t)snprintf(note + k, nsz - k, "%s%+dd vs plan", k ? "; " : "", s->vs_base[v]);
	bt_table_ref(tt, note);
}

/* The task table's header and its rows' order in tr; 0, or -1 when memory
 * ran out (tt->oom set). */
static int task_rows_init(task_rows *tr, const struct baton_schedule *s, day_memo *memo, bt_table *tt, int color)
{
	const bt_cpm *c = &s->cpm;
	const bt_net *n = &s->net;
	memset(tr, 0, sizeof(*tr));
	tr->s = s;
	tr->memo = memo;
	tr->color = color;
	bt_table_init(tt, (bt_arena *)&s->arena,
		      "TASK TEAM DAYS> START FINISH LATE_START LATE_FINISH FLOAT> FREE> NOTE");
	/* Tasks in schedule order: by early start, then plan order. The key
	 * packs both into one integer so qsort needs no context. */
	tr->ord = bt_malloc(sizeof(uint64_t) * (n->nt + 1));
	if (!tr->ord) {
		tt->oom = 1;
		return -1;
	}
	for (uint32_t v = 0; v < n->nt; v++)
		tr->ord[v] = ((uint64_t)(uint32_t)(c->es[v] + INT32_MAX / 2) << 32) | v;
	qsort(tr->ord, n->nt, sizeof(uint64_t), cmp_u64);
	return 0;
}

static void fill_milestones(const struct baton_schedule *s, bt_table *mt, int color)
{
	const bt_plan *p = s->plan;
	const bt_cpm *c = &s->cpm;
	const bt_net *n = &s->net;
	bt_table_init(mt, (bt_arena *)&s->arena, "MILESTONE COMMIT PLANNED SLACK> NOTE");
	for (uint32_t k = 0; k < p->milestones.n; k++) {
		const bt_milestone *m = &p->milestones.v[k];
		uint32_t v = n->nt + k;
		char f[11], cm[11] = "-";
		ms_date(s, c->es[v], f);
		const char *style = NULL;
		/* No verdict beyond the slack: whether a commit will be met is
		 * the forecast's to say (its chance), not the likely-estimate
		 * schedule's. */
		char st[64] = "no commitment";
		char sl[16] = "";
		if (m->commit != BT_DATE_NONE) {
			bt_date_format(m->commit, cm);
			int32_t slack = commit_slack(s, m->commit, c->es[v]);
			snprintf(sl, sizeof sl, "%d", slack);
			if (slack < 0) {
				snprintf(st, sizeof st, "late by %d working day%s", -slack, slack == -1 ? "" : "s");
				style = color ? "\033[31m" : NULL;
			} else {
				st[0] = 0;
			}
		}
		if (c->critical[v])
			strncat(st, st[0] ? "; critical" : "critical", sizeof st - strlen(st) - 1);
		if (s->vs_base && s->vs_base[v]) {
			size_t l = strlen(st);
			snprintf(st + l, sizeof st - l, "%s%+dd vs plan", l ? "; " : "", s->vs_base[v]);
		}
		bt_table_row(mt, style);
		bt_table_cell(mt, "%s", m->id);
		bt_table_cell(mt, "%s", cm);
		bt_table_cell(mt, "%s", f);
		bt_table_cell(mt, "%s", sl);
		bt_table_cell(mt, "%s", st);
	}
}

/*============================ Levelling ===========================*/

static const char *node_id(const struct baton_schedule *s, uint32_t v)
{
	return v < s->net.nt ? s->plan->tasks.v[v].id : s->plan->milestones.v[v - s->net.nt].id;
}

/* The resource-constrained critical path, one link a line. */
static void chain_lines(bt_table *t, const struct baton_schedule *s)
{
	const bt_plan *p = s->plan;
	bt_table_init(t, (bt_arena *)&s->arena, "START TASK TEAM WHY");
	for (uint32_t i = 0; i < s->nchain; i++) {
		const bt_rcpsp_link *l = &s->chain[i];
		uint32_t v = l->act;
		char d[11];
		fmt_day(s, s->cpm.es[v], d);
		bt_table_row(t, NULL);
		bt_table_cell(t, "%s", d);
		bt_table_cell(t, "%s", node_id(s, v));
		bt_table_cell(t, "%s", v < s->net.nt && p->tasks.v[v].team.name ? p->tasks.v[v].team.name : "");
		const char *prev = i ? node_id(s, s->chain[i - 1].act) : "";
		switch (l->kind) {
		case BT_RCPSP_LINK_PREC:
			bt_table_cell(t, "follows %s", prev);
			break;
		case BT_RCPSP_LINK_RESOURCE:
			bt_table_cell(t, "waits for people of %s that %s frees", p->teams.v[l->res].id, prev);
			break;
		case BT_RCPSP_LINK_CAPACITY:
			bt_table_cell(t, "waits for capacity of %s to return", p->teams.v[l->res].id);
			break;
		case BT_RCPSP_LINK_FIXED:
			bt_table_cell(t, "%s", s->net.state[v] == BT_TS_DONE ? "done" : "in progress");
			break;
		default:
			bt_table_cell(t, "%s", "starts the chain");
		}
	}
}

/* Delayed tasks, most delayed first, with the teams that held them. */
static void delay_lines(bt_table *t, const struct baton_schedule *s)
{
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	bt_table_init(t, (bt_arena *)&s->arena, "TASK DELAY> WHY");
	uint64_t *ord = bt_malloc(sizeof(uint64_t) * (n->nt + 1));
	if (!ord) {
		t->oom = 1;
		return;
	}
	uint32_t m = 0;
	for (uint32_t v = 0; v < n->nt; v++) {
		int32_t dl = s->cpm.es[v] - s->plain_es[v];
		if (dl > 0 && n->state[v] == BT_TS_PLANNED)
			ord[m++] = ((uint64_t)(uint32_t)(INT32_MAX - dl) << 32) | v;
	}
	qsort(ord, m, sizeof(uint64_t), cmp_u64);
	for (uint32_t i = 0; i < m; i++) {
		uint32_t v = (uint32_t)ord[i];
		int32_t dl = s->cpm.es[v] - s->plain_es[v];
		int32_t own = s->cpm.es[v] - s->ready[v];
		char why[256];
		size_t k = 0;
		why[0] = 0;
		for (uint32_t w = s->wait_off[v]; w < s->wait_off[v + 1] && k < sizeof why; w++) {
			const bt_rcpsp_block *bl = &s->wait[w];
			char until[11], on[11];
			fmt_day(s, bl->until, until);
			fmt_day(s, bl->day, on);
			int32_t avail = bl->avail < 0 ? 0 : bl->avail;
			char nd[16], av[16];
			k += (size_t)snprintf(why + k, sizeof why - k,
					      "%swaits for %s %s from %s until %s (%s free on %s)",
					      k ? "; " : "", bt_people(nd, bl->need),
					      bl->need == 10 ? "person" : "people",
					      p->teams.v[bl->res].id, until, bt_people(av, avail), on);
		}
		if (own < dl && k < sizeof why)
			snprintf(why + k, sizeof why - k, "%s%dd behind delayed predecessors",
				 k ? "; " : "", dl - own);
		bt_table_row(t, NULL);
		bt_table_cell(t, "%s", p->tasks.v[v].id);
		bt_table_cell(t, "+%dd", dl);
		bt_table_cell(t, "%s", why);
	}
	bt_free(ord);
}

/* Weeks as rows, teams as columns: "levelled/capacity", '!' where the
 * critical-path plan asked for more than the team has. */
static void load_lines(bt_table *t, const struct baton_schedule *s)
{
	const bt_plan *p = s->plan;
	uint32_t k = p->teams.n < BT_TABLE_MAXCOL - 1 ? p->teams.n : BT_TABLE_MAXCOL - 1;
	bt_buf cols = BT_BUF_INIT;
	bt_buf_puts(&cols, "WEEK");
	for (uint32_t i = 0; i < k; i++)
		bt_buf_puts(&cols, " T>");
	bt_table_init(t, (bt_arena *)&s->arena, cols.oom ? "WEEK" : cols.s);
	/* A table without its team columns would print as a smaller one. */
	t->oom |= cols.oom;
	bt_buf_release(&cols);
	/* Team ids as they are: the header syntax would read '_' as a space. */
	for (uint32_t i = 0; i < k && (int)i + 1 < t->ncol; i++)
		t->head[i + 1] = p->teams.v[i].id;
	for (uint32_t w = 0; w < s->nweek; w++) {
		int any = 0;
		for (uint32_t i = 0; i < k; i++) {
			const bt_week_load *wl = &s->load[i * s->nweek + w];
			any |= wl->capacity >= 0;
		}
		if (!any)
			continue;
		char d[11];
		bt_date_format(s->week0 + (bt_date)(7 * w), d);
		bt_table_row(t, NULL);
		bt_table_cell(t, "%s", d);
		for (uint32_t i = 0; i < k; i++) {
			const bt_week_load *wl = &s->load[i * s->nweek + w];
			if (wl->capacity < 0)
				bt_table_cell(t, "%s", "-");
			else {
				char a[16], c[16];
				bt_table_cell(t, "%s/%s%s%s", bt_people(a, wl->levelled),
					      bt_people(c, wl->capacity), wl->short_days ? "*" : "",
					      wl->plain_over ? "!" : "");
			}
		}
	}
}

static void levelling_sections(bt_buf *b, const struct baton_schedule *s, int md)
{
	bt_table t;
	char lb[11];
	fmt_day(s, s->lower_bound > 0 ? s->lower_bound - 1 : 0, lb);
	bt_buf_printf(b, md ? "\n### Capacity levelling\n\n" : "\nCapacity levelling\n");
	int32_t moved = s->cpm.end_day - s->plain_end;
	char pe[11], le[11];
	fmt_day(s, s->plain_end > 0 ? s->plain_end - 1 : 0, pe);
	fmt_day(s, s->cpm.end_day > 0 ? s->cpm.end_day - 1 : 0, le);
	if (moved > 0)
		bt_buf_printf(b, "%sCapacity moves the end by %d working day%s, from %s to %s. ",
			      md ? "" : "  ", moved, moved == 1 ? "" : "s", pe, le);
	else
		bt_buf_printf(b, "%sCapacity does not move the end (%s). ", md ? "" : "  ", le);
	if (s->cpm.end_day <= s->lower_bound)
		bt_buf_printf(b, "%ld schedule%s searched; none can end earlier.\n", s->schedules,
			      s->schedules == 1 ? "" : "s");
	else
		bt_buf_printf(b, "%ld schedule%s searched; no schedule can end before %s.\n",
			      s->schedules, s->schedules == 1 ? "" : "s", lb);
	chain_lines(&t, s);
	bt_buf_puts(b, md ? "\n#### The path that sets the end date\n\n" : "\nThe path that sets the end date (dependencies and capacity):\n");
	if (md)
		bt_table_md(b, &t);
	else
		bt_table_term(b, &t, 0, "  ");
	if (t.oom)
		b->oom = 1;
	bt_table_release(&t);
	delay_lines(&t, s);
	if (t.cells.n) {
		bt_buf_puts(b, md ? "\n#### Why tasks moved\n\n" : "\nWhy tasks moved (start later than the critical path allows):\n");
		if (md)
			bt_table_md(b, &t);
		else
			bt_table_term(b, &t, 0, "  ");
	}
	if (t.oom)
		b->oom = 1;
	bt_table_release(&t);
	if (s->nweek && s->plan->teams.n) {
		load_lines(&t, s);
		bt_buf_puts(b, md ? "\n#### Team load by week\n\n" : "\nTeam load by week (peak people a day / capacity):\n");
		if (md)
			bt_table_md(b, &t);
		else
			bt_table_term(b, &t, 0, "  ");
		int over = 0, shorter = 0;
		for (uint32_t i = 0; i < s->plan->teams.n * s->nweek; i++) {
			over |= s->load[i].plain_over;
			shorter |= s->load[i].short_days > 0;
		}
		if (over)
			bt_buf_puts(b, md ? "\n`!` a week in which the critical-path plan asks the team for more people than it has on some day.\n"
					  : "  ! the critical-path plan asks for more people than the team has on some day of the week\n");
		if (shorter)
			bt_buf_puts(b, md ? "\n`*` a week with fewer people on some days (holidays, absences).\n"
					  : "  * fewer people on some days of the week (holidays, absences)\n");
		if (s->plan->teams.n > BT_TABLE_MAXCOL - 1)
			bt_buf_printf(b, "%s(the first %d of %u teams; --json has them all)\n", md ? "\n" : "  ",
				      BT_TABLE_MAXCOL - 1, s->plan->teams.n);
		if (t.oom)
			b->oom = 1;
		bt_table_release(&t);
	}
}

/* What the milestone table's dates are, and where the chance is. */
static const char *planned_note(const struct baton_schedule *s, int md)
{
	if (md)
		return s->levelled ? "\nPLANNED is the capacity-levelled date at likely estimates, without risks; SLACK is working days "
				     "from it to the commitment. The chance of meeting each commitment (P50, P85) is in "
				     "`baton forecast` and `baton status`.\n"
				   : "\nPLANNED is the critical-path date at likely estimates, without risks; SLACK is working days "
				     "from it to the commitment. The chance of meeting each commitment (P50, P85) is in "
				     "`baton forecast` and `baton status`.\n";
	return s->levelled ? "\nPLANNED is the capacity-levelled date at likely estimates, without risks; SLACK is\n"
			     "working days from it to the commitment. The chance of meeting each commitment\n"
			     "(P50, P85) is in 'baton forecast' and 'baton status'.\n"
			   : "\nPLANNED is the critical-path date at likely estimates, without risks; SLACK is\n"
			     "working days from it to the commitment. The chance of meeting each commitment\n"
			     "(P50, P85) is in 'baton forecast' and 'baton status'.\n";
}

void bt_render_schedule_term(bt_buf *b, const struct baton_schedule *s, int color)
{
	bt_table tt, mt;
	day_memo memo;
	memo_init(&memo, s);
	header(b, s, 0);
	task_rows tr;
	task_rows_init(&tr, s, &memo, &tt, color);
	bt_table_term_rows(b, &tt, s->net.nt, task_row, &tr, color, "");
	bt_free(tr.ord);
	fill_milestones(s, &mt, color);
	if (s->plan->milestones.n) {
		bt_buf_putc(b, '\n');
		bt_table_term(b, &mt, color, "");
		bt_buf_puts(b, planned_note(s, 0));
	}
	if (s->levelled)
		levelling_sections(b, s, 0);
	bt_buf_puts(b, s->levelled ? "\nDAYS are working days; FLOAT and FREE are float by dependencies at the levelled "
				     "dates; critical tasks are on the path that sets the end date.\n"
				   : "\nDAYS are working days; FLOAT is total float, FREE is free float; "
				     "critical tasks have no float.\n");
	if (tt.oom || mt.oom)
		b->oom = 1;
	bt_table_release(&tt);
	bt_table_release(&mt);
	memo_release(&memo);
}

void bt_render_schedule_md(bt_buf *b, const struct baton_schedule *s)
{
	bt_table tt, mt;
	day_memo memo;
	memo_init(&memo, s);
	header(b, s, 1);
	task_rows tr;
	task_rows_init(&tr, s, &memo, &tt, 0);
	bt_buf_puts(b, "### Tasks\n\n");
	bt_table_md_rows(b, &tt, s->net.nt, task_row, &tr);
	bt_free(tr.ord);
	fill_milestones(s, &mt, 0);
	if (s->plan->milestones.n) {
		bt_buf_puts(b, "\n### Milestones\n\n");
		bt_table_md(b, &mt);
		bt_buf_puts(b, planned_note(s, 1));
	}
	if (s->levelled)
		levelling_sections(b, s, 1);
	if (tt.oom || mt.oom)
		b->oom = 1;
	bt_table_release(&tt);
	bt_table_release(&mt);
	memo_release(&memo);
}

/*================================ JSON ============================*/

/* Written as it goes by the streaming writer (jsonw.h), never as a tree:
 * a million tasks' JSON is 450 MB, which a tree would hold several times
 * over. The order of the members is the documented one. */

static void jdate(bt_jsonw *w, const char *k, bt_date d)
{
	char s[11];
	bt_jw_key(w, k);
	if (d == BT_DATE_NONE) {
		bt_jw_null(w);
		return;
	}
	bt_date_format(d, s);
	bt_jw_strn(w, s, 10);
}

/* People in tenths as JSON: a whole number when it is one. */
static void jpeople(bt_jsonw *w, const char *k, int32_t tenths)
{
	if (tenths % 10)
		bt_jw_kreal(w, k, tenths / 10.0);
	else
		bt_jw_kint(w, k, tenths / 10);
}

static void jday(bt_jsonw *w, const char *k, const struct baton_schedule *s, int32_t day)
{
	jdate(w, k, bt_cal_date(&s->net.cal, day));
}

static void jtask(bt_jsonw *w, const struct baton_schedule *s, day_memo *memo, uint32_t v)
{
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	const bt_cpm *c = &s->cpm;
	const bt_task *t = &p->tasks.v[v];
	char esb[11], efb[11], lsb[11], lfb[11];
	const char *es, *ef, *ls, *lf;
	memo_dates(memo, c->es[v], c->ef[v], &es, &ef, esb, efb);
	memo_dates(memo, c->ls[v], c->lf[v], &ls, &lf, lsb, lfb);
	bt_jw_obj(w);
	bt_jw_kstr(w, "id", t->id);
	bt_jw_kstr(w, "title", t->title);
	bt_jw_kstr(w, "team", t->team.name);
	bt_jw_kstr(w, "state", state_name(n->state[v]));
	bt_jw_kstr(w, "start", es);
	bt_jw_kstr(w, "finish", ef);
	bt_jw_kint(w, "start_day", c->es[v]);
	bt_jw_kint(w, "finish_day", c->ef[v]);
	if (s->vs_base)
		bt_jw_kint(w, "vs_plan_days", s->vs_base[v]);
	bt_jw_kstr(w, "late_start", ls);
	bt_jw_kstr(w, "late_finish", lf);
	bt_jw_kint(w, "late_start_day", c->ls[v]);
	bt_jw_kint(w, "late_finish_day", c->lf[v]);
	bt_jw_kint(w, "total_float", c->tf[v]);
	bt_jw_kint(w, "free_float", c->ff[v]);
	bt_jw_kbool(w, "critical", c->critical[v]);
	if (n->state[v] == BT_TS_STARTED) {
		bt_jw_kint(w, "remaining", n->remaining[v]);
		jday(w, "resumes", s, s->work_start[v]);
	}
	bt_jw_kint(w, "working_days", s->days[v]);
	if (s->levelled) {
		bt_jw_kint(w, "delay_days", c->es[v] - s->plain_es[v]);
		bt_jw_key(w, "waits_for");
		bt_jw_arr(w);
		for (uint32_t k = s->wait_off[v]; k < s->wait_off[v + 1]; k++) {
			const bt_rcpsp_block *bl = &s->wait[k];
			bt_jw_obj(w);
			bt_jw_kstr(w, "team", p->teams.v[bl->res].id);
			jpeople(w, "need", bl->need);
			jpeople(w, "available", bl->avail < 0 ? 0 : bl->avail);
			jday(w, "on", s, bl->day);
			jday(w, "until", s, bl->until);
			bt_jw_kint(w, "until_day", bl->until);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
	}
	if (n->deadline[v] != BT_DAY_NONE) {
		jdate(w, "deadline", t->deadline);
		bt_jw_kint(w, "deadline_slack", n->deadline[v] - c->ef[v]);
	}
	bt_jw_obj_end(w);
}

static void jlevelling(bt_jsonw *w, const struct baton_schedule *s)
{
	static const char *kinds[] = {"start", "fixed", "capacity", "dependency", "resource"};
	const bt_plan *p = s->plan;
	bt_jw_key(w, "levelling");
	bt_jw_obj(w);
	bt_jw_kint(w, "schedules", s->schedules);
	bt_jw_kint(w, "lower_bound_day", s->lower_bound);
	bt_jw_kint(w, "critical_path_end_day", s->plain_end);
	bt_jw_key(w, "critical_path");
	bt_jw_arr(w);
	for (uint32_t i = 0; i < s->nchain; i++) {
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", node_id(s, s->chain[i].act));
		bt_jw_kstr(w, "link", kinds[s->chain[i].kind % 5]);
		if (s->chain[i].res != UINT32_MAX && s->chain[i].res < p->teams.n)
			bt_jw_kstr(w, "team", p->teams.v[s->chain[i].res].id);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_key(w, "load");
	bt_jw_arr(w);
	for (uint32_t t = 0; t < p->teams.n && s->nweek; t++) {
		bt_jw_obj(w);
		bt_jw_kstr(w, "team", p->teams.v[t].id);
		bt_jw_key(w, "weeks");
		bt_jw_arr(w);
		for (uint32_t k = 0; k < s->nweek; k++) {
			const bt_week_load *wl = &s->load[t * s->nweek + k];
			if (wl->capacity < 0)
				continue;
			bt_jw_obj(w);
			jdate(w, "week", s->week0 + (bt_date)(7 * k));
			jpeople(w, "plain_peak", wl->plain);
			jpeople(w, "levelled_peak", wl->levelled);
			jpeople(w, "capacity", wl->capacity);
			bt_jw_kbool(w, "plain_over", wl->plain_over);
			bt_jw_kint(w, "short_days", wl->short_days);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_obj_end(w);
}

int bt_render_schedule_json(bt_buf *b, const struct baton_schedule *s)
{
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	const bt_cpm *c = &s->cpm;
	bt_jsonw jw, *w = &jw;
	bt_jw_init(w, b, 2);
	bt_jw_obj(w);
	bt_jw_schema(w);
	bt_jw_kstr(w, "program", p->prog.id);
	bt_jw_kstr(w, "title", p->prog.title);
	jdate(w, "start", p->prog.start_date);
	jdate(w, "commit", p->prog.commit);
	jdate(w, "as_of", n->as_of);
	bt_jw_kint(w, "data_day", n->data_day);
	bt_jw_kbool(w, "levelled", s->levelled);
	bt_jw_kstr(w, "scenario", s->scen ? s->scen->id : NULL);
	if (s->scen) {
		jday(w, "plan_end", s, s->base_end > 0 ? s->base_end - 1 : 0);
		bt_jw_kint(w, "vs_plan_days", s->vs_base_end);
	}
	bt_jw_kint(w, "end_day", c->end_day);
	jday(w, "end", s, c->end_day > 0 ? c->end_day - 1 : 0);
	if (p->prog.commit != BT_DATE_NONE)
		bt_jw_kint(w, "slack", commit_slack(s, p->prog.commit, c->end_day));
	bt_jw_key(w, "tasks");
	bt_jw_arr(w);
	day_memo memo;
	memo_init(&memo, s);
	for (uint32_t v = 0; v < n->nt && !w->err && !b->oom; v++)
		jtask(w, s, &memo, v);
	memo_release(&memo);
	bt_jw_arr_end(w);
	bt_jw_key(w, "milestones");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < p->milestones.n; k++) {
		const bt_milestone *m = &p->milestones.v[k];
		uint32_t v = n->nt + k;
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", m->id);
		bt_jw_kstr(w, "title", m->title);
		bt_jw_kint(w, "planned_day", c->es[v]);
		jday(w, "planned", s, c->es[v] > 0 ? c->es[v] - 1 : 0);
		jdate(w, "commit", m->commit);
		if (m->commit != BT_DATE_NONE)
			bt_jw_kint(w, "slack", commit_slack(s, m->commit, c->es[v]));
		else
			bt_jw_knull(w, "slack");
		bt_jw_kbool(w, "critical", c->critical[v]);
		if (s->vs_base)
			bt_jw_kint(w, "vs_plan_days", s->vs_base[v]);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	if (s->levelled)
		jlevelling(w, s);
	bt_jw_obj_end(w);
	bt_buf_putc(b, '\n');
	return bt_jw_finish(w);
}
