/*
 * history_files.c: the history as text beside the plan, in git
 * (docs/status.md, "Where the history lives"), with the SQLite database
 * of history.c as its index.
 *
 * DIR/PROGRAM/YYYY-MM-DD.json holds one recorded update (sorted keys, one
 * field per line, so a diff reads and two branches that record different
 * weeks add different files: git merges them without a conflict);
 * DIR/PROGRAM/replaced/YYYY-MM-DD.RECORDED_AT.json holds one a later
 * record of the same date replaced (a new file too, never an edit).
 * The files are the truth: the index remembers which files, sizes and
 * modification times it was built from (`manifest`) and is rebuilt from
 * them, in one transaction, whenever they differ. A file that does not
 * read is an error located in it, never skipped: skipping would show a
 * history with a week missing as if it were whole.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "history.h"
#include "jsonw_json.h"
#include "util.h"

/* The files and the index's copy of each status are written by the
 * streaming writer (jsonw.h) with the bytes jansson's dump wrote them
 * with (a file that changed its bytes would read as changed in git):
 * the files as JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(15),
 * the index's JSON as JSON_COMPACT with the same keys and reals. Reals at
 * 15 significant digits: what the status JSON holds (a chance to 4
 * decimals) reads back exactly, without %.17g's 0.12340000000000001. */
#define REAL_DIGITS 15
#define FILE_INDENT 2

/* How deep a status may nest: the writer's limit, less the file's own
 * object around it. */
#define STATUS_MAX_DEPTH (BT_JW_MAXDEPTH - 1)

typedef struct hfile {
	char *rel;           /* PROGRAM/NAME.json or PROGRAM/replaced/NAME.json */
	long long mtime;     /* nanoseconds */
	long long size;
} hfile;

typedef BT_VEC(hfile) hfile_vec;

static char *bt_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = bt_malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

/* A column's text as an allocation of ours; NULL for NULL or no memory. */
static char *col_text_dup(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? bt_strdup(t) : NULL;
}

static void files_free(hfile_vec *v)
{
	for (uint32_t i = 0; i < v->n; i++)
		bt_free(v->v[i].rel);
	BT_VEC_FREE(*v);
}

static char *path_join(const char *a, const char *b)
{
	bt_buf p = BT_BUF_INIT;
	bt_buf_printf(&p, "%s/%s", a, b);
	if (p.oom) {
		bt_buf_release(&p);
		return NULL;
	}
	return bt_buf_detach(&p, NULL);
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n > m && !strcmp(s + n - m, suf);
}

/* Add the *.json regular files of DIR/rel to v. Hidden names (an
 * editor's swap file, the write path's temporary files) and anything
 * else are not the history's. -1 with errno when DIR/rel cannot be read
 * (ENOENT for the top directory is an empty history); -2 out of memory. */
static int list_dir(const char *dir, const char *rel, int depth, hfile_vec *v)
{
	char *full = rel ? path_join(dir, rel) : NULL;
	if (rel && !full)
		return -2;
	DIR *d = opendir(full ? full : dir);
	bt_free(full);
	if (!d)
		return -1;
	int rc = 0;
	struct dirent *e;
	while (!rc && (errno = 0, e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *r = rel ? path_join(rel, e->d_name) : bt_strdup(e->d_name);
		char *f = r ? path_join(dir, r) : NULL;
		struct stat st;
		if (!f) {
			bt_free(r);
			rc = -2;
			break;
		}
		if (stat(f, &st)) {
			bt_free(f);
			bt_free(r);
			continue; /* gone since readdir, or a dangling link */
		}
		bt_free(f);
		/* Depth 0: program directories; 1: a program's records and its
		 * replaced/; 2: the replaced records. */
		if (S_ISDIR(st.st_mode) && (depth == 0 || (depth == 1 && !strcmp(e->d_name, "replaced")))) {
			rc = list_dir(dir, r, depth + 1, v);
			bt_free(r);
			continue;
		}
		if (depth == 0 || !S_ISREG(st.st_mode) || !has_suffix(e->d_name, ".json")) {
			bt_free(r);
			continue;
		}
		hfile *h = BT_VEC_PUSH(*v);
		if (!h) {
			bt_free(r);
			rc = -2;
			break;
		}
		h->rel = r;
		h->mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
		h->size = (long long)st.st_size;
	}
	if (!rc && errno)
		rc = -1;
	closedir(d);
	return rc;
}

static int cmp_rel(const void *a, const void *b)
{
	return strcmp(((const hfile *)a)->rel, ((const hfile *)b)->rel);
}

/* The history's files, sorted by name. 0; -1 with *err when the
 * directory cannot be read, -2 out of memory. */
static int list_files(const char *dir, hfile_vec *v, char **err)
{
	v->v = NULL;
	v->n = v->cap = 0;
	int rc = list_dir(dir, NULL, 0, v);
	if (rc == -1 && errno == ENOENT && !v->n)
		return 0;
	if (rc) {
		*err = bt_history_err("cannot read the history '%s': %s", dir,
				      rc == -2 ? "out of memory" : strerror(errno));
		files_free(v);
		return rc;
	}
	if (v->n)
		qsort(v->v, v->n, sizeof *v->v, cmp_rel);
	return 0;
}

/* 1 when the manifest lists exactly these files, sizes and times. */
static int manifest_matches(sqlite3 *db, const hfile_vec *v, int *failed)
{
	sqlite3_stmt *st;
	*failed = 0;
	if (sqlite3_prepare_v2(db, "SELECT path, mtime, size FROM manifest ORDER BY path", -1, &st, NULL) != SQLITE_OK) {
		*failed = 1;
		return 0;
	}
	uint32_t i = 0;
	int same = 1, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		if (i >= v->n || !p || strcmp(p, v->v[i].rel) || sqlite3_column_int64(st, 1) != v->v[i].mtime ||
		    sqlite3_column_int64(st, 2) != v->v[i].size) {
			same = 0;
			break;
		}
		i++;
	}
	if (same && rc != SQLITE_DONE)
		*failed = 1;
	sqlite3_finalize(st);
	return same && !*failed && i == v->n;
}

/*========================== Reading a file ==========================*/

/* Read a whole file. NULL with errno set (ENOMEM when memory runs out). */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	bt_buf b = BT_BUF_INIT;
	char tmp[8192];
	for (;;) {
		ssize_t n = read(fd, tmp, sizeof tmp);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			bt_buf_release(&b);
			errno = e;
			return NULL;
		}
		if (!n)
			break;
		bt_buf_add(&b, tmp, (size_t)n);
	}
	close(fd);
	if (b.oom) {
		bt_buf_release(&b);
		errno = ENOMEM;
		return NULL;
	}
	char *s = bt_buf_detach(&b, len);
	if (!s)
		errno = ENOMEM;
	return s;
}

#define HINT_GIT "restore it from git (git checkout -- %s), or fix it by hand"

/* "PATH:LINE:COL: error: MSG", the line with its number, a caret under
 * COL, and what to do about it. */
static char *located(const char *path, const char *buf, size_t len, int line, int col, const char *msg,
		     const char *hint)
{
	const char *s = buf, *end = buf + len;
	for (int l = 1; l < line && s < end; l++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		s = nl ? nl + 1 : end;
	}
	const char *e = memchr(s, '\n', (size_t)(end - s));
	size_t n = e ? (size_t)(e - s) : (size_t)(end - s);
	if (col < 1)
		col = 1;
	/* A long line (the update's text is one) is cut around the column. */
	size_t from = (size_t)col > 60 ? (size_t)col - 60 : 0;
	if (from > n)
		from = n;
	size_t show = n - from > 120 ? 120 : n - from;
	bt_buf b = BT_BUF_INIT;
	bt_buf_printf(&b, "%s:%d:%d: error: %s\n", path, line, col, msg);
	bt_buf_printf(&b, " %4d | %s%.*s%s\n", line, from ? "..." : "", (int)show, s + from,
		      from + show < n ? "..." : "");
	bt_buf_printf(&b, "      | %*s^\n", (int)((size_t)col - 1 - from + (from ? 3 : 0)), "");
	bt_buf_puts(&b, "  hint: ");
	if (!strcmp(hint, HINT_GIT))
		bt_buf_printf(&b, HINT_GIT, path);
	else
		bt_buf_puts(&b, hint);
	if (b.oom) {
		bt_buf_release(&b);
		return bt_history_err("%s: out of memory", path);
	}
	return bt_buf_detach(&b, NULL);
}

/* Where `"key"` first appears (1-based line and column); 1:1 when not. */
static void find_key(const char *buf, size_t len, const char *key, int *line, int *col)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\"", key);
	size_t m = strlen(pat);
	*line = *col = 1;
	for (size_t i = 0; i + m <= len; i++) {
		if (!memcmp(buf + i, pat, m)) {
			for (size_t j = 0; j < i; j++)
				if (buf[j] == '\n') {
					(*line)++;
					*col = 1;
				} else
					(*col)++;
			return;
		}
	}
}


typedef struct hrec {
	json_t *root;           /* the file */
	json_t *status;         /* its status object (borrowed from root) */
	const char *program, *as_of, *recorded_at, *replaced_by;
	baton_record r;
} hrec;

static int one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(s, *set))
			return 1;
	return 0;
}

/* 1 when name is PROGRAM/AS_OF.json (replaced: PROGRAM/replaced/AS_OF.*.json). */
static int name_fits(const char *rel, const char *program, const char *as_of, int replaced)
{
	size_t pl = strlen(program), al = strlen(as_of);
	if (strncmp(rel, program, pl) || rel[pl] != '/')
		return 0;
	rel += pl + 1;
	if (replaced) {
		if (strncmp(rel, "replaced/", 9))
			return 0;
		rel += 9;
		return !strncmp(rel, as_of, al) && rel[al] == '.' && has_suffix(rel + al, ".json") &&
		       strlen(rel + al) > 6;
	}
	return !strncmp(rel, as_of, al) && !strcmp(rel + al, ".json");
}

/* How deeply `v` nests (a scalar: 0, an empty object: 1); past `cap`
 * it stops looking and says cap + 1 or more. */
static int depth_of(json_t *v, int cap)
{
	if (!json_is_object(v) && !json_is_array(v))
		return 0;
	if (cap <= 0)
		return 1;
	int d = 0;
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) {
			int e = depth_of(x, cap - 1);
			d = e > d ? e : d;
			if (d >= cap)
				break;
		}
	} else {
		for (size_t j = 0; j < json_array_size(v) && d < cap; j++) {
			int e = depth_of(json_array_get(v, j), cap - 1);
			d = e > d ? e : d;
		}
	}
	return d + 1;
}

/* Read and check one file of the history. 0 with *out filled (free
 * out->root); -1 with *err: *bad set when the file itself is wrong (a
 * located error), clear when it could not be read or memory ran out. */
static int load_file(const char *dir, const char *rel, hrec *out, char **err, int *bad)
{
	static const char *const keys[] = {"audience", "format", "plan", "recorded_at", "replaced_by", "status", "text",
					   NULL};
	static const char *const audiences[] = {"all", "exec", "eng", "pm", NULL};
	static const char *const formats[] = {"text", "markdown", "json", NULL};
	unsigned long mark = bt_alloc_failures();
	memset(out, 0, sizeof *out);
	*bad = 0;
	char *path = path_join(dir, rel);
	if (!path) {
		*err = bt_history_err("cannot read the history: out of memory");
		return -1;
	}
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf) {
		*err = bt_history_err("cannot read '%s': %s", path, errno == ENOMEM ? "out of memory" : strerror(errno));
		bt_free(path);
		return -1;
	}
	int replaced = strstr(rel, "/replaced/") != NULL;
	json_error_t je;
	json_t *root = bt_json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	const char *msg = NULL, *key = NULL, *hint = HINT_GIT;
	char tmp[300];
	int line = 1, col = 1;
	if (!root) {
		if (bt_alloc_failures() != mark) {
			*err = bt_history_err("cannot read '%s': out of memory", path);
			goto fail;
		}
		snprintf(tmp, sizeof tmp, "not JSON: %s", je.text);
		msg = tmp;
		line = je.line > 0 ? je.line : 1;
		col = je.column > 0 ? je.column : 1;
		/* jansson's column is the token's last character: the caret goes
		 * under its first, as for a plan. */
		const char *near = strstr(je.text, "near '");
		if (near) {
			size_t tl = strlen(near + 6);
			if (tl && near[6 + tl - 1] == '\'' && (int)tl - 1 < col)
				col -= (int)tl - 2;
		}
		goto located;
	}
	if (!json_is_object(root)) {
		msg = "a recorded update is a JSON object ({ ... })";
		goto located;
	}
	const char *k;
	json_t *v;
	json_object_foreach(root, k, v) {
		if (!one_of(k, keys)) {
			snprintf(tmp, sizeof tmp, "unknown key \"%.100s\" (a typo, or written by a newer baton)", k);
			msg = tmp;
			key = k;
			hint = "the keys are audience, format, plan, recorded_at, replaced_by (in replaced/ only), status and text";
			goto located;
		}
	}
	static const char *const need[] = {"recorded_at", "audience", "format", "text", NULL};
	for (const char *const *n = need; *n; n++) {
		if (!json_is_string(json_object_get(root, *n))) {
			snprintf(tmp, sizeof tmp, "\"%s\" is %s: it must be a string", *n,
				 json_object_get(root, *n) ? "not a string" : "missing");
			msg = tmp;
			key = json_object_get(root, *n) ? *n : NULL;
			goto located;
		}
	}
	v = json_object_get(root, "plan");
	if (v && !json_is_string(v)) {
		msg = "\"plan\" must be a string (the plan's file name)";
		key = "plan";
		goto located;
	}
	out->r.audience = json_string_value(json_object_get(root, "audience"));
	if (!one_of(out->r.audience, audiences)) {
		msg = "\"audience\" is all, exec, eng or pm";
		key = "audience";
		goto located;
	}
	out->r.format = json_string_value(json_object_get(root, "format"));
	if (!one_of(out->r.format, formats)) {
		msg = "\"format\" is text, markdown or json";
		key = "format";
		goto located;
	}
	v = json_object_get(root, "replaced_by");
	if (replaced != (v != NULL) || (v && !json_is_string(v))) {
		msg = replaced ? "a replaced record names the record that replaced it: \"replaced_by\": \"RECORDED_AT\""
			       : "\"replaced_by\" belongs to replaced records, in replaced/";
		key = v ? "replaced_by" : NULL;
		goto located;
	}
	out->status = json_object_get(root, "status");
	if (!json_is_object(out->status)) {
		msg = "\"status\" must be the status as JSON (an object)";
		key = "status";
		goto located;
	}
	if (depth_of(out->status, STATUS_MAX_DEPTH) > STATUS_MAX_DEPTH) {
		snprintf(tmp, sizeof tmp, "the status nests more than %d arrays and objects deep", STATUS_MAX_DEPTH);
		msg = tmp;
		key = "status";
		goto located;
	}
	out->program = json_string_value(json_object_get(out->status, "program"));
	out->as_of = json_string_value(json_object_get(out->status, "as_of"));
	if (!out->program || !out->as_of || !json_is_string(json_object_get(out->status, "rag"))) {
		msg = "the status lacks its \"program\", \"as_of\" or \"rag\" (strings)";
		key = "status";
		goto located;
	}
	if (!baton_date_valid(out->as_of)) {
		msg = "the status date (\"as_of\") is not a date as YYYY-MM-DD";
		key = "as_of";
		goto located;
	}
	if (!name_fits(rel, out->program, out->as_of, replaced)) {
		snprintf(tmp, sizeof tmp, "this update of %.64s as of %.10s belongs in %.64s/%s%.10s%s", out->program,
			 out->as_of, out->program, replaced ? "replaced/" : "", out->as_of,
			 replaced ? ".RECORDED_AT.json" : ".json");
		msg = tmp;
		key = "as_of";
		hint = "a file's name is its program and status date: rename the file, or restore it from git";
		goto located;
	}
	out->root = root;
	out->recorded_at = json_string_value(json_object_get(root, "recorded_at"));
	out->replaced_by = json_string_value(json_object_get(root, "replaced_by"));
	out->r.plan = json_string_value(json_object_get(root, "plan"));
	if (!out->r.plan)
		out->r.plan = "";
	out->r.recorded_at = out->recorded_at;
	out->r.text = json_string_value(json_object_get(root, "text"));
	bt_free(buf);
	bt_free(path);
	return 0;
located:
	if (key)
		find_key(buf, len, key, &line, &col);
	*err = located(path, buf, len, line, col, msg, hint);
	*bad = 1;
fail:
	json_decref(root);
	bt_free(buf);
	bt_free(path);
	return -1;
}

/*====================== Writing the files ==========================*/

/* The status as the index keeps it: compact, keys sorted. NULL when
 * memory runs out. */
static char *index_json(json_t *status)
{
	bt_buf b = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &b, 0);
	bt_jw_precision(&w, REAL_DIGITS);
	bt_jw_json(&w, status, 1);
	if (bt_jw_finish(&w)) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, NULL);
}

/* A record as its file: sorted keys, two spaces of indent, a newline at
 * the end. NULL when memory runs out. */
static char *file_text(const baton_record *r, json_t *status, const char *replaced_by, size_t *len)
{
	if (!r->recorded_at)
		return NULL;
	const char *slash = r->plan ? strrchr(r->plan, '/') : NULL;
	bt_buf b = BT_BUF_INIT;
	bt_jsonw w;
	bt_jw_init(&w, &b, FILE_INDENT);
	bt_jw_precision(&w, REAL_DIGITS);
	/* The keys in sorted order, as the file has always had them. */
	bt_jw_obj(&w);
	bt_jw_kstr(&w, "audience", r->audience ? r->audience : "all");
	bt_jw_kstr(&w, "format", r->format ? r->format : "text");
	/* The plan's file name, not its path: a path is one checkout's. */
	bt_jw_kstr(&w, "plan", slash ? slash + 1 : r->plan ? r->plan : "");
	bt_jw_kstr(&w, "recorded_at", r->recorded_at);
	if (replaced_by)
		bt_jw_kstr(&w, "replaced_by", replaced_by);
	bt_jw_key(&w, "status");
	bt_jw_json(&w, status, 1);
	bt_jw_kstr(&w, "text", r->text ? r->text : "");
	bt_jw_obj_end(&w);
	bt_buf_putc(&b, '\n');
	if (bt_jw_finish(&w)) {
		bt_buf_release(&b);
		return NULL;
	}
	return bt_buf_detach(&b, len);
}

/* replaced/AS_OF.WHEN.json for a record made at recorded_at: WHEN is
 * recorded_at without its colons (not in Windows names) and anything but
 * letters, digits, '-', '.' and '_' as '-'; "-2", "-3"... when taken. */
static char *replaced_path(const char *dir, const char *program, const char *as_of, const char *recorded_at)
{
	char when[80];
	size_t n = 0;
	for (const char *s = recorded_at; *s && n < 64; s++) {
		char c = *s;
		if (c == ':')
			continue;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
			 c == '_' || (c == '.' && n);
		when[n++] = ok ? c : '-';
	}
	if (!n)
		when[n++] = '-';
	when[n] = 0;
	for (int i = 1; i < 1000; i++) {
		bt_buf p = BT_BUF_INIT;
		bt_buf_printf(&p, "%s/%s/replaced/%s.%s", dir, program, as_of, when);
		if (i > 1)
			bt_buf_printf(&p, "-%d", i);
		bt_buf_puts(&p, ".json");
		if (p.oom) {
			bt_buf_release(&p);
			return NULL;
		}
		struct stat st;
		if (stat(p.s, &st))
			return bt_buf_detach(&p, NULL);
		bt_buf_release(&p);
	}
	return NULL;
}

/* A program id as a directory name: what the plan language allows, but
 * never a path ('/', "..", a hidden name). */
static int safe_name(const char *s)
{
	return s && *s && *s != '.' && !strchr(s, '/') && !strchr(s, '\\') && strlen(s) < 200;
}

static int write_one(baton_history *h, const char *path, const char *text, size_t len, int *write_failed)
{
	if (!h->write || h->write(h->ctx, path, text, len)) {
		*write_failed = 1;
		return -1;
	}
	return 0;
}

/* Write out an index that has records and no files (an older baton's):
 * each status date's latest record as its file, the earlier ones of the
 * same date and the audit trail in replaced/. Returns how many records,
 * or -1 with *err. */
/* One migrated record written out as `path` (taken: freed here). Returns
 * 0 written, 1 the write failed (write said why), 2 out of memory (no
 * path, no replaced_by where one is needed, or no text). */
static int migrate_one(baton_history *h, char *path, const baton_record *r, json_t *status,
		       const char *replaced_by, int *write_failed)
{
	size_t len = 0;
	char *text = path ? file_text(r, status, replaced_by, &len) : NULL;
	int rc = !text ? 2 : write_one(h, path, text, len, write_failed) ? 1 : 0;
	bt_free(text);
	bt_free(path);
	return rc;
}

static long migrate(baton_history *h, char **err, int *write_failed)
{
	unsigned long mark = bt_alloc_failures();
	sqlite3_stmt *st;
	if (!h->write) {
		*err = bt_history_err("the index holds records that have no files in '%s': run 'baton history' or "
				      "'baton status --record' to write them out",
				      h->dir);
		return -1;
	}
	/* Records of one date in the order made; the next one replaced each
	 * but the last. The audit trail's rows come after, as they are. */
	if (sqlite3_prepare_v2(h->db,
			       "SELECT program, as_of, recorded_at, plan, audience, format, text, json, NULL, 0, id"
			       " FROM records UNION ALL"
			       " SELECT program, as_of, recorded_at, plan, audience, format, text, json, replaced_by, 1, id"
			       " FROM replaced ORDER BY 10, 1, 2, 11",
			       -1, &st, NULL) != SQLITE_OK) {
		*err = bt_history_err("cannot read the index: %s", bt_history_why(h->db, mark));
		return -1;
	}
	long n = 0;
	int rc;
	char *prev_prog = NULL, *prev_asof = NULL;
	json_t *prev_status = NULL;
	baton_record pr = {0};
	char *pr_buf[5] = {0};
	int failed = 0;
	for (;;) {
		rc = sqlite3_step(st);
		int row = rc == SQLITE_ROW;
		const char *prog = row ? (const char *)sqlite3_column_text(st, 0) : NULL;
		const char *asof = row ? (const char *)sqlite3_column_text(st, 1) : NULL;
		int kind = row ? sqlite3_column_int(st, 9) : 1;
		/* Flush the held record: replaced when the next is its date's. */
		if (prev_status) {
			int same = row && kind == 0 && prog && asof && !strcmp(prog, prev_prog) && !strcmp(asof, prev_asof);
			const char *by = same ? (const char *)sqlite3_column_text(st, 2) : NULL;
			char *path = same ? replaced_path(h->dir, prev_prog, prev_asof, pr.recorded_at)
					  : bt_history_err("%s/%s/%s.json", h->dir, prev_prog, prev_asof);
			int w = migrate_one(h, path, &pr, prev_status, by, write_failed);
			if (w)
				failed = w;
			else
				n++;
			json_decref(prev_status);
			prev_status = NULL;
			for (int i = 0; i < 5; i++) {
				bt_free(pr_buf[i]);
				pr_buf[i] = NULL;
			}
			bt_free(prev_prog);
			bt_free(prev_asof);
			prev_prog = prev_asof = NULL;
		}
		if (!row || failed)
			break;
		json_error_t je;
		const char *js = (const char *)sqlite3_column_text(st, 7);
		json_t *status = js ? bt_json_loadb(js, strlen(js), 0, &je) : NULL;
		if (!prog || !safe_name(prog) || !asof || !baton_date_valid(asof) || !json_is_object(status)) {
			json_decref(status);
			*err = bt_history_err("cannot write out the index's record of '%s' as of '%s': %s",
					      prog ? prog : "?", asof ? asof : "no date",
					      bt_alloc_failures() != mark ? "out of memory"
					      : !status ? "its JSON does not read" : "not a program id and a date a file can be named by");
			sqlite3_finalize(st);
			return -1;
		}
		for (int i = 0; i < 4; i++)
			pr_buf[i] = col_text_dup(st, i + 3);
		pr_buf[4] = col_text_dup(st, 2);
		prev_prog = bt_strdup(prog);
		prev_asof = bt_strdup(asof);
		pr.plan = pr_buf[0];
		pr.audience = pr_buf[1];
		pr.format = pr_buf[2];
		pr.text = pr_buf[3];
		pr.recorded_at = pr_buf[4];
		if (!pr.plan || !pr.audience || !pr.format || !pr.text || !pr.recorded_at || !prev_prog || !prev_asof) {
			json_decref(status);
			failed = 2;
			for (int i = 0; i < 5; i++)
				bt_free(pr_buf[i]);
			bt_free(prev_prog);
			bt_free(prev_asof);
			break;
		}
		if (kind == 1) {
			/* An audit row: written at once, as replaced. */
			const char *by = (const char *)sqlite3_column_text(st, 8);
			char *path = replaced_path(h->dir, prog, asof, pr.recorded_at);
			int w = by ? migrate_one(h, path, &pr, status, by, write_failed) : (bt_free(path), 2);
			if (w)
				failed = w;
			else
				n++;
			json_decref(status);
			for (int i = 0; i < 5; i++) {
				bt_free(pr_buf[i]);
				pr_buf[i] = NULL;
			}
			bt_free(prev_prog);
			bt_free(prev_asof);
			prev_prog = prev_asof = NULL;
			if (failed)
				break;
			continue;
		}
		prev_status = status;
	}
	sqlite3_finalize(st);
	if (failed || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		*err = bt_history_err("cannot write out the index's records into '%s': %s", h->dir,
				      failed == 1 ? "a file could not be written"
				      : failed == 2 || bt_alloc_failures() != mark ? "out of memory"
				      : sqlite3_errmsg(h->db));
		return -1;
	}
	return n;
}

/*======================= Building the index ========================*/

static int insert_replaced(sqlite3 *db, const hrec *x, const char *json)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO replaced(program,plan,as_of,recorded_at,replaced_by,rag,audience,format,text,json)"
			       " VALUES(?,?,?,?,?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = bt_history_bind_text(st, 1, x->program);
	rc = rc ? rc : bt_history_bind_text(st, 2, x->r.plan);
	rc = rc ? rc : bt_history_bind_text(st, 3, x->as_of);
	rc = rc ? rc : bt_history_bind_text(st, 4, x->recorded_at);
	rc = rc ? rc : bt_history_bind_text(st, 5, x->replaced_by);
	rc = rc ? rc : bt_history_bind_text(st, 6, json_string_value(json_object_get(x->status, "rag")));
	rc = rc ? rc : bt_history_bind_text(st, 7, x->r.audience);
	rc = rc ? rc : bt_history_bind_text(st, 8, x->r.format);
	rc = rc ? rc : bt_history_bind_text(st, 9, x->r.text);
	rc = rc ? rc : bt_history_bind_text(st, 10, json);
	rc = rc ? rc : sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int insert_manifest(sqlite3 *db, const hfile *f)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO manifest(path, mtime, size) VALUES(?,?,?)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = bt_history_bind_text(st, 1, f->rel);
	rc = rc ? rc : sqlite3_bind_int64(st, 2, f->mtime);
	rc = rc ? rc : sqlite3_bind_int64(st, 3, f->size);
	rc = rc ? rc : sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Empty the index and fill it from the files, inside the caller's
 * transaction. 0, or -1 with *err (*bad: a file is wrong). */
static int rebuild(baton_history *h, const hfile_vec *v, char **err, int *bad)
{
	unsigned long mark = bt_alloc_failures();
	*bad = 0;
	if (sqlite3_exec(h->db, "DELETE FROM milestones; DELETE FROM records; DELETE FROM replaced; DELETE FROM manifest;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		*err = bt_history_err("cannot rebuild the index: %s", bt_history_why(h->db, mark));
		return -1;
	}
	for (uint32_t i = 0; i < v->n; i++) {
		hrec x;
		if (load_file(h->dir, v->v[i].rel, &x, err, bad))
			return -1;
		char *js = index_json(x.status);
		int rc = !js ? -1
			 : x.replaced_by ? insert_replaced(h->db, &x, js)
			 : bt_history_insert(h->db, x.status, &x.r, js, 0, 0) < 0 ? -1 : 0;
		bt_free(js);
		json_decref(x.root);
		if (rc || insert_manifest(h->db, &v->v[i])) {
			*err = bt_history_err("cannot rebuild the index from '%s/%s': %s", h->dir, v->v[i].rel,
					      bt_history_why(h->db, mark));
			return -1;
		}
	}
	return 0;
}

static long count_rows(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Bring the index up to date with the files: 0 when it was, 1 when it was
 * rebuilt (after writing out an older index's records, counted in
 * o->migrated), -1 with *err. in_tx: the caller holds the write lock. */
static int sync_files(baton_history *h, baton_history_opts *o, int in_tx, char **err)
{
	unsigned long mark = bt_alloc_failures();
	hfile_vec v;
	int failed, bad = 0, wf = 0;
	if (list_files(h->dir, &v, err))
		return -1;
	/* No files and no manifest, but records: an index without files (an
	 * older baton's, or one kept with --history alone), written out. */
	static const char any_records[] = "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM replaced)";
	if (!in_tx) {
		int same = manifest_matches(h->db, &v, &failed);
		if (same && !failed && !v.n && count_rows(h->db, any_records) != 0)
			same = 0;
		if (same || failed) {
			files_free(&v);
			if (failed)
				*err = bt_history_err("cannot read the index: %s", bt_history_why(h->db, mark));
			return failed ? -1 : 0;
		}
		/* Someone else may be rebuilding or recording: take the lock and
		 * look again. */
		files_free(&v);
		if (sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
			*err = bt_history_err("cannot update the index: %s", bt_history_why(h->db, mark));
			return -1;
		}
		if (list_files(h->dir, &v, err))
			goto rollback;
		if (manifest_matches(h->db, &v, &failed) && !failed && (v.n || count_rows(h->db, any_records) == 0)) {
			files_free(&v);
			return sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
		}
	}
	if (!v.n && count_rows(h->db, "SELECT count(*) FROM manifest") == 0 &&
	    count_rows(h->db, any_records) > 0) {
		long n = migrate(h, err, &wf);
		if (n < 0)
			goto rollback_v;
		if (o)
			o->migrated = n;
		files_free(&v);
		if (list_files(h->dir, &v, err))
			goto rollback;
	}
	if (rebuild(h, &v, err, &bad))
		goto rollback_v;
	files_free(&v);
	if (!in_tx && sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		*err = bt_history_err("cannot update the index: %s", bt_history_why(h->db, mark));
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (o)
		o->rebuilt = 1;
	return 1;
rollback_v:
	files_free(&v);
rollback:
	if (!in_tx)
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	if (o) {
		o->bad_file = bad;
		o->write_failed = wf;
	}
	return -1;
}

baton_history *bt_history_open_dir(const char *index, baton_history_opts *o, char **err)
{
	o->bad_file = o->write_failed = o->rebuilt = 0;
	o->migrated = 0;
	baton_history *h = bt_history_open(index, err);
	if (!h)
		return NULL;
	if (!(h->dir = bt_strdup(o->dir))) {
		*err = bt_history_err("cannot open history '%s': out of memory", index);
		baton_history_close(h);
		return NULL;
	}
	h->write = o->write;
	h->ctx = o->ctx;
	if (sync_files(h, o, 0, err) < 0) {
		baton_history_close(h);
		return NULL;
	}
	return h;
}

/*========================== Recording ==============================*/

static long record_id(sqlite3 *db, const char *program, const char *as_of)
{
	sqlite3_stmt *st;
	long id = -1;
	if (sqlite3_prepare_v2(db, "SELECT id FROM records WHERE program = ? AND as_of = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (bt_history_bind_text(st, 1, program) == SQLITE_OK && bt_history_bind_text(st, 2, as_of) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static void pause_for(unsigned ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
	while (ms && nanosleep(&ts, &ts))
		;
}

/* Under the index's write lock, so two recorders of one date never both
 * take the same file for the one they replace: the record before of this
 * date (if any) is copied to replaced/, the new one written over it, and
 * the index rebuilt from the files. A failure after a file was written
 * leaves that file (the truth) for the next open to index. */
long bt_history_record_file(baton_history *h, const baton_record *r, char **err)
{
	unsigned long mark = bt_alloc_failures();
	json_error_t je;
	json_t *status = bt_json_loadb(r->json, strlen(r->json), 0, &je);
	const char *program = json_string_value(json_object_get(status, "program"));
	const char *as_of = json_string_value(json_object_get(status, "as_of"));
	long id = -1;
	int bad = 0, wf = 0;
	char *path = NULL, *rpath = NULL, *text = NULL, *rtext = NULL;
	hrec old = {0};
	if (!status || !program || !as_of || !json_is_string(json_object_get(status, "rag"))) {
		*err = bt_history_err("cannot record: %s", bt_alloc_failures() != mark ? "out of memory"
							: "the status JSON lacks program, as_of or rag");
		json_decref(status);
		return -1;
	}
	if (!safe_name(program) || !baton_date_valid(as_of)) {
		*err = bt_history_err("cannot record: '%s' as of '%s' cannot name a file", program, as_of);
		json_decref(status);
		return -1;
	}
	if (sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		*err = bt_history_err("cannot record: %s", bt_history_why(h->db, mark));
		json_decref(status);
		return -1;
	}
	if (!(path = bt_history_err("%s/%s/%s.json", h->dir, program, as_of)))
		goto oom;
	struct stat st;
	if (!stat(path, &st)) {
		char *rel = bt_history_err("%s/%s.json", program, as_of);
		int rc = rel ? load_file(h->dir, rel, &old, err, &bad) : -1;
		bt_free(rel);
		if (!rel)
			goto oom;
		if (rc)
			goto fail;
		size_t rlen = 0;
		if (!(rpath = replaced_path(h->dir, program, as_of, old.recorded_at)) ||
		    !(rtext = file_text(&old.r, old.status, r->recorded_at, &rlen)))
			goto oom;
		if (write_one(h, rpath, rtext, rlen, &wf))
			goto written;
	}
	size_t len = 0;
	if (!(text = file_text(r, status, NULL, &len)))
		goto oom;
	if (write_one(h, path, text, len, &wf))
		goto written;
	pause_for(h->test_delay_ms);
	if (sync_files(h, NULL, 1, err) < 0)
		goto fail;
	if ((id = record_id(h->db, program, as_of)) < 0 || sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		*err = bt_history_err("cannot record: %s", bt_history_why(h->db, mark));
		id = -1;
		goto fail;
	}
	goto out;
written:
	*err = bt_history_err("cannot record: %s could not be written", rtext && !text ? "the replaced record's file"
										       : "the record's file");
	goto fail;
oom:
	*err = bt_history_err("cannot record: out of memory");
fail:
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
out:
	(void)bad;
	json_decref(old.root);
	json_decref(status);
	bt_free(path);
	bt_free(rpath);
	bt_free(text);
	bt_free(rtext);
	return id;
}

/*=========================== Checking ==============================*/

int bt_history_check_files(baton_history *h, char **err)
{
	unsigned long mark = bt_alloc_failures();
	hfile_vec v;
	if (list_files(h->dir, &v, err))
		return -1;
	long cur = 0, rep = 0;
	for (uint32_t i = 0; i < v.n; i++) {
		hrec x;
		int bad = 0;
		if (load_file(h->dir, v.v[i].rel, &x, err, &bad)) {
			files_free(&v);
			return bad ? -2 : -1;
		}
		if (x.replaced_by)
			rep++;
		else
			cur++;
		json_decref(x.root);
	}
	int failed = 0;
	int same = manifest_matches(h->db, &v, &failed);
	files_free(&v);
	long ncur = count_rows(h->db, "SELECT count(*) FROM records");
	long nrep = count_rows(h->db, "SELECT count(*) FROM replaced");
	if (failed || ncur < 0 || nrep < 0) {
		*err = bt_history_err("cannot read the index: %s", bt_history_why(h->db, mark));
		return -1;
	}
	if (!same || ncur != cur || nrep != rep) {
		*err = bt_history_err("the index does not match the files in '%s' (%ld records and %ld replaced in the "
				      "index, %ld and %ld in files): it is rebuilt by the next 'baton history'",
				      h->dir, ncur, nrep, cur, rep);
		return -1;
	}
	return 0;
}
