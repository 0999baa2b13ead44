package dev.stratum.datasets.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.datasets.synth.NoteComposer.Fact;
import dev.stratum.datasets.synth.NoteComposer.Identifier;
import dev.stratum.datasets.synth.NoteComposer.Note;
import dev.stratum.datasets.synth.PatientState.Carried;
import dev.stratum.datasets.synth.PatientState.Condition;
import dev.stratum.datasets.synth.PatientState.DrugExposure;
import dev.stratum.datasets.synth.PatientState.FamilyHistory;
import dev.stratum.datasets.synth.PatientState.Lab;
import dev.stratum.datasets.synth.PatientState.Observation;
import dev.stratum.datasets.synth.PatientState.Procedure;
import dev.stratum.datasets.synth.TrialCatalog.TrialTemplate;
import dev.stratum.datasets.synth.Vocabulary.Hotspot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Generates a synthetic cohort with planted ground truth in the raw-data formats of
 * docs/data-formats.md: OMOP CDM v5.4 CSV, multi-sample VCF 4.2, omics TSV matrices,
 * ClinicalTrials.gov API v2 JSON, and the truth files. The model is described in
 * docs/dataset-card.md.
 *
 * <p>Determinism: patient i draws only from the i-th {@link SplittableRandom#split()} of the master
 * seed (split sequentially), and chunks are written in patient order, so output is byte-identical
 * for the same options whatever the thread count. Memory: patients are simulated in chunks of
 * {@value #CHUNK} and streamed to disk; only a few bytes per patient (stratum, omics seed, layer
 * flags) are kept for the omics matrices, which are written feature by feature afterwards.
 */
public final class CohortGenerator {

  /** Version of the generator's output; recorded in manifest.json. */
  public static final String FORMAT_VERSION = "1";

  /** Patients per chunk and per VCF file. */
  static final int CHUNK = 1000;

  private static final String[] TABLES = {
    "person",
    "observation_period",
    "condition_occurrence",
    "drug_exposure",
    "measurement",
    "observation",
    "procedure_occurrence",
    "death",
    "note"
  };

  private static final String[] TABLE_HEADERS = {
    "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,"
        + "race_concept_id,ethnicity_concept_id,location_id,provider_id,care_site_id,"
        + "person_source_value,gender_source_value,gender_source_concept_id,race_source_value,"
        + "race_source_concept_id,ethnicity_source_value,ethnicity_source_concept_id",
    "observation_period_id,person_id,observation_period_start_date,"
        + "observation_period_end_date,period_type_concept_id",
    "condition_occurrence_id,person_id,condition_concept_id,condition_start_date,"
        + "condition_start_datetime,condition_end_date,condition_end_datetime,"
        + "condition_type_concept_id,condition_status_concept_id,stop_reason,provider_id,"
        + "visit_occurrence_id,visit_detail_id,condition_source_value,"
        + "condition_source_concept_id,condition_status_source_value",
    "drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,"
        + "drug_exposure_start_datetime,drug_exposure_end_date,drug_exposure_end_datetime,"
        + "verbatim_end_date,drug_type_concept_id,stop_reason,refills,quantity,days_supply,sig,"
        + "route_concept_id,lot_number,provider_id,visit_occurrence_id,visit_detail_id,"
        + "drug_source_value,drug_source_concept_id,route_source_value,dose_unit_source_value",
    "measurement_id,person_id,measurement_concept_id,measurement_date,measurement_datetime,"
        + "measurement_time,measurement_type_concept_id,operator_concept_id,value_as_number,"
        + "value_as_concept_id,unit_concept_id,range_low,range_high,provider_id,"
        + "visit_occurrence_id,visit_detail_id,measurement_source_value,"
        + "measurement_source_concept_id,unit_source_value,unit_source_concept_id,"
        + "value_source_value,measurement_event_id,meas_event_field_concept_id",
    "observation_id,person_id,observation_concept_id,observation_date,observation_datetime,"
        + "observation_type_concept_id,value_as_number,value_as_string,value_as_concept_id,"
        + "qualifier_concept_id,unit_concept_id,provider_id,visit_occurrence_id,"
        + "visit_detail_id,observation_source_value,observation_source_concept_id,"
        + "unit_source_value,qualifier_source_value,value_source_value,observation_event_id,"
        + "obs_event_field_concept_id",
    "procedure_occurrence_id,person_id,procedure_concept_id,procedure_date,procedure_datetime,"
        + "procedure_end_date,procedure_end_datetime,procedure_type_concept_id,"
        + "modifier_concept_id,quantity,provider_id,visit_occurrence_id,visit_detail_id,"
        + "procedure_source_value,procedure_source_concept_id,modifier_source_value",
    "person_id,death_date,death_datetime,death_type_concept_id,cause_concept_id,"
        + "cause_source_value,cause_source_concept_id",
    "note_id,person_id,note_date,note_datetime,note_type_concept_id,note_class_concept_id,"
        + "note_title,note_text,encoding_concept_id,language_concept_id,provider_id,"
        + "visit_occurrence_id,visit_detail_id,note_source_value,note_event_id,"
        + "note_event_field_concept_id"
  };

  private static final String[] TRUTH = {
    "strata", "consent", "outcomes", "facts", "identifiers", "eligibility"
  };

  private static final String[] TRUTH_HEADERS = {
    "person_id,stratum",
    "person_id,research_consent",
    "person_id,stratum,treated,time_days,event,response,latent_death_days",
    "note_id,person_id,category,concept,code,value,unit,negated,uncertain,historical,"
        + "experiencer,begin,end,text,value_text,structured",
    "note_id,kind,begin,end,text",
    "trial_id,person_id,eligible"
  };

  /** OMOP type concept "EHR" (32817) for every record. */
  private static final String EHR = "32817";

  private static final String[] CONTIGS = {
    "chr2",
    "242193529",
    "chr3",
    "198295559",
    "chr7",
    "159345973",
    "chr12",
    "133275309",
    "chr13",
    "114364328",
    "chr17",
    "83257441"
  };

  private CohortGenerator() {}

  /** Generates the cohort into {@code out} (created when missing). */
  public static GenerationSummary generate(GeneratorOptions options, Path out) {
    return generate(options, out, done -> {});
  }

  /**
   * Generates the cohort into {@code out}, reporting the number of patients done to {@code
   * progress} (from the calling thread) as chunks are written and once more at the end of each
   * omics layer.
   */
  public static GenerationSummary generate(
      GeneratorOptions options, Path out, LongConsumer progress) {
    return generate(options, out, progress, CHUNK);
  }

  /** As {@link #generate(GeneratorOptions, Path, LongConsumer)} with a chunk (VCF file) size. */
  static GenerationSummary generate(
      GeneratorOptions options, Path out, LongConsumer progress, int chunkSize) {
    try {
      return new Run(options, out, progress, chunkSize).run();
    } catch (IOException e) {
      throw new StratumException("cannot write the cohort to " + out + ": " + e.getMessage(), e);
    }
  }

  /** One chunk's output, produced by a worker and written in order by the caller. */
  private static final class ChunkOutput {
    final StringBuilder[] tables = new StringBuilder[TABLES.length];
    final StringBuilder[] truth = new StringBuilder[TRUTH.length];
    String vcf;
    long vcfRecords;
    final long[] rows = new long[TABLES.length];
    final long[] truthRows = new long[TRUTH.length];
    final long[] strata;
    final long[] eligible;
    byte[] stratum;
    long[] omicsSeed;
    byte[] flags;

    /** Expected bytes per patient in each table and truth file, to size buffers once. */
    private static final int[] TABLE_BYTES = {130, 50, 400, 2600, 6000, 800, 300, 50, 3400};

    private static final int[] TRUTH_BYTES = {10, 12, 40, 2400, 500, 400};

    /** The chunk's files as UTF-8 bytes, encoded by the worker. */
    final byte[][] tableBytes = new byte[TABLES.length][];

    final byte[][] truthBytes = new byte[TRUTH.length][];
    byte[] vcfBytes;

    ChunkOutput(int strataCount, int trials, int patients) {
      for (int i = 0; i < tables.length; i++) {
        tables[i] = new StringBuilder(TABLE_BYTES[i] * patients + 1024);
      }
      for (int i = 0; i < truth.length; i++) {
        truth[i] = new StringBuilder(TRUTH_BYTES[i] * patients * Math.max(1, trials / 12) + 1024);
      }
      strata = new long[strataCount];
      eligible = new long[trials];
    }
  }

  private static final class Run {
    final GeneratorOptions o;
    final Path out;
    final LongConsumer progress;
    final List<TrialTemplate> trials;
    final PatientSimulator simulator;
    final NoteComposer composer = new NoteComposer();
    final OmicsModel omics;
    final Map<String, Long> rows = new LinkedHashMap<>();
    final long[] strataSizes;
    final long[] eligible;
    final int n;
    final byte[] stratum;
    final long[] omicsSeed;
    final byte[] flags;

    final int chunkSize;

    Run(GeneratorOptions o, Path out, LongConsumer progress, int chunkSize) {
      this.chunkSize = chunkSize;
      this.o = o;
      this.out = out;
      this.progress = progress;
      this.trials = TrialCatalog.get().first(o.trials());
      this.simulator = new PatientSimulator(o);
      this.omics = new OmicsModel(o.seed(), o.strata());
      this.strataSizes = new long[o.strata()];
      this.eligible = new long[trials.size()];
      if (o.patients() > Integer.MAX_VALUE - 8) {
        throw InvalidInputException.ofArgument("--patients", "too many patients for one run");
      }
      this.n = (int) o.patients();
      this.stratum = new byte[n];
      this.omicsSeed = new long[n];
      this.flags = new byte[n];
    }

    GenerationSummary run() throws IOException {
      for (String d : List.of("omop", "genomics", "omics", "trials", "truth")) {
        Files.createDirectories(out.resolve(d));
      }
      // Stale shards or trials of an earlier, larger run would otherwise look like part of this
      // one.
      for (String[] stale : new String[][] {{"genomics", "*.vcf"}, {"trials", "*.json"}}) {
        try (DirectoryStream<Path> old =
            Files.newDirectoryStream(out.resolve(stale[0]), stale[1])) {
          for (Path p : old) {
            Files.delete(p);
          }
        }
      }
      patients();
      omicsLayers();
      trialFiles();
      manifest();
      Map<String, Long> perTrial = new LinkedHashMap<>();
      for (int t = 0; t < trials.size(); t++) {
        perTrial.put(trials.get(t).nctId(), eligible[t]);
      }
      return new GenerationSummary(
          out, o.patients(), o.seed(), o.asOf(), rows, strataSizes, perTrial);
    }

    // -------------------------------------------------------------------------------------------

    void patients() throws IOException {
      OutputStream[] tables = new OutputStream[TABLES.length];
      OutputStream[] truth = new OutputStream[TRUTH.length];
      ExecutorService pool = Executors.newFixedThreadPool(o.threads());
      try {
        for (int i = 0; i < TABLES.length; i++) {
          tables[i] = stream(out.resolve("omop").resolve(TABLES[i] + ".csv"));
          tables[i].write((TABLE_HEADERS[i] + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < TRUTH.length; i++) {
          truth[i] = stream(out.resolve("truth").resolve(TRUTH[i] + ".csv"));
          truth[i].write((TRUTH_HEADERS[i] + "\n").getBytes(StandardCharsets.UTF_8));
        }
        long[] tableRows = new long[TABLES.length];
        long[] truthRows = new long[TRUTH.length];
        SplittableRandom master = new SplittableRandom(o.seed());
        Deque<Future<ChunkOutput>> inFlight = new ArrayDeque<>();
        int chunks = (n + chunkSize - 1) / chunkSize;
        int written = 0;
        long vcfRecords = 0;
        int vcfFiles = 0;
        for (int c = 0; c < chunks || !inFlight.isEmpty(); ) {
          if (c < chunks && inFlight.size() < 2 * o.threads()) {
            int from = c * chunkSize;
            int to = Math.min(n, from + chunkSize);
            SplittableRandom[] streams = new SplittableRandom[to - from];
            for (int i = 0; i < streams.length; i++) {
              streams[i] = master.split();
            }
            int chunkIndex = c;
            inFlight.add(pool.submit(() -> chunk(chunkIndex, from, streams)));
            c++;
            continue;
          }
          ChunkOutput co = take(inFlight.poll());
          for (int i = 0; i < TABLES.length; i++) {
            tables[i].write(co.tableBytes[i]);
            tableRows[i] += co.rows[i];
          }
          for (int i = 0; i < TRUTH.length; i++) {
            truth[i].write(co.truthBytes[i]);
            truthRows[i] += co.truthRows[i];
          }
          if (co.vcfBytes != null) {
            Path vcf =
                out.resolve("genomics")
                    .resolve(String.format(java.util.Locale.ROOT, "somatic_%05d.vcf", written));
            Files.write(vcf, co.vcfBytes);
            vcfRecords += co.vcfRecords;
            vcfFiles++;
          }
          for (int s = 0; s < strataSizes.length; s++) {
            strataSizes[s] += co.strata[s];
          }
          for (int t = 0; t < eligible.length; t++) {
            eligible[t] += co.eligible[t];
          }
          int from = written * chunkSize;
          System.arraycopy(co.stratum, 0, stratum, from, co.stratum.length);
          System.arraycopy(co.omicsSeed, 0, omicsSeed, from, co.omicsSeed.length);
          System.arraycopy(co.flags, 0, flags, from, co.flags.length);
          written++;
          progress.accept(Math.min((long) written * chunkSize, n));
        }
        for (int i = 0; i < TABLES.length; i++) {
          rows.put("omop/" + TABLES[i] + ".csv", tableRows[i]);
        }
        for (int i = 0; i < TRUTH.length; i++) {
          rows.put("truth/" + TRUTH[i] + ".csv", truthRows[i]);
        }
        rows.put("genomics/*.vcf files", (long) vcfFiles);
        rows.put("genomics/*.vcf records", vcfRecords);
      } finally {
        pool.shutdownNow();
        IOException first = null;
        for (OutputStream w : concat(tables, truth)) {
          if (w != null) {
            try {
              w.close();
            } catch (IOException e) {
              first = first == null ? e : first;
            }
          }
        }
        if (first != null) {
          throw first;
        }
      }
    }

    private static OutputStream[] concat(OutputStream[] a, OutputStream[] b) {
      OutputStream[] all = new OutputStream[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }

    private static <T> T take(Future<T> f) throws IOException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StratumException("cohort generation interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException r) {
          throw r;
        }
        if (c instanceof IOException io) {
          throw io;
        }
        throw new StratumException("cohort generation failed: " + c, c);
      }
    }

    ChunkOutput chunk(int chunkIndex, int from, SplittableRandom[] streams) {
      ChunkOutput co = new ChunkOutput(o.strata(), trials.size(), streams.length);
      co.stratum = new byte[streams.length];
      co.omicsSeed = new long[streams.length];
      co.flags = new byte[streams.length];
      List<PatientState> sequenced = new ArrayList<>();
      for (int i = 0; i < streams.length; i++) {
        SplittableRandom rng = streams[i];
        PatientState p = simulator.simulate(from + i + 1L, rng);
        List<Note> notes = composer.compose(p, rng);
        co.omicsSeed[i] = rng.nextLong();
        int f = 0;
        for (OmicsModel.Layer l : omics.layers) {
          if (rng.nextDouble() < l.presence) {
            f |= 1 << l.index;
          }
        }
        if (p.carries("ERBB2_AMP")) {
          f |= 1 << 6;
        }
        co.flags[i] = (byte) f;
        co.stratum[i] = (byte) p.stratum;
        co.strata[p.stratum]++;
        omop(co, p, notes);
        truth(co, p, notes);
        if (p.sequenced) {
          sequenced.add(p);
        }
      }
      if (!sequenced.isEmpty()) {
        vcf(co, sequenced);
        co.vcfBytes = co.vcf.getBytes(StandardCharsets.UTF_8);
        co.vcf = null;
      }
      for (int i = 0; i < TABLES.length; i++) {
        co.tableBytes[i] = co.tables[i].toString().getBytes(StandardCharsets.UTF_8);
        co.tables[i] = null;
      }
      for (int i = 0; i < TRUTH.length; i++) {
        co.truthBytes[i] = co.truth[i].toString().getBytes(StandardCharsets.UTF_8);
        co.truth[i] = null;
      }
      return co;
    }

    // -------------------------------------------------------------------------------------------
    // OMOP

    void omop(ChunkOutput co, PatientState p, List<Note> notes) {
      long id = p.personId;
      Fmt.Row person = new Fmt.Row(co.tables[0]);
      person
          .n(id)
          .n(p.sex.omopConceptId())
          .n(p.birthDate.getYear())
          .n(p.birthDate.getMonthValue())
          .n(p.birthDate.getDayOfMonth())
          .d(p.birthDate);
      co.tables[0].append("T00:00:00");
      person
          .n(p.raceConcept)
          .n(p.ethnicityConcept)
          .e(3)
          .s("P" + id)
          .s(p.sex == dev.stratum.core.model.Sex.FEMALE ? "F" : "M")
          .n(0)
          .s(p.race)
          .n(0)
          .s(p.ethnicity)
          .n(0)
          .end();
      co.rows[0]++;
      new Fmt.Row(co.tables[1]).n(id).n(id).d(p.observationStart).d(p.observationEnd).r(EHR).end();
      co.rows[1]++;
      long k = 0;
      Fmt.Row cond = new Fmt.Row(co.tables[2]);
      cond.n(id * 1000 + k++)
          .n(id)
          .n(0)
          .d(p.diagnosisDate)
          .e(3)
          .r(EHR)
          .n(32902)
          .e(4)
          .r(p.cancerCode)
          .n(0)
          .r("primary")
          .end();
      co.rows[2]++;
      for (Condition c : p.conditions) {
        if (c.structured()) {
          cond.n(id * 1000 + k++)
              .n(id)
              .n(0)
              .d(c.start())
              .e(3)
              .r(EHR)
              .n(32902)
              .e(4)
              .r(c.code())
              .n(0)
              .e(1)
              .end();
          co.rows[2]++;
        }
      }
      for (FamilyHistory f : p.familyHistory) {
        if (f.structured()) {
          cond.n(id * 1000 + k++)
              .n(id)
              .n(0)
              .d(p.observationStart)
              .e(3)
              .r(EHR)
              .n(0)
              .e(4)
              .r(f.code())
              .n(0)
              .e(1)
              .end();
          co.rows[2]++;
        }
      }
      k = 0;
      Fmt.Row drug = new Fmt.Row(co.tables[3]);
      for (DrugExposure d : p.drugs) {
        long days = ChronoUnit.DAYS.between(d.start(), d.end()) + 1;
        drug.n(id * 1000 + k++)
            .n(id)
            .n(0)
            .d(d.start())
            .e(1)
            .d(d.end())
            .e(2)
            .r(EHR)
            .e(3)
            .n(days)
            .e(1)
            .n(0)
            .e(4)
            .r(d.drug().rxcui())
            .n(0)
            .r(d.route())
            .e(1)
            .end();
        co.rows[3]++;
      }
      k = 0;
      Fmt.Row m = new Fmt.Row(co.tables[4]);
      for (Lab l : p.labs) {
        String v = LabFormat.format(l);
        m.n(id * 1000 + k++)
            .n(id)
            .n(0)
            .d(l.date())
            .e(2)
            .r(EHR)
            .e(1)
            .r(v)
            .e(1)
            .n(0)
            .r(num(l.loinc().low()))
            .r(num(l.loinc().high()))
            .e(3)
            .r(l.loinc().code())
            .n(0)
            .r(l.loinc().unit())
            .n(0)
            .r(v)
            .e(2)
            .end();
        co.rows[4]++;
      }
      k = 0;
      Fmt.Row obs = new Fmt.Row(co.tables[5]);
      for (Observation ob : p.observations) {
        boolean numeric = !Double.isNaN(ob.number());
        String value = numeric ? Fmt.fixed(ob.number(), 0) : ob.text();
        obs.n(id * 1000 + k++)
            .n(id)
            .n(0)
            .d(ob.date())
            .e(1)
            .r(EHR)
            .s(numeric ? value : null)
            .s(numeric ? null : value)
            .e(6)
            .r(ob.source())
            .n(0)
            .s(ob.source().equals(PatientSimulator.ECOG) ? "{score}" : null)
            .e(1)
            .s(value)
            .e(2)
            .end();
        co.rows[5]++;
      }
      k = 0;
      Fmt.Row proc = new Fmt.Row(co.tables[6]);
      for (Procedure pr : p.procedures) {
        proc.n(id * 1000 + k++)
            .n(id)
            .n(0)
            .d(pr.date())
            .e(3)
            .r(EHR)
            .e(5)
            .r(pr.code())
            .n(0)
            .e(1)
            .end();
        co.rows[6]++;
      }
      if (p.died) {
        new Fmt.Row(co.tables[7]).n(id).d(p.deathDate).e(1).r(EHR).n(0).r(p.cancerCode).n(0).end();
        co.rows[7]++;
      }
      Fmt.Row note = new Fmt.Row(co.tables[8]);
      for (Note nt : notes) {
        note.n(nt.noteId())
            .n(id)
            .d(nt.date())
            .e(1)
            .r(EHR)
            .n(0)
            .s(nt.title())
            .s(nt.text())
            .n(32678)
            .n(4180186)
            .e(3)
            .s(nt.title())
            .e(2)
            .end();
        co.rows[8]++;
      }
    }

    /** Reference range bounds as written, cached per LOINC code (a fixed, small vocabulary). */
    private static final Map<Double, String> RANGE_TEXT =
        new java.util.concurrent.ConcurrentHashMap<>();

    private static String num(double x) {
      if (Double.isNaN(x)) {
        return null;
      }
      return RANGE_TEXT.computeIfAbsent(
          x, v -> v == Math.rint(v) ? Long.toString((long) (double) v) : Double.toString(v));
    }

    // -------------------------------------------------------------------------------------------
    // Truth

    void truth(ChunkOutput co, PatientState p, List<Note> notes) {
      long id = p.personId;
      new Fmt.Row(co.truth[0]).n(id).n(p.stratum).end();
      co.truthRows[0]++;
      new Fmt.Row(co.truth[1]).n(id).b(p.researchConsent).end();
      co.truthRows[1]++;
      new Fmt.Row(co.truth[2])
          .n(id)
          .n(p.stratum)
          .b(p.treated)
          .n(p.timeDays)
          .b(p.died)
          .r(p.response)
          .s(Fmt.fixed(p.trueDeathDays, 1))
          .end();
      co.truthRows[2]++;
      Fmt.Row fact = new Fmt.Row(co.truth[3]);
      Fmt.Row ident = new Fmt.Row(co.truth[4]);
      for (Note nt : notes) {
        for (Fact f : nt.facts()) {
          fact.n(nt.noteId())
              .n(id)
              .r(f.category())
              .s(f.concept())
              .r(f.code())
              .s(f.value())
              .s(f.unit())
              .b(f.negated())
              .b(f.uncertain())
              .b(f.historical())
              .r(f.experiencer())
              .n(f.begin())
              .n(f.end())
              .s(f.text())
              .s(f.valueText())
              .b(f.structured())
              .end();
          co.truthRows[3]++;
        }
        for (Identifier idf : nt.identifiers()) {
          ident.n(nt.noteId()).r(idf.kind()).n(idf.begin()).n(idf.end()).s(idf.text()).end();
          co.truthRows[4]++;
        }
      }
      Fmt.Row el = new Fmt.Row(co.truth[5]);
      for (int t = 0; t < trials.size(); t++) {
        boolean e = EligibilityRules.eligible(trials.get(t), p, o.asOf());
        el.r(trials.get(t).nctId()).n(id).b(e).end();
        co.truthRows[5]++;
        if (e) {
          co.eligible[t]++;
        }
      }
    }

    // -------------------------------------------------------------------------------------------
    // VCF

    void vcf(ChunkOutput co, List<PatientState> samples) {
      List<Hotspot> sites = new ArrayList<>(Vocabulary.get().hotspots());
      sites.sort(
          Comparator.comparingInt((Hotspot h) -> chromOrder(h.chrom()))
              .thenComparingLong(Hotspot::pos));
      StringBuilder sb = new StringBuilder(64 * 1024);
      sb.append("##fileformat=VCFv4.2\n");
      sb.append("##source=stratum-synth ").append(FORMAT_VERSION).append('\n');
      sb.append("##reference=GRCh38\n");
      for (int i = 0; i < CONTIGS.length; i += 2) {
        sb.append("##contig=<ID=")
            .append(CONTIGS[i])
            .append(",length=")
            .append(CONTIGS[i + 1])
            .append(",assembly=GRCh38>\n");
      }
      sb.append("##ALT=<ID=DUP,Description=\"Duplication\">\n");
      sb.append("##ALT=<ID=INV,Description=\"Inversion\">\n");
      sb.append("##INFO=<ID=GENE,Number=1,Type=String,Description=\"HGNC gene symbol\">\n");
      sb.append(
          "##INFO=<ID=HGVSP,Number=1,Type=String,Description=\"Protein change, HGVS one-letter (p.L858R)\">\n");
      sb.append(
          "##INFO=<ID=VC,Number=1,Type=String,Description=\"Variant class: SNV, INDEL, AMP, DEL, FUSION\">\n");
      sb.append(
          "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Structural variant type\">\n");
      sb.append(
          "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position of the structural variant\">\n");
      sb.append(
          "##INFO=<ID=FUSION,Number=1,Type=String,Description=\"Fusion partners, 5' first (EML4-ALK)\">\n");
      sb.append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
      sb.append(
          "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Variant allele fraction in the tumour sample\">\n");
      sb.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
      for (PatientState p : samples) {
        sb.append('\t').append(p.personId);
      }
      sb.append('\n');
      long records = 0;
      for (Hotspot h : sites) {
        boolean any = false;
        for (PatientState p : samples) {
          if (p.carries(h.id())) {
            any = true;
            break;
          }
        }
        if (!any) {
          continue;
        }
        records++;
        sb.append(h.chrom())
            .append('\t')
            .append(h.pos())
            .append("\t.\t")
            .append(h.ref())
            .append('\t')
            .append(h.alt())
            .append("\t.\tPASS\tGENE=")
            .append(h.gene());
        if (!h.hgvsp().isEmpty()) {
          sb.append(";HGVSP=").append(h.hgvsp());
        }
        sb.append(";VC=").append(h.variantClass());
        if (h.svEnd() > 0) {
          sb.append(";SVTYPE=").append(h.alt(), 1, h.alt().length() - 1);
          sb.append(";END=").append(h.svEnd());
        }
        if (!h.fusion().isEmpty()) {
          sb.append(";FUSION=").append(h.fusion());
        }
        sb.append("\tGT:AF");
        for (PatientState p : samples) {
          double vaf = Double.NaN;
          for (Carried c : p.variants) {
            if (c.hotspot().id().equals(h.id())) {
              vaf = c.vaf();
            }
          }
          if (Double.isNaN(vaf)) {
            sb.append("\t0/0:.");
          } else {
            sb.append("\t0/1:");
            Fmt.appendFixed(sb, vaf, 3);
          }
        }
        sb.append('\n');
      }
      co.vcf = sb.toString();
      co.vcfRecords = records;
    }

    private static int chromOrder(String chrom) {
      String c = chrom.substring(3);
      return switch (c) {
        case "X" -> 23;
        case "Y" -> 24;
        default -> Integer.parseInt(c);
      };
    }

    // -------------------------------------------------------------------------------------------
    // Omics

    void omicsLayers() throws IOException {
      ExecutorService pool = Executors.newFixedThreadPool(o.threads());
      try {
        for (OmicsModel.Layer layer : omics.layers) {
          int[] samples = samplesWith(layer);
          Path file = out.resolve("omics").resolve(layer.name + ".tsv");
          try (OutputStream w = stream(file)) {
            StringBuilder header = new StringBuilder("feature_id");
            for (int s : samples) {
              header.append('\t').append(s + 1);
            }
            w.write(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            int features = layer.features.size();
            int block = Math.max(1, Math.min(16, 2_000_000 / Math.max(1, samples.length)));
            Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
            for (int f = 0; f < features || !inFlight.isEmpty(); ) {
              if (f < features && inFlight.size() < 2 * o.threads()) {
                int from = f;
                int to = Math.min(features, f + block);
                inFlight.add(pool.submit(() -> omicsRows(layer, samples, from, to)));
                f = to;
                continue;
              }
              w.write(take(inFlight.poll()));
            }
          }
          rows.put("omics/" + layer.name + ".tsv", (long) layer.features.size());
          rows.put("omics/" + layer.name + ".tsv samples", (long) samples.length);
          progress.accept(n);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    int[] samplesWith(OmicsModel.Layer layer) {
      int count = 0;
      for (int i = 0; i < n; i++) {
        if ((flags[i] & (1 << layer.index)) != 0) {
          count++;
        }
      }
      int[] s = new int[count];
      int j = 0;
      for (int i = 0; i < n; i++) {
        if ((flags[i] & (1 << layer.index)) != 0) {
          s[j++] = i;
        }
      }
      return s;
    }

    byte[] omicsRows(OmicsModel.Layer layer, int[] samples, int from, int to) {
      StringBuilder sb = new StringBuilder((to - from) * (samples.length * 8 + 32));
      for (int f = from; f < to; f++) {
        sb.append(layer.features.get(f));
        for (int s : samples) {
          sb.append('\t');
          double v = layer.value(omicsSeed[s], stratum[s], (flags[s] & (1 << 6)) != 0, f);
          if (Double.isNaN(v)) {
            sb.append("NA");
          } else {
            Fmt.appendFixed(sb, v, layer.decimals);
          }
        }
        sb.append('\n');
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // -------------------------------------------------------------------------------------------

    void trialFiles() throws IOException {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      for (TrialTemplate t : trials) {
        Path file = out.resolve("trials").resolve(t.nctId() + ".json");
        try (Writer w = writer(file)) {
          w.write(mapper.writeValueAsString(t.toApiV2Json(mapper)));
          w.write('\n');
        }
        rows.put("trials/" + t.nctId() + ".json", 1L);
      }
    }

    void manifest() throws IOException {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode m = mapper.createObjectNode();
      m.put("generator", "stratum-datasets synth");
      m.put("format_version", FORMAT_VERSION);
      m.put("seed", o.seed());
      m.put("patients", o.patients());
      m.put("strata", o.strata());
      m.put("as_of", o.asOf().toString());
      m.put("reference_genome", "GRCh38");
      m.put("omop_cdm_version", "5.4");
      ArrayNode names = m.putArray("stratum_names");
      for (int s = 0; s < o.strata(); s++) {
        names.add(StratumProfile.name(s));
      }
      ArrayNode sizes = m.putArray("stratum_sizes");
      for (long s : strataSizes) {
        sizes.add(s);
      }
      ObjectNode tr = m.putObject("eligible_per_trial");
      for (int t = 0; t < trials.size(); t++) {
        tr.put(trials.get(t).nctId(), eligible[t]);
      }
      ObjectNode files = m.putObject("rows");
      rows.forEach(files::put);
      try (Writer w = writer(out.resolve("manifest.json"))) {
        w.write(mapper.writeValueAsString(m));
        w.write('\n');
      }
    }

    private static OutputStream stream(Path p) throws IOException {
      return new java.io.BufferedOutputStream(Files.newOutputStream(p), 1 << 20);
    }

    private static Writer writer(Path p) throws IOException {
      OutputStream os = Files.newOutputStream(p);
      return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20);
    }
  }
}
