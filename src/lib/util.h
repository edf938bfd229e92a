/*
 * util.h: the allocator hook, the arena, the growable byte buffer and the
 * growable vector that every other module of libbaton builds on.
 *
 * Ownership rules, in one place:
 *  - every byte libbaton allocates goes through bt_malloc/bt_realloc/bt_free,
 *    so a test build can make the Nth allocation fail (bt_alloc_fail_after);
 *  - memory from a bt_arena is never freed piecemeal: bt_arena_release()
 *    frees every block at once;
 *  - a bt_buf owns its bytes until bt_buf_detach() hands them to the caller.
 */
#ifndef BT_UTIL_H
#define BT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* SQLite's ALWAYS/NEVER: "can't happen" branches that assert in debug
 * builds and stay harmless in release builds. */
#ifdef NDEBUG
#define ALWAYS(x) (x)
#define NEVER(x) (x)
#else
#include <assert.h>
#define ALWAYS(x) (assert(x), (x))
#define NEVER(x) (assert(!(x)), (x))
#endif

#define BT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*=========================== Allocation ===========================*/

/* Allocate, reallocate or free through the process-wide hook. Each returns
 * NULL when memory runs out (or when a test made this allocation fail). */
void *bt_malloc(size_t n);
void *bt_calloc(size_t count, size_t size);
void *bt_realloc(void *p, size_t n);
void bt_free(void *p);

/* Test hook: the allocation after the next n succeed fails, once, on
 * whichever thread makes it; n < 0 turns failure injection off. Returns
 * how many allocations ran since the last call (while armed), so a test
 * can loop N = 0, 1, 2, ... until an operation ends without ever reaching
 * the failing one. Safe while other threads allocate; arming it while
 * unrelated work runs makes that work fail too, so: tests only. */
long bt_alloc_fail_after(long n);

/* How many allocations have failed on the calling thread so far (injected
 * or real). For code that hands its memory to a library which swallows
 * a failure: jansson's json_object_set_new() drops a NULL value, so a
 * JSON tree built while this number moved is incomplete. */
unsigned long bt_alloc_failures(void);

/* Route jansson's and SQLite's allocations through the hook, once per
 * process; thread-safe. Called by the entry points that can be the first
 * to reach either library: baton_plan_parse (every JSON renderer and the
 * reading of a recorded update need a plan) and baton_history_open. */
void bt_alloc_init(void);

/*============================== Arena =============================*/

typedef struct bt_arena_block bt_arena_block;
typedef struct bt_arena {
	bt_arena_block *head; /* newest block; bump allocation happens here */
	int failed;           /* set once an allocation failed */
} bt_arena;

#define BT_ARENA_INIT {0, 0}

/* Aligned (16 bytes) uninitialised memory that lives until release.
 * NULL when memory runs out. */
void *bt_arena_alloc(bt_arena *a, size_t n);
void *bt_arena_zalloc(bt_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n). */
char *bt_arena_strndup(bt_arena *a, const char *s, size_t n);
char *bt_arena_printf(bt_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Format into the arena, at most `max` bytes of text: a longer text is cut
 * at a character boundary and says so ("… (cut: N characters in all)"). */
char *bt_arena_vprintf_cut(bt_arena *a, size_t max, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void bt_arena_release(bt_arena *a);

/*========================== Byte buffer ===========================*/

/* Invariants (after git's strbuf): `s` is never NULL after init and is
 * always NUL-terminated at s[len]; `oom` is set when an append could not
 * grow the buffer, in which case the append is dropped and every later
 * append is a no-op. Callers check `oom` once at the end. */
typedef struct bt_buf {
	char *s;
	size_t len;
	size_t cap;
	int oom;
	/* Optional: where bt_buf_drain sends the bytes (0, or -1 to stop:
	 * the buffer then counts as oom and sink_failed is set), so an output
	 * too big to hold (a million-task schedule's JSON is 450 MB) leaves
	 * in pieces. */
	int (*sink)(void *ctx, const char *s, size_t n);
	void *sink_ctx;
	int sink_failed;
} bt_buf;

extern char bt_buf_empty[1];
#define BT_BUF_INIT {bt_buf_empty, 0, 0, 0, NULL, NULL, 0}

void bt_buf_add(bt_buf *b, const char *s, size_t n);
/* Append the whole file at `path` (the instance readers' input). Returns
 * 0, or -1 with why[whylen] "cannot open: REASON", "read error" or "out
 * of memory". */
int bt_buf_read_file(bt_buf *b, const char *path, char *why, size_t whylen);
void bt_buf_puts(bt_buf *b, const char *s);
void bt_buf_putc(bt_buf *b, char c);
void bt_buf_printf(bt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void bt_buf_vprintf(bt_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append s as a string of the plan language: in double quotes, '"' and
 * '\\' escaped, control characters (which a plan's string cannot hold)
 * as spaces. What every writer of plan text uses. */
void bt_buf_put_plan_string(bt_buf *b, const char *s);
/* v in decimal at p (room: 20 bytes), without printf; returns the end
 * (not NUL-terminated). The JSON writer's and the tables' numbers. */
char *bt_i64_into(char *p, int64_t v);
/* Append n copies of c (padding for aligned tables). */
void bt_buf_pad(bt_buf *b, char c, size_t n);
void bt_buf_reset(bt_buf *b);
/* Room for n more bytes (and the NUL): where to write them, or NULL when
 * memory ran out (oom is set). The writer then says how many it wrote
 * with bt_buf_commit. For writers that assemble a piece in place. */
char *bt_buf_room_grow(bt_buf *b, size_t n);
static inline char *bt_buf_room(bt_buf *b, size_t n)
{
	/* Inline: the JSON writer asks for room several times a value. */
	if (!b->oom && n < b->cap - b->len)
		return b->s + b->len;
	return bt_buf_room_grow(b, n);
}

static inline void bt_buf_commit(bt_buf *b, size_t n)
{
	b->len += n;
	b->s[b->len] = 0;
}
/* With a sink and at least 64 KiB held, hand the bytes to the sink and
 * empty the buffer. Writers call it only where no earlier byte will be
 * rewritten (after a row, after a JSON member). */
void bt_buf_drain(bt_buf *b);
/* Hand everything held to the sink. 0, or -1 when the sink failed or an
 * append ran out of memory. */
int bt_buf_flush(bt_buf *b);
void bt_buf_release(bt_buf *b);
/* Hand the bytes to the caller, who frees them with bt_free(); the buffer
 * is left empty. Never NULL unless memory runs out. */
char *bt_buf_detach(bt_buf *b, size_t *len);

/*============================== JSON ==============================*/

/* json_loadb. jansson 2.14's decoder does not survive a failed allocation
 * inside its lexer (an assert, or a write through the NULL), so the test
 * hook's injected failures pass over this thread's allocations while it
 * decodes; a real failure there remains jansson's to survive. */
struct json_error_t;
struct json_t *bt_json_loadb(const char *buf, size_t len, size_t flags, struct json_error_t *err);

/*============================== Vector ============================*/

/* A growable array of T. Grow it with BT_VEC_PUSH; free with BT_VEC_FREE. */
#define BT_VEC(T) struct { T *v; uint32_t n, cap; }

/* Make room for one more element of `size` bytes; returns 0, or -1 when
 * memory runs out (the vector is unchanged). */
int bt_vec_reserve(void **v, uint32_t *cap, uint32_t n, size_t size);

/* Pointer to a new zeroed slot at the end, or NULL when memory runs out. */
/* The room check is inline: a million-task plan pushes tens of millions
 * of tokens and references. */
#define BT_VEC_PUSH(vec)                                                  \
	(((vec).n < (vec).cap ||                                          \
	  bt_vec_reserve((void **)&(vec).v, &(vec).cap, (vec).n,             \
			 sizeof(*(vec).v)) == 0)                              \
		 ? (void *)memset(&(vec).v[(vec).n++], 0, sizeof(*(vec).v)) \
		 : NULL)
#define BT_VEC_FREE(vec) (bt_free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)

/*============================== Strings ===========================*/

/* Levenshtein distance between a[0..na) and b[0..nb), capped at `cap`+1 so
 * that "did you mean" stays cheap on long ids. */
/* A number of people kept in tenths, as written: "2", "1.5". out must hold
 * 16 bytes; returns out. */
const char *bt_people(char out[16], int32_t tenths);
int bt_edit_distance(const char *a, size_t na, const char *b, size_t nb, int cap);

/* FNV-1a, for the id tables. */
uint64_t bt_hash(const char *s, size_t n);

#endif
