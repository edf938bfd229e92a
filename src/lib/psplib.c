/*
 * psplib.c: the PSPLIB .sm reader and the plan printer.
 *
 * The reader walks the text line by line. Sections are found by their
 * titles ("PRECEDENCE RELATIONS:", "REQUESTS/DURATIONS:", ...), header
 * counts by their labels; every number is range checked, so malformed
 * input ends in an error with a line number, never in a crash.
 */
#include "psplib.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_JOBS 1000000
#define MAX_RES 10000
#define MAX_VALUE 100000000
/* Working days a plan from 2027-01-04 can hold before 9999-12-31, rounded
 * down. */
#define MAX_SPAN 2000000

typedef struct lines {
	const char *p, *end;
	int no;           /* number of the line in cur */
	const char *cur;  /* current line */
	size_t len;
} lines;

static int next_line(lines *L)
{
	if (L->p >= L->end)
		return 0;
	const char *nl = memchr(L->p, '\n', (size_t)(L->end - L->p));
	const char *e = nl ? nl : L->end;
	L->cur = L->p;
	L->len = (size_t)(e - L->p);
	if (L->len && L->cur[L->len - 1] == '\r')
		L->len--;
	L->p = nl ? nl + 1 : L->end;
	L->no++;
	return 1;
}

static int failf(bt_psplib *ps, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int failf(bt_psplib *ps, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ps->err_line = line;
	vsnprintf(ps->err, sizeof ps->err, fmt, ap);
	va_end(ap);
	return -1;
}

static int fail(bt_psplib *ps, int line, const char *msg)
{
	return failf(ps, line, "%s", msg);
}

/* The integers of the current line from byte `from` on: at most max are
 * stored; returns how many there were, or -1 when a token is not a number
 * in [-MAX_VALUE, MAX_VALUE]. */
static int ints(const lines *L, size_t from, long *out, int max)
{
	int n = 0;
	size_t i = from;
	while (i < L->len) {
		char ch = L->cur[i];
		if (ch == ' ' || ch == '\t') {
			i++;
			continue;
		}
		long v = 0;
		int neg = 0, digits = 0;
		if (ch == '-' || ch == '+') {
			neg = ch == '-';
			i++;
		}
		while (i < L->len && L->cur[i] >= '0' && L->cur[i] <= '9') {
			v = v * 10 + (L->cur[i] - '0');
			if (v > MAX_VALUE)
				return -1;
			digits++;
			i++;
		}
		if (!digits || (i < L->len && L->cur[i] != ' ' && L->cur[i] != '\t'))
			return -1;
		if (n < max)
			out[n] = neg ? -v : v;
		n++;
	}
	return n;
}

static int starts_with(const lines *L, const char *s)
{
	size_t i = 0, n = strlen(s);
	while (i < L->len && (L->cur[i] == ' ' || L->cur[i] == '\t'))
		i++;
	return L->len - i >= n && memcmp(L->cur + i, s, n) == 0;
}

/* The integer after the ':' of a "label : value" line. */
static int label_value(const lines *L, long *v)
{
	const char *c = memchr(L->cur, ':', L->len);
	if (!c)
		return -1;
	long tmp[4];
	int n = ints(L, (size_t)(c - L->cur) + 1, tmp, 4);
	/* "- renewable : 4 R": the unit letter follows the number. */
	if (n < 0) {
		size_t i = (size_t)(c - L->cur) + 1;
		while (i < L->len && (L->cur[i] == ' ' || L->cur[i] == '\t'))
			i++;
		long x = 0;
		int d = 0;
		while (i < L->len && L->cur[i] >= '0' && L->cur[i] <= '9' && d < 9) {
			x = x * 10 + (L->cur[i++] - '0');
			d++;
		}
		if (!d)
			return -1;
		*v = x;
		return 0;
	}
	if (n < 1)
		return -1;
	*v = tmp[0];
	return 0;
}

static int skip_to(lines *L, const char *title)
{
	while (next_line(L))
		if (starts_with(L, title))
			return 0;
	return -1;
}

/* The next line that is not blank. */
static int data_line(lines *L)
{
	while (next_line(L)) {
		size_t i = 0;
		while (i < L->len && (L->cur[i] == ' ' || L->cur[i] == '\t'))
			i++;
		if (i < L->len)
			return 1;
	}
	return 0;
}

/* 0 when the relations have no cycle, else a job (1-based) on one, or
 * UINT32_MAX when memory runs out. Kahn's order leaves every job on or
 * after a cycle unplaced, and each unplaced job has an unplaced
 * predecessor: n steps back through them must end on the cycle. Without
 * a cycle, *span is the critical path's length: the latest finish, each
 * job starting when its predecessors finish (dur[]). */
static uint32_t first_on_cycle(uint32_t n, const bt_rcpsp_prec *prec, size_t nprec, const int32_t *dur,
			       int64_t *span)
{
	uint32_t *indeg = bt_calloc(n, sizeof *indeg), *off = bt_calloc((size_t)n + 1, sizeof *off);
	uint32_t *at = bt_calloc(n, sizeof *at), *succ = bt_calloc(nprec + 1, sizeof *succ);
	int64_t *es = bt_calloc(n, sizeof *es);
	uint32_t r = UINT32_MAX;
	*span = 0;
	if (!indeg || !off || !at || !succ || !es)
		goto out;
	for (size_t i = 0; i < nprec; i++) {
		indeg[prec[i].to]++;
		off[prec[i].from + 1]++;
	}
	for (uint32_t v = 0; v < n; v++) {
		off[v + 1] += off[v];
		at[v] = off[v];
	}
	for (size_t i = 0; i < nprec; i++)
		succ[at[prec[i].from]++] = prec[i].to;
	/* `at` again, as the queue of placed jobs. */
	uint32_t head = 0, tail = 0;
	for (uint32_t v = 0; v < n; v++)
		if (!indeg[v])
			at[tail++] = v;
	while (head < tail) {
		uint32_t v = at[head++];
		int64_t ef = es[v] + dur[v];
		if (ef > *span)
			*span = ef;
		for (uint32_t k = off[v]; k < off[v + 1]; k++) {
			if (ef > es[succ[k]])
				es[succ[k]] = ef;
			if (--indeg[succ[k]] == 0)
				at[tail++] = succ[k];
		}
	}
	r = 0;
	if (tail == n)
		goto out;
	/* `at` once more: one unplaced predecessor of each unplaced job. */
	for (size_t i = 0; i < nprec; i++)
		if (indeg[prec[i].from] && indeg[prec[i].to])
			at[prec[i].to] = prec[i].from;
	uint32_t v = 0;
	while (!indeg[v])
		v++;
	for (uint32_t step = 0; step < n; step++)
		v = at[v];
	r = v + 1;
out:
	bt_free(indeg);
	bt_free(off);
	bt_free(at);
	bt_free(succ);
	bt_free(es);
	return r;
}

/* The header: the counts, until PRECEDENCE RELATIONS. */
static int read_header(bt_psplib *ps, lines *L)
{
	long njobs = -1, horizon = -1, nres = -1, nonren = 0, doubly = 0;
	for (;;) {
		if (!next_line(L))
			return fail(ps, L->no, "missing 'PRECEDENCE RELATIONS:' section");
		if (starts_with(L, "jobs (incl. supersource/sink )") ||
		    starts_with(L, "jobs")) {
			if (label_value(L, &njobs))
				return fail(ps, L->no, "bad job count");
		} else if (starts_with(L, "horizon")) {
			if (label_value(L, &horizon))
				return fail(ps, L->no, "bad horizon");
		} else if (starts_with(L, "- renewable")) {
			if (label_value(L, &nres))
				return fail(ps, L->no, "bad renewable resource count");
		} else if (starts_with(L, "- nonrenewable")) {
			if (label_value(L, &nonren))
				return fail(ps, L->no, "bad nonrenewable resource count");
		} else if (starts_with(L, "- doubly constrained")) {
			if (label_value(L, &doubly))
				return fail(ps, L->no, "bad doubly constrained resource count");
		} else if (starts_with(L, "PROJECT INFORMATION:")) {
			if (!data_line(L) || !data_line(L))
				return fail(ps, L->no, "truncated project information");
			long v[6];
			if (ints(L, 0, v, 6) == 6 && v[5] >= 0)
				ps->mpm = (int32_t)v[5];
		} else if (starts_with(L, "PRECEDENCE RELATIONS:")) {
			break;
		}
	}
	if (njobs < 2 || njobs > MAX_JOBS)
		return fail(ps, 0, "job count missing or out of range");
	if (nres < 0 || nres > MAX_RES)
		return fail(ps, 0, "renewable resource count missing or out of range");
	if (nonren != 0 || doubly != 0)
		return fail(ps, 0, "nonrenewable resources are not supported");
	ps->njobs = (uint32_t)njobs;
	ps->nres = (uint32_t)nres;
	ps->horizon = horizon > 0 ? (int32_t)horizon : 0;
	return 0;
}

/* PRECEDENCE RELATIONS: a title row, then jobnr #modes #succ succ...
 * into ps->prec (its lags, the durations, are set later); row has room
 * for n + k + 8 numbers. */
static int read_precedence(bt_psplib *ps, lines *L, long *row, size_t *nprec)
{
	uint32_t n = ps->njobs, k = ps->nres;
	size_t cprec = 4 * (size_t)n;
	if (!data_line(L))
		return fail(ps, L->no, "truncated precedence relations");
	for (uint32_t j = 1; j <= n; j++) {
		if (!data_line(L))
			return fail(ps, L->no, "truncated precedence relations");
		int cnt = ints(L, 0, row, (int)(n + k + 8));
		if (cnt < 3 || cnt > (int)(n + 3))
			return fail(ps, L->no, "expected 'jobnr #modes #successors successors...'");
		if (row[0] != (long)j)
			return fail(ps, L->no, "job numbers out of sequence");
		if (row[1] != 1)
			return fail(ps, L->no, "only single-mode instances are supported");
		if (row[2] != cnt - 3)
			return fail(ps, L->no, "successor count does not match the list");
		for (int i = 3; i < cnt; i++) {
			if (row[i] < 1 || row[i] > (long)n || row[i] == (long)j)
				return fail(ps, L->no, "successor is not a job of this instance");
			if (*nprec == cprec) {
				bt_rcpsp_prec *np = bt_realloc(ps->prec, 2 * cprec * sizeof *np);
				if (!np)
					return fail(ps, 0, "out of memory");
				ps->prec = np;
				cprec *= 2;
			}
			ps->prec[*nprec].from = j - 1;
			ps->prec[*nprec].to = (uint32_t)row[i] - 1;
			ps->prec[*nprec].delta = 0; /* the duration, set below */
			(*nprec)++;
		}
	}
	return 0;
}

/* REQUESTS/DURATIONS: title, dashes, then jobnr mode dur R1..Rk, into
 * ps->dur and ps->demand (*nd of them). */
static int read_requests(bt_psplib *ps, lines *L, long *row, uint32_t *nd)
{
	uint32_t n = ps->njobs, k = ps->nres;
	if (skip_to(L, "REQUESTS/DURATIONS:"))
		return fail(ps, L->no, "missing 'REQUESTS/DURATIONS:' section");
	if (!data_line(L))
		return fail(ps, L->no, "truncated requests/durations");
	if (starts_with(L, "jobnr") && !data_line(L))
		return fail(ps, L->no, "truncated requests/durations");
	if (starts_with(L, "---") && !data_line(L))
		return fail(ps, L->no, "truncated requests/durations");
	for (uint32_t j = 1; j <= n; j++) {
		if (j > 1 && !data_line(L))
			return fail(ps, L->no, "truncated requests/durations");
		int cnt = ints(L, 0, row, (int)(k + 8));
		if (cnt != (int)k + 3)
			return fail(ps, L->no, "expected 'jobnr mode duration' and one demand per resource");
		if (row[0] != (long)j || row[1] != 1)
			return fail(ps, L->no, "job numbers out of sequence");
		if (row[2] < 0)
			return fail(ps, L->no, "negative duration");
		ps->dur[j - 1] = (int32_t)row[2];
		for (uint32_t r = 0; r < k; r++) {
			if (row[3 + r] < 0)
				return fail(ps, L->no, "negative demand");
			if (row[3 + r] > 0) {
				ps->demand[*nd].act = j - 1;
				ps->demand[*nd].res = r;
				ps->demand[*nd].amount = (int32_t)row[3 + r];
				(*nd)++;
			}
		}
	}
	return 0;
}

/* RESOURCEAVAILABILITIES: a title row, then one capacity each. */
static int read_capacities(bt_psplib *ps, lines *L, long *row)
{
	uint32_t k = ps->nres;
	if (skip_to(L, "RESOURCEAVAILABILITIES:"))
		return fail(ps, L->no, "missing 'RESOURCEAVAILABILITIES:' section");
	if (!data_line(L) || (starts_with(L, "R") && !data_line(L)))
		return fail(ps, L->no, "truncated resource availabilities");
	if (ints(L, 0, row, (int)(k + 8)) != (int)k)
		return fail(ps, L->no, "expected one capacity per resource");
	for (uint32_t r = 0; r < k; r++) {
		if (row[r] < 0)
			return fail(ps, L->no, "negative capacity");
		ps->cap[r] = (int32_t)row[r];
	}
	return 0;
}

/* An instance no schedule can satisfy is refused here, where it can be
 * named, not in the plan it would print (which would not check): a
 * demand over its capacity (named at `line`), or a cycle. */
static int check_instance(bt_psplib *ps, int line, uint32_t nd, size_t nprec)
{
	for (uint32_t i = 0; i < nd; i++) {
		const bt_rcpsp_demand *q = &ps->demand[i];
		if (q->amount > ps->cap[q->res])
			return failf(ps, line, "job %u needs %d of resource %u, whose capacity is %d", q->act + 1,
				     (int)q->amount, q->res + 1, (int)ps->cap[q->res]);
	}
	int64_t span;
	uint32_t on_cycle = first_on_cycle(ps->njobs, ps->prec, nprec, ps->dur, &span);
	if (on_cycle == UINT32_MAX)
		return fail(ps, 0, "out of memory");
	if (on_cycle)
		return failf(ps, 0, "the precedence relations have a cycle through job %u", on_cycle);
	/* The plan starts on 2027-01-04 (bt_psplib_to_plan) and no date runs
	 * past 9999-12-31, about 2.08 million working days later. */
	if (span > MAX_SPAN)
		return failf(ps, 0, "the critical path is %lld days, over the %d a plan can hold", (long long)span,
			     MAX_SPAN);
	return 0;
}

int bt_psplib_parse(const char *text, size_t len, bt_psplib *ps)
{
	memset(ps, 0, sizeof *ps);
	ps->mpm = -1;
	lines L = {text, text + len, 0, NULL, 0};
	if (read_header(ps, &L))
		return -1;
	uint32_t n = ps->njobs, k = ps->nres;
	ps->dur = bt_calloc(n, sizeof *ps->dur);
	ps->cap = bt_calloc(k + 1, sizeof *ps->cap);
	ps->demand = bt_calloc((size_t)n * k + 1, sizeof *ps->demand);
	long *row = bt_calloc((size_t)n + k + 8, sizeof *row);
	ps->prec = bt_calloc(4 * (size_t)n, sizeof *ps->prec);
	size_t nprec = 0;
	uint32_t nd = 0;
	int rc = -1;
	if (!ps->dur || !ps->cap || !ps->demand || !row || !ps->prec)
		fail(ps, 0, "out of memory");
	else if (!read_precedence(ps, &L, row, &nprec) && !read_requests(ps, &L, row, &nd) &&
		 !read_capacities(ps, &L, row) && !check_instance(ps, L.no, nd, nprec))
		rc = 0;
	bt_free(row);
	if (rc)
		return rc;
	for (size_t i = 0; i < nprec; i++)
		ps->prec[i].delta = ps->dur[ps->prec[i].from];
	bt_rcpsp_problem *p = &ps->problem;
	p->n = n;
	p->k = k;
	p->dur = ps->dur;
	p->cap = ps->cap;
	p->demand = ps->demand;
	p->ndemand = nd;
	p->prec = ps->prec;
	p->nprec = (uint32_t)nprec;
	return 0;
}

int bt_psplib_load(const char *path, bt_psplib *ps)
{
	memset(ps, 0, sizeof *ps);
	bt_buf b = BT_BUF_INIT;
	if (bt_buf_read_file(&b, path, ps->err, sizeof ps->err)) {
		bt_buf_release(&b);
		return -1;
	}
	int rc = bt_psplib_parse(b.s, b.len, ps);
	bt_buf_release(&b);
	return rc;
}

void bt_psplib_free(bt_psplib *ps)
{
	if (!ps)
		return;
	bt_free(ps->dur);
	bt_free(ps->cap);
	bt_free(ps->demand);
	bt_free(ps->prec);
	memset(ps, 0, sizeof *ps);
}

void bt_psplib_to_plan(const bt_psplib *ps, const char *name, bt_buf *out)
{
	const bt_rcpsp_problem *p = &ps->problem;
	bt_buf_printf(out, "program %s \"PSPLIB %s\"\n  start 2027-01-04\n", name, name);
	for (uint32_t r = 0; r < p->k; r++)
		bt_buf_printf(out, "team r%u \"R%u\" capacity %d\n", r + 1, r + 1,
			      (int)p->cap[r]);
	/* Demands and predecessors are grouped by job in the parsed arrays. */
	uint32_t d = 0;
	for (uint32_t j = 0; j < p->n; j++) {
		bt_buf_printf(out, "task a%u \"Job %u\"\n", j + 1, j + 1);
		uint32_t d0 = d;
		while (d < p->ndemand && p->demand[d].act == j)
			d++;
		uint32_t team = d > d0 ? p->demand[d0].res + 1 : 1;
		bt_buf_printf(out, "  team r%u  estimate %dd  needs", team, (int)p->dur[j]);
		if (d == d0)
			bt_buf_puts(out, " 0");
		for (uint32_t x = d0; x < d; x++)
			bt_buf_printf(out, " r%u:%d", p->demand[x].res + 1,
				      (int)p->demand[x].amount);
		bt_buf_putc(out, '\n');
		int first = 1;
		for (uint32_t i = 0; i < p->nprec; i++) {
			if (p->prec[i].to != j)
				continue;
			bt_buf_printf(out, "%sa%u", first ? "  after " : ", ",
				      p->prec[i].from + 1);
			first = 0;
		}
		if (!first)
			bt_buf_putc(out, '\n');
	}
}
