package dev.steward.temporalserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dev server's OS process, launched so that it does not outlive this JVM, and the pid file that
 * lets the next start find a server that outlived it anyway.
 *
 * <p>Where {@code /bin/sh} exists, the server runs under a small shell watchdog that holds this
 * JVM's pipe as its stdin: when the pipe reaches EOF (this JVM exited, even by {@code kill -9}),
 * the watchdog stops the server. The pid file ({@code <db>.pid}: server pid, owner JVM pid) covers
 * the rest (no shell, or the watchdog killed with the JVM): a later start on the same SQLite file
 * stops a server whose owner is gone before it starts its own.
 */
final class ServerProcess {

  private static final System.Logger log = System.getLogger(ServerProcess.class.getName());
  private static final Path SHELL = Path.of("/bin/sh");
  private static final Duration PID_FILE_TIMEOUT = Duration.ofSeconds(10);

  /** $1 is the pid file, the rest the server's command. Keeps the server's exit status. */
  private static final String WATCHDOG =
      """
      pid_file=$1; shift
      exec 3<&0
      "$@" </dev/null 3<&- &
      server=$!
      echo "$server $PPID" > "$pid_file.tmp" && mv "$pid_file.tmp" "$pid_file"
      ( cat <&3 >/dev/null; kill "$server" 2>/dev/null ) &
      wait "$server"
      """;

  private final Process launcher;
  private final ProcessHandle server;
  private final Path pidFile;

  private ServerProcess(Process launcher, ProcessHandle server, Path pidFile) {
    this.launcher = launcher;
    this.server = server;
    this.pidFile = pidFile;
  }

  /** Starts {@code command}, its output appended to {@code log}, and records it in the pid file. */
  static ServerProcess launch(List<String> command, Path pidFile, Path log) throws IOException {
    Files.deleteIfExists(pidFile);
    boolean watched = Files.isExecutable(SHELL);
    List<String> launch = new ArrayList<>();
    if (watched) {
      launch.addAll(List.of(SHELL.toString(), "-c", WATCHDOG, "steward-temporal-watchdog"));
      launch.add(pidFile.toString());
    }
    launch.addAll(command);
    Process launcher =
        new ProcessBuilder(launch)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!watched) {
      Files.writeString(pidFile, launcher.pid() + " " + ProcessHandle.current().pid() + "\n");
      return new ServerProcess(launcher, launcher.toHandle(), pidFile);
    }
    return new ServerProcess(launcher, awaitServer(launcher, pidFile), pidFile);
  }

  private static ProcessHandle awaitServer(Process launcher, Path pidFile) {
    Instant deadline = Instant.now().plus(PID_FILE_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Optional<long[]> pids = readPids(pidFile);
      if (pids.isPresent()) {
        return ProcessHandle.of(pids.get()[0])
            .orElseThrow(() -> new IllegalStateException("the Temporal dev server exited at once"));
      }
      if (!launcher.isAlive()) {
        throw new IllegalStateException(
            "the Temporal dev server's launcher exited with " + launcher.exitValue());
      }
      pause(Duration.ofMillis(20));
    }
    launcher.destroyForcibly();
    throw new IllegalStateException("the Temporal dev server's launcher wrote no pid file");
  }

  /**
   * Stops a server that a previous owner left running on {@code db}, if that owner has died; fails
   * if its owner is still alive, since two servers must never share one SQLite file.
   */
  static void stopLeftover(Path pidFile, Path db, Duration timeout) {
    Optional<long[]> pids = readPids(pidFile);
    if (pids.isEmpty()) {
      return;
    }
    long serverPid = pids.get()[0];
    long ownerPid = pids.get()[1];
    Optional<ProcessHandle> leftover =
        ProcessHandle.of(serverPid)
            .filter(ProcessHandle::isAlive)
            .filter(p -> isServerOn(p, db.toString()));
    if (leftover.isPresent()) {
      if (ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive).isPresent()) {
        throw new IllegalStateException(
            "a Temporal dev server (pid %d) of the running process %d already serves %s"
                .formatted(serverPid, ownerPid, db));
      }
      log.log(
          System.Logger.Level.WARNING,
          "Stopping the Temporal dev server (pid {0}) left running on {1} by process {2}, which"
              + " has died; a new one takes over the same file.",
          String.valueOf(serverPid),
          db,
          String.valueOf(ownerPid));
      stop(leftover.get(), timeout);
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return server.pid();
  }

  boolean isAlive() {
    return server.isAlive();
  }

  /** How the server ended, for error messages; call only once it is not alive. */
  String exitDescription() {
    try {
      if (launcher.waitFor(2, TimeUnit.SECONDS)) {
        return "exited with " + launcher.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "exited";
  }

  /** SIGTERM, then SIGKILL after {@code timeout}; removes the pid file. */
  void stop(Duration timeout) {
    stop(server, timeout);
    release(timeout);
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL, as a crash would; the pid file stays, as after a crash. */
  void kill(Duration timeout) {
    server.destroyForcibly();
    awaitExit(server, timeout);
    release(timeout);
  }

  /** Lets the watchdog go: EOF on its stdin, then it exits once the server has. */
  private void release(Duration timeout) {
    try {
      launcher.getOutputStream().close();
    } catch (IOException ignored) {
      // The watchdog is gone already; its end of the pipe is closed.
    }
    try {
      if (!launcher.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stop(ProcessHandle process, Duration timeout) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(process, timeout)) {
      process.destroyForcibly();
      awaitExit(process, timeout);
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Pids are reused: only a process naming our file (or, if unreadable, the CLI) is our server. */
  private static boolean isServerOn(ProcessHandle process, String db) {
    ProcessHandle.Info info = process.info();
    return info.commandLine()
        .map(c -> c.contains(db))
        .or(() -> info.command().map(c -> c.endsWith("temporal")))
        .orElse(false);
  }

  private static Optional<long[]> readPids(Path pidFile) {
    try {
      String[] fields = Files.readString(pidFile).strip().split("\\s+");
      return Optional.of(new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])});
    } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Temporal dev server", e);
    }
  }
}
