/*
 * schedule.c: baton_schedule_compute and friends: lower the plan as of the
 * status date, run CPM, hand the result to the renderers.
 */
#include <string.h>

#include "schedule.h"

baton_schedule *baton_schedule_compute(baton_plan *p, const baton_schedule_opts *opts,
				       const char **err)
{
	baton_schedule_opts def = BATON_SCHEDULE_OPTS_INIT;
	const char *dummy;
	if (!err)
		err = &dummy;
	if (!opts)
		opts = &def;
	if (p->diags.errors) {
		*err = "the plan has errors";
		return NULL;
	}
	bt_date as_of = BT_DATE_NONE;
	if (opts->as_of) {
		if (bt_date_parse(opts->as_of, strlen(opts->as_of), &as_of)) {
			*err = "invalid --as-of date: expected YYYY-MM-DD";
			return NULL;
		}
	}
	struct baton_schedule *s = bt_calloc(1, sizeof(*s));
	if (!s) {
		*err = "out of memory";
		return NULL;
	}
	s->plan = p;
	bt_diags scratch = {0};
	scratch.arena = &s->arena;
	int rc = bt_net_build(&s->net, p, as_of, &s->arena, &scratch);
	if (rc || scratch.errors || bt_cpm_run(&s->net, &s->cpm, &s->arena)) {
		bt_diags_release(&scratch);
		baton_schedule_free(s);
		*err = rc == -2 || (!rc && scratch.errors) ? "the status entries contradict each other as of this date"
							   : "out of memory";
		if (rc == -2)
			*err = "the plan is too long to schedule";
		return NULL;
	}
	bt_diags_release(&scratch);
	return s;
}

void baton_schedule_free(baton_schedule *s)
{
	if (!s)
		return;
	bt_arena_release(&s->arena);
	bt_free(s);
}

int32_t baton_schedule_end_day(const baton_schedule *s)
{
	return s->cpm.end_day;
}

void bt_sched_dates(const struct baton_schedule *s, uint32_t v, int32_t es,
		    int32_t ef, char start[11], char finish[11])
{
	(void)v;
	bt_date_format(bt_cal_date(&s->net.cal, es), start);
	bt_date_format(bt_cal_date(&s->net.cal, ef > es ? ef - 1 : es), finish);
}

char *baton_schedule_render(const baton_schedule *s, enum baton_format fmt, unsigned flags)
{
	bt_buf b = BT_BUF_INIT;
	switch (fmt) {
	case BATON_FORMAT_TERM:
		bt_render_schedule_term(&b, s, (flags & BATON_RENDER_COLOR) != 0);
		break;
	case BATON_FORMAT_MARKDOWN:
		bt_render_schedule_md(&b, s);
		break;
	case BATON_FORMAT_JSON:
		if (bt_render_schedule_json(&b, s)) {
			bt_buf_release(&b);
			return NULL;
		}
		break;
	}
	return bt_buf_detach(&b, NULL);
}
