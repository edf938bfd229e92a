/*
 * api.h: the implementations behind baton.h's calls that fail with a
 * message, as the engine's stages call one another: the message is a
 * `const char *` that is static or lives as long as the plan, or a
 * `char *` the caller frees (the history's, made as it fails). api.c
 * puts each into the caller's baton_error at the boundary, and only
 * there, so the stages pass messages up without copying and the API has
 * one error model. Internal to libbaton.
 */
#ifndef BT_API_H
#define BT_API_H

#include "baton.h"

/* Fill `e` (may be NULL): `msg` (NULL: out of memory) cut to fit, a
 * final newline dropped; the code is BATON_ERR_NOMEM whenever the
 * message says "out of memory" (every such failure does), else `code`. */
void bt_err_set(baton_error *e, int code, const char *msg);
/* The same with a message the caller frees; frees it. */
void bt_err_take(baton_error *e, int code, char *msg);

char *bt_plan_next(baton_plan *p, const char *date, int into_plan, const char **err);
baton_schedule *bt_schedule_compute(baton_plan *p, const baton_schedule_opts *opts, const char **err);
baton_forecast *bt_forecast_compute(baton_plan *p, const baton_forecast_opts *opts, const char **err);
baton_diff *bt_diff_compute(baton_plan *old_plan, baton_plan *new_plan, const baton_status_opts *opts,
			    const char **err, int *side);
char *bt_report_html(baton_plan *plan, const baton_report_opts *opts, const char **err);
char *bt_portfolio_render(baton_portfolio *pf, enum baton_portfolio_view view, enum baton_format fmt,
			  const baton_portfolio_opts *o, unsigned flags, const char **err);

baton_history *bt_history_open(const char *path, char **err);
baton_history *bt_history_open_dir(const char *index, baton_history_opts *o, char **err);
long bt_history_record(baton_history *h, const baton_record *r, char **err);
char *bt_history_render(baton_history *h, const char *program, enum baton_format fmt, char **err);
char *bt_history_render_all(baton_history *h, const char *program, enum baton_format fmt, unsigned flags,
			    char **err);
int bt_history_check(baton_history *h, long *records, char **err);
baton_portfolio *bt_portfolio_load(const char *path, const char *as_of, int color, char **err, int *bad);

#endif
