/* vigie-symbol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-symbol"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-symbol.h"

void
vigie_symbol_init (VigieSymbol *symbol)
{
  g_return_if_fail (symbol != NULL);

  /* Zeroed first: the hash reads the label's bytes up to its end. */
  memset (symbol, 0, sizeof *symbol);
  symbol->shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
  symbol->mark = VIGIE_SYMBOL_MARK_NONE;
  symbol->fill = 0x999999ff;
  symbol->stroke = 0xffffffff;
  symbol->size = 12.0;
  symbol->fraction = -1.0;
  symbol->bearing = -1.0;
  symbol->opacity = 1.0;
}

/**
 * vigie_symbol_set_label:
 * @symbol: a #VigieSymbol
 * @label: (nullable): a short text, cut at a character boundary when too long
 */
void
vigie_symbol_set_label (VigieSymbol *symbol,
                        const char  *label)
{
  const char *end;

  g_return_if_fail (symbol != NULL);

  memset (symbol->label, 0, sizeof symbol->label);
  if (label == NULL)
    return;

  /* Never cut a UTF-8 sequence in two. */
  end = label;
  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if ((gsize) (next - label) >= sizeof symbol->label)
        break;
      end = next;
    }
  memcpy (symbol->label, label, end - label);
}

static guint
hash_double (double value)
{
  /* Symbols are compared on what they draw: a tenth of a pixel or of a
   * degree does not change a pixel. */
  return (guint) (gint64) llround (value * 10.0);
}

guint
vigie_symbol_hash (gconstpointer data)
{
  const VigieSymbol *symbol = data;
  guint hash = 17;

  hash = hash * 31 + symbol->shape;
  hash = hash * 31 + symbol->mark;
  hash = hash * 31 + symbol->fill;
  hash = hash * 31 + symbol->stroke;
  hash = hash * 31 + hash_double (symbol->size);
  hash = hash * 31 + hash_double (symbol->fraction * 100.0);
  hash = hash * 31 + hash_double (symbol->bearing);
  hash = hash * 31 + (symbol->hatched ? 1 : 0);
  hash = hash * 31 + (symbol->dashed ? 1 : 0);
  hash = hash * 31 + hash_double (symbol->opacity * 100.0);
  hash = hash * 31 + symbol->glyph;
  hash = hash * 31 + (symbol->outdated ? 1 : 0);
  hash = hash * 31 + g_str_hash (symbol->label);

  return hash;
}

gboolean
vigie_symbol_equal (gconstpointer a,
                    gconstpointer b)
{
  const VigieSymbol *sa = a;
  const VigieSymbol *sb = b;

  return sa->shape == sb->shape &&
         sa->mark == sb->mark &&
         sa->fill == sb->fill &&
         sa->stroke == sb->stroke &&
         hash_double (sa->size) == hash_double (sb->size) &&
         hash_double (sa->fraction * 100.0) == hash_double (sb->fraction * 100.0) &&
         hash_double (sa->bearing) == hash_double (sb->bearing) &&
         !sa->hatched == !sb->hatched &&
         !sa->dashed == !sb->dashed &&
         hash_double (sa->opacity * 100.0) == hash_double (sb->opacity * 100.0) &&
         sa->glyph == sb->glyph &&
         !sa->outdated == !sb->outdated &&
         strcmp (sa->label, sb->label) == 0;
}

static double
linearize (double channel)
{
  return channel <= 0.03928 ? channel / 12.92 : pow ((channel + 0.055) / 1.055, 2.4);
}

/**
 * vigie_symbol_luminance:
 * @rgba: a colour, 0xRRGGBBAA
 *
 * Returns: the relative luminance of @rgba as WCAG defines it, 0..1
 */
double
vigie_symbol_luminance (guint32 rgba)
{
  return 0.2126 * linearize (VIGIE_RGBA_RED (rgba)) +
         0.7152 * linearize (VIGIE_RGBA_GREEN (rgba)) +
         0.0722 * linearize (VIGIE_RGBA_BLUE (rgba));
}

/**
 * vigie_symbol_contrast:
 * @a: a colour
 * @b: another colour
 *
 * Returns: the WCAG contrast ratio of @a and @b, 1..21
 */
double
vigie_symbol_contrast (guint32 a,
                       guint32 b)
{
  double la = vigie_symbol_luminance (a);
  double lb = vigie_symbol_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * vigie_symbol_text_color:
 * @background: the colour text is drawn on
 *
 * Returns: black or white, whichever reads better on @background
 */
guint32
vigie_symbol_text_color (guint32 background)
{
  return vigie_symbol_contrast (background, 0x000000ff) >= vigie_symbol_contrast (background, 0xffffffff)
         ? 0x000000ff : 0xffffffff;
}
