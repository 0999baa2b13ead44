package dev.stratum.datasets.io;

import dev.stratum.core.clinical.ClinicalEvent;
import dev.stratum.core.clinical.Death;
import dev.stratum.core.clinical.Note;
import dev.stratum.core.clinical.ObservationPeriod;
import dev.stratum.core.criteria.Trial;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.core.genomics.Variant;
import dev.stratum.core.model.Consent;
import dev.stratum.core.model.Person;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A raw-data directory in the layout of docs/data-formats.md ({@code omop/*.csv}, {@code
 * genomics/*.vcf}, {@code omics/<layer>.tsv}, {@code trials/*.json|xml}), read with typed, lazy
 * streams. Every stream reads its files one record at a time and must be closed
 * (try-with-resources); a table whose file is absent streams nothing. Compressed files ({@code
 * .gz}) are read too.
 *
 * <pre>{@code
 * RawDataset raw = RawDataset.open(dir);
 * try (Stream<Person> persons = raw.persons(ReadPolicy.strict())) { ... }
 * ValidationReport report = raw.validate(5);
 * }</pre>
 */
public final class RawDataset {
  private final Path root;

  private RawDataset(Path root) {
    this.root = root;
  }

  /**
   * Opens {@code dir}; nothing is read yet.
   *
   * @throws InvalidInputException when {@code dir} is not a directory
   */
  public static RawDataset open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw InvalidInputException.at(dir.toString(), 0, null, "not a directory");
    }
    return new RawDataset(dir);
  }

  public Path root() {
    return root;
  }

  // ---- OMOP ---------------------------------------------------------------------------------

  /** The file of {@code table} ({@code omop/<table>.csv} or {@code .csv.gz}), if present. */
  public Optional<Path> omopFile(OmopTable<?> table) {
    for (String name : List.of(table.fileName(), table.fileName() + ".gz")) {
      Path p = root.resolve("omop").resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The rows of {@code table}; empty when the file is absent. */
  public <T> Stream<T> table(OmopTable<T> table, ReadPolicy policy) {
    return omopFile(table)
        .map(p -> OmopCsvReader.of(table).stream(p, policy))
        .orElseGet(Stream::empty);
  }

  public Stream<Person> persons(ReadPolicy policy) {
    return table(OmopTable.PERSON, policy);
  }

  public Stream<ObservationPeriod> observationPeriods(ReadPolicy policy) {
    return table(OmopTable.OBSERVATION_PERIOD, policy);
  }

  public Stream<ClinicalEvent> conditions(ReadPolicy policy) {
    return table(OmopTable.CONDITION_OCCURRENCE, policy);
  }

  public Stream<ClinicalEvent> drugExposures(ReadPolicy policy) {
    return table(OmopTable.DRUG_EXPOSURE, policy);
  }

  public Stream<ClinicalEvent> measurements(ReadPolicy policy) {
    return table(OmopTable.MEASUREMENT, policy);
  }

  public Stream<ClinicalEvent> observations(ReadPolicy policy) {
    return table(OmopTable.OBSERVATION, policy);
  }

  public Stream<ClinicalEvent> procedures(ReadPolicy policy) {
    return table(OmopTable.PROCEDURE_OCCURRENCE, policy);
  }

  /** Conditions, drug exposures, measurements, observations and procedures, table after table. */
  public Stream<ClinicalEvent> events(ReadPolicy policy) {
    return Stream.of(
            OmopTable.CONDITION_OCCURRENCE,
            OmopTable.DRUG_EXPOSURE,
            OmopTable.MEASUREMENT,
            OmopTable.OBSERVATION,
            OmopTable.PROCEDURE_OCCURRENCE)
        .flatMap(t -> table(t, policy));
  }

  /** Consent records from the observation table (all of them; the latest per tier wins). */
  public Stream<Consent> consents(ReadPolicy policy) {
    return observations(policy).flatMap(e -> Consents.of(e).stream());
  }

  public Stream<Death> deaths(ReadPolicy policy) {
    return table(OmopTable.DEATH, policy);
  }

  public Stream<Note> notes(ReadPolicy policy) {
    return table(OmopTable.NOTE, policy);
  }

  // ---- genomics, omics, trials --------------------------------------------------------------

  /** {@code genomics/*.vcf} and {@code *.vcf.gz}, by name. */
  public List<Path> vcfFiles() {
    return list("genomics", ".vcf", ".vcf.gz", ".vcf.bgz");
  }

  public Stream<VariantSite> variantSites(ReadPolicy policy) {
    VcfReader reader = new VcfReader();
    return vcfFiles().stream().flatMap(p -> reader.stream(p, policy));
  }

  /** Every carrier of every variant site. */
  public Stream<Variant> variants(ReadPolicy policy) {
    return variantSites(policy).flatMap(s -> s.carriers().stream());
  }

  /** {@code omics/*.tsv} (and {@code .tsv.gz}), by name. */
  public List<Path> omicsFiles() {
    return list("omics", ".tsv", ".tsv.gz");
  }

  /** The layers present, e.g. {@code [expression, methylation, protein]}. */
  public List<String> omicsLayers() {
    return omicsFiles().stream().map(OmicsTsvReader::layerOf).toList();
  }

  /** The file holding {@code layer}. */
  public Optional<Path> omicsFile(String layer) {
    return omicsFiles().stream().filter(p -> OmicsTsvReader.layerOf(p).equals(layer)).findFirst();
  }

  /** The rows of one layer; empty when the layer is absent. */
  public Stream<OmicsRow> omicsRows(String layer, ReadPolicy policy) {
    return omicsFile(layer)
        .map(p -> new OmicsTsvReader().stream(p, policy))
        .orElseGet(Stream::empty);
  }

  /**
   * One layer as a dense matrix.
   *
   * @throws InvalidInputException when the layer is absent
   */
  public OmicsMatrix omics(String layer, ReadPolicy policy) {
    Path p =
        omicsFile(layer)
            .orElseThrow(
                () ->
                    InvalidInputException.at(
                        root.resolve("omics").toString(),
                        0,
                        null,
                        "no " + layer + " layer (have " + omicsLayers() + ")"));
    return new OmicsTsvReader().readMatrix(p, policy);
  }

  /** {@code trials/*.json} and {@code trials/*.xml}, by name. */
  public List<Path> trialFiles() {
    return list("trials", ".json", ".xml");
  }

  public Stream<Trial> trials(ReadPolicy policy) {
    return trialFiles().stream().flatMap(p -> trialReader(p).stream(p, policy));
  }

  /** The reader of a trial file by extension: API v2 JSON or classic XML. */
  public static RecordReader<Trial> trialReader(Path file) {
    return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".xml")
        ? new TrialXmlReader()
        : new TrialJsonReader();
  }

  // ---- validation ---------------------------------------------------------------------------

  /** Every file this dataset reads, with its reader, in reading order. */
  public List<Path> files() {
    List<Path> out = new ArrayList<>();
    for (OmopTable<?> t : OmopTable.ALL) {
      omopFile(t).ifPresent(out::add);
    }
    out.addAll(vcfFiles());
    out.addAll(omicsFiles());
    out.addAll(trialFiles());
    return out;
  }

  /** The reader for a file of a raw-data directory, by folder and extension. */
  public static Optional<RecordReader<?>> readerFor(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    Path parent = file.getParent();
    String folder = parent == null ? "" : String.valueOf(parent.getFileName());
    if (folder.equals("omop") && (name.endsWith(".csv") || name.endsWith(".csv.gz"))) {
      String table = name.substring(0, name.indexOf(".csv"));
      return OmopTable.byName(table).map(RawDataset::omopReader);
    }
    if (name.endsWith(".vcf") || name.endsWith(".vcf.gz") || name.endsWith(".vcf.bgz")) {
      return Optional.of(new VcfReader());
    }
    if (folder.equals("omics") && (name.endsWith(".tsv") || name.endsWith(".tsv.gz"))) {
      return Optional.of(new OmicsTsvReader());
    }
    if (name.endsWith(".json")) {
      return Optional.of(new TrialJsonReader());
    }
    if (name.endsWith(".xml")) {
      return Optional.of(new TrialXmlReader());
    }
    return Optional.empty();
  }

  private static RecordReader<?> omopReader(OmopTable<?> table) {
    return OmopCsvReader.of(table);
  }

  /**
   * Reads every file leniently and reports, per file, records read, accepted and quarantined, and
   * the first {@code maxProblems} reasons. Nothing but counts and reasons is kept.
   *
   * @throws InvalidInputException when the directory holds no file Stratum reads
   */
  public ValidationReport validate(int maxProblems) {
    return validate(maxProblems, false, null, f -> {});
  }

  /**
   * Reads every file and reports counts and reasons per file.
   *
   * @param maxProblems how many problems to keep per file
   * @param strict stop at the first bad record or file by throwing its {@link
   *     InvalidInputException} (path, line, field) instead of reporting it
   * @param quarantine also receives every rejected record with its raw text (patient data), e.g. to
   *     write a quarantine file; may be null
   * @param onFileDone called after each file, e.g. to advance a progress bar
   * @throws InvalidInputException when the directory holds no file Stratum reads, or in strict mode
   *     for the first problem
   */
  public ValidationReport validate(
      int maxProblems,
      boolean strict,
      Quarantine quarantine,
      Consumer<ValidationReport.FileReport> onFileDone) {
    if (maxProblems < 0) {
      throw new IllegalArgumentException("maxProblems must be >= 0, got " + maxProblems);
    }
    List<Path> files = files();
    if (files.isEmpty()) {
      throw InvalidInputException.at(
          root.toString(),
          0,
          null,
          "no raw data found (expected omop/*.csv, genomics/*.vcf, omics/*.tsv or"
              + " trials/*.json|xml)");
    }
    List<ValidationReport.FileReport> reports = new ArrayList<>();
    for (Path f : files) {
      ValidationReport.FileReport r = validateFile(f, maxProblems, strict, quarantine);
      reports.add(r);
      onFileDone.accept(r);
    }
    return new ValidationReport(root.toString(), reports, skipped());
  }

  /**
   * Reads every file strictly.
   *
   * @throws InvalidInputException for the first bad record or file, with path, line and field
   */
  public ValidationReport validateStrict() {
    return validate(0, true, null, f -> {});
  }

  private static ValidationReport.FileReport validateFile(
      Path file, int maxProblems, boolean strict, Quarantine quarantine) {
    RecordReader<?> reader = readerFor(file).orElseThrow();
    List<ValidationReport.Problem> problems = new ArrayList<>();
    long[] counts = new long[2]; // accepted, quarantined
    Quarantine q =
        r -> {
          counts[1]++;
          if (problems.size() < maxProblems) {
            problems.add(ValidationReport.Problem.of(r));
          }
          if (quarantine != null) {
            quarantine.accept(r);
          }
        };
    Consumer<Object> accepted = r -> counts[0]++;
    try {
      ReadCounts c =
          readAny(reader, file, strict ? ReadPolicy.strict() : ReadPolicy.lenient(q), accepted);
      return new ValidationReport.FileReport(
          file.toString(),
          reader.format(),
          c.read(),
          c.accepted(),
          c.quarantined(),
          problems,
          Optional.empty());
    } catch (InvalidInputException e) {
      if (strict) {
        throw e;
      }
      // The records before the fatal problem were counted as they went by.
      ValidationReport.Problem fatal =
          new ValidationReport.Problem(e.line(), e.field().orElse(""), e.reason(), e.getMessage());
      return new ValidationReport.FileReport(
          file.toString(),
          reader.format(),
          counts[0] + counts[1],
          counts[0],
          counts[1],
          problems,
          Optional.of(fatal));
    }
  }

  private static <T> ReadCounts readAny(
      RecordReader<T> reader, Path file, ReadPolicy policy, Consumer<Object> sink) {
    return reader.read(file, policy, sink::accept);
  }

  private List<String> skipped() {
    List<String> out = new ArrayList<>();
    for (String folder : List.of("omop", "genomics", "omics", "trials")) {
      Path dir = root.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(Files::isRegularFile)
            .filter(p -> readerFor(p).isEmpty())
            .map(Path::toString)
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw InvalidInputException.at(dir.toString(), 0, null, "cannot list: " + e.getMessage());
      }
    }
    return out;
  }

  private List<Path> list(String folder, String... suffixes) {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
                for (String suffix : suffixes) {
                  if (n.endsWith(suffix)) {
                    return true;
                  }
                }
                return false;
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw InvalidInputException.at(dir.toString(), 0, null, "cannot list: " + e.getMessage());
    }
  }
}
