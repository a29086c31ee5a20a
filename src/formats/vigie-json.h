/* vigie-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects read; real feeds stay under 10. */
#define VIGIE_JSON_MAX_DEPTH 64

/* Most members of one object read; real feeds' objects have tens (a
 * language's or a vehicle type's entries), their lists are arrays. */
#define VIGIE_JSON_MAX_MEMBERS 10000

/* Tolerant readers for the JSON that real feeds publish: numbers as
 * strings, booleans as 0/1, ids as numbers, timestamps as POSIX seconds or
 * RFC 3339 text. Each returns FALSE (or NULL) when the member is missing
 * or unusable, so parsers can skip a record with a warning. */

JsonNode   *vigie_json_parse_bytes     (GBytes      *bytes,
                                        GError     **error);
gboolean    vigie_json_get_int         (JsonObject  *object,
                                        const char  *member,
                                        gint64      *value);
gboolean    vigie_json_get_double      (JsonObject  *object,
                                        const char  *member,
                                        double      *value);
gboolean    vigie_json_node_get_double (JsonNode    *node,
                                        double      *value);
gboolean    vigie_json_get_boolean     (JsonObject  *object,
                                        const char  *member,
                                        gboolean    *value);
const char *vigie_json_get_string      (JsonObject  *object,
                                        const char  *member);
char       *vigie_json_dup_id          (JsonObject  *object,
                                        const char  *member);
gboolean    vigie_json_get_timestamp   (JsonObject  *object,
                                        const char  *member,
                                        gint64      *unix_time);
gboolean    vigie_json_parse_time      (const char  *text,
                                        gint64      *unix_time);
gboolean    vigie_json_parse_duration  (const char  *text,
                                        gint64      *seconds);
char       *vigie_json_dup_localized   (JsonObject  *object,
                                        const char  *member,
                                        const char  *language);
JsonNode   *vigie_json_get_member      (JsonObject  *object,
                                        const char  *member);
JsonObject *vigie_json_get_object      (JsonObject  *object,
                                        const char  *member);
JsonArray  *vigie_json_get_array       (JsonObject  *object,
                                        const char  *member);

G_END_DECLS
