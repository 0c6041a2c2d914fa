package cn.donghe.rehab.notifications;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user's notification preferences: the e-mail address for the EMAIL channel (null = no e-mail), the language of
 * outside messages and the inbox ({@code zh-CN} or {@code en}), and whether EMAIL / WEBHOOK messages are wanted.
 * In-app notifications are always kept.
 */
public record Preferences(String email,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"zh-CN", "en"}) String language,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean emailOn,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean webhookOn) {}
