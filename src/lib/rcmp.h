/*
 * rcmp.h: the multi-project RCPSP format (.rcmp; MPLIB1/MPLIB2 of Van
 * Eynde and Vanhoucke 2020, the MPSPLIB of Homberger 2007) read into one
 * bt_rcpsp_problem with projects: the activities of all projects in one
 * network, each project's release as the release of its activities, the
 * resources shared by all.
 *
 * The format, whitespace-separated integers:
 *   P  R  c_1 .. c_R
 *   per project: n_p release_p  u_1 .. u_R  (u_r: 1 if it uses resource r)
 *     per activity: d  q_1 .. q_R  s  p':a' ...  (successors, 1-based)
 * Activity a of project p (1-based) is problem activity
 * proj_off[p-1] + a - 1. Successors are finish-to-start without lag.
 */
#ifndef BT_RCMP_H
#define BT_RCMP_H

#include <stddef.h>
#include <stdint.h>

#include "rcpsp.h"
#include "util.h"

/* Where a number was written: byte offset, 1-based line and column. */
typedef struct bt_rcmp_loc {
	size_t off;
	int line, col;
} bt_rcmp_loc;

typedef struct bt_rcmp {
	uint32_t nproj, nres, n;  /* projects, resources, activities */
	int32_t *cap;             /* [nres] */
	uint32_t *proj_off;       /* [nproj+1] project p's activities are
				     proj_off[p] .. proj_off[p+1]-1 */
	int32_t *proj_release;    /* [nproj] */
	uint8_t *uses;            /* [nproj * nres] the file's u flags */
	int32_t *dur;             /* [n] */
	int32_t *release;         /* [n] its project's release */
	uint32_t *proj;           /* [n] its project */
	bt_rcpsp_demand *demand;  /* nonzero demands */
	uint32_t ndemand;
	bt_rcpsp_prec *prec;      /* finish-to-start relations */
	bt_rcmp_loc *prec_loc;    /* [nprec] where each was written */
	uint32_t nprec;
	bt_rcpsp_problem problem; /* points into the arrays above */
	/* On failure: where (1-based line and column, byte offset; line 0:
	 * the whole input, e.g. an unreadable file) and what was wrong, with
	 * what was expected. */
	int err_line, err_col;
	size_t err_off;
	char err[200];
	/* bt_rcmp_load() only: the file's text, for bt_rcmp_render_error(). */
	char *text;
	size_t text_len;
} bt_rcmp;

/* Parse a .rcmp text of len bytes (need not be NUL-terminated). Returns
 * 0, or -1 with the err_* fields set: a token that is not an integer in
 * range, a count too large, the text ending early or going on after the
 * last project, a successor that does not exist, a demand for a resource
 * the project says it does not use or above the resource's capacity, a
 * cycle of successors, running out of memory. Never reads past len. In
 * every case *rc must be released with bt_rcmp_free(). */
int bt_rcmp_parse(const char *text, size_t len, bt_rcmp *rc);

/* Read the file at path and parse it, keeping its text in rc->text;
 * err_line 0 and a message when the file cannot be read. */
int bt_rcmp_load(const char *path, bt_rcmp *rc);

/* Free what the parser allocated and zero *rc. NULL-safe. */
void bt_rcmp_free(bt_rcmp *rc);

/* Before writing one plan per project: refuse (-1, err_* set at the
 * successor) a successor that crosses into another project, which one
 * plan cannot say. 0 when there is none. */
int bt_rcmp_check_split(bt_rcmp *rc);

/* Append project p (0-based) to out as a baton plan: program
 * `name`-p<p+1> starting on 2027-01-04 plus the project's release in
 * working days (Monday to Friday), a team per resource the project uses
 * (r1, r2, ... as numbered in the file, with the file's capacity: the
 * pool is shared, so each plan declares the same capacity), one task per
 * activity (a1 ... aN) with its estimate, the teams it needs and its
 * predecessors. name must be a valid plan identifier. Check out->oom. */
void bt_rcmp_to_plan(const bt_rcmp *rc, uint32_t p, const char *name, bt_buf *out);

/* Append the error of a failed parse of `text` to out, as
 * "path:line:col: error: message", the line and a caret under the
 * column (just the first line when err_line is 0). */
void bt_rcmp_render_error(const bt_rcmp *rc, const char *path,
			  const char *text, size_t len, bt_buf *out);

#endif
