package cn.donghe.rehab.common;

/** One invalid input field in a problem answer. */
public record FieldError(String field, String message) {}
