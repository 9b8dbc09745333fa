package dev.steward.activities.model;

import java.math.BigDecimal;

/** What a model costs, in US dollars per million input and output tokens. */
public record ModelPrice(String model, BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

  public static final ModelPrice FREE = new ModelPrice("", BigDecimal.ZERO, BigDecimal.ZERO);
}
