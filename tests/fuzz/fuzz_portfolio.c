/*
 * fuzz_portfolio.c: the libFuzzer target for the portfolio reader
 * (src/lib/portfolio.c). The input is a portfolio file; it may name the
 * two small programs and the teams file this target writes beside it
 * once (a.baton, b.baton, t.teams), or files that do not exist.
 *
 * Properties checked (a violation aborts): a refused portfolio comes with
 * a message that names a place (file:line:col) and the input is at fault;
 * an accepted one joins into a plan that checks, and its schedule view
 * renders.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_portfolio: %s\n%s\n", what, detail ? detail : "");
	__builtin_trap();
}

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static void setup(void)
{
	strcpy(dir, "/tmp/fuzz_portfolio.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	put("a.baton", "program a \"A\"\n  start 2027-01-04\n  commit 2027-02-26\n"
		       "team sre \"SRE\" capacity 2\nteam x capacity 1\n"
		       "task a1 \"A one\" team sre estimate 3d 5d 8d\ntask a2 team x needs x:1 sre:1 estimate 4d\n  after a1\n"
		       "milestone m \"M\" commit 2027-02-05\n  after a2\nstatus 2027-01-08\n  a1 started 2027-01-05\n");
	put("b.baton", "program b \"B\"\n  start 2027-01-11\n"
		       "team sre \"SRE\" capacity 2\ntask b1 \"B one\" team sre needs sre:2 estimate 6d\n"
		       "risk r \"R\" probability 30% impact 2d on b1\n");
	put("t.teams", "team sre \"SRE\" capacity 3\n  capacity 2 from 2027-02-01\nteam x capacity 2\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0])
		setup();
	char path[128];
	snprintf(path, sizeof path, "%s/p.portfolio", dir);
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f))
		abort();
	char *diags = NULL;
	baton_error err;
	baton_portfolio *pf = baton_portfolio_load(path, NULL, 0, &diags, &err);
	if (!pf) {
		if (!diags)
			fail("a refused portfolio without diagnostics (memory does not run out here)", err.message);
		if (err.code != BATON_ERR_INPUT || !strstr(diags, "error"))
			fail("a refused portfolio whose message is not an error", diags);
		/* The error holds the diagnostics, as many as fit: cut, it ends
		 * in "..." where a character starts, which may be a few bytes
		 * short of the buffer's end. */
		size_t n = strlen(err.message);
		int cut = n >= 3 && !strcmp(err.message + n - 3, "...") && strlen(diags) > n;
		if (strncmp(err.message, diags, cut ? n - 3 : n))
			fail("a refused portfolio's error is not its diagnostics", err.message);
		baton_string_free(diags);
		return 0;
	}
	size_t len;
	const char *text = baton_portfolio_text(pf, &len);
	baton_plan *u = baton_plan_parse("joined", text, len);
	if (!u || baton_plan_errors(u))
		fail("a joined plan that does not check", text);
	baton_plan_free(u);
	baton_portfolio_opts o = {.runs = -1, .seed = 1, .schedules = 20};
	baton_error why;
	char *s = baton_portfolio_render(pf, BATON_PF_SCHEDULE, BATON_FORMAT_JSON, &o, 0, &why);
	if (!s)
		fail("the schedule of an accepted portfolio does not render", why.message);
	baton_string_free(s);
	baton_portfolio_free(pf);
	return 0;
}
