package dev.steward.workflows.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionHashTest {

  @Test
  void writesSortedKeysWithoutWhitespace() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("z", 1);
    payload.put("a", List.of(true, "x"));
    payload.put("m", null);
    payload.put("n", Map.of("b", 2, "a", 1));

    assertThat(ActionHash.canonicalJson(payload))
        .isEqualTo("{\"a\":[true,\"x\"],\"m\":null,\"n\":{\"a\":1,\"b\":2},\"z\":1}");
  }

  @Test
  void sameValueHasOneFormWhateverTheNumberType() {
    assertThat(List.of(250, 250L, 250.0, 250.0f, new BigDecimal("250.00")))
        .extracting(ActionHash::canonicalJson)
        .containsOnly("250");
    assertThat(ActionHash.canonicalJson(149.9)).isEqualTo("149.9");
    assertThat(ActionHash.canonicalJson(0.1f)).isEqualTo("0.1");
    assertThat(ActionHash.canonicalJson(-0.0)).isEqualTo("0");
    assertThat(ActionHash.canonicalJson(1e21)).isEqualTo("1000000000000000000000");
  }

  @Test
  void escapesStringsMinimally() {
    assertThat(ActionHash.canonicalJson("a\"b\\c\nd\u0001é"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
  }

  @Test
  void hashIsStableAcrossMapOrderAndNumberTypes() {
    Map<String, Object> one = new HashMap<>();
    one.put("refundAmount", 149.9);
    one.put("decision", "refund");
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("decision", "refund");
    other.put("refundAmount", new BigDecimal("149.90"));

    assertThat(ActionHash.of("issue-refund", one))
        .isEqualTo(ActionHash.of("issue-refund", other))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void hashChangesWithKindOrPayload() {
    Map<String, Object> payload = Map.of("refundAmount", 100);

    assertThat(ActionHash.of("issue-refund", payload))
        .isNotEqualTo(ActionHash.of("issue-credit", payload))
        .isNotEqualTo(ActionHash.of("issue-refund", Map.of("refundAmount", 101)));
  }

  @Test
  void knownVector() {
    // sha256 of {"kind":"k","payload":{"a":1}}
    assertThat(ActionHash.of("k", Map.of("a", 1)))
        .isEqualTo(sha256Hex("{\"kind\":\"k\",\"payload\":{\"a\":1}}"));
  }

  @Test
  void refusesValuesJsonCannotCarry() {
    assertThatThrownBy(() -> ActionHash.canonicalJson(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ActionHash.canonicalJson(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ActionHash.canonicalJson(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ActionHash.canonicalJson(Arrays.asList("a", null))).isEqualTo("[\"a\",null]");
  }

  private static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
