/* vigie-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-failure"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-failure.h"
#include "vigie-format.h"
#include "vigie-http-client.h"

/**
 * vigie_failure_describe:
 * @error: why a document could not be had or read
 *
 * Says what went wrong in a plain sentence for an operator: no parser
 * message, no line and column, no library's wording. The error's own
 * message is the detail, shown on demand.
 *
 * Returns: (transfer full): the sentence
 */
char *
vigie_failure_describe (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == VIGIE_FORMAT_ERROR)
    {
      switch ((VigieFormatError) error->code)
        {
        case VIGIE_FORMAT_ERROR_UNSUPPORTED:
          return g_strdup (_("The server sends a kind or version of data that Vigie cannot read"));

        case VIGIE_FORMAT_ERROR_EMPTY:
          return g_strdup (_("The server sent no usable data"));

        /* A limit hit says which, and how to raise it: plain already. */
        case VIGIE_FORMAT_ERROR_TOO_LARGE:
          return g_strdup (error->message);

        /* The server's error in the format's terms, said in words already. */
        case VIGIE_FORMAT_ERROR_SERVER:
          return g_strdup (_("The server answered with an error"));

        case VIGIE_FORMAT_ERROR_INVALID:
        default:
          return g_strdup (_("The server sent data that Vigie cannot read"));
        }
    }

  if (error->domain == VIGIE_HTTP_ERROR)
    {
      switch ((VigieHttpError) error->code)
        {
        case VIGIE_HTTP_ERROR_CONNECT:
          return g_strdup (_("Could not connect to the server"));

        case VIGIE_HTTP_ERROR_TLS:
          return g_strdup (_("The secure connection to the server failed"));

        case VIGIE_HTTP_ERROR_INVALID_URL:
          return g_strdup (_("The feed’s address is not valid"));

        /* These say it plainly already, with a figure that helps. */
        case VIGIE_HTTP_ERROR_TIMEOUT:
        case VIGIE_HTTP_ERROR_TOO_LARGE:
        case VIGIE_HTTP_ERROR_TRUNCATED:
        case VIGIE_HTTP_ERROR_TOO_MANY_REDIRECTS:
        case VIGIE_HTTP_ERROR_INSECURE_REDIRECT:
        default:
          return g_strdup (error->message);
        }
    }

  return g_strdup (error->message);
}
