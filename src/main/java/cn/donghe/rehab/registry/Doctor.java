package cn.donghe.rehab.registry;

import java.util.UUID;

/** A family doctor working at a PRIMARY_CARE institution. */
public record Doctor(UUID id, String name, UUID institutionId, String licenseNo) {}
