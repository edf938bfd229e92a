/* import_cli.c: the mapping options and the reading of an export, shared
 * by `baton import` and `baton sync` (import_cli.h). */
#include "import_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mspdi.h"

void cli_import_args_init(cli_import_args *a)
{
	memset(a, 0, sizeof *a);
	a->o.default_estimate = -1;
}

/* Repeatable options collect as one "a,b,c" list. */
static int join(char *buf, size_t n, const char *add)
{
	size_t l = strlen(buf);
	if (l + strlen(add) + 2 > n)
		return -1;
	if (l)
		buf[l++] = ',';
	strcpy(buf + l, add);
	return 0;
}

int cli_import_arg(const char *cmd, int c, const char *arg, cli_import_args *a)
{
	char *end;
	bt_import_opts *o = &a->o;
	switch (c) {
	case 'H':
		o->hours_per_day = (int)strtol(arg, &end, 10);
		if (*end || o->hours_per_day < 1 || o->hours_per_day > 24)
			return cli_usage_error(cmd, "--hours-per-day '%s': expected a whole number from 1 to 24", arg);
		break;
	case 'D':
		o->default_estimate = (int)strtol(arg, &end, 10);
		if (end == arg || (*end && strcmp(end, "d")) || o->default_estimate < 0 || o->default_estimate > 9999)
			return cli_usage_error(cmd, "--default-estimate '%s': expected working days, e.g. 3d", arg);
		break;
	case 'P':
		if (join(a->points, sizeof a->points, arg))
			return cli_usage_error(cmd, "--points-per-day: too many");
		break;
	case 'L':
		if (join(a->links, sizeof a->links, arg))
			return cli_usage_error(cmd, "--link: too many");
		break;
	case 'T': o->team_from = arg; break;
	case 'M': a->team_map = arg; break;
	case 'S': o->points_field = arg; break;
	case 'C': o->columns = arg; break;
	default: return 1;
	}
	a->given = 1;
	return 0;
}

bt_date cli_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char today[11];
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	bt_date d = 0;
	bt_date_parse(today, 10, &d);
	return d;
}

int cli_import_read(const char *cmd, const char *fmt, const char *path, const char *name, cli_import_args *a,
		    bt_import *im)
{
	size_t len = 0, mlen = 0;
	char *map = NULL;
	if (a->team_map && !(map = cli_read_file(a->team_map, &mlen)))
		return BATON_EXIT_INPUT;
	bt_import_opts *o = &a->o;
	o->team_map = map;
	o->points = a->points;
	o->links = a->links;
	o->name = name;
	o->today = cli_today();
	char *text = cli_read_file(path, &len);
	if (!text) {
		free(map);
		o->team_map = NULL;
		return BATON_EXIT_INPUT;
	}
	int json = !strcmp(fmt, "jira") && len && (text[strspn(text, " \t\r\n\xEF\xBB\xBF")] == '{' ||
						     text[strspn(text, " \t\r\n\xEF\xBB\xBF")] == '[');
	int r = !strcmp(fmt, "csv") ? bt_import_csv(text, len, o, im)
		: json             ? bt_import_jira_json(text, len, o, im)
				   : bt_import_jira_csv(text, len, o, im);
	int rc = BATON_EXIT_OK;
	if (r) {
		if (!strcmp(im->err, "out of memory")) {
			fprintf(stderr, "baton %s: out of memory\n", cmd);
			rc = BATON_EXIT_FAIL;
		} else {
			if (im->err_row && im->err_col)
				fprintf(stderr, "%s:%d:%d: error: %s\n", path, im->err_row, im->err_col, im->err);
			else if (im->err_row)
				fprintf(stderr, "%s:%d: error: %s\n", path, im->err_row, im->err);
			else
				fprintf(stderr, "baton %s: %s: %s\n", cmd, path, im->err);
			if (im->err_row && im->line[0])
				fprintf(stderr, " %d | %s\n", im->err_row, im->line);
			if (im->err_row && !im->err_json)
				fprintf(stderr, "   = rows count the header as row 1; columns count from 1\n");
			rc = BATON_EXIT_INPUT;
		}
	}
	free(text);
	free(map);
	o->team_map = NULL;
	return rc;
}

void cli_mspdi_show_error(const char *path, const char *text, size_t len, const struct bt_mspdi_err *e)
{
	if (!e->line) {
		fprintf(stderr, "%s: error: %s\n", path, e->msg);
	} else {
		fprintf(stderr, "%s:%d:", path, e->line);
		if (e->col > 0)
			fprintf(stderr, "%d:", e->col);
		fprintf(stderr, " error: %s", e->msg);
		if (e->elem[0])
			fprintf(stderr, " (in <%s>)", e->elem);
		fputc('\n', stderr);
		/* The line, cut at 200 bytes. */
		size_t i = 0;
		for (int l = 1; l < e->line && i < len; i++)
			if (text[i] == '\n')
				l++;
		size_t j = i;
		while (j < len && text[j] != '\n' && text[j] != '\r' && j - i < 200)
			j++;
		int w = fprintf(stderr, " %d", e->line) - 1;
		fprintf(stderr, " | %.*s\n", (int)(j - i), text + i);
		if (e->col > 0 && (size_t)e->col <= j - i + 1)
			fprintf(stderr, " %*s | %*s^\n", w, "", e->col - 1, "");
	}
	if (e->help[0])
		fprintf(stderr, "   = help: %s\n", e->help);
}
