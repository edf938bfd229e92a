/*
 * model.h: the plan as parsed: programs, teams, tasks, milestones, risks,
 * decisions and dated status entries. Everything lives in the plan's arena
 * or in the plan's vectors; nothing here has its own free function.
 *
 * Lists that belong to one entity (a task's dependencies, a team's capacity
 * changes) are stored as [first, first+count) ranges into one plan-wide
 * vector: an entity's items are parsed together, so they are contiguous, and
 * a million tasks cost one allocation per kind of list, not one per task.
 */
#ifndef BT_MODEL_H
#define BT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "baton.h"
#include "cal.h"
#include "diag.h"
#include "util.h"

#define BT_NONE UINT32_MAX

/* A reference to an id, resolved by check (idx stays BT_NONE if unknown). */
typedef struct bt_ref {
	const char *name;     /* interned */
	uint32_t start, end;  /* where the reference is written */
	uint32_t idx;         /* index in its table after resolution */
	uint8_t kind;         /* enum bt_kind of the target after resolution */
} bt_ref;

enum bt_kind { BT_K_NONE, BT_K_TASK, BT_K_MILESTONE, BT_K_RISK, BT_K_DECISION, BT_K_TEAM };

enum bt_dep_type { BT_FS, BT_SS, BT_FF, BT_SF };

typedef struct bt_dep {
	bt_ref to;            /* the predecessor */
	uint8_t type;         /* enum bt_dep_type */
	int32_t lag;          /* working days; negative is a lead */
	uint32_t start, end;  /* the whole "id ss +2d" item */
} bt_dep;

typedef struct bt_need {
	bt_ref team;          /* name NULL: the task's own team */
	int32_t count;        /* tenths of a person */
} bt_need;

typedef struct bt_range {   /* a date range with an optional name */
	bt_date from, to;     /* inclusive */
	const char *name;
	uint32_t start, end;
} bt_range;

typedef struct bt_capchange {
	int32_t capacity;     /* tenths of a person */
	bt_date from, to;     /* to == BT_DATE_NONE: from then on */
	uint32_t start, end;
} bt_capchange;

typedef struct bt_span3 { uint32_t start, end; } bt_span3;

typedef struct bt_estimate {
	int32_t o, m, p;      /* optimistic, likely, pessimistic working days */
	uint8_t points;       /* 0 none, 1 single value, 3 three-point */
	uint32_t start, end;
} bt_estimate;

/* A commitment after the first (the baseline): `commit DATE since DATE
 * [by DECISION] ["reason"]` on a milestone or the program. */
typedef struct bt_commit_change {
	bt_date date;         /* the new commitment */
	bt_date since;        /* in force from this day on */
	bt_ref by;            /* the decision that moved it; name NULL when absent */
	const char *reason;   /* NULL when absent */
	uint32_t start, end;  /* the new date, for diagnostics */
	uint32_t since_at, since_end;
} bt_commit_change;

typedef struct bt_program {
	const char *id, *title;
	uint32_t start, end;  /* the id */
	bt_date start_date, commit; /* commit: the one in force (bt_plan_commits_as_of) */
	uint32_t start_at, commit_at;
	bt_date commit0;      /* the first commitment, the baseline */
	uint32_t cc0, ncc;    /* later commitments, into plan->commit_changes */
	uint8_t week;         /* BT_WEEK_* bits */
	uint32_t hol0, nhol;  /* into plan->ranges */
	int level;            /* -1 unset, 0/1 as written with `level` */
	double rag_green, rag_amber; /* `rag green PCT amber PCT`: 0..1 */
	int32_t rag_margin;   /* `rag margin DUR`: working days */
	uint8_t rag_set;      /* which were given: 1 green, 2 amber, 4 margin */
	int present;
	uint8_t bad;          /* its declaration had a syntax error */
} bt_program;

typedef struct bt_team {
	const char *id, *title, *lead;
	uint32_t start, end;
	int32_t capacity;     /* tenths of a person; -1 when not given */
	uint32_t cap_at;
	uint32_t cc0, ncc;    /* capacity changes, into plan->capchanges */
	uint32_t hol0, nhol;  /* into plan->ranges */
	int32_t programs;     /* `programs N`: programs it serves, 0 unset */
	uint8_t fixed;        /* `fixed`: no one can be added (baton recover) */
	uint8_t bad;          /* its declaration had a syntax error */
} bt_team;

typedef struct bt_task {
	const char *id, *title, *owner, *workstream;
	const char *source;   /* `source "PAY-12"`: the id in the tool it came from */
	uint32_t start, end;
	bt_ref team;          /* name NULL when absent */
	bt_estimate est;
	uint32_t need0, nneed;  /* into plan->needs; 0 needs = 1 of own team */
	uint32_t dep0, ndep;    /* into plan->deps */
	bt_date not_before, deadline;
	uint32_t nb_at, nb_end, dl_at, dl_end;
	uint8_t optional;     /* `optional`: may be descoped (baton recover) */
	bt_ref fast_track;    /* `fast-track ID [LAG]`: the finish-to-start
				 link from ID may become start-to-start with
				 the lag; name NULL when absent */
	int32_t ft_lag;
	int32_t crash;        /* `crash N [PCT]`: the most people of its team
				 the task can take (tenths; 0: not said), its
				 work resource-driven (baton recover) */
	double crash_eff;     /* each person beyond the plan's works at this
				 share (1.0 unless said) */
	uint32_t crash_at, crash_end;
	uint8_t bad;          /* its declaration had a syntax error */
} bt_task;

typedef struct bt_milestone {
	const char *id, *title, *owner;
	const char *source;   /* as a task's */
	uint32_t start, end;
	bt_date commit;       /* the one in force (bt_plan_commits_as_of) */
	uint32_t commit_at, commit_end;
	bt_date commit0;      /* the first commitment, the baseline */
	uint32_t cc0, ncc;    /* later commitments, into plan->commit_changes */
	uint32_t dep0, ndep;
	uint8_t bad;          /* its declaration had a syntax error */
} bt_milestone;

/* ABSORBED: it occurred and its cost is already in the estimates, so it
 * is counted once (by them), not again as a certain risk. */
enum bt_risk_state { BT_RISK_OPEN, BT_RISK_MITIGATING, BT_RISK_CLOSED, BT_RISK_OCCURRED, BT_RISK_ABSORBED };
enum bt_decision_state { BT_DEC_PROPOSED, BT_DEC_DECIDED, BT_DEC_SUPERSEDED };

typedef struct bt_risk {
	const char *id, *title, *owner, *mitigation;
	uint32_t start, end;
	double probability;   /* 0..1; negative when absent */
	uint32_t prob_at, prob_end;
	int32_t impact_lo, impact_mode, impact_hi; /* working days */
	uint8_t impact_points;  /* 0 none, 1 fixed, 2 range, 3 three-point */
	uint32_t on0, non;      /* into plan->refs */
	double mitigated;       /* `mitigated PCT`: the probability once
				   mitigated, 0..1; negative when absent */
	uint32_t mit_at, mit_end;
	int32_t mitigation_cost; /* `mitigation-cost DUR`: person-days; -1 */
	bt_date review;
	uint8_t state;          /* enum bt_risk_state */
	uint8_t bad;            /* its declaration had a syntax error */
} bt_risk;

typedef struct bt_decision {
	const char *id, *title, *owner, *rationale;
	const char *ask, *from; /* `ask "text"`, `from "Name"`: the question, who answers */
	uint32_t start, end;
	bt_date date, need_by;  /* raised; needed by */
	bt_date decided;        /* `decided DATE`: when it was taken */
	uint32_t date_at, date_end, need_at, need_end, dec_at, dec_end;
	uint8_t state;          /* enum bt_decision_state */
	int has_state;
	uint32_t link0, nlink;  /* into plan->refs */
	uint8_t bad;            /* its declaration had a syntax error */
} bt_decision;

enum bt_entry_kind { BT_E_DONE, BT_E_STARTED, BT_E_PROGRESS, BT_E_ESTIMATE, BT_E_NOTE };

/* One line of a status block. */
typedef struct bt_entry {
	uint8_t kind;           /* enum bt_entry_kind */
	bt_ref task;            /* name NULL for a program-wide note */
	bt_date date;           /* done / started: the actual date */
	int32_t remaining;      /* working days, -1 when not given */
	double percent;         /* 0..100, negative when not given */
	bt_estimate est;        /* BT_E_ESTIMATE */
	const char *text;       /* BT_E_NOTE */
	uint32_t start, end;
	uint32_t date_at, date_end;
} bt_entry;

typedef struct bt_status {
	bt_date date;
	uint32_t start, end;    /* the date */
	uint32_t entry0, nentry;
} bt_status;

/* A scenario: a named what-if overlay on the plan (`baton whatif`). Its
 * items change the plan only when the scenario is asked for; `schedule`
 * and `forecast` without it ignore them. */
enum bt_scen_kind {
	BT_SC_CAPACITY,     /* team ID capacity N [from DATE [to DATE]] */
	BT_SC_SLOWER,       /* team ID slower PCT [from DATE] */
	BT_SC_ESTIMATE,     /* task ID estimate DUR [DUR DUR] */
	BT_SC_DESCOPE,      /* task ID descope */
	BT_SC_AFTER,        /* task|milestone ID after deps */
	BT_SC_DROP_AFTER,   /* task|milestone ID drop-after ID {, ID} */
	BT_SC_RISK_CERTAIN, /* risk ID certain */
	BT_SC_RISK_RETIRE,  /* risk ID retire */
	BT_SC_RISK_PROB,    /* risk ID probability PCT */
	BT_SC_PEOPLE        /* task ID people N */
};

typedef struct bt_scen_item {
	uint8_t kind;           /* enum bt_scen_kind */
	bt_ref subject;         /* the team, task, milestone or risk changed */
	uint8_t subject_kind;   /* enum bt_kind the item's keyword names */
	uint32_t dep0, ndep;    /* after: into plan->deps; drop-after: into plan->refs */
	bt_estimate est;        /* BT_SC_ESTIMATE */
	bt_capchange cap;       /* BT_SC_CAPACITY */
	double value;           /* slower: fraction (0.25); probability: 0..1;
				   people: tenths of a person */
	bt_date from;           /* slower: from this date (BT_DATE_NONE: all) */
	uint32_t start, end;    /* the whole item line */
} bt_scen_item;

typedef struct bt_scenario {
	const char *id, *title;
	uint32_t start, end;    /* the id */
	uint32_t item0, nitem;  /* into plan->scen_items */
	uint8_t bad;            /* its declaration had a syntax error */
} bt_scenario;

/* An interned name. Declarations record themselves here, so resolving a
 * reference is a pointer dereference, not a second hash lookup (on a
 * million-task plan the lookups were half of the parse time). */
typedef struct bt_name {
	uint32_t item_idx;    /* task, milestone, risk or decision index */
	uint32_t team_idx;    /* team index; BT_NONE when not a team */
	uint8_t item_kind;    /* enum bt_kind, BT_K_NONE when not declared */
	uint32_t len;
	char s[];             /* the name, NUL-terminated */
} bt_name;

#define BT_NAME(str) ((bt_name *)(void *)((char *)(str) - offsetof(bt_name, s)))

/* The interning table: open addressing over names. Each slot keeps the
 * name's hash beside it, so a probe past another name and a rehash read
 * the slot only, not the name (two cache misses became one: interning was
 * a quarter of `baton check` on a million tasks). */
typedef struct bt_idslot {
	bt_name *nm;
	uint32_t hash;
} bt_idslot;

typedef struct bt_idtab {
	bt_idslot *slots;
	uint32_t cap, n;
} bt_idtab;

struct baton_plan {
	bt_arena arena;
	bt_source src;
	bt_diags diags;
	int syntax_errors;      /* errors seen while parsing (fmt refuses) */
	uint8_t normalized;     /* read with a byte-order mark or lone CR line
				   ends: fmt writes the file again */

	bt_program prog;
	BT_VEC(bt_team) teams;
	BT_VEC(bt_task) tasks;
	BT_VEC(bt_milestone) milestones;
	BT_VEC(bt_risk) risks;
	BT_VEC(bt_decision) decisions;
	BT_VEC(bt_status) statuses;

	BT_VEC(bt_dep) deps;
	BT_VEC(bt_need) needs;
	BT_VEC(bt_ref) refs;
	BT_VEC(bt_range) ranges;
	BT_VEC(bt_capchange) capchanges;
	BT_VEC(bt_commit_change) commit_changes;
	BT_VEC(bt_entry) entries;
	BT_VEC(bt_scenario) scenarios;
	BT_VEC(bt_scen_item) scen_items;

	/* A portfolio's union plan (portfolio.c): the programs it joins,
	 * each with its own status date and start; n 0 for a plain plan. */
	struct {
		uint32_t n;         /* programs */
		uint32_t *of;       /* [tasks + milestones] program of each node */
		bt_date *as_of;     /* [n] status date (BT_DATE_NONE: none) */
		bt_date *start;     /* [n] start date */
		int32_t *weight;    /* [n] levelling weight (rcpsp.h, projects) */
	} parts;
	bt_idtab names;         /* interning: every name seen */
	int checked;            /* check ran */
	struct bt_graph *graph; /* the dependency graph (graph.h), built by
				   check in the arena; NULL when memory ran out */
	struct bt_net_cpm *pre; /* the network at the latest status and its
				   CPM, which baton_plan_parse computed for
				   its checks (net.h); the first schedule at
				   that date takes them (schedule.c) rather
				   than compute them again. NULL: none */
};

typedef struct baton_plan bt_plan;

/* model.c: the model's own functions.
 *
 * Intern a name: equal names share one pointer, which points at the
 * `s` of a bt_name (see BT_NAME). NULL when memory runs out. */
const char *bt_intern(bt_plan *p, const char *s, uint32_t n);
/* Ask the cache for the slot bt_intern will look at (a hint; no effect
 * on the table). */
void bt_intern_prefetch(const bt_plan *p, const char *s, uint32_t n);
void bt_idtab_free(bt_idtab *t);
/* The interned name equal to s, or NULL: a lookup that adds nothing (a
 * name of one plan looked up in another, baton diff). */
const bt_name *bt_name_find(const bt_plan *p, const char *s);

/* Set each milestone's and the program's `commit` to the commitment in
 * force on `as_of`: the last change whose `since` is on or before it, else
 * the first (BT_DATE_NONE: the first). Called by the stages that fix the
 * status date, before anything reads a commitment. */
void bt_plan_commits_as_of(bt_plan *p, bt_date as_of);

/* The nodes (tasks 0..nt-1, then milestone m as nt + m) in the order the
 * file declares them, into order[nt + nm]: what the exporters write. */
void bt_plan_file_order(const bt_plan *p, uint32_t *order);

/* The crew of task t when its work is one team's: that team's index and
 * its people (tenths; a task without `needs` takes one of its own team).
 * Returns 0 when the task needs several teams or has none, so `crash` and
 * a scenario's `people` do not apply. */
int bt_task_crew(const bt_plan *p, const bt_task *t, uint32_t *team, int32_t *people);

/* The duration factor of task t staffed with `people` (tenths) instead of
 * its crew: resource-driven work (people x days kept), each person beyond
 * the crew at the task's crash efficiency. */
double bt_task_crew_factor(const bt_plan *p, const bt_task *t, int32_t people);

/* plan.c: the start of every computation on a plan: refuse a plan with
 * errors, and read an optional "YYYY-MM-DD" status date (NULL: none,
 * *out = BT_DATE_NONE). Returns 0, or -1 with *err set (a static text). */
int bt_plan_status_date(const bt_plan *p, const char *as_of, bt_date *out, const char **err);

/* parse.c: parse the source into the model. Errors go to p->diags. Returns
 * -1 when memory runs out. */
int bt_parse(bt_plan *p);

/* check.c: resolve references and check the model (unknown and duplicate
 * ids, cycles, dates, capacities, constraints, status). */
int bt_check(bt_plan *p);

#endif
