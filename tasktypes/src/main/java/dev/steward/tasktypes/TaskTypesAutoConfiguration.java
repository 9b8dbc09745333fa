package dev.steward.tasktypes;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The task type registry and schema validator, shared by the API (input checks) and the activities
 * (output checks, prompts). {@code steward.task-types.dir} adds or overrides types.
 */
@AutoConfiguration
public class TaskTypesAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TaskTypeRegistry taskTypeRegistry(@Value("${steward.task-types.dir:}") String dir) {
    return TaskTypeRegistry.load(dir.isBlank() ? null : Path.of(dir));
  }

  @Bean
  @ConditionalOnMissingBean
  SchemaValidator schemaValidator() {
    return new SchemaValidator();
  }
}
