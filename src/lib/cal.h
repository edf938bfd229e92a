/*
 * cal.h: civil dates and working-day calendars.
 *
 * Dates are day numbers (days since 1970-01-01, proleptic Gregorian), so
 * date arithmetic is integer arithmetic. The engine never sees dates: it
 * counts working days from the program start. A bt_cal converts between the
 * two at the edges (parse and render).
 *
 * Working-day offsets: offset 0 is the first working day on or after the
 * calendar's start date. For a working day d, bt_cal_date(c,
 * bt_cal_index(c, d)) == d. For a non-working day, bt_cal_index() gives the
 * offset of the next working day. Before the start, offsets are negative
 * (-1 is the last working day before the start).
 */
#ifndef BT_CAL_H
#define BT_CAL_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef int32_t bt_date;

#define BT_DATE_NONE INT32_MIN
/* 9999-12-31 as a day number; the last date baton prints. */
#define BT_LAST_DATE 2932896

/* Weekday bits: bit 0 is Monday ... bit 6 is Sunday. */
#define BT_WEEK_MON_FRI 0x1f

/* Days in month m (1-12) of year y, or 0 when m is out of range. */
int bt_days_in_month(int y, int m);
/* The day number of y-m-d; -1 when the date does not exist (2027-02-30). */
int bt_date_from_ymd(int y, int m, int d, bt_date *out);
void bt_date_to_ymd(bt_date date, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int bt_date_weekday(bt_date date);
/* Strict YYYY-MM-DD of exactly len bytes; -1 if malformed or impossible. */
int bt_date_parse(const char *s, size_t len, bt_date *out);
/* Writes "YYYY-MM-DD" and a NUL: out must hold 11 bytes. */
void bt_date_format(bt_date date, char out[11]);

typedef struct bt_cal {
	bt_date start;   /* the calendar's origin date (need not be working) */
	uint8_t week;    /* working weekdays, BT_WEEK_* bits; never 0 */
	int per_week;    /* popcount(week) */
	bt_date origin;  /* first working day on or after start (offset 0) */
	bt_date *hol;    /* sorted unique holidays that fall on working weekdays */
	uint32_t nhol;
} bt_cal;

/* Build a calendar. `hol` may be unsorted, contain duplicates and days that
 * are not working weekdays anyway; they are filtered. The holiday array is
 * copied into the arena. Returns 0, or -1 when memory runs out or `week`
 * is 0. */
int bt_cal_init(bt_cal *c, bt_date start, uint8_t week, const bt_date *hol,
		size_t nhol, bt_arena *a);
int bt_cal_is_working(const bt_cal *c, bt_date d);
/* The working-day offset of d (see the top of this file). O(log holidays). */
int32_t bt_cal_index(const bt_cal *c, bt_date d);
/* The date of working-day offset k (k may be negative). */
bt_date bt_cal_date(const bt_cal *c, int32_t k);

#endif
