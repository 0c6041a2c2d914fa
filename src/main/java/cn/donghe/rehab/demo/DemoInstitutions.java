package cn.donghe.rehab.demo;

import cn.donghe.rehab.common.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The demo institutions (rehab, device services, primary care) and the family doctors of the clinics. */
final class DemoInstitutions {
  private DemoInstitutions() {}

  private record Spec(String name, String region, List<String> services, boolean childAid) {}

  // order matters: the first of each kind carries the demo login (rehab1, device1, clinic1)
  private static final Spec QIHANG = new Spec("东河区启航儿童康复中心", "150202001002", List.of("REHAB"), true);
  private static final Spec CENTRE = new Spec("东河区残疾人康复中心", "150202001001", List.of("REHAB", "DEVICE"), true);
  private static final Spec XINGYU = new Spec("东河区星语孤独症儿童康复中心", "150202008002", List.of("REHAB"), true);
  private static final Spec SUNSHINE = new Spec("东河区阳光精神康复站", "150202003002", List.of("REHAB"), false);
  private static final Spec DEVICES = new Spec("东河区辅助器具服务中心", "150202004001", List.of("DEVICE"), false);
  private static final Spec RENTAL = new Spec("河东镇辅具租赁服务站", "150202100201", List.of("DEVICE"), false);
  private static final Spec HEPING = new Spec("和平路街道社区卫生服务中心", "150202001001", List.of("PRIMARY_CARE", "REHAB"), false);
  private static final Spec XINAOBAO = new Spec("西脑包街道社区卫生服务中心", "150202003001", List.of("PRIMARY_CARE"), false);
  private static final Spec HEDONG = new Spec("河东镇卫生院", "150202100201", List.of("PRIMARY_CARE"), false);
  private static final Spec SHAERQIN = new Spec("沙尔沁镇卫生院", "150202101201", List.of("PRIMARY_CARE"), false);

  /** Doctors per clinic, in clinic order (HEPING, XINAOBAO, HEDONG, SHAERQIN). */
  private static final List<List<String>> DOCTORS = List.of(
      List.of("李建华", "王秀英", "张志强", "刘静"),
      List.of("陈国庆", "赵丽娟"),
      List.of("杨振海", "孙桂兰"),
      List.of("郭永利", "巴特尔"));

  record Loaded(List<UUID> all, List<UUID> rehab, List<UUID> childAid, List<UUID> device, List<UUID> clinics,
                List<UUID> doctors, List<String> doctorNames) {}

  static Loaded insert(Handle h, Instant now) {
    List<UUID> all = new ArrayList<>();
    UUID qihang = add(h, QIHANG, now, all);
    UUID centre = add(h, CENTRE, now, all);
    UUID xingyu = add(h, XINGYU, now, all);
    UUID sunshine = add(h, SUNSHINE, now, all);
    UUID devices = add(h, DEVICES, now, all);
    UUID rental = add(h, RENTAL, now, all);
    List<UUID> clinics = List.of(add(h, HEPING, now, all), add(h, XINAOBAO, now, all), add(h, HEDONG, now, all), add(h, SHAERQIN, now, all));
    List<UUID> doctors = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int n = 0;
    for (int c = 0; c < clinics.size(); c++) {
      for (String name : DOCTORS.get(c)) {
        UUID id = Ids.newId();
        h.createUpdate("INSERT INTO doctors (id, name, institution_id, license_no, created_at) VALUES (:id, :name, :inst, :lic, :now)")
            .bind("id", id).bind("name", name).bind("inst", clinics.get(c)).bind("lic", String.format("DEMO-150202-FD-%04d", ++n))
            .bind("now", now).execute();
        doctors.add(id);
        names.add(name);
      }
    }
    return new Loaded(List.copyOf(all), List.of(qihang, centre, xingyu, sunshine, clinics.get(0)), List.of(qihang, centre, xingyu),
        List.of(devices, rental, centre), clinics, List.copyOf(doctors), List.copyOf(names));
  }

  private static UUID add(Handle h, Spec s, Instant now, List<UUID> all) {
    UUID id = Ids.newId();
    h.createUpdate("INSERT INTO institutions (id, name, region_code, services, child_aid_designated, created_at) "
            + "VALUES (:id, :name, :region, :services, :aid, :now)")
        .bind("id", id).bind("name", s.name()).bind("region", s.region()).bind("services", s.services().toArray(new String[0]))
        .bind("aid", s.childAid()).bind("now", now).execute();
    all.add(id);
    return id;
  }
}
