package dev.steward.activities.screening;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Input screening settings ({@code steward.screening.*}).
 *
 * @param injectionThreshold similarity to a known attack pattern from which input is blocked, for
 *     task types that set no {@code screening.injectionThreshold} of their own
 */
@ConfigurationProperties("steward.screening")
public record ScreeningProperties(Double injectionThreshold, Pii pii) {

  /**
   * Chosen from the threshold sweep of {@code ./steward bench InjectionScreenBench} on the shared
   * injection dev set: a little above the best trade-off there, since business requests should
   * almost never be blocked.
   */
  public static final double DEFAULT_INJECTION_THRESHOLD = 0.45;

  public ScreeningProperties {
    injectionThreshold =
        injectionThreshold == null ? DEFAULT_INJECTION_THRESHOLD : injectionThreshold;
    pii = pii == null ? new Pii(null, null) : pii;
  }

  /**
   * @param nationalIds the national id formats to redact, each a name (used in placeholders, such
   *     as {@code [US_SSN_1]}) and a Java regex; defaults to US social security numbers and UK
   *     national insurance numbers
   * @param phoneRegions regions whose national phone number formats are recognised (numbers written
   *     with {@code +country} are recognised in any case)
   */
  public record Pii(List<NationalIdFormat> nationalIds, List<String> phoneRegions) {

    public Pii {
      nationalIds =
          nationalIds == null
              ? List.of(
                  new NationalIdFormat("US_SSN", "\\b\\d{3}-\\d{2}-\\d{4}\\b"),
                  new NationalIdFormat(
                      "UK_NINO", "\\b[A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b"))
              : List.copyOf(nationalIds);
      phoneRegions = phoneRegions == null ? List.of("US", "GB", "DE", "FR") : phoneRegions;
    }

    public PiiRedactor redactor() {
      return new PiiRedactor(
          nationalIds.stream().map(f -> PiiRedactor.NationalId.of(f.name(), f.regex())).toList(),
          phoneRegions);
    }
  }

  /** One {@code steward.screening.pii.national-ids[]} entry. */
  public record NationalIdFormat(String name, String regex) {}
}
