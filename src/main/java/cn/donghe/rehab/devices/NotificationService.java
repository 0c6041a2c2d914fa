package cn.donghe.rehab.devices;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.PersonScope;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads loan reminders, scoped like the loans they belong to. */
public final class NotificationService {
  private final Jdbi jdbi;
  private final DeviceAccess access;

  NotificationService(Jdbi jdbi, DeviceAccess access) {
    this.jdbi = jdbi;
    this.access = access;
  }

  public Page<LoanNotification> list(AppUser u, UUID loanId, UUID personId, PageRequest page) {
    return jdbi.withHandle(h -> {
      access.requireReader(h, u);
      if (personId != null) access.persons().requireReadable(h, u, personId);
      PersonScope.Filter scope = access.personRecords(u, "l", "p");
      if (loanId != null && new LoanDao(h).findScoped(loanId, scope).isEmpty()) throw ApiException.notFound("借用 loan");
      return Page.of(new LoanNotificationDao(h).list(scope, loanId, personId, page), page.limit(), LoanNotification::id);
    });
  }
}
