package dev.steward.activities.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns token counts into US dollars with the price table, exactly: the arithmetic is decimal, so
 * 1234 tokens at $0.15 per million cost $0.0001851, not a binary approximation of it.
 */
public class CostCalculator {

  private static final Logger log = LoggerFactory.getLogger(CostCalculator.class);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final PriceTable prices;
  private final Set<String> warnedUnpriced = ConcurrentHashMap.newKeySet();

  public CostCalculator(PriceTable prices) {
    this.prices = prices;
  }

  public double cost(String model, long promptTokens, long completionTokens) {
    ModelPrice price = priceOf(model);
    return price
        .inputPerMillion()
        .multiply(BigDecimal.valueOf(promptTokens))
        .add(price.outputPerMillion().multiply(BigDecimal.valueOf(completionTokens)))
        .divide(MILLION, MathContext.DECIMAL128)
        .doubleValue();
  }

  /** A model without a price costs nothing (local models); said once in the log, not silently. */
  private ModelPrice priceOf(String model) {
    return prices
        .priceOf(model)
        .orElseGet(() -> {
          if (warnedUnpriced.add(model)) {
            log.warn(
                "No price for model {}: its calls count as free. Add it under"
                    + " steward.models.prices.",
                model);
          }
          return ModelPrice.FREE;
        });
  }
}
