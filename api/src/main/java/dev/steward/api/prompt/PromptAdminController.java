package dev.steward.api.prompt;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.prompt.PromptBodies.LabelMove;
import dev.steward.api.prompt.PromptBodies.NewVersion;
import dev.steward.api.prompt.PromptViews.LabelView;
import dev.steward.api.prompt.PromptViews.PromptDetail;
import dev.steward.api.prompt.PromptViews.PromptList;
import dev.steward.api.prompt.PromptViews.PromptSummary;
import dev.steward.api.prompt.PromptViews.VersionCreated;
import dev.steward.api.prompt.PromptViews.VersionSummary;
import dev.steward.api.security.StewardPrincipal;
import dev.steward.store.prompt.InvalidLabelMoveException;
import dev.steward.store.prompt.PromptConflictException;
import dev.steward.store.prompt.PromptLabel;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptRegistry.LabelMoveRequest;
import dev.steward.store.prompt.PromptVersion;
import dev.steward.store.prompt.UnknownPromptVersionException;
import dev.steward.tasktypes.TaskTypeDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The prompt registry for people: admins create versions and move labels, engineers read (as {@code
 * SecurityConfig} rules). Prompts belong to task types, which every tenant shares, so the registry
 * is the deployment's, not a tenant's.
 */
@RestController
@RequestMapping(PromptAdminController.BASE)
@Tag(name = "Administration")
class PromptAdminController {

  static final String BASE = "/v1/admin/prompts";

  private final PromptRegistry registry;
  private final PromptTemplateCheck check;

  PromptAdminController(PromptRegistry registry, PromptTemplateCheck check) {
    this.registry = registry;
    this.check = check;
  }

  static String promptPath(String id) {
    return BASE + "/" + id;
  }

  static String versionPath(String id, int version) {
    return promptPath(id) + "/versions/" + version;
  }

  @GetMapping
  @Operation(summary = "Every prompt with its latest version and labels")
  PromptList list() {
    Map<String, Integer> latest = registry.versions().latestByPrompt();
    Map<String, Map<String, LabelView>> labels = new TreeMap<>();
    for (PromptLabel label : registry.labels().list(null)) {
      labels
          .computeIfAbsent(label.promptId(), k -> new TreeMap<>())
          .put(label.name(), LabelView.of(label));
    }
    TreeSet<String> ids = new TreeSet<>(check.promptIds());
    ids.addAll(latest.keySet());
    List<PromptSummary> prompts = new ArrayList<>();
    for (String id : ids) {
      prompts.add(
          new PromptSummary(
              id,
              check.taskTypeNames(id),
              latest.getOrDefault(id, 0),
              labels.getOrDefault(id, Map.of()),
              Map.of("self", promptPath(id))));
    }
    return new PromptList(prompts);
  }

  @GetMapping("/{id}")
  @Operation(summary = "A prompt's versions (without templates) and labels with their history")
  PromptDetail get(@PathVariable String id) {
    List<VersionSummary> versions =
        registry.versions().list(id).stream().map(VersionSummary::of).toList();
    List<String> taskTypes = check.taskTypeNames(id);
    if (versions.isEmpty() && taskTypes.isEmpty()) {
      throw noPrompt(id);
    }
    Map<String, LabelView> labels = new LinkedHashMap<>();
    Map<String, List<PromptLabel.Move>> history = new LinkedHashMap<>();
    for (PromptLabel label : registry.labels().list(id)) {
      labels.put(label.name(), LabelView.of(label));
      history.put(label.name(), label.history());
    }
    return new PromptDetail(id, taskTypes, versions, labels, history);
  }

  @GetMapping("/{id}/versions/{version}")
  @Operation(summary = "One version of a prompt, with its templates")
  PromptVersion version(@PathVariable String id, @PathVariable int version) {
    return registry
        .versions()
        .find(id, version)
        .orElseThrow(() ->
            new ProblemException(
                Problem.NOT_FOUND, "Prompt " + id + " has no version " + version + "."));
  }

  @PostMapping("/{id}/versions")
  @Operation(
      summary = "Store new templates as the prompt's next version",
      description =
          "Versions are immutable: this never changes an existing one. Templates may only use"
              + " the variables of the task types that use the prompt (their input fields and"
              + " passages). A new version serves no task until a label points at it.")
  ResponseEntity<VersionCreated> create(
      @AuthenticationPrincipal StewardPrincipal principal,
      @PathVariable String id,
      @RequestBody NewVersion body) {
    List<TaskTypeDefinition> types = check.taskTypesUsing(id);
    if (types.isEmpty()) {
      throw noPrompt(id);
    }
    check.check(types, body);
    PromptVersion created;
    try {
      created =
          registry
              .versions()
              .createNext(
                  id, body.system(), body.user(), body.note(), author(principal), Instant.now());
    } catch (PromptConflictException e) {
      throw new ProblemException(Problem.PROMPT_CONFLICT, e.getMessage() + ".");
    }
    String self = versionPath(id, created.version());
    return ResponseEntity.created(URI.create(self))
        .body(
            new VersionCreated(id, created.version(), created.contentHash(), Map.of("self", self)));
  }

  @PutMapping("/{id}/labels/{label}")
  @Operation(
      summary = "Point a label at a version",
      description =
          "New tasks resolve production, or canary for its percent of task ids; running tasks"
              + " keep the version they were pinned to. Roll back by moving the label back (or the"
              + " canary to 0 percent).")
  LabelView moveLabel(
      @AuthenticationPrincipal StewardPrincipal principal,
      @PathVariable String id,
      @PathVariable String label,
      @RequestBody LabelMove body) {
    if (check.taskTypesUsing(id).isEmpty() && registry.versions().list(id).isEmpty()) {
      throw noPrompt(id);
    }
    if (body.version() == null) {
      throw new ProblemException(Problem.INVALID_REQUEST, "'version' is required.");
    }
    try {
      return LabelView.of(
          registry.moveLabel(
              new LabelMoveRequest(
                  id,
                  label,
                  body.version(),
                  body.percent(),
                  body.baseLabel(),
                  author(principal),
                  body.note())));
    } catch (UnknownPromptVersionException | InvalidLabelMoveException e) {
      throw new ProblemException(Problem.INVALID_REQUEST, capitalized(e.getMessage()) + ".");
    } catch (PromptConflictException e) {
      throw new ProblemException(Problem.PROMPT_CONFLICT, e.getMessage() + ".");
    }
  }

  /** Who did it, as versions and label histories record it. */
  private static String author(StewardPrincipal principal) {
    return principal.name() + " (" + principal.tenant() + ")";
  }

  private static ProblemException noPrompt(String id) {
    return new ProblemException(Problem.NOT_FOUND, "There is no prompt " + id + ".");
  }

  private static String capitalized(String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }
}
