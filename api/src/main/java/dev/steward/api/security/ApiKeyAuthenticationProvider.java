package dev.steward.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Resolves an API key to its principal by comparing the key's SHA-256 with the configured hashes in
 * constant time; every configured hash is compared, so timing does not reveal which one matched.
 */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private record KnownKey(byte[] hash, StewardPrincipal principal) {}

  private final List<KnownKey> keys;

  public ApiKeyAuthenticationProvider(ApiKeyProperties properties) {
    this.keys =
        properties.apiKeys().stream().map(k -> new KnownKey(k.hash(), k.toPrincipal())).toList();
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    Object credentials = authentication.getCredentials();
    if (!(credentials instanceof String key) || key.isEmpty()) {
      throw new BadCredentialsException("empty API key");
    }
    byte[] presented = sha256(key);
    StewardPrincipal match = null;
    for (KnownKey known : keys) {
      if (MessageDigest.isEqual(known.hash(), presented) && match == null) {
        match = known.principal();
      }
    }
    if (match == null) {
      throw new BadCredentialsException("unknown API key");
    }
    return ApiKeyAuthentication.resolved(match);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
