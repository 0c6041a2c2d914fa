package cn.donghe.rehab.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** Body of POST /persons and one row of the CSV import. */
public record PersonInput(@Schema(requiredMode = REQUIRED) String name, @Schema(requiredMode = REQUIRED) String gender,
                          @Schema(requiredMode = REQUIRED) LocalDate birthDate,
                          @Schema(requiredMode = REQUIRED) String idNumber, String certificateNo,
                          @Schema(requiredMode = REQUIRED) String category, Integer grade, Boolean autism,
                          @Schema(requiredMode = REQUIRED) String regionCode, String phone, Person.Guardian guardian) {}
