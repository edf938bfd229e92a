/*
 * rcmpsp_bench.c: multi-project levelling (the RCMPSP) against the rule
 * MS Project and Primavera P6 level by.
 *
 *   rcmpsp_bench [--budget N]... [--seed S] [--baton PATH] FILE.rcmp...
 *
 * For each instance: total makespan (TMS, the finish of the last project)
 * and average project delay (APD, the mean over projects of finish minus
 * release minus the project's critical-path length) of
 *   (a) the peer: a parallel schedule-generation scheme with minimum
 *       slack first (static total float in the project's own network,
 *       ties by latest start, then by number), written here and sharing
 *       nothing with src/lib;
 *   (b) baton's engine (bt_rcpsp_solve with projects) at each --budget
 *       (default 1,000 and 10,000 schedules);
 * every schedule passed through an independent checker (also written
 * here: precedences, releases, per-day use of every resource against its
 * capacity), with the ratio of APDs and the time per instance. With
 * --baton, the user-facing path `baton import rcmp FILE -o DIR` is timed
 * as well.
 *
 * The instance is read twice: by a small reader here (for the peer and the
 * checker) and by src/lib/rcmp.c (for baton); the two must agree on the
 * counts, or the instance is reported as a reader mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rcmp.h"
#include "rcpsp.h"

/*====================== The benchmark's own reader ===================*/

typedef struct bi {
	int np, nr, n;
	int *cap;          /* [nr] */
	int *poff;         /* [np+1] */
	int *rel;          /* [np] */
	int *dur, *proj;   /* [n] */
	int *dem;          /* [n * nr] */
	int *soff, *succ;  /* successors, CSR, global indices */
} bi;

static void bi_free(bi *b)
{
	free(b->cap);
	free(b->poff);
	free(b->rel);
	free(b->dur);
	free(b->proj);
	free(b->dem);
	free(b->soff);
	free(b->succ);
	memset(b, 0, sizeof *b);
}

/* Trusting fscanf reader: the files are the benchmark's own inputs. */
static int bi_read(const char *path, bi *b)
{
	memset(b, 0, sizeof *b);
	int cap_n = 0, cap_s = 0, ns_total = 0;
	int *sp = NULL, *sa = NULL, *sfrom = NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int ok = fscanf(f, "%d %d", &b->np, &b->nr) == 2 && b->np > 0 && b->nr >= 0;
	if (!ok)
		goto bad;
	b->cap = calloc((size_t)b->nr + 1, sizeof *b->cap);
	b->poff = calloc((size_t)b->np + 1, sizeof *b->poff);
	b->rel = calloc((size_t)b->np + 1, sizeof *b->rel);
	for (int r = 0; r < b->nr; r++)
		if (fscanf(f, "%d", &b->cap[r]) != 1)
			goto bad;
	for (int p = 0; p < b->np; p++) {
		int na, u;
		if (fscanf(f, "%d %d", &na, &b->rel[p]) != 2)
			goto bad;
		b->poff[p] = b->n;
		for (int r = 0; r < b->nr; r++)
			if (fscanf(f, "%d", &u) != 1)
				goto bad;
		for (int a = 0; a < na; a++) {
			if (b->n + 1 > cap_n) {
				cap_n = cap_n ? cap_n * 2 : 256;
				b->dur = realloc(b->dur, (size_t)cap_n * sizeof *b->dur);
				b->proj = realloc(b->proj, (size_t)cap_n * sizeof *b->proj);
				b->dem = realloc(b->dem, (size_t)cap_n * (size_t)(b->nr + 1) * sizeof *b->dem);
			}
			int j = b->n++, ns;
			b->proj[j] = p;
			if (fscanf(f, "%d", &b->dur[j]) != 1)
				goto bad;
			for (int r = 0; r < b->nr; r++)
				if (fscanf(f, "%d", &b->dem[(size_t)j * (size_t)b->nr + (size_t)r]) != 1)
					goto bad;
			if (fscanf(f, "%d", &ns) != 1)
				goto bad;
			for (int x = 0; x < ns; x++) {
				if (ns_total + 1 > cap_s) {
					cap_s = cap_s ? cap_s * 2 : 256;
					sp = realloc(sp, (size_t)cap_s * sizeof *sp);
					sa = realloc(sa, (size_t)cap_s * sizeof *sa);
					sfrom = realloc(sfrom, (size_t)cap_s * sizeof *sfrom);
				}
				if (fscanf(f, "%d:%d", &sp[ns_total], &sa[ns_total]) != 2)
					goto bad;
				sfrom[ns_total++] = j;
			}
		}
	}
	b->poff[b->np] = b->n;
	fclose(f);
	b->soff = calloc((size_t)b->n + 2, sizeof *b->soff);
	b->succ = calloc((size_t)ns_total + 1, sizeof *b->succ);
	for (int i = 0; i < ns_total; i++)
		b->soff[sfrom[i] + 1]++;
	for (int j = 0; j < b->n; j++)
		b->soff[j + 1] += b->soff[j];
	int *fill = calloc((size_t)b->n + 1, sizeof *fill);
	for (int i = 0; i < ns_total; i++) {
		int j = sfrom[i];
		b->succ[b->soff[j] + fill[j]++] = b->poff[sp[i] - 1] + sa[i] - 1;
	}
	free(fill);
	free(sp);
	free(sa);
	free(sfrom);
	return 0;
bad:
	fclose(f);
	free(sp);
	free(sa);
	free(sfrom);
	bi_free(b);
	return -1;
}

/* A topological order (Kahn). */
static int *topo_order(const bi *b)
{
	int *deg = calloc((size_t)b->n + 1, sizeof *deg), *q = malloc(((size_t)b->n + 1) * sizeof *q);
	for (int j = 0; j < b->n; j++)
		for (int x = b->soff[j]; x < b->soff[j + 1]; x++)
			deg[b->succ[x]]++;
	int h = 0, t = 0;
	for (int j = 0; j < b->n; j++)
		if (!deg[j])
			q[t++] = j;
	while (h < t) {
		int j = q[h++];
		for (int x = b->soff[j]; x < b->soff[j + 1]; x++)
			if (--deg[b->succ[x]] == 0)
				q[t++] = b->succ[x];
	}
	free(deg);
	return q;
}

/* Each project's early finish (resources ignored, from its release):
 * release + critical-path length. */
static void early_finish(const bi *b, const int *topo, int *ef)
{
	int *es = malloc(((size_t)b->n + 1) * sizeof *es);
	for (int j = 0; j < b->n; j++)
		es[j] = b->rel[b->proj[j]];
	for (int i = 0; i < b->n; i++) {
		int j = topo[i];
		for (int x = b->soff[j]; x < b->soff[j + 1]; x++)
			if (es[j] + b->dur[j] > es[b->succ[x]])
				es[b->succ[x]] = es[j] + b->dur[j];
	}
	for (int p = 0; p < b->np; p++)
		ef[p] = b->rel[p];
	for (int j = 0; j < b->n; j++)
		if (es[j] + b->dur[j] > ef[b->proj[j]])
			ef[b->proj[j]] = es[j] + b->dur[j];
	free(es);
}

/*======================= The independent checker ======================*/

/* 1 when start[] is feasible; TMS and APD out. */
static int check(const bi *b, const int *ef, const int *start, int *tms, double *apd,
		 char *why, size_t whylen)
{
	int end = 0;
	for (int j = 0; j < b->n; j++) {
		if (start[j] < b->rel[b->proj[j]]) {
			snprintf(why, whylen, "activity %d starts on %d before its release %d", j,
				 start[j], b->rel[b->proj[j]]);
			return 0;
		}
		for (int x = b->soff[j]; x < b->soff[j + 1]; x++)
			if (start[b->succ[x]] < start[j] + b->dur[j]) {
				snprintf(why, whylen, "activity %d starts before its predecessor %d ends",
					 b->succ[x], j);
				return 0;
			}
		if (start[j] + b->dur[j] > end)
			end = start[j] + b->dur[j];
	}
	int *use = calloc((size_t)end + 1, sizeof *use);
	for (int r = 0; r < b->nr; r++) {
		memset(use, 0, ((size_t)end + 1) * sizeof *use);
		for (int j = 0; j < b->n; j++)
			for (int t = start[j]; t < start[j] + b->dur[j]; t++)
				use[t] += b->dem[(size_t)j * (size_t)b->nr + (size_t)r];
		for (int t = 0; t < end; t++)
			if (use[t] > b->cap[r]) {
				snprintf(why, whylen, "resource %d used %d > %d on day %d", r + 1, use[t],
					 b->cap[r], t);
				free(use);
				return 0;
			}
	}
	free(use);
	double sum = 0;
	int *fin = calloc((size_t)b->np + 1, sizeof *fin);
	for (int p = 0; p < b->np; p++)
		fin[p] = b->rel[p];
	for (int j = 0; j < b->n; j++)
		if (start[j] + b->dur[j] > fin[b->proj[j]])
			fin[b->proj[j]] = start[j] + b->dur[j];
	for (int p = 0; p < b->np; p++)
		sum += fin[p] - ef[p];
	free(fin);
	*tms = end;
	*apd = sum / b->np;
	return 1;
}

/*============ The peer: parallel SGS, minimum slack first ============*/

static const bi *cmp_b;
static const int *cmp_slack, *cmp_ls;

static int by_slack(const void *x, const void *y)
{
	int a = *(const int *)x, c = *(const int *)y;
	if (cmp_slack[a] != cmp_slack[c])
		return cmp_slack[a] < cmp_slack[c] ? -1 : 1;
	if (cmp_ls[a] != cmp_ls[c])
		return cmp_ls[a] < cmp_ls[c] ? -1 : 1;
	return a < c ? -1 : a > c;
}

static void peer(const bi *b, const int *topo, int *start)
{
	int n = b->n;
	int *es = malloc(((size_t)n + 1) * sizeof *es), *ls = malloc(((size_t)n + 1) * sizeof *ls);
	int *slack = malloc(((size_t)n + 1) * sizeof *slack);
	int *ef = malloc(((size_t)b->np + 1) * sizeof *ef);
	early_finish(b, topo, ef);
	for (int j = 0; j < n; j++)
		es[j] = b->rel[b->proj[j]];
	for (int i = 0; i < n; i++) {
		int j = topo[i];
		for (int x = b->soff[j]; x < b->soff[j + 1]; x++)
			if (es[j] + b->dur[j] > es[b->succ[x]])
				es[b->succ[x]] = es[j] + b->dur[j];
	}
	/* Total float in the project's own network: latest starts against
	 * the project's early finish, as a one-project tool computes them. */
	for (int i = n; i-- > 0;) {
		int j = topo[i];
		int lf = ef[b->proj[j]];
		for (int x = b->soff[j]; x < b->soff[j + 1]; x++)
			if (ls[b->succ[x]] < lf)
				lf = ls[b->succ[x]];
		ls[j] = lf - b->dur[j];
		slack[j] = ls[j] - es[j];
	}
	int *npred = calloc((size_t)n + 1, sizeof *npred), *fin = malloc(((size_t)n + 1) * sizeof *fin);
	int *elig = malloc(((size_t)n + 1) * sizeof *elig), *act = malloc(((size_t)n + 1) * sizeof *act);
	int *ready = malloc(((size_t)n + 1) * sizeof *ready), *freec = malloc(((size_t)b->nr + 1) * sizeof *freec);
	for (int j = 0; j < n; j++) {
		start[j] = -1;
		ready[j] = b->rel[b->proj[j]];
		for (int x = b->soff[j]; x < b->soff[j + 1]; x++)
			npred[b->succ[x]]++;
	}
	int ne = 0, na = 0, done = 0, t = 0;
	for (int j = 0; j < n; j++)
		if (!npred[j])
			elig[ne++] = j;
	cmp_b = b;
	cmp_slack = slack;
	cmp_ls = ls;
	while (done < n) {
		/* Finish what ends by t, releasing successors. */
		for (int i = 0; i < na;) {
			int j = act[i];
			if (fin[j] <= t) {
				act[i] = act[--na];
				done++;
				for (int x = b->soff[j]; x < b->soff[j + 1]; x++) {
					int s = b->succ[x];
					if (fin[j] > ready[s])
						ready[s] = fin[j];
					if (--npred[s] == 0)
						elig[ne++] = s;
				}
			} else {
				i++;
			}
		}
		for (int r = 0; r < b->nr; r++)
			freec[r] = b->cap[r];
		for (int i = 0; i < na; i++)
			for (int r = 0; r < b->nr; r++)
				freec[r] -= b->dem[(size_t)act[i] * (size_t)b->nr + (size_t)r];
		qsort(elig, (size_t)ne, sizeof *elig, by_slack);
		int started = 0;
		for (int i = 0; i < ne;) {
			int j = elig[i], fits = ready[j] <= t;
			for (int r = 0; r < b->nr && fits; r++)
				fits = b->dem[(size_t)j * (size_t)b->nr + (size_t)r] <= freec[r];
			if (!fits) {
				i++;
				continue;
			}
			for (int r = 0; r < b->nr; r++)
				freec[r] -= b->dem[(size_t)j * (size_t)b->nr + (size_t)r];
			start[j] = t;
			fin[j] = t + b->dur[j];
			act[na++] = j;
			memmove(elig + i, elig + i + 1, (size_t)(ne - i - 1) * sizeof *elig);
			ne--;
			started = 1;
		}
		if (started && na && done < n) {
			/* Zero-duration starts finish now: loop at the same t. */
			int zero = 0;
			for (int i = 0; i < na; i++)
				zero |= fin[act[i]] <= t;
			if (zero)
				continue;
		}
		/* Next event: a finish or a release. */
		int nt = -1;
		for (int i = 0; i < na; i++)
			if (nt < 0 || fin[act[i]] < nt)
				nt = fin[act[i]];
		for (int i = 0; i < ne; i++)
			if (ready[elig[i]] > t && (nt < 0 || ready[elig[i]] < nt))
				nt = ready[elig[i]];
		if (nt < 0)
			break; /* nothing runs and nothing can: cannot happen */
		t = nt > t ? nt : t + 1;
	}
	free(es);
	free(ls);
	free(slack);
	free(ef);
	free(npred);
	free(fin);
	free(elig);
	free(act);
	free(ready);
	free(freec);
}

/*=============================== Main ================================*/

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The process's CPU time: on a shared machine the wall clock measures the
 * neighbours too; the solve is single-threaded, so this is its cost. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	long budgets[4];
	int nb = 0;
	unsigned long long seed = 1;
	const char *baton = NULL;
	int first = 1;
	for (; first < argc; first++) {
		if (!strcmp(argv[first], "--budget") && first + 1 < argc && nb < 4)
			budgets[nb++] = atol(argv[++first]);
		else if (!strcmp(argv[first], "--seed") && first + 1 < argc)
			seed = strtoull(argv[++first], NULL, 10);
		else if (!strcmp(argv[first], "--baton") && first + 1 < argc)
			baton = argv[++first];
		else
			break;
	}
	if (!nb) {
		budgets[nb++] = 1000;
		budgets[nb++] = 10000;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: rcmpsp_bench [--budget N]... [--seed S] [--baton PATH] FILE.rcmp...\n");
		return 2;
	}
	printf("%-22s %3s %5s | %-12s |", "instance", "P", "acts", "min-slack");
	for (int k = 0; k < nb; k++)
		printf(" baton %-6ld %-19s |", budgets[k], "");
	printf(" import\n");
	printf("%-22s %3s %5s | %5s %6s |", "", "", "", "TMS", "APD");
	for (int k = 0; k < nb; k++)
		printf(" %5s %6s %5s %6s %6s |", "TMS", "APD", "ratio", "cpu s", "wall s");
	printf(" %6s\n", "s");
	int infeasible = 0, mismatch = 0, refused = 0, count = 0;
	double sum_ratio[4] = {0}, sum_apd_peer = 0, sum_apd[4] = {0}, max_s[4] = {0}, max_c[4] = {0};
	int nratio[4] = {0};
	for (int f = first; f < argc; f++) {
		const char *path = argv[f], *name = strrchr(path, '/');
		name = name ? name + 1 : path;
		bt_rcmp rc;
		if (bt_rcmp_load(path, &rc)) {
			/* baton's reader refused it: its located error, as a
			 * user would see it (tests/rcmp.sh's bad-input cases). */
			bt_buf eb = BT_BUF_INIT;
			bt_rcmp_render_error(&rc, path, rc.text, rc.text_len, &eb);
			fwrite(eb.s, 1, eb.len, stderr);
			bt_buf_release(&eb);
			bt_rcmp_free(&rc);
			refused++;
			continue;
		}
		bi b;
		if (bi_read(path, &b) || rc.n != (uint32_t)b.n || rc.nproj != (uint32_t)b.np) {
			printf("%-22s reader mismatch: the benchmark's reader disagrees with baton's\n", name);
			bt_rcmp_free(&rc);
			bi_free(&b);
			mismatch++;
			continue;
		}
		count++;
		int *topo = topo_order(&b), *ef = malloc(((size_t)b.np + 1) * sizeof *ef);
		int *st = malloc(((size_t)b.n + 1) * sizeof *st);
		early_finish(&b, topo, ef);
		char why[160];
		int tms;
		double apd_peer, apd;
		peer(&b, topo, st);
		if (!check(&b, ef, st, &tms, &apd_peer, why, sizeof why)) {
			printf("%-22s peer INFEASIBLE: %s\n", name, why);
			infeasible++;
			apd_peer = 0;
		}
		sum_apd_peer += apd_peer;
		printf("%-22s %3d %5d | %5d %6.2f |", name, b.np, b.n, tms, apd_peer);
		for (int k = 0; k < nb; k++) {
			bt_rcpsp_opts o = {.max_schedules = budgets[k], .seed = seed};
			bt_rcpsp_result res;
			double t0 = now(), c0 = cpu();
			int e = bt_rcpsp_solve(&rc.problem, &o, &res);
			double secs = now() - t0, csecs = cpu() - c0;
			if (e) {
				printf(" error: %s |", bt_rcpsp_strerror(e));
				infeasible++;
			} else {
				for (int j = 0; j < b.n; j++)
					st[j] = res.start[j];
				if (!check(&b, ef, st, &tms, &apd, why, sizeof why)) {
					printf(" INFEASIBLE: %s |", why);
					infeasible++;
				} else {
					double ratio = apd_peer > 0 ? apd / apd_peer : (apd > 0 ? 99 : 1);
					sum_ratio[k] += ratio;
					nratio[k]++;
					sum_apd[k] += apd;
					printf(" %5d %6.2f %5.2f %6.3f %6.3f |", tms, apd, ratio, csecs, secs);
				}
				if (secs > max_s[k])
					max_s[k] = secs;
				if (csecs > max_c[k])
					max_c[k] = csecs;
			}
			bt_rcpsp_result_free(&res);
		}
		if (baton) {
			char cmd[2048];
			snprintf(cmd, sizeof cmd, "rm -rf %s.import && %s import rcmp %s -o %s.import >/dev/null 2>&1",
				 "/tmp/rcmpsp_bench", baton, path, "/tmp/rcmpsp_bench");
			double t0 = now();
			int e = system(cmd);
			printf(e ? "  error\n" : " %6.3f\n", now() - t0);
		} else {
			printf("      -\n");
		}
		fflush(stdout);
		free(topo);
		free(ef);
		free(st);
		bt_rcmp_free(&rc);
		bi_free(&b);
	}
	printf("\n%d instances; mean APD min-slack %.2f", count, count ? sum_apd_peer / count : 0);
	for (int k = 0; k < nb; k++)
		printf("; baton %ld: mean APD %.2f, mean ratio %.3f (%.1f%% below), max %.3f s cpu, %.3f s wall",
		       budgets[k], nratio[k] ? sum_apd[k] / nratio[k] : 0,
		       nratio[k] ? sum_ratio[k] / nratio[k] : 0,
		       nratio[k] ? 100 * (1 - sum_ratio[k] / nratio[k]) : 0, max_c[k], max_s[k]);
	printf("\n%s: %d infeasible or failed schedules, %d reader mismatches, %d refused\n",
	       infeasible || mismatch || refused ? "FAIL" : "ok", infeasible, mismatch, refused);
	return refused ? 2 : infeasible || mismatch ? 1 : 0;
}
