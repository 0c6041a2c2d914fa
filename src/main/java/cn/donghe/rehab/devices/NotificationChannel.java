package cn.donghe.rehab.devices;

/**
 * Delivers a recorded reminder to the person (SMS, WeChat, letter ...). Chosen by {@code reminders.channel}
 * in config.yml. A channel that throws leaves the notification undelivered; the next run retries it.
 */
public interface NotificationChannel {
  String name();

  void send(LoanNotification n) throws Exception;

  /** The channel named in the configuration; unknown names stop the application at start-up. */
  static NotificationChannel named(String name) {
    return switch (name) {
      case "log" -> new LogNotificationChannel();
      default -> throw new IllegalArgumentException("unknown reminders.channel: " + name + " (supported: log)");
    };
  }
}
