/* vigie-datex2-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "vigie-format.h"

G_BEGIN_DECLS

/* What DATEX II's format (vigie-format-datex2.c), its XML reader
 * (vigie-datex2-xml.c) and its record reader (vigie-datex2-records.c)
 * share. */

/* A place from a table publication: a parking record or facility, or
 * one of its parking spaces. */
typedef struct
{
  char     *id;
  char     *name;
  char     *category;
  char     *parent;            /* a parking space's record, or NULL */
  double    latitude;
  double    longitude;
  GVariant *geometry;          /* a(dd): a street segment's line, or NULL */
  gint64    capacity;          /* -1: not given or a placeholder */
  gint64    time;              /* 0: unknown */
  gboolean  spot;              /* one sensed parking space */
} Site;

/* A status record, of a site or of one of its parking spaces. */
typedef struct
{
  char     *id;
  char     *name;              /* its own, for a status without a table, or NULL */
  double    latitude;          /* its own, or NAN */
  double    longitude;
  gint64    time;
  gint64    vacant;            /* -1: not given */
  gint64    occupied;
  gint64    capacity;          /* an override of the table's, or -1 */
  double    raw_occupancy;     /* as written, NAN if absent */
  double    occupancy;         /* 0–1, NAN if absent or ambiguous */
  char     *status;
  gboolean  spot;
} Status;

/* The payload of each snapshot that parse() returns. */
typedef struct
{
  GPtrArray *sites;            /* of Site */
  GPtrArray *statuses;         /* of Status */
} Document;

typedef struct
{
  VigieSnapshot           *snapshot;
  const VigieParseContext *context;
  Document                *document;
  gint64                   publication_time;
  gboolean                 warned_zone;
} Parser;

/* XML and values */
gboolean  vigie_datex2_is_element         (xmlNode            *node,
                                           const char         *name);
gboolean  vigie_datex2_is_element_any     (xmlNode            *node,
                                           const char * const *names);
gboolean  vigie_datex2_is_indexed         (xmlNode            *node);
xmlNode  *vigie_datex2_find_child         (xmlNode            *parent,
                                           const char         *name);
xmlNode  *vigie_datex2_find_child_any     (xmlNode            *parent,
                                           const char * const *names);
xmlNode  *vigie_datex2_find_descendant    (xmlNode            *node,
                                           const char         *name);
xmlNode  *vigie_datex2_find_own           (xmlNode            *node,
                                           const char * const *names);
void      vigie_datex2_collect_any        (xmlNode            *node,
                                           const char * const *names,
                                           GPtrArray          *found);
gboolean  vigie_datex2_has_element_children (xmlNode          *node);
char     *vigie_datex2_dup_text           (xmlNode            *node);
char     *vigie_datex2_dup_attribute      (xmlNode            *node,
                                           const char         *name);
gboolean  vigie_datex2_read_double        (xmlNode            *node,
                                           double             *value);
gboolean  vigie_datex2_read_boolean       (xmlNode            *node,
                                           gboolean           *value);
char     *vigie_datex2_dup_multilingual   (xmlNode            *node,
                                           const char         *language);
gint64    vigie_datex2_read_time          (Parser             *parser,
                                           xmlNode            *node);
gint64    vigie_datex2_read_count         (Parser             *parser,
                                           xmlNode            *node,
                                           const char         *id);
gint64    vigie_datex2_read_capacity      (Parser             *parser,
                                           xmlNode            *node,
                                           const char         *id);
char     *vigie_datex2_normalize_status   (const char         *site_status,
                                           const char         *opening_status);

/* Records */
void      vigie_datex2_site_free          (Site               *site);
void      vigie_datex2_status_free        (Status             *status);
void      vigie_datex2_read_site          (Parser             *parser,
                                           xmlNode            *record,
                                           guint               index);
void      vigie_datex2_read_status        (Parser             *parser,
                                           xmlNode            *record,
                                           guint               index);
void      vigie_datex2_scale_occupancies  (Parser             *parser);

G_END_DECLS
