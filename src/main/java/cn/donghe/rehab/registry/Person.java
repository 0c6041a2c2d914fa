package cn.donghe.rehab.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A person as the API shows it; ID and certificate numbers are masked unless the reader is ADMIN. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Person(UUID id, String name, String gender, LocalDate birthDate, String idNumber, String certificateNo,
                     String category, Integer grade, boolean autism, String regionCode, String phone, Guardian guardian,
                     String status, LocalDate statusDate, Instant createdAt, Instant updatedAt) {
  public record Guardian(@Schema(requiredMode = REQUIRED) String name, @Schema(requiredMode = REQUIRED) String phone,
                         @Schema(requiredMode = REQUIRED) String relation) {}

  public Person withNumbers(String id, String cert) {
    return new Person(this.id, name, gender, birthDate, id, cert, category, grade, autism, regionCode, phone, guardian, status,
        statusDate, createdAt, updatedAt);
  }
}
