/*
 * import_int.h: what the import readers share (src/lib/import*.c): the
 * issue list every reader fills, the CSV record reader over libcsv, the
 * date and duration readers, and the plan writer.
 */
#ifndef BT_IMPORT_INT_H
#define BT_IMPORT_INT_H

#include "import.h"

enum { IMP_TODO, IMP_STARTED, IMP_DONE };

typedef struct imp_issue {
	const char *key, *num, *title, *type, *team, *owner;
	const char *parent, *parent_title;
	const char *ws;             /* a workstream given as such (csv) */
	int state;                  /* IMP_TODO, IMP_STARTED, IMP_DONE */
	bt_date done_on, started_on, due;
	double orig, rem;           /* Jira time tracking, seconds; <0 unset */
	double points;              /* story points; <0 unset */
	int o, m, p;                /* days given as such (csv); m <0 unset */
	int epic;                   /* an epic: a workstream, not a task */
	int row;                    /* CSV record / JSON issue number, for notes */
} imp_issue;

/* A dependency as the export states it: the issue `from` (an index) is
 * linked to `other` (a key) by a link of `type`; outward when `from`'s side
 * is the link's outward one ("A blocks B" on A's row). type NULL: an
 * `after` cell of a spreadsheet (other comes first, finish-to-start). */
typedef struct imp_link {
	uint32_t from;
	const char *type, *other;
	int outward;
} imp_link;

typedef struct imp {
	bt_arena a;
	BT_VEC(imp_issue) is;
	BT_VEC(imp_link) ln;
	bt_date lo, hi;      /* earliest and latest activity dates seen, 0 none */
	const char *est_from;  /* how estimates were read, for the summary */
	int oom;
	const bt_import_opts *o;
	bt_import *out;
} imp;

/* Record an error; returns -1. row/col 1-based, 0 when not located. */
int imp_fail(imp *m, int row, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Dates as exports write them: 2026-02-25, 2026-02-25T22:17:00.000+0000,
 * 2026-02-25 22:17, 25/Feb/26 10:17 PM, 25/Feb/2026 22:17. Returns 0,
 * 1 for an empty text, -1 when it is not a date. */
int imp_date(const char *s, bt_date *out);
/* Jira time tracking: seconds ("28800") or "1w 2d 4h 30m" (a week of 5
 * days of hpd hours). Returns seconds, -1 empty, -2 malformed. */
double imp_seconds(const char *s, int hpd);
/* A date seen on an issue widens the file's range (start, as-of). */
void imp_seen(imp *m, bt_date d);
char *imp_dup(imp *m, const char *s);

/* The CSV reader: calls row() once per record with its fields (NUL-
 * terminated, n of them; the header is record 1). row returns 0 to go on,
 * -1 to stop (with the error set). Returns 0 or -1. */
typedef int (*imp_row_fn)(imp *m, void *ctx, int rec, char **f, size_t n);
int imp_csv(imp *m, const char *text, size_t len, imp_row_fn row, void *ctx);

/* Print the issues as a plan and write the summary. Returns 0 or -1. */
int imp_write(imp *m, const char *what);

void imp_init(imp *m, const bt_import_opts *o, bt_import *out);
void imp_release(imp *m);

#endif
