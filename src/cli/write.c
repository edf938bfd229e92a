/*
 * write.c: the one way the CLI writes a file (`fmt`, `report -o`, and any
 * later export or importer that writes one), and the test hooks of that
 * path. The discipline, after SQLite's atomic commit and what `sed -i`,
 * vim and curl do, is in cmd.h and docs/architecture.md ("The write
 * path"); what a user sees of it is in docs/commands.md ("Writing files").
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "io.h"

/* Temporary files are ".NAME.baton-tmp-PID-XXXXXX" beside NAME: hidden, so
 * `baton fmt *.baton` and editors' file lists never pick one up; the name
 * it belongs to, so only that file's leftovers are ever removed; the pid,
 * so a leftover whose process is gone is known at once. */
#define TMP_TAG ".baton-tmp-"
/* NAME is cut to this many bytes in the temp name, so the temp name stays
 * under NAME_MAX (255) for any NAME that fits itself. */
#define TMP_BASE_MAX 200
/* A leftover older than this is stale whatever its pid says (the pid may
 * have been reused, or the file written from another machine). A live
 * write holds its temp file for milliseconds. */
#define STALE_SECONDS 60

/* Follow a chain of symlinks to the file it ends at, which need not exist
 * yet (`report -o link` where the link points to a new file): the write
 * replaces that file and the links stay links. Caller frees; NULL with
 * errno set when memory runs out or the chain loops. */
static char *resolve(const char *path)
{
	char *cur = strdup(path);
	char buf[PATH_MAX];
	for (int hops = 0; cur; hops++) {
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		if (n < 0)
			return cur; /* not a link, or not there: the write says why */
		if (hops == 40) {
			free(cur);
			errno = ELOOP;
			return NULL;
		}
		buf[n] = 0;
		const char *slash = strrchr(cur, '/');
		size_t keep = buf[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
		char *next = malloc(keep + (size_t)n + 1);
		if (next) {
			memcpy(next, cur, keep);
			memcpy(next + keep, buf, (size_t)n + 1);
		}
		free(cur);
		cur = next;
	}
	return NULL;
}

/* The directory part of path ("." when none) and its last component. */
static char *dir_of(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (!slash)
		return strdup(".");
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, path, n);
		d[n] = 0;
	}
	return d;
}

/* 1 when s is exactly six characters of mkstemp's alphabet. */
static int six_alnum(const char *s)
{
	for (int i = 0; i < 6; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return s[6] == 0;
}

/* The pid in a temp file name of ours for base ("...-PID-XXXXXX"), 0 for
 * the name earlier versions of baton used ("NAME.tmpXXXXXX", no pid), or
 * -1 when the name is not one of ours. */
static long tmp_owner(const char *name, const char *base)
{
	size_t bl = strlen(base), cut = bl > TMP_BASE_MAX ? TMP_BASE_MAX : bl;
	if (name[0] == '.' && !strncmp(name + 1, base, cut) && !strncmp(name + 1 + cut, TMP_TAG, strlen(TMP_TAG))) {
		const char *p = name + 1 + cut + strlen(TMP_TAG), *q = p;
		long pid = 0;
		while (*q >= '0' && *q <= '9' && q - p < 10)
			pid = pid * 10 + (*q++ - '0');
		return q > p && *p != '0' && *q == '-' && six_alnum(q + 1) && pid <= INT_MAX ? pid : -1;
	}
	if (!strncmp(name, base, bl) && !strncmp(name + bl, ".tmp", 4) && six_alnum(name + bl + 4))
		return 0;
	return -1;
}

/* Remove what killed runs left for this target: regular files of exactly
 * our naming whose process is gone from this machine, or that are over a
 * minute old. Nothing else is touched: another file's temp files, a name
 * that does not match to the character, a directory or a symlink. The
 * worst a wrong guess can do (a writer stopped for over a minute, or on
 * another machine sharing the directory) is make that writer's rename
 * fail, which it reports, with the file unchanged. Errors are ignored: a
 * leftover that stays is removed by a later run. */
static void remove_stale(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid = tmp_owner(e->d_name, base);
		struct stat st;
		if (pid < 0 || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			continue;
		int gone = pid > 0 && kill((pid_t)pid, 0) && errno == ESRCH;
		if (gone || now - st.st_mtime > STALE_SECONDS)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/* Each call that changes the file asks the I/O hook first (io.h). */
static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		if (bt_io_fault())
			return -1;
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int close_counted(int fd)
{
	int rc = close(fd);
	return bt_io_fault() || rc ? -1 : 0;
}

/* What to do about a failed write, when there is something to say. */
static const char *advice(int err)
{
	switch (err) {
	case ENOSPC:
	case EDQUOT: return " (free some space and run again)";
	case EACCES:
	case EPERM: return " (check the permissions of the file and its directory)";
	case EROFS: return " (the file system is mounted read-only)";
	default: return "";
	}
}

static void fail_msg(const char *path, int err, int existed)
{
	fprintf(stderr, "baton: cannot write '%s': %s; %s%s\n", path, strerror(err),
		existed ? "it is unchanged" : "nothing was written", advice(err));
}

/* A device or a FIFO (`-o /dev/stdout`): written straight into, as a
 * shell redirection would; there is nothing to rename over it. */
static int write_special(const char *path, const char *target, const char *data, size_t len)
{
	int fd = bt_io_fault() ? -1 : open(target, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write_all(fd, data, len)) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		fprintf(stderr, "baton: cannot write '%s': %s\n", path, strerror(err));
		return -1;
	}
	if (close_counted(fd)) {
		fprintf(stderr, "baton: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void test_pause(void)
{
	const char *e = getenv("BATON_TEST_WRITE_PAUSE_MS");
	long ms = e ? strtol(e, NULL, 10) : 0;
	struct timespec ts = {(time_t)(ms / 1000), (ms % 1000) * 1000000L};
	while (ms > 0 && nanosleep(&ts, &ts))
		;
}

/* The temp file gets the target's owner, group and mode before it
 * replaces the target, so root formatting a user's plan leaves it the
 * user's. Owner first: chown clears the set-id bits that fchmod then puts
 * back. Like `sed -i`, a user who may not give the file away (not root)
 * keeps at least the group when a member of it, and the owner becomes
 * that user, silently: the mode is kept either way, and refusing would
 * leave that user no way to format a plan the mode lets them write. */
static int copy_owner_mode(int fd, const struct stat *st, int existed)
{
	if (existed && fchown(fd, st->st_uid, st->st_gid) && fchown(fd, (uid_t)-1, st->st_gid)) {
		/* neither: the file becomes this user's, group and all */
	}
	mode_t mode;
	if (existed) {
		mode = st->st_mode & 07777;
	} else { /* a new file gets the usual mode, not mkstemp's 0600 */
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	return bt_io_fault() ? -1 : fchmod(fd, mode);
}

/* After the rename: sync the directory, so the new name survives a crash
 * (SQLite syncs the directory after creating a journal the same way).
 * The file is in place by now, so a failure is a warning, not an error;
 * a file system that cannot sync directories (EINVAL) says nothing. */
static void sync_dir(const char *path, const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	if ((bt_io_fault() || fsync(dfd)) && errno != EINVAL && errno != ENOTSUP)
		fprintf(stderr, "baton: warning: '%s' is written, but its directory could not be synced (%s): "
				"a crash soon may bring back the previous version\n",
			path, strerror(errno));
	close(dfd);
}

int cli_write_file(const char *path, const char *data, size_t len)
{
	char *target = resolve(path);
	if (!target) {
		fprintf(stderr, "baton: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	const char *base;
	char *dir = NULL, *tmp = NULL;
	int rc = -1, fd = -1;
	struct stat st;
	int existed = lstat(target, &st) == 0;
	if (!existed && errno != ENOENT) {
		fprintf(stderr, "baton: cannot write '%s': %s\n", path, strerror(errno));
		goto out;
	}
	if (existed && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "baton: cannot write '%s': it is a directory; give a file name\n", path);
		goto out;
	}
	if (existed && !S_ISREG(st.st_mode)) {
		rc = write_special(path, target, data, len);
		goto out;
	}
	/* Root may write anything, so a file nobody may write is refused
	 * explicitly: its owner made it read-only (vim refuses too, for
	 * root as well). Everyone else gets what the permissions say. */
	if (existed && !(st.st_mode & 0222)) {
		fprintf(stderr, "baton: '%s' is read-only; make it writable (chmod u+w '%s') and run again\n", path, path);
		goto out;
	}
	if (existed && faccessat(AT_FDCWD, target, W_OK, AT_EACCESS)) {
		fail_msg(path, errno, 1);
		goto out;
	}
	if (!(dir = dir_of(target, &base)))
		goto oom;
	remove_stale(dir, base);
	size_t bl = strlen(base), n = strlen(dir) + bl + 64;
	if (!(tmp = malloc(n)))
		goto oom;
	snprintf(tmp, n, "%s/.%.*s%s%ld-XXXXXX", dir, (int)(bl > TMP_BASE_MAX ? TMP_BASE_MAX : bl), base, TMP_TAG,
		 (long)getpid());
	fd = bt_io_fault() ? -1 : mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		fprintf(stderr, "baton: cannot write '%s': cannot create a file in '%s': %s; %s%s\n", path, dir,
			strerror(err), existed ? "it is unchanged" : "nothing was written", advice(err));
		goto out;
	}
	if (copy_owner_mode(fd, &st, existed) || write_all(fd, data, len) || bt_io_fault() || fsync(fd))
		goto fail;
	test_pause();
	int c = close_counted(fd);
	fd = -1;
	if (c || bt_io_fault() || rename(tmp, target))
		goto fail;
	sync_dir(path, dir);
	/* A hard link is replaced, not written through: writing through
	 * would lose the atomicity every other write keeps (a crash or a
	 * full disk would leave every name with half a file), and would
	 * change the copies of hard-link snapshots (cp -al, rsnapshot) that
	 * count on writers replacing files. The other names keep the
	 * previous text, so say so. */
	if (existed && st.st_nlink == 2)
		fprintf(stderr, "baton: warning: '%s' had 2 hard links; this name has the new text, "
				"the other name keeps the previous one (link it again with ln -f)\n",
			path);
	else if (existed && st.st_nlink > 2)
		fprintf(stderr, "baton: warning: '%s' had %lu hard links; this name has the new text, "
				"the other %lu names keep the previous one (link them again with ln -f)\n",
			path, (unsigned long)st.st_nlink, (unsigned long)st.st_nlink - 1);
	rc = 0;
	goto out;
fail: {
	int err = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	fail_msg(path, err, existed);
	goto out;
}
oom:
	fprintf(stderr, "baton: cannot write '%s': out of memory\n", path);
out:
	free(tmp);
	free(dir);
	free(target);
	return rc;
}

int cli_mkdir(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (bt_io_fault() || mkdir(path, 0777)) {
		if (errno == EEXIST)
			return 0;
		fprintf(stderr, "baton: cannot create '%s': %s%s\n", path, strerror(errno), advice(errno));
		return -1;
	}
	/* The new directory's name lives in its parent: sync that too, so
	 * what is written inside survives a crash. Errors are ignored, as
	 * SQLite ignores them when it syncs a journal's directory. */
	const char *base;
	char *parent = dir_of(path, &base);
	int dfd = parent ? open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(parent);
	return 0;
}

int cli_stdout_done(const char *cmd, int rc)
{
	/* As coreutils' close_stdout: output redirected to a full disk
	 * fails at the last flush, and `baton import ... > plan.baton`
	 * must not exit 0 with half a plan. A command that failed already
	 * said why. */
	errno = 0;
	if ((fflush(stdout) | ferror(stdout)) && rc == BATON_EXIT_OK) {
		fprintf(stderr, "baton %s: cannot write to standard output%s%s; the output is incomplete\n", cmd,
			errno ? ": " : "", errno ? strerror(errno) : "");
		return BATON_EXIT_FAIL;
	}
	return rc;
}

/*=========================== Test hooks ===========================*/

static void io_report(void)
{
	long first = bt_io_injected(), calls = bt_io_fail_after(-1, 0);
	if (first >= 0)
		fprintf(stderr, "baton: test: I/O failure injected at call %ld of %ld\n", first, calls);
	else
		fprintf(stderr, "baton: test: %ld I/O calls, no failure injected\n", calls);
}

void cli_test_hooks(void)
{
	const char *e = getenv("BATON_TEST_FAIL_IO");
	if (!e || !*e)
		return;
	char *end;
	long n = strtol(e, &end, 10);
	int persist = *end == '+';
	if (end == e || n < 0 || end[persist]) {
		fprintf(stderr, "baton: BATON_TEST_FAIL_IO takes N or N+ (a whole number), not '%s'; ignored\n", e);
		return;
	}
	bt_io_fail_after(n, persist);
	atexit(io_report);
}
