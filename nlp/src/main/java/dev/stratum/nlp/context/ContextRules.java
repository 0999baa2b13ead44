package dev.stratum.nlp.context;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.nlp.lexicon.PhraseTrie;
import dev.stratum.nlp.text.ClinicalTokenizer;
import dev.stratum.nlp.text.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ConText trigger terms and section headings, read from {@code context/triggers.tsv} and {@code
 * context/sections.tsv} on the class path (format described in the files' header comments).
 */
public final class ContextRules {
  private final PhraseTrie<TriggerRule> triggers;
  private final Map<String, TriggerClass> sections;
  private final int ruleCount;

  private ContextRules(
      PhraseTrie<TriggerRule> triggers, Map<String, TriggerClass> sections, int ruleCount) {
    this.triggers = triggers;
    this.sections = Map.copyOf(sections);
    this.ruleCount = ruleCount;
  }

  /** The shipped rules. */
  public static ContextRules builtIn(ClinicalTokenizer tokenizer) {
    PhraseTrie<TriggerRule> trie = new PhraseTrie<>();
    int n = 0;
    String res = "/dev/stratum/nlp/context/triggers.tsv";
    int no = 0;
    for (String line : lines(res)) {
      no++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 3) {
        throw InvalidInputException.at(res, no, null, "expected phrase<TAB>class<TAB>direction");
      }
      String cls = f[1].strip();
      Set<TriggerClass> terminates = EnumSet.noneOf(TriggerClass.class);
      TriggerClass tc;
      if (cls.startsWith("TERMINATE:")) {
        tc = TriggerClass.TERMINATE;
        for (String c : cls.substring("TERMINATE:".length()).split(",")) {
          if (c.equals("ALL")) {
            terminates.addAll(
                EnumSet.of(
                    TriggerClass.NEGATED,
                    TriggerClass.UNCERTAIN,
                    TriggerClass.HISTORICAL,
                    TriggerClass.FAMILY,
                    TriggerClass.OTHER));
          } else {
            terminates.add(TriggerClass.valueOf(c));
          }
        }
      } else {
        tc = TriggerClass.valueOf(cls);
      }
      String dir = f[2].strip();
      boolean adjacent = dir.equals("next") || dir.equals("previous");
      boolean fw = dir.equals("forward") || dir.equals("both") || dir.equals("next");
      boolean bw = dir.equals("backward") || dir.equals("both") || dir.equals("previous");
      if (!fw && !bw) {
        throw InvalidInputException.at(
            res, no, "direction", "expected forward|backward|both|next|previous");
      }
      List<String> expanded = expand(f[0].strip());
      List<List<Token>> tokenised = tokenizer.tokensOfEach(expanded);
      for (int k = 0; k < expanded.size(); k++) {
        String phrase = expanded.get(k);
        List<Token> toks = tokenised.get(k);
        // Trigger words are matched case-insensitively: re-key them in lower case.
        List<Token> lower = new ArrayList<>(toks.size());
        for (Token t : toks) {
          lower.add(new Token(t.norm(), t.norm(), t.begin(), t.end()));
        }
        if (trie.add(lower, new TriggerRule(phrase, tc, fw, bw, adjacent, terminates))) {
          n++;
        }
      }
    }
    Map<String, TriggerClass> sections = new LinkedHashMap<>();
    String sres = "/dev/stratum/nlp/context/sections.tsv";
    for (String line : lines(sres)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      TriggerClass effect = f[1].strip().equals("NONE") ? null : TriggerClass.valueOf(f[1].strip());
      sections.put(
          f[0].strip().toLowerCase(Locale.ROOT), effect == null ? TriggerClass.PSEUDO : effect);
    }
    return new ContextRules(trie, sections, n);
  }

  /** Expands {@code (a|b|)} alternations; an empty alternative makes the group optional. */
  static List<String> expand(String phrase) {
    int open = phrase.indexOf('(');
    if (open < 0 || phrase.equals("(")) {
      return List.of(phrase.replaceAll("\\s+", " ").strip());
    }
    int close = phrase.indexOf(')', open);
    if (close < 0) {
      return List.of(phrase);
    }
    List<String> out = new ArrayList<>();
    for (String alt : phrase.substring(open + 1, close).split("\\|", -1)) {
      for (String rest : expand(phrase.substring(0, open) + alt + phrase.substring(close + 1))) {
        if (!rest.isBlank() && !out.contains(rest)) {
          out.add(rest);
        }
      }
    }
    return out;
  }

  private static List<String> lines(String res) {
    try (InputStream in = ContextRules.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new IllegalStateException("ConText resource missing from the jar: " + res);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PhraseTrie<TriggerRule> triggers() {
    return triggers;
  }

  /**
   * The effect of a section heading (lower case, without colon): HISTORICAL, FAMILY, UNCERTAIN, or
   * PSEUDO for a heading that resets the context; null when {@code heading} is not a known heading.
   */
  public TriggerClass section(String heading) {
    return sections.get(heading.toLowerCase(Locale.ROOT).strip());
  }

  /** How many trigger phrases were loaded after expansion. */
  public int size() {
    return ruleCount;
  }
}
