/*
 * fuzz_jira_json.c: the libFuzzer target for bt_import_jira_json (src/lib/import*.c,
 * `baton import`). The input is the JSON of Jira's search API.
 *
 * Properties checked (a violation aborts): a rejected input has a message;
 * an accepted one prints a plan that parses without syntax errors and a
 * summary (a plan with a link cycle may fail its checks: the CLI refuses
 * to write it, tests/import.sh).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bt_import_opts o = {0};
	o.name = "fuzz";
	o.default_estimate = -1;
	o.today = 20000;
	o.points = "*=2";
	o.links = "Relates=ss+1d";
	bt_import im = BT_IMPORT_INIT;
	if (bt_import_jira_json((const char *)data, size, &o, &im)) {
		if (!im.err[0])
			__builtin_trap();
		bt_import_free(&im);
		return 0;
	}
	if (!im.summary.len)
		__builtin_trap();
	baton_plan *p = baton_plan_parse("import.baton", im.plan.s, im.plan.len);
	if (!p)
		abort();
	char *canon = baton_plan_format(p, NULL);
	if (!canon) {
		char *d = baton_plan_diagnostics(p, 0);
		fprintf(stderr, "fuzz_jira_json: an accepted input prints a plan with syntax errors:\n%s\n%s", d ? d : "",
			im.plan.s);
		__builtin_trap();
	}
	baton_string_free(canon);
	baton_plan_free(p);
	bt_import_free(&im);
	return 0;
}
