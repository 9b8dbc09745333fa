package dev.steward.api.prompt;

import dev.steward.store.prompt.PromptLabel;
import dev.steward.store.prompt.PromptVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the prompt admin API answers with. */
final class PromptViews {

  private PromptViews() {}

  /**
   * One prompt in the list.
   *
   * @param taskTypes the task types that use it
   * @param latestVersion its highest version; 0 when none is stored yet
   * @param labels its labels by name
   */
  record PromptSummary(
      String id,
      List<String> taskTypes,
      int latestVersion,
      Map<String, LabelView> labels,
      Map<String, String> links) {}

  record PromptList(List<PromptSummary> prompts) {}

  /** One prompt: every version (without templates) and every label with its history. */
  record PromptDetail(
      String id,
      List<String> taskTypes,
      List<VersionSummary> versions,
      Map<String, LabelView> labels,
      Map<String, List<PromptLabel.Move>> labelHistory) {}

  /** A version without its templates. */
  record VersionSummary(
      int version,
      String note,
      String createdBy,
      Instant createdAt,
      String contentHash,
      Map<String, String> links) {

    static VersionSummary of(PromptVersion v) {
      return new VersionSummary(
          v.version(),
          v.note(),
          v.createdBy(),
          v.createdAt(),
          v.contentHash(),
          Map.of("self", PromptAdminController.versionPath(v.promptId(), v.version())));
    }
  }

  /**
   * Where a label points now.
   *
   * @param percent the canary's share of new tasks; null for other labels
   * @param baseLabel the label the canary's other tasks get; null for other labels
   */
  record LabelView(
      int version, Integer percent, String baseLabel, String updatedBy, Instant updatedAt) {

    static LabelView of(PromptLabel label) {
      return new LabelView(
          label.version(),
          label.percent(),
          label.baseLabel(),
          label.updatedBy(),
          label.updatedAt());
    }
  }

  /** The answer to a new version: its number and where to read it. */
  record VersionCreated(
      String promptId, int version, String contentHash, Map<String, String> links) {}
}
