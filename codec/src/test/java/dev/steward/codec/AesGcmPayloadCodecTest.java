package dev.steward.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodecException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  private static final DataConverter JSON = DefaultDataConverter.newDefaultInstance();
  private static final String SECRET = "Refund for jane.doe@example.com, order LG-20020020";

  private final byte[] k1 = randomKey();
  private final byte[] k2 = randomKey();

  @Test
  void decodesWhatItEncodedAndHidesThePlaintext() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", k1), "k1");
    Payload plain = json(Map.of("question", SECRET));

    Payload encrypted = codec.encode(List.of(plain)).getFirst();

    assertThat(metadata(encrypted, EncodingKeys.METADATA_ENCODING_KEY))
        .isEqualTo(AesGcmPayloadCodec.ENCODING);
    assertThat(metadata(encrypted, AesGcmPayloadCodec.KEY_ID)).isEqualTo("k1");
    assertThat(encrypted.toByteString().toStringUtf8()).doesNotContain("jane.doe", "LG-2002");
    // The original encoding is inside the ciphertext, not beside it.
    assertThat(encrypted.getMetadataMap())
        .doesNotContainValue(ByteString.copyFromUtf8("json/plain"));
    assertThat(codec.decode(List.of(encrypted))).containsExactly(plain);
  }

  @Test
  void encryptsTheSamePayloadDifferentlyEachTime() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", k1), "k1");
    Payload plain = json(SECRET);

    List<Payload> twice = codec.encode(List.of(plain, plain));

    // A fresh nonce per payload: equal plaintexts must not be recognisable as equal.
    assertThat(twice.get(0).getData()).isNotEqualTo(twice.get(1).getData());
    assertThat(codec.decode(twice)).containsExactly(plain, plain);
  }

  @Test
  void detectsAnAlteredCiphertext() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", k1), "k1");
    Payload encrypted = codec.encode(List.of(json(SECRET))).getFirst();
    byte[] data = encrypted.getData().toByteArray();
    data[data.length - 20] ^= 0x01;
    Payload altered = encrypted.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(altered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void detectsAPayloadRelabelledWithAnotherKeyId() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", k1, "k2", k2), "k1");
    Payload encrypted = codec.encode(List.of(json(SECRET))).getFirst();
    Payload relabelled =
        encrypted.toBuilder()
            .putMetadata(AesGcmPayloadCodec.KEY_ID, ByteString.copyFromUtf8("k2"))
            .build();

    assertThatThrownBy(() -> codec.decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("'k2' failed authentication");
  }

  @Test
  void keepsDecodingOldPayloadsAfterARotation() {
    Payload plain = json(SECRET);
    Payload underK1 = codec(Map.of("k1", k1), "k1").encode(List.of(plain)).getFirst();

    Map<String, byte[]> rotated = new LinkedHashMap<>();
    rotated.put("k1", k1);
    rotated.put("k2", k2);
    AesGcmPayloadCodec afterRotation = codec(rotated, "k2");
    Payload underK2 = afterRotation.encode(List.of(plain)).getFirst();

    assertThat(metadata(underK2, AesGcmPayloadCodec.KEY_ID)).isEqualTo("k2");
    assertThat(afterRotation.decode(List.of(underK1, underK2))).containsExactly(plain, plain);
    // Once k1 is retired, its payloads fail clearly instead of decoding to garbage.
    assertThatThrownBy(() -> codec(Map.of("k2", k2), "k2").decode(List.of(underK1)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key 'k1', which is not configured (configured: k2)")
        .hasMessageContaining("steward.codec.keys.k1");
  }

  @Test
  void refusesAKeyWithTheRightIdButOtherBytes() {
    Payload underK1 = codec(Map.of("k1", k1), "k1").encode(List.of(json(SECRET))).getFirst();

    assertThatThrownBy(() -> codec(Map.of("k1", k2), "k1").decode(List.of(underK1)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void passesPayloadsWrittenBeforeEncryptionThroughUnchanged() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", k1), "k1");
    Payload plain = json(Map.of("question", SECRET));
    Payload empty = Payload.getDefaultInstance();

    assertThat(codec.decode(List.of(plain, empty))).containsExactly(plain, empty);
    assertThat(AesGcmPayloadCodec.isEncrypted(plain)).isFalse();
  }

  @Test
  void refusesATruncatedPayload() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", k1), "k1");
    Payload encrypted = codec.encode(List.of(json(SECRET))).getFirst();
    Payload truncated = encrypted.toBuilder().setData(encrypted.getData().substring(0, 10)).build();

    assertThatThrownBy(() -> codec.decode(List.of(truncated)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void refusesKeysThatAreNotAes256() {
    assertThatThrownBy(() -> CodecKeys.of(Map.of("short", new byte[16]), "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be 256 bits");
    assertThatThrownBy(() -> CodecKeys.of(Map.of("k1", k1), "k9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k9' is not among the configured keys [k1]");
    assertThatThrownBy(() -> CodecKeys.of(Map.of("a b", k1), "a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key id 'a b'");
  }

  private static AesGcmPayloadCodec codec(Map<String, byte[]> keys, String active) {
    return new AesGcmPayloadCodec(CodecKeys.of(keys, active));
  }

  private static Payload json(Object value) {
    return JSON.toPayload(value).orElseThrow();
  }

  private static String metadata(Payload payload, String key) {
    return payload.getMetadataMap().get(key).toStringUtf8();
  }

  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
