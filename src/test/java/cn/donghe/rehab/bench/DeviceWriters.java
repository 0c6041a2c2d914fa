package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.Ids;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Devices of a district: the rental pool of its device service stations with its loans, and the
 * delivered fittings. About half of the assessed device needs are met by a delivered fitting (one
 * per person and device type, so the one-subsidy-per-service-life exclusion holds); every pool item
 * has had up to three returned loans and about 40% are on loan now (one open loan per item).
 */
final class DeviceWriters {
  static final int ITEMS_PER_TYPE_AND_STATION = 15;
  static final double FITTED = 0.5;
  static final double ON_LOAN = 0.4;

  private DeviceWriters() {}

  record Item(UUID id, String code, String serial, UUID institutionId, boolean onLoan, Instant created) {}

  record Loan(UUID id, Item item, UUID personId, LocalDate start, LocalDate due, LocalDate returned) {}

  /** The pool and its loans, decided once for the items and loans writers. */
  static final class Pool {
    final List<Item> items = new ArrayList<>();
    final List<Loan> loans = new ArrayList<>();

    Pool(Population pop, TableWriter.Context ctx) {
      SplittableRandom rnd = ctx.random(pop.district.code, "device-pool");
      List<Population.Person> active = pop.persons.stream().filter(Population.Person::active).toList();
      LocalDate today = ctx.today();
      Instant created = today.minusYears(3).atStartOfDay(ctx.zone()).toInstant();
      int station = 0;
      for (District.Institution inst : pop.district.institutions) {
        if (!inst.services().contains("DEVICE")) continue;
        station++;
        for (Catalogue.DeviceType t : Catalogue.rentable()) {
          for (int k = 1; k <= ITEMS_PER_TYPE_AND_STATION; k++) {
            boolean open = rnd.nextDouble() < ON_LOAN;
            Item item = new Item(Ids.newId(), t.code(), "B" + pop.district.code + "-" + station + "-" + k, inst.id(), open, created);
            items.add(item);
            LocalDate cursor = today.minusDays(700);
            int past = rnd.nextInt(4);
            for (int l = 0; l < past; l++) {
              LocalDate start = cursor.plusDays(rnd.nextInt(1, 60));
              LocalDate returned = start.plusDays(rnd.nextInt(10, 120));
              if (!returned.isBefore(today.minusDays(130))) break;
              loans.add(new Loan(Ids.newId(), item, active.get(rnd.nextInt(active.size())).id(), start, start.plusDays(90), returned));
              cursor = returned;
            }
            if (open) {
              LocalDate start = today.minusDays(rnd.nextInt(0, 120));
              loans.add(new Loan(Ids.newId(), item, active.get(rnd.nextInt(active.size())).id(), start, start.plusDays(90), null));
            }
          }
        }
      }
    }

    static Pool of(Population pop, TableWriter.Context ctx) { return pop.derived(Pool.class, () -> new Pool(pop, ctx)); }
  }

  static final class Items implements TableWriter {
    @Override public String table() { return "device_items"; }
    @Override public String columns() { return "id, device_type_code, serial_no, condition, status, institution_id, created_at, updated_at"; }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      for (Item i : Pool.of(pop, ctx).items) {
        out.add(i.id()).add(i.code()).add(i.serial()).add("GOOD").add(i.onLoan() ? "ON_LOAN" : "AVAILABLE").add(i.institutionId())
            .add(i.created()).add(i.created()).endRow();
      }
    }
  }

  static final class Loans implements TableWriter {
    @Override public String table() { return "loans"; }
    @Override public String columns() {
      return "id, item_id, person_id, institution_id, start_date, due_date, returned_on, return_condition, created_at, updated_at";
    }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      for (Loan l : Pool.of(pop, ctx).loans) {
        Instant at = l.start().atTime(10, 0).atZone(ctx.zone()).toInstant();
        Instant updated = l.returned() == null ? at : l.returned().atTime(15, 0).atZone(ctx.zone()).toInstant();
        out.add(l.id()).add(l.item().id()).add(l.personId()).add(l.item().institutionId()).add(l.start()).add(l.due())
            .add(l.returned()).add(l.returned() == null ? null : "GOOD").add(at).add(updated).endRow();
      }
    }
  }

  /** Delivered fittings (FITTED, or FOLLOWED_UP a month later) for about half of the assessed device needs. */
  static final class Fittings implements TableWriter {
    @Override public String table() { return "fittings"; }
    @Override public String columns() {
      return "id, person_id, device_type_code, institution_id, status, requested_on, assessed_on, suitable, delivered_on, subsidy, "
          + "subsidy_until, follow_up_on, follow_up_outcome, created_at, updated_at";
    }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      SplittableRandom rnd = ctx.random(pop.district.code, table());
      Needs needs = Needs.of(pop, ctx);
      List<District.Institution> stations = pop.district.institutions.stream().filter(i -> i.services().contains("DEVICE")).toList();
      LocalDate today = ctx.today();
      Set<String> done = new HashSet<>();
      for (int y = 0; y < 2; y++) {
        for (int i = 0; i < pop.persons.size(); i++) {
          LocalDate assessed = needs.assessedOn[y][i];
          if (assessed == null || needs.devices[y][i].length == 0 || rnd.nextDouble() >= FITTED) continue;
          String code = needs.devices[y][i][0];
          Population.Person p = pop.persons.get(i);
          if (!done.add(i + code)) continue;
          LocalDate requested = Needs.min(today, assessed.plusDays(rnd.nextInt(0, 30)));
          LocalDate checked = Needs.min(today, requested.plusDays(rnd.nextInt(0, 14)));
          LocalDate delivered = Needs.min(today, checked.plusDays(rnd.nextInt(0, 30)));
          if (!p.active() && !delivered.isBefore(p.statusDate())) continue;
          Catalogue.DeviceType t = Catalogue.device(code);
          LocalDate followUp = delivered.plusDays(30);
          boolean followed = !followUp.isAfter(today) && rnd.nextInt(10) < 6;
          Instant created = requested.atTime(9, 0).atZone(ctx.zone()).toInstant();
          Instant updated = (followed ? followUp : delivered).atTime(16, 0).atZone(ctx.zone()).toInstant();
          out.add(Ids.newId()).add(p.id()).add(code).add(stations.get(rnd.nextInt(stations.size())).id())
              .add(followed ? "FOLLOWED_UP" : "FITTED").add(requested).add(checked).add(true).add(delivered).add(t.subsidy())
              .add(delivered.plusMonths(t.serviceLifeMonths())).add(followed ? followUp : null).add(followed ? "IN_USE" : null)
              .add(created).add(updated).endRow();
        }
      }
    }
  }
}
