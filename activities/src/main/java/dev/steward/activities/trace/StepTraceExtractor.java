package dev.steward.activities.trace;

import dev.steward.activities.trace.TraceRecord.Kind;
import dev.steward.activities.trace.TraceRecord.Outcome;
import dev.steward.store.trace.TraceTextRedactor;
import dev.steward.workflows.task.ActionReceipt;
import dev.steward.workflows.task.ApprovalNotice;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.DecisionRecord;
import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.TaskStepTypes.ActionRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.RetrievalResult;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns what a step took, returned or threw into a trace record: model, tokens, cost, prompt and
 * verdicts by the step's payload types; tenant and task type from any request that names them.
 * Every text it keeps is redacted.
 */
final class StepTraceExtractor {

  private final TraceTextRedactor redactor;
  private final Function<String, PromptRef> bundledPrompt;

  /**
   * @param bundledPrompt the prompt a task type ships with, for drafts of runs that were not pinned
   *     to a prompt version; null when the type is unknown
   */
  StepTraceExtractor(TraceTextRedactor redactor, Function<String, PromptRef> bundledPrompt) {
    this.redactor = redactor;
    this.bundledPrompt = bundledPrompt;
  }

  TraceRecord toRecord(StepObservation o) {
    Object request = o.request();
    String tenant = o.task() != null ? o.task().tenant() : stringComponent(request, "tenant");
    String taskType = o.task() != null ? o.task().taskType() : stringComponent(request, "taskType");
    List<ModelCall> calls = modelCalls(o.result());
    ModelCall answering = calls.isEmpty() ? null : calls.getFirst();
    PromptRef prompt = prompt(request, o.result(), taskType);
    Map<String, String> verdicts = new LinkedHashMap<>();
    requestVerdicts(request, verdicts);
    if (o.error() == null) {
      resultVerdicts(o.result(), verdicts);
    }
    return new TraceRecord(
        UUID.randomUUID().toString(),
        Kind.STEP,
        o.taskId(),
        o.runId(),
        tenant,
        taskType,
        o.step(),
        o.attempt(),
        request instanceof DraftRequest draft ? draft.attempt() : null,
        prompt == null ? null : prompt.id(),
        prompt == null ? null : prompt.version(),
        prompt == null ? null : prompt.label(),
        answering == null ? null : answering.provider(),
        answering == null ? null : answering.model(),
        calls.stream().mapToLong(ModelCall::promptTokens).sum(),
        calls.stream().mapToLong(ModelCall::completionTokens).sum(),
        calls.stream().mapToDouble(ModelCall::costUsd).sum(),
        o.latencyMillis(),
        verdicts,
        o.error() == null ? Outcome.OK : Outcome.ERROR,
        o.error() == null ? null : describe(o.error()),
        null,
        null,
        o.startedAt());
  }

  /** The answering call first, then calls whose answers were discarded but paid for. */
  private static List<ModelCall> modelCalls(Object result) {
    List<ModelCall> calls = new ArrayList<>();
    if (result instanceof DraftResult draft) {
      if (draft.call() != null) {
        calls.add(draft.call());
      }
      calls.addAll(draft.discardedCalls());
    } else if (result instanceof TaskClassification c && c.call() != null) {
      calls.add(c.call());
    }
    return calls;
  }

  private PromptRef prompt(Object request, Object result, String taskType) {
    if (result instanceof PromptRef resolved) {
      return resolved;
    }
    if (request instanceof DraftRequest draft) {
      if (draft.prompt() != null) {
        return draft.prompt();
      }
      return taskType == null ? null : bundledPrompt.apply(taskType);
    }
    return null;
  }

  private void requestVerdicts(Object request, Map<String, String> verdicts) {
    switch (request) {
      case ApprovalNotice notice -> verdicts.put("notice", name(notice.kind()));
      case ActionRequest action -> verdicts.put("actionKind", action.actionKind());
      case null, default -> {}
    }
  }

  private void resultVerdicts(Object result, Map<String, String> verdicts) {
    switch (result) {
      case ScreenVerdict v -> {
        verdicts.put("allowed", Boolean.toString(v.allowed()));
        putText(verdicts, "reason", v.reason());
        putList(verdicts, "findings", v.findings());
        putList(verdicts, "piiKinds", v.piiKinds());
        verdicts.put("injectionScore", decimal(v.injectionScore()));
      }
      case TaskClassification c -> {
        verdicts.put("risk", name(c.risk()));
        verdicts.put("complexity", name(c.complexity()));
      }
      case RetrievalResult r ->
          verdicts.put(
              "passages", Integer.toString(r.passages() == null ? 0 : r.passages().size()));
      case DraftResult d -> {
        if (!d.discardedCalls().isEmpty()) {
          verdicts.put("discardedCalls", Integer.toString(d.discardedCalls().size()));
        }
      }
      case ValidationVerdict v -> {
        verdicts.put("valid", Boolean.toString(v.valid()));
        verdicts.put("grounded", Boolean.toString(v.grounded()));
        verdicts.put("groundingScore", decimal(v.groundingScore()));
        putList(verdicts, "errors", v.errors());
        putList(verdicts, "ruleViolations", v.ruleViolations());
      }
      case ActionReceipt a -> {
        verdicts.put("actionKind", a.actionKind());
        verdicts.put("firstExecution", Boolean.toString(a.firstExecution()));
      }
      case DecisionRecord d -> {
        verdicts.put("decision", name(d.verdict()));
        putText(verdicts, "decidedBy", d.decidedBy());
        putText(verdicts, "comment", d.comment());
        putText(verdicts, "actionKind", d.actionKind());
      }
      case null, default -> {}
    }
  }

  private void putText(Map<String, String> verdicts, String name, String text) {
    if (text != null && !text.isBlank()) {
      verdicts.put(name, redactor.redact(text));
    }
  }

  private void putList(Map<String, String> verdicts, String name, List<String> texts) {
    if (texts != null && !texts.isEmpty()) {
      putText(verdicts, name, String.join("; ", texts));
    }
  }

  private String describe(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return redactor.redact(message == null || message.isBlank() ? type : type + ": " + message);
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** A String component of a record request, read by name: requests differ in what they carry. */
  static String stringComponent(Object request, String name) {
    if (request == null || !request.getClass().isRecord()) {
      return null;
    }
    for (RecordComponent c : request.getClass().getRecordComponents()) {
      if (c.getName().equals(name) && c.getType() == String.class) {
        try {
          return (String) c.getAccessor().invoke(request);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }
}
