/*
 * test_parse.c: the parser on the design document's sketch, field by
 * field, and on the forms the sketch does not show (line continuation of
 * lists, workweek, temporary capacity, ranges, notes).
 */
#include "model.h"
#include "test.h"

static baton_plan *load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return baton_plan_parse(path, buf, n);
}

static const bt_task *task(const bt_plan *p, const char *id)
{
	for (uint32_t i = 0; i < p->tasks.n; i++)
		if (!strcmp(p->tasks.v[i].id, id))
			return &p->tasks.v[i];
	return NULL;
}

static const char *date(bt_date d)
{
	static char s[4][11];
	static int k;
	k = (k + 1) % 4;
	bt_date_format(d, s[k]);
	return s[k];
}

int main(void)
{
	bt_plan *p = load("tests/golden/design-sketch.baton");
	CHECK(p != NULL);
	if (!p)
		return test_report("parse");
	CHECK_EQ_INT(baton_plan_errors(p), 0);
	CHECK_EQ_STR(p->prog.id, "orders-migration");
	CHECK_EQ_STR(p->prog.title, "Orders DB migration");
	CHECK_EQ_STR(date(p->prog.start_date), "2027-01-04");
	CHECK_EQ_STR(date(p->prog.commit), "2027-04-30");
	CHECK_EQ_INT(p->prog.nhol, 1);
	CHECK_EQ_STR(p->ranges.v[p->prog.hol0].name, "MLK Day");
	CHECK_EQ_INT(p->prog.week, BT_WEEK_MON_FRI);

	CHECK_EQ_INT(p->teams.n, 5);
	CHECK_EQ_STR(p->teams.v[1].lead, "Ana Ruiz");
	CHECK_EQ_INT(p->teams.v[4].capacity, 20);
	CHECK_EQ_INT(p->teams.v[4].ncc, 1);
	CHECK_EQ_INT(p->capchanges.v[p->teams.v[4].cc0].capacity, 10);
	CHECK_EQ_STR(date(p->capchanges.v[p->teams.v[4].cc0].from), "2027-03-01");

	CHECK_EQ_INT(p->tasks.n, 5);
	const bt_task *t = task(p, "schema-xlate");
	CHECK(t && t->est.points == 3 && t->est.o == 8 && t->est.m == 10 && t->est.p == 15);
	t = task(p, "cdc");
	CHECK(t && t->nneed == 1 && p->needs.v[t->need0].count == 20 && !p->needs.v[t->need0].team.name);
	t = task(p, "dual-write-orders");
	CHECK(t && t->est.points == 1 && t->est.m == 15); /* 3w */
	CHECK(t && t->ndep == 1 && p->deps.v[t->dep0].type == BT_FS && p->deps.v[t->dep0].lag == 2);
	t = task(p, "cutover-rehearsal");
	CHECK(t && t->ndep == 2);
	if (t && t->ndep == 2) {
		const bt_dep *a = &p->deps.v[t->dep0], *b = &p->deps.v[t->dep0 + 1];
		CHECK_EQ_STR(a->to.name, "dual-write-orders");
		CHECK(a->type == BT_SS && a->lag == 5);
		CHECK_EQ_STR(b->to.name, "parity-harness");
		CHECK(b->type == BT_FF && b->lag == 0);
		CHECK_EQ_INT(b->to.kind, BT_K_TASK);
	}
	CHECK_EQ_INT(p->milestones.n, 1);
	CHECK_EQ_STR(date(p->milestones.v[0].commit), "2027-02-12");
	CHECK_EQ_INT(p->milestones.v[0].ndep, 2);

	CHECK_EQ_INT(p->risks.n, 1);
	const bt_risk *r = &p->risks.v[0];
	CHECK(r->probability > 0.299 && r->probability < 0.301);
	CHECK(r->impact_points == 1 && r->impact_lo == 10);
	CHECK_EQ_INT(r->non, 1);
	CHECK_EQ_STR(p->refs.v[r->on0].name, "cdc");
	CHECK_EQ_STR(r->owner, "Lee");
	CHECK_EQ_STR(date(r->review), "2027-01-22");
	CHECK_EQ_STR(r->mitigation, "Load test by Jan 22; Debezium fallback ready");
	CHECK_EQ_INT(r->state, BT_RISK_OPEN);

	CHECK_EQ_INT(p->decisions.n, 1);
	CHECK_EQ_INT(p->decisions.v[0].state, BT_DEC_DECIDED);
	CHECK_EQ_STR(p->decisions.v[0].owner, "VP Eng");

	CHECK_EQ_INT(p->statuses.n, 1);
	const bt_status *s = &p->statuses.v[0];
	CHECK_EQ_STR(date(s->date), "2027-02-05");
	CHECK_EQ_INT(s->nentry, 3);
	const bt_entry *e = &p->entries.v[s->entry0];
	CHECK(e[0].kind == BT_E_DONE && !strcmp(date(e[0].date), "2027-01-20"));
	CHECK(e[1].kind == BT_E_STARTED && e[1].remaining == 6);
	CHECK(e[2].kind == BT_E_NOTE && !strcmp(e[2].text, "Throughput at 25k/s; tuning batch size"));
	baton_plan_free(p);

	/* Forms the sketch does not show. */
	static const char more[] =
		"program p\n  start 2027-01-02\n  workweek sun mon tue wed thu\n"
		"  holiday 2027-12-24..2027-12-31 \"Break\"\n  level\n"
		"team a capacity 3\n  capacity 1 from 2027-02-01 to 2027-02-12\n  holiday 2027-03-05\n"
		"team b capacity 2\n"
		"task x \"X\"\n  team a  estimate 4d\n  needs a:2 b:1\n  workstream \"Data plane\"\n"
		"  not-before 2027-01-10  deadline 2027-02-26  owner \"Kim\"\n"
		"task y team b estimate 1w\n  after x ss -1d,\n    x ff +2d\n"
		"risk r probability 12.5%  impact 5d..15d  on x, y  status mitigating\n"
		"risk q probability 50%  impact 2d 4d 9d  on y\n"
		"decision d \"D\" date 2027-01-05  status proposed  need-by 2027-01-20\n  links r, x\n"
		"status 2027-01-15\n  x started 2027-01-11 percent 40%\n  note \"all hands\"\n";
	p = baton_plan_parse("more.baton", more, sizeof more - 1);
	CHECK(p && baton_plan_errors(p) == 0);
	if (p) {
		char *d = baton_plan_diagnostics(p, 0);
		if (baton_plan_errors(p))
			fprintf(stderr, "%s", d);
		baton_string_free(d);
		CHECK_EQ_INT(p->prog.week, 0x4f); /* Mon-Thu + Sun */
		CHECK_EQ_INT(p->prog.level, 1);
		CHECK_EQ_STR(date(p->ranges.v[p->prog.hol0].to), "2027-12-31");
		const bt_capchange *cc = &p->capchanges.v[p->teams.v[0].cc0];
		CHECK(cc->capacity == 10 && !strcmp(date(cc->to), "2027-02-12"));
		CHECK_EQ_INT(p->teams.v[0].nhol, 1);
		t = task(p, "x");
		CHECK(t && t->nneed == 2 && p->needs.v[t->need0 + 1].count == 10);
		CHECK(t && !strcmp(t->workstream, "Data plane") && !strcmp(t->owner, "Kim"));
		CHECK(t && !strcmp(date(t->not_before), "2027-01-10") && !strcmp(date(t->deadline), "2027-02-26"));
		t = task(p, "y");
		CHECK(t && t->est.m == 5 && t->ndep == 2);
		if (t && t->ndep == 2) {
			CHECK(p->deps.v[t->dep0].type == BT_SS && p->deps.v[t->dep0].lag == -1);
			CHECK(p->deps.v[t->dep0 + 1].type == BT_FF && p->deps.v[t->dep0 + 1].lag == 2);
		}
		CHECK(p->risks.v[0].impact_points == 2 && p->risks.v[0].impact_hi == 15);
		CHECK(p->risks.v[0].non == 2 && p->risks.v[0].state == BT_RISK_MITIGATING);
		CHECK(p->risks.v[1].impact_points == 3 && p->risks.v[1].impact_mode == 4);
		CHECK(p->decisions.v[0].nlink == 2 && p->decisions.v[0].state == BT_DEC_PROPOSED);
		CHECK_EQ_INT(p->refs.v[p->decisions.v[0].link0].kind, BT_K_RISK);
		const bt_entry *en = &p->entries.v[p->statuses.v[0].entry0];
		CHECK(en[0].kind == BT_E_STARTED && en[0].percent > 39.9 && en[0].percent < 40.1);
		CHECK(en[1].kind == BT_E_NOTE && !en[1].task.name);
	}
	baton_plan_free(p);

	/* Baselines: the first commit is kept, each change with its since,
	 * decision and reason; the one in force follows the status date. */
	static const char moved[] =
		"program q \"Q\"\n  start 2027-01-04\n  commit 2027-04-30\n"
		"  commit 2027-05-14 since 2027-02-01 by d \"scope\"\n"
		"team t \"T\" capacity 1\ntask a \"A\"\n  team t estimate 5d\n"
		"milestone m \"M\" commit 2027-02-12\n  after a\n"
		"  commit 2027-02-26 since 2027-01-20 by d \"Q1 close\"\n  commit 2027-03-05 since 2027-02-01\n"
		"decision d \"D\"\n  decided 2027-01-20 status decided\n";
	p = baton_plan_parse("moved.baton", moved, sizeof moved - 1);
	CHECK(p != NULL);
	if (p) {
		CHECK_EQ_INT(baton_plan_errors(p), 0);
		const bt_milestone *m = &p->milestones.v[0];
		CHECK_EQ_STR(date(m->commit0), "2027-02-12");
		CHECK_EQ_INT(m->ncc, 2);
		CHECK_EQ_INT(p->prog.ncc, 1);
		if (m->ncc == 2) {
			const bt_commit_change *c = &p->commit_changes.v[m->cc0];
			CHECK_EQ_STR(date(c->date), "2027-02-26");
			CHECK_EQ_STR(date(c->since), "2027-01-20");
			CHECK_EQ_STR(c->by.name, "d");
			CHECK_EQ_INT(c->by.kind, BT_K_DECISION);
			CHECK_EQ_STR(c->reason, "Q1 close");
			CHECK(!c[1].by.name && !c[1].reason);
		}
		bt_plan_commits_as_of(p, BT_DATE_NONE);
		CHECK_EQ_STR(date(m->commit), "2027-02-12");
		bt_date d;
		bt_date_parse("2027-01-19", 10, &d);
		bt_plan_commits_as_of(p, d);
		CHECK_EQ_STR(date(m->commit), "2027-02-12");
		bt_date_parse("2027-01-20", 10, &d);
		bt_plan_commits_as_of(p, d);
		CHECK_EQ_STR(date(m->commit), "2027-02-26");
		CHECK_EQ_STR(date(p->prog.commit), "2027-04-30");
		bt_date_parse("2027-03-01", 10, &d);
		bt_plan_commits_as_of(p, d);
		CHECK_EQ_STR(date(m->commit), "2027-03-05");
		CHECK_EQ_STR(date(p->prog.commit), "2027-05-14");
		CHECK_EQ_STR(date(p->prog.commit0), "2027-04-30");
	}
	baton_plan_free(p);
	return test_report("parse");
}
