package cn.donghe.rehab.sessions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** The body of POST /sessions. */
public record SessionInput(UUID personId, String serviceType, LocalDate date, Integer durationMinutes, String therapist,
                           BigDecimal fee, Boolean useChildAid, String notes, UUID planId, Integer planRevision) {}
