package dev.steward.api.task;

import java.util.Map;

/** The answer to a started (or found again) task: its id, status and URL. */
public record TaskAccepted(String taskId, String status, Map<String, String> links) {

  public static TaskAccepted of(String taskId, String status) {
    return new TaskAccepted(taskId, status, Map.of("self", TaskController.location(taskId)));
  }
}
