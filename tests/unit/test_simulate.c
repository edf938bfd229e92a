/* test_simulate.c: the Monte Carlo engine against closed forms (one task,
 * a long chain, parallel branches, risk events), and the determinism
 * guarantee across thread counts. Tolerances are tied to the number of
 * runs: 4.5 standard errors, so a correct engine fails about once in
 * 150,000 checks. The reference distributions are computed here by
 * Simpson integration of the densities, not with the engine's own CDF. */
#include <math.h>
#include <stdlib.h>

#include "forecast.h"
#include "test.h"

#define RUNS 20000
#define Z 4.5

static baton_plan *plan;

static baton_forecast *run(const char *text, long runs, int threads, uint64_t seed,
			   int dist, double spread, const char *scenario)
{
	baton_plan_free(plan);
	plan = baton_plan_parse("t.baton", text, strlen(text));
	if (!plan || baton_plan_errors(plan)) {
		char *d = plan ? baton_plan_diagnostics(plan, 0) : NULL;
		fprintf(stderr, "plan does not check:\n%s", d ? d : "");
		baton_string_free(d);
		return NULL;
	}
	baton_forecast_opts o = BATON_FORECAST_OPTS_INIT;
	o.runs = runs;
	o.threads = threads;
	o.seed = seed;
	o.distribution = dist;
	o.spread_low = o.spread_high = spread;
	o.scenario = scenario;
	baton_error err;
	baton_forecast *f = baton_forecast_compute(plan, &o, &err);
	if (!f)
		fprintf(stderr, "forecast failed: %s\n", err.message);
	return f;
}

/*====================== Reference distributions ===================*/

/* PERT-beta (or triangular) density on [a, b] with mode m. */
static double density(int dist, double a, double m, double b, double x)
{
	if (x <= a || x >= b)
		return 0;
	if (dist == BATON_DIST_TRIANGULAR)
		return x <= m ? 2 * (x - a) / ((b - a) * (m - a)) : 2 * (b - x) / ((b - a) * (b - m));
	double al = 1 + 4 * (m - a) / (b - a), be = 1 + 4 * (b - m) / (b - a);
	double y = (x - a) / (b - a);
	double beta = tgamma(al) * tgamma(be) / tgamma(al + be);
	return pow(y, al - 1) * pow(1 - y, be - 1) / (beta * (b - a));
}

/* CDF by composite Simpson over [a, x]. */
static double ref_cdf(int dist, double a, double m, double b, double x)
{
	if (x <= a)
		return 0;
	if (x >= b)
		return 1;
	int n = 4000;
	double h = (x - a) / n, s = density(dist, a, m, b, a) + density(dist, a, m, b, x);
	for (int i = 1; i < n; i++)
		s += density(dist, a, m, b, a + i * h) * (i % 2 ? 4 : 2);
	return s * h / 3;
}

/* The law of round(X): p[j] = P(D = j), j = 0 .. 63. */
static void ref_pmf(int dist, double a, double m, double b, double *p)
{
	for (int j = 0; j < 64; j++)
		p[j] = ref_cdf(dist, a, m, b, j + 0.5) - ref_cdf(dist, a, m, b, j - 0.5);
}

static long count_le(const baton_forecast *f, uint32_t k, int32_t day)
{
	long c = 0;
	for (long i = 0; i < f->res.runs; i++)
		c += f->res.days[(size_t)i * f->nm1 + k] <= day;
	return c;
}

/* |observed share - p| within Z standard errors of a binomial share. */
static int share_ok(long hits, long n, double p)
{
	double dn = (double)n;
	double se = sqrt(p * (1 - p) / dn) + 0.5 / dn;
	return fabs((double)hits / dn - p) <= Z * se;
}

/*============================== Cases =============================*/

static const char head[] =
	"program p \"P\"\n  start 2027-01-04\nteam a \"A\" capacity 9\n";

static void test_ibeta(void)
{
	CHECK(fabs(bt_sim_ibeta(1, 1, 0.3) - 0.3) < 1e-12);
	CHECK(fabs(bt_sim_ibeta(2, 1, 0.3) - 0.09) < 1e-12);
	CHECK(fabs(bt_sim_ibeta(1, 2, 0.3) - 0.51) < 1e-12);
	/* Beta(2, 3): 6x^2 - 8x^3 + 3x^4 */
	double x = 0.37;
	CHECK(fabs(bt_sim_ibeta(2, 3, x) - (6 * x * x - 8 * x * x * x + 3 * x * x * x * x)) < 1e-12);
	CHECK(fabs(bt_sim_ibeta(3.4, 2.6, 0.8) - ref_cdf(BATON_DIST_PERT, 0, 0.6, 1, 0.8)) < 1e-6);
	CHECK(fabs(bt_sim_cdf(BT_SIM_PERT, 8, 10, 15, 11) - ref_cdf(BATON_DIST_PERT, 8, 10, 15, 11)) < 1e-6);
}

/* One task: mean (a + 4m + b) / 6 (up to rounding) and its percentiles. */
static void test_one_task(int dist)
{
	char text[512];
	snprintf(text, sizeof text, "%stask t \"T\"\n  team a estimate 8d 10d 15d\nmilestone m \"M\"\n  after t\n", head);
	baton_forecast *f = run(text, RUNS, 2, 11, dist, 0, NULL);
	CHECK(f != NULL);
	if (!f)
		return;
	double p[64], mean = 0, var = 0;
	ref_pmf(dist, 8, 10, 15, p);
	for (int j = 0; j < 64; j++)
		mean += j * p[j];
	for (int j = 0; j < 64; j++)
		var += (j - mean) * (j - mean) * p[j];
	double cont = dist == BATON_DIST_PERT ? (8 + 4 * 10 + 15) / 6.0 : (8 + 10 + 15) / 3.0;
	/* Rounding to the nearest day moves the mean by well under a tenth. */
	CHECK(fabs(mean - cont) < 0.1);
	CHECK(fabs(f->ms[0].mean_day - mean) <= Z * sqrt(var / RUNS));
	/* Every day's share, and the percentiles: the engine's PNN is the
	 * reference quantile unless the CDF sits within noise of NN%. */
	double cdf = 0;
	for (int j = 8; j <= 15; j++) {
		cdf += p[j];
		CHECK(share_ok(count_le(f, 0, j), RUNS, cdf));
	}
	for (int q = 0; q < BT_FC_NQ; q++) {
		double want = bt_fc_q[q] / 100.0, c = 0;
		int j = 0;
		while (c + p[j] < want - 1e-12)
			c += p[j++];
		int32_t got = f->ms[0].q[q];
		double gap = fabs(c + p[j] - want) < fabs(c - want) ? fabs(c + p[j] - want) : fabs(c - want);
		CHECK(got == j || (abs(got - j) == 1 && gap < Z * sqrt(want * (1 - want) / RUNS)));
	}
	baton_forecast_free(f);
}

/* A chain of 60 tasks: the sum tends to the normal with the summed mean
 * and variance. */
static void test_chain(void)
{
	char *text = malloc(60 * 80 + 256);
	size_t k = (size_t)sprintf(text, "%s", head);
	for (int i = 0; i < 60; i++) {
		k += (size_t)sprintf(text + k, "task t%d \"T\"\n  team a estimate 3d 5d 10d\n", i);
		if (i)
			k += (size_t)sprintf(text + k, "  after t%d\n", i - 1);
	}
	sprintf(text + k, "milestone m \"M\"\n  after t59\n");
	baton_forecast *f = run(text, RUNS, 2, 5, BATON_DIST_PERT, 0, NULL);
	free(text);
	CHECK(f != NULL);
	if (!f)
		return;
	double p[64], mu = 0, var = 0;
	ref_pmf(BATON_DIST_PERT, 3, 5, 10, p);
	for (int j = 0; j < 64; j++)
		mu += j * p[j];
	for (int j = 0; j < 64; j++)
		var += (j - mu) * (j - mu) * p[j];
	double M = 60 * mu, S = sqrt(60 * var);
	CHECK(fabs(f->ms[0].mean_day - M) <= Z * S / sqrt(RUNS));
	/* sample standard deviation within 4% */
	double s2 = 0;
	for (long i = 0; i < f->res.runs; i++) {
		double d = f->res.days[(size_t)i * f->nm1] - f->ms[0].mean_day;
		s2 += d * d;
	}
	CHECK(fabs(sqrt(s2 / (RUNS - 1)) / S - 1) < 0.04);
	/* P50 and P85 against the normal quantiles (+-1.5 days: discreteness
	 * and the slight skew left after 60 terms). */
	CHECK(fabs(f->ms[0].q[1] - M) <= 1.5);
	CHECK(fabs(f->ms[0].q[3] - (M + 1.0364 * S)) <= 1.5);
	baton_forecast_free(f);
}

/* Four parallel branches into a milestone: P(max <= d) = prod P(D_i <= d). */
static void test_parallel(void)
{
	char text[1024];
	size_t k = (size_t)sprintf(text, "%s", head);
	for (int i = 0; i < 4; i++)
		k += (size_t)sprintf(text + k, "task b%d \"B\"\n  team a estimate 3d 5d 10d\n", i);
	sprintf(text + k, "milestone m \"M\"\n  after b0, b1, b2, b3\n");
	baton_forecast *f = run(text, RUNS, 3, 9, BATON_DIST_PERT, 0, NULL);
	CHECK(f != NULL);
	if (!f)
		return;
	double p[64], c = 0;
	ref_pmf(BATON_DIST_PERT, 3, 5, 10, p);
	for (int d = 3; d <= 10; d++) {
		c += p[d];
		CHECK(share_ok(count_le(f, 0, d), RUNS, pow(c, 4)));
	}
	/* Each branch is critical when it is (one of) the longest. */
	double crit = 0, cl = 0;
	for (int d = 3; d <= 10; d++) {
		cl += p[d];
		/* P(B_0 = d and the other three <= d) */
		crit += p[d] * pow(cl, 3);
	}
	CHECK(share_ok(f->res.crit[0], RUNS, crit));
	baton_forecast_free(f);
}

/* A risk event: the day is a mixture. On a task it lengthens the task; on
 * a milestone it delays the milestone. */
static void test_risk(void)
{
	char text[1024];
	sprintf(text, "%stask t \"T\"\n  team a estimate 10d\nmilestone m \"M\"\n  after t\n"
		      "milestone n \"N\"\n  after t\n"
		      "risk r \"R\"\n  probability 30%% impact 5d on t\n"
		      "risk q \"Q\"\n  probability 40%% impact 3d..5d on n\n", head);
	baton_forecast *f = run(text, RUNS, 2, 3, BATON_DIST_PERT, 0, NULL);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(share_ok(count_le(f, 0, 10), RUNS, 0.7));
	CHECK_EQ_INT(count_le(f, 0, 15), RUNS);
	CHECK_EQ_INT(count_le(f, 0, 14) - count_le(f, 0, 10), 0);
	/* n: 0.7 * 0.6 on day 10; then 3, 4 or 5 days later, equally likely */
	CHECK(share_ok(count_le(f, 1, 10), RUNS, 0.42));
	CHECK(share_ok(count_le(f, 1, 13) - count_le(f, 1, 12), RUNS, 0.7 * 0.4 / 3));
	CHECK(share_ok(count_le(f, 1, 15), RUNS, 0.7 + 0.3 * 0.6));
	CHECK_EQ_INT(count_le(f, 1, 20), RUNS);
	CHECK(share_ok(f->res.risk_hits[0], RUNS, 0.3));
	/* Expected days added: r adds 5 days 30% of the time. */
	CHECK(fabs(f->res.risk_days[0 * f->nm1 + 0] - 1.5) <= Z * 5 * sqrt(0.21 / RUNS));
	baton_forecast_free(f);
	/* Closed risks are retired; occurred ones certain. */
	sprintf(text, "%stask t \"T\"\n  team a estimate 10d\nmilestone m \"M\"\n  after t\n"
		      "risk r \"R\"\n  probability 30%% impact 5d on t status closed\n"
		      "risk q \"Q\"\n  probability 10%% impact 2d on m status occurred\n", head);
	f = run(text, 2000, 2, 3, BATON_DIST_PERT, 0, NULL);
	CHECK(f && count_le(f, 0, 11) == 0 && count_le(f, 0, 12) == 2000);
	baton_forecast_free(f);
}

/* Done work is fixed; started work samples only what remains. */
static void test_status(void)
{
	char text[1024];
	sprintf(text, "%stask d \"D\"\n  team a estimate 5d 10d 30d\n"
		      "task s \"S\"\n  team a estimate 10d 20d 40d\n"
		      "milestone m \"M\"\n  after d\nmilestone n \"N\"\n  after s\n"
		      "status 2027-01-15\n  d done 2027-01-14\n  s started 2027-01-11 remaining 5d\n", head);
	baton_forecast *f = run(text, RUNS, 2, 4, BATON_DIST_PERT, 0, NULL);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_EQ_INT(f->ms[0].q[0], f->ms[0].q[4]); /* done: one day only */
	CHECK_EQ_INT(f->ms[0].q[0], 9);
	/* remaining 5d of a 10/20/40 estimate: PERT on [2.5, 10] mode 5,
	 * from the data day (Monday the 18th, day 10) */
	double p[64], mean = 0, var = 0;
	ref_pmf(BATON_DIST_PERT, 2.5, 5, 10, p);
	for (int j = 0; j < 64; j++)
		mean += j * p[j];
	for (int j = 0; j < 64; j++)
		var += (j - mean) * (j - mean) * p[j];
	CHECK(fabs(f->ms[1].mean_day - (10 + mean)) <= Z * sqrt(var / RUNS));
	baton_forecast_free(f);
}

/* The same numbers with 1 thread or many; another seed, other numbers. */
static void test_determinism(void)
{
	char text[2048];
	/* a small lattice of tasks over two teams */
	size_t k = (size_t)sprintf(text, "%steam b \"B\" capacity 3\n", head);
	for (int i = 0; i < 12; i++) {
		k += (size_t)sprintf(text + k, "task t%d \"T\"\n  team %s estimate %dd %dd %dd\n", i,
				     i % 2 ? "a" : "b", 2 + i % 3, 4 + i % 4, 9 + i);
		if (i > 1)
			k += (size_t)sprintf(text + k, "  after t%d, t%d ss +1d\n", i - 2, i / 2 - 1 >= 0 && i / 2 - 1 != i - 2 ? i / 2 - 1 : 0);
	}
	sprintf(text + k, "milestone m \"M\" commit 2027-02-15\n  after t10, t11\n"
			  "risk r \"R\"\n  probability 35%% impact 2d 4d 9d on t5, m\n"
			  "scenario s \"S\"\n  task t3 descope\n  risk r certain\n");
	char *out[4] = {0};
	int threads[4] = {1, 2, 5, 1};
	for (int i = 0; i < 4; i++) {
		baton_forecast *f = run(text, 5000, threads[i], i == 3 ? 99 : 42, BATON_DIST_PERT, -1, NULL);
		if (f) {
			baton_forecast_opts o = BATON_FORECAST_OPTS_INIT;
			o.runs = 5000;
			o.threads = threads[i];
			o.seed = i == 3 ? 99 : 42;
			o.correlation = 0.4;
			baton_forecast *g = baton_forecast_compute(plan, &o, NULL);
			char *a = baton_forecast_render(f, BATON_FORMAT_JSON, 0);
			char *b = g ? baton_forecast_render(g, BATON_FORMAT_JSON, 0) : NULL;
			size_t n = (a ? strlen(a) : 0) + (b ? strlen(b) : 0) + 1;
			out[i] = malloc(n);
			snprintf(out[i], n, "%s%s", a ? a : "", b ? b : "");
			baton_string_free(a);
			baton_string_free(b);
			baton_forecast_free(g);
		}
		baton_forecast_free(f);
	}
	CHECK(out[0] && out[1] && out[2] && out[3]);
	if (out[0] && out[1] && out[2] && out[3]) {
		CHECK(strcmp(out[0], out[1]) == 0);
		CHECK(strcmp(out[0], out[2]) == 0);
		CHECK(strcmp(out[0], out[3]) != 0);
	}
	for (int i = 0; i < 4; i++)
		free(out[i]);
	/* A scenario (descope, certain risk) moves the milestone earlier or
	 * later but never changes the other tasks' numbers. */
	baton_forecast *b = run(text, 4000, 2, 42, BATON_DIST_PERT, -1, NULL);
	baton_plan *pb = plan;
	plan = NULL;
	baton_forecast *s = run(text, 4000, 2, 42, BATON_DIST_PERT, -1, "s");
	CHECK(b && s);
	if (b && s)
		CHECK(s->res.risk_hits[0] == 4000 && b->res.risk_hits[0] < 4000);
	baton_forecast_free(b);
	baton_forecast_free(s);
	baton_plan_free(pb);
}

int main(void)
{
	test_ibeta();
	test_one_task(BATON_DIST_PERT);
	test_one_task(BATON_DIST_TRIANGULAR);
	test_chain();
	test_parallel();
	test_risk();
	test_status();
	test_determinism();
	baton_plan_free(plan);
	return test_report("test_simulate");
}
