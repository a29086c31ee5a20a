/* vigie-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a feed is about: it decides the layer that shows it and how
 * quickly its data gets old. */
typedef enum
{
  VIGIE_FEED_KIND_TRAMS,
  VIGIE_FEED_KIND_BIKES,
  VIGIE_FEED_KIND_CAR_SHARE,
  VIGIE_FEED_KIND_PARKING,
  VIGIE_FEED_KIND_WIFI,
  /* Last, so that the numbers saved for the others stay theirs. */
  VIGIE_FEED_KIND_TRAINS,
} VigieFeedKind;

#define VIGIE_N_FEED_KINDS (VIGIE_FEED_KIND_TRAINS + 1)

/* How old data is, for a feed or one of its items. */
typedef enum
{
  VIGIE_FRESHNESS_NO_DATA,
  VIGIE_FRESHNESS_FRESH,
  VIGIE_FRESHNESS_AGEING,
  VIGIE_FRESHNESS_STALE,
} VigieFreshness;

typedef struct _VigieContext      VigieContext;
typedef struct _VigieEntity       VigieEntity;
typedef struct _VigieFeed         VigieFeed;
typedef struct _VigieFeedManager  VigieFeedManager;
typedef struct _VigieHttpClient   VigieHttpClient;
typedef struct _VigieSnapshot     VigieSnapshot;
typedef struct _VigieStore        VigieStore;

G_END_DECLS
