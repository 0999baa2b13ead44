package dev.stratum.jobs;

import dev.stratum.core.error.StratumException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The feature-store benchmark (a command, not a test): builds a store from each raw directory and
 * reports wall time, records/s, cost per patient and the process's peak resident memory.
 *
 * <pre>
 * java [Spark module options] -cp ... dev.stratum.jobs.FeatureStoreBenchmark \
 *     [--master local[*]] [--work DIR] RAW_DIR [RAW_DIR ...]
 * java ... dev.stratum.jobs.FeatureStoreBenchmark --load-shape N --out RAW_DIR
 * </pre>
 *
 * <p>Raw directories normally come from {@code stratum generate}. {@code --load-shape N} writes a
 * stand-in with N patients and a fixed number of records per patient (see {@link #loadShape}); it
 * has the right formats and volume but none of the generator's clinical structure.
 */
public final class FeatureStoreBenchmark {
  private FeatureStoreBenchmark() {}

  /** One measured build. */
  public record Result(
      Path raw,
      long patients,
      long records,
      double seconds,
      double cpuSeconds,
      long peakRssBytes,
      String snapshotId) {
    public double recordsPerSecond() {
      return records / seconds;
    }

    public double msPerPatient() {
      return seconds * 1000 / patients;
    }
  }

  public static void main(String[] args) {
    String master = "local[*]";
    Path work = null;
    Path out = null;
    int loadShape = -1;
    NoteFactExtractor.Factory noteFacts = null;
    List<Path> raws = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--master" -> master = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        case "--load-shape" -> loadShape = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--note-facts" -> noteFacts = factory(args[++i]);
        default -> raws.add(Path.of(args[i]));
      }
    }
    if (loadShape > 0 && out != null) {
      loadShape(out, loadShape, 42);
      System.out.println("wrote " + out);
      return;
    }
    if (raws.isEmpty()) {
      System.err.println(
          "usage: FeatureStoreBenchmark [--master URL] [--work DIR] [--note-facts CLASS]"
              + " RAW_DIR...\n"
              + "       FeatureStoreBenchmark --load-shape N --out RAW_DIR");
      System.exit(2);
    }
    List<Result> results = run(raws, master, work, noteFacts);
    System.out.println();
    System.out.println(markdown(results));
  }

  /**
   * The note-facts factory named on the command line (the CLI's is {@code
   * dev.stratum.cli.ClinicalNlpFacts}, on the distribution's class path), made by its no-argument
   * constructor; {@code jobs} itself does not depend on the NLP module.
   */
  static NoteFactExtractor.Factory factory(String className) {
    try {
      return (NoteFactExtractor.Factory)
          Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new StratumException("--note-facts: cannot make a " + className + ": " + e, e);
    }
  }

  /** Builds one store per raw directory, in order, and measures each. */
  public static List<Result> run(
      List<Path> raws, String master, Path work, NoteFactExtractor.Factory noteFacts) {
    List<Result> out = new ArrayList<>();
    Pseudonymizer key = Pseudonymizer.ofHex("5a".repeat(32));
    for (Path raw : raws) {
      Path store;
      try {
        store =
            work == null
                ? Files.createTempDirectory("stratum-bench-store")
                : Files.createDirectories(work.resolve("store-" + raw.getFileName()));
      } catch (IOException e) {
        throw new StratumException("cannot create work directory: " + e, e);
      }
      long t0 = System.nanoTime();
      double cpu0 = cpuSeconds();
      FeatureJobOptions o = FeatureJobOptions.of(raw, store, key).withMaster(master);
      FeatureJobSummary s = FeatureJob.run(noteFacts == null ? o : o.withNoteFacts(noteFacts));
      double sec = (System.nanoTime() - t0) / 1e9;
      Result r =
          new Result(
              raw,
              s.sources().get("omop/person.csv").accepted(),
              s.recordsIn(),
              sec,
              cpuSeconds() - cpu0,
              peakRss(),
              s.snapshotId());
      out.add(r);
      // Each result as soon as it is measured: a later, larger run may not finish.
      System.out.print(markdown(List.of(r)));
      System.out.flush();
    }
    return out;
  }

  /**
   * CPU time of this process (all threads, Spark's included), which does not depend on what else
   * the machine runs; NaN where the platform does not report it.
   */
  static double cpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /** Peak resident set size of this process (Linux VmHWM), or -1 where unknown. */
  static long peakRss() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines
          .filter(l -> l.startsWith("VmHWM:"))
          .findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
          .orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String markdown(List<Result> rs) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| raw | patients | records | wall s | CPU s | records/s | ms/patient | CPU ms/patient"
            + " | peak RSS MiB |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : rs) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.1f | %.1f | %.0f | %.3f | %.3f | %d |%n",
              r.raw().getFileName(),
              r.patients(),
              r.records(),
              r.seconds(),
              r.cpuSeconds(),
              r.recordsPerSecond(),
              r.msPerPatient(),
              r.cpuSeconds() * 1000 / r.patients(),
              r.peakRssBytes() / (1024 * 1024)));
    }
    return sb.toString();
  }

  /**
   * Writes a load-shape raw directory: N patients, each with 1 observation period, 3 conditions, 2
   * drug exposures, 8 measurements, 2 observations, 1 procedure, 1 note; every 10th patient a
   * death; one VCF per 1000 patients with 20 sites; expression (50 genes) and methylation (20
   * probes) matrices. Values are drawn from a seeded {@link SplittableRandom}.
   */
  public static void loadShape(Path dir, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] icd = {"C34.90", "E11.9", "I10", "J44.9", "C50.911", "N18.3"};
    String[] rx = {"1721560", "6809", "29046", "83367"};
    String[] loinc = {"4548-4", "2345-7", "2160-0", "718-7"};
    String[] unit = {"%", "mg/dL", "mg/dL", "g/dL"};
    LocalDate base = LocalDate.of(2015, 1, 1);
    try {
      Path omop = Files.createDirectories(dir.resolve("omop"));
      try (var person = w(omop.resolve("person.csv"), OmopTable.PERSON);
          var op = w(omop.resolve("observation_period.csv"), OmopTable.OBSERVATION_PERIOD);
          var co = w(omop.resolve("condition_occurrence.csv"), OmopTable.CONDITION_OCCURRENCE);
          var de = w(omop.resolve("drug_exposure.csv"), OmopTable.DRUG_EXPOSURE);
          var me = w(omop.resolve("measurement.csv"), OmopTable.MEASUREMENT);
          var ob = w(omop.resolve("observation.csv"), OmopTable.OBSERVATION);
          var pr = w(omop.resolve("procedure_occurrence.csv"), OmopTable.PROCEDURE_OCCURRENCE);
          var dt = w(omop.resolve("death.csv"), OmopTable.DEATH);
          var no = w(omop.resolve("note.csv"), OmopTable.NOTE)) {
        long ids = 1;
        for (int p = 1; p <= n; p++) {
          row(
              person,
              OmopTable.PERSON,
              "person_id",
              p,
              "gender_concept_id",
              rnd.nextBoolean() ? 8507 : 8532,
              "year_of_birth",
              1930 + rnd.nextInt(70));
          row(
              op,
              OmopTable.OBSERVATION_PERIOD,
              "observation_period_id",
              p,
              "person_id",
              p,
              "observation_period_start_date",
              base,
              "observation_period_end_date",
              base.plusDays(3000));
          for (int k = 0; k < 3; k++) {
            row(
                co,
                OmopTable.CONDITION_OCCURRENCE,
                "condition_occurrence_id",
                ids++,
                "person_id",
                p,
                "condition_start_date",
                base.plusDays(rnd.nextInt(2900)),
                "condition_source_value",
                icd[rnd.nextInt(icd.length)]);
          }
          for (int k = 0; k < 2; k++) {
            LocalDate s = base.plusDays(rnd.nextInt(2900));
            row(
                de,
                OmopTable.DRUG_EXPOSURE,
                "drug_exposure_id",
                ids++,
                "person_id",
                p,
                "drug_exposure_start_date",
                s,
                "drug_exposure_end_date",
                s.plusDays(30),
                "drug_source_value",
                rx[rnd.nextInt(rx.length)]);
          }
          for (int k = 0; k < 8; k++) {
            int l = rnd.nextInt(loinc.length);
            row(
                me,
                OmopTable.MEASUREMENT,
                "measurement_id",
                ids++,
                "person_id",
                p,
                "measurement_date",
                base.plusDays(rnd.nextInt(2900)),
                "value_as_number",
                String.format(Locale.ROOT, "%.2f", 1 + rnd.nextDouble() * 100),
                "unit_source_value",
                unit[l],
                "measurement_source_value",
                loinc[l]);
          }
          row(
              ob,
              OmopTable.OBSERVATION,
              "observation_id",
              ids++,
              "person_id",
              p,
              "observation_date",
              base.plusDays(rnd.nextInt(2900)),
              "value_as_number",
              rnd.nextInt(5),
              "observation_source_value",
              "89247-1");
          row(
              ob,
              OmopTable.OBSERVATION,
              "observation_id",
              ids++,
              "person_id",
              p,
              "observation_date",
              base.plusDays(rnd.nextInt(2900)),
              "value_as_string",
              rnd.nextBoolean() ? "never" : "former",
              "observation_source_value",
              "72166-2");
          row(
              pr,
              OmopTable.PROCEDURE_OCCURRENCE,
              "procedure_occurrence_id",
              ids++,
              "person_id",
              p,
              "procedure_date",
              base.plusDays(rnd.nextInt(2900)),
              "procedure_source_value",
              "0BTC4ZZ");
          if (p % 10 == 0) {
            row(
                dt,
                OmopTable.DEATH,
                "person_id",
                p,
                "death_date",
                base.plusDays(2950),
                "cause_source_value",
                "C34.90");
          }
          row(
              no,
              OmopTable.NOTE,
              "note_id",
              p,
              "person_id",
              p,
              "note_date",
              base.plusDays(rnd.nextInt(2900)),
              "note_title",
              "Progress note",
              "note_text",
              "\"Patient seen in clinic.\nNo acute distress.\"");
        }
      }
      Path gen = Files.createDirectories(dir.resolve("genomics"));
      String[] genes = {"EGFR", "KRAS", "TP53", "ALK", "BRAF"};
      for (int f = 0; f * 1000 < n; f++) {
        int lo = f * 1000 + 1;
        int hi = Math.min(n, lo + 999);
        try (BufferedWriter bw =
            Files.newBufferedWriter(
                gen.resolve(String.format(Locale.ROOT, "somatic_%05d.vcf", f)),
                StandardCharsets.UTF_8)) {
          bw.write("##fileformat=VCFv4.2\n");
          bw.write("##INFO=<ID=GENE,Number=1,Type=String,Description=\"HGNC gene symbol\">\n");
          bw.write("##INFO=<ID=HGVSP,Number=1,Type=String,Description=\"Protein change\">\n");
          bw.write("##INFO=<ID=VC,Number=1,Type=String,Description=\"Variant class\">\n");
          bw.write("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
          bw.write("##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fraction\">\n");
          bw.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
          for (int p = lo; p <= hi; p++) {
            bw.write("\t" + p);
          }
          bw.write("\n");
          for (int v = 0; v < 20; v++) {
            bw.write(
                "chr7\t"
                    + (55191822 + v)
                    + "\t.\tT\tG\t.\tPASS\tGENE="
                    + genes[v % 5]
                    + ";HGVSP=p.X"
                    + v
                    + "Y;VC=SNV\tGT:AF");
            for (int p = lo; p <= hi; p++) {
              bw.write(
                  rnd.nextInt(20) == 0
                      ? String.format(Locale.ROOT, "\t0/1:%.2f", 0.05 + rnd.nextDouble() * 0.9)
                      : "\t0/0:.");
            }
            bw.write("\n");
          }
        }
      }
      Path om = Files.createDirectories(dir.resolve("omics"));
      matrix(om.resolve("expression.tsv"), n, 50, "G", rnd, 10);
      matrix(om.resolve("methylation.tsv"), n, 20, "cg", rnd, 1);
    } catch (IOException e) {
      throw new StratumException("cannot write " + dir + ": " + e, e);
    }
  }

  private static void matrix(
      Path f, int n, int rows, String prefix, SplittableRandom rnd, double scale)
      throws IOException {
    try (BufferedWriter bw = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      bw.write("feature_id");
      for (int p = 1; p <= n; p++) {
        bw.write("\t" + p);
      }
      bw.write("\n");
      for (int r = 0; r < rows; r++) {
        bw.write(prefix + r);
        for (int p = 1; p <= n; p++) {
          bw.write(String.format(Locale.ROOT, "\t%.3f", rnd.nextDouble() * scale));
        }
        bw.write("\n");
      }
    }
  }

  private static BufferedWriter w(Path f, OmopTable t) throws IOException {
    BufferedWriter bw = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
    bw.write(String.join(",", t.columns));
    bw.write("\n");
    return bw;
  }

  private static void row(BufferedWriter bw, OmopTable t, Object... kv) throws IOException {
    String[] vals = new String[t.columns.size()];
    java.util.Arrays.fill(vals, "");
    for (int i = 0; i < kv.length; i += 2) {
      vals[t.columns.indexOf((String) kv[i])] = String.valueOf(kv[i + 1]);
    }
    bw.write(String.join(",", vals));
    bw.write("\n");
  }
}
