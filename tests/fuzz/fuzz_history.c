/*
 * fuzz_history.c: the libFuzzer target for the history database's
 * contents: a file someone else's baton wrote, an older version, a copy
 * damaged on the way. The history API takes paths, so the database is
 * written to a per-process file (in $TMPDIR, else /dev/shm, else /tmp),
 * opened with baton_history_open and put through every reader: the
 * integrity check, the history in every format for each program in it,
 * the latest record, a status assessed against it (its "changes since the
 * last update" parse the recorded JSON), the report's slip chart, and a
 * new record written into it. A damaged database must give a clean error,
 * never a crash.
 *
 * Two kinds of input:
 *  - a database file, when the input starts with SQLite's magic ("SQLite
 *    format 3"); the .db seeds in corpus/history/ were made by `baton status --record
 *    --as-of DATE` with PLAN below at each status date (and one from
 *    examples/orders-migration.baton), VACUUMed to 512-byte pages so the
 *    mutator has little to wade through;
 *  - otherwise rows for a database with baton's own schema, one a line:
 *    `R program|plan|as_of|recorded_at|rag|audience|format|text|json` adds
 *    a record, `M id|is_program|commit_date|planned|slack|p50|p85|chance|
 *    rag|p50_slack` a milestone row of the last record. A field is text,
 *    except `~` (NULL), `#N` (an integer), `%X` (a real) and `!BYTES` (a
 *    blob): a corrupt or hand-edited database can hold any type anywhere.
 *    Missing fields are NULL; rows the schema refuses are skipped;
 *  - a history file, when the input starts with '{': a recorded update as
 *    text (docs/status.md, "Where the history lives"), put at
 *    DIR/fuzz/2027-02-05.json and opened with baton_history_open_dir, which
 *    parses it into a new index (or refuses it, located); then every
 *    reader, and a record of that date, which moves it to replaced/.
 *    The seeds hist-*.json are files `baton status --record` wrote.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The plan the status and the report are assessed for: its ids are the
 * ones the seed records carry, so a record's JSON is matched to it. */
static const char plan_text[] =
	"program fuzz \"History fuzz\"\n"
	"  start 2027-01-04\n"
	"  commit 2027-04-30\n"
	"team data \"Data\" capacity 2\n"
	"team platform \"Platform\" capacity 3\n"
	"milestone parity \"Parity\" commit 2027-02-12\n"
	"  after schema, harness\n"
	"milestone live \"Live\" commit 2027-03-19\n"
	"  after cdc, dual-write\n"
	"task schema \"Schema\"\n"
	"  team data estimate 8d 10d 15d\n"
	"task harness \"Harness\"\n"
	"  team data estimate 5d\n"
	"  after schema\n"
	"task cdc \"CDC\"\n"
	"  team platform estimate 5d 8d 20d needs 2\n"
	"  after schema\n"
	"task dual-write \"Dual write\"\n"
	"  team platform estimate 3w\n"
	"  after cdc +2d\n"
	"risk throughput \"Throughput\"\n"
	"  probability 30% impact 10d on cdc\n"
	"decision target \"Target\"\n"
	"  date 2027-01-06 status proposed need-by 2027-02-01\n"
	"status 2027-01-22\n"
	"  schema started 2027-01-04 remaining 2d\n"
	"status 2027-02-05\n"
	"  schema done 2027-01-26\n"
	"  cdc started 2027-01-27 remaining 6d\n"
	"status 2027-02-26\n"
	"  harness done 2027-02-03\n"
	"  cdc done 2027-02-10\n"
	"  dual-write started 2027-02-15 percent 40%\n";

static char db_path[4096];
static char text_dir[4096];

/* The text history's files: the one under test and what records add. */
static void remove_text(void)
{
	char p[4300];
	static const char *const names[] = {"fuzz/2027-02-05.json", "fuzz/2027-02-26.json"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "%s/%s", text_dir, names[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/fuzz/replaced", text_dir);
	DIR *d = opendir(p);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			char f[4600];
			if (e->d_name[0] == '.')
				continue;
			snprintf(f, sizeof f, "%s/%s", p, e->d_name);
			unlink(f);
		}
		closedir(d);
		rmdir(p);
	}
	snprintf(p, sizeof p, "%s/fuzz", text_dir);
	rmdir(p);
	rmdir(text_dir);
}

static int write_text(void *ctx, const char *path, const char *data, size_t len)
{
	(void)ctx;
	char d[4300];
	snprintf(d, sizeof d, "%s", path);
	for (char *s = strchr(d + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(d, 0700);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, len, f);
	return fclose(f) == 0 && w == len ? 0 : -1;
}

static void remove_db(void)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char p[4200];
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", db_path, suffix[i]);
		unlink(p);
	}
}

static void init_path(void)
{
	if (db_path[0])
		return;
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(db_path, sizeof db_path, "%s/baton-fuzz-history.%ld.db", dir, (long)getpid());
	snprintf(text_dir, sizeof text_dir, "%s/baton-fuzz-history.%ld.d", dir, (long)getpid());
}

static int write_file(const uint8_t *data, size_t size)
{
	int fd = open(db_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	while (size) {
		ssize_t n = write(fd, data, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		data += n;
		size -= (size_t)n;
	}
	return close(fd);
}

static void bind_field(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	if (n == 1 && s[0] == '~')
		sqlite3_bind_null(st, i);
	else if (n && s[0] == '#') {
		char tmp[32];
		snprintf(tmp, sizeof tmp, "%.*s", (int)(n - 1 < 31 ? n - 1 : 31), s + 1);
		sqlite3_bind_int64(st, i, strtoll(tmp, NULL, 10));
	} else if (n && s[0] == '%') {
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%.*s", (int)(n - 1 < 63 ? n - 1 : 63), s + 1);
		sqlite3_bind_double(st, i, strtod(tmp, NULL));
	} else if (n && s[0] == '!')
		sqlite3_bind_blob(st, i, s + 1, (int)n - 1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
}

/* Bind the '|'-separated fields of line [s, e) to parameters from..to. */
static void bind_row(sqlite3_stmt *st, int from, int to, const char *s, const char *e)
{
	int i = from;
	while (s < e && i <= to) {
		const char *bar = memchr(s, '|', (size_t)(e - s));
		const char *fe = bar ? bar : e;
		bind_field(st, i++, s, (size_t)(fe - s));
		s = bar ? bar + 1 : e;
	}
	for (; i <= to; i++)
		sqlite3_bind_null(st, i);
}

/* Read a failure's message through (the sanitizers see it whole). */
static size_t touch(const baton_error *e)
{
	return strlen(e->message);
}

/* A database with baton's schema holding the rows of the input. */
static int make_db(const uint8_t *data, size_t size)
{
	baton_error err;
	baton_history *h = baton_history_open(db_path, &err);
	if (!h) {
		fprintf(stderr, "fuzz_history: cannot create '%s': %s\n", db_path, err.message);
		return -1;
	}
	baton_history_close(h);
	sqlite3 *db;
	sqlite3_stmt *rec = NULL, *ms = NULL;
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO records(program,plan,as_of,recorded_at,rag,audience,format,text,json)"
				   " VALUES(?,?,?,?,?,?,?,?,?)", -1, &rec, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO milestones(record,id,is_program,commit_date,planned,slack,p50,p85,"
				   "chance,rag,p50_slack) VALUES(?,?,?,?,?,?,?,?,?,?,?)", -1, &ms, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_history: cannot fill '%s': %s\n", db_path, sqlite3_errmsg(db));
		sqlite3_finalize(rec);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	const char *s = (const char *)data, *end = s + size;
	sqlite3_int64 last = 1;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		if (e - s >= 2 && s[1] == ' ' && (s[0] == 'R' || s[0] == 'M')) {
			sqlite3_stmt *st = s[0] == 'R' ? rec : ms;
			if (st == ms) {
				sqlite3_bind_int64(ms, 1, last);
				bind_row(ms, 2, 11, s + 2, e);
			} else {
				bind_row(rec, 1, 9, s + 2, e);
			}
			if (sqlite3_step(st) == SQLITE_DONE && st == rec)
				last = sqlite3_last_insert_rowid(db);
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
		}
		s = nl ? nl + 1 : end;
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(rec);
	sqlite3_finalize(ms);
	sqlite3_close(db);
	return 0;
}

static size_t consume(char *s)
{
	size_t n = s ? strlen(s) : 0;
	baton_string_free(s);
	return n;
}

/* The programs the database holds (a few), read on a connection of our
 * own: the API reads one program at a time. */
static int programs(char names[][64], int max)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = 0;
	snprintf(names[n++], 64, "fuzz");
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT DISTINCT program FROM records LIMIT 3", -1, &st, NULL) == SQLITE_OK) {
		while (n < max && sqlite3_step(st) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			if (t && strcmp(t, "fuzz"))
				snprintf(names[n++], 64, "%s", t);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

/* Every reader; `all` also each format of each program (statements are
 * prepared per call, which is most of the time a run takes). */
static void read_history(baton_history *h, int all)
{
	baton_error err;
	long n = 0;
	if (baton_history_check(h, &n, &err))
		touch(&err);
	char names[4][64];
	int np = all ? programs(names, 4) : 1;
	if (!all)
		snprintf(names[0], 64, "fuzz");
	static const enum baton_format formats[] = {BATON_FORMAT_JSON, BATON_FORMAT_TERM,
						    BATON_FORMAT_MARKDOWN};
	for (int i = 0; i < np; i++) {
		for (size_t f = 0; f < (all ? 3u : 1u); f++) {
			if (!consume(baton_history_render(h, names[i], formats[f], &err)))
				touch(&err);
		}
		long id = 0;
		consume(baton_history_last(h, names[i], NULL, &id));
		consume(baton_history_last(h, names[i], "2027-02-20", &id));
	}
}

static void assess(baton_plan *p, baton_history *h)
{
	baton_status_opts so = BATON_STATUS_OPTS_INIT;
	so.runs = -1;
	so.history = h;
	baton_error aerr;
	baton_assessment *a = baton_assess(p, &so, &aerr);
	if (!a) {
		fprintf(stderr, "fuzz_history: the fixed plan cannot be assessed: %s\n", aerr.message);
		__builtin_trap();
	}
	char *text = baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_TERM, BATON_FOR_ALL, 0);
	char *json = baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_JSON, BATON_FOR_ALL, 0);
	consume(baton_assessment_render(a, BATON_REPORT_STATUS, BATON_FORMAT_MARKDOWN, BATON_FOR_PM, 0));
	if (text && json) {
		/* Writing into what was read: a damaged database refuses the
		 * record cleanly, or takes it. */
		baton_record r = {"fuzz.baton", "2027-02-26T17:00:00Z", "all", "text", text, json};
		baton_error err;
		if (baton_history_record(h, &r, &err) < 0)
			touch(&err);
	}
	consume(text);
	consume(json);
	baton_assessment_free(a);
	baton_report_opts ro = BATON_REPORT_OPTS_INIT;
	ro.runs = -1;
	ro.history = h;
	baton_error rerr;
	consume(baton_report_html(p, &ro, &rerr));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	init_path();
	remove_db();
	remove_text();
	baton_error err;
	baton_history *h = NULL;
	if (size && data[0] == '{') {
		char f[4300];
		snprintf(f, sizeof f, "%s/fuzz/2027-02-05.json", text_dir);
		if (write_text(NULL, f, (const char *)data, size)) {
			fprintf(stderr, "fuzz_history: cannot write '%s': %s\n", f, strerror(errno));
			remove_text();
			return 0;
		}
		baton_history_opts o = BATON_HISTORY_OPTS_INIT;
		o.dir = text_dir;
		o.write = write_text;
		h = baton_history_open_dir(db_path, &o, &err);
		if (!h) {
			/* Refused: located in the file, never a crash. */
			if (o.bad_file && (err.code != BATON_ERR_INPUT || !strstr(err.message, "2027-02-05.json:")))
				__builtin_trap();
		}
		goto opened;
	}
	static const char magic[] = "SQLite format 3";
	int raw = size >= sizeof magic && memcmp(data, magic, sizeof magic) == 0;
	if (raw ? write_file(data, size) : make_db(data, size)) {
		fprintf(stderr, "fuzz_history: cannot write '%s': %s\n", db_path, strerror(errno));
		remove_db();
		return 0;
	}
	h = baton_history_open(db_path, &err);
opened:
	if (!h) {
		touch(&err);
	} else {
		baton_plan *plan = baton_plan_parse("fuzz.baton", plan_text, sizeof plan_text - 1);
		if (!plan || baton_plan_errors(plan)) {
			fprintf(stderr, "fuzz_history: the fixed plan does not check\n");
			__builtin_trap();
		}
		read_history(h, 1);
		assess(plan, h);
		read_history(h, 0);
		baton_history_close(h);
		baton_plan_free(plan);
	}
	remove_db();
	remove_text();
	return 0;
}
