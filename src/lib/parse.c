/*
 * parse.c: the parser of the plan language, text to model.
 *
 * A declaration starts at column 0; indented lines continue it. The parser
 * gathers one declaration's tokens (lines joined by NEWLINE tokens) and then
 * reads it with one function per declaration kind. On an error it reports,
 * skips to the end of the offending line and goes on, so one run reports
 * every error. The grammar, production by production, is in the comments
 * above each function and in docs/plan-language.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lex.h"
#include "model.h"

typedef struct parser {
	bt_plan *p;
	bt_diags *d;
	bt_line line;
	BT_VEC(bt_tok) toks;   /* the current declaration */
	uint32_t i;            /* cursor into toks */
	int oom;
} parser;

/*============================ Token cursor ========================*/

static bt_tok *peek(parser *ps)
{
	return ps->i < ps->toks.n ? &ps->toks.v[ps->i] : NULL;
}

static int at_line_end(parser *ps)
{
	bt_tok *t = peek(ps);
	return !t || t->kind == BT_TOK_NEWLINE;
}

static const char *tok_text(parser *ps, const bt_tok *t, int *len)
{
	*len = (int)(t->end - t->start);
	return ps->p->src.text + t->start;
}

static int tok_is(parser *ps, const bt_tok *t, const char *word)
{
	size_t n = strlen(word);
	return t && t->kind == BT_TOK_WORD && t->end - t->start == n &&
	       memcmp(ps->p->src.text + t->start, word, n) == 0;
}

/* Where "found the end of the line" points: just after the last token. */
static void where(parser *ps, uint32_t *s, uint32_t *e)
{
	bt_tok *t = peek(ps);
	if (t && t->kind != BT_TOK_NEWLINE) {
		*s = t->start;
		*e = t->end;
		return;
	}
	uint32_t at = ps->i ? ps->toks.v[ps->i - 1].end : 0;
	*s = at;
	*e = at + 1;
}

static void found(parser *ps, char *out, size_t n)
{
	bt_tok *t = peek(ps);
	if (!t || t->kind == BT_TOK_NEWLINE) {
		snprintf(out, n, "the end of the line");
	} else {
		int len;
		const char *s = tok_text(ps, t, &len);
		snprintf(out, n, "'%.*s'", len > 40 ? 40 : len, s);
	}
}

/* Report "expected X after 'kw', found Y" at the current token. */
static void expected(parser *ps, const char *what, const char *after)
{
	char f[64];
	uint32_t s, e;
	bt_tok *t = peek(ps);
	if (t && t->kind == BT_TOK_BAD) /* already reported by the lexer */
		return;
	found(ps, f, sizeof f);
	where(ps, &s, &e);
	if (after)
		bt_diag_add(ps->d, BT_ERROR, s, e, "expected %s after '%s', found %s",
			    what, after, f);
	else
		bt_diag_add(ps->d, BT_ERROR, s, e, "expected %s, found %s", what, f);
}

static void skip_line(parser *ps)
{
	while (ps->i < ps->toks.n && ps->toks.v[ps->i].kind != BT_TOK_NEWLINE)
		ps->i++;
}

static bt_tok *take(parser *ps, enum bt_tok_kind k, const char *what, const char *after)
{
	bt_tok *t = peek(ps);
	if (t && t->kind == k) {
		ps->i++;
		return t;
	}
	expected(ps, what, after);
	return NULL;
}

static const char *intern_tok(parser *ps, const bt_tok *t)
{
	const char *s = bt_intern(ps->p, ps->p->src.text + t->start, t->end - t->start);
	if (!s)
		ps->oom = 1;
	return s;
}

/* The value of a string token, unescaped, in the arena. */
static const char *string_value(parser *ps, const bt_tok *t)
{
	const char *s = ps->p->src.text + t->start + 1;
	uint32_t n = t->end - t->start - 2;
	char *out = bt_arena_alloc(&ps->p->arena, n + 1);
	if (!out) {
		ps->oom = 1;
		return "";
	}
	uint32_t k = 0;
	for (uint32_t j = 0; j < n; j++) {
		if (s[j] == '\\' && j + 1 < n)
			j++;
		out[k++] = s[j];
	}
	out[k] = 0;
	return out;
}

static void make_ref(parser *ps, bt_ref *r, const bt_tok *t)
{
	r->name = intern_tok(ps, t);
	r->start = t->start;
	r->end = t->end;
	r->idx = BT_NONE;
	r->kind = BT_K_NONE;
}

/*=========================== Attribute tables =====================*/

/* One attribute of one kind of declaration: its keyword and its reader.
 * A reader returns 0, or -1 after reporting (the caller skips the line). */
typedef int (*attr_fn)(parser *ps, void *ent, const char *kw);
typedef struct attr {
	const char *kw;
	attr_fn fn;
	int repeat; /* may appear more than once */
} attr;

/* "did you mean" over a list of keywords. */
static const char *closest_kw(const char *s, int n, const attr *tab, size_t ntab)
{
	const char *best = NULL;
	int bd = n <= 3 ? 1 : 2;
	for (size_t i = 0; i < ntab; i++) {
		int dd = bt_edit_distance(s, (size_t)n, tab[i].kw, strlen(tab[i].kw), bd);
		if (dd <= bd && (!best || dd < bd)) {
			best = tab[i].kw;
			bd = dd;
		}
	}
	return best;
}

static void list_kws(char *out, size_t n, const attr *tab, size_t ntab)
{
	size_t k = 0;
	out[0] = 0;
	for (size_t i = 0; i < ntab && k < n; i++) {
		int w = snprintf(out + k, n - k, "%s%s", i ? (i + 1 == ntab ? " or " : ", ") : "",
				 tab[i].kw);
		if (w < 0)
			break;
		k += (size_t)w;
	}
}

/* Hints for an unknown attribute that is a known mistake: a link type in
 * capitals ("after a SS+3d"), or another tool's word for a dependency. */
static void attr_hint(parser *ps, const char *s, int len, const attr *tab, size_t ntab)
{
	static const char *const links[] = {"fs", "ss", "ff", "sf"};
	static const char *const deps[] = {"depends-on", "depends", "depends_on", "dependson", "requires",
					   "blocked-by", "blocked_by", "predecessors", "predecessor", "deps",
					   "dependencies", "waits-for", "needs-before"};
	int has_after = 0;
	for (size_t k = 0; k < ntab; k++)
		has_after |= !strcmp(tab[k].kw, "after");
	if (!has_after)
		return;
	if (len == 2)
		for (size_t k = 0; k < 4; k++)
			if (strncasecmp(s, links[k], 2) == 0) {
				/* Name the task the link type follows when it is there. */
				int plen = 2;
				const char *prev = "ID";
				if (ps->i > 0 && ps->toks.v[ps->i - 1].kind == BT_TOK_WORD)
					prev = tok_text(ps, &ps->toks.v[ps->i - 1], &plen);
				bt_diag_help(ps->d, "link types are lower case, with the lag as its own word: 'after %.*s %s +3d'",
					     plen, prev, links[k]);
				return;
			}
	for (size_t k = 0; k < sizeof deps / sizeof *deps; k++)
		if (strlen(deps[k]) == (size_t)len && strncasecmp(s, deps[k], (size_t)len) == 0) {
			bt_diag_help(ps->d, "did you mean 'after'? A task lists the work it waits for as 'after ID, ID'");
			return;
		}
}

/* attrs = { NEWLINE | attribute } */
static void parse_attrs(parser *ps, void *ent, const char *what, const attr *tab,
			size_t ntab)
{
	uint32_t seen = 0;
	uint32_t seen_at[32];
	while (ps->i < ps->toks.n) {
		bt_tok *t = peek(ps);
		if (t->kind == BT_TOK_NEWLINE) {
			ps->i++;
			continue;
		}
		if (t->kind == BT_TOK_BAD) {
			skip_line(ps);
			continue;
		}
		int len;
		const char *s = tok_text(ps, t, &len);
		size_t k;
		for (k = 0; k < ntab; k++)
			if (strlen(tab[k].kw) == (size_t)len && memcmp(tab[k].kw, s, (size_t)len) == 0)
				break;
		if (t->kind != BT_TOK_WORD || k == ntab) {
			char kws[256];
			list_kws(kws, sizeof kws, tab, ntab);
			if (t->kind == BT_TOK_WORD)
				bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
					    "unknown attribute '%.*s' of a %s: expected %s",
					    len, s, what, kws);
			else
				expected(ps, "an attribute name", NULL);
			const char *c = t->kind == BT_TOK_WORD ? closest_kw(s, len, tab, ntab) : NULL;
			if (c)
				bt_diag_help(ps->d, "did you mean '%s'?", c);
			else if (t->kind == BT_TOK_WORD)
				attr_hint(ps, s, len, tab, ntab);
			skip_line(ps);
			continue;
		}
		ps->i++;
		if (!tab[k].repeat && k < 32 && (seen & (1u << k))) {
			int l0, c0;
			bt_source_locate(&ps->p->src, seen_at[k], &l0, &c0);
			bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
				    "'%s' given twice for this %s (first on line %d)",
				    tab[k].kw, what, l0);
			skip_line(ps);
			continue;
		}
		if (k < 32) {
			seen |= 1u << k;
			seen_at[k] = t->start;
		}
		if (tab[k].fn(ps, ent, tab[k].kw) != 0)
			skip_line(ps);
		else if (!at_line_end(ps) && peek(ps)->kind != BT_TOK_WORD) {
			int comma = peek(ps)->kind == BT_TOK_COMMA;
			expected(ps, "another attribute or the end of the line", NULL);
			if (comma && !strcmp(tab[k].kw, "needs"))
				bt_diag_help(ps->d, "team:count pairs are separated by spaces, not commas: 'needs a:1 b:2'");
			skip_line(ps);
		}
	}
}

/*============================ Shared readers ======================*/

static int read_date(parser *ps, bt_date *out, uint32_t *at, uint32_t *end,
		     const char *kw)
{
	bt_tok *t = take(ps, BT_TOK_DATE, "a date (YYYY-MM-DD)", kw);
	if (!t)
		return -1;
	*out = (bt_date)t->ival;
	if (at)
		*at = t->start;
	if (end)
		*end = t->end;
	return 0;
}

static int read_string(parser *ps, const char **out, const char *kw)
{
	bt_tok *t = take(ps, BT_TOK_STRING, "a quoted string", kw);
	if (!t)
		return -1;
	*out = string_value(ps, t);
	return 0;
}

/* estimate = DUR [DUR DUR] */
static int read_estimate(parser *ps, bt_estimate *e, const char *kw)
{
	int32_t v[4];
	int n = 0;
	bt_tok *first = peek(ps);
	while (n < 4 && peek(ps) && peek(ps)->kind == BT_TOK_DUR) {
		v[n++] = (int32_t)peek(ps)->ival;
		ps->i++;
	}
	if (n == 0) {
		expected(ps, "a duration like 5d or 2w", kw);
		return -1;
	}
	e->start = first->start;
	e->end = ps->toks.v[ps->i - 1].end;
	if (n == 2 || n == 4) {
		bt_diag_add(ps->d, BT_ERROR, e->start, e->end,
			    "'%s' takes 1 duration or 3 (optimistic likely pessimistic), found %d",
			    kw, n);
		return -1;
	}
	e->points = (uint8_t)n;
	e->o = v[0];
	e->m = n == 3 ? v[1] : v[0];
	e->p = n == 3 ? v[2] : v[0];
	if (!(e->o <= e->m && e->m <= e->p)) {
		bt_diag_add(ps->d, BT_ERROR, e->start, e->end,
			    "three-point estimate must be ordered optimistic <= likely <= pessimistic");
		return -1;
	}
	return 0;
}

/* id-list = ID { "," ID }   (a trailing comma continues on the next line) */
static int read_id_list(parser *ps, uint32_t *first, uint32_t *count, const char *kw)
{
	*first = ps->p->refs.n;
	*count = 0;
	for (;;) {
		bt_tok *t = take(ps, BT_TOK_WORD, "a name", kw);
		if (!t)
			return -1;
		bt_ref *r = BT_VEC_PUSH(ps->p->refs);
		if (!r) {
			ps->oom = 1;
			return -1;
		}
		make_ref(ps, r, t);
		(*count)++;
		if (!peek(ps) || peek(ps)->kind != BT_TOK_COMMA)
			return 0;
		ps->i++;
		if (peek(ps) && peek(ps)->kind == BT_TOK_NEWLINE)
			ps->i++;
	}
}

/* dep = ID [ "fs" | "ss" | "ff" | "sf" ] [ LAG ]
 * deps = dep { "," dep } */
static int read_deps(parser *ps, uint32_t *first, uint32_t *count, const char *kw)
{
	static const char *types[] = {"fs", "ss", "ff", "sf"};
	if (*count == 0)
		*first = ps->p->deps.n;
	else if (*first + *count != ps->p->deps.n) {
		/* keep a declaration's deps contiguous */
		bt_tok *t = peek(ps);
		uint32_t s = t ? t->start : 0;
		bt_diag_add(ps->d, BT_ERROR, s, s + 1, "internal: dependency lists out of order");
		return -1;
	}
	for (;;) {
		bt_tok *t = take(ps, BT_TOK_WORD, "the name of a task or milestone", kw);
		if (!t)
			return -1;
		bt_dep *dep = BT_VEC_PUSH(ps->p->deps);
		if (!dep) {
			ps->oom = 1;
			return -1;
		}
		make_ref(ps, &dep->to, t);
		dep->type = BT_FS;
		dep->start = t->start;
		dep->end = t->end;
		(*count)++;
		bt_tok *n = peek(ps);
		for (int k = 0; n && k < 4; k++) {
			if (tok_is(ps, n, types[k])) {
				dep->type = (uint8_t)k;
				dep->end = n->end;
				ps->i++;
				n = peek(ps);
				break;
			}
		}
		if (n && n->kind == BT_TOK_LAG) {
			dep->lag = (int32_t)n->ival;
			dep->end = n->end;
			ps->i++;
			n = peek(ps);
		} else if (n && (n->kind == BT_TOK_DUR || n->kind == BT_TOK_NUM)) {
			int len;
			const char *s = tok_text(ps, n, &len);
			bt_diag_add(ps->d, BT_ERROR, n->start, n->end,
				    "a lag needs a sign: write +%.*s for a delay or -%.*s for a lead",
				    len, s, len, s);
			return -1;
		}
		if (!n || n->kind != BT_TOK_COMMA)
			return 0;
		ps->i++;
		if (peek(ps) && peek(ps)->kind == BT_TOK_NEWLINE)
			ps->i++;
	}
}

/* holiday = "holiday" DATE [ ".." DATE ] [ STRING ] */
static int read_holiday(parser *ps, uint32_t *first, uint32_t *count, const char *kw)
{
	bt_range r = {0};
	uint32_t at, end;
	if (read_date(ps, &r.from, &at, &end, kw))
		return -1;
	r.to = r.from;
	r.start = at;
	r.end = end;
	if (peek(ps) && peek(ps)->kind == BT_TOK_DOTDOT) {
		ps->i++;
		if (read_date(ps, &r.to, NULL, &r.end, ".."))
			return -1;
		if (r.to < r.from) {
			bt_diag_add(ps->d, BT_ERROR, r.start, r.end,
				    "date range ends before it starts");
			return -1;
		}
		/* Longer breaks are a capacity change, not a holiday; the
		 * bound also keeps calendars small on hostile input. */
		if (r.to - r.from >= 366) {
			bt_diag_add(ps->d, BT_ERROR, r.start, r.end,
				    "holiday range spans %d days: at most 366; for a longer absence use 'capacity N from DATE to DATE'",
				    r.to - r.from + 1);
			return -1;
		}
	}
	if (peek(ps) && peek(ps)->kind == BT_TOK_STRING)
		r.name = string_value(ps, &ps->toks.v[ps->i++]);
	if (*count == 0)
		*first = ps->p->ranges.n;
	bt_range *slot = BT_VEC_PUSH(ps->p->ranges);
	if (!slot) {
		ps->oom = 1;
		return -1;
	}
	*slot = r;
	(*count)++;
	return 0;
}

/* commit = "commit" DATE [ "since" DATE ] [ "by" ID ] [ STRING ]
 * The first commitment is the baseline (no since); each later one is a
 * change in force from its `since` day, after the previous change's. */
static int read_commit(parser *ps, bt_date *commit0, uint32_t *at, uint32_t *end, uint32_t *cc0,
		       uint32_t *ncc, const char *kw)
{
	bt_date d;
	uint32_t d_at, d_end;
	if (read_date(ps, &d, &d_at, &d_end, kw))
		return -1;
	bt_commit_change c = {.date = d, .since = BT_DATE_NONE, .start = d_at, .end = d_end};
	c.by.idx = BT_NONE;
	/* The baseline is kept even when the rest of its line is wrong, so
	 * the changes below it are not taken for baselines too. */
	int first = !*at;
	if (first) {
		*commit0 = d;
		*at = d_at;
		if (end)
			*end = d_end;
	}
	bt_tok *t = peek(ps);
	bt_tok *since_kw = NULL, *extra = NULL;
	if (tok_is(ps, t, "since")) {
		since_kw = t;
		ps->i++;
		if (read_date(ps, &c.since, &c.since_at, &c.since_end, "since"))
			return -1;
	}
	if (tok_is(ps, peek(ps), "by")) {
		extra = peek(ps);
		ps->i++;
		bt_tok *id = take(ps, BT_TOK_WORD, "the id of the decision that moved the commitment", "by");
		if (!id)
			return -1;
		make_ref(ps, &c.by, id);
	}
	if (peek(ps) && peek(ps)->kind == BT_TOK_STRING) {
		extra = extra ? extra : peek(ps);
		c.reason = string_value(ps, &ps->toks.v[ps->i++]);
	}
	if (first) {
		bt_tok *bad = since_kw ? since_kw : extra;
		if (bad) {
			bt_diag_add(ps->d, BT_ERROR, bad->start, bad->end,
				    "the first commitment is the baseline: it takes no '%s'",
				    bad == since_kw ? "since" : bad->kind == BT_TOK_STRING ? "reason" : "by");
			bt_diag_help(ps->d, "write the baseline as 'commit DATE', then each change on a line of its own: "
					    "'commit DATE since DATE by DECISION \"reason\"'");
			return -1;
		}
		return 0;
	}
	if (!since_kw) {
		int l0, c0;
		bt_source_locate(&ps->p->src, *at, &l0, &c0);
		bt_diag_add(ps->d, BT_ERROR, d_at, d_end,
			    "a second commitment needs the day it took effect: expected 'since DATE' after '%s DATE' (the baseline is on line %d)",
			    kw, l0);
		bt_diag_help(ps->d, "write 'commit DATE since DATE by DECISION \"reason\"', the day the commitment moved after 'since'");
		return -1;
	}
	if (*ncc) {
		const bt_commit_change *prev = &ps->p->commit_changes.v[*cc0 + *ncc - 1];
		if (c.since <= prev->since) {
			char a[11], b[11];
			int l0, c0;
			bt_date_format(c.since, a);
			bt_date_format(prev->since, b);
			bt_source_locate(&ps->p->src, prev->since_at, &l0, &c0);
			bt_diag_add(ps->d, BT_ERROR, c.since_at, c.since_end,
				    "commitment changes must be in date order: since %s is not after since %s (line %d)",
				    a, b, l0);
			bt_diag_help(ps->d, "list the changes oldest first, each with a later 'since' day");
			return -1;
		}
	}
	if (*ncc == 0)
		*cc0 = ps->p->commit_changes.n;
	else if (*cc0 + *ncc != ps->p->commit_changes.n) {
		/* Another declaration's changes came in between: cannot happen
		 * while declarations are read one at a time. */
		bt_diag_add(ps->d, BT_ERROR, d_at, d_end, "internal: commitment changes out of order");
		return -1;
	}
	bt_commit_change *slot = BT_VEC_PUSH(ps->p->commit_changes);
	if (!slot) {
		ps->oom = 1;
		return -1;
	}
	*slot = c;
	(*ncc)++;
	return 0;
}

/*============================== program ===========================*/

static int prog_start(parser *ps, void *e, const char *kw)
{
	bt_program *g = e;
	return read_date(ps, &g->start_date, &g->start_at, NULL, kw);
}

static int prog_commit(parser *ps, void *e, const char *kw)
{
	bt_program *g = e;
	int rc = read_commit(ps, &g->commit0, &g->commit_at, NULL, &g->cc0, &g->ncc, kw);
	g->commit = g->commit0;
	return rc;
}

/* workweek = "workweek" DAY { DAY }   DAY = mon | tue | ... | sun */
static int prog_workweek(parser *ps, void *e, const char *kw)
{
	static const char *days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	bt_program *g = e;
	uint8_t w = 0;
	int n = 0;
	for (;;) {
		bt_tok *t = peek(ps);
		int k = 7;
		if (t && t->kind == BT_TOK_WORD)
			for (k = 0; k < 7 && !tok_is(ps, t, days[k]); k++)
				;
		if (k == 7)
			break;
		w |= (uint8_t)(1u << k);
		n++;
		ps->i++;
	}
	if (!n) {
		expected(ps, "day names (mon tue wed thu fri sat sun)", kw);
		return -1;
	}
	g->week = w;
	return 0;
}

static int prog_holiday(parser *ps, void *e, const char *kw)
{
	bt_program *g = e;
	return read_holiday(ps, &g->hol0, &g->nhol, kw);
}

static int prog_level(parser *ps, void *e, const char *kw)
{
	bt_program *g = e;
	(void)kw;
	g->level = 1;
	if (tok_is(ps, peek(ps), "off")) {
		g->level = 0;
		ps->i++;
	} else if (tok_is(ps, peek(ps), "on")) {
		ps->i++;
	}
	return 0;
}

/* rag = "rag" { "green" PCT | "amber" PCT | "margin" DUR }   (at least one) */
static int prog_rag(parser *ps, void *e, const char *kw)
{
	bt_program *g = e;
	int n = 0;
	for (;;) {
		bt_tok *t = peek(ps);
		int which = tok_is(ps, t, "green") ? 1 : tok_is(ps, t, "amber") ? 2
			    : tok_is(ps, t, "margin") ? 4 : 0;
		if (!which)
			break;
		ps->i++;
		if (g->rag_set & which) {
			bt_diag_add(ps->d, BT_ERROR, t->start, t->end, "'%s' given twice in 'rag'",
				    which == 1 ? "green" : which == 2 ? "amber" : "margin");
			return -1;
		}
		if (which == 4) {
			bt_tok *d = take(ps, BT_TOK_DUR, "a duration like 5d", "margin");
			if (!d)
				return -1;
			g->rag_margin = (int32_t)d->ival;
		} else {
			bt_tok *v = take(ps, BT_TOK_PCT, "a percentage like 80%",
					 which == 1 ? "green" : "amber");
			if (!v)
				return -1;
			if (v->fval > 100.0) {
				bt_diag_add(ps->d, BT_ERROR, v->start, v->end,
					    "threshold %g%% is outside 0%%..100%%", v->fval);
				return -1;
			}
			if (which == 1)
				g->rag_green = v->fval / 100.0;
			else
				g->rag_amber = v->fval / 100.0;
		}
		g->rag_set |= (uint8_t)which;
		n++;
	}
	if (!n) {
		expected(ps, "green PCT, amber PCT or margin DUR", kw);
		return -1;
	}
	if ((g->rag_set & 3) == 3 && g->rag_amber > g->rag_green) {
		bt_tok *t = &ps->toks.v[ps->i - 1];
		bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
			    "'rag': amber (%g%%) must not be above green (%g%%)",
			    g->rag_amber * 100.0, g->rag_green * 100.0);
		return -1;
	}
	return 0;
}

static const attr program_attrs[] = {
	{"start", prog_start, 0},     {"commit", prog_commit, 1},
	{"workweek", prog_workweek, 0}, {"holiday", prog_holiday, 1},
	{"level", prog_level, 0},     {"rag", prog_rag, 0},
};

/*================================ team ============================*/

/* People come in tenths (a half-time member is 0.5): the model keeps
 * capacities and needs in tenths of a person, so levelling stays exact
 * integer arithmetic. */
static int people(parser *ps, const bt_tok *n, int32_t *out)
{
	if (n->tenths < 0) {
		bt_diag_add(ps->d, BT_ERROR, n->start, n->end,
			    "people are counted to a tenth: write 1.5 or 0.3, not more decimals");
		bt_diag_help(ps->d, "a quarter-time member is 0.2 or 0.3");
		return -1;
	}
	*out = (int32_t)n->tenths;
	return 0;
}

static int whole(parser *ps, const bt_tok *n, const char *what)
{
	if (!n->frac)
		return 0;
	bt_diag_add(ps->d, BT_ERROR, n->start, n->end, "%s is a whole number", what);
	bt_diag_help(ps->d, "write %lld or %lld", (long long)n->ival, (long long)n->ival + 1);
	return -1;
}

/* capacity = "capacity" NUM [ "from" DATE [ "to" DATE ] ] */
static int team_capacity(parser *ps, void *e, const char *kw)
{
	bt_team *t = e;
	bt_tok *n = take(ps, BT_TOK_NUM, "a number of people", kw);
	int32_t cap;
	if (!n || people(ps, n, &cap))
		return -1;
	if (!tok_is(ps, peek(ps), "from")) {
		if (t->capacity >= 0) {
			int l0, c0;
			bt_source_locate(&ps->p->src, t->cap_at, &l0, &c0);
			bt_diag_add(ps->d, BT_ERROR, n->start, n->end,
				    "capacity given twice for team '%s' (first on line %d); a change needs 'from DATE'",
				    t->id ? t->id : "?", l0);
			return -1;
		}
		t->capacity = cap;
		t->cap_at = n->start;
		return 0;
	}
	ps->i++;
	bt_capchange c = {cap, 0, BT_DATE_NONE, n->start, n->end};
	if (read_date(ps, &c.from, NULL, &c.end, "from"))
		return -1;
	if (tok_is(ps, peek(ps), "to")) {
		ps->i++;
		if (read_date(ps, &c.to, NULL, &c.end, "to"))
			return -1;
		if (c.to < c.from) {
			bt_diag_add(ps->d, BT_ERROR, c.start, c.end,
				    "capacity change ends before it starts");
			return -1;
		}
	}
	if (t->ncc == 0)
		t->cc0 = ps->p->capchanges.n;
	bt_capchange *slot = BT_VEC_PUSH(ps->p->capchanges);
	if (!slot) {
		ps->oom = 1;
		return -1;
	}
	*slot = c;
	t->ncc++;
	return 0;
}

static int team_lead(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_team *)e)->lead, kw);
}

static int team_holiday(parser *ps, void *e, const char *kw)
{
	bt_team *t = e;
	return read_holiday(ps, &t->hol0, &t->nhol, kw);
}

/* programs = "programs" NUM   (the programs the team serves, this one included) */
static int team_programs(parser *ps, void *e, const char *kw)
{
	bt_team *t = e;
	bt_tok *n = take(ps, BT_TOK_NUM, "a number of programs", kw);
	if (!n || whole(ps, n, "a number of programs"))
		return -1;
	if (n->ival < 1) {
		bt_diag_add(ps->d, BT_ERROR, n->start, n->end,
			    "'programs' counts this program too, so it is at least 1");
		return -1;
	}
	t->programs = (int32_t)n->ival;
	return 0;
}

/* fixed = "fixed"   (no one can be added: recover does not propose it) */
static int team_fixed(parser *ps, void *e, const char *kw)
{
	(void)ps;
	(void)kw;
	((bt_team *)e)->fixed = 1;
	return 0;
}

static const attr team_attrs[] = {
	{"capacity", team_capacity, 1},
	{"lead", team_lead, 0},
	{"holiday", team_holiday, 1},
	{"programs", team_programs, 0},
	{"fixed", team_fixed, 0},
};

/*================================ task ============================*/

static int task_team(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	bt_tok *n = take(ps, BT_TOK_WORD, "a team name", kw);
	if (!n)
		return -1;
	make_ref(ps, &t->team, n);
	return 0;
}

static int task_estimate(parser *ps, void *e, const char *kw)
{
	return read_estimate(ps, &((bt_task *)e)->est, kw);
}

/* needs = "needs" NUM | "needs" TEAM ":" NUM { TEAM ":" NUM } */
static int task_needs(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	t->need0 = ps->p->needs.n;
	bt_tok *n = peek(ps);
	if (n && n->kind == BT_TOK_NUM) {
		ps->i++;
		int32_t cnt;
		if (people(ps, n, &cnt))
			return -1;
		bt_need *nd = BT_VEC_PUSH(ps->p->needs);
		if (!nd) {
			ps->oom = 1;
			return -1;
		}
		nd->count = cnt;
		nd->team.start = n->start;
		nd->team.end = n->end;
		nd->team.idx = BT_NONE;
		t->nneed = 1;
		return 0;
	}
	while (n && n->kind == BT_TOK_WORD && ps->i + 1 < ps->toks.n &&
	       ps->toks.v[ps->i + 1].kind == BT_TOK_COLON) {
		ps->i += 2;
		bt_tok *c = take(ps, BT_TOK_NUM, "a number of people", ":");
		int32_t cnt;
		if (!c || people(ps, c, &cnt))
			return -1;
		bt_need *nd = BT_VEC_PUSH(ps->p->needs);
		if (!nd) {
			ps->oom = 1;
			return -1;
		}
		make_ref(ps, &nd->team, n);
		nd->count = cnt;
		t->nneed++;
		n = peek(ps);
	}
	if (!t->nneed) {
		expected(ps, "a number of people or team:count pairs", kw);
		return -1;
	}
	return 0;
}

static int task_after(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	return read_deps(ps, &t->dep0, &t->ndep, kw);
}

static int task_not_before(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	return read_date(ps, &t->not_before, &t->nb_at, &t->nb_end, kw);
}

static int task_deadline(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	return read_date(ps, &t->deadline, &t->dl_at, &t->dl_end, kw);
}

static int task_workstream(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	bt_tok *n = peek(ps);
	if (n && n->kind == BT_TOK_WORD) {
		t->workstream = intern_tok(ps, n);
		ps->i++;
		return 0;
	}
	if (n && n->kind == BT_TOK_STRING) {
		t->workstream = string_value(ps, n);
		ps->i++;
		return 0;
	}
	expected(ps, "a workstream name", kw);
	return -1;
}

static int task_owner(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_task *)e)->owner, kw);
}

/* The id the task has in the tool it was imported from (a Jira key), so a
 * later sync finds it whatever the plan calls it. */
static int task_source(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_task *)e)->source, kw);
}

/* optional = "optional"   (the work may be descoped: baton recover) */
static int task_optional(parser *ps, void *e, const char *kw)
{
	(void)ps;
	(void)kw;
	((bt_task *)e)->optional = 1;
	return 0;
}

/* fast-track = "fast-track" ID [LAG]   (the FS link from ID may become SS
 * with LAG: work overlaps, at the risk of rework) */
static int task_fast_track(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	bt_tok *n = take(ps, BT_TOK_WORD, "the predecessor whose work this one may overlap", kw);
	if (!n)
		return -1;
	make_ref(ps, &t->fast_track, n);
	t->ft_lag = 0;
	bt_tok *l = peek(ps);
	if (l && l->kind == BT_TOK_LAG) {
		ps->i++;
		if (l->ival < 0) {
			bt_diag_add(ps->d, BT_ERROR, l->start, l->end,
				    "a fast-track lag is the work of '%s' done before this task starts: not negative",
				    t->fast_track.name);
			return -1;
		}
		t->ft_lag = (int32_t)l->ival;
	}
	return 0;
}

/* crash = "crash" NUM [PCT]   (the most people of its team the task can
 * take; its work is resource-driven, as TaskJuggler's effort-based tasks
 * and P6's resource-dependent durations: people x days stays the same,
 * each person beyond the plan's working at PCT, 100% unless given) */
static int task_crash(parser *ps, void *e, const char *kw)
{
	bt_task *t = e;
	bt_tok *n = take(ps, BT_TOK_NUM, "the most people the task can take, like 3", kw);
	if (!n || people(ps, n, &t->crash))
		return -1;
	t->crash_at = n->start;
	t->crash_end = n->end;
	t->crash_eff = 1.0;
	bt_tok *v = peek(ps);
	if (v && v->kind == BT_TOK_PCT) {
		ps->i++;
		if (v->fval <= 0.0 || v->fval > 100.0) {
			bt_diag_add(ps->d, BT_ERROR, v->start, v->end,
				    "the added people's efficiency %g%% is outside 1%%..100%%", v->fval);
			bt_diag_help(ps->d, "80%% means each added person does 80%% of what the task's own people do");
			return -1;
		}
		t->crash_eff = v->fval / 100.0;
	}
	return 0;
}

static const attr task_attrs[] = {
	{"team", task_team, 0},         {"estimate", task_estimate, 0},
	{"needs", task_needs, 0},       {"after", task_after, 1},
	{"not-before", task_not_before, 0}, {"deadline", task_deadline, 0},
	{"workstream", task_workstream, 0}, {"owner", task_owner, 0},
	{"source", task_source, 0},     {"optional", task_optional, 0},
	{"fast-track", task_fast_track, 0}, {"crash", task_crash, 0},
};

/*============================= milestone ==========================*/

static int ms_commit(parser *ps, void *e, const char *kw)
{
	bt_milestone *m = e;
	int rc = read_commit(ps, &m->commit0, &m->commit_at, &m->commit_end, &m->cc0, &m->ncc, kw);
	m->commit = m->commit0;
	return rc;
}

static int ms_after(parser *ps, void *e, const char *kw)
{
	bt_milestone *m = e;
	return read_deps(ps, &m->dep0, &m->ndep, kw);
}

static int ms_owner(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_milestone *)e)->owner, kw);
}

static int ms_source(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_milestone *)e)->source, kw);
}

static const attr milestone_attrs[] = {
	{"commit", ms_commit, 1},
	{"source", ms_source, 0},
	{"after", ms_after, 1},
	{"owner", ms_owner, 0},
};

/*================================ risk ============================*/

static int risk_probability(parser *ps, void *e, const char *kw)
{
	bt_risk *r = e;
	bt_tok *t = peek(ps);
	if (t && t->kind == BT_TOK_NUM) {
		int len;
		const char *txt = tok_text(ps, t, &len);
		double x = strtod(txt, NULL);
		bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
			    "probability must be a percentage like 30%%");
		if (x > 0 && x < 1)
			bt_diag_help(ps->d, "write %g%%", x * 100);
		else
			bt_diag_help(ps->d, "write %.*s%%", len, txt);
		return -1;
	}
	t = take(ps, BT_TOK_PCT, "a percentage like 30%", kw);
	if (!t)
		return -1;
	r->prob_at = t->start;
	r->prob_end = t->end;
	if (t->fval > 100.0) {
		bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
			    "probability %g%% is outside 0%%..100%%", t->fval);
		return -1;
	}
	r->probability = t->fval / 100.0;
	return 0;
}

/* impact = DUR | DUR ".." DUR | DUR DUR DUR */
static int risk_impact(parser *ps, void *e, const char *kw)
{
	bt_risk *r = e;
	bt_tok *a = take(ps, BT_TOK_DUR, "a duration like 10d", kw);
	if (!a)
		return -1;
	r->impact_lo = r->impact_mode = r->impact_hi = (int32_t)a->ival;
	r->impact_points = 1;
	bt_tok *n = peek(ps);
	if (n && n->kind == BT_TOK_DOTDOT) {
		ps->i++;
		bt_tok *b = take(ps, BT_TOK_DUR, "a duration", "..");
		if (!b)
			return -1;
		if (b->ival < a->ival) {
			bt_diag_add(ps->d, BT_ERROR, a->start, b->end,
				    "impact range ends below where it starts");
			return -1;
		}
		r->impact_hi = (int32_t)b->ival;
		r->impact_mode = (r->impact_lo + r->impact_hi) / 2;
		r->impact_points = 2;
		return 0;
	}
	if (n && n->kind == BT_TOK_DUR) {
		bt_estimate est;
		ps->i--;
		if (read_estimate(ps, &est, kw))
			return -1;
		r->impact_lo = est.o;
		r->impact_mode = est.m;
		r->impact_hi = est.p;
		r->impact_points = 3;
	}
	return 0;
}

static int risk_on(parser *ps, void *e, const char *kw)
{
	bt_risk *r = e;
	return read_id_list(ps, &r->on0, &r->non, kw);
}

static int risk_owner(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_risk *)e)->owner, kw);
}

static int risk_review(parser *ps, void *e, const char *kw)
{
	return read_date(ps, &((bt_risk *)e)->review, NULL, NULL, kw);
}

static int risk_mitigation(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_risk *)e)->mitigation, kw);
}

static int read_state(parser *ps, const char *const *names, int n, const char *kw)
{
	bt_tok *t = peek(ps);
	for (int k = 0; t && k < n; k++)
		if (tok_is(ps, t, names[k])) {
			ps->i++;
			return k;
		}
	char what[128];
	size_t len = 0;
	for (int k = 0; k < n; k++)
		len += (size_t)snprintf(what + len, sizeof what - len, "%s%s",
					k ? (k + 1 == n ? " or " : ", ") : "", names[k]);
	expected(ps, what, kw);
	return -1;
}

static int risk_status(parser *ps, void *e, const char *kw)
{
	static const char *const names[] = {"open", "mitigating", "closed", "occurred", "absorbed"};
	int k = read_state(ps, names, 5, kw);
	if (k < 0)
		return -1;
	((bt_risk *)e)->state = (uint8_t)k;
	return 0;
}

/* mitigated = "mitigated" PCT   (the probability once its mitigation is done) */
static int risk_mitigated(parser *ps, void *e, const char *kw)
{
	bt_risk *r = e;
	bt_tok *v = take(ps, BT_TOK_PCT, "a percentage like 10%", kw);
	if (!v)
		return -1;
	if (v->fval > 100.0) {
		bt_diag_add(ps->d, BT_ERROR, v->start, v->end, "probability %g%% is outside 0%%..100%%", v->fval);
		return -1;
	}
	r->mitigated = v->fval / 100.0;
	r->mit_at = v->start;
	r->mit_end = v->end;
	return 0;
}

/* mitigation-cost = "mitigation-cost" DUR   (person-days the mitigation takes) */
static int risk_mitigation_cost(parser *ps, void *e, const char *kw)
{
	bt_tok *d = take(ps, BT_TOK_DUR, "a duration like 10d (person-days)", kw);
	if (!d)
		return -1;
	((bt_risk *)e)->mitigation_cost = (int32_t)d->ival;
	return 0;
}

static const attr risk_attrs[] = {
	{"probability", risk_probability, 0}, {"impact", risk_impact, 0},
	{"on", risk_on, 0},                   {"owner", risk_owner, 0},
	{"review", risk_review, 0},           {"mitigation", risk_mitigation, 0},
	{"status", risk_status, 0},           {"mitigated", risk_mitigated, 0},
	{"mitigation-cost", risk_mitigation_cost, 0},
};

/*============================== decision ==========================*/

static int dec_date(parser *ps, void *e, const char *kw)
{
	bt_decision *d = e;
	return read_date(ps, &d->date, &d->date_at, &d->date_end, kw);
}

static int dec_decided(parser *ps, void *e, const char *kw)
{
	bt_decision *d = e;
	return read_date(ps, &d->decided, &d->dec_at, &d->dec_end, kw);
}

static int dec_owner(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_decision *)e)->owner, kw);
}

static int dec_status(parser *ps, void *e, const char *kw)
{
	static const char *const names[] = {"proposed", "decided", "superseded"};
	int k = read_state(ps, names, 3, kw);
	if (k < 0)
		return -1;
	((bt_decision *)e)->state = (uint8_t)k;
	((bt_decision *)e)->has_state = 1;
	return 0;
}

static int dec_need_by(parser *ps, void *e, const char *kw)
{
	bt_decision *d = e;
	return read_date(ps, &d->need_by, &d->need_at, &d->need_end, kw);
}

static int dec_rationale(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_decision *)e)->rationale, kw);
}

static int dec_links(parser *ps, void *e, const char *kw)
{
	bt_decision *d = e;
	return read_id_list(ps, &d->link0, &d->nlink, kw);
}

static int dec_ask(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_decision *)e)->ask, kw);
}

static int dec_from(parser *ps, void *e, const char *kw)
{
	return read_string(ps, &((bt_decision *)e)->from, kw);
}

static const attr decision_attrs[] = {
	{"date", dec_date, 0},           {"owner", dec_owner, 0},
	{"status", dec_status, 0},       {"need-by", dec_need_by, 0},
	{"rationale", dec_rationale, 0}, {"links", dec_links, 0},
	{"ask", dec_ask, 0},             {"from", dec_from, 0},
	{"decided", dec_decided, 0},
};

/*============================ declarations ========================*/

/* Lexical errors were reported before the declaration was parsed. */
static int has_bad_token(const parser *ps)
{
	for (uint32_t k = 0; k < ps->toks.n; k++)
		if (ps->toks.v[k].kind == BT_TOK_BAD)
			return 1;
	return 0;
}

/* header = KEYWORD ID [ STRING ] */
static int header(parser *ps, const char *kw, const char **id, uint32_t *s,
		  uint32_t *e, const char **title)
{
	bt_tok *t = take(ps, BT_TOK_WORD, "a name", kw);
	if (!t)
		return -1;
	*id = intern_tok(ps, t);
	*s = t->start;
	*e = t->end;
	if (peek(ps) && peek(ps)->kind == BT_TOK_STRING)
		*title = string_value(ps, &ps->toks.v[ps->i++]);
	return 0;
}

/* program = "program" ID [STRING] attrs */
static void decl_program(parser *ps, const bt_tok *kwtok)
{
	bt_program *g = &ps->p->prog;
	if (g->present) {
		int l0, c0;
		bt_source_locate(&ps->p->src, g->start, &l0, &c0);
		bt_diag_add(ps->d, BT_ERROR, kwtok->start, kwtok->end,
			    "a plan has one program; the first is on line %d", l0);
		return;
	}
	int e0 = ps->d->errors;
	g->present = 1;
	if (header(ps, "program", &g->id, &g->start, &g->end, &g->title))
		skip_line(ps);
	parse_attrs(ps, g, "program", program_attrs, BT_ARRAY_LEN(program_attrs));
	g->bad = ps->d->errors > e0 || has_bad_token(ps);
}

#define DECL(fn, vec, type, what, tab)                                         \
	static void fn(parser *ps, const bt_tok *kwtok)                       \
	{                                                                     \
		(void)kwtok;                                                  \
		type *x = BT_VEC_PUSH(ps->p->vec);                            \
		if (!x) {                                                     \
			ps->oom = 1;                                          \
			return;                                               \
		}                                                             \
		int e0 = ps->d->errors;                                       \
		init_##fn(x);                                                 \
		if (header(ps, what, &x->id, &x->start, &x->end, &x->title)) \
			skip_line(ps);                                        \
		parse_attrs(ps, x, what, tab, BT_ARRAY_LEN(tab));             \
		/* A missing attribute may only be unreadable: say nothing \
		 * more about this declaration in check. */                    \
		x->bad = ps->d->errors > e0 || has_bad_token(ps);             \
	}

static void init_decl_team(bt_team *t)
{
	t->capacity = -1;
}

static void init_decl_task(bt_task *t)
{
	t->not_before = t->deadline = BT_DATE_NONE;
	t->team.idx = BT_NONE;
}

static void init_decl_milestone(bt_milestone *m)
{
	m->commit = m->commit0 = BT_DATE_NONE;
}

static void init_decl_risk(bt_risk *r)
{
	r->probability = -1;
	r->mitigated = -1;
	r->mitigation_cost = -1;
	r->review = BT_DATE_NONE;
}

static void init_decl_decision(bt_decision *d)
{
	d->date = d->need_by = d->decided = BT_DATE_NONE;
}

DECL(decl_team, teams, bt_team, "team", team_attrs)
DECL(decl_task, tasks, bt_task, "task", task_attrs)
DECL(decl_milestone, milestones, bt_milestone, "milestone", milestone_attrs)
DECL(decl_risk, risks, bt_risk, "risk", risk_attrs)
DECL(decl_decision, decisions, bt_decision, "decision", decision_attrs)

/* entry = "note" [ID] STRING
 *       | ID "done" DATE
 *       | ID "started" DATE [ "remaining" DUR | "percent" PCT ]
 *       | ID "remaining" DUR | ID "percent" PCT
 *       | ID "estimate" DUR [DUR DUR] */
static void status_entry(parser *ps)
{
	bt_entry en = {0};
	bt_tok *t = peek(ps);
	en.remaining = -1;
	en.percent = -1;
	en.date = BT_DATE_NONE;
	en.task.idx = BT_NONE;
	en.start = t->start;
	if (t->kind != BT_TOK_WORD) {
		expected(ps, "a task name or 'note'", NULL);
		skip_line(ps);
		return;
	}
	if (tok_is(ps, t, "note")) {
		ps->i++;
		en.kind = BT_E_NOTE;
		bt_tok *n = peek(ps);
		if (n && n->kind == BT_TOK_WORD) {
			make_ref(ps, &en.task, n);
			ps->i++;
		}
		char after[96];
		snprintf(after, sizeof after, "note %.80s", en.task.name ? en.task.name : "");
		if (read_string(ps, &en.text, en.task.name ? after : "note")) {
			skip_line(ps);
			return;
		}
	} else {
		make_ref(ps, &en.task, t);
		ps->i++;
		bt_tok *v = peek(ps);
		int bad = 0;
		if (tok_is(ps, v, "done")) {
			ps->i++;
			en.kind = BT_E_DONE;
			bad = read_date(ps, &en.date, &en.date_at, &en.date_end, "done");
		} else if (tok_is(ps, v, "started")) {
			ps->i++;
			en.kind = BT_E_STARTED;
			bad = read_date(ps, &en.date, &en.date_at, &en.date_end, "started");
			v = peek(ps);
			if (!bad && tok_is(ps, v, "remaining")) {
				ps->i++;
				bt_tok *r = take(ps, BT_TOK_DUR, "a duration", "remaining");
				bad = !r;
				if (r)
					en.remaining = (int32_t)r->ival;
			} else if (!bad && tok_is(ps, v, "percent")) {
				ps->i++;
				bt_tok *r = take(ps, BT_TOK_PCT, "a percentage", "percent");
				bad = !r;
				if (r)
					en.percent = r->fval;
			}
		} else if (tok_is(ps, v, "remaining")) {
			ps->i++;
			en.kind = BT_E_PROGRESS;
			bt_tok *r = take(ps, BT_TOK_DUR, "a duration", "remaining");
			bad = !r;
			if (r)
				en.remaining = (int32_t)r->ival;
		} else if (tok_is(ps, v, "percent")) {
			ps->i++;
			en.kind = BT_E_PROGRESS;
			bt_tok *r = take(ps, BT_TOK_PCT, "a percentage", "percent");
			bad = !r;
			if (r)
				en.percent = r->fval;
		} else if (tok_is(ps, v, "estimate")) {
			ps->i++;
			en.kind = BT_E_ESTIMATE;
			bad = read_estimate(ps, &en.est, "estimate");
		} else {
			expected(ps, "done, started, remaining, percent or estimate", NULL);
			bad = 1;
		}
		if (!bad && en.percent > 100.0) {
			bt_tok *r = &ps->toks.v[ps->i - 1];
			bt_diag_add(ps->d, BT_ERROR, r->start, r->end,
				    "percent complete %g%% is outside 0%%..100%%", en.percent);
			bad = 1;
		}
		if (bad) {
			skip_line(ps);
			return;
		}
	}
	if (!at_line_end(ps)) {
		expected(ps, "the end of the status entry", NULL);
		skip_line(ps);
		return;
	}
	en.end = ps->toks.v[ps->i - 1].end;
	bt_entry *slot = BT_VEC_PUSH(ps->p->entries);
	if (!slot) {
		ps->oom = 1;
		return;
	}
	*slot = en;
}

/* status = "status" DATE NEWLINE { entry NEWLINE } */
static void decl_status(parser *ps, const bt_tok *kwtok)
{
	(void)kwtok;
	bt_status *s = BT_VEC_PUSH(ps->p->statuses);
	if (!s) {
		ps->oom = 1;
		return;
	}
	s->entry0 = ps->p->entries.n;
	if (read_date(ps, &s->date, &s->start, &s->end, "status")) {
		s->date = BT_DATE_NONE;
		skip_line(ps);
	}
	if (!at_line_end(ps)) {
		expected(ps, "the end of the line (entries go on the indented lines below)", NULL);
		skip_line(ps);
	}
	while (ps->i < ps->toks.n) {
		if (peek(ps)->kind == BT_TOK_NEWLINE) {
			ps->i++;
			continue;
		}
		if (peek(ps)->kind == BT_TOK_BAD) {
			skip_line(ps);
			continue;
		}
		status_entry(ps);
		if (ps->oom)
			return;
	}
	/* status_entry may have pushed entries; vector slots may have moved */
	s = &ps->p->statuses.v[ps->p->statuses.n - 1];
	s->nentry = ps->p->entries.n - s->entry0;
}

/*============================== scenario ==========================*/

/* The end of a scenario item: nothing more on its line. */
static int item_end(parser *ps, bt_scen_item *it)
{
	if (!at_line_end(ps)) {
		expected(ps, "the end of the scenario item", NULL);
		return -1;
	}
	it->end = ps->toks.v[ps->i - 1].end;
	return 0;
}

/* team-item = "team" ID ( "capacity" NUM [ "from" DATE [ "to" DATE ] ]
 *                       | "slower" PCT [ "from" DATE ] ) */
static int scen_team(parser *ps, bt_scen_item *it)
{
	bt_tok *v = peek(ps);
	if (tok_is(ps, v, "capacity")) {
		ps->i++;
		it->kind = BT_SC_CAPACITY;
		bt_tok *n = take(ps, BT_TOK_NUM, "a number of people", "capacity");
		int32_t cap;
		if (!n || people(ps, n, &cap))
			return -1;
		it->cap.capacity = cap;
		it->cap.from = it->cap.to = BT_DATE_NONE;
		it->cap.start = n->start;
		it->cap.end = n->end;
		if (tok_is(ps, peek(ps), "from")) {
			ps->i++;
			if (read_date(ps, &it->cap.from, NULL, &it->cap.end, "from"))
				return -1;
			if (tok_is(ps, peek(ps), "to")) {
				ps->i++;
				if (read_date(ps, &it->cap.to, NULL, &it->cap.end, "to"))
					return -1;
				if (it->cap.to < it->cap.from) {
					bt_diag_add(ps->d, BT_ERROR, it->cap.start, it->cap.end,
						    "capacity change ends before it starts");
					return -1;
				}
			}
		}
		return item_end(ps, it);
	}
	if (tok_is(ps, v, "slower")) {
		ps->i++;
		it->kind = BT_SC_SLOWER;
		bt_tok *t = take(ps, BT_TOK_PCT, "a percentage like 25%", "slower");
		if (!t)
			return -1;
		if (t->fval > 1000.0) {
			bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
				    "slower %g%% is outside 0%%..1000%%", t->fval);
			return -1;
		}
		it->value = t->fval / 100.0;
		it->from = BT_DATE_NONE;
		if (tok_is(ps, peek(ps), "from")) {
			ps->i++;
			if (read_date(ps, &it->from, NULL, NULL, "from"))
				return -1;
		}
		return item_end(ps, it);
	}
	expected(ps, "'capacity' or 'slower'", "team ID");
	return -1;
}

/* task-item = "task" ID ( "estimate" DUR [DUR DUR] | "descope"
 *                       | "people" NUM | "after" deps | "drop-after" id-list )
 * milestone-item = "milestone" ID ( "after" deps | "drop-after" id-list ) */
static int scen_task(parser *ps, bt_scen_item *it, int milestone)
{
	bt_tok *v = peek(ps);
	if (!milestone && tok_is(ps, v, "estimate")) {
		ps->i++;
		it->kind = BT_SC_ESTIMATE;
		if (read_estimate(ps, &it->est, "estimate"))
			return -1;
		return item_end(ps, it);
	}
	if (!milestone && tok_is(ps, v, "descope")) {
		ps->i++;
		it->kind = BT_SC_DESCOPE;
		return item_end(ps, it);
	}
	if (!milestone && tok_is(ps, v, "people")) {
		ps->i++;
		it->kind = BT_SC_PEOPLE;
		bt_tok *n = take(ps, BT_TOK_NUM, "a number of people, like 3", "people");
		int32_t k;
		if (!n || people(ps, n, &k))
			return -1;
		if (k <= 0) {
			bt_diag_add(ps->d, BT_ERROR, n->start, n->end, "a task is staffed with at least a tenth of a person");
			bt_diag_help(ps->d, "to take the work out of the plan, write 'task %s descope'",
				     it->subject.name ? it->subject.name : "ID");
			return -1;
		}
		it->value = k;
		return item_end(ps, it);
	}
	if (tok_is(ps, v, "after")) {
		ps->i++;
		it->kind = BT_SC_AFTER;
		if (read_deps(ps, &it->dep0, &it->ndep, "after"))
			return -1;
		return item_end(ps, it);
	}
	if (tok_is(ps, v, "drop-after")) {
		ps->i++;
		it->kind = BT_SC_DROP_AFTER;
		if (read_id_list(ps, &it->dep0, &it->ndep, "drop-after"))
			return -1;
		return item_end(ps, it);
	}
	expected(ps, milestone ? "'after' or 'drop-after'"
			       : "'estimate', 'descope', 'people', 'after' or 'drop-after'",
		 milestone ? "milestone ID" : "task ID");
	return -1;
}

/* risk-item = "risk" ID ( "certain" | "retire" | "probability" PCT ) */
static int scen_risk(parser *ps, bt_scen_item *it)
{
	bt_tok *v = peek(ps);
	if (tok_is(ps, v, "certain") || tok_is(ps, v, "retire")) {
		it->kind = tok_is(ps, v, "certain") ? BT_SC_RISK_CERTAIN : BT_SC_RISK_RETIRE;
		ps->i++;
		return item_end(ps, it);
	}
	if (tok_is(ps, v, "probability")) {
		ps->i++;
		it->kind = BT_SC_RISK_PROB;
		bt_tok *t = take(ps, BT_TOK_PCT, "a percentage like 30%", "probability");
		if (!t)
			return -1;
		if (t->fval > 100.0) {
			bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
				    "probability %g%% is outside 0%%..100%%", t->fval);
			return -1;
		}
		it->value = t->fval / 100.0;
		return item_end(ps, it);
	}
	expected(ps, "'certain', 'retire' or 'probability'", "risk ID");
	return -1;
}

/* item = team-item | task-item | milestone-item | risk-item */
static void scen_item(parser *ps)
{
	static const char *const kinds[] = {"team", "task", "milestone", "risk"};
	bt_scen_item it = {0};
	bt_tok *t = peek(ps);
	int k;
	it.start = t->start;
	it.subject.idx = BT_NONE;
	it.from = BT_DATE_NONE;
	for (k = 0; k < 4 && !tok_is(ps, t, kinds[k]); k++)
		;
	if (k == 4) {
		expected(ps, "a scenario item (team, task, milestone or risk)", NULL);
		skip_line(ps);
		return;
	}
	ps->i++;
	bt_tok *id = take(ps, BT_TOK_WORD, "a name", kinds[k]);
	if (!id) {
		skip_line(ps);
		return;
	}
	make_ref(ps, &it.subject, id);
	it.subject_kind = k == 0 ? BT_K_TEAM : k == 1 ? BT_K_TASK : k == 2 ? BT_K_MILESTONE : BT_K_RISK;
	int bad = k == 0 ? scen_team(ps, &it)
		: k == 3 ? scen_risk(ps, &it)
			 : scen_task(ps, &it, k == 2);
	if (bad) {
		skip_line(ps);
		return;
	}
	bt_scen_item *slot = BT_VEC_PUSH(ps->p->scen_items);
	if (!slot) {
		ps->oom = 1;
		return;
	}
	*slot = it;
}

/* scenario = "scenario" ID [STRING] NEWLINE { item NEWLINE } */
static void decl_scenario(parser *ps, const bt_tok *kwtok)
{
	(void)kwtok;
	bt_scenario *sc = BT_VEC_PUSH(ps->p->scenarios);
	if (!sc) {
		ps->oom = 1;
		return;
	}
	int e0 = ps->d->errors;
	uint32_t at = ps->p->scenarios.n - 1;
	sc->item0 = ps->p->scen_items.n;
	if (header(ps, "scenario", &sc->id, &sc->start, &sc->end, &sc->title))
		skip_line(ps);
	if (!at_line_end(ps)) {
		expected(ps, "the end of the line (items go on the indented lines below)", NULL);
		skip_line(ps);
	}
	while (ps->i < ps->toks.n && !ps->oom) {
		if (peek(ps)->kind == BT_TOK_NEWLINE) {
			ps->i++;
			continue;
		}
		if (peek(ps)->kind == BT_TOK_BAD) {
			skip_line(ps);
			continue;
		}
		scen_item(ps);
	}
	sc = &ps->p->scenarios.v[at];
	sc->nitem = ps->p->scen_items.n - sc->item0;
	sc->bad = ps->d->errors > e0 || has_bad_token(ps);
}

static const struct decl {
	const char *kw;
	void (*fn)(parser *ps, const bt_tok *kwtok);
} decls[] = {
	{"program", decl_program},     {"team", decl_team},
	{"task", decl_task},           {"milestone", decl_milestone},
	{"risk", decl_risk},           {"decision", decl_decision},
	{"status", decl_status},       {"scenario", decl_scenario},
};

static void parse_decl(parser *ps)
{
	ps->i = 0;
	bt_tok *t = peek(ps);
	if (t->kind == BT_TOK_BAD)
		return;
	/* The names the declaration will intern, asked for ahead: in a
	 * table of a million names each lookup misses the cache, and asked
	 * together the misses overlap. Keywords are asked for too: cheaper
	 * than telling them apart. */
	for (uint32_t k = 1; k < ps->toks.n; k++)
		if (ps->toks.v[k].kind == BT_TOK_WORD)
			bt_intern_prefetch(ps->p, ps->p->src.text + ps->toks.v[k].start,
					   ps->toks.v[k].end - ps->toks.v[k].start);
	for (size_t k = 0; k < BT_ARRAY_LEN(decls); k++) {
		if (tok_is(ps, t, decls[k].kw)) {
			ps->i++;
			decls[k].fn(ps, t);
			return;
		}
	}
	int len;
	const char *s = tok_text(ps, t, &len);
	if (t->kind == BT_TOK_WORD) {
		bt_diag_add(ps->d, BT_ERROR, t->start, t->end,
			    "unknown declaration '%.*s': expected program, team, task, milestone, risk, decision, status or scenario",
			    len, s);
		const char *best = NULL;
		int bd = 2;
		for (size_t k = 0; k < BT_ARRAY_LEN(decls); k++) {
			int dd = bt_edit_distance(s, (size_t)len, decls[k].kw,
						  strlen(decls[k].kw), bd);
			if (dd <= bd && (!best || dd < bd)) {
				best = decls[k].kw;
				bd = dd;
			}
		}
		if (best)
			bt_diag_help(ps->d, "did you mean '%s'?", best);
	} else {
		expected(ps, "a declaration (program, team, task, milestone, risk, decision, status or scenario)", NULL);
	}
}

/* The length of the valid UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0 when it is not one. */
static uint32_t utf8_seq(const unsigned char *s, uint32_t left)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	uint32_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (!n || n > left)
		return 0;
	for (uint32_t k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/* Text that is not UTF-8 (a file saved as Latin-1) would reach titles and
 * owners and then JSON, which cannot carry it: one located error per line. */
static void check_utf8(bt_plan *p)
{
	const unsigned char *t = (const unsigned char *)p->src.text;
	/* A bad byte before flagged_end is on a line already flagged. */
	uint32_t len = p->src.len, flagged_end = 0;
	int flagged = 0;
	for (uint32_t i = 0; i < len;) {
		/* ASCII a word at a time: this scan had been a tenth of
		 * `baton check` on a large plan. Lines are found only for a
		 * bad byte. */
		uint64_t w;
		while (len - i >= 8 && (memcpy(&w, t + i, 8), !(w & 0x8080808080808080ULL)))
			i += 8;
		if (i >= len)
			break;
		if (t[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t n = utf8_seq(t + i, len - i);
		if (n) {
			i += n;
			continue;
		}
		if (!flagged || i > flagged_end) {
			const unsigned char *nl = memchr(t + i, '\n', len - i);
			flagged = 1;
			flagged_end = nl ? (uint32_t)(nl - t) : len;
			bt_diag_add(&p->diags, BT_ERROR, i, i + 1,
				    "invalid UTF-8 (byte 0x%02X): plans are UTF-8 text", t[i]);
			bt_diag_help(&p->diags, "save the file as UTF-8 (iconv -f latin1 -t utf-8 is one way)");
		}
		i++;
	}
}

int bt_parse(bt_plan *p)
{
	check_utf8(p);
	parser ps = {0};
	ps.p = p;
	ps.d = &p->diags;
	int have = 0;
	uint32_t pos = 0;
	while (pos < p->src.len && !ps.oom) {
		if (bt_lex_line(&p->src, pos, &ps.line, ps.d)) {
			ps.oom = 1;
			break;
		}
		pos = ps.line.next;
		if (!ps.line.toks.n)
			continue;
		if (ps.line.indent == 0) {
			if (have)
				parse_decl(&ps);
			ps.toks.n = 0;
			have = 1;
		} else if (!have) {
			bt_diag_add(ps.d, BT_ERROR, ps.line.toks.v[0].start,
				    ps.line.toks.v[0].end,
				    "indented line outside a declaration: continuation lines belong to the declaration above");
			continue;
		} else {
			bt_tok *nl = BT_VEC_PUSH(ps.toks);
			if (!nl) {
				ps.oom = 1;
				break;
			}
			nl->kind = BT_TOK_NEWLINE;
			nl->start = nl->end = ps.line.start;
		}
		for (uint32_t k = 0; k < ps.line.toks.n; k++) {
			bt_tok *t = BT_VEC_PUSH(ps.toks);
			if (!t) {
				ps.oom = 1;
				break;
			}
			*t = ps.line.toks.v[k];
		}
	}
	if (have && !ps.oom)
		parse_decl(&ps);
	BT_VEC_FREE(ps.line.toks);
	BT_VEC_FREE(ps.toks);
	p->syntax_errors = p->diags.errors;
	return ps.oom || p->arena.failed ? -1 : 0;
}
