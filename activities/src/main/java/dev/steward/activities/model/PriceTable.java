package dev.steward.activities.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prices per model: the bundled {@code steward-model-prices.yml} (dated by its {@code takenOn}),
 * overridden by {@code steward.models.prices}. Prices are configuration, not facts: providers
 * change them.
 */
public final class PriceTable {

  public static final String BUNDLED = "steward-model-prices.yml";

  private final Map<String, ModelPrice> byModel;
  private final LocalDate takenOn;

  PriceTable(LocalDate takenOn, List<ModelPrice> prices) {
    this.takenOn = takenOn;
    Map<String, ModelPrice> map = new HashMap<>();
    prices.forEach(p -> map.put(p.model(), p));
    this.byModel = Map.copyOf(map);
  }

  /** The bundled table with {@code overrides} applied on top. */
  public static PriceTable bundledWith(List<ModelPrice> overrides) {
    Bundled bundled = readBundled();
    List<ModelPrice> all = new java.util.ArrayList<>(bundled.prices());
    all.addAll(overrides);
    return new PriceTable(bundled.takenOn(), all);
  }

  public Optional<ModelPrice> priceOf(String model) {
    return Optional.ofNullable(byModel.get(model));
  }

  /** The date the bundled prices were taken from the providers' price pages. */
  public LocalDate takenOn() {
    return takenOn;
  }

  private static Bundled readBundled() {
    ClassLoader loader = PriceTable.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the classpath");
      }
      return YAMLMapper.builder().build().readValue(in, Bundled.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Bundled(LocalDate takenOn, String source, List<ModelPrice> prices) {}
}
