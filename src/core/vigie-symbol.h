/* vigie-symbol.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How one thing is drawn on the map, decided by a pure style function
 * (vigie-style.h) and drawn by the map layer and the legend alike. Plain
 * data with no GTK types, so that styling is tested without a display;
 * two equal symbols draw the same pixels, which is what the layer caches
 * its textures on. */

typedef enum
{
  VIGIE_SYMBOL_SHAPE_CIRCLE,
  VIGIE_SYMBOL_SHAPE_SQUARE,
  VIGIE_SYMBOL_SHAPE_DIAMOND,
  VIGIE_SYMBOL_SHAPE_TRIANGLE,
  VIGIE_SYMBOL_SHAPE_GAUGE,     /* a ring filled clockwise by fraction */
  VIGIE_SYMBOL_SHAPE_ARROW,     /* a vehicle pointing to its bearing */
  VIGIE_SYMBOL_SHAPE_CLUSTER,   /* a double ring: several things at once */
} VigieSymbolShape;

/* A marking on top of the shape, so that states differ by more than
 * colour. */
typedef enum
{
  VIGIE_SYMBOL_MARK_NONE,
  VIGIE_SYMBOL_MARK_LOW,        /* a small triangle pointing down, at the bottom */
  VIGIE_SYMBOL_MARK_HIGH,       /* a small triangle pointing up, at the top */
  VIGIE_SYMBOL_MARK_CROSS,      /* an X across the shape: out of service */
  VIGIE_SYMBOL_MARK_BAR,        /* a bar across the shape: no entry (not returning) */
} VigieSymbolMark;

/* What the layer is about, drawn inside the shape so that two layers
 * using the same shape are told apart at a glance. */
typedef enum
{
  VIGIE_SYMBOL_GLYPH_NONE,
  VIGIE_SYMBOL_GLYPH_BIKE,
  VIGIE_SYMBOL_GLYPH_CAR,
  VIGIE_SYMBOL_GLYPH_PARKING,
  VIGIE_SYMBOL_GLYPH_WIFI,
  VIGIE_SYMBOL_GLYPH_TRAM,
  VIGIE_SYMBOL_GLYPH_TRAIN,
} VigieSymbolGlyph;

#define VIGIE_SYMBOL_LABEL_MAX 12

typedef struct
{
  VigieSymbolShape shape;
  VigieSymbolMark  mark;
  guint32          fill;        /* 0xRRGGBBAA */
  guint32          stroke;      /* 0xRRGGBBAA */
  double           size;        /* outer diameter, logical pixels */
  double           fraction;    /* 0..1 for gauges and clusters, < 0 when none */
  double           bearing;     /* degrees clockwise from north, for arrows; < 0 when unknown */
  gboolean         hatched;     /* diagonal lines over the fill: unavailable */
  gboolean         dashed;      /* a dashed outline: unknown */
  double           opacity;     /* 0..1 */
  VigieSymbolGlyph glyph;       /* the layer's pictogram, inside the shape */
  gboolean         outdated;    /* a clock badge: its data is older than its limit */
  char             label[VIGIE_SYMBOL_LABEL_MAX]; /* short text inside: a count, a line number */
} VigieSymbol;

#define VIGIE_RGBA_RED(c)   ((((c) >> 24) & 0xff) / 255.0)
#define VIGIE_RGBA_GREEN(c) ((((c) >> 16) & 0xff) / 255.0)
#define VIGIE_RGBA_BLUE(c)  ((((c) >>  8) & 0xff) / 255.0)
#define VIGIE_RGBA_ALPHA(c) ((((c)      ) & 0xff) / 255.0)

void      vigie_symbol_init        (VigieSymbol       *symbol);
void      vigie_symbol_set_label   (VigieSymbol       *symbol,
                                    const char        *label);
guint     vigie_symbol_hash        (gconstpointer      symbol);
gboolean  vigie_symbol_equal       (gconstpointer      a,
                                    gconstpointer      b);
guint32   vigie_symbol_text_color  (guint32            background);
double    vigie_symbol_luminance   (guint32            rgba);
double    vigie_symbol_contrast    (guint32            a,
                                    guint32            b);

G_END_DECLS
