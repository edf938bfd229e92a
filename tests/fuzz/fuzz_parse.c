/*
 * fuzz_parse.c: the libFuzzer target for the whole front end. Parses the
 * input as a plan, renders its diagnostics (text, colour and JSON), formats
 * it, and when the plan has no errors computes and renders the schedule in
 * every format; then frees everything. With clang: `make fuzz`; with gcc,
 * tests/fuzz/replay.c drives it over a corpus (`make build/tools/fuzz_replay`).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "baton.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every byte of a returned string so a missing terminator or a
 * dangling pointer shows up under ASan. */
static size_t consume(char *s)
{
	size_t n = s ? strlen(s) : 0;
	baton_string_free(s);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	baton_plan *p = baton_plan_parse("fuzz.baton", (const char *)data, size);
	if (!p)
		return 0;
	consume(baton_plan_diagnostics(p, 0));
	consume(baton_plan_diagnostics(p, 1));
	consume(baton_plan_diagnostics_json(p));
	int changed = 0;
	char *canon = baton_plan_format(p, &changed);
	if (canon && baton_plan_errors(p) == 0) {
		/* Formatting is idempotent and keeps the plan valid. */
		baton_plan *q = baton_plan_parse("fuzz.baton", canon, strlen(canon));
		if (q) {
			int again = 1;
			char *canon2 = baton_plan_format(q, &again);
			if (!canon2 || again || strcmp(canon, canon2) != 0 ||
			    baton_plan_errors(q) != 0) {
				fprintf(stderr, "fuzz_parse: the canonical form of a valid plan %s\n",
					baton_plan_errors(q) ? "has errors" : "is not canonical");
				__builtin_trap();
			}
			consume(canon2);
			baton_plan_free(q);
		}
	}
	consume(canon);
	if (baton_plan_errors(p) == 0) {
		static const int levels[] = {-1, 0};
		for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
			baton_schedule_opts opts = BATON_SCHEDULE_OPTS_INIT;
			opts.level = levels[i];
			opts.schedules = 200;
			baton_error err;
			baton_schedule *s = baton_schedule_compute(p, &opts, &err);
			if (!s)
				continue;
			(void)baton_schedule_end_day(s);
			consume(baton_schedule_render(s, BATON_FORMAT_TERM, 0));
			consume(baton_schedule_render(s, BATON_FORMAT_TERM, BATON_RENDER_COLOR));
			consume(baton_schedule_render(s, BATON_FORMAT_MARKDOWN, 0));
			consume(baton_schedule_render(s, BATON_FORMAT_JSON, 0));
			baton_schedule_free(s);
		}
	}
	baton_plan_free(p);
	return 0;
}
