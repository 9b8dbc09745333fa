package dev.steward.api.approval;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an approver posts. It has no identity fields on purpose: who decides is the authenticated
 * principal, and any {@code approver} a client adds to the JSON is ignored.
 */
record DecisionBody(@NotBlank String verdict, @Size(max = 2000) String comment) {}
