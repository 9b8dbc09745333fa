package dev.steward.api.task;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;

/** Reads Temporal client failures, whose shape differs by call (query, update, cancel). */
public final class TemporalErrors {

  private TemporalErrors() {}

  /**
   * Whether the workflow does not exist: a {@link WorkflowNotFoundException}, or a gRPC NOT_FOUND
   * wrapped in a {@code WorkflowServiceException}, anywhere in the cause chain.
   */
  public static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
      if (t instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }
}
