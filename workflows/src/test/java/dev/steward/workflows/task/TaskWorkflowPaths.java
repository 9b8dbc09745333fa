package dev.steward.workflows.task;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.steward.workflows.RecordingEnvironment;
import dev.steward.workflows.task.ApprovalPolicy.ExpiryOutcome;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.DecisionRequest.Verdict;
import dev.steward.workflows.task.TaskBudget.OnBreach;
import dev.steward.workflows.task.TaskStepTypes.ActionRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.RetrievalResult;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The task workflow's recorded paths: each drives a run against mocked activities (short outputs,
 * so the histories stay small) and returns its history. The workflow id is the path's name.
 */
public final class TaskWorkflowPaths {

  private static final String TENANT = "acme";
  private static final Duration SLA = Duration.ofHours(24);

  private TaskWorkflowPaths() {}

  public static Map<String, Supplier<WorkflowExecutionHistory>> all() {
    Map<String, Supplier<WorkflowExecutionHistory>> paths = new LinkedHashMap<>();
    paths.put(
        "task-support-answer-completed",
        () -> supportAnswerCompleted("task-support-answer-completed"));
    paths.put(
        "task-support-answer-repaired",
        () -> supportAnswerRepaired("task-support-answer-repaired"));
    paths.put("task-refund-approved", () -> refundApproved("task-refund-approved"));
    paths.put("task-refund-rejected", () -> refundRejected("task-refund-rejected"));
    paths.put("task-refund-expired", () -> refundExpired("task-refund-expired"));
    paths.put("task-refund-two-approvers", TaskWorkflowPaths::refundTwoApprovers);
    paths.put("task-budget-overrun-approved", TaskWorkflowPaths::budgetOverrunApproved);
    paths.put("task-input-blocked", () -> inputBlocked("task-input-blocked"));
    paths.put("task-retrieval-down-ungrounded", TaskWorkflowPaths::retrievalDownUngrounded);
    paths.put("task-cancelled-while-waiting", TaskWorkflowPaths::cancelledWhileWaiting);
    // Runs started since prompts are pinned and the step is a search attribute (version 1 of
    // TaskWorkflowImpl.STEP_AND_PROMPT_CHANGE); the paths above are runs from before.
    paths.put(
        "task-support-answer-completed-v1",
        () -> supportAnswerCompleted("task-support-answer-completed-v1"));
    paths.put(
        "task-support-answer-repaired-v1",
        () -> supportAnswerRepaired("task-support-answer-repaired-v1"));
    paths.put("task-refund-approved-v1", () -> refundApproved("task-refund-approved-v1"));
    paths.put("task-refund-rejected-v1", () -> refundRejected("task-refund-rejected-v1"));
    paths.put("task-refund-expired-v1", () -> refundExpired("task-refund-expired-v1"));
    // Runs started since screening, prompt resolution and validation are local activities
    // (version 1 of TaskWorkflowImpl.LOCAL_CHECKS_CHANGE).
    paths.put(
        "task-support-answer-completed-v2",
        () -> supportAnswerCompleted("task-support-answer-completed-v2"));
    paths.put(
        "task-support-answer-repaired-v2",
        () -> supportAnswerRepaired("task-support-answer-repaired-v2"));
    paths.put("task-refund-approved-v2", () -> refundApproved("task-refund-approved-v2"));
    paths.put("task-refund-rejected-v2", () -> refundRejected("task-refund-rejected-v2"));
    paths.put("task-refund-expired-v2", () -> refundExpired("task-refund-expired-v2"));
    paths.put("task-input-blocked-v2", () -> inputBlocked("task-input-blocked-v2"));
    return paths;
  }

  static WorkflowExecutionHistory supportAnswerCompleted(String id) {
    return completed(id, supportPolicy(), mocks -> {}, TaskStatus.COMPLETED);
  }

  static WorkflowExecutionHistory supportAnswerRepaired(String id) {
    return completed(
        id,
        supportPolicy(),
        mocks ->
            when(mocks.validation.validateOutput(any()))
                .thenReturn(new ValidationVerdict(false, List.of("cite a passage"), false))
                .thenReturn(new ValidationVerdict(true, List.of(), true)),
        TaskStatus.COMPLETED);
  }

  static WorkflowExecutionHistory refundApproved(String id) {
    return decided(
        id, refundPolicy(null), 250, List.of(approve("bob", "ok")), TaskStatus.COMPLETED);
  }

  static WorkflowExecutionHistory refundRejected(String id) {
    return decided(
        id,
        refundPolicy(null),
        250,
        List.of(decision("bob", Verdict.REJECT, "already refunded")),
        TaskStatus.REJECTED);
  }

  static WorkflowExecutionHistory refundExpired(String id) {
    try (Run run = new Run(id, refundAmount(250))) {
      run.start(request(refundPolicy(null)));
      run.awaitStatus(TaskStatus.AWAITING_APPROVAL);
      run.env.sleep(SLA.plusMinutes(1));
      run.result(TaskStatus.EXPIRED);
      return run.history();
    }
  }

  static WorkflowExecutionHistory refundTwoApprovers() {
    return decided(
        "task-refund-two-approvers",
        refundPolicy(1000.0),
        1500,
        List.of(approve("bob", "ok"), approve("carol", "ok")),
        TaskStatus.COMPLETED);
  }

  static WorkflowExecutionHistory budgetOverrunApproved() {
    // The draft costs $0.002 against a $0.001 ceiling: found after the call.
    TaskPolicy policy =
        new TaskPolicy(
            "strong",
            1,
            null,
            null,
            new TaskBudget(Duration.ofHours(1), 0.001, OnBreach.ASK_APPROVAL),
            false);
    try (Run run = new Run("task-budget-overrun-approved", mocks -> {})) {
      run.start(request(policy));
      run.decide(approve("bob", "worth it"));
      run.result(TaskStatus.COMPLETED);
      return run.history();
    }
  }

  static WorkflowExecutionHistory inputBlocked(String id) {
    return completed(
        id,
        supportPolicy(),
        mocks ->
            when(mocks.screening.screenInput(any()))
                .thenReturn(new ScreenVerdict(false, "input contains a card number", List.of())),
        TaskStatus.REJECTED);
  }

  static WorkflowExecutionHistory retrievalDownUngrounded() {
    return completed(
        "task-retrieval-down-ungrounded",
        new TaskPolicy("small", 1, null, null, null, true),
        mocks -> {
          when(mocks.retrieval.retrievePassages(any()))
              .thenThrow(new IllegalStateException("search unreachable"));
          when(mocks.validation.validateOutput(any()))
              .thenReturn(new ValidationVerdict(true, List.of(), false));
        },
        TaskStatus.COMPLETED);
  }

  static WorkflowExecutionHistory cancelledWhileWaiting() {
    try (Run run = new Run("task-cancelled-while-waiting", refundAmount(250))) {
      run.start(request(refundPolicy(null)));
      run.awaitStatus(TaskStatus.AWAITING_APPROVAL);
      run.stub().cancel();
      try {
        run.stub().getResult(TaskState.class);
        throw new IllegalStateException("the cancelled task completed");
      } catch (WorkflowFailedException expected) {
        // A cancelled task ends Canceled in Temporal.
      }
      return run.history();
    }
  }

  /** A path that runs to its end without a decision. */
  private static WorkflowExecutionHistory completed(
      String name, TaskPolicy policy, Consumer<Mocks> stubbing, TaskStatus expected) {
    try (Run run = new Run(name, stubbing)) {
      run.start(request(policy));
      run.result(expected);
      return run.history();
    }
  }

  /** A refund of {@code amount} that waits for approval and gets {@code decisions}, in order. */
  private static WorkflowExecutionHistory decided(
      String name,
      TaskPolicy policy,
      int amount,
      List<DecisionTemplate> decisions,
      TaskStatus expected) {
    try (Run run = new Run(name, refundAmount(amount))) {
      run.start(request(policy));
      for (DecisionTemplate decision : decisions) {
        run.decide(decision);
      }
      run.result(expected);
      return run.history();
    }
  }

  private static Consumer<Mocks> refundAmount(int amount) {
    return mocks ->
        when(mocks.reasoning.draftOutput(any()))
            .thenReturn(draft(Map.of("amount", amount, "reason", "damaged")));
  }

  private static TaskPolicy supportPolicy() {
    return new TaskPolicy("small", 1, null, null, null, false);
  }

  /** Approval above 100; two approvers above {@code secondApproverAbove} when it is set. */
  private static TaskPolicy refundPolicy(Double secondApproverAbove) {
    ApprovalPolicy approval =
        new ApprovalPolicy(
            "amount",
            100.0,
            SLA,
            ExpiryOutcome.REJECT,
            false,
            false,
            secondApproverAbove,
            null,
            null,
            null);
    return new TaskPolicy("strong", 1, approval, "issue-refund", null, false);
  }

  private static TaskRequest request(TaskPolicy policy) {
    String type = policy.actionKind() == null ? "support-answer" : "refund-decision";
    return new TaskRequest("task-1", TENANT, type, "alice", Map.of("question", "Refund?"), policy);
  }

  private static DraftResult draft(Map<String, Object> output) {
    return new DraftResult(
        output, new ModelCall("DraftOutput", "offline", "offline-extractive", 900, 120, 0.002, 35));
  }

  private static DecisionTemplate approve(String approver, String comment) {
    return decision(approver, Verdict.APPROVE, comment);
  }

  private static DecisionTemplate decision(String approver, Verdict verdict, String comment) {
    return new DecisionTemplate(approver, verdict, comment);
  }

  /** A decision without its action hash, which is read from the pending approval when sent. */
  private record DecisionTemplate(String approver, Verdict verdict, String comment) {
    DecisionRequest quoting(String actionHash) {
      return new DecisionRequest(
          approver, TENANT, Set.of(DecisionRequest.APPROVER_ROLE), verdict, comment, actionHash);
    }
  }

  /** The task's activities, mocked with short answers on the way through. */
  private static final class Mocks {
    final ScreeningActivities screening = activityMock(ScreeningActivities.class);
    final ClassificationActivities classifier = activityMock(ClassificationActivities.class);
    final RetrievalActivities retrieval = activityMock(RetrievalActivities.class);
    final ReasoningActivities reasoning = activityMock(ReasoningActivities.class);
    final ValidationActivities validation = activityMock(ValidationActivities.class);
    final ActionActivities actions = activityMock(ActionActivities.class);
    final TaskRecordActivities readModel = activityMock(TaskRecordActivities.class);
    final ApprovalActivities notifier = activityMock(ApprovalActivities.class);
    final PromptActivities prompts = activityMock(PromptActivities.class);

    Mocks() {
      when(prompts.resolvePrompt(any()))
          .thenAnswer(call ->
              new PromptTypes.PromptRef(
                  call.<PromptTypes.PromptRequest>getArgument(0).taskType(), 1, "production"));
      when(screening.screenInput(any())).thenReturn(new ScreenVerdict(true, null, List.of()));
      when(classifier.classifyTask(any()))
          .thenReturn(new TaskClassification(Complexity.SIMPLE, Risk.LOW, "short", null));
      when(retrieval.retrievePassages(any()))
          .thenReturn(new RetrievalResult(List.of(new PassageRef("c1", "d1", "Refunds", 0, 0.9))));
      when(reasoning.draftOutput(any())).thenReturn(draft(Map.of("answer", "Yes.")));
      when(validation.validateOutput(any()))
          .thenReturn(new ValidationVerdict(true, List.of(), true));
      when(actions.executeAction(any()))
          .thenAnswer(call ->
              new ActionReceipt(
                  "act-1", call.<ActionRequest>getArgument(0).actionKind(), true, 1L));
    }

    Object[] all() {
      return new Object[] {
        screening,
        classifier,
        retrieval,
        reasoning,
        validation,
        actions,
        readModel,
        notifier,
        prompts
      };
    }

    private static <T> T activityMock(Class<T> type) {
      return mock(type, withSettings().withoutAnnotations());
    }
  }

  /** One task run on its own test server. */
  private static final class Run implements AutoCloseable {
    final RecordingEnvironment env =
        new RecordingEnvironment(
            TaskWorkflow.TASK_QUEUE, TaskWorkflowImpl.class, StewardSearchAttributes.ALL);
    final String workflowId;
    final TaskWorkflow workflow;

    Run(String workflowId, Consumer<Mocks> stubbing) {
      Mocks mocks = new Mocks();
      stubbing.accept(mocks);
      env.start(mocks.all());
      this.workflowId = workflowId;
      this.workflow = env.newWorkflow(TaskWorkflow.class, workflowId);
    }

    void start(TaskRequest request) {
      WorkflowClient.start(workflow::run, request);
    }

    /** Waits for the task to ask for a decision, then sends it quoting the pending action. */
    void decide(DecisionTemplate decision) {
      TaskState waiting =
          awaitState(s ->
              s.status() == TaskStatus.AWAITING_APPROVAL
                  && s.pendingApproval().approvals().stream()
                      .noneMatch(a -> a.decidedBy().equals(decision.approver())));
      workflow.decide(decision.quoting(waiting.pendingApproval().actionHash()));
    }

    void awaitStatus(TaskStatus status) {
      awaitState(s -> s.status() == status);
    }

    private TaskState awaitState(Predicate<TaskState> condition) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        TaskState state = workflow.state();
        if (state != null && condition.test(state)) {
          return state;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(workflowId + " never reached the state; last " + state);
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    WorkflowStub stub() {
      return WorkflowStub.fromTyped(workflow);
    }

    /** Waits for the end; a path that ends elsewhere than intended must not be recorded. */
    void result(TaskStatus expected) {
      TaskState state = stub().getResult(TaskState.class);
      if (state.status() != expected) {
        throw new IllegalStateException(
            workflowId + " ended " + state.status() + ", not " + expected + ": " + state.reason());
      }
    }

    WorkflowExecutionHistory history() {
      return env.history(workflowId);
    }

    @Override
    public void close() {
      env.close();
    }
  }
}
