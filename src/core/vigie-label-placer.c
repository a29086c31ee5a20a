/* vigie-label-placer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-label-placer.h"

/* Names on the map, without GTK: where each one goes, which ones give way,
 * and how a long one is broken into lines.
 *
 * Placement is greedy by importance, as map labelling usually is: the most
 * important name takes the best of its places (below its symbol, then
 * above, right, left) that overlaps no name already placed and no other
 * symbol; a name with no free place is left out, never drawn over
 * another. */

gboolean
vigie_label_rects_overlap (const VigieLabelRect *a,
                           const VigieLabelRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static int
compare_importance (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const VigieLabel *labels = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  if (labels[ia].importance != labels[ib].importance)
    return labels[ia].importance > labels[ib].importance ? -1 : 1;

  /* Equal ones in their given order: the same wins from frame to frame. */
  return ia < ib ? -1 : ia > ib;
}

static void
candidate (const VigieLabel *label,
           guint             position,
           double            gap,
           VigieLabelRect   *rect)
{
  rect->width = label->width;
  rect->height = label->height;

  switch (position)
    {
    case 0:   /* below */
      rect->x = label->x - label->width / 2;
      rect->y = label->y + label->radius + gap;
      break;
    case 1:   /* above */
      rect->x = label->x - label->width / 2;
      rect->y = label->y - label->radius - gap - label->height;
      break;
    case 2:   /* right */
      rect->x = label->x + label->radius + gap;
      rect->y = label->y - label->height / 2;
      break;
    default:  /* left */
      rect->x = label->x - label->radius - gap - label->width;
      rect->y = label->y - label->height / 2;
      break;
    }
}

static gboolean
is_free (const VigieLabelRect *rect,
         const VigieLabelRect *bounds,
         const VigieLabel     *labels,
         const guint          *placed,
         guint                 n_placed,
         const VigieLabelRect *obstacles,
         guint                 n_obstacles,
         const VigieLabel     *self)
{
  /* A name cut by the edge of the map is no better than one cut short. */
  if (bounds != NULL &&
      (rect->x < bounds->x || rect->y < bounds->y ||
       rect->x + rect->width > bounds->x + bounds->width ||
       rect->y + rect->height > bounds->y + bounds->height))
    return FALSE;

  for (guint i = 0; i < n_placed; i++)
    if (vigie_label_rects_overlap (rect, &labels[placed[i]].rect))
      return FALSE;

  for (guint i = 0; i < n_obstacles; i++)
    {
      const VigieLabelRect *o = &obstacles[i];

      /* One centred on its point is its own symbol: not in its way. */
      if (fabs (o->x + o->width / 2 - self->x) < 0.5 && fabs (o->y + o->height / 2 - self->y) < 0.5)
        continue;
      if (vigie_label_rects_overlap (rect, o))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_repeat (const VigieLabel *label,
           const VigieLabel *labels,
           const guint      *placed,
           guint             n_placed)
{
  if (label->text == NULL)
    return FALSE;

  for (guint i = 0; i < n_placed; i++)
    {
      const VigieLabel *other = &labels[placed[i]];

      if (other->text != NULL && g_str_equal (other->text, label->text) &&
          hypot (other->x - label->x, other->y - label->y) < VIGIE_LABEL_REPEAT_DISTANCE_PX)
        return TRUE;
    }

  return FALSE;
}

/**
 * vigie_label_place:
 * @labels: (array length=n_labels): the names to write
 * @n_labels: how many
 * @obstacles: (array length=n_obstacles) (nullable): what no name may
 *   cover, such as the symbols, each centred on its item
 * @n_obstacles: how many
 * @bounds: (nullable): where the names must stay whole, the map's area
 * @gap: between a symbol and its name, px
 *
 * Sets @placed and @rect of each label. No two placed labels overlap, and
 * the same text is not written twice within
 * %VIGIE_LABEL_REPEAT_DISTANCE_PX.
 *
 * Returns: how many were placed
 */
guint
vigie_label_place (VigieLabel           *labels,
                   guint                 n_labels,
                   const VigieLabelRect *obstacles,
                   guint                 n_obstacles,
                   const VigieLabelRect *bounds,
                   double                gap)
{
  g_autofree guint *order = g_new (guint, MAX (n_labels, 1));
  g_autofree guint *placed = g_new (guint, MAX (n_labels, 1));
  guint n_placed = 0;

  for (guint i = 0; i < n_labels; i++)
    {
      order[i] = i;
      labels[i].placed = FALSE;
    }
  g_qsort_with_data (order, n_labels, sizeof (guint), compare_importance, labels);

  for (guint i = 0; i < n_labels; i++)
    {
      VigieLabel *label = &labels[order[i]];

      if (is_repeat (label, labels, placed, n_placed))
        continue;

      for (guint position = 0; position < 4; position++)
        {
          VigieLabelRect rect;

          candidate (label, position, gap, &rect);
          if (is_free (&rect, bounds, labels, placed, n_placed, obstacles, n_obstacles, label))
            {
              label->rect = rect;
              label->placed = TRUE;
              placed[n_placed++] = order[i];
              break;
            }
        }
    }

  return n_placed;
}

/**
 * vigie_label_fit:
 * @text: a name, as the feed gives it
 * @max_width: the width of a line, px
 * @max_lines: at most this many lines
 * @measure: the width of a piece of text, px
 * @user_data: for @measure
 * @shortened: (out) (optional): whether words were left out
 *
 * Breaks @text into lines between words. Words that do not fit in
 * @max_lines are left out and "…" marks it; a word is never cut, even one
 * wider than a line. The text is otherwise as given: no case changed.
 *
 * Returns: (transfer full): the lines, joined by "\n"
 */
char *
vigie_label_fit (const char        *text,
                 double             max_width,
                 guint              max_lines,
                 VigieLabelMeasure  measure,
                 gpointer           user_data,
                 gboolean          *shortened)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) result = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  guint n_lines = 1;
  guint i;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (measure != NULL, NULL);

  if (shortened != NULL)
    *shortened = FALSE;
  max_lines = MAX (max_lines, 1);

  words = g_strsplit_set (text, " \t\n", -1);

  for (i = 0; words[i] != NULL; i++)
    {
      g_autofree char *candidate_line = NULL;

      if (words[i][0] == '\0')
        continue;

      if (line->len == 0)
        {
          g_string_append (line, words[i]);
          continue;
        }

      candidate_line = g_strconcat (line->str, " ", words[i], NULL);
      if (measure (candidate_line, user_data) <= max_width)
        {
          g_string_assign (line, candidate_line);
          continue;
        }

      if (n_lines == max_lines)
        break;

      g_string_append (result, line->str);
      g_string_append_c (result, '\n');
      g_string_assign (line, words[i]);
      n_lines++;
    }

  if (words[i] != NULL)
    {
      /* Words left over: mark it after the last whole word that fits. */
      g_autofree char *marked = g_strconcat (line->str, "…", NULL);

      while (measure (marked, user_data) > max_width && strchr (line->str, ' ') != NULL)
        {
          g_string_truncate (line, strrchr (line->str, ' ') - line->str);
          g_free (marked);
          marked = g_strconcat (line->str, "…", NULL);
        }
      g_string_assign (line, marked);
      if (shortened != NULL)
        *shortened = TRUE;
    }

  g_string_append (result, line->str);

  return g_string_free (g_steal_pointer (&result), FALSE);
}
