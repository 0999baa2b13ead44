package dev.stratum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.EvidenceSpan;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.matching.MatchJson;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import dev.stratum.matching.PatientRecord;
import dev.stratum.notebooks.store.SnapshotPatients;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Precision and recall of the matcher's eligible set against a generated cohort's {@code
 * truth/eligibility.csv}. The criteria are the generator's own rules (its trial catalogue, kept as
 * data) written as criteria files, so the figure measures the matcher, not the criteria parser. Two
 * data scenarios: the feature store alone (facts that exist only in notes are missing), and the
 * store plus every note fact the notes really state ({@code truth/facts.csv}, i.e. a perfect
 * extractor): the complete-data case.
 *
 * <p>The predicted eligible set is "no criterion fails and every unknown is a criterion that could
 * not be structured" (the truth takes unstructured criteria such as "measurable disease" as met;
 * the matcher leaves them to a person).
 */
final class MatchQuality {
  /** Cytotoxic chemotherapy in the 2024 WHO ATC structure: L01A-L01D and the platinum compounds. */
  static final List<String> CHEMOTHERAPY_ATC = List.of("L01A", "L01B", "L01C", "L01D", "L01XA");

  record Figure(String trial, int truth, int predicted, int truePositives) {
    double precision() {
      return predicted == 0 ? (truth == 0 ? 1 : 0) : (double) truePositives / predicted;
    }

    double recall() {
      return truth == 0 ? 1 : (double) truePositives / truth;
    }
  }

  /** The generator's as-of day: a latent death after it is in the future. */
  static final LocalDate AS_OF_LIMIT = LocalDate.of(2025, 6, 30);

  private MatchQuality() {}

  /** The generator's trial rules as criteria files (one per trial) in {@code dir}. */
  static List<Path> goldCriteria(Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonNode root;
    try (InputStream in =
        MatchQuality.class.getResourceAsStream("/dev/stratum/datasets/synth/trials.json")) {
      root = Output.json().readTree(in);
    }
    Map<String, String[]> hotspots = new HashMap<>();
    try (InputStream in =
            MatchQuality.class.getResourceAsStream("/dev/stratum/datasets/vocab/variants.tsv");
        Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        hotspots.put(
            rec.get("id"),
            new String[] {rec.get("gene"), rec.get("hgvsp"), rec.get("variant_class")});
      }
    }
    List<Path> out = new ArrayList<>();
    for (JsonNode t : root.get("trials")) {
      ObjectNode doc = Output.object();
      doc.put("trial", t.get("nctId").asText());
      if (t.hasNonNull("minimumAge")) {
        doc.put("min_age", t.get("minimumAge").asDouble());
      }
      if (t.hasNonNull("maximumAge")) {
        doc.put("max_age", t.get("maximumAge").asDouble());
      }
      doc.put("sex", t.get("sex").asText().toLowerCase(Locale.ROOT));
      ArrayNode cs = doc.putArray("criteria");
      int inc = 0;
      int exc = 0;
      for (JsonNode c : t.get("criteria")) {
        boolean inclusion = c.get("kind").asText().equals("inclusion");
        ObjectNode o = cs.addObject();
        o.put("id", inclusion ? "I" + ++inc : "E" + ++exc);
        o.put("kind", c.get("kind").asText());
        o.put("text", c.get("text").asText());
        String type = c.get("type").asText();
        o.put("type", type.equals("pregnancy") ? "condition" : type);
        if (c.has("op")) {
          o.put("operator", c.get("op").asText());
          o.put("value", c.get("value").asDouble());
          if (c.hasNonNull("value2")) {
            o.put("value2", c.get("value2").asDouble());
          }
        }
        if (c.has("unit")) {
          o.put("unit", c.get("unit").asText());
        }
        if (c.has("withinDays")) {
          o.putObject("window").put("within", c.get("withinDays").asInt()).put("unit", "days");
        }
        ArrayNode codes = o.putArray("codes");
        switch (type) {
          case "age" -> o.put("unit", "a");
          case "condition" -> c.get("codes").forEach(x -> codes.add("ICD10CM:" + x.asText()));
          case "procedure" -> c.get("codes").forEach(x -> codes.add("ICD10PCS:" + x.asText()));
          case "lab" -> codes.add("LOINC:" + c.get("loinc").asText());
          case "performance" -> codes.add("LOINC:89247-1");
          case "pregnancy" -> {
            codes.add("LOINC:82810-3");
            o.put("concept", "pregnancy");
          }
          case "drug" -> {
            c.path("rxcui").forEach(x -> codes.add("RXNORM:" + x.asText()));
            c.path("atc").forEach(x -> codes.add("ATC:" + x.asText()));
            if (c.path("role").asText().equals("chemotherapy")) {
              CHEMOTHERAPY_ATC.forEach(x -> codes.add("ATC:" + x));
            }
          }
          case "biomarker" -> {
            if (c.has("variants")) {
              for (JsonNode v : c.get("variants")) {
                String[] h = hotspots.get(v.asText());
                String change =
                    switch (h[2]) {
                      case "AMP" -> "AMPLIFICATION";
                      case "FUSION" -> "FUSION";
                      default -> h[1].startsWith("p.") ? h[1].substring(2) : h[1];
                    };
                codes.add("HGNC:" + h[0] + "/" + change);
              }
            } else {
              switch (c.get("marker").asText()) {
                case "PD-L1 TPS" -> {
                  codes.add("HGNC:CD274");
                  o.put("unit", "%");
                }
                case "HER2 positive" -> {
                  codes.add("HGNC:ERBB2");
                  o.put("concept", "ERBB2 positive");
                }
                case "ER positive" -> {
                  codes.add("HGNC:ESR1");
                  o.put("concept", "ESR1 positive");
                }
                default -> throw new IllegalStateException(c.toString());
              }
            }
          }
          default -> {}
        }
      }
      Path f = dir.resolve(t.get("nctId").asText() + ".json");
      Files.writeString(f, Output.json().writeValueAsString(doc));
      out.add(f);
    }
    return out;
  }

  /**
   * The shipped trial files as the criteria parser reads them (end to end: parser, then matcher),
   * written as criteria files in {@code dir}.
   */
  static List<Path> parsedCriteria(Path trials, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (var t : MatchCommand.parseFolder(trials)) {
      ObjectNode doc = dev.stratum.nlp.criteria.CriteriaJson.toJson(t);
      doc.put("trial", t.trialId());
      Path f = dir.resolve(t.trialId() + ".json");
      Files.writeString(f, Output.json().writeValueAsString(doc));
      out.add(f);
    }
    return out;
  }

  /** The store's patients, optionally with the notes and every fact they truly state. */
  static List<PatientRecord> records(Path raw, Path store, Pseudonymizer key, boolean withNotes)
      throws IOException {
    var snap = FeatureStore.open(store).current();
    List<PatientRecord> base = new ArrayList<>();
    SnapshotPatients.of(snap).forEach(base::add);
    if (!withNotes) {
      return base;
    }
    Map<String, LocalDate> noteDate = new HashMap<>();
    Map<String, List<PatientRecord.NoteText>> notes = new HashMap<>();
    try (Reader r = Files.newBufferedReader(raw.resolve("omop/note.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        LocalDate d = LocalDate.parse(rec.get("note_date"));
        noteDate.put(rec.get("note_id"), d);
        notes
            .computeIfAbsent(key.pseudonym(rec.get("person_id")), k -> new ArrayList<>())
            .add(
                new PatientRecord.NoteText(
                    rec.get("note_id"), d, rec.get("note_title"), rec.get("note_text")));
      }
    }
    Map<String, List<NoteFact>> facts = new HashMap<>();
    try (Reader r =
        Files.newBufferedReader(raw.resolve("truth/facts.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        String pid = key.pseudonym(rec.get("person_id"));
        String code = rec.get("code");
        Code c = null;
        if (!code.isEmpty()) {
          int i = code.indexOf(':');
          c = Code.of(CodeSystem.valueOf(code.substring(0, i)), code.substring(i + 1));
        }
        String v = rec.get("value");
        facts
            .computeIfAbsent(pid, k -> new ArrayList<>())
            .add(
                new NoteFact(
                    rec.get("note_id"),
                    pid,
                    rec.get("category"),
                    rec.get("concept"),
                    c,
                    v.isEmpty() ? Double.NaN : Double.parseDouble(v),
                    rec.get("unit"),
                    rec.get("value_text"),
                    noteDate.get(rec.get("note_id")),
                    new AssertionStatus(
                        Boolean.parseBoolean(rec.get("negated")),
                        Boolean.parseBoolean(rec.get("uncertain")),
                        Boolean.parseBoolean(rec.get("historical")),
                        rec.get("experiencer").equals("family")
                            ? Experiencer.FAMILY
                            : Experiencer.PATIENT),
                    new EvidenceSpan(
                        rec.get("note_id"),
                        Integer.parseInt(rec.get("begin")),
                        Integer.parseInt(rec.get("end")),
                        rec.get("text"))));
      }
    }
    // Deaths the record missed (lost to follow-up) are part of complete data: the truth's
    // "alive" uses the latent death day, diagnosis (primary condition start) + latent_death_days.
    Map<String, LocalDate> diagnosis = new HashMap<>();
    try (Reader r =
        Files.newBufferedReader(
            raw.resolve("omop/condition_occurrence.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        if (rec.get("condition_status_source_value").equals("primary")) {
          diagnosis.put(rec.get("person_id"), LocalDate.parse(rec.get("condition_start_date")));
        }
      }
    }
    Map<String, LocalDate> death = new HashMap<>();
    try (Reader r =
        Files.newBufferedReader(raw.resolve("truth/outcomes.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        LocalDate dx = diagnosis.get(rec.get("person_id"));
        if (dx != null) {
          death.put(
              key.pseudonym(rec.get("person_id")),
              dx.plusDays(
                  Math.max(
                      1, (long) Math.floor(Double.parseDouble(rec.get("latent_death_days"))))));
        }
      }
    }
    // Who was sequenced is in the raw VCFs (one sample column per tested patient, 0/0 where no
    // call); the store keeps calls only, so a tested patient without a call looks untested.
    Set<String> tested = new HashSet<>();
    for (String id : sequenced(raw)) {
      tested.add(key.pseudonym(id));
    }
    List<PatientRecord> out = new ArrayList<>();
    for (PatientRecord p : base) {
      LocalDate died = p.deathDate();
      LocalDate latent = death.get(p.personId());
      if (died == null && latent != null && !latent.isAfter(AS_OF_LIMIT)) {
        died = latent;
      }
      List<NoteFact> fs = new ArrayList<>(p.facts());
      fs.addAll(facts.getOrDefault(p.personId(), List.of()));
      out.add(
          new PatientRecord(
              p.personId(),
              p.sex(),
              p.birthDate(),
              p.race(),
              p.ethnicity(),
              died,
              p.researchConsent(),
              p.conditions(),
              p.drugs(),
              p.procedures(),
              p.measurements(),
              p.observations(),
              p.variants(),
              p.genotyped() || tested.contains(p.personId()),
              fs,
              notes.getOrDefault(p.personId(), List.of()),
              p.strata()));
    }
    return out;
  }

  /** Source person ids of the patients whose tumour was sequenced (the VCFs' sample columns). */
  static Set<String> sequenced(Path raw) throws IOException {
    Set<String> out = new HashSet<>();
    Path dir = raw.resolve("genomics");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".vcf")).sorted().toList()) {
        try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
          lines
              .filter(l -> l.startsWith("#CHROM"))
              .findFirst()
              .ifPresent(
                  h -> {
                    String[] cols = h.split("\t");
                    for (int i = 9; i < cols.length; i++) {
                      out.add(cols[i]);
                    }
                  });
        }
      }
    }
    return out;
  }

  /** Trials whose rules name variants (their truth needs the tumour's genotype). */
  static Set<String> variantTrials() throws IOException {
    Set<String> out = new HashSet<>();
    try (InputStream in =
        MatchQuality.class.getResourceAsStream("/dev/stratum/datasets/synth/trials.json")) {
      for (JsonNode t : Output.json().readTree(in).get("trials")) {
        for (JsonNode c : t.get("criteria")) {
          if (c.has("variants")) {
            out.add(t.get("nctId").asText());
          }
        }
      }
    }
    return out;
  }

  /** Precision and recall per trial of the index against the cohort's truth. */
  static List<Figure> evaluate(
      Path raw, Path index, Pseudonymizer key, List<Path> criteria, LocalDate asOf)
      throws IOException {
    return evaluate(raw, index, key, criteria, asOf, false);
  }

  /**
   * Precision and recall per trial; with {@code testedOnly}, trials whose rules name variants are
   * measured on the sequenced patients only: an untested patient's variants exist in no record (the
   * generator's truth still uses them), so no matcher could decide them.
   */
  static List<Figure> evaluate(
      Path raw,
      Path index,
      Pseudonymizer key,
      List<Path> criteria,
      LocalDate asOf,
      boolean testedOnly)
      throws IOException {
    Set<String> tested = new HashSet<>();
    for (String id : sequenced(raw)) {
      tested.add(key.pseudonym(id));
    }
    Set<String> variantTrials = testedOnly ? variantTrials() : Set.of();
    Map<String, Set<String>> truth = new LinkedHashMap<>();
    Set<String> consenting = new HashSet<>();
    Map<String, String> sourceId = new HashMap<>();
    try (Reader r =
        Files.newBufferedReader(raw.resolve("truth/consent.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        if (Boolean.parseBoolean(rec.get("research_consent"))) {
          consenting.add(key.pseudonym(rec.get("person_id")));
        }
      }
    }
    try (Reader r =
        Files.newBufferedReader(raw.resolve("truth/eligibility.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        Set<String> s = truth.computeIfAbsent(rec.get("trial_id"), k -> new HashSet<>());
        String pid = key.pseudonym(rec.get("person_id"));
        sourceId.put(pid, rec.get("person_id"));
        if (Boolean.parseBoolean(rec.get("eligible")) && consenting.contains(pid)) {
          s.add(pid);
        }
      }
    }
    List<Figure> out = new ArrayList<>();
    try (PatientIndex idx = PatientIndex.open(index)) {
      for (Path f : criteria) {
        MatchResult m =
            Matcher.match(
                idx,
                MatchJson.readCriteria(f),
                MatchOptions.defaults().withEvaluationDate(asOf).withLimit(100_000));
        Set<String> predicted = new HashSet<>();
        for (MatchResult.PatientMatch p : m.patients()) {
          boolean pending =
              p.status() == MatchResult.Status.NEEDS_REVIEW
                  && p.criteria().stream()
                      .filter(c -> c.result() == MatchResult.Result.UNKNOWN)
                      .allMatch(c -> !c.reason().isEmpty());
          if (p.status() == MatchResult.Status.ELIGIBLE || pending) {
            predicted.add(p.personId());
          }
        }
        if (variantTrials.contains(m.trialId())) {
          predicted.retainAll(tested);
        }
        Set<String> t = new HashSet<>(truth.getOrDefault(m.trialId(), Set.of()));
        if (variantTrials.contains(m.trialId())) {
          t.retainAll(tested);
          predicted.retainAll(tested);
        }
        int tp = (int) predicted.stream().filter(t::contains).count();
        if (Boolean.getBoolean("stratum.quality.explain")) {
          // Development aid: every disagreement with the criteria that decided it.
          for (MatchResult.PatientMatch p : m.patients()) {
            if (variantTrials.contains(m.trialId()) && !tested.contains(p.personId())) {
              continue;
            }
            boolean fn = t.contains(p.personId()) && !predicted.contains(p.personId());
            boolean fp = !t.contains(p.personId()) && predicted.contains(p.personId());
            if (fn || fp) {
              StringBuilder b = new StringBuilder();
              b.append(m.trialId()).append(fn ? " FN " : " FP ").append(sourceId.get(p.personId()));
              for (MatchResult.CriterionResult c : p.criteria()) {
                boolean bad =
                    fn
                        ? c.result() != MatchResult.Result.MET
                            && !(c.kind().equals("exclusion")
                                && c.result() == MatchResult.Result.NOT_MET)
                        : true;
                if (bad) {
                  b.append("\n    ")
                      .append(c.id())
                      .append(' ')
                      .append(c.result().label())
                      .append(' ')
                      .append(c.text())
                      .append(' ')
                      .append(
                          c.evidence().stream()
                              .map(
                                  e ->
                                      e.kind() + ":" + e.code() + "@" + e.date() + "=" + e.value()
                                          + e.unit() + " " + e.text())
                              .toList());
                }
              }
              System.err.println(b);
            }
          }
        }
        out.add(new Figure(m.trialId(), t.size(), predicted.size(), tp));
      }
    }
    return out;
  }
}
