/* vigie-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-search"

#include "config.h"

#include <string.h>

#include "vigie-search.h"
#include "vigie-hash.h"
#include "vigie-thread.h"

/* Finding a thing by name or id across the feeds, as French operators
 * type: without accents or capitals ("ile napoleon" finds "Île
 * Napoléon"), by words in any order, by line ("2", "ligne 2") or vehicle
 * number ("2149" finds "Rame 2149").
 *
 * Each feed's entities are folded once per update into one block of
 * text (a part), in a worker, and a query scans the parts, also in a
 * worker: the main thread only hands over the stores' arrays (references)
 * and takes the results. A part is kept until its store shows another
 * update; the next one copies the text of the things that did not change
 * (the same entity: a store keeps the objects of unchanged things) from
 * it rather than folding them again, so that the first key typed after an
 * update does not fold a whole city. */

#define MAX_TEXT 512

typedef struct
{
  VigieEntity *entity;
  guint        offset;     /* in the part's text: "<name>\x1f<id and the rest>" */
  guint        name_len;
  guint        len;
} Entry;

struct _VigieSearchPart
{
  char          *feed_id;
  char          *feed_name;
  VigieFeedKind  feed_kind;
  GArray        *entries;   /* Entry */
  GString       *text;      /* NUL-separated */
};

/*
 * Folding
 */

static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *decomposed = NULL;
  gboolean space = out->len == 0 || out->str[out->len - 1] == ' ';

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      c = g_unichar_tolower (c);

      /* Ligatures as typed; punctuation separates words. */
      if (c == 0x0153)
        g_string_append (out, "oe");
      else if (c == 0x00e6)
        g_string_append (out, "ae");
      else if (c == 0x00df)
        g_string_append (out, "ss");
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      space = FALSE;
    }
}

/**
 * vigie_search_fold:
 * @text: (nullable): any text
 *
 * Returns: (transfer full): @text as searched: lower case, without
 *   accents, punctuation as spaces, spaces single and not at the ends
 */
char *
vigie_search_fold (const char *text)
{
  GString *out = g_string_new (NULL);

  append_folded (out, text);
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

void
vigie_search_result_free (VigieSearchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->feed_id);
  g_free (result->feed_name);
  g_free (result->id);
  g_free (result->name);
  g_free (result->detail);
  g_free (result);
}

/*
 * Parts
 */

static void
part_clear (VigieSearchPart *part)
{
  for (guint i = 0; part->entries != NULL && i < part->entries->len; i++)
    g_object_unref (g_array_index (part->entries, Entry, i).entity);
  g_clear_pointer (&part->entries, g_array_unref);
  if (part->text != NULL)
    g_string_free (g_steal_pointer (&part->text), TRUE);
  g_clear_pointer (&part->feed_id, g_free);
  g_clear_pointer (&part->feed_name, g_free);
}

VigieSearchPart *
vigie_search_part_ref (VigieSearchPart *part)
{
  return g_atomic_rc_box_acquire (part);
}

void
vigie_search_part_unref (VigieSearchPart *part)
{
  g_atomic_rc_box_release_full (part, (GDestroyNotify) part_clear);
}

static void
append_extra (GString    *text,
              const char *prefix,
              const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  g_string_append_c (text, ' ');
  if (prefix != NULL)
    {
      g_string_append (text, prefix);
      g_string_append_c (text, ' ');
    }
  append_folded (text, value);
}

/* Where @entity's text is in @previous, or NULL: its entries are mostly
 * in the order of the store's entities, so the next one is tried first. */
static const Entry *
find_previous (VigieSearchPart  *previous,
               guint            *cursor,
               GHashTable      **by_entity,
               VigieEntity      *entity)
{
  const Entry *entry;

  if (previous == NULL)
    return NULL;

  if (*cursor < previous->entries->len &&
      (entry = &g_array_index (previous->entries, Entry, *cursor))->entity == entity)
    {
      (*cursor)++;
      return entry;
    }

  if (*by_entity == NULL)
    {
      *by_entity = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < previous->entries->len; i++)
        g_hash_table_insert (*by_entity, g_array_index (previous->entries, Entry, i).entity, GUINT_TO_POINTER (i + 1));
    }

  {
    guint index = GPOINTER_TO_UINT (g_hash_table_lookup (*by_entity, entity));

    if (index == 0)
      return NULL;
    *cursor = index;
    return &g_array_index (previous->entries, Entry, index - 1);
  }
}

/* The GTFS stations among @entities, by id; NULL when there are none. */
static GHashTable *
find_stations (GPtrArray *entities)
{
  GHashTable *stations = NULL;

  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (entities, i);
      gint64 location_type;

      if (vigie_entity_get_kind (entity) != VIGIE_ENTITY_STOP ||
          !vigie_entity_lookup_int (entity, "location_type", &location_type) || location_type != 1 ||
          !vigie_entity_has_position (entity))
        continue;

      if (stations == NULL)
        stations = g_hash_table_new (vigie_str_hash, g_str_equal);
      g_hash_table_insert (stations, (gpointer) vigie_entity_get_id (entity), entity);
    }

  return stations;
}

/* A platform named as its station is the station again: "gare" found
 * "GARE CENTRALE" three times ("3114", "place_GAR", "3113") before
 * anything else. The station alone is found, and shows the departures
 * of all its platforms. */
static gboolean
is_platform_of (GHashTable  *stations,
                VigieEntity *entity)
{
  const char *parent;
  VigieEntity *station;

  if (stations == NULL || vigie_entity_get_kind (entity) != VIGIE_ENTITY_STOP)
    return FALSE;

  parent = vigie_entity_lookup_string (entity, "parent_station");
  station = parent != NULL ? g_hash_table_lookup (stations, parent) : NULL;

  return station != NULL && g_strcmp0 (vigie_entity_get_name (station), vigie_entity_get_name (entity)) == 0;
}

/**
 * vigie_search_part_new_from:
 * @entities: (element-type VigieEntity): a store's entities
 * @previous: (nullable): the part of the same feed before its update
 *
 * Folds the searchable words of @entities: name, id, line, destination,
 * address; those of an entity @previous folded are copied. Any thread.
 */
VigieSearchPart *
vigie_search_part_new_from (const char      *feed_id,
                            const char      *feed_name,
                            VigieFeedKind    feed_kind,
                            GPtrArray       *entities,
                            VigieSearchPart *previous)
{
  VigieSearchPart *part = g_atomic_rc_box_new0 (VigieSearchPart);
  g_autoptr(GHashTable) by_entity = NULL;
  g_autoptr(GHashTable) stations = find_stations (entities);
  guint cursor = 0;

  part->feed_id = g_strdup (feed_id);
  part->feed_name = g_strdup (feed_name);
  part->feed_kind = feed_kind;
  part->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), entities->len);
  part->text = g_string_sized_new (entities->len * 32);

  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (entities, i);
      const Entry *before;
      const char *route;
      Entry entry;

      /* Only what the map can show. */
      if (!vigie_entity_has_position (entity) || vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE ||
          is_platform_of (stations, entity))
        continue;

      entry.entity = g_object_ref (entity);
      entry.offset = part->text->len;

      if ((before = find_previous (previous, &cursor, &by_entity, entity)) != NULL)
        {
          g_string_append_len (part->text, previous->text->str + before->offset, before->len);
          entry.name_len = before->name_len;
          entry.len = before->len;
          g_string_append_c (part->text, '\0');
          g_array_append_val (part->entries, entry);
          continue;
        }

      append_folded (part->text, vigie_entity_get_name (entity));
      entry.name_len = part->text->len - entry.offset;
      g_string_append_c (part->text, '\x1f');
      append_folded (part->text, vigie_entity_get_id (entity));

      route = vigie_entity_lookup_string (entity, "route_short_name");
      if (route == NULL)
        route = vigie_entity_lookup_string (entity, "route_id");
      /* "2" and "ligne 2" (and "line 2") find line 2's trams. */
      append_extra (part->text, "ligne", route);
      append_extra (part->text, "line", route);
      append_extra (part->text, NULL, vigie_entity_lookup_string (entity, "headsign"));
      append_extra (part->text, NULL, vigie_entity_lookup_string (entity, "address"));

      if (part->text->len - entry.offset > MAX_TEXT)
        g_string_truncate (part->text, entry.offset + MAX_TEXT);
      entry.len = part->text->len - entry.offset;
      g_string_append_c (part->text, '\0');
      g_array_append_val (part->entries, entry);
    }

  return part;
}

/**
 * vigie_search_part_new:
 * @entities: (element-type VigieEntity): a store's entities
 *
 * Folds the searchable words of @entities: name, id, line, destination,
 * address. Any thread.
 */
VigieSearchPart *
vigie_search_part_new (const char    *feed_id,
                       const char    *feed_name,
                       VigieFeedKind  feed_kind,
                       GPtrArray     *entities)
{
  return vigie_search_part_new_from (feed_id, feed_name, feed_kind, entities, NULL);
}

/*
 * Matching
 */

static gboolean
is_boundary (char c)
{
  return c == ' ' || c == '\x1f' || c == '\0';
}

/* 0: not in it; 1 inside a word, 2 a word's start, 3 a whole word; +1 in
 * the name. */
static int
match_token (const char *text,
             guint       name_len,
             const char *token,
             gsize       token_len)
{
  int best = 0;

  for (const char *hit = strstr (text, token); hit != NULL; hit = strstr (hit + 1, token))
    {
      gboolean start = hit == text || is_boundary (hit[-1]);
      gboolean whole = start && is_boundary (hit[token_len]);
      int score = whole ? 3 : start ? 2 : 1;

      if ((guint) (hit - text) < name_len)
        score++;
      best = MAX (best, score);
      if (best == 4)
        break;
    }

  return best;
}

/* Words, but "ligne 2" (or "line 2") one phrase: a line, not any "2". */
static GStrv
split_query (const char *folded)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", 8);
  GPtrArray *tokens = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      if ((g_str_equal (words[i], "ligne") || g_str_equal (words[i], "line")) && words[i + 1] != NULL)
        {
          g_ptr_array_add (tokens, g_strconcat (words[i], " ", words[i + 1], NULL));
          i++;
        }
      else
        g_ptr_array_add (tokens, g_strdup (words[i]));
    }
  g_ptr_array_add (tokens, NULL);

  return (GStrv) g_ptr_array_free (tokens, FALSE);
}

/* A match before it is made a result: a result is five copies, and the
 * first key typed matches most of 50,000 things. */
typedef struct
{
  VigieSearchPart *part;
  Entry           *entry;
  int              score;
  guint            order;     /* in the scan: ties keep it */
  char            *collate;   /* the name's collation key, made when needed */
} Candidate;

/* Scores are at most 4 a token (at most 8 tokens), and 4 for the name. */
#define MAX_SCORE (8 * 4 + 4)

static const char *
entry_name (Entry *entry)
{
  const char *name = vigie_entity_get_name (entry->entity);

  return name != NULL && *name != '\0' ? name : vigie_entity_get_id (entry->entity);
}

/* By score, then by name as the locale collates it (strcmp() of the keys
 * orders as g_utf8_collate() does), then as found. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
  int order;

  if (ca->score != cb->score)
    return cb->score - ca->score;
  if ((order = strcmp (ca->collate, cb->collate)) != 0)
    return order;

  return (ca->order > cb->order) - (ca->order < cb->order);
}

static VigieSearchResult *
make_result (VigieSearchPart *part,
             Entry           *entry,
             int              score)
{
  VigieSearchResult *result = g_new0 (VigieSearchResult, 1);
  const char *headsign = vigie_entity_lookup_string (entry->entity, "headsign");

  result->feed_id = g_strdup (part->feed_id);
  result->feed_name = g_strdup (part->feed_name);
  result->feed_kind = part->feed_kind;
  result->kind = vigie_entity_get_kind (entry->entity);
  result->id = g_strdup (vigie_entity_get_id (entry->entity));
  result->name = g_strdup (entry_name (entry));
  result->detail = g_strdup (headsign ? headsign : vigie_entity_lookup_string (entry->entity, "address"));
  result->score = score;

  return result;
}

/* Which matches can be among the results, as they were first chosen: the
 * matches kept as they came, sorted and cut to @keep once twice that many,
 * a match no better than the last kept then passed over. What that kept
 * depends on the scores only, counted here; which of the ties at the cut
 * remain depends on their names, and is settled once at the end. */
typedef struct
{
  guint  keep;
  guint  held;
  guint  n_of_score[MAX_SCORE + 1];
  int    min_score;
} Admission;

static gboolean
admit (Admission *admission,
       int        score)
{
  guint above = 0;
  int s;

  if (admission->held >= admission->keep && score <= admission->min_score)
    return FALSE;

  admission->n_of_score[score]++;
  if (++admission->held < admission->keep * 2)
    return TRUE;

  /* The best @keep stay; the score of the last of them is the bar. */
  for (s = MAX_SCORE; above + admission->n_of_score[s] < admission->keep; s--)
    above += admission->n_of_score[s];
  admission->n_of_score[s] = admission->keep - above;
  memset (admission->n_of_score, 0, s * sizeof (guint));
  admission->held = admission->keep;
  admission->min_score = s;

  return TRUE;
}

/* Drops the candidates under the bar: over @keep better ones are kept. */
static void
drop_under (GArray *candidates,
            int     min_score)
{
  guint n = 0;

  for (guint i = 0; i < candidates->len; i++)
    if (g_array_index (candidates, Candidate, i).score >= min_score)
      g_array_index (candidates, Candidate, n++) = g_array_index (candidates, Candidate, i);
  g_array_set_size (candidates, n);
}

/**
 * vigie_search_parts_query:
 * @parts: (element-type VigieSearchPart): the feeds' parts
 * @query: what the operator typed
 * @max_results: how many at most
 *
 * Any thread. Every word of @query must be found; a whole word scores
 * over the start of one, the start of one over its inside, the name over
 * the rest. The results come grouped by feed, the group with the best
 * result first.
 *
 * Returns: (transfer full) (element-type VigieSearchResult): what was found
 */
GPtrArray *
vigie_search_parts_query (GPtrArray  *parts,
                          const char *query,
                          guint       max_results)
{
  g_autofree char *folded = vigie_search_fold (query);
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) best = g_hash_table_new (vigie_str_hash, g_str_equal);
  Admission admission = { 0, };
  guint n_of_score[MAX_SCORE + 1] = { 0, };
  GPtrArray *results;
  gsize folded_len;
  gsize *lengths;
  gboolean *phrase;
  guint n_tokens;
  guint n_admitted = 0;
  guint next_drop;
  guint above = 0;
  int cut;

  g_return_val_if_fail (parts != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_result_free);
  if (*folded == '\0' || max_results == 0)
    return results;

  tokens = split_query (folded);
  n_tokens = g_strv_length (tokens);
  lengths = g_newa (gsize, n_tokens);
  phrase = g_newa (gboolean, n_tokens);
  for (guint t = 0; t < n_tokens; t++)
    {
      lengths[t] = strlen (tokens[t]);
      phrase[t] = strchr (tokens[t], ' ') != NULL;
    }
  folded_len = strlen (folded);

  admission.keep = max_results * 4;
  next_drop = admission.keep * 4;
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint p = 0; p < parts->len; p++)
    {
      VigieSearchPart *part = g_ptr_array_index (parts, p);

      for (guint i = 0; i < part->entries->len; i++)
        {
          Entry *entry = &g_array_index (part->entries, Entry, i);
          const char *text = part->text->str + entry->offset;
          Candidate candidate;
          int score = 0;
          guint t;

          for (t = 0; t < n_tokens; t++)
            {
              int s = match_token (text, entry->name_len, tokens[t], lengths[t]);

              /* "ligne 2" is line 2, not 21. */
              if (s == 0 || (s < 3 && phrase[t]))
                break;
              score += s;
            }
          if (t < n_tokens)
            continue;

          /* The whole query as the name, or its start. */
          if (entry->name_len >= folded_len && strncmp (text, folded, folded_len) == 0)
            score += entry->name_len == folded_len ? 4 : 2;

          if (!admit (&admission, score))
            continue;
          candidate = (Candidate) { part, entry, score, n_admitted++, NULL };
          g_array_append_val (candidates, candidate);
          if (candidates->len >= next_drop)
            {
              drop_under (candidates, admission.min_score);
              next_drop = MAX (next_drop, candidates->len * 2);
            }
        }
    }

  /* The best @max_results: all those over the cut's score, and of those
   * at it the first by name. */
  for (guint i = 0; i < candidates->len; i++)
    n_of_score[g_array_index (candidates, Candidate, i).score]++;
  for (cut = MAX_SCORE; cut > 0 && above + n_of_score[cut] < max_results; cut--)
    above += n_of_score[cut];
  drop_under (candidates, cut);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      candidate->collate = g_utf8_collate_key (entry_name (candidate->entry), -1);
    }
  g_array_sort (candidates, compare_candidates);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_result_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (found->len < max_results)
        g_ptr_array_add (found, make_result (candidate->part, candidate->entry, candidate->score));
      g_free (candidate->collate);
    }

  /* Grouped by feed, in the order of each feed's best result. */
  for (guint i = 0; i < found->len; i++)
    {
      VigieSearchResult *result = g_ptr_array_index (found, i);

      if (!g_hash_table_contains (best, result->feed_id))
        g_hash_table_insert (best, result->feed_id, GUINT_TO_POINTER (g_hash_table_size (best)));
    }
  for (guint group = 0; group < g_hash_table_size (best); group++)
    for (guint i = 0; i < found->len; i++)
      {
        VigieSearchResult *result = g_ptr_array_index (found, i);

        if (result != NULL && GPOINTER_TO_UINT (g_hash_table_lookup (best, result->feed_id)) == group)
          {
            g_ptr_array_add (results, result);
            found->pdata[i] = NULL;
          }
      }

  return results;
}

/*
 * VigieSearch
 */

struct _VigieSearch
{
  GObject           parent_instance;

  VigieFeedManager *feeds;
  GHashTable       *parts;       /* feed id → Cached */
};

G_DEFINE_FINAL_TYPE (VigieSearch, vigie_search, G_TYPE_OBJECT)

typedef struct
{
  gint64           applied_at;
  VigieSearchPart *part;
} Cached;

/* What the worker needs of one feed. */
typedef struct
{
  char            *feed_id;
  char            *feed_name;
  VigieFeedKind    feed_kind;
  GPtrArray       *entities;    /* NULL when part is up to date */
  gint64           applied_at;
  VigieSearchPart *part;        /* NULL until built */
  VigieSearchPart *previous;    /* the part before the update, or NULL */
} FeedJob;

typedef struct
{
  GArray    *feeds;    /* FeedJob */
  char      *query;
  GPtrArray *results;
} Job;

static void
cached_free (Cached *cached)
{
  g_clear_pointer (&cached->part, vigie_search_part_unref);
  g_free (cached);
}

static void
job_free (Job *job)
{
  for (guint i = 0; i < job->feeds->len; i++)
    {
      FeedJob *feed = &g_array_index (job->feeds, FeedJob, i);

      g_free (feed->feed_id);
      g_free (feed->feed_name);
      g_clear_pointer (&feed->entities, g_ptr_array_unref);
      g_clear_pointer (&feed->part, vigie_search_part_unref);
      g_clear_pointer (&feed->previous, vigie_search_part_unref);
    }
  g_array_unref (job->feeds);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_free (job->query);
  g_free (job);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  vigie_thread_make_background ();

  for (guint i = 0; i < job->feeds->len; i++)
    {
      FeedJob *feed = &g_array_index (job->feeds, FeedJob, i);

      if (g_task_return_error_if_cancelled (task))
        return;
      if (feed->part == NULL)
        feed->part = vigie_search_part_new_from (feed->feed_id, feed->feed_name, feed->feed_kind,
                                                 feed->entities, feed->previous);
      g_ptr_array_add (parts, feed->part);
    }

  job->results = vigie_search_parts_query (parts, job->query, 50);
  g_task_return_boolean (task, TRUE);
}

static void
vigie_search_dispose (GObject *object)
{
  VigieSearch *self = (VigieSearch *)object;

  g_clear_object (&self->feeds);
  g_clear_pointer (&self->parts, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_search_parent_class)->dispose (object);
}

static void
vigie_search_class_init (VigieSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vigie_search_dispose;
}

static void
vigie_search_init (VigieSearch *self)
{
  self->parts = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) cached_free);
}

VigieSearch *
vigie_search_new (VigieFeedManager *feeds)
{
  VigieSearch *self;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (feeds), NULL);

  self = g_object_new (VIGIE_TYPE_SEARCH, NULL);
  self->feeds = g_object_ref (feeds);

  return self;
}

/**
 * vigie_search_query_async:
 *
 * Searches the enabled feeds' things in a worker, folding first the feeds
 * updated since the last search.
 */
void
vigie_search_query_async (VigieSearch         *self,
                          const char          *query,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GListModel *feeds;
  Job *job;

  g_return_if_fail (VIGIE_IS_SEARCH (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_search_query_async);

  job = g_new0 (Job, 1);
  job->query = g_strdup (query);
  job->feeds = g_array_new (FALSE, TRUE, sizeof (FeedJob));

  feeds = G_LIST_MODEL (self->feeds);
  for (guint i = 0; i < g_list_model_get_n_items (feeds); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, i);
      VigieStore *store = vigie_feed_get_store (feed);
      Cached *cached = g_hash_table_lookup (self->parts, vigie_feed_get_id (feed));
      FeedJob feed_job = {
        .feed_id = g_strdup (vigie_feed_get_id (feed)),
        .feed_name = g_strdup (vigie_feed_get_name (feed)),
        .feed_kind = vigie_feed_get_kind (feed),
        .applied_at = vigie_store_get_applied_at (store),
      };

      if (!vigie_feed_get_enabled (feed))
        {
          g_free (feed_job.feed_id);
          g_free (feed_job.feed_name);
          continue;
        }

      if (cached != NULL && cached->applied_at == feed_job.applied_at &&
          g_strcmp0 (cached->part->feed_name, feed_job.feed_name) == 0)
        feed_job.part = vigie_search_part_ref (cached->part);
      else
        {
          feed_job.entities = vigie_store_dup_entities (store);
          if (cached != NULL)
            feed_job.previous = vigie_search_part_ref (cached->part);
        }
      g_array_append_val (job->feeds, feed_job);
    }

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * vigie_search_query_finish:
 *
 * Returns: (transfer full) (element-type VigieSearchResult): the results,
 *   grouped by feed
 */
GPtrArray *
vigie_search_query_finish (VigieSearch   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  Job *job;

  g_return_val_if_fail (VIGIE_IS_SEARCH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  /* Keep what was folded for the next keystroke. */
  job = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; i < job->feeds->len; i++)
    {
      FeedJob *feed = &g_array_index (job->feeds, FeedJob, i);
      Cached *cached = g_new0 (Cached, 1);

      cached->applied_at = feed->applied_at;
      cached->part = vigie_search_part_ref (feed->part);
      g_hash_table_replace (self->parts, g_strdup (feed->feed_id), cached);
    }

  return g_steal_pointer (&job->results);
}
