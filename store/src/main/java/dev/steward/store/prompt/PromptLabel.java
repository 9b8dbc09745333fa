package dev.steward.store.prompt;

import java.time.Instant;
import java.util.List;

/**
 * A movable name for one version of a prompt ({@code production}, {@code canary}, ...). The canary
 * label takes {@code percent} of new tasks, chosen by task id, and the rest get {@code baseLabel}.
 * Every move is kept in {@code history}, so a rollback is visible as the move that made it.
 *
 * @param percent the share of new tasks (0 to 100) for the canary label; null for other labels
 * @param baseLabel the label the canary's remaining tasks get; null for other labels
 * @param history the label's moves, oldest first, the current one last; bounded to {@link
 *     #MAX_HISTORY}
 */
public record PromptLabel(
    String promptId,
    String name,
    int version,
    Integer percent,
    String baseLabel,
    String updatedBy,
    Instant updatedAt,
    List<Move> history) {

  public static final String PRODUCTION = "production";
  public static final String CANARY = "canary";

  /** Enough to audit months of moves; an older move falls off so the document stays small. */
  public static final int MAX_HISTORY = 200;

  public PromptLabel {
    history = history == null ? List.of() : List.copyOf(history);
  }

  /**
   * One move of a label.
   *
   * @param fromVersion the version before the move; null when the move created the label
   * @param fromPercent the canary share before the move; null when none
   * @param note why the label moved, when the mover said
   */
  public record Move(
      Integer fromVersion,
      Integer fromPercent,
      int version,
      Integer percent,
      String by,
      Instant at,
      String note) {}

  /** The label after {@code move}, its history extended (and trimmed to its bound). */
  PromptLabel movedTo(Move move, String baseLabel) {
    List<Move> moves = new java.util.ArrayList<>(history);
    moves.add(move);
    if (moves.size() > MAX_HISTORY) {
      moves = moves.subList(moves.size() - MAX_HISTORY, moves.size());
    }
    return new PromptLabel(
        promptId, name, move.version(), move.percent(), baseLabel, move.by(), move.at(), moves);
  }

  /** A new label whose history is the move that created it. */
  static PromptLabel created(String promptId, String name, Move move, String baseLabel) {
    return new PromptLabel(
        promptId,
        name,
        move.version(),
        move.percent(),
        baseLabel,
        move.by(),
        move.at(),
        List.of(move));
  }
}
