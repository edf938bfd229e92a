/*
 * assess.h: the assess stage. From a schedule (and, when there is one, a
 * Monte Carlo forecast per milestone) and the previous update, compute
 * everything the weekly status, the risk register, the decision log and the
 * sync agenda show: RAG with reasons for each milestone and the program,
 * what is being done about what is not green, risk scores and escalations,
 * decisions needed and taken, cross-team hand-offs, conflicts, and what
 * finished and slipped since the last update. Renderers (render_status.c)
 * compute nothing; they print these structs.
 *
 * The rules are documented in docs/status.md; the numbers that matter:
 *  - commit float: a backward pass (the CPM backward pass of cpm.c, with
 *    the four link types) in which every committed milestone bounds its own
 *    finish by its commit and the program commit bounds everything. A
 *    node's commit float is how many working days it can slip before some
 *    commitment is missed; the commitment that binds is kept with it.
 *  - risk exposure: probability x mean impact (a range's midpoint, a
 *    three-point impact's PERT mean (o + 4m + p) / 6), in working days; an
 *    occurred risk counts with probability 1, a closed one with 0.
 *  - escalate: exposure > the commit float of the work the risk is on (the
 *    least over its `on` list), i.e. the expected delay exceeds what the
 *    schedule can absorb before a commitment is missed.
 */
#ifndef BT_ASSESS_H
#define BT_ASSESS_H

#include "schedule.h"

enum bt_rag { BT_RAG_GREEN, BT_RAG_AMBER, BT_RAG_RED, BT_RAG_NONE };

/* Defaults of the `rag` program attribute. */
#define BT_RAG_GREEN_DEFAULT 0.80
#define BT_RAG_AMBER_DEFAULT 0.50
#define BT_RAG_MARGIN_DEFAULT 5
/* A status block older than this many calendar days before the status
 * date makes the program at least amber. */
#define BT_STALE_STATUS_DAYS 10
/* Proposed decisions due within this many calendar days go on the agenda. */
#define BT_DECISION_SOON_DAYS 14

/* Monte Carlo figures of one milestone (or the program end): the
 * FORECAST, as opposed to the PLANNED date of the schedule. */
typedef struct bt_ms_forecast {
	int have;             /* 0: no forecast ran; RAG comes from the slack */
	double chance;        /* P(reached by the commit), 0..1; negative without a commit */
	int32_t p50, p85;     /* working-day offsets, as a milestone's day */
} bt_ms_forecast;

/* The previous update, as far as "changes since" needs it. Arrays are
 * indexed like the plan's tasks, milestones (+1: the program end) and
 * decisions; 0xff / BT_DATE_NONE / negative chance mean "not in it". */
typedef struct bt_prev {
	bt_date as_of;
	int from_record;      /* 1: a recorded update; 0: the previous status block */
	long record_id;
	uint8_t *task_state;  /* enum bt_task_state or 0xff */
	bt_date *task_finish; /* inclusive forecast or actual finish */
	bt_date *task_start;  /* forecast or actual start */
	bt_date *ms_planned;  /* each milestone's PLANNED date then */
	double *ms_chance;
	uint8_t *ms_rag;
	uint8_t *dec_state;   /* enum bt_decision_state or 0xff */
	uint8_t prog_rag;
} bt_prev;

typedef BT_VEC(const char *) bt_strvec;

/* A committed item: a milestone, or the program end (idx == BT_NONE). */
typedef struct bt_as_ms {
	uint32_t idx;          /* milestone index; BT_NONE: the program end */
	const char *id, *title, *owner;
	bt_date commit;        /* BT_DATE_NONE: no commitment */
	bt_date planned;       /* PLANNED: the schedule's date (inclusive): the
				  critical path at likely estimates, levelled
				  when the schedule is */
	int32_t day;           /* the schedule's day (exclusive, as cpm) */
	int32_t slack;         /* working days from PLANNED to the commit (with a commit) */
	int reached;           /* everything before it is done */
	bt_ms_forecast fc;     /* the FORECAST: P50, P85 and the chance */
	bt_date p50, p85;      /* dates of fc (BT_DATE_NONE without) */
	int32_t p50_slack, p85_slack; /* working days from P50 / P85 to the
				  commit, negative when late (with both) */
	uint8_t rag;           /* enum bt_rag */
	uint32_t reason0, nreason;  /* into strs */
	uint32_t action0, naction;  /* what is being done: into strs */
	int unaddressed;       /* not green and nothing addresses it */
	int have_prev;
	bt_date prev_planned;
	int32_t change;        /* working days PLANNED moved (+ later) */
	double prev_chance;    /* < 0: none */
	uint32_t ntask, ndone, nstarted; /* tasks leading to it */
} bt_as_ms;

/* 1 when m has a chance of meeting its commit (a forecast and a commit). */
static inline int bt_as_has_chance(const bt_as_ms *m)
{
	return m->fc.have && m->commit != BT_DATE_NONE && m->fc.chance >= 0;
}

enum bt_risk_flag {
	BT_RF_STALE = 1,          /* review date passed */
	BT_RF_NO_OWNER = 2,
	BT_RF_NO_MITIGATION = 4,
	BT_RF_OCCURRED = 8,
	BT_RF_WOULD_MISS = 16     /* its worst impact exceeds the float */
};

typedef struct bt_as_risk {
	uint32_t idx;          /* into plan->risks */
	double p;              /* probability used (1 occurred, 0 closed) */
	double impact;         /* mean impact, working days */
	double exposure;       /* p x impact, working days */
	int pband, iband;      /* 1..5 on the grid */
	int score;             /* pband x iband, 1..25 */
	int32_t absorb;        /* commit float of what it is on; BT_DAY_NONE: nothing committed downstream */
	const char *threat;    /* id of the binding commitment (a milestone or the program) */
	bt_date threat_commit;
	int escalate;
	unsigned flags;        /* enum bt_risk_flag */
} bt_as_risk;

typedef struct bt_as_dec {
	uint32_t idx;          /* into plan->decisions */
	const char *ask, *from;/* ask (or the title), from (or the owner) */
	int overdue;           /* proposed and past need-by */
	int32_t overdue_days;  /* calendar days */
	int soon;              /* proposed, need-by within BT_DECISION_SOON_DAYS */
	int state;             /* enum bt_decision_state as of the status
				* date (decided later: still proposed), or
				* -1 when the plan gives none */
	int taken_since;       /* decided after the previous update */
	bt_date taken_on;      /* the day it was taken: `decided`, else (plans
				* written before it) `date` */
	int32_t late_days;     /* decided this many calendar days after its
				* need-by date; 0 when on time or unknown */
} bt_as_dec;

enum bt_conflict_kind {
	BT_CF_OVER_CAPACITY,   /* a team asked for more people than it has */
	BT_CF_EARLY_START,     /* consumer started, or planned at the last update to
				  start, before its producer's forecast finish */
	BT_CF_NOTHING_BEFORE,  /* a milestone with nothing leading to it */
	BT_CF_NO_OWNER,        /* critical-path work without an owner */
	BT_CF_PROGRAMS         /* a team serves three programs or more */
};

typedef struct bt_as_conflict {
	uint8_t kind;          /* enum bt_conflict_kind */
	uint32_t team;         /* the team to discuss it with; BT_NONE: program */
	const char *text;      /* what is wrong */
	const char *question;  /* what the sync must settle */
} bt_as_conflict;

typedef struct bt_as_handoff {
	uint32_t from, to;     /* producer and consumer tasks */
	uint32_t from_team, to_team;
	bt_date finish;        /* producer's forecast finish (inclusive) */
	bt_date needed_by;     /* latest finish that keeps every commitment; BT_DATE_NONE: none */
	int32_t slack;         /* working days between them */
	int at_risk;           /* slack below the RAG margin */
} bt_as_handoff;

typedef struct bt_as_item { /* a task in a "finished" or "slipped" list */
	uint32_t task;
	bt_date date;          /* finish now */
	bt_date prev;          /* finish in the previous update */
	int32_t days;          /* slipped: working days later */
} bt_as_item;

typedef struct bt_as_note { /* `note [ID] "text"` in the update's status block */
	uint8_t kind;          /* enum bt_kind of what it is about; BT_K_NONE: the program */
	uint32_t idx;          /* into that table */
	const char *id, *title;/* what it is about (NULL for the program) */
	const char *text;
} bt_as_note;

typedef struct bt_agenda_item {
	uint32_t team;         /* BT_NONE: program-wide */
	const char *topic, *question;
} bt_agenda_item;

struct baton_assessment {
	bt_arena arena;
	const bt_plan *plan;
	const struct baton_schedule *sched;
	bt_date as_of;         /* BT_DATE_NONE: from the start */
	int forecast;          /* milestone figures come from a forecast */
	long runs;             /* its runs and seed (0: none; set by bt_assess_plan) */
	uint64_t seed;
	struct bt_calib_team *calib; /* --calibrate: the forecast's team biases
					(calibrate.h); NULL: not asked */
	long ncalib;
	double green, amber;   /* thresholds in use */
	int32_t margin;
	bt_strvec strs;

	uint8_t rag;           /* the program */
	uint32_t reason0, nreason;
	uint32_t action0, naction;
	const bt_as_ms *headline_ms; /* the commitment the headline names */
	/* The headline, the answer to "are we on track?", without its RAG
	 * word (each format shows the RAG its own way): "Title: committed D,
	 * forecast P50 D / P85 D, N% chance. Because ... (and N more
	 * reasons)." */
	const char *headline;
	uint32_t headline_reason; /* the reason it cites, from reason0; nreason: none */
	bt_as_ms *ms;          /* milestones in plan order, then the program end */
	uint32_t nms;
	int32_t *cf;           /* [n] commit float per node, INT32_MAX: none */
	uint32_t *bind;        /* [n] binding commitment: ms index, nm: program, BT_NONE */
	BT_VEC(bt_as_risk) risks;   /* sorted by severity */
	BT_VEC(bt_as_dec) decs;     /* plan order */
	BT_VEC(bt_as_note) notes;   /* the update's notes: the program's first */
	BT_VEC(bt_as_conflict) conflicts;
	BT_VEC(bt_as_handoff) handoffs; /* cross-team links, not done */
	BT_VEC(bt_as_item) finished, slipped;
	BT_VEC(bt_agenda_item) agenda;   /* grouped by team */
	BT_VEC(uint32_t) critical;  /* critical-path tasks in start order */
	int have_prev;
	bt_prev prev;
	int oom;
	/* Owned by the public API (status.c): */
	struct baton_schedule *own_sched;
	bt_arena own;          /* the previous update's arrays */
	char as_of_s[11];
};

typedef struct baton_assessment bt_assessment;

/* Assess a schedule. `fc` (may be NULL) holds nm + 1 forecasts: the
 * milestones in plan order, then the program end. `prev` (may be NULL)
 * is the previous update. Returns NULL when memory runs out. The
 * assessment borrows the plan and the schedule. */
bt_assessment *bt_assess(const struct baton_schedule *s, const bt_ms_forecast *fc,
			 const bt_prev *prev);
void bt_assess_free(bt_assessment *a);

/* baton_assess, and when `keep` is not NULL and a forecast ran, the
 * forecast behind the milestone figures in *keep (the caller frees it
 * with baton_forecast_free; *keep stays NULL without one). */
bt_assessment *bt_assess_plan(baton_plan *p, const baton_status_opts *o, const char **err,
			      struct baton_forecast **keep);

/* Fill `prev` (allocated in `arena`) from the JSON of a status update
 * (render_status.c's JSON). Returns 0, -1 when it is not one, or -2 when
 * memory runs out. */
int bt_prev_from_json(bt_prev *prev, const bt_plan *p, const char *json, bt_arena *arena);
/* Fill `prev` from an assessment (the previous status block). Returns 0,
 * or -1 when memory runs out. */
int bt_prev_from_assessment(bt_prev *prev, const bt_assessment *a, bt_arena *arena);

/* The RAG of one commitment from its chance or, without a forecast, its
 * slack. Exposed for the unit tests. */
uint8_t bt_rag_of(int have_chance, double chance, int32_t slack, double green,
		  double amber, int32_t margin);
/* Grid bands: probability (<=10%, <=30%, <=50%, <=70%, more) and mean
 * impact in working days (<=2, <=5, <=10, <=20, more). 1..5. */
int bt_prob_band(double p);
int bt_impact_band(double days);
const char *bt_rag_name(uint8_t rag);

/* render_status.c */
enum bt_audience { BT_AUD_ALL, BT_AUD_EXEC, BT_AUD_ENG, BT_AUD_PM };
int bt_render_status(bt_buf *b, const bt_assessment *a, int fmt, int audience, int color);
int bt_render_risks(bt_buf *b, const bt_assessment *a, int fmt, int color);
int bt_render_decisions(bt_buf *b, const bt_assessment *a, int fmt, int color);
int bt_render_agenda(bt_buf *b, const bt_assessment *a, int fmt, int color);

/* render_diagram.c: the milestones as an iCalendar file (`commits`: an
 * event per committed date too) and as a terminal table. */
int bt_render_ical(bt_buf *b, const bt_assessment *a, int commits);
int bt_render_milestones_text(bt_buf *b, const bt_assessment *a);

#endif
