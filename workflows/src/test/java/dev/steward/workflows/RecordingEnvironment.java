package dev.steward.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;

/**
 * A time-skipping test server with one worker, for driving a workflow down one path and fetching
 * its history. The client identity is fixed so that recorded histories name no host.
 */
public final class RecordingEnvironment implements AutoCloseable {

  private final TestWorkflowEnvironment env;
  private final Worker worker;
  private final String taskQueue;

  public RecordingEnvironment(
      String taskQueue, Class<?> workflowImpl, List<SearchAttributeKey<?>> searchAttributes) {
    this.env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setIdentity("history-recorder").build())
                .build());
    for (SearchAttributeKey<?> key : searchAttributes) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    this.taskQueue = taskQueue;
    this.worker = env.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(workflowImpl);
  }

  /** Registers the (mocked) activities and starts the worker. */
  public void start(Object... activities) {
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  public <T> T newWorkflow(Class<T> workflowInterface, String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            workflowInterface,
            WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Skips server time, firing the timers that fall due. */
  public void sleep(Duration duration) {
    env.sleep(duration);
  }

  public WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  @Override
  public void close() {
    env.close();
  }
}
