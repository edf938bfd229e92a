/*
 * report.h: what the HTML report (render_report.c) and the assessment
 * (status.c) read from the history (history.c): the slip-chart rows and
 * the last record.
 */
#ifndef BT_REPORT_H
#define BT_REPORT_H

#include "baton.h"
#include "util.h"

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
