/* vigie-hash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-hash.h"

/* The hash of every table keyed by what a feed says (ids, keys, names).
 * g_str_hash() is fixed and trivially collided ("Az" and "BY" hash the
 * same, so 2^k ids of 2k bytes all do): 16,384 such station ids took a
 * GBFS feed 8 s to read instead of 0.5 s, 100,000 would take minutes,
 * at every poll. SipHash-1-3 keyed by a random seed per process cannot be
 * collided without the seed. VIGIE_HASH_SEED (a number) fixes the seed,
 * for tests that want the same table order at every run; "collide" makes
 * every string of a length hash the same, for tests of the tables' paths
 * through equal hashes. */

static guint64 seed[2];
static gboolean collide;

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND(v0, v1, v2, v3)                                   \
  G_STMT_START {                                                   \
    v0 += v1; v1 = ROTL (v1, 13); v1 ^= v0; v0 = ROTL (v0, 32);    \
    v2 += v3; v3 = ROTL (v3, 16); v3 ^= v2;                        \
    v0 += v3; v3 = ROTL (v3, 21); v3 ^= v0;                        \
    v2 += v1; v1 = ROTL (v1, 17); v1 ^= v2; v2 = ROTL (v2, 32);    \
  } G_STMT_END

static void
ensure_seed (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char *fixed = g_getenv ("VIGIE_HASH_SEED");

      if (g_strcmp0 (fixed, "collide") == 0)
        collide = TRUE;
      else if (fixed != NULL && *fixed != '\0')
        {
          guint64 value = g_ascii_strtoull (fixed, NULL, 10);

          seed[0] = value ^ G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
          seed[1] = value * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9) + 1;
        }
      else
        {
          seed[0] = ((guint64) g_random_int () << 32) | g_random_int ();
          seed[1] = ((guint64) g_random_int () << 32) | g_random_int ();
        }
      g_once_init_leave (&done, 1);
    }
}

static inline guint64
read_le64 (const guint8 *p)
{
  guint64 value;

  memcpy (&value, p, sizeof value);
  return GUINT64_FROM_LE (value);
}

/* SipHash-1-3 of @length bytes at @p, keyed by the process's seed. */
static guint
siphash13 (const guint8 *p,
           gsize         length)
{
  const guint8 *end = p + (length & ~(gsize) 7);
  guint64 v0, v1, v2, v3, last;

  v0 = seed[0] ^ G_GUINT64_CONSTANT (0x736f6d6570736575);
  v1 = seed[1] ^ G_GUINT64_CONSTANT (0x646f72616e646f6d);
  v2 = seed[0] ^ G_GUINT64_CONSTANT (0x6c7967656e657261);
  v3 = seed[1] ^ G_GUINT64_CONSTANT (0x7465646279746573);

  for (; p < end; p += 8)
    {
      guint64 m = read_le64 (p);

      v3 ^= m;
      SIPROUND (v0, v1, v2, v3);
      v0 ^= m;
    }

  last = (guint64) length << 56;
  for (gsize i = 0; i < (length & 7); i++)
    last |= (guint64) p[i] << (8 * i);

  v3 ^= last;
  SIPROUND (v0, v1, v2, v3);
  v0 ^= last;

  v2 ^= 0xff;
  SIPROUND (v0, v1, v2, v3);
  SIPROUND (v0, v1, v2, v3);
  SIPROUND (v0, v1, v2, v3);

  last = v0 ^ v1 ^ v2 ^ v3;
  return (guint) (last ^ (last >> 32));
}

/**
 * vigie_str_hash:
 * @key: (type utf8): a string
 *
 * A #GHashFunc for strings, as g_str_hash() but keyed by the process's
 * seed: use it, with g_str_equal(), for any table whose keys a feed
 * chooses.
 *
 * Returns: the hash of @key
 */
guint
vigie_str_hash (gconstpointer key)
{
  gsize length = strlen (key);

  ensure_seed ();
  if (G_UNLIKELY (collide))
    return (guint) length;

  return siphash13 (key, length);
}

/**
 * vigie_int64_hash:
 * @key: (type gint64): a pointer to a #gint64
 *
 * A #GHashFunc for 64-bit integers, keyed by the process's seed: use it,
 * with g_int64_equal(), where g_int64_hash() would take the two halves'
 * XOR. A map's grid cell keyed as (row << 32 | column) hashes to
 * row ^ column there, so a city's few hundred rows and columns shared a
 * few hundred hashes: tens of thousands of cells in chains of a hundred.
 *
 * Returns: the hash of *@key
 */
guint
vigie_int64_hash (gconstpointer key)
{
  guint8 bytes[8];
  guint64 value = GUINT64_TO_LE (*(const guint64 *) key);

  ensure_seed ();
  if (G_UNLIKELY (collide))
    return 0;

  memcpy (bytes, &value, sizeof bytes);
  return siphash13 (bytes, sizeof bytes);
}
