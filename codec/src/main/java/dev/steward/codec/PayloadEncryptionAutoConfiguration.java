package dev.steward.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Encrypts Temporal payloads in every Steward process: the {@link DataConverter} bean here is the
 * one Temporal's Spring Boot starter gives the client and the workers, so the API and the worker
 * encrypt and decrypt alike. Off with {@code steward.codec.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(DataConverter.class)
@ConditionalOnProperty(name = "steward.codec.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CodecProperties.class)
public class PayloadEncryptionAutoConfiguration {

  private static final Logger log =
      LoggerFactory.getLogger(PayloadEncryptionAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  CodecKeys codecKeys(CodecProperties properties, Environment environment) {
    String dataDir = environment.getProperty("steward.data-dir");
    Path defaultKeyFile =
        dataDir == null || dataDir.isBlank()
            ? null
            : Path.of(dataDir, "codec", "payload-key.properties");
    CodecKeys keys = CodecKeySource.load(properties, defaultKeyFile);
    log.info(
        "payloads are encrypted with key '{}' (keys that decrypt: {})",
        keys.activeId(),
        keys.ids());
    return keys;
  }

  @Bean
  @ConditionalOnMissingBean
  AesGcmPayloadCodec payloadCodec(CodecKeys keys) {
    return new AesGcmPayloadCodec(keys);
  }

  /** Temporal's default conversion (JSON and friends), then encryption. */
  @Bean
  @ConditionalOnMissingBean(DataConverter.class)
  DataConverter encryptingDataConverter(AesGcmPayloadCodec codec, CodecProperties properties) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(), List.of(codec), properties.encryptFailures());
  }
}
