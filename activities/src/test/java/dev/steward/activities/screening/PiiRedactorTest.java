package dev.steward.activities.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {

  private final PiiRedactor redactor = new ScreeningProperties(null, null).pii().redactor();

  private String redact(String text) {
    return (String) redactor.redact(Map.of("t", text)).input().get("t");
  }

  @Test
  void replacesEmailAddresses() {
    PiiRedactor.Redaction r = redactor.redact(Map.of("q", "Write to jane.doe+shop@example.co.uk."));

    assertThat(r.input()).containsEntry("q", "Write to [EMAIL_1].");
    assertThat(r.values()).containsEntry("[EMAIL_1]", "jane.doe+shop@example.co.uk");
    assertThat(r.kinds()).containsExactly("EMAIL");
  }

  @Test
  void replacesPhoneNumbersInInternationalUsAndEuropeanFormats() {
    assertThat(redact("call +44 20 7946 0958 today")).isEqualTo("call [PHONE_1] today");
    assertThat(redact("my cell is (415) 555-2671")).isEqualTo("my cell is [PHONE_1]");
    assertThat(redact("Festnetz 030 12345678 bitte")).isEqualTo("Festnetz [PHONE_1] bitte");
    assertThat(redact("tel. +33 1 42 68 53 00")).isEqualTo("tel. [PHONE_1]");
  }

  @Test
  void leavesOrderIdsAmountsAndDatesAlone() {
    String text = "Order LG-20020020 of 2024-03-15, total 149.90, 2 items, delivered in 3 days";
    assertThat(redact(text)).isEqualTo(text);
  }

  @Test
  void replacesCardNumbersThatPassLuhnOnly() {
    assertThat(redact("card 4111 1111 1111 1111 please")).isEqualTo("card [CARD_1] please");
    assertThat(redact("card 5500-0000-0000-0004")).isEqualTo("card [CARD_1]");
    // One digit off: fails the Luhn check, so it is just a number.
    assertThat(redact("tracking 4111 1111 1111 1112")).isEqualTo("tracking 4111 1111 1111 1112");
    assertThat(redact("ref 1234567890123456")).isEqualTo("ref 1234567890123456");
  }

  @Test
  void replacesIbansThatPassMod97Only() {
    assertThat(redact("IBAN DE89 3704 0044 0532 0130 00 thanks")).isEqualTo("IBAN [IBAN_1] thanks");
    assertThat(redact("to GB29NWBK60161331926819.")).isEqualTo("to [IBAN_1].");
    // Check digits changed: not an IBAN.
    assertThat(redact("IBAN DE88 3704 0044 0532 0130 00 thanks")).doesNotContain("[IBAN_");
  }

  @Test
  void replacesConfiguredNationalIds() {
    assertThat(redact("SSN 123-45-6789")).isEqualTo("SSN [US_SSN_1]");
    PiiRedactor custom =
        new PiiRedactor(
            List.of(PiiRedactor.NationalId.of("FR_INSEE", "\\b[12]\\d{12}(\\d{2})?\\b")),
            List.of("FR"));
    assertThat(custom.redact(Map.of("t", "numéro 185057800608491")).input())
        .containsEntry("t", "numéro [FR_INSEE_1]");
  }

  @Test
  void givesTheSameValueTheSamePlaceholderEverywhereInTheInput() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("question", "Is a@example.com or b@example.com on file?");
    input.put(
        "contacts",
        List.of(Map.of("email", "A@example.com"), Map.of("card", "4111-1111-1111-1111")));
    input.put("amount", 12.5);

    PiiRedactor.Redaction r = redactor.redact(input);

    assertThat(r.input().get("question")).isEqualTo("Is [EMAIL_1] or [EMAIL_2] on file?");
    assertThat(r.input().get("contacts"))
        .isEqualTo(List.of(Map.of("email", "[EMAIL_1]"), Map.of("card", "[CARD_1]")));
    assertThat(r.input().get("amount")).isEqualTo(12.5);
    assertThat(r.values())
        .containsOnlyKeys("[EMAIL_1]", "[EMAIL_2]", "[CARD_1]")
        .containsEntry("[CARD_1]", "4111-1111-1111-1111");
    assertThat(r.kinds()).containsExactly("EMAIL", "CARD");
    assertThat(redactor.redact(input)).isEqualTo(r);
  }

  @Test
  void findsNothingInOrdinaryText() {
    PiiRedactor.Redaction r =
        redactor.redact(Map.of("q", "How long does a refund take after I send an item back?"));
    assertThat(r.found()).isFalse();
    assertThat(r.kinds()).isEmpty();
  }
}
