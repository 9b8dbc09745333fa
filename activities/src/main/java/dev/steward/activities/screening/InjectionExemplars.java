package dev.steward.activities.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The known attack patterns the embedding check compares input with, one per resource line. */
final class InjectionExemplars {

  static final String RESOURCE = "screening/injection-exemplars.txt";

  private InjectionExemplars() {}

  /** The bundled exemplars, without comment and blank lines. */
  static List<String> bundled() {
    try (InputStream in = InjectionExemplars.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return reader
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
