package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.SqlStates;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonService;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Loans of pool items. An item is on at most one open loan: the conditional UPDATE of the item
 * (AVAILABLE -> ON_LOAN) makes the loser of a race wait and then find it taken; the partial unique
 * index on open loans per item makes it true whatever the code does.
 */
public final class LoanService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final DeviceAccess access;
  private final ItemService items;
  private final RepairService repairs;
  private final PersonService persons;

  private final PeriodGuard periods;

  LoanService(Jdbi jdbi, AuditLog audit, Clock clock, DeviceAccess access, ItemService items, RepairService repairs, PersonService persons,
              PeriodGuard periods) {
    this.periods = periods;
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.access = access;
    this.items = items;
    this.repairs = repairs;
    this.persons = persons;
  }

  /** Longest loan term; a due date further out is a typing error, not a loan. */
  static final int MAX_TERM_YEARS = 10;

  public record NewLoan(@Schema(requiredMode = REQUIRED) UUID itemId, @Schema(requiredMode = REQUIRED) UUID personId,
                        @Schema(requiredMode = REQUIRED) LocalDate startDate, @Schema(requiredMode = REQUIRED) LocalDate dueDate) {}
  public record Return(@Schema(requiredMode = REQUIRED) LocalDate returnedOn, @Schema(requiredMode = REQUIRED) String condition) {}
  public record Extension(@Schema(requiredMode = REQUIRED) LocalDate dueDate) {}

  public Loan create(AppUser u, NewLoan in) {
    Checks c = new Checks();
    c.required(in.itemId(), "itemId");
    c.required(in.personId(), "personId");
    DeviceCodes.pastDate(c, in.startDate(), LocalDate.now(clock), null, null, "startDate");
    c.required(in.dueDate(), "dueDate");
    c.require(in.startDate() == null || in.dueDate() == null || in.dueDate().isAfter(in.startDate()), "dueDate",
        "归还日期须晚于借出日期 / dueDate must be after startDate");
    c.require(in.startDate() == null || in.startDate().getYear() >= 2000, "startDate", "借出日期不能早于 2000 年 / startDate before 2000");
    c.require(in.startDate() == null || in.dueDate() == null || !in.dueDate().isAfter(in.startDate().plusYears(MAX_TERM_YEARS)), "dueDate",
        "借用期限最长 " + MAX_TERM_YEARS + " 年 / a loan lasts at most " + MAX_TERM_YEARS + " years");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      DeviceItem item = items.managedItem(h, u, in.itemId());
      access.persons().requireWritable(h, u, in.personId());
      Person p = persons.find(h, in.personId()).orElseThrow(() -> ApiException.notFound("人员 person"));
      if (!"ACTIVE".equals(p.status())) throw ApiException.invalid("personId", "人员状态为 " + p.status() + "，不能借用 / person is " + p.status());
      DeviceType type = CatalogueService.require(h, item.deviceTypeCode(), "itemId");
      if (!type.rentable()) throw ApiException.invalid("itemId", "该类辅具不可租借 / this device type is not rentable");
      periods.requireOpen(h, in.startDate(), "startDate");
      ItemDao itemDao = new ItemDao(h);
      if (!itemDao.move(item.id(), DeviceItem.AVAILABLE, DeviceItem.ON_LOAN, null, null, clock.instant())) throw notAvailable(itemDao, item.id());
      UUID id = Ids.newId();
      try {
        new LoanDao(h).insert(id, item.id(), in.personId(), item.institutionId(), in.startDate(), in.dueDate(), clock.instant());
      } catch (UnableToExecuteStatementException e) {
        if (SqlStates.is(e, SqlStates.UNIQUE, "loans_one_open_per_item_uq")) throw notAvailable(itemDao, item.id());
        throw e;
      }
      Loan loan = new LoanDao(h).find(id).orElseThrow();
      audit.record(h, u, "CREATE", "loan", id, null, loan);
      audit.record(h, u, "LEND", "device_item", item.id(), item, Map.of("status", DeviceItem.ON_LOAN, "loanId", id));
      return loan;
    });
  }

  /** Returns the item: AVAILABLE again, or IN_REPAIR with an OPEN repair when it comes back POOR. */
  public Loan giveBack(AppUser u, UUID id, Return in) {
    Checks c = new Checks();
    c.required(in.returnedOn(), "returnedOn");
    DeviceCodes.oneOf(c, in.condition(), DeviceCodes.CONDITIONS, "condition");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Loan loan = loadForChange(h, u, id);
      requireOpen(loan, "return");
      Checks later = new Checks();
      DeviceCodes.pastDate(later, in.returnedOn(), LocalDate.now(clock), loan.startDate(), "借出日期", "returnedOn");
      later.throwIfAny();
      periods.requireOpen(h, in.returnedOn(), "returnedOn");
      LoanDao dao = new LoanDao(h);
      if (!dao.markReturned(id, in.returnedOn(), in.condition(), clock.instant())) throw FittingService.illegal(Loan.RETURNED, "return");
      ItemDao itemDao = new ItemDao(h);
      DeviceItem item = itemDao.find(loan.itemId()).orElseThrow();
      boolean poor = "POOR".equals(in.condition());
      String to = poor ? DeviceItem.IN_REPAIR : DeviceItem.AVAILABLE;
      if (!itemDao.move(item.id(), DeviceItem.ON_LOAN, to, in.condition(), null, clock.instant())) {
        throw ApiException.conflict("item-not-on-loan", "辅具不在借出状态 / the item is not on loan").with("currentStatus", item.status());
      }
      Loan after = dao.find(id).orElseThrow();
      audit.record(h, u, "RETURN", "loan", id, loan, after);
      audit.record(h, u, poor ? "TO_REPAIR" : "RETURNED", "device_item", item.id(), item, itemDao.find(item.id()).orElseThrow());
      if (poor) repairs.openForReturn(h, u, item, id);
      return after;
    });
  }

  public Loan extend(AppUser u, UUID id, Extension in) {
    Checks c = new Checks();
    c.required(in.dueDate(), "dueDate");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Loan loan = loadForChange(h, u, id);
      requireOpen(loan, "extend");
      if (!in.dueDate().isAfter(loan.dueDate())) {
        throw ApiException.invalid("dueDate", "新的归还日期须晚于 " + loan.dueDate() + " / the new due date must be after " + loan.dueDate());
      }
      if (in.dueDate().isAfter(loan.startDate().plusYears(MAX_TERM_YEARS))) {
        throw ApiException.invalid("dueDate", "借用期限最长 " + MAX_TERM_YEARS + " 年 / a loan lasts at most " + MAX_TERM_YEARS + " years");
      }
      LoanDao dao = new LoanDao(h);
      if (!dao.extend(id, loan.dueDate(), in.dueDate(), clock.instant())) {
        Loan now = dao.find(id).orElseThrow();
        throw ApiException.conflict("loan-changed", "借用记录已被修改，请刷新 / the loan changed meanwhile").with("currentStatus", now.status());
      }
      Loan after = dao.find(id).orElseThrow();
      audit.record(h, u, "EXTEND", "loan", id, loan, after);
      return after;
    });
  }

  public Loan get(AppUser u, UUID id) {
    return jdbi.withHandle(h -> {
      access.requireReader(h, u);
      return new LoanDao(h).findScoped(id, access.personRecords(u, "l", "p")).orElseThrow(() -> ApiException.notFound("借用 loan"));
    });
  }

  public Page<Loan> list(AppUser u, UUID personId, UUID itemId, String status, Boolean overdue, LocalDate asOf, PageRequest page) {
    return jdbi.withHandle(h -> {
      access.requireReader(h, u);
      if (personId != null) access.persons().requireReadable(h, u, personId);
      LoanDao.Query q = new LoanDao.Query(personId, itemId, status, overdue, asOf != null ? asOf : LocalDate.now(clock));
      return Page.of(new LoanDao(h).list(access.personRecords(u, "l", "p"), q, page.after(), page.fetch()), page.limit(), Loan::id);
    });
  }

  private Loan loadForChange(Handle h, AppUser u, UUID id) {
    access.requireStaff(h, u);
    return new LoanDao(h).findScoped(id, access.personRecords(u, "l", "p")).orElseThrow(() -> ApiException.notFound("借用 loan"));
  }

  private static void requireOpen(Loan loan, String action) {
    if (!Loan.OPEN.equals(loan.status())) throw FittingService.illegal(loan.status(), action);
  }

  private static ApiException notAvailable(ItemDao dao, UUID itemId) {
    String status = dao.find(itemId).map(DeviceItem::status).orElse(null);
    return ApiException.conflict("item-not-available", "该辅具当前状态为 " + status + "，不能借出 / the item is not available")
        .with("currentStatus", status);
  }
}
