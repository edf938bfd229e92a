/*
 * cmd.h: the command table and the helpers every command shares.
 *
 * How to add a command (after git's builtin.h):
 *  1. Write src/cli/cmd_<name>.c defining `int cmd_<name>(int argc, char **argv)`.
 *     argv[0] is the command name; parse options with getopt_long; print
 *     usage to stdout for --help (exit 0) and to stderr on misuse (exit 2).
 *  2. Declare it below.
 *  3. Add one row to `commands[]` in main.c (name, function, one-line summary).
 *  4. Add a shell test under tests/cli/ and document it in docs/commands.md.
 * Only src/cli/ prints; the library returns strings.
 */
#ifndef BT_CMD_H
#define BT_CMD_H

#include <stddef.h>

#include "baton.h"
#include "exit.h"

struct bt_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_whatif(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_import_mspdi(int argc, char **argv); /* `import mspdi`, from cmd_import */
int cmd_sync(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_risks(int argc, char **argv);
int cmd_decisions(int argc, char **argv);
int cmd_agenda(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_calibration(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_gantt(int argc, char **argv);
int cmd_milestones(int argc, char **argv);
int cmd_next(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_portfolio(int argc, char **argv);
int cmd_recover(int argc, char **argv);

/* cmd_status.c: the driver shared by status, risks, decisions and agenda:
 * options, the plan, the history, the assessment, one report. */
int cli_report(int argc, char **argv, const char *name, enum baton_report report, const char *usage);

/*========================= Shared helpers =========================*/

/* Read a whole file (or stdin for "-"). Returns a malloc'd buffer the
 * caller frees, or NULL after printing "baton: cannot read 'F': why". */
char *cli_read_file(const char *path, size_t *len);
/* The same without a word: NULL with why[whylen] the reason alone (the
 * system's, "it is a directory, not a plan file", "it is over the input
 * limit of ...", "out of memory"), for a caller that says it its own way
 * (`baton serve`, which reads the plan again on every change). */
char *cli_read_file_why(const char *path, size_t *len, char *why, size_t whylen);

/* The most bytes cli_read_file reads (256 MiB; `--max-input SIZE` on any
 * command raises or lowers it), and the parser of SIZE: a whole number
 * of bytes, or with K, M or G (KiB, MiB, GiB). 0, or -1 when malformed. */
extern size_t cli_max_input;
int cli_parse_size(const char *s, size_t *out);

/*===================== Writing files (write.c) ====================*/

/* Write data to path: the one way the CLI writes a file (fmt, report -o,
 * and any export or importer that writes one). Atomic: a temporary file
 * ".NAME.baton-tmp-PID-XXXXXX" beside the target is written, synced,
 * given the target's owner, group and mode (a new file: 0666 less the
 * umask), renamed over it, and the directory synced. Through a symlink
 * the file it points to is written and the link stays. A hard link is
 * replaced under this name only, with a warning. A file without any
 * write permission bit is refused even for root ("make it writable").
 * Leftover temp files of killed runs for this target are removed first.
 * A device or FIFO is written straight into. Every call that changes a
 * file asks the I/O failure hook (io.h) first.
 * Returns 0, or -1 after printing why, naming path; on failure the
 * previous file is unchanged and no temp file is left. */
int cli_write_file(const char *path, const char *data, size_t len);

/* mkdir(path, 0777) through the I/O hook; an existing one is fine.
 * Returns 0, or -1 after printing "baton: cannot create 'PATH': why". */
int cli_mkdir(const char *path);

/* After a command: flush standard output and, when that or any earlier
 * write to it failed, say so (naming the command) and turn a 0 into 1.
 * Returns the exit status to use. */
int cli_stdout_done(const char *cmd, int rc);

/* Arm the I/O failure hook from BATON_TEST_FAIL_IO=N (the call after N
 * succeed fails) or N+ (it and every later one fail), reserved for tests;
 * at exit stderr says "baton: test: I/O failure injected at call K of M"
 * or "baton: test: M I/O calls, no failure injected". main() calls it
 * once; unset, it does nothing. */
void cli_test_hooks(void);

/*========================== More helpers ==========================*/

/* Read, parse and check a plan; print its diagnostics to stderr. Returns
 * NULL (after printing) when the file cannot be read or has errors. */
baton_plan *cli_load_plan(const char *path);
/* The same, naming the plan `name` in diagnostics (NULL: the path). */
baton_plan *cli_load_plan_as(const char *path, const char *name);

/* cmd_import.c, for every importer: a valid plan id (a letter, then
 * letters, digits, '-', '_' or single dots), and the program id from a
 * file's name (its letters, digits, '-' and '_', up to the first of
 * `exts`, NULL-terminated, that ends it; 'p' first when it does not start
 * with a letter). */
int cli_import_valid_id(const char *s);
void cli_import_name_from_path(const char *path, const char *const *exts, char *out, size_t n);


/* Open a plan's history (history_open.c): its text files in hdir
 * (NULL: `history` beside the plan) indexed by hpath (NULL:
 * .baton/history.db beside it); hpath without hdir is a database alone,
 * without files. Without create, a plan with neither gives NULL and
 * *rc 0. On failure NULL, *rc the exit status, the reason printed (a
 * damaged file located, exit 2). *index_out (caller frees, also on
 * failure) is the index's path for messages. */
baton_history *cli_history_open(const char *cmd, const char *plan, const char *hpath, const char *hdir, int create,
				int *rc, char **index_out);

/* 1 when stdout (fd 1) or stderr (fd 2) should get colour: a TTY and no
 * NO_COLOR in the environment. */
int cli_color(int fd);

/* Parse a whole number in [lo, hi]; 0, or -1 when s is not one. */
int cli_parse_long(const char *s, long lo, long hi, long *out);

/* Why getopt_long just refused an option: "unknown option '--x'" or
 * "option '--as-of' needs a value". Call right after it returned '?'. */
const char *cli_bad_option(char **argv);

/* --json and --markdown choose one output format: set *fmt to want, or,
 * when another one was already chosen, say so (a usage error) and return
 * 2. Returns 0 when set. */
int cli_format(const char *cmd, enum baton_format *fmt, enum baton_format want);

/* Print "baton <cmd>: msg" and the usage hint to stderr; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
