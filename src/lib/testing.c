/*
 * testing.c: testing.h's hooks, kept apart from the code they reach into
 * so the API's files carry none.
 */
#include "testing.h"
#include "history.h"

void bt_test_record_delay(baton_history *h, unsigned ms)
{
	h->test_delay_ms = ms;
}
