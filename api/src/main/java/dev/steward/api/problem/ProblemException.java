package dev.steward.api.problem;

import java.util.Map;

/**
 * A request the API refuses for a reason the client can act on; {@link ProblemHandler} turns it
 * into an RFC 9457 problem detail with the problem's stable type.
 */
public class ProblemException extends RuntimeException {

  private final Problem problem;
  private final transient Map<String, Object> properties;

  public ProblemException(Problem problem, String detail) {
    this(problem, detail, Map.of());
  }

  /**
   * @param properties extension members of the problem detail, such as a list of errors
   */
  public ProblemException(Problem problem, String detail, Map<String, Object> properties) {
    super(detail);
    this.problem = problem;
    this.properties = Map.copyOf(properties);
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
