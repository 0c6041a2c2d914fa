package cn.donghe.rehab.bench;

import java.sql.SQLException;
import java.time.Instant;

/** Institutions and family doctors of a district (small tables, loaded with their indexes in place). */
final class ReferenceWriters {
  private ReferenceWriters() {}

  static final class Institutions implements TableWriter {
    @Override public String table() { return "institutions"; }
    @Override public String columns() { return "id, name, region_code, services, child_aid_designated, created_at"; }
    @Override public boolean bulk() { return false; }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      Instant created = ctx.today().minusYears(3).atStartOfDay(ctx.zone()).toInstant();
      for (District.Institution i : pop.district.institutions) {
        out.add(i.id()).add(i.name()).add(i.regionCode()).add("{" + String.join(",", i.services()) + "}")
            .add(i.childAidDesignated()).add(created).endRow();
      }
    }
  }

  static final class Doctors implements TableWriter {
    @Override public String table() { return "doctors"; }
    @Override public String columns() { return "id, name, institution_id, license_no, created_at"; }
    @Override public boolean bulk() { return false; }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      Instant created = ctx.today().minusYears(3).atStartOfDay(ctx.zone()).toInstant();
      for (District.Doctor d : pop.district.doctors) {
        out.add(d.id()).add(d.name()).add(d.institutionId()).add(d.licenseNo()).add(created).endRow();
      }
    }
  }
}
