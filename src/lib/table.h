/*
 * table.h: a table of text cells rendered as aligned terminal text or as a
 * Markdown pipe table. Every renderer that prints tables uses this one, so
 * alignment rules live in one place.
 */
#ifndef BT_TABLE_H
#define BT_TABLE_H

#include "util.h"

#define BT_TABLE_MAXCOL 16

typedef struct bt_table {
	bt_arena *arena;                  /* cells live here */
	int ncol;
	const char *head[BT_TABLE_MAXCOL];
	char right[BT_TABLE_MAXCOL];      /* 1: right-aligned (numbers) */
	BT_VEC(const char *) cells;       /* row-major, ncol per row */
	BT_VEC(const char *) style;       /* per row: ANSI prefix or NULL */
	int oom;
} bt_table;

/* `cols` is a space-separated list of headers; a header ending in '>' is
 * right-aligned ("FLOAT>"). */
void bt_table_init(bt_table *t, bt_arena *a, const char *cols);
/* Start a row; `style` is an ANSI colour prefix used on a TTY, or NULL. */
void bt_table_row(bt_table *t, const char *style);
void bt_table_cell(bt_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same cells without printf, for tables of a million rows (two
 * vsnprintf calls a cell were most of a large schedule's text): `s` as
 * it is and not copied, so it must outlive the table; `s` copied; a
 * whole number. A text over bt_table_cell's limit is cut as it cuts. */
void bt_table_ref(bt_table *t, const char *s);
void bt_table_str(bt_table *t, const char *s);
void bt_table_int(bt_table *t, long long v);
void bt_table_term(bt_buf *b, const bt_table *t, int color, const char *indent);
void bt_table_md(bt_buf *b, const bt_table *t);
/* A table too long to hold (a million-task schedule: ten million cells,
 * most of its memory): `fill(ctx, r, measuring, t)` adds row r to t
 * (bt_table_row, then its cells) each time it is called, and only one row
 * is held at a time, so a cell given by reference need live only until
 * the next call. The terminal table makes every row twice: first to
 * measure the columns (measuring 1: the order does not matter then, so a
 * fill may make the rows in the order its data lies in memory, as long
 * as it makes each once), then to print, in order. t holds its headers
 * and no rows; the output is bt_table_term's and bt_table_md's of the
 * whole table. */
typedef void (*bt_table_fill_fn)(void *ctx, uint32_t r, int measuring, bt_table *t);
void bt_table_term_rows(bt_buf *b, bt_table *t, uint32_t rows, bt_table_fill_fn fill, void *ctx,
			int color, const char *indent);
void bt_table_md_rows(bt_buf *b, bt_table *t, uint32_t rows, bt_table_fill_fn fill, void *ctx);
void bt_table_release(bt_table *t);

/* Display conventions every renderer shares, so one chance reads the same
 * in every command and format. */

/* A chance (0..1) as text: "-" when negative (no commitment), "<1%" and
 * ">99%" rather than a "0%" or "100%" that would read as certain, else
 * whole percent rounded down. `out` holds at least 8 bytes. */
void bt_fmt_chance(char *out, size_t n, double p);
/* A share (0..1) rounded to 4 decimals, as every JSON output prints it. */
double bt_round_share(double p);

#endif
