package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.IdNumberCipher;
import cn.donghe.rehab.registry.IdNumbers;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Persons with their numbers sealed exactly as PersonService seals them: AES-GCM ciphertext, HMAC
 * lookup hash and masked form of both the ID and the certificate number, so lookups by number work.
 * The encryption runs in the district's worker thread; districts load in parallel.
 */
final class PersonsWriter implements TableWriter {
  private static final String[] RELATIONS = {"母亲", "父亲", "祖母", "祖父"};

  @Override public String table() { return "persons"; }

  @Override public String columns() {
    return "id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, certificate_enc, certificate_hash, "
        + "certificate_masked, category, grade, autism, region_code, phone, guardian, status, status_date, created_at, updated_at";
  }

  @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
    IdNumberCipher cipher = ctx.cipher();
    SplittableRandom rnd = ctx.random(pop.district.code, table());
    for (Population.Person p : pop.persons) {
      String id = p.idNumber();
      String cert = p.certificateNo();
      out.add(p.id()).add(p.name()).add(p.gender()).add(p.birthDate())
          .add(cipher.encrypt(id)).add(cipher.lookupHash(id)).add(IdNumbers.mask(id))
          .add(cipher.encrypt(cert)).add(cipher.lookupHash(cert)).add(IdNumbers.maskCertificate(cert))
          .add(p.category().name()).add(p.grade()).add(p.autism()).add(p.regionCode())
          .add(phone(rnd)).add(p.child() ? guardian(rnd) : null)
          .add(p.status()).add(p.statusDate()).add(p.createdAt()).add(p.createdAt()).endRow();
      ctx.samples().person(p);
    }
  }

  private static String phone(SplittableRandom rnd) {
    return "13" + String.format("%09d", rnd.nextInt(1_000_000_000));
  }

  private static String guardian(SplittableRandom rnd) {
    return "{\"name\": \"" + Names.person(rnd) + "\", \"phone\": \"" + phone(rnd) + "\", \"relation\": \""
        + RELATIONS[rnd.nextInt(RELATIONS.length)] + "\"}";
  }
}
