package cn.donghe.rehab.support;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A print stream writing to both: the console keeps its output and a test sees it too (log and access-log tests). */
public final class Tee {
  private Tee() {}

  public static PrintStream of(PrintStream original, OutputStream copy) {
    return new PrintStream(new OutputStream() {
      @Override public void write(int b) {
        original.write(b);
        synchronized (copy) { try { copy.write(b); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } }
      }

      @Override public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        synchronized (copy) { try { copy.write(b, off, len); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } }
      }
    }, true, StandardCharsets.UTF_8);
  }
}
