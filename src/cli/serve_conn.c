/*
 * serve_conn.c: the whole-request deadline of `baton serve` (serve.h).
 *
 * libmicrohttpd's connection timeout counts idle time only, so a client
 * that sends one header line every few seconds keeps its connection for
 * as long as it likes; a few dozen such clients held every connection
 * slot. Here every connection is listed from accept on, with the time its
 * current request began (the accept, or the end of the previous request
 * on a kept-alive connection); a sweep four times a second cuts, with
 * shutdown(), each one whose request has not arrived whole within the
 * deadline. libmicrohttpd then sees the socket end and closes it as it
 * would any connection the client dropped.
 *
 * shutdown() from this thread is safe because a connection leaves the
 * list (MHD_CONNECTION_NOTIFY_CLOSED, under the list's lock) before
 * libmicrohttpd closes its socket, so a listed descriptor is never one
 * that was closed and reused.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "serve.h"

#define SWEEP_MS 250

struct serve_conn {
	struct serve_conn *prev, *next;
	struct serve_conns *list;
	int fd;
	struct timespec since; /* when the current request began */
	int waiting;           /* its request has not arrived whole yet */
	int cut;               /* shut down already */
};

static void now(struct timespec *t) { clock_gettime(CLOCK_MONOTONIC, t); }

void serve_conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
			enum MHD_ConnectionNotificationCode toe)
{
	struct serve_conns *t = cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct serve_conn *k = calloc(1, sizeof *k);
		*socket_context = k;
		if (!k || !fd)
			return; /* untracked: the idle timeout still holds */
		k->list = t;
		k->fd = fd->connect_fd;
		k->waiting = 1;
		now(&k->since);
		pthread_mutex_lock(&t->lock);
		k->next = t->head;
		if (t->head)
			t->head->prev = k;
		t->head = k;
		pthread_mutex_unlock(&t->lock);
		return;
	}
	struct serve_conn *k = *socket_context;
	if (!k)
		return;
	if (k->list) {
		pthread_mutex_lock(&t->lock);
		if (k->prev)
			k->prev->next = k->next;
		else
			t->head = k->next;
		if (k->next)
			k->next->prev = k->prev;
		pthread_mutex_unlock(&t->lock);
	}
	free(k);
	*socket_context = NULL;
}

static struct serve_conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *i =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return i ? i->socket_context : NULL;
}

void serve_conns_answering(struct MHD_Connection *c)
{
	struct serve_conn *k = conn_of(c);
	if (!k || !k->list)
		return;
	pthread_mutex_lock(&k->list->lock);
	k->waiting = 0;
	pthread_mutex_unlock(&k->list->lock);
}

void serve_conns_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			   enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)con_cls;
	(void)toe;
	struct serve_conn *k = conn_of(c);
	if (!k || !k->list)
		return;
	/* The next request on this connection starts its own clock. */
	pthread_mutex_lock(&k->list->lock);
	k->waiting = 1;
	now(&k->since);
	pthread_mutex_unlock(&k->list->lock);
}

void serve_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, long ms)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += ms * 1000000L;
	t.tv_sec += t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	pthread_cond_timedwait(c, m, &t);
}

static void *sweep_main(void *arg)
{
	struct serve_conns *t = arg;
	pthread_mutex_lock(&t->lock);
	while (!t->stop) {
		serve_wait_ms(&t->wake, &t->lock, SWEEP_MS);
		struct timespec n;
		now(&n);
		for (struct serve_conn *k = t->head; k; k = k->next) {
			if (!k->waiting || k->cut)
				continue;
			long ms = (long)(n.tv_sec - k->since.tv_sec) * 1000 +
				  (n.tv_nsec - k->since.tv_nsec) / 1000000;
			if (ms >= (long)t->seconds * 1000) {
				shutdown(k->fd, SHUT_RDWR);
				k->cut = 1;
				t->cut++;
			}
		}
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

int serve_conns_start(struct serve_conns *t, unsigned seconds)
{
	memset(t, 0, sizeof *t);
	t->seconds = seconds;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	if (pthread_create(&t->thread, NULL, sweep_main, t)) {
		pthread_cond_destroy(&t->wake);
		pthread_mutex_destroy(&t->lock);
		return -1;
	}
	t->started = 1;
	return 0;
}

/* After the daemon stopped: every connection has left the list. */
void serve_conns_stop(struct serve_conns *t)
{
	if (!t->started)
		return;
	pthread_mutex_lock(&t->lock);
	t->stop = 1;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	t->started = 0;
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
}
