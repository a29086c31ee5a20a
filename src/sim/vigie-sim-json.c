/* vigie-sim-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-json"

#include "config.h"

#include "vigie-sim-json.h"
#include "vigie-sim-model.h"

/* JSON written by hand into a GString, in a fixed order and with fixed
 * number formats (never the locale's), so that the bytes depend on the
 * model alone. */

void
vigie_sim_json_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

void
vigie_sim_json_member (GString    *out,
               const char *name)
{
  vigie_sim_json_string (out, name);
  g_string_append_c (out, ':');
}

/* Opens record @index of a list, its first member @id_member = @id. */
void
vigie_sim_json_open_record (GString    *out,
                            guint       index,
                            const char *id_member,
                            const char *id)
{
  g_string_append (out, index > 0 ? ",{" : "{");
  vigie_sim_json_member (out, id_member);
  vigie_sim_json_string (out, id);
}

void
vigie_sim_json_double (GString *out,
               double   value,
               int      digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", digits);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* The members ,"lat":…,"lon":… of a GBFS record. */
void
vigie_sim_json_lat_lon (GString *out,
                        double   lat,
                        double   lon,
                        int      digits)
{
  g_string_append (out, ",\"lat\":");
  vigie_sim_json_double (out, lat, digits);
  g_string_append (out, ",\"lon\":");
  vigie_sim_json_double (out, lon, digits);
}

/* RFC 3339 in Mulhouse's time, optionally with Citiz's 7 fractional digits. */
void
vigie_sim_json_time (GString               *out,
             const VigieSimContext *context,
             gint64                 unix_time,
             gboolean               seven_digits)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, context->tz);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
  gint64 offset = g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND;

  g_string_append_c (out, '"');
  g_string_append (out, text);
  if (seven_digits)
    g_string_append_printf (out, ".%07u",
                            (guint) (vigie_sim_hash (context->seed, (guint64) unix_time, 99) % 10000000));
  g_string_append_printf (out, "%c%02d:%02d\"", offset < 0 ? '-' : '+',
                          (int) (ABS (offset) / 3600), (int) (ABS (offset) / 60 % 60));
}

void
vigie_sim_json_utc_time (GString *out,
                 gint64   unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *text = g_date_time_format (utc, "\"%Y-%m-%dT%H:%M:%SZ\"");

  g_string_append (out, text);
}

void
vigie_sim_json_point (GString *out,
              double   lat,
              double   lon)
{
  g_string_append (out, "{\"type\":\"Point\",\"coordinates\":[");
  vigie_sim_json_double (out, lon, 6);
  g_string_append_c (out, ',');
  vigie_sim_json_double (out, lat, 6);
  g_string_append (out, "]}");
}

GBytes *
vigie_sim_json_finish (GString *out)
{
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}
