/*
 * util.c: allocation hook, arena, byte buffer, vectors, small string helpers.
 * The arena follows the shape of git's mem-pool: a list of blocks with bump
 * allocation and one release for everything.
 */
#include "util.h"

#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

/*=========================== Allocation ===========================*/

/* Failure injection for tests. `fail_at` is the index of the allocation
 * to fail (-1: none); atomics, because the forecast's worker threads
 * allocate while a test has the hook armed. */
static atomic_long fail_at = -1;
static atomic_long alloc_count;
/* Allocations that failed on this thread, injected or not. */
static _Thread_local unsigned long failures;
/* Nonzero while this thread decodes JSON (bt_json_loadb). */
static _Thread_local int spared;

static int should_fail(void)
{
	if (spared)
		return 0;
	/* Touch the counter only while a test has armed the hook, so plans
	 * used from several threads share no written state. */
	long at = atomic_load_explicit(&fail_at, memory_order_relaxed);
	if (at < 0)
		return 0;
	/* Exactly one allocation, on whichever thread, gets index `at`. */
	return atomic_fetch_add_explicit(&alloc_count, 1, memory_order_relaxed) == at;
}

long bt_alloc_fail_after(long n)
{
	atomic_store(&fail_at, -1);
	long c = atomic_exchange(&alloc_count, 0);
	atomic_store(&fail_at, n < 0 ? -1 : n);
	return c;
}

unsigned long bt_alloc_failures(void)
{
	return failures;
}

static void *counted(void *p)
{
	if (!p)
		failures++;
	return p;
}

void *bt_malloc(size_t n)
{
	return counted(should_fail() ? NULL : malloc(n ? n : 1));
}

void *bt_calloc(size_t count, size_t size)
{
	return counted(should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1));
}

void *bt_realloc(void *p, size_t n)
{
	return counted(should_fail() ? NULL : realloc(p, n ? n : 1));
}

void bt_free(void *p)
{
	free(p);
}

/* SQLite asks its allocator for the size of a block (xSize), so each of
 * its blocks carries the size in a header; a max_align_t keeps the
 * alignment SQLite needs (8 bytes) and malloc's. */
typedef union sq_hdr {
	size_t n;
	max_align_t align;
} sq_hdr;

static void *sq_malloc(int n)
{
	sq_hdr *h = n > 0 ? bt_malloc(sizeof(*h) + (size_t)n) : NULL;
	if (!h)
		return NULL;
	h->n = (size_t)n;
	return h + 1;
}

static void sq_free(void *p)
{
	if (p)
		bt_free((sq_hdr *)p - 1);
}

static void *sq_realloc(void *p, int n)
{
	if (!p)
		return sq_malloc(n);
	sq_hdr *h = n > 0 ? bt_realloc((sq_hdr *)p - 1, sizeof(*h) + (size_t)n) : NULL;
	if (!h)
		return NULL;
	h->n = (size_t)n;
	return h + 1;
}

static int sq_size(void *p)
{
	return p ? (int)((sq_hdr *)p - 1)->n : 0;
}

static int sq_roundup(int n)
{
	return (n + 7) & ~7;
}

static int sq_init(void *ud)
{
	(void)ud;
	return SQLITE_OK;
}

static void sq_shutdown(void *ud)
{
	(void)ud;
}

static void route_deps(void)
{
	static const sqlite3_mem_methods mem = {sq_malloc, sq_free, sq_realloc, sq_size,
						sq_roundup, sq_init, sq_shutdown, NULL};
	json_set_alloc_funcs(bt_malloc, bt_free);
	/* Only possible before SQLite initialises: a program that used
	 * SQLite before baton keeps its allocator (SQLITE_MISUSE, ignored),
	 * and SQLite then never mixes blocks of the two. */
	sqlite3_config(SQLITE_CONFIG_MALLOC, &mem);
}

void bt_alloc_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, route_deps);
}

/*============================== Arena =============================*/

struct bt_arena_block {
	bt_arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK 65536

void *bt_arena_alloc(bt_arena *a, size_t n)
{
	bt_arena_block *b = a->head;
	n = (n + 15) & ~(size_t)15;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		bt_arena_block *nb = bt_malloc(sizeof(*nb) + size);
		if (!nb) {
			a->failed = 1;
			return NULL;
		}
		nb->used = 0;
		nb->size = size;
		/* A large one-off allocation goes behind the current block so
		 * the current block keeps serving small requests. */
		if (b && size != ARENA_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

void *bt_arena_zalloc(bt_arena *a, size_t n)
{
	void *p = bt_arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *bt_arena_strndup(bt_arena *a, const char *s, size_t n)
{
	char *p = bt_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *bt_arena_printf(bt_arena *a, const char *fmt, ...)
{
	va_list ap;
	char tmp[256];
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = bt_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	if ((size_t)n < sizeof tmp) {
		memcpy(p, tmp, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return p;
}

char *bt_arena_vprintf_cut(bt_arena *a, size_t max, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	/* Room for the whole text, or for its head and the note. */
	size_t cap = (size_t)n <= max ? (size_t)n : max + 64;
	char *p = bt_arena_alloc(a, cap + 1);
	if (!p)
		return NULL;
	if ((size_t)n <= max) {
		vsnprintf(p, cap + 1, fmt, ap);
		return p;
	}
	char *full = bt_malloc((size_t)n + 1);
	if (!full)
		return NULL;
	vsnprintf(full, (size_t)n + 1, fmt, ap);
	/* Never inside a UTF-8 sequence: back up over continuation bytes. */
	size_t cut = max;
	while (cut > 0 && ((unsigned char)full[cut] & 0xc0) == 0x80)
		cut--;
	size_t chars = 0;
	for (const char *c = full; *c; c++)
		chars += ((unsigned char)*c & 0xc0) != 0x80;
	memcpy(p, full, cut);
	snprintf(p + cut, cap + 1 - cut, "\u2026 (cut: %zu characters in all)", chars);
	bt_free(full);
	return p;
}

void bt_arena_release(bt_arena *a)
{
	bt_arena_block *b = a->head;
	while (b) {
		bt_arena_block *next = b->next;
		bt_free(b);
		b = next;
	}
	a->head = NULL;
	a->failed = 0;
}

/*========================== Byte buffer ===========================*/

char bt_buf_empty[1];

static int buf_grow(bt_buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	/* Past half the address space the sum below wraps, or the doubling
	 * does, to 0 and then forever: no allocation can be that big. */
	if (extra > SIZE_MAX / 2 - b->len) {
		b->oom = 1;
		return -1;
	}
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *s = bt_realloc(b->cap ? b->s : NULL, cap);
	if (!s) {
		b->oom = 1;
		return -1;
	}
	if (!b->cap)
		s[0] = 0;
	b->s = s;
	b->cap = cap;
	return 0;
}

void bt_buf_add(bt_buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

char *bt_buf_room_grow(bt_buf *b, size_t n)
{
	if (b->oom || buf_grow(b, n))
		return NULL;
	return b->s + b->len;
}

#define BT_BUF_DRAIN_AT (64 * 1024)

static void buf_give(bt_buf *b)
{
	if (b->len && !b->oom && b->sink(b->sink_ctx, b->s, b->len)) {
		b->oom = 1;
		b->sink_failed = 1;
	}
	b->len = 0;
	if (b->cap)
		b->s[0] = 0;
}

void bt_buf_drain(bt_buf *b)
{
	if (b->sink && b->len >= BT_BUF_DRAIN_AT)
		buf_give(b);
}

int bt_buf_flush(bt_buf *b)
{
	if (b->sink)
		buf_give(b);
	return b->oom ? -1 : 0;
}

void bt_buf_puts(bt_buf *b, const char *s)
{
	bt_buf_add(b, s, strlen(s));
}

void bt_buf_putc(bt_buf *b, char c)
{
	bt_buf_add(b, &c, 1);
}

char *bt_i64_into(char *p, int64_t v)
{
	char d[24];
	size_t k = sizeof d;
	/* Through unsigned, so INT64_MIN negates without overflow. */
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		d[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		d[--k] = '-';
	memcpy(p, d + k, sizeof d - k);
	return p + (sizeof d - k);
}

void bt_buf_put_plan_string(bt_buf *b, const char *s)
{
	bt_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			bt_buf_putc(b, '\\');
		bt_buf_putc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
	}
	bt_buf_putc(b, '"');
}

void bt_buf_pad(bt_buf *b, char c, size_t n)
{
	if (buf_grow(b, n))
		return;
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = 0;
}

void bt_buf_vprintf(bt_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void bt_buf_printf(bt_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bt_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void bt_buf_reset(bt_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->s[0] = 0;
}

void bt_buf_release(bt_buf *b)
{
	if (b->cap)
		bt_free(b->s);
	b->s = bt_buf_empty;
	b->len = b->cap = 0;
	b->oom = 0;
}

char *bt_buf_detach(bt_buf *b, size_t *len)
{
	char *s;
	if (b->oom) {
		bt_buf_release(b);
		return NULL;
	}
	if (!b->cap) {
		s = bt_malloc(1);
		if (s)
			s[0] = 0;
	} else {
		s = b->s;
	}
	if (len)
		*len = b->len;
	b->s = bt_buf_empty;
	b->len = b->cap = 0;
	return s;
}

/*============================== Vector ============================*/

int bt_vec_reserve(void **v, uint32_t *cap, uint32_t n, size_t size)
{
	if (n < *cap)
		return 0;
	uint32_t nc = *cap ? *cap * 2 : 8;
	if (nc < *cap)
		return -1;
	void *p = bt_realloc(*v, (size_t)nc * size);
	if (!p)
		return -1;
	*v = p;
	*cap = nc;
	return 0;
}

/*============================== Strings ===========================*/

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions, Damerau 1964), so "wbe" is one edit from "web". */
int bt_edit_distance(const char *a, size_t na, const char *b, size_t nb, int cap)
{
	int rows[3][64];
	if (nb >= 64 || na >= 64)
		return cap + 1;
	int *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int best;
		cur[0] = (int)i;
		best = cur[0];
		for (size_t j = 1; j <= nb; j++) {
			int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;
			int m = sub < del ? sub : del;
			m = m < ins ? m : ins;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < m)
				m = pp[j - 2] + 1;
			cur[j] = m;
			if (m < best)
				best = m;
		}
		if (best > cap)
			return cap + 1;
		int *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb];
}

uint64_t bt_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

const char *bt_people(char out[16], int32_t tenths)
{
	int64_t t = tenths;
	const char *sign = t < 0 ? "-" : "";
	if (t < 0)
		t = -t;
	if (t % 10)
		snprintf(out, 16, "%s%lld.%lld", sign, (long long)(t / 10), (long long)(t % 10));
	else
		snprintf(out, 16, "%s%lld", sign, (long long)(t / 10));
	return out;
}

json_t *bt_json_loadb(const char *buf, size_t len, size_t flags, json_error_t *err)
{
	spared++;
	json_t *root = json_loadb(buf, len, flags, err);
	spared--;
	return root;
}

int bt_buf_read_file(bt_buf *b, const char *path, char *why, size_t whylen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(why, whylen, "cannot open: %s", strerror(errno));
		return -1;
	}
	size_t len0 = b->len;
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		bt_buf_add(b, chunk, got);
	int bad = ferror(f);
	fclose(f);
	if (bad || b->oom) {
		snprintf(why, whylen, "%s", bad ? "read error" : "out of memory");
		if (!b->oom)
			b->len = len0;
		return -1;
	}
	return 0;
}
