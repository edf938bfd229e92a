/*
 * diag.h: diagnostics. One format (file:line:col: severity: message, the
 * source line, a caret under the span), collected rather than thrown, so a
 * run reports every error it finds (SQLite's nErr pattern).
 *
 * Message wording follows git's CodingGuidelines: lowercase, no full stop,
 * the problem first, the subject in quotes.
 */
#ifndef BT_DIAG_H
#define BT_DIAG_H

#include <stdint.h>

#include "util.h"

enum bt_severity { BT_NOTE, BT_WARNING, BT_ERROR };

typedef struct bt_diag {
	uint8_t sev;          /* enum bt_severity */
	uint32_t start, end;  /* byte span in the source; end > start */
	uint32_t seq;         /* insertion order, keeps sorting stable */
	const char *msg;      /* arena string */
	const char *help;     /* arena string or NULL: "did you mean 'cdc'?" */
} bt_diag;

/* A source text with its name; line starts are computed on demand. */
typedef struct bt_source {
	const char *name;
	const char *text;
	uint32_t len;
} bt_source;

typedef struct bt_diags {
	BT_VEC(bt_diag) list;
	int errors, warnings;
	int oom;              /* a diagnostic, message or help was lost for memory */
	bt_arena *arena;      /* where messages live (the plan's) */
} bt_diags;

/* Record a diagnostic over [start, end). Formatting failures (memory)
 * still count the error so a plan is never taken as valid by mistake, and
 * set `oom`: the list then lacks what the counts say. */
void bt_diag_add(bt_diags *d, enum bt_severity sev, uint32_t start,
		 uint32_t end, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Attach a help line to the most recent diagnostic. */
void bt_diag_help(bt_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* 1-based line and column of an offset; the column counts characters
 * (UTF-8 code points), not bytes, as an editor does. */
void bt_source_locate(const bt_source *src, uint32_t off, int *line, int *col);

/* Render every diagnostic sorted by position. */
void bt_diags_render(bt_buf *out, const bt_source *src, const bt_diags *d,
		     int color);
/* As JSON: the array of diagnostics, or with `document` the object
 * `check --json` prints, {"schema_version", "diagnostics": the array}. */
void bt_diags_render_json(bt_buf *out, const bt_source *src, const bt_diags *d, int document);

void bt_diags_release(bt_diags *d);

#endif
