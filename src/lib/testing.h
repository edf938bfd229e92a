/*
 * testing.h: hooks for baton's own tests. NOT part of the API: not in
 * include/, no promise kept from one version to the next. The tests and
 * the CLI's BATON_TEST_* variables (docs/architecture.md, "Test hooks")
 * reach them; a program using libbaton has no reason to.
 *
 * Besides these: util.h's bt_alloc_fail_after (the Nth allocation
 * fails) and the CLI's I/O failure hook (cmd.h, cli_test_hooks).
 */
#ifndef BT_TESTING_H
#define BT_TESTING_H

#include "baton.h"

/* Pause `ms` milliseconds inside the transaction of every later
 * baton_history_record on `h` (0: never), so that a test can kill the
 * process there and check that no record is lost or half-written
 * (tests/history.sh). */
void bt_test_record_delay(baton_history *h, unsigned ms);

#endif
