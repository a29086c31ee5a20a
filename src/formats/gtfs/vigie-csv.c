/* vigie-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-csv"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vigie-csv.h"

/* The reader is a byte-at-a-time state machine, so a record may be split
 * anywhere between two calls to feed(): a GTFS file is parsed as it comes
 * out of the zip, and never needs to be whole in memory. */

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,  /* a quote in a quoted field: doubled, or the end */
  STATE_AFTER_QUOTED,     /* past the closing quote, before the comma */
} State;

struct _VigieCsvReader
{
  GStrv               columns;
  VigieCsvRecordFunc  func;
  gpointer            user_data;

  State               state;
  GString            *buffer;        /* the record's fields, each NUL terminated */
  GArray             *starts;        /* of gsize: where each field starts */
  gsize               trim_to;       /* an unquoted field's end without its trailing spaces */
  gboolean            field_quoted;
  guint               bom_matched;
  gboolean            started;
  gboolean            after_cr;
  guint               line;
  guint               record_line;

  gboolean            has_header;
  int                *index;         /* wanted column → field index, or -1 */
  const char        **fields;        /* handed to func */

  /* Bounds against hostile files: a 1 GiB line, 30 million rows. */
  gsize               max_record_bytes;  /* 0: none */
  guint64             max_records;       /* 0: none */
  guint64             n_records;
  VigieCsvLimit       limit_hit;

  /* Fields that were not UTF-8, re-encoded for this record. */
  GPtrArray          *converted;
  guint64             n_reencoded;
};

static const char bom[] = "\xEF\xBB\xBF";

/*
 * Auxiliary methods
 */

static void
map_header (VigieCsvReader *self,
            const char     *data)
{
  guint n_columns = g_strv_length (self->columns);

  for (guint c = 0; c < n_columns; c++)
    {
      self->index[c] = -1;
      for (guint f = 0; f < self->starts->len; f++)
        {
          const char *name = data + g_array_index (self->starts, gsize, f);

          /* The first of two same-named columns wins. */
          if (g_ascii_strcasecmp (name, self->columns[c]) == 0)
            {
              self->index[c] = f;
              break;
            }
        }
    }

  self->has_header = TRUE;
}

/* Every field handed over is UTF-8: many GTFS files are written in
 * Windows-1252 (Latin-1's superset), so that is tried first; anything
 * else has its bad bytes replaced. */
static const char *
valid_field (VigieCsvReader *self,
             const char     *field)
{
  char *fixed;

  if (G_LIKELY (g_utf8_validate (field, -1, NULL)))
    return field;

  fixed = g_convert (field, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (fixed == NULL || !g_utf8_validate (fixed, -1, NULL))
    {
      g_free (fixed);
      fixed = g_utf8_make_valid (field, -1);
    }

  self->n_reencoded++;
  g_ptr_array_add (self->converted, fixed);
  return fixed;
}

static void
end_field (VigieCsvReader *self)
{
  /* Inline truncation: this runs for every field of every row. */
  if (!self->field_quoted)
    self->buffer->len = self->trim_to;

  g_string_append_c (self->buffer, '\0');
  self->state = STATE_FIELD_START;
  self->field_quoted = FALSE;
}

static void
start_field (VigieCsvReader *self)
{
  gsize start = self->buffer->len;

  g_array_append_val (self->starts, start);
  self->trim_to = start;
}

static void
end_record (VigieCsvReader *self)
{
  const char *data;
  guint n_columns;

  if (self->state == STATE_FIELD_START && self->starts->len == 0)
    return;  /* a blank line */

  if (self->state == STATE_FIELD_START)
    start_field (self);
  end_field (self);

  data = self->buffer->str;

  /* A lone empty field is a blank line too, or spaces only. */
  if (self->starts->len == 1 && data[0] == '\0')
    goto out;

  if (!self->has_header)
    {
      map_header (self, data);
      goto out;
    }

  if (self->max_records > 0 && self->n_records >= self->max_records)
    {
      self->limit_hit = VIGIE_CSV_LIMIT_RECORDS;
      goto out;
    }
  self->n_records++;

  n_columns = g_strv_length (self->columns);
  for (guint c = 0; c < n_columns; c++)
    {
      int f = self->index[c];

      if (f >= 0 && (guint) f < self->starts->len)
        self->fields[c] = valid_field (self, data + g_array_index (self->starts, gsize, f));
      else
        self->fields[c] = NULL;
    }

  self->func (self->fields, self->record_line, self->user_data);
  if (self->converted->len > 0)
    g_ptr_array_set_size (self->converted, 0);

out:
  self->buffer->len = 0;
  self->buffer->str[0] = '\0';
  g_array_set_size (self->starts, 0);
  self->state = STATE_FIELD_START;
}

/* A line break @c ends the record; "\r\n" counts as one. */
static void
end_line (VigieCsvReader *self,
          char            c)
{
  self->after_cr = c == '\r';
  self->line++;
  end_record (self);
}

/*
 * Public API
 */

/**
 * vigie_csv_reader_new:
 * @columns: the column names wanted, %NULL terminated
 * @func: called for each record after the header
 * @user_data: for @func
 *
 * Returns: (transfer full): a reader; feed it, then finish it
 */
VigieCsvReader *
vigie_csv_reader_new (const char * const *columns,
                      VigieCsvRecordFunc  func,
                      gpointer            user_data)
{
  VigieCsvReader *self;
  guint n_columns;

  g_return_val_if_fail (columns != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  n_columns = g_strv_length ((char **) columns);

  self = g_new0 (VigieCsvReader, 1);
  self->columns = g_strdupv ((char **) columns);
  self->func = func;
  self->user_data = user_data;
  self->buffer = g_string_sized_new (256);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 16);
  self->index = g_new (int, MAX (n_columns, 1));
  for (guint c = 0; c < n_columns; c++)
    self->index[c] = -1;
  self->fields = g_new0 (const char *, n_columns + 1);
  self->line = 1;
  self->record_line = 1;
  self->converted = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
vigie_csv_reader_free (VigieCsvReader *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->columns);
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->starts);
  g_free (self->index);
  g_free (self->fields);
  g_ptr_array_unref (self->converted);
  g_free (self);
}

/**
 * vigie_csv_reader_set_limits:
 * @self: a #VigieCsvReader
 * @max_record_bytes: the longest record read, in bytes; 0 for no limit
 * @max_records: the most records (after the header) read; 0 for no limit
 *
 * Past a limit the reader stops: the rest of the file is ignored and
 * vigie_csv_reader_get_limit_hit() says which limit it was.
 */
void
vigie_csv_reader_set_limits (VigieCsvReader *self,
                             gsize           max_record_bytes,
                             guint64         max_records)
{
  g_return_if_fail (self != NULL);

  self->max_record_bytes = max_record_bytes;
  self->max_records = max_records;
}

/**
 * vigie_csv_reader_get_limit_hit:
 *
 * Returns: the limit that stopped the reader, or %VIGIE_CSV_LIMIT_NONE
 */
VigieCsvLimit
vigie_csv_reader_get_limit_hit (VigieCsvReader *self)
{
  g_return_val_if_fail (self != NULL, VIGIE_CSV_LIMIT_NONE);

  return self->limit_hit;
}

/**
 * vigie_csv_reader_get_n_reencoded:
 *
 * Returns: how many fields handed over were not UTF-8 in the file
 */
guint64
vigie_csv_reader_get_n_reencoded (VigieCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_reencoded;
}

/**
 * vigie_csv_reader_get_n_records:
 *
 * Returns: how many records after the header were handed over
 */
guint64
vigie_csv_reader_get_n_records (VigieCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_records;
}

/**
 * vigie_csv_reader_feed:
 * @self: a #VigieCsvReader
 * @data: the next bytes of the file, cut anywhere
 * @length: how many
 *
 * Calls the record function for every record that @data completes.
 */
void
vigie_csv_reader_feed (VigieCsvReader *self,
                       const char     *data,
                       gsize           length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      /* Once over a limit, the rest of the file is not read. */
      if (G_UNLIKELY (self->limit_hit != VIGIE_CSV_LIMIT_NONE))
        return;
      if (G_UNLIKELY (self->max_record_bytes > 0 && self->buffer->len > self->max_record_bytes))
        {
          self->limit_hit = VIGIE_CSV_LIMIT_RECORD_BYTES;
          return;
        }

      /* The byte order mark some editors write: dropped, once. */
      if (!self->started)
        {
          if (c == bom[self->bom_matched])
            {
              if (++self->bom_matched == 3)
                self->started = TRUE;
              continue;
            }

          self->started = TRUE;
          if (self->bom_matched > 0)
            {
              /* Not a BOM after all: keep what was taken for one. */
              start_field (self);
              self->state = STATE_UNQUOTED;
              g_string_append_len (self->buffer, bom, self->bom_matched);
              self->trim_to = self->buffer->len;
            }
        }

      if (c == '\n' && self->after_cr)
        {
          self->after_cr = FALSE;
          continue;
        }
      self->after_cr = FALSE;

      switch (self->state)
        {
        case STATE_FIELD_START:
          if (c == ' ' || c == '\t')
            break;
          if (self->starts->len == 0)
            self->record_line = self->line;
          if (c == '"')
            {
              start_field (self);
              self->field_quoted = TRUE;
              self->state = STATE_QUOTED;
            }
          else if (c == ',')
            {
              start_field (self);
              end_field (self);
            }
          else if (c == '\n' || c == '\r')
            end_line (self, c);
          else
            {
              start_field (self);
              g_string_append_c (self->buffer, c);
              self->trim_to = self->buffer->len;
              self->state = STATE_UNQUOTED;
            }
          break;

        case STATE_UNQUOTED:
          if (c == ',')
            end_field (self);
          else if (c == '\n' || c == '\r')
            end_line (self, c);
          else
            {
              /* Plain text in one go, up to the next separator. A stray
               * quote inside an unquoted field is kept as text. */
              gsize end = i + 1, last = G_MAXSIZE;

              while (end < length && data[end] != ',' && data[end] != '\n' && data[end] != '\r')
                end++;
              for (gsize k = end; k > i; k--)
                if (data[k - 1] != ' ' && data[k - 1] != '\t')
                  {
                    last = k - 1;
                    break;
                  }

              g_string_append_len (self->buffer, data + i, end - i);
              if (last != G_MAXSIZE)
                self->trim_to = self->buffer->len - (end - 1 - last);
              i = end - 1;
            }
          break;

        case STATE_QUOTED:
          if (c == '"')
            self->state = STATE_QUOTE_IN_QUOTED;
          else if (c == '\n' || c == '\r')
            {
              /* A line break inside a field is "\n", whatever the file's. */
              self->after_cr = c == '\r';
              self->line++;
              g_string_append_c (self->buffer, '\n');
            }
          else
            {
              gsize end = i + 1;

              while (end < length && data[end] != '"' && data[end] != '\n' && data[end] != '\r')
                end++;
              g_string_append_len (self->buffer, data + i, end - i);
              i = end - 1;
            }
          break;

        case STATE_QUOTE_IN_QUOTED:
          if (c == '"')
            {
              g_string_append_c (self->buffer, '"');
              self->state = STATE_QUOTED;
              break;
            }
          self->state = STATE_AFTER_QUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_AFTER_QUOTED:
          if (c == ',')
            end_field (self);
          else if (c == '\n' || c == '\r')
            end_line (self, c);
          else if (c != ' ' && c != '\t')
            g_string_append_c (self->buffer, c);  /* "ab"c: keep it all */
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * vigie_csv_reader_finish:
 * @self: a #VigieCsvReader
 *
 * Hands over the last record when the file does not end with a line
 * break. A quoted field still open at the end is taken as it is.
 */
void
vigie_csv_reader_finish (VigieCsvReader *self)
{
  g_return_if_fail (self != NULL);

  if (self->state != STATE_FIELD_START || self->starts->len > 0)
    end_record (self);
}

/**
 * vigie_csv_reader_has_header:
 *
 * Returns: whether a header line was read
 */
gboolean
vigie_csv_reader_has_header (VigieCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->has_header;
}

/**
 * vigie_csv_reader_has_column:
 * @column: an index into the columns given to vigie_csv_reader_new()
 *
 * Returns: whether the header names that column
 */
gboolean
vigie_csv_reader_has_column (VigieCsvReader *self,
                             guint           column)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (column < g_strv_length (self->columns), FALSE);

  return self->has_header && self->index[column] >= 0;
}

/*
 * Field parsers
 */

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Where @field's value starts; NULL when there is none (no field, or
 * spaces only). */
static const char *
field_start (const char *field)
{
  const char *p;

  if (field == NULL)
    return NULL;

  p = skip_spaces (field);
  return *p != '\0' ? p : NULL;
}

gboolean
vigie_csv_parse_int (const char *field,
                     gint64     *value)
{
  const char *p;
  char *end;
  gint64 v;

  p = field_start (field);
  if (p == NULL)
    return FALSE;

  errno = 0;
  v = g_ascii_strtoll (p, &end, 10);
  if (errno != 0 || end == p || *skip_spaces (end) != '\0')
    return FALSE;

  *value = v;
  return TRUE;
}

gboolean
vigie_csv_parse_double (const char *field,
                        double     *value)
{
  const char *p;
  char *end;
  double v;

  p = field_start (field);
  if (p == NULL)
    return FALSE;

  v = g_ascii_strtod (p, &end);
  if (end == p || *skip_spaces (end) != '\0' || !isfinite (v))
    return FALSE;

  *value = v;
  return TRUE;
}

static gboolean
read_digits (const char **p,
             guint        min_digits,
             guint        max_digits,
             gint64      *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  return n >= min_digits;
}

/**
 * vigie_csv_parse_time:
 * @field: a GTFS time, "H:MM:SS" or "HH:MM:SS", hours past 24 allowed
 * @seconds: (out): seconds since noon minus 12 h of the service day
 *
 * Returns: whether @field is such a time
 */
gboolean
vigie_csv_parse_time (const char *field,
                      gint32     *seconds)
{
  const char *p;
  gint64 h, m, s = 0;

  p = field_start (field);
  if (p == NULL || !read_digits (&p, 1, 3, &h) || *p++ != ':' || !read_digits (&p, 2, 2, &m))
    return FALSE;

  /* Seconds are required by the spec; some producers drop them. */
  if (*p == ':' && (p++, !read_digits (&p, 2, 2, &s)))
    return FALSE;

  if (*skip_spaces (p) != '\0' || m > 59 || s > 60)
    return FALSE;

  *seconds = (gint32) (h * 3600 + m * 60 + s);
  return TRUE;
}

/**
 * vigie_csv_parse_date:
 * @field: a GTFS date, "YYYYMMDD" (or "YYYY-MM-DD")
 * @date: (out): the date
 *
 * Returns: whether @field is a valid date
 */
gboolean
vigie_csv_parse_date (const char *field,
                      GDate      *date)
{
  const char *p;
  gint64 y, m, d;

  p = field_start (field);
  if (p == NULL || !read_digits (&p, 4, 4, &y))
    return FALSE;
  if (*p == '-')
    p++;
  if (!read_digits (&p, 2, 2, &m))
    return FALSE;
  if (*p == '-')
    p++;
  if (!read_digits (&p, 2, 2, &d) || *skip_spaces (p) != '\0')
    return FALSE;

  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}
