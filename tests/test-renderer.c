/* test-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vigie-renderer.h"
#include "vigie-test-ui.h"

/* Software OpenGL is told apart from a GPU by its renderer's name. */
static void
test_renderer_is_software (void)
{
  g_assert_true (vigie_renderer_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (vigie_renderer_is_software ("softpipe"));
  g_assert_true (vigie_renderer_is_software ("Software Rasterizer"));
  g_assert_true (vigie_renderer_is_software ("Microsoft Basic Render Driver"));
  g_assert_false (vigie_renderer_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (vigie_renderer_is_software ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49)"));
  g_assert_false (vigie_renderer_is_software ("NVIDIA GeForce GTX 1650/PCIe/SSE2"));
  g_assert_false (vigie_renderer_is_software (NULL));
}

/* Under Xvfb, OpenGL is Mesa's llvmpipe: the app asks GTK for cairo,
 * unless the user chose a renderer. */
static void
test_renderer_choose (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  const char *gl_renderer;

  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_assert_null (vigie_renderer_choose (display));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");

  g_unsetenv ("GSK_RENDERER");
  gl_renderer = vigie_renderer_choose (display);
  g_test_message ("OpenGL renderer: %s", gl_renderer);
  g_assert_nonnull (gl_renderer);
  g_assert_true (vigie_renderer_is_software (gl_renderer));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
}

/* Whether Mesa's driver is mapped in this process. */
static gboolean
mesa_mapped (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "_dri.so") != NULL || strstr (maps, "libLLVM") != NULL ||
         strstr (maps, "libgallium") != NULL;
}

/* "--mapped prepare|as-is DEV": GTK's display opened, with or without
 * vigie_renderer_prepare() before, for device nodes in DEV; says whether
 * Mesa came with it. */
static int
run_mapped (gboolean    prepare,
            const char *dev_dir)
{
  if (prepare)
    vigie_renderer_prepare (dev_dir);
  if (!gtk_init_check ())
    return 77;
  g_print ("GSK_RENDERER=%s GDK_DEBUG=%s mesa=%s\n", g_getenv ("GSK_RENDERER"), g_getenv ("GDK_DEBUG"),
           mesa_mapped () ? "yes" : "no");
  return 0;
}

static char *
spawn_mapped (const char *renderer,
              gboolean    prepare,
              const char *dev_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (renderer != NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  g_subprocess_launcher_unsetenv (launcher, "GDK_DEBUG");
  process = g_subprocess_launcher_spawn (launcher, &error, "/proc/self/exe", "--mapped",
                                         prepare ? "prepare" : "as-is", dev_dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  g_test_message ("GSK_RENDERER=%s, %s: %s", renderer, prepare ? "prepared" : "as is", out);

  return out;
}

/* Drawing with cairo, the app does not load OpenGL: GTK 4.8 on X11
 * would, to choose a visual, and Mesa maps LLVM (44 MiB of RSS). Without
 * a GPU's device node, cairo is chosen before the display is opened. */
static void
test_renderer_prepare (void)
{
  g_autofree char *none = g_dir_make_tmp ("vigie-dev-XXXXXX", NULL);
  g_autofree char *gpu = g_dir_make_tmp ("vigie-dev-XXXXXX", NULL);
  g_autofree char *dri = g_build_filename (gpu, "dri", NULL);
  g_autofree char *as_is = NULL, *prepared = NULL, *gl = NULL, *no_gpu = NULL, *with_gpu = NULL;

  g_assert_cmpint (g_mkdir (dri, 0700), ==, 0);
  g_assert_false (vigie_renderer_has_gpu (none));
  g_assert_true (vigie_renderer_has_gpu (gpu));

  as_is = spawn_mapped ("cairo", FALSE, none);
  prepared = spawn_mapped ("cairo", TRUE, gpu);
  gl = spawn_mapped ("gl", TRUE, none);
  no_gpu = spawn_mapped (NULL, TRUE, none);
  with_gpu = spawn_mapped (NULL, TRUE, gpu);
  g_assert_nonnull (strstr (as_is, "mesa=yes"));
  g_assert_nonnull (strstr (prepared, "GDK_DEBUG=gl-disable mesa=no"));
  g_assert_nonnull (strstr (gl, "mesa=yes"));
  g_assert_nonnull (strstr (no_gpu, "GSK_RENDERER=cairo GDK_DEBUG=gl-disable mesa=no"));
  g_assert_nonnull (strstr (with_gpu, "GSK_RENDERER=(null) GDK_DEBUG=(null) mesa=yes"));

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_DEBUG", "misc", TRUE);
  g_assert_true (vigie_renderer_prepare (gpu));
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc,gl-disable");
  g_assert_true (vigie_renderer_prepare (gpu));
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc,gl-disable");
  g_unsetenv ("GDK_DEBUG");
  g_unsetenv ("GSK_RENDERER");
  g_assert_false (vigie_renderer_prepare (gpu));
  g_assert_null (g_getenv ("GDK_DEBUG"));
  g_assert_null (g_getenv ("GSK_RENDERER"));

  g_rmdir (dri);
  g_rmdir (gpu);
  g_rmdir (none);
}

/* The device nodes that tell a GPU is there. */
static void
test_renderer_has_gpu (void)
{
  static const char * const nodes[] = { "nvidiactl", "dxg" };

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("vigie-dev-XXXXXX", NULL);
      g_autofree char *node = g_build_filename (dir, nodes[i], NULL);

      g_assert_false (vigie_renderer_has_gpu (dir));
      g_assert_true (g_file_set_contents (node, "", 0, NULL));
      g_assert_true (vigie_renderer_has_gpu (dir));
      g_remove (node);
      g_rmdir (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--mapped"))
    return run_mapped (g_str_equal (argv[2], "prepare"), argv[3]);

  if (!vigie_test_init_gtk (&argc, &argv, "renderer"))
    return 77;

  g_test_add_func ("/renderer/is-software", test_renderer_is_software);
  g_test_add_func ("/renderer/choose", test_renderer_choose);
  g_test_add_func ("/renderer/prepare", test_renderer_prepare);
  g_test_add_func ("/renderer/has-gpu", test_renderer_has_gpu);

  return g_test_run ();
}
