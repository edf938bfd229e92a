/*
 * forecast_opts.c: the options `baton forecast` and `baton whatif` share,
 * and the progress bar (stderr, on a terminal only, for runs that take
 * more than about a second).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "forecast_opts.h"

const struct option fc_long_opts[] = {
	{"runs", required_argument, NULL, 1000},
	{"seed", required_argument, NULL, 1001},
	{"threads", required_argument, NULL, 1002},
	{"triangular", no_argument, NULL, 1003},
	{"spread", required_argument, NULL, 1004},
	{"correlation", required_argument, NULL, 1005},
	{"level", no_argument, NULL, 1006},
	{"as-of", required_argument, NULL, 1007},
	{"json", no_argument, NULL, 1008},
	{"markdown", no_argument, NULL, 1009},
	{"scenario", required_argument, NULL, 1010},
	{"no-level", no_argument, NULL, 1011},
	{"calibrate", no_argument, NULL, 1012},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int whole(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static int real(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || errno || *end || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

int fc_opt(const char *cmd, int c, const char *arg, baton_forecast_opts *o,
	   enum baton_format *fmt)
{
	unsigned long long v;
	switch (c) {
	case 1000:
		if (whole(arg, 100000000, &v) || v == 0) {
			cli_usage_error(cmd, "invalid --runs '%s': expected a whole number from 1 to 100000000", arg);
			return -1;
		}
		o->runs = (long)v;
		return 1;
	case 1001:
		if (whole(arg, UINT64_MAX, &v)) {
			cli_usage_error(cmd, "invalid --seed '%s': expected a whole number", arg);
			return -1;
		}
		o->seed = v;
		return 1;
	case 1002:
		if (whole(arg, 256, &v) || v == 0) {
			cli_usage_error(cmd, "invalid --threads '%s': expected a whole number from 1 to 256", arg);
			return -1;
		}
		o->threads = (int)v;
		return 1;
	case 1003:
		o->distribution = BATON_DIST_TRIANGULAR;
		return 1;
	case 1012:
		o->calibrate = 1;
		return 1;
	case 1004: {
		double lo, hi;
		const char *comma = strchr(arg, ',');
		char a[32];
		size_t n = comma ? (size_t)(comma - arg) : strlen(arg);
		if (n >= sizeof a)
			n = sizeof a - 1;
		memcpy(a, arg, n);
		a[n] = 0;
		if (real(a, 0, 100, &lo) || real(comma ? comma + 1 : a, 0, 1000, &hi)) {
			cli_usage_error(cmd, "invalid --spread '%s': expected LOW,HIGH in percent, like 10,25", arg);
			return -1;
		}
		o->spread_low = lo / 100.0;
		o->spread_high = hi / 100.0;
		return 1;
	}
	case 1005:
		if (real(arg, 0, 1, &o->correlation)) {
			cli_usage_error(cmd, "invalid --correlation '%s': expected a number from 0 to 1", arg);
			return -1;
		}
		return 1;
	case 1006:
		o->level = 1;
		return 1;
	case 1011:
		o->level = 0;
		return 1;
	case 1007: return cli_opt_date(cmd, CLI_OPT_AS_OF, arg, &o->as_of) ? -1 : 1;
	case 1008: return cli_format(cmd, fmt, BATON_FORMAT_JSON) ? -1 : 1;
	case 1009: return cli_format(cmd, fmt, BATON_FORMAT_MARKDOWN) ? -1 : 1;
	}
	return 0;
}

/*============================ Progress bar ========================*/

static struct {
	struct timespec t0;
	int drawn;
} bar;

static double since_start(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - bar.t0.tv_sec) + (double)(t.tv_nsec - bar.t0.tv_nsec) / 1e9;
}

static void draw(void *ud, long done, long total)
{
	(void)ud;
	double el = since_start();
	/* Only for work that will take about a second or more. */
	if (!bar.drawn && (el < 0.3 || done <= 0 || el * (double)total / (double)done < 1.0))
		return;
	int w = 30, k = total > 0 ? (int)((double)w * (double)done / (double)total) : w;
	char line[64];
	memset(line, '#', (size_t)k);
	memset(line + k, ' ', (size_t)(w - k));
	line[w] = 0;
	fprintf(stderr, "\r[%s] %3d%%", line, total > 0 ? (int)(100.0 * (double)done / (double)total) : 100);
	fflush(stderr);
	bar.drawn = 1;
}

void fc_progress(baton_forecast_opts *o)
{
	if (!isatty(2))
		return;
	clock_gettime(CLOCK_MONOTONIC, &bar.t0);
	bar.drawn = 0;
	o->progress = draw;
	o->progress_ud = NULL;
}

void fc_progress_done(void)
{
	if (bar.drawn)
		fputs("\r\033[K", stderr);
	bar.drawn = 0;
}
