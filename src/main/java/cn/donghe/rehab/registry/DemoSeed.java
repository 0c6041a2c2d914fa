package cn.donghe.rehab.registry;

import java.util.List;
import java.util.UUID;

/**
 * What the registry part of the demo data created, handed to the feature demo loaders
 * (contracts, sessions, devices) so they can build on it.
 *
 * @param communities       all community codes
 * @param rehabInstitutions institutions offering REHAB (the first ones are child-aid designated)
 * @param childAidInstitutions REHAB institutions that are child-aid designated
 * @param deviceInstitutions institutions offering DEVICE services
 * @param clinics           PRIMARY_CARE institutions
 * @param doctors           family doctors
 * @param persons           every demo person id
 * @param children          demo children aged 0-10 with an aid-eligible category (some have guardian logins)
 * @param admin             the demo admin user id
 */
public record DemoSeed(List<String> communities, List<UUID> rehabInstitutions, List<UUID> childAidInstitutions,
                       List<UUID> deviceInstitutions, List<UUID> clinics, List<UUID> doctors, List<UUID> persons,
                       List<UUID> children, UUID admin) {}
