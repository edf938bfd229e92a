/*
 * test_oom_mspdi.c: allocation failure in the MS Project XML entry points
 * (the loop is oom.h's; libxml2's own allocations go through the same
 * hook, bt_mspdi_init): the import of a sample in MS Project 2019's shape,
 * with its summary, and the export of the sample plan. Each failure point
 * must end in a clean failure (-2, "out of memory") or in output
 * byte-identical to the run without failures, with nothing leaked.
 */
#include "mspdi.h"
#include "oom.h"

static char *xml_text;
static size_t xml_len;

static void import_case(oom_ctx *c)
{
	bt_buf plan = BT_BUF_INIT, sum = BT_BUF_INIT;
	bt_mspdi_err err;
	int rc = bt_mspdi_import(xml_text, xml_len, "rollout", &plan, &sum, &err);
	if (rc == -2) {
		oom_err(c, "bt_mspdi_import", "out of memory");
	} else if (rc) {
		oom_err(c, "bt_mspdi_import", err.msg);
	} else {
		oom_out(c, "imported plan", oom_buf(&plan));
		oom_out(c, "import summary", oom_buf(&sum));
	}
	bt_buf_release(&plan);
	bt_buf_release(&sum);
}

/* A malformed file: the error, never a different one. */
static void import_bad_case(oom_ctx *c)
{
	static const char bad[] = "<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n"
				  "<Tasks><Task><UID>1</UID><Duration>PT8X</Duration></Task></Tasks></Project>\n";
	bt_buf plan = BT_BUF_INIT, sum = BT_BUF_INIT;
	bt_mspdi_err err;
	int rc = bt_mspdi_import(bad, sizeof bad - 1, "bad", &plan, &sum, &err);
	if (rc == -2)
		oom_err(c, "bt_mspdi_import", "out of memory");
	else
		oom_outf(c, "error", "%d %d %s %s", rc, err.line, err.elem, err.msg);
	bt_buf_release(&plan);
	bt_buf_release(&sum);
}

static void export_case(oom_ctx *c)
{
	oom_export(c, oom_plan, bt_mspdi_export, "bt_mspdi_export");
}

int main(void)
{
	static char buf[1 << 16];
	FILE *f = fopen("tests/data/mspdi/msp2019-rollout.xml", "rb");
	CHECK(f != NULL);
	if (f) {
		xml_len = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		xml_text = buf;
		oom_loop("mspdi import", import_case, 1);
	}
	oom_loop("mspdi import of a bad file", import_bad_case, 1);
	oom_loop("mspdi export", export_case, 1);
	return test_report("oom mspdi");
}
