/*
 * mspdi.h: MS Project XML (the Microsoft Project Data Interchange format,
 * MSPDI: namespace http://schemas.microsoft.com/project, schema
 * mspdi_pj12.xsd as Microsoft documents it in "Project XML Data
 * Interchange Schema Reference") read into a baton plan, and a plan
 * written as MSPDI. The XML is parsed by libxml2, never by hand.
 *
 * Every mapping and its limits are in docs/interop.md, "MS Project
 * (MSPDI)". The facts these files rely on, from the schema's own
 * documentation:
 *  - Duration is an ISO 8601 duration of working time, PTnHnMnS;
 *    MinutesPerDay (default 480) turns it into days;
 *  - PredecessorLink Type: 0=FF, 1=FS, 2=SF, 3=SS; LinkLag is in tenths
 *    of a minute; LagFormat 3=m 4=em 5=h 6=eh 7=d 8=ed 9=w 10=ew 11=mo
 *    12=emo 19=% 20=e% (35..52: the same, estimated): the even ones from
 *    4 to 12 are elapsed time (24 hours a day, 7 days a week);
 *  - tasks come in outline (WBS) order; OutlineLevel nests them, and a
 *    task followed by a deeper one is a summary task.
 */
#ifndef BT_MSPDI_H
#define BT_MSPDI_H

#include <stddef.h>

#include "baton.h"
#include "cal.h"
#include "util.h"

/* Route libxml2's allocations through libbaton's hook and initialise it,
 * once per process, before its first use (both entry points call it). */
void bt_mspdi_init(void);

/* Silence libxml2's error handlers on this thread (on = 1) and restore
 * the caller's (on = 0): libbaton never prints. */
void bt_mspdi_quiet(int on);

/* Where and why an import failed: shown by the CLI as
 * FILE:LINE: error: MSG (in <ELEM>), the line itself, and help. */
typedef struct bt_mspdi_err {
	int line;          /* 1-based line in the XML; 0: the whole file */
	int col;           /* 1-based column when known (XML syntax), else 0 */
	char elem[64];     /* the element, "" when none */
	char msg[256];     /* what is wrong, and what was expected */
	char help[200];    /* how to fix it, "" when nothing useful */
} bt_mspdi_err;

/* Read MSPDI text (len bytes, need not be NUL-terminated) and append the
 * plan to `plan` (program id `name`, a valid plan id) and to `summary`
 * what was imported, what was dropped and why, one line each. Returns 0;
 * -1 with *err set when the XML is malformed or a value is not what the
 * schema allows (nothing useful is then in `plan`: the caller must not
 * write it); -2 when memory runs out. External entities, DTDs and the
 * network are never read. */
int bt_mspdi_import(const char *text, size_t len, const char *name, bt_buf *plan, bt_buf *summary,
		    bt_mspdi_err *err);

/* The same, and the file's Project/StatusDate in *status_date
 * (BT_DATE_NONE when it has none; may be NULL): `baton sync mspdi` dates
 * its status block with it. */
int bt_mspdi_import_dated(const char *text, size_t len, const char *name, bt_buf *plan, bt_buf *summary,
			  bt_mspdi_err *err, bt_date *status_date);

/* The schedule of a plan without errors as MSPDI (the schedule's options:
 * the plan's status date, levelled as the plan says), appended to out,
 * and to `summary` what the format has no place for. Returns 0, or -1
 * with *err (a static message) when the plan cannot be scheduled or
 * memory runs out. */
int bt_mspdi_export(baton_plan *plan, bt_buf *out, bt_buf *summary, const char **err);

#endif
