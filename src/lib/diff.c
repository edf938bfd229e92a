/*
 * diff.c: `baton diff OLD NEW`: the changes between two versions of a
 * plan, matched by id, and what they did to each commitment.
 *
 * The structural part compares the two models item by item: tasks,
 * milestones, links, commitments, risks, decisions, status entries,
 * teams, calendars and scenarios. The figures come from assessing each
 * plan on its own with the same options (status date, runs, seeds), so
 * a milestone's PLANNED, P50, P85, chance and RAG on each side are the
 * ones `baton status` prints for that file, and two identical plans give
 * identical figures. The two forecasts share their random numbers
 * wherever the plans share ids (simulate.c names each stream by its
 * item's id): a changed estimate moves nothing else, and an added task
 * moves the dates by its own work only.
 *
 * Why not slip.c: slip.c explains how one plan's dates moved between two
 * status dates (re-estimates entered in status blocks, late starts,
 * progress, a recorded update's capacities). Here the two sides are two
 * texts of the plan, and the edit itself is the cause; each side's own
 * "changes since the last update" stay in its `baton status`.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "diff.h"
#include "table.h"

typedef struct dx {
	bt_diff *d;
	const bt_plan *o, *n;
	uint32_t *new_of_old;  /* a renamed task: old index -> new index, BT_NONE */
	uint32_t *old_of_new;  /* and back */
} dx;

/* A text in the diff's arena, whole: a cut text could hide a difference
 * past the cut. "" and d->oom set when memory runs out. */
static const char *keep(dx *x, bt_buf *b)
{
	const char *r = b->oom ? NULL : bt_arena_strndup(&x->d->arena, b->s, b->len);
	bt_buf_release(b);
	if (!r)
		x->d->oom = 1;
	return r ? r : "";
}

static const char *sf(dx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *sf(dx *x, const char *fmt, ...)
{
	bt_buf b = BT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	bt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return keep(x, &b);
}

static void add(dx *x, int sec, int op, const char *kind, const char *id, const char *field, const char *from,
		const char *to)
{
	bt_dchange *c = BT_VEC_PUSH(x->d->ch);
	if (!c) {
		x->d->oom = 1;
		return;
	}
	c->sec = (uint8_t)sec;
	c->op = (uint8_t)op;
	c->kind = kind;
	c->id = id;
	c->field = field;
	c->from = from;
	c->to = to;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* A changed attribute, when its values differ. */
static void cmp(dx *x, int sec, const char *kind, const char *id, const char *field, const char *a, const char *b)
{
	if (!same(a, b))
		add(x, sec, BT_DO_CHANGED, kind, id, field, a, b);
}

static const char *quoted(dx *x, const char *s)
{
	return s ? sf(x, "\"%s\"", s) : NULL;
}

/* The typed comparisons format only what differs: on a plan of a million
 * tasks, formatting every attribute of both sides would cost more than
 * the comparison. */
static void cmpq(dx *x, int sec, const char *kind, const char *id, const char *field, const char *a, const char *b)
{
	if (!same(a, b))
		add(x, sec, BT_DO_CHANGED, kind, id, field, quoted(x, a), quoted(x, b));
}

static const char *date_s(dx *x, bt_date d)
{
	char b[11];
	if (d == BT_DATE_NONE)
		return NULL;
	bt_date_format(d, b);
	return sf(x, "%s", b);
}

static void cmpd(dx *x, int sec, const char *kind, const char *id, const char *field, bt_date a, bt_date b)
{
	if (a != b)
		add(x, sec, BT_DO_CHANGED, kind, id, field, date_s(x, a), date_s(x, b));
}

static int same_est(const bt_estimate *a, const bt_estimate *b)
{
	if (a->points != b->points || a->m != b->m)
		return 0;
	return a->points != 3 || (a->o == b->o && a->p == b->p);
}

static const char *est_s(dx *x, const bt_estimate *e)
{
	if (e->points == 3)
		return sf(x, "%dd %dd %dd", e->o, e->m, e->p);
	if (e->points)
		return sf(x, "%dd", e->m);
	return NULL;
}

static const char *people_s(dx *x, int32_t tenths)
{
	char b[16];
	if (tenths < 0)
		return NULL;
	return sf(x, "%s", bt_people(b, tenths));
}

/* The item with `id` of kind k in plan p: its index, or BT_NONE. */
static uint32_t find(const bt_plan *p, const char *id, int k)
{
	const bt_name *nm = bt_name_find(p, id);
	if (!nm)
		return BT_NONE;
	if (k == BT_K_TEAM)
		return nm->team_idx;
	return nm->item_kind == k ? nm->item_idx : BT_NONE;
}

/*============================= Lists ==============================*/

/* Lists compare as sets of their items' texts, keyed by `key` (the part
 * that names an item: a link's predecessor, a change's `since` date): an
 * item on one side only is added or removed, one whose text differs under
 * the same key is changed. */
typedef struct litem {
	const char *key, *text;
} litem;
typedef BT_VEC(litem) llist;

static void lpush(dx *x, llist *l, const char *key, const char *text)
{
	litem *it = BT_VEC_PUSH(*l);
	if (!it) {
		x->d->oom = 1;
		return;
	}
	it->key = key;
	it->text = text;
}

/* An item is named by its owner's id, `sep` and its key ("api after
 * schema"); with sep NULL, by the owner alone. */
static const char *lid(dx *x, const char *owner, const char *sep, const char *key)
{
	return sep ? sf(x, "%s%s%s", owner, sep, key) : owner;
}

/* Items are matched by key; a key that repeats (two links between the
 * same two tasks, two lines of one kind for a task in one block) pairs
 * equal texts first, then the rest in order, so removing one of two
 * links reads "removed", not "changed". */
static void ldiff(dx *x, int sec, const char *kind, const char *owner, const char *sep, llist *a, llist *b)
{
	uint8_t *used = bt_calloc((size_t)b->n + 1, 1), *done = bt_calloc((size_t)a->n + 1, 1);
	if (!used || !done) {
		x->d->oom = 1;
		goto out;
	}
	for (uint32_t i = 0; i < a->n; i++)
		for (uint32_t j = 0; j < b->n && !done[i]; j++)
			if (!used[j] && !strcmp(a->v[i].key, b->v[j].key) && same(a->v[i].text, b->v[j].text))
				used[j] = done[i] = 1;
	for (uint32_t i = 0; i < a->n; i++) {
		if (done[i])
			continue;
		const litem *o = &a->v[i], *n = NULL;
		for (uint32_t j = 0; j < b->n && !n; j++)
			if (!used[j] && !strcmp(o->key, b->v[j].key)) {
				used[j] = 1;
				n = &b->v[j];
			}
		const char *id = lid(x, owner, sep, o->key);
		if (!n)
			add(x, sec, BT_DO_REMOVED, kind, id, NULL, o->text, NULL);
		else
			add(x, sec, BT_DO_CHANGED, kind, id, NULL, o->text, n->text);
	}
	for (uint32_t j = 0; j < b->n; j++)
		if (!used[j])
			add(x, sec, BT_DO_ADDED, kind, lid(x, owner, sep, b->v[j].key), NULL, NULL, b->v[j].text);
out:
	bt_free(used);
	bt_free(done);
	a->n = b->n = 0;
}

static const char *const dep_type[] = {"fs", "ss", "ff", "sf"};

/* The name a predecessor has in the new plan: a renamed task's new id. */
static const char *dep_name(const dx *x, const bt_plan *p, const bt_dep *d)
{
	if (p == x->o && d->to.kind == BT_K_TASK && x->new_of_old && x->new_of_old[d->to.idx] != BT_NONE)
		return x->n->tasks.v[x->new_of_old[d->to.idx]].id;
	return d->to.name;
}

static void deps(dx *x, const bt_plan *p, llist *l, uint32_t dep0, uint32_t ndep)
{
	for (uint32_t k = 0; k < ndep; k++) {
		const bt_dep *d = &p->deps.v[dep0 + k];
		lpush(x, l, dep_name(x, p, d),
		      d->lag ? sf(x, "%s %+dd", dep_type[d->type & 3], d->lag) : sf(x, "%s", dep_type[d->type & 3]));
	}
}

static void links(dx *x, const char *id, llist *a, llist *b, const bt_plan *po, uint32_t o0, uint32_t on,
		  uint32_t n0, uint32_t nn)
{
	/* Most links do not change: skip the texts when none did. */
	int same_deps = on == nn;
	for (uint32_t k = 0; same_deps && k < on; k++) {
		const bt_dep *p = &po->deps.v[o0 + k], *q = &x->n->deps.v[n0 + k];
		same_deps = p->type == q->type && p->lag == q->lag && !strcmp(dep_name(x, po, p), q->to.name);
	}
	if (same_deps)
		return;
	deps(x, po, a, o0, on);
	deps(x, x->n, b, n0, nn);
	ldiff(x, BT_DS_LINKS, "link", id, " after ", a, b);
}

static void commits(dx *x, const bt_plan *p, llist *l, uint32_t cc0, uint32_t ncc)
{
	for (uint32_t k = 0; k < ncc; k++) {
		const bt_commit_change *c = &p->commit_changes.v[cc0 + k];
		lpush(x, l, date_s(x, c->since),
		      sf(x, "%s%s%s%s%s%s", date_s(x, c->date), c->by.name ? " by " : "", c->by.name ? c->by.name : "",
			 c->reason ? " \"" : "", c->reason ? c->reason : "", c->reason ? "\"" : ""));
	}
}

static void ranges(dx *x, const bt_plan *p, llist *l, uint32_t r0, uint32_t nr)
{
	for (uint32_t k = 0; k < nr; k++) {
		const bt_range *r = &p->ranges.v[r0 + k];
		const char *key = r->to != r->from ? sf(x, "%s..%s", date_s(x, r->from), date_s(x, r->to))
						   : date_s(x, r->from);
		lpush(x, l, key, r->name ? quoted(x, r->name) : key);
	}
}

static void capchanges(dx *x, const bt_plan *p, llist *l, uint32_t c0, uint32_t nc)
{
	for (uint32_t k = 0; k < nc; k++) {
		const bt_capchange *c = &p->capchanges.v[c0 + k];
		const char *key = c->to != BT_DATE_NONE ? sf(x, "from %s to %s", date_s(x, c->from), date_s(x, c->to))
							: sf(x, "from %s", date_s(x, c->from));
		lpush(x, l, key, people_s(x, c->capacity));
	}
}

static const char *refs_s(dx *x, const bt_plan *p, uint32_t r0, uint32_t nr)
{
	if (!nr)
		return NULL;
	bt_buf b = BT_BUF_INIT;
	for (uint32_t k = 0; k < nr; k++)
		bt_buf_printf(&b, "%s%s", k ? ", " : "", p->refs.v[r0 + k].name);
	return keep(x, &b);
}

static int same_needs(const bt_plan *p, const bt_task *a, const bt_plan *q, const bt_task *b)
{
	if (a->nneed != b->nneed)
		return 0;
	for (uint32_t k = 0; k < a->nneed; k++) {
		const bt_need *x = &p->needs.v[a->need0 + k], *y = &q->needs.v[b->need0 + k];
		if (x->count != y->count || !same(x->team.name, y->team.name))
			return 0;
	}
	return 1;
}

static const char *needs_s(dx *x, const bt_plan *p, const bt_task *t)
{
	if (!t->nneed)
		return NULL;
	bt_buf b = BT_BUF_INIT;
	for (uint32_t k = 0; k < t->nneed; k++) {
		const bt_need *nd = &p->needs.v[t->need0 + k];
		char c[16];
		bt_people(c, nd->count);
		if (nd->team.name)
			bt_buf_printf(&b, "%s%s:%s", k ? " " : "", nd->team.name, c);
		else
			bt_buf_printf(&b, "%s%s", k ? " " : "", c);
	}
	return keep(x, &b);
}

/*============================= Items ==============================*/

static const char *task_summary(dx *x, const bt_task *t)
{
	const char *e = est_s(x, &t->est);
	return sf(x, "%s%s%s%s%s", t->title ? quoted(x, t->title) : "", t->team.name ? " team " : "",
		  t->team.name ? t->team.name : "", e ? " estimate " : "", e ? e : "");
}

/* Renamed tasks: a removed task and an added one with the same title,
 * each the only one on its side with that title, are one task whose id
 * changed (its links and figures then compare as one task's). Skipped
 * when both lists are long: a rename is a hand edit. */
static int renames(dx *x)
{
	const bt_plan *o = x->o, *n = x->n;
	x->new_of_old = bt_arena_alloc(&x->d->arena, sizeof(uint32_t) * ((size_t)o->tasks.n + 1));
	x->old_of_new = bt_arena_alloc(&x->d->arena, sizeof(uint32_t) * ((size_t)n->tasks.n + 1));
	if (!x->new_of_old || !x->old_of_new)
		return -1;
	for (uint32_t j = 0; j < o->tasks.n; j++)
		x->new_of_old[j] = BT_NONE;
	for (uint32_t i = 0; i < n->tasks.n; i++)
		x->old_of_new[i] = BT_NONE;
	BT_VEC(uint32_t) gone = {0}, added = {0};
	int rc = 0;
	for (uint32_t j = 0; j < o->tasks.n && !rc; j++)
		if (o->tasks.v[j].title && find(n, o->tasks.v[j].id, BT_K_TASK) == BT_NONE) {
			uint32_t *e = BT_VEC_PUSH(gone);
			if (e)
				*e = j;
			else
				rc = -1;
		}
	for (uint32_t i = 0; i < n->tasks.n && !rc; i++)
		if (n->tasks.v[i].title && find(o, n->tasks.v[i].id, BT_K_TASK) == BT_NONE) {
			uint32_t *e = BT_VEC_PUSH(added);
			if (e)
				*e = i;
			else
				rc = -1;
		}
	if (!rc && (uint64_t)gone.n * added.n <= 1000000u) {
		for (uint32_t a = 0; a < added.n; a++) {
			const char *title = n->tasks.v[added.v[a]].title;
			uint32_t match = BT_NONE, nmatch = 0, nsame = 0;
			for (uint32_t g = 0; g < gone.n; g++)
				if (!strcmp(o->tasks.v[gone.v[g]].title, title)) {
					match = gone.v[g];
					nmatch++;
				}
			for (uint32_t b = 0; b < added.n; b++)
				nsame += !strcmp(n->tasks.v[added.v[b]].title, title);
			if (nmatch == 1 && nsame == 1) {
				x->new_of_old[match] = added.v[a];
				x->old_of_new[added.v[a]] = match;
			}
		}
	}
	BT_VEC_FREE(gone);
	BT_VEC_FREE(added);
	return rc;
}

static void tasks(dx *x, llist *a, llist *b)
{
	const bt_plan *o = x->o, *n = x->n;
	if (renames(x)) {
		x->d->oom = 1;
		return;
	}
	for (uint32_t i = 0; i < n->tasks.n; i++) {
		const bt_task *t = &n->tasks.v[i];
		uint32_t j = find(o, t->id, BT_K_TASK);
		if (j == BT_NONE && x->old_of_new[i] != BT_NONE) {
			j = x->old_of_new[i];
			add(x, BT_DS_SCOPE, BT_DO_CHANGED, "task", t->id, "id", o->tasks.v[j].id, t->id);
		}
		if (j == BT_NONE) {
			add(x, BT_DS_SCOPE, BT_DO_ADDED, "task", t->id, NULL, NULL, task_summary(x, t));
			continue;
		}
		const bt_task *s = &o->tasks.v[j];
		cmpq(x, BT_DS_SCOPE, "task", t->id, "title", s->title, t->title);
		cmp(x, BT_DS_SCOPE, "task", t->id, "team", s->team.name, t->team.name);
		if (!same_needs(o, s, n, t))
			cmp(x, BT_DS_SCOPE, "task", t->id, "needs", needs_s(x, o, s), needs_s(x, n, t));
		if (!same_est(&s->est, &t->est))
			cmp(x, BT_DS_ESTIMATES, "task", t->id, "estimate", est_s(x, &s->est), est_s(x, &t->est));
		links(x, t->id, a, b, o, s->dep0, s->ndep, t->dep0, t->ndep);
		cmpd(x, BT_DS_LINKS, "task", t->id, "not-before", s->not_before, t->not_before);
		cmpd(x, BT_DS_LINKS, "task", t->id, "deadline", s->deadline, t->deadline);
		cmpq(x, BT_DS_OTHER, "task", t->id, "owner", s->owner, t->owner);
		cmp(x, BT_DS_OTHER, "task", t->id, "workstream", s->workstream, t->workstream);
		cmpq(x, BT_DS_OTHER, "task", t->id, "source", s->source, t->source);
	}
	for (uint32_t j = 0; j < o->tasks.n; j++)
		if (x->new_of_old[j] == BT_NONE && find(n, o->tasks.v[j].id, BT_K_TASK) == BT_NONE)
			add(x, BT_DS_SCOPE, BT_DO_REMOVED, "task", o->tasks.v[j].id, NULL,
			    task_summary(x, &o->tasks.v[j]), NULL);
}

static void milestones(dx *x, llist *a, llist *b)
{
	const bt_plan *o = x->o, *n = x->n;
	for (uint32_t i = 0; i < n->milestones.n; i++) {
		const bt_milestone *m = &n->milestones.v[i];
		uint32_t j = find(o, m->id, BT_K_MILESTONE);
		if (j == BT_NONE) {
			add(x, BT_DS_SCOPE, BT_DO_ADDED, "milestone", m->id, NULL, NULL,
			    sf(x, "%s%s%s", m->title ? quoted(x, m->title) : "", m->commit0 != BT_DATE_NONE ? " commit " : "",
			       m->commit0 != BT_DATE_NONE ? date_s(x, m->commit0) : ""));
			continue;
		}
		const bt_milestone *s = &o->milestones.v[j];
		cmpq(x, BT_DS_SCOPE, "milestone", m->id, "title", s->title, m->title);
		cmpd(x, BT_DS_COMMITMENTS, "milestone", m->id, "commit", s->commit0, m->commit0);
		commits(x, o, a, s->cc0, s->ncc);
		commits(x, n, b, m->cc0, m->ncc);
		ldiff(x, BT_DS_COMMITMENTS, "commitment", m->id, " since ", a, b);
		links(x, m->id, a, b, o, s->dep0, s->ndep, m->dep0, m->ndep);
		cmpq(x, BT_DS_OTHER, "milestone", m->id, "owner", s->owner, m->owner);
		cmpq(x, BT_DS_OTHER, "milestone", m->id, "source", s->source, m->source);
	}
	for (uint32_t j = 0; j < o->milestones.n; j++)
		if (find(n, o->milestones.v[j].id, BT_K_MILESTONE) == BT_NONE)
			add(x, BT_DS_SCOPE, BT_DO_REMOVED, "milestone", o->milestones.v[j].id, NULL,
			    quoted(x, o->milestones.v[j].title), NULL);
}

static const char *prob_s(dx *x, double p)
{
	return p < 0 ? NULL : sf(x, "%g%%", p * 100.0);
}

static const char *impact_s(dx *x, const bt_risk *r)
{
	switch (r->impact_points) {
	case 1: return sf(x, "%dd", r->impact_mode);
	case 2: return sf(x, "%dd..%dd", r->impact_lo, r->impact_hi);
	case 3: return sf(x, "%dd %dd %dd", r->impact_lo, r->impact_mode, r->impact_hi);
	}
	return NULL;
}

static const char *const risk_state[] = {"open", "mitigating", "closed", "occurred", "absorbed"};
static const char *const dec_state[] = {"proposed", "decided", "superseded"};

static void risks(dx *x)
{
	const bt_plan *o = x->o, *n = x->n;
	for (uint32_t i = 0; i < n->risks.n; i++) {
		const bt_risk *r = &n->risks.v[i];
		uint32_t j = find(o, r->id, BT_K_RISK);
		if (j == BT_NONE) {
			add(x, BT_DS_RISKS, BT_DO_ADDED, "risk", r->id, NULL, NULL,
			    sf(x, "%s probability %s impact %s on %s", r->title ? quoted(x, r->title) : "",
			       prob_s(x, r->probability), impact_s(x, r), refs_s(x, n, r->on0, r->non)));
			continue;
		}
		const bt_risk *s = &o->risks.v[j];
		cmp(x, BT_DS_RISKS, "risk", r->id, "probability", prob_s(x, s->probability), prob_s(x, r->probability));
		cmp(x, BT_DS_RISKS, "risk", r->id, "impact", impact_s(x, s), impact_s(x, r));
		cmp(x, BT_DS_RISKS, "risk", r->id, "state", risk_state[s->state % 5], risk_state[r->state % 5]);
		cmp(x, BT_DS_RISKS, "risk", r->id, "on", refs_s(x, o, s->on0, s->non), refs_s(x, n, r->on0, r->non));
		cmpq(x, BT_DS_RISKS, "risk", r->id, "title", s->title, r->title);
		cmpq(x, BT_DS_RISKS, "risk", r->id, "owner", s->owner, r->owner);
		cmpq(x, BT_DS_RISKS, "risk", r->id, "mitigation", s->mitigation, r->mitigation);
		cmpd(x, BT_DS_RISKS, "risk", r->id, "review", s->review, r->review);
	}
	for (uint32_t j = 0; j < o->risks.n; j++)
		if (find(n, o->risks.v[j].id, BT_K_RISK) == BT_NONE)
			add(x, BT_DS_RISKS, BT_DO_REMOVED, "risk", o->risks.v[j].id, NULL, quoted(x, o->risks.v[j].title),
			    NULL);
}

static const char *dstate(const bt_decision *d)
{
	return d->has_state ? dec_state[d->state % 3] : NULL;
}

static void decisions(dx *x)
{
	const bt_plan *o = x->o, *n = x->n;
	for (uint32_t i = 0; i < n->decisions.n; i++) {
		const bt_decision *d = &n->decisions.v[i];
		uint32_t j = find(o, d->id, BT_K_DECISION);
		if (j == BT_NONE) {
			const char *st = dstate(d), *nb = date_s(x, d->need_by);
			add(x, BT_DS_DECISIONS, BT_DO_ADDED, "decision", d->id, NULL, NULL,
			    sf(x, "%s%s%s%s%s", d->title ? quoted(x, d->title) : "", st ? " status " : "", st ? st : "",
			       nb ? " need-by " : "", nb ? nb : ""));
			continue;
		}
		const bt_decision *s = &o->decisions.v[j];
		cmp(x, BT_DS_DECISIONS, "decision", d->id, "status", dstate(s), dstate(d));
		cmpd(x, BT_DS_DECISIONS, "decision", d->id, "decided", s->decided, d->decided);
		cmpd(x, BT_DS_DECISIONS, "decision", d->id, "need-by", s->need_by, d->need_by);
		cmpd(x, BT_DS_DECISIONS, "decision", d->id, "date", s->date, d->date);
		cmpq(x, BT_DS_DECISIONS, "decision", d->id, "title", s->title, d->title);
		cmpq(x, BT_DS_DECISIONS, "decision", d->id, "owner", s->owner, d->owner);
		cmpq(x, BT_DS_DECISIONS, "decision", d->id, "ask", s->ask, d->ask);
		cmpq(x, BT_DS_DECISIONS, "decision", d->id, "from", s->from, d->from);
		cmpq(x, BT_DS_DECISIONS, "decision", d->id, "rationale", s->rationale, d->rationale);
		cmp(x, BT_DS_DECISIONS, "decision", d->id, "links", refs_s(x, o, s->link0, s->nlink),
		    refs_s(x, n, d->link0, d->nlink));
	}
	for (uint32_t j = 0; j < o->decisions.n; j++)
		if (find(n, o->decisions.v[j].id, BT_K_DECISION) == BT_NONE)
			add(x, BT_DS_DECISIONS, BT_DO_REMOVED, "decision", o->decisions.v[j].id, NULL,
			    quoted(x, o->decisions.v[j].title), NULL);
}

static void teams(dx *x, llist *a, llist *b)
{
	const bt_plan *o = x->o, *n = x->n;
	for (uint32_t i = 0; i < n->teams.n; i++) {
		const bt_team *t = &n->teams.v[i];
		uint32_t j = find(o, t->id, BT_K_TEAM);
		if (j == BT_NONE) {
			const char *c = people_s(x, t->capacity);
			add(x, BT_DS_CALENDAR, BT_DO_ADDED, "team", t->id, NULL, NULL,
			    sf(x, "%s%s%s", t->title ? quoted(x, t->title) : "", c ? " capacity " : "", c ? c : ""));
			continue;
		}
		const bt_team *s = &o->teams.v[j];
		cmp(x, BT_DS_CALENDAR, "team", t->id, "capacity", people_s(x, s->capacity), people_s(x, t->capacity));
		capchanges(x, o, a, s->cc0, s->ncc);
		capchanges(x, n, b, t->cc0, t->ncc);
		ldiff(x, BT_DS_CALENDAR, "capacity", t->id, " ", a, b);
		ranges(x, o, a, s->hol0, s->nhol);
		ranges(x, n, b, t->hol0, t->nhol);
		ldiff(x, BT_DS_CALENDAR, "holiday", t->id, " ", a, b);
		cmp(x, BT_DS_CALENDAR, "team", t->id, "programs", s->programs ? sf(x, "%d", s->programs) : NULL,
		    t->programs ? sf(x, "%d", t->programs) : NULL);
		cmpq(x, BT_DS_OTHER, "team", t->id, "title", s->title, t->title);
		cmpq(x, BT_DS_OTHER, "team", t->id, "lead", s->lead, t->lead);
	}
	for (uint32_t j = 0; j < o->teams.n; j++)
		if (find(n, o->teams.v[j].id, BT_K_TEAM) == BT_NONE)
			add(x, BT_DS_CALENDAR, BT_DO_REMOVED, "team", o->teams.v[j].id, NULL,
			    quoted(x, o->teams.v[j].title), NULL);
}

static const char *week_s(dx *x, uint8_t w)
{
	static const char *const day[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	bt_buf b = BT_BUF_INIT;
	for (int k = 0; k < 7; k++)
		if (w & (1u << k))
			bt_buf_printf(&b, "%s%s", b.len ? " " : "", day[k]);
	return keep(x, &b);
}

static void program(dx *x, llist *a, llist *b)
{
	const bt_program *s = &x->o->prog, *g = &x->n->prog;
	const char *id = g->id;
	cmp(x, BT_DS_OTHER, "program", id, "id", s->id, g->id);
	cmpq(x, BT_DS_OTHER, "program", id, "title", s->title, g->title);
	cmpd(x, BT_DS_CALENDAR, "program", id, "start", s->start_date, g->start_date);
	cmp(x, BT_DS_CALENDAR, "program", id, "week", week_s(x, s->week), week_s(x, g->week));
	ranges(x, x->o, a, s->hol0, s->nhol);
	ranges(x, x->n, b, g->hol0, g->nhol);
	ldiff(x, BT_DS_CALENDAR, "holiday", id, " ", a, b);
	cmpd(x, BT_DS_COMMITMENTS, "program", id, "commit", s->commit0, g->commit0);
	commits(x, x->o, a, s->cc0, s->ncc);
	commits(x, x->n, b, g->cc0, g->ncc);
	ldiff(x, BT_DS_COMMITMENTS, "commitment", id, " since ", a, b);
	cmp(x, BT_DS_OTHER, "program", id, "level", s->level < 0 ? NULL : s->level ? "level" : "no-level",
	    g->level < 0 ? NULL : g->level ? "level" : "no-level");
	cmp(x, BT_DS_OTHER, "program", id, "rag",
	    s->rag_set ? sf(x, "green %g%% amber %g%% margin %dd", s->rag_green * 100, s->rag_amber * 100, s->rag_margin)
		       : NULL,
	    g->rag_set ? sf(x, "green %g%% amber %g%% margin %dd", g->rag_green * 100, g->rag_amber * 100, g->rag_margin)
		       : NULL);
}

/* An entry's text as written, its blanks collapsed. */
static const char *entry_s(dx *x, const bt_plan *p, const bt_entry *e)
{
	const char *s = p->src.text + e->start;
	uint32_t n = e->end - e->start;
	char *t = bt_arena_alloc(&x->d->arena, (size_t)n + 1);
	if (!t) {
		x->d->oom = 1;
		return "";
	}
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		int blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
		if (!blank)
			t[k++] = s[i];
		else if (k && t[k - 1] != ' ')
			t[k++] = ' ';
	}
	while (k && t[k - 1] == ' ')
		k--;
	t[k] = 0;
	return t;
}

static const bt_status *block_on(const bt_plan *p, bt_date d)
{
	for (uint32_t i = 0; i < p->statuses.n; i++)
		if (p->statuses.v[i].date == d)
			return &p->statuses.v[i];
	return NULL;
}

/* An entry is keyed by its task and kind, so new progress on a task reads
 * as a change of its line; notes, of which a task may have several, by
 * their text. */
static void block_entries(dx *x, const bt_plan *p, const bt_status *s, llist *l)
{
	static const char *const kind[] = {"done", "started", "progress", "estimate", "note"};
	for (uint32_t k = 0; s && k < s->nentry; k++) {
		const bt_entry *e = &p->entries.v[s->entry0 + k];
		const char *t = entry_s(x, p, e);
		lpush(x, l, e->kind == BT_E_NOTE ? t : sf(x, "%s %s", e->task.name ? e->task.name : "", kind[e->kind % 5]),
		      t);
	}
}

/* Status blocks by date; within a date, entries as written. */
static void statuses(dx *x, llist *a, llist *b)
{
	const bt_plan *o = x->o, *n = x->n;
	for (int side = 0; side < 2; side++) {
		const bt_plan *p = side ? o : n;
		for (uint32_t i = 0; i < p->statuses.n; i++) {
			const bt_status *s = &p->statuses.v[i];
			const bt_status *so = side ? s : block_on(o, s->date), *sn = side ? block_on(n, s->date) : s;
			if (side && sn)
				continue; /* told from the new side */
			const char *d = s->date != BT_DATE_NONE ? date_s(x, s->date) : "-";
			if (!so && !sn->nentry)
				add(x, BT_DS_STATUS, BT_DO_ADDED, "status", d, NULL, NULL, NULL);
			else if (!sn && !so->nentry)
				add(x, BT_DS_STATUS, BT_DO_REMOVED, "status", d, NULL, NULL, NULL);
			block_entries(x, o, so, a);
			block_entries(x, n, sn, b);
			ldiff(x, BT_DS_STATUS, "status", d, NULL, a, b);
		}
	}
}

static const char *scen_s(dx *x, const bt_plan *p, const bt_scenario *s)
{
	bt_buf b = BT_BUF_INIT;
	for (uint32_t k = 0; k < s->nitem; k++) {
		const bt_scen_item *it = &p->scen_items.v[s->item0 + k];
		bt_buf_printf(&b, "%s%.*s", k ? "; " : "", (int)(it->end - it->start), p->src.text + it->start);
	}
	return keep(x, &b);
}

static void scenarios(dx *x, llist *a, llist *b)
{
	for (uint32_t i = 0; i < x->o->scenarios.n; i++)
		lpush(x, a, x->o->scenarios.v[i].id, scen_s(x, x->o, &x->o->scenarios.v[i]));
	for (uint32_t i = 0; i < x->n->scenarios.n; i++)
		lpush(x, b, x->n->scenarios.v[i].id, scen_s(x, x->n, &x->n->scenarios.v[i]));
	ldiff(x, BT_DS_OTHER, "scenario", "", "", a, b);
}

/*============================ Figures =============================*/

static int32_t wdays(const bt_cal *c, bt_date a, bt_date b)
{
	return bt_cal_index(c, b) - bt_cal_index(c, a);
}

static void figures(bt_diff *d, bt_dms *m)
{
	const bt_as_ms *o = m->o, *n = m->n;
	if (!o || !n) {
		m->moved = 1;
		return;
	}
	const bt_cal *c = &d->an->sched->net.cal;
	m->have_commit = o->commit != BT_DATE_NONE && n->commit != BT_DATE_NONE;
	m->have_planned = o->planned != BT_DATE_NONE && n->planned != BT_DATE_NONE;
	m->have_p50 = o->p50 != BT_DATE_NONE && n->p50 != BT_DATE_NONE;
	m->have_p85 = o->p85 != BT_DATE_NONE && n->p85 != BT_DATE_NONE;
	m->have_chance = bt_as_has_chance(o) && bt_as_has_chance(n);
	if (m->have_commit)
		m->d_commit = wdays(c, o->commit, n->commit);
	if (m->have_planned)
		m->d_planned = wdays(c, o->planned, n->planned);
	if (m->have_p50)
		m->d_p50 = wdays(c, o->p50, n->p50);
	if (m->have_p85)
		m->d_p85 = wdays(c, o->p85, n->p85);
	/* On the rounding every output shows, so "unchanged" here is
	 * unchanged there. */
	if (m->have_chance)
		m->d_chance = bt_round_share(bt_round_share(n->fc.chance) - bt_round_share(o->fc.chance));
	m->moved = o->commit != n->commit || o->planned != n->planned || o->p50 != n->p50 || o->p85 != n->p85 ||
		   o->rag != n->rag || bt_as_has_chance(o) != bt_as_has_chance(n) ||
		   (m->have_chance && m->d_chance != 0.0);
}

static const bt_as_ms *ms_of(const bt_assessment *a, const char *id)
{
	for (uint32_t k = 0; k + 1 < a->nms; k++)
		if (!strcmp(a->ms[k].id, id))
			return &a->ms[k];
	return NULL;
}

static int pair_milestones(bt_diff *d)
{
	const bt_assessment *ao = d->ao, *an = d->an;
	d->ms = bt_arena_zalloc(&d->arena, sizeof(bt_dms) * (ao->nms + an->nms));
	if (!d->ms)
		return -1;
	for (uint32_t k = 0; k + 1 < an->nms; k++) {
		bt_dms *m = &d->ms[d->nms++];
		m->n = &an->ms[k];
		m->o = ms_of(ao, m->n->id);
		m->id = m->n->id;
		m->title = m->n->title;
	}
	for (uint32_t k = 0; k + 1 < ao->nms; k++) {
		if (ms_of(an, ao->ms[k].id))
			continue;
		bt_dms *m = &d->ms[d->nms++];
		m->o = &ao->ms[k];
		m->id = m->o->id;
		m->title = m->o->title;
	}
	bt_dms *e = &d->ms[d->nms++];
	e->program = 1;
	e->o = &ao->ms[ao->nms - 1];
	e->n = &an->ms[an->nms - 1];
	e->id = e->n->id;
	e->title = e->n->title;
	for (uint32_t k = 0; k < d->nms; k++) {
		figures(d, &d->ms[k]);
		d->nmoved += d->ms[k].moved != 0;
	}
	return 0;
}

/*============================== API ===============================*/

baton_diff *bt_diff_compute(baton_plan *old_plan, baton_plan *new_plan, const baton_status_opts *opts,
			    const char **err, int *side)
{
	baton_status_opts def = BATON_STATUS_OPTS_INIT, so;
	const char *dummy;
	int dside;
	if (!err)
		err = &dummy;
	if (!side)
		side = &dside;
	*side = 0;
	so = opts ? *opts : def;
	/* Each side judged by its own plan: "changes since" a history's
	 * record belong to `baton status`, not to the edit. */
	so.history = NULL;
	bt_diff *d = bt_calloc(1, sizeof *d);
	if (!d) {
		*err = "out of memory";
		return NULL;
	}
	d->po = old_plan;
	d->pn = new_plan;
	d->ao = bt_assess_plan(old_plan, &so, err, NULL);
	if (!d->ao) {
		*side = 1;
		goto fail;
	}
	d->an = bt_assess_plan(new_plan, &so, err, NULL);
	if (!d->an) {
		*side = 2;
		goto fail;
	}
	dx x = {d, old_plan, new_plan, NULL, NULL};
	llist a = {0}, b = {0};
	program(&x, &a, &b);
	teams(&x, &a, &b);
	/* Tasks first: their renames name the links of milestones too. */
	tasks(&x, &a, &b);
	milestones(&x, &a, &b);
	risks(&x);
	decisions(&x);
	statuses(&x, &a, &b);
	scenarios(&x, &a, &b);
	BT_VEC_FREE(a);
	BT_VEC_FREE(b);
	if (d->oom || pair_milestones(d)) {
		*err = "out of memory";
		goto fail;
	}
	return d;
fail:
	baton_diff_free(d);
	return NULL;
}

void baton_diff_free(baton_diff *d)
{
	if (!d)
		return;
	bt_assess_free(d->ao);
	bt_assess_free(d->an);
	BT_VEC_FREE(d->ch);
	bt_arena_release(&d->arena);
	bt_free(d);
}

size_t baton_diff_changes(const baton_diff *d)
{
	return (size_t)d->ch.n + d->nmoved;
}

char *baton_diff_render(const baton_diff *d, enum baton_format fmt, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	int f = fmt == BATON_FORMAT_JSON ? 2 : fmt == BATON_FORMAT_MARKDOWN ? 1 : 0;
	if (bt_render_diff(&b, d, f, (flags & BATON_RENDER_COLOR) != 0)) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}
