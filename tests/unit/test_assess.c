/*
 * test_assess.c: RAG boundaries, the probability/impact grid, commit float
 * and escalation on small plans; the headline and the forecast beside
 * PLANNED; how a chance is printed; causes, each once with what it
 * affects, and the driver the headline names.
 */
#include <stdlib.h>

#include "assess.h"
#include "table.h"
#include "test.h"

static bt_assessment *assess(const char *text, baton_plan **pp, baton_schedule **ps)
{
	*pp = baton_plan_parse("t.baton", text, strlen(text));
	*ps = *pp ? baton_schedule_compute(*pp, NULL, NULL) : NULL;
	return *ps ? bt_assess(*ps, NULL, NULL) : NULL;
}

static const bt_as_risk *risk(const bt_assessment *a, const char *id)
{
	for (uint32_t i = 0; i < a->risks.n; i++)
		if (!strcmp(a->plan->risks.v[a->risks.v[i].idx].id, id))
			return &a->risks.v[i];
	return NULL;
}

static void test_rag_boundaries(void)
{
	/* Chance: green at 80% and above, amber from 50%, red below. */
	CHECK_EQ_INT(bt_rag_of(1, 0.80, 0, 0.80, 0.50, 5), BT_RAG_GREEN);
	CHECK_EQ_INT(bt_rag_of(1, 0.7999, 0, 0.80, 0.50, 5), BT_RAG_AMBER);
	CHECK_EQ_INT(bt_rag_of(1, 0.50, 0, 0.80, 0.50, 5), BT_RAG_AMBER);
	CHECK_EQ_INT(bt_rag_of(1, 0.4999, 99, 0.80, 0.50, 5), BT_RAG_RED);
	CHECK_EQ_INT(bt_rag_of(1, 1.0, -9, 0.80, 0.50, 5), BT_RAG_GREEN);
	CHECK_EQ_INT(bt_rag_of(1, 0.0, 9, 0.0, 0.0, 5), BT_RAG_GREEN);
	/* Slack: red when late, amber below the margin, green from it. */
	CHECK_EQ_INT(bt_rag_of(0, 0, -1, 0.80, 0.50, 5), BT_RAG_RED);
	CHECK_EQ_INT(bt_rag_of(0, 0, 0, 0.80, 0.50, 5), BT_RAG_AMBER);
	CHECK_EQ_INT(bt_rag_of(0, 0, 4, 0.80, 0.50, 5), BT_RAG_AMBER);
	CHECK_EQ_INT(bt_rag_of(0, 0, 5, 0.80, 0.50, 5), BT_RAG_GREEN);
	CHECK_EQ_INT(bt_rag_of(0, 0, 0, 0.80, 0.50, 0), BT_RAG_GREEN);
}

static void test_grid(void)
{
	CHECK_EQ_INT(bt_prob_band(0.0), 1);
	CHECK_EQ_INT(bt_prob_band(0.10), 1);
	CHECK_EQ_INT(bt_prob_band(0.11), 2);
	CHECK_EQ_INT(bt_prob_band(0.30), 2);
	CHECK_EQ_INT(bt_prob_band(0.50), 3);
	CHECK_EQ_INT(bt_prob_band(0.70), 4);
	CHECK_EQ_INT(bt_prob_band(0.71), 5);
	CHECK_EQ_INT(bt_impact_band(2), 1);
	CHECK_EQ_INT(bt_impact_band(2.5), 2);
	CHECK_EQ_INT(bt_impact_band(10), 3);
	CHECK_EQ_INT(bt_impact_band(20), 4);
	CHECK_EQ_INT(bt_impact_band(21), 5);
}

/* m commits 2027-01-15 (day 10 exclusive); a (5d) then b (3d) reach it on
 * day 8: 2 working days of commit float on the path, c (2d) has 8. */
static const char plan_base[] =
	"program p \"P\" start 2027-01-04\n"
	"team t capacity 9\n"
	"milestone m commit 2027-01-15 after b\n"
	"task a team t estimate 5d owner \"A\"\n"
	"task b team t estimate 3d after a owner \"B\"\n"
	"task c team t estimate 2d owner \"C\"\n"
	"milestone n commit 2027-01-15 after c\n";

static void test_escalation(void)
{
	char text[2048];
	baton_plan *p;
	baton_schedule *s;
	/* Exposure 0.5 x 5 = 2.5 > 2 days of float: escalate. 0.4 x 5 = 2.0
	 * is not more than 2: no escalation, but its worst case would miss. */
	snprintf(text, sizeof text, "%s%s", plan_base,
		 "risk r1 probability 50% impact 5d on a owner \"X\" mitigation \"m\"\n"
		 "risk r2 probability 40% impact 5d on b owner \"X\" mitigation \"m\"\n"
		 "risk r3 probability 90% impact 5d on c\n"
		 "risk r4 probability 90% impact 9d on a status closed\n");
	bt_assessment *a = assess(text, &p, &s);
	CHECK(a != NULL);
	if (a) {
		const bt_as_risk *r1 = risk(a, "r1"), *r2 = risk(a, "r2"), *r3 = risk(a, "r3"), *r4 = risk(a, "r4");
		CHECK_EQ_INT(r1->absorb, 2);
		CHECK_EQ_INT(r1->escalate, 1);
		CHECK_EQ_STR(r1->threat, "m");
		CHECK_EQ_INT(r2->escalate, 0);
		CHECK(r2->flags & BT_RF_WOULD_MISS);
		CHECK_EQ_INT(r3->absorb, 8);
		CHECK_EQ_INT(r3->escalate, 0);
		CHECK(r3->flags & BT_RF_NO_OWNER);
		CHECK(r3->flags & BT_RF_NO_MITIGATION);
		CHECK_EQ_INT(r4->escalate, 0);
		CHECK_EQ_INT(r3->score, 5 * 2);
		/* Severity: the escalated risk first, closed last. */
		CHECK_EQ_STR(a->plan->risks.v[a->risks.v[0].idx].id, "r1");
		CHECK_EQ_STR(a->plan->risks.v[a->risks.v[a->risks.n - 1].idx].id, "r4");
		/* m has 2 days of slack: amber (below 5), and the escalation says so. */
		CHECK_EQ_INT(a->ms[0].slack, 2);
		CHECK_EQ_INT(a->ms[0].rag, BT_RAG_AMBER);
		CHECK_EQ_INT(a->ms[1].rag, BT_RAG_GREEN);
		CHECK_EQ_INT(a->rag, BT_RAG_AMBER);
		CHECK(a->ms[0].nreason == 2);
	}
	bt_assess_free(a);
	baton_schedule_free(s);
	baton_plan_free(p);
	/* A configured margin of 2 days makes m green; a milestone past its
	 * commit is red and every risk on its path escalates. */
	snprintf(text, sizeof text, "program p \"P\" start 2027-01-04 rag margin 2d\n%s%s",
		 strchr(plan_base, '\n') + 1, "risk r1 probability 10% impact 1d on a\n");
	a = assess(text, &p, &s);
	CHECK(a != NULL);
	if (a) {
		CHECK_EQ_INT(a->margin, 2);
		CHECK_EQ_INT(a->ms[0].rag, BT_RAG_GREEN);
		CHECK_EQ_INT(risk(a, "r1")->escalate, 0);
	}
	bt_assess_free(a);
	baton_schedule_free(s);
	baton_plan_free(p);
	snprintf(text, sizeof text, "%s%s", plan_base, "risk r1 probability 10% impact 1d on a\n");
	text[strlen("program p \"P\" start 2027-01-04\nteam t capacity 9\nmilestone m commit 2027-01-1")] = '1';
	a = assess(text, &p, &s);
	CHECK(a != NULL);
	if (a) {
		CHECK_EQ_INT(a->ms[0].slack, -2);
		CHECK_EQ_INT(a->ms[0].rag, BT_RAG_RED);
		CHECK_EQ_INT(a->rag, BT_RAG_RED);
		CHECK_EQ_INT(risk(a, "r1")->absorb, -2);
		CHECK_EQ_INT(risk(a, "r1")->escalate, 1);
		CHECK(a->ms[0].unaddressed);
	}
	bt_assess_free(a);
	baton_schedule_free(s);
	baton_plan_free(p);
}

/* Rounded down, with '<1%' and '>99%' at the ends, so a printed chance
 * is never above the chance (49.6% beside "amber from 50%" reads 49%). */
static void test_chance_format(void)
{
	static const struct {
		double p;
		const char *want;
	} cases[] = {
		{-1, "-"}, {0, "0%"}, {0.004, "<1%"}, {0.01, "1%"}, {0.29, "29%"}, {0.496, "49%"},
		{0.5, "50%"}, {0.99, "99%"}, {0.995, ">99%"}, {1, "100%"},
	};
	for (size_t i = 0; i < BT_ARRAY_LEN(cases); i++) {
		char out[8];
		bt_fmt_chance(out, sizeof out, cases[i].p);
		CHECK_EQ_STR(out, cases[i].want);
	}
	CHECK(bt_round_share(0.12344) == 0.1234);
	CHECK(bt_round_share(0.12346) == 0.1235);
}

/* With a forecast: P50, P85 and the chance beside PLANNED, the RAG from
 * the chance, and one headline that names the worst commitment. */
static void test_forecast_and_headline(void)
{
	baton_plan *p;
	baton_schedule *s;
	char text[2048];
	snprintf(text, sizeof text, "%s", plan_base);
	p = baton_plan_parse("t.baton", text, strlen(text));
	s = p ? baton_schedule_compute(p, NULL, NULL) : NULL;
	CHECK(s != NULL);
	if (!s) {
		baton_plan_free(p);
		return;
	}
	/* m: planned day 8, commit day 10; P50 12 and P85 14 are late. */
	bt_ms_forecast fc[3] = {{1, 0.30, 12, 14, -1, 0, 0, 0, 0, 0}, {1, 0.95, 3, 4, -1, 0, 0, 0, 0, 0}, {1, -1, 12, 14, -1, 0, 0, 0, 0, 0}};
	bt_assessment *a = bt_assess(s, fc, NULL);
	CHECK(a != NULL);
	if (a) {
		const bt_as_ms *m = &a->ms[0], *end = &a->ms[2];
		CHECK_EQ_INT(m->slack, 2);
		CHECK_EQ_INT(m->p50_slack, -2);
		CHECK_EQ_INT(m->p85_slack, -4);
		CHECK(bt_as_has_chance(m));
		CHECK_EQ_INT(m->rag, BT_RAG_RED);
		CHECK_EQ_INT(a->ms[1].rag, BT_RAG_GREEN);
		/* No program commit: P50 and P85 without a chance. */
		CHECK(end->p50 != BT_DATE_NONE && !bt_as_has_chance(end));
		CHECK(a->headline_ms == m);
		const char *want = "P: m committed 2027-01-15, forecast P50 2027-01-19 / P85 2027-01-21, 30% chance. Because ";
		CHECK(a->headline && !strncmp(a->headline, want, strlen(want)));
		CHECK(a->headline && !strstr(a->headline, "RED"));
		CHECK(a->headline_reason < a->nreason);
	}
	bt_assess_free(a);
	/* Without one, the headline gives PLANNED and its slack. */
	a = bt_assess(s, NULL, NULL);
	CHECK(a != NULL);
	if (a)
		CHECK(a->headline && strstr(a->headline, "committed 2027-01-15, planned 2027-01-13 (2 working days of slack; no forecast run)"));
	bt_assess_free(a);
	baton_schedule_free(s);
	baton_plan_free(p);
}

/* Without a forecast or any risk or decision, the chain of work that
 * sets a late milestone is its cause; an overdue decision on that work
 * is one cause for every commitment it reaches, and the driver. */
static void test_causes(void)
{
	char text[2048];
	baton_plan *p;
	baton_schedule *s;
	/* m commits 2027-01-13 (day 8 exclusive); a then b end on day 8: it
	 * is 0 days late but has no slack: amber from the margin. Make it
	 * late by a day. */
	snprintf(text, sizeof text, "%s", plan_base);
	text[strlen("program p \"P\" start 2027-01-04\nteam t capacity 9\nmilestone m commit 2027-01-1")] = '1';
	bt_assessment *a = assess(text, &p, &s);
	CHECK(a != NULL);
	if (a) {
		CHECK_EQ_INT(a->ms[0].rag, BT_RAG_RED);
		CHECK_EQ_INT(a->ncause, 1);
		CHECK(a->causes.n >= 1 && a->causes.v[0].kind == BT_CAUSE_CHAIN);
		if (a->causes.n >= 1 && a->causes.v[0].kind == BT_CAUSE_CHAIN) {
			const bt_as_cause *c = &a->causes.v[0];
			CHECK_EQ_INT(c->nid, 2);
			CHECK_EQ_STR(a->plan->tasks.v[a->cause_idx.v[c->id0]].id, "a");
			CHECK_EQ_STR(a->plan->tasks.v[a->cause_idx.v[c->id0 + 1]].id, "b");
			CHECK_EQ_INT(c->nms, 1);
			CHECK_EQ_INT(c->worst_slack, -2);
			CHECK_EQ_STR(a->strs.v[a->reason0], "the chain of work a → b ends 2 working days after the commit — affects m");
		}
		CHECK_EQ_INT(a->driver, 0);
		CHECK(a->headline && strstr(a->headline, ". Because the chain of work a → b ends 2 working days after the commit."));
	}
	bt_assess_free(a);
	baton_schedule_free(s);
	baton_plan_free(p);
	/* A decision needed before a, linked to it, overdue at the status
	 * date: both m and the program (late too) name it, once. */
	snprintf(text, sizeof text, "%s%s", plan_base,
		 "milestone z commit 2027-01-14 after m\n"
		 "decision d \"Pick\" date 2027-01-04 need-by 2027-01-05 status proposed links a\n"
		 "status 2027-01-06\n  a started 2027-01-04 remaining 4d\n");
	a = assess(text, &p, &s);
	CHECK(a != NULL);
	if (a) {
		uint32_t ndec = 0;
		for (uint32_t i = 0; i < a->causes.n; i++)
			ndec += a->causes.v[i].kind == BT_CAUSE_DECISION;
		CHECK_EQ_INT(ndec, 1);
		CHECK(a->causes.n >= 1 && a->causes.v[0].kind == BT_CAUSE_DECISION);
		if (a->causes.n >= 1)
			CHECK_EQ_INT(a->causes.v[0].nms, 2); /* m and z */
		CHECK(a->headline && strstr(a->headline, "Because decision d was needed by 2027-01-05 and is still open, 1 day overdue"));
	}
	bt_assess_free(a);
	baton_schedule_free(s);
	baton_plan_free(p);
}

int main(void)
{
	test_rag_boundaries();
	test_grid();
	test_escalation();
	test_chance_format();
	test_forecast_and_headline();
	test_causes();
	return test_report("test_assess");
}
