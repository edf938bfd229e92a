/*
 * test_cal.c: civil dates and working-day calendars.
 *
 * The calendar is checked against a day-by-day reference (walk the days,
 * count the working ones) over windows of several years, for Mon-Fri with
 * US-style holidays, 6-, 4- and 1-day weeks, every possible week mask, and
 * dense random holiday sets; plus round trips over +-60000 working days.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "test.h"
#include "util.h"

/*============================ Helpers ==============================*/

/* A fixed-seed LCG (Numerical Recipes constants); the high bits only. */
static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static bt_date ymd(int y, int m, int d)
{
	bt_date out = BT_DATE_NONE;
	if (bt_date_from_ymd(y, m, d, &out) != 0) {
		fprintf(stderr, "bad test date %04d-%02d-%02d\n", y, m, d);
		test_failed++;
	}
	return out;
}

static bt_date iso(const char *s)
{
	bt_date out = BT_DATE_NONE;
	if (bt_date_parse(s, strlen(s), &out) != 0) {
		fprintf(stderr, "bad test date %s\n", s);
		test_failed++;
	}
	return out;
}

static int parse_ok(const char *s)
{
	bt_date d;
	return bt_date_parse(s, strlen(s), &d) == 0;
}

static int cmp_date(const void *a, const void *b)
{
	bt_date x = *(const bt_date *)a, y = *(const bt_date *)b;
	return (x > y) - (x < y);
}

/*========================== Civil dates ============================*/

static void test_days_in_month(void)
{
	static const int common[12] = {31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++)
		CHECK_EQ_INT(bt_days_in_month(2027, m), common[m - 1]);
	CHECK_EQ_INT(bt_days_in_month(2028, 2), 29);
	CHECK_EQ_INT(bt_days_in_month(2000, 2), 29);
	CHECK_EQ_INT(bt_days_in_month(2100, 2), 28);
	CHECK_EQ_INT(bt_days_in_month(1900, 2), 28);
	CHECK_EQ_INT(bt_days_in_month(2400, 2), 29);
	CHECK_EQ_INT(bt_days_in_month(2027, 0), 0);
	CHECK_EQ_INT(bt_days_in_month(2027, 13), 0);
	CHECK_EQ_INT(bt_days_in_month(2027, -1), 0);
}

static void test_known_dates(void)
{
	bt_date d;
	int y, m, dd;

	CHECK_EQ_INT(ymd(1970, 1, 1), 0);
	CHECK_EQ_INT(ymd(1969, 12, 31), -1);
	CHECK_EQ_INT(ymd(2000, 3, 1), 11017);
	CHECK_EQ_INT(ymd(1900, 3, 1), -25508);
	CHECK_EQ_INT(ymd(1, 1, 1), -719162);
	CHECK_EQ_INT(ymd(9999, 12, 31), 2932896);
	CHECK_EQ_INT(ymd(2027, 1, 4), 20822);
	CHECK_EQ_INT(ymd(2028, 2, 29), 21243);
	CHECK_EQ_INT(ymd(0, 3, 1), -719468);

	/* Weekdays: 0 = Monday. */
	CHECK_EQ_INT(bt_date_weekday(ymd(2027, 1, 4)), 0);
	CHECK_EQ_INT(bt_date_weekday(ymd(1970, 1, 1)), 3);
	CHECK_EQ_INT(bt_date_weekday(ymd(1969, 12, 31)), 2);
	CHECK_EQ_INT(bt_date_weekday(ymd(2000, 1, 1)), 5);
	CHECK_EQ_INT(bt_date_weekday(ymd(2028, 2, 29)), 1);
	CHECK_EQ_INT(bt_date_weekday(ymd(2027, 12, 26)), 6);
	CHECK_EQ_INT(bt_date_weekday(ymd(1, 1, 1)), 0);
	CHECK_EQ_INT(bt_date_weekday(ymd(9999, 12, 31)), 4);
	CHECK(bt_date_weekday(INT32_MIN) >= 0 && bt_date_weekday(INT32_MIN) < 7);
	CHECK(bt_date_weekday(INT32_MAX) >= 0 && bt_date_weekday(INT32_MAX) < 7);
	CHECK_EQ_INT(bt_date_weekday(INT32_MIN), 1);
	CHECK_EQ_INT(bt_date_weekday(INT32_MAX), 4);
	/* Impossible dates. */
	CHECK_EQ_INT(bt_date_from_ymd(2027, 2, 29, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2027, 2, 30, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2027, 4, 31, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2027, 13, 1, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2027, 0, 1, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2027, 1, 0, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2027, 1, 32, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2100, 2, 29, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(2000, 2, 29, &d), 0);
	CHECK_EQ_INT(d, 11016);
	/* Years far outside int32 day numbers are refused, not wrapped. */
	CHECK_EQ_INT(bt_date_from_ymd(7000000, 1, 1, &d), -1);
	CHECK_EQ_INT(bt_date_from_ymd(-7000000, 1, 1, &d), -1);

	/* The extremes of bt_date convert back and forth without overflow. */
	bt_date_to_ymd(INT32_MAX, &y, &m, &dd);
	CHECK_EQ_INT(bt_date_from_ymd(y, m, dd, &d), 0);
	CHECK_EQ_INT(d, INT32_MAX);
	bt_date_to_ymd(INT32_MIN + 1, &y, &m, &dd);
	CHECK_EQ_INT(bt_date_from_ymd(y, m, dd, &d), 0);
	CHECK_EQ_INT(d, INT32_MIN + 1);
	bt_date_to_ymd(-719468, &y, &m, &dd);
	CHECK(y == 0 && m == 3 && dd == 1);
	bt_date_to_ymd(-719469, &y, &m, &dd);
	CHECK(y == 0 && m == 2 && dd == 29); /* year 0 is a leap year */
	bt_date_to_ymd(ymd(-1, 12, 31), &y, &m, &dd);
	CHECK(y == -1 && m == 12 && dd == 31);
}

/* Walk every day of 0001-01-01 .. 9999-12-31 with an independent y/m/d
 * counter and weekday counter, against every conversion. */
static void test_exhaustive_civil(void)
{
	int y = 1, m = 1, d = 1, wd = 0; /* 0001-01-01 was a Monday */
	bt_date z = -719162;
	long bad_from = 0, bad_to = 0, bad_wd = 0, bad_fmt = 0, bad_parse = 0;
	long days = 0;

	for (;;) {
		bt_date got = BT_DATE_NONE;
		int gy, gm, gd;
		char want[48], s[11];

		if (bt_date_from_ymd(y, m, d, &got) != 0 || got != z)
			bad_from++;
		bt_date_to_ymd(z, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			bad_to++;
		if (bt_date_weekday(z) != wd)
			bad_wd++;
		if (days % 7 == 0 || (m == 2 && d >= 28) || d == 1 || d >= 30) {
			snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
			bt_date_format(z, s);
			if (strcmp(s, want) != 0)
				bad_fmt++;
			got = BT_DATE_NONE;
			if (bt_date_parse(s, 10, &got) != 0 || got != z)
				bad_parse++;
		}
		days++;
		if (y == 9999 && m == 12 && d == 31)
			break;
		z++;
		wd = (wd + 1) % 7;
		if (++d > bt_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CHECK_EQ_INT(days, 2932896 + 719162 + 1);
	CHECK_EQ_INT(z, 2932896);
	CHECK_EQ_INT(bad_from, 0);
	CHECK_EQ_INT(bad_to, 0);
	CHECK_EQ_INT(bad_wd, 0);
	CHECK_EQ_INT(bad_fmt, 0);
	CHECK_EQ_INT(bad_parse, 0);
}

static void test_parse_format(void)
{
	bt_date d = 12345;
	char s[11];

	CHECK(parse_ok("2027-01-04"));
	CHECK_EQ_INT(iso("2027-01-04"), 20822);
	CHECK(parse_ok("2028-02-29"));
	CHECK(parse_ok("2000-02-29"));
	CHECK(parse_ok("0001-01-01"));
	CHECK(parse_ok("9999-12-31"));
	CHECK(parse_ok("2027-12-31"));

	CHECK(!parse_ok("2027-02-30"));
	CHECK(!parse_ok("2027-02-29"));
	CHECK(!parse_ok("2100-02-29"));
	CHECK(!parse_ok("1900-02-29"));
	CHECK(!parse_ok("2027-04-31"));
	CHECK(!parse_ok("2027-00-10"));
	CHECK(!parse_ok("2027-13-10"));
	CHECK(!parse_ok("2027-01-00"));
	CHECK(!parse_ok("2027-01-32"));
	CHECK(!parse_ok("2027-1-05"));
	CHECK(!parse_ok("2027-01-5"));
	CHECK(!parse_ok("27-01-05"));
	CHECK(!parse_ok("2027-01-05x"));
	CHECK(!parse_ok("2027-01-05 "));
	CHECK(!parse_ok(" 2027-01-05"));
	CHECK(!parse_ok("2027/01/05"));
	CHECK(!parse_ok("2027-01/05"));
	CHECK(!parse_ok("20270105"));
	CHECK(!parse_ok("2027-0a-05"));
	CHECK(!parse_ok("2027-01-0a"));
	CHECK(!parse_ok("+027-01-05"));
	CHECK(!parse_ok("-027-01-05"));
	CHECK(!parse_ok("2027--1-05"));
	CHECK(!parse_ok("2027-01- 5"));
	CHECK(!parse_ok(""));
	CHECK(!parse_ok("2027-01-05T00:00"));

	/* Exactly len bytes: a longer buffer is fine, a shorter len is not. */
	CHECK_EQ_INT(bt_date_parse("2027-01-04junk", 10, &d), 0);
	CHECK_EQ_INT(d, 20822);
	CHECK_EQ_INT(bt_date_parse("2027-01-04", 9, &d), -1);
	CHECK_EQ_INT(bt_date_parse("2027-01-04", 11, &d), -1); /* the NUL */
	CHECK_EQ_INT(bt_date_parse(NULL, 0, &d), -1);
	/* A failed parse leaves *out alone. */
	d = 777;
	CHECK_EQ_INT(bt_date_parse("2027-02-30", 10, &d), -1);
	CHECK_EQ_INT(d, 777);

	bt_date_format(20822, s);
	CHECK_EQ_STR(s, "2027-01-04");
	bt_date_format(0, s);
	CHECK_EQ_STR(s, "1970-01-01");
	bt_date_format(-1, s);
	CHECK_EQ_STR(s, "1969-12-31");
	bt_date_format(ymd(2028, 2, 29), s);
	CHECK_EQ_STR(s, "2028-02-29");
	bt_date_format(ymd(1, 1, 1), s);
	CHECK_EQ_STR(s, "0001-01-01");
	bt_date_format(ymd(9999, 12, 31), s);
	CHECK_EQ_STR(s, "9999-12-31");
	/* No four-digit form: a placeholder that never parses. */
	bt_date_format(ymd(9999, 12, 31) + 1, s);
	CHECK_EQ_STR(s, "0000-00-00");
	CHECK(!parse_ok(s));
	bt_date_format(ymd(0, 1, 1) - 1, s);
	CHECK_EQ_STR(s, "0000-00-00");
	bt_date_format(BT_DATE_NONE, s);
	CHECK_EQ_STR(s, "0000-00-00");
	bt_date_format(INT32_MAX, s);
	CHECK_EQ_STR(s, "0000-00-00");

	/* Round trips over random dates. */
	{
		uint32_t seed = 42;
		long bad = 0;
		for (int i = 0; i < 20000; i++) {
			bt_date z = (bt_date)(lcg(&seed) % 3652059u) - 719162;
			bt_date back = BT_DATE_NONE;
			bt_date_format(z, s);
			if (strlen(s) != 10 ||
			    bt_date_parse(s, 10, &back) != 0 || back != z)
				bad++;
		}
		CHECK_EQ_INT(bad, 0);
	}
}

/*====================== Calendar reference =========================*/

/* The working-day offsets of every day in [lo, hi], computed by walking. */
typedef struct ref_cal {
	bt_date lo, hi;
	bt_date origin;
	unsigned char *work; /* [hi - lo + 1] */
	int32_t *idx;        /* [hi - lo + 1] */
} ref_cal;

static int ref_build(ref_cal *r, bt_date start, uint8_t week,
		     const bt_date *hol, size_t nhol, bt_date lo, bt_date hi)
{
	size_t n = (size_t)(hi - lo + 1);
	int32_t k;

	r->lo = lo;
	r->hi = hi;
	r->work = malloc(n);
	r->idx = malloc(n * sizeof(*r->idx));
	if (!r->work || !r->idx)
		return -1;
	for (bt_date d = lo; d <= hi; d++)
		r->work[d - lo] = (week >> bt_date_weekday(d)) & 1;
	for (size_t i = 0; i < nhol; i++) {
		if (hol[i] >= lo && hol[i] <= hi)
			r->work[hol[i] - lo] = 0;
	}
	/* The origin: walk forward from start. */
	r->origin = start;
	while (r->origin <= hi && !r->work[r->origin - lo])
		r->origin++;
	if (r->origin > hi)
		return -1; /* window too small for this calendar */
	/* Forward: offset = working days in [origin, d). */
	k = 0;
	for (bt_date d = r->origin; d <= hi; d++) {
		r->idx[d - lo] = k;
		if (r->work[d - lo])
			k++;
	}
	/* Backward: each working day takes the next lower offset; a
	 * non-working day keeps the offset of the working day after it. */
	k = 0;
	for (bt_date d = r->origin - 1; d >= lo; d--) {
		if (r->work[d - lo])
			k--;
		r->idx[d - lo] = k;
	}
	return 0;
}

static void ref_free(ref_cal *r)
{
	free(r->work);
	free(r->idx);
}

/* Holidays the calendar should keep: unique, sorted, on working weekdays. */
static uint32_t expected_nhol(uint8_t week, const bt_date *hol, size_t nhol)
{
	bt_date *h = malloc((nhol ? nhol : 1) * sizeof(*h));
	uint32_t n = 0, u = 0;
	if (!h)
		return UINT32_MAX;
	for (size_t i = 0; i < nhol; i++) {
		if ((week >> bt_date_weekday(hol[i])) & 1)
			h[n++] = hol[i];
	}
	qsort(h, n, sizeof(*h), cmp_date);
	for (uint32_t i = 0; i < n; i++) {
		if (i == 0 || h[i] != h[i - 1])
			u++;
	}
	free(h);
	return u;
}

static void report_first(const char *name, long *nbad, const char *what,
			 bt_date d, long long got, long long want)
{
	if (++*nbad <= 3) {
		char s[11];
		bt_date_format(d, s);
		fprintf(stderr, "  %s: %s at %s (day %ld): got %lld, want %lld\n",
			name, what, s, (long)d, got, want);
	}
}

/* Build the calendar, compare it with the day-by-day walk over [lo, hi],
 * and round-trip offsets over [-kspan, kspan]. */
static void check_cal(const char *name, bt_date start, uint8_t week,
		      const bt_date *hol, size_t nhol, bt_date lo, bt_date hi,
		      int32_t kspan)
{
	bt_arena arena = BT_ARENA_INIT;
	bt_cal c;
	ref_cal r = {0, 0, 0, NULL, NULL};
	long bad = 0;
	int32_t kmin = 0, kmax = -1;
	int seen = 0;

	if (ref_build(&r, start, week, hol, nhol, lo, hi) != 0) {
		fprintf(stderr, "  %s: reference failed\n", name);
		test_failed++;
		ref_free(&r);
		return;
	}
	if (bt_cal_init(&c, start, week, hol, nhol, &arena) != 0) {
		fprintf(stderr, "  %s: bt_cal_init failed\n", name);
		test_failed++;
		ref_free(&r);
		bt_arena_release(&arena);
		return;
	}

	/* The struct. */
	if (c.start != start)
		report_first(name, &bad, "start", start, c.start, start);
	if (c.week != week)
		report_first(name, &bad, "week", start, c.week, week);
	{
		int pw = 0;
		for (int i = 0; i < 7; i++)
			pw += (week >> i) & 1;
		if (c.per_week != pw)
			report_first(name, &bad, "per_week", start, c.per_week, pw);
	}
	if (c.origin != r.origin)
		report_first(name, &bad, "origin", start, c.origin, r.origin);
	if (c.nhol != expected_nhol(week, hol, nhol))
		report_first(name, &bad, "nhol", start, c.nhol,
			     expected_nhol(week, hol, nhol));
	for (uint32_t i = 0; i < c.nhol; i++) {
		if ((i > 0 && c.hol[i] <= c.hol[i - 1]) ||
		    !((week >> bt_date_weekday(c.hol[i])) & 1))
			report_first(name, &bad, "hol[] order/weekday",
				     c.hol[i], c.hol[i], 0);
	}
	if (nhol > 0 && c.hol == hol)
		report_first(name, &bad, "hol[] not copied", start, 0, 1);
	CHECK_EQ_INT(bad, 0);

	/* Every day of the window. */
	bad = 0;
	for (bt_date d = lo; d <= hi; d++) {
		int32_t want = r.idx[d - lo], got = bt_cal_index(&c, d);
		int w = r.work[d - lo];
		if (got != want)
			report_first(name, &bad, "index", d, got, want);
		if (bt_cal_is_working(&c, d) != w)
			report_first(name, &bad, "is_working", d,
				     bt_cal_is_working(&c, d), w);
		if (w) {
			bt_date back = bt_cal_date(&c, want);
			if (back != d)
				report_first(name, &bad, "date(index(d))", d,
					     back, d);
			if (!seen)
				kmin = want;
			seen = 1;
			kmax = want;
		}
	}
	CHECK_EQ_INT(bad, 0);
	/* Every offset whose date lies in the window maps to the walked
	 * working day, and the window's offsets are contiguous. */
	bad = 0;
	{
		int32_t k = kmin;
		for (bt_date d = lo; d <= hi; d++) {
			if (!r.work[d - lo])
				continue;
			if (r.idx[d - lo] != k)
				report_first(name, &bad, "offset gap", d,
					     r.idx[d - lo], k);
			if (bt_cal_date(&c, k) != d)
				report_first(name, &bad, "date(k)", d,
					     bt_cal_date(&c, k), d);
			k++;
		}
		if (k != kmax + 1)
			report_first(name, &bad, "offset count", hi, k, kmax + 1);
	}
	CHECK_EQ_INT(bad, 0);

	/* Round trips far beyond the window. */
	bad = 0;
	{
		bt_date prev = BT_DATE_NONE;
		for (int32_t k = -kspan; k <= kspan; k++) {
			bt_date d = bt_cal_date(&c, k);
			if (d == BT_DATE_NONE) {
				report_first(name, &bad, "date(k) none", 0, k, 0);
				continue;
			}
			if (bt_cal_index(&c, d) != k)
				report_first(name, &bad, "index(date(k))", d,
					     bt_cal_index(&c, d), k);
			if (!bt_cal_is_working(&c, d))
				report_first(name, &bad, "date(k) working", d,
					     0, 1);
			if (prev != BT_DATE_NONE && d <= prev)
				report_first(name, &bad, "date(k) increasing",
					     d, d, prev);
			/* The day after a non-working run maps back too. */
			if (prev != BT_DATE_NONE && d - prev > 1 &&
			    bt_cal_index(&c, prev + 1) != k)
				report_first(name, &bad, "index(gap day)",
					     prev + 1, bt_cal_index(&c, prev + 1),
					     k);
			prev = d;
		}
		if (bt_cal_date(&c, 0) != r.origin)
			report_first(name, &bad, "date(0)", r.origin,
				     bt_cal_date(&c, 0), r.origin);
		if (bt_cal_index(&c, start) != 0)
			report_first(name, &bad, "index(start)", start,
				     bt_cal_index(&c, start), 0);
	}
	CHECK_EQ_INT(bad, 0);

	ref_free(&r);
	bt_arena_release(&arena);
}

/*========================= Calendar tests ==========================*/

/* US federal holidays 2026-2029, the observed weekday ones as well as the
 * Saturday/Sunday dates (which a Mon-Fri calendar must drop), a company
 * leap-day holiday 2028-02-29, and a few duplicates. */
static const char *const us_holidays[] = {
	"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19",
	"2026-07-03", "2026-07-04", "2026-09-07", "2026-10-12", "2026-11-11",
	"2026-11-26", "2026-12-25",
	"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18",
	"2027-06-19", "2027-07-04", "2027-07-05", "2027-09-06", "2027-10-11",
	"2027-11-11", "2027-11-25", "2027-12-24", "2027-12-25", "2027-12-31",
	"2028-01-01", "2028-01-17", "2028-02-21", "2028-02-29", "2028-05-29",
	"2028-06-19", "2028-07-04", "2028-09-04", "2028-10-09", "2028-11-10",
	"2028-11-11", "2028-11-23", "2028-12-25",
	"2029-01-01", "2029-01-15", "2029-02-19", "2029-05-28", "2029-06-19",
	"2029-07-04", "2029-09-03", "2029-10-08", "2029-11-11", "2029-11-12",
	"2029-11-22", "2029-12-24", "2029-12-25", "2029-12-31",
	/* duplicates, out of order */
	"2028-02-29", "2027-01-01", "2026-12-25", "2028-01-01",
};

#define NUS BT_ARRAY_LEN(us_holidays)

static void us_dates(bt_date *out)
{
	for (size_t i = 0; i < NUS; i++)
		out[i] = iso(us_holidays[i]);
}

static void test_us_mon_fri(void)
{
	bt_date hol[NUS];
	bt_arena arena = BT_ARENA_INIT;
	bt_cal c;
	bt_date lo = iso("2025-01-01"), hi = iso("2031-01-01");

	us_dates(hol);
	CHECK_EQ_INT(bt_cal_init(&c, iso("2027-01-04"), BT_WEEK_MON_FRI, hol,
				 NUS, &arena), 0);
	/* 54 distinct dates, 47 of them on Mon-Fri. */
	CHECK_EQ_INT(c.nhol, 47);
	CHECK_EQ_INT(c.per_week, 5);
	CHECK_EQ_INT(c.origin, iso("2027-01-04"));
	/* Hand-checked offsets (Mon 2027-01-04 is offset 0). */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-04")), 0);
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-08")), 4);
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-09")), 5); /* Sat */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-11")), 5);
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-18")), 10); /* MLK */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-19")), 10);
	CHECK_EQ_INT(bt_cal_date(&c, 10), iso("2027-01-19"));
	CHECK_EQ_INT(bt_cal_date(&c, 9), iso("2027-01-15"));
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-01")), 0); /* holiday */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-02")), 0); /* Sat */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2026-12-31")), -1);
	CHECK_EQ_INT(bt_cal_date(&c, -1), iso("2026-12-31"));
	CHECK_EQ_INT(bt_cal_index(&c, iso("2026-12-25")), -4); /* holiday */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2026-12-24")), -5);
	CHECK_EQ_INT(bt_cal_date(&c, -5), iso("2026-12-24"));
	CHECK_EQ_INT(bt_cal_date(&c, -4), iso("2026-12-28"));
	CHECK_EQ_INT(bt_cal_index(&c, iso("2026-01-01")), -250);
	CHECK_EQ_INT(bt_cal_index(&c, iso("2028-01-03")), 249);
	CHECK_EQ_INT(bt_cal_index(&c, iso("2028-02-29")), 288); /* leap hol */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2028-03-01")), 288);
	CHECK_EQ_INT(bt_cal_date(&c, 288), iso("2028-03-01"));
	CHECK(!bt_cal_is_working(&c, iso("2028-02-29")));
	CHECK(bt_cal_is_working(&c, iso("2028-02-28")));
	CHECK_EQ_INT(bt_cal_date(&c, 500), iso("2029-01-04"));
	CHECK_EQ_INT(bt_cal_index(&c, iso("2030-01-01")), 746);
	/* 2028 has 249 working days Mon-Fri (260 weekdays, 11 holidays). */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2029-01-01")) -
			     bt_cal_index(&c, iso("2028-01-01")), 249);
	/* Far away dates and offsets stay sane. */
	CHECK_EQ_INT(bt_cal_date(&c, INT32_MAX), BT_DATE_NONE);
	CHECK_EQ_INT(bt_cal_date(&c, INT32_MIN), BT_DATE_NONE);
	CHECK(bt_cal_index(&c, INT32_MAX) > 1000000);
	CHECK(bt_cal_index(&c, INT32_MIN + 1) < -1000000);
	{
		/* Past the holidays it is pure week arithmetic: 5 per week. */
		bt_date mon = ymd(2031, 1, 6); /* a Monday */
		int32_t k0 = bt_cal_index(&c, mon);
		CHECK_EQ_INT(bt_date_weekday(mon), 0);
		CHECK_EQ_INT(bt_cal_index(&c, mon + 7 * 5200), k0 + 5 * 5200);
		CHECK_EQ_INT(bt_cal_date(&c, k0 + 5 * 5200 + 3),
			     mon + 7 * 5200 + 3);
	}
	bt_arena_release(&arena);

	check_cal("us mon-fri from 2027-01-04", iso("2027-01-04"),
		  BT_WEEK_MON_FRI, hol, NUS, lo, hi, 60000);
	/* Starting on a holiday (Thursday 2026-01-01). */
	check_cal("us mon-fri from holiday 2026-01-01", iso("2026-01-01"),
		  BT_WEEK_MON_FRI, hol, NUS, lo, hi, 60000);
	/* Starting on a weekend whose Monday is a holiday (MLK 2027). */
	check_cal("us mon-fri from Sat 2027-01-16", iso("2027-01-16"),
		  BT_WEEK_MON_FRI, hol, NUS, lo, hi, 60000);
	/* Starting on the leap-day holiday. */
	check_cal("us mon-fri from 2028-02-29", iso("2028-02-29"),
		  BT_WEEK_MON_FRI, hol, NUS, lo, hi, 60000);
	/* Starting mid-way through a year end. */
	check_cal("us mon-fri from 2029-12-24", iso("2029-12-24"),
		  BT_WEEK_MON_FRI, hol, NUS, lo, hi, 60000);
	/* Starting well before and well after all holidays. */
	check_cal("us mon-fri from 2025-03-01", iso("2025-03-01"),
		  BT_WEEK_MON_FRI, hol, NUS, lo, hi, 60000);
	check_cal("us mon-fri from 2030-06-30", iso("2030-06-30"),
		  BT_WEEK_MON_FRI, hol, NUS, lo, hi, 60000);

	{
		bt_arena a2 = BT_ARENA_INIT;
		bt_date start = iso("2027-01-16");
		CHECK_EQ_INT(bt_cal_init(&c, start, BT_WEEK_MON_FRI, hol, NUS,
					 &a2), 0);
		CHECK_EQ_INT(c.origin, iso("2027-01-19"));
		CHECK_EQ_INT(bt_cal_index(&c, start), 0);
		CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-15")), -1);
		bt_arena_release(&a2);
	}
}

static void test_other_weeks(void)
{
	bt_date hol[NUS];
	bt_date lo = iso("2025-01-01"), hi = iso("2031-01-01");
	bt_arena arena = BT_ARENA_INIT;
	bt_cal c;

	us_dates(hol);
	/* Six-day week: Saturday holidays now count. */
	check_cal("us mon-sat from Sat 2028-02-26", iso("2028-02-26"), 0x3f,
		  hol, NUS, lo, hi, 60000);
	check_cal("us mon-sat from Sun 2027-06-20", iso("2027-06-20"), 0x3f,
		  hol, NUS, lo, hi, 60000);
	CHECK_EQ_INT(bt_cal_init(&c, iso("2028-01-01"), 0x3f, hol, NUS,
				 &arena), 0);
	CHECK_EQ_INT(c.nhol, 52);
	CHECK_EQ_INT(c.per_week, 6);
	CHECK_EQ_INT(c.origin, iso("2028-01-03")); /* Sat 01-01 is a holiday */
	CHECK_EQ_INT(bt_cal_index(&c, iso("2029-01-01")), 300);

	/* Four-day week Mon-Thu, starting on a non-working Friday. */
	check_cal("us mon-thu from Fri 2027-01-01", iso("2027-01-01"), 0x0f,
		  hol, NUS, lo, hi, 60000);
	CHECK_EQ_INT(bt_cal_init(&c, iso("2027-01-01"), 0x0f, hol, NUS,
				 &arena), 0);
	CHECK_EQ_INT(c.per_week, 4);
	CHECK_EQ_INT(c.origin, iso("2027-01-04"));
	CHECK_EQ_INT(bt_cal_date(&c, 4), iso("2027-01-11"));
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-08")), 4); /* Fri */
	CHECK_EQ_INT(bt_cal_date(&c, -1), iso("2026-12-31"));

	/* Tue-Sat and weekend-only weeks. */
	check_cal("us tue-sat", iso("2027-03-01"), 0x3e, hol, NUS, lo, hi,
		  60000);
	check_cal("us sat-sun", iso("2027-03-01"), 0x60, hol, NUS, lo, hi,
		  30000);
	/* One working day a week. */
	check_cal("us sundays", iso("2027-03-01"), 0x40, hol, NUS, lo, hi,
		  10000);
	check_cal("us mondays", iso("2026-01-19"), 0x01, hol, NUS, lo, hi,
		  10000);
	/* Seven-day week. */
	check_cal("us every day", iso("2028-02-29"), 0x7f, hol, NUS, lo, hi,
		  60000);

	/* A start inside a long holiday run: Christmas week 2027 off. */
	{
		bt_date h2[NUS + 4];
		size_t n = NUS;
		memcpy(h2, hol, sizeof(hol));
		h2[n++] = iso("2027-12-27");
		h2[n++] = iso("2027-12-28");
		h2[n++] = iso("2027-12-29");
		h2[n++] = iso("2027-12-30");
		check_cal("xmas run from 2027-12-24", iso("2027-12-24"),
			  BT_WEEK_MON_FRI, h2, n, lo, hi, 60000);
		CHECK_EQ_INT(bt_cal_init(&c, iso("2027-12-24"), BT_WEEK_MON_FRI,
					 h2, n, &arena), 0);
		CHECK_EQ_INT(c.origin, iso("2028-01-03"));
		CHECK_EQ_INT(bt_cal_date(&c, -1), iso("2027-12-23"));
		CHECK_EQ_INT(bt_cal_index(&c, iso("2027-12-27")), 0);
	}

	/* No holidays at all, every mask, several starts. */
	for (unsigned w = 1; w < 128; w++) {
		char name[64];
		snprintf(name, sizeof(name), "no holidays week 0x%02x", w);
		check_cal(name, iso("2027-01-01") + (bt_date)(w % 7),
			  (uint8_t)w, NULL, 0, iso("2026-01-01"),
			  iso("2028-06-01"), 3000);
	}

	/* Far from 1970 in both directions. */
	check_cal("year 1 mon-fri", ymd(1, 1, 1), BT_WEEK_MON_FRI, hol, NUS,
		  ymd(1, 1, 1) - 400, ymd(1, 1, 1) + 800, 60000);
	check_cal("year 9999 mon-fri", ymd(9999, 6, 1), BT_WEEK_MON_FRI, hol,
		  NUS, ymd(9999, 1, 1), ymd(9999, 12, 31), 60000);
	bt_arena_release(&arena);
}

/* Random holiday sets: dense ones (most days off), sparse ones, runs of
 * whole months, duplicates, and holidays far outside the window. */
static void test_random(void)
{
	uint32_t seed = 20270104u;
	bt_date lo = iso("2026-01-01"), hi = iso("2029-12-31");
	size_t cap = 4000;
	bt_date *hol = malloc(cap * sizeof(*hol));

	if (!hol) {
		test_failed++;
		return;
	}
	for (int round = 0; round < 200; round++) {
		uint8_t week = (uint8_t)(1 + lcg(&seed) % 127);
		unsigned density = lcg(&seed) % 100; /* % of days off */
		size_t n = 0;
		bt_date start;
		char name[80];

		if (round < 127)
			week = (uint8_t)(round + 1); /* every mask once */
		if (round % 5 == 0)
			density = 90 + lcg(&seed) % 10;
		for (bt_date d = lo + 200; d <= hi - 200 && n < cap - 200; d++) {
			if (lcg(&seed) % 100 < density) {
				hol[n++] = d;
				if (lcg(&seed) % 8 == 0)
					hol[n++] = d; /* duplicate */
			}
		}
		/* A whole month off somewhere. */
		if (round % 3 == 0) {
			bt_date m0 = lo + 300 + (bt_date)(lcg(&seed) % 600);
			for (int i = 0; i < 31 && n < cap - 100; i++)
				hol[n++] = m0 + i;
		}
		/* A few far away. */
		for (int i = 0; i < 5; i++)
			hol[n++] = lo - 3000 + (bt_date)(lcg(&seed) % 9000);
		/* Shuffle. */
		for (size_t i = n; i > 1; i--) {
			size_t j = lcg(&seed) % i;
			bt_date t = hol[i - 1];
			hol[i - 1] = hol[j];
			hol[j] = t;
		}
		/* Start anywhere, often on a holiday. */
		if (round % 2 == 0 && n > 0)
			start = hol[lcg(&seed) % n];
		else
			start = lo + 250 + (bt_date)(lcg(&seed) % 900);
		if (start < lo + 200 || start > hi - 200)
			start = lo + 250;
		snprintf(name, sizeof(name),
			 "random round %d week 0x%02x density %u n %zu", round,
			 (unsigned)week, density, n);
		check_cal(name, start, week, hol, n, lo - 1500, hi + 1500,
			  round < 10 ? 60000 : 3000);
	}
	free(hol);
}

static void test_init_errors(void)
{
	bt_arena arena = BT_ARENA_INIT;
	bt_cal c;
	bt_date hol[3];
	bt_date start = iso("2027-01-04");

	hol[0] = iso("2027-01-05");
	hol[1] = iso("2027-01-09"); /* Saturday */
	hol[2] = iso("2027-01-05");

	CHECK_EQ_INT(bt_cal_init(&c, start, 0, hol, 3, &arena), -1);
	CHECK_EQ_INT(bt_cal_init(&c, start, 0x80, NULL, 0, &arena), -1);

	/* Only Saturdays/Sundays as holidays: nothing kept. */
	CHECK_EQ_INT(bt_cal_init(&c, start, BT_WEEK_MON_FRI, hol + 1, 1,
				 &arena), 0);
	CHECK_EQ_INT(c.nhol, 0);

	/* The holiday list is copied. */
	CHECK_EQ_INT(bt_cal_init(&c, start, BT_WEEK_MON_FRI, hol, 3, &arena),
		     0);
	CHECK_EQ_INT(c.nhol, 1);
	hol[0] = iso("2027-01-06");
	hol[2] = iso("2027-01-06");
	CHECK_EQ_INT(c.hol[0], iso("2027-01-05"));
	CHECK(!bt_cal_is_working(&c, iso("2027-01-05")));
	CHECK(bt_cal_is_working(&c, iso("2027-01-06")));
	CHECK_EQ_INT(bt_cal_index(&c, iso("2027-01-06")), 1);
	bt_arena_release(&arena);

	/* Out of memory: a fresh arena's first allocation fails. */
	{
		bt_arena a2 = BT_ARENA_INIT;
		bt_alloc_fail_after(0);
		CHECK_EQ_INT(bt_cal_init(&c, start, BT_WEEK_MON_FRI, hol, 3,
					 &a2), -1);
		bt_alloc_fail_after(-1);
		CHECK_EQ_INT(bt_cal_init(&c, start, BT_WEEK_MON_FRI, hol, 3,
					 &a2), 0);
		/* No holidays: no allocation needed at all. */
		bt_alloc_fail_after(0);
		CHECK_EQ_INT(bt_cal_init(&c, start, BT_WEEK_MON_FRI, NULL, 0,
					 &a2), 0);
		bt_alloc_fail_after(-1);
		CHECK_EQ_INT(c.nhol, 0);
		bt_arena_release(&a2);
	}
}

/* A million lookups against 4000 holidays: must finish in well under a
 * second even under the sanitizers (a day-by-day walk would not). */
static void test_speed(void)
{
	bt_arena arena = BT_ARENA_INIT;
	bt_cal c;
	uint32_t seed = 7;
	bt_date *hol = malloc(4000 * sizeof(*hol));
	long bad = 0;
	int64_t sum = 0;

	if (!hol) {
		test_failed++;
		return;
	}
	for (int i = 0; i < 4000; i++)
		hol[i] = iso("2027-01-01") + (bt_date)(lcg(&seed) % 20000);
	CHECK_EQ_INT(bt_cal_init(&c, iso("2027-01-01"), BT_WEEK_MON_FRI, hol,
				 4000, &arena), 0);
	for (int32_t k = -500000; k < 500000; k++) {
		bt_date d = bt_cal_date(&c, k * 7 % 400000);
		if (bt_cal_index(&c, d) != k * 7 % 400000)
			bad++;
		sum += d;
	}
	CHECK_EQ_INT(bad, 0);
	CHECK(sum != 0);
	bt_arena_release(&arena);
	free(hol);
}

int main(void)
{
	test_days_in_month();
	test_known_dates();
	test_exhaustive_civil();
	test_parse_format();
	test_us_mon_fri();
	test_other_weeks();
	test_random();
	test_init_errors();
	test_speed();
	return test_report("cal");
}
