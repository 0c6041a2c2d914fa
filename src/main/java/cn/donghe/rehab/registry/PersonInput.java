package cn.donghe.rehab.registry;

import java.time.LocalDate;

/** Body of POST /persons and one row of the CSV import. */
public record PersonInput(String name, String gender, LocalDate birthDate, String idNumber, String certificateNo,
                          String category, Integer grade, Boolean autism, String regionCode, String phone,
                          Person.Guardian guardian) {}
