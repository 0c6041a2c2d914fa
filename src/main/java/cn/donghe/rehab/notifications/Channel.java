package cn.donghe.rehab.notifications;

/**
 * An outside channel. {@code send} returns only when the receiver accepted the message; anything thrown counts as
 * a failed attempt (retried with backoff, then dead-lettered). A message may arrive twice (the worker can stop after
 * sending and before recording it), so every message carries its event key for the receiver to drop repeats.
 */
interface Channel {
  String name();

  void send(OutgoingMessage m) throws Exception;
}
