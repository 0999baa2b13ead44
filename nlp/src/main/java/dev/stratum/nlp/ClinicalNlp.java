package dev.stratum.nlp;

import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.EvidenceSpan;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.core.units.Ucum;
import dev.stratum.nlp.context.ConText;
import dev.stratum.nlp.context.ContextRules;
import dev.stratum.nlp.context.Sections;
import dev.stratum.nlp.context.TriggerClass;
import dev.stratum.nlp.lexicon.Lexicon;
import dev.stratum.nlp.lexicon.LexiconEntry;
import dev.stratum.nlp.lexicon.PhraseTrie;
import dev.stratum.nlp.lexicon.ValuePatterns;
import dev.stratum.nlp.text.ClinicalTokenizer;
import dev.stratum.nlp.text.Sentence;
import dev.stratum.nlp.text.Token;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Clinical fact extraction from free-text notes: concepts from the curated lexicon with their
 * codes, values in canonical UCUM units, dates, and ConText assertion status (negated, uncertain,
 * historical, experiencer), each with the character span as evidence.
 *
 * <p>Pipeline: Stanford CoreNLP tokenize and ssplit ({@link ClinicalTokenizer}), longest-match
 * lexicon look-up over tokens, value patterns on the text right of each mention, ConText over the
 * sentence (Harkema et al. 2009) plus section context.
 *
 * <p>Build once with {@link #create()} (about half a second: CoreNLP and the lexicon) and reuse.
 * One instance per thread: the CoreNLP pipeline is not shared across threads here; a Spark job
 * builds one per partition and never serialises it.
 */
public final class ClinicalNlp {
  private static final int VALUE_WINDOW = 60;
  private static final java.util.Set<String> PROSE_AFTER_NUMBER =
      java.util.Set.of("in", "at", "on", "and", "or", "for", "to", "of", "by", "from");
  private static final int BIOMARKER_WINDOW = 40;

  private final ClinicalTokenizer tokenizer;
  private final Lexicon lexicon;
  private final ConText context;
  private final ValuePatterns patterns;

  private ClinicalNlp(
      ClinicalTokenizer tokenizer, Lexicon lexicon, ConText context, ValuePatterns patterns) {
    this.tokenizer = tokenizer;
    this.lexicon = lexicon;
    this.context = context;
    this.patterns = patterns;
  }

  /** The pipeline with the built-in lexicon and ConText rules. */
  public static ClinicalNlp create() {
    return create(List.of());
  }

  /** The pipeline with extra lexicon files (same TSV format as the built-in ones). */
  public static ClinicalNlp create(List<Path> extraLexiconFiles) {
    ClinicalTokenizer t = ClinicalTokenizer.create();
    return new ClinicalNlp(
        t,
        Lexicon.load(t, extraLexiconFiles),
        new ConText(ContextRules.builtIn(t)),
        ValuePatterns.builtIn());
  }

  public Lexicon lexicon() {
    return lexicon;
  }

  public ClinicalTokenizer tokenizer() {
    return tokenizer;
  }

  ConText context() {
    return context;
  }

  ValuePatterns patterns() {
    return patterns;
  }

  /**
   * Facts stated in a note, one per concept mention, in text order.
   *
   * @param noteId the note's id (evidence source)
   * @param personId the patient's id
   * @param noteDate the note's date, used as a fact's date when the sentence states none; may be
   *     null
   * @param text the note text; null or blank gives no facts
   */
  public List<NoteFact> extract(String noteId, String personId, LocalDate noteDate, String text) {
    List<NoteFact> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    Sections sections = Sections.of(text, context.rules());
    LexiconEntry antecedent = null;
    for (Sentence s : tokenizer.sentences(text)) {
      List<PhraseTrie.Match<LexiconEntry>> mentions = lexicon.phrases().findAll(s.tokens());
      if (mentions.isEmpty()) {
        continue;
      }
      List<ConText.Trigger> triggers = context.triggers(s.tokens());
      LocalDate date = statedDate(text.substring(s.begin(), s.end()));
      if (date == null) {
        date = noteDate;
      }
      for (PhraseTrie.Match<LexiconEntry> m : mentions) {
        LexiconEntry e = m.values().get(0);
        if (e.category().equals("other")) {
          continue;
        }
        Token first = s.get(m.start());
        Token last = s.get(m.end() - 1);
        Mention value = readValue(e, text, last.end(), s.end());
        String surface = text.substring(first.begin(), last.end());
        if (!keep(e, surface, value)) {
          continue;
        }
        AssertionStatus st =
            context.assess(triggers, m.start(), m.end(), sectionFor(e, sections.at(first.begin())));
        if (e.category().equals("biomarker") && isNegativeResult(value.text)) {
          st = new AssertionStatus(true, st.uncertain(), st.historical(), st.experiencer());
        }
        int end = Math.max(last.end(), value.end);
        String concept = e.concept();
        Code code = e.code();
        if (st.experiencer() == Experiencer.FAMILY && !e.attribute("family").isEmpty()) {
          // ICD-10-CM codes a relative's disease as the patient's family history (Z80-Z84),
          // Official Guidelines for Coding and Reporting FY2025, I.C.21.c.4.
          code = new Code(CodeSystem.ICD10CM, e.attribute("family"), "family history");
        } else if (isUnspecifiedNeoplasm(code) && antecedent != null && !st.negated()) {
          // "Tumour tissue sent for profiling" after "left breast cancer": a generic neoplasm
          // word refers back to the most recent specific primary cancer of the note (definite
          // noun-phrase anaphora, nearest compatible antecedent; Zheng et al., J Biomed Inform
          // 44:1113-1122, 2011).
          concept = antecedent.concept();
          code = antecedent.code();
        }
        if (isSpecificPrimary(code) && st.experiencer() == Experiencer.PATIENT && !st.negated()) {
          antecedent = new LexiconEntry(e.category(), concept, code, Map.of());
        }
        out.add(
            new NoteFact(
                noteId,
                personId,
                e.category(),
                concept,
                code,
                value.number,
                value.unit,
                value.text,
                date,
                st,
                new EvidenceSpan(noteId, first.begin(), end, text.substring(first.begin(), end))));
      }
    }
    return out;
  }

  /** ICD-10-CM C80.1, "Malignant (primary) neoplasm, unspecified": "tumour", "malignancy". */
  private static boolean isUnspecifiedNeoplasm(Code c) {
    return c != null && c.system() == CodeSystem.ICD10CM && c.code().equals("C80.1");
  }

  /** ICD-10-CM C00-C76: malignant neoplasms of a stated primary site (C77-C80 are not). */
  private static boolean isSpecificPrimary(Code c) {
    if (c == null || c.system() != CodeSystem.ICD10CM || c.code().length() < 3) {
      return false;
    }
    String k = c.code();
    return k.charAt(0) == 'C'
        && Character.isDigit(k.charAt(1))
        && Character.isDigit(k.charAt(2))
        && Integer.parseInt(k.substring(1, 3)) <= 76;
  }

  // A Plan section makes actions hypothetical (drugs to start, tests to order); a diagnosis
  // restated
  // in the plan ("Newly diagnosed breast cancer, responding") is still asserted.
  private static TriggerClass sectionFor(LexiconEntry e, TriggerClass section) {
    if (section == TriggerClass.UNCERTAIN
        && (e.category().equals("condition") || e.category().equals("biomarker"))) {
      return null;
    }
    return section;
  }

  /** Value read next to a mention; {@code end} is where it stops (for the evidence span). */
  record Mention(double number, String unit, String text, int end) {
    static Mention none(int end) {
      return new Mention(Double.NaN, "", "", end);
    }
  }

  private static boolean keep(LexiconEntry e, String surface, Mention v) {
    // One- to three-letter lab abbreviations (T, K, Na, HR, EF) are facts only with a value.
    if ((e.category().equals("lab") || e.category().equals("performance"))
        && surface.length() <= 3
        && Double.isNaN(v.number)) {
      return false;
    }
    return true;
  }

  private static boolean isNegativeResult(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    return s.equals("negative")
        || s.equals("neg")
        || s.equals("-")
        || s.startsWith("wild")
        || s.equals("wt")
        || s.equals("proficient");
  }

  /**
   * The biomarker result written right after a gene mention ending at {@code from}: a variant
   * ("L858R"), "exon 19 deletion", an IHC score ("3+"), a status word ("positive",
   * "rearrangement"), or empty.
   */
  public String biomarkerResult(LexiconEntry gene, String text, int from, int to) {
    return biomarker(gene, text, from, Math.min(to, from + BIOMARKER_WINDOW)).text;
  }

  Mention readValue(LexiconEntry e, String text, int from, int sentenceEnd) {
    switch (e.category()) {
      case "lab", "performance" -> {
        return numeric(e, text, from, Math.min(sentenceEnd, from + VALUE_WINDOW));
      }
      case "biomarker" -> {
        return biomarker(e, text, from, Math.min(sentenceEnd, from + BIOMARKER_WINDOW));
      }
      case "smoking", "pregnancy" -> {
        return new Mention(Double.NaN, "", e.attribute("value"), from);
      }
      default -> {
        return Mention.none(from);
      }
    }
  }

  private Mention numeric(LexiconEntry e, String text, int from, int to) {
    Matcher m = patterns.get("lab_value").matcher(text).region(from, Math.max(from, to));
    if (!m.lookingAt() || m.group("num") == null) {
      return Mention.none(from);
    }
    double v;
    try {
      v = Double.parseDouble(m.group("num").replace(',', '.'));
    } catch (NumberFormatException ex) {
      return Mention.none(from);
    }
    String defaultUnit = e.attribute("unit");
    String unit = defaultUnit;
    int end = m.end("num");
    String written = m.group("unit");
    // "SCr 2.1 in [**3-17**]": a preposition after the number is prose, not the inch ("in" is a
    // UCUM synonym of [in_i]) or another unit.
    if (written != null && PROSE_AFTER_NUMBER.contains(written.toLowerCase(Locale.ROOT))) {
      written = null;
    }
    if (written != null) {
      var canon = Ucum.lookup(written.replace(" ", ""));
      if (canon.isEmpty()) {
        canon = Ucum.lookup(written);
      }
      if (canon.isPresent()) {
        String c = canon.get();
        if (!defaultUnit.isEmpty() && Ucum.isCanonical(defaultUnit) && !c.equals(defaultUnit)) {
          if (Ucum.commensurable(c, defaultUnit)) {
            v = Ucum.convert(v, c, defaultUnit);
          } else if (c.equals("%") || c.equals("1")) {
            // "white count, approximately 50% lymphocytes": the number is not this lab's value
            return Mention.none(from);
          } else {
            // glucose 7.2 mmol/L vs mg/dL: converting needs the analyte's molar mass; keep as
            // written
            unit = c;
          }
        } else {
          unit = c;
        }
        end = m.end("unit");
      }
    }
    String op = m.group("op");
    return new Mention(v, unit, op == null ? "" : normaliseOperator(op), end);
  }

  static String normaliseOperator(String op) {
    return switch (op) {
      case "≤", "=<" -> "<=";
      case "≥", "=>" -> ">=";
      default -> op;
    };
  }

  private Mention biomarker(LexiconEntry e, String text, int from, int to) {
    String implied = e.attribute("value");
    if (!implied.isEmpty()) {
      return new Mention(Double.NaN, "", implied, from);
    }
    int hi = Math.max(from, to);
    for (String name : List.of("variant", "exon", "ihc", "percent", "status")) {
      Matcher m = patterns.get(name).matcher(text).region(from, hi);
      if (m.lookingAt()) {
        if (name.equals("percent")) {
          return new Mention(Double.parseDouble(m.group("num")), "%", "", m.end());
        }
        String val = m.group("val").replaceAll("\\s+", " ").strip();
        if (name.equals("status")) {
          val = statusWord(val);
        }
        if (name.equals("ihc")) {
          val = val.replace(" ", "");
        }
        return new Mention(Double.NaN, "", val, m.end());
      }
    }
    return Mention.none(from);
  }

  private static String statusWord(String w) {
    String s = w.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "+", "pos" -> "positive";
      case "-", "neg" -> "negative";
      case "amplified" -> "amplification";
      case "overexpressed", "over-expression" -> "overexpression";
      case "rearranged", "rearrangements", "translocation", "fusions" -> "rearrangement";
      case "mutated", "mutant", "mutations" -> "mutation";
      case "wild type", "wt" -> "wild-type";
      default -> s;
    };
  }

  /** The first date written in {@code sentence}, or null. */
  LocalDate statedDate(String sentence) {
    Matcher m = patterns.get("date").matcher(sentence);
    while (m.find()) {
      try {
        if (m.group("y") != null) {
          return LocalDate.of(
              Integer.parseInt(m.group("y")),
              Integer.parseInt(m.group("m")),
              Integer.parseInt(m.group("d")));
        }
        return LocalDate.of(
            Integer.parseInt(m.group("y2")),
            Integer.parseInt(m.group("m2")),
            Integer.parseInt(m.group("d2")));
      } catch (DateTimeException | NumberFormatException ex) {
        // not a real date ("2148-13-40"): keep looking
      }
    }
    return null;
  }

  /** The ConText triggers of a sentence, for {@link #assertionAt}. */
  public List<ConText.Trigger> triggers(Sentence s) {
    return context.triggers(s.tokens());
  }

  /** ConText status of tokens {@code [start, end)} of a sentence (no section context). */
  public AssertionStatus assertionAt(List<ConText.Trigger> triggers, int start, int end) {
    return context.assess(triggers, start, end, null);
  }

  /** A code for display: {@code SYSTEM:code}, or empty. */
  public static String codeText(Code c) {
    return c == null ? "" : c.toString();
  }

  /**
   * The ConText assertion status of {@code target} in {@code text} (a sentence or a short passage,
   * which may start with a section heading such as "Family history:"). The target is located
   * exactly, then case-insensitively, then ignoring spacing and punctuation, then by the best word
   * overlap; when nothing of it is found, the end of the text is judged. Never throws on any string
   * input.
   */
  public AssertionStatus assertion(String text, String target) {
    if (text == null || text.isBlank()) {
      return AssertionStatus.AFFIRMED;
    }
    List<Sentence> sentences = tokenizer.sentences(text);
    if (sentences.isEmpty()) {
      return AssertionStatus.AFFIRMED;
    }
    int[] span = TargetLocator.locate(text, target == null ? "" : target, sentences);
    return assertionOfSpan(text, sentences, span[0], span[1]);
  }

  /**
   * The ConText assertion status of the characters {@code [begin, end)} of {@code text}, judged in
   * the sentence that contains them, with the section context of {@code text}.
   */
  public AssertionStatus assertionOfSpan(String text, int begin, int end) {
    if (text == null || text.isBlank()) {
      return AssertionStatus.AFFIRMED;
    }
    return assertionOfSpan(text, tokenizer.sentences(text), begin, end);
  }

  private AssertionStatus assertionOfSpan(
      String text, List<Sentence> sentences, int begin, int end) {
    if (sentences.isEmpty()) {
      return AssertionStatus.AFFIRMED;
    }
    int[] span = {begin, end};
    Sentence sentence = sentences.get(sentences.size() - 1);
    for (Sentence s : sentences) {
      if (span[0] < s.end() && span[1] > s.begin() || span[0] < s.begin()) {
        sentence = s;
        break;
      }
    }
    int ts = -1;
    int te = -1;
    for (int i = 0; i < sentence.size(); i++) {
      Token t = sentence.get(i);
      if (t.end() > span[0] && t.begin() < span[1]) {
        if (ts < 0) {
          ts = i;
        }
        te = i + 1;
      }
    }
    if (ts < 0) {
      ts = sentence.size() - 1;
      te = sentence.size();
    }
    TriggerClass section = Sections.of(text, context.rules()).at(span[0]);
    for (PhraseTrie.Match<LexiconEntry> m : lexicon.phrases().findAll(sentence.tokens())) {
      if (m.start() < te && m.end() > ts) {
        section = sectionFor(m.values().get(0), section);
        break;
      }
    }
    return context.assess(context.triggers(sentence.tokens()), ts, te, section);
  }
}
