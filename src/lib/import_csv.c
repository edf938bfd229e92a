/*
 * import_csv.c: a spreadsheet's CSV as issues for the plan writer: one task
 * per row, columns mapped by name (--columns id=Key,title=Summary,...).
 * Without --columns the usual names are looked for (id, title, team,
 * estimate, after).
 */
#include "import_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { F_ID, F_TITLE, F_TEAM, F_EST, F_OPT, F_LIKELY, F_PESS, F_AFTER, F_OWNER, F_WS, F_DONE, F_STARTED,
       F_REMAINING, F_N };

static const char *const roles[F_N] = {"id", "title", "team", "estimate", "optimistic", "likely", "pessimistic",
				       "after", "owner", "workstream", "done", "started", "remaining"};
/* The column names looked for when --columns does not name one. */
static const char *const guess[F_N] = {"id|key|issue key", "title|summary|name|task", "team", "estimate|days",
				       "optimistic", "likely", "pessimistic", "after|depends on|predecessors",
				       "owner|assignee", "workstream|epic", "done", "started", "remaining"};

typedef struct gcsv {
	int col[F_N];
	char **hdr;
} gcsv;

static int find_col(char **f, size_t n, const char *name, size_t nl)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(f[i]) == nl && !strncasecmp(f[i], name, nl))
			return (int)i;
	return -1;
}

static int header(imp *m, gcsv *g, char **f, size_t n)
{
	for (int r = 0; r < F_N; r++)
		g->col[r] = -1;
	for (size_t i = 0; i < n; i++) {
		char *h = f[i];
		size_t hl = strlen(h);
		while (hl && h[hl - 1] == ' ')
			h[--hl] = 0;
	}
	const char *s = m->o->columns ? m->o->columns : "";
	while (*s) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		int r = 0;
		while (eq && r < F_N && ((size_t)(eq - s) != strlen(roles[r]) || strncmp(s, roles[r], (size_t)(eq - s))))
			r++;
		if (!eq || r == F_N)
			return imp_fail(m, 0, 0, "--columns '%.*s': expected ROLE=COLUMN with ROLE one of id, title, team, "
				       "estimate, optimistic, likely, pessimistic, after, owner, workstream, done, started, remaining",
				       (int)len, s);
		g->col[r] = find_col(f, n, eq + 1, len - (size_t)(eq + 1 - s));
		if (g->col[r] < 0)
			return imp_fail(m, 1, 1, "--columns %.*s: no column '%.*s' in the header", (int)len, s,
					(int)(len - (size_t)(eq + 1 - s)), eq + 1);
		s += len + (e != NULL);
	}
	for (int r = 0; r < F_N; r++) {
		const char *gs = guess[r];
		while (g->col[r] < 0 && *gs) {
			const char *bar = strchr(gs, '|');
			size_t gl = bar ? (size_t)(bar - gs) : strlen(gs);
			g->col[r] = find_col(f, n, gs, gl);
			gs += gl + (bar != NULL);
		}
	}
	if (g->col[F_ID] < 0)
		return imp_fail(m, 1, 1, "no id column: expected one named id or key, or --columns id=COLUMN");
	if (g->col[F_EST] < 0 && g->col[F_LIKELY] < 0)
		return imp_fail(m, 1, 1, "no estimate column: expected one named estimate or days, "
			       "or --columns estimate=COLUMN (or optimistic=,likely=,pessimistic=)");
	g->hdr = bt_arena_alloc(&m->a, (n ? n : 1) * sizeof *g->hdr);
	if (!g->hdr)
		return imp_fail(m, 0, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (!(g->hdr[i] = imp_dup(m, f[i])))
			return imp_fail(m, 0, 0, "out of memory");
	return 0;
}

/* Days: "5", "5d", "2w". -1 empty, -2 malformed. */
static int days(const char *s, const char **end)
{
	while (*s == ' ')
		s++;
	if (!*s || *s == '/')
		return *end = s, -1;
	long v = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && v <= 99999)
		v = v * 10 + (*p++ - '0');
	if (p == s || v > 9999)
		return -2;
	if (*p == 'd' || *p == 'D')
		p++;
	else if (*p == 'w' || *p == 'W')
		p++, v *= 5;
	while (*p == ' ')
		p++;
	*end = p;
	return (int)v;
}

static const char *cell(char **f, size_t n, int c)
{
	return c >= 0 && (size_t)c < n ? f[c] : "";
}

static int est_fail(imp *m, int rec, gcsv *g, int c, const char *v)
{
	return imp_fail(m, rec, c + 1, "'%s' is '%s': expected working days (5, 5d, 2w) or three of them as "
		       "optimistic/likely/pessimistic (3/5/10), optimistic <= likely <= pessimistic", g->hdr[c], v);
}

static int gen_row(imp *m, void *ctx, int rec, char **f, size_t n)
{
	gcsv *g = ctx;
	if (rec == 1)
		return header(m, g, f, n);
	const char *id = cell(f, n, g->col[F_ID]);
	while (*id == ' ')
		id++;
	if (!*id) {
		int blank = 1;
		for (size_t i = 0; i < n && blank; i++)
			blank = !*f[i];
		return blank ? 0 : imp_fail(m, rec, g->col[F_ID] + 1, "the id is empty: expected an id in column '%s'",
					    g->hdr[g->col[F_ID]]);
	}
	imp_issue *is = BT_VEC_PUSH(m->is);
	if (!is)
		return imp_fail(m, 0, 0, "out of memory");
	uint32_t me = m->is.n - 1;
	is->row = rec;
	is->orig = is->rem = is->points = -1;
	is->key = imp_dup(m, id);
	is->title = imp_dup(m, cell(f, n, g->col[F_TITLE]));
	is->team = imp_dup(m, cell(f, n, g->col[F_TEAM]));
	is->owner = imp_dup(m, cell(f, n, g->col[F_OWNER]));
	is->ws = imp_dup(m, cell(f, n, g->col[F_WS]));
	is->o = is->m = is->p = -1;
	/* One cell: "5d" or "3/5/10"; three cells: optimistic, likely, pessimistic. */
	const char *ev = cell(f, n, g->col[F_EST]), *e;
	int c = g->col[F_EST];
	int d = days(ev, &e);
	if (d == -2)
		return est_fail(m, rec, g, c, ev);
	if (d >= 0 && *e == '/') {
		int d2 = days(e + 1, &e), d3 = d2 >= 0 && *e == '/' ? days(e + 1, &e) : -2;
		if (d2 < 0 || d3 < 0 || *e || d > d2 || d2 > d3)
			return est_fail(m, rec, g, c, ev);
		is->o = d, is->m = d2, is->p = d3;
	} else if (d >= 0) {
		if (*e)
			return est_fail(m, rec, g, c, ev);
		is->o = is->m = is->p = d;
	} else if (g->col[F_LIKELY] >= 0) {
		int r3[3], cs[3] = {g->col[F_OPT], g->col[F_LIKELY], g->col[F_PESS]};
		for (int k = 0; k < 3; k++) {
			const char *v = cell(f, n, cs[k]);
			r3[k] = cs[k] >= 0 ? days(v, &e) : -1;
			if (r3[k] == -2 || (r3[k] >= 0 && *e))
				return est_fail(m, rec, g, cs[k], v);
		}
		if (r3[1] >= 0) {
			is->m = r3[1];
			is->o = r3[0] >= 0 ? r3[0] : r3[1];
			is->p = r3[2] >= 0 ? r3[2] : r3[1];
			if (is->o > is->m || is->m > is->p)
				return est_fail(m, rec, g, g->col[F_LIKELY], cell(f, n, g->col[F_LIKELY]));
		}
	}
	/* Status: a date in `done` means done then; in `started`, started. */
	const char *dv = cell(f, n, g->col[F_DONE]), *sv = cell(f, n, g->col[F_STARTED]);
	int r = imp_date(dv, &is->done_on);
	if (r < 0)
		return imp_fail(m, rec, g->col[F_DONE] + 1, "'%s' is '%s': expected a date, e.g. 2027-02-25",
				g->hdr[g->col[F_DONE]], dv);
	if (!r)
		is->state = IMP_DONE, imp_seen(m, is->done_on);
	r = imp_date(sv, &is->started_on);
	if (r < 0)
		return imp_fail(m, rec, g->col[F_STARTED] + 1, "'%s' is '%s': expected a date, e.g. 2027-02-25",
				g->hdr[g->col[F_STARTED]], sv);
	if (!r) {
		imp_seen(m, is->started_on);
		if (is->state != IMP_DONE)
			is->state = IMP_STARTED;
	}
	const char *rv = cell(f, n, g->col[F_REMAINING]);
	int rd = days(rv, &e);
	if (rd == -2 || (rd >= 0 && *e))
		return imp_fail(m, rec, g->col[F_REMAINING] + 1, "'%s' is '%s': expected working days, e.g. 3d",
				g->hdr[g->col[F_REMAINING]], rv);
	if (rd >= 0)
		is->rem = rd * 3600.0 * (m->o->hours_per_day > 0 ? m->o->hours_per_day : 8);
	/* after: ids separated by commas or semicolons */
	const char *a = cell(f, n, g->col[F_AFTER]);
	while (*a) {
		while (*a == ' ' || *a == ',' || *a == ';')
			a++;
		const char *b = a;
		while (*b && *b != ',' && *b != ';')
			b++;
		const char *be = b;
		while (be > a && be[-1] == ' ')
			be--;
		if (be > a) {
			imp_link *l = BT_VEC_PUSH(m->ln);
			if (!l)
				return imp_fail(m, 0, 0, "out of memory");
			l->from = me;
			l->other = bt_arena_strndup(&m->a, a, (size_t)(be - a));
			if (!l->other)
				m->oom = 1;
		}
		a = b;
	}
	return m->oom ? imp_fail(m, 0, 0, "out of memory") : 0;
}

int bt_import_csv(const char *text, size_t len, const bt_import_opts *o, bt_import *out)
{
	imp m;
	imp_init(&m, o, out);
	gcsv g = {0};
	int rc = imp_csv(&m, text, len, gen_row, &g);
	if (!rc)
		rc = imp_write(&m, "csv");
	imp_release(&m);
	return rc;
}
