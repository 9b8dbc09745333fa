package dev.steward.activities.action;

import dev.steward.store.action.ActionLedger;
import dev.steward.store.action.ActionRecord;
import dev.steward.workflows.task.ActionActivities;
import dev.steward.workflows.task.ActionReceipt;
import dev.steward.workflows.task.TaskStepTypes.ActionRequest;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes a task's side effect. In this deployment the effect is its entry in the action ledger
 * (where a payment or ticket integration would hook in); the ledger's create-once write, keyed by
 * task id, is what makes a retried activity harmless.
 */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ActionActivitiesImpl implements ActionActivities {

  private static final Logger log = LoggerFactory.getLogger(ActionActivitiesImpl.class);

  private final ActionLedger ledger;

  public ActionActivitiesImpl(ActionLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public ActionReceipt executeAction(ActionRequest request) {
    var recorded =
        ledger.recordOnce(
            new ActionRecord(
                request.taskId(),
                request.tenant(),
                request.actionKind(),
                request.payload(),
                System.currentTimeMillis()));
    if (recorded.created()) {
      log.info("executed {} for task {}", request.actionKind(), request.taskId());
    } else {
      log.info(
          "{} for task {} had already run; not repeated", request.actionKind(), request.taskId());
    }
    return new ActionReceipt(
        request.taskId(),
        recorded.record().actionKind(),
        recorded.created(),
        recorded.record().executedAtMillis());
  }
}
