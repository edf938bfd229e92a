/* test_table.c: a table streamed a row at a time (bt_table_term_rows,
 * bt_table_md_rows) prints the bytes the whole table prints, whatever
 * order the measuring pass makes its rows in. */
#include "table.h"
#include "test.h"

#define ROWS 7
#define COLS 4

/* Cells of every kind the widths depend on: empty, multi-byte UTF-8 (one
 * column each), a number, a text over the cell limit (cut), a pipe for
 * Markdown. */
static const char *cell(uint32_t r, int c, char *buf)
{
	static const char *words[] = {"", "t1", "—", "naïve café", "a|b", "critical; +3d vs plan", "x"};
	if (c == 2) {
		snprintf(buf, 24, "%d", (int)r * 37 - 50);
		return buf;
	}
	if (c == 3 && r == 5) {
		memset(buf, 'w', 700);
		buf[700] = 0;
		return buf;
	}
	return words[(r * 3 + (uint32_t)c) % 7];
}

static const char *style(uint32_t r)
{
	return r % 3 == 0 ? "\033[31m" : r % 3 == 1 ? NULL : "\033[2m";
}

static void fill_whole(bt_table *t)
{
	char buf[701];
	for (uint32_t r = 0; r < ROWS; r++) {
		bt_table_row(t, style(r));
		for (int c = 0; c < COLS; c++)
			bt_table_str(t, cell(r, c, buf));
	}
}

typedef struct ctx {
	char buf[COLS][701];
	int calls, measured;
} ctx;

/* Measuring: the rows backwards, to hold the table to "any order". */
static void fill_row(void *p, uint32_t r, int measuring, bt_table *t)
{
	ctx *x = p;
	x->calls++;
	x->measured += measuring;
	if (measuring)
		r = ROWS - 1 - r;
	bt_table_row(t, style(r));
	for (int c = 0; c < COLS; c++)
		bt_table_ref(t, cell(r, c, x->buf[c]));
}

static char *render(int streamed, int md, int color, const char *indent, ctx *x)
{
	bt_arena a = BT_ARENA_INIT;
	bt_table t;
	bt_buf b = BT_BUF_INIT;
	bt_table_init(&t, &a, "TASK NOTE_HERE VALUE> LONG");
	if (streamed) {
		if (md)
			bt_table_md_rows(&b, &t, ROWS, fill_row, x);
		else
			bt_table_term_rows(&b, &t, ROWS, fill_row, x, color, indent);
	} else {
		fill_whole(&t);
		if (md)
			bt_table_md(&b, &t);
		else
			bt_table_term(&b, &t, color, indent);
	}
	bt_table_release(&t);
	bt_arena_release(&a);
	char *s = b.oom ? NULL : bt_buf_detach(&b, NULL);
	bt_buf_release(&b);
	return s;
}

int main(void)
{
	static const char *indents[] = {"", "  "};
	for (int md = 0; md < 2; md++)
		for (int color = 0; color < 2; color++)
			for (int in = 0; in < 2; in++) {
				ctx x = {0};
				char *whole = render(0, md, color, indents[in], &x);
				char *streamed = render(1, md, color, indents[in], &x);
				CHECK(whole != NULL);
				CHECK_EQ_STR(streamed, whole);
				/* Text: each row made twice, once measuring; Markdown:
				 * once, in order. */
				CHECK_EQ_INT(x.calls, md ? ROWS : 2 * ROWS);
				CHECK_EQ_INT(x.measured, md ? 0 : ROWS);
				bt_free(whole);
				bt_free(streamed);
			}
	/* The cut cell says so, and the widths follow the cut text. */
	ctx x = {0};
	char *s = render(1, 0, 0, "", &x);
	CHECK(s && strstr(s, "…") != NULL);
	bt_free(s);
	/* No rows: the header alone, as the whole table prints it. */
	{
		bt_arena a = BT_ARENA_INIT;
		bt_table t;
		bt_buf b1 = BT_BUF_INIT, b2 = BT_BUF_INIT;
		bt_table_init(&t, &a, "A B>");
		bt_table_term(&b1, &t, 0, "");
		bt_table_term_rows(&b2, &t, 0, fill_row, &x, 0, "");
		CHECK_EQ_STR(b2.s, b1.s);
		CHECK_EQ_STR(b1.s, "A  B\n");
		bt_buf_release(&b1);
		bt_buf_release(&b2);
		bt_table_release(&t);
		bt_arena_release(&a);
	}
	/* Out of memory while streaming: the buffer says so. */
	long fails = 0;
	for (long n = 0; n < 200; n++) {
		bt_alloc_fail_after(n);
		ctx y = {0};
		char *r = render(1, 0, 1, "  ", &y);
		bt_alloc_fail_after(-1);
		if (!r)
			fails++;
		else {
			ctx z = {0};
			char *w = render(0, 0, 1, "  ", &z);
			CHECK_EQ_STR(r, w);
			bt_free(w);
		}
		bt_free(r);
	}
	CHECK(fails > 0);
	return test_report("table");
}
