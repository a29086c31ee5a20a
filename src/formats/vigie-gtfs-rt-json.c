/* vigie-gtfs-rt-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs-rt"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vigie-gtfs-rt-private.h"
#include "vigie-json.h"

/* GTFS-Realtime as some agencies serve it: the protobuf's JSON mapping of
 * a FeedMessage ({"header": {...}, "entity": [...]}), as protobuf's own
 * printers and the language bindings write it.
 *
 * It is read into the very structures protobuf-c decodes the binary feed
 * into, by walking the generated descriptors, so both go through one
 * mapping to entities and give the same ones. Leniency, for what real
 * producers write:
 * - field names in lowerCamelCase ("tripUpdate", "stopId") or as in the
 *   proto ("trip_update", "stop_id"); "entities" for "entity";
 * - enums as names ("STOPPED_AT", in any case) or numbers;
 * - 64-bit integers as strings or numbers, other numbers as strings too;
 * - a lone object where a list is expected;
 * - null for a missing field; unknown members (extensions) ignored.
 * A value of the wrong type leaves its field out, as if absent. */

/* Longer member names are no field of the proto. */
#define MAX_NAME_LENGTH 64

typedef struct
{
  ProtobufCAllocator *allocator;
  gboolean            failed;    /* out of memory */
} Decoder;

static ProtobufCMessage *decode_message (Decoder                          *decoder,
                                         const ProtobufCMessageDescriptor *descriptor,
                                         JsonObject                       *object);

static gpointer
decoder_alloc (Decoder *decoder,
               gsize    size)
{
  gpointer p;

  if (decoder->failed)
    return NULL;

  p = decoder->allocator->alloc (decoder->allocator->allocator_data, MAX (size, 1));
  if (p == NULL)
    decoder->failed = TRUE;
  else
    memset (p, 0, size);

  return p;
}

/* "stopTimeUpdate" and "stop_time_update" both give "stop_time_update". */
static gboolean
to_field_name (const char *member,
               char       *name)
{
  gsize n = 0;

  for (const char *p = member; *p != '\0'; p++)
    {
      if (n + 3 > MAX_NAME_LENGTH)
        return FALSE;
      if (g_ascii_isupper (*p))
        {
          name[n++] = '_';
          name[n++] = g_ascii_tolower (*p);
        }
      else
        name[n++] = *p;
    }
  name[n] = '\0';

  return TRUE;
}

static const ProtobufCFieldDescriptor *
lookup_field (const ProtobufCMessageDescriptor *descriptor,
              const char                       *member)
{
  char name[MAX_NAME_LENGTH];

  if (!to_field_name (member, name))
    return NULL;

  if (descriptor == &transit_realtime__feed_message__descriptor && g_str_equal (name, "entities"))
    return protobuf_c_message_descriptor_get_field_by_name (descriptor, "entity");

  return protobuf_c_message_descriptor_get_field_by_name (descriptor, name);
}

/*
 * Scalars
 */

/* 1.0 is an integer in JSON; (double) G_MAXINT64 does not fit. */
static gboolean
double_to_int64 (double  d,
                 gint64 *value)
{
  if (!(d >= (double) G_MININT64 && d < (double) G_MAXINT64) || d != floor (d))
    return FALSE;

  *value = (gint64) d;
  return TRUE;
}

static gboolean
read_signed (JsonNode *node,
             gint64    min,
             gint64    max,
             gint64   *value)
{
  double d;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL) &&
          !(vigie_json_node_get_double (node, &d) && double_to_int64 (d, value)))
        return FALSE;
    }
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      if (!double_to_int64 (json_node_get_double (node), value))
        return FALSE;
    }
  else
    return FALSE;

  return *value >= min && *value <= max;
}

static gboolean
read_unsigned (JsonNode *node,
               guint64   max,
               guint64  *value)
{
  gint64 small;

  /* Beyond G_MAXINT64, vigie_json_parse_bytes() made the number a string. */
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));

      if (g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL))
        return TRUE;
    }

  if (!read_signed (node, 0, G_MAXINT64, &small) || (guint64) small > max)
    return FALSE;

  *value = (guint64) small;
  return TRUE;
}

static gboolean
read_boolean (JsonNode *node,
              gboolean *value)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      *value = json_node_get_boolean (node);
      return TRUE;

    case G_TYPE_STRING:
      if (g_ascii_strcasecmp (json_node_get_string (node), "true") == 0)
        *value = TRUE;
      else if (g_ascii_strcasecmp (json_node_get_string (node), "false") == 0)
        *value = FALSE;
      else
        return FALSE;
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
read_enum (const ProtobufCEnumDescriptor *descriptor,
           JsonNode                      *node,
           int                           *value)
{
  gint64 number;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *name = json_node_get_string (node);

      for (unsigned i = 0; i < descriptor->n_values; i++)
        if (g_ascii_strcasecmp (descriptor->values[i].name, name) == 0)
          {
            *value = descriptor->values[i].value;
            return TRUE;
          }
    }

  /* Numbers outside the enum are kept, as protobuf-c keeps them. */
  if (!read_signed (node, G_MININT32, G_MAXINT32, &number))
    return FALSE;

  *value = (int) number;
  return TRUE;
}

static char *
copy_string (Decoder    *decoder,
             const char *text,
             gsize       length)
{
  char *copy = decoder_alloc (decoder, length + 1);

  if (copy != NULL)
    memcpy (copy, text, length);

  return copy;
}

/* Reads @node into the field's storage at @member. */
static gboolean
read_value (Decoder                        *decoder,
            const ProtobufCFieldDescriptor *field,
            JsonNode                       *node,
            gpointer                        member)
{
  gint64 s;
  guint64 u;
  double d;
  gboolean b;

  if (field->type == PROTOBUF_C_TYPE_MESSAGE)
    {
      ProtobufCMessage *message;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      message = decode_message (decoder, field->descriptor, json_node_get_object (node));
      *(ProtobufCMessage **) member = message;
      return message != NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (field->type)
    {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
      if (!read_signed (node, G_MININT32, G_MAXINT32, &s))
        return FALSE;
      *(gint32 *) member = (gint32) s;
      return TRUE;

    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
      if (!read_signed (node, G_MININT64, G_MAXINT64, &s))
        return FALSE;
      *(gint64 *) member = s;
      return TRUE;

    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
      if (!read_unsigned (node, G_MAXUINT32, &u))
        return FALSE;
      *(guint32 *) member = (guint32) u;
      return TRUE;

    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
      if (!read_unsigned (node, G_MAXUINT64, &u))
        return FALSE;
      *(guint64 *) member = u;
      return TRUE;

    case PROTOBUF_C_TYPE_FLOAT:
      if (!vigie_json_node_get_double (node, &d))
        return FALSE;
      *(float *) member = (float) d;
      return TRUE;

    case PROTOBUF_C_TYPE_DOUBLE:
      if (!vigie_json_node_get_double (node, &d))
        return FALSE;
      *(double *) member = d;
      return TRUE;

    case PROTOBUF_C_TYPE_BOOL:
      if (!read_boolean (node, &b))
        return FALSE;
      *(protobuf_c_boolean *) member = b;
      return TRUE;

    case PROTOBUF_C_TYPE_ENUM:
      return read_enum (field->descriptor, node, (int *) member);

    case PROTOBUF_C_TYPE_STRING:
      {
        const char *text;

        if (json_node_get_value_type (node) != G_TYPE_STRING)
          return FALSE;
        text = json_node_get_string (node);
        *(char **) member = copy_string (decoder, text, strlen (text));
        return *(char **) member != NULL;
      }

    case PROTOBUF_C_TYPE_BYTES:
      {
        ProtobufCBinaryData *binary = member;
        g_autofree guchar *data = NULL;
        gsize length = 0;

        /* Base64, as the JSON mapping writes bytes. */
        if (json_node_get_value_type (node) != G_TYPE_STRING)
          return FALSE;
        data = g_base64_decode (json_node_get_string (node), &length);
        binary->data = (guint8 *) copy_string (decoder, (const char *) data, length);
        binary->len = binary->data != NULL ? length : 0;
        return binary->data != NULL;
      }

    case PROTOBUF_C_TYPE_MESSAGE:
    default:
      return FALSE;
    }
}

static gsize
value_size (const ProtobufCFieldDescriptor *field)
{
  switch (field->type)
    {
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
      return sizeof (guint64);
    case PROTOBUF_C_TYPE_DOUBLE:
      return sizeof (double);
    case PROTOBUF_C_TYPE_BOOL:
      return sizeof (protobuf_c_boolean);
    case PROTOBUF_C_TYPE_ENUM:
      return sizeof (int);
    case PROTOBUF_C_TYPE_STRING:
      return sizeof (char *);
    case PROTOBUF_C_TYPE_BYTES:
      return sizeof (ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE:
      return sizeof (ProtobufCMessage *);
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
    case PROTOBUF_C_TYPE_FLOAT:
    default:
      return sizeof (guint32);
    }
}

/*
 * Messages
 */

static void
read_repeated (Decoder                        *decoder,
               const ProtobufCFieldDescriptor *field,
               JsonNode                       *node,
               guint8                         *message)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint length = array != NULL ? json_array_get_length (array) : 1;
  gsize size = value_size (field);
  guint8 *values;
  gsize n = 0;

  if (length == 0 || length > G_MAXSIZE / size)
    return;

  if (!(values = decoder_alloc (decoder, length * size)))
    return;

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = array != NULL ? json_array_get_element (array, i) : node;

      /* Only what was read counts: the reader never sees a hole. */
      if (read_value (decoder, field, element, values + n * size))
        n++;
    }

  *(gsize *) (message + field->quantifier_offset) = n;
  *(guint8 **) (message + field->offset) = values;
}

static ProtobufCMessage *
decode_message (Decoder                          *decoder,
                const ProtobufCMessageDescriptor *descriptor,
                JsonObject                       *object)
{
  guint8 *message = decoder_alloc (decoder, descriptor->sizeof_message);
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (message == NULL)
    return NULL;
  descriptor->message_init ((ProtobufCMessage *) message);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      const ProtobufCFieldDescriptor *field = lookup_field (descriptor, member);

      if (field == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;

      if (field->label == PROTOBUF_C_LABEL_REPEATED)
        read_repeated (decoder, field, node, message);
      else if (read_value (decoder, field, node, message + field->offset) &&
               field->label == PROTOBUF_C_LABEL_OPTIONAL && field->quantifier_offset != 0)
        *(protobuf_c_boolean *) (message + field->quantifier_offset) = TRUE;

      if (decoder->failed)
        return NULL;
    }

  return (ProtobufCMessage *) message;
}

/*
 * Reading a document
 */

static const char *
skip_blanks (const char *data,
             gsize      *size)
{
  if (*size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      *size -= 3;
    }
  while (*size > 0 && g_ascii_isspace (*data))
    {
      data++;
      (*size)--;
    }

  return data;
}

/**
 * vigie_gtfs_rt_json_sniff:
 * @bytes: a document
 *
 * Returns: whether @bytes look like a FeedMessage in JSON: an object that
 *   names the header's gtfs_realtime_version, in either spelling
 */
gboolean
vigie_gtfs_rt_json_sniff (GBytes *bytes)
{
  static const char * const keys[] = { "\"gtfs_realtime_version\"", "\"gtfsRealtimeVersion\"" };
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL)
    return FALSE;

  data = skip_blanks (data, &size);
  if (size == 0 || *data != '{')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_strstr_len (data, size, keys[i]) != NULL)
      return TRUE;

  return FALSE;
}

/**
 * vigie_gtfs_rt_json_decode:
 * @bytes: a FeedMessage in the protobuf's JSON mapping
 * @allocator: where to decode it (an arena: nothing is freed one by one)
 * @error: where to put why @bytes are not one
 *
 * Returns: (transfer none) (nullable): the message, in @allocator's memory,
 *   with a header and a version
 */
TransitRealtime__FeedMessage *
vigie_gtfs_rt_json_decode (GBytes              *bytes,
                           ProtobufCAllocator  *allocator,
                           GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  TransitRealtime__FeedMessage *message;
  Decoder decoder = { allocator, FALSE };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (allocator != NULL, NULL);

  /* The one JSON entry point: its depth and shape checks apply. */
  if (!(root = vigie_json_parse_bytes (bytes, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not a GTFS-Realtime feed: its JSON is not an object"));
      return NULL;
    }

  message = (TransitRealtime__FeedMessage *) decode_message (&decoder, &transit_realtime__feed_message__descriptor,
                                                             json_node_get_object (root));
  if (decoder.failed || message == NULL)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                           _("The GTFS-Realtime feed is too large to read in memory"));
      return NULL;
    }

  if (message->header == NULL || message->header->gtfs_realtime_version == NULL ||
      *message->header->gtfs_realtime_version == '\0')
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not a GTFS-Realtime feed: its JSON has no header with a gtfs_realtime_version"));
      return NULL;
    }

  return message;
}
