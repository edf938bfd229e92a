/*
 * fuzz_mspdi.c: the libFuzzer target for the MS Project XML importer
 * (src/lib/mspdi.c, `baton import mspdi`) and exporter. The input is an
 * MSPDI file. When the importer accepts it, the plan it prints is parsed
 * and, when it checks, scheduled and exported again.
 *
 * Properties checked (a violation aborts): a rejected file has a message
 * (and a line within the input); an accepted one prints plan text with no
 * syntax error (every id, string, date and number it writes is valid plan
 * language, so `baton fmt` formats it); a plan without errors that
 * schedules exports to MSPDI that imports again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton.h"
#include "mspdi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_mspdi: %s\n%s\n", what, detail ? detail : "");
	__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bt_buf plan = BT_BUF_INIT, sum = BT_BUF_INIT;
	bt_mspdi_err err;
	int rc = bt_mspdi_import((const char *)data, size, "fuzz", &plan, &sum, &err);
	if (rc) {
		if (rc == -1 && !err.msg[0])
			fail("a rejected file without a message", NULL);
		long lines = 1;
		for (size_t i = 0; i < size; i++)
			lines += data[i] == '\n';
		if (err.line < 0 || err.line > lines + 1)
			fail("an error on a line past the end of the input", err.msg);
		goto done;
	}
	baton_plan *p = baton_plan_parse("import.baton", plan.s, plan.len);
	if (!p)
		abort();
	char *canon = baton_plan_format(p, NULL);
	if (!canon) {
		char *d = baton_plan_diagnostics(p, 0);
		fprintf(stderr, "%.*s\n", (int)plan.len, plan.s);
		fail("an imported file prints a plan with syntax errors:", d);
	}
	baton_string_free(canon);
	if (!baton_plan_errors(p)) {
		bt_buf x = BT_BUF_INIT, s2 = BT_BUF_INIT, plan2 = BT_BUF_INIT, sum2 = BT_BUF_INIT;
		const char *e = NULL;
		if (bt_mspdi_export(p, &x, &s2, &e) == 0 &&
		    bt_mspdi_import(x.s, x.len, "fuzz", &plan2, &sum2, &err) != 0)
			fail("an export does not import again:", err.msg);
		bt_buf_release(&x);
		bt_buf_release(&s2);
		bt_buf_release(&plan2);
		bt_buf_release(&sum2);
	}
	baton_plan_free(p);
done:
	bt_buf_release(&plan);
	bt_buf_release(&sum);
	return 0;
}
