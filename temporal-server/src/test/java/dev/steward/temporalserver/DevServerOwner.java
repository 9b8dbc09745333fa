package dev.steward.temporalserver;

import java.nio.file.Path;

/**
 * A JVM that owns a dev server and then waits to be killed: for tests of what happens to the server
 * when its JVM dies. Arguments: db file, gRPC port, UI port. Prints the server's pid.
 */
public final class DevServerOwner {

  private DevServerOwner() {}

  public static void main(String[] args) throws InterruptedException {
    TemporalDevServer server =
        TemporalDevServer.start(
            TemporalDevServer.Options.defaults(
                    TemporalDevServer.findCli().orElseThrow(), Path.of(args[0]))
                .withPorts(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    System.out.println("server-pid " + server.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
