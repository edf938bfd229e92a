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
 * values, as a baton_error (below) and as diagnostics attached to the
 * plan. The library keeps no
 * global mutable state (the allocation failure hook of its own tests
 * aside), so several plans may be used from several threads, one thread
 * per plan. Its test hooks are in src/lib/testing.h, not here.
 * Running out of memory anywhere fails the call ("out of memory" where it
 * reports a message); it never yields a shorter or different answer.
 *
 * One process-wide setting: the first baton_plan_parse or
 * baton_history_open routes jansson's allocations (json_set_alloc_funcs)
 * and, unless SQLite is already initialised, SQLite's
 * (SQLITE_CONFIG_MALLOC) through libbaton's allocator, which is malloc.
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

/* The version these declarations are of; baton_version() is the one of the
 * library linked in (the two differ when a program built against one
 * header runs with another libbaton). */
#define BATON_VERSION "0.1.0"
const char *baton_version(void); /* "MAJOR.MINOR.PATCH", static */

/* Every JSON document baton writes is an object whose first member is
 * "schema_version": this number. It goes up when a member is removed or
 * changes meaning; members are added without a change (docs/commands.md). */
#define BATON_JSON_SCHEMA 1

/*============================== Errors ============================*/

/* One error model for every call that can fail for more than memory: its
 * last argument is `baton_error *err`, the caller's (on the stack, say),
 * which may be NULL. On failure the call returns its failure value (NULL,
 * -1) and fills *err: the code, for a program to act on, and the message,
 * for a person, NUL-terminated (a few, located in a file, span lines).
 * On success *err is left as it was. libbaton never allocates an error,
 * so it cannot leak or dangle, outlives the plan and the call, and is
 * there when memory has run out:
 *
 *     baton_error err;
 *     baton_schedule *s = baton_schedule_compute(plan, &opts, &err);
 *     if (!s)
 *         fprintf(stderr, "baton: %s\n", err.message);
 *
 * A message longer than the buffer (a very long path) is cut, ending in
 * "..."; the texts baton writes fit well inside it. Calls that can fail
 * only when memory runs out have no `err`: NULL says it. Diagnostics
 * about a plan are not errors: they stay with the plan
 * (baton_plan_diagnostics), and a portfolio's are handed back whole
 * (baton_portfolio_load). */
enum baton_errcode {
	BATON_OK = 0,        /* never a failure's code */
	BATON_ERR_NOMEM = 1, /* memory ran out; the message says "out of memory" */
	BATON_ERR_INPUT = 2, /* the plan, an option or a file's contents is
				wrong, or the plan cannot be scheduled so:
				the caller's (or the plan author's) to fix */
	BATON_ERR_IO = 3     /* a file or the history database could not be
				read or written (the message says which, and
				the system's or SQLite's reason) */
};

#define BATON_ERROR_MAX 4096

typedef struct baton_error {
	int code;                      /* enum baton_errcode */
	char message[BATON_ERROR_MAX]; /* without a final newline */
} baton_error;

/* Options: every computation takes a struct of options, started from its
 * BATON_X_OPTS_INIT. Each is a designated initialiser naming only the
 * fields whose default is not zero; every field it does not name is 0 or
 * NULL. A field added in a later version therefore starts at 0, which
 * always means "as before", and never moves another field's default:
 *
 *     baton_schedule_opts o = BATON_SCHEDULE_OPTS_INIT;
 *     o.as_of = "2026-03-02";
 *
 * The defaults are written above each macro (tests/unit/test_api.c checks
 * them field by field). From C++ the macros need C++20, which takes
 * designated initialisers in declaration order, as they are written (g++
 * with -Wextra then warns of the fields they leave to zero; clang++ does
 * not). */

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

/* Diagnostics as a JSON array of {file,line,col,severity,message,...},
 * to embed in a document (`baton serve` does). Caller frees. */
char *baton_plan_diagnostics_json(const baton_plan *plan);

/* The document `baton check --json` prints: {"schema_version": ...,
 * "diagnostics": that array}. Caller frees. NULL when memory runs out. */
char *baton_plan_check_json(const baton_plan *plan);

/* The canonical text of the plan (see docs/plan-language.md, "Canonical
 * form"). Returns NULL when the plan has syntax errors or memory runs out.
 * `changed` (OUT, may be NULL) is set to 1 when the result differs from the
 * input. */
char *baton_plan_format(const baton_plan *plan, int *changed);

/* Next week's status block, to fill in (`baton next`): dated `date`
 * ("YYYY-MM-DD", after the latest status block; NULL: a week after it),
 * with a line for every task in flight (its remaining work by then, or
 * done when it should have finished), every task planned to start or
 * finish by then, and comments for the risks due for review and the
 * decisions due. Returns the block, or with `into_plan` the plan's text
 * with the block inserted after its latest status block (else at the
 * end), everything else byte for byte. Caller frees. NULL with *err set
 * when the date is not after the latest block, the plan has errors
 * (BATON_ERR_INPUT) or memory runs out. */
char *baton_plan_next(baton_plan *plan, const char *date, int into_plan, baton_error *err);

/*============================ Schedules ===========================*/

typedef struct baton_schedule_opts {
	const char *as_of; /* "YYYY-MM-DD", or NULL: the latest status block */
	int level;         /* 1: capacity-levelled; 0: critical path only;
			      -1: as the plan says */
	long schedules;    /* levelling budget (0: default) */
	double time_limit; /* seconds, 0: none */
	uint64_t seed;     /* levelling seed */
	const char *scenario; /* a scenario of the plan to apply, or NULL; the
				 schedule then also says how far each date
				 moved from the plan without it */
} baton_schedule_opts;

/* Defaults: level -1 (as the plan says), seed 1, the rest 0 or NULL. */
#define BATON_SCHEDULE_OPTS_INIT {.level = -1, .seed = 1}

/* Compute the schedule of a plan without errors. Returns NULL with *err
 * set when memory runs out or the plan has errors or cannot be scheduled
 * (BATON_ERR_INPUT). */
baton_schedule *baton_schedule_compute(baton_plan *plan,
				       const baton_schedule_opts *opts,
				       baton_error *err);
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

/* Where a streamed rendering goes: `len` bytes at `data` (not
 * NUL-terminated). Returns 0, or nonzero to stop the rendering. */
typedef int (*baton_write_fn)(void *ctx, const char *data, size_t len);

/* The same bytes as baton_schedule_render, handed to `write` in pieces of
 * about 64 KiB as they are made, so the whole text is never held (a
 * million-task schedule is 85 MB as text and 450 MB as JSON). Returns 0,
 * or -1 when memory ran out or `write` asked to stop; what was written
 * before then is a prefix of the output. */
int baton_schedule_write(const baton_schedule *s, enum baton_format fmt,
			 unsigned flags, baton_write_fn write, void *ctx);

/*============================= Diagrams ===========================*/

/* Text diagrams for the places a TPM pastes into (docs/commands.md,
 * "Diagrams"). The first three show the schedule's dates and critical
 * flags; the milestone kinds also carry each commitment's forecast and
 * RAG, so they come from an assessment (baton_assessment_diagram). */
enum baton_diagram {
	BATON_DIAGRAM_DOT,             /* dependency map, Graphviz DOT */
	BATON_DIAGRAM_MERMAID_GRAPH,   /* dependency map, Mermaid flowchart */
	BATON_DIAGRAM_MERMAID_GANTT,   /* timeline by team, Mermaid gantt */
	BATON_DIAGRAM_ICAL,            /* milestones, iCalendar (RFC 5545) */
	BATON_DIAGRAM_MILESTONES_TEXT  /* milestones, a terminal table */
};

/* Diagram flags (besides BATON_RENDER_COLOR, which none uses yet). */
#define BATON_DIAGRAM_COMMITS 2u /* ICAL: also an event per commitment */

/* A diagram of a schedule: DOT, MERMAID_GRAPH or MERMAID_GANTT. Caller
 * frees. NULL when memory runs out or `kind` is a milestone kind (those
 * need the forecast: baton_assessment_diagram) or not one of the above. */
char *baton_schedule_diagram(const baton_schedule *s, enum baton_diagram kind,
			     unsigned flags);

/*============================== Misc ==============================*/

void baton_string_free(char *s);

/* 1 when s is a valid ISO date "YYYY-MM-DD" (the date exists). */
int baton_date_valid(const char *s);

/*============================ Forecasts ===========================*/

/* A Monte Carlo forecast (docs/forecast.md): for each milestone and the
 * program end, dates at P10/P50/P80/P85/P95, the mean and the chance of
 * meeting the commitment; each task's criticality index; the tasks and
 * risks that drive each milestone. */
typedef struct baton_forecast baton_forecast;

enum baton_dist {
	BATON_DIST_PERT,      /* PERT-beta over optimistic/likely/pessimistic */
	BATON_DIST_TRIANGULAR /* triangular over the same three points */
};

typedef struct baton_forecast_opts {
	const char *as_of;    /* "YYYY-MM-DD", or NULL: the latest status block */
	long runs;            /* 0: 10,000 */
	uint64_t seed;        /* the same seed gives the same forecast */
	int threads;          /* 0: one per online CPU; never changes the result */
	int level;            /* 1: levelled schedule per run; 0: critical path;
				 -1: as the plan says */
	int distribution;     /* enum baton_dist */
	double spread_low;    /* single-point estimate m: optimistic m*(1-low); */
	double spread_high;   /* pessimistic m*(1+high); negative: 0.10 and 0.25 */
	double correlation;   /* within-team correlation of durations, 0..1 */
	const char *scenario; /* a scenario of the plan, or NULL: the plan as is */
	/* Called from the calling thread about ten times a second while the
	 * runs go on (NULL: never). */
	void (*progress)(void *ud, long done, long total);
	void *progress_ud;
	int calibrate;        /* 1: scale each open task by its team's estimate
				 bias, for teams with enough finished tasks
				 (docs/forecast.md, "Calibration") */
} baton_forecast_opts;

/* Defaults: seed 1, level -1, the PERT distribution, spreads -1.0 (0.10
 * and 0.25), the rest 0 or NULL. */
#define BATON_FORECAST_OPTS_INIT \
	{.seed = 1, .level = -1, .spread_low = -1.0, .spread_high = -1.0}

/* Simulate a plan without errors. Returns NULL when the plan has errors,
 * the options are invalid (an unknown scenario), levelling finds no
 * schedule (BATON_ERR_INPUT), or memory runs out; *err then says why. */
baton_forecast *baton_forecast_compute(baton_plan *plan,
				       const baton_forecast_opts *opts,
				       baton_error *err);
void baton_forecast_free(baton_forecast *f);

/* The forecast in a format. Caller frees. NULL when memory runs out. */
char *baton_forecast_render(const baton_forecast *f, enum baton_format fmt,
			    unsigned flags);

/* A scenario's forecast beside the baseline's (both computed with the same
 * options but `scenario`): each milestone's P50, P85 and chance and their
 * change, and how the critical path changed. Caller frees. */
char *baton_whatif_render(const baton_forecast *base, const baton_forecast *scen,
			  enum baton_format fmt, unsigned flags);

/* The i-th scenario declared in the plan, or NULL past the last. */
const char *baton_plan_scenario(const baton_plan *plan, size_t i);

/*======================= Status (assess stage) ====================*/

/* The weekly status of a plan: RAG with reasons per milestone and for the
 * program, risk scores and escalations, decisions, hand-offs, conflicts,
 * changes since the previous update, the sync agenda (docs/status.md). */
typedef struct baton_assessment baton_assessment;
typedef struct baton_history baton_history;

typedef struct baton_status_opts {
	const char *as_of;    /* as for schedules; NULL: the latest status block */
	int level;            /* 1 levelled, 0 critical path, -1 as the plan says */
	uint64_t seed;        /* levelling seed */
	baton_history *history; /* the previous update is its latest record
				   before the status date; NULL (or no such
				   record): the plan's previous status block */
	long runs;            /* Monte Carlo runs for P50/P85 and the chance
				 (0: the forecast's default; -1: none, RAG from
				 the schedule's slack); levelled in every run
				 when the schedule is */
	uint64_t forecast_seed; /* the forecast's seed */
	long schedules;       /* levelling budget (0: default) */
	const char *scenario; /* assess the plan under this scenario; NULL: none */
	int calibrate;        /* the forecast's `calibrate` (baton_forecast_opts) */
	int options;          /* 1: for each red commitment, its best recovery
				 options (baton_recover with a small budget:
				 500 runs, 12 candidate sets); needs a forecast */
} baton_status_opts;

/* Defaults: level -1, seed 1, forecast_seed 1, the rest 0 or NULL. */
#define BATON_STATUS_OPTS_INIT {.level = -1, .seed = 1, .forecast_seed = 1}

/* Schedule and assess a plan without errors. NULL when it cannot be
 * scheduled (BATON_ERR_INPUT) or memory runs out; *err then says why. The
 * assessment borrows the plan: free it first. */
baton_assessment *baton_assess(baton_plan *plan, const baton_status_opts *opts, baton_error *err);
void baton_assessment_free(baton_assessment *a);

/* The program's RAG ("green", "amber" or "red"), and the status date as
 * "YYYY-MM-DD" ("" without a status date). Both live as long as `a`. */
const char *baton_assessment_rag(const baton_assessment *a);
const char *baton_assessment_as_of(const baton_assessment *a);

enum baton_report {
	BATON_REPORT_STATUS,    /* the weekly update */
	BATON_REPORT_RISKS,     /* the risk register */
	BATON_REPORT_DECISIONS, /* the decision log */
	BATON_REPORT_AGENDA     /* the cross-team sync agenda */
};

enum baton_audience {
	BATON_FOR_ALL,  /* the full update */
	BATON_FOR_EXEC, /* headline, milestones, asks: 12 lines at most */
	BATON_FOR_ENG,  /* critical path with owners, hand-offs per team */
	BATON_FOR_PM    /* milestones with scope, decisions, changes */
};

/* A report in a format. The audience matters for the status in text and
 * Markdown only. Caller frees. NULL when memory runs out. */
char *baton_assessment_render(const baton_assessment *a, enum baton_report what,
			      enum baton_format fmt, enum baton_audience aud, unsigned flags);

/* A diagram of an assessment. The milestone kinds (ICAL, MILESTONES_TEXT)
 * show each commitment as the status does: its PLANNED date and slack,
 * its forecast (P50, P85, the chance of meeting the commit) and its RAG;
 * BATON_DIAGRAM_COMMITS adds an iCalendar event per committed date. The
 * other kinds are the schedule's (baton_schedule_diagram). Caller frees.
 * NULL when memory runs out or `kind` is unknown. */
char *baton_assessment_diagram(const baton_assessment *a, enum baton_diagram kind, unsigned flags);

/*============================== Diffs =============================*/

/* What changed between two versions of a plan (`baton diff`): the
 * changes matched by id (tasks, estimates, links, commitments, risks,
 * decisions, status entries, teams and calendars), and for each
 * milestone and the program end its commit, PLANNED date, P50, P85,
 * chance and RAG on each side. Both plans are assessed with the same
 * `opts` (its `history` is ignored: each side stands alone), so each
 * side's figures are the ones baton_assess gives for that plan. */
typedef struct baton_diff baton_diff;

/* Compare two plans without errors. NULL when one cannot be assessed
 * (BATON_ERR_INPUT) or memory runs out; *err then says why and `side`
 * (OUT, may be NULL) is 1 for the old plan, 2 for the new one, 0 for
 * neither. The diff borrows both plans: free it first. */
baton_diff *baton_diff_compute(baton_plan *old_plan, baton_plan *new_plan,
			       const baton_status_opts *opts, int *side, baton_error *err);
void baton_diff_free(baton_diff *d);

/* The number of changes: to the plan, plus the commitments whose figures
 * moved. 0: the plans say the same thing. */
size_t baton_diff_changes(const baton_diff *d);

/* The diff in a format. Caller frees. NULL when memory runs out. */
char *baton_diff_render(const baton_diff *d, enum baton_format fmt, unsigned flags);

/*========================= History (SQLite) =======================*/

/* Published updates, kept in an SQLite database (docs/status.md has the
 * schema). Each record is one transaction: a crash never loses or
 * corrupts an earlier one. */

/* Open (creating the file and its schema when needed) a history. NULL on
 * failure with *err saying why (BATON_ERR_IO: it cannot be opened, or is
 * not a baton history). */
baton_history *baton_history_open(const char *path, baton_error *err);
void baton_history_close(baton_history *h);

typedef struct baton_record {
	const char *plan;        /* the plan's path, as given */
	const char *recorded_at; /* when, ISO 8601 (the caller's clock) */
	const char *audience;    /* "all", "exec", "eng" or "pm" */
	const char *format;      /* "text", "markdown" or "json" */
	const char *text;        /* the update as published */
	const char *json;        /* the status as JSON: every figure */
} baton_record;

/* Store one update. Returns its id (> 0), or -1 with *err set
 * (BATON_ERR_IO, also when the history refuses the record). */
long baton_history_record(baton_history *h, const baton_record *r, baton_error *err);

/* The JSON of the latest record of `program` with a status date before
 * `before` (NULL: the latest of all). NULL when there is none (or memory
 * runs out). `id` (OUT, may be NULL) receives its id. Caller frees. */
char *baton_history_last(baton_history *h, const char *program, const char *before, long *id);

/* The records of `program` and each milestone's forecast over time (the
 * slip chart as text). Caller frees. NULL with *err set on failure
 * (BATON_ERR_IO). */
char *baton_history_render(baton_history *h, const char *program, enum baton_format fmt,
			   baton_error *err);

/* The program id of a plan (NULL without a program). Lives as long as it. */
const char *baton_plan_program(const baton_plan *plan);

/* PRAGMA integrity_check, and the number of records. Returns 0 when the
 * database is intact; otherwise -1 with *err saying what is wrong
 * (BATON_ERR_IO). With text files (baton_history_open_dir) every file is
 * read again and must match the index: a damaged file is -2
 * (BATON_ERR_INPUT), located as in baton_history_open_dir's errors. */
int baton_history_check(baton_history *h, long *records, baton_error *err);

/*==================== History as text files in git ==================*/

/* A history can live as text beside the plan, in git (docs/status.md,
 * "Where the history lives"): one file per recorded update,
 * DIR/PROGRAM/YYYY-MM-DD.json (sorted keys, one field per line), the
 * records a later one replaced in DIR/PROGRAM/replaced/, and the SQLite
 * database as the index, rebuilt from the files when it is missing or
 * they changed (other files, other sizes or times than it was built
 * from), in one transaction. */

/* Write `len` bytes of data to `path` atomically, creating the
 * directories it needs. Returns 0, or -1 when it failed (having said why:
 * the library never prints). */
typedef int (*baton_history_write_fn)(void *ctx, const char *path, const char *data, size_t len);

typedef struct baton_history_opts {
	const char *dir;              /* the text history (DIR above) */
	baton_history_write_fn write; /* writes its files; NULL: read only
					 (recording and migrating fail) */
	void *ctx;                    /* write's first argument */
	int bad_file;                 /* OUT: the failure is a damaged or
					 hand-edited file (bad input) */
	int write_failed;             /* OUT: write failed (it said why) */
	long migrated;                /* OUT: records an index without files
					 (an older baton's) wrote out as files */
	int rebuilt;                  /* OUT: the index was rebuilt */
} baton_history_opts;

/* Defaults: every field 0 or NULL. */
#define BATON_HISTORY_OPTS_INIT {.dir = NULL}

/* Open the index at `index` (created when missing) for the text history
 * o->dir, and bring it up to date with the files. An index with records
 * and no files beside it (an older baton's) has its records written out
 * as files first (o->migrated). A damaged file fails the open with
 * "FILE:LINE:COL: error: ...", the line, a caret and a hint in *err
 * (BATON_ERR_INPUT, o->bad_file set). The handle keeps o's dir, write and
 * ctx: a record writes its file (an earlier one of the same date moves to
 * replaced/), then updates the index. NULL on failure, *err set. */
baton_history *baton_history_open_dir(const char *index, baton_history_opts *o, baton_error *err);

/* Render flags for baton_history_render_all. */
#define BATON_HISTORY_ALL 1u /* also the audit trail: replaced records */

/* baton_history_render, and with BATON_HISTORY_ALL the records a later
 * one for the same status date replaced: when, and by which record. */
char *baton_history_render_all(baton_history *h, const char *program, enum baton_format fmt,
			       unsigned flags, baton_error *err);

/*=========================== Calibration ==========================*/

/* How past forecasts turned out (docs/forecast.md, "Calibration"): for
 * every milestone reached by the status date, each forecast recorded
 * before it against its actual date; the share of P85 dates met; the
 * Brier score of the recorded chances; and each team's estimate bias
 * (actual working days over the likely estimate of its finished tasks). */
typedef struct baton_calibration baton_calibration;

/* Compute the calibration of a plan without errors as of `as_of` (NULL:
 * the latest status block), reading the recorded forecasts from `h`
 * (borrowed; NULL: the estimate bias alone). NULL with *err set on
 * failure: BATON_ERR_INPUT when the plan cannot be scheduled, BATON_ERR_IO
 * when the history cannot be read. */
baton_calibration *baton_calibration_compute(baton_plan *plan, baton_history *h,
					     const char *as_of, baton_error *err);
void baton_calibration_free(baton_calibration *c);

/* The calibration in a format. Caller frees. NULL when memory runs out. */
char *baton_calibration_render(const baton_calibration *c, enum baton_format fmt,
			       unsigned flags);

/*========================== HTML report ===========================*/

/* The status update as one self-contained HTML page (inline CSS and SVG,
 * nothing fetched): the status, a Gantt chart, the dependency map, the risk
 * heat map, forecast S-curves, team load against capacity and, with a
 * history, the slip chart (docs/commands.md, "baton report"). */
typedef struct baton_report_opts {
	const char *as_of;      /* as for schedules; NULL: the latest status block */
	int level;              /* 1 levelled, 0 critical path, -1 as the plan says */
	uint64_t seed;          /* forecast and levelling seed */
	long runs;              /* Monte Carlo runs (0: 10,000; -1: none) */
	baton_history *history; /* borrowed; NULL: no slip chart, changes since
				   the previous status block */
	const char *scenario;   /* report the plan under this scenario; NULL: none */
	int options;            /* as baton_status_opts.options */
} baton_report_opts;

/* Defaults: level -1, seed 1, the rest 0 or NULL. */
#define BATON_REPORT_OPTS_INIT {.level = -1, .seed = 1}

/* Schedule, forecast and assess a plan without errors and render the
 * report. The output depends on the plan and the options only (no clock).
 * Caller frees. NULL when the plan cannot be scheduled (BATON_ERR_INPUT)
 * or memory runs out; *err then says why. */
char *baton_report_html(baton_plan *plan, const baton_report_opts *opts, baton_error *err);

/*============================= Recovery ===========================*/

/* `baton recover` (docs/recover.md): the smallest sets of changes (people
 * added to a team for some weeks, optional work descoped, a link the plan
 * lets overlap fast-tracked, a risk mitigated) that bring a commitment's
 * chance to a target, ranked by what they cost, each with its chance and
 * P85 from a levelled forecast with common random numbers; and the date
 * the plan as it is reaches the target. */
typedef struct baton_recovery baton_recovery;

typedef struct baton_recover_opts {
	const char *as_of;     /* as for schedules */
	const char *milestone; /* a milestone id, or "program"; NULL: every
				  commitment not yet reached */
	double target;         /* 0..1; <= 0: the plan's green threshold */
	long runs;             /* runs of each option's forecast (0: 2,000) */
	uint64_t seed;
	double time_limit;     /* seconds for the search (0: 10) */
	int max_options;       /* options reported (0: 3) */
	int max_sets;          /* candidate sets to screen at most (0: as many
				  as the time limit allows); a bound that,
				  unlike time, gives the same answer anywhere */
	const char *under;     /* a scenario of the plan the search starts
				  from (the lead who left, the team that was
				  cut); every option keeps its items */
} baton_recover_opts;

/* Defaults: target -1.0 (the plan's green threshold), seed 1, the rest 0
 * or NULL. */
#define BATON_RECOVER_OPTS_INIT {.target = -1.0, .seed = 1}

/* Search a plan without errors. NULL with *err set on failure
 * (BATON_ERR_INPUT: an unknown milestone or scenario, a plan that cannot
 * be scheduled). */
baton_recovery *baton_recover(baton_plan *plan, const baton_recover_opts *opts, baton_error *err);
void baton_recovery_free(baton_recovery *r);
/* The options as text or JSON. Caller frees; NULL when memory runs out. */
char *baton_recovery_render(const baton_recovery *r, enum baton_format fmt, unsigned flags);
/* Option n (1-based) as a scenario block named `name` (NULL: the one
 * recover evaluated it under), ready to paste into the plan. NULL when
 * there is no such option or memory runs out. Caller frees. */
char *baton_recovery_scenario(const baton_recovery *r, size_t n, const char *name);

/*============================ Portfolios ==========================*/

/* Several programs that share teams (docs/portfolio.md): a portfolio
 * file names the program files and, optionally, the shared teams. Every
 * computation runs on all programs together, competing for the same
 * people: levelled against one pool per team, in every Monte Carlo run. */
typedef struct baton_portfolio baton_portfolio;

/* Read the portfolio file at `path`, the teams files it uses and its
 * programs (paths relative to the file naming them), check each, and
 * join them. `as_of` ("YYYY-MM-DD", validated by the caller; NULL: each
 * program's latest status block) is every program's status date. NULL
 * on failure with *err set: BATON_ERR_INPUT when a file has mistakes or
 * cannot be read (the files are the input). Every diagnostic, each
 * located in the file that has the mistake, is then also in *diagnostics
 * (OUT, may be NULL; freed with baton_string_free; NULL when memory ran
 * out and on success): they are many, and err->message holds as many as
 * fit. */
baton_portfolio *baton_portfolio_load(const char *path, const char *as_of, int color,
				      char **diagnostics, baton_error *err);
void baton_portfolio_free(baton_portfolio *pf);

/* The programs joined into one plan, as text (`baton portfolio join`):
 * ids prefixed with their program's, each program's end a milestone
 * "PROGRAM.end". Lives as long as pf; *len its length. */
const char *baton_portfolio_text(const baton_portfolio *pf, size_t *len);

enum baton_portfolio_view {
	BATON_PF_SCHEDULE, /* each program's milestones, levelled together */
	BATON_PF_FORECAST, /* ... with P50, P85 and the chance */
	BATON_PF_STATUS,   /* a line per program, then the contention */
	BATON_PF_TRADEOFF, /* every ordering of the programs, the Pareto set, the ask */
	BATON_PF_REPORT    /* one HTML page (format ignored) */
};

typedef struct baton_portfolio_opts {
	long runs;            /* Monte Carlo runs (0: 2,000 for a trade-off,
				 else 10,000; -1 none: schedule only) */
	uint64_t seed;        /* the forecasts' and the levelling's seed */
	long schedules;       /* levelling budget (0: default) */
	void (*progress)(void *ud, long done, long total); /* NULL: none */
	void *progress_ud;
} baton_portfolio_opts;

/* Defaults: seed 1, the rest 0 or NULL. */
#define BATON_PORTFOLIO_OPTS_INIT {.seed = 1}

/* Compute and render a view. Caller frees. NULL when levelling finds no
 * schedule (BATON_ERR_INPUT) or memory runs out; *err then says why. */
char *baton_portfolio_render(baton_portfolio *pf, enum baton_portfolio_view view,
			     enum baton_format fmt, const baton_portfolio_opts *o, unsigned flags,
			     baton_error *err);

#ifdef __cplusplus
}
#endif
#endif
