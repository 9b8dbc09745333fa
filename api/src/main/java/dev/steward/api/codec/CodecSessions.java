package dev.steward.api.codec;

import dev.steward.api.security.StewardPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseCookie;

/**
 * Codec sign-ins: a cookie the browser sends with the Temporal UI's calls to {@code /codec}, since
 * the UI cannot send an API key. The cookie is self-contained (who, which tenant, until when,
 * signed with HMAC-SHA256), so the API stays without server-side sessions.
 */
final class CodecSessions {

  static final String COOKIE = "steward_codec_session";
  static final String COOKIE_PATH = "/codec";

  private static final String MAC = "HmacSHA256";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Duration ttl;
  private final Clock clock;

  CodecSessions(byte[] key, Duration ttl, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException(
          "steward.codec.server.session-key must be at least 32 bytes (base64-encoded)");
    }
    this.key = new SecretKeySpec(key.clone(), MAC);
    this.ttl = ttl;
    this.clock = clock;
  }

  static CodecSessions from(CodecServerProperties properties, Clock clock) {
    byte[] key;
    if (properties.sessionKey() == null) {
      key = new byte[32];
      new SecureRandom().nextBytes(key);
    } else {
      try {
        key = Base64.getDecoder().decode(properties.sessionKey());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("steward.codec.server.session-key is not base64");
      }
    }
    return new CodecSessions(key, properties.sessionTtl(), clock);
  }

  /** A signed-in engineer's session. */
  record Session(String token, Instant expiresAt) {}

  Session issue(StewardPrincipal principal) {
    Instant expiresAt = clock.instant().plus(ttl);
    String claims =
        encode(principal.name())
            + "."
            + encode(principal.tenant())
            + "."
            + expiresAt.getEpochSecond();
    return new Session(claims + "." + B64.encodeToString(sign(claims)), expiresAt);
  }

  /**
   * The principal a valid, unexpired token stands for, with the engineer role only: whatever else
   * the engineer may do needs their key or token, never this cookie.
   */
  Optional<StewardPrincipal> verify(String token) {
    int lastDot = token == null ? -1 : token.lastIndexOf('.');
    if (lastDot < 0) {
      return Optional.empty();
    }
    String claims = token.substring(0, lastDot);
    byte[] presented;
    try {
      presented = UNB64.decode(token.substring(lastDot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(sign(claims), presented)) {
      return Optional.empty();
    }
    String[] parts = claims.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
      if (!clock.instant().isBefore(expiresAt)) {
        return Optional.empty();
      }
      return Optional.of(
          new StewardPrincipal(
              decode(parts[0]), decode(parts[1]), Set.of(StewardPrincipal.ENGINEER)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * HttpOnly (no script reads it), SameSite=Strict (no other site's page makes the browser send it;
   * the Temporal UI on another port of the same host is the same site) and scoped to {@code
   * /codec}, where only the codec endpoints accept it.
   */
  ResponseCookie cookie(Session session, boolean secure) {
    return base(session.token(), secure).maxAge(ttl).build();
  }

  ResponseCookie cleared(boolean secure) {
    return base("", secure).maxAge(Duration.ZERO).build();
  }

  private static ResponseCookie.ResponseCookieBuilder base(String value, boolean secure) {
    return ResponseCookie.from(COOKIE, value)
        .httpOnly(true)
        .secure(secure)
        .sameSite("Strict")
        .path(COOKIE_PATH);
  }

  private byte[] sign(String claims) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(key);
      return mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has " + MAC, e);
    }
  }

  private static String encode(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String text) {
    return new String(UNB64.decode(text), StandardCharsets.UTF_8);
  }
}
