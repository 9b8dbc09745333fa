package dev.steward.activities.screening;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * Replaces personal data in a task's input with placeholders such as {@code [EMAIL_1]}, so that no
 * model sees it: e-mail addresses, phone numbers, payment card numbers (Luhn-checked), IBANs
 * (mod-97-checked) and the national ids a deployment configures. Within one input the same value
 * always gets the same placeholder.
 */
public final class PiiRedactor {

  /** A national id format a deployment redacts, such as {@code US_SSN}. */
  public record NationalId(String name, Pattern pattern) {

    public NationalId {
      if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
        throw new IllegalArgumentException(
            "a national id name is upper case letters, digits and _: " + name);
      }
    }

    public static NationalId of(String name, String regex) {
      return new NationalId(name, Pattern.compile(regex));
    }
  }

  /**
   * The redacted input, each placeholder's original value, and the kinds of data found (in order of
   * first appearance).
   */
  public record Redaction(
      Map<String, Object> input, Map<String, String> values, List<String> kinds) {

    public boolean found() {
      return !values.isEmpty();
    }
  }

  private static final Pattern EMAIL =
      Pattern.compile(
          "[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");

  /** 13 to 19 digits, single spaces or dashes allowed between them, not inside a longer run. */
  private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d])");

  /** A country code, two check digits, then letters and digits, maybe in groups of four. */
  private static final Pattern IBAN =
      Pattern.compile("(?<![\\p{L}\\d])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,30}");

  private static final CreditCardValidator CARDS =
      CreditCardValidator.genericCreditCardValidator(13, 19);

  private final List<NationalId> nationalIds;
  private final List<String> phoneRegions;
  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

  /**
   * @param phoneRegions ISO 3166 regions whose national phone formats (without {@code +country})
   *     are recognised; international numbers are recognised whatever the list
   */
  public PiiRedactor(List<NationalId> nationalIds, List<String> phoneRegions) {
    this.nationalIds = List.copyOf(nationalIds);
    this.phoneRegions = phoneRegions.isEmpty() ? List.of("US") : List.copyOf(phoneRegions);
  }

  /** Every string in {@code input}, at any depth, with its personal data replaced. */
  public Redaction redact(Map<String, Object> input) {
    Placeholders placeholders = new Placeholders();
    @SuppressWarnings("unchecked")
    Map<String, Object> redacted = (Map<String, Object>) redactValue(input, placeholders);
    return new Redaction(
        redacted, Map.copyOf(placeholders.values), List.copyOf(placeholders.kinds));
  }

  private Object redactValue(Object value, Placeholders placeholders) {
    if (value instanceof String text) {
      return redactText(text, placeholders);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), redactValue(v, placeholders)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(redactValue(v, placeholders)));
      return out;
    }
    return value;
  }

  /** Detectors run in turn, each over the previous one's output, most specific first. */
  String redactText(String text, Placeholders placeholders) {
    String out = replace(text, EMAIL, "EMAIL", placeholders, PiiRedactor::email);
    out = replace(out, IBAN, "IBAN", placeholders, PiiRedactor::iban);
    out = replace(out, CARD, "CARD", placeholders, PiiRedactor::card);
    for (NationalId id : nationalIds) {
      out = replace(out, id.pattern(), id.name(), placeholders, PiiRedactor::nationalId);
    }
    return redactPhones(out, placeholders);
  }

  /**
   * A candidate that is the real thing: its normalised form (which decides whether two spellings
   * are the same value) and where it ends in the text, since a check may accept only a prefix.
   */
  private record Hit(String key, int end) {}

  /** The hit a candidate match is, or null when it is not one. */
  private interface Check {
    Hit check(Matcher candidate);
  }

  private static String replace(
      String text, Pattern pattern, String kind, Placeholders placeholders, Check check) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      Hit hit = check.check(m);
      if (hit == null) {
        continue;
      }
      out.append(text, last, m.start())
          .append(placeholders.of(kind, hit.key(), text.substring(m.start(), hit.end())));
      last = hit.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  private static Hit email(Matcher m) {
    String candidate = m.group();
    return EmailValidator.getInstance().isValid(candidate)
        ? new Hit(candidate.toLowerCase(Locale.ROOT), m.end())
        : null;
  }

  private static Hit card(Matcher m) {
    String digits = m.group().replaceAll("[ -]", "");
    return CARDS.isValid(digits) ? new Hit(digits, m.end()) : null;
  }

  private static Hit nationalId(Matcher m) {
    return new Hit(m.group(), m.end());
  }

  /**
   * The candidate may run on into the next word ({@code DE89...3000 ABCD}); the country's IBAN
   * length says where it ends.
   */
  private static Hit iban(Matcher m) {
    String raw = m.group();
    IBANValidator.Validator format =
        IBANValidator.getInstance().getValidator(raw.substring(0, 2).toUpperCase(Locale.ROOT));
    if (format == null) {
      return null;
    }
    StringBuilder iban = new StringBuilder();
    int i = 0;
    for (; i < raw.length() && iban.length() < format.getIbanLength(); i++) {
      if (raw.charAt(i) != ' ') {
        iban.append(Character.toUpperCase(raw.charAt(i)));
      }
    }
    boolean endsAtWordBoundary = i == raw.length() || raw.charAt(i) == ' ';
    return endsAtWordBoundary && IBANValidator.getInstance().isValid(iban.toString())
        ? new Hit(iban.toString(), m.start() + i)
        : null;
  }

  private String redactPhones(String text, Placeholders placeholders) {
    String out = text;
    for (String region : phoneRegions) {
      StringBuilder next = new StringBuilder();
      int last = 0;
      for (PhoneNumberMatch match :
          phones.findNumbers(out, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        String key = phones.format(match.number(), PhoneNumberFormat.E164);
        next.append(out, last, match.start())
            .append(placeholders.of("PHONE", key, match.rawString()));
        last = match.end();
      }
      out = next.append(out, last, out.length()).toString();
    }
    return out;
  }

  /** The placeholders of one input: numbered per kind, in order of first appearance. */
  static final class Placeholders {

    private final Map<String, Map<String, String>> byKind = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> kinds = new LinkedHashSet<>();

    String of(String kind, String key, String original) {
      Map<String, String> ofKind = byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>());
      return ofKind.computeIfAbsent(
          key,
          k -> {
            String placeholder = "[" + kind + "_" + (ofKind.size() + 1) + "]";
            values.put(placeholder, original);
            kinds.add(kind);
            return placeholder;
          });
    }
  }
}
