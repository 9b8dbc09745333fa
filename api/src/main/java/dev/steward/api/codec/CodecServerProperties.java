package dev.steward.api.codec;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The codec server the Temporal UI decodes payloads through ({@code steward.codec.server.*}).
 *
 * @param allowedOrigins the origins of the Temporal UI that may call {@code /codec} from a browser
 * @param sessionTtl how long a codec sign-in lasts
 * @param sessionKey base64 of at least 32 random bytes that signs the session cookies; when absent
 *     a key is drawn at start, so sessions end with the process and only work on the instance that
 *     issued them (set it when several API instances serve {@code /codec})
 */
@ConfigurationProperties("steward.codec.server")
public record CodecServerProperties(
    List<String> allowedOrigins, Duration sessionTtl, String sessionKey) {

  public CodecServerProperties {
    allowedOrigins =
        allowedOrigins == null
            ? List.of("http://localhost:8233", "http://127.0.0.1:8233")
            : List.copyOf(allowedOrigins);
    sessionTtl = sessionTtl == null ? Duration.ofHours(1) : sessionTtl;
    sessionKey = sessionKey == null || sessionKey.isBlank() ? null : sessionKey.strip();
  }
}
