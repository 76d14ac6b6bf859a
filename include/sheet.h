/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * sheet.h: the report and the league table as xlsx spreadsheets: numbers
 * as numbers, dates as dates, text never a formula, in any locale.
 */
#ifndef QT_SHEET_H
#define QT_SHEET_H

struct report;
struct stats;
struct error;

/* Write the workbook to path (replaced). Return 0, or -1 with err set. */
int	sheet_report(const char *path, const struct report *, struct error *);
int	sheet_stats(const char *path, const struct stats *, struct error *);

#endif
