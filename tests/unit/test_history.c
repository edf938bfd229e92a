/* test_history.c: the SQLite history: record, read back, check, render. */
#include <stdlib.h>
#include <unistd.h>

#include "baton.h"
#include "test.h"

int main(void)
{
	char path[] = "/tmp/baton-test-history-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	char *err = NULL;
	baton_history *h = baton_history_open(path, &err);
	CHECK(h != NULL);
	if (!h)
		return test_report("test_history");
	const char *j1 = "{\"program\": \"p\", \"as_of\": \"2027-01-29\", \"rag\": \"amber\","
			 " \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"forecast\": \"2027-02-11\", \"slack\": 1, \"rag\": \"amber\"}],"
			 " \"program_end\": {\"id\": \"p\", \"forecast\": \"2027-04-20\", \"slack\": 8, \"rag\": \"green\"}}";
	const char *j2 = "{\"program\": \"p\", \"as_of\": \"2027-02-05\", \"rag\": \"red\","
			 " \"milestones\": [{\"id\": \"m\", \"commit\": \"2027-02-12\", \"forecast\": \"2027-02-16\", \"slack\": -2, \"rag\": \"red\"}],"
			 " \"program_end\": {\"id\": \"p\", \"forecast\": \"2027-04-22\", \"slack\": 6, \"rag\": \"green\"}}";
	baton_record r = {"plan.baton", "2027-01-29T17:00:00Z", "all", "text", "AMBER", j1, 0};
	long id1 = baton_history_record(h, &r, &err);
	r.json = j2;
	r.text = "RED";
	long id2 = baton_history_record(h, &r, &err);
	CHECK(id1 > 0 && id2 > id1);
	r.json = "{\"as_of\": \"x\"}";
	CHECK_EQ_INT(baton_history_record(h, &r, &err), -1);
	baton_string_free(err);
	err = NULL;
	long id = 0;
	char *last = baton_history_last(h, "p", "2027-02-05", &id);
	CHECK_EQ_INT(id, id1);
	CHECK(last && strstr(last, "2027-01-29"));
	baton_string_free(last);
	last = baton_history_last(h, "p", NULL, &id);
	CHECK_EQ_INT(id, id2);
	baton_string_free(last);
	CHECK(baton_history_last(h, "other", NULL, NULL) == NULL);
	CHECK(baton_history_last(h, "p", "2027-01-29", NULL) == NULL);
	long n = 0;
	CHECK_EQ_INT(baton_history_check(h, &n, &err), 0);
	CHECK_EQ_INT(n, 2);
	char *txt = baton_history_render(h, "p", BATON_FORMAT_TERM, &err);
	CHECK(txt && strstr(txt, "2 recorded updates"));
	CHECK(txt && strstr(txt, "##|"));
	baton_string_free(txt);
	baton_history_close(h);
	unlink(path);
	char wal[64];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	return test_report("test_history");
}
