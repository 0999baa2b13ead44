package dev.stratum.nlp.bench;

import dev.stratum.nlp.ClinicalNlp;
import dev.stratum.nlp.context.ConText;
import dev.stratum.nlp.context.ContextRules;
import dev.stratum.nlp.context.TriggerClass;
import dev.stratum.nlp.eval.BratDocument;
import dev.stratum.nlp.io.NoteFiles;
import dev.stratum.nlp.text.ClinicalTokenizer;
import dev.stratum.nlp.text.Sentence;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Is the CoreNLP models jar (474 MB: POS tagger, dependency parser) worth adding? Measures, on this
 * machine, (1) the CPU cost per 300-word note of {@code pos} and {@code pos,depparse} beside our
 * pipeline, and (2) what a dependency-scoped negation changes on the Leaf Clinical Trials gold: a
 * concept ConText negates stays negated only when it lies in the dependency subtree of the negation
 * trigger's governor, the core rule of DEEPEN (Mehrabi et al., "DEEPEN: A negation detection system
 * for clinical text incorporating dependency relation into NegEx", J Biomed Inform 54:213-219,
 * 2015), which removes NegEx false positives whose words are not syntactically governed by the
 * trigger.
 *
 * <p>Needs the models jar on the class path (not a project dependency, see docs/clinical-nlp.md):
 * {@code java -cp "nlp/target/classes:core/target/classes:$(cat cp.txt):stanford-corenlp-4.5.10-
 * models.jar" dev.stratum.nlp.bench.ParseExperiment --notes queries.jsonl --gold lct-dir}.
 */
public final class ParseExperiment {
  private static final java.util.Map<String, Annotation> PARSED = new java.util.HashMap<>();

  private ParseExperiment() {}

  public static void main(String[] args) throws IOException {
    Path notesFile = null;
    Path gold = null;
    int count = 200;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--notes" -> notesFile = Path.of(args[i + 1]);
        case "--gold" -> gold = Path.of(args[i + 1]);
        case "--count" -> count = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ClinicalNlp nlp = ClinicalNlp.create();
    if (notesFile != null) {
      List<String> notes = NlpBenchmark.notes(NoteFiles.read(notesFile), 300, count);
      System.out.printf(Locale.ROOT, "ours (extract): %.0f notes/CPU-s%n", rate(notes, nlp, null));
      StanfordCoreNLP pos = pipeline("tokenize,ssplit,pos");
      System.out.printf(Locale.ROOT, "+pos: %.1f notes/CPU-s%n", rate(notes, null, pos));
      StanfordCoreNLP dep = pipeline("tokenize,ssplit,pos,depparse");
      System.out.printf(Locale.ROOT, "+pos+depparse: %.1f notes/CPU-s%n", rate(notes, null, dep));
    }
    if (gold != null) {
      negation(gold, nlp);
    }
  }

  private static StanfordCoreNLP pipeline(String annotators) {
    Properties p = new Properties();
    p.setProperty("annotators", annotators);
    p.setProperty("tokenize.options", "invertible=false,ptb3Escaping=false,splitHyphenated=true");
    p.setProperty("ssplit.newlineIsSentenceBreak", "always");
    return new StanfordCoreNLP(p, false);
  }

  private static double rate(List<String> notes, ClinicalNlp nlp, StanfordCoreNLP corenlp) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int warm = Math.min(20, notes.size());
    for (int i = 0; i < warm; i++) {
      run(notes.get(i), nlp, corenlp);
    }
    long c = cpu.getCurrentThreadCpuTime();
    for (String n : notes) {
      run(n, nlp, corenlp);
    }
    return notes.size() / ((cpu.getCurrentThreadCpuTime() - c) / 1e9);
  }

  private static void run(String text, ClinicalNlp nlp, StanfordCoreNLP corenlp) {
    if (nlp != null) {
      nlp.extract("n", "p", null, text);
    } else {
      corenlp.annotate(new Annotation(text));
    }
  }

  private static void negation(Path dir, ClinicalNlp nlp) throws IOException {
    ClinicalTokenizer tok = nlp.tokenizer();
    ConText context = new ConText(ContextRules.builtIn(tok));
    StanfordCoreNLP dep = pipeline("tokenize,ssplit,pos,depparse");
    Set<String> conceptTypes = Set.of("Condition", "Drug", "Procedure", "Observation");
    int[] base = new int[3];
    int[] parsed = new int[3];
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path f : files) {
      if (!Files.exists(Path.of(f.toString().replaceAll("\\.txt$", ".ann")))) {
        continue;
      }
      BratDocument doc = BratDocument.read(f);
      Set<String> negated = new HashSet<>();
      for (BratDocument.Event e : doc.events().values()) {
        if (e.type().equals("Negation") && e.arg("Negates") != null) {
          BratDocument.Span s = doc.spanOf(e.arg("Negates"));
          if (s != null) {
            negated.add(s.id());
          }
        }
      }
      String text = doc.text();
      for (BratDocument.Span s : doc.spans().values()) {
        if (!conceptTypes.contains(s.type())) {
          continue;
        }
        int ls = text.lastIndexOf('\n', Math.max(0, s.begin() - 1)) + 1;
        int le = text.indexOf('\n', s.end());
        le = le < 0 ? text.length() : le;
        if (s.begin() < ls || s.end() > le) {
          continue;
        }
        String line = text.substring(ls, le);
        int b = s.begin() - ls;
        int e = s.end() - ls;
        boolean g = negated.contains(s.id());
        boolean p = nlp.assertionOfSpan(line, b, e).negated();
        boolean q = p && governed(line, b, e, tok, context, dep);
        count(base, g, p);
        count(parsed, g, q);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "LCT negation, ConText: P=%.3f R=%.3f (%d/%d/%d)%n",
        base[0] / (double) base[1],
        base[0] / (double) base[2],
        base[0],
        base[1],
        base[2]);
    System.out.printf(
        Locale.ROOT,
        "LCT negation, ConText + dependency scope: P=%.3f R=%.3f (%d/%d/%d)%n",
        parsed[0] / (double) parsed[1],
        parsed[0] / (double) parsed[2],
        parsed[0],
        parsed[1],
        parsed[2]);
  }

  private static void count(int[] c, boolean gold, boolean pred) {
    c[0] += gold && pred ? 1 : 0;
    c[1] += pred ? 1 : 0;
    c[2] += gold ? 1 : 0;
  }

  /**
   * Whether some negation trigger whose ConText scope covers the span governs it in the dependency
   * graph: the span's head word is the trigger's governor or lies below it. Triggers the parser
   * cannot place (affixes inside a word) keep the ConText decision.
   */
  private static boolean governed(
      String line, int b, int e, ClinicalTokenizer tok, ConText context, StanfordCoreNLP dep) {
    List<Sentence> sentences = tok.sentences(line);
    Sentence sent = null;
    for (Sentence s : sentences) {
      if (b < s.end() && e > s.begin()) {
        sent = s;
        break;
      }
    }
    if (sent == null) {
      return true;
    }
    int ts = -1;
    int te = -1;
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).end() > b && sent.get(i).begin() < e) {
        ts = ts < 0 ? i : ts;
        te = i + 1;
      }
    }
    if (ts < 0) {
      return true;
    }
    Annotation a =
        PARSED.computeIfAbsent(
            line,
            k -> {
              Annotation x = new Annotation(k);
              dep.annotate(x);
              return x;
            });
    SemanticGraph graph = null;
    List<CoreLabel> labels = null;
    for (CoreMap s : a.get(CoreAnnotations.SentencesAnnotation.class)) {
      List<CoreLabel> ls = s.get(CoreAnnotations.TokensAnnotation.class);
      if (ls.get(0).beginPosition() <= b && ls.get(ls.size() - 1).endPosition() >= e) {
        graph = s.get(SemanticGraphCoreAnnotations.EnhancedPlusPlusDependenciesAnnotation.class);
        labels = ls;
      }
    }
    if (graph == null) {
      return true;
    }
    IndexedWord head = null;
    for (CoreLabel l : labels) {
      if (l.beginPosition() < e && l.endPosition() > b) {
        IndexedWord w = graph.getNodeByIndexSafe(l.index());
        if (w != null) {
          head = w; // the last word of the span: English noun phrases are head-final
        }
      }
    }
    if (head == null) {
      return true;
    }
    for (ConText.Trigger t : context.triggers(sent.tokens())) {
      boolean negation =
          t.rules().stream()
              .anyMatch(r -> r.triggerClass() == TriggerClass.NEGATED && !r.adjacent());
      if (!negation || !context.assess(List.of(t), ts, te, null).negated()) {
        continue;
      }
      int tb = sent.get(t.start()).begin();
      int tend = sent.get(t.end() - 1).end();
      for (CoreLabel l : labels) {
        if (l.beginPosition() < tend && l.endPosition() > tb) {
          IndexedWord w = graph.getNodeByIndexSafe(l.index());
          if (w == null) {
            continue;
          }
          IndexedWord gov = graph.getParent(w);
          IndexedWord top = gov == null ? w : gov;
          if (top.equals(head) || graph.descendants(top).contains(head)) {
            return true;
          }
        }
      }
    }
    // Only affix triggers (non-, -naive) or none the parser could place: keep ConText's answer.
    return context.triggers(sent.tokens()).stream()
        .noneMatch(
            t ->
                t.rules().stream()
                    .anyMatch(r -> r.triggerClass() == TriggerClass.NEGATED && !r.adjacent()));
  }
}
