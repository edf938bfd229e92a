/*
 * import.c: what every importer shares: the CSV record reader (libcsv),
 * dates and durations as exports write them, and the writer that prints
 * the issues as a plan with its summary. The mapping rules are those of
 * docs/interop.md; each is applied here once, for every format.
 */
#include "import_int.h"

#include <csv.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void imp_init(imp *m, const bt_import_opts *o, bt_import *out)
{
	memset(m, 0, sizeof *m);
	m->o = o;
	m->out = out;
}

void imp_release(imp *m)
{
	BT_VEC_FREE(m->is);
	BT_VEC_FREE(m->ln);
	bt_arena_release(&m->a);
}

void bt_import_free(bt_import *out)
{
	if (!out)
		return;
	bt_buf_release(&out->plan);
	bt_buf_release(&out->summary);
}

int imp_fail(imp *m, int row, int col, const char *fmt, ...)
{
	if (m->out->err[0])
		return -1; /* the first error stands */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->out->err, sizeof m->out->err, fmt, ap);
	va_end(ap);
	m->out->err_row = row;
	m->out->err_col = col;
	return -1;
}

char *imp_dup(imp *m, const char *s)
{
	char *d = bt_arena_strndup(&m->a, s, strlen(s));
	if (!d)
		m->oom = 1;
	return d;
}

void imp_seen(imp *m, bt_date d)
{
	if (d <= 0)
		return;
	if (!m->lo || d < m->lo)
		m->lo = d;
	if (d > m->hi)
		m->hi = d;
}

/*============================ dates ===============================*/

static const char months[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
				   "jul", "aug", "sep", "oct", "nov", "dec"};

static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int imp_date(const char *s, bt_date *out)
{
	while (*s == ' ')
		s++;
	if (!*s)
		return 1;
	int y, mo, d;
	size_t n = strlen(s);
	/* ISO: the time of day and zone after the date do not matter. */
	if (n >= 10 && s[4] == '-' && s[7] == '-' && !digits(s, 4, &y) && !digits(s + 5, 2, &mo) &&
	    !digits(s + 8, 2, &d) && (n == 10 || s[10] == 'T' || s[10] == ' '))
		return bt_date_from_ymd(y, mo, d, out) ? -1 : 0;
	/* Jira's locale form: d/Mon/yy or dd/Mon/yyyy, then a time. */
	const char *p = s;
	int dn = 0;
	while (*p >= '0' && *p <= '9' && dn < 3)
		d = (dn ? d * 10 : 0) + (*p++ - '0'), dn++;
	if (!dn || dn > 2 || *p++ != '/')
		return -1;
	mo = 0;
	for (int k = 0; k < 12; k++)
		if (!strncasecmp(p, months[k], 3))
			mo = k + 1;
	if (!mo || p[3] != '/')
		return -1;
	p += 4;
	int yn = 0;
	y = 0;
	while (*p >= '0' && *p <= '9' && yn < 5)
		y = y * 10 + (*p++ - '0'), yn++;
	if (yn == 2)
		y += 2000; /* Jira's two-digit years are this century's */
	else if (yn != 4)
		return -1;
	if (*p && *p != ' ')
		return -1;
	return bt_date_from_ymd(y, mo, d, out) ? -1 : 0;
}

double imp_seconds(const char *s, int hpd)
{
	while (*s == ' ')
		s++;
	if (!*s)
		return -1;
	char *e;
	double v = strtod(s, &e);
	if (e != s && v >= 0 && v < 1e12) {
		while (*e == ' ')
			e++;
		if (!*e)
			return v;
	}
	/* "1w 2d 4h 30m": Jira's own duration form. */
	double t = 0;
	int any = 0;
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		v = strtod(p, &e);
		if (e == p || v < 0 || v > 1e9)
			return -2;
		p = e;
		while (*p == ' ')
			p++;
		double unit;
		switch (tolower((unsigned char)*p)) {
		case 'w': unit = 5.0 * hpd * 3600; break;
		case 'd': unit = (double)hpd * 3600; break;
		case 'h': unit = 3600; break;
		case 'm': unit = 60; break;
		default: return -2;
		}
		/* "2 days", "4 hours", "30 minutes" */
		while (isalpha((unsigned char)*p))
			p++;
		t += v * unit;
		any = 1;
	}
	return any ? t : -2;
}

/*============================= CSV ================================*/

typedef struct csvctx {
	imp *m;
	imp_row_fn row;
	void *ctx;
	BT_VEC(char *) f;
	BT_VEC(size_t) flen;  /* each buffer's size */
	uint32_t nf;          /* fields of the current record */
	int rec;          /* records finished */
	int line;         /* line being fed (1-based) */
	const char *text; /* the input, for the row of an error */
	size_t len, line_off, rec_off;
	int stop;
} csvctx;

/* Field buffers are kept from row to row (a 100,000-row export has
 * millions of fields): slot i grows to the longest field i seen. */
static void on_field(void *s, size_t n, void *data)
{
	csvctx *c = data;
	if (c->stop)
		return;
	uint32_t i = c->nf;
	if (i == c->f.n) {
		char **slot = BT_VEC_PUSH(c->f);
		size_t *cap = slot ? BT_VEC_PUSH(c->flen) : NULL;
		if (!slot || !cap) {
			if (slot)
				c->f.n--;
			c->m->oom = 1;
			c->stop = 1;
			return;
		}
	}
	if (c->flen.v[i] < n + 1) {
		char *g = bt_realloc(c->f.v[i], n + 1);
		if (!g) {
			c->m->oom = 1;
			c->stop = 1;
			return;
		}
		c->f.v[i] = g;
		c->flen.v[i] = n + 1;
	}
	memcpy(c->f.v[i], s ? s : "", n);
	c->f.v[i][n] = 0;
	c->nf++;
}

static void set_line(csvctx *c, size_t off)
{
	/* A record whose start was not seen (rec_off reset after a row
	 * ended inside the chunk) has no line of its own to show. */
	if (off > c->len)
		off = c->len;
	size_t e = off;
	while (e < c->len && c->text[e] != '\n' && c->text[e] != '\r' && e - off < sizeof c->m->out->line - 1)
		e++;
	memcpy(c->m->out->line, c->text + off, e - off);
	c->m->out->line[e - off] = 0;
}

static void clear_fields(csvctx *c)
{
	c->nf = 0;
}

static void on_row(int term, void *data)
{
	(void)term;
	csvctx *c = data;
	if (c->stop)
		return;
	c->rec++;
	int rc = c->row(c->m, c->ctx, c->rec, c->f.v, c->nf);
	if (rc) {
		set_line(c, c->rec_off);
		c->stop = 1;
	}
	clear_fields(c);
	c->rec_off = (size_t)-1; /* the next record starts on the next line fed */
}


int imp_csv(imp *m, const char *text, size_t len, imp_row_fn row, void *ctx)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return imp_fail(m, 0, 0, "out of memory");
	csv_set_realloc_func(&p, bt_realloc);
	csv_set_free_func(&p, bt_free);
	csvctx c = {.m = m, .row = row, .ctx = ctx, .text = text, .len = len};
	size_t off = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		off = 3; /* Excel's byte-order mark */
	c.rec_off = (size_t)-1;
	int rc = 0;
	while (off < len && !c.stop) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t e = nl ? (size_t)(nl - text) + 1 : len;
		c.line++;
		if (c.rec_off == (size_t)-1)
			c.rec_off = off;
		if (csv_parse(&p, text + off, e - off, on_field, on_row, &c) != e - off && !c.stop) {
			set_line(&c, c.rec_off);
			rc = imp_fail(m, c.rec + 1, (int)c.nf + 1,
				      "a quote inside an unquoted field, or text after a closing quote (%s): "
				      "expected a field quoted as a whole, with any quote inside it doubled (\"\")",
				      csv_strerror(csv_error(&p)));
			c.stop = 1;
		}
		off = e;
	}
	if (!c.stop && csv_fini(&p, on_field, on_row, &c)) {
		set_line(&c, c.rec_off == (size_t)-1 ? 0 : c.rec_off);
		rc = imp_fail(m, c.rec + 1, (int)c.nf + 1,
			      "a quoted field is not closed before the end of the file: expected a closing quote");
	}
	if (c.stop && !rc)
		rc = m->oom ? imp_fail(m, 0, 0, "out of memory") : -1;
	for (uint32_t i = 0; i < c.f.n; i++)
		bt_free(c.f.v[i]);
	BT_VEC_FREE(c.f);
	BT_VEC_FREE(c.flen);
	csv_free(&p);
	if (!rc && c.rec == 0)
		rc = imp_fail(m, 1, 1, "the file is empty: expected a header row naming the columns");
	return rc;
}

/*============================ writer ==============================*/

/* A key-to-index map, open addressing: imports run to 100,000 issues. */
typedef struct keymap {
	uint32_t *slot; /* index + 1, 0 empty */
	uint32_t cap;
} keymap;

static int km_init(keymap *k, uint32_t n)
{
	k->cap = 16;
	while (k->cap < 2 * n + 16)
		k->cap *= 2;
	k->slot = bt_calloc(k->cap, sizeof *k->slot);
	return k->slot ? 0 : -1;
}

static uint32_t km_find(const keymap *k, const imp *m, const char *key, int num)
{
	if (!key || !*key)
		return UINT32_MAX;
	uint32_t h = (uint32_t)bt_hash(key, strlen(key)) & (k->cap - 1);
	for (;;) {
		uint32_t s = k->slot[h];
		if (!s)
			return UINT32_MAX;
		const char *have = num ? m->is.v[s - 1].num : m->is.v[s - 1].key;
		if (have && !strcasecmp(have, key))
			return s - 1;
		h = (h + 1) & (k->cap - 1);
	}
}

/* Keys are case-insensitive (Jira upper-cases them); returns the index
 * already holding key, or UINT32_MAX after adding i. */
static uint32_t km_add(keymap *k, const imp *m, const char *key, uint32_t i, int num)
{
	uint32_t h = (uint32_t)bt_hash(key, strlen(key)) & (k->cap - 1);
	for (;;) {
		uint32_t s = k->slot[h];
		if (!s) {
			k->slot[h] = i + 1;
			return UINT32_MAX;
		}
		if (!strcasecmp(key, num ? m->is.v[s - 1].num : m->is.v[s - 1].key))
			return s - 1;
		h = (h + 1) & (k->cap - 1);
	}
}

/* A plan id from a key or name: lower case, runs of anything but letters
 * and digits as one '-', starting with a letter. */
static char *plan_id(imp *m, const char *s, const char *prefix)
{
	size_t n = strlen(s);
	char *o = bt_arena_alloc(&m->a, n + 8);
	if (!o) {
		m->oom = 1;
		return NULL;
	}
	size_t k = 0;
	while (*s == ' ')
		s++;
	if (!isalpha((unsigned char)*s)) {
		strcpy(o, prefix);
		k = strlen(prefix);
	}
	int dash = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c == '_') {
			if (dash && k)
				o[k++] = '-';
			dash = 0;
			o[k++] = (char)tolower(c);
		} else {
			dash = 1;
		}
	}
	if (!k)
		strcpy(o + k, "x"), k = 1;
	o[k] = 0;
	/* A task called `note` could get no status entry: its line would be
	 * read as a note. */
	if (!strcmp(o, "note"))
		strcpy(o, "t-note");
	return o;
}

/* The length of the valid UTF-8 sequence at s (1-4), or 0 when it is not
 * one (overlong forms, surrogates and code points past U+10FFFF too). */
static int utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	int n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
	if (c >= 0xF5 || !n)
		return 0;
	for (int k = 1; k < n; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
	    (c == 0xF4 && s[1] > 0x8F))
		return 0;
	return n;
}

/* A quoted string: quotes and backslashes escaped, line breaks and other
 * control characters as spaces (a plan string stays on one line), bytes
 * that are not UTF-8 (a Latin-1 export) as U+FFFD, since plans are UTF-8. */
static void put_str(bt_buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	bt_buf_putc(b, '"');
	while (*s) {
		unsigned char c = *s;
		if (c >= 0x80) {
			int n = utf8_len(s);
			if (n) {
				bt_buf_add(b, (const char *)s, (size_t)n);
				s += n;
			} else {
				bt_buf_puts(b, "\xEF\xBF\xBD");
				s++;
			}
			continue;
		}
		if (c == '"' || c == '\\')
			bt_buf_putc(b, '\\');
		bt_buf_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
		s++;
	}
	bt_buf_putc(b, '"');
}

typedef struct linkrule {
	const char *type;
	char dep[24]; /* "ss +2d", "" for fs */
} linkrule;

typedef struct team {
	const char *raw, *id;
	uint32_t people;  /* distinct owners */
	double ppd;       /* points a day; 0 none */
} team;

typedef struct dep {
	uint32_t pred, succ, rule;
} dep;

static int dep_cmp(const void *a, const void *b)
{
	const dep *x = a, *y = b;
	if (x->succ != y->succ)
		return x->succ < y->succ ? -1 : 1;
	if (x->pred != y->pred)
		return x->pred < y->pred ? -1 : 1;
	/* Two link types on one pair: the earlier rule (Blocks, then the
	 * --link order) is kept, whatever qsort does with equal keys. */
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

typedef struct owner_pair {
	uint32_t team;
	const char *owner;
} owner_pair;

static int owner_cmp(const void *a, const void *b)
{
	const owner_pair *x = a, *y = b;
	if (x->team != y->team)
		return x->team < y->team ? -1 : 1;
	return strcmp(x->owner, y->owner);
}

/* "TYPE=fs+2d" into a rule; 0 or -1. */
static int parse_rule(imp *m, const char *spec, size_t n, linkrule *r)
{
	const char *eq = memchr(spec, '=', n);
	if (!eq || eq == spec)
		return imp_fail(m, 0, 0, "--link '%.*s': expected TYPE=fs|ss|ff|sf[+LAG], e.g. Blocks=fs or \"Starts with=ss+2d\"",
				(int)n, spec);
	char *t = bt_arena_strndup(&m->a, spec, (size_t)(eq - spec));
	if (!t)
		return imp_fail(m, 0, 0, "out of memory");
	r->type = t;
	const char *v = eq + 1, *e = spec + n;
	if (e - v < 2 || (strncmp(v, "fs", 2) && strncmp(v, "ss", 2) && strncmp(v, "ff", 2) && strncmp(v, "sf", 2)))
		return imp_fail(m, 0, 0, "--link '%.*s': expected fs, ss, ff or sf after '=' (then +LAG or -LAG in days, e.g. fs+2d)",
				(int)n, spec);
	const char *lag = v + 2;
	long days = 0;
	if (lag < e) {
		char *end;
		days = strtol(lag, &end, 10);
		if ((*lag != '+' && *lag != '-') || end == lag + 1 || !(end + 1 == e && (*end == 'd' || *end == 'w')) ||
		    days > 9999 || days < -9999)
			return imp_fail(m, 0, 0, "--link '%.*s': a lag is a sign, a whole number and d or w, e.g. fs+2d or ss-1w",
					(int)n, spec);
		if (*end == 'w')
			days *= 5;
	}
	char ty[3] = {v[0], v[1], 0};
	if (days)
		snprintf(r->dep, sizeof r->dep, "%s %+ldd", strcmp(ty, "fs") ? ty : "", days);
	else
		snprintf(r->dep, sizeof r->dep, "%s", strcmp(ty, "fs") ? ty : "");
	return 0;
}

static int days_of(double secs, int hpd)
{
	double d = ceil(secs / (hpd * 3600.0) - 1e-9);
	return d > 9999 ? 9999 : (int)d;
}

/* Up to `max` ids after a label, then "and N more". */
typedef struct idlist {
	bt_buf b;
	int n;
} idlist;

static void il_add(idlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void il_add(idlist *l, const char *fmt, ...)
{
	if (l->n < 20) {
		if (l->n)
			bt_buf_puts(&l->b, ", ");
		va_list ap;
		va_start(ap, fmt);
		bt_buf_vprintf(&l->b, fmt, ap);
		va_end(ap);
	}
	l->n++;
}

static void il_put(bt_buf *s, idlist *l, const char *label)
{
	if (!l->n)
		return;
	bt_buf_printf(s, "  %s: %s", label, l->b.s);
	if (l->n > 20)
		bt_buf_printf(s, " and %d more", l->n - 20);
	bt_buf_putc(s, '\n');
}

/* What the steps of imp_write share. */
typedef struct iwrite {
	imp *m;
	const bt_import_opts *o;
	bt_import *out;
	uint32_t n;                       /* issues */
	int hpd, defest;                  /* hours a day, default estimate */
	keymap byk, byn;                  /* issues by key, by number */
	BT_VEC(linkrule) rules;
	BT_VEC(team) teams;
	BT_VEC(dep) deps;
	BT_VEC(owner_pair) owners;
	uint32_t *tix, *est;              /* per issue: team, days */
	const char **ids, **ws;           /* per issue: plan id, workstream */
	idlist noest, nopts, outside, toepic, epics, noparent, late, ignored, noteam;
	bt_date start, asof;
	char startd[11], asofd[11];
	uint32_t nepic, by_time, by_pts, by_days, by_def, nign;
	uint32_t ndone, nstarted, ntodo, ntask, ndep;
} iwrite;

/* Link rules: Blocks is finish-to-start unless the user says otherwise. */
static int link_rules(iwrite *w)
{
	imp *m = w->m;
	const bt_import_opts *o = w->o;
	linkrule *r = BT_VEC_PUSH(w->rules);
	if (!r)
		return -2;
	r->type = "Blocks";
	const char *s = o->links ? o->links : "";
	while (*s) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		linkrule nr = {0};
		if (len && parse_rule(m, s, len, &nr))
			return -1;
		if (len) {
			uint32_t k = 0;
			while (k < w->rules.n && strcasecmp(w->rules.v[k].type, nr.type))
				k++;
			if (k == w->rules.n && !BT_VEC_PUSH(w->rules))
				return -2;
			w->rules.v[k] = nr;
		}
		s += len + (e != NULL);
	}
	return 0;
}

/* Each key once, and each key its own plan id: two keys that differ only
 * in case or punctuation would clash. */
static int index_keys(iwrite *w)
{
	imp *m = w->m;
	bt_import *out = w->out;
	uint32_t n = w->n;
	if (km_init(&w->byk, n) || km_init(&w->byn, n))
		return -2;
	w->ids = bt_calloc(n ? n : 1, sizeof *w->ids);
	w->ws = bt_calloc(n ? n : 1, sizeof *w->ws);
	w->tix = bt_calloc(n ? n : 1, sizeof *w->tix);
	w->est = bt_calloc(n ? n : 1, sizeof *w->est);
	if (!w->ids || !w->ws || !w->tix || !w->est)
		return -2;
	for (uint32_t i = 0; i < n; i++) {
		imp_issue *is = &m->is.v[i];
		uint32_t was = km_add(&w->byk, m, is->key, i, 0);
		if (was != UINT32_MAX) {
			snprintf(out->line, sizeof out->line, "%s", is->key);
			imp_fail(m, is->row, 0, "'%s' is the key of row %d too: expected each issue once (export again, or remove one)",
				 is->key, m->is.v[was].row);
			return -1;
		}
		if (is->num && *is->num)
			km_add(&w->byn, m, is->num, i, 1);
	}
	/* Ids: two keys that differ only in case or punctuation would clash. */
	{
		keymap byid = {0};
		if (km_init(&byid, n))
			return -2;
		for (uint32_t i = 0; i < n; i++) {
			imp_issue *is = &m->is.v[i];
			w->ids[i] = plan_id(m, is->key, "t-");
			if (!w->ids[i]) {
				bt_free(byid.slot);
				return -2;
			}
			/* a plan id may not hold "..": plan_id makes none */
			uint32_t h = (uint32_t)bt_hash(w->ids[i], strlen(w->ids[i])) & (byid.cap - 1);
			while (byid.slot[h] && strcmp(w->ids[byid.slot[h] - 1], w->ids[i]))
				h = (h + 1) & (byid.cap - 1);
			if (byid.slot[h]) {
				imp_issue *was = &m->is.v[byid.slot[h] - 1];
				snprintf(out->line, sizeof out->line, "%s", is->key);
				imp_fail(m, is->row, 0, "'%s' and '%s' (row %d) both become the plan id '%s': "
					 "expected ids that differ in letters or digits, not only in case or punctuation",
					 is->key, was->key, was->row, w->ids[i]);
				bt_free(byid.slot);
				return -1;
			}
			byid.slot[h] = i + 1;
		}
		bt_free(byid.slot);
	}
	return 0;
}

/* Dates: the program starts on the earliest activity, status is as of
 * the latest, unless the user says. */
static void dates(iwrite *w)
{
	imp *m = w->m;
	const bt_import_opts *o = w->o;
	bt_import *out = w->out;
	out->newest = m->hi;
	w->start = o->start ? o->start : m->lo ? m->lo : o->today;
	w->asof = o->as_of ? o->as_of : m->hi ? m->hi : w->start;
	if (w->asof < w->start)
		w->asof = w->start;
	bt_date_format(w->start, w->startd);
	bt_date_format(w->asof, w->asofd);
}

/* Parents: epics become workstreams; a task's workstream is its nearest
 * epic above it. */
static void parents(iwrite *w)
{
	imp *m = w->m;
	uint32_t n = w->n;
	for (uint32_t i = 0; i < n; i++) {
		imp_issue *is = &m->is.v[i];
		if (is->epic) {
			w->nepic++;
			il_add(&w->epics, "%s", w->ids[i]);
			continue;
		}
		if (is->ws && *is->ws)
			w->ws[i] = is->ws;
		const imp_issue *c = is;
		for (int depth = 0; !w->ws[i] && depth < 32 && c->parent && *c->parent; depth++) {
			uint32_t p = km_find(&w->byk, m, c->parent, 0);
			if (p == UINT32_MAX)
				p = km_find(&w->byn, m, c->parent, 1);
			if (p == UINT32_MAX) {
				w->ws[i] = c->parent_title && *c->parent_title ? c->parent_title : c->parent;
				if (c == is)
					il_add(&w->noparent, "%s", w->ids[i]);
				break;
			}
			c = &m->is.v[p];
			if (c->epic) {
				w->ws[i] = c->title && *c->title ? c->title : c->key;
				break;
			}
		}
	}
}

/* Teams, each with its distinct owners as its capacity. */
static int teams_of(iwrite *w)
{
	imp *m = w->m;
	uint32_t n = w->n;
	for (uint32_t i = 0; i < n; i++) {
		imp_issue *is = &m->is.v[i];
		if (is->epic)
			continue;
		const char *raw = is->team && *is->team ? is->team : "Unassigned";
		uint32_t t = 0;
		while (t < w->teams.n && strcmp(w->teams.v[t].raw, raw))
			t++;
		if (t == w->teams.n) {
			team *nt = BT_VEC_PUSH(w->teams);
			if (!nt)
				return -2;
			nt->raw = raw;
			nt->id = plan_id(m, raw, "team-");
			if (!nt->id)
				return -2;
			for (uint32_t k = 0; k < t; k++)
				if (!strcmp(w->teams.v[k].id, nt->id)) {
					nt->id = bt_arena_printf(&m->a, "%s-%u", nt->id, t + 1);
					if (!nt->id)
						return -2;
				}
		}
		w->tix[i] = t;
		if (is->owner && *is->owner) {
			owner_pair *op = BT_VEC_PUSH(w->owners);
			if (!op)
				return -2;
			op->team = t;
			op->owner = is->owner;
		}
	}
	if (w->owners.n)
		qsort(w->owners.v, w->owners.n, sizeof *w->owners.v, owner_cmp);
	for (uint32_t k = 0; k < w->owners.n; k++)
		if (!k || w->owners.v[k].team != w->owners.v[k - 1].team || strcmp(w->owners.v[k].owner, w->owners.v[k - 1].owner))
			w->teams.v[w->owners.v[k].team].people++;
	return 0;
}

/* Points a day, per team ("*" for every team). */
static int points_per_day(iwrite *w)
{
	imp *m = w->m;
	const bt_import_opts *o = w->o;
	const char *s = o->points ? o->points : "";
	while (*s) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		char num[32];
		size_t nl = eq ? len - (size_t)(eq + 1 - s) : 0;
		double v = 0;
		if (eq && nl && nl < sizeof num) {
			memcpy(num, eq + 1, nl);
			num[nl] = 0;
			char *end;
			v = strtod(num, &end);
			if (*end || !(v > 0) || v > 1000)
				v = 0;
		}
		if (!eq || eq == s || !(v > 0)) {
			imp_fail(m, 0, 0, "--points-per-day '%.*s': expected TEAM=N with N > 0 points a day "
				 "(TEAM as the team column writes it, or * for every team), e.g. Payments=2",
				 (int)len, s);
			return -1;
		}
		int any = 0;
		for (uint32_t t = 0; t < w->teams.n; t++)
			if ((eq - s == 1 && *s == '*') ||
			    ((size_t)(eq - s) == strlen(w->teams.v[t].raw) && !strncasecmp(s, w->teams.v[t].raw, (size_t)(eq - s))) ||
			    ((size_t)(eq - s) == strlen(w->teams.v[t].id) && !strncmp(s, w->teams.v[t].id, (size_t)(eq - s))))
				w->teams.v[t].ppd = v, any = 1;
		if (!any && !(eq - s == 1 && *s == '*'))
			il_add(&w->noteam, "%.*s", (int)len, s);
		s += len + (e != NULL);
	}
	return 0;
}

/* Estimates: time tracking, else story points, else the default. */
static void estimates(iwrite *w)
{
	imp *m = w->m;
	uint32_t n = w->n;
	for (uint32_t i = 0; i < n; i++) {
		imp_issue *is = &m->is.v[i];
		if (is->epic)
			continue;
		if (is->m >= 0) {
			w->by_days++;
			w->est[i] = (uint32_t)is->m;
		} else if (is->orig >= 0) {
			w->by_time++;
			w->est[i] = (uint32_t)days_of(is->orig, w->hpd);
		} else if (is->points >= 0 && w->teams.v[w->tix[i]].ppd > 0) {
			w->by_pts++;
			double d = ceil(is->points / w->teams.v[w->tix[i]].ppd - 1e-9);
			w->est[i] = d > 9999 ? 9999 : (uint32_t)d;
		} else {
			w->by_def++;
			w->est[i] = (uint32_t)w->defest;
			if (is->points >= 0)
				il_add(&w->nopts, "%s (%g points, team %s)", w->ids[i], is->points, w->teams.v[w->tix[i]].raw);
			else
				il_add(&w->noest, "%s", w->ids[i]);
		}
	}
}

/* Links: each becomes one `after` on its successor, once. */
static int links(iwrite *w)
{
	imp *m = w->m;
	for (uint32_t k = 0; k < m->ln.n; k++) {
		imp_link *l = &m->ln.v[k];
		uint32_t r = 0;
		if (l->type) {
			while (r < w->rules.n && strcasecmp(w->rules.v[r].type, l->type))
				r++;
			if (r == w->rules.n) {
				w->nign++;
				/* one line per type, not per link */
				if (!strstr(w->ignored.b.s, l->type))
					il_add(&w->ignored, "%s", l->type);
				continue;
			}
		}
		uint32_t other = km_find(&w->byk, m, l->other, 0);
		uint32_t me = l->from;
		if (other == UINT32_MAX) {
			il_add(&w->outside, "%s %s %s", w->ids[me], l->type ? l->type : "after", l->other);
			continue;
		}
		if (other == me)
			continue;
		if (m->is.v[other].epic || m->is.v[me].epic) {
			il_add(&w->toepic, "%s %s %s", m->is.v[me].key, l->type ? l->type : "after", m->is.v[other].key);
			continue;
		}
		dep *d = BT_VEC_PUSH(w->deps);
		if (!d)
			return -2;
		int fwd = l->type ? l->outward : 0;
		d->pred = fwd ? me : other;
		d->succ = fwd ? other : me;
		d->rule = l->type ? r : UINT32_MAX;
	}
	if (w->deps.n)
		qsort(w->deps.v, w->deps.n, sizeof *w->deps.v, dep_cmp);
	return 0;
}

/* The plan: its teams, one task per issue with its links, then the
 * status as of one date. */
static void write_plan(iwrite *w, const char *what)
{
	imp *m = w->m;
	const bt_import_opts *o = w->o;
	bt_import *out = w->out;
	uint32_t n = w->n;
	bt_buf *b = &out->plan;
	bt_buf_printf(b, "# Imported by `baton import %s`: one task per issue, `source` its key.\n", what);
	bt_buf_printf(b, "program %s ", o->name);
	put_str(b, o->name);
	bt_buf_printf(b, "\n  start %s\n\n", w->startd);
	for (uint32_t t = 0; t < w->teams.n; t++) {
		bt_buf_printf(b, "team %s ", w->teams.v[t].id);
		put_str(b, w->teams.v[t].raw);
		bt_buf_printf(b, " capacity %u\n", w->teams.v[t].people ? w->teams.v[t].people : 1);
	}
	uint32_t dk = 0;
	for (uint32_t i = 0; i < n; i++) {
		imp_issue *is = &m->is.v[i];
		if (is->epic)
			continue;
		w->ntask++;
		bt_buf_printf(b, "\ntask %s ", w->ids[i]);
		put_str(b, is->title && *is->title ? is->title : is->key);
		bt_buf_printf(b, "\n  team %s  estimate ", w->teams.v[w->tix[i]].id);
		if (is->m >= 0 && is->o >= 0 && is->p >= 0 && (is->o != is->m || is->p != is->m))
			bt_buf_printf(b, "%dd %dd %dd", is->o, is->m, is->p);
		else
			bt_buf_printf(b, "%ud", w->est[i]);
		bt_buf_puts(b, "  source ");
		put_str(b, is->key);
		bt_buf_putc(b, '\n');
		if (w->ws[i]) {
			bt_buf_puts(b, "  workstream ");
			put_str(b, w->ws[i]);
			bt_buf_putc(b, '\n');
		}
		if (is->owner && *is->owner) {
			bt_buf_puts(b, "  owner ");
			put_str(b, is->owner);
			bt_buf_putc(b, '\n');
		}
		if (is->due) {
			char dd[11];
			bt_date_format(is->due, dd);
			if (is->due >= w->start)
				bt_buf_printf(b, "  deadline %s\n", dd);
			else
				il_add(&w->late, "%s (due %s)", w->ids[i], dd);
		}
		while (dk < w->deps.n && w->deps.v[dk].succ < i)
			dk++;
		int first = 1;
		for (; dk < w->deps.n && w->deps.v[dk].succ == i; dk++) {
			if (dk && w->deps.v[dk - 1].succ == i && w->deps.v[dk - 1].pred == w->deps.v[dk].pred)
				continue; /* the same link from both rows */
			bt_buf_puts(b, first ? "  after " : ", ");
			first = 0;
			w->ndep++;
			bt_buf_puts(b, w->ids[w->deps.v[dk].pred]);
			if (w->deps.v[dk].rule != UINT32_MAX && w->rules.v[w->deps.v[dk].rule].dep[0])
				bt_buf_printf(b, " %s", w->rules.v[w->deps.v[dk].rule].dep);
		}
		if (!first)
			bt_buf_putc(b, '\n');
	}
	/* Status, as of one date. */
	int head = 0;
	for (uint32_t i = 0; i < n; i++) {
		imp_issue *is = &m->is.v[i];
		if (is->epic)
			continue;
		if (is->state == IMP_TODO) {
			w->ntodo++;
			continue;
		}
		if (!head)
			bt_buf_printf(b, "\nstatus %s\n", w->asofd);
		head = 1;
		char d1[11];
		if (is->state == IMP_DONE) {
			w->ndone++;
			bt_date d = is->done_on ? is->done_on : w->asof;
			bt_date_format(d < w->start ? w->start : d > w->asof ? w->asof : d, d1);
			bt_buf_printf(b, "  %s done %s\n", w->ids[i], d1);
		} else {
			w->nstarted++;
			bt_date d = is->started_on ? is->started_on : w->asof;
			bt_date_format(d < w->start ? w->start : d > w->asof ? w->asof : d, d1);
			int left = is->rem >= 0 ? days_of(is->rem, w->hpd) : (int)w->est[i];
			bt_buf_printf(b, "  %s started %s remaining %dd\n", w->ids[i], d1, left);
		}
	}
}

/* The summary: what was imported, how estimates were made, and the
 * lists of what was changed or left out. */
static void write_summary(iwrite *w)
{
	imp *m = w->m;
	const bt_import_opts *o = w->o;
	bt_import *out = w->out;
	uint32_t n = w->n;
	bt_buf *s = &out->summary;
	bt_buf_printf(s, "imported %u issues: %u tasks in %u teams", n, w->ntask, w->teams.n);
	if (w->nepic)
		bt_buf_printf(s, "; %u epic%s became workstreams, not tasks", w->nepic, w->nepic == 1 ? "" : "s");
	bt_buf_printf(s, "; program starts %s (%s)\n", w->startd, o->start ? "--start" : m->lo ? "the earliest date in the file" : "today");
	bt_buf_printf(s, "  status as of %s (%s): %u done, %u in progress, %u to do\n", w->asofd,
		      o->as_of ? "--as-of" : m->hi ? "the latest date in the file" : "the start", w->ndone, w->nstarted, w->ntodo);
	/* Each part after the previous one's ';'. */
	const char *sep = "  estimates: ";
	if (w->by_days)
		bt_buf_printf(s, "%s%u given in days", sep, w->by_days), sep = "; ";
	if (w->by_time)
		bt_buf_printf(s, "%s%u from %s at %dh a day", sep, w->by_time,
			      m->est_from ? m->est_from : "the original estimate", w->hpd), sep = "; ";
	if (w->by_pts)
		bt_buf_printf(s, "%s%u from story points", sep, w->by_pts), sep = "; ";
	if (w->by_def)
		bt_buf_printf(s, "%s%u had no estimate: given the team default %dd (--default-estimate), listed below",
			      sep, w->by_def, w->defest), sep = "; ";
	if (!w->by_days && !w->by_time && !w->by_pts && !w->by_def)
		bt_buf_puts(s, "  estimates: none");
	bt_buf_putc(s, '\n');
	bt_buf_printf(s, "  %u dependencies", w->ndep);
	if (w->nign)
		bt_buf_printf(s, "; %u links of other types ignored (not dependencies; map one with --link TYPE=fs)", w->nign);
	if (w->outside.n)
		bt_buf_printf(s, "; %d links to issues outside the export dropped, listed below", w->outside.n);
	if (w->toepic.n)
		bt_buf_printf(s, "; %d links to or from epics dropped, listed below", w->toepic.n);
	bt_buf_putc(s, '\n');
	il_put(s, &w->epics, "epics (workstreams)");
	il_put(s, &w->noest, "no estimate (given the default)");
	il_put(s, &w->nopts, "story points but no --points-per-day for the team (given the default)");
	il_put(s, &w->ignored, "link types ignored");
	il_put(s, &w->outside, "links to issues outside the export");
	il_put(s, &w->toepic, "links to or from epics");
	il_put(s, &w->noparent, "parent not in the export (its name kept as the workstream)");
	il_put(s, &w->late, "due before the program start (no deadline written)");
	il_put(s, &w->noteam, "--points-per-day for no team in the export");
}

int imp_write(imp *m, const char *what)
{
	const bt_import_opts *o = m->o;
	iwrite w = {.m = m, .o = o, .out = m->out, .n = m->is.n,
		    .hpd = o->hours_per_day > 0 ? o->hours_per_day : 8,
		    .defest = o->default_estimate >= 0 ? o->default_estimate : 3};
	idlist *lists[] = {&w.noest, &w.nopts, &w.outside, &w.toepic, &w.epics,
			   &w.noparent, &w.late, &w.ignored, &w.noteam};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		*lists[i] = (idlist){BT_BUF_INIT, 0};
	int rc = m->oom ? -2 : link_rules(&w);
	if (!rc)
		rc = index_keys(&w);
	if (!rc) {
		dates(&w);
		parents(&w);
		rc = teams_of(&w);
	}
	if (!rc)
		rc = points_per_day(&w);
	if (!rc) {
		estimates(&w);
		rc = links(&w);
	}
	if (!rc) {
		write_plan(&w, what);
		write_summary(&w);
		if (w.out->plan.oom || w.out->summary.oom || m->oom)
			rc = -2;
	}
	if (rc == -2)
		imp_fail(m, 0, 0, "out of memory");
	bt_free(w.byk.slot);
	bt_free(w.byn.slot);
	BT_VEC_FREE(w.rules);
	BT_VEC_FREE(w.teams);
	BT_VEC_FREE(w.deps);
	BT_VEC_FREE(w.owners);
	bt_free(w.tix);
	bt_free(w.est);
	bt_free(w.ids);
	bt_free(w.ws);
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		bt_buf_release(&lists[i]->b);
	return rc ? -1 : 0;
}
