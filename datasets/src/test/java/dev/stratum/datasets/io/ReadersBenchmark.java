package dev.stratum.datasets.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark command for the readers (STYLE.md 16: measured by a command, not by timed tests).
 * Writes synthetic files of the given size, then reads each leniently and prints records per
 * second. Run it with a small heap ({@code -Xmx256m}) to show that reading streams:
 *
 * <pre>
 * java -Xmx256m -cp CLASSPATH dev.stratum.datasets.io.ReadersBenchmark DIR ROWS [SEED]
 * </pre>
 */
public final class ReadersBenchmark {
  private ReadersBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    long rows = Long.parseLong(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    Path measurement = dir.resolve("measurement.csv");
    Path note = dir.resolve("note.csv");
    Path vcf = dir.resolve("somatic.vcf");
    Path omics = dir.resolve("expression.tsv");
    writeMeasurements(measurement, rows, random.split());
    writeNotes(note, rows / 10, random.split());
    int samples = 1000;
    writeVcf(vcf, (int) Math.max(1, rows / 500), samples, random.split());
    writeOmics(omics, (int) Math.max(1, rows / 500), samples, random.split());

    System.out.printf(
        Locale.ROOT,
        "JDK %s, %d processors, max heap %d MiB%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    time("omop measurement", OmopCsvReader.of(OmopTable.MEASUREMENT), measurement);
    time("omop note (3-line quoted text)", OmopCsvReader.of(OmopTable.NOTE), note);
    time("vcf (" + samples + " samples)", new VcfReader(), vcf);
    time("omics tsv (" + samples + " samples)", new OmicsTsvReader(), omics);
  }

  private static <T> void time(String what, RecordReader<T> reader, Path file) throws IOException {
    long bytes = Files.size(file);
    long best = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    ReadCounts counts = null;
    // CPU time of the reading thread as well as wall time: the machine is shared, so wall time
    // includes waiting for a core.
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      long[] quarantined = {0};
      counts = reader.read(file, ReadPolicy.lenient(q -> quarantined[0]++), r -> {});
      best = Math.min(best, System.nanoTime() - t0);
      bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
    }
    double s = best / 1e9;
    double cpu = bestCpu / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-34s %,10d records %6.1f MB  wall %5.2f s  cpu %5.2f s  %,10.0f records/cpu-s"
            + "  %5.1f MB/cpu-s  (quarantined %d)%n",
        what,
        counts.read(),
        bytes / 1e6,
        s,
        cpu,
        counts.read() / cpu,
        bytes / 1e6 / cpu,
        counts.quarantined());
  }

  private static void writeMeasurements(Path p, long rows, SplittableRandom r) throws IOException {
    String[] loinc = {"4548-4", "718-7", "2160-0", "1742-6", "777-3"};
    String[] unit = {"%", "g/dL", "mg/dL", "U/L", "10*9/L"};
    try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write(String.join(",", OmopTable.MEASUREMENT.columns()));
      w.write('\n');
      for (long i = 1; i <= rows; i++) {
        int k = r.nextInt(loinc.length);
        String v = String.format(Locale.ROOT, "%.1f", 1 + 20 * r.nextDouble());
        w.write(
            i
                + ","
                + (1 + r.nextInt(1_000_000))
                + ",0,20"
                + (10 + r.nextInt(14))
                + "-0"
                + (1 + r.nextInt(9))
                + "-1"
                + r.nextInt(10)
                + ",,,32817,,"
                + v
                + ",,,,,,,,"
                + loinc[k]
                + ",0,"
                + unit[k]
                + ",,"
                + v
                + ",,\n");
      }
    }
  }

  private static void writeNotes(Path p, long rows, SplittableRandom r) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write(String.join(",", OmopTable.NOTE.columns()));
      w.write('\n');
      for (long i = 1; i <= rows; i++) {
        w.write(
            i
                + ","
                + (1 + r.nextInt(1_000_000))
                + ",2023-01-01,,32817,0,Progress note,"
                + "\"HPI: patient with NSCLC, EGFR L858R detected.\nDenies chest pain, ECOG "
                + r.nextInt(5)
                + ".\nPlan: continue \"\"osimertinib\"\".\",0,0,,,,,,\n");
      }
    }
  }

  private static void writeVcf(Path p, int sites, int samples, SplittableRandom r)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write(
          VcfReaderContractTest.HEADER.substring(
              0, VcfReaderContractTest.HEADER.indexOf("#CHROM")));
      w.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
      for (int s = 1; s <= samples; s++) {
        w.write("\t" + s);
      }
      w.write('\n');
      for (int i = 0; i < sites; i++) {
        StringBuilder sb =
            new StringBuilder(
                "chr7\t" + (55_000_000 + i) + "\t.\tT\tG\t.\tPASS\tGENE=EGFR;VC=SNV\tGT:AF");
        for (int s = 0; s < samples; s++) {
          sb.append(
              r.nextInt(50) == 0
                  ? String.format(Locale.ROOT, "\t0/1:%.2f", 0.05 + 0.9 * r.nextDouble())
                  : "\t0/0:.");
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  private static void writeOmics(Path p, int features, int samples, SplittableRandom r)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write("feature_id");
      for (int s = 1; s <= samples; s++) {
        w.write("\t" + s);
      }
      w.write('\n');
      for (int f = 0; f < features; f++) {
        StringBuilder sb = new StringBuilder("G" + f);
        for (int s = 0; s < samples; s++) {
          sb.append(String.format(Locale.ROOT, "\t%.3f", 8 + 2 * r.nextGaussian()));
        }
        w.write(sb.append('\n').toString());
      }
    }
  }
}
