/*
 * report.h: internals of the HTML report (render_report.c): the slip-chart
 * rows it reads from the history (history.c).
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
 * many (*out in `a`), or -1 when the history cannot be read or memory runs
 * out. */
long bt_history_slips(baton_history *h, const char *program, bt_arena *a, bt_slip_pt **out);

#endif
