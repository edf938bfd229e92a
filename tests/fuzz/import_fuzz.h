/*
 * import_fuzz.h: what the importers' libFuzzer targets (fuzz_jira_csv,
 * fuzz_jira_json, fuzz_import_csv) assert, once: a rejected input has a
 * message; an accepted one has a summary and prints a plan without
 * syntax errors.
 */
#ifndef BATON_IMPORT_FUZZ_H
#define BATON_IMPORT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "baton.h"
#include "import.h"

typedef int (*import_fuzz_fn)(const char *text, size_t len, const bt_import_opts *o, bt_import *im);

static inline int import_fuzz_one(const char *target, import_fuzz_fn fn, const bt_import_opts *o,
				  const uint8_t *data, size_t size)
{
	bt_import im = BT_IMPORT_INIT;
	if (fn((const char *)data, size, o, &im)) {
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
		fprintf(stderr, "%s: an accepted input prints a plan with syntax errors:\n%s\n%s", target, d ? d : "",
			im.plan.s);
		__builtin_trap();
	}
	baton_string_free(canon);
	baton_plan_free(p);
	bt_import_free(&im);
	return 0;
}

#endif
