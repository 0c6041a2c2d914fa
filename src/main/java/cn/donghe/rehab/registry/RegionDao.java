package cn.donghe.rehab.registry;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of regions (district, towns, communities), keyed by their 12-digit code. */
final class RegionDao {
  private final Handle h;

  RegionDao(Handle h) { this.h = h; }

  /** Children of {@code parentCode}, or every region when it is null; ordered by code. */
  List<RegionResource.Region> list(String parentCode) {
    return h.createQuery("SELECT code, name, level, parent_code FROM regions WHERE (CAST(:p AS text) IS NULL OR parent_code = :p) ORDER BY code")
        .bind("p", parentCode)
        .map((rs, ctx) -> new RegionResource.Region(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
  }

  Optional<String> level(String code) {
    return h.createQuery("SELECT level FROM regions WHERE code = :c").bind("c", code).mapTo(String.class).findOne();
  }

  /** False when the code exists already. */
  boolean insert(RegionResource.Region r) {
    return h.createUpdate("INSERT INTO regions (code, name, level, parent_code) VALUES (:code, :name, :level, :parent) ON CONFLICT DO NOTHING")
        .bind("code", r.code()).bind("name", r.name()).bind("level", r.level()).bind("parent", r.parentCode()).execute() == 1;
  }
}
