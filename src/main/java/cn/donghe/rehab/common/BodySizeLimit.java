package cn.donghe.rehab.common;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Refuses request bodies over 1 MiB with 413, whether or not Content-Length is given. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class BodySizeLimit implements ContainerRequestFilter {
  public static final long MAX_BYTES = 1024 * 1024;
  /**
   * Bodies up to this size are read to the end before the 413 is sent, so a client that is still sending gets
   * the answer instead of a reset connection; larger ones are cut off (the connection is closed).
   */
  static final long DRAIN_LIMIT = 8L * 1024 * 1024;

  static void drain(InputStream in, boolean fully) {
    if (!fully || in == null) return;
    try {
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while (total < DRAIN_LIMIT && (n = in.read(buf)) > 0) total += n;
    } catch (IOException ignored) {
      // the client went away; nothing to answer
    }
  }

  /** Thrown when a body is too large; mapped to 413. */
  public static class TooLarge extends IOException {
    public TooLarge() { super("request body too large"); }
  }

  @Override public void filter(ContainerRequestContext req) throws IOException {
    // the unread rest of the body makes the connection unusable: say so, or the client's next request on it fails
    if (req.getLength() > MAX_BYTES) {
      drain(req.getEntityStream(), req.getLength() <= DRAIN_LIMIT);
      throw new ApiException(413, "payload-too-large", Problems.titleFor(413),
        "请求体不能超过 1 MiB / request body must not exceed 1 MiB", null).header("Connection", "close");
    }
    if (req.hasEntity()) req.setEntityStream(new Limited(req.getEntityStream()));
  }

  private static final class Limited extends FilterInputStream {
    private long count;
    Limited(InputStream in) { super(in); }

    @Override public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++count > MAX_BYTES) { drain(in, true); throw new TooLarge(); }
      return b;
    }

    @Override public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0 && (count += n) > MAX_BYTES) { drain(in, true); throw new TooLarge(); }
      return n;
    }
  }
}
