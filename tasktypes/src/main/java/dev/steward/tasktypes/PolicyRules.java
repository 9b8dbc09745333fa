package dev.steward.tasktypes;

import dev.steward.tasktypes.TaskTypeDefinition.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.Elvis;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.InlineList;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.NullLiteral;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpDivide;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpModulus;
import org.springframework.expression.spel.ast.OpMultiply;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorBetween;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.Ternary;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import tools.jackson.databind.JsonNode;

/**
 * A task type's policy rules, compiled once when the registry loads and checked on every draft.
 * Rules are SpEL limited to reading {@code output.<field>} and {@code input.<field>}, literals,
 * comparisons, arithmetic and boolean logic: anything else (type references, method or constructor
 * calls, bean references, variables, assignment, regular expressions) is refused at load, and
 * evaluation runs in a read-only {@link SimpleEvaluationContext} over plain maps as a second line.
 */
public final class PolicyRules {

  public static final String OUTPUT = "output";
  public static final String INPUT = "input";

  private static final SpelExpressionParser PARSER = new SpelExpressionParser();

  /** The AST nodes a rule may contain; everything else is refused when the rule is compiled. */
  private static final Set<Class<? extends SpelNode>> ALLOWED_NODES =
      Set.of(
          CompoundExpression.class,
          PropertyOrFieldReference.class,
          IntLiteral.class,
          LongLiteral.class,
          RealLiteral.class,
          FloatLiteral.class,
          StringLiteral.class,
          BooleanLiteral.class,
          NullLiteral.class,
          InlineList.class,
          OpEQ.class,
          OpNE.class,
          OpLT.class,
          OpLE.class,
          OpGT.class,
          OpGE.class,
          OperatorBetween.class,
          OpAnd.class,
          OpOr.class,
          OperatorNot.class,
          OpPlus.class,
          OpMinus.class,
          OpMultiply.class,
          OpDivide.class,
          OpModulus.class,
          Ternary.class,
          Elvis.class);

  private static final PolicyRules NONE = new PolicyRules(List.of());

  private final List<CompiledRule> rules;

  private PolicyRules(List<CompiledRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** No rules at all. */
  public static PolicyRules none() {
    return NONE;
  }

  /**
   * Compiles the task type's rules, refusing any that do not parse, use more of SpEL than a rule
   * may, or read a field its schemas do not define.
   *
   * @throws IllegalArgumentException naming the task type, the rule and what is wrong with it
   */
  public static PolicyRules compile(TaskTypeDefinition type) {
    return compile(type.name(), type.validation().rules(), type.inputSchema(), type.outputSchema());
  }

  /**
   * As {@link #compile(TaskTypeDefinition)}, from the parts of a task type that rules depend on.
   */
  static PolicyRules compile(
      String typeName, List<Rule> rules, JsonNode inputSchema, JsonNode outputSchema) {
    List<CompiledRule> compiled = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      String where = "task type '" + typeName + "', rule '" + rule.name() + "'";
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException(where + ": another rule has the same name");
      }
      try {
        SpelExpression expression = (SpelExpression) PARSER.parseExpression(rule.expression());
        Set<String> reads = new LinkedHashSet<>();
        vet(expression.getAST(), reads, inputSchema, outputSchema);
        compiled.add(new CompiledRule(rule, expression, List.copyOf(reads)));
      } catch (ParseException e) {
        throw new IllegalArgumentException(
            where + ": cannot parse '" + rule.expression() + "': " + e.getSimpleMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return compiled.isEmpty() ? NONE : new PolicyRules(compiled);
  }

  /** Refuses nodes outside {@link #ALLOWED_NODES} and records the fields the rule reads. */
  private static void vet(
      SpelNode node, Set<String> reads, JsonNode inputSchema, JsonNode outputSchema) {
    if (!ALLOWED_NODES.contains(node.getClass())) {
      throw new IllegalArgumentException(
          "'"
              + node.toStringAST()
              + "' is not allowed in a rule: rules may only compare and combine"
              + " output.<field>, input.<field> and literals");
    }
    if (node instanceof CompoundExpression) {
      reads.add(fieldPath(node, inputSchema, outputSchema));
      return;
    }
    if (node instanceof PropertyOrFieldReference ref) {
      throw new IllegalArgumentException(
          "'"
              + ref.getName()
              + "' must be written output."
              + ref.getName()
              + " or input."
              + ref.getName());
    }
    for (int i = 0; i < node.getChildCount(); i++) {
      vet(node.getChild(i), reads, inputSchema, outputSchema);
    }
  }

  /**
   * {@code output.field} or {@code input.field} (deeper paths allowed), checked against schemas.
   */
  private static String fieldPath(SpelNode compound, JsonNode inputSchema, JsonNode outputSchema) {
    List<String> path = new ArrayList<>();
    for (int i = 0; i < compound.getChildCount(); i++) {
      if (!(compound.getChild(i) instanceof PropertyOrFieldReference ref)) {
        throw new IllegalArgumentException(
            "'"
                + compound.toStringAST()
                + "' is not allowed in a rule: only field paths may be dotted");
      }
      path.add(ref.getName());
    }
    String root = path.getFirst();
    if (!root.equals(OUTPUT) && !root.equals(INPUT)) {
      throw new IllegalArgumentException(
          "'" + String.join(".", path) + "' must start with output. or input.");
    }
    JsonNode properties = (root.equals(OUTPUT) ? outputSchema : inputSchema).path("properties");
    if (properties.isObject() && !properties.has(path.get(1))) {
      throw new IllegalArgumentException(
          "reads "
              + root
              + "."
              + path.get(1)
              + ", which the "
              + root
              + " schema does not define (it has "
              + new TreeSet<>(properties.propertyNames())
              + ")");
    }
    return root + "." + path.get(1);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The names of the rules, in their declared order. */
  public List<String> names() {
    return rules.stream().map(r -> r.rule().name()).toList();
  }

  /**
   * Checks every rule against a draft. With no input at hand ({@code input == null}), rules that
   * read the input are not checked but listed as such.
   */
  public Outcome check(Map<String, Object> output, Map<String, Object> input) {
    Map<String, Object> root = new HashMap<>();
    root.put(OUTPUT, output);
    root.put(INPUT, input);
    EvaluationContext context =
        SimpleEvaluationContext.forPropertyAccessors(new MapAccessor(false))
            .withAssignmentDisabled()
            .withRootObject(root)
            .build();
    List<Violation> violations = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    for (CompiledRule compiled : rules) {
      Rule rule = compiled.rule();
      if (input == null && compiled.reads().stream().anyMatch(f -> f.startsWith(INPUT + "."))) {
        unchecked.add(rule.name());
        continue;
      }
      List<String> missing =
          compiled.reads().stream().filter(f -> valueOf(f, output, input) == null).toList();
      if (!missing.isEmpty()) {
        violations.add(
            new Violation(
                rule.name(), rule.message() + " (cannot be checked: " + missing + " missing)"));
        continue;
      }
      try {
        if (!Boolean.TRUE.equals(compiled.expression().getValue(context, Boolean.class))) {
          violations.add(
              new Violation(rule.name(), rule.message() + values(compiled, output, input)));
        }
      } catch (EvaluationException e) {
        violations.add(
            new Violation(
                rule.name(),
                rule.message() + " (cannot be checked: " + e.getSimpleMessage() + ")"));
      }
    }
    return new Outcome(violations, unchecked);
  }

  /** The values the rule read, so that a model sees why it failed: " (output.x = 1, ...)". */
  private static String values(
      CompiledRule rule, Map<String, Object> output, Map<String, Object> input) {
    List<String> parts = new ArrayList<>();
    for (String field : rule.reads()) {
      parts.add(field + " = " + valueOf(field, output, input));
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static Object valueOf(
      String field, Map<String, Object> output, Map<String, Object> input) {
    Map<String, Object> source = field.startsWith(OUTPUT + ".") ? output : input;
    return source == null ? null : source.get(field.substring(field.indexOf('.') + 1));
  }

  /** A broken rule: its name and the message, with the values it read, for the model. */
  public record Violation(String rule, String message) {}

  /**
   * @param violations the rules the draft breaks
   * @param unchecked names of rules not checked because they read an input that was not given
   */
  public record Outcome(List<Violation> violations, List<String> unchecked) {}

  private record CompiledRule(Rule rule, SpelExpression expression, List<String> reads) {}
}
