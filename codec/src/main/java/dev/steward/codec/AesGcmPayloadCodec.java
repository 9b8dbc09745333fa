package dev.steward.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload Temporal stores (inputs, results, signals, updates, memos, and failure
 * details when asked to) with AES-256-GCM, so that prompts, answers and personal data never reach
 * the server's database in plaintext.
 *
 * <p>The whole original payload, its metadata included, is the plaintext. The encrypted payload
 * carries {@value #ENCODING} as its encoding and the key's id in {@value #KEY_ID}; its data is a
 * random 96-bit nonce followed by the ciphertext and the 128-bit tag. The key id is authenticated
 * as well, so a payload relabelled with another id fails instead of decrypting under the wrong key.
 * Payloads without this encoding (written before encryption was turned on) decode unchanged.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  /** The encoding of an encrypted payload, as Temporal's codec samples and UI know it. */
  public static final String ENCODING = "binary/encrypted";

  /** The metadata key naming the key a payload was encrypted with. */
  public static final String KEY_ID = "encryption-key-id";

  /** The metadata key naming the cipher, so a later format can be told apart. */
  public static final String CIPHER = "encryption-cipher";

  private static final String CIPHER_NAME = "AES-256-GCM";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final ByteString CIPHER_BYTES = ByteString.copyFromUtf8(CIPHER_NAME);

  private final CodecKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(CodecKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  /** Whether {@code payload} is one this codec encrypted (with any key). */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataMap().get(EncodingKeys.METADATA_ENCODING_KEY));
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.activeId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.active(), nonce, keyId);
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("could not encrypt a payload with key '" + keyId + "'", e);
    }
    ByteBuffer data = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
    return Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_BYTES)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .putMetadata(CIPHER, CIPHER_BYTES)
        .setData(ByteString.copyFrom(data.flip()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!isEncrypted(payload)) {
      return payload;
    }
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    if (id == null) {
      throw new PayloadCodecException(
          "an encrypted payload has no '" + KEY_ID + "' metadata, so its key is unknown");
    }
    String keyId = id.toStringUtf8();
    SecretKey key =
        keys.find(keyId)
            .orElseThrow(() ->
                new PayloadCodecException(
                    "a payload is encrypted with key '"
                        + keyId
                        + "', which is not configured (configured: "
                        + String.join(", ", keys.ids())
                        + "); add it under steward.codec.keys."
                        + keyId));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException(
          "an encrypted payload under key '" + keyId + "' is too short to be one");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, data, keyId);
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return Payload.parseFrom(plain);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "an encrypted payload under key '"
              + keyId
              + "' failed authentication: it was altered, or the key with this id is not the one"
              + " it was encrypted with",
          e);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "could not decrypt a payload under key '" + keyId + "': " + e.getMessage(), e);
    }
  }

  /** {@code nonce} is read from the first twelve bytes of the array. */
  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce, 0, NONCE_BYTES));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
