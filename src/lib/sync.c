/*
 * sync.c: the week's status from a newer export (sync.h). Three stages:
 * fold each plan's status blocks into what it records per task; match the
 * export's tasks and milestones to the plan's on `source`; compare, into
 * lists of facts. Then the block, the text and the JSON are written from
 * those lists, and nothing is computed while writing them.
 */
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "jsonw.h"
#include "model.h"

enum { R_TODO, R_STARTED, R_DONE };

/* What a plan records about a task after all its status blocks. */
typedef struct rec {
	uint8_t state;
	bt_date done, started;
	int32_t rem;          /* the latest remaining days stated; -1 none */
	bt_estimate est;      /* the estimate in force */
} rec;

/* A node is a task (index < ntasks) or a milestone (ntasks + index). */
typedef struct node {
	const char *id, *title, *source;
	uint32_t dep0, ndep;
	int ms;
	uint32_t idx;         /* in its table */
} node;

typedef struct side {
	bt_plan *p;
	node *n;
	uint32_t nn, nt;
	rec *r;               /* per task */
} side;

/* The facts, one list per kind. */
enum { E_DONE, E_STARTED, E_REMAINING, E_ESTIMATE };

typedef struct entry {
	uint8_t kind;
	uint32_t task;        /* the plan's task */
	bt_date date;
	int32_t rem, was_rem;
	bt_estimate est, was;
	int not_started;      /* a re-estimate of work not started */
} entry;

typedef struct appeared {
	uint32_t node;        /* the export's */
	const char *id;       /* the id it would get in the plan */
	const char *suggest;  /* the declaration to paste */
	uint8_t state;        /* R_* in the export */
	bt_date date;         /* its done or started date */
	int32_t rem;
	const char *new_team; /* a team the plan lacks, or NULL */
} appeared;

enum { L_ADDED, L_REMOVED, L_CHANGED };

typedef struct linkdiff {
	uint32_t node;        /* the plan's successor */
	const char *pred;     /* the predecessor's id in the plan (or its new id) */
	const char *pred_src; /* its source */
	int is_new;           /* the predecessor appeared in the export */
	uint8_t change;
	char was[24], now[24];
} linkdiff;

typedef struct textdiff {
	uint32_t node;        /* the plan's */
	const char *was, *now;
} textdiff;

typedef struct behind {
	uint32_t task;        /* the plan's */
	uint8_t plan_state, export_state;
} behind;

typedef struct diffs {
	BT_VEC(entry) e;
	BT_VEC(appeared) ap;
	BT_VEC(uint32_t) gone;  /* the plan's nodes */
	BT_VEC(linkdiff) ln;
	BT_VEC(textdiff) title, team;
	BT_VEC(behind) back;
	BT_VEC(uint32_t) dup;   /* the plan's nodes sharing a source with an earlier one */
	bt_date date;
	const char *date_from;
	uint32_t nsource;       /* the plan's nodes with a source */
	/* The first fact the export dates after the block's date (a done or
	 * start day still to come on that date): refused, never moved. */
	uint32_t future;        /* the plan's task, BT_NONE when none */
	uint8_t future_kind;    /* E_DONE or E_STARTED */
	bt_date future_date;
	int oom;
} diffs;

/*=========================== The record ===========================*/

static int status_cmp_date(const bt_plan *p, uint32_t a, uint32_t b)
{
	bt_date x = p->statuses.v[a].date, y = p->statuses.v[b].date;
	return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b;
}

/* The blocks in date order (insertion sort: a plan has one a week). */
static int fold(side *s)
{
	bt_plan *p = s->p;
	uint32_t ns = p->statuses.n;
	uint32_t *ord = bt_malloc(sizeof *ord * (ns ? ns : 1));
	if (!ord)
		return -1;
	for (uint32_t i = 0; i < ns; i++) {
		uint32_t k = i;
		while (k && status_cmp_date(p, ord[k - 1], i) > 0) {
			ord[k] = ord[k - 1];
			k--;
		}
		ord[k] = i;
	}
	for (uint32_t t = 0; t < p->tasks.n; t++) {
		s->r[t].state = R_TODO;
		s->r[t].rem = -1;
		s->r[t].est = p->tasks.v[t].est;
	}
	for (uint32_t i = 0; i < ns; i++) {
		const bt_status *st = &p->statuses.v[ord[i]];
		for (uint32_t k = 0; k < st->nentry; k++) {
			const bt_entry *e = &p->entries.v[st->entry0 + k];
			if (e->kind == BT_E_NOTE || !e->task.name || e->task.kind != BT_K_TASK)
				continue;
			rec *r = &s->r[e->task.idx];
			switch (e->kind) {
			case BT_E_DONE:
				r->state = R_DONE;
				r->done = e->date;
				break;
			case BT_E_STARTED:
				if (r->state == R_DONE)
					break;
				r->state = R_STARTED;
				r->started = e->date;
				r->rem = e->remaining;
				break;
			case BT_E_PROGRESS:
				r->rem = e->remaining;
				break;
			case BT_E_ESTIMATE:
				r->est = e->est;
				break;
			default:
				break;
			}
		}
	}
	bt_free(ord);
	return 0;
}

static int side_init(side *s, bt_plan *p)
{
	memset(s, 0, sizeof *s);
	s->p = p;
	s->nt = p->tasks.n;
	s->nn = p->tasks.n + p->milestones.n;
	s->n = bt_calloc(s->nn ? s->nn : 1, sizeof *s->n);
	s->r = bt_calloc(s->nt ? s->nt : 1, sizeof *s->r);
	if (!s->n || !s->r)
		return -1;
	for (uint32_t i = 0; i < p->tasks.n; i++) {
		const bt_task *t = &p->tasks.v[i];
		s->n[i] = (node){t->id, t->title, t->source, t->dep0, t->ndep, 0, i};
	}
	for (uint32_t i = 0; i < p->milestones.n; i++) {
		const bt_milestone *m = &p->milestones.v[i];
		s->n[s->nt + i] = (node){m->id, m->title, m->source, m->dep0, m->ndep, 1, i};
	}
	return fold(s);
}

static void side_free(side *s)
{
	bt_free(s->n);
	bt_free(s->r);
}

static uint32_t node_of(const side *s, const bt_ref *r)
{
	if (r->idx == BT_NONE)
		return BT_NONE;
	if (r->kind == BT_K_TASK)
		return r->idx;
	if (r->kind == BT_K_MILESTONE)
		return s->nt + r->idx;
	return BT_NONE;
}

/*============================ Matching ============================*/

/* Sources compare without case: Jira upper-cases its keys. The index
 * holds each source beside its node, so sorting needs no context (the
 * library keeps no global state). */
typedef struct srcix {
	const char *source;
	uint32_t node;
} srcix;

static int by_source(const void *a, const void *b)
{
	const srcix *x = a, *y = b;
	int c = strcasecmp(x->source, y->source);
	if (c)
		return c;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* The plan's nodes with a source, sorted by it (ties in plan order). */
static srcix *source_index(const side *s, uint32_t *n)
{
	srcix *ix = bt_malloc(sizeof *ix * (s->nn ? s->nn : 1));
	if (!ix)
		return NULL;
	uint32_t k = 0;
	for (uint32_t i = 0; i < s->nn; i++)
		if (s->n[i].source && *s->n[i].source)
			ix[k++] = (srcix){s->n[i].source, i};
	if (k)
		qsort(ix, k, sizeof *ix, by_source);
	*n = k;
	return ix;
}

/* The first entry of ix with source src that no earlier task of the
 * export took (taken[], per entry), or UINT32_MAX: the k-th task of the
 * export with a source is matched with the k-th of the plan's, so a
 * plan whose tasks share a source syncs against itself unchanged. */
static uint32_t find_source(const srcix *ix, uint32_t n, const char *src, const uint8_t *taken)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcasecmp(ix[mid].source, src) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && !strcasecmp(ix[lo].source, src); lo++)
		if (!taken[lo])
			return lo;
	return UINT32_MAX;
}

/*=========================== Comparing ============================*/

static int est_same(const bt_estimate *was, const bt_estimate *now)
{
	if (now->points == 3)
		return was->o == now->o && was->m == now->m && was->p == now->p;
	return was->m == now->m;
}

static bt_date clamp(bt_date d, bt_date lo, bt_date hi)
{
	if (d == BT_DATE_NONE || d > hi)
		d = hi;
	if (lo != BT_DATE_NONE && d < lo)
		d = lo;
	return d;
}

static void put_est(bt_buf *b, const bt_estimate *e)
{
	if (e->points == 3)
		bt_buf_printf(b, "%dd %dd %dd", e->o, e->m, e->p);
	else
		bt_buf_printf(b, "%dd", e->m);
}

static void put_people(bt_buf *b, int32_t tenths)
{
	if (tenths % 10)
		bt_buf_printf(b, "%d.%d", tenths / 10, tenths % 10);
	else
		bt_buf_printf(b, "%d", tenths / 10);
}

/* "ss +2d", "" for plain finish-to-start. */
static void dep_text(const bt_dep *d, char out[24])
{
	static const char *const ty[4] = {"", "ss", "ff", "sf"};
	const char *t = d->type < 4 ? ty[d->type] : "";
	if (d->lag)
		snprintf(out, 24, "%s%s%+dd", t, *t ? " " : "", d->lag);
	else
		snprintf(out, 24, "%s", t);
}

static const char *team_title(const bt_plan *p, const char *id)
{
	for (uint32_t k = 0; id && k < p->teams.n; k++)
		if (!strcmp(p->teams.v[k].id, id))
			return p->teams.v[k].title ? p->teams.v[k].title : p->teams.v[k].id;
	return NULL;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every id the plan declares, sorted, to keep a new task's id clear of them. */
static const char **plan_ids(const bt_plan *p, uint32_t *n)
{
	uint32_t k = p->tasks.n + p->milestones.n + p->risks.n + p->decisions.n + p->teams.n + p->scenarios.n;
	const char **v = bt_malloc(sizeof *v * (k ? k : 1));
	if (!v)
		return NULL;
	k = 0;
	for (uint32_t i = 0; i < p->tasks.n; i++)
		v[k++] = p->tasks.v[i].id;
	for (uint32_t i = 0; i < p->milestones.n; i++)
		v[k++] = p->milestones.v[i].id;
	for (uint32_t i = 0; i < p->risks.n; i++)
		v[k++] = p->risks.v[i].id;
	for (uint32_t i = 0; i < p->decisions.n; i++)
		v[k++] = p->decisions.v[i].id;
	for (uint32_t i = 0; i < p->teams.n; i++)
		v[k++] = p->teams.v[i].id;
	for (uint32_t i = 0; i < p->scenarios.n; i++)
		v[k++] = p->scenarios.v[i].id;
	uint32_t w = 0;
	for (uint32_t i = 0; i < k; i++)
		if (v[i])
			v[w++] = v[i];
	if (w)
		qsort(v, w, sizeof *v, str_cmp);
	*n = w;
	return v;
}

static int id_taken(const char **ids, uint32_t n, const char *id)
{
	return n && bsearch(&id, ids, n, sizeof *ids, str_cmp) != NULL;
}

/* The declaration of an issue that appeared, in plan syntax; pid[u] is
 * the id each of the export's nodes has (or would get) in the plan. */
static const char *suggest(bt_arena *a, const side *nw, const char *const *pid, uint32_t u0)
{
	const bt_plan *np = nw->p;
	const node *n = &nw->n[u0];
	bt_buf b = BT_BUF_INIT;
	bt_buf_printf(&b, "%s %s", n->ms ? "milestone" : "task", pid[u0]);
	if (n->title) {
		bt_buf_putc(&b, ' ');
		bt_buf_put_plan_string(&b, n->title);
	}
	bt_buf_putc(&b, '\n');
	char d[11];
	if (!n->ms) {
		const bt_task *t = &np->tasks.v[n->idx];
		bt_buf_puts(&b, "  ");
		if (t->team.name)
			bt_buf_printf(&b, "team %s  ", t->team.name);
		bt_buf_puts(&b, "estimate ");
		put_est(&b, &t->est);
		bt_buf_puts(&b, "  source ");
		bt_buf_put_plan_string(&b, n->source);
		bt_buf_putc(&b, '\n');
		if (t->nneed) {
			bt_buf_puts(&b, "  needs ");
			for (uint32_t k = 0; k < t->nneed; k++) {
				const bt_need *nd = &np->needs.v[t->need0 + k];
				if (k)
					bt_buf_putc(&b, ' ');
				/* NAME: unless it is the task's own team, alone. */
				if (nd->team.name &&
				    (t->nneed > 1 || !t->team.name || strcmp(nd->team.name, t->team.name)))
					bt_buf_printf(&b, "%s:", nd->team.name);
				put_people(&b, nd->count);
			}
			bt_buf_putc(&b, '\n');
		}
		if (t->workstream) {
			bt_buf_puts(&b, "  workstream ");
			bt_buf_put_plan_string(&b, t->workstream);
			bt_buf_putc(&b, '\n');
		}
		if (t->owner) {
			bt_buf_puts(&b, "  owner ");
			bt_buf_put_plan_string(&b, t->owner);
			bt_buf_putc(&b, '\n');
		}
		if (t->deadline != BT_DATE_NONE) {
			bt_date_format(t->deadline, d);
			bt_buf_printf(&b, "  deadline %s\n", d);
		}
		if (t->not_before != BT_DATE_NONE) {
			bt_date_format(t->not_before, d);
			bt_buf_printf(&b, "  not-before %s\n", d);
		}
	} else {
		const bt_milestone *m = &np->milestones.v[n->idx];
		bt_buf_puts(&b, "  source ");
		bt_buf_put_plan_string(&b, n->source);
		bt_buf_putc(&b, '\n');
		if (m->commit0 != BT_DATE_NONE) {
			bt_date_format(m->commit0, d);
			bt_buf_printf(&b, "  commit %s\n", d);
		}
	}
	int first = 1;
	for (uint32_t k = 0; k < n->ndep; k++) {
		const bt_dep *dp = &np->deps.v[n->dep0 + k];
		uint32_t u = node_of(nw, &dp->to);
		if (u == BT_NONE)
			continue;
		bt_buf_puts(&b, first ? "  after " : ", ");
		first = 0;
		bt_buf_puts(&b, pid[u]);
		char lt[24];
		dep_text(dp, lt);
		if (*lt)
			bt_buf_printf(&b, " %s", lt);
	}
	if (!first)
		bt_buf_putc(&b, '\n');
	const char *s = b.oom ? NULL : bt_arena_strndup(a, b.s, b.len);
	bt_buf_release(&b);
	return s;
}

static void link_diff(diffs *df, const side *cur, const side *nw, const uint32_t *match, const uint8_t *seen,
		      const char *const *pid, uint32_t o, uint32_t u)
{
	const bt_plan *op = cur->p, *np = nw->p;
	const node *on = &cur->n[o], *un = &nw->n[u];
	/* The export's links, named as the plan names them. */
	for (uint32_t k = 0; k < un->ndep; k++) {
		const bt_dep *nd = &np->deps.v[un->dep0 + k];
		uint32_t t = node_of(nw, &nd->to);
		if (t == BT_NONE)
			continue;
		uint32_t want = match[t];
		const bt_dep *od = NULL;
		for (uint32_t j = 0; want != BT_NONE && j < on->ndep && !od; j++)
			if (node_of(cur, &op->deps.v[on->dep0 + j].to) == want)
				od = &op->deps.v[on->dep0 + j];
		if (od && od->type == nd->type && od->lag == nd->lag)
			continue;
		linkdiff *l = BT_VEC_PUSH(df->ln);
		if (!l) {
			df->oom = 1;
			return;
		}
		memset(l, 0, sizeof *l);
		l->node = o;
		l->pred = pid[t];
		l->pred_src = nw->n[t].source;
		l->is_new = want == BT_NONE;
		l->change = od ? L_CHANGED : L_ADDED;
		dep_text(nd, l->now);
		if (od)
			dep_text(od, l->was);
	}
	/* The plan's links to issues of the export it no longer has. Links
	 * to work without a source were written by hand: not the export's. */
	for (uint32_t j = 0; j < on->ndep; j++) {
		const bt_dep *od = &op->deps.v[on->dep0 + j];
		uint32_t t = node_of(cur, &od->to);
		if (t == BT_NONE || !cur->n[t].source || !*cur->n[t].source)
			continue;
		int still = 0;
		if (!seen[t])
			continue; /* it disappeared: said once, there */
		for (uint32_t k = 0; k < un->ndep && !still; k++) {
			uint32_t x = node_of(nw, &np->deps.v[un->dep0 + k].to);
			still = x != BT_NONE && match[x] == t;
		}
		if (still)
			continue;
		linkdiff *l = BT_VEC_PUSH(df->ln);
		if (!l) {
			df->oom = 1;
			return;
		}
		memset(l, 0, sizeof *l);
		l->node = o;
		l->pred = cur->n[t].id;
		l->pred_src = cur->n[t].source;
		l->change = L_REMOVED;
		dep_text(od, l->was);
	}
}

static entry *add_entry(diffs *df, uint8_t kind, uint32_t task)
{
	entry *e = BT_VEC_PUSH(df->e);
	if (!e) {
		df->oom = 1;
		return NULL;
	}
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->task = task;
	e->rem = e->was_rem = -1;
	return e;
}

/* The block's entries for one task the plan and the export share. */
static void status_diff(diffs *df, const side *cur, const side *nw, uint32_t t, uint32_t u)
{
	const rec *was = &cur->r[t], *now = &nw->r[u];
	bt_date start = cur->p->prog.start_date;
	if (was->state == R_DONE) {
		if (now->state != R_DONE) {
			behind *b = BT_VEC_PUSH(df->back);
			if (!b) {
				df->oom = 1;
				return;
			}
			*b = (behind){t, was->state, now->state};
		}
		return;
	}
	if ((now->state == R_DONE && now->done != BT_DATE_NONE && now->done > df->date) ||
	    (now->state == R_STARTED && was->state == R_TODO && now->started != BT_DATE_NONE &&
	     now->started > df->date)) {
		if (df->future == BT_NONE) {
			df->future = t;
			df->future_kind = now->state == R_DONE ? E_DONE : E_STARTED;
			df->future_date = now->state == R_DONE ? now->done : now->started;
		}
		return;
	}
	if (now->state == R_DONE) {
		entry *e = add_entry(df, E_DONE, t);
		if (e)
			e->date = clamp(now->done, was->state == R_STARTED && was->started > start ? was->started : start,
					df->date);
		return;
	}
	if (now->state == R_STARTED && was->state == R_TODO) {
		entry *e = add_entry(df, E_STARTED, t);
		if (e) {
			e->date = clamp(now->started, start, df->date);
			e->rem = now->rem;
		}
	} else if (now->state == R_STARTED && now->rem >= 0 && now->rem != was->rem) {
		entry *e = add_entry(df, E_REMAINING, t);
		if (e) {
			e->rem = now->rem;
			e->was_rem = was->rem;
		}
	} else if (now->state == R_TODO && was->state == R_STARTED) {
		behind *b = BT_VEC_PUSH(df->back);
		if (!b) {
			df->oom = 1;
			return;
		}
		*b = (behind){t, was->state, now->state};
	}
	if (!est_same(&was->est, &now->est)) {
		entry *e = add_entry(df, E_ESTIMATE, t);
		if (e) {
			e->est = now->est;
			e->was = was->est;
			e->not_started = was->state == R_TODO && now->state == R_TODO;
		}
	}
}

static int compute(diffs *df, bt_arena *a, const side *cur, const side *nw)
{
	int rc = -1;
	uint32_t nix = 0, nold = 0, nnew = 0;
	srcix *ix = source_index(cur, &nix);
	df->nsource = nix;
	uint32_t *match = bt_malloc(sizeof *match * (nw->nn ? nw->nn : 1));
	uint8_t *seen = bt_calloc(cur->nn ? cur->nn : 1, 1);
	uint8_t *taken = bt_calloc(nix ? nix : 1, 1);
	const char **pid = bt_calloc(nw->nn ? nw->nn : 1, sizeof *pid);
	const char **oldids = plan_ids(cur->p, &nold), **newids = plan_ids(nw->p, &nnew);
	if (!ix || !match || !seen || !taken || !pid || !oldids || !newids)
		goto out;
	/* Two of the plan's tasks with one source are reported (the export
	 * should not have them); the export's tasks with that source match
	 * them in order (find_source). */
	for (uint32_t k = 1; k < nix; k++)
		if (!strcasecmp(ix[k].source, ix[k - 1].source)) {
			uint32_t *d = BT_VEC_PUSH(df->dup);
			if (!d)
				goto out;
			*d = ix[k].node;
			seen[ix[k].node] = 1; /* said as a duplicate, not as gone */
		}
	for (uint32_t u = 0; u < nw->nn; u++) {
		const char *src = nw->n[u].source;
		uint32_t at = src && *src ? find_source(ix, nix, src, taken) : UINT32_MAX;
		match[u] = at != UINT32_MAX ? ix[at].node : BT_NONE;
		/* A task matched to a milestone (or the other way) is not
		 * the same thing: it appeared, and the other disappeared. */
		if (match[u] != BT_NONE && cur->n[match[u]].ms != nw->n[u].ms)
			match[u] = BT_NONE;
		if (match[u] != BT_NONE) {
			taken[at] = 1;
			seen[match[u]] = 1;
			pid[u] = cur->n[match[u]].id;
			continue;
		}
		/* An id for it that the plan does not use. */
		const char *id = nw->n[u].id;
		for (int k = 2; id_taken(oldids, nold, id); k++) {
			id = bt_arena_printf(a, "%s-%d", nw->n[u].id, k);
			if (!id)
				goto out;
			if (id_taken(newids, nnew, id))
				id = nw->n[u].id; /* try the next suffix */
		}
		pid[u] = id;
	}
	for (uint32_t u = 0; u < nw->nn; u++) {
		uint32_t o = match[u];
		if (o == BT_NONE) {
			if (!nw->n[u].source || !*nw->n[u].source)
				continue;
			appeared *ap = BT_VEC_PUSH(df->ap);
			if (!ap)
				goto out;
			memset(ap, 0, sizeof *ap);
			ap->node = u;
			ap->id = pid[u];
			ap->rem = -1;
			if (!(ap->suggest = suggest(a, nw, pid, u)))
				goto out;
			if (!nw->n[u].ms) {
				const rec *r = &nw->r[nw->n[u].idx];
				ap->state = r->state;
				ap->date = r->state == R_DONE ? r->done : r->started;
				ap->rem = r->rem;
				const char *team = nw->p->tasks.v[nw->n[u].idx].team.name;
				if (team && !team_title(cur->p, team))
					ap->new_team = team;
			}
			continue;
		}
		const node *on = &cur->n[o], *un = &nw->n[u];
		if (un->title && on->title && strcmp(un->title, on->title)) {
			textdiff *t = BT_VEC_PUSH(df->title);
			if (!t)
				goto out;
			*t = (textdiff){o, on->title, un->title};
		}
		if (!on->ms) {
			const char *tw = cur->p->tasks.v[on->idx].team.name, *tn = nw->p->tasks.v[un->idx].team.name;
			const char *ttw = team_title(cur->p, tw), *ttn = team_title(nw->p, tn);
			/* A team renamed in the plan keeps its title. */
			if (tw && tn && strcmp(tw, tn) && !(ttw && ttn && !strcmp(ttw, ttn))) {
				textdiff *t = BT_VEC_PUSH(df->team);
				if (!t)
					goto out;
				*t = (textdiff){o, tw, tn};
			}
			status_diff(df, cur, nw, on->idx, un->idx);
		}
		link_diff(df, cur, nw, match, seen, pid, o, u);
		if (df->oom)
			goto out;
	}
	for (uint32_t o = 0; o < cur->nn; o++)
		if (!seen[o] && cur->n[o].source && *cur->n[o].source) {
			uint32_t *g = BT_VEC_PUSH(df->gone);
			if (!g)
				goto out;
			*g = o;
		}
	rc = df->oom ? -1 : 0;
out:
	bt_free(ix);
	bt_free(match);
	bt_free(seen);
	bt_free(taken);
	bt_free(pid);
	bt_free(oldids);
	bt_free(newids);
	return rc;
}

/*============================ Writing =============================*/

static const char *const state_name[3] = {"to do", "in progress", "done"};

static void render_block(const diffs *df, const side *cur, bt_buf *b)
{
	if (!df->e.n)
		return;
	char d[11];
	bt_date_format(df->date, d);
	bt_buf_printf(b, "status %s\n", d);
	for (uint32_t k = 0; k < df->e.n; k++) {
		const entry *e = &df->e.v[k];
		const char *id = cur->p->tasks.v[e->task].id;
		bt_buf_printf(b, "  %s ", id);
		switch (e->kind) {
		case E_DONE:
			bt_date_format(e->date, d);
			bt_buf_printf(b, "done %s", d);
			break;
		case E_STARTED:
			bt_date_format(e->date, d);
			bt_buf_printf(b, "started %s", d);
			if (e->rem >= 0)
				bt_buf_printf(b, " remaining %dd", e->rem);
			break;
		case E_REMAINING:
			bt_buf_printf(b, "remaining %dd", e->rem);
			break;
		default:
			bt_buf_puts(b, "estimate ");
			put_est(b, &e->est);
			break;
		}
		bt_buf_putc(b, '\n');
	}
}

/* "pay-4 (PAY-4)", or the id alone when the source is the id. */
static void put_node(bt_buf *b, const node *n)
{
	bt_buf_puts(b, n->id);
	if (n->source && *n->source && strcasecmp(n->source, n->id))
		bt_buf_printf(b, " (%s)", n->source);
}

static void render_text(const diffs *df, const side *cur, const side *nw, const bt_sync_opts *o, bt_buf *b)
{
	char d[11];
	bt_date_format(df->date, d);
	uint32_t n[4] = {0};
	for (uint32_t k = 0; k < df->e.n; k++)
		n[df->e.v[k].kind]++;
	bt_buf_printf(b, "sync %s: status %s (%s)", o->format ? o->format : "", d, df->date_from);
	if (df->e.n)
		bt_buf_printf(b, ": %u done, %u started, %u remaining, %u re-estimated\n", n[E_DONE], n[E_STARTED],
			      n[E_REMAINING], n[E_ESTIMATE]);
	else
		bt_buf_puts(b, ": no status to record\n");
	for (uint32_t k = 0; k < df->e.n; k++) {
		const entry *e = &df->e.v[k];
		bt_buf_puts(b, "  ");
		put_node(b, &cur->n[e->task]);
		char dd[11];
		switch (e->kind) {
		case E_DONE:
			bt_date_format(e->date, dd);
			bt_buf_printf(b, ": done %s\n", dd);
			break;
		case E_STARTED:
			bt_date_format(e->date, dd);
			bt_buf_printf(b, ": started %s", dd);
			if (e->rem >= 0)
				bt_buf_printf(b, ", %dd remaining", e->rem);
			bt_buf_putc(b, '\n');
			break;
		case E_REMAINING:
			bt_buf_printf(b, ": %dd remaining", e->rem);
			if (e->was_rem >= 0)
				bt_buf_printf(b, " (was %dd)", e->was_rem);
			bt_buf_putc(b, '\n');
			break;
		default:
			bt_buf_puts(b, ": estimate ");
			put_est(b, &e->was);
			bt_buf_puts(b, " -> ");
			put_est(b, &e->est);
			bt_buf_puts(b, e->not_started ? " (not started)\n" : "\n");
			break;
		}
	}
	if (df->nsource == 0 && df->ap.n)
		bt_buf_puts(b, "no task or milestone of the plan has a `source`, so none could be matched: import the export "
			       "again, or add source \"KEY\" to the plan's tasks (an MS Project plan imported before sources: "
			       "its `# source UID N` comments become source \"UID:N\")\n");
	if (df->ap.n) {
		bt_buf_printf(b, "appeared in the export, not in the plan (%u): paste to add\n", df->ap.n);
		for (uint32_t k = 0; k < df->ap.n; k++) {
			const appeared *ap = &df->ap.v[k];
			const node *un = &nw->n[ap->node];
			bt_buf_printf(b, "  %s", un->source);
			if (un->title) {
				bt_buf_putc(b, ' ');
				bt_buf_put_plan_string(b, un->title);
			}
			if (ap->state != R_TODO) {
				bt_date_format(ap->date, d);
				bt_buf_printf(b, ", %s in the export: then record `%s %s %s", state_name[ap->state], ap->id,
					      ap->state == R_DONE ? "done" : "started", d);
				if (ap->state == R_STARTED && ap->rem >= 0)
					bt_buf_printf(b, " remaining %dd", ap->rem);
				bt_buf_puts(b, "`");
			}
			if (ap->new_team)
				bt_buf_printf(b, "; team %s is not in the plan: declare it", ap->new_team);
			bt_buf_putc(b, '\n');
			for (const char *s = ap->suggest; *s;) {
				const char *e = strchr(s, '\n');
				size_t len = e ? (size_t)(e - s) : strlen(s);
				bt_buf_puts(b, "    ");
				bt_buf_add(b, s, len);
				bt_buf_putc(b, '\n');
				s += len + (e != NULL);
			}
		}
	}
	if (df->gone.n) {
		bt_buf_printf(b, "gone from the export, still in the plan (%u): remove them, or keep them\n", df->gone.n);
		for (uint32_t k = 0; k < df->gone.n; k++) {
			const node *on = &cur->n[df->gone.v[k]];
			bt_buf_puts(b, "  ");
			put_node(b, on);
			if (on->title) {
				bt_buf_putc(b, ' ');
				bt_buf_put_plan_string(b, on->title);
			}
			if (on->ms)
				bt_buf_puts(b, ", a milestone\n");
			else
				bt_buf_printf(b, ", %s in the plan\n", state_name[cur->r[on->idx].state]);
		}
	}
	if (df->ln.n) {
		bt_buf_printf(b, "links that differ from the export (%u): edit the plan's `after`\n", df->ln.n);
		for (uint32_t k = 0; k < df->ln.n; k++) {
			const linkdiff *l = &df->ln.v[k];
			bt_buf_puts(b, "  ");
			put_node(b, &cur->n[l->node]);
			bt_buf_printf(b, ": after %s", l->pred);
			if (l->change == L_ADDED)
				bt_buf_printf(b, "%s%s in the export, not in the plan", *l->now ? " " : "", l->now);
			else if (l->change == L_REMOVED)
				bt_buf_printf(b, "%s%s in the plan, not in the export", *l->was ? " " : "", l->was);
			else
				bt_buf_printf(b, ": %s in the plan, %s in the export", *l->was ? l->was : "fs",
					      *l->now ? l->now : "fs");
			if (l->is_new)
				bt_buf_printf(b, " (%s appeared)", l->pred_src ? l->pred_src : l->pred);
			bt_buf_putc(b, '\n');
		}
	}
	if (df->title.n) {
		bt_buf_printf(b, "titles that differ (%u)\n", df->title.n);
		for (uint32_t k = 0; k < df->title.n; k++) {
			bt_buf_puts(b, "  ");
			put_node(b, &cur->n[df->title.v[k].node]);
			bt_buf_puts(b, ": ");
			bt_buf_put_plan_string(b, df->title.v[k].was);
			bt_buf_puts(b, " in the plan, ");
			bt_buf_put_plan_string(b, df->title.v[k].now);
			bt_buf_puts(b, " in the export\n");
		}
	}
	if (df->team.n) {
		bt_buf_printf(b, "teams that differ (%u)\n", df->team.n);
		for (uint32_t k = 0; k < df->team.n; k++) {
			bt_buf_puts(b, "  ");
			put_node(b, &cur->n[df->team.v[k].node]);
			bt_buf_printf(b, ": %s in the plan, %s in the export\n", df->team.v[k].was, df->team.v[k].now);
		}
	}
	if (df->back.n) {
		bt_buf_printf(b, "behind the plan in the export (%u): the plan keeps what it recorded\n", df->back.n);
		for (uint32_t k = 0; k < df->back.n; k++) {
			bt_buf_puts(b, "  ");
			put_node(b, &cur->n[df->back.v[k].task]);
			bt_buf_printf(b, ": %s in the plan, %s in the export\n", state_name[df->back.v[k].plan_state],
				      state_name[df->back.v[k].export_state]);
		}
	}
	if (df->dup.n) {
		bt_buf_printf(b, "sources on more than one item of the plan (%u): only the first is synced\n", df->dup.n);
		for (uint32_t k = 0; k < df->dup.n; k++) {
			bt_buf_puts(b, "  ");
			put_node(b, &cur->n[df->dup.v[k]]);
			bt_buf_putc(b, '\n');
		}
	}
}

/* The JSON is written as it goes (jsonw.h) with each object's keys in
 * sorted order, by hand: the report was jansson's dump with
 * JSON_SORT_KEYS, and its bytes are kept. Sorted is strcmp's order (as
 * jansson's sort, a byte compare): "date" < "date_from" < "dry_run",
 * '_' before any small letter. A key added here goes in its place; the
 * one exception is "schema_version", first as in every JSON document
 * baton writes. */
static void jdate(bt_jsonw *w, const char *k, bt_date d)
{
	if (d == BT_DATE_NONE) {
		bt_jw_knull(w, k);
		return;
	}
	char s[11];
	bt_date_format(d, s);
	bt_jw_kstr(w, k, s);
}

static void jest(bt_jsonw *w, const char *k, const bt_estimate *e)
{
	if (e->points != 3) {
		bt_jw_kint(w, k, e->m);
		return;
	}
	bt_jw_key(w, k);
	bt_jw_arr(w);
	bt_jw_int(w, (int)e->o);
	bt_jw_int(w, (int)e->m);
	bt_jw_int(w, (int)e->p);
	bt_jw_arr_end(w);
}

/* A node's own keys, "id", "kind" and "source", fall between others in
 * the sorted order: each is written where it goes. */
static void jid_kind(bt_jsonw *w, const node *n)
{
	bt_jw_kstr(w, "id", n->id);
	bt_jw_kstr(w, "kind", n->ms ? "milestone" : "task");
}

static void jsource(bt_jsonw *w, const node *n)
{
	bt_jw_kstr(w, "source", n->source);
}

/* The items of `titles`, `teams` and `behind`: export, id, kind, plan,
 * source. */
static void jplan_export(bt_jsonw *w, const node *n, const char *plan, const char *export)
{
	bt_jw_obj(w);
	bt_jw_kstr(w, "export", export);
	jid_kind(w, n);
	bt_jw_kstr(w, "plan", plan);
	jsource(w, n);
	bt_jw_obj_end(w);
}

static int render_json(bt_buf *b, const diffs *df, const side *cur, const side *nw, const bt_sync_opts *o,
		       const bt_buf *block)
{
	static const char *const kind[4] = {"done", "started", "remaining", "estimate"};
	static const char *const change[3] = {"added", "removed", "changed"};
	bt_jsonw jw, *w = &jw;
	bt_jw_init(w, b, 2);
	bt_jw_obj(w);
	bt_jw_schema(w);
	bt_jw_key(w, "appeared");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < df->ap.n; k++) {
		const appeared *a = &df->ap.v[k];
		const node *n = &nw->n[a->node];
		bt_jw_obj(w);
		if (a->state != R_TODO)
			jdate(w, "date", a->date);
		bt_jw_kstr(w, "id", a->id); /* the plan's id to be, not the export's */
		bt_jw_kstr(w, "kind", n->ms ? "milestone" : "task");
		bt_jw_kstr(w, "new_team", a->new_team);
		jsource(w, n);
		bt_jw_kstr(w, "state", state_name[a->state]);
		bt_jw_kstr(w, "suggested", a->suggest);
		bt_jw_kstr(w, "title", n->title);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_key(w, "behind");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < df->back.n; k++)
		jplan_export(w, &cur->n[df->back.v[k].task], state_name[df->back.v[k].plan_state],
			     state_name[df->back.v[k].export_state]);
	bt_jw_arr_end(w);
	bt_jw_kstr(w, "block", block->len ? block->s : NULL);
	bt_jw_kbool(w, "changed", df->e.n || df->ap.n || df->gone.n || df->ln.n || df->title.n || df->team.n ||
				       df->back.n || df->dup.n);
	jdate(w, "date", df->date);
	bt_jw_kstr(w, "date_from", df->date_from);
	bt_jw_kbool(w, "dry_run", o->dry_run);
	bt_jw_key(w, "duplicate_sources");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < df->dup.n; k++) {
		const node *n = &cur->n[df->dup.v[k]];
		bt_jw_obj(w);
		jid_kind(w, n);
		jsource(w, n);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_key(w, "entries");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < df->e.n; k++) {
		const entry *e = &df->e.v[k];
		const node *n = &cur->n[e->task];
		bt_jw_obj(w);
		if (e->kind == E_DONE || e->kind == E_STARTED)
			jdate(w, "date", e->date);
		bt_jw_kstr(w, "entry", kind[e->kind]);
		if (e->kind == E_ESTIMATE)
			jest(w, "estimate", &e->est);
		jid_kind(w, n);
		if (e->kind == E_ESTIMATE)
			bt_jw_kbool(w, "not_started", e->not_started);
		if (e->kind == E_STARTED || e->kind == E_REMAINING) {
			if (e->rem >= 0)
				bt_jw_kint(w, "remaining", e->rem);
			else
				bt_jw_knull(w, "remaining");
		}
		jsource(w, n);
		if (e->kind == E_REMAINING) {
			if (e->was_rem >= 0)
				bt_jw_kint(w, "was", e->was_rem);
			else
				bt_jw_knull(w, "was");
		}
		if (e->kind == E_ESTIMATE)
			jest(w, "was", &e->was);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_kstr(w, "format", o->format ? o->format : "");
	bt_jw_key(w, "gone");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < df->gone.n; k++) {
		const node *n = &cur->n[df->gone.v[k]];
		bt_jw_obj(w);
		jid_kind(w, n);
		jsource(w, n);
		if (!n->ms)
			bt_jw_kstr(w, "state", state_name[cur->r[n->idx].state]);
		bt_jw_kstr(w, "title", n->title);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_key(w, "links");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < df->ln.n; k++) {
		const linkdiff *l = &df->ln.v[k];
		const node *n = &cur->n[l->node];
		bt_jw_obj(w);
		bt_jw_kstr(w, "after", l->pred);
		bt_jw_kbool(w, "after_appeared", l->is_new);
		bt_jw_kstr(w, "after_source", l->pred_src);
		bt_jw_kstr(w, "change", change[l->change]);
		if (l->change != L_REMOVED)
			bt_jw_kstr(w, "export", *l->now ? l->now : "fs");
		jid_kind(w, n);
		if (l->change != L_ADDED)
			bt_jw_kstr(w, "plan", *l->was ? l->was : "fs");
		jsource(w, n);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_kint(w, "plan_sources", df->nsource);
	const char *names[2] = {"teams", "titles"};
	const textdiff *lists[2] = {df->team.v, df->title.v};
	uint32_t counts[2] = {df->team.n, df->title.n};
	for (int i = 0; i < 2; i++) {
		bt_jw_key(w, names[i]);
		bt_jw_arr(w);
		for (uint32_t k = 0; k < counts[i]; k++)
			jplan_export(w, &cur->n[lists[i][k].node], lists[i][k].was, lists[i][k].now);
		bt_jw_arr_end(w);
	}
	bt_jw_obj_end(w);
	bt_buf_putc(b, '\n');
	return bt_jw_finish(w);
}

/*========================== Entry point ===========================*/

void bt_sync_free(bt_sync *s)
{
	if (!s)
		return;
	bt_buf_release(&s->block);
	bt_buf_release(&s->text);
	bt_buf_release(&s->json);
	bt_buf_release(&s->diag);
}

/* The refusal as a diagnostic at [start, end) of the plan. */
static void refuse(bt_sync *out, bt_plan *p, bt_arena *a, uint32_t start, uint32_t end, const char *msg,
		   const char *help)
{
	bt_diags d;
	memset(&d, 0, sizeof d);
	d.arena = a;
	bt_diag_add(&d, BT_ERROR, start, end, "%s", msg);
	bt_diag_help(&d, "%s", help);
	bt_diags_render(&out->diag, &p->src, &d, 0);
	bt_diags_release(&d);
}

int bt_sync_compute(baton_plan *cur, baton_plan *newer, const bt_sync_opts *o, bt_sync *out)
{
	diffs df;
	memset(&df, 0, sizeof df);
	df.future = BT_NONE;
	bt_arena a = BT_ARENA_INIT;
	side sc, sn;
	int rc = -2;
	unsigned long mark = bt_alloc_failures();
	if (side_init(&sc, cur) | side_init(&sn, newer))
		goto out;

	/* The block's date, and no block after it. */
	if (o->date != BT_DATE_NONE)
		df.date = o->date, df.date_from = "--date";
	else if (o->export_date != BT_DATE_NONE)
		df.date = o->export_date,
		df.date_from = o->export_date_what ? o->export_date_what : "the export's date";
	else
		df.date = o->today, df.date_from = "today: the export has no date of its own";
	bt_date_format(df.date, out->date);
	uint32_t last = BT_NONE;
	for (uint32_t i = 0; i < cur->statuses.n; i++)
		if (cur->statuses.v[i].date != BT_DATE_NONE &&
		    (last == BT_NONE || cur->statuses.v[i].date >= cur->statuses.v[last].date))
			last = i;
	const bt_status *ls = last == BT_NONE ? NULL : &cur->statuses.v[last];
	char ld[11], msg[320], help[240];
	if (ls && ls->date > df.date) {
		bt_date_format(ls->date, ld);
		snprintf(msg, sizeof msg, "the plan has a status block dated %s, after the sync's date %s (%s)", ld,
			 out->date, df.date_from);
		snprintf(help, sizeof help, "sync a newer export, or pass --date with a day after %s", ld);
		refuse(out, cur, &a, ls->start, ls->end, msg, help);
		rc = -1;
		goto out;
	}
	if (cur->prog.start_date != BT_DATE_NONE && df.date < cur->prog.start_date) {
		bt_date_format(cur->prog.start_date, ld);
		snprintf(msg, sizeof msg, "the sync's date %s (%s) is before the program starts (%s)", out->date,
			 df.date_from, ld);
		snprintf(help, sizeof help, "pass --date with a date on or after %s", ld);
		refuse(out, cur, &a, cur->prog.start_at, cur->prog.start_at + 10, msg, help);
		rc = -1;
		goto out;
	}
	if (compute(&df, &a, &sc, &sn))
		goto out;
	if (df.e.n && ls && ls->date == df.date) {
		snprintf(msg, sizeof msg,
			 "the plan has a status block dated %s already, the sync's date (%s): a second block for one day does not check",
			 out->date, df.date_from);
		snprintf(help, sizeof help, "pass --date with a day after %s (the next working day, say)", out->date);
		refuse(out, cur, &a, ls->start, ls->end, msg, help);
		rc = -1;
		goto out;
	}
	if (df.future != BT_NONE && df.future < cur->tasks.n) {
		const bt_task *ft = &cur->tasks.v[df.future];
		bt_date_format(df.future_date, ld);
		snprintf(msg, sizeof msg, "the export says task %s was %s on %s, after the sync's date %s (%s)", ft->id,
			 df.future_kind == E_DONE ? "done" : "started", ld, out->date, df.date_from);
		snprintf(help, sizeof help,
			 "a status block states what happened by its date: pass --date %s or later, or sync an export of %s",
			 ld, out->date);
		refuse(out, cur, &a, ft->start, ft->end, msg, help);
		rc = -1;
		goto out;
	}
	render_block(&df, &sc, &out->block);
	render_text(&df, &sc, &sn, o, &out->text);
	if (render_json(&out->json, &df, &sc, &sn, o, &out->block) || bt_alloc_failures() != mark)
		goto out;
	out->entries = (int)df.e.n;
	out->items = (int)(df.ap.n + df.gone.n + df.ln.n + df.title.n + df.team.n + df.back.n + df.dup.n);
	rc = out->block.oom || out->text.oom || a.failed ? -2 : 0;
	goto done;
out:
	if (rc == -1 && (out->diag.oom || a.failed))
		rc = -2;
done:
	side_free(&sc);
	side_free(&sn);
	BT_VEC_FREE(df.e);
	BT_VEC_FREE(df.ap);
	BT_VEC_FREE(df.gone);
	BT_VEC_FREE(df.ln);
	BT_VEC_FREE(df.title);
	BT_VEC_FREE(df.team);
	BT_VEC_FREE(df.back);
	BT_VEC_FREE(df.dup);
	bt_arena_release(&a);
	return rc;
}
