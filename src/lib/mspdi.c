/*
 * mspdi.c: `baton import mspdi`: MS Project XML (MSPDI) read with libxml2
 * into the DOM, walked once to collect the calendar, the resources and
 * the tasks, and printed as plan text. The element names, their order
 * and their codes are the schema's (Microsoft, "Project XML Data
 * Interchange Schema Reference", mspdi_pj12.xsd); the mapping and its
 * limits are in docs/interop.md.
 *
 * Safety: the parser gets XML_PARSE_NONET and neither XML_PARSE_NOENT
 * nor XML_PARSE_DTDLOAD, so no entity is expanded from outside, nothing
 * is fetched, and a document with a DOCTYPE is refused (MSPDI has none).
 * libxml2's allocations go through libbaton's hook (xmlMemSetup), so the
 * allocation-failure tests reach them too.
 */
#include "mspdi.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "cal.h"

#define NS "http://schemas.microsoft.com/project"
/* The most days an estimate, a lag or a count may be: the plan
 * language's own limit on numbers. */
#define MAX_DAYS 100000000LL
/* Summary lines listed one by one before "... and N more". */
#define MAX_NOTES 200

/*=========================== libxml2 setup ==========================*/

static char *xml_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = bt_malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

static void xml_setup(void)
{
	xmlMemSetup(bt_free, bt_malloc, bt_realloc, xml_strdup);
	xmlInitParser();
}

void bt_mspdi_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, xml_setup);
}

/* libxml2 reports some failures (running out of memory, the writer's
 * errors) through its thread's error handlers, which print by default:
 * libbaton never prints, so while an entry point runs they are silent,
 * and the caller's handlers come back after. */
static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

void bt_mspdi_quiet(int on)
{
	static _Thread_local xmlGenericErrorFunc saved_generic;
	static _Thread_local void *saved_generic_ctx, *saved_structured_ctx;
	static _Thread_local xmlStructuredErrorFunc saved_structured;
	if (on) {
		saved_generic = xmlGenericError;
		saved_generic_ctx = xmlGenericErrorContext;
		saved_structured = xmlStructuredError;
		saved_structured_ctx = xmlStructuredErrorContext;
		xmlSetGenericErrorFunc(NULL, quiet_generic);
		xmlSetStructuredErrorFunc(NULL, quiet_structured);
	} else {
		xmlSetGenericErrorFunc(saved_generic_ctx, saved_generic);
		xmlSetStructuredErrorFunc(saved_structured_ctx, saved_structured);
	}
}

/*============================== Context =============================*/

typedef struct mtask {
	xmlNodePtr node;
	long uid;
	long level;
	int milestone, summary, skip;
	char *name;        /* xmlFree */
	char *ws;          /* bt_free: the enclosing summaries, " / " joined */
	char id[72];
	long long dur_s;   /* Duration in seconds */
	int has_dur;
} mtask;

typedef struct mres {
	long uid;
	char *name;        /* xmlFree */
	char id[72];
	int32_t cap;       /* tenths */
	int32_t maxneed;   /* tenths, the most one task asks of it */
	long cal_uid;
	int work;          /* a work resource (material and cost ones are dropped) */
	int used;
} mres;

typedef struct ictx {
	bt_mspdi_err *err;
	bt_buf *sum;
	bt_buf notes;
	long nnotes;
	long mpd;          /* MinutesPerDay */
	uint8_t week;      /* the program's working weekdays */
	mtask *t;
	size_t nt;
	mres *r;
	size_t nr;
	char **ids;        /* hash set of the ids given (tasks, or teams) */
	size_t idcap;
	int oom;
	const char *text;  /* the XML, for lines libxml2 keeps no node for */
	size_t len;
	bt_date status_date; /* Project/StatusDate, BT_DATE_NONE when absent */
} ictx;

static void note(ictx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(ictx *c, const char *fmt, ...)
{
	if (c->nnotes++ >= MAX_NOTES)
		return;
	va_list ap;
	va_start(ap, fmt);
	bt_buf_puts(&c->notes, "  ");
	bt_buf_vprintf(&c->notes, fmt, ap);
	bt_buf_putc(&c->notes, '\n');
	va_end(ap);
}

static int fail(ictx *c, xmlNodePtr n, const char *help, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail(ictx *c, xmlNodePtr n, const char *help, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err->msg, sizeof c->err->msg, fmt, ap);
	va_end(ap);
	c->err->line = n ? (int)xmlGetLineNo(n) : 0;
	if (c->err->line < 0)
		c->err->line = 0;
	snprintf(c->err->elem, sizeof c->err->elem, "%s", n ? (const char *)n->name : "");
	snprintf(c->err->help, sizeof c->err->help, "%s", help ? help : "");
	return -1;
}

/*============================ Element access ========================*/

static int is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, NS) &&
	       !strcmp((const char *)n->name, name);
}

/* The first child element `name` of n, or NULL. */
static xmlNodePtr kid(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr k = n ? n->children : NULL; k; k = k->next)
		if (is_el(k, name))
			return k;
	return NULL;
}

/* The text of element n, trimmed, in `out` (xmlFree). -2 when memory
 * runs out. */
static int text_of(ictx *c, xmlNodePtr n, char **out)
{
	char *s = (char *)xmlNodeGetContent(n);
	if (!s) {
		c->oom = 1;
		return -2;
	}
	size_t a = 0, len = strlen(s);
	while (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')
		a++;
	while (len > a && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	memmove(s, s + a, len - a);
	s[len - a] = 0;
	*out = s;
	return 0;
}

/* A whole number in [lo, hi] in child `name` of n: 1 and *v when there,
 * 0 when absent, -1 (err set) when malformed, -2 out of memory. */
static int get_long(ictx *c, xmlNodePtr n, const char *name, long lo, long hi, long *v)
{
	xmlNodePtr k = kid(n, name);
	if (!k)
		return 0;
	char *s;
	if (text_of(c, k, &s))
		return -2;
	const char *p = s;
	int neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	long long x = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9' && x <= 100000000000LL) {
		x = x * 10 + (*p++ - '0');
		digits++;
	}
	/* xsd:integer and xsd:decimal written as "3.0" by some tools. */
	if (*p == '.') {
		p++;
		while (*p == '0')
			p++;
	}
	int ok = digits && !*p;
	x = neg ? -x : x;
	if (!ok || x < lo || x > hi) {
		char help[120];
		snprintf(help, sizeof help, "write a whole number from %ld to %ld", lo, hi);
		fail(c, k, help, "invalid value '%.60s': expected a whole number from %ld to %ld", s, lo, hi);
		xmlFree(s);
		return -1;
	}
	xmlFree(s);
	*v = (long)x;
	return 1;
}

/* xsd:boolean: 0, 1, false, true. Same returns as get_long. */
static int get_bool(ictx *c, xmlNodePtr n, const char *name, int *v)
{
	xmlNodePtr k = kid(n, name);
	if (!k)
		return 0;
	char *s;
	if (text_of(c, k, &s))
		return -2;
	int r = 1;
	if (!strcmp(s, "1") || !strcmp(s, "true"))
		*v = 1;
	else if (!strcmp(s, "0") || !strcmp(s, "false"))
		*v = 0;
	else
		r = fail(c, k, "write 1 (yes) or 0 (no)", "invalid value '%.60s': expected 0 or 1", s);
	xmlFree(s);
	return r;
}

/* A decimal number >= 0 (MaxUnits, Units: 1 = 100%). */
static int get_units(ictx *c, xmlNodePtr n, const char *name, double *v)
{
	xmlNodePtr k = kid(n, name);
	if (!k)
		return 0;
	char *s;
	if (text_of(c, k, &s))
		return -2;
	char *end;
	double x = strtod(s, &end);
	int r = 1;
	if (!*s || *end || !(x >= 0 && x <= 1e6))
		r = fail(c, k, "write a decimal number of units, 1 for one full-time person (100%)",
			 "invalid value '%.60s': expected units like 1 or 0.5", s);
	else
		*v = x;
	xmlFree(s);
	return r;
}

/* xsd:dateTime as MSPDI writes it, YYYY-MM-DDTHH:MM:SS: the date and the
 * minute of the day. Same returns as get_long. */
static int get_datetime(ictx *c, xmlNodePtr n, const char *name, bt_date *d, int *minute)
{
	xmlNodePtr k = kid(n, name);
	if (!k)
		return 0;
	char *s;
	if (text_of(c, k, &s))
		return -2;
	size_t len = strlen(s);
	int ok = len >= 10 && bt_date_parse(s, 10, d) == 0;
	int m = 0;
	if (ok && len > 10) {
		const char *t = s + 10;
		ok = len >= 16 && t[0] == 'T' && t[1] >= '0' && t[1] <= '2' && t[2] >= '0' && t[2] <= '9' &&
		     t[3] == ':' && t[4] >= '0' && t[4] <= '5' && t[5] >= '0' && t[5] <= '9';
		if (ok)
			m = ((t[1] - '0') * 10 + (t[2] - '0')) * 60 + (t[4] - '0') * 10 + (t[5] - '0');
		ok = ok && m <= 24 * 60;
	}
	int r = 1;
	if (!ok)
		r = fail(c, k, "write an existing date and time like 2027-01-04T08:00:00",
			 "invalid date '%.60s': expected YYYY-MM-DDTHH:MM:SS", s);
	else if (minute)
		*minute = m;
	xmlFree(s);
	return r;
}

/* An xsd:duration of working time, PTnHnMnS (also with nD, taken as 24
 * hours as ISO 8601 says): *secs. Same returns as get_long. */
static int get_duration(ictx *c, xmlNodePtr n, const char *name, long long *secs)
{
	xmlNodePtr k = kid(n, name);
	if (!k)
		return 0;
	char *s;
	if (text_of(c, k, &s))
		return -2;
	const char *p = s;
	int ok = 1, neg = 0, in_time = 0, parts = 0;
	double total = 0;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p++ != 'P')
		ok = 0;
	while (ok && *p) {
		if (*p == 'T' && !in_time) {
			in_time = 1;
			p++;
			continue;
		}
		char *end;
		if (!((*p >= '0' && *p <= '9') || *p == '.')) {
			ok = 0;
			break;
		}
		double x = strtod(p, &end);
		if (end == p || x > 1e12) {
			ok = 0;
			break;
		}
		p = end;
		if (!in_time && *p == 'D')
			total += x * 86400;
		else if (in_time && *p == 'H')
			total += x * 3600;
		else if (in_time && *p == 'M')
			total += x * 60;
		else if (in_time && *p == 'S')
			total += x;
		else {
			ok = 0;
			break;
		}
		p++;
		parts++;
	}
	int r = 1;
	if (!ok || !parts)
		r = fail(c, k, "MSPDI durations are working time, PT16H0M0S for two 8-hour days",
			 "invalid duration '%.60s': expected PTnHnMnS", s);
	else
		*secs = (long long)(total + 0.5) * (neg ? -1 : 1);
	xmlFree(s);
	return r;
}

/*============================ Ids and text ==========================*/

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* 1 when id is already given, else record it (the set holds the
 * caller's pointer). -2 when memory runs out. */
static int id_taken(ictx *c, char *id, int add)
{
	if (!c->idcap) {
		c->idcap = 64;
		while (c->idcap < 2 * (c->nt + c->nr) + 8)
			c->idcap *= 2;
		c->ids = bt_calloc(c->idcap, sizeof *c->ids);
		if (!c->ids) {
			c->oom = 1;
			return -2;
		}
	}
	size_t i = (size_t)hash_str(id) & (c->idcap - 1);
	while (c->ids[i]) {
		if (!strcmp(c->ids[i], id))
			return 1;
		i = (i + 1) & (c->idcap - 1);
	}
	if (add)
		c->ids[i] = id;
	return 0;
}

static void ids_reset(ictx *c)
{
	bt_free(c->ids);
	c->ids = NULL;
	c->idcap = 0;
}

/* A valid plan id as the plan language defines it (docs/plan-language.md,
 * "Tokens"). `note` is refused: a task of that name cannot get status. */
static int valid_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	size_t n = 0;
	for (const char *p = s; *p; p++, n++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			 *p == '-' || *p == '_' || (*p == '.' && p[1] != '.');
		if (!ok)
			return 0;
	}
	return n < 64 && strcmp(s, "note") != 0;
}

/* An id from a name: lower-case ASCII letters and digits, other runs as
 * one '-', at most 40 bytes; `fallback` (a letter and the UID) when
 * nothing is left. Then made unique with -2, -3, ... */
static int make_id(ictx *c, const char *name, const char *fallback, char out[72])
{
	size_t k = 0;
	int dash = 0;
	for (const char *p = name ? name : ""; *p && k < 40; p++) {
		char ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (dash && k)
				out[k++] = '-';
			dash = 0;
			if (k < 40)
				out[k++] = ch;
		} else {
			dash = 1;
		}
	}
	out[k] = 0;
	if (!k || !valid_id(out)) {
		char tmp[72];
		snprintf(tmp, sizeof tmp, "%s%s%s", k ? fallback : "", k ? "-" : "", k ? out : fallback);
		if (!valid_id(tmp))
			snprintf(tmp, sizeof tmp, "%s", fallback);
		snprintf(out, 72, "%s", tmp);
	}
	char base[72];
	snprintf(base, sizeof base, "%s", out);
	for (long i = 2;; i++) {
		int r = id_taken(c, out, 0);
		if (r < 0)
			return -2;
		if (!r)
			break;
		snprintf(out, 72, "%.50s-%ld", base, i);
	}
	return id_taken(c, out, 1) < 0 ? -2 : 0;
}

/* A plan string: quotes and backslashes escaped, line breaks, tabs and
 * other control characters as spaces (a plan string is one line). */
/* People in tenths as the plan writes them: 2, 0.5, 1.5. */
static void put_people(bt_buf *b, int32_t tenths)
{
	if (tenths % 10)
		bt_buf_printf(b, "%d.%d", (int)(tenths / 10), (int)(tenths % 10));
	else
		bt_buf_printf(b, "%d", (int)(tenths / 10));
}

static void put_date(bt_buf *b, bt_date d)
{
	char s[11];
	bt_date_format(d, s);
	bt_buf_puts(b, s);
}

static int32_t units_tenths(double u)
{
	double t = floor(u * 10 + 0.5);
	if (t < 1 && u > 0)
		t = 1;
	return t > 1e8 ? 100000000 : (int32_t)t;
}

/*============================= Calendars ============================*/

/* The calendar with this UID, or NULL. */
static xmlNodePtr calendar(xmlNodePtr proj, long uid)
{
	xmlNodePtr cals = kid(proj, "Calendars");
	for (xmlNodePtr k = cals ? cals->children : NULL; k; k = k->next) {
		if (!is_el(k, "Calendar"))
			continue;
		xmlNodePtr u = kid(k, "UID");
		char *s = u ? (char *)xmlNodeGetContent(u) : NULL;
		int match = s && strtol(s, NULL, 10) == uid;
		xmlFree(s);
		if (match)
			return k;
	}
	return NULL;
}

/* One non-working period: `holiday FROM..TO "Name"` on b. A ToDate at
 * midnight ends the day before (the period is [From, To)); MS Project
 * writes 23:59. Working exceptions are noted, not imported. */
static int exception(ictx *c, xmlNodePtr ex, xmlNodePtr tp, const char *whose, bt_buf *b, long *nhol)
{
	int working = 0, r;
	if ((r = get_bool(c, ex, "DayWorking", &working)) < 0)
		return r;
	char *name = NULL;
	xmlNodePtr nm = kid(ex, "Name");
	if (nm && text_of(c, nm, &name))
		return -2;
	bt_date from, to;
	int fm = 0, tm = 0;
	if ((r = get_datetime(c, tp, "FromDate", &from, &fm)) <= 0 ||
	    (r = get_datetime(c, tp, "ToDate", &to, &tm)) <= 0) {
		xmlFree(name);
		if (r == 0)
			return fail(c, tp, "give both <FromDate> and <ToDate>",
				    "calendar exception without <FromDate> or <ToDate>");
		return r;
	}
	if (tm == 0 && to > from)
		to--;
	long type = 1;
	if ((r = get_long(c, ex, "Type", 0, 100, &type)) < 0) {
		xmlFree(name);
		return r;
	}
	long period = 1;
	if ((r = get_long(c, ex, "Period", 0, 100000, &period)) < 0) {
		xmlFree(name);
		return r;
	}
	if (to < from) {
		xmlFree(name);
		return fail(c, tp, "swap <FromDate> and <ToDate>", "calendar exception ends before it starts");
	}
	if (working) {
		note(c, "dropped: working exception%s%s%s of %s (line %ld): baton has no extra working days",
		     name && *name ? " '" : "", name ? name : "", name && *name ? "'" : "", whose, xmlGetLineNo(ex));
	} else if (to - from >= 366) {
		/* The plan language's limit on one holiday range. */
		note(c, "dropped: exception%s%s%s of %s (line %ld) spans %ld days: a holiday is at most 366",
		     name && *name ? " '" : "", name ? name : "", name && *name ? "'" : "", whose, xmlGetLineNo(ex),
		     (long)(to - from + 1));
	} else if ((type != 1 && type != 7 && type != 0) || period > 1) {
		/* Daily (1) and "by day count" (7) every day: every day of the
		 * period. Weekly, monthly and yearly rules are not expanded. */
		note(c, "dropped: recurring exception%s%s%s of %s (line %ld, Type %ld): add its days as holidays",
		     name && *name ? " '" : "", name ? name : "", name && *name ? "'" : "", whose, xmlGetLineNo(ex),
		     type);
	} else {
		bt_buf_puts(b, "  holiday ");
		put_date(b, from);
		if (to != from) {
			bt_buf_puts(b, "..");
			put_date(b, to);
		}
		if (name && *name) {
			bt_buf_putc(b, ' ');
			bt_buf_put_plan_string(b, name);
		}
		bt_buf_putc(b, '\n');
		(*nhol)++;
	}
	xmlFree(name);
	return 0;
}

/* The holidays of a calendar (both the 2007 <Exceptions> and the older
 * <WeekDay> with DayType 0), and its working weekdays into *week (0 when
 * it lists none). */
static int calendar_days(ictx *c, xmlNodePtr cal, const char *whose, bt_buf *b, long *nhol, uint8_t *week)
{
	*week = 0;
	int r;
	xmlNodePtr wds = kid(cal, "WeekDays");
	for (xmlNodePtr wd = wds ? wds->children : NULL; wd; wd = wd->next) {
		if (!is_el(wd, "WeekDay"))
			continue;
		long type;
		if ((r = get_long(c, wd, "DayType", 0, 7, &type)) < 0)
			return r;
		if (r == 0)
			return fail(c, wd, "add <DayType>: 1 Sunday ... 7 Saturday, 0 an exception",
				    "<WeekDay> without <DayType>");
		if (type == 0) {
			xmlNodePtr tp = kid(wd, "TimePeriod");
			if (tp && (r = exception(c, wd, tp, whose, b, nhol)) < 0)
				return r;
			continue;
		}
		int working = 0;
		if ((r = get_bool(c, wd, "DayWorking", &working)) < 0)
			return r;
		/* DayType 1 is Sunday; baton's bit 0 is Monday. */
		if (working)
			*week |= (uint8_t)(1u << ((type + 5) % 7));
		else
			*week |= 0x80; /* listed, not working: remembered below */
	}
	xmlNodePtr exs = kid(cal, "Exceptions");
	for (xmlNodePtr ex = exs ? exs->children : NULL; ex; ex = ex->next) {
		if (!is_el(ex, "Exception"))
			continue;
		xmlNodePtr tp = kid(ex, "TimePeriod");
		if (!tp)
			return fail(c, ex, "add <TimePeriod> with <FromDate> and <ToDate>",
				    "calendar exception without <TimePeriod>");
		if ((r = exception(c, ex, tp, whose, b, nhol)) < 0)
			return r;
	}
	if (kid(cal, "WorkWeeks"))
		note(c, "dropped: alternate work weeks of %s (<WorkWeeks>, line %ld): one workweek per plan", whose,
		     xmlGetLineNo(kid(cal, "WorkWeeks")));
	return 0;
}

/*=============================== Tasks ==============================*/

static void free_ctx(ictx *c)
{
	for (size_t i = 0; i < c->nt; i++) {
		xmlFree(c->t[i].name);
		bt_free(c->t[i].ws);
	}
	for (size_t i = 0; i < c->nr; i++)
		xmlFree(c->r[i].name);
	bt_free(c->t);
	bt_free(c->r);
	ids_reset(c);
	bt_buf_release(&c->notes);
}

static int cmp_uid(const void *a, const void *b, const mtask *t)
{
	long x = t[*(const size_t *)a].uid, y = t[*(const size_t *)b].uid;
	return (x > y) - (x < y);
}

/* qsort has no context argument: the tasks being sorted. */
static _Thread_local const mtask *sort_tasks;
static int cmp_uid_q(const void *a, const void *b)
{
	return cmp_uid(a, b, sort_tasks);
}

/* The task of a UID through the sorted index, or -1. */
static long find_uid(const ictx *c, const size_t *by_uid, long uid)
{
	size_t lo = 0, hi = c->nt;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		long u = c->t[by_uid[mid]].uid;
		if (u == uid)
			return (long)by_uid[mid];
		if (u < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static const char *task_kind(const mtask *t)
{
	return t->milestone ? "milestone" : "task";
}

/* A link's lag in working days from LinkLag (tenths of a minute) and
 * LagFormat. *days; returns 0, or 1 when it was rounded or converted
 * (noted by the caller with `why`). Percent lags give 2: not imported. */
static int lag_days(const ictx *c, long lag, long fmt, long long *days, const char **why)
{
	*why = NULL;
	if (fmt == 19 || fmt == 20 || fmt == 51 || fmt == 52) {
		*days = 0;
		*why = "a percent lag, which baton does not have";
		return 2;
	}
	int elapsed = (fmt >= 4 && fmt <= 12 && fmt % 2 == 0) || (fmt >= 36 && fmt <= 44 && fmt % 2 == 0);
	double d;
	if (elapsed) {
		/* Elapsed time runs 24 hours a day, 7 days a week: calendar
		 * days, as working days at the plan's share of them. */
		int per_week = 0;
		for (int i = 0; i < 7; i++)
			per_week += (c->week >> i) & 1;
		d = (double)lag / 14400.0 * per_week / 7.0;
		*why = "an elapsed lag, converted from calendar days to working days";
	} else {
		d = (double)lag / (10.0 * (double)c->mpd);
	}
	double r = floor(d + 0.5);
	if (!*why && r != d)
		*why = "not a whole number of days, rounded to the nearest";
	if (r > MAX_DAYS)
		r = MAX_DAYS;
	if (r < -MAX_DAYS)
		r = -MAX_DAYS;
	*days = (long long)r;
	return *why != NULL;
}

static const char *const link_kw[4] = {" ff", "", " sf", " ss"}; /* by Type: 0 FF 1 FS 2 SF 3 SS */

/* The `after` line of task i: every PredecessorLink that can be kept. */
static int links(ictx *c, size_t i, const size_t *by_uid, bt_buf *b, long *nlinks)
{
	mtask *t = &c->t[i];
	int first = 1, r;
	for (xmlNodePtr pl = t->node->children; pl; pl = pl->next) {
		if (!is_el(pl, "PredecessorLink"))
			continue;
		long puid, type = 1, lag = 0, fmt = 7;
		if ((r = get_long(c, pl, "PredecessorUID", -2147483647L - 1, 2147483647L, &puid)) < 0)
			return r;
		if (r == 0)
			return fail(c, pl, "add <PredecessorUID> with the UID of the predecessor",
				    "<PredecessorLink> without <PredecessorUID>");
		if ((r = get_long(c, pl, "Type", 0, 3, &type)) < 0 ||
		    (r = get_long(c, pl, "LinkLag", -2000000000L, 2000000000L, &lag)) < 0 ||
		    (r = get_long(c, pl, "LagFormat", 3, 53, &fmt)) < 0)
			return r;
		int cross = 0;
		if ((r = get_bool(c, pl, "CrossProject", &cross)) < 0)
			return r;
		long line = xmlGetLineNo(pl);
		long p = find_uid(c, by_uid, puid);
		if (cross) {
			note(c, "dropped: link of %s '%s' to another project (line %ld)", task_kind(t), t->id, line);
			continue;
		}
		if (p < 0) {
			note(c, "dropped: link of %s '%s' to UID %ld (line %ld): no such task", task_kind(t), t->id, puid,
			     line);
			continue;
		}
		mtask *pt = &c->t[p];
		if (pt->skip || pt->summary) {
			note(c, "dropped: link of %s '%s' from %s UID %ld (line %ld): link its tasks instead", task_kind(t),
			     t->id, pt->summary ? "summary task" : "inactive task", puid, line);
			continue;
		}
		if ((size_t)p == i) {
			note(c, "dropped: link of %s '%s' to itself (line %ld)", task_kind(t), t->id, line);
			continue;
		}
		/* The same predecessor twice: the plan allows one link. */
		int dup = 0;
		for (xmlNodePtr q = t->node->children; q != pl; q = q->next) {
			long u2;
			if (is_el(q, "PredecessorLink") && get_long(c, q, "PredecessorUID", -2147483647L - 1, 2147483647L, &u2) == 1 &&
			    u2 == puid)
				dup = 1;
		}
		if (dup) {
			note(c, "dropped: a second link of %s '%s' from '%s' (line %ld): the plan keeps the first",
			     task_kind(t), t->id, pt->id, line);
			continue;
		}
		long long days;
		const char *why;
		int conv = lag_days(c, lag, fmt, &days, &why);
		if (conv == 2)
			note(c, "dropped: the lag of %s '%s' after '%s' (line %ld, LagFormat %ld): %s; the link is kept "
				"without it",
			     task_kind(t), t->id, pt->id, line, fmt, why);
		else if (conv)
			note(c, "changed: lag of %s '%s' after '%s' (line %ld, LinkLag %ld, LagFormat %ld): %s: %+lldd",
			     task_kind(t), t->id, pt->id, line, lag, fmt, why, days);
		bt_buf_puts(b, first ? "  after " : ", ");
		bt_buf_puts(b, pt->id);
		bt_buf_puts(b, link_kw[type]);
		/* Weeks stay weeks when they are whole (LagFormat 9, 10, 41, 42). */
		int weeks = (fmt == 9 || fmt == 41) && days % 5 == 0 && days != 0;
		if (days)
			bt_buf_printf(b, " %c%lld%c", days < 0 ? '-' : '+', (days < 0 ? -days : days) / (weeks ? 5 : 1),
				      weeks ? 'w' : 'd');
		first = 0;
		(*nlinks)++;
	}
	if (!first)
		bt_buf_putc(b, '\n');
	return 0;
}

/*============================== Import ==============================*/

static int xml_error(ictx *c, xmlParserCtxtPtr px, unsigned long mark)
{
	if (bt_alloc_failures() != mark)
		return -2;
	const xmlError *e = xmlCtxtGetLastError(px);
	if (e && e->code == XML_ERR_NO_MEMORY)
		return -2;
	c->err->line = e ? e->line : 0;
	c->err->col = e ? e->int2 : 0;
	snprintf(c->err->msg, sizeof c->err->msg, "malformed XML: %s", e && e->message ? e->message : "parse error");
	size_t n = strlen(c->err->msg);
	while (n && (c->err->msg[n - 1] == '\n' || c->err->msg[n - 1] == ' '))
		c->err->msg[--n] = 0;
	snprintf(c->err->help, sizeof c->err->help,
		 "MS Project XML must be well-formed XML: save it again from MS Project or ProjectLibre as XML");
	return -1;
}

static int import_doc(ictx *c, xmlDocPtr doc, const char *name, bt_buf *out);

/* The input, handed to libxml2 a piece at a time. */
typedef struct mem_reader {
	const char *p;
	size_t left;
} mem_reader;

static int mem_read(void *ctx, char *buf, int n)
{
	mem_reader *m = ctx;
	size_t k = n < 0 ? 0 : (size_t)n;
	if (k > m->left)
		k = m->left;
	memcpy(buf, m->p, k);
	m->p += k;
	m->left -= k;
	return (int)k;
}

static int mem_close(void *ctx)
{
	(void)ctx;
	return 0;
}

int bt_mspdi_import(const char *text, size_t len, const char *name, bt_buf *plan, bt_buf *summary,
		    bt_mspdi_err *err)
{
	return bt_mspdi_import_dated(text, len, name, plan, summary, err, NULL);
}

int bt_mspdi_import_dated(const char *text, size_t len, const char *name, bt_buf *plan, bt_buf *summary,
			  bt_mspdi_err *err, bt_date *status_date)
{
	memset(err, 0, sizeof *err);
	if (status_date)
		*status_date = BT_DATE_NONE;
	bt_mspdi_init();
	ictx c;
	memset(&c, 0, sizeof c);
	c.err = err;
	c.sum = summary;
	c.text = text;
	c.len = len;
	c.notes = (bt_buf)BT_BUF_INIT;
	if (len > INT_MAX) {
		snprintf(err->msg, sizeof err->msg, "the file is too large for the XML reader (over 2 GiB)");
		return -1;
	}
	unsigned long mark = bt_alloc_failures();
	bt_mspdi_quiet(1);
	xmlParserCtxtPtr px = xmlNewParserCtxt();
	if (!px) {
		bt_mspdi_quiet(0);
		return -2;
	}
	/* NONET: nothing fetched. No NOENT, no DTDLOAD: entities are not
	 * substituted and no external subset is read. BIG_LINES: true line
	 * numbers past 65535. */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
	/* Read through callbacks, not xmlCtxtReadMemory: in libxml2 2.9.14
	 * that leaks its input buffer when an allocation fails
	 * (xmlParserInputBufferCreateMem frees the buffer's holder only). */
	mem_reader mr = {text, len};
	xmlDocPtr doc = xmlCtxtReadIO(px, mem_read, mem_close, &mr, "mspdi.xml", NULL, opts);
	int rc;
	if (!doc) {
		rc = xml_error(&c, px, mark);
	} else if (bt_alloc_failures() != mark) {
		/* libxml2 recovers from some failed allocations by dropping
		 * what it was building: never import such a tree. */
		rc = -2;
	} else {
		c.status_date = BT_DATE_NONE;
		rc = import_doc(&c, doc, name, plan);
		if (c.oom || plan->oom || c.notes.oom || summary->oom)
			rc = -2;
		if (!rc && status_date)
			*status_date = c.status_date;
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(px);
	free_ctx(&c);
	/* Any allocation that failed on the way (libxml2 absorbs some, a
	 * lookup may have come back empty) fails the import: never a plan
	 * that differs from the file. */
	if (bt_alloc_failures() != mark)
		rc = -2;
	bt_mspdi_quiet(0);
	return rc;
}

/* An assignment: a resource's units on a task. */
typedef struct asg {
	size_t task, res;
	int32_t units;
} asg;

/* What the steps of import_doc share: the document's facts as they are
 * read, then the plan's parts as they are written. */
typedef struct mdoc {
	xmlNodePtr proj, tasks, res;
	char *title;
	bt_date start, status, commit;   /* BT_DATE_NONE: not given */
	int status_given;                /* Project/StatusDate was there */
	long commit_line;                /* the summary task's Deadline */
	long id_field;                   /* the "baton id" field, or -1 */
	long cal_uid;                    /* the project calendar, or -1 */
	size_t *by_uid;                  /* task indexes by UID */
	asg *as;                         /* work assignments, merged */
	size_t na;
	char unassigned[72];             /* the team of tasks with no resource */
	int need_unassigned;
	bt_buf progcal, teams, body, stat;
	long nhol, nteams, ntasks, nms, nws, nlinks, nstat;
} mdoc;

/* The project: its settings, the id field, the program calendar. */
static int doc_project(ictx *c, xmlDocPtr doc, mdoc *d)
{
	int r;
	if (doc->intSubset || doc->extSubset) {
		fail(c, NULL, "remove the <!DOCTYPE ...>: MSPDI files have none",
		     "a DOCTYPE is not allowed in MS Project XML (entities are not expanded)");
		/* The DTD node has no line: the line of "<!DOCTYPE". */
		int line = 1;
		for (size_t i = 0; i + 9 <= c->len; i++) {
			if (!memcmp(c->text + i, "<!DOCTYPE", 9)) {
				c->err->line = line;
				break;
			}
			line += c->text[i] == '\n';
		}
		return -1;
	}
	d->proj = xmlDocGetRootElement(doc);
	if (!d->proj || !is_el(d->proj, "Project"))
		return fail(c, d->proj, "the root element must be <Project xmlns=\"" NS "\">",
			    "this is not MS Project XML: expected <Project> in the namespace " NS);

	/* Project settings. */
	long mpd = 480;
	if ((r = get_long(c, d->proj, "MinutesPerDay", 1, 1440, &mpd)) < 0)
		return r;
	c->mpd = mpd;
	xmlNodePtr tn = kid(d->proj, "Title");
	if (!tn)
		tn = kid(d->proj, "Name");
	if (tn && text_of(c, tn, &d->title))
		return -2;
	if ((r = get_datetime(c, d->proj, "StartDate", &d->start, NULL)) < 0 ||
	    (r = get_datetime(c, d->proj, "StatusDate", &d->status, NULL)) < 0) {
		return r;
	}
	if (r == 0)
		d->status = BT_DATE_NONE;
	d->status_given = d->status != BT_DATE_NONE;
	c->status_date = d->status;

	/* The field the export keeps baton's ids in: a Text field with the
	 * alias "baton id" (Project/ExtendedAttributes). */
	xmlNodePtr eas = kid(d->proj, "ExtendedAttributes");
	for (xmlNodePtr ea = eas ? eas->children : NULL; ea; ea = ea->next) {
		if (!is_el(ea, "ExtendedAttribute"))
			continue;
		xmlNodePtr al = kid(ea, "Alias");
		char *s = NULL;
		if (al && text_of(c, al, &s))
			return -2;
		long fid;
		if (s && !strcmp(s, "baton id") && get_long(c, ea, "FieldID", 0, 2147483647L, &fid) == 1)
			d->id_field = fid;
		xmlFree(s);
	}

	/* The project calendar: its working weekdays and holidays. */
	c->week = BT_WEEK_MON_FRI;
	if ((r = get_long(c, d->proj, "CalendarUID", -2147483647L - 1, 2147483647L, &d->cal_uid)) < 0)
		return r;
	xmlNodePtr pcal = r ? calendar(d->proj, d->cal_uid) : NULL;
	if (r && !pcal)
		note(c, "the project calendar (UID %ld) is not in the file: Monday to Friday, no holidays", d->cal_uid);
	if (pcal) {
		uint8_t wk;
		if ((r = calendar_days(c, pcal, "the project calendar", &d->progcal, &d->nhol, &wk)) < 0)
			return r;
		if (wk & 0x7f)
			c->week = wk & 0x7f;
		else if (wk)
			note(c, "the project calendar has no working weekday: Monday to Friday assumed");
	}
	return 0;
}

/* Tasks, in file order, with the project summary task's deadline; which
 * are summaries; no UID twice. */
static int read_tasks(ictx *c, mdoc *d)
{
	int r;
	d->tasks = kid(d->proj, "Tasks");
	size_t cap = 0;
	for (xmlNodePtr k = d->tasks ? d->tasks->children : NULL; k; k = k->next)
		if (is_el(k, "Task"))
			cap++;
	d->res = kid(d->proj, "Resources");
	size_t rcap = 0;
	for (xmlNodePtr k = d->res ? d->res->children : NULL; k; k = k->next)
		if (is_el(k, "Resource"))
			rcap++;
	c->t = bt_calloc(cap + 1, sizeof *c->t);
	c->r = bt_calloc(rcap + 1, sizeof *c->r);
	d->by_uid = bt_calloc(cap + 1, sizeof *d->by_uid);
	if (!c->t || !c->r || !d->by_uid)
		return -2;
	for (xmlNodePtr k = d->tasks ? d->tasks->children : NULL; k; k = k->next) {
		if (!is_el(k, "Task"))
			continue;
		mtask *t = &c->t[c->nt];
		t->node = k;
		if ((r = get_long(c, k, "UID", 0, 2147483647L, &t->uid)) <= 0) {
			if (r == 0)
				r = fail(c, k, "every <Task> needs a <UID>, unique in the file", "<Task> without <UID>");
			return r;
		}
		c->nt++;
		long lvl = 1;
		int isnull = 0, active = 1;
		if ((r = get_long(c, k, "OutlineLevel", 0, 1000, &lvl)) < 0 ||
		    (r = get_bool(c, k, "Milestone", &t->milestone)) < 0 || (r = get_bool(c, k, "IsNull", &isnull)) < 0 ||
		    (r = get_bool(c, k, "Active", &active)) < 0)
			return r;
		t->level = lvl;
		xmlNodePtr nm = kid(k, "Name");
		if (nm && text_of(c, nm, &t->name))
			return -2;
		if ((r = get_duration(c, k, "Duration", &t->dur_s)) < 0)
			return r;
		t->has_dur = r;
		if (t->uid == 0 || lvl == 0) {
			/* The project summary task: its deadline is the
			 * program's commitment. */
			t->skip = 1;
			if ((r = get_datetime(c, k, "Deadline", &d->commit, NULL)) < 0)
				return r;
			if (r)
				d->commit_line = xmlGetLineNo(k);
			else
				d->commit = BT_DATE_NONE;
		} else if (isnull) {
			t->skip = 1;
		} else if (!active) {
			t->skip = 1;
			note(c, "dropped: inactive task '%s' (UID %ld, line %ld)", t->name ? t->name : "", t->uid,
			     xmlGetLineNo(k));
		}
	}
	/* Summary tasks: those followed by a deeper task (the outline, not
	 * the Summary flag, which some writers leave out). */
	for (size_t i = 0; i < c->nt; i++) {
		if (c->t[i].skip)
			continue;
		for (size_t j = i + 1; j < c->nt; j++) {
			if (c->t[j].skip)
				continue;
			c->t[i].summary = c->t[j].level > c->t[i].level;
			break;
		}
	}
	for (size_t i = 0; i < c->nt; i++)
		d->by_uid[i] = i;
	sort_tasks = c->t;
	qsort(d->by_uid, c->nt, sizeof *d->by_uid, cmp_uid_q);
	for (size_t i = 1; i < c->nt; i++)
		if (c->t[d->by_uid[i]].uid == c->t[d->by_uid[i - 1]].uid) {
			mtask *a = &c->t[d->by_uid[i - 1]], *b = &c->t[d->by_uid[i]];
			mtask *later = a->node->line > b->node->line ? a : b, *earlier = later == a ? b : a;
			char help[96];
			snprintf(help, sizeof help, "give each task its own UID (the first is on line %ld)",
				 xmlGetLineNo(earlier->node));
			r = fail(c, kid(later->node, "UID"), help, "UID %ld is used by two tasks", later->uid);
			return r;
		}
	return 0;
}

/* Workstreams: the names of the enclosing summary tasks. */
static int workstreams(ictx *c, mdoc *d)
{
	long stack_lvl[64];
	const char *stack_name[64];
	int depth = 0;
	for (size_t i = 0; i < c->nt; i++) {
		mtask *t = &c->t[i];
		if (t->skip)
			continue;
		while (depth && stack_lvl[depth - 1] >= t->level)
			depth--;
		if (depth) {
			bt_buf w = BT_BUF_INIT;
			for (int j = 0; j < depth; j++) {
				if (j)
					bt_buf_puts(&w, " / ");
				bt_buf_puts(&w, stack_name[j]);
			}
			if (w.oom) {
				bt_buf_release(&w);
				return -2;
			}
			t->ws = bt_buf_detach(&w, NULL);
			if (!t->ws)
				return -2;
		}
		if (t->summary) {
			d->nws++;
			if (depth < 64) {
				stack_lvl[depth] = t->level;
				stack_name[depth++] = t->name && *t->name ? t->name : "(unnamed)";
			}
		}
	}
	return 0;
}

/* Ids: the export's own where the file has them, else from names. */
static int task_ids(ictx *c, mdoc *d)
{
	int r;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->nt; i++) {
			mtask *t = &c->t[i];
			if (t->skip || t->summary)
				continue;
			if (pass == 0) {
				if (d->id_field < 0)
					continue;
				for (xmlNodePtr ea = t->node->children; ea; ea = ea->next) {
					long fid;
					if (!is_el(ea, "ExtendedAttribute") ||
					    get_long(c, ea, "FieldID", 0, 2147483647L, &fid) != 1 || fid != d->id_field)
						continue;
					xmlNodePtr v = kid(ea, "Value");
					char *s = NULL;
					if (v && text_of(c, v, &s))
						return -2;
					if (s && valid_id(s) && strlen(s) < sizeof t->id) {
						strcpy(t->id, s);
						if ((r = id_taken(c, t->id, 0)) == 0)
							r = id_taken(c, t->id, 1);
						if (r < 0) {
							xmlFree(s);
							return r;
						}
						if (r == 1)
							t->id[0] = 0;
					}
					xmlFree(s);
				}
				continue;
			}
			if (t->id[0])
				continue;
			char fb[32];
			snprintf(fb, sizeof fb, "%c%ld", t->milestone ? 'm' : 't', t->uid);
			if (make_id(c, t->name, fb, t->id) < 0)
				return -2;
		}
	}
	ids_reset(c);
	return 0;
}

/* Resources: one team per work resource. */
static int read_resources(ictx *c, mdoc *d)
{
	int r;
	for (xmlNodePtr k = d->res ? d->res->children : NULL; k; k = k->next) {
		if (!is_el(k, "Resource"))
			continue;
		mres *m = &c->r[c->nr];
		long type = 1;
		int isnull = 0;
		double maxu = 1.0;
		if ((r = get_long(c, k, "UID", -2147483647L - 1, 2147483647L, &m->uid)) <= 0) {
			if (r == 0)
				r = fail(c, k, "every <Resource> needs a <UID>", "<Resource> without <UID>");
			return r;
		}
		c->nr++;
		m->cal_uid = -1;
		if ((r = get_long(c, k, "Type", 0, 2, &type)) < 0 || (r = get_bool(c, k, "IsNull", &isnull)) < 0 ||
		    (r = get_units(c, k, "MaxUnits", &maxu)) < 0 ||
		    (r = get_long(c, k, "CalendarUID", -2147483647L - 1, 2147483647L, &m->cal_uid)) < 0)
			return r;
		xmlNodePtr nm = kid(k, "Name");
		if (nm && text_of(c, nm, &m->name))
			return -2;
		m->cap = units_tenths(maxu);
		if (isnull || (m->uid == 0 && (!m->name || !*m->name)))
			continue; /* the blank resource MS Project writes first */
		if (type != 1) {
			note(c, "dropped: %s resource '%s' (UID %ld): only people become teams",
			     type == 0 ? "material" : "cost", m->name ? m->name : "", m->uid);
			continue;
		}
		m->work = 1;
	}
	for (size_t i = 0; i < c->nr; i++) {
		if (!c->r[i].work)
			continue;
		char fb[32];
		snprintf(fb, sizeof fb, "r%ld", c->r[i].uid);
		if (make_id(c, c->r[i].name, fb, c->r[i].id) < 0)
			return -2;
	}
	if (make_id(c, "unassigned", "unassigned", d->unassigned) < 0)
		return -2;
	ids_reset(c);
	return 0;
}

/* Assignments, per task: its team (the first assignment's) and its
 * needs. */
static int read_assignments(ictx *c, mdoc *d)
{
	int r;
	xmlNodePtr asgs = kid(d->proj, "Assignments");
	size_t acap = 0;
	for (xmlNodePtr k = asgs ? asgs->children : NULL; k; k = k->next)
		if (is_el(k, "Assignment"))
			acap++;
	d->as = bt_calloc(acap + 1, sizeof *d->as);
	if (!d->as)
		return -2;
	for (xmlNodePtr k = asgs ? asgs->children : NULL; k; k = k->next) {
		if (!is_el(k, "Assignment"))
			continue;
		long tu, ru;
		double units = 1.0;
		if ((r = get_long(c, k, "TaskUID", -2147483647L - 1, 2147483647L, &tu)) < 0 ||
		    (r == 1 && (r = get_long(c, k, "ResourceUID", -2147483647L - 1, 2147483647L, &ru)) < 0) ||
		    (r == 1 && (r = get_units(c, k, "Units", &units)) < 0)) {
			return r;
		}
		if (!kid(k, "TaskUID") || !kid(k, "ResourceUID")) {
			r = fail(c, k, "an <Assignment> names a <TaskUID> and a <ResourceUID>",
				 "<Assignment> without <TaskUID> or <ResourceUID>");
			return r;
		}
		long ti = find_uid(c, d->by_uid, tu);
		size_t ri = 0;
		while (ri < c->nr && c->r[ri].uid != ru)
			ri++;
		if (ru < 0 || (ri < c->nr && !c->r[ri].work && c->r[ri].uid == 0))
			continue; /* MS Project's "unassigned" resource -65535 */
		if (ti < 0 || ri == c->nr) {
			note(c, "dropped: assignment on line %ld: %s UID %ld is not in the file", xmlGetLineNo(k),
			     ti < 0 ? "task" : "resource", ti < 0 ? tu : ru);
			continue;
		}
		if (!c->r[ri].work || c->t[ti].skip || c->t[ti].summary || c->t[ti].milestone)
			continue;
		int32_t u = units_tenths(units);
		/* Two assignments of one resource to one task add up. */
		size_t j = 0;
		while (j < d->na && !(d->as[j].task == (size_t)ti && d->as[j].res == ri))
			j++;
		if (j == d->na) {
			d->as[d->na].task = (size_t)ti;
			d->as[d->na].res = ri;
			d->as[d->na++].units = u;
		} else {
			d->as[j].units += u;
		}
	}
	for (size_t j = 0; j < d->na; j++) {
		mres *m = &c->r[d->as[j].res];
		m->used = 1;
		if (d->as[j].units > m->maxneed)
			m->maxneed = d->as[j].units;
	}
	return 0;
}

/* The program start: the file's, or earlier when work started before it
 * (a plan's actuals may not come before its start). */
static int program_start(ictx *c, mdoc *d)
{
	int r;
	for (size_t i = 0; i < c->nt; i++) {
		mtask *t = &c->t[i];
		if (t->skip || t->summary)
			continue;
		bt_date day;
		const char *f[3] = {"ActualStart", "ActualFinish", "Start"};
		for (int x = 0; x < 3; x++) {
			if ((r = get_datetime(c, t->node, f[x], &day, NULL)) < 0)
				return r;
			if (r && x < 2 && d->start != BT_DATE_NONE && day < d->start) {
				char s[11];
				bt_date_format(day, s);
				note(c, "changed: the program starts on %s, the first actual date (task '%s'), not on the "
					"project's StartDate",
				     s, t->id);
				d->start = day;
			}
			if (r && d->start == BT_DATE_NONE)
				d->start = day;
		}
	}
	if (d->start == BT_DATE_NONE) {
		r = fail(c, d->proj, "add <StartDate>2027-01-04T08:00:00</StartDate> to <Project>",
			 "the project has no <StartDate> and no task has a <Start>");
		return r;
	}
	return 0;
}

/* Teams, with their calendars. */
static int write_teams(ictx *c, mdoc *d)
{
	int r;
	for (size_t i = 0; i < c->nr; i++) {
		mres *m = &c->r[i];
		if (!m->work)
			continue;
		int32_t tcap = m->cap;
		if (m->maxneed > tcap) {
			note(c, "changed: team '%s' has capacity %d.%d, not its MaxUnits %d.%d: a task is assigned that many",
			     m->id, (int)(m->maxneed / 10), (int)(m->maxneed % 10), (int)(tcap / 10), (int)(tcap % 10));
			tcap = m->maxneed;
		}
		if (tcap <= 0)
			tcap = 10;
		bt_buf_printf(&d->teams, "team %s ", m->id);
		bt_buf_put_plan_string(&d->teams, m->name ? m->name : "");
		bt_buf_puts(&d->teams, " capacity ");
		put_people(&d->teams, tcap);
		bt_buf_printf(&d->teams, "  # source resource UID %ld\n", m->uid);
		d->nteams++;
		if (m->cal_uid >= 0 && m->cal_uid != d->cal_uid) {
			xmlNodePtr rc = calendar(d->proj, m->cal_uid);
			if (rc) {
				char whose[120];
				snprintf(whose, sizeof whose, "team '%s'", m->id);
				long nh = 0;
				uint8_t wk;
				if ((r = calendar_days(c, rc, whose, &d->teams, &nh, &wk)) < 0)
					return r;
				if ((wk & 0x7f) && (wk & 0x7f) != c->week)
					note(c, "dropped: the working weekdays of team '%s' (its calendar, UID %ld): a "
						"team works the program's week",
					     m->id, m->cal_uid);
			}
		}
	}
	return 0;
}

/* Task or milestone i: its declaration, links and status. */
/* Task i's team and needs (the first assignment's team does the work;
 * the others lend people), workstream, deadline and constraint. has_dl:
 * the file gave it the deadline dl. */
static int write_work(ictx *c, mdoc *d, size_t i, xmlNodePtr k, long line, long long days, int has_dl, bt_date dl)
{
	const mtask *t = &c->t[i];
	int r;
	d->ntasks++;
	size_t first = d->na;
	int nassign = 0;
	for (size_t j = 0; j < d->na; j++)
		if (d->as[j].task == i) {
			if (first == d->na)
				first = j;
			nassign++;
		}
	if (first == d->na) {
		d->need_unassigned = 1;
		bt_buf_printf(&d->body, "  team %s  estimate %lldd  needs 0\n", d->unassigned, days);
	} else if (nassign == 1) {
		bt_buf_printf(&d->body, "  team %s  estimate %lldd", c->r[d->as[first].res].id, days);
		if (d->as[first].units != 10) {
			bt_buf_puts(&d->body, "  needs ");
			put_people(&d->body, d->as[first].units);
		}
		bt_buf_putc(&d->body, '\n');
	} else {
		bt_buf_printf(&d->body, "  team %s  estimate %lldd  needs", c->r[d->as[first].res].id, days);
		int any = 0;
		for (size_t j = first; j < d->na; j++) {
			if (d->as[j].task != i || !d->as[j].units)
				continue;
			bt_buf_printf(&d->body, " %s:", c->r[d->as[j].res].id);
			put_people(&d->body, d->as[j].units);
			any = 1;
		}
		if (!any)
			bt_buf_puts(&d->body, " 0");
		bt_buf_putc(&d->body, '\n');
	}
	if (t->ws) {
		bt_buf_puts(&d->body, "  workstream ");
		bt_buf_put_plan_string(&d->body, t->ws);
		bt_buf_putc(&d->body, '\n');
	}
	long ct = 0;
	bt_date cd;
	if ((r = get_long(c, k, "ConstraintType", 0, 7, &ct)) < 0 ||
	    (r = get_datetime(c, k, "ConstraintDate", &cd, NULL)) < 0)
		return r;
	if (has_dl && dl < d->start)
		note(c, "dropped: the deadline of task '%s' (line %ld) is before the program starts", t->id,
		     line);
	else if (has_dl && ct == 4 && r && dl < cd)
		note(c, "dropped: the deadline of task '%s' (line %ld) is before its start-no-earlier-than "
			"date",
		     t->id, line);
	else if (has_dl) {
		bt_buf_puts(&d->body, "  deadline ");
		put_date(&d->body, dl);
		bt_buf_putc(&d->body, '\n');
	}
	/* 4 = Start No Earlier Than (0 is As Soon As Possible). */
	if (ct == 4 && r) {
		bt_buf_puts(&d->body, "  not-before ");
		put_date(&d->body, cd);
		bt_buf_putc(&d->body, '\n');
	} else if (ct != 0) {
		static const char *const cname[8] = {"", "as late as possible", "must start on",
						     "must finish on", "", "start no later than",
						     "finish no earlier than", "finish no later than"};
		note(c, "dropped: the constraint '%s' of task '%s' (line %ld): baton has not-before only",
		     ct == 4 ? "start no earlier than, without a date" : cname[ct], t->id, line);
	}
	return 0;
}

/* Task or milestone i's status: actual dates and progress. */
static int write_status(ictx *c, mdoc *d, const mtask *t, xmlNodePtr k, long line)
{
	int r;
	bt_date as0, af;
	int has_as, has_af;
	long pct = 0;
	long long rem = 0;
	int has_rem;
	if ((has_as = get_datetime(c, k, "ActualStart", &as0, NULL)) < 0 ||
	    (has_af = get_datetime(c, k, "ActualFinish", &af, NULL)) < 0 ||
	    (r = get_long(c, k, "PercentComplete", 0, 100, &pct)) < 0 ||
	    (has_rem = get_duration(c, k, "RemainingDuration", &rem)) < 0) {
		r = -1;
		if (c->oom)
			r = -2;
		return r;
	}
	r = 0;
	if (t->milestone) {
		if (has_af || has_as)
			note(c, "dropped: the actual date of milestone '%s' (line %ld): a milestone is reached when "
				"its work is done",
			     t->id, line);
		return 0;
	}
	if (has_af && has_as && af < as0) {
		r = fail(c, kid(k, "ActualFinish"), "the actual finish must be on or after the actual start",
			 "task finished before it started");
		return r;
	}
	if (has_as) {
		bt_buf_printf(&d->stat, "  %s started ", t->id);
		put_date(&d->stat, as0);
		if (!has_af) {
			long long per = 60LL * c->mpd;
			if (has_rem && rem >= 0)
				bt_buf_printf(&d->stat, " remaining %lldd", (rem + per - 1) / per);
			else if (pct > 0)
				bt_buf_printf(&d->stat, " percent %ld%%", pct);
		}
		bt_buf_putc(&d->stat, '\n');
		if (d->status == BT_DATE_NONE || as0 > d->status)
			d->status = as0;
		d->nstat++;
	}
	if (has_af) {
		bt_buf_printf(&d->stat, "  %s done ", t->id);
		put_date(&d->stat, af);
		bt_buf_putc(&d->stat, '\n');
		if (d->status == BT_DATE_NONE || af > d->status)
			d->status = af;
		d->nstat += !has_as;
	} else if (!has_as && pct > 0) {
		note(c, "dropped: %ld%% complete on task '%s' (line %ld) without an <ActualStart>", pct, t->id, line);
	}
	return 0;
}

static int write_task(ictx *c, mdoc *d, size_t i)
{
	int r;
	mtask *t = &c->t[i];
	if (t->skip || t->summary) {
		if (t->summary && kid(t->node, "PredecessorLink"))
			note(c, "dropped: the links of summary task '%s' (UID %ld): link its tasks instead",
			     t->name ? t->name : "", t->uid);
		return 0;
	}
	xmlNodePtr k = t->node;
	long line = xmlGetLineNo(k);
	long long days = 0;
	if (t->has_dur) {
		if (t->dur_s < 0) {
			r = fail(c, kid(k, "Duration"), "write a duration of 0 or more", "negative duration");
			return r;
		}
		long long per = 60LL * c->mpd;
		days = (t->dur_s + per - 1) / per;
		if (days > MAX_DAYS) {
			r = fail(c, kid(k, "Duration"), "durations are at most 100000000 days",
				 "duration too large");
			return r;
		}
		if (t->dur_s % per && !t->milestone)
			note(c, "changed: the duration of task '%s' (line %ld) is not whole days of %ld hours: "
				"rounded up to %lldd",
			     t->id, line, c->mpd / 60, days);
	}
	bt_buf_printf(&d->body, "%s %s", t->milestone ? "milestone" : "task", t->id);
	if (t->name && *t->name) {
		bt_buf_putc(&d->body, ' ');
		bt_buf_put_plan_string(&d->body, t->name);
	}
	/* The UID as the `source` attribute: `baton sync mspdi` matches
	 * the tasks of a newer file on it (docs/interop.md). */
	bt_buf_printf(&d->body, "\n  source \"UID:%ld\"\n", t->uid);
	bt_date dl = BT_DATE_NONE;
	if ((r = get_datetime(c, k, "Deadline", &dl, NULL)) < 0)
		return r;
	if (t->milestone) {
		d->nms++;
		if (days > 0)
			note(c, "changed: milestone '%s' (line %ld) has a duration of %lldd: a milestone has none",
			     t->id, line, days);
		if (r && dl < d->start)
			note(c, "dropped: the deadline of milestone '%s' (line %ld) is before the program starts",
			     t->id, line);
		else if (r) {
			bt_buf_puts(&d->body, "  commit ");
			put_date(&d->body, dl);
			bt_buf_putc(&d->body, '\n');
		}
	} else if ((r = write_work(c, d, i, k, line, days, r, dl)) < 0) {
		return r;
	}
	if ((r = links(c, i, d->by_uid, &d->body, &d->nlinks)) < 0)
		return r;
	return write_status(c, d, t, k, line);
}

/* The plan, then the summary. */
static void write_plan(ictx *c, mdoc *d, const char *name, bt_buf *out)
{
	bt_buf_printf(out, "program %s ", name);
	bt_buf_put_plan_string(out, d->title && *d->title ? d->title : name);
	bt_buf_puts(out, "\n  start ");
	put_date(out, d->start);
	bt_buf_putc(out, '\n');
	if (d->commit != BT_DATE_NONE) {
		if (d->commit < d->start) {
			note(c, "dropped: the project's deadline (line %ld) is before it starts", d->commit_line);
		} else {
			bt_buf_puts(out, "  commit ");
			put_date(out, d->commit);
			bt_buf_putc(out, '\n');
		}
	}
	if (c->week != BT_WEEK_MON_FRI) {
		static const char *const day[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
		bt_buf_puts(out, "  workweek");
		for (int wd = 0; wd < 7; wd++)
			if (c->week & (1u << wd))
				bt_buf_printf(out, " %s", day[wd]);
		bt_buf_putc(out, '\n');
	}
	bt_buf_add(out, d->progcal.s, d->progcal.len);
	bt_buf_add(out, d->teams.s, d->teams.len);
	if (d->need_unassigned) {
		bt_buf_printf(out, "team %s \"Unassigned\" capacity 1  # tasks with no resource; they need nobody\n",
			      d->unassigned);
		d->nteams++;
	}
	bt_buf_add(out, d->body.s, d->body.len);
	if (d->stat.len) {
		bt_buf_puts(out, "status ");
		put_date(out, d->status);
		bt_buf_putc(out, '\n');
		bt_buf_add(out, d->stat.s, d->stat.len);
	}

	/* The summary. */
#define PL(x) (x), (x) == 1 ? "" : "s"
	bt_buf_printf(c->sum, "imported %ld task%s, %ld milestone%s, %ld workstream%s (summary tasks), %ld team%s, "
			      "%ld link%s, %ld holiday%s",
		      PL(d->ntasks), PL(d->nms), PL(d->nws), PL(d->nteams), PL(d->nlinks), PL(d->nhol));
	if (d->nstat) {
		char s[11];
		bt_date_format(d->status, s);
		bt_buf_printf(c->sum, ", the status of %ld task%s as of %s%s", PL(d->nstat), s,
			      d->status_given ? "" : " (the latest actual date: the file has no StatusDate)");
	}
#undef PL
	bt_buf_printf(c->sum, "; %ld hours a day\n", c->mpd / 60);
	if (c->nnotes) {
		bt_buf_add(c->sum, c->notes.s, c->notes.len);
		if (c->nnotes > MAX_NOTES)
			bt_buf_printf(c->sum, "  ... and %ld more\n", c->nnotes - MAX_NOTES);
	}
}

static int import_doc(ictx *c, xmlDocPtr doc, const char *name, bt_buf *out)
{
	mdoc d = {.start = BT_DATE_NONE, .status = BT_DATE_NONE, .commit = BT_DATE_NONE, .id_field = -1,
		  .cal_uid = -1, .progcal = BT_BUF_INIT, .teams = BT_BUF_INIT, .body = BT_BUF_INIT,
		  .stat = BT_BUF_INIT};
	int r = doc_project(c, doc, &d);
	if (r >= 0)
		r = read_tasks(c, &d);
	if (r >= 0)
		r = workstreams(c, &d);
	if (r >= 0)
		r = task_ids(c, &d);
	if (r >= 0)
		r = read_resources(c, &d);
	if (r >= 0)
		r = read_assignments(c, &d);
	if (r >= 0)
		r = program_start(c, &d);
	if (r >= 0)
		r = write_teams(c, &d);
	for (size_t i = 0; r >= 0 && i < c->nt; i++)
		r = write_task(c, &d, i);
	if (r >= 0) {
		write_plan(c, &d, name, out);
		r = 0;
	}
	xmlFree(d.title);
	bt_free(d.by_uid);
	bt_free(d.as);
	bt_buf_release(&d.progcal);
	bt_buf_release(&d.teams);
	bt_buf_release(&d.body);
	bt_buf_release(&d.stat);
	if (c->oom && r != -1)
		r = -2;
	return r;
}
