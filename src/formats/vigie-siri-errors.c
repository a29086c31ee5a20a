/* vigie-siri-errors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-siri-errors"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-json.h"
#include "vigie-siri-private.h"

/* A SIRI answer that failed says so with Status false and an
 * ErrorCondition: one of SIRI's error elements (ServiceNotAvailableError,
 * OtherError…) with its ErrorText, and an optional Description. Some
 * SIRI-Lite producers wrap the element in an ErrorInformation, or give
 * only an ErrorText. It is told to operators in words, never as "no
 * vehicles". */

typedef struct
{
  const char *element;
  const char *words;
} ErrorWords;

static const ErrorWords error_words[] = {
  { "ServiceNotAvailableError", N_("the service is not available") },
  { "CapabilityNotSupportedError", N_("the server does not offer this service") },
  { "AccessNotAllowedError", N_("access is not allowed (check the feed’s key)") },
  { "InvalidDataReferencesError", N_("the request names stops or lines the server does not know") },
  { "NoInfoForTopicError", N_("the server has no information for this request") },
  { "BeyondDataHorizon", N_("the request goes beyond the data the server holds") },
  { "AllowedResourceUsageExceededError", N_("too many requests: the server’s allowance is used up") },
  { "ParametersIgnoredError", N_("the server ignored parameters of the request") },
  { "UnknownExtensionsError", N_("the server does not know extensions of the request") },
  { "UnapprovedKeyAccessError", N_("the key is not approved") },
  { "UnknownParticipantError", N_("the server does not know this participant") },
  { "UnknownEndpointError", N_("the server does not know this endpoint") },
  { "EndpointDeniedAccessError", N_("the endpoint denied access") },
  { "EndpointNotAvailableAccessError", N_("the endpoint is not available") },
  { "OtherError", N_("other error") },
};

/* Where the error element lives: in the ErrorCondition itself, or in an
 * ErrorInformation inside it. */
static const char *
find_error_element (JsonObject  *condition,
                    JsonObject **element)
{
  JsonObject *information = vigie_json_get_object (condition, "ErrorInformation");

  for (guint i = 0; i < G_N_ELEMENTS (error_words); i++)
    {
      if (json_object_has_member (condition, error_words[i].element))
        {
          *element = vigie_json_get_object (condition, error_words[i].element);
          return _(error_words[i].words);
        }
      if (information != NULL && json_object_has_member (information, error_words[i].element))
        {
          *element = vigie_json_get_object (information, error_words[i].element);
          return _(error_words[i].words);
        }
    }

  *element = NULL;
  return NULL;
}

/* A text wrapped as SIRI-Lite wraps them, or a list of localized ones. */
static char *
dup_text (JsonObject *object,
          const char *member)
{
  return vigie_json_dup_localized (object, member, NULL);
}

static gboolean
get_status (JsonObject *delivery,
            gboolean   *status)
{
  return vigie_json_get_boolean (delivery, "Status", status);
}

/**
 * vigie_siri_has_failed:
 * @delivery: a ServiceDelivery or one of its deliveries
 *
 * Returns: whether @delivery says it failed: Status false, or an
 *   ErrorCondition without Status true
 */
gboolean
vigie_siri_has_failed (JsonObject *delivery)
{
  gboolean status;

  g_return_val_if_fail (delivery != NULL, FALSE);

  if (get_status (delivery, &status))
    return !status;

  return json_object_has_member (delivery, "ErrorCondition");
}

/**
 * vigie_siri_describe_error:
 * @delivery: a delivery that failed
 *
 * Returns: (transfer full): what went wrong, in words, with the server's
 *   own text in quotes when it gave one
 */
char *
vigie_siri_describe_error (JsonObject *delivery)
{
  JsonObject *condition, *element = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  const char *words;

  g_return_val_if_fail (delivery != NULL, NULL);

  condition = vigie_json_get_object (delivery, "ErrorCondition");
  if (condition == NULL)
    return g_strdup (_("the server reports a failure without saying why"));

  words = find_error_element (condition, &element);
  text = dup_text (element, "ErrorText");
  if (text == NULL)
    text = dup_text (vigie_json_get_object (condition, "ErrorInformation"), "ErrorText");
  if (text == NULL)
    text = dup_text (condition, "ErrorText");
  description = dup_text (condition, "Description");

  if (words == NULL)
    words = _("an error of an unknown kind");
  if (text != NULL && description != NULL && !g_str_equal (text, description))
    /* Translators: a SIRI server's error: what it is, then the server's own text and description, in quotes. */
    return g_strdup_printf (_("%s (“%s”, “%s”)"), words, text, description);
  if (text != NULL || description != NULL)
    /* Translators: a SIRI server's error: what it is, then the server's own text, in quotes. */
    return g_strdup_printf (_("%s (“%s”)"), words, text != NULL ? text : description);

  return g_strdup (words);
}
