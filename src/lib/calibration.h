/*
 * calibration.h: the object behind baton_calibration, for its renderers.
 */
#ifndef BT_CALIBRATION_H
#define BT_CALIBRATION_H

#include "calibrate.h"

/* One recorded forecast of a milestone, made before it was reached. */
typedef struct bt_calib_fc {
	const char *as_of;     /* the record's status date */
	const char *p50, *p85; /* NULL when the record had none */
	double chance;         /* of meeting the commit; negative: none */
	int p50_met, p85_met;  /* the date was on or after the actual; -1: no date */
} bt_calib_fc;

typedef struct bt_calib_ms {
	const char *id, *title;
	char commit[11];       /* "" without a commitment */
	char reached[11];      /* the actual date; "" when not reached */
	bt_calib_fc *fc;       /* by status date */
	uint32_t nfc, capfc;
} bt_calib_ms;

struct baton_calibration {
	bt_arena arena;
	const char *program;
	char as_of[11];        /* "" without status */
	int history;           /* a history was read */
	bt_calib_team *teams;
	long nteam;
	bt_calib_ms *ms;
	uint32_t nms, reached;
	uint32_t p85_n, p85_met, p50_n, p50_met;
	uint32_t brier_n;
	double brier;          /* mean (chance - outcome)^2 */
};

void bt_render_calibration_text(bt_buf *b, const struct baton_calibration *c, int md);
int bt_render_calibration_json(bt_buf *b, const struct baton_calibration *c);
/* The report's "Calibration" section (render_report.c). */
void bt_render_calibration_html(bt_buf *b, const struct baton_calibration *c);

#endif
