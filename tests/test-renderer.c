/* test-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "renderer"))
    return 77;

  g_test_add_func ("/renderer/is-software", test_renderer_is_software);
  g_test_add_func ("/renderer/choose", test_renderer_choose);

  return g_test_run ();
}
