package dev.steward.tasktypes;

import dev.steward.workflows.task.UnknownTaskTypeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The task types this deployment knows: the bundled YAML files plus any in an extra folder, where a
 * file of the same name overrides a bundled one.
 */
public final class TaskTypeRegistry {

  private static final String BUNDLED = "classpath*:task-types/*.yaml";
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Map<String, TaskTypeDefinition> types;
  private final Map<String, PolicyRules> rules;

  /**
   * @throws IllegalArgumentException when a task type's validation section is unusable (a rule that
   *     does not compile, a grounded field the output schema lacks), so a bad deployment fails at
   *     start-up rather than on its first task
   */
  private TaskTypeRegistry(Map<String, TaskTypeDefinition> types) {
    this.types = java.util.Collections.unmodifiableMap(new TreeMap<>(types));
    Map<String, PolicyRules> compiled = new TreeMap<>();
    for (TaskTypeDefinition type : types.values()) {
      checkGroundedFields(type);
      compiled.put(type.name(), PolicyRules.compile(type));
    }
    this.rules = java.util.Collections.unmodifiableMap(compiled);
  }

  /** The bundled task types only. */
  public static TaskTypeRegistry bundled() {
    return load(null);
  }

  /** The bundled task types, overridden and extended by the YAML files in {@code extraDir}. */
  public static TaskTypeRegistry load(Path extraDir) {
    Map<String, TaskTypeDefinition> types = new TreeMap<>();
    try {
      for (Resource resource :
          new PathMatchingResourcePatternResolver(TaskTypeRegistry.class.getClassLoader())
              .getResources(BUNDLED)) {
        try (InputStream in = resource.getInputStream()) {
          put(types, parse(in, resource.getDescription()));
        }
      }
      if (extraDir != null && Files.isDirectory(extraDir)) {
        try (Stream<Path> files = Files.list(extraDir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
            try (InputStream in = Files.newInputStream(file)) {
              put(types, parse(in, file.toString()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read task types", e);
    }
    return new TaskTypeRegistry(types);
  }

  private static void put(Map<String, TaskTypeDefinition> types, TaskTypeDefinition type) {
    types.put(type.name(), type);
  }

  private static TaskTypeDefinition parse(InputStream in, String origin) {
    try {
      return YAML.readValue(in, TaskTypeDefinition.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("invalid task type " + origin + ": " + e.getMessage(), e);
    }
  }

  public Optional<TaskTypeDefinition> find(String name) {
    return Optional.ofNullable(name).map(types::get);
  }

  /** The task type, or {@link UnknownTaskTypeException}, which steps treat as permanent. */
  public TaskTypeDefinition get(String name) {
    return find(name).orElseThrow(() -> new UnknownTaskTypeException(name));
  }

  /** The task type's compiled policy rules (none for an unknown type). */
  public PolicyRules rules(String name) {
    return rules.getOrDefault(name, PolicyRules.none());
  }

  private static void checkGroundedFields(TaskTypeDefinition type) {
    var properties = type.outputSchema().path("properties");
    for (String field : type.validation().groundedFields()) {
      var schema = properties.path(field);
      if (properties.isObject() && !"string".equals(schema.path("type").asString(""))) {
        throw new IllegalArgumentException(
            "task type '"
                + type.name()
                + "': grounded field '"
                + field
                + "' is not a string field of the output schema");
      }
    }
  }

  public Collection<TaskTypeDefinition> all() {
    return types.values();
  }
}
