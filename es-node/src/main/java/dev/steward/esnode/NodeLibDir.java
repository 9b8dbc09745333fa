package dev.steward.esnode;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the directory of jars that the child Elasticsearch JVM runs from. */
final class NodeLibDir {

  static final String PROPERTY = "steward.es-node.lib-dir";
  static final String RELATIVE_PATH = "es-node/target/node/lib";

  private NodeLibDir() {}

  /**
   * The value of system property {@value #PROPERTY} if set, else the first {@value #RELATIVE_PATH}
   * found in the working directory or one of its parents.
   */
  static Path resolve() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return requireDirectory(Path.of(configured));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE_PATH);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No "
            + RELATIVE_PATH
            + " above "
            + Path.of("").toAbsolutePath()
            + ": build it with ./mvnw -pl es-node package, or set -D"
            + PROPERTY
            + "=<dir>");
  }

  static Path requireDirectory(Path libDir) {
    if (!Files.isDirectory(libDir)) {
      throw new IllegalStateException("Elasticsearch node lib dir does not exist: " + libDir);
    }
    return libDir;
  }
}
