package dev.stratum.nlp.criteria;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.criteria.EligibilityCriterion;
import dev.stratum.core.criteria.TimeWindow;
import dev.stratum.core.criteria.Trial;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.Sex;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.nlp.ClinicalNlp;
import dev.stratum.nlp.context.ConText;
import dev.stratum.nlp.lexicon.LexiconEntry;
import dev.stratum.nlp.lexicon.PhraseTrie;
import dev.stratum.nlp.text.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses eligibility criteria as ClinicalTrials.gov shows them into structured criteria.
 *
 * <p>Layout: "Inclusion Criteria:" / "Exclusion Criteria:" headings (also "Key inclusion criteria",
 * "Criteria for exclusion"), numbered, lettered or bulleted items, nested items (a parent ending in
 * ":" is context, its children are the criteria), wrapped lines, and free prose (split into
 * sentences). Text before any heading is inclusion.
 *
 * <p>Content of each criterion: the concept from the clinical lexicon (type and code), negation by
 * ConText (Harkema et al. 2009), every numeric comparison ({@link Threshold}) with the main one on
 * the criterion, a look-back window, and the trial-level age and sex bounds.
 *
 * <p>Build once and reuse; one instance per thread (it holds a CoreNLP pipeline).
 */
public final class CriteriaParser {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern HEADING =
      Pattern.compile(
          "^\\s*(?:(?:key|main|major|principal|general|additional|specific|other)\\s+)?"
              + "(?:patient\\s+|subject\\s+)?(?<kind>inclusion|exclusion|eligibility)"
              + "(?:\\s+(?:criteria|criterion))?(?:\\s+for\\s+[^:\\n]{1,60})?\\s*(?<colon>:)?",
          FLAGS);
  private static final Pattern HEADING2 =
      Pattern.compile(
          "^\\s*criteria\\s+for\\s+(?<kind>inclusion|exclusion)\\s*(?<colon>:)?", FLAGS);
  private static final Pattern BULLET =
      Pattern.compile(
          "^(?<indent>[ \\t]*)(?:[-*•·◦▪●○■□➢►‣⁃o]|\\d{1,2}[.)](?!\\d)|\\(\\d{1,2}\\)|[a-zA-Z][.)](?=\\s)|\\([a-zA-Z]\\)|\\(?(?:i{1,3}|iv|v|vi{1,3}|ix|x)[.)])\\s+");
  private static final Pattern AGE_WORD =
      Pattern.compile(
          "\\b(?:age|aged|ages|years?\\s+old|yrs?\\s+old|years?\\s+of\\s+age|y/o|yo|adults?|older|younger|elderly|children|patients?\\s+\\d)\\b",
          FLAGS);
  private static final Pattern BARE_AGE =
      Pattern.compile("\\b(?:age|aged|ages|older|younger|years?\\s+old)\\b", FLAGS);
  private static final Pattern FEMALE =
      Pattern.compile(
          "\\b(?:female|females|women|woman|girls?|postmenopausal|pre-menopausal|premenopausal)\\b",
          FLAGS);
  private static final Pattern MALE = Pattern.compile("\\b(?:male|males|men|man|boys?)\\b", FLAGS);
  private static final Pattern SEX_CONTEXT =
      Pattern.compile(
          "childbearing|child-bearing|child bearing|pregnan|contracept|lactat|breast-?feed|nursing|wocbp|partner|sperm|fertile|reproductive|sexual",
          FLAGS);
  private static final Pattern LEADING_NEGATION =
      Pattern.compile(
          "^\\W*(?:no|not|without|absence\\s+of|free\\s+of|never|non|lack\\s+of|none)\\b", FLAGS);

  private static final Pattern INHIBITOR_AFTER =
      Pattern.compile("\\s*(?:[A-Za-z0-9-]+\\s+)?(?:inhibitors?|TKIs?)\\b", FLAGS);
  private static final Pattern PROTEIN_CHANGE =
      Pattern.compile("\\b(?:p\\.)?([A-Z]\\d{1,4}[A-Z])\\b");
  private static final Pattern EXON_ALTERATION =
      Pattern.compile("\\bexon\\s+\\d+\\s+(?:deletion|insertion|skipping)", FLAGS);
  private static final Pattern ELLIPSIS_HEAD =
      Pattern.compile(
          "(?<list>(?:[A-Za-z-]+,\\s*)*[A-Za-z-]+,?\\s+(?:or|and)\\s+)[A-Za-z-]+\\s+"
              + "(?<head>cancer|carcinoma|adenocarcinoma|tumou?rs?|metastases|disease)\\b",
          FLAGS);
  private static final Pattern ELLIPSIS_OF =
      Pattern.compile(
          "\\b(?<head>cancer|carcinoma|adenocarcinoma)\\s+of\\s+the\\s+[A-Za-z-]+\\s+or\\s+"
              + "(?:the\\s+)?(?<second>[A-Za-z-]+)",
          FLAGS);
  private static final Pattern ELLIPSIS_PARENS =
      Pattern.compile("\\b(?<head>metastases|metastasis)\\s*\\((?<list>[^)]*)\\)", FLAGS);
  private static final Pattern ELLIPSIS_NUMBER =
      Pattern.compile(
          "(?<phrase>[A-Za-z][A-Za-z -]*?\\b(?:stage|grade|class|type))\\s+\\d+\\s+or\\s+"
              + "(?<second>\\d+)\\b",
          FLAGS);

  private final ClinicalNlp nlp;

  private CriteriaParser(ClinicalNlp nlp) {
    this.nlp = nlp;
  }

  /** A parser with its own CoreNLP pipeline and the built-in lexicon. */
  public static CriteriaParser create() {
    return new CriteriaParser(ClinicalNlp.create());
  }

  /** A parser sharing an existing pipeline (same thread only). */
  public static CriteriaParser using(ClinicalNlp nlp) {
    return new CriteriaParser(nlp);
  }

  /**
   * Parses a registered trial: age and sex from the trial's structured fields when present, else
   * from the criteria text.
   */
  public TrialCriteria parse(Trial trial) {
    TrialCriteria fromText = parse(trial.nctId(), trial.eligibilityCriteria());
    double min = Double.isNaN(trial.minimumAge()) ? fromText.minAge() : trial.minimumAge();
    double max = Double.isNaN(trial.maximumAge()) ? fromText.maxAge() : trial.maximumAge();
    if (!Double.isNaN(trial.minimumAge()) || !Double.isNaN(trial.maximumAge())) {
      min = trial.minimumAge();
      max = trial.maximumAge();
    }
    if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
      max = Double.NaN;
    }
    Sex sex = trial.sex() != null && trial.sex() != Sex.UNKNOWN ? trial.sex() : fromText.sex();
    return new TrialCriteria(trial.nctId(), min, max, sex, fromText.criteria());
  }

  /** Parses criteria text; trial-level age and sex come from the text. */
  public TrialCriteria parse(String trialId, String text) {
    List<ParsedCriterion> parsed = parseDetailed(text);
    List<EligibilityCriterion> criteria = new ArrayList<>(parsed.size());
    double min = Double.NaN;
    double max = Double.NaN;
    boolean female = false;
    boolean male = false;
    for (ParsedCriterion p : parsed) {
      EligibilityCriterion c = p.criterion();
      criteria.add(c);
      if (c.type() == CriterionType.AGE && c.operator() != null) {
        double[] b = ageBounds(c);
        if (Double.isNaN(min) && !Double.isNaN(b[0])) {
          min = b[0];
        }
        if (Double.isNaN(max) && !Double.isNaN(b[1])) {
          max = b[1];
        }
      }
      if (c.kind() == CriterionKind.INCLUSION && !SEX_CONTEXT.matcher(c.text()).find()) {
        boolean f = FEMALE.matcher(c.text()).find();
        boolean m = MALE.matcher(c.text()).find();
        if (f && m) {
          female = true;
          male = true;
        } else if (f
            && (c.type() == CriterionType.SEX
                || c.type() == CriterionType.AGE
                || startsWithSex(c.text()))) {
          female = true;
        } else if (m
            && (c.type() == CriterionType.SEX
                || c.type() == CriterionType.AGE
                || startsWithSex(c.text()))) {
          male = true;
        }
      }
    }
    if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
      max = Double.NaN;
    }
    Sex sex = female && !male ? Sex.FEMALE : male && !female ? Sex.MALE : null;
    return new TrialCriteria(trialId, min, max, sex, criteria);
  }

  private static boolean startsWithSex(String text) {
    return Pattern.compile(
            "^\\W*(?:(?:adult|healthy|ambulatory|postmenopausal|premenopausal)\\s+)?(?:female|male|women|men|woman|man)\\b",
            FLAGS)
        .matcher(text)
        .find();
  }

  /** A written unit in canonical form: UCUM code, {@code x ULN}, {@code x LLN}, or empty. */
  public static String normaliseUnit(String written) {
    return ThresholdReader.unit(written);
  }

  /** {min, max} years implied by an age criterion; exclusions bound from the other side. */
  static double[] ageBounds(EligibilityCriterion c) {
    double lo = Double.NaN;
    double hi = Double.NaN;
    boolean incl = c.kind() == CriterionKind.INCLUSION;
    switch (c.operator()) {
      case GE, GT -> {
        if (incl) {
          lo = c.value();
        } else {
          hi = c.value();
        }
      }
      case LE, LT -> {
        if (incl) {
          hi = c.value();
        } else {
          lo = c.value();
        }
      }
      case BETWEEN -> {
        if (incl) {
          lo = c.value();
          hi = c.value2();
        }
      }
      case EQ -> {}
    }
    return new double[] {lo, hi};
  }

  private record Item(int begin, int end, boolean bullet, int indent, CriterionKind kind) {}

  /** Criteria with their evidence (spans and every comparison), in text order. */
  public List<ParsedCriterion> parseDetailed(String text) {
    List<ParsedCriterion> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    List<Item> items = items(text);
    int inc = 0;
    int exc = 0;
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      String raw = text.substring(it.begin, it.end).strip();
      boolean parent =
          raw.endsWith(":")
              && i + 1 < items.size()
              && items.get(i + 1).bullet
              && items.get(i + 1).kind == it.kind
              && (items.get(i + 1).indent > it.indent || !it.bullet);
      if (parent && !raw.matches("(?s).*\\d.*")) {
        continue;
      }
      if (raw.replaceAll("[^\\p{L}]", "").isEmpty()) {
        continue;
      }
      List<int[]> pieces = new ArrayList<>();
      if (!it.bullet && raw.length() > 120) {
        for (Sentence s : nlp.tokenizer().sentences(text.substring(it.begin, it.end))) {
          pieces.add(new int[] {it.begin + s.begin(), it.begin + s.end()});
        }
      } else {
        pieces.add(new int[] {it.begin, it.end});
      }
      for (int[] piece : pieces) {
        String id = it.kind == CriterionKind.INCLUSION ? "I" + (++inc) : "E" + (++exc);
        out.add(analyse(id, it.kind, text, piece[0], piece[1]));
      }
    }
    return out;
  }

  private List<Item> items(String text) {
    List<Item> items = new ArrayList<>();
    CriterionKind kind = CriterionKind.INCLUSION;
    int pos = 0;
    boolean blank = true;
    int curBegin = -1;
    int curEnd = -1;
    boolean curBullet = false;
    int curIndent = 0;
    CriterionKind curKind = kind;
    while (pos <= text.length()) {
      int nl = text.indexOf('\n', pos);
      int lineEnd = nl < 0 ? text.length() : nl;
      String line = text.substring(pos, lineEnd);
      int lineStart = pos;
      pos = lineEnd + 1;
      if (line.isBlank()) {
        blank = true;
        if (nl < 0) {
          break;
        }
        continue;
      }
      int contentStart = lineStart;
      Matcher b = BULLET.matcher(line);
      boolean bullet = b.lookingAt();
      int indent = 0;
      if (bullet) {
        indent = b.group("indent").replace("\t", "    ").length();
        contentStart = lineStart + b.end();
      }
      String content = text.substring(contentStart, lineEnd);
      Matcher h = HEADING.matcher(content);
      boolean isHeading = h.lookingAt();
      if (!isHeading) {
        h = HEADING2.matcher(content);
        isHeading = h.lookingAt();
      }
      if (isHeading) {
        String rest = content.substring(h.end()).strip();
        boolean headingLine = h.group("colon") != null || rest.isEmpty();
        if (headingLine && (rest.isEmpty() || h.group("colon") != null) && content.length() < 200) {
          if (curBegin >= 0) {
            items.add(new Item(curBegin, curEnd, curBullet, curIndent, curKind));
            curBegin = -1;
          }
          String k = h.group("kind").toLowerCase(Locale.ROOT);
          if (k.equals("exclusion")) {
            kind = CriterionKind.EXCLUSION;
          } else if (k.equals("inclusion")) {
            kind = CriterionKind.INCLUSION;
          }
          blank = true;
          if (!rest.isEmpty()) {
            int rs = contentStart + h.end();
            while (rs < lineEnd && Character.isWhitespace(text.charAt(rs))) {
              rs++;
            }
            curBegin = rs;
            curEnd = lineEnd;
            curBullet = false;
            curIndent = 0;
            curKind = kind;
            blank = false;
          }
          if (nl < 0) {
            break;
          }
          continue;
        }
      }
      boolean continuation =
          !bullet
              && curBegin >= 0
              && !blank
              && !text.substring(curBegin, curEnd).strip().endsWith(":");
      if (continuation) {
        curEnd = lineEnd;
      } else {
        if (curBegin >= 0) {
          items.add(new Item(curBegin, curEnd, curBullet, curIndent, curKind));
        }
        int cs = contentStart;
        while (cs < lineEnd && Character.isWhitespace(text.charAt(cs))) {
          cs++;
        }
        curBegin = cs;
        curEnd = lineEnd;
        curBullet = bullet;
        curIndent = bullet ? indent : line.length() - line.stripLeading().length();
        curKind = kind;
      }
      blank = false;
      if (nl < 0) {
        break;
      }
    }
    if (curBegin >= 0) {
      items.add(new Item(curBegin, curEnd, curBullet, curIndent, curKind));
    }
    return items;
  }

  private ParsedCriterion analyse(
      String id, CriterionKind kind, String source, int begin, int end) {
    while (end > begin && Character.isWhitespace(source.charAt(end - 1))) {
      end--;
    }
    String view = source.substring(begin, end);
    String display = view.replaceAll("\\s+", " ").strip();
    List<Threshold> thresholds = ThresholdReader.read(view, begin);
    TimeWindow window = ThresholdReader.window(view);

    // Concept: first mention, but a biomarker, performance score or measured lab wins.
    List<Sentence> sentences = nlp.tokenizer().sentences(view);
    LexiconEntry best = null;
    int bestRank = Integer.MAX_VALUE;
    int cb = -1;
    int ce = -1;
    AssertionStatus status = AssertionStatus.AFFIRMED;
    List<Mention> mentions = new ArrayList<>();
    for (Sentence s : sentences) {
      List<PhraseTrie.Match<LexiconEntry>> found = nlp.lexicon().phrases().findAll(s.tokens());
      List<ConText.Trigger> triggers = found.isEmpty() ? List.of() : nlp.triggers(s);
      for (PhraseTrie.Match<LexiconEntry> m : found) {
        LexiconEntry e = m.values().get(0);
        int mb = s.get(m.start()).begin();
        int me = s.get(m.end() - 1).end();
        if (e.category().equals("biomarker")
            && INHIBITOR_AFTER.matcher(view.substring(me)).lookingAt()) {
          // "a KRAS G12C inhibitor", "any BRAF inhibitor": a drug class, not the tumour's status.
          continue;
        }
        mentions.add(new Mention(e, begin + mb, begin + me));
        boolean measured = nearThreshold(thresholds, begin + me);
        int rank =
            switch (e.category()) {
              case "biomarker" -> 0;
              case "performance" -> 1;
              case "lab" -> measured ? 2 : 6;
              case "condition", "drug", "procedure" -> 5;
              case "pregnancy" -> 7;
              case "smoking" -> 7;
              default -> measured ? 4 : 8;
            };
        if (rank < bestRank) {
          bestRank = rank;
          best = e;
          cb = begin + mb;
          ce = begin + me;
          status = nlp.assertionAt(triggers, m.start(), m.end());
        }
      }
    }

    if (best != null && isGenericMetastasis(best)) {
      // "Locally advanced or metastatic NSCLC": "metastatic" qualifies the cancer named next.
      for (Mention m : mentions) {
        if (m.entry().category().equals("condition") && !isGenericMetastasis(m.entry())) {
          best = m.entry();
          cb = m.begin();
          ce = m.end();
          break;
        }
      }
    }

    boolean ageCriterion = false;
    Threshold ageThreshold = null;
    boolean ageWord = AGE_WORD.matcher(view).find();
    for (Threshold t : thresholds) {
      if (isAgeThreshold(t, view, ageWord, best == null && window == null, bestRank)) {
        ageThreshold = t;
        ageCriterion = true;
        break;
      }
    }
    if (ageThreshold != null && ageThreshold.operator() != Comparison.BETWEEN) {
      // "≥ 18 and ≤ 75 years of age": two one-sided bounds make a range.
      boolean lower =
          ageThreshold.operator() == Comparison.GE || ageThreshold.operator() == Comparison.GT;
      for (Threshold t : thresholds) {
        if (t == ageThreshold || !isAgeThreshold(t, view, ageWord, true, bestRank)) {
          continue;
        }
        boolean upper = t.operator() == Comparison.LE || t.operator() == Comparison.LT;
        if (lower && upper && t.value() > ageThreshold.value()) {
          String unit = ageThreshold.unit().isEmpty() ? t.unit() : ageThreshold.unit();
          ageThreshold =
              new Threshold(
                  Comparison.BETWEEN,
                  ageThreshold.value(),
                  t.value(),
                  unit,
                  ageThreshold.begin(),
                  t.end());
          break;
        }
      }
    }

    CriterionType type;
    String concept = "";
    Code code = null;
    Threshold main = null;
    if (ageCriterion) {
      type = CriterionType.AGE;
      concept = "age";
      main = ageThreshold;
      if (main.unit().equals("mo")) {
        main =
            new Threshold(
                main.operator(),
                main.value() / 12,
                Double.isNaN(main.value2()) ? Double.NaN : main.value2() / 12,
                "a",
                main.begin(),
                main.end());
      } else if (!main.unit().equals("a")) {
        main =
            new Threshold(
                main.operator(), main.value(), main.value2(), "a", main.begin(), main.end());
      }
    } else if (best == null
        && (FEMALE.matcher(view).find() || MALE.matcher(view).find())
        && display.length() < 80
        && !SEX_CONTEXT.matcher(view).find()) {
      type = CriterionType.SEX;
      concept = "sex";
    } else {
      type = best == null ? CriterionType.OTHER : typeOf(best);
      if (best != null) {
        concept = best.concept();
        code = best.code();
        if (best.category().equals("biomarker") && !best.attribute("gene").isEmpty()) {
          // "EGFR exon 19 deletion", "EGFR L858R", "ERBB2 3+": the gene with its result
          String result = nlp.biomarkerResult(best, source, ce, end);
          if (!result.isEmpty()) {
            concept = concept + " " + result;
          }
        }
      }
      for (Threshold t : thresholds) {
        if (!t.temporal()) {
          main = t;
          break;
        }
      }
      if (main == null && window == null && !thresholds.isEmpty()) {
        main = thresholds.get(0);
      }
    }
    boolean negated = status.negated() || LEADING_NEGATION.matcher(view).find();
    List<Code> alternatives = List.of();
    if (best != null && !ageCriterion && type != CriterionType.SEX && code != null) {
      alternatives = alternatives(best, mentions, view, source, end);
      if (best.category().equals("biomarker")) {
        code = alternatives.get(0);
        alternatives = alternatives.subList(1, alternatives.size());
      }
    }
    EligibilityCriterion c =
        new EligibilityCriterion(
            id,
            kind,
            display,
            type,
            concept,
            code,
            negated,
            main == null ? null : main.operator(),
            main == null ? Double.NaN : main.value(),
            main == null || main.operator() != Comparison.BETWEEN ? Double.NaN : main.value2(),
            main == null ? "" : main.unit(),
            window,
            alternatives);
    return new ParsedCriterion(c, begin, end, cb, ce, thresholds);
  }

  /** A concept mention in a criterion: the entry and its span in the source. */
  private record Mention(LexiconEntry entry, int begin, int end) {}

  /** "Metastatic" (C79.9) and "advanced cancer" (C80.1): qualifiers when a cancer is named. */
  private static boolean isGenericMetastasis(LexiconEntry e) {
    return e.category().equals("condition")
        && e.code() != null
        && (e.code().toString().equals("ICD10CM:C79.9")
            || e.code().toString().equals("ICD10CM:C80.1"));
  }

  /**
   * Codes of the criterion, its own first: for conditions and drugs every other mention of the same
   * category ("NSCLC or colorectal cancer", "alpelisib or any PI3K inhibitor", "autoimmune disease
   * (e.g. rheumatoid arthritis)"), the lexicon's {@code also} codes (colorectal cancer is also C19
   * and C20) and the concepts an elliptic list names ("lung, breast or colorectal cancer",
   * "adenocarcinoma of the colon or rectum", "stage 4 or 5"); for biomarkers every gene named, with
   * the alteration when the text names one per alternative ("PIK3CA H1047R or E545K" gives
   * PIK3CA/H1047R and PIK3CA/E545K; "EGFR exon 19 deletion or L858R" stays EGFR, any alteration).
   */
  private List<Code> alternatives(
      LexiconEntry best, List<Mention> mentions, String view, String source, int end) {
    String category = best.category();
    List<Code> out = new ArrayList<>();
    if (category.equals("biomarker")) {
      java.util.Map<String, List<String>> changes = new java.util.LinkedHashMap<>();
      for (Mention m : mentions) {
        LexiconEntry e = m.entry();
        String gene = e.attribute("gene");
        if (!e.category().equals("biomarker") || gene.isEmpty()) {
          continue;
        }
        List<String> list = changes.computeIfAbsent(gene, k -> new ArrayList<>());
        String result = nlp.biomarkerResult(e, source, m.end(), end);
        String change = change(result);
        if (change == null) {
          list.add("");
        } else if (!list.contains(change)) {
          list.add(change);
        }
      }
      // Further protein changes listed for the criterion's gene: "(H1047R or E545K)".
      String gene = best.attribute("gene");
      List<String> own = changes.get(gene);
      if (own != null && !own.contains("")) {
        Matcher pc = PROTEIN_CHANGE.matcher(view);
        while (pc.find()) {
          String ch = pc.group(1).toUpperCase(Locale.ROOT);
          if (!own.contains(ch)) {
            own.add(ch);
          }
        }
        if (EXON_ALTERATION.matcher(view).find()) {
          own.add(""); // an exon-level alteration has no single protein change: any in the gene
        }
      }
      for (var e : changes.entrySet()) {
        if (e.getValue().contains("") || e.getValue().isEmpty()) {
          out.add(Code.of(dev.stratum.core.model.CodeSystem.HGNC, e.getKey()));
        } else {
          for (String ch : e.getValue()) {
            out.add(Code.of(dev.stratum.core.model.CodeSystem.HGNC, e.getKey() + "/" + ch));
          }
        }
      }
      if (out.isEmpty()) {
        out.add(best.code());
      }
      return out;
    }
    if (!category.equals("condition") && !category.equals("drug")) {
      return out;
    }
    List<LexiconEntry> entries = new ArrayList<>();
    for (Mention m : mentions) {
      entries.add(m.entry());
    }
    for (String variant : ellipses(view)) {
      for (Sentence s : nlp.tokenizer().sentences(variant)) {
        for (PhraseTrie.Match<LexiconEntry> m : nlp.lexicon().phrases().findAll(s.tokens())) {
          entries.add(m.values().get(0));
        }
      }
    }
    boolean specific = false;
    for (LexiconEntry e : entries) {
      specific |= e.category().equals(category) && !isGenericMetastasis(e);
    }
    for (LexiconEntry e : entries) {
      if (!e.category().equals(category)
          || e.code() == null
          || specific && isGenericMetastasis(e) && !isGenericMetastasis(best)) {
        continue;
      }
      out.add(e.code());
      for (String also : e.attribute("also").split("\\|")) {
        int colon = also.indexOf(':');
        if (colon > 0) {
          out.add(
              Code.of(
                  dev.stratum.core.model.CodeSystem.valueOf(also.substring(0, colon)),
                  also.substring(colon + 1)));
        }
      }
    }
    return out;
  }

  /** The alteration a biomarker result names, "" for the gene as a whole, null for none. */
  private static String change(String result) {
    String r = result.strip();
    if (r.isEmpty()) {
      return null;
    }
    String lower = r.toLowerCase(Locale.ROOT);
    if (lower.startsWith("amplif")) {
      return "AMPLIFICATION";
    }
    if (lower.startsWith("fusion")
        || lower.startsWith("rearrang")
        || lower.startsWith("transloc")) {
      return "FUSION";
    }
    Matcher m = PROTEIN_CHANGE.matcher(r);
    if (m.lookingAt()) {
      return m.group(1).toUpperCase(Locale.ROOT);
    }
    return null;
  }

  /**
   * The concepts an elliptic coordination names, spelled out: "lung, breast or colorectal cancer"
   * gives "lung cancer" and "breast cancer"; "adenocarcinoma of the colon or rectum" gives
   * "adenocarcinoma of the rectum"; "metastases (liver, lung, bone or brain)" gives "liver
   * metastases", ...; "chronic kidney disease stage 4 or 5" gives "chronic kidney disease stage 5".
   */
  static List<String> ellipses(String view) {
    List<String> out = new ArrayList<>();
    Matcher a = ELLIPSIS_HEAD.matcher(view);
    while (a.find()) {
      for (String w : a.group("list").split("\\s*(?:,|\\bor\\b|\\band\\b)\\s*")) {
        if (!w.isBlank()) {
          out.add(w.strip() + " " + a.group("head"));
        }
      }
    }
    Matcher b = ELLIPSIS_OF.matcher(view);
    while (b.find()) {
      out.add(b.group("head") + " of the " + b.group("second"));
    }
    Matcher c = ELLIPSIS_PARENS.matcher(view);
    while (c.find()) {
      for (String w : c.group("list").split("\\s*(?:,|\\bor\\b|\\band\\b)\\s*")) {
        if (!w.isBlank()) {
          out.add(w.strip() + " " + c.group("head"));
        }
      }
    }
    Matcher d = ELLIPSIS_NUMBER.matcher(view);
    while (d.find()) {
      out.add(d.group("phrase") + " " + d.group("second"));
    }
    return out;
  }

  private static boolean isAgeThreshold(
      Threshold t, String view, boolean ageWord, boolean nothingElse, int bestRank) {
    boolean years = t.unit().equals("a") || t.unit().equals("mo");
    boolean yearsOrBare = years || t.unit().isEmpty();
    double v = t.unit().equals("mo") ? t.value() / 12 : t.value();
    if (!yearsOrBare || v < 0 || v > 120 || bestRank <= 2) {
      return false;
    }
    if (ageWord) {
      return years || BARE_AGE.matcher(view).find();
    }
    // "Over 18 years", "between 18 and 80 years": years with no other subject
    return years && nothingElse;
  }

  private static boolean nearThreshold(List<Threshold> thresholds, int mentionEnd) {
    for (Threshold t : thresholds) {
      if (t.begin() >= mentionEnd && t.begin() - mentionEnd <= 40) {
        return true;
      }
    }
    return false;
  }

  private static CriterionType typeOf(LexiconEntry e) {
    return switch (e.category()) {
      case "condition", "pregnancy" -> CriterionType.CONDITION;
      case "drug" -> CriterionType.DRUG;
      case "lab" -> CriterionType.LAB;
      case "biomarker" -> CriterionType.BIOMARKER;
      case "performance" -> CriterionType.PERFORMANCE;
      case "procedure" -> CriterionType.PROCEDURE;
      default -> CriterionType.OTHER;
    };
  }
}
