package cn.donghe.rehab.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the registry part of the demo data created (and committed), handed to the feature demo
 * loaders (contracts, sessions, devices) so they can build on it.
 *
 * @param communities       all community codes (150202 + town + community digits)
 * @param rehabInstitutions institutions offering REHAB (the first ones are child-aid designated;
 *                          the first is the one of login {@code rehab1})
 * @param childAidInstitutions REHAB institutions that are child-aid designated
 * @param deviceInstitutions institutions offering DEVICE services (the first is the one of login {@code device1})
 * @param clinics           PRIMARY_CARE institutions (the first is the one of login {@code clinic1})
 * @param doctors           family doctors (the first is login {@code doctor1})
 * @param persons           every demo person id (9,216, children included)
 * @param children          the demo children aged 0-10 on 1 January of {@code today}'s year, in aid-eligible
 *                          categories (PHYSICAL, INTELLECTUAL, HEARING, VISUAL grade 3-4 = low vision,
 *                          autism=true); all hold certificates and are among {@code persons}
 * @param admin             the demo admin user id
 * @param district          the district code 150202000000
 * @param towns             the 14 town-level codes (12 sub-districts, 2 towns)
 * @param users             every demo login: username -> user id
 * @param guardianChildren  the children of login {@code parent1} (also in {@code children})
 * @param today             "today" in the configured zone when the data was loaded
 */
public record DemoSeed(List<String> communities, List<UUID> rehabInstitutions, List<UUID> childAidInstitutions,
                       List<UUID> deviceInstitutions, List<UUID> clinics, List<UUID> doctors, List<UUID> persons,
                       List<UUID> children, UUID admin, String district, List<String> towns, Map<String, UUID> users,
                       List<UUID> guardianChildren, LocalDate today) {

  /** A seed with only the first fields (feature demo tests build small ones); the rest empty, today unset. */
  public DemoSeed(List<String> communities, List<UUID> rehabInstitutions, List<UUID> childAidInstitutions,
                  List<UUID> deviceInstitutions, List<UUID> clinics, List<UUID> doctors, List<UUID> persons,
                  List<UUID> children, UUID admin) {
    this(communities, rehabInstitutions, childAidInstitutions, deviceInstitutions, clinics, doctors, persons, children, admin,
        null, List.of(), Map.of(), List.of(), null);
  }
}
