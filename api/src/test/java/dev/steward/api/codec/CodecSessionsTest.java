package dev.steward.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.security.StewardPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;

class CodecSessionsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final StewardPrincipal CAROL =
      new StewardPrincipal("carol-admin", "acme", Set.of("admin", "engineer"));

  private final byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
  private final CodecSessions sessions = at(NOW);

  @Test
  void aSessionStandsForItsEngineerWithTheEngineerRoleOnly() {
    CodecSessions.Session session = sessions.issue(CAROL);

    assertThat(session.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    // The cookie grants decoding, never what the engineer's key grants besides.
    assertThat(sessions.verify(session.token()))
        .contains(new StewardPrincipal("carol-admin", "acme", Set.of("engineer")));
  }

  @Test
  void expires() {
    String token = sessions.issue(CAROL).token();

    assertThat(at(NOW.plus(Duration.ofMinutes(59))).verify(token)).isPresent();
    assertThat(at(NOW.plus(Duration.ofHours(1))).verify(token)).isEmpty();
  }

  @Test
  void refusesAlteredOrForeignTokens() {
    String token = sessions.issue(CAROL).token();
    String[] parts = token.split("\\.");
    String otherName =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("mallory".getBytes());
    String renamed = otherName + "." + parts[1] + "." + parts[2] + "." + parts[3];
    String extended =
        parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3];
    CodecSessions otherKey =
        new CodecSessions(
            "another key of thirty-two bytes!".getBytes(),
            Duration.ofHours(1),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(sessions.verify(renamed)).isEmpty();
    assertThat(sessions.verify(extended)).isEmpty();
    assertThat(otherKey.verify(token)).isEmpty();
    assertThat(sessions.verify("garbage")).isEmpty();
    assertThat(sessions.verify("a.b.c.%%%")).isEmpty();
    assertThat(sessions.verify(null)).isEmpty();
  }

  @Test
  void theCookieIsHttpOnlyStrictAndScopedToTheCodecServer() {
    ResponseCookie cookie = sessions.cookie(sessions.issue(CAROL), false);

    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat(cookie.getPath()).isEqualTo("/codec");
    assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(sessions.cookie(sessions.issue(CAROL), true).isSecure()).isTrue();
    assertThat(sessions.cleared(false).getMaxAge()).isEqualTo(Duration.ZERO);
  }

  private CodecSessions at(Instant now) {
    return new CodecSessions(key, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
  }
}
