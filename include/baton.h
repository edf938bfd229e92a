/*
 * baton.h: the public API of libbaton.
 *
 * Baton reads a plan (plain text: program, teams, tasks, milestones, risks,
 * decisions, dated status) and computes schedules, forecasts and status.
 *
 * Ownership, in one sentence: every baton_X_new/parse/compute function
 * returns an object the caller frees with the matching baton_X_free, and
 * every `char *` a function returns is the caller's, freed with
 * baton_string_free(); every other pointer argument is borrowed.
 *
 * Nothing in libbaton prints, exits or jumps: failures come back as return
 * values and as diagnostics attached to the plan. The library keeps no
 * global mutable state (the allocation failure hook for tests aside), so
 * several plans may be used from several threads, one thread per plan.
 *
 * Dates cross this interface as ISO strings "YYYY-MM-DD"; inside, the
 * engine counts working days from the program start.
 */
#ifndef BATON_H
#define BATON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BATON_VERSION "0.1.0"

/* Exit codes shared by the CLI and documented in docs/commands.md. */
enum baton_exit {
	BATON_EXIT_OK = 0,       /* success */
	BATON_EXIT_FAIL = 1,     /* I/O or runtime failure; `fmt --check` found changes */
	BATON_EXIT_INPUT = 2,    /* bad input or usage */
	BATON_EXIT_INTERNAL = 3  /* a bug in baton */
};

typedef struct baton_plan baton_plan;
typedef struct baton_schedule baton_schedule;

/*============================== Plans =============================*/

/* Parse and check a plan. `filename` is used in diagnostics only; `text`
 * need not be NUL-terminated and is copied. Returns NULL only when memory
 * runs out; otherwise check baton_plan_errors(). */
baton_plan *baton_plan_parse(const char *filename, const char *text, size_t len);
void baton_plan_free(baton_plan *plan);

/* Number of errors (and of warnings) found by parse and check. */
int baton_plan_errors(const baton_plan *plan);
int baton_plan_warnings(const baton_plan *plan);

/* All diagnostics, rendered the way a compiler does:
 *   file:line:col: error: message
 *    12 |   after cdc2
 *       |         ^~~~
 * `color` adds ANSI colours. Caller frees. NULL when memory runs out. */
char *baton_plan_diagnostics(const baton_plan *plan, int color);

/* Diagnostics as a JSON array of {file,line,col,severity,message,...}. */
char *baton_plan_diagnostics_json(const baton_plan *plan);

/* The canonical text of the plan (see docs/plan-language.md, "Canonical
 * form"). Returns NULL when the plan has syntax errors or memory runs out.
 * `changed` (OUT, may be NULL) is set to 1 when the result differs from the
 * input. */
char *baton_plan_format(const baton_plan *plan, int *changed);

/*============================ Schedules ===========================*/

typedef struct baton_schedule_opts {
	const char *as_of; /* "YYYY-MM-DD", or NULL: the latest status block */
	int level;         /* 1: capacity-levelled; 0: critical path only;
			      -1: as the plan says */
	long schedules;    /* levelling budget (0: default) */
	double time_limit; /* seconds, 0: none */
	uint64_t seed;     /* levelling seed */
} baton_schedule_opts;

#define BATON_SCHEDULE_OPTS_INIT {NULL, -1, 0, 0.0, 1}

/* Compute the schedule of a plan without errors. Returns NULL when memory
 * runs out or the plan has errors; `err` (OUT, may be NULL) then points to
 * a static message. */
baton_schedule *baton_schedule_compute(baton_plan *plan,
				       const baton_schedule_opts *opts,
				       const char **err);
void baton_schedule_free(baton_schedule *s);

/* Project end as a working-day offset from the program start. */
int32_t baton_schedule_end_day(const baton_schedule *s);

enum baton_format {
	BATON_FORMAT_TERM,     /* aligned text for a terminal */
	BATON_FORMAT_MARKDOWN, /* pastes into Confluence, Slack, email */
	BATON_FORMAT_JSON      /* for machines */
};

/* Render flags. */
#define BATON_RENDER_COLOR 1u /* ANSI colour (the CLI sets it on a TTY only) */

/* The schedule in a format. Caller frees. NULL when memory runs out. */
char *baton_schedule_render(const baton_schedule *s, enum baton_format fmt,
			    unsigned flags);

/*============================== Misc ==============================*/

void baton_string_free(char *s);

/* 1 when s is a valid ISO date "YYYY-MM-DD" (the date exists). */
int baton_date_valid(const char *s);

#ifdef __cplusplus
}
#endif
#endif
