/* test-gtfs-rt-wire.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format-gtfs-rt.h"
#include "vigie-formats.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-support.h"

#define NOW G_GINT64_CONSTANT (1767597160)
#define FEED_TIME (NOW - 15)

static VigieSnapshot *
parse (GBytes *bytes)
{
  return vigie_test_parse (&vigie_format_gtfs_rt, VIGIE_ROLE_MAIN, bytes, NOW, "fr");
}

/* Vehicle positions are read by hand (vigie-gtfs-rt-wire.c), the rest by
 * protobuf-c: the message is the same as protobuf-c's alone, and where
 * the hand reader is unsure it gives up and protobuf-c decides. */
static GBytes *
make_rich_feed (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new_reference (FEED_TIME);
  TransitRealtime__VehiclePosition *v;
  TransitRealtime__TripUpdate *update;
  TransitRealtime__Alert *alert;
  TransitRealtime__FeedEntity *deleted;

  v = vigie_test_feed_add_vehicle (feed, "tram-2020", "2020", 47.75f, 7.34f, FEED_TIME - 20);
  v->position->has_odometer = TRUE;
  v->position->odometer = 123456.5;
  v->has_congestion_level = TRUE;
  v->congestion_level = TRANSIT_REALTIME__VEHICLE_POSITION__CONGESTION_LEVEL__STOP_AND_GO;
  v->vehicle->license_plate = (char *) "AB-123-CD";
  v->vehicle->has_wheelchair_accessible = TRUE;
  v->vehicle->wheelchair_accessible = TRANSIT_REALTIME__VEHICLE_DESCRIPTOR__WHEELCHAIR_ACCESSIBLE__WHEELCHAIR_ACCESSIBLE;
  v->has_timestamp = TRUE;
  v->timestamp = G_GUINT64_CONSTANT (1) << 40;   /* a 6-byte varint */

  update = vigie_test_feed_add_trip_update (feed, "tu-1", "T1-S-0712", "T1");
  vigie_test_trip_update_add_stop (feed, update, "PORTE_JEUNE_1", FEED_TIME + 60, TRUE, 120);
  alert = vigie_test_feed_add_alert (feed, "alert-1");
  alert->header_text = vigie_test_feed_translated (feed, "Travaux", "fr", "Works", "en", NULL);
  deleted = vigie_test_feed_add_entity (feed, "gone");
  deleted->has_is_deleted = TRUE;
  deleted->is_deleted = TRUE;

  return vigie_test_feed_pack (feed);
}

static void
test_gtfs_rt_wire (void)
{
  g_autoptr(GBytes) valid = make_rich_feed ();
  g_autoptr(GByteArray) extended = g_byte_array_new ();
  g_autoptr(GByteArray) carriages = g_byte_array_new ();
  const guint8 *data;
  gsize size;
  guint n_read = 0, n_given_up = 0;
  /* Field 1000 of a FeedMessage, a varint: unknown, kept aside by
   * protobuf-c, skipped here. */
  static const guint8 unknown_field[] = { 0xc0, 0x3e, 0x2a };
  /* An entity whose vehicle has multi_carriage_details (11), which the
   * hand reader does not read: it gives up. */
  static const guint8 with_carriages[] = {
    0x0a, 0x05, 0x0a, 0x03, '2', '.', '0',                       /* header */
    0x12, 0x11, 0x0a, 0x01, 'c',                                 /* entity "c" */
    0x22, 0x0c, 0x12, 0x0a, 0x0d, 0, 0, 0x3f, 0x42, 0x15, 0, 0, 0xf0, 0x40,  /* vehicle.position */
  };

  /* Found by fuzz-gtfs-rt-wire: an unknown field (3) whose length prefix
   * is padded to ten bytes; protobuf-c refuses a prefix over five bytes,
   * so the hand reader must give up too. */
  static const guint8 long_prefix[] = {
    0x0a, 0x0d, 0x0a, 0x03, '3', '.', '0', 0x10, 0x00, 0x18, 0x31, 0x2a, 0x02, 'R', '1',
    0x1a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x58,
  };
  /* A tag padded to six bytes (field 1000, a varint): the same. */
  static const guint8 long_tag[] = {
    0x0a, 0x05, 0x0a, 0x03, '2', '.', '0', 0xc0, 0xbe, 0x80, 0x80, 0x80, 0x00, 0x2a,
  };

  g_assert_false (vigie_test_check_wire_decode (long_prefix, sizeof long_prefix));
  g_assert_false (vigie_test_check_wire_decode (long_tag, sizeof long_tag));

  data = g_bytes_get_data (valid, &size);
  g_assert_true (vigie_test_check_wire_decode (data, size));

  g_byte_array_append (extended, data, size);
  g_byte_array_append (extended, unknown_field, sizeof unknown_field);
  g_assert_true (vigie_test_check_wire_decode (extended->data, extended->len));

  /* The position alone is read; with a carriage (an empty message) the
   * vehicle's length grows by two bytes and the hand reader gives up. */
  g_assert_true (vigie_test_check_wire_decode (with_carriages, sizeof with_carriages));
  g_byte_array_append (carriages, with_carriages, sizeof with_carriages);
  carriages->data[8] += 2;
  carriages->data[13] += 2;
  g_byte_array_append (carriages, (const guint8 *) "\x5a\x00", 2);
  g_assert_false (vigie_test_check_wire_decode (carriages->data, carriages->len));
  {
    g_autoptr(GBytes) bytes = g_bytes_new (carriages->data, carriages->len);
    g_autoptr(VigieSnapshot) snapshot = parse (bytes);

    g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  }

  /* Damaged copies: read the same, or left to protobuf-c. */
  for (guint iteration = 0; iteration < 5000; iteration++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      gsize length = size;

      for (guint f = g_test_rand_int_range (1, 4); f > 0; f--)
        copy[g_test_rand_int_range (0, size)] ^= (guint8) g_test_rand_int_range (1, 256);
      if (iteration % 4 == 0)
        length = g_test_rand_int_range (1, size);

      if (vigie_test_check_wire_decode (copy, length))
        n_read++;
      else
        n_given_up++;
    }

  g_test_message ("damaged copies: %u read by hand, %u left to protobuf-c", n_read, n_given_up);
  g_assert_cmpuint (n_read, >, 0);
  g_assert_cmpuint (n_given_up, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gtfs-rt/wire", test_gtfs_rt_wire);

  return g_test_run ();
}
