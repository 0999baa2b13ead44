package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.datasets.synth.CohortGenerator;
import dev.stratum.datasets.synth.GenerationSummary;
import dev.stratum.datasets.synth.GeneratorOptions;
import dev.stratum.datasets.synth.StratumProfile;
import dev.stratum.datasets.synth.TrialCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stratum generate}: writes a synthetic cohort with planted ground truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic cohort in the real input formats (OMOP CDM v5.4 CSV, VCF 4.2, omics"
          + " TSV, ClinicalTrials.gov API v2 JSON) with the planted truth under DIR/truth/.",
      "The same --seed and options give byte-identical output. See docs/dataset-card.md."
    })
public final class GenerateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--patients", required = true, description = "Number of patients (>= 1).")
  long patients;

  @Option(names = "--seed", required = true, description = "Master random seed.")
  long seed;

  @Option(names = "--out", required = true, description = "Output directory (created).")
  Path out;

  @Option(
      names = "--trials",
      description = "Number of synthetic trials to write (1 to the catalogue size; default all).")
  Integer trials;

  @Option(
      names = "--strata",
      defaultValue = "4",
      description = "Number of latent strata, 2 to 8 (default ${DEFAULT-VALUE}).")
  int strata;

  @Option(names = "--as-of", description = "As-of date YYYY-MM-DD (default " + "2025-06-30" + ").")
  String asOf;

  @Option(
      names = "--threads",
      description = "Worker threads (default: available processors); output does not depend on it.")
  Integer threads;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Summary format: table, json or csv (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    LocalDate date = GeneratorOptions.DEFAULT_AS_OF;
    if (asOf != null) {
      try {
        date = LocalDate.parse(asOf);
      } catch (DateTimeParseException e) {
        throw InvalidInputException.ofArgument(
            "--as-of", "expected a date YYYY-MM-DD, got '" + asOf + "'");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw InvalidInputException.ofArgument("--out", "exists and is not a directory: " + out);
    }
    GeneratorOptions options =
        new GeneratorOptions(
            patients,
            seed,
            trials == null ? TrialCatalog.get().size() : trials,
            strata,
            date,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    GenerationSummary summary;
    try (Progress bar = Progress.start("generate", patients)) {
      summary = CohortGenerator.generate(options, out, bar::stepTo);
    }
    PrintWriter o = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      var root = Output.object();
      root.put("out", summary.out().toString());
      root.put("patients", summary.patients());
      root.put("seed", summary.seed());
      root.put("as_of", summary.asOf().toString());
      var sizes = root.putObject("strata");
      long[] s = summary.stratumSizes();
      for (int i = 0; i < s.length; i++) {
        sizes.put(StratumProfile.name(i), s[i]);
      }
      var files = root.putObject("rows");
      summary.rows().forEach(files::put);
      var el = root.putObject("eligible");
      summary.eligiblePerTrial().forEach(el::put);
      Output.writeJson(o, root);
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (Map.Entry<String, Long> e : summary.rows().entrySet()) {
        rows.add(List.of(e.getKey(), Long.toString(e.getValue())));
      }
      long[] s = summary.stratumSizes();
      for (int i = 0; i < s.length; i++) {
        rows.add(List.of("stratum " + StratumProfile.name(i), Long.toString(s[i])));
      }
      summary
          .eligiblePerTrial()
          .forEach((k, v) -> rows.add(List.of("eligible " + k, Long.toString(v))));
      Output.writeTable(o, format, List.of("item", "count"), rows);
    }
    return Stratum.OK;
  }
}
