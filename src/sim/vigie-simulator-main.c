/* vigie-simulator-main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-simulator"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "vigie-simulator.h"

/* Serves the simulated demo city on 127.0.0.1 until interrupted: for
 * benchmarks, fault drills and trying Vigie against standard feeds. */

static int port;
static gint64 seed = 1;
static double speed = 1.0;
static int scale = 1;
static char **faults;
static char *start_time;
static char *frozen_time;
static gboolean print_profile;

static const GOptionEntry entries[] = {
  { "port", 'p', 0, G_OPTION_ARG_INT, &port,
    N_("Listen on this port of 127.0.0.1; 0 picks a free one"), N_("PORT") },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
    N_("Seed of the simulation: the same seed at the same time gives the same feeds"), N_("SEED") },
  { "speed", 'x', 0, G_OPTION_ARG_DOUBLE, &speed,
    N_("How fast simulated time runs (1: real time, 60: an hour a minute)"), N_("FACTOR") },
  { "scale", 'k', 0, G_OPTION_ARG_INT, &scale,
    N_("Multiply stations and vehicles (up to 50,000 entities a feed)"), N_("FACTOR") },
  { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults,
    N_("Inject a fault: FEED:KIND[:ARG][@SECONDS], e.g. bikes:status:503, wifi:latency:3000, trams:stale:600, bikes:status:503@60 (from the 60th second on)"), N_("FAULT") },
  { "start", 0, 0, G_OPTION_ARG_STRING, &start_time,
    N_("Start the simulated clock at this ISO 8601 date and time"), N_("TIME") },
  { "time", 't', 0, G_OPTION_ARG_STRING, &frozen_time,
    N_("Stop the simulated clock at this ISO 8601 date and time"), N_("TIME") },
  { "print-profile", 0, 0, G_OPTION_ARG_NONE, &print_profile,
    N_("Print a city profile pointing at the simulator"), NULL },
  { NULL }
};

static gboolean
parse_time (const char *text,
            gint64     *unix_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);

  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);

  return TRUE;
}

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(VigieSimulator) simulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 t;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("— serve a simulated Mulhouse over the standard feeds"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (port < 0 || port > G_MAXUINT16 || scale < 1 || scale > VIGIE_SIMULATOR_MAX_SCALE || speed < 0)
    {
      g_printerr (_("Port, speed or scale out of range; see --help\n"));
      return 1;
    }

  simulator = vigie_simulator_new ((guint64) seed);
  vigie_simulator_set_speed (simulator, speed);
  vigie_simulator_set_scale (simulator, scale);

  if (start_time != NULL || frozen_time != NULL)
    {
      const char *text = frozen_time != NULL ? frozen_time : start_time;

      if (!parse_time (text, &t))
        {
          g_printerr (_("Cannot read the time “%s”: use ISO 8601, e.g. 2026-11-25T08:00:00+01:00\n"), text);
          return 1;
        }
      if (frozen_time != NULL)
        vigie_simulator_set_time (simulator, t);
      else
        vigie_simulator_set_start_time (simulator, t);
    }

  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      if (!vigie_simulator_add_fault (simulator, faults[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  if (!vigie_simulator_start (simulator, port, &error))
    {
      g_printerr (_("Cannot listen on port %d: %s\n"), port, error->message);
      return 1;
    }

  url = vigie_simulator_dup_base_url (simulator);
  if (print_profile)
    {
      g_autofree char *profile = vigie_simulator_dup_profile (simulator);

      g_print ("%s", profile);
    }
  else
    {
      g_print ("port: %u\nurl: %s/\n", vigie_simulator_get_port (simulator), url);
    }
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
