/*
 * fuzz_jira_csv.c: the libFuzzer target for bt_import_jira_csv (src/lib/import*.c,
 * `baton import`). The input is a Jira CSV export.
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
#include "import_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bt_import_opts o = {0};
	o.name = "fuzz";
	o.default_estimate = -1;
	o.today = 20000;
	o.points = "*=2";
	o.links = "Relates=ss+1d";
	return import_fuzz_one("fuzz_jira_csv", bt_import_jira_csv, &o, data, size);
}
