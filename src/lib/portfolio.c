/*
 * portfolio.c: reads a portfolio file, its teams files and its programs,
 * makes the shared teams pools, and joins the programs into one union
 * plan (portfolio.h, docs/portfolio.md).
 *
 * The union is written as plan text and read by the plan's own parser and
 * checker, so it obeys every rule a plan does; only the programs' own
 * files are ever shown in an error, because each program is checked on
 * its own first and the union is made only of checked parts.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "lex.h"
#include "portfolio.h"
#include "rcpsp.h"

/* A teams file may use another; deeper than this is surely a mistake. */
#define MAX_USE_DEPTH 16

typedef struct ld {
	bt_portfolio *pf;
	bt_buf *err;            /* rendered diagnostics */
	int color;
	int errors;
	int oom;
	BT_VEC(const char *) stack; /* files being read through `use` */
} ld;

static void pf_diag(ld *L, const char *file, const char *text, size_t len, uint32_t start,
		    uint32_t end, const char *help, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* One located error in a file of the portfolio (its text given), rendered
 * the way the plan's are. */
static void pf_diag(ld *L, const char *file, const char *text, size_t len, uint32_t start,
		    uint32_t end, const char *help, const char *fmt, ...)
{
	bt_arena a = {0};
	bt_diags d = {.arena = &a};
	bt_source src = {file, text, (uint32_t)len};
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (end <= start)
		end = start + 1;
	bt_diag_add(&d, BT_ERROR, start, end, "%s", msg);
	if (help)
		bt_diag_help(&d, "%s", help);
	bt_diags_render(L->err, &src, &d, L->color);
	if (d.oom)
		L->oom = 1;
	bt_diags_release(&d);
	bt_arena_release(&a);
	L->errors++;
}

static const char *dup_str(ld *L, const char *s, size_t n)
{
	char *c = bt_arena_strndup(&L->pf->arena, s, n);
	if (!c)
		L->oom = 1;
	return c;
}

/* `rel` against the folder of `base`, unless absolute. */
static const char *resolve(ld *L, const char *base, const char *rel)
{
	if (rel[0] == '/')
		return dup_str(L, rel, strlen(rel));
	const char *slash = strrchr(base, '/');
	if (!slash)
		return dup_str(L, rel, strlen(rel));
	char *s = bt_arena_printf(&L->pf->arena, "%.*s/%s", (int)(slash - base), base, rel);
	if (!s)
		L->oom = 1;
	return s;
}

/* A string token's text, escapes undone. */
static const char *tok_string(ld *L, const char *text, const bt_tok *t)
{
	size_t n = t->end - t->start;
	char *s = bt_arena_alloc(&L->pf->arena, n + 1);
	if (!s) {
		L->oom = 1;
		return NULL;
	}
	size_t k = 0;
	for (uint32_t i = t->start + 1; i + 1 < t->end; i++) {
		if (text[i] == '\\' && i + 2 < t->end)
			i++;
		s[k++] = text[i];
	}
	s[k] = 0;
	return s;
}

static int tok_is(const char *text, const bt_tok *t, const char *w)
{
	size_t n = strlen(w);
	return t->kind == BT_TOK_WORD && t->end - t->start == n && !memcmp(text + t->start, w, n);
}

/* A line's text without its comment and trailing blanks. */
static void line_text(const char *text, const bt_line *ln, uint32_t *s, uint32_t *e)
{
	*s = ln->start;
	*e = ln->comment >= 0 ? (uint32_t)ln->comment : ln->end;
	while (*e > *s && (text[*e - 1] == ' ' || text[*e - 1] == '\t' || text[*e - 1] == '\r'))
		(*e)--;
}

static bt_pf_team *find_team(bt_portfolio *pf, const char *id, size_t n)
{
	for (uint32_t i = 0; i < pf->teams.n; i++)
		if (strlen(pf->teams.v[i].id) == n && !memcmp(pf->teams.v[i].id, id, n))
			return &pf->teams.v[i];
	return NULL;
}

static void where(ld *L, const char *file, const char *text, size_t len, uint32_t off, char *out,
		  size_t n)
{
	bt_source src = {file, text, (uint32_t)len};
	int line, col;
	bt_source_locate(&src, off, &line, &col);
	snprintf(out, n, "%s:%d", file, line);
	(void)L;
}

/* The team declarations of a portfolio or teams file, checked by the plan
 * parser: the file with every other line blanked (so lines and columns
 * stay the file's) and a program declaration after it. */
static int check_team_lines(ld *L, const char *file, const char *text, size_t len,
			    const uint8_t *keep, uint32_t nline)
{
	bt_buf b = BT_BUF_INIT;
	uint32_t pos = 0, i = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		uint32_t e = nl ? (uint32_t)(nl - text) : (uint32_t)len;
		if (i < nline && keep[i])
			bt_buf_add(&b, text + pos, e - pos);
		bt_buf_putc(&b, '\n');
		pos = e + 1;
		i++;
	}
	bt_buf_puts(&b, "program portfolio-teams\n  start 2000-01-03\n");
	if (b.oom) {
		bt_buf_release(&b);
		L->oom = 1;
		return -1;
	}
	baton_plan *p = baton_plan_parse(file, b.s, b.len);
	bt_buf_release(&b);
	if (!p) {
		L->oom = 1;
		return -1;
	}
	int bad = baton_plan_errors(p);
	if (bad) {
		char *d = baton_plan_diagnostics(p, L->color);
		if (d)
			bt_buf_puts(L->err, d);
		else
			L->oom = 1;
		baton_string_free(d);
		L->errors += bad;
	}
	baton_plan_free(p);
	return bad ? -1 : 0;
}

static int read_teams_file(ld *L, const char *file, const char *from_file, const char *from_text,
			   size_t from_len, const bt_tok *at);

/* The lines of a portfolio or teams file. `top`: a portfolio file
 * (portfolio and program lines allowed). */
static int read_file_lines(ld *L, const char *file, const char *text, size_t len, int top)
{
	bt_portfolio *pf = L->pf;
	bt_source src = {file, text, (uint32_t)len};
	bt_line ln = {0};
	uint32_t pos = 0, nline = 0;
	for (uint32_t i = 0; i < len; i++)
		nline += text[i] == '\n';
	nline++;
	uint8_t *keep = bt_calloc(nline + 1, 1);
	if (!keep) {
		L->oom = 1;
		return -1;
	}
	enum { NONE, PORTFOLIO, TEAM, OTHER } block = NONE;
	int seen_portfolio = 0, team_lines = 0;
	bt_buf tb = BT_BUF_INIT;   /* the current team block */
	bt_pf_team *cur = NULL;
	uint32_t lineno = 0;
	int rc = 0;
	while (pos < len && !L->oom) {
		bt_diags d = {0};
		bt_arena a = {0};
		d.arena = &a;
		if (bt_lex_line(&src, pos, &ln, &d)) {
			L->oom = 1;
			bt_diags_release(&d);
			bt_arena_release(&a);
			break;
		}
		if (d.errors) {
			bt_diags_render(L->err, &src, &d, L->color);
			L->errors += d.errors;
		}
		bt_diags_release(&d);
		bt_arena_release(&a);
		pos = ln.next;
		uint32_t this_line = lineno++;
		if (!ln.toks.n)
			continue;
		const bt_tok *t = ln.toks.v;
		uint32_t nt = ln.toks.n;
		if (ln.indent) {
			if (block == TEAM) {
				keep[this_line] = 1;
				uint32_t s, e;
				line_text(text, &ln, &s, &e);
				bt_buf_puts(&tb, "  ");
				/* A line the lexer refused (its errors are already
				 * reported) may end its text before its first token. */
				if (e > t[0].start)
					bt_buf_add(&tb, text + t[0].start, e - t[0].start);
				bt_buf_putc(&tb, '\n');
			} else if (block == PORTFOLIO && tok_is(text, &t[0], "rag")) {
				for (uint32_t k = 1; k < nt; k++) {
					int g = tok_is(text, &t[k], "green"), am = tok_is(text, &t[k], "amber");
					if ((g || am) && k + 1 < nt && t[k + 1].kind == BT_TOK_PCT &&
					    t[k + 1].fval <= 100.0) {
						if (g)
							pf->green = t[k + 1].fval / 100.0;
						else
							pf->amber = t[k + 1].fval / 100.0;
						k++;
						continue;
					}
					pf_diag(L, file, text, len, t[k].start, t[k].end,
						"write it as: rag green 80% amber 50%",
						"expected green PCT or amber PCT after 'rag'");
					break;
				}
			} else if (block != OTHER) {
				pf_diag(L, file, text, len, t[0].start, t[0].end,
					block == PORTFOLIO ? "a portfolio's only attribute is 'rag green PCT amber PCT'"
							   : "only a team declaration has indented lines here",
					"unexpected indented line");
			}
			continue;
		}
		/* A declaration at column 0 ends the team block before it. */
		if (cur) {
			cur->block = dup_str(L, tb.s, tb.len);
			bt_buf_reset(&tb);
			cur = NULL;
		}
		block = OTHER;
		if (top && tok_is(text, &t[0], "portfolio")) {
			block = PORTFOLIO;
			if (seen_portfolio) {
				pf_diag(L, file, text, len, t[0].start, t[0].end, "a portfolio file declares one portfolio",
					"a second 'portfolio' declaration");
				continue;
			}
			seen_portfolio = 1;
			if (nt < 2 || t[1].kind != BT_TOK_WORD) {
				pf_diag(L, file, text, len, nt < 2 ? t[0].end : t[1].start, nt < 2 ? t[0].end + 1 : t[1].end,
					"write it as: portfolio ID \"Title\"",
					"expected the portfolio's id after 'portfolio'");
				continue;
			}
			pf->id = dup_str(L, text + t[1].start, t[1].end - t[1].start);
			if (nt >= 3 && t[2].kind == BT_TOK_STRING)
				pf->title = tok_string(L, text, &t[2]);
			if (nt > 3 || (nt == 3 && t[2].kind != BT_TOK_STRING))
				pf_diag(L, file, text, len, t[nt - 1].start, t[nt - 1].end,
					"write it as: portfolio ID \"Title\"", "unexpected text after the portfolio's title");
			continue;
		}
		if (top && tok_is(text, &t[0], "program")) {
			if (nt < 2 || t[1].kind != BT_TOK_STRING) {
				pf_diag(L, file, text, len, nt < 2 ? t[0].end : t[1].start, nt < 2 ? t[0].end + 1 : t[1].end,
					"write it as: program \"orders-migration.baton\" [priority N]",
					"expected the program's file, in quotes, after 'program'");
				continue;
			}
			int32_t prio = 1;
			if (nt >= 3) {
				if (!tok_is(text, &t[2], "priority") || nt < 4 || t[3].kind != BT_TOK_NUM || t[3].frac ||
				    t[3].ival < 1 || t[3].ival > BT_RCPSP_MAX_WEIGHT || nt > 4) {
					const bt_tok *bad = nt >= 4 && tok_is(text, &t[2], "priority") ? &t[3] : &t[2];
					pf_diag(L, file, text, len, bad->start, bad->end,
						"a priority is a whole number from 1 to 1000: a day of this program's delay counts N days",
						"expected 'priority N' after the program's file");
					continue;
				}
				prio = (int32_t)t[3].ival;
			}
			bt_pf_prog *g = BT_VEC_PUSH(pf->progs);
			if (!g) {
				L->oom = 1;
				break;
			}
			g->path = tok_string(L, text, &t[1]);
			g->file = g->path ? resolve(L, file, g->path) : NULL;
			g->priority = prio;
			g->at = t[1].start;
			g->at_end = t[1].end;
			g->t0 = g->m0 = BT_NONE;
			continue;
		}
		if (tok_is(text, &t[0], "use")) {
			if (nt != 2 || t[1].kind != BT_TOK_STRING) {
				pf_diag(L, file, text, len, nt < 2 ? t[0].end : t[1].start, nt < 2 ? t[0].end + 1 : t[1].end,
					"write it as: use \"teams.baton\"", "expected a teams file, in quotes, after 'use'");
				continue;
			}
			const char *rel = tok_string(L, text, &t[1]);
			const char *f = rel ? resolve(L, file, rel) : NULL;
			if (f && read_teams_file(L, f, file, text, len, &t[1]))
				rc = -1;
			continue;
		}
		if (tok_is(text, &t[0], "team")) {
			block = TEAM;
			keep[this_line] = 1;
			team_lines = 1;
			if (nt < 2 || t[1].kind != BT_TOK_WORD)
				continue; /* the plan parser says what is wrong */
			const char *id = text + t[1].start;
			size_t n = t[1].end - t[1].start;
			char w[512];
			where(L, file, text, len, t[0].start, w, sizeof w);
			bt_pf_team *old = find_team(pf, id, n);
			if (old) {
				char help[768];
				snprintf(help, sizeof help, "a team is declared once: keep the declaration at %s, or remove it there",
					 old->where);
				pf_diag(L, file, text, len, t[1].start, t[1].end, help,
					"team '%.*s' is already declared at %s", (int)n, id, old->where);
				block = OTHER;
				keep[this_line] = 0;
				continue;
			}
			cur = BT_VEC_PUSH(pf->teams);
			if (!cur) {
				L->oom = 1;
				break;
			}
			cur->id = dup_str(L, id, n);
			cur->where = dup_str(L, w, strlen(w));
			cur->prog = BT_NONE;
			uint32_t s, e;
			line_text(text, &ln, &s, &e);
			bt_buf_add(&tb, text + s, e - s);
			bt_buf_putc(&tb, '\n');
			continue;
		}
		pf_diag(L, file, text, len, t[0].start, t[0].end,
			top ? "a portfolio file has: portfolio ID \"Title\", program \"FILE\" [priority N], use \"FILE\", team ..."
			    : "a teams file has: team ... declarations and use \"FILE\"",
			top ? "expected portfolio, program, use or team, found '%.*s'"
			    : "expected team or use, found '%.*s'",
			(int)(t[0].end - t[0].start), text + t[0].start);
	}
	if (cur)
		cur->block = dup_str(L, tb.s, tb.len);
	if (tb.oom)
		L->oom = 1;
	bt_buf_release(&tb);
	BT_VEC_FREE(ln.toks);
	if (top && !seen_portfolio && !L->oom)
		pf_diag(L, file, text, len, 0, len ? 1 : 0, "a portfolio file starts with: portfolio ID \"Title\"",
			"missing 'portfolio' declaration");
	if (team_lines && !L->oom && check_team_lines(L, file, text, len, keep, nline))
		rc = -1;
	bt_free(keep);
	return rc;
}

static int read_teams_file(ld *L, const char *file, const char *from_file, const char *from_text,
			   size_t from_len, const bt_tok *at)
{
	for (uint32_t i = 0; i < L->stack.n; i++) {
		if (strcmp(L->stack.v[i], file))
			continue;
		bt_buf chain = BT_BUF_INIT;
		for (uint32_t k = i; k < L->stack.n; k++)
			bt_buf_printf(&chain, "%s -> ", L->stack.v[k]);
		bt_buf_puts(&chain, file);
		pf_diag(L, from_file, from_text, from_len, at->start, at->end,
			"teams files may use each other, but not in a circle: remove one of these 'use' lines",
			"a cycle of 'use': %s", chain.oom ? file : chain.s);
		bt_buf_release(&chain);
		return -1;
	}
	if (L->stack.n >= MAX_USE_DEPTH) {
		pf_diag(L, from_file, from_text, from_len, at->start, at->end, NULL,
			"teams files use each other more than %d deep", MAX_USE_DEPTH);
		return -1;
	}
	bt_buf b = BT_BUF_INIT;
	char why[256];
	if (bt_buf_read_file(&b, file, why, sizeof why)) {
		bt_buf_release(&b);
		pf_diag(L, from_file, from_text, from_len, at->start, at->end,
			"the path is relative to the file that names it", "cannot read teams file '%s': %s", file, why);
		return -1;
	}
	const char **slot = BT_VEC_PUSH(L->stack);
	if (!slot) {
		bt_buf_release(&b);
		L->oom = 1;
		return -1;
	}
	*slot = file;
	/* The text lives as long as the portfolio: team blocks point into
	 * copies, but messages about this file render now. */
	int rc = read_file_lines(L, file, b.s, b.len, 0);
	L->stack.n--;
	bt_buf_release(&b);
	return rc;
}

/*========================== Programs ==========================*/

static int load_programs(ld *L, const char *pf_text, size_t pf_len, const char *as_of)
{
	bt_portfolio *pf = L->pf;
	bt_date cut = BT_DATE_NONE;
	if (as_of && bt_date_parse(as_of, strlen(as_of), &cut))
		return -1; /* the caller checked it */
	for (uint32_t q = 0; q < pf->progs.n && !L->oom; q++) {
		bt_pf_prog *g = &pf->progs.v[q];
		if (!g->file)
			continue;
		bt_buf b = BT_BUF_INIT;
		char why[256];
		if (bt_buf_read_file(&b, g->file, why, sizeof why)) {
			bt_buf_release(&b);
			pf_diag(L, pf->file, pf_text, pf_len, g->at, g->at_end,
				"the path is relative to the portfolio file", "cannot read program '%s': %s", g->file, why);
			continue;
		}
		g->plan = baton_plan_parse(g->file, b.s, b.len);
		bt_buf_release(&b);
		if (!g->plan) {
			L->oom = 1;
			break;
		}
		if (baton_plan_errors(g->plan)) {
			char *d = baton_plan_diagnostics(g->plan, L->color);
			if (!d)
				L->oom = 1;
			else
				bt_buf_puts(L->err, d);
			baton_string_free(d);
			L->errors += baton_plan_errors(g->plan);
			continue;
		}
		const bt_plan *p = g->plan;
		g->id = p->prog.id;
		g->title = p->prog.title ? p->prog.title : p->prog.id;
		g->start = p->prog.start_date;
		g->as_of = BT_DATE_NONE;
		for (uint32_t i = 0; i < p->statuses.n; i++) {
			bt_date d = p->statuses.v[i].date;
			if (d != BT_DATE_NONE && (cut == BT_DATE_NONE || d <= cut) &&
			    (g->as_of == BT_DATE_NONE || d > g->as_of))
				g->as_of = d;
		}
		if (cut != BT_DATE_NONE && cut >= g->start)
			g->as_of = cut;
		for (uint32_t k = 0; k < q; k++) {
			const bt_pf_prog *o = &pf->progs.v[k];
			if (o->plan && o->id && !strcmp(o->id, g->id)) {
				char help[600];
				snprintf(help, sizeof help,
					 "ids in a portfolio are prefixed with their program's: give one program another id (in %s or %s)",
					 o->file, g->file);
				pf_diag(L, pf->file, pf_text, pf_len, g->at, g->at_end, help,
					"two programs with the id '%s': %s and %s", g->id, o->path, g->path);
			}
		}
		if (q && pf->progs.v[0].plan && pf->progs.v[0].id && p->prog.week != pf->progs.v[0].plan->prog.week)
			pf_diag(L, g->file, p->src.text, p->src.len, p->prog.start, p->prog.end,
				"the programs of a portfolio share one calendar: give them the same workweek",
				"program '%s' works other weekdays than '%s'", g->id, pf->progs.v[0].id);
	}
	return 0;
}

/* Does team t of program p say the same as team u of program o? */
static const char *team_differs(const bt_plan *p, const bt_team *t, const bt_plan *o, const bt_team *u)
{
	if (t->capacity != u->capacity)
		return "capacity";
	if (t->ncc != u->ncc)
		return "capacity changes";
	for (uint32_t i = 0; i < t->ncc; i++) {
		const bt_capchange *a = &p->capchanges.v[t->cc0 + i], *b = &o->capchanges.v[u->cc0 + i];
		if (a->capacity != b->capacity || a->from != b->from || a->to != b->to)
			return "capacity changes";
	}
	if (t->nhol != u->nhol)
		return "holidays";
	for (uint32_t i = 0; i < t->nhol; i++) {
		const bt_range *a = &p->ranges.v[t->hol0 + i], *b = &o->ranges.v[u->hol0 + i];
		if (a->from != b->from || a->to != b->to)
			return "holidays";
	}
	return NULL;
}

/* The verbatim lines of program p's declaration of team t. */
static const char *team_block(ld *L, const bt_plan *p, const bt_team *t)
{
	bt_line ln = {0};
	bt_buf b = BT_BUF_INIT;
	/* The line holding the declaration, then its indented lines. */
	uint32_t pos = t->start;
	while (pos > 0 && p->src.text[pos - 1] != '\n')
		pos--;
	int first = 1;
	while (pos < p->src.len) {
		if (bt_lex_line(&p->src, pos, &ln, NULL)) {
			L->oom = 1;
			break;
		}
		pos = ln.next;
		if (!ln.toks.n)
			continue;
		if (!first && !ln.indent)
			break;
		uint32_t s, e;
		line_text(p->src.text, &ln, &s, &e);
		if (!first) {
			bt_buf_puts(&b, "  ");
			s = ln.toks.v[0].start;
		}
		bt_buf_add(&b, p->src.text + s, e - s);
		bt_buf_putc(&b, '\n');
		first = 0;
	}
	BT_VEC_FREE(ln.toks);
	const char *r = b.oom ? NULL : dup_str(L, b.s, b.len);
	if (b.oom)
		L->oom = 1;
	bt_buf_release(&b);
	return r;
}

/* Every team the programs use becomes a pool: the portfolio's declaration,
 * else the first program's, which every other program must repeat. */
static void make_pools(ld *L)
{
	bt_portfolio *pf = L->pf;
	for (uint32_t q = 0; q < pf->progs.n && !L->oom; q++) {
		const bt_plan *p = pf->progs.v[q].plan;
		for (uint32_t i = 0; i < p->teams.n; i++) {
			const bt_team *t = &p->teams.v[i];
			bt_pf_team *pool = find_team(pf, t->id, strlen(t->id));
			if (pool && pool->prog == BT_NONE)
				continue; /* the portfolio's declaration rules */
			if (pool) {
				const bt_plan *o = pf->progs.v[pool->prog].plan;
				const bt_team *u = &o->teams.v[bt_name_find(o, t->id)->team_idx];
				const char *what = team_differs(p, t, o, u);
				if (what) {
					char help[800];
					snprintf(help, sizeof help,
						 "a team shared by programs is one pool of people: declare it once in the portfolio (team %s capacity N), or give it the same capacity, capacity changes and holidays as at %s",
						 t->id, pool->where);
					uint32_t at = !strcmp(what, "capacity") && t->cap_at ? t->cap_at : t->start;
					pf_diag(L, pf->progs.v[q].file, p->src.text, p->src.len, at,
						at == t->start ? t->end : at + 1, help,
						"team '%s' has other %s here than at %s", t->id, what, pool->where);
				}
				continue;
			}
			pool = BT_VEC_PUSH(pf->teams);
			if (!pool) {
				L->oom = 1;
				return;
			}
			char w[512];
			where(L, pf->progs.v[q].file, p->src.text, p->src.len, t->start, w, sizeof w);
			pool->id = t->id;
			pool->where = dup_str(L, w, strlen(w));
			pool->prog = q;
			pool->block = team_block(L, p, t);
		}
	}
}

/*========================== The union ==========================*/

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int is_item(uint8_t kind)
{
	return kind == BT_K_TASK || kind == BT_K_MILESTONE || kind == BT_K_RISK || kind == BT_K_DECISION;
}

/* Where program p writes an id of its tasks, milestones, risks or
 * decisions: those get the program's prefix in the union. */
static uint32_t *id_spots(const bt_plan *p, uint32_t *n)
{
	size_t cap = 2 * (size_t)p->tasks.n + p->milestones.n + p->risks.n + p->decisions.n + p->deps.n +
		     p->refs.n + p->entries.n + p->commit_changes.n + 1;
	uint32_t *v = bt_malloc(sizeof(uint32_t) * cap), k = 0;
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < p->tasks.n; i++) {
		v[k++] = p->tasks.v[i].start;
		if (p->tasks.v[i].fast_track.name)
			v[k++] = p->tasks.v[i].fast_track.start;
	}
	for (uint32_t i = 0; i < p->milestones.n; i++)
		v[k++] = p->milestones.v[i].start;
	for (uint32_t i = 0; i < p->risks.n; i++)
		v[k++] = p->risks.v[i].start;
	for (uint32_t i = 0; i < p->decisions.n; i++)
		v[k++] = p->decisions.v[i].start;
	for (uint32_t i = 0; i < p->deps.n; i++)
		if (is_item(p->deps.v[i].to.kind))
			v[k++] = p->deps.v[i].to.start;
	for (uint32_t i = 0; i < p->refs.n; i++)
		if (is_item(p->refs.v[i].kind))
			v[k++] = p->refs.v[i].start;
	for (uint32_t i = 0; i < p->entries.n; i++)
		if (p->entries.v[i].task.name && is_item(p->entries.v[i].task.kind))
			v[k++] = p->entries.v[i].task.start;
	for (uint32_t i = 0; i < p->commit_changes.n; i++)
		if (p->commit_changes.v[i].by.name)
			v[k++] = p->commit_changes.v[i].by.start;
	qsort(v, k, sizeof *v, cmp_u32);
	*n = k;
	return v;
}

static void put_date(bt_buf *b, bt_date d)
{
	char s[11];
	bt_date_format(d, s);
	bt_buf_puts(b, s);
}

typedef struct sblock {
	bt_date date;
	bt_buf lines;
} sblock;

typedef BT_VEC(sblock) sblocks;

static bt_buf *status_lines(ld *L, sblocks *sb, bt_date d)
{
	for (uint32_t i = 0; i < sb->n; i++)
		if (sb->v[i].date == d)
			return &sb->v[i].lines;
	sblock *s = BT_VEC_PUSH(*sb);
	if (!s) {
		L->oom = 1;
		return NULL;
	}
	s->date = d;
	s->lines = (bt_buf)BT_BUF_INIT;
	return &s->lines;
}

/* Copy [s, e) of program text to b, prefixing the ids at spots. */
static void copy_prefixed(bt_buf *b, const char *text, uint32_t s, uint32_t e, const uint32_t *spot,
			  uint32_t nspot, uint32_t *k, const char *prefix)
{
	while (*k < nspot && spot[*k] < s)
		(*k)++;
	uint32_t at = s;
	while (*k < nspot && spot[*k] < e) {
		bt_buf_add(b, text + at, spot[*k] - at);
		bt_buf_puts(b, prefix);
		bt_buf_putc(b, '.');
		at = spot[*k];
		(*k)++;
	}
	bt_buf_add(b, text + at, e - at);
}

/* Program q's tasks, milestones, risks and decisions into body, its
 * status entries up to its status date into the blocks by date, then its
 * end milestone. */
static void add_program(ld *L, uint32_t q, bt_buf *body, sblocks *sb)
{
	bt_pf_prog *g = &L->pf->progs.v[q];
	const bt_plan *p = g->plan;
	const char *text = p->src.text, *pre = g->id;
	uint32_t nspot, k = 0;
	uint32_t *spot = id_spots(p, &nspot);
	if (!spot) {
		L->oom = 1;
		return;
	}
	bt_line ln = {0};
	enum { SKIP, COPY, STATUS } block = SKIP;
	bt_buf *st = NULL;
	uint32_t pos = 0;
	while (pos < p->src.len && !L->oom) {
		if (bt_lex_line(&p->src, pos, &ln, NULL)) {
			L->oom = 1;
			break;
		}
		pos = ln.next;
		if (!ln.toks.n)
			continue;
		const bt_tok *t = ln.toks.v;
		uint32_t s, e;
		line_text(text, &ln, &s, &e);
		if (!ln.indent) {
			st = NULL;
			if (tok_is(text, &t[0], "program") || tok_is(text, &t[0], "team") ||
			    tok_is(text, &t[0], "scenario"))
				block = SKIP;
			else if (tok_is(text, &t[0], "status")) {
				block = STATUS;
				if (ln.toks.n >= 2 && t[1].kind == BT_TOK_DATE &&
				    (g->as_of == BT_DATE_NONE || (bt_date)t[1].ival <= g->as_of))
					st = status_lines(L, sb, (bt_date)t[1].ival);
			} else {
				block = COPY;
				copy_prefixed(body, text, s, e, spot, nspot, &k, pre);
				bt_buf_putc(body, '\n');
			}
			continue;
		}
		if (block == COPY) {
			bt_buf_puts(body, "  ");
			copy_prefixed(body, text, t[0].start, e, spot, nspot, &k, pre);
			bt_buf_putc(body, '\n');
		} else if (block == STATUS && st) {
			bt_buf_puts(st, "  ");
			if (tok_is(text, &t[0], "note") && ln.toks.n >= 2 && t[1].kind == BT_TOK_STRING) {
				/* A note on the program is a note on its end. */
				bt_buf_printf(st, "note %s.end ", pre);
				bt_buf_add(st, text + t[1].start, e - t[1].start);
			} else
				copy_prefixed(st, text, t[0].start, e, spot, nspot, &k, pre);
			bt_buf_putc(st, '\n');
		}
	}
	BT_VEC_FREE(ln.toks);
	bt_free(spot);

	/* The program's end: after every task and milestone nothing follows. */
	uint8_t *has_succ = bt_calloc((size_t)p->tasks.n + p->milestones.n + 1, 1);
	if (!has_succ) {
		L->oom = 1;
		return;
	}
	for (uint32_t v = 0; v < p->tasks.n + p->milestones.n; v++) {
		uint32_t d0 = v < p->tasks.n ? p->tasks.v[v].dep0 : p->milestones.v[v - p->tasks.n].dep0;
		uint32_t nd = v < p->tasks.n ? p->tasks.v[v].ndep : p->milestones.v[v - p->tasks.n].ndep;
		for (uint32_t i = 0; i < nd; i++) {
			const bt_ref *r = &p->deps.v[d0 + i].to;
			if (r->kind == BT_K_TASK)
				has_succ[r->idx] = 1;
			else if (r->kind == BT_K_MILESTONE)
				has_succ[p->tasks.n + r->idx] = 1;
		}
	}
	bt_buf_printf(body, "milestone %s.end ", pre);
	bt_buf_put_plan_string(body, g->title);
	bt_buf_putc(body, '\n');
	if (p->prog.commit0 != BT_DATE_NONE) {
		bt_buf_puts(body, "  commit ");
		put_date(body, p->prog.commit0);
		bt_buf_putc(body, '\n');
		for (uint32_t i = 0; i < p->prog.ncc; i++) {
			const bt_commit_change *c = &p->commit_changes.v[p->prog.cc0 + i];
			bt_buf_puts(body, "  commit ");
			put_date(body, c->date);
			bt_buf_puts(body, " since ");
			put_date(body, c->since);
			if (c->by.name)
				bt_buf_printf(body, " by %s.%s", pre, c->by.name);
			if (c->reason) {
				bt_buf_putc(body, ' ');
				bt_buf_put_plan_string(body, c->reason);
			}
			bt_buf_putc(body, '\n');
		}
	}
	int any = 0;
	for (uint32_t v = 0; v < p->tasks.n + p->milestones.n; v++) {
		if (has_succ[v])
			continue;
		const char *id = v < p->tasks.n ? p->tasks.v[v].id : p->milestones.v[v - p->tasks.n].id;
		bt_buf_printf(body, "%s%s.%s", any ? ", " : "  after ", pre, id);
		any = 1;
	}
	if (any)
		bt_buf_putc(body, '\n');
	bt_free(has_succ);
}

static int cmp_date(const void *a, const void *b)
{
	bt_date x = *(const bt_date *)a, y = *(const bt_date *)b;
	return x < y ? -1 : x > y;
}

static int cmp_sblock(const void *a, const void *b)
{
	return cmp_date(&((const sblock *)a)->date, &((const sblock *)b)->date);
}

static void write_union(ld *L, bt_buf *u)
{
	bt_portfolio *pf = L->pf;
	static const char *const wd[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	bt_buf_printf(u, "program %s ", pf->id);
	bt_buf_put_plan_string(u, pf->title ? pf->title : pf->id);
	bt_buf_puts(u, "\n  start ");
	put_date(u, pf->start);
	bt_buf_putc(u, '\n');
	uint8_t week = pf->progs.v[0].plan->prog.week;
	if (week != BT_WEEK_MON_FRI) {
		bt_buf_puts(u, "  workweek");
		for (int i = 0; i < 7; i++)
			if (week & (1u << i))
				bt_buf_printf(u, " %s", wd[i]);
		bt_buf_putc(u, '\n');
	}
	/* The portfolio's calendar: every program's holidays. */
	uint32_t nh = 0;
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_plan *p = pf->progs.v[q].plan;
		for (uint32_t i = 0; i < p->prog.nhol; i++)
			nh += (uint32_t)(p->ranges.v[p->prog.hol0 + i].to - p->ranges.v[p->prog.hol0 + i].from + 1);
	}
	bt_date *hol = bt_malloc(sizeof(bt_date) * (nh + 1));
	if (!hol) {
		L->oom = 1;
		return;
	}
	nh = 0;
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		const bt_plan *p = pf->progs.v[q].plan;
		for (uint32_t i = 0; i < p->prog.nhol; i++)
			for (bt_date d = p->ranges.v[p->prog.hol0 + i].from; d <= p->ranges.v[p->prog.hol0 + i].to; d++)
				hol[nh++] = d;
	}
	qsort(hol, nh, sizeof *hol, cmp_date);
	for (uint32_t i = 0; i < nh; i++) {
		if (i && hol[i] == hol[i - 1])
			continue;
		bt_buf_puts(u, "  holiday ");
		put_date(u, hol[i]);
		bt_buf_putc(u, '\n');
	}
	bt_free(hol);
	bt_buf_puts(u, "  level on\n");
	if (pf->green >= 0 || pf->amber >= 0) {
		bt_buf_puts(u, "  rag");
		if (pf->green >= 0)
			bt_buf_printf(u, " green %g%%", pf->green * 100.0);
		if (pf->amber >= 0)
			bt_buf_printf(u, " amber %g%%", pf->amber * 100.0);
		bt_buf_putc(u, '\n');
	}
	for (uint32_t i = 0; i < pf->teams.n; i++)
		if (pf->teams.v[i].block)
			bt_buf_puts(u, pf->teams.v[i].block);
	sblocks sb = {0};
	for (uint32_t q = 0; q < pf->progs.n && !L->oom; q++)
		add_program(L, q, u, &sb);
	if (sb.n)
		qsort(sb.v, sb.n, sizeof *sb.v, cmp_sblock);
	for (uint32_t i = 0; i < sb.n; i++) {
		bt_buf_puts(u, "status ");
		put_date(u, sb.v[i].date);
		bt_buf_putc(u, '\n');
		bt_buf_add(u, sb.v[i].lines.s, sb.v[i].lines.len);
		if (sb.v[i].lines.oom)
			L->oom = 1;
		bt_buf_release(&sb.v[i].lines);
	}
	BT_VEC_FREE(sb);
}

/* Which program each node of the union belongs to, and the programs'
 * status dates, starts and weights (compile.c and level.c read them). */
static int annotate(ld *L)
{
	bt_portfolio *pf = L->pf;
	bt_plan *u = pf->u;
	uint32_t n = u->tasks.n + u->milestones.n, np = pf->progs.n;
	u->parts.of = bt_arena_alloc(&u->arena, sizeof(uint32_t) * ((size_t)n + 1));
	u->parts.as_of = bt_arena_alloc(&u->arena, sizeof(bt_date) * np);
	u->parts.start = bt_arena_alloc(&u->arena, sizeof(bt_date) * np);
	u->parts.weight = bt_arena_alloc(&u->arena, sizeof(int32_t) * np);
	if (!u->parts.of || !u->parts.as_of || !u->parts.start || !u->parts.weight)
		return -1;
	uint32_t t0 = 0, m0 = 0;
	for (uint32_t q = 0; q < np; q++) {
		bt_pf_prog *g = &pf->progs.v[q];
		g->t0 = t0;
		g->nt = g->plan->tasks.n;
		g->m0 = m0;
		g->nm = g->plan->milestones.n + 1;
		for (uint32_t v = 0; v < g->nt; v++)
			u->parts.of[t0 + v] = q;
		for (uint32_t m = 0; m < g->nm; m++)
			u->parts.of[u->tasks.n + m0 + m] = q;
		t0 += g->nt;
		m0 += g->nm;
		u->parts.as_of[q] = g->as_of;
		u->parts.start[q] = g->start;
		u->parts.weight[q] = g->priority;
	}
	if (t0 != u->tasks.n || m0 != u->milestones.n)
		return -2;
	u->parts.n = np;
	for (uint32_t i = 0; i < pf->teams.n; i++) {
		const bt_name *nm = bt_name_find(u, pf->teams.v[i].id);
		pf->teams.v[i].uidx = nm ? nm->team_idx : BT_NONE;
	}
	return 0;
}

void bt_pf_set_weights(bt_portfolio *pf, const uint32_t *order)
{
	uint32_t np = pf->progs.n;
	if (!order) {
		for (uint32_t q = 0; q < np; q++)
			pf->u->parts.weight[q] = pf->progs.v[q].priority;
		return;
	}
	/* Ratio r with r^(np-1) <= the largest weight: a day of one
	 * program's delay costs r days of the next one's. */
	int32_t r = BT_RCPSP_MAX_WEIGHT;
	if (np > 2) {
		r = 2;
		for (;;) {
			int64_t x = 1;
			for (uint32_t i = 0; i + 1 < np; i++)
				x *= r + 1;
			if (x > BT_RCPSP_MAX_WEIGHT)
				break;
			r++;
		}
	}
	int32_t w = 1;
	for (uint32_t i = np; i-- > 0;) {
		pf->u->parts.weight[order[i]] = w;
		if ((int64_t)w * r <= BT_RCPSP_MAX_WEIGHT)
			w *= r;
	}
}

baton_portfolio *bt_portfolio_load(const char *path, const char *as_of, int color, char **err, int *bad)
{
	bt_alloc_init();
	*err = NULL;
	*bad = 0;
	bt_portfolio *pf = bt_calloc(1, sizeof *pf);
	bt_buf eb = BT_BUF_INIT, text = BT_BUF_INIT, u = BT_BUF_INIT;
	if (!pf)
		return NULL;
	pf->green = pf->amber = -1;
	ld L = {.pf = pf, .err = &eb, .color = color};
	char why[256];
	pf->file = dup_str(&L, path, strlen(path));
	if (bt_buf_read_file(&text, path, why, sizeof why)) {
		bt_buf_printf(&eb, "baton: cannot read portfolio '%s': %s\n", path, why);
		L.errors++;
		goto done;
	}
	const char **slot = BT_VEC_PUSH(L.stack);
	if (!slot) {
		L.oom = 1;
		goto done;
	}
	*slot = path;
	read_file_lines(&L, path, text.s, text.len, 1);
	L.stack.n = 0;
	if (L.errors || L.oom)
		goto done;
	if (!pf->progs.n) {
		pf_diag(&L, path, text.s, text.len, 0, 1, "name each program: program \"orders-migration.baton\"",
			"a portfolio without programs");
		goto done;
	}
	load_programs(&L, text.s, text.len, as_of);
	if (L.errors || L.oom)
		goto done;
	make_pools(&L);
	if (L.errors || L.oom)
		goto done;
	pf->start = pf->progs.v[0].start;
	pf->as_of = BT_DATE_NONE;
	for (uint32_t q = 0; q < pf->progs.n; q++) {
		if (pf->progs.v[q].start < pf->start)
			pf->start = pf->progs.v[q].start;
		if (pf->progs.v[q].as_of != BT_DATE_NONE &&
		    (pf->as_of == BT_DATE_NONE || pf->progs.v[q].as_of > pf->as_of))
			pf->as_of = pf->progs.v[q].as_of;
	}
	write_union(&L, &u);
	if (u.oom)
		L.oom = 1;
	if (L.oom)
		goto done;
	pf->text = bt_buf_detach(&u, &pf->len);
	char *name = bt_arena_printf(&pf->arena, "%s (programs joined)", path);
	if (!pf->text || !name) {
		L.oom = 1;
		goto done;
	}
	pf->u = baton_plan_parse(name, pf->text, pf->len);
	if (!pf->u) {
		L.oom = 1;
		goto done;
	}
	if (baton_plan_errors(pf->u)) {
		/* Each program checked on its own; what is left is a rule that
		 * only the joined programs can break. Show it in the union. */
		char *d = baton_plan_diagnostics(pf->u, color);
		bt_buf_printf(&eb, "baton: the programs of '%s' do not join into one plan:\n%s", path, d ? d : "");
		baton_string_free(d);
		L.errors++;
		goto done;
	}
	int rc = annotate(&L);
	if (rc == -1)
		L.oom = 1;
	else if (rc == -2) {
		bt_buf_printf(&eb, "baton: internal error: the joined plan of '%s' lost tasks\n", path);
		L.errors++;
	}
done:
	bt_buf_release(&text);
	bt_buf_release(&u);
	BT_VEC_FREE(L.stack);
	if (L.oom || L.errors) {
		*bad = !L.oom;
		*err = L.oom ? NULL : bt_buf_detach(&eb, NULL);
		bt_buf_release(&eb);
		baton_portfolio_free(pf);
		return NULL;
	}
	bt_buf_release(&eb);
	return pf;
}

const char *baton_portfolio_text(const baton_portfolio *pf, size_t *len)
{
	*len = pf->len;
	return pf->text;
}

void baton_portfolio_free(baton_portfolio *pf)
{
	if (!pf)
		return;
	for (uint32_t q = 0; q < pf->progs.n; q++)
		baton_plan_free(pf->progs.v[q].plan);
	BT_VEC_FREE(pf->progs);
	BT_VEC_FREE(pf->teams);
	baton_plan_free(pf->u);
	bt_free(pf->text);
	bt_arena_release(&pf->arena);
	bt_free(pf);
}
