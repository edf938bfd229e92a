/*
 * plan.c: the public plan object: parse, check, diagnostics, free.
 */
#include <string.h>

#include "net.h"

baton_plan *baton_plan_parse(const char *filename, const char *text, size_t len)
{
	bt_alloc_init();
	bt_plan *p = bt_calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->diags.arena = &p->arena;
	p->prog.start_date = BT_DATE_NONE;
	p->prog.commit = BT_DATE_NONE;
	p->prog.level = -1;
	/* A UTF-8 byte-order mark (editors on Windows write one) is not part
	 * of the plan: line 1, column 1 is the character after it, and fmt
	 * does not write it back. */
	int bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
	if (bom) {
		text += 3;
		len -= 3;
	}
	if (len > UINT32_MAX - 2) {
		/* Offsets are 32-bit: plans over 4 GiB are out of scope. */
		bt_free(p);
		return NULL;
	}
	char *copy = bt_arena_alloc(&p->arena, len + 1);
	const char *name = bt_arena_strndup(&p->arena, filename, strlen(filename));
	if (!copy || !name) {
		baton_plan_free(p);
		return NULL;
	}
	if (len)
		memcpy(copy, text, len);
	copy[len] = 0;
	/* Old Mac line ends (a CR alone) are line ends too: as LF, byte for
	 * byte, so every offset still points where it did. */
	for (char *cr = memchr(copy, '\r', len); cr; cr = memchr(cr + 1, '\r', len - (size_t)(cr + 1 - copy)))
		if (cr[1] != '\n') {
			*cr = '\n';
			p->normalized = 1;
		}
	p->src.name = name;
	p->normalized |= (uint8_t)bom;
	p->src.text = copy;
	p->src.len = (uint32_t)len;
	if (bt_parse(p) || bt_check(p)) {
		baton_plan_free(p);
		return NULL;
	}
	/* Status entries that contradict each other (progress on a task
	 * never started, done before started) show only when they are
	 * applied: apply every block once, so check reports them. */
	if (!p->diags.errors) {
		bt_arena scratch = BT_ARENA_INIT;
		bt_net net;
		int rc = bt_net_build(&net, p, BT_DATE_NONE, &scratch, &p->diags);
		if (rc == 0)
			bt_net_warn_history(&net, p, &p->diags);
		bt_arena_release(&scratch);
		if (rc == -1) {
			baton_plan_free(p);
			return NULL;
		}
	}
	if (p->diags.oom) {
		/* A plan whose diagnostics lack one would be reported as
		 * cleaner than it is. */
		baton_plan_free(p);
		return NULL;
	}
	return p;
}

void baton_plan_free(baton_plan *p)
{
	if (!p)
		return;
	BT_VEC_FREE(p->teams);
	BT_VEC_FREE(p->tasks);
	BT_VEC_FREE(p->milestones);
	BT_VEC_FREE(p->risks);
	BT_VEC_FREE(p->decisions);
	BT_VEC_FREE(p->statuses);
	BT_VEC_FREE(p->deps);
	BT_VEC_FREE(p->needs);
	BT_VEC_FREE(p->refs);
	BT_VEC_FREE(p->ranges);
	BT_VEC_FREE(p->capchanges);
	BT_VEC_FREE(p->entries);
	BT_VEC_FREE(p->scenarios);
	BT_VEC_FREE(p->scen_items);
	bt_idtab_free(&p->names);
	bt_diags_release(&p->diags);
	bt_arena_release(&p->arena);
	bt_free(p);
}

int bt_plan_status_date(const bt_plan *p, const char *as_of, bt_date *out, const char **err)
{
	*out = BT_DATE_NONE;
	if (p->diags.errors) {
		*err = "the plan has errors";
		return -1;
	}
	if (as_of && bt_date_parse(as_of, strlen(as_of), out)) {
		*err = "invalid --as-of date: expected YYYY-MM-DD";
		return -1;
	}
	return 0;
}

int baton_plan_errors(const baton_plan *p)
{
	return p->diags.errors;
}

int baton_plan_warnings(const baton_plan *p)
{
	return p->diags.warnings;
}

char *baton_plan_diagnostics(const baton_plan *p, int color)
{
	bt_buf b = BT_BUF_INIT;
	bt_diags_render(&b, &p->src, &p->diags, color);
	return bt_buf_detach(&b, NULL);
}

char *baton_plan_diagnostics_json(const baton_plan *p)
{
	bt_buf b = BT_BUF_INIT;
	bt_diags_render_json(&b, &p->src, &p->diags);
	return bt_buf_detach(&b, NULL);
}

void baton_string_free(char *s)
{
	bt_free(s);
}

int baton_date_valid(const char *s)
{
	bt_date d;
	return s && bt_date_parse(s, strlen(s), &d) == 0;
}
