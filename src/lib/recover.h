/*
 * recover.h: the recovery search behind `baton recover` (recover.c,
 * docs/recover.md).
 */
#ifndef BT_RECOVER_H
#define BT_RECOVER_H

#include <jansson.h>

#include "cal.h"
#include "model.h"
#include "table.h"

enum bt_rc_kind {
	BT_RC_CAPACITY, BT_RC_DESCOPE, BT_RC_FAST_TRACK, BT_RC_MITIGATE,
	BT_RC_CRASH, BT_RC_BORROW, BT_RC_RESEQUENCE, BT_RC_NKIND
};

/* One change a TPM can make, as scenario lines. */
typedef struct bt_rc_change {
	uint8_t kind;          /* enum bt_rc_kind */
	uint32_t subject;      /* team, task or risk index */
	const char *text;      /* what it is, for people */
	const char *items;     /* the scenario lines */
	double cost;           /* person-days: people added (or borrowed,
				  or put on a crashed task) x working days;
				  the work descoped; the days of overlap;
				  the mitigation's stated cost; 0 for a
				  re-sequence (its price is in `side`) */
	uint32_t rank;         /* its place among its kind's candidates */
} bt_rc_change;

/* A commitment an option makes less likely: what a lender or the work put
 * second loses, computed by the same forecast. */
typedef struct bt_rc_side {
	uint32_t ms;           /* forecast index (nm1 - 1: the program end) */
	double before, after;
} bt_rc_side;

#define BT_RC_MAX_SET 3

/* A set of changes and its forecast. */
typedef struct bt_rc_option {
	uint32_t n;
	uint32_t ix[BT_RC_MAX_SET]; /* into cands, ascending */
	double chance;         /* the objective: the target's chance (the
				  lowest of the targets'); < 0: refused */
	double screen_chance;
	bt_date p85;           /* the target's P85 (the latest), as printed */
	double cost;
	int dropped;
	bt_rc_side *side;      /* the commitments it makes less likely by a
				  point or more, in the arena */
	uint32_t nside;
} bt_rc_option;

typedef struct bt_rc_target {
	const char *id;
	int is_program;
	bt_date commit, p50, p85;
	double chance;
} bt_rc_target;

struct baton_recovery {
	bt_arena arena;
	const bt_plan *plan;
	char as_of_s[11];
	const char *scen_name;
	const char *under;     /* the plan's scenario searched from, or NULL */
	const bt_scenario *under_sc;
	const char *under_items; /* its item lines, carried by every option */
	long runs, screen_runs;
	uint64_t seed;
	uint32_t max_options;
	double goal;           /* the target chance */
	uint32_t *target, ntarget; /* forecast indices (nm: the program end) */
	bt_rc_target *items_ms; /* [ntarget] */
	uint32_t nm1, worst;
	double base_chance;
	bt_date base_p85;
	double screen_chance;  /* the plan as it is at the screening runs */
	bt_date screen_p85;
	double *base_all;      /* [nm1] each commitment's chance now (-1: none) */
	double *all;           /* [nm1] scratch: a candidate's */
	int32_t move_day;
	bt_date move_date;     /* the commitment the plan as it is meets the
				  target by (the worst target's) */
	BT_VEC(bt_rc_change) cands;
	BT_VEC(bt_rc_option) opts; /* ranked; the first max_options reported */
	uint32_t nsingle, ncombo; /* candidate sets screened */
	bt_rc_option *screened; /* [nsingle] each single change as screened */
	uint32_t evaluated;    /* forecasts run (candidate sets and finals) */
	int timed_out;
	double seconds;
	double first_option;   /* seconds to the first set reaching the goal; < 0: none */
	int oom;
};

typedef struct baton_recovery bt_recovery;

bt_recovery *bt_recover(baton_plan *p, const baton_recover_opts *o, const char **err);
void bt_recovery_free(bt_recovery *r);
/* Option opt's side effects ("m2 84% -> 79%, ...") appended to b. */
void bt_recovery_side_text(const bt_recovery *r, uint32_t opt, bt_buf *b);
/* Option opt's scenario lines appended to b; returns b->s. */
const char *bt_recovery_items(const bt_recovery *r, uint32_t opt, bt_buf *b);

#endif
