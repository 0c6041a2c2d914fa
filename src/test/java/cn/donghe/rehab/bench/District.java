package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The reference data of one synthetic district: its towns and communities (codes in the
 * statistical format district(6) + town(3) + community(3)), institutions and family doctors.
 * Donghe (150202) gets its real town and sub-district names; others get numbered ones.
 */
final class District {
  /** Donghe's 2 towns and 12 sub-districts; its 49 villages and 66 communities are spread over them. */
  private static final String[] DONGHE_TOWNS = {"河东镇", "沙尔沁镇", "和平路街道", "财神庙街道", "西脑包街道", "南门外街道", "南圪洞街道",
      "东站街道", "回民街道", "南海街道", "河东街道", "铁西街道", "东兴街道", "杨圪塄街道"};
  static final int TOWNS = DONGHE_TOWNS.length;
  static final int COMMUNITIES = 115;
  static final int REHAB_INSTITUTIONS = 4;
  static final int DEVICE_INSTITUTIONS = 2;
  static final int PRIMARY_CARE_INSTITUTIONS = 6;
  static final int DOCTORS_PER_PRIMARY_CARE = 8;

  record Region(String code, String name, String level, String parentCode) {}
  record Institution(UUID id, String name, String regionCode, List<String> services, boolean childAidDesignated) {}
  record Doctor(UUID id, String name, UUID institutionId, String licenseNo) {}

  final String code;
  final Region region;
  final List<Region> towns = new ArrayList<>();
  final List<Region> communities = new ArrayList<>();
  final List<Institution> institutions = new ArrayList<>();
  final List<Doctor> doctors = new ArrayList<>();

  District(String code6, SplittableRandom rnd) {
    this.code = code6;
    this.region = new Region(code6 + "000000", code6.equals("150202") ? "东河区" : "合成区" + code6, "DISTRICT", null);
    for (int t = 1; t <= TOWNS; t++) {
      String townCode = code6 + String.format(Locale.ROOT, "%03d", t) + "000";
      String name = code6.equals("150202") ? DONGHE_TOWNS[t - 1] : "第" + t + "街道";
      towns.add(new Region(townCode, name, "TOWN", region.code()));
    }
    for (int c = 0; c < COMMUNITIES; c++) {
      Region town = towns.get(c % TOWNS);
      int n = c / TOWNS + 1;
      String kind = town.name().endsWith("镇") ? "村" : "社区";
      communities.add(new Region(town.code().substring(0, 9) + String.format(Locale.ROOT, "%03d", n),
          town.name() + "第" + n + kind, "COMMUNITY", town.code()));
    }
    addInstitutions(rnd);
  }

  private void addInstitutions(SplittableRandom rnd) {
    for (int i = 1; i <= REHAB_INSTITUTIONS; i++) {
      institutions.add(new Institution(Ids.newId(), region.name() + "康复中心" + i, randomCommunity(rnd), List.of("REHAB"), i <= 2));
    }
    for (int i = 1; i <= DEVICE_INSTITUTIONS; i++) {
      institutions.add(new Institution(Ids.newId(), region.name() + "辅具服务站" + i, randomCommunity(rnd), List.of("REHAB", "DEVICE"), false));
    }
    for (int i = 1; i <= PRIMARY_CARE_INSTITUTIONS; i++) {
      Institution inst = new Institution(Ids.newId(), region.name() + "社区卫生服务中心" + i, randomCommunity(rnd), List.of("PRIMARY_CARE"), false);
      institutions.add(inst);
      for (int d = 1; d <= DOCTORS_PER_PRIMARY_CARE; d++) {
        doctors.add(new Doctor(Ids.newId(), Names.person(rnd), inst.id(), "BENCH-" + code + "-" + i + "-" + d));
      }
    }
  }

  String randomCommunity(SplittableRandom rnd) {
    return communities.get(rnd.nextInt(communities.size())).code();
  }

  /** The institutions of this district that offer REHAB (the session writers pick from these). */
  List<Institution> rehabInstitutions() {
    return institutions.stream().filter(i -> i.services().contains("REHAB")).toList();
  }
}
