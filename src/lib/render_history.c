/*
 * render_history.c: `baton history`: the published updates read back from
 * the index (history.c) as text, Markdown or JSON: each commitment's
 * track, the slip chart of slack against the commit, and the audit trail
 * of replaced records. It formats what the rows say; the store's queries
 * and writes stay in history.c.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "baton.h"
#include "history.h"
#include "jsonw.h"
#include "table.h"
#include "util.h"

/*========================= The slip chart =========================*/

#define CHART_MAX 30

static const char *txt(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "-";
}

/* Slack as a bar around the commit: '#' per working day late to the left
 * of '|', '.' per working day to spare to the right (capped). */
static void bar(bt_buf *b, int null, long slack, long maxlate)
{
	if (null) {
		bt_buf_pad(b, ' ', (size_t)maxlate);
		bt_buf_puts(b, "?");
		return;
	}
	long late = slack < 0 ? -slack : 0, spare = slack > 0 ? slack : 0;
	if (late > CHART_MAX)
		late = CHART_MAX;
	if (spare > CHART_MAX)
		spare = CHART_MAX;
	bt_buf_pad(b, ' ', (size_t)(maxlate - late));
	bt_buf_pad(b, '#', (size_t)late);
	bt_buf_putc(b, '|');
	bt_buf_pad(b, '.', (size_t)spare);
}

/* A slack column as the chart computes with it: the file may hold any
 * integer, and clamped far past any calendar's (the year 9999 is some
 * 2,100,000 working days away) its negation and differences cannot
 * overflow. */
static long slack_col(sqlite3_stmt *st, int i)
{
	sqlite3_int64 v = sqlite3_column_int64(st, i);
	return (long)(v < -100000000 ? -100000000 : v > 100000000 ? 100000000 : v);
}

/* The column the slip chart reads: the P50's slack when the record has a
 * forecast, else the planned slack (rows of baton_history_render). */
/* A history row (see baton_history_render_all's query) of a milestone
 * that was reached by its record's date after its commitment. */
static int reached_late(sqlite3_stmt *ms)
{
	return sqlite3_column_int(ms, 12) == 1 && sqlite3_column_type(ms, 5) != SQLITE_NULL &&
	       sqlite3_column_int64(ms, 5) < 0;
}

static int chart_col(sqlite3_stmt *ms)
{
	return sqlite3_column_type(ms, 11) != SQLITE_NULL ? 11 : 5;
}

/* The history rendering failed: free what it holds and say why. */
static char *render_fail(baton_history *h, unsigned long mark, bt_buf *b, char **err)
{
	*err = bt_history_err("cannot read the history: %s", bt_history_why(h->db, mark));
	bt_buf_release(b);
	return NULL;
}

/* The commitment of one milestone record by record: a line under its
 * table for each record whose commit differs from the one before (a
 * commitment moved by a decision between the two updates). */
typedef struct commit_track {
	char as_of[11], commit[11]; /* the record before */
	bt_buf lines;
} commit_track;

/* Returns 1 when the commit moved since the record before. */
static int commit_track_row(commit_track *tr, const char *as_of, const char *commit, int md)
{
	int moved = tr->as_of[0] && strcmp(tr->commit, commit);
	if (moved)
		bt_buf_printf(&tr->lines, "%scommit moved from %s to %s between the records of %s and %s\n",
			      md ? "- " : "  ", tr->commit[0] ? tr->commit : "none", commit[0] ? commit : "none",
			      tr->as_of, as_of);
	snprintf(tr->as_of, sizeof tr->as_of, "%s", as_of);
	snprintf(tr->commit, sizeof tr->commit, "%s", commit);
	return moved;
}

/* Writes the lines gathered and starts over for the next milestone. */
static void commit_track_flush(commit_track *tr, bt_buf *b, int md)
{
	if (tr->lines.len) {
		if (md)
			bt_buf_putc(b, '\n');
		bt_buf_add(b, tr->lines.s, tr->lines.len);
	}
	if (tr->lines.oom)
		b->oom = 1;
	bt_buf_release(&tr->lines);
	memset(tr, 0, sizeof *tr);
}


/* The audit trail: the records a later one of the same status date
 * replaced, oldest first, as a table or (w, the JSON) as `replaced`.
 * Returns 0, or -1 when the index cannot be read. */
static int audit(baton_history *h, const char *program, enum baton_format fmt, bt_buf *b, bt_jsonw *w,
		 bt_arena *ar)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->db,
			       "SELECT as_of, recorded_at, replaced_by, rag, audience, format FROM replaced"
			       " WHERE program = ? ORDER BY as_of, recorded_at, id",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = bt_history_bind_text(st, 1, program);
	if (w) {
		bt_jw_key(w, "replaced");
		bt_jw_arr(w);
	}
	bt_table t;
	bt_table_init(&t, ar, "AS_OF RECORDED_AT REPLACED_BY RAG AUDIENCE FORMAT");
	long n = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		n++;
		if (w) {
			bt_jw_obj(w);
			bt_jw_kstr(w, "as_of", sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : txt(st, 0));
			bt_jw_kstr(w, "recorded_at", txt(st, 1));
			bt_jw_kstr(w, "replaced_by", txt(st, 2));
			bt_jw_kstr(w, "rag", txt(st, 3));
			bt_jw_kstr(w, "audience", txt(st, 4));
			bt_jw_kstr(w, "format", txt(st, 5));
			bt_jw_obj_end(w);
			continue;
		}
		bt_table_row(&t, NULL);
		for (int i = 0; i < 6; i++)
			bt_table_cell(&t, "%s", txt(st, i));
	}
	sqlite3_finalize(st);
	if (w)
		bt_jw_arr_end(w);
	else {
		int md = fmt == BATON_FORMAT_MARKDOWN;
		bt_buf_printf(b, md ? "\n## Replaced records\n\n" : "\nReplaced records (the audit trail)\n");
		if (n) {
			bt_buf_puts(b, md ? "Each was recorded for a status date again later; REPLACED_BY is when.\n\n"
					  : "Each was recorded for a status date again later; REPLACED_BY is when.\n");
			if (md)
				bt_table_md(b, &t);
			else
				bt_table_term(b, &t, 0, "  ");
		} else {
			bt_buf_puts(b, "None: no status date was recorded twice.\n");
		}
	}
	bt_table_release(&t);
	return rc == SQLITE_DONE ? 0 : -1;
}

char *bt_history_render(baton_history *h, const char *program, enum baton_format fmt, char **err)
{
	return bt_history_render_all(h, program, fmt, 0, err);
}

/* One object per milestone, its records' points in it, as the rows of
 * ms come. Returns nonzero when a step failed. */
static int json_milestones(bt_jsonw *w, sqlite3_stmt *ms)
{
	int rc, bad = 0;
	int open_ms = 0;
	char last[256] = "";
	while ((rc = sqlite3_step(ms)) == SQLITE_ROW) {
		if (strcmp(last, txt(ms, 0)) || !open_ms) {
			if (open_ms) {
				bt_jw_arr_end(w);
				bt_jw_obj_end(w);
			}
			open_ms = 1;
			snprintf(last, sizeof last, "%s", txt(ms, 0));
			bt_jw_obj(w);
			bt_jw_kstr(w, "id", last);
			bt_jw_kbool(w, "program", sqlite3_column_int(ms, 1));
			bt_jw_kstr(w, "commit", sqlite3_column_type(ms, 2) == SQLITE_NULL ? NULL : txt(ms, 2));
			bt_jw_key(w, "points");
			bt_jw_arr(w);
		}
		bt_jw_obj(w);
		bt_jw_kint(w, "record", sqlite3_column_int64(ms, 8));
		bt_jw_kstr(w, "as_of", txt(ms, 3));
		/* The commitment in force at that record (it may move). */
		bt_jw_kstr(w, "commit", sqlite3_column_type(ms, 2) == SQLITE_NULL ? NULL : txt(ms, 2));
		bt_jw_kstr(w, "planned", txt(ms, 4));
		if (sqlite3_column_type(ms, 5) == SQLITE_NULL)
			bt_jw_knull(w, "slack");
		else
			bt_jw_kint(w, "slack", sqlite3_column_int64(ms, 5));
		bt_jw_kstr(w, "p50", sqlite3_column_type(ms, 9) == SQLITE_NULL ? NULL : txt(ms, 9));
		bt_jw_kstr(w, "p85", sqlite3_column_type(ms, 10) == SQLITE_NULL ? NULL : txt(ms, 10));
		if (sqlite3_column_type(ms, 6) == SQLITE_NULL)
			bt_jw_knull(w, "chance");
		else
			bt_jw_kreal(w, "chance", sqlite3_column_double(ms, 6));
		if (sqlite3_column_type(ms, 11) == SQLITE_NULL)
			bt_jw_knull(w, "p50_slack");
		else
			bt_jw_kint(w, "p50_slack", sqlite3_column_int64(ms, 11));
		/* Reached after its commit: late, whatever RAG an older
		 * baton recorded for it. */
		int late = reached_late(ms);
		bt_jw_kbool(w, "reached", sqlite3_column_int(ms, 12) == 1);
		bt_jw_kstr(w, "rag", late ? "red" : sqlite3_column_type(ms, 7) == SQLITE_NULL ? NULL : txt(ms, 7));
		bt_jw_obj_end(w);
	}
	bad |= rc != SQLITE_DONE;
	if (open_ms) {
		bt_jw_arr_end(w);
		bt_jw_obj_end(w);
	}
	return bad;
}

/* Per milestone at each record: PLANNED with its slack, the forecast
 * beside the RAG it set, and the slip chart of what the RAG reads
 * (the P50's slack; the planned slack when no forecast ran). Returns
 * nonzero when a step failed. */
static int text_milestones(bt_buf *b, sqlite3_stmt *ms, int md, bt_arena *ar)
{
	int rc, bad = 0;
	char last[256] = "";
	bt_table mt;
	int open = 0;
	long maxlate = 0;
	/* First pass for the widest lateness, so the bars line up. */
	while ((rc = sqlite3_step(ms)) == SQLITE_ROW) {
		int c = chart_col(ms);
		if (sqlite3_column_type(ms, c) != SQLITE_NULL && -slack_col(ms, c) > maxlate)
			maxlate = -slack_col(ms, c);
	}
	bad |= rc != SQLITE_DONE;
	if (maxlate > CHART_MAX)
		maxlate = CHART_MAX;
	sqlite3_reset(ms);
	long prev_slack = 0;
	int have_prev = 0, late_said = 0;
	char late_note[160] = "";
	commit_track tr;
	memset(&tr, 0, sizeof tr);
	for (;;) {
		rc = sqlite3_step(ms);
		int row = rc == SQLITE_ROW;
		bad |= !row && rc != SQLITE_DONE;
		if (open && (!row || strcmp(last, txt(ms, 0)))) {
			if (md)
				bt_table_md(b, &mt);
			else
				bt_table_term(b, &mt, 0, "  ");
			bt_table_release(&mt);
			commit_track_flush(&tr, b, md);
			if (late_said)
				bt_buf_printf(b, md ? "\n%s\n" : "  %s\n", late_note);
			open = 0;
		}
		if (!row)
			break;
		if (!open) {
			snprintf(last, sizeof last, "%s", txt(ms, 0));
			bt_buf_printf(b, md ? "\n### %s%s (commit %s)\n\n" : "\n%s%s (commit %s)\n", last,
				      sqlite3_column_int(ms, 1) ? " (program end)" : "", txt(ms, 2));
			bt_table_init(&mt, ar, "AS_OF PLANNED SLACK> MOVED> P50 P85 CHANCE> RAG SLIP_CHART");
			open = 1;
			have_prev = 0;
			late_said = 0;
		}
		/* A moved commitment changes the slack without PLANNED moving. */
		int moved = commit_track_row(&tr, txt(ms, 3), txt(ms, 2), md);
		int null = sqlite3_column_type(ms, 5) == SQLITE_NULL;
		long slack = slack_col(ms, 5);
		bt_table_row(&mt, NULL);
		bt_table_cell(&mt, "%s", txt(ms, 3));
		bt_table_cell(&mt, "%s", txt(ms, 4));
		if (null)
			bt_table_cell(&mt, "%s", "-");
		else
			bt_table_cell(&mt, "%ld", slack);
		if (!have_prev || null || moved)
			bt_table_cell(&mt, "%s", "");
		else
			bt_table_cell(&mt, "%+ld", prev_slack - slack);
		bt_table_cell(&mt, "%s", txt(ms, 9));
		bt_table_cell(&mt, "%s", txt(ms, 10));
		char pc[8];
		bt_fmt_chance(pc, sizeof pc, sqlite3_column_type(ms, 6) == SQLITE_NULL ? -1 : sqlite3_column_double(ms, 6));
		bt_table_cell(&mt, "%s", pc);
		int late = reached_late(ms);
		bt_table_cell(&mt, "%s", late ? "red" : txt(ms, 7));
		if (late && !late_said) {
			late_said = 1;
			snprintf(late_note, sizeof late_note, "reached late on %s, %ld working day%s after the commit %s",
				 txt(ms, 4), -slack, slack == -1 ? "" : "s", txt(ms, 2));
		}
		int c = chart_col(ms);
		bt_buf cb = BT_BUF_INIT;
		bar(&cb, sqlite3_column_type(ms, c) == SQLITE_NULL, slack_col(ms, c), maxlate);
		bt_table_cell(&mt, "%s", cb.oom ? "" : cb.s);
		bt_buf_release(&cb);
		prev_slack = slack;
		have_prev = !null;
	}
	return bad;
}

char *bt_history_render_all(baton_history *h, const char *program, enum baton_format fmt, unsigned flags,
			    char **err)
{
	sqlite3_stmt *st = NULL, *ms = NULL;
	bt_buf b = BT_BUF_INIT;
	bt_arena ar = BT_ARENA_INIT;
	int md = fmt == BATON_FORMAT_MARKDOWN, json = fmt == BATON_FORMAT_JSON;
	/* Any allocation that fails from here on (SQLite's included: a
	 * column's text it could not make reads as NULL, a step as the end
	 * of the rows) fails the rendering, rather than showing less. */
	unsigned long mark = bt_alloc_failures();
	if (sqlite3_prepare_v2(h->db,
			       "SELECT id, as_of, recorded_at, rag, audience, format FROM records WHERE program = ?"
			       " ORDER BY as_of, id",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h->db,
			       "SELECT m.id, m.is_program, m.commit_date, r.as_of, m.planned, m.slack, m.chance, m.rag,"
			       " r.id, m.p50, m.p85, m.p50_slack, m.reached"
			       " FROM milestones m JOIN records r ON r.id = m.record"
			       " WHERE r.program = ?"
			       " ORDER BY m.is_program, (SELECT min(rowid) FROM milestones x WHERE x.id = m.id),"
			       " r.as_of, r.id",
			       -1, &ms, NULL) != SQLITE_OK ||
	    bt_history_bind_text(st, 1, program) != SQLITE_OK || bt_history_bind_text(ms, 1, program) != SQLITE_OK) {
		sqlite3_finalize(st);
		sqlite3_finalize(ms);
		return render_fail(h, mark, &b, err);
	}
	int rc, bad = 0;
	/* The JSON is written as the rows come (jsonw.h), as jansson's dump
	 * with JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)
	 * wrote it before. */
	bt_jsonw jw, *w = json ? &jw : NULL;
	if (w) {
		bt_jw_init(w, &b, 2);
		bt_jw_precision(w, 4);
		bt_jw_obj(w);
		bt_jw_schema(w);
		bt_jw_kstr(w, "program", program);
		bt_jw_key(w, "records");
		bt_jw_arr(w);
	}
	bt_table t;
	bt_table_init(&t, &ar, "RECORD AS_OF RECORDED_AT RAG AUDIENCE FORMAT");
	long nrec = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		nrec++;
		if (w) {
			bt_jw_obj(w);
			bt_jw_kint(w, "id", sqlite3_column_int64(st, 0));
			bt_jw_kstr(w, "as_of", sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL : txt(st, 1));
			bt_jw_kstr(w, "recorded_at", txt(st, 2));
			bt_jw_kstr(w, "rag", txt(st, 3));
			bt_jw_obj_end(w);
			continue;
		}
		bt_table_row(&t, NULL);
		bt_table_cell(&t, "%lld", (long long)sqlite3_column_int64(st, 0));
		for (int i = 1; i < 6; i++)
			bt_table_cell(&t, "%s", txt(st, i));
	}
	bad |= rc != SQLITE_DONE;
	sqlite3_finalize(st);
	if (w) {
		bt_jw_arr_end(w);
		bt_jw_key(w, "milestones");
		bt_jw_arr(w);
		bad |= json_milestones(w, ms);
		sqlite3_finalize(ms);
		bt_jw_arr_end(w);
		if (flags & BATON_HISTORY_ALL)
			bad |= audit(h, program, fmt, &b, w, &ar);
		bt_jw_obj_end(w);
		bt_buf_putc(&b, '\n');
		bad |= bt_jw_finish(w) || bt_alloc_failures() != mark;
		bt_table_release(&t);
		bt_arena_release(&ar);
		return bad ? render_fail(h, mark, &b, err) : bt_buf_detach(&b, NULL);
	}
	bt_buf_printf(&b, md ? "## %s: history\n\n" : "%s: history\n", program);
	bt_buf_printf(&b, "%ld recorded update%s.\n\n", nrec, nrec == 1 ? "" : "s");
	if (nrec) {
		if (md)
			bt_table_md(&b, &t);
		else
			bt_table_term(&b, &t, 0, "");
	}
	bt_table_release(&t);
	bad |= text_milestones(&b, ms, md, &ar);
	sqlite3_finalize(ms);
	if (nrec)
		bt_buf_puts(&b, md ? "\nPLANNED: the schedule's date at likely estimates; SLACK: working days from it to the commit; "
				     "MOVED: working days PLANNED slipped since the record before (+ later). P50, P85, CHANCE: the "
				     "Monte Carlo forecast, which sets the RAG. The slip chart places the P50 (PLANNED where a record has "
				     "no forecast) against the commit: `#` is a working day late, `.` a working day to spare, `|` the commit.\n"
				   : "\nPLANNED: the schedule's date at likely estimates; SLACK: working days from it to the\n"
				     "commit; MOVED: working days PLANNED slipped since the record before (+ later).\n"
				     "P50, P85, CHANCE: the Monte Carlo forecast, which sets the RAG. Chart: the P50\n"
				     "(PLANNED without a forecast) against the commit: '#' a working day late, '.' one\n"
				     "to spare, '|' the commit.\n");
	if (flags & BATON_HISTORY_ALL)
		bad |= audit(h, program, fmt, &b, NULL, &ar);
	bt_arena_release(&ar);
	if (b.oom || bad || bt_alloc_failures() != mark)
		return render_fail(h, mark, &b, err);
	return bt_buf_detach(&b, NULL);
}
