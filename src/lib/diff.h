/*
 * diff.h: what changed between two versions of a plan (`baton diff`), and
 * what that did to each commitment. The structural changes are matched by
 * id; the figures (PLANNED, P50, P85, the chance, RAG) are two assessments
 * (assess.c) with the same options, so a milestone's figure on each side is
 * the one `baton status` gives for that file alone. render_diff.c prints.
 */
#ifndef BT_DIFF_H
#define BT_DIFF_H

#include "assess.h"

/* The sections a change is told under, in the order they are told. */
enum bt_dsec {
	BT_DS_SCOPE,       /* tasks and milestones added or removed, titles, teams, needs */
	BT_DS_ESTIMATES,   /* estimates */
	BT_DS_LINKS,       /* links (`after`) and date constraints */
	BT_DS_COMMITMENTS, /* commit dates and `commit DATE since` changes */
	BT_DS_RISKS,
	BT_DS_DECISIONS,
	BT_DS_STATUS,      /* status block entries */
	BT_DS_CALENDAR,    /* teams, capacity, holidays, working week, start */
	BT_DS_OTHER,       /* owners, workstreams, scenarios, settings */
	BT_DS_N
};

enum bt_dop { BT_DO_ADDED, BT_DO_REMOVED, BT_DO_CHANGED };

/* One change. Values are written the way the plan writes them ("3d 5d
 * 8d", "ss +5d", "30%"); NULL: none. An ADDED item has a summary in `to`,
 * a REMOVED one in `from` (either may be NULL). */
typedef struct bt_dchange {
	uint8_t sec, op;       /* enum bt_dsec, enum bt_dop */
	const char *kind;      /* "task", "milestone", "team", "risk", "decision",
				  "program", "link", "commitment", "holiday",
				  "capacity", "status", "scenario" */
	const char *id;        /* the item ("api after schema" for a link, the
				  block's date for a status entry) */
	const char *field;     /* CHANGED: the attribute; otherwise NULL */
	const char *from, *to;
} bt_dchange;

/* One commitment on both sides: a milestone (by id) or the program end. */
typedef struct bt_dms {
	const char *id, *title;
	int program;           /* 1: the program end */
	const bt_as_ms *o, *n; /* NULL: not on that side (added or removed) */
	/* new - old in working days of the new plan's calendar, with the
	 * have_ flag set when both dates exist */
	int32_t d_commit, d_planned, d_p50, d_p85;
	uint8_t have_commit, have_planned, have_p50, have_p85, have_chance;
	double d_chance;       /* percentage points / 100 */
	int moved;             /* any figure, or the RAG, differs (or one side
				  lacks it) */
} bt_dms;

struct baton_diff {
	bt_arena arena;
	const bt_plan *po, *pn;
	struct baton_assessment *ao, *an;
	BT_VEC(bt_dchange) ch;  /* in plan order within each kind */
	bt_dms *ms;             /* the new plan's milestones, then the removed
				   ones, then the program end */
	uint32_t nms, nmoved;
	int oom;
};

typedef struct baton_diff bt_diff;

/* render_diff.c: fmt 0 text, 1 Markdown, 2 JSON. Returns -1 when memory
 * runs out. */
int bt_render_diff(bt_buf *b, const bt_diff *d, int fmt, int color);

/* The names render_diff.c prints. */
const char *bt_dsec_name(int sec);

#endif
