/*
 * jsonw_json.h: a JSON value that jansson read, written again through the
 * streaming writer (jsonw.h). jansson reads JSON; writing is jsonw's, so
 * what a reader kept (a history file's status, a plan's diagnostics)
 * leaves with the writer's bytes like everything else.
 */
#ifndef BT_JSONW_JSON_H
#define BT_JSONW_JSON_H

#include "jsonw.h"

struct json_t;

/* Write `v` as the writer's next value: objects with their members in
 * jansson's order (as read), or with sort_keys in its JSON_SORT_KEYS
 * order (bytes compared, as strcmp). Out of memory is the buffer's oom;
 * nesting past BT_JW_MAXDEPTH stops the writer (bt_jw_finish says -1). */
void bt_jw_json(bt_jsonw *w, struct json_t *v, int sort_keys);

#endif
