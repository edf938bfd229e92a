/* test_util.c: arena, buffer, vector, edit distance, allocation failure. */
#include "test.h"
#include "util.h"

int main(void)
{
	bt_arena a = BT_ARENA_INIT;
	char *s = bt_arena_strndup(&a, "hello world", 5);
	CHECK_EQ_STR(s, "hello");
	char *big = bt_arena_alloc(&a, 1 << 20);
	CHECK(big != NULL);
	memset(big, 1, 1 << 20);
	int misaligned = 0;
	for (int i = 0; i < 10000; i++) {
		char *p = bt_arena_alloc(&a, (size_t)(i % 97) + 1);
		misaligned += ((uintptr_t)p & 15) != 0;
	}
	CHECK_EQ_INT(misaligned, 0);
	CHECK_EQ_STR(bt_arena_printf(&a, "%d-%s", 42, "x"), "42-x");
	bt_arena_release(&a);

	bt_buf b = BT_BUF_INIT;
	CHECK_EQ_STR(b.s, "");
	bt_buf_puts(&b, "ab");
	bt_buf_printf(&b, "%03d", 7);
	bt_buf_pad(&b, '-', 3);
	CHECK_EQ_STR(b.s, "ab007---");
	CHECK_EQ_INT(b.len, 8);
	size_t n;
	char *d = bt_buf_detach(&b, &n);
	CHECK_EQ_STR(d, "ab007---");
	CHECK_EQ_INT(n, 8);
	CHECK_EQ_STR(b.s, "");
	bt_free(d);
	/* A size no allocation can have is running out of memory: it used to
	 * double the capacity to 0 and loop, or wrap and write past the end
	 * (found through tests/fuzz/fuzz_history.c's slip chart). */
	bt_buf huge = BT_BUF_INIT;
	bt_buf_puts(&huge, "x");
	bt_buf_pad(&huge, '#', SIZE_MAX / 2 + 10);
	CHECK(huge.oom);
	bt_buf_release(&huge);
	bt_buf wrap = BT_BUF_INIT;
	bt_buf_puts(&wrap, "x");
	bt_buf_pad(&wrap, '#', SIZE_MAX);
	CHECK(wrap.oom);
	bt_buf_release(&wrap);

	BT_VEC(int) v = {0};
	for (int i = 0; i < 1000; i++) {
		int *slot = BT_VEC_PUSH(v);
		*slot = i;
	}
	CHECK_EQ_INT(v.n, 1000);
	CHECK_EQ_INT(v.v[999], 999);
	BT_VEC_FREE(v);

	CHECK_EQ_INT(bt_edit_distance("cdc", 3, "cdc", 3, 3), 0);
	CHECK_EQ_INT(bt_edit_distance("cdc2", 4, "cdc", 3, 3), 1);
	CHECK_EQ_INT(bt_edit_distance("kitten", 6, "sitting", 7, 5), 3);
	CHECK_EQ_INT(bt_edit_distance("abcdef", 6, "zzzzzz", 6, 2), 3);

	/* Allocation failure: the buffer records it and stays usable. */
	bt_alloc_fail_after(0);
	bt_buf_puts(&b, "x");
	CHECK(b.oom);
	CHECK(bt_buf_detach(&b, NULL) == NULL);
	bt_alloc_fail_after(-1);
	bt_buf_release(&b);
	return test_report("util");
}
