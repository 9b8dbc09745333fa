package dev.steward.activities.screening;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phrasings that are prompt injection on their face, whatever the embedding check says. Each rule
 * has a name that verdicts record, so a false positive can be traced to the rule that fired.
 */
final class InjectionRules {

  private record Rule(String name, Pattern pattern) {}

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;

  private static final List<Rule> RULES =
      List.of(
          rule(
              "instruction-override",
              "\\b(ignore|disregard|forget|override|bypass|skip|set aside|throw away|discard)\\b"
                  + "[^.!?\\n]{0,40}\\b(previous|prior|above|earlier|preceding|all|any|your|the"
                  + " system)\\b[^.!?\\n]{0,30}\\b(instructions?|rules|prompts?|directions|guidelines"
                  + "|directives|programming|constraints|restrictions|guardrails)\\b"),
          rule(
              "system-prompt-extraction",
              "\\b(reveal|print|show|repeat|output|display|leak|tell me|give me|write out|recite)"
                  + "\\b[^.!?\\n]{0,30}\\b(system|hidden|initial|original|secret|developer)\\s+"
                  + "(prompt|instructions?|message|rules)"),
          rule(
              "new-instructions",
              "\\b(new|updated|override|revised)\\s+(system\\s+)?(instructions?|directives?|rules)"
                  + "\\s*:"),
          rule(
              "role-markers",
              "(</?\\s*system\\s*>|\\[/?(system|inst)\\]|<\\|im_start\\|>|^\\s*#{2,}\\s*"
                  + "(system|instruction)\\s*:)"),
          rule(
              "persona-jailbreak",
              "\\b(you are (now|no longer)|act as|pretend (to be|you are)|roleplay as|you will be)"
                  + "\\b[^.!?\\n]{0,60}\\b(dan|unrestricted|unfiltered|uncensored|jailbroken"
                  + "|developer mode|no (rules|limits|restrictions|filters))\\b"),
          rule(
              "do-anything-now", "\\b(do anything now|jailbr(eak|oken)|developer mode enabled)\\b"),
          rule(
              "policy-evasion",
              "\\b(free (from|of)|not bound by|without any|no longer (bound|restricted) by|break"
                  + " free of|ignores?|bypass(es|ing)?|doesn'?t (have to )?follow|don'?t (have to"
                  + " )?follow|does not (have to )?(follow|abide by)|not (have to|need to)"
                  + " (follow|abide by|comply with))\\b[^.!?\\n]{0,40}\\b(content polic(y|ies)"
                  + "|openai|safety (guidelines|filters|rules)|ethical (guidelines|constraints)"
                  + "|(any|all) (restrictions|rules|limitations|filters|censorship))"),
          rule(
              "stay-in-character",
              "\\b(stay|remain) in character\\b[^\\n]{0,80}\\b(no matter|at all times|whatever"
                  + "|even if|never break)"));

  /**
   * Words that lift an assistant's limits. One is harmless ("a refund without any restrictions"),
   * but several different ones in a text that also addresses the model or sets up a persona are the
   * mark of a persona jailbreak, however it is worded.
   */
  private static final List<Pattern> LIMIT_LIFTING =
      patterns(
          "\\b(unrestricted|unfiltered|uncensored|unlimited power|amoral|unethical|immoral)\\b",
          "\\bno (restrictions|limits|limitations|rules|filters|boundaries|censorship|guidelines"
              + "|morals|ethics)\\b",
          "\\bwithout (any )?(restrictions|limitations|censorship|filters|rules|ethics|morals"
              + "|warnings?|disclaimers?)\\b",
          "\\b(content|usage) polic(y|ies)\\b",
          "\\b(ethical|moral) (guidelines|principles|constraints|boundaries)\\b",
          "\\bnever (refuses?|declines?|says? no)\\b|\\b(won'?t|will not|cannot|can'?t) refuse\\b",
          "\\b(illegal|harmful|explicit|offensive|dangerous) (content|things|information|requests)\\b",
          "\\b(break|breaking|stay|staying|remain) (out of |in )?character\\b",
          "\\b(free|freed|liberated|broken free) (from|of)\\b",
          "\\b(does|do|doesn'?t|don'?t|not) (have to )?(follow|abide by|care about|comply with)\\b",
          "\\b(censor(ed|ship)?|filter(ed|s)?|safeguards?|guardrails?)\\b",
          "\\b(swear(ing)?|profanity|curse words|vulgar|obscene)\\b",
          "\\b(always|must) (answer|respond|reply|comply|obey)\\b|\\bobey\\b",
          "\\b(as an ai|i'?m sorry, but|i cannot (help|assist))",
          "\\b(never|don'?t|do not|without) (mention|remind|warn|add)(ing|s)?\\b[^.\\n]{0,30}"
              + "\\b(legal|ethic|moral|warning|disclaimer|dangerous)",
          "\\b(machiavellian|evil|rogue|rebellious|unhinged|devious)\\b",
          "\\b(tokens?|points?) (will be )?(deducted|lost|taken)|\\b(shut (you )?down|cease to exist)\\b");

  /** The text talks to a model or hands it a role: needed beside the limit-lifting words. */
  private static final Pattern ADDRESSES_MODEL =
      Pattern.compile(
          "\\b(chatgpt|gpt-?\\d?|openai|language model|\\bai\\b|assistant|chatbot|llm"
              + "|from now on|pretend|act as|role-?play|persona|you are going to)",
          FLAGS);

  private static final int LIMIT_LIFTING_NEEDED = 2;

  private InjectionRules() {}

  /** The name of the first rule {@code text} matches, if any. */
  static Optional<String> firstMatch(CharSequence text) {
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(text).find()) {
        return Optional.of(rule.name());
      }
    }
    if (limitLifting(text) >= LIMIT_LIFTING_NEEDED && ADDRESSES_MODEL.matcher(text).find()) {
      return Optional.of("limit-lifting-vocabulary");
    }
    return Optional.empty();
  }

  /** How many different limit-lifting phrasings {@code text} uses. */
  static int limitLifting(CharSequence text) {
    int found = 0;
    for (Pattern p : LIMIT_LIFTING) {
      if (p.matcher(text).find()) {
        found++;
      }
    }
    return found;
  }

  private static List<Pattern> patterns(String... regexes) {
    return java.util.Arrays.stream(regexes).map(r -> Pattern.compile(r, FLAGS)).toList();
  }

  private static Rule rule(String name, String regex) {
    return new Rule(name, Pattern.compile(regex, FLAGS | Pattern.MULTILINE));
  }
}
