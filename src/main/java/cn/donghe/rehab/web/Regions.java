package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.RegionResource;
import cn.donghe.rehab.registry.RegionService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Region names and choices for forms, read through the registry's region listing. */
final class Regions {
  private final RegionService regions;

  Regions(RegionService regions) { this.regions = regions; }

  List<RegionResource.Region> all(AppUser user) {
    return regions.list(null);
  }

  /** Regions of one level within the user's own region (a regional admin sees only theirs). */
  List<RegionResource.Region> choices(AppUser user, String... levels) {
    List<String> wanted = List.of(levels);
    String prefix = user.regionPrefix();
    return all(user).stream().filter(r -> wanted.contains(r.level()) && r.code().startsWith(prefix)).toList();
  }

  Map<String, String> names(AppUser user) {
    Map<String, String> m = new LinkedHashMap<>();
    for (RegionResource.Region r : all(user)) m.put(r.code(), r.name());
    return m;
  }
}
