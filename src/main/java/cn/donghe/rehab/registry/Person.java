package cn.donghe.rehab.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A person as the API shows it. What a reader sees depends on who reads ({@link #masked} / {@link #full}):
 * ADMIN (single reads, audited) and a GUARDIAN reading their own child get the full numbers and {@code birthDate};
 * everyone else gets masked numbers ({@code 150202************}, certificate {@code 150202************41})
 * and, instead of {@code birthDate}, {@code birthYearMonth} and {@code age}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Person(UUID id, String name, String gender,
                     @JsonInclude(JsonInclude.Include.NON_NULL)
                     @Schema(requiredMode = NOT_REQUIRED, nullable = true, description = "出生日期，仅管理员与本人监护人可见 / only for ADMIN and the person's own GUARDIAN")
                     LocalDate birthDate,
                     @Schema(nullable = true, pattern = "^[0-9]{4}-[0-9]{2}$", example = "2019-06",
                         description = "出生年月 / year and month of birth")
                     String birthYearMonth,
                     @Schema(nullable = true, minimum = "0", example = "7",
                         description = "周岁；看不到出生日期的读者按出生月最后一天计 / whole years; for readers without birthDate counted as if born on the last day of the birth month")
                     Integer age,
                     String idNumber, String certificateNo,
                     String category, Integer grade, boolean autism, String regionCode, String phone, Guardian guardian,
                     String status, LocalDate statusDate, Instant createdAt, Instant updatedAt) {
  public record Guardian(@Schema(requiredMode = REQUIRED) String name, @Schema(requiredMode = REQUIRED) String phone,
                         @Schema(requiredMode = REQUIRED) String relation) {}

  /** A stored person (birthYearMonth and age are filled in when it is shown). */
  public Person(UUID id, String name, String gender, LocalDate birthDate, String idNumber, String certificateNo,
                String category, Integer grade, boolean autism, String regionCode, String phone, Guardian guardian,
                String status, LocalDate statusDate, Instant createdAt, Instant updatedAt) {
    this(id, name, gender, birthDate, null, null, idNumber, certificateNo, category, grade, autism, regionCode, phone, guardian,
        status, statusDate, createdAt, updatedAt);
  }

  public Person withNumbers(String id, String cert) {
    return new Person(this.id, name, gender, birthDate, birthYearMonth, age, id, cert, category, grade, autism, regionCode, phone,
        guardian, status, statusDate, createdAt, updatedAt);
  }

  /** As readers who may see the birth date see it: birthDate, its year-month and the exact age today. */
  public Person full(LocalDate today) {
    return new Person(id, name, gender, birthDate, Ages.yearMonth(birthDate), Ages.exact(birthDate, today), idNumber, certificateNo,
        category, grade, autism, regionCode, phone, guardian, status, statusDate, createdAt, updatedAt);
  }

  /**
   * As every other reader sees it: no birthDate, the year-month and the age of {@link Ages#masked}; the numbers
   * as stored masked (callers never pass full numbers here, but they are masked again to be sure).
   */
  public Person masked(LocalDate today) {
    return new Person(id, name, gender, null, Ages.yearMonth(birthDate), Ages.masked(birthDate, today),
        IdNumbers.remask(idNumber), IdNumbers.remask(certificateNo), category, grade, autism, regionCode, phone, guardian, status,
        statusDate, createdAt, updatedAt);
  }
}
