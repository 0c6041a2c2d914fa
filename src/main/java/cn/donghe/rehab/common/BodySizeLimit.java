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

  /** Thrown when a body is too large; mapped to 413. */
  public static class TooLarge extends IOException {
    public TooLarge() { super("request body too large"); }
  }

  @Override public void filter(ContainerRequestContext req) throws IOException {
    // the unread rest of the body makes the connection unusable: say so, or the client's next request on it fails
    if (req.getLength() > MAX_BYTES) throw new ApiException(413, "payload-too-large", Problems.titleFor(413),
        "请求体不能超过 1 MiB / request body must not exceed 1 MiB", null).header("Connection", "close");
    if (req.hasEntity()) req.setEntityStream(new Limited(req.getEntityStream()));
  }

  private static final class Limited extends FilterInputStream {
    private long count;
    Limited(InputStream in) { super(in); }

    @Override public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++count > MAX_BYTES) throw new TooLarge();
      return b;
    }

    @Override public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0 && (count += n) > MAX_BYTES) throw new TooLarge();
      return n;
    }
  }
}
