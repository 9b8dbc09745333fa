package dev.steward.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.otel.bridge.OtelFinishedSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

class PiiMaskingSpanFilterTest {

  @Test
  void masksAttributeValuesAndDropsEventAttributes() {
    SpanData data =
        finished(span -> {
          span.setAttribute("http.url", "/v1/search?q=jane.doe@example.com");
          span.setAttribute("workflowId", "acme.q-1001");
          span.recordException(new IllegalStateException("no order for card 4111 1111 1111 1111"));
        });

    FinishedSpan masked = new PiiMaskingSpanFilter().map(OtelFinishedSpan.fromOtel(data));
    SpanData exported = OtelFinishedSpan.toOtel(masked);

    assertThat(masked.getTags())
        .containsEntry("http.url", "/v1/search?q=[EMAIL_1]")
        .containsEntry("workflowId", "acme.q-1001");
    assertThat(exported.getEvents()).hasSize(1);
    assertThat(exported.getEvents().getFirst().getName()).isEqualTo("exception");
    assertThat(exported.getEvents().getFirst().getAttributes()).isEqualTo(Attributes.empty());
    assertThat(exported.toString()).doesNotContain("jane.doe").doesNotContain("4111");
  }

  private static SpanData finished(java.util.function.Consumer<Span> body) {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      Span span = provider.get("test").spanBuilder("RunActivity:DraftOutput").startSpan();
      body.accept(span);
      span.end();
      // Read before the provider closes: closing shuts the exporter down, which empties it.
      return exporter.getFinishedSpanItems().getFirst();
    }
  }
}
