/*
 * render_calibration.c: baton_calibration as text, Markdown and JSON.
 * Formats what calibrate.c computed; computes nothing.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "calibration.h"

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

static json_t *str_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

int bt_render_calibration_json(bt_buf *b, const struct baton_calibration *c)
{
	unsigned long mark = bt_alloc_failures();
	json_t *root = json_object();
	json_object_set_new(root, "program", str_or_null(c->program));
	json_object_set_new(root, "as_of", str_or_null(c->as_of));
	json_object_set_new(root, "history", json_boolean(c->history));
	json_t *ms = json_array();
	for (uint32_t k = 0; k < c->nms; k++) {
		const bt_calib_ms *m = &c->ms[k];
		if (!m->reached[0])
			continue;
		json_t *o = json_object(), *fc = json_array();
		json_object_set_new(o, "id", json_string(m->id));
		json_object_set_new(o, "commit", str_or_null(m->commit));
		json_object_set_new(o, "reached", json_string(m->reached));
		json_object_set_new(o, "met", m->commit[0] ? json_boolean(strcmp(m->reached, m->commit) <= 0) : json_null());
		for (uint32_t j = 0; j < m->nfc; j++) {
			const bt_calib_fc *f = &m->fc[j];
			json_t *x = json_object();
			json_object_set_new(x, "as_of", json_string(f->as_of));
			json_object_set_new(x, "p50", str_or_null(f->p50));
			json_object_set_new(x, "p85", str_or_null(f->p85));
			json_object_set_new(x, "chance", f->chance >= 0 ? json_real(f->chance) : json_null());
			json_object_set_new(x, "p50_met", f->p50_met < 0 ? json_null() : json_boolean(f->p50_met));
			json_object_set_new(x, "p85_met", f->p85_met < 0 ? json_null() : json_boolean(f->p85_met));
			json_array_append_new(fc, x);
		}
		json_object_set_new(o, "forecasts", fc);
		json_array_append_new(ms, o);
	}
	json_object_set_new(root, "milestones", ms);
	json_t *p85 = json_object();
	json_object_set_new(p85, "forecasts", json_integer(c->p85_n));
	json_object_set_new(p85, "met", json_integer(c->p85_met));
	json_object_set_new(p85, "rate", c->p85_n ? json_real((double)c->p85_met / c->p85_n) : json_null());
	json_object_set_new(root, "p85", p85);
	json_t *p50 = json_object();
	json_object_set_new(p50, "forecasts", json_integer(c->p50_n));
	json_object_set_new(p50, "met", json_integer(c->p50_met));
	json_object_set_new(p50, "rate", c->p50_n ? json_real((double)c->p50_met / c->p50_n) : json_null());
	json_object_set_new(root, "p50", p50);
	json_t *br = json_object();
	json_object_set_new(br, "forecasts", json_integer(c->brier_n));
	json_object_set_new(br, "score", c->brier_n ? json_real(c->brier) : json_null());
	json_object_set_new(root, "brier", br);
	json_object_set_new(root, "min_tasks", json_integer(BT_CALIB_MIN));
	json_t *teams = json_array();
	for (long k = 0; k < c->nteam; k++) {
		const bt_calib_team *t = &c->teams[k];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(t->id));
		json_object_set_new(o, "tasks", json_integer(t->tasks));
		json_object_set_new(o, "bias", t->tasks ? json_real(t->bias) : json_null());
		json_object_set_new(o, "spread", t->tasks > 1 ? json_real(t->spread) : json_null());
		json_object_set_new(o, "min", t->tasks ? json_real(t->lo) : json_null());
		json_object_set_new(o, "max", t->tasks ? json_real(t->hi) : json_null());
		json_object_set_new(o, "needs", json_integer(t->tasks >= BT_CALIB_MIN ? 0 : BT_CALIB_MIN - t->tasks));
		json_array_append_new(teams, o);
	}
	json_object_set_new(root, "teams", teams);
	return bt_json_dump(b, root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6), mark);
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
