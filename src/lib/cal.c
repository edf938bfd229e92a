/*
 * cal.c: civil dates and working-day calendars.
 *
 * Civil dates. The conversions between y-m-d and day numbers follow the
 * days_from_civil / civil_from_days algorithms in Howard Hinnant's
 * "chrono-Compatible Low-Level Date Algorithms"
 * (https://howardhinnant.github.io/date_algorithms.html): shift the year so
 * that it starts on March 1 (the leap day becomes the last day of the
 * year), split it into 400-year eras of 146097 days, and map the month to
 * a day of the year with the linear formula (153 * mp + 2) / 5. All of the
 * arithmetic below is done in int64_t so that every int32_t day number (and
 * every int year) converts without overflow.
 *
 * Working-day calendars. Let W(x) be the number of working weekdays in
 * [M0, x) for a fixed Monday M0 (negative when x < M0), and H(x) the number
 * of holidays before x. Both are O(1) / O(log nhol), and
 *
 *     F(x) = W(x) - H(x)
 *
 * counts working days up to x relative to a fixed epoch. Then
 * bt_cal_index(d) = F(d) - F(origin): for a working day d >= origin that is
 * the number of working days in [origin, d); for d < origin it is minus
 * the working days in [d, origin); and for a non-working d it equals the
 * index of the next working day, since F does not move over non-working
 * days.
 *
 * The inverse: a holiday sits on a working weekday, so in "weekday space"
 * (the W-numbers of the working weekdays) the holidays are a finite sorted
 * set S of integers, s_i = W(hol[i]), and the working days are the
 * integers not in S. Finding the working day with F = T is the classic
 * "T-th integer missing from a sorted set" problem: holiday i lies below
 * the answer exactly when s_i - i <= T, so with j = #{i : s_i - i <= T}
 * (a binary search, s_i - i being non-decreasing) the answer has W-number
 * T + j, which maps back to a date with O(1) week arithmetic.
 */
#include "cal.h"

#include <limits.h>
#include <stdlib.h>

/* 1970-01-05, the first Monday on or after the day-number epoch. */
#define MONDAY0 4

/*========================== Civil dates ===========================*/

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Floor division and its remainder, for a positive divisor. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if (a % b < 0)
		q--;
	return q;
}

int bt_days_in_month(int y, int m)
{
	static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30,
					      31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && is_leap(y))
		return 29;
	return dim[m - 1];
}

/* Day number of y-m-d (valid date assumed), after Hinnant's
 * days_from_civil. */
static int64_t civil_to_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	int mp;

	if (m <= 2)
		y -= 1;                      /* Jan and Feb end the year */
	era = floor_div(y, 400);
	yoe = y - era * 400;                 /* [0, 399] */
	mp = m > 2 ? m - 3 : m + 9;          /* March = 0 ... February = 11 */
	doy = (153 * mp + 2) / 5 + d - 1;    /* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
	return era * 146097 + doe - 719468;  /* 719468: 0000-03-01 to 1970 */
}

int bt_date_from_ymd(int y, int m, int d, bt_date *out)
{
	int64_t z;

	if (d < 1 || d > bt_days_in_month(y, m))
		return -1;
	z = civil_to_days(y, m, d);
	if (z <= INT32_MIN || z > INT32_MAX) /* INT32_MIN is BT_DATE_NONE */
		return -1;
	if (out)
		*out = (bt_date)z;
	return 0;
}

/* After Hinnant's civil_from_days. */
void bt_date_to_ymd(bt_date date, int *y, int *m, int *d)
{
	int64_t z = (int64_t)date + 719468;  /* days since 0000-03-01 */
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;      /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;    /* [0, 11], March = 0 */
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	int64_t yy = yoe + era * 400 + (mm <= 2);

	if (y)
		*y = (int)yy;
	if (m)
		*m = (int)mm;
	if (d)
		*d = (int)dd;
}

int bt_date_weekday(bt_date date)
{
	/* 1970-01-01 was a Thursday (3). */
	int64_t r = ((int64_t)date + 3) % 7;
	return (int)(r < 0 ? r + 7 : r);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int bt_date_parse(const char *s, size_t len, bt_date *out)
{
	int y, m, d;

	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	return bt_date_from_ymd(y, m, d, out);
}

static void put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Dates outside 0000-01-01 .. 9999-12-31 (BT_DATE_NONE included) have no
 * YYYY-MM-DD form and come out as "0000-00-00" (month 0: it never parses). */
void bt_date_format(bt_date date, char out[11])
{
	int y, m, d;

	bt_date_to_ymd(date, &y, &m, &d);
	if (date == BT_DATE_NONE || y < 0 || y > 9999) {
		memcpy(out, "0000-00-00", 11);
		return;
	}
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

/*======================== Working calendars ========================*/

static int week_has(uint8_t week, int wd)
{
	return (week >> wd) & 1;
}

static int popcount7(unsigned v)
{
	int n = 0;
	for (int i = 0; i < 7; i++)
		n += (int)((v >> i) & 1u);
	return n;
}

/* W(x): working weekdays in [MONDAY0, x), negative before MONDAY0. */
static int64_t week_count(const bt_cal *c, int64_t x)
{
	int64_t t = x - MONDAY0;
	int64_t q = floor_div(t, 7);
	int r = (int)(t - q * 7);
	return q * c->per_week + popcount7(c->week & ((1u << r) - 1));
}

/* The inverse of week_count on working weekdays: the day x with
 * week_count(x) == n that is a working weekday. */
static int64_t week_day(const bt_cal *c, int64_t n)
{
	int64_t q = floor_div(n, c->per_week);
	int j = (int)(n - q * c->per_week); /* j-th working weekday (0-based) */
	int wd = 0;
	for (;; wd++) {
		if (week_has(c->week, wd) && j-- == 0)
			break;
	}
	return MONDAY0 + q * 7 + wd;
}

/* H(x): holidays strictly before x. */
static uint32_t hol_before(const bt_cal *c, int64_t x)
{
	uint32_t lo = 0, hi = c->nhol;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c->hol[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* F(x) = W(x) - H(x). */
static int64_t work_count(const bt_cal *c, int64_t x)
{
	return week_count(c, x) - (int64_t)hol_before(c, x);
}

/* The working day x with work_count(x) == t (see the top of this file). */
static int64_t work_day(const bt_cal *c, int64_t t)
{
	uint32_t lo = 0, hi = c->nhol;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (week_count(c, c->hol[mid]) - (int64_t)mid <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return week_day(c, t + lo);
}

static int cmp_date(const void *a, const void *b)
{
	bt_date x = *(const bt_date *)a, y = *(const bt_date *)b;
	return (x > y) - (x < y);
}

int bt_cal_init(bt_cal *c, bt_date start, uint8_t week, const bt_date *hol,
		size_t nhol, bt_arena *a)
{
	bt_date *h = NULL;
	uint32_t n = 0;
	int64_t origin;

	memset(c, 0, sizeof(*c));
	week &= 0x7f;
	if (week == 0)
		return -1;
	c->start = start;
	c->week = week;
	c->per_week = popcount7(week);

	if (nhol > 0) {
		if ((uint64_t)nhol > UINT32_MAX ||
		    nhol > SIZE_MAX / sizeof(*h))
			return -1;
		h = bt_arena_alloc(a, nhol * sizeof(*h));
		if (!h)
			return -1;
		for (size_t i = 0; i < nhol; i++) {
			if (hol[i] != BT_DATE_NONE &&
			    week_has(week, bt_date_weekday(hol[i])))
				h[n++] = hol[i];
		}
		qsort(h, n, sizeof(*h), cmp_date);
		if (n > 1) {
			uint32_t u = 1;
			for (uint32_t i = 1; i < n; i++) {
				if (h[i] != h[u - 1])
					h[u++] = h[i];
			}
			n = u;
		}
	}
	c->hol = h;
	c->nhol = n;

	/* The first working day on or after start has the same F as start. */
	origin = work_day(c, work_count(c, start));
	if (origin > INT32_MAX) {
		memset(c, 0, sizeof(*c));
		return -1;
	}
	c->origin = (bt_date)origin;
	return 0;
}

int bt_cal_is_working(const bt_cal *c, bt_date d)
{
	uint32_t i;

	if (!week_has(c->week, bt_date_weekday(d)))
		return 0;
	i = hol_before(c, d);
	return !(i < c->nhol && c->hol[i] == d);
}

int32_t bt_cal_index(const bt_cal *c, bt_date d)
{
	int64_t k = work_count(c, d) - work_count(c, c->origin);
	if (k > INT32_MAX)
		return INT32_MAX;
	if (k < INT32_MIN)
		return INT32_MIN;
	return (int32_t)k;
}

/* Offsets whose date does not fit a bt_date give BT_DATE_NONE. */
bt_date bt_cal_date(const bt_cal *c, int32_t k)
{
	int64_t d = work_day(c, work_count(c, c->origin) + k);
	if (d <= INT32_MIN || d > INT32_MAX)
		return BT_DATE_NONE;
	return (bt_date)d;
}
