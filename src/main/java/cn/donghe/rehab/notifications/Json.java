package cn.donghe.rehab.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The params column is a flat string map; a plain mapper is enough for it. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
