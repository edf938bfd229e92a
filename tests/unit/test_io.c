/* test_io.c: the I/O failure hook (io.h), and a history opened through
 * it: SQLite's writes fail where the hook says, and the error names the
 * file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "baton.h"
#include "io.h"
#include "test.h"

int main(void)
{
	/* Unarmed: nothing fails, nothing is counted. */
	CHECK_EQ_INT(bt_io_armed(), 0);
	CHECK_EQ_INT(bt_io_fault(), 0);
	CHECK_EQ_INT(bt_io_fail_after(-1, 0), 0);
	CHECK_EQ_INT(bt_io_injected(), -1);

	/* Once: the third call fails with EIO, the others go through. */
	bt_io_fail_after(2, 0);
	CHECK_EQ_INT(bt_io_armed(), 1);
	CHECK_EQ_INT(bt_io_fault(), 0);
	CHECK_EQ_INT(bt_io_fault(), 0);
	errno = 0;
	CHECK_EQ_INT(bt_io_fault(), 1);
	CHECK_EQ_INT(errno, EIO);
	CHECK_EQ_INT(bt_io_fault(), 0);
	CHECK_EQ_INT(bt_io_injected(), 2);
	CHECK_EQ_INT(bt_io_fail_after(-1, 0), 4);
	CHECK_EQ_INT(bt_io_armed(), 0);

	/* For good: the second call and every later one fail. */
	bt_io_fail_after(1, 1);
	CHECK_EQ_INT(bt_io_fault(), 0);
	CHECK_EQ_INT(bt_io_fault(), 1);
	CHECK_EQ_INT(bt_io_fault(), 1);
	CHECK_EQ_INT(bt_io_injected(), 1);
	CHECK_EQ_INT(bt_io_fail_after(-1, 0), 3);

	/* A new history whose every write fails cannot be created, and the
	 * error names it; with the hook off it opens and checks. */
	char path[] = "/tmp/baton-test-io-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	unlink(path);
	baton_error err;
	bt_io_fail_after(0, 1);
	baton_history *h = baton_history_open(path, &err);
	CHECK(h == NULL);
	CHECK(strstr(err.message, path) && strstr(err.message, "I/O"));
	CHECK(bt_io_injected() == 0);
	bt_io_fail_after(-1, 0);
	h = baton_history_open(path, &err);
	CHECK(h != NULL);
	long n = -1;
	CHECK(h && baton_history_check(h, &n, &err) == 0 && n == 0);
	baton_history_close(h);
	unlink(path);
	char side[sizeof path + 8];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return test_report("io");
}
