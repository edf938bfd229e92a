/*
 * forecast_bench.c: times baton's Monte Carlo forecast on a large plan and
 * runs a peer (numpy, vectorised over runs) on the same graph, printing
 * both side by side with their ratio.
 *
 *   forecast_bench [options] PLAN EDGES
 *     --runs N        Monte Carlo runs (default 10000)
 *     --threads N     baton's threads (default 2: this machine's cores)
 *     --repeat N      run baton N times, report the fastest (default 3)
 *     --peer SCRIPT   the peer (default bench/peer_numpy.py)
 *     --python PY     its interpreter (default /usr/bin/python3: Debian's,
 *                     which has python3-numpy)
 *     --no-peer       baton alone (EDGES not needed)
 *     --enforce       exit 1 when the goal (1 s for the runs) is missed
 *
 * Timed for baton: baton_forecast_compute in CPM mode (sampling, forward
 * passes, criticality walks, drivers), wall clock and process CPU time;
 * parsing the plan is timed apart. For the peer: sampling and the forward
 * passes (reading the edge list apart). The two use different random
 * numbers, so their end-day statistics agree only within noise: the bench
 * fails when the mean end days differ by more than half a day. Both wall
 * and CPU times are printed: on a loaded machine the wall clock says
 * little, and CPU time (baton's summed over its threads) measures work.
 */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "baton.h"

#define GOAL_SECONDS 1.0

static double now(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	char *b = malloc(cap);
	while (b) {
		n += fread(b + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		char *nb = realloc(b, cap);
		if (!nb)
			free(b);
		b = nb;
	}
	fclose(f);
	*len = n;
	return b;
}

static double kv(const char *line, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof pat, "%s=", key);
	const char *s = strstr(line, pat);
	return s ? atof(s + strlen(pat)) : -1.0;
}

int main(int argc, char **argv)
{
	long runs = 10000;
	int threads = 2, repeat = 3, peer = 1, enforce = 0;
	const char *script = "bench/peer_numpy.py", *python = "/usr/bin/python3";
	const char *plan_path = NULL, *edges = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atol(argv[++i]);
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			threads = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--peer") && i + 1 < argc)
			script = argv[++i];
		else if (!strcmp(argv[i], "--python") && i + 1 < argc)
			python = argv[++i];
		else if (!strcmp(argv[i], "--no-peer"))
			peer = 0;
		else if (!strcmp(argv[i], "--enforce"))
			enforce = 1;
		else if (!plan_path)
			plan_path = argv[i];
		else if (!edges)
			edges = argv[i];
		else {
			fprintf(stderr, "usage: forecast_bench [options] PLAN EDGES\n");
			return 2;
		}
	}
	if (!plan_path || (peer && !edges) || runs < 1 || threads < 1 || repeat < 1) {
		fprintf(stderr, "usage: forecast_bench [options] PLAN EDGES\n");
		return 2;
	}
	size_t len;
	char *text = slurp(plan_path, &len);
	if (!text) {
		fprintf(stderr, "forecast_bench: cannot read %s\n", plan_path);
		return 1;
	}
	double t0 = now(CLOCK_MONOTONIC);
	baton_plan *p = baton_plan_parse(plan_path, text, len);
	double t_parse = now(CLOCK_MONOTONIC) - t0;
	free(text);
	if (!p || baton_plan_errors(p)) {
		fprintf(stderr, "forecast_bench: the plan does not parse\n");
		return 1;
	}
	baton_forecast_opts o = BATON_FORECAST_OPTS_INIT;
	o.runs = runs;
	o.threads = threads;
	o.seed = 1;
	double best = 1e30, best_cpu = 0;
	baton_forecast *f = NULL;
	for (int r = 0; r < repeat; r++) {
		baton_forecast_free(f);
		double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		baton_error err;
		f = baton_forecast_compute(p, &o, &err);
		double w = now(CLOCK_MONOTONIC) - w0, c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		if (!f) {
			fprintf(stderr, "forecast_bench: %s\n", err.message);
			return 1;
		}
		if (w < best) {
			best = w;
			best_cpu = c;
		}
	}
	char *js = baton_forecast_render(f, BATON_FORMAT_JSON, 0);
	json_t *root = js ? json_loads(js, 0, NULL) : NULL;
	json_t *end = root ? json_object_get(root, "end") : NULL;
	double b_mean = json_real_value(json_object_get(end, "mean_day"));
	long b_p50 = (long)json_integer_value(json_object_get(end, "p50_day"));
	long b_p85 = (long)json_integer_value(json_object_get(end, "p85_day"));
	long ntask = (long)json_array_size(json_object_get(root, "tasks"));
	json_decref(root);
	baton_string_free(js);
	double rate = (double)ntask * (double)runs / best;
	printf("plan     %s: %ld tasks, %ld runs\n", plan_path, ntask, runs);
	printf("baton    parse %.3f s; forecast %.3f s wall (%d threads, fastest of %d), %.3f s CPU; "
	       "%.3g task-samples/s; end mean %.2f, P50 %ld, P85 %ld\n",
	       t_parse, best, threads, repeat, best_cpu, rate, b_mean, b_p50, b_p85);
	int status = 0;
	if (best > GOAL_SECONDS) {
		printf("goal     MISSED: %.3f s > %.1f s\n", best, GOAL_SECONDS);
		if (enforce)
			status = 1;
	} else {
		printf("goal     met: %.3f s <= %.1f s\n", best, GOAL_SECONDS);
	}
	if (peer) {
		char cmd[2048];
		snprintf(cmd, sizeof cmd, "%s %s --runs %ld %s", python, script, runs, edges);
		FILE *pp = popen(cmd, "r");
		char line[1024] = "";
		if (!pp || !fgets(line, sizeof line, pp)) {
			fprintf(stderr, "forecast_bench: the peer failed: %s\n", cmd);
			if (pp)
				pclose(pp);
			return 1;
		}
		pclose(pp);
		double total = kv(line, "total_s"), p_mean = kv(line, "mean_end");
		printf("numpy    sample %.3f s + forward passes %.3f s = %.3f s; end mean %.2f, P50 %.0f, P85 %.0f\n",
		       kv(line, "sample_s"), kv(line, "cpm_s"), total, p_mean, kv(line, "p50_end"),
		       kv(line, "p85_end"));
		double pcpu = kv(line, "cpu_s");
		printf("RATIO    numpy / baton = %.1fx (wall), %.1fx (CPU time)\n", total / best,
		       pcpu / best_cpu);
		if (p_mean < 0 || b_mean - p_mean > 0.5 || p_mean - b_mean > 0.5) {
			printf("MISMATCH the mean end days differ by more than half a day\n");
			status = 1;
		}
	}
	baton_forecast_free(f);
	baton_plan_free(p);
	return status;
}
