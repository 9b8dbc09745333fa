package dev.steward.api.approval;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an approver posts. It has no identity fields on purpose: who decides is the authenticated
 * principal, and any {@code approver} a client adds to the JSON is ignored.
 *
 * @param actionHash the {@code pendingApproval.actionHash} the approver saw. Required to approve:
 *     an approval allows exactly the action it names, and one that names an action no longer
 *     pending is refused with 409 {@code stale-action}. Optional to reject, since a rejection
 *     executes nothing; when given it is checked the same way.
 */
record DecisionBody(
    @NotBlank String verdict,
    @Size(max = 2000) String comment,
    @Schema(
            description =
                "SHA-256 hex of the pending action, from pendingApproval.actionHash; required to"
                    + " approve, optional to reject")
        @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be 64 hex digits")
        String actionHash) {}
