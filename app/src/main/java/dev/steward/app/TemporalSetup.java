package dev.steward.app;

import java.util.Locale;
import java.util.Map;

/**
 * Which Temporal an {@link EmbeddedSteward} runs on: Temporal's real dev server as a child process
 * (SQLite under the data folder, the Web UI), or its in-process test server (nothing kept).
 *
 * <p>Port 0 means a port free at start; {@link EmbeddedSteward#temporal()} then tells which one was
 * taken, so that a restart can ask for the same.
 *
 * @param mode which server
 * @param port the dev server's gRPC port
 * @param uiPort the dev server's Web UI port
 */
public record TemporalSetup(Mode mode, int port, int uiPort) {

  /** The ports users expect, as in Temporal's documentation. */
  public static final int DEFAULT_PORT = 7233;

  public static final int DEFAULT_UI_PORT = 8233;

  static final String MODE_PROPERTY = "steward.temporal.mode";
  static final String PORT_PROPERTY = "steward.temporal.port";
  static final String UI_PORT_PROPERTY = "steward.temporal.ui-port";

  /** The choice of server, named on the command line as {@link #argument()}. */
  public enum Mode {
    /** Temporal's in-process test server: fast, nothing survives the process. */
    IN_PROCESS("in-process"),
    /** The real dev server; starting fails if it cannot run. */
    DEV_SERVER("dev-server"),
    /** The real dev server, else (with a warning saying why) the in-process one. */
    AUTO("auto");

    private final String argument;

    Mode(String argument) {
      this.argument = argument;
    }

    public String argument() {
      return argument;
    }

    static Mode parse(String value) {
      for (Mode mode : values()) {
        if (mode.argument.equals(value.strip().toLowerCase(Locale.ROOT))) {
          return mode;
        }
      }
      throw new IllegalArgumentException(
          "--%s=%s: expected in-process, dev-server or auto".formatted(MODE_PROPERTY, value));
    }
  }

  /** What {@code ./steward run} runs: the dev server on 7233/8233, else the in-process one. */
  public static TemporalSetup runDefault() {
    return new TemporalSetup(Mode.AUTO, DEFAULT_PORT, DEFAULT_UI_PORT);
  }

  /** The in-process test server (what tests and benchmarks get unless they ask otherwise). */
  public static TemporalSetup inProcess() {
    return new TemporalSetup(Mode.IN_PROCESS, DEFAULT_PORT, DEFAULT_UI_PORT);
  }

  /** The dev server on these ports; it must start. */
  public static TemporalSetup devServer(int port, int uiPort) {
    return new TemporalSetup(Mode.DEV_SERVER, port, uiPort);
  }

  /** The dev server on ports free at start: never clashes with a Steward already running. */
  public static TemporalSetup devServerOnFreePorts() {
    return devServer(0, 0);
  }

  /**
   * This setup with what the caller named explicitly: {@code steward.temporal.mode}, {@code .port}
   * and {@code .ui-port}, as properties or as {@code --arguments} (an argument wins).
   */
  TemporalSetup overriddenBy(Map<String, Object> properties, String[] args) {
    Mode chosen =
        LaunchArguments.find(properties, args, MODE_PROPERTY).map(Mode::parse).orElse(mode);
    int grpc =
        LaunchArguments.find(properties, args, PORT_PROPERTY).map(Integer::parseInt).orElse(port);
    int ui =
        LaunchArguments.find(properties, args, UI_PORT_PROPERTY)
            .map(Integer::parseInt)
            .orElse(uiPort);
    return new TemporalSetup(chosen, grpc, ui);
  }
}
