package cn.donghe.rehab.registry;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fresh persons with known plaintext numbers, for the encryption and redaction tests. */
final class NumberedPersons {
  private NumberedPersons() {}

  record Created(UUID id, String idNumber, String certificateNo) {}

  static List<Created> persons(String community, int n) {
    List<Created> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> body = Fixtures.personBody(community, Category.HEARING, 1 + i % 4, LocalDate.of(1960 + i, 3, 9));
      Api.Resp r = TestApp.admin().post("/persons", body);
      if (r.status() != 201) throw new IllegalStateException(r.toString());
      out.add(new Created(UUID.fromString(r.str("id")), (String) body.get("idNumber"), (String) body.get("certificateNo")));
    }
    return out;
  }

  static List<UUID> ids(List<Created> persons) {
    return persons.stream().map(Created::id).toList();
  }
}
