package dev.steward.api.prompt;

import dev.steward.tasktypes.TaskTypeDefinition;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{variable}}} names a template uses and the ones a task type can fill: its input
 * schema's properties and {@code passages}, as the reasoning step renders them.
 */
final class TemplateVariables {

  /** The numbered list of retrieved passages that every prompt may show. */
  static final String PASSAGES = "passages";

  /** LangChain4j's own variable syntax: anything between double braces, trimmed. */
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");

  private TemplateVariables() {}

  /** The variables {@code template} names, sorted. */
  static Set<String> used(String template) {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(template);
    while (m.find()) {
      names.add(m.group(1).trim());
    }
    return names;
  }

  /**
   * The variables every one of {@code types} can fill, sorted: a prompt shared by several task
   * types may only use what all of them have.
   */
  static Set<String> allowed(Collection<TaskTypeDefinition> types) {
    Set<String> allowed = null;
    for (TaskTypeDefinition type : types) {
      Set<String> own = new TreeSet<>(type.inputSchema().path("properties").propertyNames());
      own.add(PASSAGES);
      if (allowed == null) {
        allowed = own;
      } else {
        allowed.retainAll(own);
      }
    }
    return allowed == null ? Set.of() : allowed;
  }
}
