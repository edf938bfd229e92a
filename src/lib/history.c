/*
 * history.c: published status updates in SQLite (docs/status.md, "History").
 *
 * Durability: the database runs in WAL mode with synchronous=FULL, and each
 * record (its row and its milestone rows) is one BEGIN IMMEDIATE ...
 * COMMIT transaction, so a crash or kill -9 at any point leaves either the
 * whole record or none of it, and never touches an earlier one (SQLite's
 * atomic commit; tests/history.sh kills recorders in a loop to check).
 * This file is the store (open, upgrade, record, check and the reads
 * other stages need); `baton history`'s views are render_history.c's.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "baton.h"
#include "history.h"
#include "calibrate.h"
#include "io.h"
#include "util.h"

/* Version 2: a milestone's PLANNED date is `planned` (version 1 called it
 * `forecast`, the word the Monte Carlo P50/P85 also went by), and
 * `p50_slack` places the P50 against the commit for the slip chart.
 * Version 3: `replaced` keeps the records a later one for the same status
 * date replaced (the audit trail), and `manifest` the text files the
 * index was built from (history_files.c).
 * Version 4: whether a milestone was reached, as its record says (1 or
 * 0; NULL when recorded before records said), so the history's table
 * tells a milestone reached late without reading each record's JSON. */
#define BT_HISTORY_VERSION 4

/* Version 3 to 4: the column, filled from the records' JSON once. */
#define MIGRATE_3 \
	"ALTER TABLE milestones ADD COLUMN reached INTEGER;\n" \
	"UPDATE milestones SET reached = (SELECT CASE WHEN milestones.is_program\n" \
	"  THEN json_extract(r.json, '$.program_end.reached')\n" \
	"  ELSE (SELECT json_extract(e.value, '$.reached') FROM json_each(r.json, '$.milestones') e\n" \
	"        WHERE json_extract(e.value, '$.id') = milestones.id) END\n" \
	"  FROM records r WHERE r.id = milestones.record AND json_valid(r.json));\n" \
	"PRAGMA user_version = 4;\n"

#define AUDIT_SCHEMA \
	"CREATE TABLE IF NOT EXISTS replaced(\n" \
	"  id INTEGER PRIMARY KEY,\n" \
	"  program TEXT NOT NULL,\n" \
	"  plan TEXT NOT NULL,\n" \
	"  as_of TEXT,\n" \
	"  recorded_at TEXT NOT NULL,\n" \
	"  replaced_by TEXT NOT NULL,\n" \
	"  rag TEXT NOT NULL,\n" \
	"  audience TEXT NOT NULL,\n" \
	"  format TEXT NOT NULL,\n" \
	"  text TEXT NOT NULL,\n" \
	"  json TEXT NOT NULL);\n" \
	"CREATE TABLE IF NOT EXISTS manifest(\n" \
	"  path TEXT PRIMARY KEY,\n" \
	"  mtime INTEGER NOT NULL,\n" \
	"  size INTEGER NOT NULL);\n"

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS records(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  program TEXT NOT NULL,\n"
	"  plan TEXT NOT NULL,\n"
	"  as_of TEXT,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  rag TEXT NOT NULL,\n"
	"  audience TEXT NOT NULL,\n"
	"  format TEXT NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  json TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS records_program ON records(program, as_of, id);\n"
	"CREATE TABLE IF NOT EXISTS milestones(\n"
	"  record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,\n"
	"  id TEXT NOT NULL,\n"
	"  is_program INTEGER NOT NULL,\n"
	"  commit_date TEXT,\n"
	"  planned TEXT,\n"
	"  slack INTEGER,\n"
	"  p50 TEXT,\n"
	"  p85 TEXT,\n"
	"  chance REAL,\n"
	"  rag TEXT,\n"
	"  p50_slack INTEGER,\n"
	"  reached INTEGER,\n"
	"  PRIMARY KEY(record, id));\n"
	AUDIT_SCHEMA
	"PRAGMA user_version = 4;\n";

/* Version 1 to 2, in place: the rows keep their values. */
static const char migrate_1[] =
	"ALTER TABLE milestones RENAME COLUMN forecast TO planned;\n"
	"ALTER TABLE milestones ADD COLUMN p50_slack INTEGER;\n"
	AUDIT_SCHEMA
	MIGRATE_3;

/* Version 2 to 3: the audit trail and the manifest, empty. Records of the
 * same status date recorded by an older baton stay as they are (each is
 * shown); the text files of a migrated index sort them out. */
static const char migrate_2[] = AUDIT_SCHEMA MIGRATE_3;
static const char migrate_3[] = MIGRATE_3;

/*================ The I/O failure hook's VFS shim (io.h) ===========*/

/* While a test has armed the I/O hook, a history opens through this VFS:
 * the default one, with every write, truncate, sync and delete asking
 * bt_io_fault() first, as SQLite's own test VFS (src/test_vfs.c) makes
 * them fail. Unarmed, histories open on the default VFS directly. */
typedef struct shim_file {
	sqlite3_file base;
	sqlite3_file *real; /* the default VFS's file, right after this */
} shim_file;

#define REAL(f) (((shim_file *)(f))->real)
#define RM(f) (REAL(f)->pMethods)

static int shim_close(sqlite3_file *f) { return RM(f)->xClose(REAL(f)); }
static int shim_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return RM(f)->xRead(REAL(f), b, n, o); }
static int shim_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	return bt_io_fault() ? SQLITE_IOERR_WRITE : RM(f)->xWrite(REAL(f), b, n, o);
}
static int shim_truncate(sqlite3_file *f, sqlite3_int64 n)
{
	return bt_io_fault() ? SQLITE_IOERR_TRUNCATE : RM(f)->xTruncate(REAL(f), n);
}
static int shim_sync(sqlite3_file *f, int fl) { return bt_io_fault() ? SQLITE_IOERR_FSYNC : RM(f)->xSync(REAL(f), fl); }
static int shim_size(sqlite3_file *f, sqlite3_int64 *n) { return RM(f)->xFileSize(REAL(f), n); }
static int shim_lock(sqlite3_file *f, int l) { return RM(f)->xLock(REAL(f), l); }
static int shim_unlock(sqlite3_file *f, int l) { return RM(f)->xUnlock(REAL(f), l); }
static int shim_reserved(sqlite3_file *f, int *r) { return RM(f)->xCheckReservedLock(REAL(f), r); }
static int shim_fcntl(sqlite3_file *f, int op, void *a) { return RM(f)->xFileControl(REAL(f), op, a); }
static int shim_sector(sqlite3_file *f) { return RM(f)->xSectorSize(REAL(f)); }
static int shim_devchar(sqlite3_file *f) { return RM(f)->xDeviceCharacteristics(REAL(f)); }
static int shim_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
	return RM(f)->xShmMap(REAL(f), pg, sz, ext, p);
}
static int shim_shm_lock(sqlite3_file *f, int off, int n, int fl) { return RM(f)->xShmLock(REAL(f), off, n, fl); }
static void shim_shm_barrier(sqlite3_file *f) { RM(f)->xShmBarrier(REAL(f)); }
static int shim_shm_unmap(sqlite3_file *f, int del) { return RM(f)->xShmUnmap(REAL(f), del); }
/* Memory-mapped reads: only when the default file has them (version 3). */
static int shim_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p)
{
	if (RM(f)->iVersion < 3) {
		*p = NULL;
		return SQLITE_OK;
	}
	return RM(f)->xFetch(REAL(f), o, n, p);
}
static int shim_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{
	return RM(f)->iVersion < 3 ? SQLITE_OK : RM(f)->xUnfetch(REAL(f), o, p);
}

static const sqlite3_io_methods shim_methods = {
	3, shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_size, shim_lock, shim_unlock,
	shim_reserved, shim_fcntl, shim_sector, shim_devchar, shim_shm_map, shim_shm_lock, shim_shm_barrier,
	shim_shm_unmap, shim_fetch, shim_unfetch,
};

#define DFLT(v) ((sqlite3_vfs *)(v)->pAppData)

static int shim_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	shim_file *s = (shim_file *)f;
	s->real = (sqlite3_file *)(s + 1);
	int rc = DFLT(v)->xOpen(DFLT(v), name, s->real, flags, out);
	f->pMethods = s->real->pMethods ? &shim_methods : NULL;
	return rc;
}
static int shim_delete(sqlite3_vfs *v, const char *name, int sync)
{
	return bt_io_fault() ? SQLITE_IOERR_DELETE : DFLT(v)->xDelete(DFLT(v), name, sync);
}
static int shim_access(sqlite3_vfs *v, const char *name, int fl, int *r) { return DFLT(v)->xAccess(DFLT(v), name, fl, r); }
static int shim_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
	return DFLT(v)->xFullPathname(DFLT(v), name, n, out);
}
static void *shim_dlopen(sqlite3_vfs *v, const char *name) { return DFLT(v)->xDlOpen(DFLT(v), name); }
static void shim_dlerror(sqlite3_vfs *v, int n, char *msg) { DFLT(v)->xDlError(DFLT(v), n, msg); }
static void (*shim_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void) { return DFLT(v)->xDlSym(DFLT(v), h, sym); }
static void shim_dlclose(sqlite3_vfs *v, void *h) { DFLT(v)->xDlClose(DFLT(v), h); }
static int shim_random(sqlite3_vfs *v, int n, char *out) { return DFLT(v)->xRandomness(DFLT(v), n, out); }
static int shim_sleep(sqlite3_vfs *v, int us) { return DFLT(v)->xSleep(DFLT(v), us); }
static int shim_time(sqlite3_vfs *v, double *t) { return DFLT(v)->xCurrentTime(DFLT(v), t); }
static int shim_lasterr(sqlite3_vfs *v, int n, char *msg) { return DFLT(v)->xGetLastError(DFLT(v), n, msg); }
static int shim_time64(sqlite3_vfs *v, sqlite3_int64 *t) { return DFLT(v)->xCurrentTimeInt64(DFLT(v), t); }

static sqlite3_vfs shim_vfs = {
	2, 0, 0, NULL, "baton-io-hook", NULL, shim_open, shim_delete, shim_access, shim_full, shim_dlopen,
	shim_dlerror, shim_dlsym, shim_dlclose, shim_random, shim_sleep, shim_time, shim_lasterr, shim_time64,
	NULL, NULL, NULL,
};

/* The VFS a history opens with: NULL (the default) unless the hook is
 * armed. Registered once, on first use, by the one thread of a test. */
static const char *history_vfs(void)
{
	if (!bt_io_armed())
		return NULL;
	if (!shim_vfs.pAppData) {
		sqlite3_vfs *d = sqlite3_vfs_find(NULL);
		if (!d || d->iVersion < 2)
			return NULL;
		shim_vfs.szOsFile = (int)sizeof(shim_file) + d->szOsFile;
		shim_vfs.mxPathname = d->mxPathname;
		shim_vfs.pAppData = d;
		if (sqlite3_vfs_register(&shim_vfs, 0) != SQLITE_OK) {
			shim_vfs.pAppData = NULL;
			return NULL;
		}
	}
	return shim_vfs.zName;
}

char *bt_history_err(const char *fmt, ...)
{
	bt_buf m = BT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	bt_buf_vprintf(&m, fmt, ap);
	va_end(ap);
	return bt_buf_detach(&m, NULL);
}

/* What went wrong: "out of memory" when an allocation on this thread failed
 * since `mark` (bt_alloc_failures), as SQLite does not always say so
 * itself (an integrity check that could not allocate its temporary table
 * says "unable to open a temporary database file"); else SQLite's word. */
const char *bt_history_why(sqlite3 *db, unsigned long mark)
{
	return bt_alloc_failures() != mark ? "out of memory" : sqlite3_errmsg(db);
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Create the schema, or bring an older one to BT_HISTORY_VERSION, in one
 * write transaction: of several processes opening the same file, the
 * first migrates and the others find it done. Up to date: reads only. */
static int upgrade(sqlite3 *db, char **msg)
{
	if (user_version(db) == BT_HISTORY_VERSION)
		return SQLITE_OK;
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, msg);
	if (rc != SQLITE_OK)
		return rc;
	int v = user_version(db);
	if (v == 1)
		rc = sqlite3_exec(db, migrate_1, NULL, NULL, msg);
	else if (v == 2)
		rc = sqlite3_exec(db, migrate_2, NULL, NULL, msg);
	else if (v == 3)
		rc = sqlite3_exec(db, migrate_3, NULL, NULL, msg);
	else if (v == 0)
		rc = sqlite3_exec(db, schema, NULL, NULL, msg);
	else if (v != BT_HISTORY_VERSION) {
		*msg = sqlite3_mprintf(v < 0 ? "cannot read its version"
					     : "written by a newer baton (history version %d)", v);
		rc = SQLITE_ERROR;
	}
	if (rc == SQLITE_OK)
		return sqlite3_exec(db, "COMMIT", NULL, NULL, msg);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static void pause_ms(unsigned ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
	while (ms && nanosleep(&ts, &ts))
		;
}

baton_history *bt_history_open(const char *path, char **err)
{
	bt_alloc_init();
	unsigned long mark = bt_alloc_failures();
	baton_history *h = bt_calloc(1, sizeof(*h));
	if (!h) {
		*err = bt_history_err("cannot open '%s': %s", path, "out of memory");
		return NULL;
	}
	int rc = sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, history_vfs());
	char *msg = NULL;
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(h->db, 10000);
	/* Switching a new database to WAL needs it to itself, and SQLite
	 * answers "locked" at once, without its busy handler, while another
	 * process does the same (eight first-time recorders at once): wait
	 * and try again, for as long as the busy timeout. */
	for (int tries = 0; rc == SQLITE_OK; tries++) {
		rc = sqlite3_exec(h->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
				  NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = upgrade(h->db, &msg);
		if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) || tries >= 400)
			break;
		sqlite3_free(msg);
		msg = NULL;
		pause_ms(25);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK) {
		*err = bt_history_err("cannot open history '%s': %s", path,
			       bt_alloc_failures() != mark ? "out of memory" : msg ? msg : sqlite3_errmsg(h->db));
		sqlite3_free(msg);
		sqlite3_close(h->db);
		bt_free(h);
		return NULL;
	}
	return h;
}

void baton_history_close(baton_history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	bt_free(h->dir);
	bt_free(h);
}


/* Binding copies the text, so it can run out of memory: SQLITE_NOMEM. */
int bt_history_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

static int bind_int(sqlite3_stmt *st, int i, json_t *v)
{
	return json_is_integer(v) ? sqlite3_bind_int64(st, i, json_integer_value(v)) : sqlite3_bind_null(st, i);
}

static int add_milestone(sqlite3 *db, long id, json_t *m, int is_program)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO milestones(record,id,is_program,commit_date,planned,slack,p50,p85,chance,rag,p50_slack,reached)"
			       " VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	json_t *c = json_object_get(m, "chance");
	int rc = sqlite3_bind_int64(st, 1, id);
	rc = rc ? rc : bt_history_bind_text(st, 2, json_string_value(json_object_get(m, "id")));
	rc = rc ? rc : sqlite3_bind_int(st, 3, is_program);
	rc = rc ? rc : bt_history_bind_text(st, 4, json_string_value(json_object_get(m, "commit")));
	rc = rc ? rc : bt_history_bind_text(st, 5, json_string_value(json_object_get(m, "planned")));
	rc = rc ? rc : bind_int(st, 6, json_object_get(m, "slack"));
	rc = rc ? rc : bt_history_bind_text(st, 7, json_string_value(json_object_get(m, "p50")));
	rc = rc ? rc : bt_history_bind_text(st, 8, json_string_value(json_object_get(m, "p85")));
	rc = rc ? rc : json_is_number(c) ? sqlite3_bind_double(st, 9, json_number_value(c)) : sqlite3_bind_null(st, 9);
	rc = rc ? rc : bt_history_bind_text(st, 10, json_string_value(json_object_get(m, "rag")));
	rc = rc ? rc : bind_int(st, 11, json_object_get(m, "p50_slack"));
	json_t *reached = json_object_get(m, "reached");
	rc = rc ? rc : json_is_boolean(reached) ? sqlite3_bind_int(st, 12, json_is_true(reached)) : sqlite3_bind_null(st, 12);
	rc = rc ? rc : sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* A record of the same program and status date is replaced: it moves to
 * the audit trail, naming the record that replaced it. */
static int move_replaced(sqlite3 *db, const char *program, const char *as_of, const char *by)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO replaced(program,plan,as_of,recorded_at,replaced_by,rag,audience,format,text,json)"
			       " SELECT program,plan,as_of,recorded_at,?,rag,audience,format,text,json FROM records"
			       " WHERE program = ? AND as_of IS ? ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = bt_history_bind_text(st, 1, by);
	rc = rc ? rc : bt_history_bind_text(st, 2, program);
	rc = rc ? rc : bt_history_bind_text(st, 3, as_of);
	rc = rc ? rc : sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sqlite3_prepare_v2(db, "DELETE FROM records WHERE program = ? AND as_of IS ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = bt_history_bind_text(st, 1, program);
	rc = rc ? rc : bt_history_bind_text(st, 2, as_of);
	rc = rc ? rc : sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

long bt_history_insert(sqlite3 *db, json_t *root, const baton_record *r, const char *json, int replace,
		       unsigned delay_ms)
{
	const char *program = json_string_value(json_object_get(root, "program"));
	const char *as_of = json_string_value(json_object_get(root, "as_of"));
	sqlite3_stmt *st = NULL;
	if (replace && move_replaced(db, program, as_of, r->recorded_at))
		return -1;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO records(program,plan,as_of,recorded_at,rag,audience,format,text,json)"
			       " VALUES(?,?,?,?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	/* A bind that cannot copy its text leaves NULL: check each. */
	int rc = bt_history_bind_text(st, 1, program);
	rc = rc ? rc : bt_history_bind_text(st, 2, r->plan);
	rc = rc ? rc : bt_history_bind_text(st, 3, as_of);
	rc = rc ? rc : bt_history_bind_text(st, 4, r->recorded_at);
	rc = rc ? rc : bt_history_bind_text(st, 5, json_string_value(json_object_get(root, "rag")));
	rc = rc ? rc : bt_history_bind_text(st, 6, r->audience ? r->audience : "all");
	rc = rc ? rc : bt_history_bind_text(st, 7, r->format ? r->format : "text");
	rc = rc ? rc : bt_history_bind_text(st, 8, r->text ? r->text : "");
	rc = rc ? rc : bt_history_bind_text(st, 9, json);
	rc = rc ? rc : sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	long id = (long)sqlite3_last_insert_rowid(db);
	pause_ms(delay_ms / 2);
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(root, "milestones"), i, m)
		if (add_milestone(db, id, m, 0))
			return -1;
	if (json_is_object(json_object_get(root, "program_end")) &&
	    add_milestone(db, id, json_object_get(root, "program_end"), 1))
		return -1;
	pause_ms(delay_ms - delay_ms / 2);
	return id;
}

long bt_history_record(baton_history *h, const baton_record *r, char **err)
{
	if (h->dir)
		return bt_history_record_file(h, r, err);
	unsigned long mark = bt_alloc_failures();
	json_error_t je;
	json_t *root = bt_json_loadb(r->json, strlen(r->json), 0, &je);
	const char *program = json_string_value(json_object_get(root, "program"));
	const char *rag = json_string_value(json_object_get(root, "rag"));
	if (!root || !program || !rag) {
		json_decref(root);
		*err = bt_history_err("cannot record: %s", bt_alloc_failures() != mark ? "out of memory"
							: "the status JSON lacks program or rag");
		return -1;
	}
	sqlite3 *db = h->db;
	long id = -1;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if ((id = bt_history_insert(db, root, r, r->json, 1, h->test_delay_ms)) < 0 ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto rollback;
	json_decref(root);
	return id;
rollback:
	*err = bt_history_err("cannot record: %s", bt_history_why(db, mark));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	json_decref(root);
	return -1;
fail:
	*err = bt_history_err("cannot record: %s", bt_history_why(db, mark));
	json_decref(root);
	return -1;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	int n = sqlite3_column_bytes(st, i);
	if (!t)
		return NULL;
	char *s = bt_malloc((size_t)n + 1);
	if (s) {
		memcpy(s, t, (size_t)n);
		s[n] = 0;
	}
	return s;
}

int bt_history_last(baton_history *h, const char *program, const char *before, long *id, char **json)
{
	sqlite3_stmt *st;
	const char *q = before ? "SELECT id, json FROM records WHERE program = ? AND as_of < ?"
				 " ORDER BY as_of DESC, id DESC LIMIT 1"
			       : "SELECT id, json FROM records WHERE program = ? ORDER BY as_of DESC, id DESC LIMIT 1";
	*json = NULL;
	int rc = sqlite3_prepare_v2(h->db, q, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc == SQLITE_NOMEM ? -2 : -1;
	rc = bt_history_bind_text(st, 1, program);
	if (rc == SQLITE_OK && before)
		rc = bt_history_bind_text(st, 2, before);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = (long)sqlite3_column_int64(st, 0);
		/* The column is NOT NULL: no text is no memory. */
		if (!(*json = col_dup(st, 1)))
			rc = SQLITE_NOMEM;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : rc == SQLITE_NOMEM ? -2 : -1;
}

char *baton_history_last(baton_history *h, const char *program, const char *before, long *id)
{
	char *json;
	long rid;
	if (bt_history_last(h, program, before, &rid, &json) > 0 && id)
		*id = rid;
	return json;
}

int bt_history_check(baton_history *h, long *records, char **err)
{
	sqlite3_stmt *st;
	int ok = 0;
	unsigned long mark = bt_alloc_failures();
	*records = 0;
	if (sqlite3_prepare_v2(h->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
		*err = bt_history_err("integrity check failed: %s", bt_history_why(h->db, mark));
		return -1;
	}
	bt_buf m = BT_BUF_INIT;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && !strcmp(t, "ok"))
			ok = 1;
		else
			bt_buf_printf(&m, "%s%s", m.len ? "; " : "", t ? t : "?");
	}
	sqlite3_finalize(st);
	if (bt_alloc_failures() != mark) {
		/* Whatever the check said, it did not check everything. */
		*err = bt_history_err("cannot check the history: out of memory");
		bt_buf_release(&m);
		return -1;
	}
	if (!ok || m.len || rc != SQLITE_DONE) {
		*err = bt_history_err("integrity check failed: %s", m.len ? m.s : sqlite3_errmsg(h->db));
		bt_buf_release(&m);
		return -1;
	}
	bt_buf_release(&m);
	/* Every record must have its program-end row: a half-written record
	 * would show here. */
	if (sqlite3_prepare_v2(h->db,
			       "SELECT (SELECT count(*) FROM records),"
			       " (SELECT count(*) FROM records r WHERE NOT EXISTS"
			       "   (SELECT 1 FROM milestones m WHERE m.record = r.id AND m.is_program))",
			       -1, &st, NULL) != SQLITE_OK) {
		*err = bt_history_err("cannot count records: %s", bt_history_why(h->db, mark));
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*records = (long)sqlite3_column_int64(st, 0);
		if (sqlite3_column_int64(st, 1)) {
			*err = bt_history_err("a record lacks its milestone rows");
			rc = SQLITE_CORRUPT;
		}
	} else {
		*err = bt_history_err("cannot count records: %s", bt_history_why(h->db, mark));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && h->dir)
		return bt_history_check_files(h, err);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*===================== Slip rows for the report ===================*/

static const char *adup(bt_arena *a, sqlite3_stmt *st, int i, int *oom)
{
	int null = sqlite3_column_type(st, i) == SQLITE_NULL;
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (!t) {
		/* A value whose text SQLite could not make. */
		*oom |= !null;
		return NULL;
	}
	char *s = bt_arena_strndup(a, t, (size_t)sqlite3_column_bytes(st, i));
	if (!s)
		*oom = 1;
	return s;
}

long bt_history_slips(baton_history *h, const char *program, bt_arena *a, bt_slip_pt **out)
{
	sqlite3_stmt *st;
	*out = NULL;
	if (sqlite3_prepare_v2(h->db,
			       "SELECT m.id, m.is_program, m.commit_date, r.as_of, m.planned, m.p50, m.p85, r.id"
			       " FROM milestones m JOIN records r ON r.id = m.record WHERE r.program = ?"
			       " ORDER BY m.is_program, (SELECT min(rowid) FROM milestones x WHERE x.id = m.id),"
			       " r.as_of, r.id",
			       -1, &st, NULL) != SQLITE_OK)
		return sqlite3_errcode(h->db) == SQLITE_NOMEM ? -2 : -1;
	BT_VEC(bt_slip_pt) v = {0};
	int oom = 0;
	int rc = bt_history_bind_text(st, 1, program);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		bt_slip_pt *p = BT_VEC_PUSH(v);
		if (!p) {
			oom = 1;
			break;
		}
		p->ms = adup(a, st, 0, &oom);
		p->is_program = sqlite3_column_int(st, 1);
		p->commit = adup(a, st, 2, &oom);
		p->as_of = adup(a, st, 3, &oom);
		p->planned = adup(a, st, 4, &oom);
		p->p50 = adup(a, st, 5, &oom);
		p->p85 = adup(a, st, 6, &oom);
		p->record = (long)sqlite3_column_int64(st, 7);
		if (!p->ms)
			oom = 1;
	}
	sqlite3_finalize(st);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		BT_VEC_FREE(v);
		return oom || rc == SQLITE_NOMEM ? -2 : -1;
	}
	long n = (long)v.n;
	if (n) {
		*out = bt_arena_alloc(a, sizeof(bt_slip_pt) * v.n);
		if (!*out) {
			BT_VEC_FREE(v);
			return -2;
		}
		memcpy(*out, v.v, sizeof(bt_slip_pt) * v.n);
	}
	BT_VEC_FREE(v);
	return n;
}

/* The one read calibration needs: every record of `program` in status-date
 * order (then by id), each as its status date and its status JSON, both
 * borrowed for the call. Kept to the `records` table and its `json`
 * column so that a history stored another way only has to provide these
 * two columns. fn returns nonzero to stop (that value is returned).
 * Returns 0, fn's nonzero value, or -1 with *err set (caller frees). */
int bt_history_each(baton_history *h, const char *program,
		    int (*fn)(void *ctx, const char *as_of, const char *json), void *ctx, char **err)
{
	unsigned long mark = bt_alloc_failures();
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->db, "SELECT as_of, json FROM records WHERE program = ?"
				      " ORDER BY as_of, id", -1, &st, NULL) != SQLITE_OK) {
		*err = bt_history_err("cannot read the history: %s", bt_history_why(h->db, mark));
		return -1;
	}
	int rc = bt_history_bind_text(st, 1, program), stop = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *as_of = (const char *)sqlite3_column_text(st, 0);
		const char *json = (const char *)sqlite3_column_text(st, 1);
		if (!json) {
			rc = SQLITE_NOMEM;
			break;
		}
		if ((stop = fn(ctx, as_of ? as_of : "", json)))
			break;
		rc = SQLITE_OK;
	}
	if (!stop && rc != SQLITE_DONE)
		*err = bt_history_err("cannot read the history: %s", bt_history_why(h->db, mark));
	sqlite3_finalize(st);
	return stop ? stop : rc == SQLITE_DONE ? 0 : -1;
}
