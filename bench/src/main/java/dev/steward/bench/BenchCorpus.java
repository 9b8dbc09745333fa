package dev.steward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The documents a benchmark ingests: the shared Temporal documentation corpus (read in place, never
 * copied into the repository) or the shop's bundled help-center articles.
 */
record BenchCorpus(String name, Path root, List<CorpusDocument> documents) {

  private static final List<Path> TEMPORAL_DOCS_CANDIDATES =
      List.of(
          Path.of("/work/shared/corpus/temporal-docs"), Path.of("../shared/corpus/temporal-docs"));

  /** The folder of the Temporal docs corpus: the argument if given, else the known places. */
  static Path locateTemporalDocs(String argument) {
    if (argument != null) {
      return requireCorpus(Path.of(argument));
    }
    return TEMPORAL_DOCS_CANDIDATES.stream()
        .filter(p -> Files.isRegularFile(p.resolve("MANIFEST.md")))
        .findFirst()
        .map(BenchCorpus::requireCorpus)
        .orElseThrow(() ->
            new IllegalStateException(
                "Temporal docs corpus not found at "
                    + TEMPORAL_DOCS_CANDIDATES
                    + "; pass its path"));
  }

  /** Every {@code docs/**}{@code /*.md(x)} file, in path order. */
  static BenchCorpus temporalDocs(Path root) {
    List<CorpusDocument> documents = new ArrayList<>();
    Map<String, String> idsSeen = new HashMap<>();
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".mdx"))
              .sorted(Comparator.comparing(Path::toString))
              .toList()) {
        String path = root.relativize(file).toString().replace('\\', '/');
        String id = documentId(path);
        String clash = idsSeen.put(id, path);
        if (clash != null) {
          throw new IllegalStateException(clash + " and " + path + " map to the same id " + id);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().replaceFirst("\\.mdx?$", "");
        documents.add(
            new CorpusDocument(path, folderOf(path), id, MarkdownTitle.of(text, name), text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BenchCorpus("temporal-docs", root, documents);
  }

  /** The 30 articles of the demo shop, from the app's classpath, titled as the app titles them. */
  static BenchCorpus demoArticles() {
    try {
      Resource[] articles =
          new PathMatchingResourcePatternResolver(BenchCorpus.class.getClassLoader())
              .getResources("classpath*:demo-corpus/*.md");
      Arrays.sort(articles, Comparator.comparing(Resource::getFilename));
      List<CorpusDocument> documents = new ArrayList<>();
      for (Resource article : articles) {
        String id = article.getFilename().replaceFirst("\\.md$", "");
        String text = article.getContentAsString(StandardCharsets.UTF_8);
        documents.add(
            new CorpusDocument(
                "demo-corpus/" + article.getFilename(),
                "demo-corpus",
                id,
                MarkdownTitle.of(text, id),
                text));
      }
      return new BenchCorpus("demo-corpus", null, documents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long bytes() {
    return documents.stream()
        .mapToLong(d -> d.content().getBytes(StandardCharsets.UTF_8).length)
        .sum();
  }

  int largestBytes() {
    return documents.stream()
        .mapToInt(d -> d.content().getBytes(StandardCharsets.UTF_8).length)
        .max()
        .orElse(0);
  }

  /**
   * {@code docs/develop/java/timers.mdx} becomes {@code develop__java__timers}: the API accepts
   * only {@code [A-Za-z0-9_-]{1,100}}.
   */
  static String documentId(String path) {
    String id =
        path.replaceFirst("^docs/", "")
            .replaceFirst("\\.mdx?$", "")
            .replace("/", "__")
            .replaceAll("[^A-Za-z0-9_-]", "-");
    if (id.length() > 100) {
      throw new IllegalStateException("document id longer than 100 characters for " + path);
    }
    return id;
  }

  private static String folderOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static Path requireCorpus(Path root) {
    if (!Files.isDirectory(root.resolve("docs"))) {
      throw new IllegalStateException(root + " has no docs/ folder");
    }
    return root.toAbsolutePath().normalize();
  }
}
