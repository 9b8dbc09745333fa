package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class WorkerDrainTest {

  private final WorkerFactory factory = mock(WorkerFactory.class);
  private final WorkerDrain drain = new WorkerDrain(factory, Duration.ofSeconds(20));

  @Test
  void waitsForRunningActivitiesBeforeTheContextGoesOn() {
    when(factory.isStarted()).thenReturn(true);
    when(factory.isTerminated()).thenReturn(false, true);
    drain.start();

    drain.stop();

    InOrder order = inOrder(factory);
    order.verify(factory).shutdown();
    order.verify(factory).awaitTermination(20_000, TimeUnit.MILLISECONDS);
    verify(factory, never()).shutdownNow();
    assertThat(drain.isRunning()).isFalse();
  }

  @Test
  void interruptsWhatIsStillRunningAfterTheGracePeriod() {
    when(factory.isStarted()).thenReturn(true);
    when(factory.isTerminated()).thenReturn(false, false);

    drain.stop();

    InOrder order = inOrder(factory);
    order.verify(factory).awaitTermination(20_000, TimeUnit.MILLISECONDS);
    order.verify(factory).shutdownNow();
    order.verify(factory).awaitTermination(anyLong(), eq(TimeUnit.MILLISECONDS));
  }

  @Test
  void leavesAFactoryThatNeverStartedAlone() {
    when(factory.isStarted()).thenReturn(false);

    drain.stop();

    verify(factory, never()).shutdown();
  }
}
