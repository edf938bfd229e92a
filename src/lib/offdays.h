/*
 * offdays.h: working-day arithmetic over a sorted list of days off (a
 * team's holidays, as engine days). One implementation serves the
 * schedule (net.h, bt_wc_*) and the levelling engine (rcpsp.c's activity
 * calendars). Each walk finds its place in the list by binary search and
 * steps over the days off it meets: O(log m + days off in the span).
 * Inline, as both callers sit in their inner loops.
 */
#ifndef BT_OFFDAYS_H
#define BT_OFFDAYS_H

#include <stdint.h>

/* The first index i with off[i] >= t (m when none). */
static inline uint32_t bt_off_index(const int32_t *off, uint32_t m, int32_t t)
{
	uint32_t lo = 0, hi = m;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (off[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static inline int bt_off_is_off(const int32_t *off, uint32_t m, int32_t t)
{
	uint32_t i = bt_off_index(off, m, t);
	return i < m && off[i] == t;
}

/* The first working day >= t. */
static inline int32_t bt_off_snap(const int32_t *off, uint32_t m, int32_t t)
{
	for (uint32_t i = bt_off_index(off, m, t); i < m && off[i] == t; i++)
		t++;
	return t;
}

/* The last working day <= t. */
static inline int32_t bt_off_snap_back(const int32_t *off, uint32_t m, int32_t t)
{
	uint32_t i = bt_off_index(off, m, t);
	if (i < m && off[i] == t)
		for (t--; i > 0 && off[i - 1] == t; i--)
			t--;
	return t;
}

/* The finish (exclusive) of d > 0 working days from t (t moved to a
 * working day first): each day off inside the span pushes it one on. */
static inline int32_t bt_off_fin(const int32_t *off, uint32_t m, int32_t t, int32_t d)
{
	uint32_t i = bt_off_index(off, m, t);
	for (; i < m && off[i] == t; i++)
		t++;
	int32_t f = t + d;
	for (; i < m && off[i] < f; i++)
		f++;
	return f;
}

/* The start of d > 0 working days that end on working day w. */
static inline int32_t bt_off_back(const int32_t *off, uint32_t m, int32_t w, int32_t d)
{
	uint32_t i = bt_off_index(off, m, w);
	int32_t t = w - d + 1;
	for (; i > 0 && off[i - 1] >= t; i--)
		t--;
	return t;
}

/* Working days in [a, b), a <= b. */
static inline int32_t bt_off_days(const int32_t *off, uint32_t m, int32_t a, int32_t b)
{
	return (b - a) - (int32_t)(bt_off_index(off, m, b) - bt_off_index(off, m, a));
}

#endif
