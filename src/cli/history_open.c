/*
 * history_open.c: where a plan's history lives, for the commands that
 * read or record it (docs/status.md, "Where the history lives"): the
 * text files in `history/` beside the plan (--history-dir DIR), which
 * belong in git, and their index `.baton/history.db` (--history PATH),
 * which does not. --history PATH alone is a database of its own, without
 * files, as before the files existed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"

/* The directory of the plan ("" for the current one), with its slash. */
static char *beside(const char *plan, const char *name)
{
	const char *slash = strcmp(plan, "-") ? strrchr(plan, '/') : NULL;
	size_t n = slash ? (size_t)(slash - plan) + 1 : 0, m = strlen(name);
	char *p = malloc(n + m + 1);
	if (p) {
		memcpy(p, plan, n);
		memcpy(p + n, name, m + 1);
	}
	return p;
}

/* Create each missing directory on the way to path's last component. */
static int make_dirs(const char *path)
{
	char *d = strdup(path);
	if (!d) {
		fprintf(stderr, "baton: cannot create the directories of '%s': out of memory\n", path);
		return -1;
	}
	int rc = 0;
	for (char *s = strchr(d + 1, '/'); s && !rc; s = strchr(s + 1, '/')) {
		*s = 0;
		rc = cli_mkdir(d);
		*s = '/';
	}
	free(d);
	return rc;
}

/* The library's writer: atomic, owner and mode kept (cli_write_file). */
static int write_file(void *ctx, const char *path, const char *data, size_t len)
{
	(void)ctx;
	return make_dirs(path) || cli_write_file(path, data, len) ? -1 : 0;
}

/* The index's directory, created when missing; a new .baton/ gets a
 * .gitignore of its own, so the index stays out of git without an edit
 * to the project's .gitignore. */
static int make_index_dir(const char *cmd, const char *index, int dflt, int say)
{
	char *d = strdup(index);
	if (!d)
		return -1;
	char *s = strrchr(d, '/');
	int rc = 0;
	struct stat st;
	if (s && s != d) {
		*s = 0;
		int existed = stat(d, &st) == 0;
		rc = make_dirs(index);
		if (!rc && !existed && dflt) {
			char *gi = malloc(strlen(d) + sizeof "/.gitignore");
			if (gi) {
				sprintf(gi, "%s/.gitignore", d);
				static const char text[] = "# baton's index of history/, rebuilt from it: not for git\n*\n";
				if (cli_write_file(gi, text, sizeof text - 1) == 0 && say)
					fprintf(stderr, "baton %s: created %s/ for the history's index (ignored by git through "
							"its .gitignore); commit the history directory beside the plan\n",
						cmd, d);
				free(gi);
			}
		}
	}
	free(d);
	return rc;
}

baton_history *cli_history_open(const char *cmd, const char *plan, const char *hpath, const char *hdir, int create,
				int *rc, char **index_out)
{
	*rc = BATON_EXIT_OK;
	*index_out = NULL;
	int files = hdir || !hpath;
	char *index = hpath ? strdup(hpath) : beside(plan, ".baton/history.db");
	char *dir = hdir ? strdup(hdir) : files ? beside(plan, "history") : NULL;
	if (!index || (files && !dir)) {
		fprintf(stderr, "baton %s: out of memory\n", cmd);
		free(index);
		free(dir);
		*rc = BATON_EXIT_FAIL;
		return NULL;
	}
	struct stat st;
	int have_index = stat(index, &st) == 0, have_dir = dir && stat(dir, &st) == 0;
	if (!create && !have_index && !have_dir) {
		*index_out = index;
		free(dir);
		return NULL;
	}
	baton_history *h = NULL;
	baton_error err;
	if (!have_index && make_index_dir(cmd, index, !hpath, create)) {
		*rc = BATON_EXIT_FAIL;
	} else if (!files) {
		if (!(h = baton_history_open(index, &err))) {
			fprintf(stderr, "baton %s: %s\n", cmd, err.message);
			*rc = BATON_EXIT_FAIL;
		}
	} else {
		baton_history_opts o = BATON_HISTORY_OPTS_INIT;
		o.dir = dir;
		o.write = write_file;
		if (!(h = baton_history_open_dir(index, &o, &err))) {
			if (o.bad_file) {
				/* Located like a plan's diagnostics: the file speaks first. */
				fprintf(stderr, "%s\n", err.message);
				*rc = BATON_EXIT_INPUT;
			} else {
				fprintf(stderr, "baton %s: %s\n", cmd, err.message);
				*rc = BATON_EXIT_FAIL;
			}
		} else if (o.migrated) {
			fprintf(stderr, "baton %s: wrote the %ld record%s of %s out as files in %s/ (once: the files are the "
					"history now, the database their index; commit %s/)\n",
				cmd, o.migrated, o.migrated == 1 ? "" : "s", index, dir, dir);
		}
	}
	free(dir);
	*index_out = index;
	return h;
}
