/*
 * diag.c: collecting and printing diagnostics (the mandoc/jq format with a
 * caret underline, as in chibicc's verror_at).
 */
#include "diag.h"
#include "jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *sev_name[] = {"note", "warning", "error"};

/* A message quotes the plan (ids, titles); past this it is cut, and says
 * so, so one hostile line cannot make a megabyte of output. */
#define BT_DIAG_MAX 512

void bt_diag_add(bt_diags *d, enum bt_severity sev, uint32_t start,
		 uint32_t end, const char *fmt, ...)
{
	va_list ap;
	if (sev == BT_ERROR)
		d->errors++;
	else if (sev == BT_WARNING)
		d->warnings++;
	bt_diag *g = BT_VEC_PUSH(d->list);
	if (!g) {
		d->oom = 1;
		return;
	}
	va_start(ap, fmt);
	g->msg = bt_arena_vprintf_cut(d->arena, BT_DIAG_MAX, fmt, ap);
	va_end(ap);
	g->sev = (uint8_t)sev;
	g->start = start;
	g->end = end > start ? end : start + 1;
	g->seq = d->list.n - 1;
	g->help = NULL;
	if (!g->msg) {
		/* Kept with an empty message, so the list and counts agree
		 * for whoever reads the counts only. */
		g->msg = "";
		d->oom = 1;
	}
}

void bt_diag_help(bt_diags *d, const char *fmt, ...)
{
	va_list ap;
	if (!d->list.n)
		return;
	va_start(ap, fmt);
	d->list.v[d->list.n - 1].help = bt_arena_vprintf_cut(d->arena, BT_DIAG_MAX, fmt, ap);
	va_end(ap);
	d->oom |= !d->list.v[d->list.n - 1].help;
}

/* Columns count characters, not bytes: UTF-8 continuation bytes add none. */
static int utf8_cols(const char *s, uint32_t n)
{
	int c = 0;
	for (uint32_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

void bt_source_locate(const bt_source *src, uint32_t off, int *line, int *col)
{
	int l = 1;
	uint32_t ls = 0;
	if (off > src->len)
		off = src->len;
	for (uint32_t i = 0; i < off; i++) {
		if (src->text[i] == '\n') {
			l++;
			ls = i + 1;
		}
	}
	*line = l;
	*col = utf8_cols(src->text + ls, off - ls) + 1;
}

static int diag_cmp(const void *a, const void *b)
{
	const bt_diag *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A sorted copy of the list, or NULL when memory runs out. */
static bt_diag *sorted(const bt_diags *d)
{
	bt_diag *s = bt_malloc(sizeof(*s) * (d->list.n ? d->list.n : 1));
	if (!s)
		return NULL;
	if (d->list.n)
		memcpy(s, d->list.v, sizeof(*s) * d->list.n);
	qsort(s, d->list.n, sizeof(*s), diag_cmp);
	return s;
}

/* Line starts are found by one forward scan over the sorted diagnostics,
 * so printing N diagnostics costs one pass over the source. */
/* Diagnostics shown at most: a plan with a million repeated mistakes says
 * the first ones and how many more, not 133 MB of the same line. */
#define BT_DIAG_SHOWN 100

void bt_diags_render(bt_buf *out, const bt_source *src, const bt_diags *d,
		     int color)
{
	bt_diag *s = d->oom ? NULL : sorted(d);
	if (!s) {
		out->oom = 1;
		return;
	}
	const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
	const char *sevc[] = {color ? "\033[1;36m" : "", color ? "\033[1;35m" : "",
			      color ? "\033[1;31m" : ""};
	const char *caretc = color ? "\033[1;32m" : "";
	int line = 1;
	uint32_t pos = 0, ls = 0;
	uint32_t n = d->list.n < BT_DIAG_SHOWN ? d->list.n : BT_DIAG_SHOWN;
	for (uint32_t i = 0; i < n; i++) {
		const bt_diag *g = &s[i];
		uint32_t off = g->start > src->len ? src->len : g->start;
		for (; pos < off; pos++) {
			if (src->text[pos] == '\n') {
				line++;
				ls = pos + 1;
			}
		}
		uint32_t le = ls;
		while (le < src->len && src->text[le] != '\n')
			le++;
		if (le > ls && src->text[le - 1] == '\r')
			le--;
		int col = utf8_cols(src->text + ls, off - ls) + 1;
		bt_buf_printf(out, "%s%s:%d:%d:%s %s%s:%s %s%s%s\n", bold, src->name,
			      line, col, reset, sevc[g->sev], sev_name[g->sev],
			      reset, bold, g->msg, reset);
		/* The source line, with tabs kept so the caret lines up. */
		char gutter[16];
		int gw = snprintf(gutter, sizeof gutter, "%d", line);
		bt_buf_printf(out, " %s | ", gutter);
		/* A long line shows its first 200 bytes, cut between characters,
		 * and says how much more there is. */
		uint32_t shown = le - ls, more = 0;
		if (shown > 200) {
			shown = 200;
			while (shown > 0 && ((unsigned char)src->text[ls + shown] & 0xc0) == 0x80)
				shown--;
			more = (uint32_t)utf8_cols(src->text + ls + shown, le - ls - shown);
		}
		for (uint32_t k = 0; k < shown; k++) {
			unsigned char c = (unsigned char)src->text[ls + k];
			bt_buf_putc(out, (c < 32 && c != '\t') || c == 127 ? '?' : (char)c);
		}
		if (more)
			bt_buf_printf(out, "\u2026 (%u more characters)", more);
		bt_buf_putc(out, '\n');
		bt_buf_putc(out, ' ');
		bt_buf_pad(out, ' ', (size_t)gw);
		bt_buf_puts(out, " | ");
		for (uint32_t k = ls; k < off && k - ls < shown; k++)
			if (((unsigned char)src->text[k] & 0xc0) != 0x80)
				bt_buf_putc(out, src->text[k] == '\t' ? '\t' : ' ');
		uint32_t end = g->end;
		if (end > le)
			end = le > off ? le : off + 1;
		bt_buf_puts(out, caretc);
		bt_buf_putc(out, '^');
		for (uint32_t k = off + 1; k < end && k - ls < 200; k++)
			if (((unsigned char)src->text[k] & 0xc0) != 0x80)
				bt_buf_putc(out, '~');
		bt_buf_puts(out, reset);
		bt_buf_putc(out, '\n');
		if (g->help) {
			bt_buf_putc(out, ' ');
			bt_buf_pad(out, ' ', (size_t)gw);
			bt_buf_printf(out, " = %shelp:%s %s\n", bold, reset, g->help);
		}
	}
	if (d->list.n > n) {
		int l, c;
		bt_source_locate(src, s[n].start, &l, &c);
		bt_buf_printf(out, "%s%s:%d:%d:%s %snote:%s %u more diagnostics not shown (the first %u are above); fix these and check again\n",
			      bold, src->name, l, c, reset, sevc[BT_NOTE], reset, d->list.n - n, n);
	}
	bt_free(s);
}

/* Through the writer (jsonw.h), one diagnostic a line. The file name and
 * the texts are written lossily: a name is bytes, not always UTF-8, and
 * its invalid bytes had gone out raw, making the whole output invalid
 * JSON. */
void bt_diags_render_json(bt_buf *out, const bt_source *src, const bt_diags *d, int document)
{
	bt_diag *s = d->oom ? NULL : sorted(d);
	if (!s) {
		out->oom = 1;
		return;
	}
	bt_jsonw w;
	bt_jw_init(&w, out, 2);
	/* One diagnostic a line, in the array or in the document's. */
	bt_jw_inline_from(&w, document ? 2 : 1);
	if (document) {
		bt_jw_obj(&w);
		bt_jw_schema(&w);
		bt_jw_key(&w, "diagnostics");
	}
	bt_jw_arr(&w);
	uint32_t n = d->list.n < BT_DIAG_SHOWN ? d->list.n : BT_DIAG_SHOWN;
	for (uint32_t i = 0; i <= n && i < d->list.n; i++) {
		int line, col;
		bt_source_locate(src, s[i].start, &line, &col);
		bt_jw_obj(&w);
		bt_jw_key(&w, "file");
		bt_jw_text(&w, src->name);
		bt_jw_kint(&w, "line", line);
		bt_jw_kint(&w, "col", col);
		if (i == n) {
			char msg[128];
			snprintf(msg, sizeof msg, "%u more diagnostics not shown (the first %u are above)", d->list.n - n, n);
			bt_jw_kstr(&w, "severity", "note");
			bt_jw_kint(&w, "more", d->list.n - n);
			bt_jw_kstr(&w, "message", msg);
		} else {
			bt_jw_kstr(&w, "severity", sev_name[s[i].sev]);
			bt_jw_key(&w, "message");
			bt_jw_text(&w, s[i].msg);
			if (s[i].help) {
				bt_jw_key(&w, "help");
				bt_jw_text(&w, s[i].help);
			}
		}
		bt_jw_obj_end(&w);
	}
	bt_jw_arr_end(&w);
	if (document)
		bt_jw_obj_end(&w);
	bt_buf_putc(out, '\n');
	if (bt_jw_finish(&w))
		out->oom = 1;
	bt_free(s);
}

void bt_diags_release(bt_diags *d)
{
	BT_VEC_FREE(d->list);
	d->errors = d->warnings = 0;
}
