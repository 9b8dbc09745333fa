package dev.steward.api.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The screening verdict read from the task workflow's committed histories (the workflows module's
 * replay set): from an activity-completed event in runs before the local-checks change, from a
 * local-activity marker since.
 */
class ScreenedInputsTest {

  private static final Path HISTORIES = Path.of("../workflows/src/test/resources/histories");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "task-support-answer-completed-v1, true",
    "task-support-answer-completed-v2, true",
    "task-input-blocked,               false",
    "task-input-blocked-v2,            false",
  })
  void readsTheVerdictOfActivityAndLocalActivityScreening(String path, boolean allowed)
      throws IOException {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve(path + ".json")));

    Optional<ScreenVerdict> verdict =
        ScreenedInputs.verdictIn(
            history.getEvents().iterator(), DefaultDataConverter.newDefaultInstance());

    assertThat(verdict).as(path).isPresent();
    assertThat(verdict.get().allowed()).as(path).isEqualTo(allowed);
  }

  @Test
  void findsNothingBeforeScreeningFinished() throws IOException {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(
            Files.readString(HISTORIES.resolve("task-support-answer-completed-v2.json")));

    assertThat(
            ScreenedInputs.verdictIn(
                history.getEvents().subList(0, 3).iterator(),
                DefaultDataConverter.newDefaultInstance()))
        .isEmpty();
  }
}
