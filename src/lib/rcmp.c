/*
 * rcmp.c: the .rcmp reader (multi-project RCPSP, see rcmp.h).
 *
 * The format has no keywords, only integers in a fixed order, so the
 * reader is a token stream that knows, at every point, what the next
 * number means; that is what an error says it expected. Counts in the
 * file are range checked but never trusted for allocation: arrays grow
 * as the numbers arrive, so a huge count in a short file ends in "the
 * file ends" rather than in a huge allocation. Successors may point
 * forward (and across projects); they are resolved, and the network
 * checked for cycles, once everything is read.
 */
#include "rcmp.h"

#include "cal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PROJ 100000
#define MAX_RES 10000
#define MAX_ACT 1000000      /* in all projects together */
#define MAX_VALUE BT_RCPSP_MAX_DAY
/* A release becomes a plan's start, 2027-01-04 plus that many working
 * days: a million keeps it a printable date (before the year 6000). */
#define MAX_RELEASE 1000000

typedef struct rd {
	const char *s;
	size_t len, pos;
	int line;
	size_t line_off;      /* offset of the current line's first byte */
	size_t tb, te;        /* the last token */
	int tline, tcol;
	bt_rcmp *out;
} rd;

static int fail_at(rd *R, size_t off, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail_at(rd *R, size_t off, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(R->out->err, sizeof R->out->err, fmt, ap);
	va_end(ap);
	R->out->err_off = off;
	R->out->err_line = line;
	R->out->err_col = col;
	return -1;
}

/* Fail at the last token read. */
#define FAIL_TOK(R, ...) fail_at((R), (R)->tb, (R)->tline, (R)->tcol, __VA_ARGS__)

/* The next token, whitespace separated; 0 at the end of the text. */
static int next_tok(rd *R)
{
	/* At the end, the error points just past the last token. */
	size_t end_pos = R->pos, end_line_off = R->line_off;
	int end_line = R->line;
	while (R->pos < R->len) {
		char c = R->s[R->pos];
		if (c == '\n') {
			R->line++;
			R->line_off = R->pos + 1;
		} else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
			break;
		}
		R->pos++;
	}
	R->tb = R->pos;
	R->tline = R->line;
	R->tcol = (int)(R->pos - R->line_off) + 1;
	if (R->pos >= R->len) {
		R->tb = R->te = end_pos;
		R->tline = end_line;
		R->tcol = (int)(end_pos - end_line_off) + 1;
		return 0;
	}
	while (R->pos < R->len) {
		char c = R->s[R->pos];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
			break;
		R->pos++;
	}
	R->te = R->pos;
	return 1;
}

/* The token as text for a message, cut and with unprintable bytes
 * replaced. */
static const char *tok_text(const rd *R, char buf[24])
{
	size_t n = R->te - R->tb, i;
	for (i = 0; i < n && i < 16; i++) {
		unsigned char c = (unsigned char)R->s[R->tb + i];
		buf[i] = c >= 32 && c < 127 ? (char)c : '?';
	}
	if (n > 16)
		buf[i++] = '.', buf[i++] = '.', buf[i++] = '.';
	buf[i] = 0;
	return buf;
}

/* Digits only (an optional leading '-'), from b to e, within [lo, hi]. */
static int parse_num(const char *s, size_t b, size_t e, long lo, long hi, long *v)
{
	int neg = 0;
	if (b < e && s[b] == '-') {
		neg = 1;
		b++;
	}
	if (b >= e)
		return -1;
	long x = 0;
	for (size_t i = b; i < e; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
		if (x > 1000000000L)
			return -1;
	}
	x = neg ? -x : x;
	if (x < lo || x > hi)
		return -1;
	*v = x;
	return 0;
}

/* The next integer, in [lo, hi]; `what` names it for the message. */
static int get_int(rd *R, long lo, long hi, const char *what, long *v)
{
	if (!next_tok(R))
		return fail_at(R, R->tb, R->tline, R->tcol,
			       "the file ends where %s was expected", what);
	if (parse_num(R->s, R->tb, R->te, lo, hi, v)) {
		char buf[24];
		return FAIL_TOK(R, "expected %s (an integer from %ld to %ld), found '%s'",
				what, lo, hi, tok_text(R, buf));
	}
	return 0;
}

/* Growable arrays. */
static int grow(void **v, uint32_t *cap, uint32_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	uint32_t nc = *cap ? *cap : 16;
	while (nc < need)
		nc *= 2;
	void *p = bt_realloc(*v, (size_t)nc * size);
	if (!p)
		return -1;
	*v = p;
	*cap = nc;
	return 0;
}

/* A successor as read, resolved after the last project. */
typedef struct pend {
	uint32_t from;
	long p, a;            /* 1-based, as written */
	size_t off;
	int line, col;
} pend;

static int oom(rd *R)
{
	return fail_at(R, 0, 0, 0, "out of memory");
}

static int read_all(rd *R, pend **pp, uint32_t *np)
{
	bt_rcmp *rc = R->out;
	long v;
	uint32_t cap_n = 0, cap_d = 0, cap_p = 0;
	if (get_int(R, 1, MAX_PROJ, "the number of projects", &v))
		return -1;
	rc->nproj = (uint32_t)v;
	if (get_int(R, 0, MAX_RES, "the number of resources", &v))
		return -1;
	rc->nres = (uint32_t)v;
	rc->cap = bt_calloc((size_t)rc->nres + 1, sizeof *rc->cap);
	rc->proj_off = bt_calloc((size_t)rc->nproj + 1, sizeof *rc->proj_off);
	rc->proj_release = bt_calloc((size_t)rc->nproj + 1, sizeof *rc->proj_release);
	if (!rc->cap || !rc->proj_off || !rc->proj_release)
		return oom(R);
	char what[96];
	for (uint32_t r = 0; r < rc->nres; r++) {
		snprintf(what, sizeof what, "the capacity of resource %u of %u", r + 1, rc->nres);
		if (get_int(R, 0, MAX_VALUE, what, &v))
			return -1;
		rc->cap[r] = (int32_t)v;
	}
	/* uses[] grows with the projects read, like everything else. */
	uint32_t cap_u = 0;
	for (uint32_t p = 0; p < rc->nproj; p++) {
		rc->proj_off[p] = rc->n;
		snprintf(what, sizeof what, "the number of activities of project %u (dummies included)", p + 1);
		if (get_int(R, 1, MAX_ACT, what, &v))
			return -1;
		if ((uint64_t)rc->n + (uint64_t)v > MAX_ACT)
			return FAIL_TOK(R, "too many activities: over %d in all projects", MAX_ACT);
		uint32_t na = (uint32_t)v;
		snprintf(what, sizeof what, "the release day of project %u", p + 1);
		if (get_int(R, 0, MAX_RELEASE, what, &v))
			return -1;
		rc->proj_release[p] = (int32_t)v;
		if (grow((void **)&rc->uses, &cap_u, (p + 1) * rc->nres + 1, 1))
			return oom(R);
		for (uint32_t r = 0; r < rc->nres; r++) {
			snprintf(what, sizeof what, "whether project %u uses resource %u (0 or 1)", p + 1, r + 1);
			if (get_int(R, 0, 1, what, &v))
				return -1;
			rc->uses[(size_t)p * rc->nres + r] = (uint8_t)v;
		}
		for (uint32_t a = 0; a < na; a++) {
			uint32_t j = rc->n;
			if (grow((void **)&rc->dur, &cap_n, j + 1, sizeof *rc->dur))
				return oom(R);
			snprintf(what, sizeof what, "the duration of activity %u of project %u", a + 1, p + 1);
			if (get_int(R, 0, MAX_VALUE, what, &v))
				return -1;
			rc->dur[j] = (int32_t)v;
			rc->n++;
			for (uint32_t r = 0; r < rc->nres; r++) {
				snprintf(what, sizeof what, "activity %u of project %u's demand for resource %u",
					 a + 1, p + 1, r + 1);
				if (get_int(R, 0, MAX_VALUE, what, &v))
					return -1;
				if (v == 0)
					continue;
				if (!rc->uses[(size_t)p * rc->nres + r])
					return FAIL_TOK(R, "activity %u of project %u needs %ld of resource %u, "
							"but project %u says it does not use resource %u "
							"(set its flag to 1 or the demand to 0)",
							a + 1, p + 1, v, r + 1, p + 1, r + 1);
				if (v > rc->cap[r])
					return FAIL_TOK(R, "activity %u of project %u needs %ld of resource %u, "
							"whose capacity is %d: no schedule can exist "
							"(expected a demand of at most %d)",
							a + 1, p + 1, v, r + 1, rc->cap[r], rc->cap[r]);
				if (grow((void **)&rc->demand, &cap_d, rc->ndemand + 1, sizeof *rc->demand))
					return oom(R);
				rc->demand[rc->ndemand++] = (bt_rcpsp_demand){j, r, (int32_t)v};
			}
			snprintf(what, sizeof what, "the number of successors of activity %u of project %u",
				 a + 1, p + 1);
			if (get_int(R, 0, MAX_ACT, what, &v))
				return -1;
			long ns = v;
			for (long x = 0; x < ns; x++) {
				if (!next_tok(R))
					return fail_at(R, R->tb, R->tline, R->tcol,
						       "the file ends where successor %ld of %ld of activity %u "
						       "of project %u (project:activity) was expected",
						       x + 1, ns, a + 1, p + 1);
				const char *colon = memchr(R->s + R->tb, ':', R->te - R->tb);
				long sp, sa;
				if (!colon ||
				    parse_num(R->s, R->tb, (size_t)(colon - R->s), 1, MAX_PROJ, &sp) ||
				    parse_num(R->s, (size_t)(colon - R->s) + 1, R->te, 1, MAX_ACT, &sa)) {
					char buf[24];
					return FAIL_TOK(R, "expected successor %ld of %ld of activity %u of "
							"project %u as project:activity (e.g. 1:5), found '%s'",
							x + 1, ns, a + 1, p + 1, tok_text(R, buf));
				}
				if (grow((void **)pp, &cap_p, *np + 1, sizeof **pp))
					return oom(R);
				(*pp)[(*np)++] = (pend){j, sp, sa, R->tb, R->tline, R->tcol};
			}
		}
	}
	rc->proj_off[rc->nproj] = rc->n;
	if (next_tok(R)) {
		char buf[24];
		return FAIL_TOK(R, "expected the end of the file after the last activity of project %u "
				"(the file declares %u projects), found '%s'",
				rc->nproj, rc->nproj, tok_text(R, buf));
	}
	return 0;
}

/* Resolve successors to finish-to-start relations and refuse cycles,
 * naming a successor on one. */
static int resolve(rd *R, const pend *pd, uint32_t np)
{
	bt_rcmp *rc = R->out;
	rc->prec = bt_malloc(((size_t)np + 1) * sizeof *rc->prec);
	rc->prec_loc = bt_malloc(((size_t)np + 1) * sizeof *rc->prec_loc);
	uint32_t *to = bt_malloc(((size_t)np + 1) * sizeof *to);
	if (!rc->prec || !rc->prec_loc || !to) {
		bt_free(to);
		return oom(R);
	}
	for (uint32_t i = 0; i < np; i++) {
		const pend *e = &pd[i];
		if ((uint64_t)e->p > rc->nproj) {
			bt_free(to);
			return fail_at(R, e->off, e->line, e->col,
				       "successor %ld:%ld names project %ld, but there are %u projects "
				       "(expected a project from 1 to %u)",
				       e->p, e->a, e->p, rc->nproj, rc->nproj);
		}
		uint32_t b = rc->proj_off[e->p - 1], n = rc->proj_off[e->p] - b;
		if ((uint64_t)e->a > n) {
			bt_free(to);
			return fail_at(R, e->off, e->line, e->col,
				       "successor %ld:%ld names activity %ld of project %ld, which has %u "
				       "(expected an activity from 1 to %u)",
				       e->p, e->a, e->a, e->p, n, n);
		}
		to[i] = b + (uint32_t)e->a - 1;
		rc->prec[i] = (bt_rcpsp_prec){.from = e->from, .to = to[i],
					      .type = BT_RCPSP_FS, .lag = 0};
		rc->prec_loc[i] = (bt_rcmp_loc){e->off, e->line, e->col};
	}
	rc->nprec = np;
	/* Kahn's algorithm over the relations in CSR form. */
	uint32_t n = rc->n;
	uint32_t *off = bt_calloc((size_t)n + 2, sizeof *off);
	uint32_t *adj = bt_malloc(((size_t)np + 1) * sizeof *adj);
	uint32_t *deg = bt_calloc((size_t)n + 1, sizeof *deg);
	uint32_t *queue = bt_malloc(((size_t)n + 1) * sizeof *queue);
	int ret = 0;
	if (!off || !adj || !deg || !queue) {
		ret = oom(R);
		goto done;
	}
	for (uint32_t i = 0; i < np; i++) {
		off[pd[i].from + 1]++;
		deg[to[i]]++;
	}
	for (uint32_t j = 0; j < n; j++)
		off[j + 1] += off[j];
	for (uint32_t i = 0; i < np; i++)
		adj[off[pd[i].from]++] = i; /* off[j] now ends j's edges */
	for (uint32_t j = n; j > 0; j--)
		off[j] = off[j - 1];
	off[0] = 0;
	uint32_t head = 0, tail = 0;
	for (uint32_t j = 0; j < n; j++)
		if (!deg[j])
			queue[tail++] = j;
	while (head < tail) {
		uint32_t j = queue[head++];
		for (uint32_t x = off[j]; x < off[j + 1]; x++)
			if (--deg[to[adj[x]]] == 0)
				queue[tail++] = to[adj[x]];
	}
	if (tail == n)
		goto done;
	/* Every activity left has a predecessor left. Following, from each,
	 * its first such predecessor n times lands on a cycle of that walk,
	 * so the edge it last took lies on a cycle of successors. */
	uint32_t *poff = bt_calloc((size_t)n + 2, sizeof *poff);
	uint32_t *padj = bt_malloc(((size_t)np + 1) * sizeof *padj);
	if (!poff || !padj) {
		bt_free(poff);
		bt_free(padj);
		ret = oom(R);
		goto done;
	}
	for (uint32_t i = 0; i < np; i++)
		poff[to[i] + 1]++;
	for (uint32_t j = 0; j < n; j++)
		poff[j + 1] += poff[j];
	for (uint32_t i = 0; i < np; i++)
		padj[poff[to[i]]++] = i;
	for (uint32_t j = n; j > 0; j--)
		poff[j] = poff[j - 1];
	poff[0] = 0;
	uint32_t v = UINT32_MAX, e_last = UINT32_MAX;
	for (uint32_t j = 0; j < n && v == UINT32_MAX; j++)
		if (deg[j])
			v = j;
	for (uint32_t step = 0; step <= n && v != UINT32_MAX; step++) {
		uint32_t found = UINT32_MAX;
		for (uint32_t x = poff[v]; x < poff[v + 1]; x++)
			if (deg[pd[padj[x]].from]) {
				found = padj[x];
				break;
			}
		if (found == UINT32_MAX)
			break; /* cannot happen */
		e_last = found;
		v = pd[found].from;
	}
	bt_free(poff);
	bt_free(padj);
	if (e_last != UINT32_MAX) {
		const pend *e = &pd[e_last];
		uint32_t fp = 0;
		while (fp + 1 < rc->nproj && rc->proj_off[fp + 1] <= e->from)
			fp++;
		ret = fail_at(R, e->off, e->line, e->col,
			      "successor %ld:%ld of activity %u of project %u closes a cycle of "
			      "successors (expected an acyclic network: remove one of the cycle's relations)",
			      e->p, e->a, e->from - rc->proj_off[fp] + 1, fp + 1);
	} else {
		ret = fail_at(R, 0, 0, 0, "the successors form a cycle");
	}
done:
	bt_free(off);
	bt_free(adj);
	bt_free(deg);
	bt_free(queue);
	bt_free(to);
	return ret;
}

int bt_rcmp_parse(const char *text, size_t len, bt_rcmp *rc)
{
	memset(rc, 0, sizeof *rc);
	rd R = {.s = text, .len = len, .line = 1, .out = rc};
	pend *pd = NULL;
	uint32_t np = 0;
	int ret = read_all(&R, &pd, &np);
	if (!ret)
		ret = resolve(&R, pd, np);
	bt_free(pd);
	if (ret)
		return -1;
	rc->release = bt_malloc(((size_t)rc->n + 1) * sizeof *rc->release);
	rc->proj = bt_malloc(((size_t)rc->n + 1) * sizeof *rc->proj);
	if (!rc->release || !rc->proj || (!rc->dur && !(rc->dur = bt_malloc(sizeof *rc->dur))))
		return oom(&R);
	for (uint32_t p = 0; p < rc->nproj; p++)
		for (uint32_t j = rc->proj_off[p]; j < rc->proj_off[p + 1]; j++) {
			rc->release[j] = rc->proj_release[p];
			rc->proj[j] = p;
		}
	bt_rcpsp_problem *P = &rc->problem;
	P->n = rc->n;
	P->k = rc->nres;
	P->dur = rc->dur;
	P->release = rc->release;
	P->cap = rc->cap;
	P->demand = rc->demand;
	P->ndemand = rc->ndemand;
	P->prec = rc->prec;
	P->nprec = rc->nprec;
	P->nproj = rc->nproj;
	P->proj = rc->proj;
	return 0;
}

int bt_rcmp_load(const char *path, bt_rcmp *rc)
{
	memset(rc, 0, sizeof *rc);
	bt_buf b = BT_BUF_INIT;
	if (bt_buf_read_file(&b, path, rc->err, sizeof rc->err)) {
		bt_buf_release(&b);
		return -1;
	}
	size_t n;
	char *text = bt_buf_detach(&b, &n);
	if (!text) {
		snprintf(rc->err, sizeof rc->err, "out of memory");
		return -1;
	}
	int ret = bt_rcmp_parse(text, n, rc);
	rc->text = text; /* after the parse, which starts from a zeroed *rc */
	rc->text_len = n;
	return ret;
}

void bt_rcmp_free(bt_rcmp *rc)
{
	if (!rc)
		return;
	bt_free(rc->cap);
	bt_free(rc->proj_off);
	bt_free(rc->proj_release);
	bt_free(rc->uses);
	bt_free(rc->dur);
	bt_free(rc->release);
	bt_free(rc->proj);
	bt_free(rc->demand);
	bt_free(rc->prec);
	bt_free(rc->prec_loc);
	bt_free(rc->text);
	memset(rc, 0, sizeof *rc);
}

void bt_rcmp_render_error(const bt_rcmp *rc, const char *path,
			  const char *text, size_t len, bt_buf *out)
{
	if (!rc->err_line) {
		bt_buf_printf(out, "%s: error: %s\n", path, rc->err);
		return;
	}
	bt_buf_printf(out, "%s:%d:%d: error: %s\n", path, rc->err_line, rc->err_col, rc->err);
	if (!text || rc->err_off > len)
		return;
	size_t b = rc->err_off;
	while (b > 0 && text[b - 1] != '\n')
		b--;
	size_t e = b;
	while (e < len && text[e] != '\n' && text[e] != '\r')
		e++;
	if (e - b > 200)
		return; /* not a line worth quoting */
	bt_buf_puts(out, "  ");
	for (size_t i = b; i < e; i++) {
		unsigned char c = (unsigned char)text[i];
		bt_buf_putc(out, c == '\t' || (c >= 32 && c < 127) ? (char)c : '?');
	}
	bt_buf_puts(out, "\n  ");
	for (size_t i = b; i < rc->err_off; i++)
		bt_buf_putc(out, text[i] == '\t' ? '\t' : ' ');
	bt_buf_puts(out, "^\n");
}

int bt_rcmp_check_split(bt_rcmp *rc)
{
	for (uint32_t i = 0; i < rc->nprec; i++) {
		uint32_t f = rc->proj[rc->prec[i].from], t = rc->proj[rc->prec[i].to];
		if (f == t)
			continue;
		const bt_rcmp_loc *l = &rc->prec_loc[i];
		rc->err_off = l->off;
		rc->err_line = l->line;
		rc->err_col = l->col;
		snprintf(rc->err, sizeof rc->err,
			 "successor %u:%u of activity %u of project %u crosses into project %u: "
			 "one plan per project cannot say that (expected successors within the project)",
			 t + 1, rc->prec[i].to - rc->proj_off[t] + 1,
			 rc->prec[i].from - rc->proj_off[f] + 1, f + 1, t + 1);
		return -1;
	}
	return 0;
}

void bt_rcmp_to_plan(const bt_rcmp *rc, uint32_t p, const char *name, bt_buf *out)
{
	/* 2027-01-04 is a Monday: r working days later is r / 5 weeks and
	 * r % 5 weekdays on. */
	bt_date start;
	bt_date_from_ymd(2027, 1, 4, &start);
	int32_t r = rc->proj_release[p];
	start += (r / 5) * 7 + r % 5;
	char day[11];
	bt_date_format(start, day);
	bt_buf_printf(out, "program %s-p%u \"%s project %u\"\n  start %s\n", name, p + 1, name,
		      p + 1, day);
	uint32_t first = UINT32_MAX;
	for (uint32_t k = 0; k < rc->nres; k++) {
		if (!rc->uses[(size_t)p * rc->nres + k])
			continue;
		if (first == UINT32_MAX)
			first = k;
		bt_buf_printf(out, "team r%u \"R%u\" capacity %d\n", k + 1, k + 1, (int)rc->cap[k]);
	}
	if (first == UINT32_MAX) {
		/* A project that uses no resource still needs a team for its
		 * tasks: one of capacity 1 that nobody waits for (needs 0). */
		bt_buf_puts(out, "team r0 \"No resource\" capacity 1\n");
	}
	/* Demands are in activity order; find project p's first. */
	uint32_t b = rc->proj_off[p], e = rc->proj_off[p + 1], d = 0;
	/* Predecessors by activity (CSR over the project's activities). */
	uint32_t *poff = bt_calloc((size_t)(e - b) + 2, sizeof *poff);
	uint32_t *pred = bt_malloc(((size_t)rc->nprec + 1) * sizeof *pred);
	if (!poff || !pred) {
		bt_free(poff);
		bt_free(pred);
		out->oom = 1;
		return;
	}
	for (uint32_t i = 0; i < rc->nprec; i++)
		if (rc->prec[i].to >= b && rc->prec[i].to < e)
			poff[rc->prec[i].to - b + 1]++;
	for (uint32_t j = 0; j < e - b; j++)
		poff[j + 1] += poff[j];
	for (uint32_t i = 0; i < rc->nprec; i++)
		if (rc->prec[i].to >= b && rc->prec[i].to < e)
			pred[poff[rc->prec[i].to - b]++] = rc->prec[i].from;
	for (uint32_t j = e - b; j > 0; j--)
		poff[j] = poff[j - 1];
	poff[0] = 0;
	while (d < rc->ndemand && rc->demand[d].act < b)
		d++;
	for (uint32_t j = b; j < e; j++) {
		bt_buf_printf(out, "task a%u \"Activity %u\"\n", j - b + 1, j - b + 1);
		uint32_t d0 = d;
		while (d < rc->ndemand && rc->demand[d].act == j)
			d++;
		if (d > d0)
			bt_buf_printf(out, "  team r%u  estimate %dd  needs", rc->demand[d0].res + 1,
				      (int)rc->dur[j]);
		else if (first != UINT32_MAX)
			bt_buf_printf(out, "  team r%u  estimate %dd  needs 0", first + 1, (int)rc->dur[j]);
		else
			bt_buf_printf(out, "  team r0  estimate %dd  needs 0", (int)rc->dur[j]);
		for (uint32_t x = d0; x < d; x++)
			bt_buf_printf(out, " r%u:%d", rc->demand[x].res + 1, (int)rc->demand[x].amount);
		bt_buf_putc(out, '\n');
		for (uint32_t x = poff[j - b]; x < poff[j - b + 1]; x++)
			bt_buf_printf(out, "%sa%u", x > poff[j - b] ? ", " : "  after ", pred[x] - b + 1);
		if (poff[j - b + 1] > poff[j - b])
			bt_buf_putc(out, '\n');
	}
	bt_free(poff);
	bt_free(pred);
}
