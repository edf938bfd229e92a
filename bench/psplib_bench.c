/*
 * psplib_bench.c: the levelling engine on the PSPLIB single-mode sets.
 *
 *   psplib_bench [--dir DIR] [--set j30|j60|j90|j120]... [--budget N]
 *                [--sample K] [--seed S] [--threads T] [--verbose]
 *   psplib_bench --synthetic 10000x200     time a default solve of a
 *                                          generated 10,000-task program
 *
 * For each set: the average deviation from the optimum (J30,
 * solutions/j30opt.sm) or from the critical-path lower bound (the MPM-Time
 * of each file), the share of instances at the best known makespan
 * (solutions/jXXhrs.sm), the time per instance, and the published figures
 * at 1,000 / 5,000 / 50,000 schedules beside them. --sample K keeps
 * instances 1..K of every parameter group. Schedules are counted as the
 * literature does: every SGS pass, forward or backward.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "psplib.h"
#include "rcpsp.h"

typedef struct job {
	char path[512];
	int group, inst;
	int ref;        /* optimum (j30) or best known (hrs) */
	int opt;        /* j30 optimum, else -1 */
	int cplb, best_known;
	int ms;
	double secs;
	int err;
	long schedules;
} job;

typedef struct work {
	job *jobs;
	int njobs;
	int next;
	long budget;
	unsigned long long seed;
	int verbose;
	pthread_mutex_t mu;
} work;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reference file: lines "group instance makespan ..." after a header. */
static int read_ref(const char *path, int ref[61][11])
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		int g, i, m;
		if (sscanf(line, "%d %d %d", &g, &i, &m) == 3 && g >= 1 &&
		    g <= 60 && i >= 1 && i <= 10)
			ref[g][i] = m;
	}
	fclose(f);
	return 0;
}

static void *worker(void *arg)
{
	work *w = arg;
	for (;;) {
		pthread_mutex_lock(&w->mu);
		int i = w->next++;
		pthread_mutex_unlock(&w->mu);
		if (i >= w->njobs)
			return NULL;
		job *jb = &w->jobs[i];
		bt_psplib ps;
		if (bt_psplib_load(jb->path, &ps)) {
			fprintf(stderr, "%s:%d: %s\n", jb->path, ps.err_line, ps.err);
			jb->err = 1;
			bt_psplib_free(&ps);
			continue;
		}
		jb->cplb = ps.mpm;
		bt_rcpsp_opts o = {w->budget, 0, w->seed};
		bt_rcpsp_result r;
		double t0 = now();
		int rc = bt_rcpsp_solve(&ps.problem, &o, &r);
		jb->secs = now() - t0;
		if (rc) {
			fprintf(stderr, "%s: %s\n", jb->path, bt_rcpsp_strerror(rc));
			jb->err = 1;
		} else {
			jb->ms = r.makespan;
			jb->schedules = r.schedules;
		}
		if (w->verbose)
			fprintf(stderr, "%s ms %d ref %d cplb %d %.3fs\n", jb->path,
				jb->ms, jb->ref, jb->cplb, jb->secs);
		bt_rcpsp_result_free(&r);
		bt_psplib_free(&ps);
	}
}

struct published {
	const char *set, *who;
	double v1k, v5k, v50k;
};

/* Kolisch and Hartmann (2006), EJOR 174, and later papers as compiled by
 * Wang and Fang (2012); see bench/RESULTS.md, "Levelling quality on PSPLIB" for which cells
 * were checked against a copy. -1: not reported. */
static const struct published pub[] = {
	{"j30", "Kochetov and Stolyar (2003)", 0.10, 0.04, 0.00},
	{"j30", "Valls et al. (2008) hybrid GA", 0.27, 0.06, 0.02},
	{"j30", "Alcaraz et al. (2004) GA", 0.25, 0.06, 0.03},
	{"j30", "Debels et al. (2006) scatter search", 0.27, 0.11, 0.01},
	{"j30", "Hartmann (2002) self-adapting GA", 0.38, 0.22, 0.08},
	{"j30", "Hartmann (1998) GA", 0.54, 0.25, 0.08},
	{"j60", "Valls et al. (2008) hybrid GA", 11.56, 11.10, 10.73},
	{"j60", "Kochetov and Stolyar (2003)", 11.71, 11.17, 10.74},
	{"j60", "Debels et al. (2006) scatter search", 11.73, 11.10, 10.71},
	{"j60", "Hartmann (2002) self-adapting GA", 12.21, 11.70, 11.21},
	{"j60", "Hartmann (1998) GA", 12.68, 11.89, 11.23},
	{"j120", "Debels and Vanhoucke (2007) DBGA", 33.55, 32.18, 30.69},
	{"j120", "Valls et al. (2008) hybrid GA", 34.07, 32.54, 31.24},
	{"j120", "Debels et al. (2006) scatter search", 35.22, 33.10, 31.57},
	{"j120", "Kochetov and Stolyar (2003)", 34.74, 33.36, 32.06},
	{"j120", "Alcaraz et al. (2004) GA", 36.53, 33.91, 31.49},
	{"j120", "Hartmann (2002) self-adapting GA", 37.19, 35.39, 33.21},
	{"j120", "Hartmann (1998) GA", 39.93, 38.49, 36.51},
};

static int run_set(const char *dir, const char *set, long budget, int sample,
		   unsigned long long seed, int threads, int verbose)
{
	static int opt[61][11], hrs[61][11];
	char path[600];
	memset(opt, 0, sizeof opt);
	memset(hrs, 0, sizeof hrs);
	int is30 = strcmp(set, "j30") == 0;
	int groups = strcmp(set, "j120") == 0 ? 60 : 48;
	if (is30) {
		snprintf(path, sizeof path, "%s/solutions/j30opt.sm", dir);
		if (read_ref(path, opt))
			fprintf(stderr, "warning: cannot read %s\n", path);
	}
	snprintf(path, sizeof path, "%s/solutions/%shrs.sm", dir, set);
	if (read_ref(path, hrs))
		fprintf(stderr, "warning: cannot read %s\n", path);
	job *jobs = calloc(600, sizeof *jobs);
	if (!jobs)
		return -1;
	int nj = 0;
	for (int g = 1; g <= groups; g++)
		for (int i = 1; i <= sample; i++) {
			job *jb = &jobs[nj++];
			snprintf(jb->path, sizeof jb->path, "%s/%s/%s%d_%d.sm", dir,
				 set, set, g, i);
			jb->group = g;
			jb->inst = i;
			jb->opt = is30 ? opt[g][i] : -1;
			jb->best_known = hrs[g][i];
			jb->ref = is30 ? opt[g][i] : hrs[g][i];
		}
	work w = {jobs, nj, 0, budget, seed, verbose, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[16];
	double t0 = now();
	if (threads < 1)
		threads = 1;
	if (threads > 16)
		threads = 16;
	for (int t = 0; t < threads; t++)
		pthread_create(&th[t], NULL, worker, &w);
	for (int t = 0; t < threads; t++)
		pthread_join(th[t], NULL);
	double wall = now() - t0;
	double dev = 0, devlb = 0, secs = 0, sched = 0;
	int cnt = 0, at_best = 0, below = 0, errs = 0;
	for (int i = 0; i < nj; i++) {
		job *jb = &jobs[i];
		if (jb->err) {
			errs++;
			continue;
		}
		cnt++;
		secs += jb->secs;
		sched += (double)jb->schedules;
		if (jb->cplb > 0)
			devlb += 100.0 * (jb->ms - jb->cplb) / jb->cplb;
		if (is30 && jb->opt > 0)
			dev += 100.0 * (jb->ms - jb->opt) / jb->opt;
		if (jb->best_known > 0 && jb->ms <= jb->best_known)
			at_best++;
		if (jb->ref > 0 && jb->ms < jb->ref)
			below++;
	}
	if (!cnt)
		return -1;
	printf("%s: %d instances (%d errors), budget %ld schedules, seed %llu\n",
	       set, cnt, errs, budget, seed);
	if (is30)
		printf("  avg deviation from optimum:      %7.3f%%\n", dev / cnt);
	printf("  avg deviation from CP-LB:        %7.3f%%\n", devlb / cnt);
	printf("  at best known makespan:          %7.1f%% (%d)\n",
	       100.0 * at_best / cnt, at_best);
	if (below)
		printf("  BELOW the reference (check!):    %d\n", below);
	printf("  avg schedules used:              %7.0f\n", sched / cnt);
	printf("  avg time per instance:           %7.4f s (wall %.1f s, %d threads)\n",
	       secs / cnt, wall, threads);
	printf("  published (%s, %s):\n", is30 ? "vs optimum" : "vs CP-LB",
	       "1,000 / 5,000 / 50,000 schedules");
	for (size_t i = 0; i < sizeof pub / sizeof pub[0]; i++)
		if (strcmp(pub[i].set, set) == 0)
			printf("    %-40s %6.2f %6.2f %6.2f\n", pub[i].who, pub[i].v1k,
			       pub[i].v5k, pub[i].v50k);
	free(jobs);
	return 0;
}

static uint32_t rnd(unsigned long long *x)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*x >> 33);
}

/* A synthetic program: n tasks in chains of 10 with cross links, k
 * teams of 2-8 people, one team per task, durations 1-20 days, team
 * sizes changing and holidays; prints the time of a default solve. */
static int synthetic(uint32_t n, uint32_t k, unsigned long long seed)
{
	int32_t *dur = calloc(n, sizeof *dur), *cap = calloc(k, sizeof *cap);
	bt_rcpsp_demand *dem = calloc(n, sizeof *dem);
	bt_rcpsp_prec *prec = calloc(2 * (size_t)n, sizeof *prec);
	bt_rcpsp_step *step = calloc(3 * (size_t)k, sizeof *step);
	uint32_t np = 0, ns = 0;
	unsigned long long x = seed * 2654435761ULL + 1;
	for (uint32_t r = 0; r < k; r++) {
		cap[r] = 2 + (int32_t)(rnd(&x) % 7);
		int32_t h = (int32_t)(rnd(&x) % 900);
		step[ns++] = (bt_rcpsp_step){r, h, 0};
		step[ns++] = (bt_rcpsp_step){r, h + 5, cap[r]};
		step[ns++] = (bt_rcpsp_step){r, (int32_t)(rnd(&x) % 1000), cap[r] > 2 ? cap[r] - 1 : cap[r]};
	}
	for (uint32_t j = 0; j < n; j++) {
		dur[j] = 1 + (int32_t)(rnd(&x) % 20);
		uint32_t r = rnd(&x) % k;
		dem[j] = (bt_rcpsp_demand){j, r, 1 + (int32_t)(rnd(&x) % 2)};
		if (j % 10 != 0)
			prec[np++] = (bt_rcpsp_prec){j - 1, j, dur[j - 1], BT_RCPSP_DELTA, 0};
		/* Workstreams of 500 tasks in 10 layers of 5 chains; links
		 * from a lower layer of the same workstream. */
		uint32_t ws = j / 500 * 500, layer = (j - ws) / 50;
		if (layer > 0 && rnd(&x) % 2 == 0) {
			uint32_t f = ws + (rnd(&x) % layer) * 50;
			f += rnd(&x) % 50;
			prec[np++] = (bt_rcpsp_prec){f, j, dur[f], BT_RCPSP_DELTA, 0};
		}
	}
	bt_rcpsp_problem p = {n, k, dur, NULL, NULL, cap, step, ns, dem, n, prec, np};
	bt_rcpsp_result r;
	double t0 = now();
	int rc = bt_rcpsp_solve(&p, NULL, &r);
	double t = now() - t0;
	int32_t lb = 0;
	bt_rcpsp_lower_bound(&p, &lb);
	printf("synthetic: %u tasks, %u teams, %u links: %s, makespan %d (lower bound %d), "
	       "%ld schedules (default budget), %.3f s\n", n, k, np,
	       bt_rcpsp_strerror(rc), r.makespan, lb, r.schedules, t);
	bt_rcpsp_result_free(&r);
	free(dur);
	free(cap);
	free(dem);
	free(prec);
	free(step);
	return rc != 0;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("BATON_PSPLIB");
	const char *sets[8];
	int nsets = 0, sample = 10, threads = 2, verbose = 0;
	long budget = 5000;
	unsigned long long seed = 1;
	int shared = !dir; /* no --dir yet: the copy beside the repository */
	if (!dir)
		dir = "../shared/bench/psplib";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--dir") && v) {
			dir = v;
			shared = 0;
			i++;
		} else if (!strcmp(a, "--set") && v && nsets < 8) {
			sets[nsets++] = v;
			i++;
		} else if (!strcmp(a, "--budget") && v) {
			budget = atol(v);
			i++;
		} else if (!strcmp(a, "--sample") && v) {
			sample = atoi(v);
			i++;
		} else if (!strcmp(a, "--seed") && v) {
			seed = strtoull(v, NULL, 10);
			i++;
		} else if (!strcmp(a, "--threads") && v) {
			threads = atoi(v);
			i++;
		} else if (!strcmp(a, "--synthetic") && v) {
			unsigned n = 0, k = 0;
			if (sscanf(v, "%ux%u", &n, &k) != 2 || !n || !k)
				return 2;
			return synthetic(n, k, seed);
		} else if (!strcmp(a, "--verbose")) {
			verbose = 1;
		} else {
			fprintf(stderr, "usage: %s [--dir DIR] [--set j30|j60|j90|j120]... "
				"[--budget N] [--sample K] [--seed S] [--threads T] [--verbose]\n",
				argv[0]);
			return 2;
		}
	}
	if (sample < 1 || sample > 10)
		sample = 10;
	/* ../shared is beside the repository in CI but not in a lone clone: say
	 * which copy is measured, and skip (exit 0) rather than fail without it. */
	if (shared) {
		struct stat st;
		if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "psplib_bench: skipped: no %s (give --dir or BATON_PSPLIB)\n", dir);
			return 0;
		}
		fprintf(stderr, "psplib_bench: using PSPLIB from %s (../shared, not part of the repository)\n", dir);
	}
	if (!nsets) {
		sets[nsets++] = "j30";
		sets[nsets++] = "j60";
		sets[nsets++] = "j120";
	}
	int rc = 0;
	for (int i = 0; i < nsets; i++)
		if (run_set(dir, sets[i], budget, sample, seed, threads, verbose))
			rc = 1;
	return rc;
}
