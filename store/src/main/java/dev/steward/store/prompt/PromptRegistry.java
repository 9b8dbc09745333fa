package dev.steward.store.prompt;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.steward.store.IndexAdmin;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Steward's prompt registry: immutable {@link PromptVersions versions} and movable {@link
 * PromptLabels labels}, seeded from the task types' bundled templates.
 */
public final class PromptRegistry {

  /** Label names: lower-case words joined by hyphens, as in URLs. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  private final PromptVersions versions;
  private final PromptLabels labels;
  private final Clock clock;

  public PromptRegistry(ElasticsearchClient client, IndexAdmin admin) {
    this(client, admin, Clock.systemUTC());
  }

  PromptRegistry(ElasticsearchClient client, IndexAdmin admin, Clock clock) {
    this.versions = new PromptVersions(client, admin);
    this.labels = new PromptLabels(client, admin);
    this.clock = clock;
  }

  public PromptVersions versions() {
    return versions;
  }

  public PromptLabels labels() {
    return labels;
  }

  public void createIndices() {
    versions.createIndex();
    labels.createIndex();
  }

  /**
   * Makes a bundled template version {@code seed.version()} of its prompt, unless that version is
   * stored already with the same text, and points {@code production} at it unless the label exists.
   * Safe to run from every process at every start, at the same time.
   *
   * @return the {@code production} label as it is now
   * @throws PromptConflictException when the stored version of that number has other text
   */
  public PromptLabel seed(PromptSeed seed) {
    versions.createOrVerify(
        PromptVersion.of(
            seed.promptId(),
            seed.version(),
            seed.system(),
            seed.user(),
            "bundled with the task type",
            PromptVersion.BUNDLED,
            clock.instant()));
    PromptLabel.Move move =
        new PromptLabel.Move(
            null, null, seed.version(), null, PromptVersion.BUNDLED, clock.instant(), "seeded");
    labels.createIfAbsent(PromptLabel.created(seed.promptId(), PromptLabel.PRODUCTION, move, null));
    return labels
        .find(seed.promptId(), PromptLabel.PRODUCTION)
        .orElseThrow(() -> new IllegalStateException(seed.promptId() + ":production vanished"));
  }

  /**
   * Points {@code label} at {@code version}. Only the canary label has a share of new tasks: its
   * {@code percent} (kept from its last move when null) and {@code baseLabel} (kept, or {@code
   * production}), which gets the other tasks.
   *
   * @throws UnknownPromptVersionException when the prompt has no such version
   * @throws InvalidLabelMoveException when the move breaks the labels' rules
   */
  public PromptLabel moveLabel(LabelMoveRequest request) {
    String name = request.label();
    if (name == null || !LABEL_NAME.matcher(name).matches()) {
      throw new InvalidLabelMoveException(
          "a label name is 1 to 40 lower-case letters, digits or '-', starting with a letter");
    }
    boolean canary = name.equals(PromptLabel.CANARY);
    if (!canary && (request.percent() != null || request.baseLabel() != null)) {
      throw new InvalidLabelMoveException(
          "only the canary label takes a percent and a baseLabel; '" + name + "' takes neither");
    }
    if (request.percent() != null && (request.percent() < 0 || request.percent() > 100)) {
      throw new InvalidLabelMoveException("percent must be between 0 and 100");
    }
    if (PromptLabel.CANARY.equals(request.baseLabel())) {
      throw new InvalidLabelMoveException("the canary label cannot be its own base label");
    }
    if (request.baseLabel() != null && !LABEL_NAME.matcher(request.baseLabel()).matches()) {
      throw new InvalidLabelMoveException("baseLabel is not a label name");
    }
    if (request.baseLabel() != null
        && labels.find(request.promptId(), request.baseLabel()).isEmpty()) {
      throw new InvalidLabelMoveException(
          "baseLabel '" + request.baseLabel() + "' is not a label of " + request.promptId());
    }
    versions
        .find(request.promptId(), request.version())
        .orElseThrow(
            () -> new UnknownPromptVersionException(request.promptId(), request.version()));
    return labels.update(
        request.promptId(),
        name,
        current -> {
          Integer percent = request.percent();
          String base = request.baseLabel();
          if (canary) {
            if (percent == null && current == null) {
              throw new InvalidLabelMoveException(
                  "the canary label does not exist yet: say which percent of new tasks it takes");
            }
            percent = percent != null ? percent : current.percent();
            base =
                base != null
                    ? base
                    : current != null && current.baseLabel() != null
                        ? current.baseLabel()
                        : PromptLabel.PRODUCTION;
          }
          PromptLabel.Move move =
              new PromptLabel.Move(
                  current == null ? null : current.version(),
                  current == null ? null : current.percent(),
                  request.version(),
                  percent,
                  request.by(),
                  clock.instant(),
                  request.note());
          return current == null
              ? PromptLabel.created(request.promptId(), name, move, base)
              : current.movedTo(move, base);
        });
  }

  /** A task type's bundled template, to be stored as version {@code version} of its prompt. */
  public record PromptSeed(String promptId, int version, String system, String user) {}

  /**
   * Where to move a label.
   *
   * @param percent the canary's share of new tasks, 0 to 100; null for other labels (and to keep
   *     the canary's)
   * @param baseLabel the label the canary's other tasks get; null for other labels (and to keep the
   *     canary's)
   * @param by who moves it
   * @param note why, for the history; may be null
   */
  public record LabelMoveRequest(
      String promptId,
      String label,
      int version,
      Integer percent,
      String baseLabel,
      String by,
      String note) {}
}
