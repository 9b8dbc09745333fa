package dev.steward.workflows.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.steward.workflows.task.ApprovalPolicy.ExpiryOutcome;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.DecisionRequest.Verdict;
import dev.steward.workflows.task.TaskBudget.OnBreach;
import dev.steward.workflows.task.TaskStepTypes.ActionRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.RetrievalResult;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskStepTypes.TaskRecord;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

class TaskWorkflowTest {

  private static final Duration SLA = Duration.ofHours(24);
  private static final String TENANT = "acme";
  private static final String REQUESTER = "alice";

  @RegisterExtension static final TestWorkflowExtension testWorkflow = extension();

  private static TestWorkflowExtension extension() {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(TaskWorkflowImpl.class)
            .setDoNotStart(true);
    for (SearchAttributeKey<?> key : StewardSearchAttributes.ALL) {
      builder.registerSearchAttribute(key.getName(), key.getValueType());
    }
    return builder.build();
  }

  private final ScreeningActivities screening = activityMock(ScreeningActivities.class);
  private final ClassificationActivities classifier = activityMock(ClassificationActivities.class);
  private final RetrievalActivities retrieval = activityMock(RetrievalActivities.class);
  private final ReasoningActivities reasoning = activityMock(ReasoningActivities.class);
  private final ValidationActivities validation = activityMock(ValidationActivities.class);
  private final ActionActivities actions = activityMock(ActionActivities.class);
  private final TaskRecordActivities readModel = activityMock(TaskRecordActivities.class);
  private final ApprovalActivities notifier = activityMock(ApprovalActivities.class);
  private final PromptActivities prompts = activityMock(PromptActivities.class);

  private TestWorkflowEnvironment env;
  private TaskWorkflow workflow;

  private static <T> T activityMock(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker, TaskWorkflow workflow) {
    this.env = env;
    this.workflow = workflow;
    worker.registerActivitiesImplementations(
        screening,
        classifier,
        retrieval,
        reasoning,
        validation,
        actions,
        readModel,
        notifier,
        prompts);
    when(prompts.resolvePrompt(any()))
        .thenReturn(new PromptTypes.PromptRef("support-answer", 2, "canary"));
    when(classifier.classifyTask(any()))
        .thenReturn(new TaskClassification(Complexity.SIMPLE, Risk.LOW, "short question", null));
    when(screening.screenInput(any())).thenReturn(new ScreenVerdict(true, null, List.of()));
    when(retrieval.retrievePassages(any()))
        .thenReturn(
            new RetrievalResult(
                List.of(
                    new PassageRef("c1", "d1", "Refund policy", 0, 0.9),
                    new PassageRef("c2", "d1", "Refund policy", 1, 0.7))));
    when(reasoning.draftOutput(any())).thenReturn(draft(Map.of("answer", "Yes.")));
    when(validation.validateOutput(any())).thenReturn(new ValidationVerdict(true, List.of(), true));
    when(actions.executeAction(any()))
        .thenAnswer(call ->
            new ActionReceipt("act-1", call.<ActionRequest>getArgument(0).actionKind(), true, 1L));
    env.start();
  }

  // --- the way through ---

  @Test
  void happyPathCompletesWithValidatedOutput() {
    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.currentStep()).isEqualTo(TaskStep.DONE);
    assertThat(result.stepsDone())
        .containsExactly(
            TaskStep.SCREEN_INPUT,
            TaskStep.CLASSIFY_TASK,
            TaskStep.RETRIEVE_PASSAGES,
            TaskStep.RESOLVE_PROMPT,
            TaskStep.DRAFT_OUTPUT,
            TaskStep.VALIDATE_OUTPUT);
    assertThat(result.output()).containsEntry("answer", "Yes.");
    assertThat(result.grounded()).isTrue();
    assertThat(result.passages()).extracting(PassageRef::chunkId).containsExactly("c1", "c2");
    assertThat(result.usage().calls()).hasSize(1);
    assertThat(result.action()).isNull();
    assertThat(result.reason()).isNull();

    ArgumentCaptor<ValidationRequest> validated = ArgumentCaptor.forClass(ValidationRequest.class);
    verify(validation).validateOutput(validated.capture());
    assertThat(validated.getValue().retrievedChunkIds()).containsExactly("c1", "c2");
    verify(actions, never()).executeAction(any());
  }

  @Test
  void upsertsSearchAttributesForTheTemporalUi() {
    workflow.run(request(supportPolicy()));

    SearchAttributes attributes = describe().getTypedSearchAttributes();
    assertThat(attributes.get(StewardSearchAttributes.TASK_TYPE)).isEqualTo("support-answer");
    assertThat(attributes.get(StewardSearchAttributes.TENANT)).isEqualTo(TENANT);
    assertThat(attributes.get(StewardSearchAttributes.STATUS)).isEqualTo("COMPLETED");
    assertThat(attributes.get(StewardSearchAttributes.MODEL)).isEqualTo("offline-extractive");
    assertThat(attributes.get(StewardSearchAttributes.COST_USD)).isEqualTo(0.002);
    assertThat(attributes.get(StewardSearchAttributes.STEP)).isEqualTo("DONE");
    assertThat(attributes.get(StewardSearchAttributes.PROMPT)).isEqualTo("support-answer@2");
    assertThat(attributes.get(StewardSearchAttributes.AWAITING_APPROVAL)).isFalse();
  }

  @Test
  void showsTheStepAndAnOpenApprovalWhileWaiting() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    SearchAttributes attributes = describe().getTypedSearchAttributes();
    assertThat(attributes.get(StewardSearchAttributes.STEP)).isEqualTo("AWAIT_APPROVAL");
    assertThat(attributes.get(StewardSearchAttributes.STATUS)).isEqualTo("AWAITING_APPROVAL");
    assertThat(attributes.get(StewardSearchAttributes.AWAITING_APPROVAL)).isTrue();
  }

  @Test
  void resolvesThePromptOnceAndPinsItForEveryDraft() {
    when(validation.validateOutput(any()))
        .thenReturn(new ValidationVerdict(false, List.of("no citations"), false))
        .thenReturn(new ValidationVerdict(true, List.of(), true));
    when(prompts.resolvePrompt(any()))
        .thenReturn(new PromptTypes.PromptRef("support-answer", 2, "canary"))
        .thenReturn(new PromptTypes.PromptRef("support-answer", 3, "production"));

    TaskState result = workflow.run(request(supportPolicy()));

    verify(prompts, times(1)).resolvePrompt(any());
    ArgumentCaptor<DraftRequest> drafts = ArgumentCaptor.forClass(DraftRequest.class);
    verify(reasoning, times(2)).draftOutput(drafts.capture());
    assertThat(drafts.getAllValues())
        .extracting(d -> d.prompt().toString())
        .containsExactly("support-answer@2", "support-answer@2");
    assertThat(result.prompt()).isEqualTo(new PromptTypes.PromptRef("support-answer", 2, "canary"));
  }

  @Test
  void repairsInvalidDraftThenSucceeds() {
    when(validation.validateOutput(any()))
        .thenReturn(new ValidationVerdict(false, List.of("citation c9 was not retrieved"), false))
        .thenReturn(new ValidationVerdict(true, List.of(), true));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    ArgumentCaptor<DraftRequest> drafts = ArgumentCaptor.forClass(DraftRequest.class);
    verify(reasoning, times(2)).draftOutput(drafts.capture());
    assertThat(drafts.getAllValues().get(0).attempt()).isEqualTo(1);
    assertThat(drafts.getAllValues().get(0).previousErrors()).isEmpty();
    assertThat(drafts.getAllValues().get(1).attempt()).isEqualTo(2);
    assertThat(drafts.getAllValues().get(1).previousErrors())
        .containsExactly("citation c9 was not retrieved");
    assertThat(result.usage().calls()).hasSize(2);
    assertThat(result.usage().costUsd()).isEqualTo(0.004, within(1e-9));
  }

  @Test
  void escalatesToTheStrongTierOnceThenFailsWithAReadableReason() {
    when(validation.validateOutput(any()))
        .thenReturn(new ValidationVerdict(false, List.of("missing field answer"), false))
        .thenReturn(
            new ValidationVerdict(false, List.of("answer too long", "no citations"), false));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason())
        .isEqualTo(
            "output failed validation after 4 attempts (2 on the small tier, 2 on the strong"
                + " tier): answer too long; no citations");
    assertThat(result.output()).isNull();
    assertThat(draftRequests())
        .extracting(DraftRequest::modelTier, DraftRequest::attempt)
        .containsExactly(
            tuple("small", 1), tuple("small", 2), tuple("strong", 3), tuple("strong", 4));
    assertThat(draftRequests().get(2).previousErrors())
        .containsExactly("answer too long", "no citations");
    assertThat(result.validations())
        .extracting(
            ValidationAttempt::attempt, ValidationAttempt::modelTier, ValidationAttempt::valid)
        .containsExactly(
            tuple(1, "small", false),
            tuple(2, "small", false),
            tuple(3, "strong", false),
            tuple(4, "strong", false));
    assertThat(result.validations().getFirst().errors()).containsExactly("missing field answer");
    assertThat(result.warnings()).anyMatch(w -> w.contains("escalated to the strong tier"));
  }

  @Test
  void escalatedDraftThatValidatesCompletesOnTheStrongTier() {
    when(validation.validateOutput(any()))
        .thenReturn(new ValidationVerdict(false, List.of("no citations"), false))
        .thenReturn(new ValidationVerdict(false, List.of("no citations"), false))
        .thenReturn(new ValidationVerdict(true, List.of(), true));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.modelTier()).isEqualTo("strong");
    assertThat(result.validations())
        .hasSize(3)
        .last()
        .extracting(ValidationAttempt::valid)
        .isEqualTo(true);
  }

  @Test
  void taskAlreadyOnTheStrongTierFailsWithoutEscalating() {
    when(validation.validateOutput(any()))
        .thenReturn(new ValidationVerdict(false, List.of("no citations"), false));
    TaskPolicy strong = new TaskPolicy("strong", 1, null, null, null, false);

    TaskState result = workflow.run(request(strong));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason())
        .isEqualTo(
            "output failed validation after 2 attempts (2 on the strong tier): no citations");
    verify(reasoning, times(2)).draftOutput(any());
  }

  @Test
  void rejectedInputEndsTaskWithoutModelCall() {
    when(screening.screenInput(any()))
        .thenReturn(new ScreenVerdict(false, "input contains a card number", List.of("PAN at 12")));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.REJECTED);
    assertThat(result.reason()).isEqualTo("input contains a card number");
    assertThat(result.usage().calls()).isEmpty();
    verify(retrieval, never()).retrievePassages(any());
    verify(reasoning, never()).draftOutput(any());
  }

  @Test
  void failsWithCostReasonWhenBudgetExceeded() {
    TaskPolicy policy = new TaskPolicy("strong", 2, null, null, new TaskBudget(null, 0.001), false);

    TaskState result = workflow.run(request(policy));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason()).isEqualTo("cost budget exceeded: $0.0020 > $0.0010");
    verify(validation, never()).validateOutput(any());
  }

  @Test
  void failsWithLatencyReasonWhenDeadlinePassed() {
    // The first draft fails and is retried after the 1 s backoff, which outlasts the deadline.
    when(reasoning.draftOutput(any()))
        .thenThrow(new RuntimeException("provider timed out"))
        .thenReturn(draft(Map.of("answer", "Yes.")));
    TaskPolicy policy =
        new TaskPolicy("small", 0, null, null, new TaskBudget(Duration.ofMillis(500), 1.0), false);

    TaskState result = workflow.run(request(policy));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason()).startsWith("latency budget exceeded: ");
    verify(validation, never()).validateOutput(any());
  }

  @Test
  void permanentActivityErrorFailsTaskWithoutRetrying() {
    when(retrieval.retrievePassages(any())).thenThrow(new UnknownTaskTypeException("nope"));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason()).isEqualTo("step RetrievePassages failed: unknown task type: nope");
    assertThat(result.currentStep()).isEqualTo(TaskStep.RETRIEVE_PASSAGES);
    verify(retrieval, times(1)).retrievePassages(any());
    verify(reasoning, never()).draftOutput(any());
    assertThat(recordedStatuses()).last().isEqualTo(TaskStatus.FAILED);
  }

  @Test
  void proceedsUngroundedWhenRetrievalIsDownAndThePolicyAllowsIt() {
    when(retrieval.retrievePassages(any()))
        .thenThrow(new IllegalStateException("Elasticsearch unreachable"));
    when(validation.validateOutput(any()))
        .thenReturn(new ValidationVerdict(true, List.of(), false));
    TaskPolicy lenient = new TaskPolicy("small", 1, null, null, null, true);

    TaskState result = workflow.run(request(lenient));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.grounded()).isFalse();
    assertThat(result.passages()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("retrieval failed", "Elasticsearch unreachable", "ungrounded");
    verify(retrieval, times(5)).retrievePassages(any());
    ArgumentCaptor<ValidationRequest> validated = ArgumentCaptor.forClass(ValidationRequest.class);
    verify(validation).validateOutput(validated.capture());
    assertThat(validated.getValue().citationsOptional()).isTrue();
  }

  @Test
  void failsWhenRetrievalIsDownAndThePolicyRequiresPassages() {
    when(retrieval.retrievePassages(any()))
        .thenThrow(new IllegalStateException("Elasticsearch unreachable"));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason()).contains("RetrievePassages", "Elasticsearch unreachable");
    verify(reasoning, never()).draftOutput(any());
  }

  // --- routing and budgets ---

  @Test
  void complexTaskIsEscalatedToTheStrongTier() {
    when(classifier.classifyTask(any()))
        .thenReturn(
            new TaskClassification(
                Complexity.COMPLEX,
                Risk.HIGH,
                "multi-part dispute",
                new ModelCall("ClassifyTask", "offline", "offline-classifier", 40, 5, 0, 3)));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.modelTier()).isEqualTo("strong");
    assertThat(result.classification().risk()).isEqualTo(Risk.HIGH);
    assertThat(result.usage().calls())
        .extracting(ModelCall::step)
        .containsExactly("ClassifyTask", "DraftOutput");
    assertThat(draftRequests()).extracting(DraftRequest::modelTier).containsExactly("strong");
  }

  @Test
  void simpleTaskKeepsItsTypesTier() {
    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.modelTier()).isEqualTo("small");
    assertThat(draftRequests()).extracting(DraftRequest::modelTier).containsExactly("small");
  }

  @Test
  void modelCallsCarryTheSpendAndTheCeiling() {
    workflow.run(request(budgetPolicy(OnBreach.STOP, 1.0)));

    DraftRequest sent = draftRequests().getFirst();
    assertThat(sent.maxCostUsd()).isEqualTo(1.0);
    assertThat(sent.spentUsd()).isZero();
  }

  @Test
  void budgetRefusalBeforeACallStopsTheTaskWhenThePolicySaysStop() {
    when(reasoning.draftOutput(any()))
        .thenThrow(new BudgetExceededException("estimated $0.30 does not fit the $0.10 left"));

    TaskState result = workflow.run(request(budgetPolicy(OnBreach.STOP, 0.10)));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason()).contains("does not fit");
    verify(reasoning, times(1)).draftOutput(any());
  }

  @Test
  void budgetRefusalDegradesToTheSmallTierWhenThePolicySaysDegrade() {
    when(reasoning.draftOutput(any()))
        .thenThrow(new BudgetExceededException("estimated $0.30 does not fit the $0.10 left"))
        .thenReturn(draft(Map.of("answer", "Yes.")));

    TaskState result = workflow.run(request(budgetPolicy(OnBreach.DEGRADE, 0.10)));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.modelTier()).isEqualTo("small");
    assertThat(result.warnings()).anyMatch(w -> w.contains("degraded to the small tier"));
    assertThat(draftRequests())
        .extracting(DraftRequest::modelTier)
        .containsExactly("strong", "small");
  }

  @Test
  void degradingStopsOnceNoCheaperTierIsLeft() {
    when(reasoning.draftOutput(any()))
        .thenThrow(new BudgetExceededException("estimated $0.30 does not fit the $0.10 left"));

    TaskState result = workflow.run(request(budgetPolicy(OnBreach.DEGRADE, 0.10)));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason()).contains("no cheaper tier");
    verify(reasoning, times(2)).draftOutput(any());
  }

  @Test
  void overrunWaitsForAnApproverAndGoesOnWhenApproved() {
    // The draft costs $0.002 against a $0.001 ceiling: found after the call.
    startAsync(request(budgetPolicy(OnBreach.ASK_APPROVAL, 0.001)));

    TaskState waiting = awaitStatus(TaskStatus.AWAITING_APPROVAL);
    assertThat(waiting.pendingApproval().actionKind()).isEqualTo("budget-overrun");
    assertThat(waiting.pendingApproval().proposedAction()).containsKey("reason");
    workflow.decide(approver("bob", Verdict.APPROVE, "worth it"));

    TaskState done = result();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.warnings()).anyMatch(w -> w.contains("overrun approved by bob"));
  }

  @Test
  void rejectedOverrunEndsTheTask() {
    startAsync(request(budgetPolicy(OnBreach.ASK_APPROVAL, 0.001)));

    awaitStatus(TaskStatus.AWAITING_APPROVAL);
    workflow.decide(approver("bob", Verdict.REJECT, "too dear"));

    TaskState done = result();
    assertThat(done.status()).isEqualTo(TaskStatus.REJECTED);
    assertThat(done.reason()).contains("budget overrun rejected by bob");
    verify(validation, never()).validateOutput(any());
  }

  @Test
  void transientActivityErrorIsRetriedABoundedNumberOfTimes() {
    when(reasoning.draftOutput(any())).thenThrow(new IllegalStateException("503 from provider"));

    TaskState result = workflow.run(request(supportPolicy()));

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.reason()).isEqualTo("step DraftOutput failed: 503 from provider");
    verify(reasoning, times(3)).draftOutput(any());
  }

  // --- approval gate ---

  @Test
  void waitsForApprovalAboveThresholdThenExecutesActionOnce() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);
    verify(actions, never()).executeAction(any());

    DecisionRecord decision = workflow.decide(approver("bob", Verdict.APPROVE, "within policy"));
    TaskState result = result();

    assertThat(decision.decidedBy()).isEqualTo("bob");
    assertThat(decision.verdict()).isEqualTo(Verdict.APPROVE);
    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decision()).isEqualTo(decision);
    assertThat(result.pendingApproval()).isNull();
    assertThat(result.action().actionKind()).isEqualTo("issue-refund");
    assertThat(result.stepsDone()).contains(TaskStep.AWAIT_APPROVAL, TaskStep.EXECUTE_ACTION);
    ArgumentCaptor<ActionRequest> executed = ArgumentCaptor.forClass(ActionRequest.class);
    verify(actions, times(1)).executeAction(executed.capture());
    assertThat(executed.getValue().taskId()).isEqualTo("task-1");
    assertThat(executed.getValue().payload()).containsEntry("amount", 250);
  }

  @Test
  void endsRejectedWhenApproverRejects() {
    startAsync(request(refundPolicy(ExpiryOutcome.APPROVE), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    workflow.decide(approver("bob", Verdict.REJECT, "customer already refunded"));
    TaskState result = result();

    assertThat(result.status()).isEqualTo(TaskStatus.REJECTED);
    assertThat(result.reason()).isEqualTo("rejected by bob: customer already refunded");
    assertThat(result.action()).isNull();
    verify(actions, never()).executeAction(any());
  }

  @Test
  void expiresApprovalAfterSla() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    env.sleep(SLA.plusMinutes(1));
    TaskState state = workflow.state();

    assertThat(state.status()).isEqualTo(TaskStatus.EXPIRED);
    assertThat(state.reason()).isEqualTo("approval expired after " + SLA);
    assertThat(state.decision().decidedBy()).isEqualTo("policy:expiry");
    assertThat(state.decision().verdict()).isEqualTo(Verdict.REJECT);
    assertThat(result().status()).isEqualTo(TaskStatus.EXPIRED);
    verify(actions, never()).executeAction(any());
  }

  @Test
  void autoApprovesOnExpiryWhenPolicySaysSo() {
    startAsync(request(refundPolicy(ExpiryOutcome.APPROVE), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    env.sleep(SLA.plusMinutes(1));
    TaskState result = result();

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decision().decidedBy()).isEqualTo("policy:expiry");
    assertThat(result.decision().verdict()).isEqualTo(Verdict.APPROVE);
    verify(actions, times(1)).executeAction(any());
  }

  @Test
  void skipsApprovalBelowThreshold() {
    TaskState result = workflow.run(request(refundPolicy(ExpiryOutcome.REJECT), "80.50"));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.stepsDone()).doesNotContain(TaskStep.AWAIT_APPROVAL);
    assertThat(result.decision()).isNull();
    assertThat(recordedStatuses()).doesNotContain(TaskStatus.AWAITING_APPROVAL);
    verify(actions, times(1)).executeAction(any());
  }

  @Test
  void missingAmountWaitsForApproval() {
    when(reasoning.draftOutput(any())).thenReturn(draft(Map.of("reason", "damaged goods")));
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT)));

    TaskState waiting = awaitStatus(TaskStatus.AWAITING_APPROVAL);

    assertThat(waiting.pendingApproval().amount()).isNull();
    assertThat(waiting.pendingApproval().threshold()).isEqualTo(100.0);
  }

  @Test
  void queryShowsCurrentStepAndUsageWhileWaiting() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));

    TaskState waiting = awaitStatus(TaskStatus.AWAITING_APPROVAL);

    assertThat(waiting.currentStep()).isEqualTo(TaskStep.AWAIT_APPROVAL);
    assertThat(waiting.stepsDone())
        .containsExactly(
            TaskStep.SCREEN_INPUT,
            TaskStep.CLASSIFY_TASK,
            TaskStep.RETRIEVE_PASSAGES,
            TaskStep.RESOLVE_PROMPT,
            TaskStep.DRAFT_OUTPUT,
            TaskStep.VALIDATE_OUTPUT);
    assertThat(waiting.usage().calls())
        .singleElement()
        .extracting(ModelCall::model)
        .isEqualTo("offline-extractive");
    assertThat(waiting.usage().promptTokens()).isEqualTo(900);
    PendingApproval pending = waiting.pendingApproval();
    assertThat(pending.actionKind()).isEqualTo("issue-refund");
    assertThat(pending.amount()).isEqualTo(250.0);
    assertThat(pending.proposedAction()).containsEntry("amount", 250);
    assertThat(pending.expiresAtMillis() - pending.requestedAtMillis()).isEqualTo(SLA.toMillis());
    assertThat(describe().getTypedSearchAttributes().get(StewardSearchAttributes.STATUS))
        .isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void recordsStatesInReadModelInOrder() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);
    workflow.decide(approver("bob", Verdict.APPROVE, "ok"));
    result();

    ArgumentCaptor<TaskRecord> records = ArgumentCaptor.forClass(TaskRecord.class);
    verify(readModel, atLeastOnce()).recordTaskState(records.capture());
    List<TaskRecord> written = records.getAllValues();
    assertThat(written)
        .extracting(record -> record.state().status())
        .containsExactly(
            TaskStatus.RUNNING,
            TaskStatus.AWAITING_APPROVAL,
            TaskStatus.RUNNING,
            TaskStatus.COMPLETED);
    assertThat(written).extracting(TaskRecord::version).isSorted().doesNotHaveDuplicates();
    assertThat(written.get(1).state().pendingApproval()).isNotNull();
    assertThat(written.get(2).state().pendingApproval()).isNull();
  }

  @Test
  void cancelledTaskEndsCancelled() {
    startAsync(request(refundPolicy(ExpiryOutcome.APPROVE), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    WorkflowStub.fromTyped(workflow).cancel();
    WorkflowFailedException ended =
        catchThrowableOfType(WorkflowFailedException.class, this::result);

    assertThat(ended).isNotNull();
    assertThat(ended.getCause()).isInstanceOf(CanceledFailure.class);
    TaskState state = workflow.state();
    assertThat(state.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(state.reason()).isEqualTo("cancelled by request");
    assertThat(state.pendingApproval()).isNull();
    assertThat(recordedStatuses()).last().isEqualTo(TaskStatus.CANCELLED);
    assertThat(describe().getTypedSearchAttributes().get(StewardSearchAttributes.STATUS))
        .isEqualTo("CANCELLED");
    verify(actions, never()).executeAction(any());
  }

  @Test
  void cancelDuringAStepEndsCancelled() {
    Hold drafting = new Hold();
    doAnswer(drafting.thenReturn(draft(Map.of("answer", "late"))))
        .when(reasoning)
        .draftOutput(any());
    startAsync(request(supportPolicy()));
    drafting.awaitEntered();

    WorkflowStub.fromTyped(workflow).cancel();
    WorkflowFailedException ended =
        catchThrowableOfType(WorkflowFailedException.class, this::result);
    drafting.release();

    assertThat(ended).isNotNull();
    assertThat(ended.getCause()).isInstanceOf(CanceledFailure.class);
    assertThat(workflow.state().status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(workflow.state().currentStep()).isEqualTo(TaskStep.DRAFT_OUTPUT);
    assertThat(recordedStatuses()).last().isEqualTo(TaskStatus.CANCELLED);
    verify(validation, never()).validateOutput(any());
  }

  // --- decision validator ---

  @Test
  void rejectsDecisionFromNonApprover() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    ApplicationFailure refused =
        refusal(
            new DecisionRequest("bob", TENANT, Set.of("requester"), Verdict.APPROVE, "ok", null));

    assertThat(refused.getType()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(refused.getOriginalMessage()).isEqualTo("bob lacks the role 'approver'");
    assertStillAwaitingWithoutDecision();
  }

  @Test
  void rejectsDecisionFromOtherTenant() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    ApplicationFailure refused =
        refusal(
            new DecisionRequest(
                "mallory", "globex", Set.of("approver"), Verdict.APPROVE, "", null));

    assertThat(refused.getOriginalMessage())
        .isEqualTo("an approver of tenant 'globex' cannot decide another tenant's task");
    assertStillAwaitingWithoutDecision();
  }

  @Test
  void rejectsRequesterApprovingOwnTask() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    ApplicationFailure refused = refusal(approver(REQUESTER, Verdict.APPROVE, "trust me"));

    assertThat(refused.getOriginalMessage()).isEqualTo("a requester cannot approve its own task");
    assertStillAwaitingWithoutDecision();
  }

  @Test
  void rejectsDecisionWithoutVerdict() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    ApplicationFailure refused = refusal(approver("bob", null, "hmm"));

    assertThat(refused.getOriginalMessage()).contains("needs a verdict");
    assertStillAwaitingWithoutDecision();
  }

  @Test
  void rejectsSecondDecision() {
    // Holds the workflow in its action step so that the second decision reaches a running task.
    Hold executing = new Hold();
    doAnswer(executing.thenReturn(new ActionReceipt("act-1", "issue-refund", true, 1L)))
        .when(actions)
        .executeAction(any());
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);
    workflow.decide(approver("bob", Verdict.APPROVE, "ok"));
    executing.awaitEntered();

    ApplicationFailure refused = refusal(approver("carol", Verdict.REJECT, "too late"));
    executing.release();

    assertThat(refused.getType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(refused.getOriginalMessage())
        .isEqualTo("a decision was already made: APPROVE by bob");
    TaskState result = result();
    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decision().decidedBy()).isEqualTo("bob");
  }

  @Test
  void rejectsDecisionBeforeApprovalIsAsked() {
    Hold drafting = new Hold();
    doAnswer(drafting.thenReturn(draft(Map.of("amount", 250)))).when(reasoning).draftOutput(any());
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT)));
    drafting.awaitEntered();

    ApplicationFailure refused = refusal(approver("bob", Verdict.APPROVE, "eager"));
    drafting.release();

    assertThat(refused.getOriginalMessage())
        .isEqualTo("the task is not awaiting approval; its status is RUNNING");
    assertThat(awaitStatus(TaskStatus.AWAITING_APPROVAL).decision()).isNull();
  }

  @Test
  void rejectsDecisionOnFinishedTask() {
    // Holds the final read-model write, so the task is COMPLETED while its run is still open.
    Hold finishing = new Hold();
    doAnswer(call ->
            call.<TaskRecord>getArgument(0).state().status() == TaskStatus.COMPLETED
                ? finishing.thenReturn(null).answer(call)
                : null)
        .when(readModel)
        .recordTaskState(any());
    startAsync(request(supportPolicy()));
    finishing.awaitEntered();

    ApplicationFailure refused = refusal(approver("bob", Verdict.APPROVE, "late"));
    finishing.release();

    assertThat(refused.getType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(refused.getOriginalMessage())
        .isEqualTo("the task is not awaiting approval; its status is COMPLETED");
    assertThat(result().decision()).isNull();
  }

  @Test
  void decisionOnClosedTaskFindsNoRun() {
    assertThat(workflow.run(request(supportPolicy())).status()).isEqualTo(TaskStatus.COMPLETED);

    // A closed run takes no updates: the server answers before any validator could run.
    assertThat(catchThrowable(() -> workflow.decide(approver("bob", Verdict.APPROVE, "late"))))
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  // --- approval rules, action hash, four eyes, SLA ---

  @Test
  void pendingApprovalCarriesTheExactActionAndItsHash() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));

    PendingApproval pending = awaitStatus(TaskStatus.AWAITING_APPROVAL).pendingApproval();

    assertThat(pending.proposedAction()).containsEntry("amount", 250);
    assertThat(pending.actionHash())
        .isEqualTo(ActionHash.of("issue-refund", pending.proposedAction()))
        .hasSize(64);
    assertThat(pending.reasons()).containsExactly("amount 250.0 is above the threshold 100.0");
    assertThat(pending.approvalsRequired()).isEqualTo(1);
    assertThat(pending.deciderRoles()).containsExactly("approver");
    assertThat(workflow.state().approvalEvents())
        .extracting(ApprovalEvent::kind)
        .containsExactly(ApprovalEvent.Kind.REQUESTED);
  }

  @Test
  void refusesADecisionOnAnActionThatChanged() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    ApplicationFailure refused =
        refusal(decision("bob", Set.of("approver"), Verdict.APPROVE, "ok", "0".repeat(64)));

    assertThat(refused.getType()).isEqualTo(StaleActionException.class.getName());
    assertThat(refused.getOriginalMessage())
        .isEqualTo("the proposed action changed; reload and decide again");
    assertStillAwaitingWithoutDecision();
  }

  @Test
  void refusesAnApprovalThatNamesNoAction() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    ApplicationFailure refused =
        refusal(decision("bob", Set.of("approver"), Verdict.APPROVE, "ok", null));

    assertThat(refused.getType()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(refused.getOriginalMessage()).contains("needs the actionHash");
    assertStillAwaitingWithoutDecision();
  }

  @Test
  void rejectionNeedsNoHashAndIsRecordedWithTheActionItRejected() {
    startAsync(request(refundPolicy(ExpiryOutcome.REJECT), 250));
    String hash = awaitStatus(TaskStatus.AWAITING_APPROVAL).pendingApproval().actionHash();

    workflow.decide(decision("bob", Set.of("approver"), Verdict.REJECT, "no receipt", null));
    TaskState result = result();

    assertThat(result.status()).isEqualTo(TaskStatus.REJECTED);
    assertThat(result.decisions())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.decidedBy()).isEqualTo("bob");
          assertThat(d.comment()).isEqualTo("no receipt");
          assertThat(d.actionKind()).isEqualTo("issue-refund");
          assertThat(d.actionHash()).isEqualTo(hash);
        });
    verify(actions, never()).executeAction(any());
  }

  @Test
  void twoDistinctApproversMustApproveAboveTheSecondThreshold() {
    startAsync(request(twoApproverPolicy(), 1500));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    workflow.decide(approver("bob", Verdict.APPROVE, "looks right"));
    TaskState half =
        awaitState(s -> s.pendingApproval() != null && !s.pendingApproval().approvals().isEmpty());
    assertThat(half.status()).isEqualTo(TaskStatus.AWAITING_APPROVAL);
    assertThat(half.pendingApproval().approvalsRequired()).isEqualTo(2);
    assertThat(half.pendingApproval().approvals())
        .extracting(DecisionRecord::decidedBy)
        .containsExactly("bob");
    verify(actions, never()).executeAction(any());

    ApplicationFailure twice = refusal(approver("bob", Verdict.APPROVE, "again"));
    assertThat(twice.getOriginalMessage())
        .isEqualTo("bob has already approved; another approver must decide");

    workflow.decide(approver("carol", Verdict.APPROVE, "agreed"));
    TaskState result = result();

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decisions())
        .extracting(DecisionRecord::decidedBy, DecisionRecord::verdict)
        .containsExactly(tuple("bob", Verdict.APPROVE), tuple("carol", Verdict.APPROVE));
    assertThat(result.decision().decidedBy()).isEqualTo("carol");
    assertThat(result.decisions())
        .extracting(DecisionRecord::actionHash)
        .doesNotContainNull()
        .containsOnly(result.decisions().getFirst().actionHash());
    verify(actions, times(1)).executeAction(any());
  }

  @Test
  void oneRejectionEndsATwoApproverRequest() {
    startAsync(request(twoApproverPolicy(), 1500));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    workflow.decide(approver("bob", Verdict.APPROVE, "fine"));
    workflow.decide(approver("carol", Verdict.REJECT, "duplicate refund"));
    TaskState result = result();

    assertThat(result.status()).isEqualTo(TaskStatus.REJECTED);
    assertThat(result.reason()).isEqualTo("rejected by carol: duplicate refund");
    assertThat(result.decisions())
        .extracting(DecisionRecord::verdict)
        .containsExactly(Verdict.APPROVE, Verdict.REJECT);
    verify(actions, never()).executeAction(any());
  }

  @Test
  void oneApproverSufficesBelowTheSecondThreshold() {
    startAsync(request(twoApproverPolicy(), 250));

    assertThat(awaitStatus(TaskStatus.AWAITING_APPROVAL).pendingApproval().approvalsRequired())
        .isEqualTo(1);
    workflow.decide(approver("bob", Verdict.APPROVE, "ok"));

    assertThat(result().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void remindsApproversEachIntervalForDaysUntilTheRequestExpires() {
    startAsync(request(slaPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    env.sleep(Duration.ofDays(3).plusMinutes(1));
    TaskState state = workflow.state();

    assertThat(state.status()).isEqualTo(TaskStatus.EXPIRED);
    ArgumentCaptor<ApprovalNotice> notices = ArgumentCaptor.forClass(ApprovalNotice.class);
    verify(notifier, atLeastOnce()).notifyApprovers(notices.capture());
    List<ApprovalNotice> reminders =
        notices.getAllValues().stream()
            .filter(n -> n.kind() == ApprovalNotice.Kind.REMINDER)
            .toList();
    // Reminders at 24 h and 48 h; at 72 h the request expires instead.
    assertThat(reminders).hasSize(2);
    assertThat(reminders.getFirst().taskId()).isEqualTo("task-1");
    assertThat(reminders.getFirst().actionHash()).isNotBlank();
    assertThat(state.approvalEvents())
        .extracting(ApprovalEvent::kind)
        .containsExactly(
            ApprovalEvent.Kind.REQUESTED,
            ApprovalEvent.Kind.REMINDED,
            ApprovalEvent.Kind.ESCALATED,
            ApprovalEvent.Kind.REMINDED,
            ApprovalEvent.Kind.EXPIRED);
    assertThat(state.decision().decidedBy()).isEqualTo(DecisionRecord.EXPIRY);
    assertThat(state.decision().verdict()).isEqualTo(Verdict.REJECT);
    verify(actions, never()).executeAction(any());
  }

  @Test
  void aFailedReminderDoesNotEndTheRequest() {
    doAnswer(
            call -> {
              throw new IllegalArgumentException("no mail server");
            })
        .when(notifier)
        .notifyApprovers(any());
    startAsync(request(slaPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    env.sleep(Duration.ofHours(25));
    TaskState state = workflow.state();
    assertThat(state.status()).isEqualTo(TaskStatus.AWAITING_APPROVAL);
    assertThat(state.approvalEvents())
        .last()
        .extracting(ApprovalEvent::detail)
        .asString()
        .contains("failed", "no mail server");
    workflow.decide(approver("bob", Verdict.APPROVE, "ok"));

    assertThat(result().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void seniorApproverMayDecideOnlyAfterEscalation() {
    startAsync(request(slaPolicy(ExpiryOutcome.REJECT), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    ApplicationFailure early =
        refusal(
            decision("sam", Set.of("senior-approver"), Verdict.APPROVE, "early", pendingHash()));
    assertThat(early.getOriginalMessage()).isEqualTo("sam lacks the role 'approver'");

    env.sleep(Duration.ofHours(36).plusMinutes(1));
    PendingApproval escalated = workflow.state().pendingApproval();
    assertThat(escalated.escalated()).isTrue();
    // Escalation widens the group: approvers keep the right to decide.
    assertThat(escalated.deciderRoles()).containsExactly("approver", "senior-approver");
    ArgumentCaptor<ApprovalNotice> notices = ArgumentCaptor.forClass(ApprovalNotice.class);
    verify(notifier, atLeastOnce()).notifyApprovers(notices.capture());
    assertThat(notices.getAllValues())
        .filteredOn(n -> n.kind() == ApprovalNotice.Kind.ESCALATION)
        .singleElement()
        .extracting(ApprovalNotice::roles)
        .isEqualTo(List.of("senior-approver"));

    workflow.decide(
        decision("sam", Set.of("senior-approver"), Verdict.APPROVE, "ok", pendingHash()));

    TaskState result = result();
    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decision().decidedBy()).isEqualTo("sam");
  }

  @Test
  void autoApprovesOnExpiryOnlyWhenThePolicySaysSo() {
    startAsync(request(slaPolicy(ExpiryOutcome.APPROVE), 250));
    awaitStatus(TaskStatus.AWAITING_APPROVAL);

    env.sleep(Duration.ofDays(3).plusMinutes(1));
    TaskState result = result();

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decisions())
        .singleElement()
        .extracting(DecisionRecord::decidedBy, DecisionRecord::verdict)
        .containsExactly(DecisionRecord.EXPIRY, Verdict.APPROVE);
    verify(actions, times(1)).executeAction(any());
  }

  @Test
  void highRiskTaskWaitsForApprovalBelowTheAmountThreshold() {
    when(classifier.classifyTask(any()))
        .thenReturn(new TaskClassification(Complexity.SIMPLE, Risk.HIGH, "legal threat", null));
    startAsync(request(riskPolicy(), 40));

    PendingApproval pending = awaitStatus(TaskStatus.AWAITING_APPROVAL).pendingApproval();

    assertThat(pending.reasons()).containsExactly("the task was classified high risk");
    workflow.decide(approver("bob", Verdict.APPROVE, "checked"));
    assertThat(result().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void lowRiskTaskBelowTheThresholdNeedsNoApproval() {
    TaskState result = workflow.run(request(riskPolicy(), 40));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decisions()).isEmpty();
  }

  @Test
  void ungroundedAnswerIsHeldForAnApprover() {
    when(retrieval.retrievePassages(any()))
        .thenThrow(new IllegalStateException("Elasticsearch unreachable"));
    when(validation.validateOutput(any()))
        .thenReturn(new ValidationVerdict(true, List.of(), false));
    ApprovalPolicy onUngrounded =
        new ApprovalPolicy(
            null, 0.0, Duration.ofHours(4), null, false, true, null, null, null, null);
    startAsync(request(new TaskPolicy("small", 1, onUngrounded, null, null, true)));
    // Skips the retrieval step's retry backoff.
    env.sleep(Duration.ofMinutes(1));

    PendingApproval pending = awaitStatus(TaskStatus.AWAITING_APPROVAL).pendingApproval();

    assertThat(pending.actionKind()).isEqualTo("release-output");
    assertThat(pending.reasons())
        .containsExactly("the answer is not grounded in retrieved passages");
    assertThat(pending.proposedAction()).containsEntry("answer", "Yes.");
    workflow.decide(approver("bob", Verdict.APPROVE, "answer is right"));
    TaskState result = result();
    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.grounded()).isFalse();
  }

  @Test
  void groundedAnswerIsReleasedWithoutApproval() {
    ApprovalPolicy onUngrounded =
        new ApprovalPolicy(
            null, 0.0, Duration.ofHours(4), null, false, true, null, null, null, null);

    TaskState result =
        workflow.run(request(new TaskPolicy("small", 1, onUngrounded, null, null, true)));

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.stepsDone()).doesNotContain(TaskStep.AWAIT_APPROVAL);
  }

  @Test
  void overrunAndActionDecisionsAreBothOnRecord() {
    TaskPolicy policy =
        new TaskPolicy(
            "strong",
            1,
            new ApprovalPolicy("amount", 100, SLA, ExpiryOutcome.REJECT),
            "issue-refund",
            new TaskBudget(Duration.ofHours(1), 0.001, OnBreach.ASK_APPROVAL),
            false);
    startAsync(request(policy, 250));

    assertThat(awaitStatus(TaskStatus.AWAITING_APPROVAL).pendingApproval().actionKind())
        .isEqualTo("budget-overrun");
    workflow.decide(approver("bob", Verdict.APPROVE, "worth it"));
    awaitState(s ->
        s.pendingApproval() != null && s.pendingApproval().actionKind().equals("issue-refund"));
    workflow.decide(approver("carol", Verdict.APPROVE, "refund ok"));
    TaskState result = result();

    assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.decisions())
        .extracting(DecisionRecord::actionKind, DecisionRecord::decidedBy)
        .containsExactly(tuple("budget-overrun", "bob"), tuple("issue-refund", "carol"));
    assertThat(result.decision().decidedBy()).isEqualTo("carol");
  }

  // --- helpers ---

  private static TaskPolicy budgetPolicy(OnBreach onBreach, double maxCostUsd) {
    return new TaskPolicy(
        "strong", 1, null, null, new TaskBudget(Duration.ofHours(1), maxCostUsd, onBreach), false);
  }

  private List<DraftRequest> draftRequests() {
    ArgumentCaptor<DraftRequest> sent = ArgumentCaptor.forClass(DraftRequest.class);
    verify(reasoning, atLeastOnce()).draftOutput(sent.capture());
    return sent.getAllValues();
  }

  private static TaskPolicy supportPolicy() {
    return new TaskPolicy("small", 1, null, null, null, false);
  }

  private static TaskPolicy refundPolicy(ExpiryOutcome onExpiry) {
    return new TaskPolicy(
        "strong", 1, new ApprovalPolicy("amount", 100, SLA, onExpiry), "issue-refund", null, false);
  }

  /** Two approvers above 1000. */
  private static TaskPolicy twoApproverPolicy() {
    return withApproval(
        new ApprovalPolicy(
            "amount", 100.0, SLA, ExpiryOutcome.REJECT, false, false, 1000.0, null, null, null));
  }

  /** Reminders daily, escalation after 36 h, expiry after 3 days. */
  private static TaskPolicy slaPolicy(ExpiryOutcome onExpiry) {
    return withApproval(
        new ApprovalPolicy(
            "amount",
            100.0,
            Duration.ofDays(3),
            onExpiry,
            false,
            false,
            null,
            Duration.ofHours(24),
            Duration.ofHours(36),
            "senior-approver"));
  }

  private static TaskPolicy riskPolicy() {
    return withApproval(
        new ApprovalPolicy(
            "amount", 100.0, SLA, ExpiryOutcome.REJECT, true, false, null, null, null, null));
  }

  private static TaskPolicy withApproval(ApprovalPolicy approval) {
    return new TaskPolicy("strong", 1, approval, "issue-refund", null, false);
  }

  private static TaskRequest request(TaskPolicy policy) {
    String type = policy.actionKind() == null ? "support-answer" : "refund-decision";
    return new TaskRequest(
        "task-1", TENANT, type, REQUESTER, Map.of("question", "Can I get a refund?"), policy);
  }

  /** A request whose draft proposes {@code amount} (a number or a numeric string). */
  private TaskRequest request(TaskPolicy policy, Object amount) {
    when(reasoning.draftOutput(any()))
        .thenReturn(draft(Map.of("amount", amount, "reason", "damaged goods")));
    return request(policy);
  }

  private static DraftResult draft(Map<String, Object> output) {
    return new DraftResult(
        output, new ModelCall("DraftOutput", "offline", "offline-extractive", 900, 120, 0.002, 35));
  }

  /** A decision by an approver quoting the hash of the action pending now, as the inbox would. */
  private DecisionRequest approver(String name, Verdict verdict, String comment) {
    return decision(name, Set.of("approver"), verdict, comment, pendingHash());
  }

  private static DecisionRequest decision(
      String name, Set<String> roles, Verdict verdict, String comment, String hash) {
    return new DecisionRequest(name, TENANT, roles, verdict, comment, hash);
  }

  private String pendingHash() {
    TaskState state = workflow.state();
    return state == null || state.pendingApproval() == null
        ? null
        : state.pendingApproval().actionHash();
  }

  private void startAsync(TaskRequest request) {
    WorkflowClient.start(workflow::run, request);
  }

  private TaskState result() {
    return WorkflowStub.fromTyped(workflow).getResult(TaskState.class);
  }

  private TaskState awaitStatus(TaskStatus expected) {
    return awaitState(state -> state != null && state.status() == expected);
  }

  private TaskState awaitState(Predicate<TaskState> condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    TaskState state = workflow.state();
    while (!condition.test(state)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("task never reached the expected state; last: " + state);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      state = workflow.state();
    }
    return state;
  }

  private ApplicationFailure refusal(DecisionRequest decision) {
    WorkflowUpdateException refused =
        catchThrowableOfType(WorkflowUpdateException.class, () -> workflow.decide(decision));
    assertThat(refused).as("the update was expected to be refused").isNotNull();
    assertThat(refused.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) refused.getCause();
  }

  private void assertStillAwaitingWithoutDecision() {
    TaskState state = workflow.state();
    assertThat(state.status()).isEqualTo(TaskStatus.AWAITING_APPROVAL);
    assertThat(state.decision()).isNull();
    verify(actions, never()).executeAction(any());
  }

  private List<TaskStatus> recordedStatuses() {
    ArgumentCaptor<TaskRecord> records = ArgumentCaptor.forClass(TaskRecord.class);
    verify(readModel, atLeastOnce()).recordTaskState(records.capture());
    return records.getAllValues().stream().map(record -> record.state().status()).toList();
  }

  private WorkflowExecutionDescription describe() {
    return WorkflowStub.fromTyped(workflow).describe();
  }

  /** Holds an activity until released, so that a test can act while the workflow waits on it. */
  private static final class Hold {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    Answer<Object> thenReturn(Object result) {
      return call -> {
        entered.countDown();
        released.await(10, TimeUnit.SECONDS);
        return result;
      };
    }

    void awaitEntered() {
      try {
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("activity reached").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    void release() {
      released.countDown();
    }
  }
}
