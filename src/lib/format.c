/*
 * format.c: the canonical form of a plan (`baton fmt`). It works on tokens,
 * line by line, so every comment stays where it was and the result does not
 * depend on the plan being semantically valid; it refuses only plans with
 * syntax errors, as gofmt does.
 *
 * Canonical form (docs/plan-language.md): declarations at column 0 and
 * continuation lines indented two spaces; one space between tokens, none
 * before ',' or around ':' and '..'; two spaces before a trailing comment;
 * no trailing blanks; at most one blank line in a row, none at either end;
 * a final newline. Tokens are copied verbatim, so formatting is idempotent.
 */
#include <string.h>

#include "lex.h"
#include "model.h"

static int glued_left(uint8_t k)
{
	return k == BT_TOK_COMMA || k == BT_TOK_COLON || k == BT_TOK_DOTDOT;
}

static int glued_right(uint8_t k)
{
	return k == BT_TOK_COLON || k == BT_TOK_DOTDOT;
}

static void put_comment(bt_buf *b, const char *s, const char *e)
{
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	bt_buf_add(b, s, (size_t)(e - s));
}

char *baton_plan_format(const baton_plan *p, int *changed)
{
	if (p->syntax_errors)
		return NULL;
	bt_buf b = BT_BUF_INIT;
	bt_line line = {0};
	const char *text = p->src.text;
	uint32_t pos = 0;
	int blank_pending = 0, any = 0;
	while (pos < p->src.len) {
		if (bt_lex_line(&p->src, pos, &line, NULL)) {
			b.oom = 1;
			break;
		}
		pos = line.next;
		if (!line.toks.n && line.comment < 0) {
			blank_pending = any;
			continue;
		}
		if (blank_pending)
			bt_buf_putc(&b, '\n');
		blank_pending = 0;
		any = 1;
		if (line.indent)
			bt_buf_puts(&b, "  ");
		for (uint32_t k = 0; k < line.toks.n; k++) {
			const bt_tok *t = &line.toks.v[k];
			if (k && !glued_left(t->kind) && !glued_right(line.toks.v[k - 1].kind))
				bt_buf_putc(&b, ' ');
			bt_buf_add(&b, text + t->start, t->end - t->start);
		}
		if (line.comment >= 0) {
			if (line.toks.n)
				bt_buf_puts(&b, "  ");
			put_comment(&b, text + line.comment, text + line.end);
		}
		bt_buf_putc(&b, '\n');
	}
	BT_VEC_FREE(line.toks);
	size_t len;
	char *out = bt_buf_detach(&b, &len);
	if (out && changed)
		*changed = p->normalized || len != p->src.len || memcmp(out, text, len) != 0;
	return out;
}
