package dev.steward.workflows.task;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a proposed action: SHA-256 (lower-case hex) of the canonical JSON of {@code
 * {"kind": ..., "payload": ...}}. An approver quotes it with a decision, so an approval always
 * names the exact action it allows.
 *
 * <p>Canonical JSON here: object keys sorted by their UTF-16 code units (as RFC 8785 does), no
 * whitespace, strings escaped minimally, and numbers written so that the same value has one form
 * whatever Java type carried it ({@code 250}, {@code 250L} and {@code 250.0} all read {@code 250}).
 * It is pure computation, so it is safe in workflow code and gives the same hash on replay.
 */
public final class ActionHash {

  private ActionHash() {}

  /** The hash of an action of {@code kind} with {@code payload}. */
  public static String of(String kind, Map<String, Object> payload) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("kind", kind);
    action.put("payload", payload);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalJson(action).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The canonical JSON of a value made of maps (with string keys), lists, strings, numbers,
   * booleans and nulls, as JSON payloads deserialize.
   *
   * @throws IllegalArgumentException for any other type, or a non-finite number
   */
  public static String canonicalJson(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case Boolean bool -> out.append(bool);
      case CharSequence text -> string(text.toString(), out);
      case Number number -> out.append(number(number));
      case Map<?, ?> map -> object(map, out);
      case Collection<?> list -> array(list, out);
      case Object[] array -> array(Arrays.asList(array), out);
      default ->
          throw new IllegalArgumentException(
              "cannot hash a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings: " + entry.getKey());
      }
      sorted.put(key, entry.getValue());
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(entry.getKey(), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void array(Collection<?> list, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(item, out);
    }
    out.append(']');
  }

  /** Integral values as integers, others as the shortest plain decimal; no exponent, no "-0". */
  static String number(Number number) {
    BigDecimal decimal =
        switch (number) {
          case Integer i -> BigDecimal.valueOf(i);
          case Long l -> BigDecimal.valueOf(l);
          case Short s -> BigDecimal.valueOf(s);
          case Byte b -> BigDecimal.valueOf(b);
          case BigInteger big -> new BigDecimal(big);
          case BigDecimal big -> big;
          default -> {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
              throw new IllegalArgumentException("JSON has no form for " + d);
            }
            // Float and Double through their shortest decimal string, so 0.1f reads 0.1.
            yield new BigDecimal(
                number instanceof Float f ? Float.toString(f) : Double.toString(d));
          }
        };
    if (decimal.signum() == 0) {
      return "0";
    }
    return decimal.stripTrailingZeros().toPlainString();
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
