/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * sheet.c: the report and the league table as spreadsheets (xlsx), for
 * the people who open them in LibreOffice or Excel: numbers are numbers
 * and dates are dates whatever the locale (a CSV's "52.5" is text in a
 * French one, and its UTF-8 shows as "ArmÃ©es" without a BOM), text is
 * text (never a formula), the header row stays in view and filters.
 * Written by libxlsxwriter, which writes to a file of its own naming:
 * the caller gives the path (a temporary one, renamed into place).
 */
#include "sheet.h"

#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "assembly.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "report.h"
#include "stats.h"
#include "util.h"

struct sheet {
	lxw_workbook	*wb;
	lxw_format	*head;		/* the header row */
	lxw_format	*date;		/* dd/mm/yyyy, the locale's in LibreOffice */
	lxw_format	*pct;		/* 0.0 % */
	lxw_format	*dec;		/* 0.0 */
	lxw_format	*link;
};

static int
sheet_open(struct sheet *sh, const char *path, const char *title,
    struct error *err)
{
	lxw_doc_properties	props;

	memset(sh, 0, sizeof(*sh));
	if ((sh->wb = workbook_new(path)) == NULL)
		return error_set(err, EXIT_CANTCREAT, "%s: cannot create the "
		    "spreadsheet", path);
	memset(&props, 0, sizeof(props));
	props.title = (char *)title;
	props.author = (char *)"qetracker";
	workbook_set_properties(sh->wb, &props);
	sh->head = workbook_add_format(sh->wb);
	format_set_bold(sh->head);
	format_set_bg_color(sh->head, 0xEEEEEE);
	format_set_text_wrap(sh->head);
	sh->date = workbook_add_format(sh->wb);
	/* Excel's built-in 14: the short date of the reader's locale. */
	format_set_num_format_index(sh->date, 14);
	sh->pct = workbook_add_format(sh->wb);
	format_set_num_format(sh->pct, "0.0%");
	sh->dec = workbook_add_format(sh->wb);
	format_set_num_format(sh->dec, "0.0");
	sh->link = workbook_add_format(sh->wb);
	format_set_font_color(sh->link, LXW_COLOR_BLUE);
	format_set_underline(sh->link, LXW_UNDERLINE_SINGLE);
	return 0;
}

static int
sheet_close(struct sheet *sh, const char *path, struct error *err)
{
	lxw_error	e = workbook_close(sh->wb);

	if (e != LXW_NO_ERROR)
		return error_set(err, EXIT_IOERR, "%s: %s", path,
		    lxw_strerror(e));
	return 0;
}

/* A header row, kept in view and filtering the rows below. */
static lxw_worksheet *
sheet_add(struct sheet *sh, const char *name, const char *const *cols,
    const double *widths, size_t n)
{
	lxw_worksheet	*ws;
	char		*cut = utf8_cut(name, 31);
	size_t		 i;

	ws = workbook_add_worksheet(sh->wb, cut);
	free(cut);
	for (i = 0; i < n; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], sh->head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i],
		    NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

static void
cell_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
	if (s != NULL && *s != '\0')
		worksheet_write_string(ws, r, c, s, NULL);
}

static void
cell_date(struct sheet *sh, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    int day)
{
	lxw_datetime	dt;

	if (day == DATE_NONE || day == 0)
		return;
	memset(&dt, 0, sizeof(dt));
	date_to_ymd(day, &dt.year, &dt.month, &dt.day);
	worksheet_write_datetime(ws, r, c, &dt, sh->date);
}

static void
cell_url(struct sheet *sh, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const char *url)
{
	if (url == NULL)
		return;
	/* An address Excel would refuse stays text. */
	if (worksheet_write_url(ws, r, c, url, sh->link) != LXW_NO_ERROR)
		worksheet_write_string(ws, r, c, url, NULL);
}

static void
cell_number(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
    lxw_format *f)
{
	worksheet_write_number(ws, r, c, v, f);
}

/* The questions of one list of the report, one per row. */
enum sheet_list {
	SL_OVERDUE,
	SL_ANSWERED,
	SL_SOON
};

static void
report_rows(struct sheet *sh, const struct report *r, enum sheet_list l)
{
	static const double	 widths[] = { 11, 40, 26, 10, 30, 12, 12, 10,
	    12, 60 };
	const char		*cols[10];
	const struct report_q	*q;
	lxw_worksheet		*ws;
	size_t			 i, n;
	lxw_row_t		 row = 1;
	char			 num[64];

	cols[0] = _("Question");
	cols[1] = _("Subject");
	cols[2] = _("Author");
	cols[3] = _("Group");
	cols[4] = _("Ministry");
	cols[5] = "JO";
	cols[6] = _("Deadline");
	switch (l) {
	case SL_OVERDUE:
		cols[7] = _("Days overdue");
		cols[8] = _("Signaled");
		break;
	case SL_ANSWERED:
		cols[7] = _("Days late");
		cols[8] = _("Answered");
		break;
	case SL_SOON:
		cols[7] = _("Days left");
		cols[8] = _("Signaled");
		break;
	}
	cols[9] = _("Link");
	ws = sheet_add(sh, l == SL_OVERDUE ? _("Overdue") : l == SL_ANSWERED ?
	    _("Answered in the period") : _("Due within 14 days"), cols,
	    widths, 10);
	n = l == SL_OVERDUE ? r->nq : l == SL_ANSWERED ? r->nans : r->nsoon;
	for (i = 0; i < n; i++, row++) {
		q = l == SL_OVERDUE ? &r->q[i] : l == SL_ANSWERED ? &r->ans[i] :
		    &r->soon[i];
		assembly_label(q->assembly, q->legislature, q->number, q->uid,
		    num, sizeof(num));
		cell_text(ws, row, 0, num);
		cell_text(ws, row, 1, q->title);
		cell_text(ws, row, 2, q->author);
		cell_text(ws, row, 3, q->group);
		cell_text(ws, row, 4, q->ministry);
		cell_date(sh, ws, row, 5, q->published);
		cell_date(sh, ws, row, 6, q->deadline);
		cell_number(ws, row, 7, l == SL_OVERDUE ? q->days_overdue :
		    l == SL_ANSWERED ? q->days_late : q->days_left, NULL);
		cell_date(sh, ws, row, 8, l == SL_ANSWERED ? q->answered :
		    q->signaled);
		cell_url(sh, ws, row, 9, q->url);
	}
	worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, 9);
}

int
sheet_report(const char *path, const struct report *r, struct error *err)
{
	struct sheet	 sh;
	struct buf	 t;
	int		 rc;

	buf_init(&t);
	buf_printf(&t, "%s", _("Overdue"));
	if (r->scope != NULL)
		buf_printf(&t, " — %s", r->scope);
	rc = sheet_open(&sh, path, t.data, err);
	buf_free(&t);
	if (rc == -1)
		return -1;
	report_rows(&sh, r, SL_OVERDUE);
	report_rows(&sh, r, SL_ANSWERED);
	report_rows(&sh, r, SL_SOON);
	return sheet_close(&sh, path, err);
}

int
sheet_stats(const char *path, const struct stats *s, struct error *err)
{
	static const double	 widths[] = { 6, 44, 10, 10, 10, 12, 12, 12,
	    12, 10, 12 };
	const char		*cols[11];
	struct sheet		 sh;
	lxw_worksheet		*ws;
	size_t			 i;
	lxw_row_t		 row;

	if (sheet_open(&sh, path, _("Ministry"), err) == -1)
		return -1;
	cols[0] = _("Rank");
	cols[1] = _("Ministry");
	cols[2] = _("Received");
	cols[3] = _("Answered");
	cols[4] = _("Answer rate");
	cols[5] = _("Within the delay");
	cols[6] = _("Share within the delay");
	cols[7] = _("Median days to answer");
	cols[8] = _("90th percentile");
	cols[9] = _("Overdue now");
	cols[10] = _("Oldest overdue (days)");
	ws = sheet_add(&sh, _("Ministry"), cols, widths, 11);
	for (i = 0; i <= s->n; i++) {
		const struct stats_row	*rw = i < s->n ? &s->rows[i] : &s->total;

		row = (lxw_row_t)i + 1;
		if (i < s->n)
			cell_number(ws, row, 0, (double)(i + 1), NULL);
		cell_text(ws, row, 1, rw->name);
		cell_number(ws, row, 2, (double)rw->received, NULL);
		cell_number(ws, row, 3, (double)rw->answered, NULL);
		if (rw->received > 0) {
			cell_number(ws, row, 4, (double)rw->answered /
			    (double)rw->received, sh.pct);
			cell_number(ws, row, 6, (double)rw->on_time /
			    (double)rw->received, sh.pct);
		}
		cell_number(ws, row, 5, (double)rw->on_time, NULL);
		if (rw->median >= 0) {
			cell_number(ws, row, 7, rw->median, sh.dec);
			cell_number(ws, row, 8, rw->p90, sh.dec);
		}
		cell_number(ws, row, 9, (double)rw->overdue, NULL);
		if (rw->oldest_overdue >= 0)
			cell_number(ws, row, 10, rw->oldest_overdue, NULL);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->n, 10);
	return sheet_close(&sh, path, err);
}
