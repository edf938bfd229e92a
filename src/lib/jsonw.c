/*
 * jsonw.c: the streaming JSON writer (see jsonw.h for the format and the
 * rules it enforces).
 */
#include "jsonw.h"

#include "baton.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void bt_jw_init(bt_jsonw *w, bt_buf *b, int indent)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->indent = indent < 0 ? 0 : indent > 16 ? 16 : indent;
	w->precision = 17;
}

int bt_jw_finish(const bt_jsonw *w)
{
	return w->err || !w->done || w->b->oom ? -1 : 0;
}

/* Where a member starts, written at p: ',' after an earlier one, then
 * newline and indent. Returns the end. Room: 2 + indent * depth. */
static int is_inline(const bt_jsonw *w, int level)
{
	return w->inline_from > 0 && level >= w->inline_from;
}

static char *separate_at(bt_jsonw *w, char *p)
{
	int had = w->count[w->depth - 1];
	if (had)
		*p++ = ',';
	w->count[w->depth - 1] = 1;
	if (is_inline(w, w->depth - 1)) {
		if (had)
			*p++ = ' ';
	} else if (w->indent) {
		size_t ind = (size_t)w->indent * (size_t)w->depth;
		*p++ = '\n';
		memset(p, ' ', ind);
		p += ind;
	}
	return p;
}

static size_t sep_room(const bt_jsonw *w)
{
	return 2 + (size_t)w->indent * (size_t)w->depth;
}

/* The cost of JSON is in these few bytes per value, so they are put in
 * place rather than appended one by one. */
static void separate(bt_jsonw *w)
{
	char *o = bt_buf_room(w->b, sep_room(w));
	if (o)
		bt_buf_commit(w->b, (size_t)(separate_at(w, o) - o));
}

/* Open the way for a value: the separator and indent an array member
 * needs, or the check that a key is waiting for it. 0, or -1 on misuse. */
static int value_slot(bt_jsonw *w)
{
	if (w->err)
		return -1;
	if (w->done)
		goto misuse;
	if (!w->depth)
		return 0;
	if (w->kind[w->depth - 1] == 'o') {
		if (!w->want_value)
			goto misuse;
		w->want_value = 0;
		return 0;
	}
	separate(w);
	return 0;
misuse:
	w->err = 1;
	return -1;
}

static void value_done(bt_jsonw *w)
{
	if (!w->depth)
		w->done = 1;
}

/* The length of the UTF-8 sequence at s (at most n bytes), or 0 when it
 * is not a valid one: no overlong forms, no surrogates, nothing above
 * U+10FFFF (RFC 3629), as jansson accepts. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		len = 2;
		cp = c & 0x1f;
	} else if (c < 0xf0) {
		len = 3;
		cp = c & 0x0f;
	} else if (c < 0xf5) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* A byte a string carries as it is: printable ASCII but '"' and '\\'. */
static inline int plain(unsigned c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* The quoted, escaped string at p (room: 2 + 6 * n, every byte a
 * \u00XX at worst); returns the end, or NULL on invalid UTF-8. */
static char *esc_lossy(char *p, const char *str, size_t n, int lossy);

static char *esc_into(char *p, const char *str, size_t n)
{
	return esc_lossy(p, str, n, 0);
}

/* With lossy set, a byte that starts no valid sequence is written as
 * U+FFFD instead of refused. */
static char *esc_lossy(char *p, const char *str, size_t n, int lossy)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str;
	*p++ = '"';
	for (size_t i = 0; i < n;) {
		/* Eight plain bytes at a time (keys, ids and dates are all
		 * plain): no byte below 0x20 or from 0x80, none '"' or '\\'
		 * (the zero-byte test of Mycroft, on x and on x xor the
		 * quote and the backslash). */
		while (n - i >= 8) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
			uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
			uint64_t bad = ((x - ones * 0x20) | x | ((q - ones) & ~q) | ((b - ones) & ~b)) & high;
			if (bad)
				break;
			memcpy(p, &x, 8);
			p += 8;
			i += 8;
		}
		if (i == n)
			break;
		unsigned c = s[i];
		if (plain(c)) {
			*p++ = (char)c;
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t l = utf8_len(s + i, n - i);
			if (!l && lossy) {
				memcpy(p, "\xef\xbf\xbd", 3);
				p += 3;
				i++;
				continue;
			}
			if (!l)
				return NULL;
			memcpy(p, s + i, l);
			p += l;
			i += l;
			continue;
		}
		*p++ = '\\';
		switch (c) {
		case '"': *p++ = '"'; break;
		case '\\': *p++ = '\\'; break;
		case '\b': *p++ = 'b'; break;
		case '\f': *p++ = 'f'; break;
		case '\n': *p++ = 'n'; break;
		case '\r': *p++ = 'r'; break;
		case '\t': *p++ = 't'; break;
		default:
			memcpy(p, "u00", 3);
			p[3] = hex[c >> 4];
			p[4] = hex[c & 15];
			p += 5;
			break;
		}
		i++;
	}
	*p++ = '"';
	return p;
}

/* Room for n bytes escaped, or 0 when no buffer could hold it. */
static size_t esc_room(size_t n)
{
	return n > (SIZE_MAX - 16) / 6 ? 0 : 2 + 6 * n;
}

/* The string written: 0, or -1 (nothing written) on invalid UTF-8. Out of
 * memory is the buffer's oom. */
static int put_string(bt_buf *b, const char *s, size_t n, int lossy)
{
	size_t room = esc_room(n);
	if (!room) {
		b->oom = 1;
		return 0;
	}
	char *o = bt_buf_room(b, room);
	if (!o)
		return 0;
	char *e = esc_lossy(o, s, n, lossy);
	if (!e) {
		*o = 0; /* the buffer stays NUL-terminated at its length */
		return -1;
	}
	bt_buf_commit(b, (size_t)(e - o));
	return 0;
}

/* Separator, key and ": " put at the end of the buffer with room for
 * `extra` bytes of value after them, nothing committed: returns where the
 * value goes, or NULL after a misuse (w->err) or out of memory (the
 * buffer's oom). A key and its value then cost one reservation. */
static char *key_room(bt_jsonw *w, const char *k, size_t extra)
{
	if (w->err)
		return NULL;
	if (!w->depth || w->kind[w->depth - 1] != 'o' || w->want_value || !k) {
		w->err = 1;
		return NULL;
	}
	size_t n = strlen(k), room = esc_room(n);
	char *o = room && extra < SIZE_MAX / 2 - room ? bt_buf_room(w->b, sep_room(w) + room + 2 + extra) : NULL;
	if (!o) {
		w->b->oom = 1;
		return NULL;
	}
	char *p = esc_into(separate_at(w, o), k, n);
	if (!p) {
		*o = 0; /* the buffer stays NUL-terminated at its length */
		w->err = 1;
		return NULL;
	}
	*p++ = ':';
	if (w->indent)
		*p++ = ' ';
	return p;
}

static void commit_to(bt_jsonw *w, const char *end)
{
	bt_buf_commit(w->b, (size_t)(end - (w->b->s + w->b->len)));
}

void bt_jw_key(bt_jsonw *w, const char *k)
{
	char *p = key_room(w, k, 0);
	if (!p)
		return;
	commit_to(w, p);
	w->want_value = 1;
}

static void jw_open(bt_jsonw *w, char kind)
{
	if (value_slot(w))
		return;
	if (w->depth == BT_JW_MAXDEPTH) {
		w->err = 1;
		return;
	}
	w->kind[w->depth] = kind;
	w->count[w->depth] = 0;
	w->depth++;
	bt_buf_putc(w->b, kind == 'o' ? '{' : '[');
}

static void jw_close(bt_jsonw *w, char kind)
{
	if (w->err)
		return;
	if (!w->depth || w->kind[w->depth - 1] != kind || w->want_value) {
		w->err = 1;
		return;
	}
	w->depth--;
	if (w->count[w->depth] && w->indent && !is_inline(w, w->depth)) {
		char *o = bt_buf_room(w->b, 2 + (size_t)w->indent * (size_t)w->depth);
		if (o) {
			size_t ind = (size_t)w->indent * (size_t)w->depth;
			o[0] = '\n';
			memset(o + 1, ' ', ind);
			o[1 + ind] = kind == 'o' ? '}' : ']';
			bt_buf_commit(w->b, ind + 2);
		}
	} else {
		bt_buf_putc(w->b, kind == 'o' ? '}' : ']');
	}
	value_done(w);
	/* A member is complete: a sink may take what is written so far. */
	bt_buf_drain(w->b);
}

void bt_jw_obj(bt_jsonw *w)
{
	jw_open(w, 'o');
}

void bt_jw_obj_end(bt_jsonw *w)
{
	jw_close(w, 'o');
}

void bt_jw_arr(bt_jsonw *w)
{
	jw_open(w, 'a');
}

void bt_jw_arr_end(bt_jsonw *w)
{
	jw_close(w, 'a');
}

void bt_jw_strn(bt_jsonw *w, const char *s, size_t n)
{
	if (value_slot(w))
		return;
	if (put_string(w->b, s, n, 0)) {
		w->err = 1;
		return;
	}
	value_done(w);
}

void bt_jw_text(bt_jsonw *w, const char *s)
{
	if (!s) {
		bt_jw_null(w);
		return;
	}
	if (value_slot(w))
		return;
	put_string(w->b, s, strlen(s), 1);
	value_done(w);
}

void bt_jw_inline_from(bt_jsonw *w, int level)
{
	w->inline_from = level < 0 ? 0 : level;
}

void bt_jw_str(bt_jsonw *w, const char *s)
{
	if (!s)
		bt_jw_null(w);
	else
		bt_jw_strn(w, s, strlen(s));
}


void bt_jw_int(bt_jsonw *w, int64_t v)
{
	if (value_slot(w))
		return;
	char *o = bt_buf_room(w->b, 24);
	if (!o)
		return;
	commit_to(w, bt_i64_into(o, v));
	value_done(w);
}

void bt_jw_real(bt_jsonw *w, double v)
{
	if (w->err)
		return;
	if (!isfinite(v)) {
		/* JSON has no NaN or infinity (jansson refuses them too). */
		w->err = 1;
		return;
	}
	if (value_slot(w))
		return;
	char s[40];
	int n = snprintf(s, sizeof s - 3, "%.*g", w->precision, v);
	if (n < 0 || (size_t)n >= sizeof s - 3) {
		w->err = 1;
		return;
	}
	size_t len = (size_t)n;
	/* A real stays a real when read back: "2" would be an integer. */
	if (!strchr(s, '.') && !strchr(s, 'e')) {
		memcpy(s + len, ".0", 3);
		len += 2;
	}
	char *e = strchr(s, 'e');
	if (e) {
		char *from = e + 1, *to = e + 1;
		if (*from == '-')
			from++, to++;
		else if (*from == '+')
			from++;
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
		len = strlen(s);
	}
	bt_buf_add(w->b, s, len);
	value_done(w);
}

void bt_jw_bool(bt_jsonw *w, int v)
{
	if (value_slot(w))
		return;
	bt_buf_add(w->b, v ? "true" : "false", v ? 4 : 5);
	value_done(w);
}

void bt_jw_null(bt_jsonw *w)
{
	if (value_slot(w))
		return;
	bt_buf_add(w->b, "null", 4);
	value_done(w);
}

void bt_jw_kstr(bt_jsonw *w, const char *k, const char *s)
{
	if (!s) {
		bt_jw_knull(w, k);
		return;
	}
	size_t n = strlen(s), room = esc_room(n);
	if (!room) {
		w->b->oom = 1;
		return;
	}
	char *p = key_room(w, k, room);
	if (!p)
		return;
	char *e = esc_into(p, s, n);
	if (!e) {
		w->b->s[w->b->len] = 0; /* nothing of the key is kept */
		w->err = 1;
		return;
	}
	commit_to(w, e);
}

void bt_jw_kint(bt_jsonw *w, const char *k, int64_t v)
{
	char *p = key_room(w, k, 24);
	if (p)
		commit_to(w, bt_i64_into(p, v));
}

void bt_jw_kreal(bt_jsonw *w, const char *k, double v)
{
	bt_jw_key(w, k);
	bt_jw_real(w, v);
}

void bt_jw_kbool(bt_jsonw *w, const char *k, int v)
{
	bt_jw_key(w, k);
	bt_jw_bool(w, v);
}

void bt_jw_knull(bt_jsonw *w, const char *k)
{
	bt_jw_key(w, k);
	bt_jw_null(w);
}

void bt_jw_precision(bt_jsonw *w, int digits)
{
	w->precision = digits >= 1 && digits <= 17 ? digits : 17;
}

void bt_jw_schema(bt_jsonw *w)
{
	bt_jw_kint(w, "schema_version", BATON_JSON_SCHEMA);
}
