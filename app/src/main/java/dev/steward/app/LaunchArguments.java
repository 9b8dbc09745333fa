package dev.steward.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings read before Spring starts (the data folder, which Temporal), since Elasticsearch and
 * Temporal must run before the application can: from the caller's properties and {@code
 * --key=value} arguments, where the last argument wins, as it does for Spring.
 */
final class LaunchArguments {

  private LaunchArguments() {}

  static Optional<String> find(Map<String, Object> properties, String[] args, String key) {
    String prefix = "--" + key + "=";
    return Arrays.stream(args)
        .filter(a -> a.startsWith(prefix))
        .map(a -> a.substring(prefix.length()))
        .reduce((first, last) -> last)
        .or(() -> Optional.ofNullable(properties.get(key)).map(String::valueOf));
  }

  /** Whether the caller set {@code key} anywhere Spring would read it, environment included. */
  static boolean isSet(Map<String, Object> properties, String[] args, String key) {
    String environmentName = key.toUpperCase(Locale.ROOT).replace(".", "_").replace("-", "");
    return find(properties, args, key).isPresent()
        || System.getProperty(key) != null
        || System.getenv(environmentName) != null;
  }
}
