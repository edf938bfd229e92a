/*
 * test.h: the unit-test harness (after Redis's testhelp.h). Each check
 * prints a line only when it fails; test_report() prints the closing
 * "N passed, N failed" line that tests/run.sh adds up.
 */
#ifndef BT_TEST_H
#define BT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (cond) {                                                \
			test_passed++;                                     \
		} else {                                                   \
			test_failed++;                                     \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__,      \
				__LINE__, #cond);                          \
		}                                                          \
	} while (0)

#define CHECK_EQ_INT(a, b)                                                 \
	do {                                                               \
		long long a_ = (long long)(a), b_ = (long long)(b);        \
		if (a_ == b_) {                                            \
			test_passed++;                                     \
		} else {                                                   \
			test_failed++;                                     \
			fprintf(stderr, "FAIL %s:%d: %s == %s (%lld vs %lld)\n", \
				__FILE__, __LINE__, #a, #b, a_, b_);       \
		}                                                          \
	} while (0)

#define CHECK_EQ_STR(a, b)                                                 \
	do {                                                               \
		const char *a_ = (a), *b_ = (b);                           \
		if (a_ && b_ && strcmp(a_, b_) == 0) {                     \
			test_passed++;                                     \
		} else {                                                   \
			test_failed++;                                     \
			fprintf(stderr, "FAIL %s:%d: %s == %s\n  got:  %s\n  want: %s\n", \
				__FILE__, __LINE__, #a, #b, a_ ? a_ : "(null)", \
				b_ ? b_ : "(null)");                       \
		}                                                          \
	} while (0)

static int test_report(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
