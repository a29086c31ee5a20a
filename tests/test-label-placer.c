/* test-label-placer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-label-placer.h"

/* Names on the map: none over another, the important ones kept, none cut
 * in the middle of a word. */

/* 7 px a character, as a monospace font would be. */
static double
measure (const char *text,
         gpointer    user_data)
{
  return 7.0 * g_utf8_strlen (text, -1);
}

static void
assert_no_overlap (const VigieLabel *labels,
                   guint             n)
{
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (labels[i].placed && labels[j].placed)
        g_assert_false (vigie_label_rects_overlap (&labels[i].rect, &labels[j].rect));
}

static void
test_no_overlap (void)
{
  VigieLabel labels[200];
  VigieLabelRect screen = { 0, 0, 480, 360 };
  GRand *rand = g_rand_new_with_seed (42);
  guint placed;

  /* A dense crowd of names on a 480×360 screen. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      labels[i] = (VigieLabel) {
        .x = g_rand_double_range (rand, 0, 480),
        .y = g_rand_double_range (rand, 0, 360),
        .radius = 8,
        .width = g_rand_double_range (rand, 30, 160),
        .height = 16,
        .importance = g_rand_int_range (rand, 0, 10),
      };
    }

  placed = vigie_label_place (labels, G_N_ELEMENTS (labels), NULL, 0, &screen, 2);
  g_test_message ("%u of %u placed", placed, (guint) G_N_ELEMENTS (labels));
  g_assert_cmpuint (placed, >, 10);
  g_assert_cmpuint (placed, <, G_N_ELEMENTS (labels));
  assert_no_overlap (labels, G_N_ELEMENTS (labels));

  /* None cut by the edge of the screen. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (labels[i].placed)
      {
        g_assert_cmpfloat (labels[i].rect.x, >=, 0);
        g_assert_cmpfloat (labels[i].rect.y, >=, 0);
        g_assert_cmpfloat (labels[i].rect.x + labels[i].rect.width, <=, 480);
        g_assert_cmpfloat (labels[i].rect.y + labels[i].rect.height, <=, 360);
      }
  g_rand_free (rand);
}

static void
test_importance (void)
{
  /* Symbols side by side: the most important name takes the best place,
   * whatever the order, the others what is left, the last no room. */
  VigieLabel labels[4] = {
    { .x = 100, .y = 100, .radius = 8, .width = 120, .height = 16, .importance = 1 },
    { .x = 110, .y = 100, .radius = 8, .width = 120, .height = 16, .importance = 5 },
    { .x = 105, .y = 100, .radius = 8, .width = 120, .height = 16, .importance = 3 },
    { .x = 105, .y = 100, .radius = 8, .width = 120, .height = 16, .importance = 0 },
  };
  VigieLabelRect symbols[4] = {
    { 92, 92, 16, 16 }, { 102, 92, 16, 16 }, { 97, 92, 16, 16 }, { 97, 92, 16, 16 },
  };

  g_assert_cmpuint (vigie_label_place (labels, 4, symbols, 4, NULL, 2), ==, 3);
  assert_no_overlap (labels, 4);

  /* The most important: below its symbol, its best place. */
  g_assert_true (labels[1].placed);
  g_assert_cmpfloat (labels[1].rect.y, ==, 110);
  g_assert_cmpfloat (labels[1].rect.x, ==, 50);
  /* The next: above; then on the left, clear of the other symbols. */
  g_assert_true (labels[2].placed);
  g_assert_cmpfloat (labels[2].rect.y + labels[2].rect.height, <=, 92);
  g_assert_true (labels[0].placed);
  g_assert_cmpfloat (labels[0].rect.x + labels[0].rect.width, <=, 92);
  /* The least important: no room left, dropped rather than drawn over. */
  g_assert_false (labels[3].placed);

  /* No name over another symbol. */
  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      if (labels[i].placed && !(symbols[j].x + 8 == labels[i].x && symbols[j].y + 8 == labels[i].y))
        g_assert_false (vigie_label_rects_overlap (&labels[i].rect, &symbols[j]));
}

static void
test_repeat (void)
{
  /* Three platforms of one stop, and the same name across the town. */
  VigieLabel labels[4] = {
    { .x = 100, .y = 100, .radius = 4, .width = 80, .height = 16, .importance = 1, .text = "PORTE JEUNE" },
    { .x = 100, .y = 140, .radius = 4, .width = 80, .height = 16, .importance = 1, .text = "PORTE JEUNE" },
    { .x = 130, .y = 120, .radius = 4, .width = 80, .height = 16, .importance = 1, .text = "Porte Jeune" },
    { .x = 400, .y = 300, .radius = 4, .width = 80, .height = 16, .importance = 1, .text = "PORTE JEUNE" },
  };

  vigie_label_place (labels, 4, NULL, 0, NULL, 2);
  g_assert_true (labels[0].placed);
  g_assert_false (labels[1].placed);
  g_assert_true (labels[3].placed);
  assert_no_overlap (labels, 4);
}

static void
assert_whole_words (const char *original,
                    const char *fitted)
{
  g_auto(GStrv) words = g_strsplit_set (original, " ", -1);
  g_autofree char *flat = g_strdup (fitted);
  g_auto(GStrv) pieces = NULL;

  g_strdelimit (flat, "\n", ' ');
  pieces = g_strsplit (flat, " ", -1);

  /* Every word written is one of the name's, whole, in its order; only the
   * last may carry the mark. */
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_autofree char *word = g_strdup (pieces[i]);

      if (pieces[i + 1] == NULL && g_str_has_suffix (word, "…"))
        word[strlen (word) - strlen ("…")] = '\0';
      g_assert_nonnull (words[i]);
      g_assert_cmpstr (word, ==, words[i]);
    }
}

static void
test_fit (void)
{
  gboolean shortened;
  g_autofree char *short_name = vigie_label_fit ("Gare", 160, 2, measure, NULL, &shortened);
  g_autofree char *two_lines = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *one_word = NULL;
  g_autofree char *capitals = NULL;

  g_assert_cmpstr (short_name, ==, "Gare");
  g_assert_false (shortened);

  /* 35 characters, 245 px: on two lines, between words, nothing lost. */
  two_lines = vigie_label_fit ("Secteur Porte Jeune (simulé)", 160, 2, measure, NULL, &shortened);
  g_assert_cmpstr (two_lines, ==, "Secteur Porte Jeune\n(simulé)");
  g_assert_false (shortened);

  too_long = vigie_label_fit ("Parking relais Gare Centrale niveau moins deux côté Brustlein (simulé)",
                              160, 2, measure, NULL, &shortened);
  g_test_message ("%s", too_long);
  g_assert_true (shortened);
  g_assert_true (g_str_has_suffix (too_long, "…"));
  assert_whole_words ("Parking relais Gare Centrale niveau moins deux côté Brustlein (simulé)", too_long);
  {
    g_auto(GStrv) lines = g_strsplit (too_long, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 2);
    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpfloat (measure (lines[i], NULL), <=, 160);
  }

  /* A word wider than a line stays whole. */
  one_word = vigie_label_fit ("Hôtel-de-Ville-Porte-du-Miroir-Nord", 160, 2, measure, NULL, &shortened);
  g_assert_cmpstr (one_word, ==, "Hôtel-de-Ville-Porte-du-Miroir-Nord");

  /* As the feed gives it: no change of case. */
  capitals = vigie_label_fit ("CHATAIGNIER", 160, 2, measure, NULL, NULL);
  g_assert_cmpstr (capitals, ==, "CHATAIGNIER");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/label-placer/no-overlap", test_no_overlap);
  g_test_add_func ("/label-placer/importance", test_importance);
  g_test_add_func ("/label-placer/repeat", test_repeat);
  g_test_add_func ("/label-placer/fit", test_fit);

  return g_test_run ();
}
