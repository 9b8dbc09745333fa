package dev.steward.bench.eval;

import java.util.Objects;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the benchmarks' own configuration classes out of the application's component scan. Steward
 * scans all of {@code dev.steward}, so in a bench JVM it would also pick up, for example, the
 * zero-latency model of the throughput bench (a {@code @Primary} draft model) and evaluate that
 * instead of the model under test. Given to Spring as a source (an extra source class, or {@code
 * spring.main.sources}); benches that want one of those classes pass it as a source too.
 */
public class NoBenchComponentScan extends TypeExcludeFilter {

  private static final String BENCH_PACKAGE = "dev.steward.bench.";

  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
    return reader.getClassMetadata().getClassName().startsWith(BENCH_PACKAGE);
  }

  // TypeExcludeFilter asks subclasses for value equality: Spring compares filters when it caches.
  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass());
  }
}
