package cn.donghe.rehab.devices;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes reminders to the application log (no personal data beyond ids). */
final class LogNotificationChannel implements NotificationChannel {
  private static final Logger LOG = LoggerFactory.getLogger(LogNotificationChannel.class);

  @Override public String name() { return "log"; }

  @Override public void send(LoanNotification n) {
    LOG.info("loan reminder {} for loan {} person {} step {} (due {})", n.kind(), n.loanId(), n.personId(), n.offsetDays(), n.dueDate());
  }
}
