package dev.steward.api.task;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Task ids are {@code <tenant>.<idempotency key or random UUID>}: the workflow id, so a retried
 * request with the same key finds the same run, and the tenant is readable from the id alone.
 */
public final class TaskIds {

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private TaskIds() {}

  /** The id of a new task; the key, when given, must match {@code [A-Za-z0-9_-]{1,100}}. */
  public static String newId(String tenant, String idempotencyKey) {
    if (idempotencyKey == null) {
      return tenant + "." + UUID.randomUUID();
    }
    if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw new ProblemException(
          Problem.INVALID_IDEMPOTENCY_KEY,
          "The Idempotency-Key header must be 1 to 100 letters, digits, '_' or '-'.");
    }
    return tenant + "." + idempotencyKey;
  }

  /** Whether {@code taskId} belongs to {@code tenant}: its part before the first '.'. */
  public static boolean belongsTo(String taskId, String tenant) {
    int dot = taskId.indexOf('.');
    return dot > 0 && taskId.substring(0, dot).equals(tenant);
  }

  /**
   * The same answer for a missing task and for another tenant's task, so ids do not leak across
   * tenants.
   */
  public static ProblemException notFound(String taskId) {
    return new ProblemException(Problem.TASK_NOT_FOUND, "There is no task " + taskId + ".");
  }
}
