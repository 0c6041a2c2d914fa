package cn.donghe.rehab.common;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The one place that says which client a request came from (per-address login limit). It is the peer
 * address the server sees ({@link HttpServletRequest#getRemoteAddr()}); forwarded headers such as
 * {@code X-Forwarded-For} are NOT read here, because any client can send them. Behind a reverse proxy the
 * proxy's address is what counts until forwarded headers are trusted from configured proxy addresses only
 * (that decision belongs here, or in a Jetty customizer that rewrites the remote address).
 * IPv6 clients are grouped by their /64 prefix, which one host usually controls whole.
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    return request == null ? "unknown" : normalise(request.getRemoteAddr());
  }

  /** IPv4 as is, IPv6 reduced to its /64 network ("2001:db8:1:2::/64"). */
  public static String normalise(String address) {
    if (address == null || address.isBlank()) return "unknown";
    String a = address.strip();
    if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
    if (!a.contains(":")) return a;
    try {
      byte[] b = InetAddress.getByName(a).getAddress(); // a literal: no name lookup
      if (b.length != 16) return InetAddress.getByAddress(b).getHostAddress();
      byte[] net = new byte[16];
      System.arraycopy(b, 0, net, 0, 8);
      return InetAddress.getByAddress(net).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return a;
    }
  }
}
