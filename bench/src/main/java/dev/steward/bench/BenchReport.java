package dev.steward.bench;

import dev.steward.activities.ingestion.DocumentChunker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The lines every benchmark table starts with, so pasted results say where they came from. */
final class BenchReport {

  /** Taken when the class loads, at the start of a run: jars may be rebuilt while it goes on. */
  private static final String BUILD = buildNote();

  private BenchReport() {}

  /** Notes which build is being measured; call before the stack starts. */
  static void noteBuild() {
    System.out.println("build: " + BUILD);
  }

  /** The system's load average over the last minute: other work on the machine skews timings. */
  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static void header(String title, List<CorpusIngestion.Stats> corpora) {
    System.out.printf(Locale.ROOT, "%n### %s (%s)%n%n", title, LocalDate.now());
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s, JDK %s; embedded Elasticsearch (single node, 512 MB heap),"
            + " offline model (all-MiniLM-L6-v2 embeddings)%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "build measured: %s; load average now %.2f%n", BUILD, load());
    for (CorpusIngestion.Stats c : corpora) {
      System.out.printf(
          Locale.ROOT,
          "corpus %s: %d files, %.2f MB, %d chunks; ingested through the API in %.1f s"
              + " = %.1f chunks/s%n",
          c.corpus(),
          c.files(),
          c.bytes() / 1e6,
          c.chunks(),
          c.seconds(),
          c.chunksPerSecond());
    }
    System.out.println();
  }

  /**
   * Which ingestion code ran: the chunker's {@code split} signature (plain text before the
   * Markdown/MDX-aware parsing, a parsed document after) and when its jar was built, since other
   * modules change while benchmarks run.
   */
  private static String buildNote() {
    String input =
        Arrays.stream(DocumentChunker.class.getMethods())
            .filter(m -> m.getName().equals("split") && m.getParameterCount() == 1)
            .map(m -> m.getParameterTypes()[0].getSimpleName())
            .findFirst()
            .orElse("?");
    String built;
    try {
      Path jar =
          Path.of(
              DocumentChunker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      built = jar.getFileName() + " of " + Files.getLastModifiedTime(jar);
    } catch (Exception e) {
      built = "unknown jar";
    }
    return "DocumentChunker.split(" + input + "), " + built;
  }

  /** The value below which {@code p} of the sorted samples fall (nearest rank). */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(
        (int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)));
  }
}
