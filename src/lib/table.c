/*
 * table.c: aligned text and Markdown tables.
 */
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The longest cell; a longer text is cut and says so. */
#define CELL_MAX 512

void bt_table_init(bt_table *t, bt_arena *a, const char *cols)
{
	memset(t, 0, sizeof(*t));
	t->arena = a;
	const char *p = cols;
	while (*p && t->ncol < BT_TABLE_MAXCOL) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e == p)
			break;
		size_t n = (size_t)(e - p);
		if (p[n - 1] == '>') {
			t->right[t->ncol] = 1;
			n--;
		}
		/* '_' stands for a space inside a header ("LATE_START"). */
		char *h = bt_arena_strndup(a, p, n);
		if (!h) {
			t->oom = 1;
			return;
		}
		for (char *q = h; *q; q++)
			if (*q == '_')
				*q = ' ';
		t->head[t->ncol++] = h;
		p = e;
	}
}

void bt_table_row(bt_table *t, const char *style)
{
	const char **s = BT_VEC_PUSH(t->style);
	if (!s) {
		t->oom = 1;
		return;
	}
	*s = style;
}

void bt_table_cell(bt_table *t, const char *fmt, ...)
{
	va_list ap;
	const char **c = BT_VEC_PUSH(t->cells);
	if (!c) {
		t->oom = 1;
		return;
	}
	/* A cell holds at most a long title; a longer one is cut and says so. */
	va_start(ap, fmt);
	*c = bt_arena_vprintf_cut(t->arena, CELL_MAX, fmt, ap);
	va_end(ap);
	if (!*c) {
		*c = "";
		t->oom = 1;
	}
}

static void cell_put(bt_table *t, const char *s, int copy)
{
	size_t n = strlen(s);
	if (n > CELL_MAX) {
		bt_table_cell(t, "%s", s);
		return;
	}
	const char **c = BT_VEC_PUSH(t->cells);
	if (!c) {
		t->oom = 1;
		return;
	}
	*c = copy ? bt_arena_strndup(t->arena, s, n) : s;
	if (!*c) {
		*c = "";
		t->oom = 1;
	}
}

void bt_table_ref(bt_table *t, const char *s)
{
	cell_put(t, s, 0);
}

void bt_table_str(bt_table *t, const char *s)
{
	cell_put(t, s, 1);
}

void bt_table_int(bt_table *t, long long v)
{
	char d[24];
	*bt_i64_into(d, (int64_t)v) = 0;
	cell_put(t, d, 1);
}

/* Display width: count UTF-8 lead bytes, so "—" is one column. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Widen w[] to the cells of the rows t holds. */
static void widen(const bt_table *t, size_t *w)
{
	uint32_t rows = t->ncol ? t->cells.n / (uint32_t)t->ncol : 0;
	for (uint32_t r = 0; r < rows; r++)
		for (int c = 0; c < t->ncol; c++) {
			size_t x = width(t->cells.v[r * (uint32_t)t->ncol + (uint32_t)c]);
			if (x > w[c])
				w[c] = x;
		}
}

/* One line: the header (cells NULL) or a row, padded to w[]. The line is
 * assembled in place, in room asked for once: two buffer calls a cell
 * were a tenth of a million-task schedule's text. */
static void term_line(bt_buf *b, const bt_table *t, const size_t *w, const char *const *cells,
		      const char *style, int color, const char *indent)
{
	size_t sl[BT_TABLE_MAXCOL], sw[BT_TABLE_MAXCOL];
	size_t il = strlen(indent), need = il + 1;
	const char *on = color && (style || !cells) ? (cells ? style : "\033[1m") : NULL;
	if (on)
		need += strlen(on) + 4;
	for (int c = 0; c < t->ncol; c++) {
		const char *s = cells ? cells[c] : t->head[c];
		/* Bytes and display width in one pass. */
		size_t x = 0, l = 0;
		for (; s[l]; l++)
			x += ((unsigned char)s[l] & 0xc0) != 0x80;
		sl[c] = l;
		sw[c] = x;
		need += l + 2 + (w[c] > x ? w[c] - x : 0);
	}
	char *o = bt_buf_room(b, need), *p = o;
	if (!o)
		return;
	memcpy(p, indent, il);
	p += il;
	if (on) {
		size_t n = strlen(on);
		memcpy(p, on, n);
		p += n;
	}
	/* Trailing blanks are trimmed, so track the pending padding. */
	size_t pend = 0;
	for (int c = 0; c < t->ncol; c++) {
		const char *s = cells ? cells[c] : t->head[c];
		if (c)
			pend += 2;
		if (t->right[c])
			pend += w[c] - sw[c];
		if (sl[c]) {
			memset(p, ' ', pend);
			p += pend;
			pend = 0;
			memcpy(p, s, sl[c]);
			p += sl[c];
		}
		if (!t->right[c])
			pend += w[c] - sw[c];
	}
	if (on) {
		memcpy(p, "\033[0m", 4);
		p += 4;
	}
	*p++ = '\n';
	bt_buf_commit(b, (size_t)(p - o));
	bt_buf_drain(b);
}

static void head_widths(const bt_table *t, size_t *w)
{
	for (int c = 0; c < t->ncol; c++)
		w[c] = width(t->head[c]);
}

void bt_table_term(bt_buf *b, const bt_table *t, int color, const char *indent)
{
	size_t w[BT_TABLE_MAXCOL];
	if (t->oom) {
		b->oom = 1;
		return;
	}
	uint32_t rows = t->ncol ? t->cells.n / (uint32_t)t->ncol : 0;
	head_widths(t, w);
	widen(t, w);
	term_line(b, t, w, NULL, NULL, color, indent);
	for (uint32_t r = 0; r < rows; r++)
		term_line(b, t, w, t->cells.v + r * (uint32_t)t->ncol, r < t->style.n ? t->style.v[r] : NULL,
			  color, indent);
}

/* Row r of a streamed table, made afresh in t; 0, or -1 when it ran out
 * of memory (b->oom set). Its copies go to a scratch arena released
 * every few thousand rows. */
static int stream_row(bt_buf *b, bt_table *t, uint32_t r, int measuring, bt_table_fill_fn fill,
		      void *ctx, bt_arena *scratch)
{
	if ((r & 4095) == 0)
		bt_arena_release(scratch);
	t->cells.n = 0;
	t->style.n = 0;
	fill(ctx, r, measuring, t);
	if (t->oom || t->cells.n != (uint32_t)t->ncol) {
		b->oom = 1;
		return -1;
	}
	return 0;
}

void bt_table_term_rows(bt_buf *b, bt_table *t, uint32_t rows, bt_table_fill_fn fill, void *ctx,
			int color, const char *indent)
{
	size_t w[BT_TABLE_MAXCOL];
	bt_arena scratch = BT_ARENA_INIT, *own = t->arena;
	if (t->oom) {
		b->oom = 1;
		return;
	}
	t->arena = &scratch;
	head_widths(t, w);
	for (uint32_t r = 0; r < rows; r++) {
		if (stream_row(b, t, r, 1, fill, ctx, &scratch))
			goto out;
		widen(t, w);
	}
	term_line(b, t, w, NULL, NULL, color, indent);
	for (uint32_t r = 0; r < rows && !b->oom; r++) {
		if (stream_row(b, t, r, 0, fill, ctx, &scratch))
			goto out;
		term_line(b, t, w, t->cells.v, t->style.n ? t->style.v[0] : NULL, color, indent);
	}
out:
	t->cells.n = 0;
	t->style.n = 0;
	bt_arena_release(&scratch);
	t->arena = own;
}

static void md_cell(bt_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			bt_buf_puts(b, "\\|");
		else
			bt_buf_putc(b, *s);
	}
}

static void md_head(bt_buf *b, const bt_table *t)
{
	bt_buf_puts(b, "|");
	for (int c = 0; c < t->ncol; c++) {
		bt_buf_putc(b, ' ');
		md_cell(b, t->head[c]);
		bt_buf_puts(b, " |");
	}
	bt_buf_puts(b, "\n|");
	for (int c = 0; c < t->ncol; c++)
		bt_buf_puts(b, t->right[c] ? "---:|" : "---|");
	bt_buf_putc(b, '\n');
}

static void md_row(bt_buf *b, const bt_table *t, const char *const *cells)
{
	bt_buf_puts(b, "|");
	for (int c = 0; c < t->ncol; c++) {
		bt_buf_putc(b, ' ');
		md_cell(b, cells[c]);
		bt_buf_puts(b, " |");
	}
	bt_buf_putc(b, '\n');
	bt_buf_drain(b);
}

void bt_table_md(bt_buf *b, const bt_table *t)
{
	uint32_t rows = t->ncol ? t->cells.n / (uint32_t)t->ncol : 0;
	if (t->oom) {
		b->oom = 1;
		return;
	}
	md_head(b, t);
	for (uint32_t r = 0; r < rows; r++)
		md_row(b, t, t->cells.v + r * (uint32_t)t->ncol);
}

void bt_table_md_rows(bt_buf *b, bt_table *t, uint32_t rows, bt_table_fill_fn fill, void *ctx)
{
	bt_arena scratch = BT_ARENA_INIT, *own = t->arena;
	if (t->oom) {
		b->oom = 1;
		return;
	}
	t->arena = &scratch;
	md_head(b, t);
	for (uint32_t r = 0; r < rows && !b->oom; r++) {
		if (stream_row(b, t, r, 0, fill, ctx, &scratch))
			break;
		md_row(b, t, t->cells.v);
	}
	t->cells.n = 0;
	t->style.n = 0;
	bt_arena_release(&scratch);
	t->arena = own;
}

void bt_table_release(bt_table *t)
{
	BT_VEC_FREE(t->cells);
	BT_VEC_FREE(t->style);
}

void bt_fmt_chance(char *out, size_t n, double p)
{
	/* Rounded down, so a shown percentage is never above the chance:
	 * beside a RAG threshold ("amber from 50%"), 49.6% reads 49%, not
	 * a 50% that contradicts its red. The epsilon absorbs the binary
	 * error of k/runs (0.29 * 100 is 28.999...). */
	if (p < 0)
		snprintf(out, n, "-");
	else if (p > 0 && p < 0.01)
		snprintf(out, n, "<1%%");
	else if (p < 1 && p > 0.99)
		snprintf(out, n, ">99%%");
	else
		snprintf(out, n, "%.0f%%", floor(p * 100.0 + 1e-9));
}

double bt_round_share(double p)
{
	return floor(p * 1e4 + 0.5) / 1e4;
}
