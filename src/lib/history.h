/*
 * history.h: what history.c (the SQLite index) and history_files.c (the
 * text files it is built from) share, and what the assessment (status.c)
 * and the HTML report (render_report.c) read from the index: the
 * slip-chart rows and the last record. Internal to libbaton.
 */
#ifndef BT_HISTORY_H
#define BT_HISTORY_H

#include <jansson.h>
#include <sqlite3.h>

#include "baton.h"
#include "util.h"

struct baton_history {
	sqlite3 *db;
	char *dir;                      /* the text history; NULL: the index alone */
	baton_history_write_fn write;   /* how its files are written */
	void *ctx;                      /* write's first argument */
	unsigned test_delay_ms;         /* testing.h: pause inside each record's
					   transaction (0: never) */
};

/* A message for *err (caller frees with baton_string_free); NULL when
 * memory runs out. */
char *bt_history_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "out of memory" when an allocation failed since `mark`, else SQLite's
 * message for db. */
const char *bt_history_why(sqlite3 *db, unsigned long mark);

/* Bind s (NULL: SQL NULL); SQLITE_NOMEM when it cannot be copied. */
int bt_history_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Insert one record (root: the parsed status; json: its text for the
 * `json` column) and its milestone rows, inside the caller's transaction;
 * with replace, an earlier record of the same program and status date
 * moves to the audit trail first; delay_ms is testing.h's pause, half
 * after the record's row and half after its milestones'. Returns the
 * record's id, or -1. */
long bt_history_insert(sqlite3 *db, json_t *root, const baton_record *r, const char *json, int replace,
		       unsigned delay_ms);

/* baton_history_record for a history with text files (history_files.c). */
long bt_history_record_file(baton_history *h, const baton_record *r, char **err);

/* baton_history_check's part for the text files: every file reads and
 * the index holds what they hold. 0; -2 with a located *err when a file
 * is wrong; -1 with *err otherwise. */
int bt_history_check_files(baton_history *h, char **err);

/* One milestone (or the program end) in one recorded update. Strings live
 * in the arena handed to bt_history_slips; NULL when the record has none. */
typedef struct bt_slip_pt {
	const char *ms;        /* milestone id */
	int is_program;        /* 1: the program end */
	const char *commit;    /* YYYY-MM-DD */
	const char *as_of;     /* the record's status date */
	const char *planned;   /* the schedule's date (PLANNED) */
	const char *p50, *p85; /* the forecast's dates */
	long record;
} bt_slip_pt;

/* The rows of `program`, milestone by milestone (in the order they were
 * first recorded, the program end last), each by status date. Returns how
 * many (*out in `a`), -1 when the history cannot be read, or -2 when
 * memory runs out. */
long bt_history_slips(baton_history *h, const char *program, bt_arena *a, bt_slip_pt **out);

/* baton_history_last, telling "none" from a failure: returns 1 with *json
 * (caller frees with bt_free) and *id, 0 when there is no such record, -1
 * when the history cannot be read, -2 when memory runs out. */
int bt_history_last(baton_history *h, const char *program, const char *before, long *id, char **json);

#endif
