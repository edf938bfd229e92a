/*
 * serve_load.c: a small HTTP/1.1 load generator for `baton serve` and its
 * peer (bench/serve_bench.sh), loopback only.
 *
 *   serve_load [--close] [-c CONCURRENCY] [-n REQUESTS] [-H 'Name: value']
 *              PORT PATH
 *
 * Keeps CONCURRENCY connections to 127.0.0.1:PORT busy with GET PATH until
 * REQUESTS answers came back (each connection asks again as soon as it has
 * a whole answer; keep-alive unless --close or the server closes). Prints
 * one line of key=value: requests, seconds, rps, p50_ms, p99_ms, max_ms,
 * errors (an answer other than 2xx, or none within 10 s), resets (the
 * connection reset or ended before a whole answer), bytes.
 *
 * Standalone C11 (poll, no libraries): what it measures is the server.
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONC 1024
#define MAX_REQUESTS 1000000
#define TIMEOUT_S 10.0

struct conn {
	int fd;
	int busy;          /* a request is out */
	size_t sent;       /* bytes of the request sent */
	char head[8192];   /* the answer's head, until its blank line */
	size_t headlen;
	int have_head;
	long long body;    /* body bytes still to come; -1: until EOF */
	int status;
	int keep;          /* the connection may be reused */
	double t0;
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static struct sockaddr_in addr;
static char request[4096];
static size_t request_len;
static long errors, resets;
static long long bytes;

static void drop(struct conn *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
	k->busy = 0;
}

static int open_conn(struct conn *k)
{
	k->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (k->fd < 0)
		return -1;
	int one = 1;
	setsockopt(k->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(k->fd, (struct sockaddr *)&addr, sizeof addr) && errno != EINPROGRESS) {
		drop(k);
		return -1;
	}
	return 0;
}

static void start(struct conn *k)
{
	if (k->fd < 0)
		open_conn(k); /* on failure fd stays -1: counted as a reset */
	k->busy = 1;
	k->sent = 0;
	k->headlen = 0;
	k->have_head = 0;
	k->body = 0;
	k->status = 0;
	k->keep = 0;
	k->t0 = now();
}

/* Parse the head: status, Content-Length, whether the connection stays. */
static void parse_head(struct conn *k)
{
	k->head[k->headlen] = 0;
	int minor = 0;
	if (sscanf(k->head, "HTTP/1.%d %d", &minor, &k->status) != 2)
		k->status = 0;
	k->keep = minor >= 1;
	k->body = -1;
	for (char *l = strstr(k->head, "\r\n"); l; l = strstr(l + 2, "\r\n")) {
		const char *h = l + 2;
		if (!strncasecmp(h, "Content-Length:", 15))
			k->body = atoll(h + 15);
		else if (!strncasecmp(h, "Connection:", 11))
			k->keep = strstr(h, "close") == NULL && (minor >= 1 || strstr(h, "eep-"));
	}
}

int main(int argc, char **argv)
{
	int conc = 50, close_each = 0;
	long total = 20000;
	const char *hdrs[16];
	int nh = 0, i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--close"))
			close_each = 1;
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			conc = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			total = atol(argv[++i]);
		else if (!strcmp(argv[i], "-H") && i + 1 < argc && nh < 16)
			hdrs[nh++] = argv[++i];
		else
			break;
	}
	if (argc - i != 2 || conc < 1 || conc > MAX_CONC || total < 1 || total > MAX_REQUESTS) {
		fprintf(stderr, "usage: serve_load [--close] [-c 1..%d] [-n 1..%d] [-H 'Name: value'] PORT PATH\n",
			MAX_CONC, MAX_REQUESTS);
		return 2;
	}
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short)atoi(argv[i]));
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr); /* loopback only */
	int n = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n%s",
			 argv[i + 1], argv[i], close_each ? "Connection: close\r\n" : "");
	for (int h = 0; h < nh && n > 0 && (size_t)n < sizeof request; h++)
		n += snprintf(request + n, sizeof request - (size_t)n, "%s\r\n", hdrs[h]);
	if (n <= 0 || (size_t)n + 3 > sizeof request)
		return 2;
	n += snprintf(request + n, sizeof request - (size_t)n, "\r\n");
	request_len = (size_t)n;

	struct conn *ks = calloc((size_t)conc, sizeof *ks);
	double *lat = malloc((size_t)total * sizeof *lat);
	struct pollfd *pf = calloc((size_t)conc, sizeof *pf);
	if (!ks || !lat || !pf)
		return 1;
	long issued = 0, done = 0;
	double t_start = now();
	for (int c = 0; c < conc; c++) {
		ks[c].fd = -1;
		if (issued < total) {
			start(&ks[c]);
			issued++;
		}
	}
	static char scratch[1 << 16];
	while (done < total) {
		for (int c = 0; c < conc; c++) {
			pf[c].fd = ks[c].busy ? ks[c].fd : -1;
			pf[c].events = ks[c].sent < request_len ? POLLOUT : POLLIN;
			pf[c].revents = 0;
		}
		if (poll(pf, (nfds_t)conc, 100) < 0 && errno != EINTR)
			break;
		double t = now();
		for (int c = 0; c < conc; c++) {
			struct conn *k = &ks[c];
			if (!k->busy)
				continue;
			int finished = 0, failed = 0;
			if (k->fd < 0) {
				failed = 1;
			} else if (t - k->t0 > TIMEOUT_S) {
				errors++;
				drop(k);
				finished = 1;
			} else if (pf[c].revents & POLLOUT) {
				ssize_t w = send(k->fd, request + k->sent, request_len - k->sent, MSG_NOSIGNAL);
				if (w > 0)
					k->sent += (size_t)w;
				else if (w < 0 && errno != EAGAIN && errno != EINTR)
					failed = 1;
			} else if (pf[c].revents & (POLLIN | POLLHUP | POLLERR)) {
				ssize_t r = recv(k->fd, scratch, sizeof scratch, 0);
				if (r < 0 && (errno == EAGAIN || errno == EINTR))
					continue;
				if (r <= 0) {
					if (r == 0 && k->have_head && k->body < 0)
						finished = 1; /* body until EOF: done */
					else
						failed = 1;
					k->keep = 0;
				} else {
					bytes += r;
					size_t off = 0;
					if (!k->have_head) {
						size_t old = k->headlen, take = (size_t)r;
						if (take > sizeof k->head - 1 - k->headlen)
							take = sizeof k->head - 1 - k->headlen;
						memcpy(k->head + k->headlen, scratch, take);
						k->headlen += take;
						k->head[k->headlen] = 0;
						char *end = strstr(k->head, "\r\n\r\n");
						if (end) {
							size_t hl = (size_t)(end + 4 - k->head);
							off = hl - old; /* of this read, the head's */
							k->headlen = hl;
							k->have_head = 1;
							parse_head(k);
						} else if (k->headlen >= sizeof k->head - 1) {
							failed = 1;
						} else {
							off = (size_t)r;
						}
					}
					if (k->have_head && k->body >= 0) {
						k->body -= (long long)((size_t)r - off);
						if (k->body <= 0)
							finished = 1;
					}
				}
			}
			if (failed) {
				resets++;
				drop(k);
				finished = 1;
			} else if (finished && k->fd >= 0) {
				if (k->status < 200 || k->status > 299)
					errors++;
				if (!k->keep || close_each)
					drop(k);
			}
			if (finished) {
				lat[done++] = t - k->t0;
				k->busy = 0;
				if (issued < total) {
					start(k);
					issued++;
				}
			}
		}
	}
	double secs = now() - t_start;
	qsort(lat, (size_t)done, sizeof *lat, cmp_double);
	printf("requests=%ld seconds=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%ld resets=%ld bytes=%lld\n",
	       done, secs, done / secs, 1000 * lat[done / 2], 1000 * lat[(size_t)(done * 0.99)],
	       1000 * lat[done - 1], errors, resets, bytes);
	for (int c = 0; c < conc; c++)
		if (ks[c].fd >= 0)
			close(ks[c].fd);
	free(ks);
	free(lat);
	free(pf);
	return errors || resets ? 1 : 0;
}
