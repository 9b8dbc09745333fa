package dev.steward.activities.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanarySplitTest {

  private static final List<String> TASK_IDS =
      IntStream.range(0, 20_000).mapToObj(i -> "acme.task-" + i).toList();

  @Test
  void aTaskAlwaysLandsInTheSameBucket() {
    for (String id : TASK_IDS.subList(0, 500)) {
      assertThat(CanarySplit.bucket(id)).isEqualTo(CanarySplit.bucket(new String(id)));
    }
  }

  /**
   * Workers of two releases resolve tasks side by side during a rolling deploy: the function must
   * not change between releases, or a task would flip groups. These values pin it.
   */
  @Test
  void bucketsAreStableAcrossReleases() {
    assertThat(CanarySplit.bucket("acme.order-1")).isEqualTo(BUCKET_OF_ORDER_1);
    assertThat(CanarySplit.bucket("globex.3f1c9a")).isEqualTo(BUCKET_OF_GLOBEX);
  }

  /** {@code echo -n acme.order-1 | sha256sum}: acc3fc19..., and 0xacc3fc19 mod 100 = 9. */
  private static final int BUCKET_OF_ORDER_1 = 9;

  /** {@code echo -n globex.3f1c9a | sha256sum}: 259eca6e..., and 0x259eca6e mod 100 = 2. */
  private static final int BUCKET_OF_GLOBEX = 2;

  @Test
  void bucketsCoverZeroToNinetyNineEvenly() {
    int[] counts = new int[CanarySplit.BUCKETS];
    TASK_IDS.forEach(id -> counts[CanarySplit.bucket(id)]++);
    // 200 expected per bucket; the binomial standard deviation is about 14.
    assertThat(IntStream.of(counts).min().orElseThrow()).isGreaterThan(140);
    assertThat(IntStream.of(counts).max().orElseThrow()).isLessThan(260);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 25, 50, 90})
  void aCanaryTakesItsShareOfTasks(int percent) {
    long taken = TASK_IDS.stream().filter(id -> CanarySplit.takes(id, percent)).count();

    assertThat(taken / (double) TASK_IDS.size()).isCloseTo(percent / 100.0, within(0.01));
  }

  @Test
  void noneAtZeroAndAllAtOneHundred() {
    assertThat(TASK_IDS).noneMatch(id -> CanarySplit.takes(id, 0));
    assertThat(TASK_IDS).allMatch(id -> CanarySplit.takes(id, 100));
  }

  @Test
  void raisingTheShareOnlyAddsTasks() {
    for (String id : TASK_IDS.subList(0, 2_000)) {
      if (CanarySplit.takes(id, 10)) {
        assertThat(CanarySplit.takes(id, 50)).as(id).isTrue();
      }
    }
  }
}
