/*
 * render_report.c: `baton report`: the weekly status as one self-contained
 * HTML page (inline CSS and SVG; nothing is fetched): the status, a Gantt
 * chart with team swimlanes, the cross-team dependency map (a layered
 * Sugiyama-style drawing of our own), the risk heat map, forecast S-curves,
 * team load against capacity, and the slip chart from the history.
 *
 * Like every renderer it prints what the schedule, the forecast and the
 * assessment computed; what it computes itself is layout (coordinates, the
 * layering and ordering of the map) and, without levelling, the weekly team
 * load of the critical-path dates. The output depends on its inputs only:
 * no clock, no randomness, so a report is a golden file.
 *
 * Testable hooks: each Gantt bar is <rect class="bar ..." data-task="ID">,
 * each milestone marker <g class="milestone" data-milestone="ID">, each map
 * node <g class="node ..." data-id="ID">, each map edge <path class="edge
 * ..." data-from="A" data-to="B">; every mark has a <title> tooltip.
 *
 * The map's layered layout (layers, dummy nodes, the order in each layer
 * and the vertical positions) is layout.c's; this file picks the column
 * width and the node heights and draws.
 *
 * A plan of more than BT_ROLLUP_TASKS tasks is rolled up (rollup.c
 * groups it): a bar per workstream or team, <rect class="wsbar ..."
 * data-ws="NAME">, each in a <details class="ws"> whose tasks a small
 * script draws from a JSON data block when it is opened, and the links
 * between groups as a matrix of <g class="cell" data-from data-to
 * data-links>; the page says so at the top (id="rollup").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "assess.h"
#include "calibration.h"
#include "forecast.h"
#include "layout.h"
#include "level.h"
#include "history.h"
#include "rollup.h"
#include "table.h"

#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define MIN(a, b) ((a) < (b) ? (a) : (b))

typedef struct rp {
	bt_buf *b;
	const bt_plan *p;
	const bt_assessment *a;
	const struct baton_schedule *s;
	const struct baton_forecast *f; /* NULL: no forecast ran */
	baton_history *h;
	const char *as_of;     /* as asked (NULL: the latest status block) */
	const bt_rollup *ru;   /* a plan too big to draw task by task: its
				  groups (rollup.c); NULL: every task drawn */
	long runs;
	uint64_t seed;
	bt_arena ar;
	int oom;
	/* The time axis shared by the Gantt chart and the load chart. */
	bt_date d0, d1;  /* first and one past the last day shown */
	double ppd;      /* pixels per calendar day */
	double gx;       /* left edge of the plot area */
} rp;

static const char *const month_name[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/*============================= Output =============================*/

static void P(rp *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void P(rp *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bt_buf_vprintf(r->b, fmt, ap);
	va_end(ap);
}

/* An HTML-escaped copy of s (in the arena); "" for NULL. Every string that
 * comes from the plan goes through this. */
static const char *e(rp *r, const char *s)
{
	if (!s)
		return "";
	size_t n = 0, extra = 0;
	for (; s[n]; n++)
		extra += s[n] == '&' ? 4 : s[n] == '<' || s[n] == '>' ? 3 : s[n] == '"' || s[n] == '\'' ? 5 : 0;
	if (!extra)
		return s;
	char *o = bt_arena_alloc(&r->ar, n + extra + 1), *q = o;
	if (!o) {
		r->oom = 1;
		return "";
	}
	for (size_t i = 0; i < n; i++) {
		const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
				  : s[i] == '"' ? "&quot;" : s[i] == '\'' ? "&#39;" : NULL;
		if (rep) {
			size_t k = strlen(rep);
			memcpy(q, rep, k);
			q += k;
		} else {
			*q++ = s[i];
		}
	}
	*q = 0;
	return o;
}

/* At most `max` characters (UTF-8 aware), with an ellipsis, escaped. */
static const char *trunc_e(rp *r, const char *s, int max)
{
	if (!s)
		return "";
	int chars = 0;
	size_t i = 0, cut = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (chars == max - 1)
				cut = i;
			chars++;
		}
	}
	if (chars <= max)
		return e(r, s);
	char *t = bt_arena_printf(&r->ar, "%.*s\u2026", (int)cut, s);
	if (!t) {
		r->oom = 1;
		return "";
	}
	return e(r, t);
}

static const char *fmt(rp *r, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(rp *r, const char *f, ...)
{
	va_list ap;
	bt_buf t = BT_BUF_INIT;
	va_start(ap, f);
	bt_buf_vprintf(&t, f, ap);
	va_end(ap);
	char *s = t.oom ? NULL : bt_arena_strndup(&r->ar, t.s, t.len);
	bt_buf_release(&t);
	if (!s) {
		r->oom = 1;
		return "";
	}
	return s;
}

static const char *ds(bt_date d, char buf[11])
{
	if (d == BT_DATE_NONE)
		return "\u2013";
	bt_date_format(d, buf);
	return buf;
}

/* "Mar 12" */
static const char *short_date(rp *r, bt_date d)
{
	int y, m, dd;
	if (d == BT_DATE_NONE)
		return "\u2013";
	bt_date_to_ymd(d, &y, &m, &dd);
	return fmt(r, "%s %d", month_name[(m - 1) % 12], dd);
}

static const char *rag_word(uint8_t rag)
{
	static const char *const w[] = {"GREEN", "AMBER", "RED", "NONE"};
	return w[rag < 4 ? rag : 3];
}

static const char *rag_cls(uint8_t rag)
{
	static const char *const w[] = {"g", "a", "r", "n"};
	return w[rag < 4 ? rag : 3];
}

static void pill(rp *r, uint8_t rag)
{
	static const char *const sym[] = {"\u25cf", "\u25b2", "\u25a0", "\u25cb"};
	P(r, "<span class=\"pill %s\">%s %s</span>", rag_cls(rag), sym[rag < 4 ? rag : 3], rag_word(rag));
}

static const char *team_name(const bt_plan *p, uint32_t t)
{
	if (t == BT_NONE || t >= p->teams.n)
		return "no team";
	return p->teams.v[t].title ? p->teams.v[t].title : p->teams.v[t].id;
}

static uint32_t task_team(const bt_plan *p, uint32_t v)
{
	return v < p->tasks.n ? p->tasks.v[v].team.idx : BT_NONE;
}

static const char *node_id(const bt_plan *p, uint32_t v)
{
	return v < p->tasks.n ? p->tasks.v[v].id : p->milestones.v[v - p->tasks.n].id;
}

static const char *node_title(const bt_plan *p, uint32_t v)
{
	return v < p->tasks.n ? p->tasks.v[v].title : p->milestones.v[v - p->tasks.n].title;
}

/* Start date and exclusive finish date (calendar days) of node v. */
static void node_span(const rp *r, uint32_t v, bt_date *from, bt_date *to)
{
	const struct baton_schedule *s = r->s;
	int32_t es = s->cpm.es[v], ef = s->cpm.ef[v];
	if (v >= s->net.nt) { /* a milestone: the end of its last prerequisite's day */
		*from = *to = bt_cal_date(&s->net.cal, es > 0 ? es - 1 : 0) + 1;
		return;
	}
	*from = bt_cal_date(&s->net.cal, es);
	*to = ef > es ? bt_cal_date(&s->net.cal, ef - 1) + 1 : *from;
}

/* The inclusive finish date of a span from node_span: a zero-length task
 * finishes on its start day, as the schedule prints it. */
static bt_date span_last(bt_date from, bt_date to)
{
	return to > from ? to - 1 : from;
}

/* Team colours (Okabe-Ito and Tableau hues, muted), for the map nodes and
 * the load chart; teams are named in text wherever they are coloured. */
static const char *team_color(uint32_t t)
{
	static const char *const c[] = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
					"#edc948", "#ff9da7", "#9c755f", "#bab0ac", "#e15759"};
	return t == BT_NONE ? "#8a8f98" : c[t % 10];
}

/*============================= Styles =============================*/

static const char css[] =
	":root{--ink:#1f2933;--mute:#616e7c;--line:#d9dee4;--bg:#f5f7fa;--card:#fff;"
	"--g:#1e7b34;--a:#b26a00;--r:#b3261e;--gb:#e3f4e6;--ab:#fff1d6;--rb:#fde4e1;--acc:#1f4e79}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 -apple-system,'Segoe UI',"
	"Roboto,'Helvetica Neue',Arial,sans-serif}\n"
	"main{max-width:1320px;margin:0 auto;padding:24px 28px 48px}\n"
	"header.top{background:var(--acc);color:#fff;padding:22px 28px}\n"
	"header.top .in{max-width:1320px;margin:0 auto;display:flex;gap:24px;align-items:center;"
	"justify-content:space-between;flex-wrap:wrap}\n"
	"header.top h1{margin:0;font-size:24px;font-weight:650;letter-spacing:.2px}\n"
	"header.top .sub{opacity:.85;font-size:13px;margin-top:2px}\n"
	".pill{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:700;font-size:12px;"
	"letter-spacing:.5px;border:1.5px solid currentColor;white-space:nowrap}\n"
	".pill.g{color:var(--g);background:var(--gb)}.pill.a{color:var(--a);background:var(--ab)}"
	".pill.r{color:var(--r);background:var(--rb)}.pill.n{color:var(--mute);background:#eee}\n"
	"header.top .pill{font-size:18px;padding:6px 18px;background:#fff}\n"
	"nav.toc{display:flex;flex-wrap:wrap;gap:6px 16px;margin:0 0 18px;font-size:13px}\n"
	"nav.toc a{color:var(--acc);text-decoration:none;border-bottom:1px dotted var(--acc)}\n"
	"section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px;"
	"margin:0 0 20px;box-shadow:0 1px 2px rgba(16,24,40,.04)}\n"
	"section h2{font-size:17px;margin:0 0 4px}\n"
	"section h3{font-size:14px;margin:16px 0 6px}\n"
	"p.note{color:var(--mute);font-size:12.5px;margin:2px 0 12px}\n"
	".headline{font-size:16.5px;line-height:1.5;margin:0 0 10px}\n"
	".cols{display:grid;grid-template-columns:1fr 1fr;gap:8px 32px}\n"
	"ul{margin:4px 0 8px;padding-left:20px}li{margin:2px 0}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 4px}\n"
	"th{text-align:left;color:var(--mute);font-weight:600;font-size:11.5px;text-transform:uppercase;"
	"letter-spacing:.4px;border-bottom:1.5px solid var(--line);padding:6px 8px}\n"
	"td{border-bottom:1px solid #eef1f4;padding:6px 8px;vertical-align:top}\n"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.id,.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}\n"
	"td.d{white-space:nowrap}\n"
	"td.d .moved{display:block;white-space:normal;min-width:180px;max-width:230px;color:var(--mute);font-size:11.5px}\n"
	".nw{white-space:nowrap}\n"
	"tr.esc td{background:#fff6f5}\n"
	/* span.: the chance cell is td.chance too (the JSON name, for tools). */
	"span.chance{display:inline-block;width:54px;height:8px;background:#e8ecf0;border-radius:4px;"
	"margin-left:6px;vertical-align:middle;overflow:hidden}\n"
	"span.chance i{display:block;height:100%;background:var(--acc)}\n"
	"td.chance{white-space:nowrap}\n"
	".kpis{display:flex;gap:12px;flex-wrap:wrap;margin:10px 0 4px}\n"
	".kpi{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:150px}\n"
	".kpi b{display:block;font-size:20px}.kpi span{color:var(--mute);font-size:12px}\n"
	".scroll{overflow-x:auto}\n"
	/* Zoomable figures: the SVG shrinks to the width (max-width), the
	 * script zooms and pans its viewBox inside a fixed frame. */
	".zoomable{position:relative}\n"
	".zview{overflow:hidden;border:1px solid #eef1f4;border-radius:6px;cursor:grab;touch-action:none;"
	"user-select:none;-webkit-user-select:none}\n"
	".zview:focus-visible{outline:2px solid var(--acc);outline-offset:2px}\n"
	".zview.drag{cursor:grabbing}\n"
	".zview svg{max-width:100%;height:auto}\n"
	".ztools{display:flex;gap:6px;align-items:center;margin:4px 0 6px;font-size:12px;color:var(--mute)}\n"
	".ztools button{font:inherit;font-size:13px;min-width:30px;padding:2px 8px;border:1px solid var(--line);"
	"border-radius:5px;background:#fff;color:var(--ink);cursor:pointer}\n"
	".ztools button:hover{background:var(--bg)}\n"
	"svg{font-family:inherit;display:block}\n"
	"svg text{fill:var(--ink)}\n"
	".grid2{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:14px}\n"
	".card svg{width:100%;height:auto}\n"
	".card{border:1px solid var(--line);border-radius:8px;padding:10px 12px}\n"
	".card h4{margin:0 0 4px;font-size:13.5px}\n"
	".legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12px;color:var(--mute);margin:6px 0}\n"
	".legend svg{display:inline-block;vertical-align:middle;margin-right:5px}\n"
	"footer{color:var(--mute);font-size:12px;text-align:center;margin-top:24px}\n"
	"@media print{@page{size:A4 landscape;margin:12mm}\n"
	" body{background:#fff;font-size:11px}main{max-width:none;padding:0}\n"
	" header.top{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink);padding:0 0 8px}\n"
	" header.top .pill{background:#fff}nav.toc{display:none}\n"
	" section{border:none;box-shadow:none;padding:6px 0;break-inside:auto}\n"
	" section h2{break-after:avoid}.card,tr,.kpi{break-inside:avoid}\n"
	" .scroll{overflow:visible}.scroll svg{width:100%;height:auto}.ztools{display:none}\n"
	" *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* Patterns and markers shared by every SVG of the page. */
static void defs(rp *r)
{
	P(r, "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>"
	     "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	     "<rect width=\"6\" height=\"6\" fill=\"#cfd6de\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8a96a3\" stroke-width=\"2\"/></pattern>"
	     "<pattern id=\"prog\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	     "<rect width=\"5\" height=\"5\" fill=\"none\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#fff\" stroke-opacity=\".55\" stroke-width=\"2\"/></pattern>"
	     "<pattern id=\"over\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(-45)\">"
	     "<rect width=\"5\" height=\"5\" fill=\"#e8a29b\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#b3261e\" stroke-width=\"2\"/></pattern>"
	     "<marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
	     "<path d=\"M0,0L10,5L0,10z\" fill=\"#7b8794\"/></marker>"
	     "<marker id=\"arrx\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
	     "<path d=\"M0,0L10,5L0,10z\" fill=\"#243b53\"/></marker>"
	     "<marker id=\"arrr\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto\">"
	     "<path d=\"M0,0L10,5L0,10z\" fill=\"#b3261e\"/></marker>"
	     "</defs></svg>\n");
}

/*============================ Zoom and pan ==========================*/

/* A figure wider than the page is drawn whole, shrunk to the width (the
 * CSS max-width of .zview svg: the last milestones are in view without
 * the script), and the script below zooms its viewBox in a frame of the
 * same size: the buttons, Ctrl+wheel or + - 0 zoom, a drag or the arrow
 * keys pan. Closed by "</div></div>" after the </svg>. */
static void zoom_open(rp *r, const char *what, const char *label)
{
	P(r, "<div class=\"zoomable\" data-zoom=\"%s\" data-scale=\"1\"><div class=\"ztools\" role=\"toolbar\" "
	     "aria-label=\"Zoom %s\"><button type=\"button\" data-z=\"in\" title=\"Zoom in (+)\">+</button>"
	     "<button type=\"button\" data-z=\"out\" title=\"Zoom out (\u2212)\">\u2212</button>"
	     "<button type=\"button\" data-z=\"fit\" title=\"Fit to the width (0)\">Fit</button>"
	     "<span>drag or use the arrow keys to move; Ctrl+wheel zooms</span></div>"
	     "<div class=\"zview\" tabindex=\"0\" aria-label=\"%s: + and \u2212 zoom, arrow keys move, 0 fits\">",
	  what, label, label);
}

/* One inline script for every zoomable figure: plain DOM, no eval and no
 * handler attributes, so it runs under serve's CSP (script-src
 * 'unsafe-inline' only). k is the zoom over the fitted drawing (1: all of
 * it), (cx, cy) the centre of the view in drawing units. */
static const char zoom_js[] =
	"<script>(function(){'use strict';\n"
	"document.querySelectorAll('.zoomable').forEach(function(z){\n"
	"var v=z.querySelector('.zview'),s=v&&v.querySelector('svg');if(!s||!s.viewBox)return;\n"
	"var b=s.viewBox.baseVal,W=b.width,H=b.height,k=1,cx=W/2,cy=H/2,KMAX=8,drag=null;\n"
	"function set(){var w=W/k,h=H/k;cx=Math.min(Math.max(cx,w/2),W-w/2);cy=Math.min(Math.max(cy,h/2),H-h/2);\n"
	"s.setAttribute('viewBox',(cx-w/2).toFixed(1)+' '+(cy-h/2).toFixed(1)+' '+w.toFixed(1)+' '+h.toFixed(1));\n"
	"z.setAttribute('data-scale',k.toFixed(3));}\n"
	"function upp(){var r=s.getBoundingClientRect();return r.width?(W/k)/r.width:1;}\n"
	"function zoom(f,px,py){var n=Math.min(Math.max(k*f,1),KMAX);if(px===undefined){px=cx;py=cy;}\n"
	"cx=px+(cx-px)*k/n;cy=py+(cy-py)*k/n;k=n;set();}\n"
	"function at(e){var r=s.getBoundingClientRect(),u=upp();\n"
	"return [cx-W/k/2+(e.clientX-r.left)*u,cy-H/k/2+(e.clientY-r.top)*u];}\n"
	"z.querySelectorAll('button[data-z]').forEach(function(bt){bt.addEventListener('click',function(){\n"
	"var d=bt.getAttribute('data-z');if(d==='in')zoom(1.5);else if(d==='out')zoom(1/1.5);else{k=1;cx=W/2;cy=H/2;set();}});});\n"
	"v.addEventListener('wheel',function(e){if(!e.ctrlKey&&!e.metaKey)return;e.preventDefault();\n"
	"var p=at(e);zoom(e.deltaY<0?1.25:0.8,p[0],p[1]);},{passive:false});\n"
	"v.addEventListener('pointerdown',function(e){if(e.button!==0)return;drag={x:e.clientX,y:e.clientY,moved:0};\n"
	"v.setPointerCapture(e.pointerId);v.classList.add('drag');});\n"
	"v.addEventListener('pointermove',function(e){if(!drag)return;var u=upp();\n"
	"cx-=(e.clientX-drag.x)*u;cy-=(e.clientY-drag.y)*u;drag.x=e.clientX;drag.y=e.clientY;set();});\n"
	"function end(){drag=null;v.classList.remove('drag');}\n"
	"v.addEventListener('pointerup',end);v.addEventListener('pointercancel',end);\n"
	"v.addEventListener('keydown',function(e){var w=W/k,h=H/k,d=e.key;\n"
	"if(d==='+'||d==='=')zoom(1.5);else if(d==='-'||d==='_')zoom(1/1.5);\n"
	"else if(d==='0'){k=1;cx=W/2;cy=H/2;set();}\n"
	"else if(d==='ArrowLeft'){cx-=w/8;set();}else if(d==='ArrowRight'){cx+=w/8;set();}\n"
	"else if(d==='ArrowUp'){cy-=h/8;set();}else if(d==='ArrowDown'){cy+=h/8;set();}\n"
	"else return;e.preventDefault();});\n"
	"});})();</script>\n";

/*============================= Status =============================*/

/* Escaped text with each YYYY-MM-DD kept on one line: a date broken at
 * its hyphens reads as two numbers. */
static void nowrap_dates(rp *r, const char *s)
{
	while (*s) {
		size_t k = 0;
		while (k < 10 && s[k] && (k == 4 || k == 7 ? s[k] == '-' : s[k] >= '0' && s[k] <= '9'))
			k++;
		if (k == 10) {
			P(r, "<span class=\"nw\">%.10s</span>", s);
			s += 10;
		} else {
			P(r, "%c", *s);
			s++;
		}
	}
}

/* The commitment in force and, when it moved, the baseline and the
 * forecast against it (data-original-commit for tools). */
static void commit_cell(rp *r, const bt_as_ms *m)
{
	char c[11], o[11], pc[8];
	if (!m->commit_story) {
		P(r, "<td class=\"d commit\">%s</td>", ds(m->commit, c));
		return;
	}
	P(r, "<td class=\"d commit\" data-original-commit=\"%s\">%s<br><span class=\"moved\">", ds(m->commit0, o),
	  ds(m->commit, c));
	nowrap_dates(r, e(r, m->commit_story));
	if (bt_as_has_chance(m) && m->fc.chance0 >= 0) {
		bt_fmt_chance(pc, sizeof pc, m->fc.chance0);
		int d = m->p50_slack0;
		P(r, "; forecast P50 %s the original (%s chance of it)",
		  d ? fmt(r, "%d working day%s %s", d < 0 ? -d : d, d == 1 || d == -1 ? "" : "s", d < 0 ? "after" : "before")
		    : "on", pc);
	}
	P(r, "</span></td>");
}

/* The badge says the RAG; the headline follows it; then the TPM's
 * notes, the program's first, each with what it is about. */
static void status_head(rp *r)
{
	const bt_assessment *a = r->a;
	P(r, "<section id=\"status\"><h2>Status</h2>\n<p class=\"headline\">");
	pill(r, a->rag);
	P(r, " %s</p>\n", e(r, a->headline));
	/* The TPM's notes, the program's first, each with what it is about. */
	if (a->notes.n) {
		P(r, "<div class=\"notes\"><h3>Notes</h3><ul>");
		for (uint32_t i = 0; i < a->notes.n; i++) {
			const bt_as_note *nt = &a->notes.v[i];
			if (nt->kind == BT_K_NONE)
				P(r, "<li>%s</li>", e(r, nt->text));
			else
				P(r, "<li><b>%s</b> <span class=\"id\">%s</span>: %s</li>", e(r, nt->title ? nt->title : nt->id),
				  nt->title ? e(r, nt->id) : "", e(r, nt->text));
		}
		P(r, "</ul></div>\n");
	}
}

/* Key figures. Returns the hand-offs at risk, which the table of them
 * counts against. */
static uint32_t key_figures(rp *r)
{
	const bt_assessment *a = r->a;
	char c[11], f[11], x[11], pc[8];
	uint32_t esc = 0, live = 0, asks = 0, atrisk = 0;
	for (uint32_t i = 0; i < a->risks.n; i++) {
		esc += (uint32_t)a->risks.v[i].escalate;
		live += a->risks.v[i].p > 0;
	}
	for (uint32_t i = 0; i < a->decs.n; i++) {
		asks += a->decs.v[i].state == BT_DEC_PROPOSED;
	}
	for (uint32_t i = 0; i < a->handoffs.n; i++)
		atrisk += (uint32_t)a->handoffs.v[i].at_risk;
	const bt_as_ms *end = &a->ms[a->nms - 1];
	uint32_t done = 0;
	for (uint32_t v = 0; v < a->sched->net.nt; v++)
		done += a->sched->net.state[v] == BT_TS_DONE;
	P(r, "<div class=\"kpis\">");
	if (end->fc.have)
		P(r, "<div class=\"kpi\"><b>%s</b><span>program end P50 (P85 %s)</span></div>", ds(end->p50, f),
		  ds(end->p85, x));
	else
		P(r, "<div class=\"kpi\"><b>%s</b><span>program end planned</span></div>", ds(end->planned, f));
	bt_fmt_chance(pc, sizeof pc, bt_as_has_chance(end) ? end->fc.chance : -1);
	P(r, "<div class=\"kpi\"><b>%s</b><span>program commit%s</span></div>", ds(end->commit, c),
	  bt_as_has_chance(end) ? fmt(r, ", %s chance", pc) : "");
	P(r, "<div class=\"kpi\"><b>%u / %u</b><span>tasks done</span></div>", done, a->sched->net.nt);
	P(r, "<div class=\"kpi\"><b>%u</b><span>live risks, %u to escalate</span></div>", live, esc);
	P(r, "<div class=\"kpi\"><b>%u</b><span>decisions needed</span></div>", asks);
	P(r, "<div class=\"kpi\"><b>%u</b><span>hand-offs at risk</span></div>", atrisk);
	P(r, "</div>\n");
	return atrisk;
}

/* Why the RAG, what is being done, and the options that would bring
 * each red commitment back (baton recover). */
static void why_and_options(rp *r)
{
	const bt_assessment *a = r->a;
	P(r, "<div class=\"cols\"><div><h3>Why</h3><ul>");
	for (uint32_t i = 0; i < a->nreason; i++)
		P(r, "<li>%s</li>", e(r, a->strs.v[a->reason0 + i]));
	if (!a->nreason)
		P(r, "<li>No reasons given.</li>");
	P(r, "</ul></div><div><h3>What is being done</h3><ul>");
	for (uint32_t i = 0; i < a->naction; i++)
		P(r, "<li>%s</li>", e(r, a->strs.v[a->action0 + i]));
	if (!a->naction)
		P(r, "<li>%s</li>", a->rag == BT_RAG_GREEN ? "Nothing needs action: on track." : "Nothing recorded.");
	P(r, "</ul>");
	if (a->options.n) {
		/* What would bring each red commitment back (baton recover). */
		P(r, "<h3>Options</h3><ul class=\"options\">");
		uint32_t nmove = 0;
		for (uint32_t i = 0; i < a->options.n; i++) {
			const bt_as_option *op = &a->options.v[i];
			char od[11], ob0[11], oc[8], ob[8];
			if (!op->what) {
				nmove++;
				continue;
			}
			bt_fmt_chance(oc, sizeof oc, op->chance);
			bt_fmt_chance(ob, sizeof ob, op->base);
			P(r, "<li><span class=\"id\">%s</span> %s &rarr; %s (P85 %s &rarr; %s) with: %s</li>", e(r, a->ms[op->ms].id), ob,
			  oc, ds(op->base_p85, ob0), ds(op->p85, od), e(r, op->what));
		}
		if (nmove) {
			P(r, "<li>Or move the commitment%s: ", nmove == 1 ? "" : "s");
			for (uint32_t i = 0, k = 0; i < a->options.n; i++) {
				const bt_as_option *op = &a->options.v[i];
				char od[11];
				if (!op->what)
					P(r, "%s<span class=\"id\">%s</span> to %s", k++ ? ", " : "", e(r, a->ms[op->ms].id),
					  ds(op->move_to, od));
			}
			P(r, " (the plan as it is reaches the target then)</li>");
		}
		P(r, "</ul><p style=\"color:var(--mute);font-size:12px\">baton recover: levelled, %ld runs.</p>", a->options_runs);
	}
	P(r, "</div></div>\n");
}

/* Milestones: PLANNED and SLACK are the schedule's, P50, P85 and the
 * chance the forecast's, beside the RAG they set. Rows and cells carry
 * the JSON names (data-ms, class planned/slack/p50/p85/chance) so
 * tools read the page as they read `status --json`. */
static void milestones_table(rp *r)
{
	const bt_assessment *a = r->a;
	char f[11], x[11], y[11], pc[8];
	P(r, "<h3>Milestones</h3><table><thead><tr><th>Milestone</th><th>Owner</th><th>Commit</th>"
	     "<th>Planned</th><th class=\"n\">Slack</th><th class=\"n\">Change</th><th class=\"n\">Done</th>%s"
	     "<th>RAG</th><th>Why</th></tr></thead><tbody>\n",
	  a->forecast ? "<th>P50</th><th>P85</th><th class=\"n\">Chance</th>" : "");
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->idx == BT_NONE && m->commit == BT_DATE_NONE)
			continue;
		P(r, "<tr %s=\"%s\"><td><span class=\"id\">%s</span>%s<br><span style=\"color:var(--mute);font-size:12px\">%s</span></td>",
		  m->idx == BT_NONE ? "data-program" : "data-ms", e(r, m->id), e(r, m->id),
		  m->idx == BT_NONE ? " (program end)" : "", e(r, m->title));
		P(r, "<td>%s</td>", e(r, m->owner ? m->owner : "\u2013"));
		commit_cell(r, m);
		P(r, "<td class=\"d planned\">%s</td>", ds(m->planned, f));
		if (m->commit != BT_DATE_NONE)
			P(r, "<td class=\"n slack\">%+d</td>", m->slack);
		else
			P(r, "<td class=\"n slack\">\u2013</td>");
		if (!m->have_prev)
			P(r, "<td class=\"n\">new</td>");
		else
			P(r, "<td class=\"n\">%+d</td>", m->change);
		P(r, "<td class=\"n\">%u/%u</td>", m->ndone, m->ntask);
		if (a->forecast) {
			P(r, "<td class=\"d p50\">%s</td><td class=\"d p85\">%s</td>", ds(m->p50, x), ds(m->p85, y));
			if (bt_as_has_chance(m)) {
				bt_fmt_chance(pc, sizeof pc, m->fc.chance);
				P(r, "<td class=\"n chance\" data-chance=\"%.4f\">%s<span class=\"chance\"><i style=\"width:%.0f%%\"></i></span></td>",
				  bt_round_share(m->fc.chance), pc, 100 * m->fc.chance);
			} else
				P(r, "<td class=\"n chance\">\u2013</td>");
		}
		P(r, "<td>");
		if (m->rag != BT_RAG_NONE)
			pill(r, m->rag);
		else
			P(r, "\u2013");
		P(r, "</td><td>%s</td></tr>\n", m->nreason ? e(r, a->strs.v[m->reason0]) : "");
	}
	P(r, "</tbody></table><p class=\"note\">Planned: the %s date at likely estimates; slack and change in working "
	     "days (change: how far the planned date moved since the last update, + later).%s</p>\n",
	  r->s->levelled ? "capacity-levelled" : "critical-path",
	  a->forecast ? " P50, P85: the dates reached in 50% and 85% of Monte Carlo runs; chance: the share of runs "
			"reaching the milestone by its commit, which sets the RAG." : "");
}

/* Decisions needed and taken, and the cross-team hand-offs at risk
 * (atrisk of them). */
static void decisions_and_handoffs(rp *r, uint32_t atrisk)
{
	const bt_assessment *a = r->a;
	const bt_plan *p = r->p;
	char c[11], f[11], x[11];
	P(r, "<div class=\"cols\"><div><h3>Decisions needed</h3>");
	int any = 0;
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &p->decisions.v[d->idx];
		if (d->state != BT_DEC_PROPOSED)
			continue;
		if (!any++)
			P(r, "<table><thead><tr><th>Decision</th><th>Ask</th><th>By</th></tr></thead><tbody>");
		P(r, "<tr><td class=\"id\">%s</td><td>%s%s%s</td><td>%s%s</td></tr>", e(r, pd->id), e(r, d->ask),
		  d->from ? " \u2014 " : "", e(r, d->from), ds(pd->need_by, c),
		  d->overdue ? fmt(r, " <b style=\"color:var(--r)\">OVERDUE %dd</b>", d->overdue_days)
			     : d->soon ? " (due soon)" : "");
	}
	P(r, any ? "</tbody></table>" : "<ul><li>None.</li></ul>");
	P(r, "<h3>Decisions taken since the last update</h3><ul>");
	any = 0;
	for (uint32_t i = 0; i < a->decs.n; i++) {
		const bt_as_dec *d = &a->decs.v[i];
		const bt_decision *pd = &p->decisions.v[d->idx];
		if (!d->taken_since)
			continue;
		any = 1;
		P(r, "<li>%s <span class=\"id\">%s</span>: %s%s</li>", ds(d->taken_on, c),
		  e(r, pd->id), e(r, pd->title), d->late_days ? fmt(r, " (%d days after it was needed)", d->late_days) : "");
	}
	if (!any)
		P(r, "<li>%s</li>", a->have_prev ? "None." : "No earlier update to compare with.");
	P(r, "</ul></div><div><h3>Cross-team hand-offs at risk</h3>");
	any = 0;
	for (uint32_t i = 0; i < a->handoffs.n; i++) {
		const bt_as_handoff *h = &a->handoffs.v[i];
		if (!h->at_risk)
			continue;
		if (any++ == 12) {
			P(r, "<tr><td colspan=\"4\">and %u more</td></tr>", atrisk - 12);
			break;
		}
		if (any == 1)
			P(r, "<table><thead><tr><th>From</th><th>To</th><th>Finish / needed by</th><th class=\"n\">Slack</th></tr></thead><tbody>");
		P(r, "<tr><td><span class=\"id\">%s</span><br>%s</td><td><span class=\"id\">%s</span><br>%s</td><td>%s / %s</td>",
		  e(r, p->tasks.v[h->from].id), e(r, team_name(p, h->from_team)), e(r, p->tasks.v[h->to].id),
		  e(r, team_name(p, h->to_team)), ds(h->finish, f), ds(h->needed_by, x));
		if (h->slack == INT32_MAX)
			P(r, "<td class=\"n\">\u2013</td></tr>");
		else
			P(r, "<td class=\"n\">%+d</td></tr>", h->slack);
	}
	P(r, any ? "</tbody></table>" : "<ul><li>None.</li></ul>");
	P(r, "</div></div>\n");
}

/* Finished and slipped since the last update, and the conflicts. */
static void changes_and_conflicts(rp *r)
{
	const bt_assessment *a = r->a;
	const bt_plan *p = r->p;
	char c[11], f[11];
	P(r, "<div class=\"cols\"><div><h3>Finished and slipped since the last update</h3><ul>");
	if (!a->have_prev)
		P(r, "<li>No earlier update to compare with.</li>");
	else {
		if (!a->finished.n)
			P(r, "<li>Finished: nothing.</li>");
		/* Every finished task on a small plan; on a big one, a list
		 * of the same length as the others. */
		uint32_t nfin = r->ru ? MIN(a->finished.n, 12) : a->finished.n;
		for (uint32_t i = 0; i < nfin; i++) {
			const bt_task *tk = &p->tasks.v[a->finished.v[i].task];
			P(r, "<li>\u2713 Finished %s: <span class=\"id\">%s</span> (%s)</li>", ds(a->finished.v[i].date, c),
			  e(r, tk->id), e(r, team_name(p, tk->team.idx)));
		}
		if (nfin < a->finished.n)
			P(r, "<li>and %u more finished tasks</li>", a->finished.n - nfin);
		if (!a->slipped.n)
			P(r, "<li>Slipped: nothing.</li>");
		for (uint32_t i = 0; i < a->slipped.n && i < 10; i++) {
			const bt_as_item *it = &a->slipped.v[i];
			const bt_task *tk = &p->tasks.v[it->task];
			P(r, "<li>\u25bc Slipped %+d: <span class=\"id\">%s</span> (%s) now finishes %s, was %s</li>", it->days,
			  e(r, tk->id), e(r, team_name(p, tk->team.idx)), ds(it->date, c), ds(it->prev, f));
		}
		if (a->slipped.n > 10)
			P(r, "<li>and %u more slipped tasks</li>", a->slipped.n - 10);
	}
	P(r, "</ul></div><div><h3>Conflicts</h3><ul>");
	for (uint32_t i = 0; i < a->conflicts.n && i < 12; i++)
		P(r, "<li>%s</li>", e(r, a->conflicts.v[i].text));
	if (a->conflicts.n > 12)
		P(r, "<li>and %u more</li>", a->conflicts.n - 12);
	if (!a->conflicts.n)
		P(r, "<li>None.</li>");
	P(r, "</ul></div></div></section>\n");
}

static void status_section(rp *r)
{
	status_head(r);
	uint32_t atrisk = key_figures(r);
	why_and_options(r);
	milestones_table(r);
	decisions_and_handoffs(r, atrisk);
	changes_and_conflicts(r);
}

/*========================== The time axis =========================*/

static double X(const rp *r, bt_date d)
{
	return r->gx + (double)(d - r->d0) * r->ppd;
}

/* Month (or week, on short programs) grid lines and labels from y0 to y1;
 * labels at y0 - 6. */
static void time_axis(rp *r, double y0, double y1)
{
	int span = r->d1 - r->d0;
	int y, m, d;
	P(r, "<g class=\"axis\" font-size=\"11\">");
	if (span <= 130) {
		bt_date w = r->d0 + (7 - bt_date_weekday(r->d0)) % 7; /* first Monday */
		for (; w < r->d1; w += 7) {
			P(r, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eef1f4\"/>", X(r, w), y0, X(r, w), y1);
			P(r, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#616e7c\">%s</text>", X(r, w) + 2, y0 - 6, short_date(r, w));
		}
	}
	bt_date_to_ymd(r->d0, &y, &m, &d);
	/* Months, quarters, then every `years` January: a plan that reaches
	 * a far year keeps some 40 lines, not one a quarter for centuries. */
	int step = span > 1100 ? 3 : 1, years = span > 14600 ? 1 + span / 14600 : 0;
	/* The rolled-up chart is drawn to the page's width: a label every
	 * 75 pixels at most (months, quarters, half-years, then years). */
	if (r->ru && !years) {
		double month = 30.44 * r->ppd;
		step = month >= 75 ? 1 : 3 * month >= 75 ? 3 : 6 * month >= 75 ? 6 : 12;
		if (step == 12 && 12 * month < 75)
			years = (int)(75 / (12 * month)) + 1;
	}
	for (;;) {
		bt_date first;
		if (bt_date_from_ymd(y, m, 1, &first))
			break;
		if (first >= r->d1)
			break;
		if (first >= r->d0 && (years ? m == 1 && y % years == 0 : (m - 1) % step == 0)) {
			P(r, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c3cbd4\"/>", X(r, first),
			  y0 - (span <= 130 ? 18 : 0), X(r, first), y1);
			P(r, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"600\">%s %d</text>", X(r, first) + 3,
			  y0 - (span <= 130 ? 20 : 6), month_name[m - 1], y);
		}
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	P(r, "</g>\n");
}

/* The status date and the program commit as vertical lines. */
static void time_marks(rp *r, double y0, double y1)
{
	const bt_assessment *a = r->a;
	char b[11];
	if (a->as_of != BT_DATE_NONE && a->as_of + 1 >= r->d0 && a->as_of < r->d1) {
		double x = X(r, a->as_of + 1);
		P(r, "<g class=\"today\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f4e79\" stroke-width=\"2\"/>"
		     "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"700\" fill=\"#1f4e79\">status %s</text>"
		     "<title>Status date %s: work before this line is actuals</title></g>\n",
		  x, y0, x, y1, x + 3, y0 + 11, ds(a->as_of, b), b);
	}
	bt_date c = r->p->prog.commit;
	if (c != BT_DATE_NONE && c + 1 >= r->d0 && c < r->d1) {
		double x = X(r, c + 1);
		P(r, "<g class=\"commit-line\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
		     "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"700\" fill=\"#b3261e\" text-anchor=\"end\">program commit %s</text>"
		     "<title>Program commit %s</title></g>\n",
		  x, y0, x, y1, x - 3, y0 + 11, ds(c, b), b);
	}
}

/* The same lines, bare, across one row of a rolled-up chart. */
static void time_marks_bare(rp *r, double y0, double y1)
{
	const bt_assessment *a = r->a;
	if (a->as_of != BT_DATE_NONE && a->as_of + 1 >= r->d0 && a->as_of < r->d1)
		P(r, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f4e79\" stroke-width=\"2\"/>",
		  X(r, a->as_of + 1), y0, X(r, a->as_of + 1), y1);
	bt_date c = r->p->prog.commit;
	if (c != BT_DATE_NONE && c + 1 >= r->d0 && c < r->d1)
		P(r, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b3261e\" stroke-width=\"1.5\" "
		     "stroke-dasharray=\"6 3\"/>",
		  X(r, c + 1), y0, X(r, c + 1), y1);
}

/*============================== Gantt =============================*/

typedef struct gorder {
	uint32_t v;
	int32_t es;
} gorder;

static int cmp_gorder(const void *x, const void *y)
{
	const gorder *a = x, *b = y;
	if (a->es != b->es)
		return a->es < b->es ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

/* The figures of a milestone (or the program end) as attributes named
 * like the JSON keys, for tools that read the page. */
static void ms_data(rp *r, const bt_as_ms *m)
{
	char d[11];
	P(r, " data-planned=\"%s\"", ds(m->planned, d));
	if (m->commit != BT_DATE_NONE)
		P(r, " data-slack=\"%d\"", m->slack);
	if (m->fc.have) {
		P(r, " data-p50=\"%s\"", ds(m->p50, d));
		P(r, " data-p85=\"%s\"", ds(m->p85, d));
	}
	if (bt_as_has_chance(m))
		P(r, " data-chance=\"%.4f\"", bt_round_share(m->fc.chance));
	if (m->rag != BT_RAG_NONE)
		P(r, " data-rag=\"%s\"", bt_rag_name(m->rag));
}

static void milestone_row(rp *r, uint32_t k, double yc, int is_end)
{
	const bt_as_ms *m = &r->a->ms[k];
	char c[11], f[11], p50[11], p85[11], pc[8];
	double xf = X(r, m->planned + 1);
	if (is_end)
		P(r, "<g class=\"progend\" data-program=\"%s\"", e(r, m->id));
	else
		P(r, "<g class=\"milestone\" data-milestone=\"%s\"", e(r, m->id));
	ms_data(r, m);
	bt_fmt_chance(pc, sizeof pc, bt_as_has_chance(m) ? m->fc.chance : -1);
	P(r, "><title>%s%s%s\ncommit %s \u00b7 planned %s%s%s%s \u00b7 %s</title>", e(r, m->id), m->title ? " \u2014 " : "",
	  e(r, m->title), ds(m->commit, c), ds(m->planned, f),
	  m->commit != BT_DATE_NONE ? fmt(r, " \u00b7 slack %+d", m->slack) : "",
	  m->fc.have ? fmt(r, " \u00b7 P50 %s \u00b7 P85 %s", ds(m->p50, p50), ds(m->p85, p85)) : "",
	  bt_as_has_chance(m) ? fmt(r, " \u00b7 %s chance", pc) : "", rag_word(m->rag));
	double xr = xf;
	if (m->p50 != BT_DATE_NONE && m->p85 != BT_DATE_NONE) {
		double a = X(r, m->p50 + 1), b = X(r, m->p85 + 1);
		P(r, "<path class=\"whisker\" d=\"M%.1f,%.1fH%.1fM%.1f,%.1fV%.1fM%.1f,%.1fV%.1f\" stroke=\"#323f4b\" stroke-width=\"1.5\" fill=\"none\"/>",
		  a, yc, b, a, yc - 5, yc + 5, b, yc - 5, yc + 5);
		xr = MAX(xr, b);
	}
	if (m->commit != BT_DATE_NONE) {
		double x = X(r, m->commit + 1);
		P(r, "<path class=\"commit\" d=\"M%.1f,%.1fl-5,-8h10z\" fill=\"#b3261e\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b3261e\" stroke-width=\"1.5\"/>",
		  x, yc - 2, x, yc - 2, x, yc + 8);
		xr = MAX(xr, x);
	}
	static const char *const fill[] = {"#1e7b34", "#d98c00", "#b3261e", "#616e7c"};
	P(r, "<path d=\"M%.1f,%.1fl7,7l-7,7l-7,-7z\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"/>", xf, yc - 7,
	  fill[m->rag < 4 ? m->rag : 3]);
	const char *lbl = m->fc.have ? fmt(r, "%s \u00b7 P50 %s, P85 %s", rag_word(m->rag), short_date(r, m->p50), short_date(r, m->p85))
		: fmt(r, "%s \u00b7 planned %s", rag_word(m->rag), short_date(r, m->planned));
	if (m->commit != BT_DATE_NONE)
		lbl = fmt(r, "%s \u00b7 commit %s", lbl, short_date(r, m->commit));
	/* The label right of the marks, or left of them near the right edge. */
	double xl = MIN(xf, m->p50 != BT_DATE_NONE ? X(r, m->p50 + 1) : xf);
	if (m->commit != BT_DATE_NONE)
		xl = MIN(xl, X(r, m->commit + 1) - 5);
	double wlab = 5.6 * (double)strlen(lbl) * 0.92;
	if (xr + 10 + wlab > r->gx + (r->d1 - r->d0) * r->ppd && xl - 10 - wlab > r->gx)
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#323f4b\" text-anchor=\"end\">%s</text></g>\n", xl - 10,
		  yc + 4, e(r, lbl));
	else
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#323f4b\">%s</text></g>\n", xr + 10, yc + 4, e(r, lbl));
}

/* The milestones lane of the Gantt chart from y; returns the y below it. */
static double milestone_lane(rp *r, double y, double width, double rowh, double lane_h)
{
	uint32_t nm = r->s->net.n - r->s->net.nt;
	P(r, "<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" fill=\"#f0f4f8\"/>", y, width, lane_h);
	P(r, "<text x=\"6\" y=\"%.1f\" font-size=\"12\" font-weight=\"700\">Milestones</text>\n", y + 15);
	y += lane_h;
	for (uint32_t k = 0; k <= nm; k++) {
		const bt_as_ms *m = &r->a->ms[k];
		if (k == nm && m->commit == BT_DATE_NONE && !m->fc.have)
			continue;
		P(r, "<text x=\"14\" y=\"%.1f\" font-size=\"11.5\">%s</text>", y + rowh / 2 + 4,
		  k == nm ? "\u25c6 program end" : fmt(r, "\u25c6 %s", trunc_e(r, m->id, 26)));
		milestone_row(r, k, y + rowh / 2, k == nm);
		y += rowh;
	}
	return y;
}

static void gantt_rollup(rp *r);

static void gantt(rp *r)
{
	if (r->ru) {
		gantt_rollup(r);
		return;
	}
	const bt_plan *p = r->p;
	const struct baton_schedule *s = r->s;
	const bt_net *n = &s->net;
	uint32_t nt = n->nt, nm = n->n - nt, nteam = p->teams.n;
	double rowh = nt > 150 ? 14 : 20, barh = rowh - 6, top = 46, lane_h = 22;
	gorder *ord = bt_arena_alloc(&r->ar, sizeof(gorder) * (nt + 1));
	uint32_t *lane_n = bt_arena_zalloc(&r->ar, sizeof(uint32_t) * (nteam + 2));
	if (!ord || !lane_n) {
		r->oom = 1;
		return;
	}
	/* Swimlanes in plan order of teams, then tasks without a team; in a
	 * lane by start. */
	uint32_t no = 0;
	for (uint32_t t = 0; t <= nteam; t++) {
		uint32_t first = no;
		for (uint32_t v = 0; v < nt; v++) {
			uint32_t tt = task_team(p, v);
			if ((t < nteam && tt == t) || (t == nteam && (tt == BT_NONE || tt >= nteam)))
				ord[no++] = (gorder){v, s->cpm.es[v]};
		}
		qsort(ord + first, no - first, sizeof(gorder), cmp_gorder);
		lane_n[t] = no - first;
	}
	uint32_t lanes = 0;
	for (uint32_t t = 0; t <= nteam; t++)
		lanes += lane_n[t] > 0;
	double height = top + lane_h + (nm + 1) * rowh + lanes * lane_h + nt * rowh + 10;
	double width = r->gx + (r->d1 - r->d0) * r->ppd + 20;
	P(r, "<section id=\"gantt\"><h2>Schedule</h2><p class=\"note\">%s dates by team; bars run from start to finish. "
	     "The %s is marked \u25b6 and outlined; hatched bars are done, the hatched part of a started bar is "
	     "behind the status date. Milestones: \u25c6 planned date (colour and label give the RAG), \u25bc commit, "
	     "whisker P50\u2013P85 of the forecast.</p>\n",
	  s->levelled ? "Capacity-levelled" : "Critical-path",
	  s->levelled ? "resource-constrained critical path" : "critical path");
	zoom_open(r, "gantt", "the schedule");
	P(r, "<svg class=\"gantt\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	     "aria-label=\"Gantt chart\">\n",
	  width, height, width, height);
	time_axis(r, top, height - 4);
	double y = milestone_lane(r, top, width, rowh, lane_h);
	uint32_t i = 0;
	for (uint32_t t = 0; t <= nteam; t++) {
		if (!lane_n[t])
			continue;
		const bt_team *tm = t < nteam ? &p->teams.v[t] : NULL;
		P(r, "<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" fill=\"#f0f4f8\"/>", y, width, lane_h);
		P(r, "<rect x=\"0\" y=\"%.1f\" width=\"4\" height=\"%.0f\" fill=\"%s\"/>", y, lane_h + lane_n[t] * rowh,
		  team_color(tm ? t : BT_NONE));
		P(r, "<text x=\"10\" y=\"%.1f\" font-size=\"12\" font-weight=\"700\">%s%s</text>\n", y + 15,
		  e(r, tm ? team_name(p, t) : "No team"),
		  tm && tm->lead ? fmt(r, " <tspan font-weight=\"400\" fill=\"#616e7c\">\u00b7 %s</tspan>", e(r, tm->lead)) : "");
		y += lane_h;
		for (uint32_t j = 0; j < lane_n[t]; j++, i++) {
			uint32_t v = ord[i].v;
			const bt_task *tk = &p->tasks.v[v];
			int crit = s->cpm.critical[v] && n->state[v] != BT_TS_DONE;
			int st = n->state[v];
			bt_date from, to;
			node_span(r, v, &from, &to);
			double x0 = X(r, from), x1 = X(r, to);
			if (x1 - x0 < 2)
				x1 = x0 + 2;
			if (j % 2)
				P(r, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"#fafbfc\"/>", r->gx, y, width - r->gx, rowh);
			P(r, "<text x=\"14\" y=\"%.1f\" font-size=\"%s\"%s>%s%s</text>", y + rowh / 2 + 4,
			  rowh < 20 ? "10" : "11.5", crit ? " font-weight=\"700\"" : st == BT_TS_DONE ? " fill=\"#7b8794\"" : "",
			  crit ? "\u25b6 " : st == BT_TS_DONE ? "\u2713 " : "", trunc_e(r, tk->id, 28));
			char a1[11], a2[11];
			const char *cls = st == BT_TS_DONE ? "bar done" : crit ? "bar crit" : st == BT_TS_STARTED ? "bar started" : "bar";
			const char *fill = st == BT_TS_DONE ? "url(#hatch)" : crit ? "#c0392b" : "#5b7db1";
			static const char *const stw[] = {"planned", "started", "done"};
			char b1[11], b2[11];
			P(r, "<rect class=\"%s\" data-task=\"%s\" data-start=\"%s\" data-finish=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" fill=\"%s\"%s>"
			     "<title>%s%s%s\n%s%s%s \u00b7 %s \u2192 %s \u00b7 %s%s%s</title></rect>",
			  cls, e(r, tk->id), ds(from, b1), ds(span_last(from, to), b2), x0, y + 3, x1 - x0, barh, fill,
			  crit ? " stroke=\"#5c0f0a\" stroke-width=\"1.5\"" : "",
			  e(r, tk->id), tk->title ? " \u2014 " : "", e(r, tk->title), e(r, team_name(p, tk->team.idx)),
			  tk->owner ? " \u00b7 " : "", e(r, tk->owner), ds(from, a1), ds(span_last(from, to), a2), stw[st % 3],
			  crit ? " \u00b7 critical path" : "",
			  s->cpm.tf[v] != BT_DAY_NONE && !crit && st != BT_TS_DONE ? fmt(r, " \u00b7 float %d", s->cpm.tf[v]) : "");
			/* The part of a started task behind the status date. */
			if (st == BT_TS_STARTED && r->a->as_of != BT_DATE_NONE) {
				double xs = MIN(X(r, r->a->as_of + 1), x1);
				if (xs > x0)
					P(r, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"url(#prog)\" pointer-events=\"none\"/>",
					  x0, y + 3, xs - x0, barh);
			}
			if (rowh >= 20)
				P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\" fill=\"#616e7c\">%s</text>", x1 + 4, y + rowh / 2 + 4,
				  trunc_e(r, tk->owner ? tk->owner : "", 18));
			P(r, "\n");
			y += rowh;
		}
	}
	time_marks(r, top - 2, height - 4);
	P(r, "</svg></div></div></section>\n");
}

/*========================= Dependency map =========================*/

#define NODE_W 144.0
#define NODE_H 38.0
#define COL_W 184.0
#define GAP_REAL 14.0
#define GAP_DUMMY 10.0

static void depmap_rollup(rp *r);

static void depmap(rp *r)
{
	if (r->ru) {
		depmap_rollup(r);
		return;
	}
	const bt_plan *p = r->p;
	const struct baton_schedule *s = r->s;
	const bt_net *n = &s->net;
	const bt_assessment *a = r->a;
	bt_layout L;
	if (bt_layout_build(&L, &r->ar, n->n, n->topo, n->pred_off, n->pred)) {
		r->oom = 1;
		return;
	}
	/* Real nodes taller than dummies. */
	double hmax = bt_layout_stack(&L, NODE_H + GAP_REAL, GAP_DUMMY);
	double pad = 20, width = L.nl * COL_W + 2 * pad - (COL_W - NODE_W), height = hmax + 2 * pad;
	uint32_t ncross = 0, nrisk = 0;
	for (uint32_t v = 0; v < n->n; v++)
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
			uint32_t u = n->pred[k];
			ncross += u < n->nt && v < n->nt && task_team(p, u) != task_team(p, v);
		}
	for (uint32_t i = 0; i < a->handoffs.n; i++)
		nrisk += (uint32_t)a->handoffs.v[i].at_risk;
	P(r, "<section id=\"map\"><h2>Cross-team dependency map</h2><p class=\"note\">Work flows left to right: each column "
	     "is a step of the longest dependency chain. Nodes carry their team by colour and by name; milestones are "
	     "\u25c6 pills. %u cross-team dependencies are dark; the %u hand-offs at risk (below the RAG margin) are red "
	     "and dashed, marked \u26a0. Critical-path work has a heavy outline.</p>\n",
	  ncross, nrisk);
	P(r, "<div class=\"legend\">");
	for (uint32_t t = 0; t < p->teams.n; t++)
		P(r, "<span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" rx=\"3\" fill=\"%s\"/></svg>%s</span>",
		  team_color(t), e(r, team_name(p, t)));
	P(r, "<span><svg width=\"28\" height=\"10\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" stroke=\"#9aa5b1\"/></svg>same team</span>"
	     "<span><svg width=\"28\" height=\"10\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" stroke=\"#243b53\" stroke-width=\"2\"/></svg>cross-team</span>"
	     "<span><svg width=\"28\" height=\"10\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" stroke=\"#b3261e\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"/></svg>\u26a0 hand-off at risk</span></div>\n");
	zoom_open(r, "depmap", "the dependency map");
	P(r, "<svg class=\"depmap\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	     "aria-label=\"Dependency map\">\n",
	  width, height, width, height);
	/* Edges first, under the nodes. */
	static const char *const ty[] = {"FS", "SS", "FF", "SF"};
	P(r, "<g fill=\"none\">\n");
	for (uint32_t v = 0; v < n->n; v++)
		for (uint32_t k = n->pred_off[v]; k < n->pred_off[v + 1]; k++) {
			uint32_t u = n->pred[k];
			uint32_t tu = u < n->nt ? task_team(p, u) : BT_NONE, tv = v < n->nt ? task_team(p, v) : BT_NONE;
			int cross = u < n->nt && v < n->nt && tu != tv;
			const bt_as_handoff *ho = NULL;
			for (uint32_t i = 0; cross && i < a->handoffs.n; i++)
				if (a->handoffs.v[i].from == u && a->handoffs.v[i].to == v) {
					ho = &a->handoffs.v[i];
					break;
				}
			int risk = ho && ho->at_risk;
			/* The path: out of u's right side, through its dummies, into v's left. */
			double x0 = pad + L.layer[u] * COL_W + NODE_W, y0 = L.y[u];
			P(r, "<path class=\"edge%s%s\" data-from=\"%s\" data-to=\"%s\" d=\"M%.1f,%.1f", cross ? " cross" : "",
			  risk ? " risk" : "", e(r, node_id(p, u)), e(r, node_id(p, v)), x0, y0);
			for (uint32_t c = L.chain_off[k]; c <= L.chain_off[k + 1]; c++) {
				uint32_t z = c < L.chain_off[k + 1] ? L.chain[c] : v;
				double x1 = pad + L.layer[z] * COL_W - (z == v ? 2 : 0), y1 = L.y[z];
				double mx = (x0 + x1) / 2;
				P(r, "C%.1f,%.1f %.1f,%.1f %.1f,%.1f", mx, y0, mx, y1, x1, y1);
				x0 = x1;
				y0 = y1;
				if (z != v) { /* straight through the dummy's column */
					x0 = x1 + NODE_W;
					P(r, "H%.1f", x0);
				}
			}
			char fb[11], nb[11];
			P(r, "\" stroke=\"%s\" stroke-width=\"%s\"%s marker-end=\"url(#%s)\"><title>%s (%s) \u2192 %s (%s): %s%s%s</title></path>\n",
			  risk ? "#b3261e" : cross ? "#243b53" : "#9aa5b1", risk ? "2.5" : cross ? "1.6" : "1",
			  risk ? " stroke-dasharray=\"6 3\"" : "", risk ? "arrr" : cross ? "arrx" : "arr", e(r, node_id(p, u)),
			  e(r, u < n->nt ? team_name(p, tu) : "milestone"), e(r, node_id(p, v)),
			  e(r, v < n->nt ? team_name(p, tv) : "milestone"), ty[n->pred_type[k] & 3],
			  n->pred_lag[k] ? fmt(r, " %+dd", n->pred_lag[k]) : "",
			  ho ? fmt(r, "; hand-off: finishes %s, needed by %s%s%s", ds(ho->finish, fb), ds(ho->needed_by, nb),
				   ho->slack == INT32_MAX ? "" : fmt(r, ", slack %+d", ho->slack), risk ? " \u2014 AT RISK" : "")
			     : "");
		}
	P(r, "</g>\n");
	/* Warning marks on at-risk hand-offs, at the consumer's left edge. */
	for (uint32_t i = 0; i < a->handoffs.n; i++) {
		const bt_as_handoff *h = &a->handoffs.v[i];
		if (!h->at_risk)
			continue;
		double x = pad + L.layer[h->to] * COL_W - 14, y = L.y[h->to] - NODE_H / 2 - 1;
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#b3261e\" font-weight=\"700\">\u26a0</text>", x, y);
	}
	/* Nodes. */
	static const char *const stw[] = {"planned", "started", "done"};
	for (uint32_t v = 0; v < n->n; v++) {
		double x = pad + L.layer[v] * COL_W, y = L.y[v] - NODE_H / 2;
		int ms = v >= n->nt;
		uint32_t t = ms ? BT_NONE : task_team(p, v);
		int crit = s->cpm.critical[v] && n->state[v] != BT_TS_DONE;
		int done = n->state[v] == BT_TS_DONE;
		bt_date from, to;
		char fd[11], td[11];
		node_span(r, v, &from, &to);
		const char *cls = ms ? "node ms" : crit ? "node crit" : done ? "node done" : "node";
		P(r, "<g class=\"%s\" data-id=\"%s\"><title>%s%s%s\n%s \u00b7 %s%s</title>", cls, e(r, node_id(p, v)),
		  e(r, node_id(p, v)), node_title(p, v) ? " \u2014 " : "", e(r, node_title(p, v)),
		  ms ? "milestone" : e(r, team_name(p, t)),
		  ms ? fmt(r, "planned %s", ds(from - 1, fd))
		     : fmt(r, "%s \u2192 %s \u00b7 %s", ds(from, fd), ds(span_last(from, to), td), stw[n->state[v] % 3]),
		  crit ? " \u00b7 critical path" : "");
		if (ms) {
			const bt_as_ms *m = &a->ms[v - n->nt];
			static const char *const fill[] = {"#e3f4e6", "#fff1d6", "#fde4e1", "#eef1f4"};
			static const char *const ink[] = {"#1e7b34", "#b26a00", "#b3261e", "#616e7c"};
			uint8_t rg = m->rag < 4 ? m->rag : 3;
			P(r, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"19\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>",
			  x, y, NODE_W, NODE_H, fill[rg], ink[rg]);
			P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11.5\" font-weight=\"700\" text-anchor=\"middle\">\u25c6 %s</text>",
			  x + NODE_W / 2, y + 16, trunc_e(r, node_id(p, v), 18));
			P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"%s\">%s \u00b7 %s</text></g>\n",
			  x + NODE_W / 2, y + 30, ink[rg], rag_word(m->rag), short_date(r, m->planned));
			continue;
		}
		P(r, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>",
		  x, y, NODE_W, NODE_H, done ? "url(#hatch)" : "#fff", crit ? "#5c0f0a" : "#9aa5b1", crit ? "2.5" : "1");
		P(r, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"%.0f\" rx=\"2\" fill=\"%s\"/>", x, y, NODE_H, team_color(t));
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"%s\">%s%s</text>", x + 11, y + 15,
		  crit ? "700" : "600", crit ? "\u25b6 " : done ? "\u2713 " : "", trunc_e(r, node_id(p, v), crit || done ? 19 : 21));
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9.5\" fill=\"#52606d\">%s \u00b7 %s</text></g>\n", x + 11, y + 30,
		  trunc_e(r, t == BT_NONE ? "no team" : p->teams.v[t].id, 12), short_date(r, span_last(from, to)));
	}
	P(r, "</svg></div></div></section>\n");
}

/*============================ Risk map ============================*/

static void riskmap(rp *r)
{
	const bt_assessment *a = r->a;
	const bt_plan *p = r->p;
	double cw = 150, ch = 76, lx = 96, ty = 10;
	double w = lx + 5 * cw + 10, h = ty + 5 * ch + 46;
	uint32_t closed = 0, esc = 0;
	for (uint32_t i = 0; i < a->risks.n; i++) {
		closed += a->risks.v[i].p <= 0;
		esc += (uint32_t)a->risks.v[i].escalate;
	}
	P(r, "<section id=\"risks\"><h2>Risks</h2><p class=\"note\">Live risks on the 5\u00d75 grid: probability band up, "
	     "mean impact band (working days) across; each cell shows its score (probability band \u00d7 impact band). "
	     "%u to escalate are marked \u25b2 and bold (their expected delay exceeds what the schedule can absorb)%s.</p>\n",
	  esc, closed ? fmt(r, "; %u closed risk%s not shown", closed, closed == 1 ? "" : "s") : "");
	P(r, "<svg class=\"heatmap\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Risk heat map\">\n",
	  w, h, w, h);
	static const char *const prow[] = {"", "P1 \u226410%", "P2 \u226430%", "P3 \u226450%", "P4 \u226470%", "P5 >70%"};
	static const char *const icol[] = {"", "I1 \u22642d", "I2 \u22645d", "I3 \u226410d", "I4 \u226420d", "I5 >20d"};
	for (int pb = 5; pb >= 1; pb--) {
		double y = ty + (5 - pb) * ch;
		P(r, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11.5\" text-anchor=\"end\" font-weight=\"600\">%s</text>", lx - 8,
		  y + ch / 2 + 4, prow[pb]);
		for (int ib = 1; ib <= 5; ib++) {
			double x = lx + (ib - 1) * cw;
			int sc = pb * ib;
			const char *bg = sc >= 15 ? "#f6c6c0" : sc >= 8 ? "#fde0b8" : sc >= 4 ? "#fbf1c7" : "#dcefdc";
			P(r, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"2\"/>",
			  x, y, cw, ch, bg);
			P(r, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" fill=\"#7b8794\" text-anchor=\"end\">%d</text>", x + cw - 5,
			  y + 13, sc);
			/* Up to four ids a cell, escalated first (the list is sorted
			 * by severity already). */
			uint32_t shown = 0, more = 0;
			for (uint32_t i = 0; i < a->risks.n; i++) {
				const bt_as_risk *rk = &a->risks.v[i];
				if (rk->p <= 0 || rk->pband != pb || rk->iband != ib)
					continue;
				if (shown == 4) {
					more++;
					continue;
				}
				const bt_risk *pr = &p->risks.v[rk->idx];
				P(r, "<text class=\"risk%s\" data-risk=\"%s\" x=\"%.0f\" y=\"%.0f\" font-size=\"11\"%s>%s%s"
				     "<title>%s%s%s\nprobability %.0f%%, mean impact %.1f wd, exposure %.1f wd%s%s%s</title></text>",
				  rk->escalate ? " esc" : "", e(r, pr->id), x + 6, y + 16 + shown * 15,
				  rk->escalate ? " font-weight=\"700\" fill=\"#8a1c14\"" : "", rk->escalate ? "\u25b2 " : "",
				  trunc_e(r, pr->id, 20), e(r, pr->id), pr->title ? " \u2014 " : "", e(r, pr->title), 100 * rk->p,
				  rk->impact, rk->exposure, rk->threat ? fmt(r, "; threatens %s", e(r, rk->threat)) : "",
				  rk->absorb != BT_DAY_NONE ? fmt(r, " (absorbs %d wd)", rk->absorb) : "",
				  rk->escalate ? "; ESCALATE" : "");
				shown++;
			}
			if (more)
				P(r, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10.5\" fill=\"#52606d\">+%u more</text>", x + 6,
				  y + 16 + 4 * 15, more);
		}
	}
	for (int ib = 1; ib <= 5; ib++)
		P(r, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11.5\" text-anchor=\"middle\" font-weight=\"600\">%s</text>",
		  lx + (ib - 0.5) * cw, ty + 5 * ch + 16, icol[ib]);
	P(r, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" fill=\"#616e7c\" text-anchor=\"middle\">mean impact \u2192</text>",
	  lx + 2.5 * cw, ty + 5 * ch + 34);
	P(r, "</svg>\n");
	/* The top of the register beside it. */
	P(r, "<table><thead><tr><th>Risk</th><th class=\"n\">P</th><th class=\"n\">Impact</th>"
	     "<th class=\"n\">Exposure</th><th class=\"n\">Absorb</th><th>Threatens</th><th>Owner</th></tr></thead><tbody>");
	uint32_t rows = 0;
	for (uint32_t i = 0; i < a->risks.n && rows < 10; i++) {
		const bt_as_risk *rk = &a->risks.v[i];
		const bt_risk *pr = &p->risks.v[rk->idx];
		if (rk->p <= 0)
			continue;
		rows++;
		P(r, "<tr%s><td><span class=\"id\">%s%s</span> <span style=\"font-size:12.5px;color:var(--mute)\">%s</span></td>"
		     "<td class=\"n\">%.0f%%</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td><td class=\"n\">%s</td><td>%s</td><td>%s</td></tr>\n",
		  rk->escalate ? " class=\"esc\"" : "", rk->escalate ? "\u25b2 " : "", e(r, pr->id), e(r, pr->title), 100 * rk->p,
		  rk->impact, rk->exposure, rk->absorb == BT_DAY_NONE ? "\u2013" : fmt(r, "%d", rk->absorb),
		  e(r, rk->threat ? rk->threat : "\u2013"), e(r, pr->owner ? pr->owner : "\u2013"));
	}
	if (!rows)
		P(r, "<tr><td colspan=\"7\">No live risks.</td></tr>");
	P(r, "</tbody></table><p class=\"note\">Impact, exposure (probability \u00d7 mean impact) and absorb (how far the work "
	     "can slip before the commitment it threatens is missed) in working days. \u25b2: escalate.</p></section>\n");
}

/*============================ S-curves ============================*/

static void scurve(rp *r, const bt_fc_ms *m, const bt_as_ms *am)
{
	const struct baton_forecast *f = r->f;
	double W = 540, H = 200, l = 42, rt = 14, t = 14, bo = 30;
	double pw = W - l - rt, ph = H - t - bo;
	int32_t lo = m->cdf_day[0], hi = m->cdf_day[m->ncdf - 1];
	if (m->commit != BT_DATE_NONE) {
		lo = MIN(lo, m->commit_day);
		hi = MAX(hi, m->commit_day);
	}
	lo -= 1;
	hi += 1;
	double sx = pw / (double)(hi - lo);
#define SX(d) (l + ((double)(d) - lo) * sx)
#define SY(q) (t + ph - (q) * ph)
	char c[11], b1[11], b2[11];
	if (am && am->idx == BT_NONE)
		P(r, "<div class=\"card\"><h4>Program end</h4>");
	else
		P(r, "<div class=\"card\"><h4><span class=\"id\">%s</span> %s</h4>", e(r, m->id), e(r, m->title));
	P(r, "<svg class=\"scurve\" data-ms=\"%s\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	     "aria-label=\"Forecast S-curve\">",
	  e(r, m->id), W, H, W, H);
	for (int q = 0; q <= 4; q++) {
		double y = SY(q / 4.0);
		P(r, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eef1f4\"/>"
		     "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#616e7c\">%d%%</text>",
		  l, y, l + pw, y, l - 4, y + 3, q * 25);
	}
	/* Date ticks: about five. */
	int32_t span = hi - lo, step = span <= 5 ? 1 : span / 5;
	for (int32_t d = lo + 1; d <= hi; d += step) {
		char db[11];
		bt_fc_date(f, d, db);
		bt_date dd;
		bt_date_parse(db, 10, &dd);
		P(r, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c3cbd4\"/>"
		     "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#616e7c\">%s</text>",
		  SX(d), t + ph, SX(d), t + ph + 4, SX(d), t + ph + 15, short_date(r, dd));
	}
	/* P50 and P85 guides. */
	for (int q = 1; q <= 3; q += 2) {
		double pq = q == 1 ? 0.5 : 0.85;
		int32_t d = m->q[q];
		bt_fc_date(f, d, b1);
		P(r, "<path d=\"M%.0f,%.1fH%.1fV%.1f\" stroke=\"#7b8794\" stroke-dasharray=\"2 3\" fill=\"none\"/>"
		     "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#323f4b\">P%d %s</text>",
		  l, SY(pq), SX(d), t + ph, SX(d) + 4, SY(pq) + 12, q == 1 ? 50 : 85, b1);
	}
	/* The CDF as a step line. */
	P(r, "<path class=\"cdf\" d=\"M%.1f,%.1f", SX(lo), SY(0));
	double prev = 0;
	for (uint32_t i = 0; i < m->ncdf; i++) {
		/* Days where the curve moves by less than a pixel are skipped
		 * (a 10,000-run curve has at most a few hundred steps anyway). */
		if (i + 1 < m->ncdf && (m->cdf_p[i] - prev) * ph < 0.5)
			continue;
		P(r, "H%.1fV%.1f", SX(m->cdf_day[i]), SY(m->cdf_p[i]));
		prev = m->cdf_p[i];
	}
	P(r, "H%.1f\" stroke=\"#1f4e79\" stroke-width=\"2\" fill=\"none\"><title>P(reached by day)</title></path>", SX(hi));
	if (m->commit != BT_DATE_NONE) {
		double x = SX(m->commit_day);
		P(r, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
		     "<text x=\"%.1f\" y=\"%.0f\" font-size=\"10.5\" font-weight=\"700\" fill=\"#b3261e\" text-anchor=\"%s\">commit %s: %.0f%%</text>",
		  x, t, x, t + ph, x + (x > l + pw * 0.6 ? -4 : 4), t + 10, x > l + pw * 0.6 ? "end" : "start",
		  ds(m->commit, c), 100 * m->chance);
	}
	P(r, "</svg>");
	bt_fc_date(f, m->q[1], b1);
	bt_fc_date(f, m->q[3], b2);
	P(r, "<div style=\"font-size:12px;color:var(--mute)\">P50 %s \u00b7 P85 %s%s", b1, b2,
	  m->commit != BT_DATE_NONE ? fmt(r, " \u00b7 %.0f%% chance by the commit", 100 * m->chance) : " \u00b7 no commitment");
	if (am && am->rag != BT_RAG_NONE) {
		P(r, " ");
		pill(r, am->rag);
	}
	P(r, "</div></div>\n");
#undef SX
#undef SY
}

static void scurves(rp *r)
{
	P(r, "<section id=\"forecast\"><h2>Forecast</h2>");
	if (!r->f) {
		P(r, "<p class=\"note\">No Monte Carlo forecast in this report (--runs 0).</p></section>\n");
		return;
	}
	P(r, "<p class=\"note\">Chance of reaching each milestone by a date, from %ld Monte Carlo runs (seed %llu) over "
	     "three-point estimates and risks: the curve is the share of runs done by then; the dashed red line is the "
	     "commit and the percentage the chance of meeting it.</p><div class=\"grid2\">\n",
	  r->f->res.runs, (unsigned long long)r->seed);
	for (uint32_t k = 0; k < r->f->nm1; k++) {
		const bt_fc_ms *m = &r->f->ms[k];
		if (!m->ncdf)
			continue;
		scurve(r, m, k < r->a->nms ? &r->a->ms[k] : NULL);
	}
	P(r, "</div></section>\n");
}

/*============================ Team load ===========================*/

static void load_chart(rp *r)
{
	const bt_plan *p = r->p;
	const struct baton_schedule *s = r->s;
	uint32_t k = p->teams.n;
	if (!k)
		return;
	/* Weekly peak demand and capacity: the schedule stage's table. */
	uint32_t nweek = s->nweek;
	bt_date week0 = s->week0;
	if (!nweek)
		return;
	int32_t *load, *cap;
	load = bt_arena_zalloc(&r->ar, sizeof(int32_t) * k * nweek);
	cap = bt_arena_alloc(&r->ar, sizeof(int32_t) * k * nweek);
	if (!load || !cap) {
		r->oom = 1;
		return;
	}
	for (uint32_t i = 0; i < k * nweek; i++) {
		load[i] = s->load[i].levelled;
		cap[i] = s->load[i].capacity;
	}
	double lane = 64, top = 30, gap = 14;
	double width = r->gx + (r->d1 - r->d0) * r->ppd + 20, height = top + k * (lane + gap) + 6;
	P(r, "<section id=\"load\"><h2>Team load</h2><p class=\"note\">Peak people a day in each week (%s dates) against "
	     "capacity (the step line, the most people on a working day of the week). Weeks that ask for more than the "
	     "team has are red, hatched and labelled with the excess.%s</p>\n",
	  s->levelled ? "capacity-levelled" : "critical-path",
	  s->levelled ? "" : " Without --level the schedule ignores capacity, so overloads here are what levelling would resolve.");
	P(r, "<div class=\"scroll\"><svg class=\"load\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	     "aria-label=\"Team load\">\n",
	  width, height, width, height);
	time_axis(r, top, height - 4);
	for (uint32_t t = 0; t < k; t++) {
		double y0 = top + t * (lane + gap), base = y0 + lane;
		int32_t mx = 1;
		for (uint32_t w = 0; w < nweek; w++)
			mx = MAX(mx, MAX(load[t * nweek + w], cap[t * nweek + w]));
		double sy = (lane - 12) / (double)mx;
		P(r, "<g data-team=\"%s\"><line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#c3cbd4\"/>", e(r, p->teams.v[t].id),
		  r->gx, base, width - 10, base);
		P(r, "<text x=\"10\" y=\"%.1f\" font-size=\"12\" font-weight=\"700\">%s</text>", y0 + 22, e(r, team_name(p, t)));
		char b1[16], b2[16];
		P(r, "<text x=\"10\" y=\"%.1f\" font-size=\"10.5\" fill=\"#616e7c\">peak %s / capacity %s</text>", y0 + 37,
		  bt_people(b1, mx), bt_people(b2, p->teams.v[t].capacity < 0 ? 0 : p->teams.v[t].capacity));
		bt_buf capd = BT_BUF_INIT;
		int pen = 0;
		int32_t pen_c = 0;
		double pen_x = 0;
		for (uint32_t w = 0; w < nweek; w++) {
			bt_date ws = week0 + (bt_date)(7 * w), we = ws + 7;
			if (we <= r->d0 || ws >= r->d1)
				continue;
			double x0 = X(r, MAX(ws, r->d0)), x1 = X(r, MIN(we, r->d1));
			int32_t u = load[t * nweek + w], c = cap[t * nweek + w];
			/* A step where the capacity changes, one line while it does
			 * not: a plan that runs for centuries draws its few steps,
			 * not one segment a week. */
			if (pen && (c < 0 || c != pen_c))
				bt_buf_printf(&capd, "H%.1f", pen_x);
			if (c >= 0 && (!pen || c != pen_c))
				bt_buf_printf(&capd, "%s%.1f,%.1f", pen ? "L" : "M", x0, base - c * sy);
			pen = c >= 0;
			pen_c = c;
			pen_x = x1;
			if (u <= 0)
				continue;
			int over = c >= 0 && u > c;
			char wb[11], b3[16];
			P(r, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s><title>%s, week of %s: %s people at peak, capacity %s%s</title></rect>",
			  x0 + 1, base - u * sy, MAX(x1 - x0 - 2, 1), u * sy, over ? "url(#over)" : team_color(t),
			  over ? " stroke=\"#b3261e\"" : " fill-opacity=\".75\"", e(r, p->teams.v[t].id), ds(ws, wb), bt_people(b1, u), bt_people(b2, c < 0 ? 0 : c),
			  over ? fmt(r, " \u2014 OVER by %s", bt_people(b3, u - c)) : "");
			if (over && x1 - x0 >= 9)
				P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9.5\" font-weight=\"700\" fill=\"#b3261e\" text-anchor=\"middle\">+%s</text>",
				  (x0 + x1) / 2, base - u * sy - 2, bt_people(b3, u - c));
		}
		if (pen)
			bt_buf_printf(&capd, "H%.1f", pen_x);
		if (capd.len)
			P(r, "<path class=\"capacity\" d=\"%s\" stroke=\"#1f2933\" stroke-width=\"1.5\" fill=\"none\"/>", capd.s);
		if (capd.oom)
			r->oom = 1;
		bt_buf_release(&capd);
		P(r, "</g>\n");
	}
	time_marks(r, top - 2, height - 4);
	P(r, "</svg></div><div class=\"legend\"><span><svg width=\"14\" height=\"10\"><rect width=\"14\" height=\"10\" fill=\"#4e79a7\" fill-opacity=\".75\"/></svg>load</span>"
	     "<span><svg width=\"14\" height=\"10\"><rect width=\"14\" height=\"10\" fill=\"url(#over)\" stroke=\"#b3261e\"/></svg>over capacity (+excess)</span>"
	     "<span><svg width=\"24\" height=\"10\"><path d=\"M0,7H12V3H24\" stroke=\"#1f2933\" stroke-width=\"1.5\" fill=\"none\"/></svg>capacity</span></div></section>\n");
}

/*============================ Slip chart ==========================*/

static int parse_d(const char *s, bt_date *d)
{
	return s && strlen(s) == 10 && bt_date_parse(s, 10, d) == 0;
}

static void slip_one(rp *r, const bt_slip_pt *pt, uint32_t np, const bt_as_ms *now)
{
	/* Points: the records, then this report when it is newer. */
	uint32_t m = np + 1;
	bt_date *x = bt_arena_alloc(&r->ar, sizeof(bt_date) * m * 3);
	if (!x) {
		r->oom = 1;
		return;
	}
	bt_date *p50 = x + m, *p85 = x + 2 * m;
	const char *asof[64];
	uint32_t k = 0;
	for (uint32_t i = 0; i < np && k < 63; i++) {
		bt_date a, b, c;
		if (!parse_d(pt[i].as_of, &a))
			continue;
		if (!parse_d(pt[i].p50, &b) && !parse_d(pt[i].planned, &b))
			continue;
		if (!parse_d(pt[i].p85, &c))
			c = b;
		x[k] = a;
		p50[k] = b;
		p85[k] = c;
		asof[k++] = pt[i].as_of;
	}
	int cur = 0;
	if (now && r->a->as_of != BT_DATE_NONE && (!k || r->a->as_of > x[k - 1])) {
		x[k] = r->a->as_of;
		p50[k] = now->p50 != BT_DATE_NONE ? now->p50 : now->planned;
		p85[k] = now->p85 != BT_DATE_NONE ? now->p85 : p50[k];
		asof[k++] = "this report";
		cur = 1;
	}
	if (!k)
		return;
	bt_date commit = BT_DATE_NONE;
	parse_d(pt[0].commit, &commit);
	bt_date lo = p50[0], hi = p85[0];
	for (uint32_t i = 0; i < k; i++) {
		lo = MIN(lo, p50[i]);
		hi = MAX(hi, p85[i]);
	}
	if (commit != BT_DATE_NONE) {
		lo = MIN(lo, commit);
		hi = MAX(hi, commit);
	}
	lo -= 3;
	hi += 3;
	double W = 540, H = 190, l = 56, rt = 16, t = 12, bo = 34, pw = W - l - rt, ph = H - t - bo;
	double dx = k > 1 ? pw / (k - 1) : 0;
#define PX(i) (k > 1 ? l + (i) * dx : l + pw / 2)
#define PY(d) (t + ph - ((double)((d) - lo)) * ph / (double)(hi - lo))
	P(r, "<div class=\"card\"><h4><span class=\"id\">%s</span>%s", e(r, pt[0].ms),
	  pt[0].is_program ? " (program end)" : "");
	/* Reached after its commitment: said as late, in red. */
	if (now && now->reached && now->commit != BT_DATE_NONE && now->slack < 0)
		P(r, " <span class=\"pill r\">reached late, %d working day%s after the commit</span>", -now->slack,
		  now->slack == -1 ? "" : "s");
	P(r, "</h4>");
	P(r, "<svg class=\"slip\" data-ms=\"%s\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Slip chart\">",
	  e(r, pt[0].ms), W, H, W, H);
	for (int g = 0; g <= 3; g++) {
		bt_date d = lo + (bt_date)((hi - lo) * g / 3);
		P(r, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eef1f4\"/><text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" "
		     "text-anchor=\"end\" fill=\"#616e7c\">%s</text>",
		  l, PY(d), l + pw, PY(d), l - 4, PY(d) + 3, short_date(r, d));
	}
	for (uint32_t i = 0; i < k; i++)
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#616e7c\"%s>%s</text>", PX(i),
		  t + ph + 15, cur && i == k - 1 ? " font-weight=\"700\"" : "",
		  cur && i == k - 1 ? "now" : short_date(r, x[i]));
	if (commit != BT_DATE_NONE) {
		char cb[11];
		P(r, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
		     "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10.5\" font-weight=\"700\" fill=\"#b3261e\" text-anchor=\"end\">commit %s</text>",
		  l, PY(commit), l + pw, PY(commit), l + pw, PY(commit) - 4, ds(commit, cb));
	}
	/* P85 dashed with squares, P50 solid with dots. */
	for (int s = 0; s < 2; s++) {
		const bt_date *v = s ? p50 : p85;
		P(r, "<path d=\"");
		for (uint32_t i = 0; i < k; i++)
			P(r, "%s%.1f,%.1f", i ? "L" : "M", PX(i), PY(v[i]));
		P(r, "\" stroke=\"%s\" stroke-width=\"2\"%s fill=\"none\"/>", s ? "#1f4e79" : "#7b8794",
		  s ? "" : " stroke-dasharray=\"5 3\"");
		for (uint32_t i = 0; i < k; i++) {
			char b[11];
			if (s)
				P(r, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#1f4e79\"><title>%s: P50 %s</title></circle>", PX(i),
				  PY(v[i]), e(r, asof[i]), ds(v[i], b));
			else
				P(r, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"6\" fill=\"#7b8794\"><title>%s: P85 %s</title></rect>",
				  PX(i) - 3, PY(v[i]) - 3, e(r, asof[i]), ds(v[i], b));
		}
	}
	P(r, "</svg></div>\n");
#undef PX
#undef PY
}

static void slips(rp *r)
{
	if (!r->h)
		return;
	bt_slip_pt *pts;
	long np = bt_history_slips(r->h, r->p->prog.id, &r->ar, &pts);
	P(r, "<section id=\"slips\"><h2>Slip chart</h2>");
	if (np == -2) {
		/* Not the note below: the history is fine, memory is not. */
		r->oom = 1;
		return;
	}
	if (np < 0) {
		P(r, "<p class=\"note\">The history could not be read.</p></section>\n");
		return;
	}
	if (!np) {
		P(r, "<p class=\"note\">No recorded updates of this program yet (<code>baton status --record</code>).</p></section>\n");
		return;
	}
	P(r, "<p class=\"note\">Each milestone's forecast at every recorded update (P50 solid \u25cf, P85 dashed \u25a0; the "
	     "planned date where a record has no forecast), against its commit. A line rising toward or past the commit "
	     "is a slip.</p><div class=\"legend\"><span><svg width=\"24\" height=\"10\"><path d=\"M0,5H24\" stroke=\"#1f4e79\" stroke-width=\"2\"/></svg>P50</span>"
	     "<span><svg width=\"24\" height=\"10\"><path d=\"M0,5H24\" stroke=\"#7b8794\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/></svg>P85</span>"
	     "<span><svg width=\"24\" height=\"10\"><path d=\"M0,5H24\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/></svg>commit</span></div>"
	     "<div class=\"grid2\">\n");
	for (long i = 0; i < np;) {
		long j = i;
		while (j < np && !strcmp(pts[j].ms, pts[i].ms) && pts[j].is_program == pts[i].is_program)
			j++;
		const bt_as_ms *now = NULL;
		for (uint32_t q = 0; q < r->a->nms; q++) {
			const bt_as_ms *m = &r->a->ms[q];
			if (pts[i].is_program ? m->idx == BT_NONE : m->idx != BT_NONE && !strcmp(m->id, pts[i].ms))
				now = m;
		}
		slip_one(r, pts + i, (uint32_t)(j - i), now);
		i = j;
	}
	P(r, "</div></section>\n");
}

/*===================== Big plans: the roll-up =====================*/

/* Above BT_ROLLUP_TASKS tasks the Gantt chart draws one bar per group
 * (workstream, else team) and the dependency map becomes a matrix of the
 * links between groups (rollup.c computes both). A group's tasks are
 * shipped as data, not drawn: the script below draws them when the group
 * is opened, so the page stays light whatever the plan's size. */

static const char css_rollup[] =
	".bignote{background:#fff8e6;border:1px solid #e8c77a;border-radius:8px;padding:10px 14px;margin:0 0 18px}\n"
	".gtop svg,details.ws svg,.wstasks svg{max-width:100%;height:auto}\n"
	"details.ws>summary{list-style:none;cursor:pointer;display:block}\n"
	"details.ws>summary::-webkit-details-marker{display:none}\n"
	"details.ws>summary:hover{background:var(--bg)}\n"
	"details.ws>summary:focus-visible{outline:2px solid var(--acc);outline-offset:-2px}\n"
	"details.ws[open]>summary{background:#e8eef5}\n"
	".wstasks{background:#fcfcfd;margin:0 0 6px}\n"
	".wstasks p{margin:4px 0 8px 14px;color:var(--mute);font-size:12px}\n";

/* The drill-down: plain DOM (no innerHTML, no eval), so it runs under
 * serve's CSP, and text from the plan stays text. A row of data is
 * [id, title, first day, one past the last day (days from data-d0), state
 * (0 planned, 1 started, 2 done), critical, total float (null: none),
 * team (index into #gantt-teams, -1: none), owner]. */
static const char rollup_js[] =
	"<script>(function(){'use strict';\n"
	"var sec=document.getElementById('gantt'),tj=document.getElementById('gantt-teams'),sv=sec&&sec.querySelector('svg');\n"
	"if(!tj||!sv)return;\n"
	"var ds=sec.dataset,gx=+ds.gx,ppd=+ds.ppd,W=+ds.width,D0=Date.parse(ds.d0+'T00:00:00Z'),teams=JSON.parse(tj.textContent),\n"
	"NS=sv.namespaceURI,RH=14,SW=['planned','started','done'];\n"
	"function el(n,a,p){var e=document.createElementNS(NS,n);for(var k in a)e.setAttribute(k,a[k]);p.appendChild(e);return e;}\n"
	"function day(o){return new Date(D0+o*864e5).toISOString().slice(0,10);}\n"
	"function cut(s,n){var c=Array.from(s);return c.length>n?c.slice(0,n-1).join('')+'\\u2026':s;}\n"
	"function line(s,x,H,col,dash){if(x===undefined||x==='')return;var l=el('line',{x1:x,y1:0,x2:x,y2:H,stroke:col,'stroke-width':dash?1.5:2},s);\n"
	"if(dash)l.setAttribute('stroke-dasharray','6 3');}\n"
	"function draw(d){var box=d.querySelector('.wstasks'),rows=JSON.parse(d.querySelector('script.wsdata').textContent),H=rows.length*RH+8;\n"
	"var s=el('svg',{'class':'gantt wsgantt',width:W,height:H,viewBox:'0 0 '+W+' '+H,role:'img','aria-label':'Tasks of '+d.getAttribute('data-ws')},box);\n"
	"rows.forEach(function(t,i){var y=4+i*RH,f=t[2],to=t[3],st=t[4],cr=t[5],x0=gx+f*ppd,x1=Math.max(gx+to*ppd,x0+2),fin=to>f?to-1:f;\n"
	"if(i%2)el('rect',{x:gx,y:y,width:W-gx,height:RH,fill:'#fafbfc'},s);\n"
	"var tx=el('text',{x:14,y:y+RH/2+4,'font-size':10},s);if(cr)tx.setAttribute('font-weight','700');else if(st===2)tx.setAttribute('fill','#7b8794');\n"
	"tx.textContent=(cr?'\\u25b6 ':st===2?'\\u2713 ':'')+cut(t[0],28);\n"
	"var b=el('rect',{'class':st===2?'bar done':cr?'bar crit':st===1?'bar started':'bar','data-task':t[0],'data-start':day(f),'data-finish':day(fin),\n"
	"x:x0.toFixed(1),y:y+3,width:(x1-x0).toFixed(1),height:RH-6,rx:2,fill:st===2?'url(#hatch)':cr?'#c0392b':'#5b7db1'},s);\n"
	"if(cr){b.setAttribute('stroke','#5c0f0a');b.setAttribute('stroke-width','1.5');}\n"
	"el('title',{},b).textContent=t[0]+(t[1]?' \\u2014 '+t[1]:'')+'\\n'+(t[7]>=0?teams[t[7]]:'no team')+(t[8]?' \\u00b7 '+t[8]:'')+' \\u00b7 '+day(f)+' \\u2192 '+day(fin)+\n"
	"' \\u00b7 '+SW[st]+(cr?' \\u00b7 critical path':'')+(t[6]!==null&&!cr&&st!==2?' \\u00b7 float '+t[6]:'');\n"
	"if(st===1&&ds.statusX){var xs=Math.min(+ds.statusX,x1);if(xs>x0)el('rect',{x:x0.toFixed(1),y:y+3,width:(xs-x0).toFixed(1),height:RH-6,fill:'url(#prog)','pointer-events':'none'},s);}});\n"
	"line(s,ds.statusX,H,'#1f4e79',0);line(s,ds.commitX,H,'#b3261e',1);}\n"
	"document.querySelectorAll('#gantt details.ws').forEach(function(d){d.addEventListener('toggle',function(){\n"
	"var tw=d.querySelector('.tw');if(tw)tw.textContent=d.open?'\\u25be':'\\u25b8';\n"
	"if(d.open&&!d.hasAttribute('data-drawn')){d.setAttribute('data-drawn','');draw(d);}});});\n"
	"})();</script>\n";

/* "10,000" */
static const char *num(rp *r, uint32_t n)
{
	if (n < 1000)
		return fmt(r, "%u", n);
	if (n < 1000000)
		return fmt(r, "%u,%03u", n / 1000, n % 1000);
	return fmt(r, "%u,%03u,%03u", n / 1000000, n / 1000 % 1000, n % 1000);
}

/* s as a JSON string inside a <script> data block: '<' escaped too, so
 * no "</script>" or "<!--" can end the block. */
static void json_str(rp *r, const char *s)
{
	bt_buf_putc(r->b, '"');
	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		if (*q == '"' || *q == '\\')
			P(r, "\\%c", *q);
		else if (*q < 0x20 || *q == '<' || *q == '>' || *q == '&')
			P(r, "\\u%04x", *q);
		else
			bt_buf_putc(r->b, (char)*q);
	}
	bt_buf_putc(r->b, '"');
}

static const char *group_name(rp *r, const bt_rollup_group *G)
{
	return G->name ? G->name : r->ru->by_workstream ? "No workstream" : "No team";
}

/* One group's row in the chart: its span as one bar, red when it holds
 * critical work, with its counts beside it. */
static void group_row(rp *r, const bt_rollup_group *G, uint32_t gi, double width, double h)
{
	const struct baton_schedule *s = r->s;
	char b1[11], b2[11];
	const char *nm = group_name(r, G);
	P(r, "<details class=\"ws\" data-ws=\"%s\" data-tasks=\"%u\"><summary><svg class=\"wsrow\" width=\"%.0f\" height=\"%.0f\" "
	     "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s: %u tasks\">",
	  e(r, nm), G->ntask, width, h, width, h, e(r, nm), G->ntask);
	if (gi % 2)
		P(r, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafbfc\"/>", width, h);
	P(r, "<rect x=\"0\" y=\"0\" width=\"4\" height=\"%.0f\" fill=\"%s\"/>", h, team_color(G->team));
	P(r, "<text x=\"10\" y=\"%.1f\" font-size=\"12\" font-weight=\"700\"%s><tspan class=\"tw\">\u25b8</tspan> %s</text>",
	  h / 2 + 4, G->name ? "" : " fill=\"#616e7c\"", trunc_e(r, nm, 24));
	double x0 = X(r, G->from), x1 = X(r, G->to);
	if (x1 - x0 < 2)
		x1 = x0 + 2;
	int crit = G->ncrit > 0, alldone = G->ndone == G->ntask;
	const char *fl = G->min_float == BT_DAY_NONE ? "" : fmt(r, " \u00b7 least float %d", G->min_float);
	P(r, "<rect class=\"wsbar%s\" data-ws=\"%s\" data-start=\"%s\" data-finish=\"%s\" data-tasks=\"%u\" data-done=\"%u\" "
	     "data-critical=\"%u\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\" fill=\"%s\"%s>"
	     "<title>%s\n%u tasks: %u done, %u started, %u on the critical path%s\n%s \u2192 %s</title></rect>",
	  crit ? " crit" : alldone ? " done" : "", e(r, nm), ds(G->from, b1), ds(span_last(G->from, G->to), b2), G->ntask,
	  G->ndone, G->ncrit, x0, 5.0, x1 - x0, h - 10, alldone ? "url(#hatch)" : crit ? "#c0392b" : "#5b7db1",
	  crit ? " stroke=\"#5c0f0a\" stroke-width=\"1.5\"" : "", e(r, nm), G->ntask, G->ndone, G->nstarted, G->ncrit, fl,
	  ds(G->from, b1), ds(span_last(G->from, G->to), b2));
	/* Done share as a strip along the bar's foot. */
	if (G->ndone && !alldone)
		P(r, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"3\" fill=\"#1f2933\" fill-opacity=\".45\" pointer-events=\"none\"/>",
		  x0, h - 8, (x1 - x0) * G->ndone / G->ntask);
	const char *lbl = fmt(r, "%s task%s%s%s", num(r, G->ntask), G->ntask == 1 ? "" : "s",
			      G->ncrit ? fmt(r, " \u00b7 %s critical", num(r, G->ncrit)) : "",
			      G->ndone ? fmt(r, " \u00b7 %s done", num(r, G->ndone)) : "");
	double wlab = 5.6 * (double)strlen(lbl) * 0.92;
	if (x1 + 6 + wlab > width - 4 && x0 - 6 - wlab > r->gx)
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\" fill=\"#52606d\" text-anchor=\"end\">%s</text>", x0 - 6, h / 2 + 4, lbl);
	else
		P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\" fill=\"#52606d\">%s</text>", x1 + 6, h / 2 + 4, lbl);
	time_marks_bare(r, 0, h);
	P(r, "</svg></summary><div class=\"wstasks\"><noscript><p>The tasks are drawn by the page's script.</p></noscript></div>"
	     "<script type=\"application/json\" class=\"wsdata\">[");
	/* Its tasks, by start, as the script's rows. */
	for (uint32_t i = 0; i < G->ntask; i++) {
		uint32_t v = r->ru->tasks[G->task0 + i];
		const bt_task *tk = &r->p->tasks.v[v];
		bt_date from, to;
		node_span(r, v, &from, &to);
		int st = s->net.state[v];
		uint32_t t = task_team(r->p, v);
		P(r, "%s[", i ? ",\n" : "");
		json_str(r, tk->id);
		P(r, ",");
		json_str(r, tk->title ? tk->title : "");
		P(r, ",%d,%d,%d,%d,", (int)(from - r->d0), (int)(to - r->d0), st, s->cpm.critical[v] && st != BT_TS_DONE);
		if (s->cpm.tf[v] == BT_DAY_NONE)
			P(r, "null");
		else
			P(r, "%d", s->cpm.tf[v]);
		P(r, ",%d,", t < r->p->teams.n ? (int)t : -1);
		if (tk->owner)
			json_str(r, tk->owner);
		else
			P(r, "null");
		P(r, "]");
	}
	P(r, "]</script></details>\n");
}

static void gantt_rollup(rp *r)
{
	const bt_rollup *ru = r->ru;
	const bt_plan *p = r->p;
	const struct baton_schedule *s = r->s;
	uint32_t nm = s->net.n - s->net.nt;
	const char *what = ru->by_workstream ? "workstream" : "team";
	double rowh = 20, top = 46, lane_h = 22, wsh = 26;
	double width = r->gx + (r->d1 - r->d0) * r->ppd + 20, height = top + lane_h + (nm + 1) * rowh + 6;
	char d0[11];
	P(r, "<section id=\"gantt\" class=\"rollup\" data-gx=\"%.0f\" data-ppd=\"%.6g\" data-width=\"%.0f\" data-d0=\"%s\"", r->gx,
	  r->ppd, width, ds(r->d0, d0));
	if (r->a->as_of != BT_DATE_NONE && r->a->as_of + 1 >= r->d0 && r->a->as_of < r->d1)
		P(r, " data-status-x=\"%.1f\"", X(r, r->a->as_of + 1));
	if (p->prog.commit != BT_DATE_NONE && p->prog.commit + 1 >= r->d0 && p->prog.commit < r->d1)
		P(r, " data-commit-x=\"%.1f\"", X(r, p->prog.commit + 1));
	P(r, "><h2>Schedule</h2><p class=\"note\"><b>This plan has %s tasks, too many to draw one by one: the chart shows "
	     "one bar per %s (%s), from its first start to its last finish; click a %s to see its tasks.</b> %s dates. "
	     "A red bar holds unfinished critical-path work (the %s); hatched: all done; the dark strip at a bar's foot "
	     "is the share of its tasks done. Milestones: \u25c6 planned date (colour and label give the RAG), \u25bc "
	     "commit, whisker P50\u2013P85 of the forecast.</p>\n",
	  num(r, s->net.nt), what, num(r, ru->ngroup), what, s->levelled ? "Capacity-levelled" : "Critical-path",
	  s->levelled ? "resource-constrained critical path" : "critical path");
	/* The teams' names, once, for the drawn tasks' tooltips. */
	P(r, "<script type=\"application/json\" id=\"gantt-teams\">[");
	for (uint32_t t = 0; t < p->teams.n; t++) {
		P(r, "%s", t ? "," : "");
		json_str(r, team_name(p, t));
	}
	P(r, "]</script>\n");
	P(r, "<div class=\"gtop\"><svg class=\"gantt\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	     "aria-label=\"Gantt chart: milestones\">\n",
	  width, height, width, height);
	time_axis(r, top, height - 4);
	milestone_lane(r, top, width, rowh, lane_h);
	time_marks(r, top - 2, height - 4);
	P(r, "</svg></div>\n<div class=\"wslist\">\n");
	for (uint32_t g = 0; g < ru->ngroup; g++)
		group_row(r, &ru->g[g], g, width, wsh);
	P(r, "</div></section>\n");
}

/* The links between groups as a matrix (a dependency structure matrix,
 * Steward 1981): row the group whose task comes first, column the one
 * whose task waits, the count in the cell; only non-empty cells drawn.
 * Past BT_ROLLUP_MATRIX groups, the busiest pairs as a table instead. */
static void depmap_rollup(rp *r)
{
	const bt_rollup *ru = r->ru;
	const char *what = ru->by_workstream ? "workstream" : "team";
	uint32_t ng = ru->ngroup, maxc = 1;
	for (uint32_t i = 0; i < ru->ncell; i++)
		if (ru->cell[i].from != ru->cell[i].to)
			maxc = MAX(maxc, ru->cell[i].links);
	int matrix = ng <= BT_ROLLUP_MATRIX;
	P(r, "<section id=\"map\" class=\"rollup\"><h2>Dependencies between %ss</h2><p class=\"note\"><b>With %s tasks, a "
	     "node per task cannot be read: the map counts the links between %ss instead.</b> ",
	  what, num(r, r->s->net.nt), what);
	if (matrix)
		P(r, "Row: the %s whose task comes first; column (numbered as the rows): the %s whose task waits for it. ", what,
		  what);
	P(r, "%s task-to-task links, %s of them between two %ss%s; %s %s. %s Links to and from milestones are not "
	     "counted.</p>\n",
	  num(r, ru->nlinks), num(r, ru->ncross), what, matrix ? " (darker: more)" : "",
	  matrix ? "the diagonal counts the links inside a" : "the rest are inside a", what,
	  ru->nrisky ? fmt(r, "%s the %s cross-team hand-off%s at risk.", matrix ? "Red cells hold" : "Marked \u26a0:",
			   num(r, ru->nrisky), ru->nrisky == 1 ? "" : "s")
		     : "No cross-team hand-off is at risk.");
	if (!matrix) {
		uint32_t shown = 0;
		P(r, "<p class=\"note\">%s %ss are too many for a matrix: the busiest pairs.</p><table class=\"pairs\"><thead><tr>"
		     "<th>First</th><th>Then</th><th class=\"n\">Links</th><th class=\"n\">At risk</th></tr></thead><tbody>\n",
		  num(r, ng), what);
		for (uint32_t i = 0; i < ru->ncell && shown < 30; i++) {
			const bt_rollup_cell *c = &ru->cell[ru->busiest[i]];
			if (c->from == c->to)
				break;
			const char *a = e(r, group_name(r, &ru->g[c->from])), *b = e(r, group_name(r, &ru->g[c->to]));
			P(r, "<tr class=\"cell%s\" data-from=\"%s\" data-to=\"%s\" data-links=\"%u\"><td>%s</td><td>%s</td>"
			     "<td class=\"n\">%u</td><td class=\"n\">%s</td></tr>\n",
			  c->risky ? " risk" : "", a, b, c->links, a, b, c->links, c->risky ? fmt(r, "\u26a0 %u", c->risky) : "");
			shown++;
		}
		uint32_t pairs = 0;
		for (uint32_t i = 0; i < ru->ncell; i++)
			pairs += ru->cell[i].from != ru->cell[i].to;
		if (pairs > shown)
			P(r, "<tr><td colspan=\"4\">and %s more pairs</td></tr>", num(r, pairs - shown));
		P(r, "</tbody></table></section>\n");
		return;
	}
	double c = ng > 60 ? 12 : 22, lx = 230, ty = 30;
	double width = lx + ng * c + 10, height = ty + ng * c + 10;
	P(r, "<div class=\"scroll\"><svg class=\"depmatrix\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	     "aria-label=\"Links between %ss\">\n",
	  width, height, width, height, what);
	double fs = c >= 20 ? 10.5 : 8;
	for (uint32_t g = 0; g < ng; g++) {
		double y = ty + g * c;
		if (g % 2)
			P(r, "<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafbfc\"/>", y, width, c);
		P(r, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"end\">%s <tspan fill=\"#7b8794\">%u</tspan></text>",
		  lx - 6, y + c / 2 + 4, fs + 1, trunc_e(r, group_name(r, &ru->g[g]), 30), g + 1);
		if (g == 0 || (g + 1) % 5 == 0 || c >= 20)
			P(r, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"%.1f\" text-anchor=\"middle\" fill=\"#7b8794\">%u</text>",
			  lx + g * c + c / 2, ty - 8, fs, g + 1);
	}
	P(r, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#c3cbd4\"/>\n", lx, ty, ng * c, ng * c);
	for (uint32_t q = 0; q < ru->ncell; q++) {
		const bt_rollup_cell *cl = &ru->cell[q];
		uint32_t i = cl->from, j = cl->to, k = cl->links, x = cl->risky;
		const char *a = e(r, group_name(r, &ru->g[i])), *b = e(r, group_name(r, &ru->g[j]));
		/* Shade by the count against the largest, on a square-root
		 * scale so that a few links still show. */
		double sh = i == j ? 0 : 0.15 + 0.85 * sqrt((double)k / maxc);
		P(r, "<g class=\"cell%s\" data-from=\"%s\" data-to=\"%s\" data-links=\"%u\"%s><rect x=\"%.1f\" y=\"%.1f\" "
		     "width=\"%.0f\" height=\"%.0f\" fill=\"%s\"%s%s/>",
		  x ? " risk" : "", a, b, k, x ? fmt(r, " data-at-risk=\"%u\"", x) : "", lx + j * c + 1, ty + i * c + 1, c - 2,
		  c - 2, i == j ? "#dfe4ea" : "#1f4e79", i == j ? "" : fmt(r, " fill-opacity=\"%.2f\"", sh),
		  x ? " stroke=\"#b3261e\" stroke-width=\"2\"" : "");
		if (c >= 20)
			P(r, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"middle\"%s>%s</text>", lx + j * c + c / 2,
			  ty + i * c + c / 2 + 3.5, k >= 1000 ? 7.5 : 9, sh > 0.55 ? " style=\"fill:#fff\"" : "",
			  k >= 10000 ? fmt(r, "%uk", k / 1000) : fmt(r, "%u", k));
		P(r, "<title>%s \u2192 %s: %u link%s%s</title></g>\n", a, b, k, k == 1 ? "" : "s",
		  x ? fmt(r, ", %u hand-off%s at risk", x, x == 1 ? "" : "s") : "");
	}
	P(r, "</svg></div></section>\n");
}

/* Said at the top of a rolled-up page: what it aggregates and why. */
static void rollup_note(rp *r)
{
	const bt_rollup *ru = r->ru;
	const char *what = ru->by_workstream ? "workstream" : "team";
	P(r, "<p class=\"bignote\" id=\"rollup\"><b>This plan has %s tasks: the Gantt shows %s %ss; click one to see "
	     "its tasks.</b>%s Drawn task by task (as plans of up to %u tasks are), the page would be too big to read or "
	     "to open: the dependency map counts the links between %ss, and long lists show their first 12 with the "
	     "rest counted. <code>baton schedule</code> lists every task.</p>\n",
	  num(r, r->s->net.nt), num(r, ru->ngroup), what,
	  ru->nworkstream ? fmt(r, " (Its %s workstreams are too many to sum it up: more than %u.)", num(r, ru->nworkstream),
				BT_ROLLUP_GROUPS)
			  : "",
	  BT_ROLLUP_TASKS, what);
}

/*============================== Page ==============================*/

/* The time axis: from the program start (or the earliest date shown) to
 * a little after the latest finish, P85 and commit. */
/* With a history: how its recorded forecasts turned out (calibrate.c
 * computes, render_calibration.c formats). */
static void calibration(rp *r)
{
	if (!r->h)
		return;
	baton_error err;
	baton_calibration *c = baton_calibration_compute((baton_plan *)r->p, r->h, r->as_of, &err);
	if (c)
		bt_render_calibration_html(r->b, c);
	else if (err.code == BATON_ERR_NOMEM)
		r->oom = 1;
	else
		P(r, "<section id=\"calibration\"><h2>Calibration</h2><p class=\"note\">The history could not be read.</p></section>\n");
	baton_calibration_free(c);
}

static void axis_range(rp *r)
{
	const struct baton_schedule *s = r->s;
	const bt_assessment *a = r->a;
	bt_date lo = bt_cal_date(&s->net.cal, 0), hi = lo + 1;
	for (uint32_t v = 0; v < s->net.n; v++) {
		bt_date f, t;
		node_span(r, v, &f, &t);
		lo = MIN(lo, f);
		hi = MAX(hi, t);
	}
	for (uint32_t k = 0; k < a->nms; k++) {
		const bt_as_ms *m = &a->ms[k];
		if (m->commit != BT_DATE_NONE)
			hi = MAX(hi, m->commit + 1);
		if (m->p85 != BT_DATE_NONE)
			hi = MAX(hi, m->p85 + 1);
	}
	if (a->as_of != BT_DATE_NONE)
		hi = MAX(hi, a->as_of + 1);
	lo -= bt_date_weekday(lo); /* a Monday */
	int span = hi - lo;
	hi += 7 + span / 5; /* room for the milestone labels */
	r->d0 = lo;
	r->d1 = hi;
	r->gx = 200;
	double w = 960;
	r->ppd = w / (double)(r->d1 - r->d0);
	if (r->ppd < 1.0) /* long programs: at least a pixel a day */
		r->ppd = 1.0;
	if (r->ppd > 24)
		r->ppd = 24;
}

static int render(rp *r, const char *plan_name)
{
	const bt_plan *p = r->p;
	const bt_assessment *a = r->a;
	const char *title = p->prog.title ? p->prog.title : p->prog.id ? p->prog.id : "Program";
	char d[11];
	axis_range(r);
	/* Too many tasks to draw one by one: the roll-up. */
	bt_rollup ru;
	if (r->s->net.nt > BT_ROLLUP_TASKS) {
		if (bt_rollup_build(&ru, &r->ar, p, r->s, a))
			return -1;
		r->ru = &ru;
		/* The rolled-up chart fits the page's width: a bar per group
		 * needs no pixel per day, and a page as wide as the program
		 * is long draws its text too small to read. */
		r->ppd = MIN(960.0 / (double)(r->d1 - r->d0), 24);
	}
	P(r, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<meta name=\"generator\" content=\"baton %s\">\n<title>%s \u2014 status %s</title>\n<style>\n%s%s</style>\n</head>\n<body>\n",
	  BATON_VERSION, e(r, title), a->as_of == BT_DATE_NONE ? "from the start" : ds(a->as_of, d), css,
	  r->ru ? css_rollup : "");
	defs(r);
	P(r, "<header class=\"top\"><div class=\"in\"><div><h1>%s</h1><div class=\"sub\">%s%s%s \u00b7 %s \u00b7 %s</div></div><div>",
	  e(r, title), p->prog.id ? fmt(r, "<span class=\"id\">%s</span> \u00b7 ", e(r, p->prog.id)) : "",
	  r->s->scen ? fmt(r, "<b>under scenario %s%s%s%s</b> \u00b7 ", e(r, r->s->scen->id), r->s->scen->title ? " (" : "",
			   r->s->scen->title ? e(r, r->s->scen->title) : "", r->s->scen->title ? ")" : "")
		     : "",
	  a->as_of == BT_DATE_NONE ? "from the program start" : fmt(r, "status as of %s", ds(a->as_of, d)),
	  r->s->levelled ? "capacity-levelled" : "critical path",
	  r->f ? fmt(r, "%ld Monte Carlo runs", r->f->res.runs) : "no forecast run");
	pill(r, a->rag);
	P(r, "</div></div></header>\n<main>\n<nav class=\"toc\"><a href=\"#status\">Status</a><a href=\"#gantt\">Schedule</a>"
	     "<a href=\"#map\">Dependency map</a><a href=\"#risks\">Risks</a><a href=\"#forecast\">Forecast</a>"
	     "%s%s</nav>\n",
	  p->teams.n ? "<a href=\"#load\">Team load</a>" : "", r->h ? "<a href=\"#slips\">Slip chart</a>" : "");
	if (r->ru)
		rollup_note(r);
	status_section(r);
	gantt(r);
	depmap(r);
	riskmap(r);
	scurves(r);
	load_chart(r);
	slips(r);
	calibration(r);
	P(r, "%s%s", zoom_js, r->ru ? rollup_js : "");
	P(r, "</main>\n<footer>Generated by baton %s from %s%s. Planned dates are the schedule's at likely estimates; P50, "
	     "P85 and chances are the Monte Carlo forecast's. The page is self-contained and prints on A4 landscape.</footer>\n"
	     "</body>\n</html>\n",
	  BATON_VERSION, e(r, plan_name), a->have_prev ? fmt(r, "; changes since %s", ds(a->prev.as_of, d)) : "");
	return r->oom || r->b->oom ? -1 : 0;
}

char *bt_report_html(baton_plan *plan, const baton_report_opts *opts, const char **err)
{
	baton_report_opts def = BATON_REPORT_OPTS_INIT;
	const char *dummy;
	if (!err)
		err = &dummy;
	if (!opts)
		opts = &def;
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	so.as_of = opts->as_of;
	so.level = opts->level;
	so.seed = so.forecast_seed = opts->seed;
	so.runs = opts->runs;
	so.history = opts->history;
	so.scenario = opts->scenario;
	so.options = opts->options;
	struct baton_forecast *f = NULL;
	bt_assessment *a = bt_assess_plan(plan, &so, err, &f);
	if (!a)
		return NULL;
	bt_buf b = BT_BUF_INIT;
	rp r;
	memset(&r, 0, sizeof(r));
	r.b = &b;
	r.p = plan;
	r.a = a;
	r.s = a->sched;
	r.f = f;
	r.h = opts->history;
	r.as_of = opts->as_of;
	r.runs = opts->runs;
	r.seed = opts->seed;
	int rc = render(&r, plan->src.name ? plan->src.name : "the plan");
	bt_arena_release(&r.ar);
	baton_forecast_free(f);
	baton_assessment_free(a);
	if (rc) {
		bt_buf_release(&b);
		*err = "out of memory";
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}
