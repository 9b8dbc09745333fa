package dev.steward.api.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.workflows.task.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatasetQueryTest {

  @Test
  void defaultsToTheNewestHundredCompletedTasksWithOutputs() {
    DatasetQuery query = DatasetQuery.parse("acme", " ", null, null, null, null, null);

    assertThat(query)
        .isEqualTo(new DatasetQuery("acme", null, TaskStatus.COMPLETED, null, null, 100, true));
  }

  @Test
  void readsInstantsAndDatesAsUtc() {
    DatasetQuery query =
        DatasetQuery.parse(
            "acme", "support-answer", "2026-05-01", "2026-05-02T12:30:00Z", "failed", 5, false);

    assertThat(query.taskType()).isEqualTo("support-answer");
    assertThat(query.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(query.fromMillis()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z").toEpochMilli());
    assertThat(query.toMillis()).isEqualTo(Instant.parse("2026-05-02T12:30:00Z").toEpochMilli());
    assertThat(query.limit()).isEqualTo(5);
    assertThat(query.includeOutput()).isFalse();
  }

  @Test
  void refusesParametersItCannotUseWithAProblemNamingThem() {
    assertInvalid(() -> DatasetQuery.parse("acme", null, null, null, null, 0, null), "limit");
    assertInvalid(() -> DatasetQuery.parse("acme", null, null, null, null, 1001, null), "limit");
    assertInvalid(
        () -> DatasetQuery.parse("acme", null, "yesterday", null, null, null, null), "from");
    assertInvalid(
        () -> DatasetQuery.parse("acme", null, "2026-05-02", "2026-05-01", null, null, null),
        "from must be before to");
    assertInvalid(() -> DatasetQuery.parse("acme", null, null, null, "DONE", null, null), "status");
  }

  private static void assertInvalid(Runnable parse, String mentions) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_PARAMETER))
        .hasMessageContaining(mentions);
  }
}
