package dev.steward.store.redaction;

import java.util.List;
import java.util.Map;

/**
 * The personal data screening took out of one task's input: each placeholder (such as {@code
 * [EMAIL_1]}) and the value it stands for. One per task id.
 *
 * @param kinds the kinds of data found, for audit queries that must not read the values
 */
public record RedactionRecord(
    String taskId,
    String tenant,
    Map<String, String> values,
    List<String> kinds,
    long createdAtMillis) {

  public RedactionRecord {
    values = values == null ? Map.of() : Map.copyOf(values);
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
  }
}
