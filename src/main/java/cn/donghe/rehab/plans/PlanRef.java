package cn.donghe.rehab.plans;

import java.util.UUID;

/** A plan revision as other features (sessions) refer to it: whose plan it is and whether it is still ACTIVE. */
public record PlanRef(UUID planId, int revision, UUID personId, String planStatus) {}
