package cn.donghe.rehab.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * A row of a worklist: a person in an indicator's denominator but not its numerator. {@code idNumber} is masked;
 * the community is the one the person is counted in (of the assessment, or of the record for contracts and aid);
 * needs are those of the year's assessment (empty without one); the doctor is the one contracted today, if any.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UnservedPerson(UUID personId, String name, String idNumber, String category, Integer grade, String status,
                             String communityCode, String communityName, List<String> rehabNeeds, List<String> deviceNeeds,
                             UUID doctorId, String doctorName) {}
