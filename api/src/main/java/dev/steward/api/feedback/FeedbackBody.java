package dev.steward.api.feedback;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a requester posts about a finished task. Checked by the controller after the task's tenant,
 * so that another tenant learns nothing from a validation error.
 */
record FeedbackBody(
    @Schema(description = "1 (poor) to 5 (excellent)", minimum = "1", maximum = "5") Integer rating,
    @Schema(
            description =
                "Optional, up to 2000 characters; personal data in it is redacted before it is"
                    + " stored",
            maxLength = 2000)
        String comment) {}
