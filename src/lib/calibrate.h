/*
 * calibrate.h: how past forecasts and estimates turned out (`baton
 * calibration`, `forecast --calibrate`; docs/forecast.md, "Calibration").
 * Two facts, each computed once here: each team's estimate bias from its
 * finished tasks (a network's done tasks), and each reached milestone's
 * recorded forecasts against its actual date (a history).
 */
#ifndef BT_CALIBRATE_H
#define BT_CALIBRATE_H

#include "net.h"

/* Fewer finished tasks than this and a team's bias is not used: a mean of
 * four ratios whose spread is typically ±20% is itself uncertain by about
 * ±10% (docs/forecast.md, "Calibration"). */
#define BT_CALIB_MIN 5

typedef struct bt_calib_team {
	const char *id;      /* the team */
	uint32_t tasks;      /* finished tasks with a likely estimate */
	double bias;         /* geometric mean of actual / likely (1 without tasks) */
	double spread;       /* geometric standard deviation, >= 1 (1 under 2 tasks) */
	double lo, hi;       /* smallest and largest ratio */
} bt_calib_team;

/* Each team's estimate bias from the done tasks of `net`: their actual
 * working days on the team's calendar against the likely estimate the plan
 * declares. One entry per team (plan order) in `a`. Returns the number of
 * teams, or -1 when memory runs out. */
long bt_calib_teams(const bt_plan *p, const bt_net *net, bt_arena *a, bt_calib_team **out);

/* Scale the sampled duration of every task not done (its estimate, or a
 * started task's remaining work) by its team's bias, for teams with at
 * least BT_CALIB_MIN finished tasks, through the scenario's factors, which
 * the simulation multiplies in (net->dur, PLANNED, stays the plan's). */
struct bt_scen_fx;
void bt_calib_apply(struct bt_scen_fx *fx, const bt_net *net, const bt_plan *p, const bt_calib_team *t);

/* The teams with enough finished tasks for their bias to be applied. */
long bt_calib_applied(const bt_calib_team *t, long nteam);

/* "platform ×1.30 from 12 tasks; data: needs 3 more finished tasks". */
void bt_calib_say(bt_buf *b, const bt_calib_team *t, long nteam);

/* history.c: every record of `program` in status-date order, as its status
 * date and status JSON (borrowed for the call). fn returns nonzero to stop
 * (that value is returned). Returns 0, fn's value, or -1 with *err set
 * (caller frees). */
int bt_history_each(baton_history *h, const char *program,
		    int (*fn)(void *ctx, const char *as_of, const char *json), void *ctx, char **err);

#endif
