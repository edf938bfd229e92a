/*
 * test_oom_status.c: allocation failure in the status entry points (the
 * loop is oom.h's): the assessment with its forecast and every report it
 * renders (the weekly status for each audience, the risk register, the
 * decision log, the agenda; text, colour, Markdown, JSON) and its
 * diagrams; the HTML report; the SQLite history (open, record, the last
 * record, the slip chart in every format, the integrity check) and the
 * assessment and report that read it. Each failure point must end in a
 * clean error or in output byte-identical to the run without failures,
 * with nothing leaked.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oom.h"

static const char *const aud_name[] = {"all", "exec", "eng", "pm"};
static const char *const report_name[] = {"status", "risks", "decisions", "agenda"};

static baton_assessment *assess(oom_ctx *c, baton_plan *p, int level, long runs, baton_history *h)
{
	baton_status_opts o = BATON_STATUS_OPTS_INIT;
	o.level = level;
	o.runs = runs;
	o.schedules = 200;
	o.history = h;
	baton_error err;
	baton_assessment *a = baton_assess(p, &o, &err);
	if (!a)
		oom_error(c, "baton_assess", &err);
	return a;
}

/* Every report of an assessment; the audience matters for the status in
 * text and Markdown only. */
static void reports(oom_ctx *c, const baton_assessment *a)
{
	char what[48];
	oom_outf(c, "rag and date", "%s %s", baton_assessment_rag(a), baton_assessment_as_of(a));
	for (int r = BATON_REPORT_STATUS; r <= BATON_REPORT_AGENDA; r++) {
		int naud = r == BATON_REPORT_STATUS ? 4 : 1;
		for (int u = 0; u < naud; u++) {
			enum baton_report rr = (enum baton_report)r;
			enum baton_audience au = (enum baton_audience)u;
			snprintf(what, sizeof what, "%s for %s, text", report_name[r], aud_name[u]);
			oom_out(c, what, baton_assessment_render(a, rr, BATON_FORMAT_TERM, au, 0));
			snprintf(what, sizeof what, "%s for %s, Markdown", report_name[r], aud_name[u]);
			oom_out(c, what, baton_assessment_render(a, rr, BATON_FORMAT_MARKDOWN, au, 0));
		}
		snprintf(what, sizeof what, "%s in colour", report_name[r]);
		oom_out(c, what, baton_assessment_render(a, (enum baton_report)r, BATON_FORMAT_TERM, BATON_FOR_ALL,
							BATON_RENDER_COLOR));
		snprintf(what, sizeof what, "%s JSON", report_name[r]);
		oom_out(c, what, baton_assessment_render(a, (enum baton_report)r, BATON_FORMAT_JSON, BATON_FOR_ALL, 0));
	}
	for (int k = BATON_DIAGRAM_DOT; k <= BATON_DIAGRAM_MILESTONES_TEXT; k++)
		oom_out(c, "assessment diagram", baton_assessment_diagram(a, (enum baton_diagram)k, 0));
	oom_out(c, "iCalendar with commits", baton_assessment_diagram(a, BATON_DIAGRAM_ICAL, BATON_DIAGRAM_COMMITS));
}

static void status(oom_ctx *c)
{
	baton_plan *p = oom_parse(c, oom_plan);
	baton_assessment *a = p ? assess(c, p, -1, 40, NULL) : NULL;
	if (a)
		reports(c, a);
	baton_assessment_free(a);
	baton_plan_free(p);
}

/* Levelled, and no forecast: the RAG from the schedule's slack. */
static void status_levelled(oom_ctx *c)
{
	baton_plan *p = oom_parse(c, oom_plan);
	baton_assessment *a = p ? assess(c, p, 1, -1, NULL) : NULL;
	if (a) {
		oom_out(c, "status text", baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_TERM, BATON_FOR_ALL, 0));
		oom_out(c, "status JSON", baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_JSON, BATON_FOR_ALL, 0));
		oom_out(c, "milestones", baton_assessment_diagram(a, BATON_DIAGRAM_MILESTONES_TEXT, 0));
	}
	baton_assessment_free(a);
	baton_plan_free(p);
}

static char *report(oom_ctx *c, baton_plan *p, long runs, baton_history *h)
{
	baton_report_opts o = BATON_REPORT_OPTS_INIT;
	o.runs = runs;
	o.history = h;
	baton_error err;
	char *html = baton_report_html(p, &o, &err);
	if (!html)
		oom_error(c, "baton_report_html", &err);
	return html;
}

static void html(oom_ctx *c)
{
	baton_plan *p = oom_parse(c, oom_plan);
	if (p)
		oom_out(c, "report", report(c, p, 40, NULL));
	if (p)
		oom_out(c, "report without a forecast", report(c, p, -1, NULL));
	baton_plan_free(p);
}

/* The report of a plan parsed once, as `baton serve` makes it: every
 * failure point inside baton_report_html alone. The third allocation
 * used to drop the status entries (apply_status), and the report said
 * 2027-01-20 with 10 working days to spare where 2027-01-19 and 11 are
 * right. */
static baton_plan *parsed;

static void html_parsed(oom_ctx *c)
{
	oom_out(c, "report", report(c, parsed, 40, NULL));
}

/* A plan over the roll-up threshold (rollup.h): 520 tasks in 7
 * workstreams, one done, so the report draws a bar per workstream, the
 * link matrix and the drill-down data (rollup.c's arrays, their sorts). */
static baton_plan *big;

static void html_rollup(oom_ctx *c)
{
	char *html = report(c, big, -1, NULL);
	if (c->ref) {
		CHECK(html && strstr(html, "This plan has 520 tasks: the Gantt shows 7 workstreams"));
		int bars = 0;
		for (const char *s = html; s && (s = strstr(s, "<rect class=\"wsbar")); s++)
			bars++;
		CHECK_EQ_INT(bars, 7);
	}
	oom_out(c, "rolled-up report", html);
}

static char *big_plan(void)
{
	bt_buf b = BT_BUF_INIT;
	bt_buf_puts(&b, "program big \"Big\"\n  start 2027-01-04\n  commit 2027-12-31\n"
			"team a \"A\" capacity 3\nteam b \"B\" capacity 2\n");
	for (int k = 0; k < 520; k++) {
		bt_buf_printf(&b, "task t%d\n  team %s estimate %dd workstream \"W%d\"\n", k, k % 2 ? "a" : "b", 1 + k % 4, k % 7);
		if (k % 3)
			bt_buf_printf(&b, "  after t%d\n", k - 1);
	}
	bt_buf_puts(&b, "milestone end \"End\" commit 2027-12-01\n  after t519\n"
			"status 2027-01-06\n  t0 done 2027-01-05\n");
	return b.oom ? (bt_buf_release(&b), NULL) : bt_buf_detach(&b, NULL);
}

/*============================== History ===========================*/

/* In /dev/shm where there is one: the history syncs every record, and the
 * loop writes thousands. */
static char dir[64];
static char db[96], ro_db[96];
/* Two earlier updates, as `baton status --record` stores them. */
static char *rec_text[2], *rec_json[2];
/* Neither on a status block, so changes since the record cannot pass for
 * changes since the block of 2027-01-06. */
static const char *const rec_as_of[] = {"2027-01-05", "2027-01-08"};

static void remove_db(const char *path)
{
	static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
	char f[128];
	for (size_t i = 0; i < BT_ARRAY_LEN(ext); i++) {
		snprintf(f, sizeof f, "%s%s", path, ext[i]);
		unlink(f);
	}
}

/* Record the two updates; 0, or -1 (reported) when one failed. */
static int record(oom_ctx *c, baton_history *h)
{
	for (int i = 0; i < 2; i++) {
		baton_error err;
		baton_record r = {"p.baton", rec_as_of[i], "all", "text", rec_text[i], rec_json[i]};
		long id = baton_history_record(h, &r, &err);
		if (id < 0) {
			oom_error(c, "baton_history_record", &err);
			return -1;
		}
		oom_outf(c, "record id", "%ld", id);
	}
	return 0;
}

static baton_history *open_history(oom_ctx *c, const char *path)
{
	baton_error err;
	baton_history *h = baton_history_open(path, &err);
	if (!h) {
		oom_error(c, "baton_history_open", &err);
	}
	return h;
}

/* A new history: open (the schema is made), record, read back, render,
 * check. */
static void history(oom_ctx *c)
{
	remove_db(db);
	baton_history *h = open_history(c, db);
	if (!h || record(c, h)) {
		baton_history_close(h);
		return;
	}
	/* NULL is both "none" and "out of memory" here (baton.h). */
	long id = -1;
	char *last = baton_history_last(h, "p", "2027-01-12", &id);
	if (last)
		oom_outf(c, "last id", "%ld", id);
	else
		oom_out(c, "last id", NULL);
	oom_out(c, "last record", last);
	static const enum baton_format fmt[] = {BATON_FORMAT_TERM, BATON_FORMAT_MARKDOWN, BATON_FORMAT_JSON};
	for (size_t i = 0; i < BT_ARRAY_LEN(fmt); i++) {
		baton_error err;
		char *s = baton_history_render(h, "p", fmt[i], &err);
		if (!s)
			oom_error(c, "baton_history_render", &err);
		oom_out(c, "history", s);
	}
	baton_error err;
	long n = -1;
	if (baton_history_check(h, &n, &err)) {
		oom_error(c, "baton_history_check", &err);
		oom_out(c, "records", NULL);
	} else {
		oom_outf(c, "records", "%ld", n);
	}
	baton_history_close(h);
}

/* The text files beside the plan (baton_history_open_dir): a new one
 * takes two records and the second again (it replaces the first of its
 * date, moved to replaced/), renders with the audit trail and checks the
 * files against the index; then, the index deleted, it is rebuilt from
 * the files and renders the same. */
static char tdir[128];

static void rm_tree(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		unlink(path);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char sub[512];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		rm_tree(sub);
	}
	closedir(d);
	rmdir(path);
}

static int write_plain(void *ctx, const char *path, const char *data, size_t len)
{
	(void)ctx;
	char d[512];
	snprintf(d, sizeof d, "%s", path);
	for (char *s = strchr(d + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(d, 0777);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, len, f);
	return fclose(f) == 0 && w == len ? 0 : -1;
}

static baton_history *open_files(oom_ctx *c)
{
	baton_error err;
	baton_history_opts o = BATON_HISTORY_OPTS_INIT;
	o.dir = tdir;
	o.write = write_plain;
	baton_history *h = baton_history_open_dir(db, &o, &err);
	if (!h) {
		oom_error(c, "baton_history_open_dir", &err);
	}
	return h;
}

static void render_files(oom_ctx *c, baton_history *h, const char *what)
{
	static const enum baton_format fmt[] = {BATON_FORMAT_TERM, BATON_FORMAT_JSON};
	for (size_t i = 0; i < BT_ARRAY_LEN(fmt); i++) {
		baton_error err;
		char *s = baton_history_render_all(h, "p", fmt[i], BATON_HISTORY_ALL, &err);
		if (!s)
			oom_error(c, "baton_history_render_all", &err);
		oom_out(c, what, s);
	}
}

static void history_files(oom_ctx *c)
{
	remove_db(db);
	rm_tree(tdir);
	baton_history *h = open_files(c);
	if (!h || record(c, h)) {
		baton_history_close(h);
		return;
	}
	baton_error err;
	baton_record r = {"p.baton", "2027-01-09", "exec", "text", rec_text[1], rec_json[1]};
	long id = baton_history_record(h, &r, &err);
	if (id < 0) {
		oom_error(c, "baton_history_record", &err);
		baton_history_close(h);
		return;
	}
	oom_outf(c, "record id", "%ld", id);
	render_files(c, h, "history with the audit trail");
	long n = -1;
	if (baton_history_check(h, &n, &err)) {
		oom_error(c, "baton_history_check", &err);
		oom_out(c, "records", NULL);
	} else {
		oom_outf(c, "records", "%ld", n);
	}
	baton_history_close(h);
	remove_db(db);
	if ((h = open_files(c)))
		render_files(c, h, "history rebuilt from the files");
	baton_history_close(h);
}

/* The report reads a history made beforehand: its status section is the
 * assessment's, with the changes since the last record before the status
 * date (baton_assess does the same with a history), and its slip chart
 * the records'. */
static void history_readers(oom_ctx *c)
{
	baton_history *h = open_history(c, ro_db);
	baton_plan *p = h ? oom_parse(c, oom_plan) : NULL;
	char *html = p ? report(c, p, 8, h) : NULL;
	if (c->ref) {
		CHECK(html && strstr(html, "changes since 2027-01-08"));
		/* One slip chart per milestone and the program end. */
		int charts = 0;
		for (const char *s = html; s && (s = strstr(s, "<svg class=\"slip\"")); s++)
			charts++;
		CHECK_EQ_INT(charts, 3);
	}
	if (p)
		oom_out(c, "report with the slip chart", html);
	/* Calibration reads every record through bt_history_each. */
	baton_error err;
	baton_calibration *cal = p ? baton_calibration_compute(p, h, NULL, &err) : NULL;
	if (p && !cal)
		oom_error(c, "baton_calibration_compute", &err);
	static const enum baton_format fmt[] = {BATON_FORMAT_TERM, BATON_FORMAT_MARKDOWN, BATON_FORMAT_JSON};
	for (size_t i = 0; p && i < BT_ARRAY_LEN(fmt); i++)
		oom_out(c, "calibration", cal ? baton_calibration_render(cal, fmt[i], 0) : NULL);
	baton_calibration_free(cal);
	baton_plan_free(p);
	baton_history_close(h);
}

/* The updates the history cases record, made once without failures, and
 * the history the readers read. */
static int make_records(void)
{
	baton_plan *p = baton_plan_parse("p.baton", oom_plan, strlen(oom_plan));
	CHECK(p != NULL);
	for (int i = 0; p && i < 2; i++) {
		baton_status_opts o = BATON_STATUS_OPTS_INIT;
		o.as_of = rec_as_of[i];
		o.runs = 40;
		baton_assessment *a = baton_assess(p, &o, NULL);
		CHECK(a != NULL);
		if (!a)
			break;
		rec_text[i] = baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_TERM, BATON_FOR_ALL, 0);
		rec_json[i] = baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_JSON, BATON_FOR_ALL, 0);
		baton_assessment_free(a);
	}
	baton_plan_free(p);
	if (!rec_json[1])
		return -1;
	static oom_ctx c;
	c.ref = 1;
	baton_history *h = open_history(&c, ro_db);
	int rc = h ? record(&c, h) : -1;
	baton_history_close(h);
	for (int i = 0; i < c.nout; i++)
		baton_string_free(c.want[i]);
	CHECK_EQ_INT(rc, 0);
	return rc;
}

int main(void)
{
	oom_loop("status", status, 1);
	oom_loop("levelled status", status_levelled, 1);
	oom_loop("report", html, 1);
	parsed = baton_plan_parse("p.baton", oom_plan, strlen(oom_plan));
	CHECK(parsed != NULL);
	if (parsed)
		oom_loop("report of a parsed plan", html_parsed, 1);
	baton_plan_free(parsed);
	char *bigtext = big_plan();
	big = bigtext ? baton_plan_parse("big.baton", bigtext, strlen(bigtext)) : NULL;
	CHECK(big != NULL && baton_plan_errors(big) == 0);
	if (big)
		oom_loop("rolled-up report", html_rollup, 1);
	baton_plan_free(big);
	bt_free(bigtext);
	snprintf(dir, sizeof dir, "%s/baton-oom-XXXXXX", access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof db, "%s/history.db", dir);
	snprintf(ro_db, sizeof ro_db, "%s/records.db", dir);
	if (make_records() == 0) {
		oom_loop("history", history, 1);
		oom_loop("history readers", history_readers, 1);
		snprintf(tdir, sizeof tdir, "%s/history", dir);
		oom_loop("history files", history_files, 7); /* every 7th: a rebuild parses every file */
		rm_tree(tdir);
	}
	remove_db(db);
	remove_db(ro_db);
	rmdir(dir);
	for (int i = 0; i < 2; i++) {
		baton_string_free(rec_text[i]);
		baton_string_free(rec_json[i]);
	}
	return test_report("oom_status");
}
