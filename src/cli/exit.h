/*
 * exit.h: the CLI's exit status, documented in docs/commands.md ("Exit
 * status"). The CLI's alone: the library never exits, its calls say what
 * went wrong with a baton_error (include/baton.h).
 */
#ifndef BT_CLI_EXIT_H
#define BT_CLI_EXIT_H

enum baton_exit {
	BATON_EXIT_OK = 0,       /* success */
	BATON_EXIT_FAIL = 1,     /* I/O or runtime failure; `fmt --check` found changes */
	BATON_EXIT_INPUT = 2,    /* bad input or usage */
	BATON_EXIT_INTERNAL = 3  /* a bug in baton */
};

#endif
