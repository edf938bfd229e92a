/*
 * fuzz_sync.c: the libFuzzer target for `baton sync` (src/lib/sync.c). The
 * input is two plans separated by a line "====": the plan, then the newer
 * export as imported. When both check, the sync runs dated by the newer
 * plan's latest status block (else 2027-06-01).
 *
 * Properties checked (a violation aborts): a refusal carries a located
 * diagnostic; an accepted sync's block, appended to the plan as the CLI
 * appends it, gives a plan without errors (sync must never write a plan
 * that does not check); syncing the plan against itself records nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sync.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_sync: %s\n%s", what, detail ? detail : "");
	__builtin_trap();
}

static baton_plan *parse(const char *text, size_t len)
{
	baton_plan *p = baton_plan_parse("p.baton", text, len);
	if (p && baton_plan_errors(p)) {
		baton_plan_free(p);
		return NULL;
	}
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *sep = NULL;
	for (size_t i = 0; i + 5 <= size && !sep; i++)
		if ((i == 0 || text[i - 1] == '\n') && !memcmp(text + i, "====\n", 5))
			sep = text + i;
	if (!sep)
		return 0;
	size_t n1 = (size_t)(sep - text);
	baton_plan *cur = parse(text, n1), *nw = parse(sep + 5, size - n1 - 5);
	if (!cur || !nw) {
		baton_plan_free(cur);
		baton_plan_free(nw);
		return 0;
	}
	bt_sync_opts o = {0};
	o.date = BT_DATE_NONE;
	o.export_date = BT_DATE_NONE;
	for (uint32_t i = 0; i < nw->statuses.n; i++)
		if (nw->statuses.v[i].date != BT_DATE_NONE &&
		    (o.export_date == BT_DATE_NONE || nw->statuses.v[i].date > o.export_date))
			o.export_date = nw->statuses.v[i].date;
	bt_date_parse("2027-06-01", 10, &o.today);
	o.format = "fuzz";
	bt_sync s = BT_SYNC_INIT;
	int rc = bt_sync_compute(cur, nw, &o, &s);
	if (rc == -1 && !strstr(s.diag.s, "p.baton:"))
		fail("a refusal without a located diagnostic", s.diag.s);
	if (rc == 0 && s.entries) {
		bt_buf all = BT_BUF_INIT;
		bt_buf_add(&all, text, n1);
		if (n1 && text[n1 - 1] != '\n')
			bt_buf_putc(&all, '\n');
		bt_buf_putc(&all, '\n');
		bt_buf_add(&all, s.block.s, s.block.len);
		baton_plan *p = all.oom ? NULL : baton_plan_parse("p.baton", all.s, all.len);
		if (p && baton_plan_errors(p)) {
			char *d = baton_plan_diagnostics(p, 0);
			fprintf(stderr, "block:\n%s", s.block.s);
			fail("the plan with the synced block does not check", d);
		}
		baton_plan_free(p);
		bt_buf_release(&all);
	}
	bt_sync_free(&s);
	/* The plan against itself: nothing to record. */
	s = (bt_sync)BT_SYNC_INIT;
	o.date = BT_DATE_NONE;
	o.export_date = BT_DATE_NONE;
	if (bt_sync_compute(cur, cur, &o, &s) == 0 && s.entries)
		fail("the plan synced against itself records something", s.block.s);
	bt_sync_free(&s);
	baton_plan_free(cur);
	baton_plan_free(nw);
	return 0;
}
