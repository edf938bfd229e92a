/*
 * render_diagram.c: the schedule as text diagrams for the places a TPM
 * pastes into: the dependency map as Graphviz DOT and as a Mermaid
 * flowchart, the timeline as a Mermaid gantt, the milestones as an
 * iCalendar file (RFC 5545) and as a terminal table.
 *
 * Like the other renderers it computes nothing but date conversions: the
 * dates, floats and critical flags are the schedule's; the milestones'
 * forecast and RAG (iCalendar, the table) are the assessment's, so a
 * calendar says what `baton status` says.
 *
 * Escaping, per target:
 *  - DOT: ids and labels are double-quoted strings; '"' and '\' escaped.
 *  - Mermaid flowchart: node ids are generated ([A-Za-z0-9_] only, never a
 *    keyword); labels are double-quoted with '"', '#', '<', '>', '&' and
 *    '`' as Mermaid entity codes.
 *  - Mermaid gantt: task text cannot be quoted, so the characters its lexer
 *    stops at (# : ; and, in some versions, parentheses) are replaced, and
 *    text that would lex as a keyword is wrapped in quotes.
 *  - iCalendar: TEXT values escape \ ; , and newlines; every line ends in
 *    CRLF and is folded at 75 octets without splitting a UTF-8 sequence.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assess.h"
#include "table.h"

/*============================ Helpers =============================*/

static const char *node_id(const struct baton_schedule *s, uint32_t v)
{
	return v < s->net.nt ? s->plan->tasks.v[v].id : s->plan->milestones.v[v - s->net.nt].id;
}

static const char *node_title(const struct baton_schedule *s, uint32_t v)
{
	const char *t = v < s->net.nt ? s->plan->tasks.v[v].title
				      : s->plan->milestones.v[v - s->net.nt].title;
	return t && *t ? t : node_id(s, v);
}

/* The team index of a task, BT_NONE for milestones and teamless tasks. */
static uint32_t node_team(const struct baton_schedule *s, uint32_t v)
{
	if (v >= s->net.nt)
		return BT_NONE;
	const bt_task *t = &s->plan->tasks.v[v];
	if (!t->team.name || t->team.idx >= s->plan->teams.n)
		return BT_NONE;
	return t->team.idx;
}

static int node_done(const struct baton_schedule *s, uint32_t v)
{
	return v < s->net.nt && s->net.state[v] == BT_TS_DONE;
}

static int node_started(const struct baton_schedule *s, uint32_t v)
{
	return v < s->net.nt && s->net.state[v] == BT_TS_STARTED;
}

static int node_critical(const struct baton_schedule *s, uint32_t v)
{
	return s->cpm.critical[v] && !node_done(s, v);
}

static const char *team_title(const bt_team *t)
{
	return t->title && *t->title ? t->title : t->id;
}

static const char *program_title(const bt_plan *p)
{
	return p->prog.title && *p->prog.title ? p->prog.title : p->prog.id ? p->prog.id : "program";
}

static const char *program_id(const bt_plan *p)
{
	return p->prog.id ? p->prog.id : "program";
}

/* A milestone's date: the last working day of its last prerequisite (the
 * program start when nothing comes before it), as in `baton schedule`. */
static bt_date ms_date(const struct baton_schedule *s, uint32_t v)
{
	int32_t day = s->cpm.es[v];
	return bt_cal_date(&s->net.cal, day > 0 ? day - 1 : 0);
}

/* A task's first and last (inclusive) day. */
static void task_dates(const struct baton_schedule *s, uint32_t v, bt_date *start, bt_date *finish)
{
	int32_t es = s->cpm.es[v], ef = s->cpm.ef[v];
	*start = bt_cal_date(&s->net.cal, es);
	*finish = bt_cal_date(&s->net.cal, ef > es ? ef - 1 : es);
}

static void put_date(bt_buf *b, bt_date d)
{
	char x[11];
	bt_date_format(d, x);
	bt_buf_puts(b, x);
}

/* The assessment's row of milestone node v when it is forecast to miss
 * its commit (RAG amber or red, as `status` says), else NULL; always NULL
 * without an assessment (the schedule-only diagrams). */
static const bt_as_ms *late_ms(const bt_assessment *as, const struct baton_schedule *s, uint32_t v)
{
	if (!as || v < s->net.nt || v - s->net.nt >= as->nms)
		return NULL;
	const bt_as_ms *m = &as->ms[v - s->net.nt];
	if (m->commit == BT_DATE_NONE || (m->rag != BT_RAG_RED && m->rag != BT_RAG_AMBER))
		return NULL;
	return m;
}

/* "late: P50 D vs commit C" (planned D without a forecast), the label
 * line of a late milestone in both graphs. */
static void late_line(bt_buf *b, const bt_as_ms *m)
{
	int fc = m->p50 != BT_DATE_NONE;
	bt_buf_puts(b, fc ? "late: P50 " : "late: planned ");
	put_date(b, fc ? m->p50 : m->planned);
	bt_buf_puts(b, " vs commit ");
	put_date(b, m->commit);
}

static const char *dep_type_name(uint8_t t)
{
	static const char *names[] = {"FS", "SS", "FF", "SF"};
	return t < 4 ? names[t] : "FS";
}

/* "SS +5d", "FS -3d", "FF"; empty for a plain finish-to-start. */
static void dep_label(char out[32], uint8_t type, int32_t lag)
{
	out[0] = 0;
	if (type == BT_FS && lag == 0)
		return;
	if (lag)
		snprintf(out, 32, "%s %+dd", dep_type_name(type), lag);
	else
		snprintf(out, 32, "%s", dep_type_name(type));
}

/* An edge crosses teams when both ends are tasks of different teams. */
static int cross_team(const struct baton_schedule *s, uint32_t from, uint32_t to)
{
	uint32_t a = node_team(s, from), b = node_team(s, to);
	return a != BT_NONE && b != BT_NONE && a != b;
}

static const char *as_of_phrase(const struct baton_schedule *s, char buf[128])
{
	char d[11];
	bt_date_format(s->net.as_of, d);
	snprintf(buf, 128, "%s%s%s%s", s->net.as_of == BT_DATE_NONE ? "from the start (no status yet)" : "as of ",
		 s->net.as_of == BT_DATE_NONE ? "" : d, s->scen ? ", under scenario " : "", s->scen ? s->scen->id : "");
	return buf;
}

static const char *mode_phrase(const struct baton_schedule *s)
{
	return s->levelled ? "capacity-levelled" : "critical path, capacity not levelled";
}

/* Node order for clusters and sections: by team (declaration order,
 * teamless last), then by `key` (0, or the early start), then plan order. */
typedef struct node_key {
	uint32_t team;
	int32_t key;
	uint32_t v;
} node_key;

static int cmp_node_key(const void *a, const void *b)
{
	const node_key *x = a, *y = b;
	if (x->team != y->team)
		return x->team < y->team ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* The tasks sorted as above. Caller frees with bt_free. */
static node_key *task_order(const struct baton_schedule *s, int by_start)
{
	uint32_t nt = s->net.nt;
	node_key *k = bt_malloc(sizeof(node_key) * (nt + 1));
	if (!k)
		return NULL;
	for (uint32_t v = 0; v < nt; v++) {
		k[v].team = node_team(s, v);
		k[v].key = by_start ? s->cpm.es[v] : 0;
		k[v].v = v;
	}
	qsort(k, nt, sizeof(node_key), cmp_node_key);
	return k;
}

/* Append `text` wrapped at about `width` bytes on spaces, lines joined by
 * `sep`; each piece goes through `esc`. */
typedef void (*esc_fn)(bt_buf *b, const char *s, size_t n);

static void put_wrapped(bt_buf *b, const char *text, size_t width, const char *sep, esc_fn esc)
{
	const char *p = text;
	while (*p) {
		size_t n = strlen(p);
		if (n <= width) {
			esc(b, p, n);
			return;
		}
		/* The last space at or before `width`, else the first after. */
		size_t cut = 0;
		for (size_t i = 0; i <= width && i < n; i++)
			if (p[i] == ' ')
				cut = i;
		if (!cut) {
			const char *sp = strchr(p + width, ' ');
			if (!sp) {
				esc(b, p, n);
				return;
			}
			cut = (size_t)(sp - p);
		}
		esc(b, p, cut);
		bt_buf_puts(b, sep);
		p += cut + 1;
	}
}

#define WRAP 30

/*============================== DOT ===============================*/

static void dot_esc(bt_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"' || c == '\\')
			bt_buf_putc(b, '\\');
		if (c == '\n') {
			bt_buf_puts(b, "\\n");
			continue;
		}
		if ((unsigned char)c < 0x20)
			c = ' ';
		bt_buf_putc(b, c);
	}
}

static void dot_str(bt_buf *b, const char *s)
{
	bt_buf_putc(b, '"');
	dot_esc(b, s, strlen(s));
	bt_buf_putc(b, '"');
}

static void dot_node(bt_buf *b, const struct baton_schedule *s, const bt_assessment *as, uint32_t v,
		     const char *indent)
{
	const bt_as_ms *late = late_ms(as, s, v);
	bt_buf_puts(b, indent);
	dot_str(b, node_id(s, v));
	bt_buf_puts(b, " [label=\"");
	const char *id = node_id(s, v);
	dot_esc(b, id, strlen(id));
	if (strcmp(node_title(s, v), id)) {
		bt_buf_puts(b, "\\n");
		put_wrapped(b, node_title(s, v), WRAP, "\\n", dot_esc);
	}
	bt_buf_puts(b, "\\n");
	if (v < s->net.nt) {
		bt_date a, z;
		task_dates(s, v, &a, &z);
		put_date(b, a);
		if (z != a) {
			bt_buf_puts(b, "..");
			put_date(b, z);
		}
		if (node_done(s, v))
			bt_buf_puts(b, " done");
		else if (node_started(s, v))
			bt_buf_puts(b, " started");
	} else {
		const bt_milestone *m = &s->plan->milestones.v[v - s->net.nt];
		bt_buf_puts(b, "planned ");
		put_date(b, ms_date(s, v));
		if (m->commit != BT_DATE_NONE) {
			bt_buf_puts(b, "\\ncommit ");
			put_date(b, m->commit);
		}
		if (late) {
			bt_buf_puts(b, "\\n");
			late_line(b, late);
		}
	}
	bt_buf_putc(b, '"');
	if (late)
		bt_buf_printf(b, ", shape=diamond, fillcolor=\"%s\", color=\"%s\", penwidth=3",
			      late->rag == BT_RAG_RED ? "#ffc9c9" : "#ffe8cc",
			      late->rag == BT_RAG_RED ? "#c92a2a" : "#e8590c");
	else if (v >= s->net.nt)
		bt_buf_puts(b, ", shape=diamond, fillcolor=\"#fff3bf\"");
	if (node_done(s, v))
		bt_buf_puts(b, ", fillcolor=\"#e9ecef\", fontcolor=\"#868e96\"");
	else if (node_started(s, v))
		bt_buf_puts(b, ", fillcolor=\"#e7f5ff\"");
	if (node_critical(s, v) && !late)
		bt_buf_puts(b, ", color=\"#c92a2a\", penwidth=2.5");
	bt_buf_puts(b, "];\n");
}

static int render_dot(bt_buf *b, const struct baton_schedule *s, const bt_assessment *as)
{
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	char ab[128];
	node_key *ord = task_order(s, 0);
	if (!ord)
		return -1;
	bt_buf_printf(b, "// %s: dependencies, %s (%s).\n", program_title(p), as_of_phrase(s, ab),
		      mode_phrase(s));
	bt_buf_puts(b, "// Tasks are grouped by team; milestones are diamonds; red outlines are\n"
		       "// critical; bold orange edges cross teams; grey tasks are done.\n");
	if (as)
		bt_buf_puts(b, "// Milestones forecast to miss their commit (RAG red or amber) are filled\n"
			       "// red or orange and say \"late: P50 DATE vs commit DATE\".\n");
	bt_buf_puts(b, "// Render: dot -Tsvg graph.dot -o graph.svg\n");
	bt_buf_puts(b, "digraph ");
	dot_str(b, program_id(p));
	bt_buf_puts(b, " {\n  graph [rankdir=LR, newrank=true, labelloc=t, fontname=\"Helvetica\", label=\"");
	const char *title = program_title(p);
	dot_esc(b, title, strlen(title));
	bt_buf_printf(b, ": dependencies, %s\"];\n", as_of_phrase(s, ab));
	bt_buf_puts(b, "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", "
		       "fontname=\"Helvetica\", fontsize=10];\n"
		       "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#868e96\"];\n");
	for (uint32_t i = 0; i < n->nt;) {
		uint32_t team = ord[i].team;
		const char *ind = "  ";
		if (team != BT_NONE) {
			const bt_team *t = &p->teams.v[team];
			bt_buf_puts(b, "\n  subgraph ");
			bt_buf_putc(b, '"');
			bt_buf_puts(b, "cluster_");
			dot_esc(b, t->id, strlen(t->id));
			bt_buf_puts(b, "\" {\n    label=");
			dot_str(b, team_title(t));
			bt_buf_puts(b, ";\n    style=\"rounded,filled\"; fillcolor=\"#f8f9fa\"; color=\"#ced4da\";\n");
			ind = "    ";
		} else {
			bt_buf_puts(b, "\n");
		}
		for (; i < n->nt && ord[i].team == team; i++)
			dot_node(b, s, as, ord[i].v, ind);
		if (team != BT_NONE)
			bt_buf_puts(b, "  }\n");
	}
	bt_free(ord);
	if (n->n > n->nt)
		bt_buf_puts(b, "\n");
	for (uint32_t v = n->nt; v < n->n; v++)
		dot_node(b, s, as, v, "  ");
	if (n->ne)
		bt_buf_puts(b, "\n");
	for (uint32_t v = 0; v < n->n; v++) {
		for (uint32_t e = n->pred_off[v]; e < n->pred_off[v + 1]; e++) {
			uint32_t u = n->pred[e];
			char lab[32];
			dep_label(lab, n->pred_type[e], n->pred_lag[e]);
			bt_buf_puts(b, "  ");
			dot_str(b, node_id(s, u));
			bt_buf_puts(b, " -> ");
			dot_str(b, node_id(s, v));
			int cross = cross_team(s, u, v);
			if (lab[0] || cross) {
				bt_buf_puts(b, " [");
				if (lab[0])
					bt_buf_printf(b, "label=\"%s\"%s", lab, cross ? ", " : "");
				if (cross)
					bt_buf_puts(b, "color=\"#e8590c\", penwidth=2.5");
				bt_buf_putc(b, ']');
			}
			bt_buf_puts(b, ";\n");
		}
	}
	bt_buf_puts(b, "}\n");
	return 0;
}

/*========================= Mermaid flowchart ======================*/

static void mm_esc(bt_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		switch (c) {
		case '"': bt_buf_puts(b, "#quot;"); break;
		case '#': bt_buf_puts(b, "#35;"); break;
		case '<': bt_buf_puts(b, "#lt;"); break;
		case '>': bt_buf_puts(b, "#gt;"); break;
		case '&': bt_buf_puts(b, "#amp;"); break;
		case '`': bt_buf_puts(b, "#96;"); break;
		case '\n': bt_buf_puts(b, "<br/>"); break;
		default: bt_buf_putc(b, (unsigned char)c < 0x20 ? ' ' : c);
		}
	}
}

/* [A-Za-z0-9_] only: every other byte becomes '_'. */
static char *mm_sanitize(bt_arena *a, const char *prefix, const char *id)
{
	size_t np = strlen(prefix), ni = strlen(id);
	char *out = bt_arena_alloc(a, np + ni + 1);
	if (!out)
		return NULL;
	memcpy(out, prefix, np);
	for (size_t i = 0; i < ni; i++) {
		char c = id[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
		out[np + i] = ok ? c : '_';
	}
	out[np + ni] = 0;
	return out;
}

typedef struct named {
	const char *s;
	uint32_t i;
} named;

static int cmp_named(const void *a, const void *b)
{
	const named *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* Make names[0..n) unique: a name shared by several items becomes
 * "<alt><i>_<name without its prefix>" for each of them. `plen` is the
 * length of the prefix; no unshared name starts with `alt` followed by a
 * digit. Returns 0 or -1 (memory). */
static int make_unique(bt_arena *a, const char **names, uint32_t n, size_t plen, const char *alt)
{
	named *x = bt_malloc(sizeof(named) * (n + 1));
	if (!x)
		return -1;
	for (uint32_t i = 0; i < n; i++)
		x[i] = (named){names[i], i};
	qsort(x, n, sizeof(named), cmp_named);
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i + 1;
		while (j < n && !strcmp(x[j].s, x[i].s))
			j++;
		if (j - i > 1)
			for (uint32_t k = i; k < j; k++) {
				const char *old = names[x[k].i];
				names[x[k].i] = bt_arena_printf(a, "%s%u_%s", alt, x[k].i, old + plen);
				if (!names[x[k].i]) {
					bt_free(x);
					return -1;
				}
			}
		i = j;
	}
	bt_free(x);
	return 0;
}

static void mm_node(bt_buf *b, const struct baton_schedule *s, const bt_assessment *as, uint32_t v,
		    const char *mid, const char *indent)
{
	const bt_as_ms *late = late_ms(as, s, v);
	int ms = v >= s->net.nt;
	bt_buf_printf(b, "%s%s%s\"", indent, mid, ms ? "{" : "[");
	const char *id = node_id(s, v);
	mm_esc(b, id, strlen(id));
	if (strcmp(node_title(s, v), id)) {
		bt_buf_puts(b, "<br/>");
		put_wrapped(b, node_title(s, v), WRAP, "<br/>", mm_esc);
	}
	bt_buf_puts(b, "<br/>");
	if (!ms) {
		bt_date a, z;
		task_dates(s, v, &a, &z);
		put_date(b, a);
		if (z != a) {
			bt_buf_puts(b, "..");
			put_date(b, z);
		}
		if (node_done(s, v))
			bt_buf_puts(b, " done");
		else if (node_started(s, v))
			bt_buf_puts(b, " started");
	} else {
		const bt_milestone *m = &s->plan->milestones.v[v - s->net.nt];
		bt_buf_puts(b, "planned ");
		put_date(b, ms_date(s, v));
		if (m->commit != BT_DATE_NONE) {
			bt_buf_puts(b, "<br/>commit ");
			put_date(b, m->commit);
		}
		if (late) {
			bt_buf_puts(b, "<br/>");
			late_line(b, late);
		}
	}
	bt_buf_printf(b, "\"%s\n", ms ? "}" : "]");
}

/* "class a,b,c NAME" for the nodes `pick` selects, if any. */
static void mm_class(bt_buf *b, const struct baton_schedule *s, const char **mid,
		     int (*pick)(const struct baton_schedule *, uint32_t), const char *name)
{
	int any = 0;
	for (uint32_t v = 0; v < s->net.n; v++) {
		if (!pick(s, v))
			continue;
		bt_buf_puts(b, any ? "," : "  class ");
		bt_buf_puts(b, mid[v]);
		any = 1;
	}
	if (any)
		bt_buf_printf(b, " %s\n", name);
}

/* "classDef late" and "class ... late" for the milestones forecast to
 * miss their commit; nothing when none is (or without an assessment).
 * Last, so its colours win over "milestone" and "critical". */
static void mm_late(bt_buf *b, const struct baton_schedule *s, const bt_assessment *as, const char **mid)
{
	int any = 0;
	for (uint32_t v = s->net.nt; v < s->net.n; v++) {
		if (!late_ms(as, s, v))
			continue;
		if (!any)
			bt_buf_puts(b, "  classDef late fill:#ffc9c9,stroke:#c92a2a,stroke-width:3px\n  class ");
		else
			bt_buf_putc(b, ',');
		bt_buf_puts(b, mid[v]);
		any = 1;
	}
	if (any)
		bt_buf_puts(b, " late\n");
}

static int is_milestone(const struct baton_schedule *s, uint32_t v)
{
	return v >= s->net.nt;
}

static int render_mermaid_graph(bt_buf *b, const struct baton_schedule *s, const bt_assessment *as)
{
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	bt_arena a = BT_ARENA_INIT;
	int rc = -1;
	char ab[128];
	const char **mid = bt_arena_alloc(&a, sizeof(char *) * (n->n + 1));
	const char **gid = bt_arena_alloc(&a, sizeof(char *) * (p->teams.n + 1));
	node_key *ord = task_order(s, 0);
	if (!mid || !gid || !ord)
		goto out;
	for (uint32_t v = 0; v < n->n; v++)
		if (!(mid[v] = mm_sanitize(&a, v < n->nt ? "t_" : "m_", node_id(s, v))))
			goto out;
	for (uint32_t t = 0; t < p->teams.n; t++)
		if (!(gid[t] = mm_sanitize(&a, "team_", p->teams.v[t].id)))
			goto out;
	/* Prefixes keep the sets apart: "t_", "m_", "n<digit>", "team_",
	 * "g<digit>"; ids start with a letter or '_', so "t_"/"team_" differ. */
	if (make_unique(&a, mid, n->n, 2, "n") || make_unique(&a, gid, p->teams.n, 5, "g"))
		goto out;

	bt_buf_puts(b, "flowchart LR\n");
	bt_buf_printf(b, "  %%%% %s: dependencies, %s (%s).\n", program_title(p), as_of_phrase(s, ab),
		      mode_phrase(s));
	bt_buf_puts(b, "  %% Tasks are grouped by team; milestones are diamonds; red outlines are\n"
		       "  %% critical; bold orange links cross teams; grey tasks are done.\n");
	if (as)
		bt_buf_puts(b, "  %% Milestones forecast to miss their commit (RAG red or amber) have the\n"
			       "  %% class late and say \"late: P50 DATE vs commit DATE\".\n");
	for (uint32_t i = 0; i < n->nt;) {
		uint32_t team = ord[i].team;
		const char *ind = "  ";
		if (team != BT_NONE) {
			const char *tt = team_title(&p->teams.v[team]);
			bt_buf_printf(b, "  subgraph %s[\"", gid[team]);
			mm_esc(b, tt, strlen(tt));
			bt_buf_puts(b, "\"]\n");
			ind = "    ";
		}
		for (; i < n->nt && ord[i].team == team; i++)
			mm_node(b, s, as, ord[i].v, mid[ord[i].v], ind);
		if (team != BT_NONE)
			bt_buf_puts(b, "  end\n");
	}
	for (uint32_t v = n->nt; v < n->n; v++)
		mm_node(b, s, as, v, mid[v], "  ");
	bt_buf bcross = BT_BUF_INIT;
	uint32_t link = 0;
	for (uint32_t v = 0; v < n->n; v++) {
		for (uint32_t e = n->pred_off[v]; e < n->pred_off[v + 1]; e++, link++) {
			uint32_t u = n->pred[e];
			char lab[32];
			dep_label(lab, n->pred_type[e], n->pred_lag[e]);
			if (lab[0])
				bt_buf_printf(b, "  %s -->|\"%s\"| %s\n", mid[u], lab, mid[v]);
			else
				bt_buf_printf(b, "  %s --> %s\n", mid[u], mid[v]);
			if (cross_team(s, u, v))
				bt_buf_printf(&bcross, "%s%u", bcross.len ? "," : "", link);
		}
	}
	bt_buf_puts(b, "  classDef critical stroke:#c92a2a,stroke-width:3px\n"
		       "  classDef done fill:#e9ecef,color:#868e96\n"
		       "  classDef started fill:#e7f5ff\n"
		       "  classDef milestone fill:#fff3bf\n");
	mm_class(b, s, mid, node_done, "done");
	mm_class(b, s, mid, node_started, "started");
	mm_class(b, s, mid, is_milestone, "milestone");
	mm_class(b, s, mid, node_critical, "critical");
	mm_late(b, s, as, mid);
	if (bcross.len)
		bt_buf_printf(b, "  linkStyle %s stroke:#e8590c,stroke-width:3px\n", bcross.s);
	if (bcross.oom)
		b->oom = 1;
	bt_buf_release(&bcross);
	rc = 0;
out:
	bt_free(ord);
	bt_arena_release(&a);
	return rc;
}

/*========================== Mermaid gantt =========================*/

/* Text the gantt lexer reads as a task or section name: it stops at
 * '#', ':', ';' and newlines (and some versions at parentheses). */
static void gantt_text(bt_buf *b, const char *s)
{
	static const char *const kw[] = {
		"gantt", "dateformat", "inclusiveenddates", "topaxis", "axisformat", "tickinterval",
		"includes", "excludes", "todaymarker", "weekday", "weekend", "title", "acctitle",
		"accdescr", "section", "click", "call", "href", "displaymode", "vert"};
	size_t w = 0;
	while (s[w] && ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z')))
		w++;
	int quote = s[0] >= '0' && s[0] <= '9';
	for (size_t k = 0; k < BT_ARRAY_LEN(kw) && !quote && w; k++)
		quote = strlen(kw[k]) == w && !strncasecmp(s, kw[k], w);
	if (quote)
		bt_buf_putc(b, '"');
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case ':': bt_buf_puts(b, p[1] == ' ' ? " -" : "-"); break;
		case ';': bt_buf_putc(b, ','); break;
		case '#': break;
		case '(': bt_buf_putc(b, '['); break;
		case ')': bt_buf_putc(b, ']'); break;
		case '%': bt_buf_puts(b, p[1] == '%' ? "% " : "%"); break;
		default: bt_buf_putc(b, (unsigned char)*p < 0x20 ? ' ' : *p);
		}
	}
	if (quote)
		bt_buf_putc(b, '"');
}

/* A gantt task id; the status words Mermaid reads as tags get a prefix
 * (':' never occurs in a baton id, so the result stays unique). */
static void gantt_id(bt_buf *b, const char *id)
{
	static const char *const tags[] = {"active", "done", "crit", "milestone", "vert"};
	for (size_t k = 0; k < BT_ARRAY_LEN(tags); k++)
		if (!strcmp(id, tags[k])) {
			bt_buf_printf(b, "id:%s", id);
			return;
		}
	bt_buf_puts(b, id);
}

static int render_mermaid_gantt(bt_buf *b, const struct baton_schedule *s)
{
	static const char *const wday[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
					   "saturday", "sunday"};
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	char ab[128];
	node_key *ord = task_order(s, 1);
	if (!ord)
		return -1;
	bt_buf_puts(b, "gantt\n  title ");
	gantt_text(b, program_title(p));
	bt_buf_printf(b, ", %s\n", as_of_phrase(s, ab));
	bt_buf_printf(b, "  %%%% %s. crit: on the critical path; done: finished; active: started.\n"
			 "  %%%% End dates are exclusive: a task ends the day before its end date.\n",
		      mode_phrase(s));
	bt_buf_puts(b, "  dateFormat YYYY-MM-DD\n  axisFormat %b %d\n");
	/* One excludes line: a second one would replace the first. */
	bt_buf ex = BT_BUF_INIT;
	if (n->cal.week == BT_WEEK_MON_FRI)
		bt_buf_puts(&ex, "weekends");
	else
		for (int d = 0; d < 7; d++)
			if (!(n->cal.week & (1u << d)))
				bt_buf_printf(&ex, "%s%s", ex.len ? ", " : "", wday[d]);
	for (uint32_t h = 0; h < n->cal.nhol; h++) {
		char d[11];
		bt_date_format(n->cal.hol[h], d);
		bt_buf_printf(&ex, "%s%s", ex.len ? ", " : "", d);
	}
	if (ex.len)
		bt_buf_printf(b, "  excludes %s\n", ex.s);
	if (ex.oom)
		b->oom = 1;
	bt_buf_release(&ex);
	for (uint32_t i = 0; i < n->nt;) {
		uint32_t team = ord[i].team;
		bt_buf_puts(b, "  section ");
		gantt_text(b, team == BT_NONE ? "No team" : team_title(&p->teams.v[team]));
		bt_buf_putc(b, '\n');
		for (; i < n->nt && ord[i].team == team; i++) {
			uint32_t v = ord[i].v;
			bt_date a, z;
			task_dates(s, v, &a, &z);
			/* Zero-length work (nothing left): a zero-length bar. */
			bt_date end = s->cpm.ef[v] > s->cpm.es[v] ? z + 1 : a;
			bt_buf_puts(b, "  ");
			gantt_text(b, node_title(s, v));
			bt_buf_puts(b, " :");
			if (node_critical(s, v))
				bt_buf_puts(b, "crit, ");
			if (node_done(s, v))
				bt_buf_puts(b, "done, ");
			else if (node_started(s, v))
				bt_buf_puts(b, "active, ");
			gantt_id(b, node_id(s, v));
			bt_buf_puts(b, ", ");
			put_date(b, a);
			bt_buf_puts(b, ", ");
			put_date(b, end);
			bt_buf_putc(b, '\n');
		}
	}
	bt_free(ord);
	if (n->n > n->nt)
		bt_buf_puts(b, "  section Milestones\n");
	for (uint32_t v = n->nt; v < n->n; v++) {
		/* A one-day span: Mermaid draws the diamond in its middle. */
		bt_date d = ms_date(s, v);
		bt_buf_puts(b, "  ");
		gantt_text(b, node_title(s, v));
		bt_buf_puts(b, " :milestone, ");
		if (node_critical(s, v))
			bt_buf_puts(b, "crit, ");
		gantt_id(b, node_id(s, v));
		bt_buf_puts(b, ", ");
		put_date(b, d);
		bt_buf_puts(b, ", ");
		put_date(b, d + 1);
		bt_buf_putc(b, '\n');
	}
	return 0;
}

/*============================ iCalendar ===========================*/

static void ics_text(bt_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': bt_buf_puts(b, "\\\\"); break;
		case ';': bt_buf_puts(b, "\\;"); break;
		case ',': bt_buf_puts(b, "\\,"); break;
		case '\n': bt_buf_puts(b, "\\n"); break;
		case '\r': break;
		default: bt_buf_putc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
		}
	}
}

/* Write one content line, folded at 75 octets (RFC 5545 3.1): a
 * continuation starts with a space, which counts. Never splits a UTF-8
 * sequence. */
static void ics_line(bt_buf *b, const bt_buf *line)
{
	const unsigned char *p = (const unsigned char *)line->s;
	size_t n = line->len, i = 0, room = 75;
	while (i < n) {
		size_t take = n - i < room ? n - i : room;
		if (i + take < n)
			while (take > 0 && (p[i + take] & 0xc0) == 0x80)
				take--;
		bt_buf_add(b, (const char *)p + i, take);
		bt_buf_puts(b, "\r\n");
		i += take;
		if (i < n) {
			bt_buf_putc(b, ' ');
			room = 74;
		}
	}
}

static void ics_put(bt_buf *b, bt_buf *line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void ics_put(bt_buf *b, bt_buf *line, const char *fmt, ...)
{
	va_list ap;
	bt_buf_reset(line);
	va_start(ap, fmt);
	bt_buf_vprintf(line, fmt, ap);
	va_end(ap);
	ics_line(b, line);
}

/* A property with a TEXT value. */
static void ics_prop_text(bt_buf *b, bt_buf *line, const char *name, const char *value)
{
	bt_buf_reset(line);
	bt_buf_puts(line, name);
	bt_buf_putc(line, ':');
	ics_text(line, value);
	ics_line(b, line);
	if (line->oom)
		b->oom = 1;
}

static void ics_date(bt_date d, char out[9])
{
	char iso[11];
	bt_date_format(d, iso); /* YYYYMMDD from YYYY-MM-DD */
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = 0;
}

/* One all-day VEVENT. */
static void ics_event(bt_buf *b, bt_buf *line, const char *uid, const char *stamp, int seq,
		      bt_date day, const char *summary, const char *desc)
{
	char d0[9], d1[9];
	ics_date(day, d0);
	ics_date(day + 1, d1);
	ics_put(b, line, "BEGIN:VEVENT");
	ics_prop_text(b, line, "UID", uid);
	ics_put(b, line, "DTSTAMP:%s", stamp);
	ics_put(b, line, "SEQUENCE:%d", seq);
	ics_put(b, line, "DTSTART;VALUE=DATE:%s", d0);
	ics_put(b, line, "DTEND;VALUE=DATE:%s", d1);
	ics_prop_text(b, line, "SUMMARY", summary);
	ics_prop_text(b, line, "DESCRIPTION", desc);
	ics_put(b, line, "TRANSP:TRANSPARENT");
	ics_put(b, line, "END:VEVENT");
}

static const char *rag_upper(uint8_t rag)
{
	static const char *const w[] = {"GREEN", "AMBER", "RED", "NONE"};
	return w[rag < 4 ? rag : 3];
}

/* The day an item's event sits on: its P50 when a forecast ran (as likely
 * as not by then), else its planned date; a reached item, the day it was
 * reached. */
static bt_date event_day(const bt_as_ms *m)
{
	return m->fc.have && !m->reached ? m->p50 : m->planned;
}

/* "Title: P50, RED (19% chance of the commit 2027-04-30)": which date the
 * event is on, and the verdict the status gives, in a calendar's one line. */
static const char *event_summary(bt_arena *a, const char *title, const bt_as_ms *m)
{
	char cd[11], pc[8];
	if (m->reached)
		return bt_arena_printf(a, "%s: reached", title);
	if (m->commit == BT_DATE_NONE)
		return bt_arena_printf(a, "%s: %s (no commitment)", title, m->fc.have ? "P50" : "planned");
	bt_date_format(m->commit, cd);
	if (bt_as_has_chance(m)) {
		bt_fmt_chance(pc, sizeof pc, m->fc.chance);
		return bt_arena_printf(a, "%s: P50, %s (%s chance of the commit %s)", title, rag_upper(m->rag), pc, cd);
	}
	int32_t k = m->slack < 0 ? -m->slack : m->slack;
	return bt_arena_printf(a, "%s: planned, %s (%d working day%s %s)", title, rag_upper(m->rag), k,
			       k == 1 ? "" : "s", m->slack < 0 ? "late" : "of slack");
}

/* The figures behind the summary, one per line: the forecast, the planned
 * date with its slack, the commit, why the RAG is what it is. */
static const char *event_facts(bt_arena *a, const bt_assessment *as, const bt_as_ms *m)
{
	char pd[11], p50[11], p85[11], cd[11], pc[8];
	bt_buf b = BT_BUF_INIT;
	bt_date_format(m->planned, pd);
	if (m->reached) {
		bt_buf_printf(&b, "Reached: %s", pd);
		if (m->commit != BT_DATE_NONE)
			bt_buf_printf(&b, ", slack %d working day%s", m->slack, m->slack == 1 || m->slack == -1 ? "" : "s");
		bt_buf_puts(&b, ".\n");
	} else {
		if (m->rag != BT_RAG_NONE)
			bt_buf_printf(&b, "RAG: %s%s%s.\n", rag_upper(m->rag), m->nreason ? ", " : "",
				      m->nreason ? as->strs.v[m->reason0] : "");
		if (m->fc.have) {
			bt_date_format(m->p50, p50);
			bt_date_format(m->p85, p85);
			bt_buf_printf(&b, "Forecast: P50 %s, P85 %s", p50, p85);
			if (bt_as_has_chance(m)) {
				bt_fmt_chance(pc, sizeof pc, m->fc.chance);
				bt_buf_printf(&b, "; %s chance of meeting the commit", pc);
			}
			bt_buf_printf(&b, " (%ld Monte Carlo runs, seed %llu).\n", as->runs, (unsigned long long)as->seed);
		}
		bt_buf_printf(&b, "Planned: %s (the %s date at likely estimates, without risks)", pd,
			      as->sched->levelled ? "capacity-levelled" : "critical-path");
		if (m->commit != BT_DATE_NONE)
			bt_buf_printf(&b, ", slack %d working day%s", m->slack, m->slack == 1 || m->slack == -1 ? "" : "s");
		bt_buf_puts(&b, ".\n");
	}
	if (m->commit != BT_DATE_NONE)
		bt_date_format(m->commit, cd);
	bt_buf_printf(&b, "Commit: %s.", m->commit != BT_DATE_NONE ? cd : "none");
	const char *r = b.oom ? NULL : bt_arena_strndup(a, b.s, b.len);
	bt_buf_release(&b);
	return r;
}

int bt_render_ical(bt_buf *b, const bt_assessment *as, int commits)
{
	const struct baton_schedule *s = as->sched;
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	bt_arena a = BT_ARENA_INIT;
	bt_buf line = BT_BUF_INIT;
	/* Fixed by the status date, so the same plan gives the same file;
	 * SEQUENCE grows with the status date, so a re-import of a later
	 * update replaces the events it imported before. */
	bt_date stamp_day = n->as_of != BT_DATE_NONE ? n->as_of : p->prog.start_date;
	if (stamp_day == BT_DATE_NONE)
		stamp_day = n->cal.origin;
	char st[9], stamp[20], ab[128];
	ics_date(stamp_day, st);
	snprintf(stamp, sizeof stamp, "%sT000000Z", st);
	int seq = p->prog.start_date != BT_DATE_NONE && stamp_day > p->prog.start_date
			  ? (int)(stamp_day - p->prog.start_date) : 0;
	const char *pid = program_id(p), *ptitle = program_title(p);

	ics_put(b, &line, "BEGIN:VCALENDAR");
	ics_put(b, &line, "VERSION:2.0");
	ics_put(b, &line, "PRODID:-//baton//baton %s//EN", BATON_VERSION);
	ics_put(b, &line, "CALSCALE:GREGORIAN");
	ics_put(b, &line, "METHOD:PUBLISH");
	const char *calname = bt_arena_printf(&a, "%s: milestones", ptitle);
	if (!calname)
		goto oom;
	ics_prop_text(b, &line, "X-WR-CALNAME", calname);
	for (uint32_t v = n->nt; v < n->n; v++) {
		const bt_milestone *pm = &p->milestones.v[v - n->nt];
		const bt_as_ms *m = &as->ms[v - n->nt];
		const char *title = node_title(s, v);
		const char *uid = bt_arena_printf(&a, "%s@%s", pm->id, pid);
		const char *summary = event_summary(&a, title, m);
		const char *facts = event_facts(&a, as, m);
		const char *desc = facts ? bt_arena_printf(&a, "Milestone %s of %s, %s (%s).\n%s%s%s%s%s", pm->id, ptitle,
							   as_of_phrase(s, ab), mode_phrase(s), facts,
							   node_critical(s, v) ? "\nOn the critical path." : "",
							   pm->owner ? "\nOwner: " : "", pm->owner ? pm->owner : "",
							   pm->owner ? "." : "")
					 : NULL;
		if (!uid || !summary || !desc)
			goto oom;
		ics_event(b, &line, uid, stamp, seq, event_day(m), summary, desc);
		if (commits && pm->commit != BT_DATE_NONE) {
			const char *cuid = bt_arena_printf(&a, "%s+commit@%s", pm->id, pid);
			const char *csum = bt_arena_printf(&a, "%s (commit)", title);
			const char *cdesc = bt_arena_printf(&a, "Milestone %s of %s: committed date.\n%s", pm->id, ptitle, facts);
			if (!cuid || !csum || !cdesc)
				goto oom;
			ics_event(b, &line, cuid, stamp, seq, pm->commit, csum, cdesc);
		}
	}
	if (n->n == n->nt) {
		/* A calendar needs a component: without milestones, the end. */
		const bt_as_ms *m = &as->ms[as->nms - 1];
		const char *uid = bt_arena_printf(&a, "program+end@%s", pid);
		const char *title = bt_arena_printf(&a, "%s: end", ptitle);
		const char *summary = title ? event_summary(&a, title, m) : NULL;
		const char *facts = event_facts(&a, as, m);
		const char *desc = facts ? bt_arena_printf(&a, "The end of %s, %s (%s).\n%s", ptitle, as_of_phrase(s, ab),
							   mode_phrase(s), facts)
					 : NULL;
		if (!uid || !summary || !desc)
			goto oom;
		ics_event(b, &line, uid, stamp, seq, event_day(m), summary, desc);
	}
	ics_put(b, &line, "END:VCALENDAR");
	if (line.oom)
		b->oom = 1;
	bt_buf_release(&line);
	bt_arena_release(&a);
	return 0;
oom:
	bt_buf_release(&line);
	bt_arena_release(&a);
	return -1;
}

/*========================= Milestone table ========================*/

/* The status's milestone rows with owners and titles: PLANNED and SLACK
 * the schedule's, P50, P85 and CHANCE the forecast's, beside the RAG. */
int bt_render_milestones_text(bt_buf *b, const bt_assessment *as)
{
	const struct baton_schedule *s = as->sched;
	const bt_plan *p = s->plan;
	const bt_net *n = &s->net;
	bt_arena a = BT_ARENA_INIT;
	bt_table t;
	char ab[128];
	bt_buf_printf(b, "%s: milestones, %s (%s", program_title(p), as_of_phrase(s, ab), mode_phrase(s));
	if (as->runs)
		bt_buf_printf(b, "; %ld Monte Carlo runs, seed %llu", as->runs, (unsigned long long)as->seed);
	bt_buf_puts(b, ")\n\n");
	if (n->n == n->nt) {
		bt_buf_puts(b, "The plan has no milestones.\n");
		return 0;
	}
	bt_table_init(&t, &a, as->forecast ? "MILESTONE COMMIT PLANNED SLACK> P50 P85 CHANCE> RAG NOTE OWNER TITLE"
					   : "MILESTONE COMMIT PLANNED SLACK> RAG NOTE OWNER TITLE");
	for (uint32_t v = n->nt; v < n->n; v++) {
		const bt_milestone *pm = &p->milestones.v[v - n->nt];
		const bt_as_ms *m = &as->ms[v - n->nt];
		char pd[11], cd[11] = "-", x[11] = "", y[11] = "", pc[8] = "";
		bt_date_format(m->planned, pd);
		if (m->commit != BT_DATE_NONE)
			bt_date_format(m->commit, cd);
		bt_table_row(&t, NULL);
		bt_table_cell(&t, "%s", pm->id);
		bt_table_cell(&t, "%s", cd);
		bt_table_cell(&t, "%s", pd);
		if (m->commit != BT_DATE_NONE)
			bt_table_cell(&t, "%d", m->slack);
		else
			bt_table_cell(&t, "%s", "");
		if (as->forecast) {
			if (m->fc.have) {
				bt_date_format(m->p50, x);
				bt_date_format(m->p85, y);
			}
			if (bt_as_has_chance(m))
				bt_fmt_chance(pc, sizeof pc, m->fc.chance);
			bt_table_cell(&t, "%s", x);
			bt_table_cell(&t, "%s", y);
			bt_table_cell(&t, "%s", pc);
		}
		bt_table_cell(&t, "%s", m->rag == BT_RAG_NONE ? "-" : bt_rag_name(m->rag));
		bt_table_cell(&t, "%s", m->reached ? "reached" : node_critical(s, v) ? "critical" : "");
		bt_table_cell(&t, "%s", pm->owner ? pm->owner : "");
		bt_table_cell(&t, "%s", pm->title ? pm->title : "");
	}
	bt_table_term(b, &t, 0, "");
	bt_buf_printf(b, "\nPLANNED: the %s date at likely estimates, without risks; SLACK:\n"
			 "working days from it to the commitment, negative when late. %s",
		      s->levelled ? "capacity-levelled" : "critical-path",
		      as->forecast ? "P50, P85: the\n"
				     "dates reached in 50% and 85% of Monte Carlo runs; CHANCE: of meeting the\n"
				     "commitment, which sets the RAG, as in 'baton status'.\n"
				   : "RAG: from\n"
				     "the slack, as in 'baton status --runs 0'.\n");
	if (t.oom)
		b->oom = 1;
	bt_table_release(&t);
	bt_arena_release(&a);
	return 0;
}

/*============================== Entry =============================*/

char *baton_schedule_diagram(const baton_schedule *s, enum baton_diagram kind, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	int rc;
	switch (kind) {
	case BATON_DIAGRAM_DOT: rc = render_dot(&b, s, NULL); break;
	case BATON_DIAGRAM_MERMAID_GRAPH: rc = render_mermaid_graph(&b, s, NULL); break;
	case BATON_DIAGRAM_MERMAID_GANTT: rc = render_mermaid_gantt(&b, s); break;
	default: rc = -1;
	}
	(void)flags;
	if (rc || b.oom) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}

char *baton_assessment_diagram(const baton_assessment *a, enum baton_diagram kind, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	int rc;
	switch (kind) {
	case BATON_DIAGRAM_ICAL: rc = bt_render_ical(&b, a, (flags & BATON_DIAGRAM_COMMITS) != 0); break;
	case BATON_DIAGRAM_MILESTONES_TEXT: rc = bt_render_milestones_text(&b, a); break;
	/* The graphs with the assessment mark the late milestones. */
	case BATON_DIAGRAM_DOT: rc = render_dot(&b, a->sched, a); break;
	case BATON_DIAGRAM_MERMAID_GRAPH: rc = render_mermaid_graph(&b, a->sched, a); break;
	default: return baton_schedule_diagram(a->sched, kind, flags);
	}
	if (rc || b.oom) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}
