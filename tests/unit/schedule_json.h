/*
 * schedule_json.h: a plan's schedule as the JSON `baton schedule --json`
 * prints, parsed, for the tests that hand it to the independent checker
 * (tests/tools/checker.c). NULL, with the reason on stderr, when the
 * schedule cannot be computed.
 */
#ifndef BT_TEST_SCHEDULE_JSON_H
#define BT_TEST_SCHEDULE_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "baton.h"

static inline json_t *schedule_json_with(baton_plan *p, const baton_schedule_opts *o)
{
	baton_error err;
	baton_schedule *s = baton_schedule_compute(p, o, &err);
	if (!s) {
		fprintf(stderr, "schedule (level %d) failed: %s\n", o->level, err.message);
		return NULL;
	}
	char *js = baton_schedule_render(s, BATON_FORMAT_JSON, 0);
	baton_schedule_free(s);
	json_error_t e;
	json_t *root = js ? json_loads(js, 0, &e) : NULL;
	baton_string_free(js);
	return root;
}

#endif
