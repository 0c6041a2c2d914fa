package cn.donghe.rehab.registry;

import java.util.List;
import java.util.UUID;

/** A contracted institution (rehab, device services, primary care). */
public record Institution(UUID id, String name, String regionCode, List<String> services, boolean childAidDesignated) {
  public boolean offers(String service) { return services.contains(service); }
}
