/*
 * sync.h: `baton sync`: a newer export of the program a plan was imported
 * from, turned into one dated status block for the plan, and a report of
 * what the block cannot say (docs/interop.md, "Sync, every week").
 *
 * The newer export is read by the importer of its format into a plan
 * (the intermediate form every format shares); its tasks and milestones
 * are matched on `source` with the current plan's. What the current plan
 * already records (its status blocks folded in date order) is never
 * written again. The library never prints: the block, the report and its
 * JSON come back in bt_sync.
 */
#ifndef BT_SYNC_H
#define BT_SYNC_H

#include "baton.h"
#include "cal.h"
#include "util.h"

typedef struct bt_sync_opts {
	bt_date date;          /* --date; BT_DATE_NONE: from the export */
	bt_date export_date;   /* the export's own date; BT_DATE_NONE: none */
	const char *export_date_what; /* what that date is, for the report */
	bt_date today;         /* the date when neither is given */
	const char *format;    /* "jira", "csv", "mspdi": for the report */
	int dry_run;           /* said in the JSON */
} bt_sync_opts;

typedef struct bt_sync {
	bt_buf block;          /* the status block to append ("" when no status changed) */
	bt_buf text;           /* the report, for a terminal */
	bt_buf json;           /* the report as JSON */
	char date[11];         /* the block's date */
	int entries;           /* lines in the block */
	int items;             /* report items besides the block */
	/* On -1: the error as a diagnostic located in the plan (file:line:col,
	 * the line, a caret, a help line). */
	bt_buf diag;
} bt_sync;

#define BT_SYNC_INIT {BT_BUF_INIT, BT_BUF_INIT, BT_BUF_INIT, {0}, 0, 0, BT_BUF_INIT}

/* Compare `cur` (the plan, without errors) with `newer` (the newer export
 * imported as a plan, without errors). Returns 0; -1 with diag set when
 * the block's date is before the plan's latest status block (or on its
 * day, with status to record) or before the program start, or when the
 * export dates a finish or a start after it; -2 when
 * memory runs out. Release with
 * bt_sync_free() always. */
int bt_sync_compute(baton_plan *cur, baton_plan *newer, const bt_sync_opts *o, bt_sync *out);
void bt_sync_free(bt_sync *s);

#endif
