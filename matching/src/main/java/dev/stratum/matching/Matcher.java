package dev.stratum.matching;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.core.model.Code;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.matching.Compiler.Compiled;
import dev.stratum.matching.MatchResult.CriterionResult;
import dev.stratum.matching.MatchResult.Evidence;
import dev.stratum.matching.MatchResult.FunnelStep;
import dev.stratum.matching.MatchResult.PatientMatch;
import dev.stratum.matching.MatchResult.Result;
import dev.stratum.matching.MatchResult.Status;
import dev.stratum.matching.PatientItems.Item;
import java.io.IOException;
import java.io.StringReader;
import java.text.BreakIterator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Matches a trial's criteria against a {@link PatientIndex}.
 *
 * <p>Each criterion compiles to Lucene queries for "met" and "known" ({@link Compiler}); each query
 * is run once over the whole index into a bit set, and statuses, counts, the funnel and the ranking
 * are set algebra on those bit sets. A patient is <b>eligible</b> when every inclusion is met and
 * no exclusion is met, <b>needs review</b> when nothing fails but some criterion is unknown, and
 * <b>ineligible</b> when an inclusion is not met or an exclusion is met. Only the ranked patients
 * returned are read back from the index, to attach evidence.
 *
 * <p>The funnel is greedy: at each step the criterion that leaves the fewest patients comes next
 * (the order a screener would apply to narrow a list fastest); a patient "remains" while no
 * criterion applied so far fails them.
 */
public final class Matcher {
  private Matcher() {}

  /**
   * Matches a parsed trial: its criteria plus the trial-level age and sex bounds (as criteria
   * {@code AGE} and {@code SEX} when the criteria do not state them) and being alive.
   */
  public static MatchResult match(PatientIndex index, TrialCriteria trial, MatchOptions options) {
    return match(index, trial.trialId(), criteriaOf(trial), options);
  }

  /** The matcher's criteria for a parsed trial, trial-level bounds included. */
  public static List<MatchCriterion> criteriaOf(TrialCriteria trial) {
    return criteriaOf(
        trial.minAge(),
        trial.maxAge(),
        trial.sexLabel(),
        trial.criteria().stream().map(MatchCriterion::of).toList());
  }

  /** Matches a criteria file's content (trial-level bounds included). */
  public static MatchResult match(
      PatientIndex index, MatchJson.ParsedCriteria parsed, MatchOptions options) {
    return match(
        index,
        parsed.trialId(),
        criteriaOf(parsed.minAge(), parsed.maxAge(), parsed.sex(), parsed.criteria()),
        options);
  }

  /**
   * Criteria plus the trial-level age and sex bounds as criteria {@code AGE} and {@code SEX} when
   * the criteria do not state them.
   */
  public static List<MatchCriterion> criteriaOf(
      double minAge, double maxAge, String sexLabel, List<MatchCriterion> given) {
    List<MatchCriterion> out = new ArrayList<>();
    boolean hasAge = false;
    boolean hasSex = false;
    for (MatchCriterion c : given) {
      hasAge |= c.type() == CriterionType.AGE && c.operator() != null;
      hasSex |= c.type() == CriterionType.SEX;
    }
    double lo = minAge;
    double hi = maxAge;
    if (!hasAge && (!Double.isNaN(lo) || !Double.isNaN(hi))) {
      Comparison op =
          Double.isNaN(lo) ? Comparison.LE : Double.isNaN(hi) ? Comparison.GE : Comparison.BETWEEN;
      out.add(
          new MatchCriterion(
              "AGE",
              CriterionKind.INCLUSION,
              "Age "
                  + (Double.isNaN(lo) ? "" : ">= " + fmt(lo))
                  + (Double.isNaN(lo) || Double.isNaN(hi) ? "" : " and ")
                  + (Double.isNaN(hi) ? "" : "<= " + fmt(hi))
                  + " years (trial registration)",
              CriterionType.AGE,
              "age",
              List.of(),
              false,
              op,
              Double.isNaN(lo) ? hi : lo,
              op == Comparison.BETWEEN ? hi : Double.NaN,
              "a",
              null,
              ""));
    }
    String sex = sexLabel == null ? "all" : sexLabel.toLowerCase(Locale.ROOT);
    if (!hasSex && (sex.equals("female") || sex.equals("male"))) {
      out.add(
          new MatchCriterion(
              "SEX",
              CriterionKind.INCLUSION,
              "Sex: " + sex + " (trial registration)",
              CriterionType.SEX,
              sex,
              List.<Code>of(),
              false,
              null,
              Double.NaN,
              Double.NaN,
              "",
              null,
              ""));
    }
    out.addAll(given);
    return out;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** The evaluation day {@code options} imply for {@code index}. */
  public static LocalDate evaluationDate(PatientIndex index, MatchOptions options) {
    LocalDate d = options.evaluationDate();
    if (d == null) {
      d = index.info().asOf() != null ? index.info().asOf() : LocalDate.now(ZoneOffset.UTC);
    }
    LocalDate through = index.info().dataThrough();
    if (through != null && d.isBefore(through)) {
      throw InvalidInputException.ofArgument(
          "--as-of",
          "evaluation date "
              + d
              + " is before the last record of snapshot "
              + index.info().snapshotId()
              + " ("
              + through
              + "); latest values would come from after it. Build a point-in-time snapshot"
              + " (stratum features --as-of "
              + d
              + ") and index that");
    }
    return d;
  }

  /** Matches a list of criteria (ids unique) against every indexed patient. */
  public static MatchResult match(
      PatientIndex index, String trialId, List<MatchCriterion> criteria, MatchOptions options) {
    return run(index, trialId, criteria, options, null);
  }

  /**
   * Ranks trials for one patient (the clinician's view): every trial's per-criterion results for
   * {@code personId}, eligible first, then needs review, then ineligible, by score.
   */
  public static List<TrialFit> rankTrials(
      PatientIndex index, String personId, List<TrialCriteria> trials, MatchOptions options) {
    if (options.excludedPersonIds().contains(personId)) {
      return List.of();
    }
    int doc = index.docOf(personId);
    if (doc < 0) {
      throw InvalidInputException.ofArgument(
          "--patient",
          "no patient " + personId + " in the index (unknown id, or no research consent recorded)");
    }
    List<TrialFit> out = new ArrayList<>();
    for (TrialCriteria t : trials) {
      MatchResult r = run(index, t.trialId(), criteriaOf(t), options.withLimit(1), doc);
      out.add(new TrialFit(t.trialId(), r.patients().get(0)));
    }
    out.sort(
        Comparator.comparingInt((TrialFit f) -> f.patient().status().ordinal())
            .thenComparing(
                Comparator.comparingDouble((TrialFit f) -> f.patient().score()).reversed())
            .thenComparing(TrialFit::trialId));
    return out;
  }

  /** One trial's fit for one patient. */
  public record TrialFit(String trialId, PatientMatch patient) {}

  private static MatchResult run(
      PatientIndex index,
      String trialId,
      List<MatchCriterion> given,
      MatchOptions options,
      Integer onlyDoc) {
    LocalDate d = evaluationDate(index, options);
    List<MatchCriterion> criteria = new ArrayList<>();
    criteria.add(Compiler.aliveCriterion());
    criteria.addAll(given);
    if (!options.freeText().isEmpty()) {
      criteria.add(MatchCriterion.freeText("Q1", options.freeText()));
    }
    Set<String> ids = new HashSet<>();
    for (MatchCriterion c : criteria) {
      if (!ids.add(c.id())) {
        throw InvalidInputException.ofArgument(
            "--criteria", "criterion id '" + c.id() + "' appears twice");
      }
    }
    List<Compiled> compiled = new ArrayList<>();
    for (MatchCriterion c : criteria) {
      if (c.id().equals("ALIVE")) {
        compiled.add(Compiler.alive(c, d));
      } else if (c.id().equals("SEX") && c.type() == CriterionType.SEX) {
        compiled.add(Compiler.sexBound(c, c.concept()));
      } else {
        compiled.add(Compiler.compile(c, d, c.query().isEmpty() ? null : parse(c.query())));
      }
    }
    int maxDoc = index.reader().maxDoc();
    FixedBitSet base = new FixedBitSet(maxDoc);
    if (onlyDoc != null) {
      base.set(onlyDoc);
    } else {
      for (LeafReaderContext ctx : index.leaves()) {
        Bits live = ctx.reader().getLiveDocs();
        for (int i = 0; i < ctx.reader().maxDoc(); i++) {
          if (live == null || live.get(i)) {
            base.set(ctx.docBase + i);
          }
        }
      }
      for (String pid : options.excludedPersonIds()) {
        FixedBitSet ex = bits(index, new TermQuery(new Term(PatientIndex.PID, pid)), maxDoc);
        base.andNot(ex);
      }
    }
    int n = compiled.size();
    FixedBitSet[] met = new FixedBitSet[n];
    FixedBitSet[] metS = new FixedBitSet[n];
    FixedBitSet[] known = new FixedBitSet[n];
    FixedBitSet[] fail = new FixedBitSet[n];
    FixedBitSet fails = new FixedBitSet(maxDoc);
    FixedBitSet unknownAny = new FixedBitSet(maxDoc);
    for (int i = 0; i < n; i++) {
      Compiled k = compiled.get(i);
      met[i] = eval(index, k.met(), maxDoc);
      metS[i] = k.metStructured() == k.met() ? met[i] : eval(index, k.metStructured(), maxDoc);
      known[i] = eval(index, k.known(), maxDoc);
      // A patient can be "met" through a note without the structured data that makes it known.
      known[i].or(met[i]);
      FixedBitSet f;
      if (k.criterion().kind() == CriterionKind.INCLUSION) {
        f = known[i].clone();
        f.andNot(met[i]);
      } else {
        f = met[i].clone();
      }
      f.and(base);
      fail[i] = f;
      fails.or(f);
      FixedBitSet unk = base.clone();
      unk.andNot(known[i]);
      unknownAny.or(unk);
    }
    FixedBitSet pass = base.clone();
    pass.andNot(fails);
    FixedBitSet eligible = pass.clone();
    eligible.andNot(unknownAny);
    FixedBitSet review = pass.clone();
    review.and(unknownAny);
    long nEligible = eligible.cardinality();
    long nReview = review.cardinality();
    long nIneligible = base.cardinality() - nEligible - nReview;

    List<FunnelStep> funnel = funnel(compiled, fail, base);
    List<PatientMatch> patients =
        rank(index, compiled, met, metS, known, eligible, review, base, options.limit(), onlyDoc);
    return new MatchResult(
        trialId,
        index.info().snapshotId(),
        d,
        new MatchResult.Counts(nEligible, nReview, nIneligible),
        funnel,
        patients,
        criteria);
  }

  private static Query parse(String q) {
    QueryParser p = new QueryParser(PatientIndex.NOTE, new ClinicalAnalyzer());
    p.setDefaultOperator(QueryParser.Operator.AND);
    try {
      return p.parse(q);
    } catch (ParseException e) {
      throw InvalidInputException.ofArgument(
          "--query",
          "not valid Lucene query syntax: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static FixedBitSet eval(PatientIndex index, Compiler.Cond cond, int maxDoc) {
    if (cond instanceof Compiler.Const k) {
      FixedBitSet b = new FixedBitSet(maxDoc);
      if (k.value() && maxDoc > 0) { // FixedBitSet.set(from, to) asserts from < length
        b.set(0, maxDoc);
      }
      return b;
    }
    return bits(index, Compiler.toQuery(cond), maxDoc);
  }

  /** The documents matching {@code q} (deleted documents included; callers mask with base). */
  static FixedBitSet bits(PatientIndex index, Query q, int maxDoc) {
    FixedBitSet out = new FixedBitSet(maxDoc);
    try {
      var searcher = index.searcher();
      Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
      for (LeafReaderContext ctx : index.leaves()) {
        ScorerSupplier ss = w.scorerSupplier(ctx);
        if (ss == null) {
          continue;
        }
        Scorer s = ss.get(Long.MAX_VALUE);
        DocIdSetIterator it = s.iterator();
        // Bulk load: postings and point iterators fill the bit set a block of doc ids at a time.
        if (it.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
          it.intoBitSet(ctx.reader().maxDoc(), out, -ctx.docBase);
        }
      }
    } catch (IOException e) {
      throw new StratumException("cannot search index " + index.dir() + ": " + e, e);
    }
    return out;
  }

  private static List<FunnelStep> funnel(
      List<Compiled> compiled, FixedBitSet[] fail, FixedBitSet base) {
    List<FunnelStep> steps = new ArrayList<>();
    FixedBitSet remaining = base.clone();
    boolean[] used = new boolean[compiled.size()];
    for (int step = 0; step < compiled.size(); step++) {
      int best = -1;
      long bestRemoved = -1;
      for (int i = 0; i < compiled.size(); i++) {
        if (used[i]) {
          continue;
        }
        long removed = FixedBitSet.intersectionCount(remaining, fail[i]);
        if (removed > bestRemoved) {
          best = i;
          bestRemoved = removed;
        }
      }
      used[best] = true;
      remaining.andNot(fail[best]);
      MatchCriterion c = compiled.get(best).criterion();
      steps.add(new FunnelStep(c.id(), c.text(), remaining.cardinality()));
    }
    return steps;
  }

  private record Ranked(int doc, int status, double score) {}

  private static final Comparator<Ranked> ORDER =
      Comparator.comparingInt(Ranked::status)
          .thenComparing(Comparator.comparingDouble(Ranked::score).reversed())
          .thenComparingInt(Ranked::doc);

  private static List<PatientMatch> rank(
      PatientIndex index,
      List<Compiled> compiled,
      FixedBitSet[] met,
      FixedBitSet[] metS,
      FixedBitSet[] known,
      FixedBitSet eligible,
      FixedBitSet review,
      FixedBitSet base,
      int limit,
      Integer onlyDoc) {
    if (limit == 0) {
      return List.of();
    }
    PriorityQueue<Ranked> top = new PriorityQueue<>(ORDER.reversed());
    // Ineligible patients are listed (with the criteria that failed them) only when the eligible
    // and needs-review patients do not fill the limit.
    // Status ranks first, so when the eligible patients alone fill the limit no other patient can
    // enter the top N: only they are scored (the scan over candidates grows with the index).
    FixedBitSet candidates;
    if (onlyDoc == null && eligible.cardinality() >= limit) {
      candidates = eligible;
    } else {
      candidates = eligible.clone();
      candidates.or(review);
      if (onlyDoc != null || candidates.cardinality() < limit) {
        candidates = base;
      }
    }
    // BitSetIterator handles the empty index and the last bit (nextSetBit needs index < length).
    DocIdSetIterator docs = new BitSetIterator(candidates, candidates.cardinality());
    for (int doc = nextDoc(docs); doc != DocIdSetIterator.NO_MORE_DOCS; doc = nextDoc(docs)) {
      int status = eligible.get(doc) ? 0 : review.get(doc) ? 1 : 2;
      Ranked r = new Ranked(doc, status, score(doc, compiled, met, metS, known));
      if (top.size() < limit) {
        top.add(r);
      } else if (ORDER.compare(r, top.peek()) < 0) {
        top.poll();
        top.add(r);
      }
    }
    List<Ranked> ordered = new ArrayList<>(top);
    ordered.sort(ORDER);
    Set<String> fields = new HashSet<>();
    for (Compiled k : compiled) {
      Compiler.fields(k.met(), fields);
      Compiler.fields(k.known(), fields);
      Compiler.fields(k.context(), fields);
    }
    List<PatientMatch> out = new ArrayList<>();
    for (Ranked r : ordered) {
      out.add(explain(index, r, compiled, met, known, fields));
    }
    return out;
  }

  private static double score(
      int doc,
      List<Compiled> compiled,
      FixedBitSet[] met,
      FixedBitSet[] metS,
      FixedBitSet[] known) {
    double s = 0;
    for (int i = 0; i < compiled.size(); i++) {
      if (!known[i].get(doc)) {
        continue;
      }
      s += met[i].get(doc) && !metS[i].get(doc) ? 0.8 : 1.0;
    }
    return s / compiled.size();
  }

  private static PatientMatch explain(
      PatientIndex index,
      Ranked r,
      List<Compiled> compiled,
      FixedBitSet[] met,
      FixedBitSet[] known,
      Set<String> fields) {
    byte[] bytes = index.recordBytes(r.doc());
    // Note texts are most of a record: decoded only when a criterion shows note evidence.
    PatientRecord rec = RecordCodec.decode(bytes, false);
    Notes notes = new Notes(bytes);
    Map<String, List<Item>> byField = new HashMap<>();
    for (Item it : PatientItems.derive(rec, fields)) {
      byField.computeIfAbsent(it.field(), f -> new ArrayList<>()).add(it);
    }
    List<CriterionResult> results = new ArrayList<>();
    for (int i = 0; i < compiled.size(); i++) {
      Compiled k = compiled.get(i);
      boolean m = met[i].get(r.doc());
      boolean kn = known[i].get(r.doc());
      Result res = m ? Result.MET : kn ? Result.NOT_MET : Result.UNKNOWN;
      results.add(
          new CriterionResult(
              k.criterion().id(),
              k.criterion().kind().label(),
              k.criterion().text(),
              res,
              k.unstructured(),
              evidence(k, res, m, rec, byField, notes)));
    }
    Status status =
        r.status() == 0
            ? Status.ELIGIBLE
            : r.status() == 1 ? Status.NEEDS_REVIEW : Status.INELIGIBLE;
    return new PatientMatch(rec.personId(), status, Math.round(r.score() * 1e4) / 1e4, results);
  }

  /** Evidence for one criterion: the items that decided it, then context mentions. */
  private static List<Evidence> evidence(
      Compiled k,
      Result res,
      boolean textMatch,
      PatientRecord rec,
      Map<String, List<Item>> byField,
      Notes notes) {
    if (k.isUnstructured()) {
      return List.of();
    }
    List<Evidence> out = new ArrayList<>();
    if (k.met() instanceof Compiler.Text t) {
      if (res == Result.MET) {
        Evidence e = textEvidence(t.query(), notes);
        if (e != null) {
          out.add(e);
        }
      }
      return out;
    }
    List<Item> matched = new ArrayList<>();
    if (res == Result.MET) {
      Compiler.holds(k.met(), byField, textMatch, matched);
    } else if (res == Result.NOT_MET) {
      Compiler.holds(k.known(), byField, textMatch, matched);
    }
    Compiler.holds(k.context(), byField, textMatch, matched);
    // By identity: a record's hash walks all its lists, and items share their source object.
    Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Item it : matched) {
      if (seen.add(it.source()) || it.source() instanceof PatientRecord) {
        Evidence e = toEvidence(it, notes);
        if (e != null && !out.contains(e)) {
          out.add(e);
        }
      }
    }
    if (out.isEmpty() && res == Result.NOT_MET) {
      out.add(
          new Evidence("absence", "", "", null, Double.NaN, "", "no matching record", -1, -1, ""));
    }
    if (out.isEmpty() && k.criterion().id().equals("ALIVE") && res == Result.MET) {
      out.add(
          new Evidence(
              "absence", "persons", "", null, Double.NaN, "", "no death recorded", -1, -1, ""));
    }
    return out;
  }

  private static Evidence toEvidence(Item it, Notes notes) {
    Object s = it.source();
    return switch (s) {
      case PatientRecord.CodedEvent e ->
          new Evidence(
              "structured",
              e.source(),
              e.code(),
              e.start(),
              Double.NaN,
              "",
              it.field()
                  + " "
                  + e.code()
                  + " from "
                  + e.start()
                  + (e.end() == null ? "" : " to " + e.end()),
              -1,
              -1,
              "");
      case PatientRecord.Measurement m ->
          new Evidence(
              "structured",
              m.source(),
              m.code(),
              m.date(),
              m.value(),
              m.unit(),
              "LOINC "
                  + m.code()
                  + " = "
                  + m.value()
                  + " "
                  + m.unit()
                  + (Double.isNaN(m.rangeHigh()) ? "" : " (ULN " + m.rangeHigh() + ")"),
              -1,
              -1,
              "");
      case PatientRecord.Observation o ->
          new Evidence(
              "structured",
              o.source(),
              o.code(),
              o.date(),
              o.value(),
              o.unit(),
              o.code()
                  + " = "
                  + (o.valueString().isEmpty() ? Double.toString(o.value()) : o.valueString()),
              -1,
              -1,
              "");
      case PatientRecord.VariantCall v ->
          new Evidence(
              "structured",
              v.source(),
              v.gene(),
              null,
              v.vaf(),
              "",
              v.gene()
                  + " "
                  + (v.hgvsp().isEmpty() ? v.variantClass() : v.hgvsp())
                  + (v.fusion().isEmpty() ? "" : " " + v.fusion()),
              -1,
              -1,
              "");
      case NoteFact f -> noteEvidence(f, notes);
      case PatientRecord p -> personEvidence(it, p);
      default -> null;
    };
  }

  private static Evidence personEvidence(Item it, PatientRecord p) {
    return switch (it.field()) {
      case PatientItems.BIRTH ->
          new Evidence(
              "structured",
              "persons",
              "",
              p.birthDate(),
              Double.NaN,
              "",
              "born " + p.birthDate(),
              -1,
              -1,
              "");
      case PatientItems.DEATH ->
          new Evidence(
              "structured",
              "persons",
              "",
              p.deathDate(),
              Double.NaN,
              "",
              "died " + p.deathDate(),
              -1,
              -1,
              "");
      case PatientItems.SEX ->
          new Evidence(
              "structured",
              "persons",
              "",
              null,
              Double.NaN,
              "",
              "sex " + p.sex().label(),
              -1,
              -1,
              "");
      case PatientItems.GENO ->
          new Evidence(
              "structured",
              "variants",
              "",
              null,
              Double.NaN,
              "",
              "genotyped; no matching call",
              -1,
              -1,
              "");
      default -> null;
    };
  }

  private static Evidence noteEvidence(NoteFact f, Notes notes) {
    String assertion =
        f.status().experiencer() != dev.stratum.core.nlp.Experiencer.PATIENT
            ? f.status().experiencer().label()
            : f.status().negated()
                ? "negated"
                : f.status().uncertain()
                    ? "uncertain"
                    : f.status().historical() ? "historical" : "affirmed";
    String sentence = f.evidence().text();
    for (PatientRecord.NoteText n : notes.full().notes()) {
      if (n.noteId().equals(f.noteId()) && f.evidence().end() <= n.text().length()) {
        sentence = notes.sentence(n.text(), f.evidence().begin());
        break;
      }
    }
    return new Evidence(
        "note",
        f.noteId(),
        f.code() == null ? "" : f.code().toString(),
        f.date(),
        f.value(),
        f.unit(),
        sentence,
        f.evidence().begin(),
        f.evidence().end(),
        assertion);
  }

  /** One patient's note texts, decoded on first use, and a sentence splitter for them. */
  private static final class Notes {
    private final byte[] bytes;
    private PatientRecord full;
    private BreakIterator sentences;

    Notes(byte[] bytes) {
      this.bytes = bytes;
    }

    PatientRecord full() {
      if (full == null) {
        full = RecordCodec.decode(bytes, true);
      }
      return full;
    }

    String sentence(String text, int offset) {
      if (sentences == null) {
        sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
      }
      return Matcher.sentence(sentences, text, offset);
    }
  }

  private static String sentence(BreakIterator bi, String text, int offset) {
    bi.setText(text);
    int end = bi.following(Math.min(Math.max(offset, 0), Math.max(0, text.length() - 1)));
    int start = bi.previous();
    if (end == BreakIterator.DONE) {
      end = text.length();
    }
    return text.substring(Math.max(0, start), end).strip();
  }

  /** The first sentence of the patient's notes holding a term of {@code q}, with its span. */
  private static Evidence textEvidence(Query q, Notes notes) {
    Set<Term> terms = new HashSet<>();
    q.visit(QueryVisitor.termCollector(terms));
    Set<String> words = new HashSet<>();
    for (Term t : terms) {
      if (t.field().equals(PatientIndex.NOTE)) {
        words.add(t.text());
      }
    }
    try (ClinicalAnalyzer a = new ClinicalAnalyzer()) {
      for (PatientRecord.NoteText n : notes.full().notes()) {
        try (TokenStream ts = a.tokenStream(PatientIndex.NOTE, new StringReader(n.text()))) {
          CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
          OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
          ts.reset();
          while (ts.incrementToken()) {
            if (words.contains(term.toString())) {
              int b = off.startOffset();
              int e = off.endOffset();
              ts.end();
              return new Evidence(
                  "note",
                  n.noteId(),
                  "",
                  n.date(),
                  Double.NaN,
                  "",
                  notes.sentence(n.text(), b),
                  b,
                  e,
                  "text match");
            }
          }
          ts.end();
        }
      }
    } catch (IOException e) {
      throw new StratumException("cannot analyse note text: " + e, e);
    }
    return null;
  }

  /** Criteria ids in a result mapped to their compiled reasons (for tests and tables). */
  static Map<String, String> unstructuredReasons(List<MatchCriterion> criteria, LocalDate d) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MatchCriterion c : criteria) {
      if (c.query().isEmpty()) {
        out.put(c.id(), Compiler.compile(c, d, null).unstructured());
      }
    }
    return out;
  }

  private static int nextDoc(DocIdSetIterator it) {
    try {
      return it.nextDoc();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a bit set iterator reads no file
    }
  }
}
