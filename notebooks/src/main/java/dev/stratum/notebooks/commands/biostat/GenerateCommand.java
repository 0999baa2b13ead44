package dev.stratum.notebooks.commands.biostat;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.datasets.synth.CohortGenerator;
import dev.stratum.datasets.synth.GenerationSummary;
import dev.stratum.datasets.synth.GeneratorOptions;
import dev.stratum.datasets.synth.StratumProfile;
import dev.stratum.datasets.synth.TrialCatalog;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generate}: the CLI's {@code stratum generate} (a synthetic cohort with planted strata in
 * the raw-data formats, {@link CohortGenerator}), so that a notebook can make its own data. Shows
 * the planted stratum sizes.
 */
public final class GenerateCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "generate",
              "--patients N --seed S --out DIR [--strata K] [--threads T]",
              "a synthetic cohort in the raw-data formats (OMOP, VCF, omics TSV) with planted strata")
          .withOptions("patients", "seed", "out", "strata", "threads");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    a.required("patients");
    int patients = a.integer("patients", 0, 1, 1_000_000);
    long seed = BiostatArgs.seed(a, 0);
    Path out = Path.of(a.required("out"));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw InvalidInputException.ofArgument("--out", "exists and is not a directory: " + out);
    }
    GeneratorOptions options;
    try {
      options =
          new GeneratorOptions(
              patients,
              seed,
              TrialCatalog.get().size(),
              a.integer("strata", GeneratorOptions.DEFAULT_STRATA, 1, 64),
              GeneratorOptions.DEFAULT_AS_OF,
              a.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--strata", e.getMessage());
    }
    GenerationSummary s =
        CohortGenerator.generate(options, out, done -> in.progress(done / (double) patients));
    List<List<String>> rows = new ArrayList<>();
    long[] sizes = s.stratumSizes();
    for (int i = 0; i < sizes.length; i++) {
      rows.add(List.of(StratumProfile.name(i), String.valueOf(sizes[i])));
    }
    return ParagraphOutput.table(List.of("planted_stratum", "patients"), rows);
  }
}
