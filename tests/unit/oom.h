/*
 * oom.h: the allocation-failure loop the test_oom*.c files share (after
 * SQLite's faultsim and Lua's failnext).
 *
 * A case runs one or more public entry points from scratch (the plan is
 * parsed inside it) and hands each output to oom_out(). The loop first
 * records every output with no failure, then, for N = 0, 1, 2, ... makes
 * the allocation after the first N fail and runs the case again, until a
 * run ends without reaching the failure point. At every point each output
 * must either be missing (the entry point returned its error; where it
 * reports a message, "out of memory") or be byte-identical to the
 * recorded one. Anything else is a silent wrong output, printed with the
 * first line that differs. ASan's leak checker sees every failure path.
 */
#ifndef BT_OOM_H
#define BT_OOM_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton.h"
#include "test.h"
#include "util.h"

#define OOM_MAX_OUT 160

/* The sample plan: two teams (one losing a person), levelling that
 * matters, committed milestones (one late, one with nothing before it: a
 * warning), risks (one escalated on the late path), decisions (one
 * overdue, linked to the late milestone), two status blocks (a task
 * started, one done; changes since) and a scenario. Small, so the loops
 * stay quick under ASan. */
static const char oom_plan[] =
	"program p \"P\"\n"
	"  start 2027-01-04\n"
	"  commit 2027-03-01\n"
	"  holiday 2027-01-18\n"
	"team a \"A\" capacity 2 lead \"Ann\"\n"
	"  capacity 1 from 2027-02-01\n"
	"team b capacity 3\n"
	"milestone m \"M\" commit 2027-01-15 owner \"Mo\"\n"
	"  after y\n"
	"milestone n \"N\" commit 2027-02-10\n"
	"task x \"X\"\n"
	"  team a  estimate 3d 5d 9d  owner \"Xi\"\n"
	"task y\n"
	"  team b  estimate 4d  needs 2\n"
	"  after x ss +1d\n"
	"task z\n"
	"  team a  estimate 2d\n"
	"  after m, y ff\n"
	"task v \"V\"\n"
	"  team a  estimate 1d\n"
	"task w \"W\"\n"
	"  team b  estimate 2d 3d 6d  needs a:1 b:2\n"
	"  after x\n"
	"risk r \"R\"\n"
	"  probability 30%  impact 5d..9d  on x, y\n"
	"  owner \"Lee\"\n"
	"risk q \"Q\"\n"
	"  probability 60%  impact 2d 4d 8d  on w\n"
	"  mitigation \"pair up\"\n"
	"decision d \"D\"\n"
	"  date 2027-01-05  status proposed  need-by 2027-01-11  links m\n"
	"  ask \"Pick one\"  from \"CTO\"\n"
	"decision e \"E\"\n"
	"  date 2027-01-04  owner \"VP\"  status decided\n"
	"status 2027-01-06\n"
	"  x started 2027-01-05\n"
	"  v done 2027-01-05\n"
	"status 2027-01-12\n"
	"  x started 2027-01-05 remaining 2d\n"
	"  note x \"going\"\n"
	"scenario s \"S\"\n"
	"  task z after x +1d\n"
	"  task y drop-after x\n";

typedef struct oom_ctx {
	const char *name;
	int ref;                    /* 1: recording the outputs without failure */
	long point;                 /* the failure point of this run */
	char *want[OOM_MAX_OUT];    /* the recorded outputs (NULL: none) */
	int nwant, nout;            /* recorded; seen in this run */
	int failed, wrong;          /* in this run: an entry point failed; outputs differed */
	long wrong_total, wrong_msg;
} oom_ctx;

/* Print where a differs from b: the first differing line of each. */
static void oom_diff(const char *a, const char *b)
{
	size_t i = 0, line = 1, bol = 0;
	while (a[i] && a[i] == b[i]) {
		if (a[i] == '\n') {
			line++;
			bol = i + 1;
		}
		i++;
	}
	int na = (int)strcspn(a + bol, "\n"), nb = (int)strcspn(b + bol, "\n");
	fprintf(stderr, "    line %zu\n    got:  %.*s\n    want: %.*s\n", line, na > 200 ? 200 : na,
		a + bol, nb > 200 ? 200 : nb, b + bol);
}

/* Hand over one output of the case: `s` is the entry point's result (NULL
 * when it failed), owned, freed here. Returns 1 when s is not NULL, so a
 * case can stop when an object it needs is missing. */
static int oom_out(oom_ctx *c, const char *what, char *s)
{
	int i = c->nout++;
	if (i >= OOM_MAX_OUT) {
		CHECK(i < OOM_MAX_OUT);
		baton_string_free(s);
		return s != NULL;
	}
	if (c->ref) {
		c->want[i] = s;
		c->nwant = c->nout;
		return s != NULL;
	}
	int got = s != NULL;
	if (!s) {
		c->failed |= c->want[i] != NULL;
	} else if (!c->want[i] || strcmp(s, c->want[i])) {
		/* The first few in full, then a count at the end (OOM_SHOW=N:
		 * the first N). */
		const char *show = getenv("OOM_SHOW");
		if (c->wrong_total < (show ? atol(show) : 12))
			fprintf(stderr, "oom %s, allocation %ld failing: silent wrong output: %s differs\n",
				c->name, c->point, what);
		if (c->wrong_total < 4 && c->want[i])
			oom_diff(s, c->want[i]);
		c->wrong = 1;
		c->wrong_total++;
	}
	baton_string_free(s);
	return got;
}

/* A number (a count, an id) as an output. */
static void oom_outf(oom_ctx *c, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));
static void oom_outf(oom_ctx *c, const char *what, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	/* malloc, not the hook: the test's bookkeeping must not fail
	 * (baton_string_free frees it with free() all the same). */
	char *s = malloc(strlen(tmp) + 1);
	if (s)
		strcpy(s, tmp);
	oom_out(c, what, s);
}

/* An entry point that reports a message failed: outside the reference
 * run it must have run out of memory. */
/* A buffer's bytes as an owned string for oom_out ("" for an empty one;
 * NULL when the copy cannot be made). */
static char *oom_buf(const bt_buf *b) __attribute__((unused));
static char *oom_buf(const bt_buf *b)
{
	char *s = malloc(b->len + 1);
	if (s) {
		if (b->len)
			memcpy(s, b->s, b->len);
		s[b->len] = 0;
	}
	return s;
}

static void oom_err(oom_ctx *c, const char *what, const char *err)
{
	c->failed = 1;
	if (c->ref) {
		fprintf(stderr, "oom %s: %s failed without an injected failure: %s\n", c->name, what,
			err ? err : "(no message)");
		CHECK(!c->ref);
		return;
	}
	if (!err || !strstr(err, "out of memory")) {
		fprintf(stderr, "oom %s: allocation %ld failing: %s says '%s', not out of memory\n", c->name,
			c->point, what, err ? err : "(no message)");
		c->wrong_msg++;
	}
}

/* oom_err for a public call's baton_error: its message as above, and its
 * code BATON_ERR_NOMEM whenever the message says so. */
static void oom_error(oom_ctx *c, const char *what, const baton_error *e) __attribute__((unused));
static void oom_error(oom_ctx *c, const char *what, const baton_error *e)
{
	oom_err(c, what, e->message);
	if (!c->ref && strstr(e->message, "out of memory") && e->code != BATON_ERR_NOMEM) {
		fprintf(stderr, "oom %s: allocation %ld failing: %s says out of memory with code %d\n", c->name,
			c->point, what, e->code);
		c->wrong_msg++;
	}
}

/* The sample plan, parsed; NULL (a clean failure) when memory ran out. */
static baton_plan *oom_parse(oom_ctx *c, const char *text)
{
	baton_plan *p = baton_plan_parse("p.baton", text, strlen(text));
	if (!p)
		oom_err(c, "baton_plan_parse", "out of memory");
	return p;
}

typedef struct oom_tally {
	long points, failed, absorbed, wrong;
} oom_tally;

/* Run `fn` under the loop; prints and returns its tally. `step` > 1 tries
 * every step-th failure point only (for cases too long to try them all). */
/* An exporter's case (bt_mspdi_export, bt_tjp_export): the plan `text`
 * exported, the file and its summary the outputs. */
typedef int (*oom_exporter)(baton_plan *plan, bt_buf *out, bt_buf *summary, const char **err);
static void oom_export(oom_ctx *c, const char *text, oom_exporter fn, const char *name) __attribute__((unused));
static void oom_export(oom_ctx *c, const char *text, oom_exporter fn, const char *name)
{
	baton_plan *p = oom_parse(c, text);
	if (!p)
		return;
	bt_buf out = BT_BUF_INIT, sum = BT_BUF_INIT;
	const char *err = NULL;
	if (fn(p, &out, &sum, &err)) {
		oom_err(c, name, err);
	} else {
		oom_out(c, "exported file", oom_buf(&out));
		oom_out(c, "export summary", oom_buf(&sum));
	}
	bt_buf_release(&out);
	bt_buf_release(&sum);
	baton_plan_free(p);
}

static oom_tally oom_loop(const char *name, void (*fn)(oom_ctx *), long step)
{
	static oom_ctx c;
	oom_tally t = {0, 0, 0, 0};
	/* OOM_CASE=name runs that case alone (to debug one under gdb). */
	const char *only = getenv("OOM_CASE");
	if (only && strcmp(only, name))
		return t;
	memset(&c, 0, sizeof c);
	c.name = name;
	c.ref = 1;
	c.point = -1;
	bt_alloc_fail_after(-1);
	fn(&c);
	c.ref = 0;
	int completed = 0;
	long n;
	for (n = 0; n < 1000000 && !completed; n += step) {
		c.nout = 0;
		c.failed = c.wrong = 0;
		c.point = n;
		bt_alloc_fail_after(n);
		fn(&c);
		completed = bt_alloc_fail_after(-1) <= n;
		if (completed) {
			/* The failure point lies past the end: this run is the
			 * reference again, every output of it. */
			CHECK(!c.failed && c.nout == c.nwant);
			break;
		}
		t.points++;
		if (c.wrong)
			t.wrong++;
		else if (c.failed)
			t.failed++;
		else
			t.absorbed++;
	}
	CHECK(completed);
	CHECK_EQ_INT(c.wrong_total, 0);
	CHECK_EQ_INT(c.wrong_msg, 0);
	printf("oom %s: %ld failure points: %ld failed cleanly, %ld absorbed (output identical), "
	       "%ld silent wrong\n",
	       name, t.points, t.failed, t.absorbed, t.wrong);
	for (int i = 0; i < c.nwant; i++)
		baton_string_free(c.want[i]);
	return t;
}

#endif
