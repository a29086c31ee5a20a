/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vigie-application.h"
#include "vigie-memory.h"
#include "vigie-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VigieApplication) app = NULL;

  vigie_memory_tune ();
  vigie_renderer_prepare ("/dev");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name ("Vigie");

  app = vigie_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
