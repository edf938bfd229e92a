/*
 * model.c: the model's own functions (model.h): interning names, the
 * commitments in force on a date, a task's crew and the file's order of
 * the nodes. Parse, check and the later stages use them; this file uses
 * nothing but util.h, so the parser does not depend on the checker.
 */
#include <string.h>

#include "model.h"

/*============================== Interning =========================*/

/* FNV-1a, then folded: the table indexes by the low bits, and FNV's low
 * bits depend only on the low bits of the bytes ("t1", "t2", ...). */
static uint32_t name_hash(const char *s, uint32_t n)
{
	uint64_t h = bt_hash(s, n);
	h ^= h >> 32;
	h *= 0x9e3779b97f4a7c15ULL;
	return (uint32_t)(h >> 32);
}

static uint32_t slot_of(const bt_idtab *t, const char *s, uint32_t n, uint32_t hash)
{
	uint32_t h = hash & (t->cap - 1);
	while (t->slots[h].nm) {
		const bt_name *nm = t->slots[h].nm;
		if (t->slots[h].hash == hash && nm->len == n && memcmp(nm->s, s, n) == 0)
			break;
		h = (h + 1) & (t->cap - 1);
	}
	return h;
}

static int idtab_grow(bt_idtab *t)
{
	uint32_t ncap = t->cap ? t->cap * 2 : 1024;
	bt_idslot *ns = bt_calloc(ncap, sizeof(*ns));
	if (!ns)
		return -1;
	for (uint32_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].nm)
			continue;
		uint32_t h = t->slots[i].hash & (ncap - 1);
		while (ns[h].nm)
			h = (h + 1) & (ncap - 1);
		ns[h] = t->slots[i];
	}
	bt_free(t->slots);
	t->slots = ns;
	t->cap = ncap;
	return 0;
}

const bt_name *bt_name_find(const bt_plan *p, const char *s)
{
	const bt_idtab *t = &p->names;
	if (!t->cap || !s)
		return NULL;
	uint32_t n = (uint32_t)strlen(s);
	return t->slots[slot_of(t, s, n, name_hash(s, n))].nm;
}

void bt_idtab_free(bt_idtab *t)
{
	bt_free(t->slots);
	t->slots = NULL;
	t->cap = t->n = 0;
}

void bt_intern_prefetch(const bt_plan *p, const char *s, uint32_t n)
{
	const bt_idtab *t = &p->names;
	if (t->cap)
		__builtin_prefetch(&t->slots[name_hash(s, n) & (t->cap - 1)]);
}

const char *bt_intern(bt_plan *p, const char *s, uint32_t n)
{
	bt_idtab *t = &p->names;
	if ((t->n + 1) * 2 > t->cap && idtab_grow(t))
		return NULL;
	uint32_t hash = name_hash(s, n);
	uint32_t h = slot_of(t, s, n, hash);
	if (t->slots[h].nm)
		return t->slots[h].nm->s;
	bt_name *nm = bt_arena_alloc(&p->arena, sizeof(bt_name) + n + 1);
	if (!nm)
		return NULL;
	nm->item_idx = nm->team_idx = BT_NONE;
	nm->item_kind = BT_K_NONE;
	nm->len = n;
	memcpy(nm->s, s, n);
	nm->s[n] = 0;
	t->slots[h].nm = nm;
	t->slots[h].hash = hash;
	t->n++;
	return nm->s;
}

/*============================== The plan ==========================*/

static bt_date in_force(const bt_plan *p, bt_date first, uint32_t c0, uint32_t n, bt_date as_of)
{
	bt_date d = first;
	for (uint32_t i = 0; i < n && as_of != BT_DATE_NONE; i++) {
		const bt_commit_change *c = &p->commit_changes.v[c0 + i];
		if (c->since != BT_DATE_NONE && c->since <= as_of)
			d = c->date;
	}
	return d;
}

void bt_plan_commits_as_of(bt_plan *p, bt_date as_of)
{
	p->prog.commit = in_force(p, p->prog.commit0, p->prog.cc0, p->prog.ncc, as_of);
	for (uint32_t i = 0; i < p->milestones.n; i++) {
		bt_milestone *m = &p->milestones.v[i];
		m->commit = in_force(p, m->commit0, m->cc0, m->ncc, as_of);
	}
}

int bt_task_crew(const bt_plan *p, const bt_task *t, uint32_t *team, int32_t *people)
{
	uint32_t tm = t->team.idx;
	int32_t k = 10;
	if (t->nneed > 1)
		return 0;
	if (t->nneed == 1) {
		const bt_need *nd = &p->needs.v[t->need0];
		if (nd->team.name)
			tm = nd->team.idx;
		k = nd->count;
	}
	if (tm == BT_NONE || k <= 0)
		return 0;
	*team = tm;
	*people = k;
	return 1;
}

double bt_task_crew_factor(const bt_plan *p, const bt_task *t, int32_t people)
{
	uint32_t tm;
	int32_t k;
	if (people <= 0 || !bt_task_crew(p, t, &tm, &k) || people == k)
		return 1.0;
	/* Fewer people: the same work at the same pace each, so longer. */
	if (people < k)
		return (double)k / people;
	double eff = t->crash ? t->crash_eff : 1.0;
	return (double)k / ((double)k + (double)(people - k) * eff);
}

void bt_plan_file_order(const bt_plan *p, uint32_t *order)
{
	uint32_t nt = p->tasks.n, nm = p->milestones.n, x = 0, y = 0;
	while (x < nt || y < nm) {
		int take_task = y >= nm || (x < nt && p->tasks.v[x].start < p->milestones.v[y].start);
		order[x + y] = take_task ? x : nt + y;
		if (take_task)
			x++;
		else
			y++;
	}
}
