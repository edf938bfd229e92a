/*
 * workcal.c: working-day arithmetic on a team's calendar (net.h).
 *
 * The engine's days are program working days; a team's holidays are the
 * days off of its calendar, a sorted list. Each walk finds its place in
 * the list by binary search and then steps over the days off it meets,
 * so a walk costs O(log holidays + holidays inside the span).
 */
#include "net.h"

/* First index i in [lo, hi) with off[i] >= day. */
static uint32_t lower(const int32_t *off, uint32_t lo, uint32_t hi, int32_t day)
{
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (off[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int32_t bt_wc_snap_slow(const bt_net *net, uint32_t c, int32_t day)
{
	uint32_t hi = net->off_off[c + 1];
	uint32_t i = lower(net->off, net->off_off[c], hi, day);
	while (i < hi && net->off[i] == day) {
		day++;
		i++;
	}
	return day;
}

int32_t bt_wc_snap_back_slow(const bt_net *net, uint32_t c, int32_t day)
{
	uint32_t lo = net->off_off[c];
	uint32_t i = lower(net->off, lo, net->off_off[c + 1], day + 1);
	while (i > lo && net->off[i - 1] == day) {
		day--;
		i--;
	}
	return day;
}

int32_t bt_wc_fin_slow(const bt_net *net, uint32_t c, int32_t s, int32_t d)
{
	s = bt_wc_snap_slow(net, c, s);
	uint32_t hi = net->off_off[c + 1];
	uint32_t i = lower(net->off, net->off_off[c], hi, s);
	int32_t f = s + d;
	while (i < hi && net->off[i] < f) {
		f++;
		i++;
	}
	return f;
}

int32_t bt_wc_start_by_slow(const bt_net *net, uint32_t c, int32_t f, int32_t d)
{
	int32_t e = bt_wc_snap_back_slow(net, c, f - 1);
	uint32_t lo = net->off_off[c];
	uint32_t i = lower(net->off, lo, net->off_off[c + 1], e);
	int32_t s = e - (d - 1);
	while (i > lo && net->off[i - 1] >= s) {
		s--;
		i--;
	}
	return s;
}

int32_t bt_wc_days_slow(const bt_net *net, uint32_t c, int32_t a, int32_t b)
{
	uint32_t lo = net->off_off[c], hi = net->off_off[c + 1];
	uint32_t i = lower(net->off, lo, hi, a), j = lower(net->off, lo, hi, b);
	return (b - a) - (int32_t)(j - i);
}
