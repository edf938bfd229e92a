/* test_history.c: the SQLite history: record, read back, check, render;
 * a version-1 database is migrated in place. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton.h"
#include "test.h"

static void unlink_db(const char *path)
{
	char aux[64];
	unlink(path);
	snprintf(aux, sizeof aux, "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", path);
	unlink(aux);
}

/* A new empty file at the mkstemp template `path`, for a history. */
static void temp_db(char *path)
{
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
}

/* A history written by a baton whose milestones called the PLANNED date
 * `forecast` (version 1) opens, keeps its rows under the new name, takes
 * new records and charts both. */
static void migrate_v1(void)
{
	char path[] = "/tmp/baton-test-history-v1-XXXXXX";
	temp_db(path);
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db,
			   "CREATE TABLE records(id INTEGER PRIMARY KEY, program TEXT NOT NULL, plan TEXT NOT NULL,"
			   " as_of TEXT, recorded_at TEXT NOT NULL, rag TEXT NOT NULL, audience TEXT NOT NULL,"
			   " format TEXT NOT NULL, text TEXT NOT NULL, json TEXT NOT NULL);"
			   "CREATE TABLE milestones(record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
			   " id TEXT NOT NULL, is_program INTEGER NOT NULL, commit_date TEXT, forecast TEXT,"
			   " slack INTEGER, p50 TEXT, p85 TEXT, chance REAL, rag TEXT, PRIMARY KEY(record, id));"
			   "PRAGMA user_version = 1;"
			   "INSERT INTO records VALUES(1, 'p', 'plan.baton', '2027-01-22', 'then', 'amber', 'all', 'text',"
			   " 'AMBER', '{\"program\": \"p\", \"as_of\": \"2027-01-22\", \"rag\": \"amber\","
			   " \"milestones\": [{\"id\": \"m\", \"forecast\": \"2027-02-09\"}]}');"
			   "INSERT INTO milestones VALUES(1, 'm', 0, '2027-02-12', '2027-02-09', 3, NULL, NULL, NULL, 'amber');"
			   "INSERT INTO milestones VALUES(1, 'p', 1, '2027-04-30', '2027-04-19', 9, NULL, NULL, NULL, 'green');",
			   NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	baton_error err;
	baton_history *h = baton_history_open(path, &err);
	CHECK(h != NULL);
	if (!h) {
		unlink_db(path);
		return;
	}
	const char *j = "{\"program\": \"p\", \"as_of\": \"2027-01-29\", \"rag\": \"red\","
			" \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"planned\": \"2027-02-11\", \"slack\": 1,"
			" \"p50\": \"2027-02-18\", \"p85\": \"2027-02-23\", \"chance\": 0.25, \"p50_slack\": -4, \"rag\": \"red\"}],"
			" \"program_end\": {\"id\": \"p\", \"planned\": \"2027-04-20\", \"slack\": 8, \"rag\": \"green\"}}";
	baton_record r = {"plan.baton", "now", "all", "text", "RED", j};
	CHECK(baton_history_record(h, &r, &err) == 2);
	long n = 0;
	CHECK_EQ_INT(baton_history_check(h, &n, &err), 0);
	CHECK_EQ_INT(n, 2);
	char *js = baton_history_render(h, "p", BATON_FORMAT_JSON, &err);
	CHECK(js && strstr(js, "\"planned\": \"2027-02-09\""));
	CHECK(js && strstr(js, "\"planned\": \"2027-02-11\""));
	CHECK(js && strstr(js, "\"p50_slack\": -4"));
	CHECK(js && !strstr(js, "\"forecast\""));
	baton_string_free(js);
	/* The old row charts its planned slack, the new one its P50's. */
	char *txt = baton_history_render(h, "p", BATON_FORMAT_TERM, &err);
	CHECK(txt && strstr(txt, "|..."));
	CHECK(txt && strstr(txt, "####|"));
	baton_string_free(txt);
	baton_history_close(h);
	/* Opened again, it is already current. */
	h = baton_history_open(path, &err);
	CHECK(h != NULL);
	baton_history_close(h);
	unlink_db(path);
}

/* A history whose milestones lost a column (a hand edit, another tool)
 * opens, and its chart is a clean error. Reading it once left a statement
 * unfinalized, which kept the connection from closing: a leak the ASan
 * build reports (found by tests/fuzz/fuzz_history.c). */
static void missing_column(void)
{
	char path[] = "/tmp/baton-test-history-col-XXXXXX";
	temp_db(path);
	baton_error err;
	baton_history *h = baton_history_open(path, &err);
	CHECK(h != NULL);
	baton_history_close(h);
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "ALTER TABLE milestones RENAME COLUMN p50 TO p25", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	h = baton_history_open(path, &err);
	CHECK(h != NULL);
	if (h) {
		CHECK(baton_history_render(h, "p", BATON_FORMAT_TERM, &err) == NULL);
		CHECK(strstr(err.message, "cannot read the history: no such column: m.p50"));
		baton_history_close(h);
	}
	unlink_db(path);
}

/* Slacks at the ends of the integer range (a damaged or hand-edited
 * file): the chart caps the bar, and no arithmetic on them overflows
 * (UBSan, in the ASan build; found by tests/fuzz/fuzz_history.c). */
static void huge_slack(void)
{
	char path[] = "/tmp/baton-test-history-slack-XXXXXX";
	temp_db(path);
	baton_error err;
	baton_history *h = baton_history_open(path, &err);
	CHECK(h != NULL);
	if (!h)
		return;
	const char *j1 = "{\"program\": \"p\", \"as_of\": \"2027-01-29\", \"rag\": \"red\","
			 " \"milestones\": [{\"id\": \"m\", \"slack\": -9223372036854775808, \"p50_slack\": -9223372036854775808}]}";
	const char *j2 = "{\"program\": \"p\", \"as_of\": \"2027-02-05\", \"rag\": \"red\","
			 " \"milestones\": [{\"id\": \"m\", \"slack\": 9223372036854775807}]}";
	baton_record r = {"plan.baton", "now", "all", "text", "RED", j1};
	CHECK(baton_history_record(h, &r, &err) > 0);
	r.json = j2;
	CHECK(baton_history_record(h, &r, &err) > 0);
	char *txt = baton_history_render(h, "p", BATON_FORMAT_TERM, &err);
	CHECK(txt && strstr(txt, "##############################|"));
	baton_string_free(txt);
	baton_history_close(h);
	unlink_db(path);
}

/*======================= The text files ==========================*/

/* The writer the CLI's stands for: directories, then the bytes. */
static int write_plain(void *ctx, const char *path, const char *data, size_t len)
{
	int *calls = ctx;
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
	int ok = fwrite(data, 1, len, f) == len;
	(*calls)++;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static const char *tf_j1 = "{\"program\": \"p\", \"as_of\": \"2027-01-29\", \"rag\": \"amber\","
			   " \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"planned\": \"2027-02-11\", \"slack\": 1,"
			   " \"chance\": 0.4321, \"rag\": \"amber\"}],"
			   " \"program_end\": {\"id\": \"p\", \"planned\": \"2027-04-20\", \"slack\": 8, \"rag\": \"green\"}}";
static const char *tf_j2 = "{\"program\": \"p\", \"as_of\": \"2027-02-05\", \"rag\": \"red\","
			   " \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"planned\": \"2027-02-16\", \"slack\": -2, \"rag\": \"red\"}],"
			   " \"program_end\": {\"id\": \"p\", \"planned\": \"2027-04-22\", \"slack\": 6, \"rag\": \"green\"}}";

static baton_history *tf_open(const char *index, const char *dir, int *calls, baton_history_opts *o, baton_error *err)
{
	baton_history_opts init = BATON_HISTORY_OPTS_INIT;
	*o = init;
	o->dir = dir;
	o->write = write_plain;
	o->ctx = calls;
	return baton_history_open_dir(index, o, err);
}

/* Records become files; the index deleted is rebuilt with the same
 * history; a date recorded again replaces its record, the earlier one in
 * replaced/ and the audit trail; a damaged file is a located error. */
static void text_files(void)
{
	char root[] = "/tmp/baton-test-history-files-XXXXXX";
	CHECK(mkdtemp(root) != NULL);
	char index[256], dir[256], f1[320], f2[320], rep[400];
	snprintf(index, sizeof index, "%s/index.db", root);
	snprintf(dir, sizeof dir, "%s/history", root);
	snprintf(f1, sizeof f1, "%s/p/2027-01-29.json", dir);
	snprintf(f2, sizeof f2, "%s/p/2027-02-05.json", dir);
	snprintf(rep, sizeof rep, "%s/p/replaced/2027-02-05.2027-02-05T170000Z.json", dir);
	int calls = 0;
	baton_error err;
	baton_history_opts o;
	baton_history *h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h != NULL);
	if (!h)
		return;
	baton_record r = {"some/where/plan.baton", "2027-01-29T17:00:00Z", "all", "text", "AMBER\nsecond line", tf_j1};
	CHECK(baton_history_record(h, &r, &err) > 0);
	r.json = tf_j2;
	r.recorded_at = "2027-02-05T17:00:00Z";
	r.text = "RED";
	CHECK(baton_history_record(h, &r, &err) > 0);
	CHECK_EQ_INT(calls, 2);
	const char *t = slurp(f1);
	CHECK(t && !strncmp(t, "{\n  \"audience\": \"all\",\n  \"format\": \"text\",\n  \"plan\": \"plan.baton\",\n"
			       "  \"recorded_at\": \"2027-01-29T17:00:00Z\",\n  \"status\": {\n", 120));
	CHECK(t && strstr(t, "\"chance\": 0.4321,\n"));
	CHECK(t && strstr(t, "\"text\": \"AMBER\\nsecond line\"\n}\n"));
	char *before = baton_history_render(h, "p", BATON_FORMAT_JSON, &err);
	CHECK(before != NULL);
	/* The same date again, later: one record, the earlier one replaced. */
	r.recorded_at = "2027-02-06T09:00:00Z";
	r.audience = "exec";
	CHECK(baton_history_record(h, &r, &err) > 0);
	CHECK(access(rep, F_OK) == 0);
	long n = 0;
	CHECK_EQ_INT(baton_history_check(h, &n, &err), 0);
	CHECK_EQ_INT(n, 2);
	char *all = baton_history_render_all(h, "p", BATON_FORMAT_JSON, BATON_HISTORY_ALL, &err);
	CHECK(all && strstr(all, "\"replaced_by\": \"2027-02-06T09:00:00Z\""));
	CHECK(all && strstr(all, "\"recorded_at\": \"2027-02-05T17:00:00Z\""));
	baton_string_free(all);
	char *txt = baton_history_render_all(h, "p", BATON_FORMAT_TERM, BATON_HISTORY_ALL, &err);
	CHECK(txt && strstr(txt, "2027-02-05  2027-02-05T17:00:00Z  2027-02-06T09:00:00Z"));
	baton_string_free(txt);
	char *now = baton_history_render(h, "p", BATON_FORMAT_JSON, &err);
	baton_history_close(h);
	/* The index gone: rebuilt from the files, the same history. */
	unlink(index);
	h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h != NULL && o.rebuilt && !o.migrated);
	char *again = h ? baton_history_render(h, "p", BATON_FORMAT_JSON, &err) : NULL;
	CHECK(again && now && !strcmp(again, now));
	CHECK(before && now && strcmp(before, now));
	baton_string_free(again);
	baton_string_free(before);
	baton_string_free(now);
	baton_history_close(h);
	/* Opened again with nothing changed: not rebuilt. */
	h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h != NULL && !o.rebuilt);
	baton_history_close(h);
	/* A hand edit that breaks the file: located, bad input. */
	put(f1, "{\n  \"audience\": \"all\",\n  \"format\": text\n}\n");
	h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h == NULL && o.bad_file);
	CHECK(strstr(err.message, "/p/2027-01-29.json:3:") && strstr(err.message, "error: not JSON") &&
	      strstr(err.message, "    3 |   \"format\": text") && strstr(err.message, "hint: "));
	baton_history_close(h);
	/* A record under another date's name. */
	t = slurp(f2);
	put(f1, t ? t : "");
	h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h == NULL && o.bad_file);
	CHECK(strstr(err.message, "belongs in p/2027-02-05.json"));
	unlink(f1);
	h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h != NULL);
	CHECK_EQ_INT(baton_history_check(h, &n, &err), 0);
	CHECK_EQ_INT(n, 1);
	baton_history_close(h);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

/* An index with records and no files (an older baton's) is written out as
 * files once: the latest of each date as its file, earlier ones of the
 * same date (recorded before replacing existed) in replaced/. */
static void migrate_index(void)
{
	char root[] = "/tmp/baton-test-history-mig-XXXXXX";
	CHECK(mkdtemp(root) != NULL);
	char index[256], dir[256];
	snprintf(index, sizeof index, "%s/index.db", root);
	snprintf(dir, sizeof dir, "%s/history", root);
	baton_error err;
	baton_history *h = baton_history_open(index, &err);
	CHECK(h != NULL);
	if (!h)
		return;
	baton_record r = {"plan.baton", "2027-01-29T17:00:00Z", "all", "text", "AMBER", tf_j1};
	CHECK(baton_history_record(h, &r, &err) > 0);
	r.json = tf_j2;
	r.recorded_at = "2027-02-05T17:00:00Z";
	CHECK(baton_history_record(h, &r, &err) > 0);
	baton_history_close(h);
	/* A duplicate as an older baton kept it, without replacing. */
	sqlite3 *db;
	CHECK(sqlite3_open(index, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "INSERT INTO records(program,plan,as_of,recorded_at,rag,audience,format,text,json)"
			       " SELECT program,plan,as_of,'2027-02-05T18:00:00Z',rag,audience,format,text,json FROM records"
			       " WHERE as_of = '2027-02-05'; PRAGMA user_version = 2; DROP TABLE replaced; DROP TABLE manifest;"
			       " ALTER TABLE milestones DROP COLUMN reached;",
			   NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	int calls = 0;
	baton_history_opts o;
	h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h != NULL);
	CHECK_EQ_INT(o.migrated, 3);
	CHECK_EQ_INT(calls, 3);
	char p[400];
	snprintf(p, sizeof p, "%s/p/replaced/2027-02-05.2027-02-05T170000Z.json", dir);
	CHECK(access(p, F_OK) == 0);
	long n = 0;
	CHECK(h && baton_history_check(h, &n, &err) == 0);
	CHECK_EQ_INT(n, 2);
	baton_history_close(h);
	h = tf_open(index, dir, &calls, &o, &err);
	CHECK(h != NULL && !o.migrated && calls == 3);
	baton_history_close(h);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

/* An index of version 3 (no `reached` column) opens as version 4 with the
 * column filled from each record's JSON: a milestone reached after its
 * commit shows red in the history, whatever RAG was recorded. */
static void migrate_v3(void)
{
	char path[] = "/tmp/baton-test-history-v3-XXXXXX";
	temp_db(path);
	baton_error err;
	baton_history *h = baton_history_open(path, &err);
	CHECK(h != NULL);
	if (!h) {
		unlink_db(path);
		return;
	}
	baton_record r = {"plan.baton", "2027-02-26T17:00:00Z", "all", "text", "GREEN",
			  "{\"program\": \"p\", \"as_of\": \"2027-02-26\", \"rag\": \"green\","
			  " \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"planned\": \"2027-02-24\","
			  " \"slack\": -8, \"rag\": \"green\", \"reached\": true}],"
			  " \"program_end\": {\"id\": \"p\", \"planned\": \"2027-04-22\", \"slack\": 6, \"rag\": \"green\","
			  " \"reached\": false}}"};
	CHECK(baton_history_record(h, &r, &err) > 0);
	baton_history_close(h);
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "ALTER TABLE milestones DROP COLUMN reached; PRAGMA user_version = 3;", NULL, NULL,
			   NULL) == SQLITE_OK);
	sqlite3_close(db);
	h = baton_history_open(path, &err);
	CHECK(h != NULL);
	char *out = h ? baton_history_render_all(h, "p", BATON_FORMAT_JSON, 0, &err) : NULL;
	CHECK(out != NULL);
	/* The milestone's point is reached and red; the program's is not reached. */
	CHECK(out && strstr(out, "\"reached\": true") && strstr(out, "\"rag\": \"red\"") &&
	      strstr(out, "\"reached\": false"));
	baton_string_free(out);
	baton_history_close(h);
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	sqlite3_stmt *st = NULL;
	CHECK(sqlite3_prepare_v2(db, "SELECT group_concat(id || '=' || ifnull(reached, 'null'), ',') FROM milestones"
				     " ORDER BY id", -1, &st, NULL) == SQLITE_OK);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "m=1,p=0"));
	sqlite3_finalize(st);
	sqlite3_close(db);
	unlink_db(path);
}

int main(void)
{
	text_files();
	migrate_index();
	migrate_v1();
	migrate_v3();
	missing_column();
	huge_slack();
	char path[] = "/tmp/baton-test-history-XXXXXX";
	temp_db(path);
	baton_error err;
	baton_history *h = baton_history_open(path, &err);
	CHECK(h != NULL);
	if (!h)
		return test_report("test_history");
	const char *j1 = "{\"program\": \"p\", \"as_of\": \"2027-01-29\", \"rag\": \"amber\","
			 " \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"planned\": \"2027-02-11\", \"slack\": 1, \"rag\": \"amber\"}],"
			 " \"program_end\": {\"id\": \"p\", \"planned\": \"2027-04-20\", \"slack\": 8, \"rag\": \"green\"}}";
	const char *j2 = "{\"program\": \"p\", \"as_of\": \"2027-02-05\", \"rag\": \"red\","
			 " \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"planned\": \"2027-02-16\", \"slack\": -2, \"rag\": \"red\"}],"
			 " \"program_end\": {\"id\": \"p\", \"planned\": \"2027-04-22\", \"slack\": 6, \"rag\": \"green\"}}";
	baton_record r = {"plan.baton", "2027-01-29T17:00:00Z", "all", "text", "AMBER", j1};
	long id1 = baton_history_record(h, &r, &err);
	r.json = j2;
	r.text = "RED";
	long id2 = baton_history_record(h, &r, &err);
	CHECK(id1 > 0 && id2 > id1);
	r.json = "{\"as_of\": \"x\"}";
	CHECK_EQ_INT(baton_history_record(h, &r, &err), -1);
	long id = 0;
	char *last = baton_history_last(h, "p", "2027-02-05", &id);
	CHECK_EQ_INT(id, id1);
	CHECK(last && strstr(last, "2027-01-29"));
	baton_string_free(last);
	last = baton_history_last(h, "p", NULL, &id);
	CHECK_EQ_INT(id, id2);
	baton_string_free(last);
	CHECK(baton_history_last(h, "other", NULL, NULL) == NULL);
	CHECK(baton_history_last(h, "p", "2027-01-29", NULL) == NULL);
	long n = 0;
	CHECK_EQ_INT(baton_history_check(h, &n, &err), 0);
	CHECK_EQ_INT(n, 2);
	char *txt = baton_history_render(h, "p", BATON_FORMAT_TERM, &err);
	CHECK(txt && strstr(txt, "2 recorded updates"));
	CHECK(txt && strstr(txt, "##|"));
	baton_string_free(txt);
	baton_history_close(h);
	unlink_db(path);
	return test_report("test_history");
}
