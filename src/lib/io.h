/*
 * io.h: the I/O failure hook for tests, after SQLite's test VFS
 * (src/test_vfs.c) and baton's own allocation hook (util.h). Every call
 * that changes a file baton writes asks bt_io_fault() first: the CLI's
 * write path (src/cli/write.c: create, chmod, write, sync, close, rename,
 * the directory's sync, mkdir) and the history's SQLite I/O (history.c:
 * xWrite, xTruncate, xSync and xDelete through a VFS shim). A test makes
 * the Nth of them fail, once or for good, and checks that the command
 * reports it and leaves the previous file intact, or succeeds.
 *
 * Unarmed (the default) the hook costs one comparison and touches no
 * shared state. Not thread-safe when armed: tests only.
 */
#ifndef BT_IO_H
#define BT_IO_H

/* Arm the hook: the call after the next n succeed fails (n < 0: disarm);
 * with persist, every call after it fails too. Returns how many calls ran
 * since the last bt_io_fail_after. */
long bt_io_fail_after(long n, int persist);

/* 1 when this I/O call must fail (errno is then EIO), else 0. */
int bt_io_fault(void);

/* 1 while the hook is armed, so a caller can route its I/O through the
 * counting path only then (history.c's VFS shim). */
int bt_io_armed(void);

/* The call number (0-based) of the first injected failure, or -1 when
 * none was injected since bt_io_fail_after. */
long bt_io_injected(void);

#endif
