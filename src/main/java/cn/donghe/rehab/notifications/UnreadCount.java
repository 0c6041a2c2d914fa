package cn.donghe.rehab.notifications;

/** The number shown in the page header. */
public record UnreadCount(long unread) {}
