package cn.donghe.rehab.contracts;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

import cn.donghe.rehab.registry.Ages;
import cn.donghe.rehab.registry.IdNumbers;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A row of the signing worklist (应签尽签): an ACTIVE person without a contract in force today.
 * {@code idNumber} is masked ({@code 150202************}) for every reader; {@code birthDate} is shown to ADMIN only,
 * a DOCTOR gets {@code birthYearMonth} and {@code age} (see {@link Ages#masked}); {@code lastContractEndedOn} is the
 * last day of their latest past contract, if any.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UnsignedPerson(UUID personId, String name, String gender,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = NOT_REQUIRED, nullable = true,
                                 description = "仅管理员可见 / ADMIN only") LocalDate birthDate,
                             @Schema(nullable = true, example = "2019-06") String birthYearMonth,
                             @Schema(nullable = true, minimum = "0") Integer age,
                             String idNumber, String category, Integer grade, String regionCode, LocalDate lastContractEndedOn) {
  UnsignedPerson(UUID personId, String name, String gender, LocalDate birthDate, String idNumber, String category,
                 Integer grade, String regionCode, LocalDate lastContractEndedOn) {
    this(personId, name, gender, birthDate, null, null, idNumber, category, grade, regionCode, lastContractEndedOn);
  }

  /** As the reader may see it: ADMIN keeps the birth date (and exact age), others get year-month and the masked age. */
  UnsignedPerson shownTo(boolean admin, LocalDate today) {
    return new UnsignedPerson(personId, name, gender, admin ? birthDate : null, Ages.yearMonth(birthDate),
        admin ? Ages.exact(birthDate, today) : Ages.masked(birthDate, today), IdNumbers.remask(idNumber), category, grade,
        regionCode, lastContractEndedOn);
  }
}
