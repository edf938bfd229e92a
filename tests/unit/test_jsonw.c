/*
 * test_jsonw.c: the streaming JSON writer. Its text must be jansson's
 * (json_dumps, JSON_INDENT(2) | JSON_PRESERVE_ORDER, or JSON_COMPACT) byte
 * for byte for the same document, since the renderers moved off jansson
 * with their golden files unchanged; every misuse must end in -1, never in
 * malformed text; a sink must receive exactly the bytes; and a failed
 * allocation anywhere must end in -1 or the same text (oom.h's loop).
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>

#include "jsonw.h"
#include "oom.h"

/* One document written twice: by the writer, and as a jansson tree. */
static const char *const strings[] = {
	"", "plain", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline\rcr",
	"\b\f\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x9a\x80 \xe2\x80\xa8", "k\xc3\xa9y",
};
static const int64_t ints[] = {0, -1, 1, 42, -2147483648LL, 9007199254740993LL, INT64_MAX, INT64_MIN};
static const double reals[] = {0.5, 0.3, 2.5, -1.5, 1e20, 1e-7, 123456789.0, 1.0 / 3, -0.0, 5e-324, 1.7976931348623157e308};

static void write_doc(bt_jsonw *w)
{
	bt_jw_obj(w);
	bt_jw_key(w, "strings");
	bt_jw_arr(w);
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
		bt_jw_str(w, strings[i]);
	bt_jw_arr_end(w);
	bt_jw_key(w, "ints");
	bt_jw_arr(w);
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
		bt_jw_int(w, ints[i]);
	bt_jw_arr_end(w);
	bt_jw_key(w, "reals");
	bt_jw_arr(w);
	for (size_t i = 0; i < sizeof reals / sizeof *reals; i++)
		bt_jw_real(w, reals[i]);
	bt_jw_arr_end(w);
	bt_jw_key(w, "empty array");
	bt_jw_arr(w);
	bt_jw_arr_end(w);
	bt_jw_key(w, "empty object");
	bt_jw_obj(w);
	bt_jw_obj_end(w);
	bt_jw_key(w, "nested");
	bt_jw_arr(w);
	for (int i = 0; i < 3; i++) {
		bt_jw_obj(w);
		bt_jw_kint(w, "i", i);
		bt_jw_kbool(w, "even", i % 2 == 0);
		bt_jw_knull(w, "nothing");
		bt_jw_kstr(w, strings[7], strings[i + 2]);
		bt_jw_kstr(w, "null string", NULL);
		bt_jw_kreal(w, "r", i + 0.25);
		bt_jw_key(w, "deep");
		bt_jw_arr(w);
		bt_jw_arr(w);
		bt_jw_obj(w);
		bt_jw_obj_end(w);
		bt_jw_arr_end(w);
		bt_jw_arr_end(w);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_kbool(w, "last", 0);
	bt_jw_obj_end(w);
}

static json_t *jansson_doc(void)
{
	json_t *o = json_object(), *a;
	a = json_array();
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
		json_array_append_new(a, json_string(strings[i]));
	json_object_set_new(o, "strings", a);
	a = json_array();
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
		json_array_append_new(a, json_integer(ints[i]));
	json_object_set_new(o, "ints", a);
	a = json_array();
	for (size_t i = 0; i < sizeof reals / sizeof *reals; i++)
		json_array_append_new(a, json_real(reals[i]));
	json_object_set_new(o, "reals", a);
	json_object_set_new(o, "empty array", json_array());
	json_object_set_new(o, "empty object", json_object());
	a = json_array();
	for (int i = 0; i < 3; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "i", json_integer(i));
		json_object_set_new(x, "even", json_boolean(i % 2 == 0));
		json_object_set_new(x, "nothing", json_null());
		json_object_set_new(x, strings[7], json_string(strings[i + 2]));
		json_object_set_new(x, "null string", json_null());
		json_object_set_new(x, "r", json_real(i + 0.25));
		json_t *d = json_array(), *d2 = json_array();
		json_array_append_new(d2, json_object());
		json_array_append_new(d, d2);
		json_object_set_new(x, "deep", d);
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "nested", a);
	json_object_set_new(o, "last", json_false());
	return o;
}

static void same_as_jansson(int indent, size_t flags)
{
	bt_buf b = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &b, indent);
	write_doc(&w);
	CHECK_EQ_INT(bt_jw_finish(&w), 0);
	json_t *root = jansson_doc();
	char *want = json_dumps(root, flags | JSON_PRESERVE_ORDER);
	CHECK_EQ_STR(b.s, want);
	/* And it reads back as the same document. */
	json_error_t e;
	json_t *back = json_loads(b.s, 0, &e);
	CHECK(back && json_equal(back, root));
	json_decref(back);
	free(want);
	json_decref(root);
	bt_buf_release(&b);
}

/* Every byte that needs care, at every place in and around an 8-byte
 * block (the writer copies plain text eight bytes at a time): the same
 * text as jansson's. */
static void escapes_everywhere(void)
{
	static const char *const special[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", " ", "~", "\xc3\xa9",
					      "\xe2\x80\x94", "\xf0\x9f\x9a\x80"};
	int same = 0, tried = 0;
	for (size_t k = 0; k < sizeof special / sizeof *special; k++)
		for (int len = 0; len <= 20; len++)
			for (int at = 0; at <= len; at++) {
				char in[64];
				size_t sl = strlen(special[k]);
				memset(in, 'a', (size_t)len);
				memcpy(in + at, special[k], sl);
				memset(in + at + sl, 'b', (size_t)(len - at));
				in[(size_t)len + sl] = 0;
				bt_buf b = BT_BUF_INIT;
				bt_jsonw w;
				bt_jw_init(&w, &b, 2);
				bt_jw_str(&w, in);
				json_t *js = json_string(in);
				char *want = json_dumps(js, JSON_ENCODE_ANY);
				tried++;
				same += bt_jw_finish(&w) == 0 && want && strcmp(b.s, want) == 0;
				free(want);
				json_decref(js);
				bt_buf_release(&b);
			}
	CHECK_EQ_INT(same, tried);
}

/* One object a line (the diagnostics' layout): inside, jansson's layout
 * without JSON_INDENT. And text that is bytes: invalid ones as U+FFFD. */
static void inline_and_text(void)
{
	bt_buf b = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &b, 2);
	bt_jw_inline_from(&w, 1);
	bt_jw_arr(&w);
	bt_jw_obj(&w);
	bt_jw_kint(&w, "a", 1);
	bt_jw_key(&w, "b");
	bt_jw_arr(&w);
	bt_jw_int(&w, 2);
	bt_jw_str(&w, "x");
	bt_jw_arr_end(&w);
	bt_jw_key(&w, "c");
	bt_jw_obj(&w);
	bt_jw_obj_end(&w);
	bt_jw_obj_end(&w);
	bt_jw_arr(&w);
	bt_jw_arr_end(&w);
	bt_jw_obj(&w);
	bt_jw_key(&w, "name");
	bt_jw_text(&w, "caf\xe9 \xc3\xa9 \xe2\x82");
	bt_jw_obj_end(&w);
	bt_jw_arr_end(&w);
	CHECK_EQ_INT(bt_jw_finish(&w), 0);
	CHECK_EQ_STR(b.s, "[\n  {\"a\": 1, \"b\": [2, \"x\"], \"c\": {}},\n  [],\n"
			  "  {\"name\": \"caf\xef\xbf\xbd \xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd\"}\n]");
	json_error_t e;
	json_t *back = json_loads(b.s, 0, &e);
	CHECK(back != NULL);
	/* The inline part is jansson's own text without JSON_INDENT. */
	char *want = json_dumps(json_array_get(back, 0), JSON_PRESERVE_ORDER);
	CHECK(want && strstr(b.s, want) != NULL);
	free(want);
	json_decref(back);
	bt_buf_release(&b);
}

/* A writer on a fresh buffer; the test frees the buffer. */
static bt_buf mb;
static bt_jsonw *fresh(void)
{
	static bt_jsonw w;
	bt_buf_release(&mb);
	bt_jw_init(&w, &mb, 2);
	return &w;
}

static void misuse(void)
{
	bt_jsonw *w;
	/* Nothing written, or an unclosed container: not complete. */
	w = fresh();
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_obj(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	/* A value in an object without a key; a key in an array; a key at
	 * the top; two keys in a row; an object ended after a key. */
	w = fresh();
	bt_jw_obj(w);
	bt_jw_int(w, 1);
	bt_jw_obj_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_arr(w);
	bt_jw_key(w, "k");
	bt_jw_int(w, 1);
	bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_key(w, "k");
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_obj(w);
	bt_jw_key(w, "a");
	bt_jw_key(w, "b");
	bt_jw_int(w, 1);
	bt_jw_obj_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_obj(w);
	bt_jw_key(w, "a");
	bt_jw_obj_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	/* The wrong end; an end with nothing open; a second top value. */
	w = fresh();
	bt_jw_obj(w);
	bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_int(w, 1);
	CHECK_EQ_INT(bt_jw_finish(w), 0);
	CHECK_EQ_STR(mb.s, "1");
	bt_jw_int(w, 2);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	/* Once stopped, nothing more is written. */
	size_t len = mb.len;
	bt_jw_str(w, "more");
	CHECK_EQ_INT(mb.len, len);
	/* Text that is not UTF-8, as a value or a key: overlong, a
	 * surrogate, past U+10FFFF, cut short, a stray continuation. */
	static const char *const bad[] = {"\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
					  "ab\xe2\x82", "\x80", "\xff"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		w = fresh();
		bt_jw_arr(w);
		bt_jw_str(w, bad[i]);
		bt_jw_arr_end(w);
		CHECK_EQ_INT(bt_jw_finish(w), -1);
		/* What was written stays a string of its length. */
		CHECK_EQ_INT(strlen(mb.s), mb.len);
		w = fresh();
		bt_jw_obj(w);
		bt_jw_kint(w, bad[i], 1);
		bt_jw_obj_end(w);
		CHECK_EQ_INT(bt_jw_finish(w), -1);
		w = fresh();
		bt_jw_obj(w);
		bt_jw_kstr(w, "k", bad[i]);
		bt_jw_obj_end(w);
		CHECK_EQ_INT(bt_jw_finish(w), -1);
		CHECK(strstr(mb.s, "\"k\"") == NULL);
		CHECK_EQ_INT(strlen(mb.s), mb.len);
	}
	/* A key and its value in one call follow the same rules. */
	w = fresh();
	bt_jw_arr(w);
	bt_jw_kint(w, "k", 1);
	bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_obj(w);
	bt_jw_key(w, "a");
	bt_jw_kstr(w, "b", "x");
	bt_jw_obj_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	/* A NUL inside a counted string is a character like any other. */
	w = fresh();
	bt_jw_strn(w, "a\0b", 3);
	CHECK_EQ_INT(bt_jw_finish(w), 0);
	CHECK_EQ_STR(mb.s, "\"a\\u0000b\"");
	/* No NaN or infinity in JSON. */
	w = fresh();
	bt_jw_arr(w);
	bt_jw_real(w, NAN);
	bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	w = fresh();
	bt_jw_arr(w);
	bt_jw_real(w, -INFINITY);
	bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	/* Nesting up to the limit is fine; one past it is refused. */
	w = fresh();
	for (int i = 0; i < BT_JW_MAXDEPTH; i++)
		bt_jw_arr(w);
	for (int i = 0; i < BT_JW_MAXDEPTH; i++)
		bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), 0);
	w = fresh();
	for (int i = 0; i <= BT_JW_MAXDEPTH; i++)
		bt_jw_arr(w);
	for (int i = 0; i <= BT_JW_MAXDEPTH; i++)
		bt_jw_arr_end(w);
	CHECK_EQ_INT(bt_jw_finish(w), -1);
	bt_buf_release(&mb);
}

/* A sink that keeps what it is given, and fails on call `fail_at`. */
typedef struct sink {
	char *s;
	size_t len;
	int calls, fail_at;
} sink;

static int sink_write(void *ctx, const char *s, size_t n)
{
	sink *k = ctx;
	if (++k->calls == k->fail_at)
		return -1;
	char *t = realloc(k->s, k->len + n + 1);
	if (!t)
		return -1;
	memcpy(t + k->len, s, n);
	k->len += n;
	t[k->len] = 0;
	k->s = t;
	return 0;
}

/* Many members, so the buffer drains more than once. */
static void write_big(bt_jsonw *w)
{
	bt_jw_arr(w);
	for (int i = 0; i < 20000; i++) {
		bt_jw_obj(w);
		bt_jw_kint(w, "i", i);
		bt_jw_kstr(w, "s", "a string \"with\" escapes\n");
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

static void streaming(void)
{
	bt_buf whole = BT_BUF_INIT, b = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &whole, 2);
	write_big(&w);
	CHECK_EQ_INT(bt_jw_finish(&w), 0);

	sink k = {NULL, 0, 0, 0};
	b.sink = sink_write;
	b.sink_ctx = &k;
	bt_jw_init(&w, &b, 2);
	write_big(&w);
	CHECK_EQ_INT(bt_jw_finish(&w), 0);
	CHECK_EQ_INT(bt_buf_flush(&b), 0);
	CHECK(k.calls > 2);
	/* The buffer never held much more than a drain's worth. */
	CHECK(b.cap <= 128 * 1024);
	CHECK_EQ_INT(k.len, whole.len);
	CHECK(k.s && memcmp(k.s, whole.s, whole.len) == 0);
	free(k.s);
	bt_buf_release(&b);

	/* A sink that fails stops the writing: -1, and said so. */
	bt_buf f = BT_BUF_INIT;
	sink k2 = {NULL, 0, 0, 2};
	f.sink = sink_write;
	f.sink_ctx = &k2;
	bt_jw_init(&w, &f, 2);
	write_big(&w);
	CHECK_EQ_INT(bt_jw_finish(&w), -1);
	CHECK_EQ_INT(bt_buf_flush(&f), -1);
	CHECK_EQ_INT(f.sink_failed, 1);
	CHECK_EQ_INT(k2.calls, 2);
	CHECK(k2.len > 0 && k2.len < whole.len);
	free(k2.s);
	bt_buf_release(&f);
	bt_buf_release(&whole);
}

/* Under the allocation-failure loop: the document is either refused (-1)
 * or whole and identical. */
static void doc_case(oom_ctx *c)
{
	bt_buf b = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &b, 2);
	write_doc(&w);
	write_big(&w); /* a second top value: refused in every run */
	int bad = bt_jw_finish(&w);
	oom_outf(c, "second value refused", "%d", bad);
	bt_buf_release(&b);
	bt_jw_init(&w, &b, 2);
	bt_jw_arr(&w);
	write_doc(&w);
	write_big(&w);
	bt_jw_arr_end(&w);
	oom_out(c, "document", bt_jw_finish(&w) ? NULL : oom_buf(&b));
	bt_buf_release(&b);
}

/* The schedule streamed through baton_schedule_write: its pieces joined
 * must be baton_schedule_render's text, in every format. */
static void schedule_case(oom_ctx *c)
{
	baton_plan *p = oom_parse(c, oom_plan);
	if (!p)
		return;
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	o.level = 1;
	o.schedules = 50;
	baton_error err;
	baton_schedule *s = baton_schedule_compute(p, &o, &err);
	if (!s) {
		oom_error(c, "baton_schedule_compute", &err);
		baton_plan_free(p);
		return;
	}
	for (int f = BATON_FORMAT_TERM; f <= BATON_FORMAT_JSON; f++) {
		sink k = {NULL, 0, 0, 0};
		int rc = baton_schedule_write(s, (enum baton_format)f, 0, sink_write, &k);
		if (rc) {
			free(k.s);
			k.s = NULL;
		} else if (!k.s) {
			k.s = calloc(1, 1);
		}
		oom_out(c, "schedule written", k.s);
	}
	baton_schedule_free(s);
	baton_plan_free(p);
}

static void schedule_same(void)
{
	baton_plan *p = baton_plan_parse("p.baton", oom_plan, strlen(oom_plan));
	CHECK(p != NULL);
	for (int level = 0; level <= 1 && p; level++) {
		baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
		o.level = level;
		o.schedules = 50;
		baton_schedule *s = baton_schedule_compute(p, &o, NULL);
		CHECK(s != NULL);
		if (!s)
			break;
		for (int f = BATON_FORMAT_TERM; f <= BATON_FORMAT_JSON; f++) {
			sink k = {NULL, 0, 0, 0};
			char *want = baton_schedule_render(s, (enum baton_format)f, 0);
			CHECK_EQ_INT(baton_schedule_write(s, (enum baton_format)f, 0, sink_write, &k), 0);
			CHECK_EQ_STR(k.s, want);
			baton_string_free(want);
			free(k.s);
			/* A write that refuses stops it: -1. */
			sink no = {NULL, 0, 0, 1};
			CHECK_EQ_INT(baton_schedule_write(s, (enum baton_format)f, 0, sink_write, &no), -1);
			free(no.s);
		}
		baton_schedule_free(s);
	}
	baton_plan_free(p);
}

/* A plan of 3,000 tasks: its outputs run to several drains (64 KiB
 * each), so the pieces' seams are tested, not one piece. */
static void schedule_big(void)
{
	bt_buf t = BT_BUF_INIT;
	bt_buf_puts(&t, "program big \"Big \\\"quoted\\\" \xc3\xa9\"\n  start 2027-01-04\n  commit 2027-06-01\n"
			"  holiday 2027-02-15\nteam a capacity 3\nteam b capacity 2\n");
	for (int i = 0; i < 3000; i++) {
		bt_buf_printf(&t, "task t%d \"Task %d\ttab\"\n  team %s estimate %dd %dd %dd\n", i, i,
			      i % 3 ? "a" : "b", 1 + i % 3, 1 + i % 3 + i % 5, 1 + i % 3 + i % 5 + i % 7);
		if (i >= 10)
			bt_buf_printf(&t, "  after t%d, t%d ss +1d\n", i - 10, i - 7);
	}
	bt_buf_puts(&t, "milestone m commit 2027-05-01\n  after t2999\nstatus 2027-01-20\n  t0 done 2027-01-12\n"
			"  t1 started 2027-01-06 remaining 3d\n");
	CHECK(!t.oom);
	baton_plan *p = baton_plan_parse("big.baton", t.s, t.len);
	CHECK(p && baton_plan_errors(p) == 0);
	baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
	baton_schedule *s = p ? baton_schedule_compute(p, &o, NULL) : NULL;
	CHECK(s != NULL);
	for (int f = BATON_FORMAT_TERM; s && f <= BATON_FORMAT_JSON; f++) {
		sink k = {NULL, 0, 0, 0};
		char *want = baton_schedule_render(s, (enum baton_format)f, BATON_RENDER_COLOR);
		CHECK_EQ_INT(baton_schedule_write(s, (enum baton_format)f, BATON_RENDER_COLOR, sink_write, &k), 0);
		CHECK(want && strlen(want) > 3 * 64 * 1024);
		CHECK(k.calls >= 3);
		CHECK(want && k.s && strcmp(k.s, want) == 0);
		if (f == BATON_FORMAT_JSON) {
			json_error_t e;
			json_t *root = k.s ? json_loads(k.s, 0, &e) : NULL;
			CHECK_EQ_INT(json_array_size(json_object_get(root, "tasks")), 3000);
			CHECK_EQ_STR(json_string_value(json_object_get(root, "title")), "Big \"quoted\" \xc3\xa9");
			CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(json_object_get(root, "tasks"), 5), "title")),
				     "Task 5\ttab");
			json_decref(root);
		}
		baton_string_free(want);
		free(k.s);
	}
	baton_schedule_free(s);
	baton_plan_free(p);
	bt_buf_release(&t);
}

/* Reals at every precision the renderers use, against jansson's
 * JSON_REAL_PRECISION: the same text for awkward values. */
static void precision_as_jansson(void)
{
	static const double v[] = {0.0, 1.0, -2.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 1e-7, 1.5e300,
				   -9.87654321e-5, 99.99999, 0.5, 1e21, 12345678901.0};
	int same = 0, tried = 0;
	for (int prec = 1; prec <= 17; prec++)
		for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
			bt_buf b = BT_BUF_INIT;
			bt_jsonw w;
			bt_jw_init(&w, &b, 2);
			bt_jw_precision(&w, prec);
			bt_jw_real(&w, v[i]);
			json_t *js = json_real(v[i]);
			char *want = json_dumps(js, JSON_ENCODE_ANY | JSON_REAL_PRECISION((size_t)prec));
			tried++;
			same += bt_jw_finish(&w) == 0 && want && strcmp(b.s, want) == 0;
			if (!(want && b.s && strcmp(b.s, want) == 0))
				fprintf(stderr, "precision %d: %s, jansson %s\n", prec, b.s ? b.s : "(null)",
					want ? want : "(null)");
			free(want);
			json_decref(js);
			bt_buf_release(&b);
		}
	CHECK_EQ_INT(same, tried);
}

int main(void)
{
	precision_as_jansson();
	same_as_jansson(2, JSON_INDENT(2));
	same_as_jansson(4, JSON_INDENT(4));
	same_as_jansson(0, JSON_COMPACT);
	escapes_everywhere();
	inline_and_text();
	misuse();
	streaming();
	schedule_same();
	schedule_big();
	oom_loop("JSON writer", doc_case, 1);
	oom_loop("schedule written in pieces", schedule_case, 1);
	return test_report("test_jsonw");
}
