package cn.donghe.rehab.plans;

import cn.donghe.rehab.common.ApiException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the revisions named by an {@code If-Match} header ({@code "3"}, also a bare {@code 3}).
 * Missing (or {@code *}, which would allow a blind overwrite) answers 428; tokens that are not
 * revisions simply match nothing (412 later). Weak tags never match (RFC 9110 strong comparison).
 */
final class IfMatch {
  private IfMatch() {}

  static Set<Integer> revisions(String header) {
    if (header == null || header.isBlank() || header.trim().equals("*")) {
      throw new ApiException(428, "precondition-required", "缺少前置条件 Precondition required",
          "修改方案须带 If-Match 头（当前版本号，如 \"1\"）/ If-Match with the plan's current revision (ETag) is required", null);
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (String token : header.split(",")) {
      String t = token.trim();
      if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) t = t.substring(1, t.length() - 1);
      if (t.matches("[0-9]{1,9}")) out.add(Integer.parseInt(t));
    }
    return out;
  }
}
