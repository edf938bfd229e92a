/*
 * import_jira.c: Jira's CSV export (Cloud and Server/Data Center, all or
 * current fields) and the JSON of its REST search API as issues for the
 * plan writer (import.c). Columns are found by name once, from the header,
 * and read by position: Jira repeats a header once per value (`Sprint` six
 * times, `Comment` four), and writes one `Outward issue link (Blocks)`
 * column per linked key.
 */
#include "import_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	C_KEY, C_NUM, C_SUMMARY, C_TYPE, C_STATUS, C_CATEGORY, C_RESOLUTION, C_ASSIGNEE, C_CREATED, C_UPDATED,
	C_RESOLVED, C_CHANGED, C_DUE, C_ORIG, C_REM, C_SP, C_SPE, C_PARENT, C_PARENT_KEY, C_PARENT_ID,
	C_PARENT_SUMMARY, C_EPIC_LINK, C_TEAM, C_COMPONENT, C_N
};

/* Both spellings match: the names are compared without case. */
static const char *const names[C_N] = {
	"Issue key", "Issue id", "Summary", "Issue Type", "Status", "Status Category", "Resolution", "Assignee",
	"Created", "Updated", "Resolved", "Status Category Changed", "Due date", "Original estimate",
	"Remaining Estimate", "Custom field (Story Points)", "Custom field (Story point estimate)", "Parent",
	"Parent key", "Parent id", "Parent summary", "Custom field (Epic Link)", "Custom field (Team)",
	"Component/s",
};

typedef struct jcsv {
	int col[C_N];             /* first position of each, -1 absent */
	int team_col;             /* --team-from, or C_TEAM/C_COMPONENT */
	BT_VEC(int) links;        /* positions of the link columns */
	BT_VEC(const char *) link_type;
	BT_VEC(uint8_t) link_out;
	char **hdr;               /* header names, for messages */
	size_t nhdr;
} jcsv;

static const char *cell(char **f, size_t n, int c)
{
	return c >= 0 && (size_t)c < n ? f[c] : "";
}

/* The state from the status category when the export has it, else from
 * the resolution and the usual status names. */
static int state_of(const char *cat, const char *status, const char *resolution, int resolved)
{
	if (*cat) {
		if (!strcasecmp(cat, "done"))
			return IMP_DONE;
		if (!strcasecmp(cat, "in progress") || !strcasecmp(cat, "indeterminate"))
			return IMP_STARTED;
		return IMP_TODO;
	}
	if ((*resolution && strcasecmp(resolution, "Unresolved")) || resolved)
		return IMP_DONE;
	static const char *const done[] = {"done", "closed", "resolved", "complete", "completed", "released"};
	static const char *const doing[] = {"in progress", "in review", "in development", "review", "in testing",
					    "testing", "in qa", "doing", "code review"};
	for (size_t i = 0; i < sizeof done / sizeof *done; i++)
		if (!strcasecmp(status, done[i]))
			return IMP_DONE;
	for (size_t i = 0; i < sizeof doing / sizeof *doing; i++)
		if (!strcasecmp(status, doing[i]))
			return IMP_STARTED;
	return IMP_TODO;
}

/* The team value from a mapping file's "VALUE = team" lines, else the
 * value itself. */
static const char *map_team(imp *m, const char *v)
{
	const char *t = m->o->team_map;
	if (!t || !*v)
		return v;
	size_t vl = strlen(v);
	while (*t) {
		const char *e = strchr(t, '\n');
		size_t len = e ? (size_t)(e - t) : strlen(t);
		const char *eq = memchr(t, '=', len);
		if (eq && *t != '#') {
			const char *a = t, *ae = eq;
			while (a < ae && (*a == ' ' || *a == '\t'))
				a++;
			while (ae > a && (ae[-1] == ' ' || ae[-1] == '\t'))
				ae--;
			if ((size_t)(ae - a) == vl && !strncasecmp(a, v, vl)) {
				const char *b = eq + 1, *be = t + len;
				while (b < be && (*b == ' ' || *b == '\t'))
					b++;
				while (be > b && (be[-1] == ' ' || be[-1] == '\t' || be[-1] == '\r'))
					be--;
				char *r = bt_arena_strndup(&m->a, b, (size_t)(be - b));
				if (!r)
					m->oom = 1;
				return r ? r : v;
			}
		}
		t += len + (e != NULL);
	}
	return v;
}

static int date_cell(imp *m, int rec, jcsv *j, char **f, size_t n, int c, bt_date *out)
{
	*out = 0;
	int r = imp_date(cell(f, n, j->col[c]), out);
	if (r < 0)
		return imp_fail(m, rec, j->col[c] + 1,
				"'%s' is '%s': expected a date as Jira writes them, e.g. 25/Feb/26 10:17 PM, "
				"25/Feb/2026 22:17 or 2026-02-25",
				names[c], cell(f, n, j->col[c]));
	if (r == 0 && c != C_DUE)
		imp_seen(m, *out);
	return 0;
}

static int time_cell(imp *m, int rec, jcsv *j, char **f, size_t n, int c, double *out)
{
	int hpd = m->o->hours_per_day > 0 ? m->o->hours_per_day : 8;
	*out = imp_seconds(cell(f, n, j->col[c]), hpd);
	if (*out == -2)
		return imp_fail(m, rec, j->col[c] + 1,
				"'%s' is '%s': expected seconds (28800 is a day of 8 hours) or a duration like 1w 2d 4h",
				names[c], cell(f, n, j->col[c]));
	return 0;
}

static int header(imp *m, jcsv *j, char **f, size_t n)
{
	for (int c = 0; c < C_N; c++)
		j->col[c] = -1;
	j->team_col = -1;
	j->hdr = bt_arena_alloc(&m->a, (n ? n : 1) * sizeof *j->hdr);
	if (!j->hdr)
		return imp_fail(m, 0, 0, "out of memory");
	j->nhdr = n;
	for (size_t i = 0; i < n; i++) {
		char *h = f[i];
		while (*h == ' ')
			h++;
		size_t hl = strlen(h);
		while (hl && h[hl - 1] == ' ')
			h[--hl] = 0;
		j->hdr[i] = imp_dup(m, h);
		for (int c = 0; c < C_N; c++)
			if (j->col[c] < 0 && !strcasecmp(h, names[c]))
				j->col[c] = (int)i;
		if (m->o->team_from && j->team_col < 0 && !strcasecmp(h, m->o->team_from))
			j->team_col = (int)i;
		int out = !strncasecmp(h, "Outward issue link (", 20);
		if (out || !strncasecmp(h, "Inward issue link (", 19)) {
			const char *t = h + (out ? 20 : 19);
			size_t tl = strlen(t);
			if (tl && t[tl - 1] == ')')
				tl--;
			char *ty = bt_arena_strndup(&m->a, t, tl);
			int *pos = BT_VEC_PUSH(j->links);
			const char **tp = BT_VEC_PUSH(j->link_type);
			uint8_t *op = BT_VEC_PUSH(j->link_out);
			if (!ty || !pos || !tp || !op)
				return imp_fail(m, 0, 0, "out of memory");
			*pos = (int)i;
			*tp = ty;
			*op = (uint8_t)out;
		}
	}
	if (j->col[C_KEY] < 0)
		return imp_fail(m, 1, 1, "no 'Issue key' column: expected a Jira CSV export (Filters > Export > CSV), "
			       "whose header names Summary, Issue key, Issue id, ...");
	if (m->o->team_from && j->team_col < 0)
		return imp_fail(m, 1, 1, "--team-from '%s': no column of that name in the header", m->o->team_from);
	if (!m->o->team_from)
		j->team_col = j->col[C_TEAM] >= 0 ? j->col[C_TEAM] : j->col[C_COMPONENT];
	m->est_from = j->col[C_ORIG] >= 0 ? j->hdr[j->col[C_ORIG]] : NULL;
	return m->oom ? imp_fail(m, 0, 0, "out of memory") : 0;
}

static int jira_row(imp *m, void *ctx, int rec, char **f, size_t n)
{
	jcsv *j = ctx;
	if (rec == 1)
		return header(m, j, f, n);
	const char *key = cell(f, n, j->col[C_KEY]);
	if (!*key) {
		int blank = 1;
		for (size_t i = 0; i < n && blank; i++)
			blank = !*f[i];
		if (blank)
			return 0; /* a trailing empty row */
		return imp_fail(m, rec, j->col[C_KEY] + 1,
				"the issue key is empty: expected a key like PAY-123 in column '%s'", names[C_KEY]);
	}
	imp_issue *is = BT_VEC_PUSH(m->is);
	if (!is)
		return imp_fail(m, 0, 0, "out of memory");
	uint32_t me = m->is.n - 1;
	is->row = rec;
	is->m = is->o = is->p = -1;
	is->key = imp_dup(m, key);
	is->num = imp_dup(m, cell(f, n, j->col[C_NUM]));
	is->title = imp_dup(m, cell(f, n, j->col[C_SUMMARY]));
	is->type = imp_dup(m, cell(f, n, j->col[C_TYPE]));
	is->owner = imp_dup(m, cell(f, n, j->col[C_ASSIGNEE]));
	is->epic = !strcasecmp(is->type, "Epic");
	/* Repeated team columns (Component/s): the first one with a value. */
	const char *team = "";
	if (j->team_col >= 0)
		for (size_t i = (size_t)j->team_col; i < n && i < j->nhdr && !*team; i++)
			if (!strcasecmp(j->hdr[i], j->hdr[j->team_col]))
				team = f[i];
	is->team = imp_dup(m, map_team(m, team));
	const char *parent = cell(f, n, j->col[C_PARENT_KEY]);
	if (!*parent)
		parent = cell(f, n, j->col[C_EPIC_LINK]);
	if (!*parent)
		parent = cell(f, n, j->col[C_PARENT]);
	if (!*parent)
		parent = cell(f, n, j->col[C_PARENT_ID]);
	is->parent = imp_dup(m, parent);
	is->parent_title = imp_dup(m, cell(f, n, j->col[C_PARENT_SUMMARY]));
	bt_date created, updated, resolved, changed;
	if (date_cell(m, rec, j, f, n, C_CREATED, &created) || date_cell(m, rec, j, f, n, C_UPDATED, &updated) ||
	    date_cell(m, rec, j, f, n, C_RESOLVED, &resolved) || date_cell(m, rec, j, f, n, C_CHANGED, &changed) ||
	    date_cell(m, rec, j, f, n, C_DUE, &is->due))
		return -1;
	if (time_cell(m, rec, j, f, n, C_ORIG, &is->orig) || time_cell(m, rec, j, f, n, C_REM, &is->rem))
		return -1;
	is->points = -1;
	for (int c = C_SP; c <= C_SPE; c++) {
		const char *v = cell(f, n, j->col[c]);
		if (!*v || is->points >= 0)
			continue;
		char *e;
		double p = strtod(v, &e);
		while (*e == ' ')
			e++;
		if (*e || !(p >= 0) || p > 1e6)
			return imp_fail(m, rec, j->col[c] + 1, "'%s' is '%s': expected a number of story points, e.g. 3 or 0.5",
					names[c], v);
		is->points = p;
	}
	is->state = state_of(cell(f, n, j->col[C_CATEGORY]), cell(f, n, j->col[C_STATUS]),
			     cell(f, n, j->col[C_RESOLUTION]), resolved != 0);
	is->done_on = resolved ? resolved : changed ? changed : updated;
	is->started_on = changed ? changed : updated ? updated : created;
	for (uint32_t k = 0; k < j->links.n; k++) {
		const char *v = cell(f, n, j->links.v[k]);
		if (!*v)
			continue;
		imp_link *l = BT_VEC_PUSH(m->ln);
		if (!l)
			return imp_fail(m, 0, 0, "out of memory");
		l->from = me;
		l->type = j->link_type.v[k];
		l->other = imp_dup(m, v);
		l->outward = j->link_out.v[k];
	}
	return m->oom ? imp_fail(m, 0, 0, "out of memory") : 0;
}

int bt_import_jira_csv(const char *text, size_t len, const bt_import_opts *o, bt_import *out)
{
	imp m;
	imp_init(&m, o, out);
	jcsv j = {0};
	int rc = imp_csv(&m, text, len, jira_row, &j);
	if (!rc && j.hdr == NULL)
		rc = imp_fail(&m, 1, 1, "no header row");
	if (!rc)
		rc = imp_write(&m, "jira");
	BT_VEC_FREE(j.links);
	BT_VEC_FREE(j.link_type);
	BT_VEC_FREE(j.link_out);
	imp_release(&m);
	return rc;
}

/*============================= JSON ===============================*/

static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* A custom field's text: a string, a number, or an object's value/name. */
static const char *jtext(imp *m, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_number(v)) {
		char *s = bt_arena_printf(&m->a, "%g", json_number_value(v));
		return s ? s : "";
	}
	if (json_is_array(v))
		return jtext(m, json_array_get(v, 0));
	if (json_is_object(v)) {
		static const char *const k[] = {"value", "name", "displayName", "title", "key"};
		for (size_t i = 0; i < sizeof k / sizeof *k; i++)
			if (json_is_string(json_object_get(v, k[i])))
				return json_string_value(json_object_get(v, k[i]));
	}
	return "";
}

static int jdate(imp *m, json_t *f, const char *k, int page, size_t i, bt_date *out, int seen)
{
	*out = 0;
	const char *v = jstr(f, k);
	int r = imp_date(v, out);
	if (r < 0)
		return imp_fail(m, 0, 0, "page %d, issues[%zu]: fields.%s is '%s': expected an ISO date such as "
			       "2026-02-25T22:17:00.000+0000", page, i, k, v);
	if (!r && seen)
		imp_seen(m, *out);
	return 0;
}

static int json_issue(imp *m, json_t *js, int page, size_t i)
{
	json_t *f = json_object_get(js, "fields");
	const char *key = jstr(js, "key");
	if (!*key || !json_is_object(f))
		return imp_fail(m, 0, 0, "page %d, issues[%zu]: expected an object with \"key\" and \"fields\" "
			       "(ask the search API for fields=summary,status,...)", page, i);
	imp_issue *is = BT_VEC_PUSH(m->is);
	if (!is)
		return imp_fail(m, 0, 0, "out of memory");
	uint32_t me = m->is.n - 1;
	is->row = (int)m->is.n;
	is->m = is->o = is->p = -1;
	is->key = imp_dup(m, key);
	is->num = imp_dup(m, jstr(js, "id"));
	is->title = imp_dup(m, jstr(f, "summary"));
	is->type = imp_dup(m, jstr(json_object_get(f, "issuetype"), "name"));
	is->epic = !strcasecmp(is->type, "Epic");
	json_t *as = json_object_get(f, "assignee");
	is->owner = imp_dup(m, jstr(as, "displayName"));
	const char *tf = m->o->team_from ? m->o->team_from : "components";
	const char *team = !strcmp(tf, "assignee") ? is->owner : jtext(m, json_object_get(f, tf));
	is->team = imp_dup(m, map_team(m, team));
	json_t *par = json_object_get(f, "parent");
	is->parent = imp_dup(m, jstr(par, "key"));
	is->parent_title = imp_dup(m, jstr(json_object_get(par, "fields"), "summary"));
	bt_date created, updated, resolved, changed;
	if (jdate(m, f, "created", page, i, &created, 1) || jdate(m, f, "updated", page, i, &updated, 1) ||
	    jdate(m, f, "resolutiondate", page, i, &resolved, 1) ||
	    jdate(m, f, "statuscategorychangedate", page, i, &changed, 1) ||
	    jdate(m, f, "duedate", page, i, &is->due, 0))
		return -1;
	json_t *v = json_object_get(f, "timeoriginalestimate");
	is->orig = json_is_number(v) && json_number_value(v) >= 0 ? json_number_value(v) : -1;
	v = json_object_get(f, "timeestimate");
	is->rem = json_is_number(v) && json_number_value(v) >= 0 ? json_number_value(v) : -1;
	v = json_object_get(f, m->o->points_field ? m->o->points_field : "customfield_10016");
	is->points = json_is_number(v) && json_number_value(v) >= 0 ? json_number_value(v) : -1;
	json_t *st = json_object_get(f, "status");
	const char *cat = jstr(json_object_get(st, "statusCategory"), "key");
	is->state = !strcmp(cat, "done") ? IMP_DONE
		    : !strcmp(cat, "indeterminate") ? IMP_STARTED
		    : *cat ? IMP_TODO
			   : state_of("", jstr(st, "name"), jstr(json_object_get(f, "resolution"), "name"), resolved != 0);
	is->done_on = resolved ? resolved : changed ? changed : updated;
	is->started_on = changed ? changed : updated ? updated : created;
	json_t *links = json_object_get(f, "issuelinks"), *l;
	size_t k;
	json_array_foreach(links, k, l) {
		json_t *in = json_object_get(l, "inwardIssue"), *outw = json_object_get(l, "outwardIssue");
		const char *other = jstr(outw ? outw : in, "key");
		if (!*other)
			continue;
		imp_link *ln = BT_VEC_PUSH(m->ln);
		if (!ln)
			return imp_fail(m, 0, 0, "out of memory");
		ln->from = me;
		ln->type = imp_dup(m, jstr(json_object_get(l, "type"), "name"));
		ln->other = imp_dup(m, other);
		/* outwardIssue: this issue "blocks" the other one */
		ln->outward = outw != NULL;
	}
	return m->oom ? imp_fail(m, 0, 0, "out of memory") : 0;
}

static int json_page(imp *m, json_t *pg, int page)
{
	json_t *issues = json_object_get(pg, "issues");
	if (!json_is_array(issues))
		return imp_fail(m, 0, 0, "page %d: expected an object with an \"issues\" array, as "
			       "/rest/api/3/search/jql returns", page);
	size_t i;
	json_t *js;
	json_array_foreach(issues, i, js) if (json_issue(m, js, page, i)) return -1;
	return 0;
}

int bt_import_jira_json(const char *text, size_t len, const bt_import_opts *o, bt_import *out)
{
	imp m;
	imp_init(&m, o, out);
	size_t off = 0;
	int rc = 0, page = 0, line = 0;
	while (!rc) {
		while (off < len && (text[off] == ' ' || text[off] == '\t' || text[off] == '\r' || text[off] == '\n')) {
			if (text[off] == '\n')
				line++;
			off++;
		}
		if (off >= len)
			break;
		json_error_t e;
		unsigned long mark = bt_alloc_failures();
		json_t *root = bt_json_loadb(text + off, len - off, JSON_DISABLE_EOF_CHECK, &e);
		if (!root && bt_alloc_failures() != mark) {
			/* jansson says what it was reading, not that memory ran out */
			rc = imp_fail(&m, 0, 0, "out of memory");
			break;
		}
		if (!root) {
			out->err_json = 1;
			/* Show the line of the error. */
			const char *p = text + off;
			for (int k = 1; k < e.line && p < text + len; k++) {
				const char *nl = memchr(p, '\n', (size_t)(text + len - p));
				p = nl ? nl + 1 : text + len;
			}
			size_t ll = 0;
			while (p + ll < text + len && p[ll] != '\n' && ll < sizeof out->line - 1)
				ll++;
			memcpy(out->line, p, ll);
			out->line[ll] = 0;
			rc = imp_fail(&m, line + e.line, e.column > 0 ? e.column : 1,
				      "%s: expected the JSON of /rest/api/3/search/jql, pages one after another or in an array",
				      e.text);
			break;
		}
		for (size_t k = 0; k < (size_t)e.position && off + k < len; k++)
			if (text[off + k] == '\n')
				line++;
		off += (size_t)e.position;
		if (json_is_array(root)) {
			size_t i;
			json_t *pg;
			json_array_foreach(root, i, pg) if ((rc = json_page(&m, pg, ++page))) break;
		} else {
			rc = json_page(&m, root, ++page);
		}
		json_decref(root);
	}
	if (!rc && !page)
		rc = imp_fail(&m, 0, 0, "the file is empty: expected the JSON of /rest/api/3/search/jql");
	if (!rc)
		rc = imp_write(&m, "jira");
	imp_release(&m);
	return rc;
}
