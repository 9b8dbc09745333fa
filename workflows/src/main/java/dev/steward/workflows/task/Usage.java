package dev.steward.workflows.task;

import java.util.ArrayList;
import java.util.List;

/** Model usage so far: per call and in total. */
public record Usage(List<ModelCall> calls) {

  public static Usage none() {
    return new Usage(List.of());
  }

  public Usage plus(ModelCall call) {
    List<ModelCall> all = new ArrayList<>(calls);
    all.add(call);
    return new Usage(List.copyOf(all));
  }

  public int promptTokens() {
    return calls.stream().mapToInt(ModelCall::promptTokens).sum();
  }

  public int completionTokens() {
    return calls.stream().mapToInt(ModelCall::completionTokens).sum();
  }

  public double costUsd() {
    return calls.stream().mapToDouble(ModelCall::costUsd).sum();
  }
}
