package dev.steward.api.task;

import dev.steward.workflows.task.TaskState;
import java.util.List;

/** A page of a tenant's tasks, newest first. */
public record TaskList(List<TaskState> tasks) {}
