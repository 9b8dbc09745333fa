package dev.steward.bench;

/**
 * The shape of a bare workflow: how many activities and local activities it runs in sequence, how
 * many read-model-like writes it runs beside them (the first at the start, the rest at the end, all
 * awaited before it completes, as the task workflow does with its read model), and how many
 * search-attribute upserts it makes along the way.
 */
public record BareSteps(int activities, int localActivities, int asyncRecords, int upserts) {

  /** The baseline: a workflow with one trivial activity. */
  public static final BareSteps ONE_ACTIVITY = new BareSteps(1, 0, 0, 0);

  /** Steps the workflow waits for, one after the other. */
  public int sequentialSteps() {
    return activities + localActivities;
  }

  /** E.g. {@code bare 5 act + 2 rec + 6 upserts}. */
  public String label() {
    StringBuilder label = new StringBuilder("bare");
    part(label, activities, "act");
    part(label, localActivities, "local");
    part(label, asyncRecords, "rec");
    part(label, upserts, "ups");
    return label.toString();
  }

  private static void part(StringBuilder label, int count, String what) {
    if (count > 0) {
      label.append(label.length() > 4 ? " + " : " ").append(count).append(' ').append(what);
    }
  }
}
