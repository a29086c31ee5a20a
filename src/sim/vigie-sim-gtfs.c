/* vigie-sim-gtfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-gtfs"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "vigie-sim-render.h"
#include "vigie-sim-ter.h"

/* The static GTFS of the simulated trams: the real lines, stops and shapes
 * with a timetable generated from the real departures per hour, under a
 * calendar that never expires (a demo must not go dark when a real
 * timetable's season ends). Written as a zip of deflated members, with a
 * fixed date on every member so that the bytes never depend on the clock. */

static const char * const service_ids[] = { "SEMAINE", "SAMEDI", "DIMANCHE" };

static guint32 crc_table[256];

static gpointer
init_crc_table (gpointer data)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      crc_table[n] = c;
    }

  return NULL;
}

static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  static GOnce once = G_ONCE_INIT;
  guint32 c = 0xFFFFFFFFu;

  g_once (&once, init_crc_table, NULL);
  for (gsize i = 0; i < length; i++)
    c = crc_table[(c ^ data[i]) & 0xFF] ^ (c >> 8);

  return c ^ 0xFFFFFFFFu;
}

static void
put16 (GByteArray *out,
       guint       value)
{
  guint8 b[2] = { value & 0xFF, (value >> 8) & 0xFF };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 b[4] = { value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, (value >> 24) & 0xFF };

  g_byte_array_append (out, b, 4);
}

static GBytes *
deflate_raw (const guint8 *data,
             gsize         length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 6);
  g_autoptr(GByteArray) out = g_byte_array_sized_new (length / 4 + 64);
  guint8 buffer[16384];
  gsize read_total = 0;
  GConverterResult result;

  do
    {
      gsize bytes_read = 0, bytes_written = 0;
      g_autoptr(GError) error = NULL;

      result = g_converter_convert (G_CONVERTER (compressor), data + read_total, length - read_total,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, &error);
      if (result == G_CONVERTER_ERROR)
        {
          g_critical ("Cannot deflate: %s", error->message);
          return NULL;
        }
      read_total += bytes_read;
      g_byte_array_append (out, buffer, bytes_written);
    }
  while (result != G_CONVERTER_FINISHED);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  GByteArray *data;
  GByteArray *directory;
  guint       n_members;
} Zip;

/* 2020-01-01 00:00, in MS-DOS format. */
#define DOS_TIME 0
#define DOS_DATE (((2020 - 1980) << 9) | (1 << 5) | 1)

static void
zip_add (Zip        *zip,
         const char *name,
         GString    *content)
{
  guint32 crc = crc32 ((const guint8 *) content->str, content->len);
  g_autoptr(GBytes) packed = deflate_raw ((const guint8 *) content->str, content->len);
  gsize packed_size = packed != NULL ? g_bytes_get_size (packed) : 0;
  guint32 offset = zip->data->len;
  gsize name_length = strlen (name);

  put32 (zip->data, 0x04034b50);
  put16 (zip->data, 20);              /* version needed: 2.0 */
  put16 (zip->data, 0x0800);          /* names in UTF-8 */
  put16 (zip->data, 8);               /* deflate */
  put16 (zip->data, DOS_TIME);
  put16 (zip->data, DOS_DATE);
  put32 (zip->data, crc);
  put32 (zip->data, packed_size);
  put32 (zip->data, content->len);
  put16 (zip->data, name_length);
  put16 (zip->data, 0);
  g_byte_array_append (zip->data, (const guint8 *) name, name_length);
  if (packed != NULL)
    g_byte_array_append (zip->data, g_bytes_get_data (packed, NULL), packed_size);

  put32 (zip->directory, 0x02014b50);
  put16 (zip->directory, 20);         /* made by: MS-DOS, 2.0 */
  put16 (zip->directory, 20);
  put16 (zip->directory, 0x0800);
  put16 (zip->directory, 8);
  put16 (zip->directory, DOS_TIME);
  put16 (zip->directory, DOS_DATE);
  put32 (zip->directory, crc);
  put32 (zip->directory, packed_size);
  put32 (zip->directory, content->len);
  put16 (zip->directory, name_length);
  put16 (zip->directory, 0);          /* extra */
  put16 (zip->directory, 0);          /* comment */
  put16 (zip->directory, 0);          /* disk */
  put16 (zip->directory, 0);          /* internal attributes */
  put32 (zip->directory, 0);          /* external attributes */
  put32 (zip->directory, offset);
  g_byte_array_append (zip->directory, (const guint8 *) name, name_length);

  zip->n_members++;
  g_string_truncate (content, 0);
}

static GBytes *
zip_finish (Zip *zip)
{
  guint32 directory_offset = zip->data->len;
  guint32 directory_size = zip->directory->len;

  g_byte_array_append (zip->data, zip->directory->data, zip->directory->len);
  put32 (zip->data, 0x06054b50);
  put16 (zip->data, 0);
  put16 (zip->data, 0);
  put16 (zip->data, zip->n_members);
  put16 (zip->data, zip->n_members);
  put32 (zip->data, directory_size);
  put32 (zip->data, directory_offset);
  put16 (zip->data, 0);

  g_byte_array_unref (zip->directory);

  return g_byte_array_free_to_bytes (zip->data);
}

/* CSV fields of ours never hold commas or quotes, but stop names could. */
static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_coordinate (GString *out,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
}

static void
append_point (GString *out,
              double   lat,
              double   lon)
{
  append_coordinate (out, lat);
  g_string_append_c (out, ',');
  append_coordinate (out, lon);
}

/* The columns stops.txt begins with: stop_id,stop_name,stop_lat,stop_lon */
static void
append_stop (GString    *out,
             const char *id,
             const char *name,
             double      lat,
             double      lon)
{
  append_field (out, id);
  g_string_append_c (out, ',');
  append_field (out, name);
  g_string_append_c (out, ',');
  append_point (out, lat, lon);
}

static void
append_hms (GString *out,
            int      seconds)
{
  g_string_append_printf (out, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

GBytes *
vigie_sim_render_gtfs (const VigieSimCity    *city,
                       const VigieSimContext *context)
{
  Zip zip = { g_byte_array_new (), g_byte_array_new (), 0 };
  GString *out = g_string_sized_new (1 << 20);
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (city != NULL, NULL);

  g_string_append (out, "agency_id,agency_name,agency_url,agency_timezone,agency_lang\n"
                        "SOLEA-SIMULE,Soléa,https://www.solea.info,Europe/Paris,fr\n");
  zip_add (&zip, "agency.txt", out);

  g_string_append (out, "feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date,feed_version\n"
                        "Vigie — simulateur (données simulées),https://github.com/vigie-app/vigie,fr,20200101,20991231,");
  g_string_append_printf (out, "simule-%" G_GUINT64_FORMAT "\n", context->seed);
  zip_add (&zip, "feed_info.txt", out);

  g_string_append (out, "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                        "SEMAINE,1,1,1,1,1,0,0,20200101,20991231\n"
                        "SAMEDI,0,0,0,0,0,1,0,20200101,20991231\n"
                        "DIMANCHE,0,0,0,0,0,0,1,20200101,20991231\n");
  zip_add (&zip, "calendar.txt", out);

  g_string_append (out, "route_id,agency_id,route_short_name,route_long_name,route_type,route_color,route_text_color,route_sort_order\n");
  for (guint l = 0; l < city->lines->len; l++)
    {
      const VigieSimLine *line = g_ptr_array_index (city->lines, l);

      /* No "(simulé)" in the data: a French word in any language; the
       * feed's own name says the demo is simulated. */
      g_string_append_printf (out, "%s,SOLEA-SIMULE,", line->id);
      append_field (out, line->short_name);
      g_string_append_c (out, ',');
      append_field (out, line->long_name);
      g_string_append_printf (out, ",0,%s,%s,%u\n", line->color, line->text_color, l + 1);
    }
  zip_add (&zip, "routes.txt", out);

  g_string_append (out, "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,wheelchair_boarding\n");
  for (guint i = 0; i < city->stops->len; i++)
    {
      const VigieSimStop *stop = g_ptr_array_index (city->stops, i);

      /* Parent stations at their first platform, for the stops that have one. */
      if (stop->parent[0] != '\0' && !g_hash_table_contains (parents, stop->parent))
        {
          g_hash_table_add (parents, stop->parent);
          append_stop (out, stop->parent, stop->name, stop->lat, stop->lon);
          g_string_append (out, ",1,,1\n");
        }

      append_stop (out, stop->id, stop->name, stop->lat, stop->lon);
      g_string_append (out, ",0,");
      append_field (out, stop->parent);
      g_string_append (out, ",1\n");
    }
  zip_add (&zip, "stops.txt", out);

  g_string_append (out, "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence,shape_dist_traveled\n");
  for (guint l = 0; l < city->lines->len; l++)
    {
      const VigieSimLine *line = g_ptr_array_index (city->lines, l);

      for (guint dir = 0; dir < line->n_directions; dir++)
        {
          const VigieSimDirection *d = &line->directions[dir];

          for (guint i = 0; i < d->n_shape; i++)
            {
              g_string_append_printf (out, "%s-%u,", line->id, dir);
              append_point (out, d->shape[i].lat, d->shape[i].lon);
              g_string_append_printf (out, ",%u,%u\n", i + 1, (guint) d->shape_dist[i]);
            }
        }
    }
  zip_add (&zip, "shapes.txt", out);

  g_string_append (out, "route_id,service_id,trip_id,trip_headsign,direction_id,shape_id,wheelchair_accessible\n");
  for (guint l = 0; l < city->lines->len; l++)
    {
      const VigieSimLine *line = g_ptr_array_index (city->lines, l);

      for (guint day = 0; day < G_N_ELEMENTS (service_ids); day++)
        for (guint dir = 0; dir < line->n_directions; dir++)
          {
            g_autoptr(GArray) departures = vigie_sim_departures (line, dir, day);

            for (guint k = 0; k < departures->len; k++)
              {
                char trip_id[48];

                vigie_sim_format_trip_id (trip_id, sizeof trip_id, line, dir, day,
                                          g_array_index (departures, int, k));
                g_string_append_printf (out, "%s,%s,%s,", line->id, service_ids[day], trip_id);
                append_field (out, line->directions[dir].headsign);
                g_string_append_printf (out, ",%u,%s-%u,1\n", dir, line->id, dir);
              }
          }
    }
  zip_add (&zip, "trips.txt", out);

  g_string_append (out, "trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled,timepoint\n");
  for (guint l = 0; l < city->lines->len; l++)
    {
      const VigieSimLine *line = g_ptr_array_index (city->lines, l);

      for (guint day = 0; day < G_N_ELEMENTS (service_ids); day++)
        for (guint dir = 0; dir < line->n_directions; dir++)
          {
            const VigieSimDirection *d = &line->directions[dir];
            g_autoptr(GArray) departures = vigie_sim_departures (line, dir, day);

            for (guint k = 0; k < departures->len; k++)
              {
                int departure = g_array_index (departures, int, k);
                char trip_id[48];

                vigie_sim_format_trip_id (trip_id, sizeof trip_id, line, dir, day, departure);
                for (guint i = 0; i < d->n_stops; i++)
                  {
                    const VigieSimStop *stop = g_ptr_array_index (city->stops, d->stops[i]);

                    g_string_append_printf (out, "%s,", trip_id);
                    append_hms (out, departure + d->arrival_offset[i]);
                    g_string_append_c (out, ',');
                    append_hms (out, departure + d->arrival_offset[i] + d->dwell[i]);
                    g_string_append_printf (out, ",%s,%u,%u,1\n", stop->id, i + 1, (guint) d->stop_dist[i]);
                  }
              }
          }
    }
  zip_add (&zip, "stop_times.txt", out);

  g_string_free (out, TRUE);

  return zip_finish (&zip);
}

/**
 * vigie_sim_zip_texts:
 * @names: (array length=n_members): the members' names
 * @contents: (array length=n_members): their text, emptied
 *
 * Returns: (transfer full): a zip of them, as the trams' GTFS is written
 */
GBytes *
vigie_sim_zip_texts (const char * const  *names,
                     GString            **contents,
                     guint                n_members)
{
  Zip zip = { g_byte_array_new (), g_byte_array_new (), 0 };

  for (guint i = 0; i < n_members; i++)
    zip_add (&zip, names[i], contents[i]);

  return zip_finish (&zip);
}
