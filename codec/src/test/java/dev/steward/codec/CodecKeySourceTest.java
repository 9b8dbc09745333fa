package dev.steward.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecKeySourceTest {

  @TempDir Path dir;

  @Test
  void generatesAKeyOnFirstStartReadableByItsOwnerOnlyAndKeepsIt() throws Exception {
    Path file = dir.resolve("codec").resolve("payload-key.properties");

    CodecKeys first = CodecKeySource.load(properties(Map.of(), null), file);
    CodecKeys second = CodecKeySource.load(properties(Map.of(), null), file);

    assertThat(first.activeId()).startsWith("local-").isEqualTo(second.activeId());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    Payload sealed = new AesGcmPayloadCodec(first).encode(List.of(payload())).getFirst();
    assertThat(new AesGcmPayloadCodec(second).decode(List.of(sealed))).containsExactly(payload());
  }

  @Test
  void configuredKeysTakeOverAndTheGeneratedOneStillDecrypts() {
    Path file = dir.resolve("payload-key.properties");
    CodecKeys generated = CodecKeySource.load(properties(Map.of(), null), file);
    Payload oldPayload = new AesGcmPayloadCodec(generated).encode(List.of(payload())).getFirst();

    CodecKeys configured =
        CodecKeySource.load(properties(Map.of("prod1", base64Key()), null), file);

    assertThat(configured.activeId()).isEqualTo("prod1");
    assertThat(configured.ids()).containsExactlyInAnyOrder("prod1", generated.activeId());
    assertThat(new AesGcmPayloadCodec(configured).decode(List.of(oldPayload)))
        .containsExactly(payload());
  }

  @Test
  void withoutKeysOrADataDirRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> CodecKeySource.load(properties(Map.of(), null), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("steward.codec.keys.<id>")
        .hasMessageContaining("steward.codec.enabled=false");
  }

  @Test
  void severalKeysNeedAnActiveOne() {
    Map<String, String> two = Map.of("a", base64Key(), "b", base64Key());

    assertThatThrownBy(() -> CodecKeySource.load(properties(two, null), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("steward.codec.active-key");
    assertThat(CodecKeySource.load(properties(two, "b"), null).activeId()).isEqualTo("b");
  }

  @Test
  void aKeyThatIsNotBase64IsNamedButNeverQuoted() {
    assertThatThrownBy(
            () -> CodecKeySource.load(properties(Map.of("k1", "not*base64!"), null), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steward.codec.keys.k1")
        .hasMessageNotContaining("not*base64!");
  }

  private static CodecProperties properties(Map<String, String> keys, String active) {
    return new CodecProperties(true, keys, active, true, null);
  }

  private static String base64Key() {
    return Base64.getEncoder().encodeToString(AesGcmPayloadCodecTest.randomKey());
  }

  private static Payload payload() {
    return DefaultDataConverter.newDefaultInstance()
        .toPayload("a customer's question")
        .orElseThrow();
  }
}
