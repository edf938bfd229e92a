/*
 * jsonw_json.c: a jansson value written through the streaming writer
 * (jsonw_json.h).
 */
#include "jsonw_json.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* jansson's JSON_SORT_KEYS order: the keys' bytes compared unsigned, as
 * strcmp does (no key holds a NUL: jansson refuses one when reading). */
static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void write_object(bt_jsonw *w, json_t *v, int sort_keys)
{
	size_t n = json_object_size(v), i = 0;
	const char **keys = n ? bt_malloc(n * sizeof *keys) : NULL;
	if (n && !keys) {
		w->b->oom = 1;
		return;
	}
	const char *k;
	json_t *x;
	json_object_foreach(v, k, x)
		keys[i++] = k;
	if (sort_keys)
		qsort(keys, i, sizeof *keys, cmp_key);
	bt_jw_obj(w);
	for (size_t j = 0; j < i && !w->err && !w->b->oom; j++) {
		bt_jw_key(w, keys[j]);
		bt_jw_json(w, json_object_get(v, keys[j]), sort_keys);
	}
	bt_jw_obj_end(w);
	bt_free(keys);
}

void bt_jw_json(bt_jsonw *w, json_t *v, int sort_keys)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		write_object(w, v, sort_keys);
		break;
	case JSON_ARRAY:
		bt_jw_arr(w);
		for (size_t j = 0; j < json_array_size(v) && !w->err && !w->b->oom; j++)
			bt_jw_json(w, json_array_get(v, j), sort_keys);
		bt_jw_arr_end(w);
		break;
	case JSON_STRING:
		bt_jw_strn(w, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		bt_jw_int(w, json_integer_value(v));
		break;
	case JSON_REAL:
		bt_jw_real(w, json_real_value(v));
		break;
	case JSON_TRUE:
		bt_jw_bool(w, 1);
		break;
	case JSON_FALSE:
		bt_jw_bool(w, 0);
		break;
	default:
		bt_jw_null(w);
		break;
	}
}
