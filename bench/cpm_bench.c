/*
 * cpm_bench.c: times baton's parse + compile + CPM on a large plan and runs
 * a peer (networkx) on the same graph, printing both side by side.
 *
 *   cpm_bench [options] PLAN EDGES
 *     --peer SCRIPT      the peer (default bench/peer_networkx.py)
 *     --python PY        its interpreter (default python3)
 *     --estimate E       the duration the peer takes from a three-point
 *                        estimate: likely (default), pert, ...; it must be
 *                        the one baton's CPM uses, or the end days differ
 *     --repeat N         run baton N times and report the fastest (default 1)
 *     --no-peer          baton alone (EDGES not needed)
 *     --enforce          exit 1 when a goal (2 s, 1 GiB) is missed
 *
 * EDGES is the edge list `gen_plan --edges` wrote for the same plan.
 * Timed for baton: reading the file; baton_plan_parse (parse + check);
 * baton_schedule_compute with level 0 (compile to the network + CPM, no
 * levelling). For the peer: building the DiGraph; the topological sort and
 * both passes. Peak memory is
 * the process's ru_maxrss, measured before the peer runs (the peer is a
 * child process and does not count towards it); it includes the file
 * buffer this program holds, as any caller would.
 *
 * Exit status: 0; 1 when the end days differ, baton fails, or (with
 * --enforce) a goal is missed; 2 on bad usage.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "baton.h"

#define GOAL_SECONDS 2.0
#define GOAL_KIB (1024L * 1024L) /* 1 GiB */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process (user + system): robust to other load on the
 * machine, where the wall clock is not. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long maxrss_kib(int who)
{
	struct rusage ru;
	if (getrusage(who, &ru))
		return -1;
	return ru.ru_maxrss; /* KiB on Linux */
}

/* Current resident set in KiB, from /proc/self/statm; -1 if unknown. */
static long rss_now_kib(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size, res;
	if (!f)
		return -1;
	int ok = fscanf(f, "%ld %ld", &size, &res) == 2;
	fclose(f);
	return ok ? res * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (fseek(f, 0, SEEK_END) == 0) {
		long sz = ftell(f);
		if (sz > 0)
			cap = (size_t)sz + 2; /* one short read then means EOF */
		rewind(f);
	}
	for (;;) {
		if (!buf || n + 1 >= cap) {
			cap = !buf && cap ? cap : cap ? cap * 2 : 1 << 20;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		size_t want = cap - n - 1;
		size_t got = fread(buf + n, 1, want, f);
		n += got;
		if (got < want)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*============================== The peer ============================*/

typedef struct peer_result {
	long end_day, critical, nodes, edges, maxrss_kib;
	double read_s, build_s, cpm_s, total_s;
	double wall_s; /* the whole child process, interpreter start included */
} peer_result;

/* The value of `key=` in line as a double; -1 when absent. */
static double kv(const char *line, const char *key)
{
	size_t kl = strlen(key);
	for (const char *p = line; (p = strstr(p, key)) != NULL; p += kl) {
		if ((p == line || p[-1] == ' ') && p[kl] == '=')
			return strtod(p + kl + 1, NULL);
	}
	return -1;
}

/* Run `python script --estimate est edges`, read its one line of results.
 * Returns 0, or -1 after printing why. */
static int run_peer(const char *python, const char *script, const char *est,
		    const char *edges, peer_result *r)
{
	int fd[2];
	if (pipe(fd)) {
		perror("cpm_bench: pipe");
		return -1;
	}
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("cpm_bench: fork");
		return -1;
	}
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execlp(python, python, script, "--estimate", est, edges,
		       (char *)NULL);
		fprintf(stderr, "cpm_bench: cannot run '%s': %s\n", python,
			strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	char line[1024];
	size_t n = 0;
	ssize_t got;
	while ((got = read(fd[0], line + n, sizeof line - 1 - n)) > 0)
		n += (size_t)got;
	line[n] = '\0';
	close(fd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	r->wall_s = now() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "cpm_bench: the peer failed (%s %s)\n", python,
			script);
		return -1;
	}
	r->end_day = (long)kv(line, "end_day");
	r->critical = (long)kv(line, "critical");
	r->nodes = (long)kv(line, "nodes");
	r->edges = (long)kv(line, "edges");
	r->read_s = kv(line, "read_s");
	r->build_s = kv(line, "build_s");
	r->cpm_s = kv(line, "cpm_s");
	r->total_s = kv(line, "total_s");
	r->maxrss_kib = maxrss_kib(RUSAGE_CHILDREN);
	if (r->end_day < 0 || r->total_s < 0) {
		fprintf(stderr, "cpm_bench: cannot read the peer's output: %s\n",
			line);
		return -1;
	}
	return 0;
}

/*================================ Main ==============================*/

static void usage(FILE *f)
{
	fputs("usage: cpm_bench [--peer SCRIPT] [--python PY] [--estimate E]\n"
	      "                 [--repeat N] [--enforce] PLAN EDGES\n"
	      "       cpm_bench --no-peer [--repeat N] [--enforce] PLAN\n",
	      f);
}

int main(int argc, char **argv)
{
	const char *peer = "bench/peer_networkx.py", *python = "python3";
	const char *estimate = "likely", *plan_path = NULL, *edges_path = NULL;
	int no_peer = 0, enforce = 0, repeat = 1;

	for (int a = 1; a < argc; a++) {
		const char *s = argv[a];
		int more = a + 1 < argc;
		if (!strcmp(s, "--peer") && more)
			peer = argv[++a];
		else if (!strcmp(s, "--python") && more)
			python = argv[++a];
		else if (!strcmp(s, "--estimate") && more)
			estimate = argv[++a];
		else if (!strcmp(s, "--repeat") && more)
			repeat = atoi(argv[++a]);
		else if (!strcmp(s, "--no-peer"))
			no_peer = 1;
		else if (!strcmp(s, "--enforce"))
			enforce = 1;
		else if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			usage(stdout);
			return 0;
		} else if (s[0] == '-' && s[1]) {
			usage(stderr);
			return 2;
		} else if (!plan_path)
			plan_path = s;
		else if (!edges_path)
			edges_path = s;
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!plan_path || (!edges_path && !no_peer) || repeat < 1) {
		usage(stderr);
		return 2;
	}

	double t0 = now();
	size_t len;
	char *text = read_file(plan_path, &len);
	double t_read = now() - t0;
	if (!text) {
		fprintf(stderr, "cpm_bench: cannot read '%s': %s\n", plan_path,
			strerror(errno));
		return 1;
	}
	long rss_loaded = rss_now_kib();

	double best_parse = 1e30, best_cpm = 1e30, best_total = 1e30;
	double best_cpu = 1e30;
	double t_free = 0;
	int end_day = 0;
	for (int run = 0; run < repeat; run++) {
		double cpu0 = cpu_now();
		double a = now();
		baton_plan *plan = baton_plan_parse(plan_path, text, len);
		double b = now();
		if (!plan) {
			fputs("cpm_bench: baton_plan_parse: out of memory\n", stderr);
			return 1;
		}
		if (baton_plan_errors(plan)) {
			char *d = baton_plan_diagnostics(plan, 0);
			fprintf(stderr, "cpm_bench: %d errors in '%s'; the first:\n%.4000s\n",
				baton_plan_errors(plan), plan_path, d ? d : "");
			baton_string_free(d);
			baton_plan_free(plan);
			return 1;
		}
		baton_schedule_opts opts = BATON_SCHEDULE_OPTS_INIT;
		opts.level = 0;
		baton_error err;
		double c = now();
		baton_schedule *s = baton_schedule_compute(plan, &opts, &err);
		double d = now();
		double cpu = cpu_now() - cpu0;
		if (!s) {
			fprintf(stderr, "cpm_bench: baton_schedule_compute: %s\n",
				err.message);
			baton_plan_free(plan);
			return 1;
		}
		end_day = baton_schedule_end_day(s);
		double e = now();
		baton_schedule_free(s);
		baton_plan_free(plan);
		t_free = now() - e;
		if (b - a < best_parse)
			best_parse = b - a;
		if (d - c < best_cpm)
			best_cpm = d - c;
		if ((b - a) + (d - c) < best_total)
			best_total = (b - a) + (d - c);
		if (cpu < best_cpu)
			best_cpu = cpu;
	}
	long peak = maxrss_kib(RUSAGE_SELF);
	free(text);

	peer_result pr;
	memset(&pr, 0, sizeof pr);
	int have_peer = 0;
	if (!no_peer) {
		if (run_peer(python, peer, estimate, edges_path, &pr))
			return 1;
		have_peer = 1;
	}

	printf("plan: %s (%.1f MB)%s\n", plan_path, (double)len / 1e6,
	       repeat > 1 ? "  [baton: fastest of the runs]" : "");
	if (have_peer)
		printf("graph: %ld nodes (tasks + milestones), %ld dependencies; "
		       "peer: networkx %s (--estimate %s)\n",
		       pr.nodes, pr.edges, peer, estimate);
	printf("\n%-34s %12s %12s %10s\n", "", "baton", have_peer ? "networkx" : "",
	       have_peer ? "nx/baton" : "");
#define ROW(label, bv, pv)                                                      \
	do {                                                                    \
		if (have_peer)                                                  \
			printf("%-34s %10.3f s %10.3f s %9.1fx\n", label, bv, pv,     \
			       (bv) > 0 ? (pv) / (bv) : 0.0);                    \
		else                                                            \
			printf("%-34s %10.3f s\n", label, bv);                  \
	} while (0)
	ROW("read file", t_read, pr.read_s);
	ROW("plan_parse (parse+check) | DiGraph", best_parse, pr.build_s);
	ROW("schedule (compile+CPM) | CPM", best_cpm, pr.cpm_s);
	ROW("total, file in memory", best_total, pr.build_s + pr.cpm_s);
	ROW("total, from the file", t_read + best_total, pr.total_s);
#undef ROW
	printf("%-34s %10.3f s\n", "baton CPU time, parse+CPM", best_cpu);
	if (have_peer)
		printf("%-34s %12s %10.3f s\n", "peer process wall (interpreter too)",
		       "", pr.wall_s);
	if (have_peer)
		printf("%-34s %8.1f MiB %8.1f MiB %9.1fx\n", "peak RSS", peak / 1024.0,
		       pr.maxrss_kib / 1024.0,
		       peak > 0 ? (double)pr.maxrss_kib / (double)peak : 0.0);
	else
		printf("%-34s %8.1f MiB\n", "peak RSS", peak / 1024.0);
	printf("%-34s %8.1f MiB\n", "RSS once the plan text is read",
	       rss_loaded > 0 ? rss_loaded / 1024.0 : 0.0);
	printf("%-34s %12.3f s\n", "baton_plan_free + schedule_free", t_free);
	if (have_peer)
		printf("%-34s %12d %12ld %10s\n", "end day (working days)", end_day,
		       pr.end_day, end_day == pr.end_day ? "match" : "MISMATCH");
	else
		printf("%-34s %12d\n", "end day (working days)", end_day);
	if (have_peer)
		printf("RATIO networkx/baton, from the file: %.1fx (%.3f s vs %.3f s)\n",
		       pr.total_s / (t_read + best_total), pr.total_s,
		       t_read + best_total);

	int time_ok = best_total < GOAL_SECONDS, mem_ok = peak < GOAL_KIB;
	printf("goal parse+compile+CPM < %.0f s: %s (%.3f s wall, %.3f s CPU); "
	       "peak RSS < 1 GiB: %s (%.1f MiB)\n",
	       GOAL_SECONDS, time_ok ? "PASS" : "FAIL", best_total, best_cpu,
	       mem_ok ? "PASS" : "FAIL", peak / 1024.0);

	if (have_peer && end_day != pr.end_day) {
		fprintf(stderr, "cpm_bench: end day %d differs from the peer's %ld\n",
			end_day, pr.end_day);
		return 1;
	}
	if (enforce && (!time_ok || !mem_ok))
		return 1;
	return 0;
}
