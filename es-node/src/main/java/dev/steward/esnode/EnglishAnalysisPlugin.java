package dev.steward.esnode;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Registers the {@code english} analyzer, which a real distribution gets from the {@code
 * analysis-common} module that is not published to Maven Central.
 *
 * <p>Lucene's {@link EnglishAnalyzer} with its default stop words is what {@code analysis-common}
 * builds for {@code "analyzer": "english"} without further settings.
 */
public final class EnglishAnalysisPlugin extends Plugin implements AnalysisPlugin {

  static final String ANALYZER_NAME = "english";

  @Override
  public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
    return Map.of(
        ANALYZER_NAME, (indexSettings, environment, name, settings) -> new EnglishProvider(name));
  }

  private static final class EnglishProvider
      extends AbstractIndexAnalyzerProvider<EnglishAnalyzer> {

    private final EnglishAnalyzer analyzer = new EnglishAnalyzer();

    EnglishProvider(String name) {
      super(name);
    }

    @Override
    public EnglishAnalyzer get() {
      return analyzer;
    }
  }
}
