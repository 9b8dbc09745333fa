package dev.steward.activities.model;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON object of a model's reply. Models without a JSON mode sometimes wrap it in a code
 * fence or a sentence; those are tolerated, a truncated or invalid object is not.
 */
public final class JsonReply {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private JsonReply() {}

  public static Map<String, Object> parseObject(String text) {
    if (text == null || text.isBlank()) {
      throw new MalformedOutputException("the reply is empty");
    }
    String trimmed = text.strip();
    try {
      return JSON.readValue(trimmed, OBJECT);
    } catch (JacksonException whole) {
      int start = trimmed.indexOf('{');
      int end = trimmed.lastIndexOf('}');
      if (start >= 0 && end > start && (start > 0 || end < trimmed.length() - 1)) {
        try {
          return JSON.readValue(trimmed.substring(start, end + 1), OBJECT);
        } catch (JacksonException ignored) {
          // report the error of the whole reply, which is what the model sent
        }
      }
      throw new MalformedOutputException(
          "the reply is not a valid JSON object: " + firstLine(whole.getOriginalMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
