/* test_lex.c: the line lexer, one line per input and expected tokens. */
#include "lex.h"
#include "test.h"

/* Lex one line and describe its tokens as "K:text K:text ..." with one
 * letter per kind, so cases read like jsmn's table tests. */
static const char *lexd(const char *s, int *errors)
{
	static char out[512];
	static const char kinds[] = "WSDUNPLc:.nB";
	bt_source src = {"t", s, (uint32_t)strlen(s)};
	bt_arena a = BT_ARENA_INIT;
	bt_diags d = {0};
	bt_line line = {0};
	d.arena = &a;
	bt_lex_line(&src, 0, &line, &d);
	size_t k = 0;
	out[0] = 0;
	for (uint32_t i = 0; i < line.toks.n && k < sizeof out - 64; i++) {
		const bt_tok *t = &line.toks.v[i];
		k += (size_t)snprintf(out + k, sizeof out - k, "%s%c:%.*s", i ? " " : "",
				      kinds[t->kind], (int)(t->end - t->start), s + t->start);
		if (t->kind == BT_TOK_DUR || t->kind == BT_TOK_LAG || t->kind == BT_TOK_NUM)
			k += (size_t)snprintf(out + k, sizeof out - k, "=%lld", (long long)t->ival);
	}
	if (line.comment >= 0)
		k += (size_t)snprintf(out + k, sizeof out - k, " #@%d", line.comment);
	*errors = d.errors;
	BT_VEC_FREE(line.toks);
	bt_diags_release(&d);
	bt_arena_release(&a);
	return out;
}

int main(void)
{
	int e;
	CHECK_EQ_STR(lexd("task cdc \"Stand up CDC\"", &e), "W:task W:cdc S:\"Stand up CDC\"");
	CHECK_EQ_INT(e, 0);
	CHECK_EQ_STR(lexd("  estimate 8d 10d 3w", &e), "W:estimate U:8d=8 U:10d=10 U:3w=15");
	CHECK_EQ_STR(lexd("after cdc +2d, x ss -1d", &e),
		     "W:after W:cdc L:+2d=2 c:, W:x W:ss L:-1d=-1");
	CHECK_EQ_STR(lexd("needs platform:2 sre:1", &e), "W:needs W:platform ::: N:2=2 W:sre ::: N:1=1");
	CHECK_EQ_STR(lexd("holiday 2027-12-24..2027-12-31 \"Break\"", &e),
		     "W:holiday D:2027-12-24 .:.. D:2027-12-31 S:\"Break\"");
	CHECK_EQ_STR(lexd("impact 5d..15d", &e), "W:impact U:5d=5 .:.. U:15d=15");
	CHECK_EQ_STR(lexd("probability 30% # why", &e), "W:probability P:30% #@16");
	CHECK_EQ_STR(lexd("probability 12.5%", &e), "W:probability P:12.5%");
	CHECK_EQ_STR(lexd("id.with-dots_and-dash", &e), "W:id.with-dots_and-dash");
	CHECK_EQ_STR(lexd("say \"a \\\"quoted\\\" word\"", &e), "W:say S:\"a \\\"quoted\\\" word\"");
	CHECK_EQ_STR(lexd("# only a comment", &e), " #@0");
	CHECK_EQ_INT(e, 0);
	/* Errors: each leaves a bad token and one diagnostic. */
	CHECK_EQ_STR(lexd("start 2027-02-30", &e), "W:start B:2027-02-30");
	CHECK_EQ_INT(e, 1);
	CHECK_EQ_STR(lexd("estimate 1.5d", &e), "W:estimate B:1.5d");
	CHECK_EQ_INT(e, 1);
	CHECK_EQ_STR(lexd("title \"open", &e), "W:title B:\"open");
	CHECK_EQ_INT(e, 1);
	CHECK_EQ_STR(lexd("x 5x", &e), "W:x B:5x");
	CHECK_EQ_INT(e, 1);
	CHECK_EQ_STR(lexd("a @ b", &e), "W:a B:@ W:b");
	CHECK_EQ_INT(e, 1);
	CHECK_EQ_STR(lexd("lag +3", &e), "W:lag B:+3");
	CHECK_EQ_INT(e, 1);
	CHECK_EQ_STR(lexd("n 999999999999", &e), "W:n B:999999999999");
	CHECK_EQ_INT(e, 1);
	/* CRLF line endings are not part of the line. */
	CHECK_EQ_STR(lexd("team a\r\n", &e), "W:team W:a");
	CHECK_EQ_INT(e, 0);
	return test_report("lex");
}
