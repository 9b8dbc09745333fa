package dev.steward.activities.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.screening.ScreeningProperties;
import dev.steward.activities.trace.TraceRecord.Outcome;
import dev.steward.workflows.task.ActionReceipt;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.DecisionRecord;
import dev.steward.workflows.task.DecisionRequest;
import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.TaskRequest;
import dev.steward.workflows.task.TaskStepTypes.ActionRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepTraceExtractorTest {

  private static final Instant AT = Instant.parse("2025-06-30T10:15:30Z");

  private final TraceRedaction redaction =
      new TraceRedaction(new ScreeningProperties(null, null).pii().redactor());
  private final StepTraceExtractor extractor =
      new StepTraceExtractor(
          redaction,
          type -> type.equals("support-answer") ? new PromptRef("support-answer", 1, null) : null);

  private static StepObservation step(String step, Object request, Object result, Throwable e) {
    return new StepObservation("acme.t1", "run-1", step, 2, AT, 42, request, result, e, null);
  }

  private static DraftRequest draft(PromptRef prompt) {
    return new DraftRequest(
        "acme.t1",
        "acme",
        "support-answer",
        "small",
        Map.of(),
        List.of(),
        3,
        List.of(),
        0,
        0,
        prompt);
  }

  @Test
  void draftRecordSumsEveryPaidCallAndNamesThePinnedPrompt() {
    ModelCall answer = new ModelCall("DraftOutput", "offline", "offline", 120, 30, 0.002, 15);
    ModelCall discarded = new ModelCall("DraftOutput", "offline", "offline", 100, 20, 0.001, 12);
    DraftResult result = new DraftResult(Map.of("answer", "x"), answer, List.of(discarded));

    TraceRecord r =
        extractor.toRecord(
            step("DraftOutput", draft(new PromptRef("support-answer", 3, "canary")), result, null));

    assertThat(r.taskId()).isEqualTo("acme.t1");
    assertThat(r.runId()).isEqualTo("run-1");
    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.taskType()).isEqualTo("support-answer");
    assertThat(r.step()).isEqualTo("DraftOutput");
    assertThat(r.attempt()).isEqualTo(2);
    assertThat(r.taskAttempt()).isEqualTo(3);
    assertThat(r.promptId()).isEqualTo("support-answer");
    assertThat(r.promptVersion()).isEqualTo(3);
    assertThat(r.promptLabel()).isEqualTo("canary");
    assertThat(r.provider()).isEqualTo("offline");
    assertThat(r.model()).isEqualTo("offline");
    assertThat(r.tokensIn()).isEqualTo(220);
    assertThat(r.tokensOut()).isEqualTo(50);
    assertThat(r.costUsd()).isEqualTo(0.003, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.latencyMillis()).isEqualTo(42);
    assertThat(r.verdicts()).containsEntry("discardedCalls", "1");
    assertThat(r.outcome()).isEqualTo(Outcome.OK);
    assertThat(r.error()).isNull();
    assertThat(r.timestamp()).isEqualTo(AT);
  }

  @Test
  void draftOfARunWithoutPinnedPromptNamesTheTaskTypesBundledOne() {
    TraceRecord r = extractor.toRecord(step("DraftOutput", draft(null), null, null));

    assertThat(r.promptId()).isEqualTo("support-answer");
    assertThat(r.promptVersion()).isEqualTo(1);
    assertThat(r.promptLabel()).isNull();
  }

  @Test
  void validationVerdictsAreKeptAndTheirTextsRedacted() {
    ValidationVerdict verdict =
        new ValidationVerdict(
            false,
            List.of("citation c9 was not retrieved", "mentions jane.doe@example.com"),
            false,
            List.of(),
            0.25,
            List.of("no-refund-promise"),
            List.of());

    TraceRecord r =
        extractor.toRecord(
            step(
                "ValidateOutput",
                new ValidationRequest("support-answer", Map.of(), List.of(), false, "acme", null),
                verdict,
                null));

    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.taskType()).isEqualTo("support-answer");
    assertThat(r.verdicts())
        .containsEntry("valid", "false")
        .containsEntry("grounded", "false")
        .containsEntry("groundingScore", "0.250")
        .containsEntry("ruleViolations", "no-refund-promise");
    assertThat(r.verdicts().get("errors"))
        .contains("citation c9 was not retrieved")
        .contains("[EMAIL_1]")
        .doesNotContain("jane.doe@example.com");
    assertThat(r.model()).isNull();
    assertThat(r.tokensIn()).isZero();
  }

  @Test
  void screeningAndClassificationVerdicts() {
    ScreenVerdict screen =
        new ScreenVerdict(true, "ok", List.of(), Map.of(), List.of("EMAIL", "PHONE"), 0.1234);
    TraceRecord screened =
        extractor.toRecord(
            step("ScreenInput", new ScreenRequest("acme.t1", "acme", "x", Map.of()), screen, null));
    assertThat(screened.verdicts())
        .containsEntry("allowed", "true")
        .containsEntry("reason", "ok")
        .containsEntry("piiKinds", "EMAIL; PHONE")
        .containsEntry("injectionScore", "0.123");

    ModelCall call = new ModelCall("ClassifyTask", "offline", "offline-classifier", 12, 0, 0, 3);
    TraceRecord classified =
        extractor.toRecord(
            step(
                "ClassifyTask",
                null,
                new TaskClassification(Complexity.COMPLEX, Risk.HIGH, "long", call),
                null));
    assertThat(classified.verdicts())
        .containsEntry("risk", "HIGH")
        .containsEntry("complexity", "COMPLEX");
    assertThat(classified.model()).isEqualTo("offline-classifier");
    assertThat(classified.tokensIn()).isEqualTo(12);
  }

  @Test
  void aFailedStepKeepsItsErrorWithoutThePersonalDataInIt() {
    RuntimeException failure =
        new IllegalStateException(
            "provider refused prompt for jane.doe@example.com, +44 20 7946 0958, card"
                + " 4111 1111 1111 1111");

    TraceRecord r = extractor.toRecord(step("DraftOutput", draft(null), null, failure));

    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error())
        .startsWith("IllegalStateException: provider refused prompt for ")
        .contains("[EMAIL_1]", "[PHONE_1]", "[CARD_1]")
        .doesNotContain("jane.doe", "7946", "4111");
    assertThat(r.verdicts()).isEmpty();
  }

  @Test
  void aDecisionIsTracedWithTheTasksTenantAndTypeAndARedactedComment() {
    TaskRequest task =
        new TaskRequest("acme.t1", "acme", "refund-decision", "alice", Map.of(), null);
    DecisionRecord decision =
        new DecisionRecord(
            "bob", DecisionRequest.Verdict.APPROVE, "called 415-555-2671, ok", 1L, "refund", "h");
    StepObservation o =
        new StepObservation(
            "acme.t1",
            "run-1",
            StepTraceInterceptor.DECIDE_STEP,
            1,
            AT,
            0,
            new DecisionRequest(
                "bob", "acme", Set.of("approver"), DecisionRequest.Verdict.APPROVE, "x", "h"),
            decision,
            null,
            task);

    TraceRecord r = extractor.toRecord(o);

    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.taskType()).isEqualTo("refund-decision");
    assertThat(r.verdicts())
        .containsEntry("decision", "APPROVE")
        .containsEntry("decidedBy", "bob")
        .containsEntry("actionKind", "refund");
    assertThat(r.verdicts().get("comment")).contains("[PHONE_1]").doesNotContain("555");
  }

  @Test
  void requestsWithoutTenantOrTypeGiveARecordWithoutThem() {
    TraceRecord receipt =
        extractor.toRecord(
            step(
                "ExecuteAction",
                new ActionRequest("acme.t1", "acme", "refund", Map.of()),
                new ActionReceipt("a1", "refund", true, 5L),
                null));
    assertThat(receipt.tenant()).isEqualTo("acme");
    assertThat(receipt.taskType()).isNull();
    assertThat(receipt.verdicts())
        .containsEntry("actionKind", "refund")
        .containsEntry("firstExecution", "true");

    TraceRecord bare = extractor.toRecord(step("SomethingNew", "not a record", 7, null));
    assertThat(bare.tenant()).isNull();
    assertThat(bare.taskType()).isNull();
    assertThat(bare.verdicts()).isEmpty();
    assertThat(bare.outcome()).isEqualTo(Outcome.OK);
  }
}
