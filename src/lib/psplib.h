/*
 * psplib.h: the PSPLIB single-mode RCPSP format (.sm files; Kolisch and
 * Sprecher 1996, "PSPLIB - a project scheduling problem library", EJOR
 * 96) read into a bt_rcpsp_problem, and printed back as a baton plan.
 *
 * Job j of the file (1-based) is activity j-1; job 1 and job N are the
 * dummy source and sink. Each successor relation is finish-to-start
 * without lag, i.e. delta = duration of the predecessor.
 */
#ifndef BT_PSPLIB_H
#define BT_PSPLIB_H

#include <stddef.h>
#include <stdint.h>

#include "rcpsp.h"
#include "util.h"

typedef struct bt_psplib {
	uint32_t njobs;           /* jobs including source and sink */
	uint32_t nres;            /* renewable resources */
	int32_t horizon;          /* the file's horizon (sum of durations) */
	int32_t mpm;              /* the file's MPM-Time (critical path), -1 if absent */
	int32_t *dur;             /* [njobs] */
	int32_t *cap;             /* [nres] */
	bt_rcpsp_demand *demand;  /* nonzero demands */
	bt_rcpsp_prec *prec;      /* finish-to-start relations */
	bt_rcpsp_problem problem; /* points into the arrays above */
	int err_line;             /* on failure: 1-based line, 0 = whole input */
	char err[96];             /* on failure: what was wrong */
} bt_psplib;

/* Parse a .sm text of len bytes (need not be NUL-terminated). Returns 0,
 * or -1 with ps->err_line and ps->err set (malformed or truncated input,
 * multi-mode or nonrenewable resources, numbers out of range, a successor
 * that does not exist, a demand over its resource's capacity, a cycle of
 * successors, running out of memory). Never reads past len. In
 * every case *ps must be released with bt_psplib_free(). */
int bt_psplib_parse(const char *text, size_t len, bt_psplib *ps);

/* Read and parse the file at path: bt_psplib_parse(), plus err_line 0
 * and a message when the file cannot be read. */
int bt_psplib_load(const char *path, bt_psplib *ps);

/* Free what the parser allocated and zero *ps. NULL-safe. */
void bt_psplib_free(bt_psplib *ps);

/* Append the instance to out as a baton plan: a program `name` starting
 * 2027-01-04, one team per resource (r1, r2, ...) with its capacity, one
 * task per job (a1 ... aN) with its estimate in days, the teams it needs
 * (`needs r1:4 r3:2`, or `needs 0`) and its predecessors (`after a1, a3`).
 * name must be a valid plan identifier. Check out->oom afterwards. */
void bt_psplib_to_plan(const bt_psplib *ps, const char *name, bt_buf *out);

#endif
