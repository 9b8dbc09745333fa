package dev.steward.api.codec;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The codec server's sign-in and browser access, from {@code steward.codec.server.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecServerProperties.class)
class CodecServerConfiguration {

  @Bean
  CodecSessions codecSessions(CodecServerProperties properties) {
    return CodecSessions.from(properties, Clock.systemUTC());
  }

  @Bean
  CodecBrowserAccess codecBrowserAccess(CodecServerProperties properties, CodecSessions sessions) {
    return new CodecBrowserAccess(properties.allowedOrigins(), sessions);
  }
}
