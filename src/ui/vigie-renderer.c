/* vigie-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-renderer"

#include "config.h"

#include <epoxy/gl.h>
#include <string.h>

#include "vigie-renderer.h"

/* Without a GPU (a virtual machine, a remote desktop, a control-room PC
 * with no graphics card), GTK 4.8 still draws with OpenGL, through Mesa's
 * software rasteriser. For a map that changes every few seconds that is
 * the dearer way on every count: soaks of the app at 2,500 entities
 * (tools/run-soak) measured 13.7 % of a core and an RSS over 500 MiB
 * growing with LLVM's shader variants (heaptrack: 260 MiB alive in
 * swrast_dri and LLVM), against 4.6 % and 210 MiB with GTK's cairo
 * renderer. So on software OpenGL Vigie asks GTK for cairo, unless the
 * user chose a renderer with GSK_RENDERER. */

/**
 * vigie_renderer_is_software:
 * @gl_renderer: (nullable): what `glGetString (GL_RENDERER)` says
 *
 * Returns: whether @gl_renderer is a rasteriser on the CPU
 */
gboolean
vigie_renderer_is_software (const char *gl_renderer)
{
  static const char * const software[] = {
    "llvmpipe", "softpipe", "swrast", "software rasterizer", "swr ", "lavapipe",
    "microsoft basic render", "gdi generic",
  };
  g_autofree char *lower = NULL;

  if (gl_renderer == NULL)
    return FALSE;

  lower = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (lower, software[i]) != NULL)
      return TRUE;

  return FALSE;
}

/**
 * vigie_renderer_has_gpu:
 * @dev_dir: where the device nodes are, "/dev"
 *
 * Returns: whether a GPU can be reached: Mesa's hardware drivers through
 *   DRM (`dri/`), NVIDIA's own (`nvidiactl`), WSL's (`dxg`); without any,
 *   OpenGL can only be drawn by the CPU
 */
gboolean
vigie_renderer_has_gpu (const char *dev_dir)
{
  static const char * const nodes[] = { "dri", "nvidiactl", "dxg" };

  g_return_val_if_fail (dev_dir != NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_autofree char *path = g_build_filename (dev_dir, nodes[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }

  return FALSE;
}

/**
 * vigie_renderer_prepare:
 * @dev_dir: where the device nodes are, "/dev"
 *
 * Without a GPU to reach and without the user's choice, chooses cairo
 * (GSK_RENDERER) at once, rather than asking OpenGL later. Drawing with
 * cairo, by the user's choice or this one, tells GDK to leave OpenGL
 * alone (GDK_DEBUG=gl-disable, kept with what it held): GTK 4.8 on X11
 * loads it when it opens the display, to choose the windows' visual,
 * and Mesa's software driver then maps LLVM for nothing (44 MiB of RSS).
 * Call it before GTK opens the display.
 *
 * Returns: whether OpenGL is left alone
 */
gboolean
vigie_renderer_prepare (const char *dev_dir)
{
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *flags = NULL;

  g_return_val_if_fail (dev_dir != NULL, FALSE);

  if (g_getenv ("GSK_RENDERER") == NULL && !vigie_renderer_has_gpu (dev_dir))
    g_setenv ("GSK_RENDERER", "cairo", FALSE);

  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0)
    return FALSE;

  if (debug != NULL && strstr (debug, "gl-disable") != NULL)
    return TRUE;

  flags = debug != NULL && debug[0] != '\0' ? g_strconcat (debug, ",gl-disable", NULL) : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", flags, TRUE);

  return TRUE;
}

/**
 * vigie_renderer_choose:
 * @display: the display the windows will be on
 *
 * Sets GSK_RENDERER to "cairo" when @display's OpenGL is drawn by the CPU
 * and the user did not set it. GTK reads it when it makes the first
 * window's renderer: call this before any window is realized.
 *
 * Returns: (nullable): the OpenGL renderer's name, or %NULL without
 *   OpenGL or when GSK_RENDERER was set already
 */
const char *
vigie_renderer_choose (GdkDisplay *display)
{
  static char *gl_renderer;
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  if (g_getenv ("GSK_RENDERER") != NULL)
    return NULL;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL to ask: %s", error ? error->message : "?");
      return NULL;
    }

  gdk_gl_context_make_current (context);
  g_free (gl_renderer);
  gl_renderer = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  if (vigie_renderer_is_software (gl_renderer))
    {
      g_debug ("OpenGL by %s, on the CPU: drawing with cairo", gl_renderer);
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
    }

  return gl_renderer;
}
