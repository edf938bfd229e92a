/*
 * cli.c: helpers every command shares: reading plans, colour, usage
 * errors (writing files is write.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

size_t cli_max_input = (size_t)256 << 20;

int cli_parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno || *s == '-')
		return -1;
	unsigned shift = 0;
	if (*end) {
		switch (*end) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return -1;
		}
		end++;
		if (!strcmp(end, "iB") || !strcmp(end, "B"))
			end += strlen(end);
		if (*end)
			return -1;
	}
	if (v == 0 || v > (SIZE_MAX >> shift) || (v << shift) > ((size_t)1 << 40))
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

/* Why a file is over the input limit, and how to read it anyway. */
static void too_big(char *why, size_t whylen)
{
	if (cli_max_input % ((size_t)1 << 20) == 0)
		snprintf(why, whylen, "it is over the input limit of %zu MiB; raise it with --max-input SIZE (e.g. --max-input 1G)",
			 cli_max_input >> 20);
	else
		snprintf(why, whylen, "it is over the input limit of %zu bytes; raise it with --max-input SIZE (e.g. --max-input 1G)",
			 cli_max_input);
}

char *cli_read_file_why(const char *path, size_t *len, char *why, size_t whylen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		snprintf(why, whylen, "%s", strerror(errno));
		return NULL;
	}
	/* Refuse what is too big before reading it (a file), or as soon as
	 * it grows past the limit (a pipe, a device like /dev/zero). */
	struct stat st;
	if (f != stdin && fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(why, whylen, "it is a directory, not a plan file");
			fclose(f);
			return NULL;
		}
		if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > cli_max_input) {
			too_big(why, whylen);
			fclose(f);
			return NULL;
		}
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		snprintf(why, whylen, "out of memory");
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n > cli_max_input) {
			too_big(why, whylen);
			free(buf);
			buf = NULL;
			break;
		}
		if (n < cap) {
			if (ferror(f)) {
				snprintf(why, whylen, "%s", strerror(errno));
				free(buf);
				buf = NULL;
			}
			break;
		}
		cap *= 2;
		char *nb = realloc(buf, cap);
		if (!nb) {
			free(buf);
			snprintf(why, whylen, "out of memory");
		}
		buf = nb;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

char *cli_read_file(const char *path, size_t *len)
{
	char why[256];
	char *buf = cli_read_file_why(path, len, why, sizeof why);
	if (!buf)
		fprintf(stderr, "baton: cannot read '%s': %s\n", path, why);
	return buf;
}

int cli_color(int fd)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(fd);
}

baton_plan *cli_load_plan(const char *path)
{
	return cli_load_plan_as(path, NULL);
}

baton_plan *cli_load_plan_as(const char *path, const char *name)
{
	size_t len;
	char *text = cli_read_file(path, &len);
	if (!text)
		return NULL;
	const char *shown = name ? name : path;
	baton_plan *p = baton_plan_parse(name ? name : strcmp(path, "-") ? path : "<stdin>", text, len);
	free(text);
	if (!p) {
		fprintf(stderr, "baton: out of memory reading '%s'\n", path);
		return NULL;
	}
	if (baton_plan_errors(p) || baton_plan_warnings(p)) {
		char *d = baton_plan_diagnostics(p, cli_color(2));
		if (d)
			fputs(d, stderr);
		baton_string_free(d);
	}
	if (baton_plan_errors(p)) {
		fprintf(stderr, "%d error%s in '%s'\n", baton_plan_errors(p),
			baton_plan_errors(p) == 1 ? "" : "s", shown);
		baton_plan_free(p);
		return NULL;
	}
	return p;
}

int cli_parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

const char *cli_bad_option(char **argv)
{
	static char buf[128];
	extern int optind, optopt;
	const char *arg = argv[optind - 1];
	/* getopt_long sets optopt to the option's value when a known option
	 * lacks its argument, and to 0 for an unknown long option. */
	if (optopt && !strncmp(arg, "--", 2))
		snprintf(buf, sizeof buf, "option '%.60s' needs a value", arg);
	else if (optopt && arg[0] == '-' && arg[1] != '-' && strchr(arg + 1, optopt) == arg + 1 && arg[2] == 0)
		snprintf(buf, sizeof buf, "unknown option '-%c'", optopt);
	else
		snprintf(buf, sizeof buf, "unknown option '%.60s'", arg);
	return buf;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "baton %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'baton %s --help'.\n", cmd);
	return BATON_EXIT_INPUT;
}

int cli_format(const char *cmd, enum baton_format *fmt, enum baton_format want)
{
	if (*fmt != BATON_FORMAT_TERM && *fmt != want)
		return cli_usage_error(cmd, "--json and --markdown cannot be combined: choose one output format");
	*fmt = want;
	return 0;
}
