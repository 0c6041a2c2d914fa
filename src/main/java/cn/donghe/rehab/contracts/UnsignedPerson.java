package cn.donghe.rehab.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A row of the signing worklist (应签尽签): an ACTIVE person without a contract in force today.
 * {@code idNumber} is masked; {@code lastContractEndedOn} is the last day of their latest past contract, if any.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UnsignedPerson(UUID personId, String name, String gender, LocalDate birthDate, String idNumber, String category,
                             Integer grade, String regionCode, LocalDate lastContractEndedOn) {}
