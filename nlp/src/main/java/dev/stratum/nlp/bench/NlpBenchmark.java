package dev.stratum.nlp.bench;

import dev.stratum.nlp.ClinicalNlp;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.io.Note;
import dev.stratum.nlp.io.NoteFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput of note extraction and criteria parsing on one thread (the goal: 300 notes per
 * second per core for 300-word notes). Notes of exactly {@code --words} words are cut from the
 * given real notes (concatenated in a cycle), the pipeline is warmed up, then timed over several
 * rounds; the median round is reported.
 *
 * <p>Usage: {@code NlpBenchmark --notes FILE.jsonl [--words 300] [--count 2000] [--rounds 5]
 * [--criteria DIR]}
 */
public final class NlpBenchmark {
  private NlpBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path notesFile = null;
    Path criteriaDir = null;
    int words = 300;
    int count = 2000;
    int rounds = 5;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--notes" -> notesFile = Path.of(args[i + 1]);
        case "--criteria" -> criteriaDir = Path.of(args[i + 1]);
        case "--words" -> words = Integer.parseInt(args[i + 1]);
        case "--count" -> count = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (notesFile == null) {
      throw new IllegalArgumentException("--notes FILE is required");
    }
    long t0 = System.nanoTime();
    ClinicalNlp nlp = ClinicalNlp.create();
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    List<String> corpus = notes(NoteFiles.read(notesFile), words, count);
    long facts = 0;
    for (int i = 0; i < Math.min(corpus.size(), 1000); i++) {
      facts += nlp.extract("w" + i, "p", null, corpus.get(i)).size();
    }
    // Per-core rate from the thread's CPU time: on a shared machine wall time also counts the
    // time other processes hold the core, which says nothing about this code.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] rates = new double[rounds];
    double[] cpuRates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long s = System.nanoTime();
      long c = cpu.getCurrentThreadCpuTime();
      facts = 0;
      for (int i = 0; i < corpus.size(); i++) {
        facts += nlp.extract("n" + i, "p", null, corpus.get(i)).size();
      }
      rates[r] = corpus.size() / ((System.nanoTime() - s) / 1e9);
      cpuRates[r] = corpus.size() / ((cpu.getCurrentThreadCpuTime() - c) / 1e9);
    }
    java.util.Arrays.sort(cpuRates);
    java.util.Arrays.sort(rates);
    long ts = cpu.getCurrentThreadCpuTime();
    long sentences = 0;
    for (String n : corpus) {
      sentences += nlp.tokenizer().sentences(n).size();
    }
    System.out.printf(
        Locale.ROOT,
        "CoreNLP tokenize+ssplit alone: %.0f notes per CPU-second (%.1f sentences/note)%n",
        corpus.size() / ((cpu.getCurrentThreadCpuTime() - ts) / 1e9),
        (double) sentences / corpus.size());
    System.out.printf(
        Locale.ROOT,
        "pipeline build: %.2f s%nnote extraction (%d-word notes, %d notes x %d rounds, 1 thread):"
            + " median %.0f notes per CPU-second (min %.0f, max %.0f); wall clock median %.0f"
            + " notes/s (min %.0f, max %.0f), %.0f words/s, %.1f facts/note%n",
        createSeconds,
        words,
        corpus.size(),
        rounds,
        cpuRates[rounds / 2],
        cpuRates[0],
        cpuRates[rounds - 1],
        rates[rounds / 2],
        rates[0],
        rates[rounds - 1],
        rates[rounds / 2] * words,
        (double) facts / corpus.size());
    if (criteriaDir != null) {
      List<String> texts = new ArrayList<>();
      try (Stream<Path> s = Files.walk(criteriaDir)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
          texts.add(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
      CriteriaParser parser = CriteriaParser.using(nlp);
      texts.forEach(t -> parser.parse("w", t));
      double[] tr = new double[rounds];
      int criteria = 0;
      for (int r = 0; r < rounds; r++) {
        long c = cpu.getCurrentThreadCpuTime();
        criteria = 0;
        for (String t : texts) {
          criteria += parser.parse("t", t).criteria().size();
        }
        tr[r] = texts.size() / ((cpu.getCurrentThreadCpuTime() - c) / 1e9);
      }
      java.util.Arrays.sort(tr);
      System.out.printf(
          Locale.ROOT,
          "criteria parsing (%d trials, %d criteria, 1 thread): median %.0f trials per CPU-second%n",
          texts.size(),
          criteria,
          tr[rounds / 2]);
    }
  }

  /** {@code count} notes of exactly {@code words} words cut from the real notes in a cycle. */
  static List<String> notes(List<Note> source, int words, int count) {
    List<String> tokens = new ArrayList<>();
    for (Note n : source) {
      for (String w : n.text().split("\\s+")) {
        if (!w.isEmpty()) {
          tokens.add(w);
        }
      }
    }
    List<String> out = new ArrayList<>(count);
    int at = 0;
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < words; w++) {
        sb.append(w == 0 ? "" : " ").append(tokens.get(at));
        at = (at + 1) % tokens.size();
      }
      out.add(sb.toString());
    }
    return out;
  }
}
