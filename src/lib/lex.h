/*
 * lex.h: the lexer of the plan language. It works one physical line at a
 * time, so memory stays flat on million-line plans, and so `baton fmt` can
 * rebuild each line from its tokens and its comment.
 */
#ifndef BT_LEX_H
#define BT_LEX_H

#include <stdint.h>

#include "cal.h"
#include "diag.h"

enum bt_tok_kind {
	BT_TOK_WORD,    /* id or keyword: [A-Za-z_][A-Za-z0-9_.-]* */
	BT_TOK_STRING,  /* "text" with \" and \\ escapes */
	BT_TOK_DATE,    /* 2027-01-04; ival = day number */
	BT_TOK_DUR,     /* 8d, 3w; ival = working days */
	BT_TOK_NUM,     /* 4; ival */
	BT_TOK_PCT,     /* 30%, 12.5%; fval = percent */
	BT_TOK_LAG,     /* +2d, -1d; ival = signed working days */
	BT_TOK_COMMA,
	BT_TOK_COLON,
	BT_TOK_DOTDOT,
	BT_TOK_NEWLINE, /* separates the lines of one declaration (parser only) */
	BT_TOK_BAD      /* a lexical error, already reported */
};

typedef struct bt_tok {
	uint8_t kind;
	uint32_t start, end; /* byte span in the source */
	int64_t ival;
	double fval;
	uint8_t frac;        /* NUM: written with a decimal point */
	int64_t tenths;      /* NUM: the value in tenths; -1 when written
				finer than a tenth (1.25) */
} bt_tok;

/* One physical line. */
typedef struct bt_line {
	uint32_t start, end;     /* [start, end) without the newline */
	uint32_t next;           /* offset of the next line */
	uint32_t indent;         /* leading blanks (a tab counts as one) */
	int32_t comment;         /* offset of '#', or -1 */
	BT_VEC(bt_tok) toks;     /* reused from line to line; caller frees */
} bt_line;

/* Lex the line that starts at `pos`. Lexical errors go to `d` (which may be
 * NULL to lex silently) and leave a BT_TOK_BAD token. Returns 0, or -1 when
 * memory runs out. */
int bt_lex_line(const bt_source *src, uint32_t pos, bt_line *line, bt_diags *d);

/* The kind's name for messages: "a date", "a duration", ... */
const char *bt_tok_describe(enum bt_tok_kind k);

#endif
