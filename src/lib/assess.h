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

#include <stdarg.h>
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
	double chance0;       /* P(reached by the first commitment) when a later
				 one is in force; negative otherwise */
	/* The forecast's top driver of this date (simulate.c's ranking). */
	int has_driver;
	uint8_t driver_risk;  /* 1: a risk; 0: a task */
	uint32_t driver;      /* its risk or task index */
	double driver_days;   /* risk: working days it adds on average */
	double driver_crit;   /* task: share of runs it is critical */
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
	uint8_t *risk_state;  /* enum bt_risk_state or 0xff (the previous block:
				 the plan keeps one state, so unknown) */
	int32_t *team_cap;    /* tenths of a person in force then (a record's
				 effective capacity; an older record's declared
				 one), -1: not in it */
	bt_estimate *task_est;/* an open task's estimate then (points 0:
				 unknown: done, or a record without it) */
	uint8_t prog_rag;
} bt_prev;

typedef BT_VEC(const char *) bt_strvec;

/* A committed item: a milestone, or the program end (idx == BT_NONE). */
typedef struct bt_as_ms {
	uint32_t idx;          /* milestone index; BT_NONE: the program end */
	const char *id, *title, *owner;
	bt_date commit;        /* BT_DATE_NONE: no commitment; the one in force */
	bt_date commit0;       /* the first commitment (the baseline) */
	uint32_t cc0, ncc;     /* its changes, into plan->commit_changes (all of
				  them, also those after the status date) */
	uint32_t ncc_now;      /* the changes in force by the status date */
	const char *commit_story; /* "committed D, moved to D on D by DECISION
				  (reason)": NULL when it never moved */
	int32_t p50_slack0;    /* working days from P50 to commit0 (with a
				  forecast and a moved commitment) */
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
	uint32_t cause0, ncause;  /* its causes: into cause_idx, best first */
	uint32_t same_as;      /* program end: the milestone it coincides with
				  (same commit, dates and chance); BT_NONE */
	uint32_t root0, nroot; /* CHANGE > 0: the root slips behind it, into
				  slip_roots (task indexes); slip.c */
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
	int unraised;          /* raised (`date`) after the status date: not
				* a decision yet as of then (state -2) */
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
	uint32_t root;         /* slipped: the task whose own cause moved it
				  (itself, or the root of a slipped predecessor;
				  BT_NONE: none found); slip.c */
	uint32_t cause0, ncause; /* its own causes, into slip_causes (root == task) */
} bt_as_item;

/* Why a date moved since the last update (slip.c). */
enum bt_slip_kind {
	BT_CA_ESTIMATE,        /* re-estimated in a status block since then */
	BT_CA_PROGRESS,        /* started, and less work done than planned */
	BT_CA_LATE_START,      /* was due to start and did not (or started late) */
	BT_CA_LATE_FINISH,     /* done, later than planned */
	BT_CA_RISK,            /* a risk on it occurred since then */
	BT_CA_CAPACITY,        /* its team's capacity changed (levelled) */
	BT_CA_SCOPE,           /* a task before it is new since then */
	BT_CA_DECISION,        /* a decision linked to it is open past need-by */
	BT_CA_UNKNOWN          /* nothing in the plan explains it */
};

typedef struct bt_slip_cause {
	uint8_t kind;          /* enum bt_slip_kind */
	uint8_t subject_kind;  /* enum bt_kind: task, risk, team or decision */
	uint32_t subject;      /* index in that table */
	uint32_t task;         /* the slipped (root) task it explains */
	const char *from, *to; /* the values before and now; NULL: none */
	bt_date when;          /* the status block it was entered in, the date
				  it happened; BT_DATE_NONE */
	const char *text;      /* the sentence */
	int32_t was, now;      /* ESTIMATE: the likely estimate before and now
				  (working days); CAPACITY: people (tenths);
				  else 0 */
} bt_slip_cause;

typedef struct bt_as_note { /* `note [ID] "text"` in the update's status block */
	uint8_t kind;          /* enum bt_kind of what it is about; BT_K_NONE: the program */
	uint32_t idx;          /* into that table */
	const char *id, *title;/* what it is about (NULL for the program) */
	const char *text;
} bt_as_note;

/* A cause: one fact behind one or more commitments that are not green,
 * said once and naming every commitment it affects. */
enum bt_cause_kind {
	BT_CAUSE_DECISION,     /* an open decision past its need-by */
	BT_CAUSE_RISKS,        /* escalated risks on a late path, as one set */
	BT_CAUSE_RISK,         /* one risk: escalated, or the forecast's top driver */
	BT_CAUSE_TASK,         /* a task whose duration drives the forecast */
	BT_CAUSE_CHAIN,        /* the chain of work that sets the planned date */
	BT_CAUSE_CAPACITY,     /* a team's people hold the work that sets the
				  date (levelled): subject is the team */
	BT_CAUSE_ESTIMATE,     /* a re-estimate since the last update moved the
				  date: subject is the task */
	BT_CAUSE_STALE,        /* the latest status is old */
	BT_CAUSE_NONE          /* nothing to explain: every commitment is green */
};

typedef struct bt_as_cause {
	uint8_t kind;          /* enum bt_cause_kind */
	uint32_t subject;      /* decision, risk or task index (ids[0]); BT_NONE */
	uint32_t id0, nid;     /* risk or task indices: into cause_idx */
	uint32_t ms0, nms;     /* the items it affects: into cause_idx (a->ms) */
	const char *text;      /* the sentence, with ids and ISO dates */
	const char *label;     /* its short name ("risk x", "decision d") */
	double days;           /* its effect in working days; negative: unknown */
	double worst_chance;   /* the lowest chance of what it affects; -1: none */
	int32_t worst_slack;   /* the fewest working days to spare (P50 with a
				  forecast, else PLANNED) of what it affects */
	/* CAPACITY: the team's people in force then (was: its own capacity),
	 * tenths; ESTIMATE: the likely estimate before and now, working days. */
	int32_t was, now;
	double slower;         /* CAPACITY under a scenario: the team's slowdown
				  (0.25: 25% slower); 0: none */
	uint8_t since_prev;    /* CAPACITY: `was` is the recorded update's, and
				  `when` its date */
	bt_date when;          /* CAPACITY: the change's first day; ESTIMATE: the
				  status block it was entered in; BT_DATE_NONE */
} bt_as_cause;

/* What one line of "what is being done" is about, for renderers that
 * word it their own way (the exec email: titles, no ids). */
enum bt_action_kind {
	BT_ACT_SLIP_NOTE,      /* the TPM's note on a root slip: subject task */
	BT_ACT_SLIP_NONE,      /* nothing answers a root slip yet: subject task */
	BT_ACT_MITIGATING,     /* a risk's mitigation: subject risk */
	BT_ACT_DECISION,       /* a decision needed: subject decision */
	BT_ACT_DECIDED,        /* a decision taken since: subject decision */
	BT_ACT_UNADDRESSED     /* nothing addresses a commitment: subject item (a->ms) */
};

typedef struct bt_as_action {
	const char *s;         /* its line, as in strs (the same pointer) */
	uint8_t kind;          /* enum bt_action_kind */
	uint32_t subject;
	int32_t days;          /* SLIP_*: working days it slipped */
	uint32_t cause;        /* SLIP_*: its first cause, into slip_causes; BT_NONE */
	const char *note;      /* SLIP_NOTE: the note */
} bt_as_action;

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
	/* reasons: one sentence per cause, in the causes' order */
	uint32_t reason0, nreason;
	uint32_t action0, naction;
	const bt_as_ms *headline_ms; /* the commitment the headline names */
	/* The headline, the answer to "are we on track?", without its RAG
	 * word (each format shows the RAG its own way): "Title: committed D,
	 * forecast P50 D / P85 D, N% chance. Because <the driver> (1 of N
	 * causes)." */
	const char *headline;
	uint32_t headline_reason; /* the reason it cites, from reason0; nreason: none */
	BT_VEC(bt_as_cause) causes; /* ranked by effect; the driver first */
	BT_VEC(uint32_t) cause_idx; /* the causes' and items' index lists */
	uint32_t ncause;       /* causes that explain something (not NONE) */
	int32_t driver;        /* the cause that moves the headline commitment's
				  date most: into causes; -1: none */
	double driver_days;    /* a forecast risk driver: working days it adds
				  to the headline commitment; negative: unknown */
	double driver_effect;  /* a capacity or re-estimate driver: working days
				  it moves the headline commitment; negative:
				  not one of those */
	const char *driver_text; /* the driver as the headline says it */
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
	BT_VEC(bt_slip_cause) slip_causes; /* the slipped tasks' own causes */
	BT_VEC(uint32_t) slip_roots;     /* milestones' root slips */
	BT_VEC(bt_as_action) acts; /* what each action line is about */
	bt_estimate *est;      /* [nt] each task's estimate in force on the
				  status date (its own, then re-estimates in
				  the status blocks to then, then a scenario's) */
	int32_t *team_cap;     /* [teams] people in force on the status date
				  (capacity changes, a scenario's), tenths */
	uint32_t slip_action0, nslip_action; /* the first of actions: what
				  answers this week's slips (into strs) */
	BT_VEC(bt_agenda_item) agenda;   /* grouped by team */
	BT_VEC(uint32_t) critical;  /* critical-path tasks in start order */
	int have_prev;
	bt_prev prev;
	int oom;
	/* Recovery options for red commitments (status.c, options asked
	 * for): best first per commitment; options_runs their runs. */
	BT_VEC(struct bt_as_option) options;
	long options_runs;
	/* Owned by the public API (status.c): */
	struct baton_schedule *own_sched;
	bt_arena own;          /* the previous update's arrays */
	char as_of_s[11];
};

typedef struct baton_assessment bt_assessment;

/* A recovery option for a red commitment (baton recover, small budget). */
typedef struct bt_as_option {
	uint32_t ms;           /* into a->ms */
	const char *what;      /* the changes, as recover says them; NULL:
				  move the commitment to move_to */
	double chance;         /* of the commitment with the changes */
	double base;           /* ... and without them (levelled, same runs) */
	bt_date p85;
	bt_date base_p85;      /* ... and without them */
	bt_date move_to;
	uint8_t reaches;       /* reaches the target (the green threshold) */
} bt_as_option;

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

/* slip.c: the causes of each slipped task and its root (after the
 * slipped list is built), the root slips behind each milestone's CHANGE
 * and, first in the actions, what answers them (after the RAG). Return
 * -1 when memory runs out. */
/* A sentence in the assessment's arena ("" and a->oom set when memory
 * runs out): assess.c's and slip.c's one formatter. */
const char *bt_as_vfmt(bt_assessment *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int bt_slip_causes(bt_assessment *a);
/* The estimate of task v in force at the end of day d: the plan's, then
 * the latest re-estimate in a status block dated on or before d. */
bt_estimate bt_est_at(const bt_plan *p, uint32_t v, bt_date d);
/* The same for every task at once, into est[tasks], in one pass over the
 * status blocks; `when` is scratch of as many dates. */
void bt_est_all_at(const bt_plan *p, bt_date d, bt_estimate *est, bt_date *when);
int bt_slip_milestones(bt_assessment *a);
int bt_slip_actions(bt_assessment *a);
/* Record what action line s is about (a->oom on failure). */
void bt_as_act(bt_assessment *a, const char *s, uint8_t kind, uint32_t subject, int32_t days, uint32_t cause,
	       const char *note);
/* The record of action line s, or NULL. */
const bt_as_action *bt_as_action_of(const bt_assessment *a, const char *s);

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
