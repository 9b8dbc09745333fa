package dev.steward.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Steward process (api or worker) in a JVM of its own, which the tests can kill -9 or stop with
 * SIGTERM. A small shell watchdog between this JVM and the child kills the child when this JVM
 * dies, however it dies (it waits for end-of-file on the pipe only this JVM holds), so a crashed
 * test run leaves no process polling a server that is gone.
 */
final class ChildJvm {

  private static final String WATCHDOG =
      "exec 3<&0; \"$@\" </dev/null 3<&- & child=$!;"
          + " ( cat <&3 >/dev/null; kill -9 \"$child\" 2>/dev/null ) & wait \"$child\"";

  private final String name;
  private final Process watchdog;
  private final ProcessHandle jvm;
  private final Path log;

  private ChildJvm(String name, Process watchdog, ProcessHandle jvm, Path log) {
    this.name = name;
    this.watchdog = watchdog;
    this.jvm = jvm;
    this.log = log;
  }

  /**
   * Starts {@code java <jvmArgs> <mainArgs>}; stdout and stderr go to {@code log}.
   *
   * @param env extra environment variables (secrets go here, never on the command line)
   */
  static ChildJvm start(String name, List<String> javaArgs, Map<String, String> env, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "steward-" + name, java));
    command.addAll(javaArgs);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      Process watchdog = builder.start();
      return new ChildJvm(name, watchdog, findJvm(watchdog, Path.of(java).toRealPath()), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** The watchdog's child that runs {@code java} (before its exec, the child is still a shell). */
  private static ProcessHandle findJvm(Process watchdog, Path java) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> jvm =
          watchdog
              .children()
              .filter(p -> p.info().command().map(c -> Path.of(c).equals(java)).orElse(false))
              .findFirst();
      if (jvm.isPresent()) {
        return jvm.get();
      }
      if (!watchdog.isAlive()) {
        break;
      }
      sleep(20);
    }
    watchdog.destroyForcibly();
    throw new IllegalStateException("the JVM of " + java + " did not start");
  }

  String name() {
    return name;
  }

  long pid() {
    return jvm.pid();
  }

  Path log() {
    return log;
  }

  /** CPU time the JVM has used so far, in seconds (0 once it has exited). */
  double cpuSeconds() {
    return jvm.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
  }

  boolean isAlive() {
    return jvm.isAlive();
  }

  /** SIGKILL, as a crash would: nothing in the process runs afterwards. */
  void kill() {
    jvm.destroyForcibly();
    awaitExit(Duration.ofSeconds(20));
  }

  /** SIGTERM: the process runs its shutdown hooks (Spring closes its context). */
  void terminate() {
    jvm.destroy();
  }

  /**
   * Waits for the JVM to exit.
   *
   * @return how long it took from the call
   */
  Duration awaitExit(Duration timeout) {
    long started = System.nanoTime();
    try {
      jvm.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      watchdog.waitFor(5, TimeUnit.SECONDS);
      watchdog.getOutputStream().close();
    } catch (TimeoutException e) {
      throw new AssertionError(name + " did not exit within " + timeout + "; see " + log, e);
    } catch (IOException e) {
      // The watchdog is gone already; its pipe is closed.
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Stops it if it still runs: SIGTERM, then SIGKILL after 20 s. */
  void stop() {
    if (!jvm.isAlive()) {
      return;
    }
    terminate();
    try {
      jvm.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      jvm.destroyForcibly();
    }
    awaitExit(Duration.ofSeconds(20));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + jvm.pid() + ")";
  }
}
