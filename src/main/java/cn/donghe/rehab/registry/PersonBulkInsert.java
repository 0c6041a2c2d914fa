package cn.donghe.rehab.registry;

import cn.donghe.rehab.common.IdNumberCipher;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The registry's bulk path for seeding (the demo data): many new persons in one JDBC batch in the
 * caller's transaction, their numbers encrypted and hashed exactly as a single registration does.
 * No per-person audit row and no rule checks: the caller vouches for the rows and records one audit
 * row for its whole load. Kept here so that the persons table is written only by its own DAO.
 */
public final class PersonBulkInsert {
  private PersonBulkInsert() {}

  /** A person row to insert and its plaintext numbers. */
  public record Row(Person person, String idNumber, String certificateNo) {}

  public static void insertAll(Handle h, ObjectMapper mapper, IdNumberCipher cipher, List<Row> rows) {
    List<Person> persons = new ArrayList<>(rows.size());
    List<PersonDao.Sealed> sealed = new ArrayList<>(rows.size());
    for (Row r : rows) {
      persons.add(r.person());
      sealed.add(new PersonDao.Sealed(cipher.encrypt(r.idNumber()), cipher.lookupHash(r.idNumber()),
          IdNumbers.mask(r.idNumber()), cipher.encrypt(r.certificateNo()), cipher.lookupHash(r.certificateNo()),
          IdNumbers.maskCertificate(r.certificateNo())));
    }
    new PersonDao(h, mapper).insertAll(persons, sealed);
  }
}
