/*
 * render_calibration.c: baton_calibration as text, Markdown and JSON.
 * Formats what calibrate.c computed; computes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "calibration.h"
#include "jsonw.h"

static void pct(bt_buf *b, uint32_t k, uint32_t n)
{
	if (n)
		bt_buf_printf(b, "%u of %u (%u%%)", k, n, (unsigned)(100.0 * k / n + 0.5));
	else
		bt_buf_puts(b, "none recorded");
}

static const char *yes(int met)
{
	return met < 0 ? "-" : met ? "yes" : "no";
}

static void forecasts(bt_buf *b, const bt_calib_ms *ms, int md)
{
	if (!ms->nfc) {
		bt_buf_puts(b, md ? "\nNo forecast recorded before it was reached.\n"
				  : "    no forecast recorded before it was reached\n");
		return;
	}
	if (md)
		bt_buf_puts(b, "\n| As of | P50 | P85 | Chance | P85 met |\n|---|---|---|---:|---|\n");
	else
		bt_buf_puts(b, "    as of       P50         P85         chance  P85 met\n");
	for (uint32_t j = 0; j < ms->nfc; j++) {
		const bt_calib_fc *f = &ms->fc[j];
		char ch[16] = "-";
		if (f->chance >= 0)
			snprintf(ch, sizeof ch, "%d%%", (int)(f->chance * 100.0 + 1e-9));
		if (md)
			bt_buf_printf(b, "| %s | %s | %s | %s | %s |\n", f->as_of, f->p50 ? f->p50 : "-",
				      f->p85 ? f->p85 : "-", ch, yes(f->p85_met));
		else
			bt_buf_printf(b, "    %-10s  %-10s  %-10s  %-6s  %s\n", f->as_of, f->p50 ? f->p50 : "-",
				      f->p85 ? f->p85 : "-", ch, yes(f->p85_met));
	}
}

void bt_render_calibration_text(bt_buf *b, const struct baton_calibration *c, int md)
{
	const char *h2 = md ? "\n## " : "\n";
	bt_buf_printf(b, "%sCalibration of %s%s%s: how past forecasts turned out\n", md ? "# " : "",
		      c->program ? c->program : "the plan", c->as_of[0] ? " as of " : "", c->as_of);
	bt_buf_printf(b, "%sMilestones reached\n", h2);
	if (!c->history)
		bt_buf_puts(b, md ? "\nNo history: record updates with `baton status --record`.\n"
				  : "  no history: record updates with 'baton status --record'\n");
	else if (!c->reached)
		bt_buf_puts(b, md ? "\nNo milestone reached yet.\n" : "  no milestone reached yet\n");
	for (uint32_t k = 0; c->history && k < c->nms; k++) {
		const bt_calib_ms *ms = &c->ms[k];
		if (!ms->reached[0])
			continue;
		const char *how = !ms->commit[0] ? "no commitment"
				  : strcmp(ms->reached, ms->commit) <= 0 ? "met" : "missed";
		if (md)
			bt_buf_printf(b, "\n### %s: %s\n\nCommit %s, reached %s: %s.\n", ms->id, ms->title ? ms->title : "",
				      ms->commit[0] ? ms->commit : "none", ms->reached, how);
		else
			bt_buf_printf(b, "  %s \"%s\"  commit %s  reached %s  %s\n", ms->id, ms->title ? ms->title : "",
				      ms->commit[0] ? ms->commit : "none", ms->reached, how);
		forecasts(b, ms, md);
	}
	if (c->history) {
		bt_buf_puts(b, md ? "\n" : "");
		bt_buf_puts(b, md ? "- P85 dates met: " : "  P85 dates met: ");
		pct(b, c->p85_met, c->p85_n);
		bt_buf_puts(b, " (a well-calibrated P85 is met about 85% of the time)\n");
		bt_buf_puts(b, md ? "- P50 dates met: " : "  P50 dates met: ");
		pct(b, c->p50_met, c->p50_n);
		bt_buf_puts(b, " (about half)\n");
		if (c->brier_n)
			bt_buf_printf(b, "%sBrier score of the chances: %.3f over %u forecast%s"
					 " (0 is perfect; always saying 50%% scores 0.250)\n",
				      md ? "- " : "  ", c->brier, c->brier_n, c->brier_n == 1 ? "" : "s");
		else
			bt_buf_printf(b, "%sBrier score of the chances: no chance recorded before a commitment was decided\n",
				      md ? "- " : "  ");
	}
	bt_buf_printf(b, "%sEstimate bias by team\n", h2);
	bt_buf_puts(b, md ? "\nActual working days over the likely estimate of finished tasks: geometric mean,"
			    " and geometric standard deviation as the spread.\n\n"
			    "| Team | Finished | Bias | Spread | Range |\n|---|---:|---:|---:|---|\n"
			  : "  actual working days / likely estimate of finished tasks (geometric mean and spread)\n"
			    "  team          finished  bias    spread  range\n");
	for (long k = 0; k < c->nteam; k++) {
		const bt_calib_team *t = &c->teams[k];
		char bias[64], spread[16], range[32];
		if (t->tasks >= BT_CALIB_MIN)
			snprintf(bias, sizeof bias, "\u00d7%.2f", t->bias);
		else
			snprintf(bias, sizeof bias, "needs %u more finished task%s", BT_CALIB_MIN - t->tasks,
				 BT_CALIB_MIN - t->tasks == 1 ? "" : "s");
		snprintf(spread, sizeof spread, t->tasks > 1 ? "\u00d7%.2f" : "-", t->spread);
		if (t->tasks)
			snprintf(range, sizeof range, "%.2f-%.2f", t->lo, t->hi);
		else
			snprintf(range, sizeof range, "-");
		if (md)
			bt_buf_printf(b, "| %s | %u | %s | %s | %s |\n", t->id, t->tasks, bias, spread, range);
		else if (t->tasks >= BT_CALIB_MIN)
			/* "×" is two bytes and one column: one more byte of width. */
			bt_buf_printf(b, "  %-12s  %8u  %-7s  %-*s  %s\n", t->id, t->tasks, bias,
				      spread[0] == '-' ? 6 : 7, spread, range);
		else if (t->tasks)
			bt_buf_printf(b, "  %-12s  %8u  %s (range %s)\n", t->id, t->tasks, bias, range);
		else
			bt_buf_printf(b, "  %-12s  %8u  %s\n", t->id, t->tasks, bias);
	}
	bt_buf_printf(b, md ? "\n%d finished tasks a team are needed before `forecast --calibrate` uses its bias.\n"
			    : "  %d finished tasks a team are needed before 'forecast --calibrate' uses its bias.\n",
		      BT_CALIB_MIN);
}

/* Written through the streaming writer (jsonw.h), reals at 6 digits as
 * jansson's JSON_REAL_PRECISION(6) printed them. */

static void str_or_null(bt_jsonw *w, const char *k, const char *s)
{
	bt_jw_kstr(w, k, s && s[0] ? s : NULL);
}

static void real_or_null(bt_jsonw *w, const char *k, int have, double x)
{
	if (have)
		bt_jw_kreal(w, k, x);
	else
		bt_jw_knull(w, k);
}

static void met_or_null(bt_jsonw *w, const char *k, int met)
{
	if (met < 0)
		bt_jw_knull(w, k);
	else
		bt_jw_kbool(w, k, met);
}

static void put_milestones(bt_jsonw *w, const struct baton_calibration *c)
{
	bt_jw_key(w, "milestones");
	bt_jw_arr(w);
	for (uint32_t k = 0; k < c->nms; k++) {
		const bt_calib_ms *m = &c->ms[k];
		if (!m->reached[0])
			continue;
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", m->id);
		str_or_null(w, "commit", m->commit);
		bt_jw_kstr(w, "reached", m->reached);
		met_or_null(w, "met", m->commit[0] ? strcmp(m->reached, m->commit) <= 0 : -1);
		bt_jw_key(w, "forecasts");
		bt_jw_arr(w);
		for (uint32_t j = 0; j < m->nfc; j++) {
			const bt_calib_fc *f = &m->fc[j];
			bt_jw_obj(w);
			bt_jw_kstr(w, "as_of", f->as_of);
			str_or_null(w, "p50", f->p50);
			str_or_null(w, "p85", f->p85);
			real_or_null(w, "chance", f->chance >= 0, f->chance);
			met_or_null(w, "p50_met", f->p50_met);
			met_or_null(w, "p85_met", f->p85_met);
			bt_jw_obj_end(w);
		}
		bt_jw_arr_end(w);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
}

/* How often dates at one percentile were met. */
static void put_rate(bt_jsonw *w, const char *k, uint32_t n, uint32_t met)
{
	bt_jw_key(w, k);
	bt_jw_obj(w);
	bt_jw_kint(w, "forecasts", n);
	bt_jw_kint(w, "met", met);
	real_or_null(w, "rate", n != 0, n ? (double)met / n : 0);
	bt_jw_obj_end(w);
}

int bt_render_calibration_json(bt_buf *b, const struct baton_calibration *c)
{
	bt_jsonw jw, *w = &jw;
	bt_jw_init(w, b, 2);
	bt_jw_precision(w, 6);
	bt_jw_obj(w);
	bt_jw_schema(w);
	str_or_null(w, "program", c->program);
	str_or_null(w, "as_of", c->as_of);
	bt_jw_kbool(w, "history", c->history);
	put_milestones(w, c);
	put_rate(w, "p85", c->p85_n, c->p85_met);
	put_rate(w, "p50", c->p50_n, c->p50_met);
	bt_jw_key(w, "brier");
	bt_jw_obj(w);
	bt_jw_kint(w, "forecasts", c->brier_n);
	real_or_null(w, "score", c->brier_n != 0, c->brier);
	bt_jw_obj_end(w);
	bt_jw_kint(w, "min_tasks", BT_CALIB_MIN);
	bt_jw_key(w, "teams");
	bt_jw_arr(w);
	for (long k = 0; k < c->nteam; k++) {
		const bt_calib_team *t = &c->teams[k];
		bt_jw_obj(w);
		bt_jw_kstr(w, "id", t->id);
		bt_jw_kint(w, "tasks", t->tasks);
		real_or_null(w, "bias", t->tasks != 0, t->bias);
		real_or_null(w, "spread", t->tasks > 1, t->spread);
		real_or_null(w, "min", t->tasks != 0, t->lo);
		real_or_null(w, "max", t->tasks != 0, t->hi);
		bt_jw_kint(w, "needs", t->tasks >= BT_CALIB_MIN ? 0 : BT_CALIB_MIN - t->tasks);
		bt_jw_obj_end(w);
	}
	bt_jw_arr_end(w);
	bt_jw_obj_end(w);
	bt_buf_putc(b, '\n');
	return bt_jw_finish(w);
}

char *baton_calibration_render(const baton_calibration *c, enum baton_format fmt, unsigned flags)
{
	(void)flags;
	bt_buf b = BT_BUF_INIT;
	if (fmt == BATON_FORMAT_JSON) {
		if (bt_render_calibration_json(&b, c)) {
			bt_buf_release(&b);
			return NULL;
		}
	} else {
		bt_render_calibration_text(&b, c, fmt == BATON_FORMAT_MARKDOWN);
	}
	return bt_buf_detach(&b, NULL);
}

/*============================== HTML ==============================*/

static void hesc(bt_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': bt_buf_puts(b, "&lt;"); break;
		case '>': bt_buf_puts(b, "&gt;"); break;
		case '&': bt_buf_puts(b, "&amp;"); break;
		case '"': bt_buf_puts(b, "&quot;"); break;
		default: bt_buf_putc(b, *s);
		}
	}
}

void bt_render_calibration_html(bt_buf *b, const struct baton_calibration *c)
{
	bt_buf_puts(b, "<section id=\"calibration\"><h2>Calibration</h2><p class=\"note\">How past forecasts turned out: "
		       "each forecast recorded before a milestone was reached, against the date it was reached. "
		       "A well-calibrated P85 is met about 85% of the time.</p>\n");
	if (!c->reached) {
		bt_buf_puts(b, "<p class=\"note\">No milestone reached yet.</p>\n");
	} else {
		bt_buf_puts(b, "<table><thead><tr><th>Milestone</th><th>Commit</th><th>Reached</th><th>As of</th>"
			       "<th>P50</th><th>P85</th><th>Chance</th><th>P85 met</th></tr></thead><tbody>\n");
		for (uint32_t k = 0; k < c->nms; k++) {
			const bt_calib_ms *ms = &c->ms[k];
			if (!ms->reached[0])
				continue;
			for (uint32_t j = 0; j < (ms->nfc ? ms->nfc : 1); j++) {
				const bt_calib_fc *f = ms->nfc ? &ms->fc[j] : NULL;
				bt_buf_puts(b, "<tr><td>");
				if (!j)
					hesc(b, ms->id);
				bt_buf_printf(b, "</td><td>%s</td><td>%s</td>", j ? "" : ms->commit[0] ? ms->commit : "-",
					      j ? "" : ms->reached);
				if (!f) {
					bt_buf_puts(b, "<td colspan=\"5\">no forecast recorded before it was reached</td></tr>\n");
					continue;
				}
				char ch[16] = "-";
				if (f->chance >= 0)
					snprintf(ch, sizeof ch, "%d%%", (int)(f->chance * 100.0 + 1e-9));
				bt_buf_printf(b, "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", f->as_of,
					      f->p50 ? f->p50 : "-", f->p85 ? f->p85 : "-", ch, yes(f->p85_met));
			}
		}
		bt_buf_puts(b, "</tbody></table>\n<p>P85 dates met: ");
		pct(b, c->p85_met, c->p85_n);
		bt_buf_puts(b, "; P50 dates met: ");
		pct(b, c->p50_met, c->p50_n);
		if (c->brier_n)
			bt_buf_printf(b, "; Brier score of the chances %.3f over %u (0 is perfect, always 50%% scores 0.250)",
				      c->brier, c->brier_n);
		bt_buf_puts(b, ".</p>\n");
	}
	bt_buf_puts(b, "<h3>Estimate bias by team</h3><table><thead><tr><th>Team</th><th>Finished</th><th>Bias</th>"
		       "<th>Spread</th></tr></thead><tbody>\n");
	for (long k = 0; k < c->nteam; k++) {
		const bt_calib_team *t = &c->teams[k];
		bt_buf_puts(b, "<tr><td>");
		hesc(b, t->id);
		bt_buf_printf(b, "</td><td>%u</td>", t->tasks);
		if (t->tasks >= BT_CALIB_MIN)
			bt_buf_printf(b, "<td>\u00d7%.2f</td><td>\u00d7%.2f</td></tr>\n", t->bias, t->spread);
		else
			bt_buf_printf(b, "<td colspan=\"2\">needs %u more finished task%s</td></tr>\n", BT_CALIB_MIN - t->tasks,
				      BT_CALIB_MIN - t->tasks == 1 ? "" : "s");
	}
	bt_buf_puts(b, "</tbody></table><p class=\"note\">Actual working days over the likely estimate of finished "
		       "tasks: geometric mean, and geometric standard deviation as the spread.</p></section>\n");
}
