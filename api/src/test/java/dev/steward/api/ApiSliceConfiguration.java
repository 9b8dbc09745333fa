package dev.steward.api;

import dev.steward.api.security.SecurityConfig;
import dev.steward.tasktypes.SchemaValidator;
import dev.steward.tasktypes.TaskTypeRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What every web slice test needs: the real security, settings and bundled task types. */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfig.class, ApiConfiguration.class})
public class ApiSliceConfiguration {

  public static final String REQUESTER = "demo-requester-key";
  public static final String APPROVER = "demo-approver-key";
  public static final String ADMIN = "demo-admin-key";
  public static final String ENGINEER = "demo-engineer-key";
  public static final String GLOBEX_REQUESTER = "globex-requester-key";
  public static final String GLOBEX_APPROVER = "globex-approver-key";

  @Bean
  TaskTypeRegistry taskTypeRegistry() {
    return TaskTypeRegistry.bundled();
  }

  @Bean
  SchemaValidator schemaValidator() {
    return new SchemaValidator();
  }
}
