/*
 * forecast.h: the forecast object behind baton_forecast: the network as of
 * the status date (with a scenario applied, when asked), the simulation's
 * results and their per-milestone summaries, for the renderers.
 */
#ifndef BT_FORECAST_H
#define BT_FORECAST_H

#include "simulate.h"

#define BT_FC_NQ 5
extern const int bt_fc_q[BT_FC_NQ]; /* 10, 50, 80, 85, 95 */

/* One milestone, or the program end (index nm). */
typedef struct bt_fc_ms {
	const char *id, *title;
	bt_date commit;        /* BT_DATE_NONE: no commitment */
	int32_t commit_day;    /* reached on time when day <= commit_day */
	double chance;         /* P(day <= commit_day); negative without commit */
	bt_date commit0;       /* the first commitment (the baseline), when a
				  later one is in force; else BT_DATE_NONE */
	int32_t commit0_day;
	double chance0;        /* P(day <= commit0_day); negative without commit0 */
	double mean_day;
	int32_t q[BT_FC_NQ];   /* day at P10 ... P95 */
	int32_t planned_day;   /* PLANNED: the schedule's day at likely durations
				  (levelled when the runs are) */
	int32_t slack;         /* working days from PLANNED to the commit (with one) */
	uint32_t ncdf;         /* distinct days */
	int32_t *cdf_day;
	double *cdf_p;         /* P(day <= cdf_day[i]) */
} bt_fc_ms;

struct baton_forecast {
	bt_arena arena;
	const bt_plan *plan;
	bt_net net;
	bt_cpm cpm;            /* the critical path at likely durations (unlevelled:
				  what whatif compares) */
	bt_sim_opts so;
	bt_sim_result res;
	const bt_scenario *scen;
	bt_scen_fx fx;
	uint32_t nm1;
	bt_fc_ms *ms;
	uint32_t nactive;      /* risks that can occur */
	/* --calibrate: each team's estimate bias, applied to the open tasks
	 * of the teams with enough finished tasks (calibrate.h); NULL: not
	 * asked. */
	struct bt_calib_team *calib;
	long ncalib;
};

/* The date a milestone day shows as: the last working day of its last
 * prerequisite (as in the schedule). */
void bt_fc_date(const struct baton_forecast *f, int32_t day, char out[11]);

/* render_forecast.c */
void bt_render_forecast_text(bt_buf *b, const struct baton_forecast *f, int md, int color);
int bt_render_forecast_json(bt_buf *b, const struct baton_forecast *f);
void bt_render_whatif_text(bt_buf *b, const struct baton_forecast *base,
			   const struct baton_forecast *sc, int md, int color);
int bt_render_whatif_json(bt_buf *b, const struct baton_forecast *base,
			  const struct baton_forecast *sc);

#endif
