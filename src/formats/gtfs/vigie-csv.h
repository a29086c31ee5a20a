/* vigie-csv.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A streaming reader for the CSV that real feeds publish (RFC 4180 and its
 * usual departures): a UTF-8 byte order mark, CRLF or LF line ends, quoted
 * fields holding commas, doubled quotes and line breaks, spaces around
 * unquoted fields, columns in any order and columns nobody asked for.
 *
 * The caller names the columns it wants; the first record is the header,
 * and each later record is handed to @func with its fields in the order of
 * those names (NULL for a column the file lacks or a row too short for it).
 * Field strings live until @func returns. */

typedef struct _VigieCsvReader VigieCsvReader;

typedef enum
{
  VIGIE_CSV_LIMIT_NONE,
  VIGIE_CSV_LIMIT_RECORD_BYTES,
  VIGIE_CSV_LIMIT_RECORDS,
} VigieCsvLimit;

/* @line: the line the record starts on, for warnings */
typedef void (*VigieCsvRecordFunc) (const char * const *fields,
                                    guint               line,
                                    gpointer            user_data);

VigieCsvReader *vigie_csv_reader_new        (const char * const *columns,
                                             VigieCsvRecordFunc  func,
                                             gpointer            user_data);
void            vigie_csv_reader_free       (VigieCsvReader     *self);
void            vigie_csv_reader_feed       (VigieCsvReader     *self,
                                             const char         *data,
                                             gsize               length);
void            vigie_csv_reader_finish     (VigieCsvReader     *self);
gboolean        vigie_csv_reader_has_column (VigieCsvReader     *self,
                                             guint               column);
gboolean        vigie_csv_reader_has_header (VigieCsvReader     *self);
void            vigie_csv_reader_set_limits (VigieCsvReader     *self,
                                             gsize               max_record_bytes,
                                             guint64             max_records);
VigieCsvLimit   vigie_csv_reader_get_limit_hit (VigieCsvReader  *self);
guint64         vigie_csv_reader_get_n_reencoded (VigieCsvReader *self);
guint64         vigie_csv_reader_get_n_records (VigieCsvReader  *self);

/* Field readers, tolerant of surrounding spaces; FALSE when empty or bad. */
gboolean        vigie_csv_parse_int         (const char         *field,
                                             gint64             *value);
gboolean        vigie_csv_parse_double      (const char         *field,
                                             double             *value);
gboolean        vigie_csv_parse_time        (const char         *field,
                                             gint32             *seconds);
gboolean        vigie_csv_parse_date        (const char         *field,
                                             GDate              *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieCsvReader, vigie_csv_reader_free)

G_END_DECLS
