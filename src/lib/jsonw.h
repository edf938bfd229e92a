/*
 * jsonw.h: the library's one streaming JSON writer (RFC 8259). Values go
 * straight into a bt_buf as they are written, so no tree is built: a
 * million-task schedule is written in the memory of one task, and with a
 * sink on the buffer (bt_buf_drain) the text leaves as it is made.
 *
 * The writer checks its use as it goes: a key only where an object
 * expects one, a value only where an array or a key expects one, an end
 * only of the open container, nothing after the top value is complete,
 * strings only of valid UTF-8, numbers only finite. The first misuse
 * stops the writer (every later call is a no-op) and bt_jw_finish says
 * -1, so a slip in a renderer is an error, never malformed output.
 *
 * The text is jansson's json_dump with JSON_INDENT(n) | JSON_PRESERVE_ORDER
 * byte for byte (indent 0: JSON_COMPACT), so output kept its bytes when the
 * renderers moved off jansson's tree: ", " becomes ",\n" plus indent, ": "
 * after a key, "[]" and "{}" when empty; strings escape '"', '\\' and
 * control characters (\b \f \n \r \t, else \u00XX in upper-case hex) and
 * pass other UTF-8 through; reals print as "%.17g" with ".0" added to a
 * whole number and the exponent without '+' or leading zeros.
 */
#ifndef BT_JSONW_H
#define BT_JSONW_H

#include <stdint.h>

#include "util.h"

#define BT_JW_MAXDEPTH 32

typedef struct bt_jsonw {
	bt_buf *b;
	int indent;                       /* spaces a level; 0: compact */
	int depth;                        /* open containers */
	int err;                          /* misuse seen: the writer stopped */
	int done;                         /* the top value is complete */
	int want_value;                   /* a key was written: its value is due */
	int inline_from;                  /* containers this deep on one line; 0: none */
	int precision;                    /* significant digits of a real (17) */
	char kind[BT_JW_MAXDEPTH];        /* 'o' or 'a' per open container */
	uint8_t count[BT_JW_MAXDEPTH];    /* 1 once the container has a member */
} bt_jsonw;

void bt_jw_init(bt_jsonw *w, bt_buf *b, int indent);
/* Containers nested `level` deep or deeper (the top value is level 0)
 * written on one line, members after ", ", as jansson writes without
 * JSON_INDENT: the diagnostics' one object a line. 0: none (default). */
void bt_jw_inline_from(bt_jsonw *w, int level);
/* Reals with this many significant digits (1 to 17; default 17), as
 * jansson's JSON_REAL_PRECISION(digits). */
void bt_jw_precision(bt_jsonw *w, int digits);
/* 0 when the top value is complete, no misuse was seen and the buffer
 * took every byte; else -1. Adds no newline. */
int bt_jw_finish(const bt_jsonw *w);

void bt_jw_obj(bt_jsonw *w);     /* { */
void bt_jw_obj_end(bt_jsonw *w); /* } */
void bt_jw_arr(bt_jsonw *w);     /* [ */
void bt_jw_arr_end(bt_jsonw *w); /* ] */
void bt_jw_key(bt_jsonw *w, const char *k);

/* A NULL string writes null. */
void bt_jw_str(bt_jsonw *w, const char *s);
/* Text that need not be UTF-8 (a file name is bytes): each byte that
 * starts no valid sequence is written as U+FFFD, not refused. */
void bt_jw_text(bt_jsonw *w, const char *s);
void bt_jw_strn(bt_jsonw *w, const char *s, size_t n);
void bt_jw_int(bt_jsonw *w, int64_t v);
void bt_jw_real(bt_jsonw *w, double v);
void bt_jw_bool(bt_jsonw *w, int v);
void bt_jw_null(bt_jsonw *w);

/* Key and value in one call, for the members of an object. */
void bt_jw_kstr(bt_jsonw *w, const char *k, const char *s);
void bt_jw_kint(bt_jsonw *w, const char *k, int64_t v);
void bt_jw_kreal(bt_jsonw *w, const char *k, double v);
void bt_jw_kbool(bt_jsonw *w, const char *k, int v);
void bt_jw_knull(bt_jsonw *w, const char *k);

/* "schema_version": BATON_JSON_SCHEMA, the first member of every top-level
 * object baton writes. */
void bt_jw_schema(bt_jsonw *w);

#endif
