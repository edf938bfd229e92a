/*
 * gen_plan.c: writes a large, realistic-looking baton plan for benchmarks.
 *
 *   gen_plan [--edges FILE] [--scatter-ids] [--workstreams N] TASKS TEAMS SEED > plan.baton
 *
 * Standalone C11 (no libbaton). The same TASKS/TEAMS/SEED always give the
 * same bytes: the only randomness is a splitmix64 stream seeded by SEED.
 *
 * Shape of the graph. A program of this size is many teams working through
 * phases, so tasks are laid out in `phases` consecutive runs of `width`
 * tasks (task i is in phase i / width at position i % width, and its team
 * follows its position, as workstreams do). Each task gets 0-4
 * dependencies (2.05 on average), all on earlier tasks, drawn as:
 *   72%  the previous phase, near the same position (a hand-off in a stream)
 *   10%  two phases back, near the same position
 *   15%  the same phase, an earlier task of the same work package (4
 *        neighbouring positions: sequential work inside a stream)
 *    3%  any earlier task (a long-range cross-team dependency)
 * so the graph is deep (the critical path crosses every phase, with short
 * chains inside each) but far from a single chain. Types are mostly
 * finish-to-start; some ss/ff/sf, some lags (+Nd) and a few leads (-Nd).
 * Estimates are three-point (70%) or single (30%), sometimes in weeks.
 * A few milestones close the plan.
 *
 * --workstreams N gives each task `workstream "Stream K"` (K from 1 to N),
 * following its position as its team does, so a stream's tasks run
 * through every phase: what the report rolls up on a big plan. It draws
 * no random numbers, so the plan is otherwise the same bytes.
 *
 * --edges FILE writes the identical graph for a peer implementation:
 *   line 1:            NODES EDGES
 *   NODES lines:       O M P     optimistic, likely, pessimistic working days
 *                                (tasks 0..TASKS-1 then the milestones, 0 0 0)
 *   EDGES lines:       U V T LAG U precedes V; T is 0 fs, 1 ss, 2 ff, 3 sf;
 *                                LAG in working days (negative for a lead)
 * Node k < TASKS is task "t<k>" (see put_task_id for --scatter-ids); node
 * TASKS+j is milestone "m<j+1>".
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*=========================== Random numbers ==========================*/

/* splitmix64 (Steele, Lea, Flood 2014; Vigna's public-domain reference). */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is below
 * 2^-32 for the small n used here and does not matter for a generator). */
static uint32_t rng_below(uint32_t n)
{
	return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

/* 1 with probability pct/100. */
static int rng_pct(uint32_t pct)
{
	return rng_below(100) < pct;
}

/*============================ Output buffer ==========================*/

/* A tiny buffered writer: fprintf for 100 MB of output is the slow part of
 * a generator, so integers are formatted by hand. */
typedef struct out {
	FILE *f;
	char buf[1 << 16];
	size_t len;
	int err;
} out;

static void out_flush(out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->err = 1;
	o->len = 0;
}

static void out_mem(out *o, const char *s, size_t n)
{
	if (o->len + n > sizeof o->buf)
		out_flush(o);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void out_str(out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static void out_chr(out *o, char c)
{
	if (o->len + 1 > sizeof o->buf)
		out_flush(o);
	o->buf[o->len++] = c;
}

static void out_int(out *o, int64_t v)
{
	char tmp[24];
	size_t n = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out_chr(o, '-');
	while (n)
		out_chr(o, tmp[--n]);
}

/*============================ The generator ==========================*/

enum { DEP_FS, DEP_SS, DEP_FF, DEP_SF };
static const char *const dep_kw[] = {"fs", "ss", "ff", "sf"};

typedef struct dep {
	uint32_t from; /* an earlier task */
	int type;      /* DEP_* */
	int lag;       /* working days; negative is a lead */
} dep;

#define MAX_DEPS 4

/* Write a duration of `days` working days, in weeks when it is a whole
 * number of weeks and the dice say so (both spellings must parse). */
static void put_days(out *o, int days, int weeks_ok)
{
	if (weeks_ok && days >= 5 && days % 5 == 0) {
		out_int(o, days / 5);
		out_chr(o, 'w');
	} else {
		out_int(o, days);
		out_chr(o, 'd');
	}
}

/* A likely duration of 1-20 working days, skewed short the way real task
 * lists are (most tasks are a few days, a few are weeks). */
static int draw_likely(void)
{
	uint32_t r = rng_below(100);
	if (r < 45)
		return 1 + (int)rng_below(4);  /* 1-4 d */
	if (r < 80)
		return 3 + (int)rng_below(6);  /* 3-8 d */
	if (r < 95)
		return 5 + (int)rng_below(11); /* 5-15 d */
	return 10 + (int)rng_below(11);        /* 10-20 d */
}

/* Pick a predecessor of task i (phase `ph`, position `pos`), or return
 * UINT32_MAX when the drawn kind has no candidate (then try again). */
static uint32_t draw_pred(uint32_t i, uint32_t ph, uint32_t pos,
			  uint32_t width)
{
	uint32_t r = rng_below(100);
	if (r < 82 && ph >= 1) {
		/* a nearby position one (or, 10 of 82 times, two) phases back */
		uint32_t back = (r < 72 || ph < 2) ? 1 : 2;
		int64_t p = (int64_t)pos + (int64_t)rng_below(33) - 16;
		if (p < 0)
			p = 0;
		if (p >= (int64_t)width)
			p = (int64_t)width - 1;
		return (ph - back) * width + (uint32_t)p;
	}
	if (r < 97) {
		/* sequential work in the same phase, inside the task's work
		 * package of 4 neighbouring positions */
		uint32_t in_pkg = pos % 4;
		return in_pkg ? i - 1 - rng_below(in_pkg) : UINT32_MAX;
	}
	return i ? rng_below(i) : UINT32_MAX;
}

static int draw_ndeps(void)
{
	uint32_t r = rng_below(100);
	if (r < 5)
		return 0;
	if (r < 30)
		return 1;
	if (r < 70)
		return 2;
	if (r < 90)
		return 3;
	return 4;
}

static void draw_type_lag(dep *d)
{
	uint32_t r = rng_below(100);
	d->type = r < 82 ? DEP_FS : r < 91 ? DEP_SS : r < 98 ? DEP_FF : DEP_SF;
	r = rng_below(100);
	if (r < 15)
		d->lag = 1 + (int)rng_below(5);
	else if (r < 18)
		d->lag = -1 - (int)rng_below(3);
	else
		d->lag = 0;
}


/* The predecessors of milestone j (of nms): up to 5 tasks spread over the
 * phase that the milestone closes. Returns how many were written. */
static int milestone_preds(uint32_t j, uint32_t nms, uint32_t n,
			   uint32_t phases, uint32_t width, uint32_t out_p[5])
{
	/* milestone j closes phase ceil(phases * (j+1) / nms) (1-based) */
	uint32_t ph = (phases * (j + 1) + nms - 1) / nms - 1;
	uint32_t first = ph * width, last = first + width - 1;
	if (last >= n)
		last = n - 1;
	uint32_t span = last - first + 1, step = span / 5 ? span / 5 : 1;
	int k = 0;
	for (uint32_t x = 0; x < 5 && x < span; x++)
		out_p[k++] = last - x * step;
	return k;
}

/* Task ids: "t<k>" by default; with --scatter-ids "t" and 8 hex digits of
 * k * 0x9e3779b1 mod 2^32 (a bijection, as the multiplier is odd), so that
 * neighbouring tasks have unrelated ids as in a hand-written plan, and a
 * hash table cannot profit from ids that count up. */
static int scatter_ids;

static void put_task_id(out *o, uint32_t k)
{
	out_chr(o, 't');
	if (!scatter_ids) {
		out_int(o, k);
		return;
	}
	uint32_t x = k * UINT32_C(0x9e3779b1);
	for (int sh = 28; sh >= 0; sh -= 4)
		out_chr(o, "0123456789abcdef"[(x >> sh) & 15]);
}

static void usage(FILE *f)
{
	fputs("usage: gen_plan [--edges FILE] [--scatter-ids] [--workstreams N] TASKS TEAMS SEED > plan.baton\n"
	      "  TASKS >= 1, TEAMS >= 1; the same arguments give the same plan.\n"
	      "  --edges FILE    also write the graph as an edge list for a peer\n"
	      "  --scatter-ids   task ids that do not count up (t9e3779b1, ...)\n"
	      "  --workstreams N each task in one of N workstreams (by position)\n",
	      f);
}

static int parse_u64(const char *s, uint64_t max, uint64_t *out_v)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > max)
		return -1;
	*out_v = v;
	return 0;
}

/* The graph as the peer sees it, kept until the end because the edge list
 * wants its counts first. */
typedef struct edge {
	uint32_t u, v;
	int8_t type;
	int8_t lag;
} edge;

int main(int argc, char **argv)
{
	const char *edges_path = NULL;
	uint64_t nws = 0;
	const char *pos_args[3];
	int npos = 0;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--edges") && a + 1 < argc) {
			edges_path = argv[++a];
		} else if (!strcmp(argv[a], "--workstreams") && a + 1 < argc) {
			if (parse_u64(argv[++a], 100000, &nws) || !nws) {
				usage(stderr);
				return 2;
			}
		} else if (!strcmp(argv[a], "--scatter-ids")) {
			scatter_ids = 1;
		} else if (!strcmp(argv[a], "-h") || !strcmp(argv[a], "--help")) {
			usage(stdout);
			return 0;
		} else if (argv[a][0] == '-' && argv[a][1]) {
			usage(stderr);
			return 2;
		} else if (npos < 3) {
			pos_args[npos++] = argv[a];
		} else {
			usage(stderr);
			return 2;
		}
	}
	uint64_t ntasks, nteams, seed;
	if (npos != 3 || parse_u64(pos_args[0], 100000000, &ntasks) ||
	    parse_u64(pos_args[1], 100000, &nteams) ||
	    parse_u64(pos_args[2], UINT64_MAX, &seed) || !ntasks || !nteams) {
		usage(stderr);
		return 2;
	}
	rng_state = seed;
	uint32_t n = (uint32_t)ntasks;

	/* Phases: one per 10,000 tasks, at least 4 and at most 100, so a
	 * million tasks make 100 phases of 10,000. */
	uint32_t phases = n / 10000;
	if (phases < 4)
		phases = 4;
	if (phases > 100)
		phases = 100;
	if (phases > n)
		phases = n;
	uint32_t width = (n + phases - 1) / phases;
	phases = (n + width - 1) / width; /* no empty phase at the end */

	static const struct {
		const char *id, *name, *commit;
	} ms[] = {
		{"m1", "Alpha: core features complete", "2029-06-29"},
		{"m2", "Beta: feature freeze", "2030-06-28"},
		{"m3", "General availability", "2031-12-31"},
	};
	const uint32_t nms = (uint32_t)(sizeof ms / sizeof ms[0]);

	static out plan;
	plan.f = stdout;
	int16_t *dur = NULL; /* o, m, p per task */
	edge *ev = NULL;
	size_t ne = 0, ecap = 0;
	if (edges_path) {
		dur = malloc((size_t)n * 3 * sizeof *dur);
		if (!dur) {
			fputs("gen_plan: out of memory\n", stderr);
			return 1;
		}
	}

	out_str(&plan, "# Generated by bench/gen_plan ");
	out_str(&plan, pos_args[0]);
	out_chr(&plan, ' ');
	out_str(&plan, pos_args[1]);
	out_chr(&plan, ' ');
	out_str(&plan, pos_args[2]);
	out_str(&plan, ": do not edit.\n"
		       "program big \"Generated program\"\n"
		       "  start 2027-01-04\n"
		       "  commit 2031-12-31\n"
		       "  holiday 2027-05-31 \"Memorial Day\"\n"
		       "  holiday 2027-07-05 \"Independence Day\"\n"
		       "  holiday 2027-11-25 \"Thanksgiving\"\n"
		       "  holiday 2027-12-24 \"Winter break\"\n\n");
	for (uint64_t t = 1; t <= nteams; t++) {
		out_str(&plan, "team team");
		out_int(&plan, (int64_t)t);
		out_str(&plan, " \"Team ");
		out_int(&plan, (int64_t)t);
		out_str(&plan, "\"  capacity ");
		out_int(&plan, 2 + (int64_t)rng_below(7));
		out_chr(&plan, '\n');
	}

	for (uint32_t i = 0; i < n; i++) {
		uint32_t ph = i / width, pos = i % width;
		if (pos == 0) {
			out_str(&plan, "\n# Phase ");
			out_int(&plan, ph + 1);
			out_chr(&plan, '\n');
		}
		/* The team follows the position (streams belong to teams),
		 * with one task in ten lent to another team. */
		uint32_t team = (uint32_t)((uint64_t)pos * nteams / width);
		if (rng_pct(10))
			team = rng_below((uint32_t)nteams);

		int m = draw_likely(), o = m, p = m;
		int three = rng_pct(70);
		if (three) {
			o = m - (int)rng_below((uint32_t)(m / 2) + 1);
			p = m + 1 + (int)rng_below((uint32_t)m + 3);
		}
		int weeks_ok = rng_pct(30);

		out_str(&plan, "task ");
		put_task_id(&plan, i);
		out_str(&plan, " \"Task ");
		out_int(&plan, i);
		out_str(&plan, "\"\n  team team");
		out_int(&plan, team + 1);
		out_str(&plan, "  estimate ");
		if (three) {
			put_days(&plan, o, weeks_ok);
			out_chr(&plan, ' ');
			put_days(&plan, m, weeks_ok);
			out_chr(&plan, ' ');
			put_days(&plan, p, weeks_ok);
		} else {
			put_days(&plan, m, weeks_ok);
		}
		out_chr(&plan, '\n');
		if (nws) {
			out_str(&plan, "  workstream \"Stream ");
			out_int(&plan, (int64_t)((uint64_t)pos * nws / width) + 1);
			out_str(&plan, "\"\n");
		}
		if (dur) {
			dur[3 * (size_t)i] = (int16_t)o;
			dur[3 * (size_t)i + 1] = (int16_t)m;
			dur[3 * (size_t)i + 2] = (int16_t)p;
		}

		/* Dependencies: distinct, on earlier tasks. */
		dep deps[MAX_DEPS];
		int nd = 0, want = i ? draw_ndeps() : 0;
		for (int tries = 0; nd < want && tries < 4 * MAX_DEPS; tries++) {
			uint32_t f = draw_pred(i, ph, pos, width);
			if (f == UINT32_MAX)
				continue;
			int dup = 0;
			for (int k = 0; k < nd; k++)
				dup |= deps[k].from == f;
			if (dup)
				continue;
			deps[nd].from = f;
			draw_type_lag(&deps[nd]);
			nd++;
		}
		if (!nd)
			continue;
		out_str(&plan, "  after ");
		for (int k = 0; k < nd; k++) {
			if (k)
				out_str(&plan, ", ");
			put_task_id(&plan, deps[k].from);
			/* fs is the default; spell it out now and then */
			if (deps[k].type != DEP_FS || rng_pct(5)) {
				out_chr(&plan, ' ');
				out_str(&plan, dep_kw[deps[k].type]);
			}
			if (deps[k].lag) {
				out_str(&plan, deps[k].lag > 0 ? " +" : " ");
				out_int(&plan, deps[k].lag);
				out_chr(&plan, 'd');
			}
		}
		out_chr(&plan, '\n');
		if (!edges_path)
			continue;
		if (ne + MAX_DEPS + 5 > ecap) {
			ecap = ecap ? 2 * ecap : (size_t)n * 2 + 64;
			edge *nv = realloc(ev, ecap * sizeof *ev);
			if (!nv) {
				fputs("gen_plan: out of memory\n", stderr);
				return 1;
			}
			ev = nv;
		}
		for (int k = 0; k < nd; k++)
			ev[ne++] = (edge){deps[k].from, i, (int8_t)deps[k].type,
					  (int8_t)deps[k].lag};
	}

	out_chr(&plan, '\n');
	for (uint32_t j = 0; j < nms; j++) {
		uint32_t preds[5];
		int np = milestone_preds(j, nms, n, phases, width, preds);
		out_str(&plan, "milestone ");
		out_str(&plan, ms[j].id);
		out_str(&plan, " \"");
		out_str(&plan, ms[j].name);
		out_str(&plan, "\" commit ");
		out_str(&plan, ms[j].commit);
		out_str(&plan, "\n  after ");
		for (int k = 0; k < np; k++) {
			if (k)
				out_str(&plan, ", ");
			put_task_id(&plan, preds[k]);
		}
		out_chr(&plan, '\n');
		if (!edges_path)
			continue;
		if (ne + 5 > ecap) {
			ecap = 2 * ecap + 16;
			edge *nv = realloc(ev, ecap * sizeof *ev);
			if (!nv) {
				fputs("gen_plan: out of memory\n", stderr);
				return 1;
			}
			ev = nv;
		}
		for (int k = 0; k < np; k++)
			ev[ne++] = (edge){preds[k], n + j, 0, 0};
	}
	out_flush(&plan);
	if (plan.err || fflush(stdout)) {
		fprintf(stderr, "gen_plan: write error: %s\n", strerror(errno));
		return 1;
	}

	if (edges_path) {
		FILE *ef = fopen(edges_path, "w");
		if (!ef) {
			fprintf(stderr, "gen_plan: cannot write '%s': %s\n",
				edges_path, strerror(errno));
			return 1;
		}
		static out eo;
		eo.f = ef;
		out_int(&eo, (int64_t)n + nms);
		out_chr(&eo, ' ');
		out_int(&eo, (int64_t)ne);
		out_chr(&eo, '\n');
		for (uint32_t i = 0; i < n + nms; i++) {
			for (int k = 0; k < 3; k++) {
				if (k)
					out_chr(&eo, ' ');
				out_int(&eo, i < n ? dur[3 * (size_t)i + k] : 0);
			}
			out_chr(&eo, '\n');
		}
		for (size_t e = 0; e < ne; e++) {
			out_int(&eo, ev[e].u);
			out_chr(&eo, ' ');
			out_int(&eo, ev[e].v);
			out_chr(&eo, ' ');
			out_int(&eo, ev[e].type);
			out_chr(&eo, ' ');
			out_int(&eo, ev[e].lag);
			out_chr(&eo, '\n');
		}
		out_flush(&eo);
		if (eo.err || fclose(ef)) {
			fprintf(stderr, "gen_plan: cannot write '%s': %s\n",
				edges_path, strerror(errno));
			return 1;
		}
	}
	free(dur);
	free(ev);
	fprintf(stderr, "gen_plan: %" PRIu32 " tasks, %" PRIu64 " teams, %" PRIu32
		" milestones, %" PRIu32 " phases of %" PRIu32 "\n",
		n, nteams, nms, phases, width);
	return 0;
}
