/* io.c: the I/O failure hook for tests (io.h). */
#include "io.h"

#include <errno.h>

static long countdown = -1; /* calls to let through; -1: disarmed */
static long calls;          /* calls counted since arming */
static long first = -1;     /* the call that failed first */
static int persist;         /* after the first failure, fail every call */
static int armed;

long bt_io_fail_after(long n, int keep_failing)
{
	long c = calls;
	calls = 0;
	first = -1;
	countdown = n;
	persist = keep_failing;
	armed = n >= 0;
	return c;
}

int bt_io_fault(void)
{
	if (!armed)
		return 0;
	long me = calls++;
	if (first >= 0 ? persist : countdown-- == 0) {
		if (first < 0)
			first = me;
		errno = EIO;
		return 1;
	}
	return 0;
}

int bt_io_armed(void)
{
	return armed;
}

long bt_io_injected(void)
{
	return first;
}
