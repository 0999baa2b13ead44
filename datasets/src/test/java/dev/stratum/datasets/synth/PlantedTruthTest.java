package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks that the planted truth is really in the written files: strata separate in the omics
 * layers, variant prevalence follows the stratum profile, survival and the treatment effect differ
 * by stratum, note facts agree with the structured tables, and eligibility truth follows from the
 * criteria. Tolerances for proportions are 4 binomial standard errors, 4 * sqrt(p(1-p)/n).
 */
class PlantedTruthTest {
  static Cohort c;
  static Map<Long, Integer> strata;

  @BeforeAll
  static void generate() {
    c = Cohort.shared();
    strata = c.strata();
  }

  private static double tol(double p, long n) {
    return 4 * Math.sqrt(p * (1 - p) / n) + 1e-9;
  }

  @Test
  void everyFileOfTheContractIsWritten() {
    for (String f :
        List.of(
            "manifest.json",
            "omop/person.csv",
            "omop/observation_period.csv",
            "omop/condition_occurrence.csv",
            "omop/drug_exposure.csv",
            "omop/measurement.csv",
            "omop/observation.csv",
            "omop/procedure_occurrence.csv",
            "omop/death.csv",
            "omop/note.csv",
            "genomics/somatic_00000.vcf",
            "genomics/somatic_00001.vcf",
            "omics/expression.tsv",
            "omics/protein.tsv",
            "omics/methylation.tsv",
            "truth/strata.csv",
            "truth/eligibility.csv",
            "truth/facts.csv",
            "truth/consent.csv",
            "truth/outcomes.csv",
            "truth/identifiers.csv")) {
      assertTrue(Files.isRegularFile(c.dir.resolve(f)), f);
    }
    assertEquals(Cohort.PATIENTS, c.csv("omop/person.csv").size());
    assertEquals(TrialCatalog.get().size(), c.summary.eligiblePerTrial().size());
    assertTrue(TrialCatalog.get().size() >= 10);
  }

  @Test
  void strataHaveThePlannedUnequalSizes() {
    double[] w = StratumProfile.weights(4);
    long[] n = new long[4];
    strata.values().forEach(s -> n[s]++);
    for (int s = 0; s < 4; s++) {
      double share = n[s] / (double) Cohort.PATIENTS;
      assertEquals(w[s], share, tol(w[s], Cohort.PATIENTS), "stratum " + s);
    }
    // 40/30/20/10 %: weights K, K-1, ..., 1 normalised (StratumProfile.weights).
    assertEquals(0.4, w[0], 1e-12);
    assertEquals(0.1, w[3], 1e-12);
  }

  // ------------------------------------------------------------------------------------------
  // Omics

  record Matrix(List<String> features, List<Long> samples, double[][] values) {}

  static Matrix readMatrix(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String[] header = r.readLine().split("\t");
      assertEquals("feature_id", header[0]);
      List<Long> samples = new ArrayList<>();
      for (int i = 1; i < header.length; i++) {
        samples.add(Long.parseLong(header[i]));
      }
      List<String> features = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t", -1);
        assertEquals(header.length, f.length, "row width of " + f[0]);
        features.add(f[0]);
        double[] v = new double[samples.size()];
        for (int i = 1; i < f.length; i++) {
          v[i - 1] = f[i].equals("NA") ? Double.NaN : Double.parseDouble(f[i]);
        }
        rows.add(v);
      }
      return new Matrix(features, samples, rows.toArray(new double[0][]));
    }
  }

  /** Share of a feature's variance explained by the stratum (eta squared of one-way ANOVA). */
  static double etaSquared(double[] x, int[] group, int k) {
    double[] sum = new double[k];
    long[] n = new long[k];
    double total = 0;
    long all = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i])) {
        sum[group[i]] += x[i];
        n[group[i]]++;
        total += x[i];
        all++;
      }
    }
    double mean = total / all;
    double ssb = 0;
    for (int g = 0; g < k; g++) {
      if (n[g] > 0) {
        double d = sum[g] / n[g] - mean;
        ssb += n[g] * d * d;
      }
    }
    double sst = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        sst += (v - mean) * (v - mean);
      }
    }
    return ssb / sst;
  }

  @Test
  void strataSeparateInEveryOmicsLayer() throws IOException {
    OmicsModel model = new OmicsModel(Cohort.SEED, 4);
    for (OmicsModel.Layer layer : model.layers) {
      Matrix m = readMatrix(c.dir.resolve("omics").resolve(layer.name + ".tsv"));
      assertEquals(layer.features, m.features());
      // Patients missing a whole layer have no column: presence within 4 SE of the planned share.
      assertEquals(
          layer.presence,
          m.samples().size() / (double) Cohort.PATIENTS,
          tol(layer.presence, Cohort.PATIENTS),
          layer.name);
      int[] group = new int[m.samples().size()];
      for (int i = 0; i < group.length; i++) {
        group[i] = strata.get(m.samples().get(i));
      }
      double informative = 0;
      double noise = 0;
      int ni = 0;
      int nn = 0;
      long na = 0;
      for (int f = 0; f < m.features().size(); f++) {
        for (double v : m.values()[f]) {
          na += Double.isNaN(v) ? 1 : 0;
        }
        double eta = etaSquared(m.values()[f], group, 4);
        if (layer.informative[f] >= 0) {
          informative += eta;
          ni++;
        } else {
          noise += eta;
          nn++;
        }
      }
      assertTrue(nn > ni, layer.name + ": most features are noise");
      informative /= ni;
      noise /= nn;
      // Noise features: eta^2 ~ (k-1)/(n-1) ~ 0.002 under H0; informative shift 1-2 SD in one
      // stratum of share >= 10% gives eta^2 >= 0.08.
      assertTrue(
          informative > 20 * noise,
          layer.name + ": informative " + informative + " vs noise " + noise);
      long cells = (long) m.features().size() * m.samples().size();
      assertEquals(
          OmicsModel.MISSING_CELL,
          na / (double) cells,
          tol(OmicsModel.MISSING_CELL, cells),
          layer.name + " NA share");
    }
  }

  @Test
  void nearestCentroidOnExpressionRecoversStrata() throws IOException {
    Matrix m = readMatrix(c.dir.resolve("omics/expression.tsv"));
    int n = m.samples().size();
    int p = m.features().size();
    // Fit centroids on even-indexed samples, classify odd-indexed ones; NA imputed by the mean.
    double[][] centroid = new double[4][p];
    long[][] count = new long[4][p];
    double[] mean = new double[p];
    for (int f = 0; f < p; f++) {
      double s = 0;
      int k = 0;
      for (double v : m.values()[f]) {
        if (!Double.isNaN(v)) {
          s += v;
          k++;
        }
      }
      mean[f] = s / k;
    }
    for (int i = 0; i < n; i += 2) {
      int g = strata.get(m.samples().get(i));
      for (int f = 0; f < p; f++) {
        double v = m.values()[f][i];
        if (!Double.isNaN(v)) {
          centroid[g][f] += v;
          count[g][f]++;
        }
      }
    }
    for (int g = 0; g < 4; g++) {
      for (int f = 0; f < p; f++) {
        centroid[g][f] /= count[g][f];
      }
    }
    int right = 0;
    int tested = 0;
    for (int i = 1; i < n; i += 2) {
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int g = 0; g < 4; g++) {
        double d = 0;
        for (int f = 0; f < p; f++) {
          double v = Double.isNaN(m.values()[f][i]) ? mean[f] : m.values()[f][i];
          double diff = v - centroid[g][f];
          d += diff * diff;
        }
        if (d < bestD) {
          bestD = d;
          best = g;
        }
      }
      tested++;
      right += best == strata.get(m.samples().get(i)) ? 1 : 0;
    }
    double accuracy = right / (double) tested;
    // Chance (always the largest stratum) is 0.40.
    assertTrue(accuracy > 0.9, "nearest-centroid accuracy " + accuracy);
  }

  // ------------------------------------------------------------------------------------------
  // Variants

  /** person_id -> hotspot ids carried, from all VCF files (via htsjdk); sequenced patients. */
  static Map<Long, Set<String>> vcfCarriers() throws IOException {
    Map<String, String> idBySite = new HashMap<>();
    for (Vocabulary.Hotspot h : Vocabulary.get().hotspots()) {
      idBySite.put(h.chrom() + ":" + h.pos() + ":" + h.alt(), h.id());
    }
    Map<Long, Set<String>> out = new TreeMap<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(c.dir.resolve("genomics"), "*.vcf")) {
      for (Path f : files) {
        try (VCFFileReader r = new VCFFileReader(f, false)) {
          for (String s : r.getFileHeader().getGenotypeSamples()) {
            out.put(Long.parseLong(s), new HashSet<>());
          }
          for (VariantContext vc : r) {
            String id =
                idBySite.get(
                    vc.getContig()
                        + ":"
                        + vc.getStart()
                        + ":"
                        + vc.getAlternateAllele(0).getDisplayString());
            assertTrue(id != null, "unknown site " + vc);
            assertEquals(Vocabulary.get().hotspot(id).gene(), vc.getAttributeAsString("GENE", ""));
            for (Genotype g : vc.getGenotypes()) {
              if (g.isHet()) {
                double af = Double.parseDouble(g.getExtendedAttribute("AF").toString());
                assertTrue(af > 0 && af <= 1, "AF " + af);
                out.get(Long.parseLong(g.getSampleName())).add(id);
              } else {
                assertTrue(g.isHomRef(), "non-carriers are 0/0");
              }
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void variantPrevalenceFollowsTheStratumProfile() throws IOException {
    Map<Long, Set<String>> carriers = vcfCarriers();
    assertEquals(
        PatientSimulator.SEQUENCED,
        carriers.size() / (double) Cohort.PATIENTS,
        tol(PatientSimulator.SEQUENCED, Cohort.PATIENTS));
    for (String id :
        List.of(
            "EGFR_L858R",
            "KRAS_G12C",
            "TP53_R175H",
            "BRCA1_E23FS",
            "ALK_EML4_FUSION",
            "ERBB2_AMP",
            "BRAF_V600E")) {
      for (int s = 0; s < 4; s++) {
        long n = 0;
        long k = 0;
        for (Map.Entry<Long, Set<String>> e : carriers.entrySet()) {
          if (strata.get(e.getKey()) == s) {
            n++;
            k += e.getValue().contains(id) ? 1 : 0;
          }
        }
        double p = StratumProfile.variantPrevalence(s, id);
        assertEquals(p, k / (double) n, tol(p, n) + 1.0 / n, id + " in stratum " + s);
      }
    }
    // The profile itself differs by stratum: EGFR in the RTK stratum, BRCA1 in DNA repair.
    assertTrue(
        StratumProfile.variantPrevalence(1, "EGFR_L858R")
            > 10 * StratumProfile.variantPrevalence(0, "EGFR_L858R"));
    assertTrue(
        StratumProfile.variantPrevalence(2, "BRCA1_E23FS")
            > 10 * StratumProfile.variantPrevalence(1, "BRCA1_E23FS"));
  }

  // ------------------------------------------------------------------------------------------
  // Outcomes

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  @Test
  void survivalAndTreatmentEffectDifferByStratum() {
    Map<Integer, List<Double>> untreated = new TreeMap<>();
    Map<Integer, List<Double>> treated = new TreeMap<>();
    for (CSVRecord r : c.csv("truth/outcomes.csv")) {
      int s = Integer.parseInt(r.get("stratum"));
      assertEquals(strata.get(Long.parseLong(r.get("person_id"))), s);
      double t = Double.parseDouble(r.get("latent_death_days"));
      (Boolean.parseBoolean(r.get("treated")) ? treated : untreated)
          .computeIfAbsent(s, x -> new ArrayList<>())
          .add(t);
    }
    // Planted medians (months, before covariates): S3 18 < S0 24 < S2 36 < S1 48.
    double m0 = median(untreated.get(0));
    double m1 = median(untreated.get(1));
    double m3 = median(untreated.get(3));
    assertTrue(m3 < m0 && m0 < m1, "untreated medians " + m3 + " " + m0 + " " + m1);
    // Immunotherapy hazard ratio 0.45 in S3 vs 0.95 in S1: latent times scale by 1/HR.
    double gain3 = median(treated.get(3)) / m3;
    double gain1 = median(treated.get(1)) / m1;
    assertTrue(gain3 > 1.5, "S3 treated/untreated median ratio " + gain3);
    assertTrue(gain1 < 1.5, "S1 treated/untreated median ratio " + gain1);
  }

  @Test
  void deathsAndFollowUpAgreeWithOutcomes() {
    Map<String, String> deaths = new HashMap<>();
    for (CSVRecord r : c.csv("omop/death.csv")) {
      deaths.put(r.get("person_id"), r.get("death_date"));
    }
    Map<String, String> periodEnd = new HashMap<>();
    for (CSVRecord r : c.csv("omop/observation_period.csv")) {
      periodEnd.put(r.get("person_id"), r.get("observation_period_end_date"));
    }
    Map<String, LocalDate> dx = new HashMap<>();
    for (CSVRecord r : c.csv("omop/condition_occurrence.csv")) {
      if (r.get("condition_status_source_value").equals("primary")) {
        dx.put(r.get("person_id"), LocalDate.parse(r.get("condition_start_date")));
      }
    }
    for (CSVRecord r : c.csv("truth/outcomes.csv")) {
      String pid = r.get("person_id");
      boolean event = Boolean.parseBoolean(r.get("event"));
      LocalDate end = dx.get(pid).plusDays(Long.parseLong(r.get("time_days")));
      assertEquals(event, deaths.containsKey(pid), pid);
      assertEquals(end.toString(), periodEnd.get(pid), pid);
      if (event) {
        assertEquals(end.toString(), deaths.get(pid));
      }
      assertFalse(end.isAfter(c.options.asOf()));
    }
  }

  @Test
  void consentTruthIsTheLatestResearchConsentRecord() {
    Map<String, String[]> latest = new HashMap<>();
    for (CSVRecord r : c.csv("omop/observation.csv")) {
      if (r.get("observation_source_value").equals("STRATUM:consent_research")) {
        String[] prev = latest.get(r.get("person_id"));
        if (prev == null || r.get("observation_date").compareTo(prev[0]) >= 0) {
          latest.put(
              r.get("person_id"),
              new String[] {r.get("observation_date"), r.get("value_as_string")});
        }
      }
    }
    long declined = 0;
    for (CSVRecord r : c.csv("truth/consent.csv")) {
      boolean granted = Boolean.parseBoolean(r.get("research_consent"));
      assertEquals(granted ? "granted" : "declined", latest.get(r.get("person_id"))[1]);
      declined += granted ? 0 : 1;
    }
    double p = PatientSimulator.RESEARCH_DECLINED;
    assertEquals(p, declined / (double) Cohort.PATIENTS, tol(p, Cohort.PATIENTS));
  }

  // ------------------------------------------------------------------------------------------
  // Notes

  @Test
  void factAndIdentifierSpansPointAtTheirText() {
    Map<String, String> notes = new HashMap<>();
    for (CSVRecord r : c.csv("omop/note.csv")) {
      notes.put(r.get("note_id"), r.get("note_text"));
    }
    List<CSVRecord> facts = c.csv("truth/facts.csv");
    assertTrue(facts.size() > 10 * Cohort.PATIENTS / 2);
    for (CSVRecord f : facts) {
      String text = notes.get(f.get("note_id"));
      assertEquals(
          f.get("text"),
          text.substring(Integer.parseInt(f.get("begin")), Integer.parseInt(f.get("end"))));
    }
    Set<String> kinds = new HashSet<>();
    for (CSVRecord f : c.csv("truth/identifiers.csv")) {
      String text = notes.get(f.get("note_id"));
      assertEquals(
          f.get("text"),
          text.substring(Integer.parseInt(f.get("begin")), Integer.parseInt(f.get("end"))));
      kinds.add(f.get("kind"));
    }
    assertTrue(kinds.containsAll(List.of("name", "mrn", "phone", "email", "address", "date")));
  }

  @Test
  void notesCarryTheRealNotePhenomena() {
    long negated = 0;
    long uncertain = 0;
    long historical = 0;
    long family = 0;
    long labs = 0;
    long notesOnly = 0;
    Set<String> texts = new HashSet<>();
    for (CSVRecord f : c.csv("truth/facts.csv")) {
      negated += f.get("negated").equals("true") ? 1 : 0;
      uncertain += f.get("uncertain").equals("true") ? 1 : 0;
      historical += f.get("historical").equals("true") ? 1 : 0;
      family += f.get("experiencer").equals("family") ? 1 : 0;
      labs += f.get("category").equals("lab") && !f.get("value").isEmpty() ? 1 : 0;
      if (f.get("category").equals("condition")
          && f.get("experiencer").equals("patient")
          && f.get("negated").equals("false")
          && f.get("uncertain").equals("false")
          && f.get("structured").equals("false")) {
        notesOnly++;
      }
      texts.add(f.get("text"));
    }
    for (long count : new long[] {negated, uncertain, historical, family, labs, notesOnly}) {
      assertTrue(count > 20, "each phenomenon occurs: " + count);
    }
    assertTrue(texts.contains("T2DM") && texts.contains("HTN"), "abbreviations");
    assertTrue(texts.stream().anyMatch(t -> t.startsWith("PD-L1 TPS ")), "PD-L1 in text");
    assertTrue(texts.stream().anyMatch(t -> t.startsWith("HbA1c ")), "HbA1c in text");
  }

  @Test
  void conditionFactsAgreeWithConditionOccurrence() {
    Map<String, List<String[]>> conditions = new HashMap<>();
    for (CSVRecord r : c.csv("omop/condition_occurrence.csv")) {
      conditions
          .computeIfAbsent(r.get("person_id"), k -> new ArrayList<>())
          .add(new String[] {r.get("condition_source_value"), r.get("condition_start_date")});
    }
    long checked = 0;
    for (CSVRecord f : c.csv("truth/facts.csv")) {
      if (!f.get("category").equals("condition")
          || f.get("negated").equals("true")
          || f.get("uncertain").equals("true")
          || f.get("code").isEmpty()) {
        continue;
      }
      String code = f.get("code").substring("ICD10CM:".length());
      boolean codedEver =
          conditions.getOrDefault(f.get("person_id"), List.of()).stream()
              .anyMatch(x -> x[0].equals(code));
      if (f.get("structured").equals("true")) {
        assertTrue(codedEver, "structured fact " + f + " has a condition_occurrence row");
      } else {
        assertFalse(codedEver, "note-only fact " + f + " has no condition_occurrence row");
      }
      checked++;
    }
    assertTrue(checked > Cohort.PATIENTS);
  }

  @Test
  void labAndBiomarkerFactsAgreeWithMeasurementsAndVcf() throws IOException {
    Map<String, Set<String>> measured = new HashMap<>();
    for (CSVRecord r : c.csv("omop/measurement.csv")) {
      measured
          .computeIfAbsent(r.get("person_id"), k -> new HashSet<>())
          .add(r.get("measurement_source_value") + "=" + r.get("value_as_number"));
    }
    Map<String, Set<String>> drugs = new HashMap<>();
    for (CSVRecord r : c.csv("omop/drug_exposure.csv")) {
      drugs
          .computeIfAbsent(r.get("person_id"), k -> new HashSet<>())
          .add(r.get("drug_source_value"));
    }
    Map<Long, Set<String>> carriers = vcfCarriers();
    long labs = 0;
    long meds = 0;
    long variants = 0;
    for (CSVRecord f : c.csv("truth/facts.csv")) {
      if (f.get("category").equals("lab")) {
        String loinc = f.get("code").substring("LOINC:".length());
        assertTrue(
            measured.get(f.get("person_id")).contains(loinc + "=" + f.get("value")),
            "lab fact " + f + " matches a measurement");
        labs++;
      }
      if (f.get("category").equals("drug")) {
        String rxcui = f.get("code").substring("RXNORM:".length());
        assertTrue(drugs.get(f.get("person_id")).contains(rxcui), "drug fact " + f);
        meds++;
      }
      String hotspot = f.get("value_text");
      if (f.get("category").equals("biomarker") && hotspot.contains("_")) {
        Set<String> carried = carriers.get(Long.parseLong(f.get("person_id")));
        boolean negated = f.get("negated").equals("true");
        if (f.get("structured").equals("true")) {
          assertTrue(carried != null && carried.contains(hotspot), "in VCF: " + f);
        } else if (negated) {
          assertTrue(carried == null || !carried.contains(hotspot), "negated: " + f);
        } else {
          assertTrue(carried == null, "outside report for an unsequenced patient: " + f);
        }
        variants++;
      }
    }
    assertTrue(
        labs > Cohort.PATIENTS && variants > 100 && meds > Cohort.PATIENTS / 2,
        labs + " " + variants + " " + meds);
  }

  // ------------------------------------------------------------------------------------------
  // Eligibility

  @Test
  void everyTrialHasSomeButNotAllPatientsEligible() {
    Map<String, Long> counts = new TreeMap<>();
    for (CSVRecord r : c.csv("truth/eligibility.csv")) {
      counts.merge(r.get("trial_id"), r.get("eligible").equals("true") ? 1L : 0L, Long::sum);
    }
    assertEquals(c.summary.eligiblePerTrial(), counts);
    counts.forEach((t, n) -> assertTrue(n >= 3 && n < Cohort.PATIENTS / 4, t + " eligible: " + n));
  }

  /**
   * Recomputes NCT90000106 (T2DM, HbA1c 7-10 %, eGFR >= 45, age 40-80; no insulin within 90 days,
   * no CKD 4/5, not pregnant) from the OMOP files alone, for patients whose T2DM is coded.
   */
  @Test
  void eligibilityFollowsFromTheCriteria() {
    LocalDate asOf = c.options.asOf();
    Map<String, LocalDate> birth = new HashMap<>();
    for (CSVRecord r : c.csv("omop/person.csv")) {
      birth.put(r.get("person_id"), LocalDate.parse(r.get("birth_datetime").substring(0, 10)));
    }
    Map<String, String[]> latestA1c = new HashMap<>();
    Map<String, String[]> latestGfr = new HashMap<>();
    for (CSVRecord r : c.csv("omop/measurement.csv")) {
      Map<String, String[]> target =
          switch (r.get("measurement_source_value")) {
            case "4548-4" -> latestA1c;
            case "98979-8" -> latestGfr;
            default -> null;
          };
      if (target != null) {
        String[] prev = target.get(r.get("person_id"));
        if (prev == null || r.get("measurement_date").compareTo(prev[0]) >= 0) {
          target.put(
              r.get("person_id"),
              new String[] {r.get("measurement_date"), r.get("value_as_number")});
        }
      }
    }
    Set<String> t2dm = new HashSet<>();
    Set<String> ckd45 = new HashSet<>();
    for (CSVRecord r : c.csv("omop/condition_occurrence.csv")) {
      String code = r.get("condition_source_value");
      if (code.startsWith("E11")) {
        t2dm.add(r.get("person_id"));
      }
      if (code.startsWith("N18.4") || code.startsWith("N18.5") || code.startsWith("N18.6")) {
        ckd45.add(r.get("person_id"));
      }
    }
    Set<String> insulin = new HashSet<>();
    for (CSVRecord r : c.csv("omop/drug_exposure.csv")) {
      if (r.get("drug_source_value").equals("274783")
          && !LocalDate.parse(r.get("drug_exposure_end_date")).isBefore(asOf.minusDays(90))) {
        insulin.add(r.get("person_id"));
      }
    }
    Set<String> pregnant = new HashSet<>();
    for (CSVRecord r : c.csv("omop/observation.csv")) {
      if (r.get("observation_source_value").equals("82810-3")
          && r.get("value_as_string").equals("pregnant")) {
        pregnant.add(r.get("person_id"));
      }
    }
    Map<String, LocalDate> dx = new HashMap<>();
    for (CSVRecord r : c.csv("omop/condition_occurrence.csv")) {
      if (r.get("condition_status_source_value").equals("primary")) {
        dx.put(r.get("person_id"), LocalDate.parse(r.get("condition_start_date")));
      }
    }
    Set<String> diedByAsOf = new HashSet<>();
    for (CSVRecord r : c.csv("truth/outcomes.csv")) {
      // Latent death by the as-of date (observed, or hidden by loss to follow-up).
      String pid = r.get("person_id");
      double latent = Double.parseDouble(r.get("latent_death_days"));
      long toAsOf = java.time.temporal.ChronoUnit.DAYS.between(dx.get(pid), asOf);
      if (r.get("event").equals("true") || latent <= toAsOf + 1) {
        diedByAsOf.add(pid);
      }
    }
    Map<String, Boolean> truth = new HashMap<>();
    for (CSVRecord r : c.csv("truth/eligibility.csv")) {
      if (r.get("trial_id").equals("NCT90000106")) {
        truth.put(r.get("person_id"), r.get("eligible").equals("true"));
      }
    }
    long agreeing = 0;
    for (Map.Entry<String, Boolean> e : truth.entrySet()) {
      String pid = e.getKey();
      int age = Period.between(birth.get(pid), asOf).getYears();
      String[] a1c = latestA1c.get(pid);
      String[] gfr = latestGfr.get(pid);
      boolean labsOk =
          a1c != null
              && Double.parseDouble(a1c[1]) >= 7
              && Double.parseDouble(a1c[1]) <= 10
              && gfr != null
              && Double.parseDouble(gfr[1]) >= 45;
      boolean necessary =
          age >= 40 && age <= 80 && labsOk && !insulin.contains(pid) && !ckd45.contains(pid);
      if (e.getValue()) {
        // Every eligible patient satisfies the structured parts of the criteria.
        assertTrue(necessary, "eligible " + pid + " violates a structured criterion");
        assertFalse(pregnant.contains(pid));
      } else if (necessary && t2dm.contains(pid) && !pregnant.contains(pid)) {
        // Fully verifiable from the files: ineligible only if dead by the as-of date (latent).
        assertTrue(diedByAsOf.contains(pid), "ineligible " + pid + " meets every criterion");
      }
      agreeing++;
    }
    assertEquals(Cohort.PATIENTS, agreeing);
    assertTrue(c.summary.eligiblePerTrial().get("NCT90000106") > 10);
  }

  /** Every eligible patient fits the sex and age bounds of the written trial JSON. */
  @Test
  void eligiblePatientsFitTheTrialJsonBounds() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    Map<String, com.fasterxml.jackson.databind.JsonNode> trials = new HashMap<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(c.dir.resolve("trials"), "*.json")) {
      for (Path f : files) {
        com.fasterxml.jackson.databind.JsonNode el =
            json.readTree(f.toFile()).path("protocolSection").path("eligibilityModule");
        assertTrue(el.path("eligibilityCriteria").asText().startsWith("Inclusion Criteria:"));
        trials.put(f.getFileName().toString().replace(".json", ""), el);
      }
    }
    assertEquals(TrialCatalog.get().size(), trials.size());
    Map<String, CSVRecord> people = new HashMap<>();
    for (CSVRecord r : c.csv("omop/person.csv")) {
      people.put(r.get("person_id"), r);
    }
    long checked = 0;
    for (CSVRecord r : c.csv("truth/eligibility.csv")) {
      if (!r.get("eligible").equals("true")) {
        continue;
      }
      com.fasterxml.jackson.databind.JsonNode el = trials.get(r.get("trial_id"));
      CSVRecord person = people.get(r.get("person_id"));
      int age =
          Period.between(
                  LocalDate.parse(person.get("birth_datetime").substring(0, 10)), c.options.asOf())
              .getYears();
      int min = Integer.parseInt(el.get("minimumAge").asText().replace(" Years", ""));
      assertTrue(age >= min, r.toString());
      if (el.has("maximumAge")) {
        assertTrue(age <= Integer.parseInt(el.get("maximumAge").asText().replace(" Years", "")));
      }
      if (el.get("sex").asText().equals("FEMALE")) {
        assertEquals("8532", person.get("gender_concept_id"), r.toString());
      }
      checked++;
    }
    assertEquals(c.summary.eligiblePerTrial().values().stream().mapToLong(x -> x).sum(), checked);
  }

  /** NCT90000101 excludes chemotherapy within 4 weeks: no eligible patient has a cycle then. */
  @Test
  void timeWindowExclusionsHold() {
    LocalDate asOf = c.options.asOf();
    Set<String> chemoRecent = new HashSet<>();
    Set<String> chemo = new HashSet<>();
    for (Vocabulary.RxNorm d : Vocabulary.get().drugs()) {
      if (d.role().equals("chemotherapy")) {
        chemo.add(d.rxcui());
      }
    }
    for (CSVRecord r : c.csv("omop/drug_exposure.csv")) {
      if (chemo.contains(r.get("drug_source_value"))
          && !LocalDate.parse(r.get("drug_exposure_end_date")).isBefore(asOf.minusDays(28))) {
        chemoRecent.add(r.get("person_id"));
      }
    }
    assertFalse(chemoRecent.isEmpty(), "some patients are on chemotherapy at the as-of date");
    for (CSVRecord r : c.csv("truth/eligibility.csv")) {
      if (r.get("trial_id").equals("NCT90000101") && r.get("eligible").equals("true")) {
        assertFalse(chemoRecent.contains(r.get("person_id")));
      }
    }
  }
}
