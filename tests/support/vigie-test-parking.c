/* vigie-test-parking.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-test-parking.h"

#define SOAP_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">\n" \
  "<SOAP-ENV:Body>\n" \
  "<d2LogicalModel xmlns=\"http://datex2.eu/schema/2/2_0\" " \
  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" modelBaseVersion=\"2\">\n" \
  "<exchange><supplierIdentification><country>nl</country>" \
  "<nationalIdentifier>TRUCK-NAP</nationalIdentifier></supplierIdentification></exchange>\n" \
  "<payloadPublication xsi:type=\"GenericPublication\" lang=\"en\">\n" \
  "<publicationTime>2026-01-05T07:10:00Z</publicationTime>\n" \
  "<publicationCreator><country>nl</country><nationalIdentifier>TRUCK-NAP</nationalIdentifier></publicationCreator>\n"

#define SOAP_TAIL \
  "</genericPublicationExtension>\n</payloadPublication>\n</d2LogicalModel>\n" \
  "</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n"

char *
vigie_test_truck_parking_id (guint site)
{
  return g_strdup_printf ("TP-%05u", site);
}

gint64
vigie_test_truck_parking_capacity (guint site)
{
  return 40 + site % 160;
}

/* Every tenth site full. */
gint64
vigie_test_truck_parking_vacant (guint site)
{
  return site % 10 == 0 ? 0 : site % (vigie_test_truck_parking_capacity (site) / 2);
}

static void
append_site (GString *xml,
             guint    site)
{
  static const char * const facilities[] = {
    "toilet", "shower", "restaurant", "petrolStation", "freshWater", "wasteDisposal", "internetWireless",
  };
  g_autofree char *id = vigie_test_truck_parking_id (site);
  gint64 capacity = vigie_test_truck_parking_capacity (site);
  char latitude[G_ASCII_DTOSTR_BUF_SIZE], longitude[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (latitude, sizeof latitude, "%.6f", 43.0 + (site % 100) * 0.09);
  g_ascii_formatd (longitude, sizeof longitude, "%.6f", -1.0 + (site / 100) * 0.27);

  g_string_append_printf (xml,
    "<parkingRecord xsi:type=\"InterUrbanParkingSite\" id=\"%s\" version=\"3\">\n"
    "<parkingName><values><value lang=\"en\">Truck parking %u</value></values></parkingName>\n"
    "<parkingRecordVersionTime>2025-12-01T00:00:00Z</parkingRecordVersionTime>\n"
    "<parkingDescription><values><value lang=\"en\">Motorway rest area with secured truck parking, "
    "lit at night, fenced, with cameras at the entrance and exit.</value></values></parkingDescription>\n"
    "<groupOfParkingSpaces groupIndex=\"0\"><parkingSpaceBasics xsi:type=\"GroupOfParkingSpaces\">"
    "<assignedParkingAmongOthers><vehicleCharacteristics><vehicleType>lorry</vehicleType></vehicleCharacteristics>"
    "</assignedParkingAmongOthers><parkingNumberOfSpaces>%" G_GINT64_FORMAT "</parkingNumberOfSpaces>"
    "</parkingSpaceBasics></groupOfParkingSpaces>\n"
    "<groupOfParkingSpaces groupIndex=\"1\"><parkingSpaceBasics xsi:type=\"GroupOfParkingSpaces\">"
    "<onlyAssignedParking><vehicleCharacteristics><loadType>refrigeratedGoods</loadType></vehicleCharacteristics>"
    "</onlyAssignedParking><parkingNumberOfSpaces>4</parkingNumberOfSpaces>"
    "</parkingSpaceBasics></groupOfParkingSpaces>\n"
    "<parkingNumberOfSpaces>%" G_GINT64_FORMAT "</parkingNumberOfSpaces>\n"
    "<operator xsi:type=\"ContactDetails\"><contactDetailsName><values><value lang=\"en\">Rest area operator %u"
    "</value></values></contactDetailsName><contactDetailsTelephoneNumber>+3100000%04u</contactDetailsTelephoneNumber>"
    "</operator>\n"
    "<tariffsAndPayment><chargeBand id=\"CB-%u\" version=\"1\"><chargeBandName><values><value lang=\"en\">Per hour"
    "</value></values></chargeBandName><chargeCurrency>EUR</chargeCurrency><charge><charge>1.50</charge>"
    "<chargeInterval>3600</chargeInterval></charge></chargeBand></tariffsAndPayment>\n",
    id, site, capacity - 4, capacity, site, site % 10000, site);

  for (guint i = 0; i < G_N_ELEMENTS (facilities); i++)
    g_string_append_printf (xml,
                            "<parkingEquipmentOrServiceFacility equipmentOrServiceFacilityIndex=\"%u\">"
                            "<parkingEquipmentOrServiceFacility xsi:type=\"ServiceFacility\">"
                            "<serviceFacilityType>%s</serviceFacilityType><availability>available</availability>"
                            "</parkingEquipmentOrServiceFacility></parkingEquipmentOrServiceFacility>\n",
                            i, facilities[i]);

  g_string_append_printf (xml,
    "<parkingLocation xsi:type=\"Point\"><pointByCoordinates><pointCoordinates>"
    "<latitude>%s</latitude><longitude>%s</longitude></pointCoordinates></pointByCoordinates></parkingLocation>\n"
    "<parkingUsageScenario scenarioIndex=\"0\"><parkingUsageScenario>truckParking</parkingUsageScenario></parkingUsageScenario>\n"
    "<parkingUsageScenario scenarioIndex=\"1\"><parkingUsageScenario>restArea</parkingUsageScenario></parkingUsageScenario>\n"
    "<interUrbanParkingSiteLocation>motorway</interUrbanParkingSiteLocation>\n"
    "</parkingRecord>\n",
    latitude, longitude);
}

static void
append_status (GString *xml,
               guint    site)
{
  g_autofree char *id = vigie_test_truck_parking_id (site);
  gint64 capacity = vigie_test_truck_parking_capacity (site);
  gint64 vacant = vigie_test_truck_parking_vacant (site);
  char percent[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (percent, sizeof percent, "%.2f", 100.0 * (capacity - vacant) / capacity);

  /* The groups' counts come first: they are not the site's. */
  g_string_append_printf (xml,
    "<parkingRecordStatus xsi:type=\"ParkingSiteStatus\">\n"
    "<parkingRecordReference targetClass=\"ParkingRecord\" id=\"%s\" version=\"3\"/>\n"
    "<parkingStatusOriginTime>2026-01-05T07:0%u:00Z</parkingStatusOriginTime>\n"
    "<groupOfParkingSpacesStatus groupIndex=\"0\"><parkingOccupancy>"
    "<parkingNumberOfVacantSpaces>%" G_GINT64_FORMAT "</parkingNumberOfVacantSpaces>"
    "<parkingNumberOfOccupiedSpaces>%" G_GINT64_FORMAT "</parkingNumberOfOccupiedSpaces>"
    "</parkingOccupancy></groupOfParkingSpacesStatus>\n"
    "<groupOfParkingSpacesStatus groupIndex=\"1\"><parkingOccupancy>"
    "<parkingNumberOfVacantSpaces>1</parkingNumberOfVacantSpaces>"
    "<parkingNumberOfOccupiedSpaces>3</parkingNumberOfOccupiedSpaces>"
    "</parkingOccupancy></groupOfParkingSpacesStatus>\n"
    "<parkingOccupancy>"
    "<parkingNumberOfVacantSpaces>%" G_GINT64_FORMAT "</parkingNumberOfVacantSpaces>"
    "<parkingNumberOfOccupiedSpaces>%" G_GINT64_FORMAT "</parkingNumberOfOccupiedSpaces>"
    "<parkingOccupancy>%s</parkingOccupancy>"
    "</parkingOccupancy>\n"
    "<parkingOccupancyTrend>stable</parkingOccupancyTrend>\n"
    "<parkingSiteStatus>%s</parkingSiteStatus>\n"
    "<parkingSiteOpeningStatus>open</parkingSiteOpeningStatus>\n"
    "</parkingRecordStatus>\n",
    id, site % 10,
    vacant > 0 ? vacant - 1 : 0, capacity - 4 - (vacant > 0 ? vacant - 1 : 0),
    vacant, capacity - vacant, percent,
    vacant == 0 ? "full" : "spacesAvailable");
}

GBytes *
vigie_test_make_truck_parking (guint    n_sites,
                               gboolean status)
{
  GString *xml = g_string_sized_new (n_sites * 1400 + 2048);

  g_string_append (xml, SOAP_HEAD);
  if (status)
    g_string_append (xml,
                     "<genericPublicationName>ParkingStatusPublication</genericPublicationName>\n"
                     "<genericPublicationExtension><parkingStatusPublication>\n");
  else
    g_string_append (xml,
                     "<genericPublicationName>ParkingTablePublication</genericPublicationName>\n"
                     "<genericPublicationExtension><parkingTablePublication>\n"
                     "<parkingTable id=\"TRUCK-PARKING\" version=\"1\">\n");

  for (guint site = 0; site < n_sites; site++)
    {
      if (status)
        append_status (xml, site);
      else
        append_site (xml, site);
    }

  g_string_append (xml, status ? "</parkingStatusPublication>\n" : "</parkingTable>\n</parkingTablePublication>\n");
  g_string_append (xml, SOAP_TAIL);

  return g_string_free_to_bytes (xml);
}
