package dev.steward.api.task;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.JsonNode;

/** What a requester posts to start a task: the task type and its input. */
record StartTaskBody(@NotBlank String type, @NotNull JsonNode input) {}
