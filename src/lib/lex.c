/*
 * lex.c: the line lexer of the plan language (grammar in
 * docs/plan-language.md). Values (dates, durations, percentages) are
 * decoded and checked here, so an impossible date is reported at the date.
 */
#include "lex.h"

#include <stdlib.h>
#include <string.h>

/* Character classes by table: the lexer touches every byte of a plan,
 * and on a million-task plan a branchy test per byte showed in profiles. */
enum { C_DIGIT = 1, C_START = 2, C_WORD = 4 };
static const unsigned char cls[256] = {
	['0'] = C_DIGIT | C_WORD, ['1'] = C_DIGIT | C_WORD, ['2'] = C_DIGIT | C_WORD,
	['3'] = C_DIGIT | C_WORD, ['4'] = C_DIGIT | C_WORD, ['5'] = C_DIGIT | C_WORD,
	['6'] = C_DIGIT | C_WORD, ['7'] = C_DIGIT | C_WORD, ['8'] = C_DIGIT | C_WORD,
	['9'] = C_DIGIT | C_WORD, ['-'] = C_WORD, ['.'] = C_WORD,
	['_'] = C_START | C_WORD,
#define L(c) [c] = C_START | C_WORD
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
	L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
	L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
	L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'),
	L('J'), L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'),
	L('S'), L('T'), L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
#undef L
};

static inline int is_digit(char c)
{
	return cls[(unsigned char)c] & C_DIGIT;
}

static inline int is_word_start(char c)
{
	return cls[(unsigned char)c] & C_START;
}

static inline int is_word_char(char c)
{
	return cls[(unsigned char)c] & C_WORD;
}

const char *bt_tok_describe(enum bt_tok_kind k)
{
	switch (k) {
	case BT_TOK_WORD: return "a name";
	case BT_TOK_STRING: return "a quoted string";
	case BT_TOK_DATE: return "a date";
	case BT_TOK_DUR: return "a duration";
	case BT_TOK_NUM: return "a number";
	case BT_TOK_PCT: return "a percentage";
	case BT_TOK_LAG: return "a lag";
	case BT_TOK_COMMA: return "','";
	case BT_TOK_COLON: return "':'";
	case BT_TOK_DOTDOT: return "'..'";
	case BT_TOK_NEWLINE: return "the end of the line";
	case BT_TOK_BAD: return "an invalid token";
	}
	return "a token";
}

static const char *month_name[] = {"January", "February", "March", "April",
				   "May", "June", "July", "August",
				   "September", "October", "November", "December"};

/* A date token: exactly dddd-dd-dd. */
static int lex_date(const char *t, uint32_t n, bt_tok *tok, bt_diags *d)
{
	bt_date v;
	if (bt_date_parse(t, n, &v) == 0) {
		tok->kind = BT_TOK_DATE;
		tok->ival = v;
		return 0;
	}
	int y = atoi(t), m = atoi(t + 5), day = atoi(t + 8);
	tok->kind = BT_TOK_BAD;
	if (!d)
		return -1;
	if (m < 1 || m > 12)
		bt_diag_add(d, BT_ERROR, tok->start, tok->end,
			    "invalid date '%.*s': there is no month %d", (int)n, t, m);
	else
		bt_diag_add(d, BT_ERROR, tok->start, tok->end,
			    "invalid date '%.*s': %s %d has %d days", (int)n, t,
			    month_name[m - 1], y, bt_days_in_month(y, m));
	(void)day;
	return -1;
}

static int looks_like_date(const char *p, const char *e)
{
	if (e - p < 10)
		return 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (p[i] != '-')
				return 0;
		} else if (!is_digit(p[i])) {
			return 0;
		}
	}
	return e - p == 10 || !is_word_char(p[10]) || p[10] == '.';
}

/* digits [. digits] followed by d, w, % or nothing. */
/* "5-10d" is a range written with a dash: suggest "5d..10d". */
static void range_hint(bt_diags *d, const char *p, const char *e)
{
	const char *a = p, *q = p;
	while (q < e && *q >= '0' && *q <= '9')
		q++;
	if (q == a)
		return;
	int alen = (int)(q - a);
	char u1 = q < e && (*q == 'd' || *q == 'w') ? *q++ : 0;
	if (q >= e || *q != '-')
		return;
	const char *b = ++q;
	while (q < e && *q >= '0' && *q <= '9')
		q++;
	if (q == b)
		return;
	int blen = (int)(q - b);
	char u2 = q < e && (*q == 'd' || *q == 'w') ? *q++ : 0;
	if (q != e || (!u1 && !u2))
		return;
	char u = u2 ? u2 : u1;
	bt_diag_help(d, "a range is written with '..': '%.*s%c..%.*s%c'", alen, a, u1 ? u1 : u, blen, b, u);
}

static void lex_number(const char *base, const char *p, const char *e,
		       bt_tok *tok, bt_diags *d, const char **out)
{
	const char *q = p;
	int sign = 1;
	if (*q == '+' || *q == '-') {
		sign = *q == '-' ? -1 : 1;
		q++;
	}
	int64_t v = 0;
	int overflow = 0;
	while (q < e && is_digit(*q)) {
		if (!overflow)
			v = v * 10 + (*q - '0');
		if (v > 100000000)
			overflow = 1;
		q++;
	}
	double f = (double)v;
	int frac = 0;
	int64_t tenths = v * 10;
	if (q + 1 < e && *q == '.' && is_digit(q[1])) {
		double scale = 0.1;
		frac = 1;
		q++;
		tenths += *q - '0';
		for (int k = 0; q < e && is_digit(*q); k++) {
			if (k > 0 && *q != '0')
				tenths = -1;
			f += (*q - '0') * scale;
			scale /= 10;
			q++;
		}
	}
	char unit = q < e ? *q : 0;
	const char *end = q;
	if (unit == 'd' || unit == 'w' || unit == '%')
		end++;
	/* Swallow the rest of a malformed token so it is reported whole. */
	const char *stop = end;
	while (stop < e && (is_word_char(*stop) && !(stop[0] == '.' && stop + 1 < e && stop[1] == '.')))
		stop++;
	tok->end = (uint32_t)(stop - base);
	*out = stop;
	if (stop != end || (unit != 'd' && unit != 'w' && unit != '%' && unit && is_word_char(unit))) {
		tok->kind = BT_TOK_BAD;
		if (d)
			bt_diag_add(d, BT_ERROR, tok->start, tok->end,
				    "invalid token '%.*s': expected a number, a duration like 5d or 2w, a percentage or a date",
				    (int)(stop - p), p);
		if (d)
			range_hint(d, p, stop);
		return;
	}
	if (overflow) {
		tok->kind = BT_TOK_BAD;
		if (d)
			bt_diag_add(d, BT_ERROR, tok->start, tok->end,
				    "number '%.*s' is too large", (int)(stop - p), p);
		return;
	}
	if (unit == '%') {
		tok->kind = BT_TOK_PCT;
		tok->fval = f * sign;
		tok->ival = v * sign;
		if (sign < 0 || *p == '+') {
			tok->kind = BT_TOK_BAD;
			if (d)
				bt_diag_add(d, BT_ERROR, tok->start, tok->end,
					    "percentage '%.*s' must not be signed",
					    (int)(stop - p), p);
		}
		return;
	}
	if (frac && (unit == 'd' || unit == 'w' || *p == '+' || *p == '-')) {
		tok->kind = BT_TOK_BAD;
		if (d)
			bt_diag_add(d, BT_ERROR, tok->start, tok->end,
				    "'%.*s' is not a whole number: durations are whole working days",
				    (int)(stop - p), p);
		return;
	}
	if (unit == 'd' || unit == 'w') {
		tok->ival = sign * (unit == 'w' ? v * 5 : v);
		tok->kind = (*p == '+' || *p == '-') ? BT_TOK_LAG : BT_TOK_DUR;
		return;
	}
	if (*p == '+' || *p == '-') {
		tok->kind = BT_TOK_BAD;
		if (d)
			bt_diag_add(d, BT_ERROR, tok->start, tok->end,
				    "lag '%.*s' needs a unit: write %.*sd (working days) or %.*sw (weeks)",
				    (int)(stop - p), p, (int)(stop - p), p, (int)(stop - p), p);
		return;
	}
	tok->kind = BT_TOK_NUM;
	tok->ival = v;
	tok->fval = f;
	tok->frac = (uint8_t)frac;
	tok->tenths = tenths;
}

int bt_lex_line(const bt_source *src, uint32_t pos, bt_line *line, bt_diags *d)
{
	const char *base = src->text;
	const char *p = base + pos, *e = base + src->len;
	const char *le = memchr(p, '\n', (size_t)(e - p));
	if (!le)
		le = e;
	line->start = pos;
	line->next = (uint32_t)(le - base) + (le < e);
	/* A Windows line ending is not part of the line. */
	const char *end = le;
	if (end > p && end[-1] == '\r')
		end--;
	line->end = (uint32_t)(end - base);
	line->comment = -1;
	line->toks.n = 0;
	uint32_t indent = 0;
	while (p < end && (*p == ' ' || *p == '\t')) {
		p++;
		indent++;
	}
	line->indent = indent;
	while (p < end) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '\r') {
			p++;
			continue;
		}
		if (c == '#') {
			line->comment = (int32_t)(p - base);
			/* A NUL byte means binary data, and would cut the text short
			 * wherever it is handled as a C string (fmt's output). */
			const char *z = memchr(p, 0, (size_t)(end - p));
			if (z) {
				bt_tok *bad = BT_VEC_PUSH(line->toks);
				if (!bad)
					return -1;
				bad->kind = BT_TOK_BAD;
				bad->start = (uint32_t)(z - base);
				bad->end = bad->start + 1;
				if (d)
					bt_diag_add(d, BT_ERROR, bad->start, bad->end,
						    "NUL byte in a comment: a plan is text");
			}
			break;
		}
		bt_tok *tok = BT_VEC_PUSH(line->toks);
		if (!tok)
			return -1;
		tok->start = (uint32_t)(p - base);
		if (c == '"') {
			const char *q = p + 1;
			const char *ctl = NULL;
			while (q < end && *q != '"') {
				if (*q == '\\' && q + 1 < end)
					q++;
				if (((unsigned char)*q < 32 && *q != '\t') || *q == 127)
					ctl = ctl ? ctl : q;
				q++;
			}
			if (ctl && q < end) {
				tok->kind = BT_TOK_BAD;
				tok->end = (uint32_t)(q + 1 - base);
				if (d)
					bt_diag_add(d, BT_ERROR, (uint32_t)(ctl - base), (uint32_t)(ctl - base) + 1,
						    "control character (byte 0x%02x) inside a string",
						    (unsigned char)*ctl);
				p = q + 1;
				continue;
			}
			if (q >= end) {
				tok->kind = BT_TOK_BAD;
				tok->end = (uint32_t)(end - base);
				if (d)
					bt_diag_add(d, BT_ERROR, tok->start, tok->end,
						    "unterminated string: expected a closing '\"' before the end of the line");
				p = end;
				continue;
			}
			tok->kind = BT_TOK_STRING;
			tok->end = (uint32_t)(q + 1 - base);
			p = q + 1;
			continue;
		}
		if (c == ',' || c == ':') {
			tok->kind = c == ',' ? BT_TOK_COMMA : BT_TOK_COLON;
			tok->end = tok->start + 1;
			p++;
			continue;
		}
		if (c == '.' && p + 1 < end && p[1] == '.') {
			tok->kind = BT_TOK_DOTDOT;
			tok->end = tok->start + 2;
			p += 2;
			continue;
		}
		if (is_word_start(c)) {
			const char *q = p + 1;
			while (q < end && is_word_char(*q) &&
			       !(*q == '.' && q + 1 < end && q[1] == '.'))
				q++;
			tok->kind = BT_TOK_WORD;
			tok->end = (uint32_t)(q - base);
			p = q;
			continue;
		}
		if (looks_like_date(p, end)) {
			tok->end = tok->start + 10;
			lex_date(p, 10, tok, d);
			p += 10;
			continue;
		}
		if (is_digit(c) || ((c == '+' || c == '-') && p + 1 < end && is_digit(p[1]))) {
			lex_number(base, p, end, tok, d, &p);
			continue;
		}
		/* Anything else: one bad character; a run of non-ASCII text
		 * (a name like "indexação") is one bad token, not one per byte. */
		const char *q = p + 1;
		if ((unsigned char)c >= 0x80)
			while (q < end && ((unsigned char)*q >= 0x80 || is_word_char(*q)))
				q++;
		tok->kind = BT_TOK_BAD;
		tok->end = (uint32_t)(q - base);
		if (d) {
			if ((unsigned char)c >= 32 && (unsigned char)c < 127)
				bt_diag_add(d, BT_ERROR, tok->start, tok->end,
					    "unexpected character '%c'", c);
			else
				bt_diag_add(d, BT_ERROR, tok->start, tok->end,
					    "unexpected character (byte 0x%02x): names are ASCII; put other text in quotes",
					    (unsigned char)c);
		}
		p = q;
	}
	return 0;
}
