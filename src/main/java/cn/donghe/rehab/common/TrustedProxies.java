package cn.donghe.rehab.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose X-Forwarded-Proto / X-Forwarded-For are believed (TRUSTED_PROXIES:
 * comma-separated addresses or CIDR blocks, IPv4 or IPv6; default none). From anyone else these
 * headers are dropped before the application sees them.
 */
public final class TrustedProxies {
  private record Block(byte[] network, int bits) {
    boolean contains(byte[] a) {
      if (a.length != network.length) return false;
      int full = bits / 8;
      for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (a[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) { this.blocks = blocks; }

  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  /** Parses "10.0.0.5, 192.168.0.0/16, ::1"; only literal addresses (no host names: no DNS at start-up). */
  public static TrustedProxies parse(String spec) {
    List<Block> out = new ArrayList<>();
    if (spec == null) return NONE;
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      String addr = p;
      int bits = -1;
      int slash = p.indexOf('/');
      if (slash >= 0) {
        addr = p.substring(0, slash);
        try {
          bits = Integer.parseInt(p.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix length in '" + p + "'");
        }
      }
      byte[] a = literal(addr);
      if (a == null) throw new IllegalArgumentException("TRUSTED_PROXIES: '" + p + "' is not an IP address or CIDR block");
      if (bits < 0) bits = a.length * 8;
      if (bits > a.length * 8) throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix length in '" + p + "'");
      out.add(new Block(a, bits));
    }
    return new TrustedProxies(List.copyOf(out));
  }

  public boolean isEmpty() { return blocks.isEmpty(); }

  public boolean trusts(String address) {
    if (blocks.isEmpty() || address == null) return false;
    byte[] a = literal(address);
    if (a == null) return false;
    for (Block b : blocks) if (b.contains(a)) return true;
    return false;
  }

  /**
   * The client behind {@code remote}: when {@code remote} is a trusted proxy, the right-most entry
   * of X-Forwarded-For that is not itself a trusted proxy (entries further left were written by the
   * client and are not believed); otherwise {@code remote} itself.
   */
  public String clientAddress(String remote, String forwardedFor) {
    if (!trusts(remote) || forwardedFor == null || forwardedFor.isBlank()) return remote;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty()) continue;
      if (literal(hop) == null) return remote; // garbage: keep what we know
      if (!trusts(hop)) return hop;
    }
    return remote;
  }

  /** The bytes of an IP literal, or null when it is not one (never resolves names). */
  static byte[] literal(String s) {
    String t = s.trim();
    if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
    if (t.isEmpty() || !(t.matches("[0-9.]+") || t.contains(":"))) return null;
    if (t.matches("[0-9.]+") && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
    if (t.contains(":") && !t.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) return null;
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
