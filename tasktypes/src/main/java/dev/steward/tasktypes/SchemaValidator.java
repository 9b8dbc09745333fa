package dev.steward.tasktypes;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** JSON Schema (2020-12) checks of task inputs and outputs, with messages a person can act on. */
public final class SchemaValidator {

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<JsonNode, Schema> compiled = new ConcurrentHashMap<>();

  /** The violations of {@code instance} against {@code schema}; empty when it conforms. */
  public List<String> violations(JsonNode schema, JsonNode instance) {
    Schema checker = compiled.computeIfAbsent(schema, registry::getSchema);
    return checker.validate(instance).stream().map(SchemaValidator::describe).toList();
  }

  private static String describe(Error error) {
    return error.toString();
  }
}
