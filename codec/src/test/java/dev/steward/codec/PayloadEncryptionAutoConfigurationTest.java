package dev.steward.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PayloadEncryptionAutoConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PayloadEncryptionAutoConfiguration.class));

  @TempDir Path dataDir;

  @Test
  void givesTemporalAConverterThatEncryptsPayloadsAndFailures() {
    String key = Base64.getEncoder().encodeToString(AesGcmPayloadCodecTest.randomKey());
    context
        .withPropertyValues("steward.codec.keys.k1=" + key, "steward.codec.active-key=k1")
        .run(ctx -> {
          DataConverter converter = ctx.getBean(DataConverter.class);
          Payload payload = converter.toPayload("order LG-1 for jane@example.com").orElseThrow();

          assertThat(AesGcmPayloadCodec.isEncrypted(payload)).isTrue();
          assertThat(payload.toByteString().toStringUtf8()).doesNotContain("jane@example.com");
          assertThat(converter.fromPayload(payload, String.class, String.class))
              .isEqualTo("order LG-1 for jane@example.com");

          Failure failure =
              converter.exceptionToFailure(
                  ApplicationFailure.newFailure("the model said: jane@example.com", "Oops"));
          assertThat(failure.toByteString().toStringUtf8()).doesNotContain("jane@example.com");
          assertThat(converter.failureToException(failure).getMessage())
              .contains("the model said: jane@example.com");
        });
  }

  @Test
  void theEmbeddedDefaultGeneratesItsKeyUnderTheDataDir() {
    context
        .withPropertyValues("steward.data-dir=" + dataDir)
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(DataConverter.class);
          assertThat(dataDir.resolve("codec/payload-key.properties")).exists();
        });
  }

  @Test
  void canBeSwitchedOff() {
    context
        .withPropertyValues("steward.codec.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(DataConverter.class));
  }

  @Test
  void failsToStartWithoutAKeyWhereNoneCanBeGenerated() {
    context.run(ctx ->
        assertThat(ctx)
            .hasFailed()
            .getFailure()
            .rootCause()
            .hasMessageContaining("no payload encryption key is configured"));
  }
}
