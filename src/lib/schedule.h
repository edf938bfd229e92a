/*
 * schedule.h: the schedule object behind baton_schedule: the network as of
 * the status date and the CPM (and, when asked, levelled) dates.
 */
#ifndef BT_SCHEDULE_H
#define BT_SCHEDULE_H

#include "net.h"

struct baton_schedule {
	bt_arena arena;
	const bt_plan *plan;
	bt_net net;
	bt_cpm cpm;
	int levelled;          /* 1 when es/ef are the levelled dates */
};

/* Dates of a node for renderers: start date, inclusive finish date. */
void bt_sched_dates(const struct baton_schedule *s, uint32_t v, int32_t es,
		    int32_t ef, char start[11], char finish[11]);

/* render_schedule.c */
void bt_render_schedule_term(bt_buf *b, const struct baton_schedule *s, int color);
void bt_render_schedule_md(bt_buf *b, const struct baton_schedule *s);
int bt_render_schedule_json(bt_buf *b, const struct baton_schedule *s);

#endif
