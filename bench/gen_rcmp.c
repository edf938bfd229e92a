/*
 * gen_rcmp.c: random multi-project instances in the .rcmp format (see
 * bench/rcmpsp/README.md), for the RCMPSP benchmark.
 *
 *   gen_rcmp SEED > instance.rcmp
 *
 * From the seed alone: 2 to 20 projects of 30 to 120 real activities
 * each (plus the dummy start and end), 2 to 4 resources shared by every
 * project and, for about a third of the projects, one local resource of
 * their own. Each activity has 1 to 3 predecessors among the activities
 * before it, a duration of 1 to 10 days and, per resource of its project,
 * a demand of 1 to 10 with probability one half. Releases: half the
 * projects start on day 0, the others on a day up to 10 per project.
 * Capacities follow the resource strength of Kolisch, Sprecher and Drexl
 * (1995): cap = kmin + RS * (kmax - kmin), with kmin the largest single
 * demand and kmax the peak of the early-start profile, RS drawn from
 * 0.1 to 0.4 for shared resources (contended: the point of the exercise)
 * and 0.3 to 0.6 for local ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t st;

static uint64_t rnd(void)
{
	/* splitmix64 (Steele, Lea and Flood 2014) */
	uint64_t z = (st += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int between(int lo, int hi) { return lo + (int)(rnd() % (uint64_t)(hi - lo + 1)); }

enum { MAXP = 20, MAXA = 122, MAXR = 4 + MAXP };

static int np, nr, cap[MAXR], nact[MAXP], rel[MAXP], uses[MAXP][MAXR];
static int dur[MAXP][MAXA], dem[MAXP][MAXA][MAXR];
static int nsucc[MAXP][MAXA], succ[MAXP][MAXA][MAXA];
static int es[MAXP][MAXA];

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen_rcmp SEED\n");
		return 2;
	}
	st = strtoull(argv[1], NULL, 10) * 7919 + 17;
	np = between(2, 20);
	int shared = between(2, 4);
	nr = shared;
	int local[MAXP];
	for (int p = 0; p < np; p++) {
		local[p] = between(0, 2) == 0 ? nr++ : -1;
		for (int r = 0; r < shared; r++)
			uses[p][r] = 1;
		if (local[p] >= 0)
			uses[p][local[p]] = 1;
		rel[p] = between(0, 1) ? 0 : between(0, 10 * np);
		int n = between(30, 120);
		nact[p] = n + 2;
		int has_pred[MAXA] = {0}, has_succ[MAXA] = {0};
		for (int a = 1; a <= n; a++) {
			dur[p][a] = between(1, 10);
			for (int r = 0; r < nr; r++)
				dem[p][a][r] = uses[p][r] && between(0, 1) ? between(1, 10) : 0;
			int k = a <= 3 ? 0 : between(1, 3);
			for (int x = 0; x < k; x++) {
				int q = between(1 > a - 12 ? 1 : a - 12, a - 1);
				int dup = 0;
				for (int y = 0; y < nsucc[p][q]; y++)
					dup |= succ[p][q][y] == a;
				if (dup)
					continue;
				succ[p][q][nsucc[p][q]++] = a;
				has_pred[a] = has_succ[q] = 1;
			}
		}
		for (int a = 1; a <= n; a++) {
			if (!has_pred[a])
				succ[p][0][nsucc[p][0]++] = a;
			if (!has_succ[a])
				succ[p][a][nsucc[p][a]++] = n + 1;
		}
	}
	/* Resource strength over the early-start profiles (resources
	 * ignored, releases counted): successors always come later. */
	int horizon = 0;
	for (int p = 0; p < np; p++) {
		for (int a = 0; a < nact[p]; a++)
			es[p][a] = rel[p];
		for (int a = 0; a < nact[p]; a++)
			for (int y = 0; y < nsucc[p][a]; y++) {
				int b = succ[p][a][y];
				if (es[p][a] + dur[p][a] > es[p][b])
					es[p][b] = es[p][a] + dur[p][a];
			}
		if (es[p][nact[p] - 1] > horizon)
			horizon = es[p][nact[p] - 1];
	}
	int *prof = calloc((size_t)horizon + 1, sizeof *prof);
	if (!prof)
		return 1;
	for (int r = 0; r < nr; r++) {
		int kmin = 0, kmax = 0;
		for (int t = 0; t <= horizon; t++)
			prof[t] = 0;
		for (int p = 0; p < np; p++)
			for (int a = 0; a < nact[p]; a++) {
				int q = dem[p][a][r];
				kmin = q > kmin ? q : kmin;
				for (int t = es[p][a]; t < es[p][a] + dur[p][a]; t++)
					prof[t] += q;
			}
		for (int t = 0; t <= horizon; t++)
			kmax = prof[t] > kmax ? prof[t] : kmax;
		double rs = r < shared ? between(10, 40) / 100.0 : between(30, 60) / 100.0;
		cap[r] = kmin + (int)(rs * (kmax - kmin) + 0.5);
		if (cap[r] < 1)
			cap[r] = 1;
	}
	free(prof);
	printf("%6d\n%6d\n", np, nr);
	for (int r = 0; r < nr; r++)
		printf("%6d", cap[r]);
	printf("\n\n");
	for (int p = 0; p < np; p++) {
		printf("%5d %5d\n", nact[p], rel[p]);
		for (int r = 0; r < nr; r++)
			printf("%4d", uses[p][r]);
		printf("\n\n");
		for (int a = 0; a < nact[p]; a++) {
			printf("%4d", dur[p][a]);
			for (int r = 0; r < nr; r++)
				printf("%4d", dem[p][a][r]);
			printf("%4d", nsucc[p][a]);
			for (int y = 0; y < nsucc[p][a]; y++)
				printf(" %d:%d", p + 1, succ[p][a][y] + 1);
			printf("\n");
		}
		printf("\n");
	}
	return 0;
}
