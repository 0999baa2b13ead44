package dev.stratum.matching;

import dev.stratum.core.model.Sex;
import dev.stratum.core.nlp.NoteFact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the patient index knows of one patient: the unit the index is built from. Built by an
 * adapter from a feature-store snapshot (the CLI's, from {@code persons}, {@code conditions}, ...)
 * or in memory by tests. Lists are copied in and handed out read-only.
 *
 * @param personId pseudonymized person id (the store's {@code person_id})
 * @param sex administrative sex
 * @param birthDate date of birth; null when unknown (age criteria are then unknown)
 * @param race race as recorded; empty when not recorded
 * @param ethnicity ethnicity as recorded; empty when not recorded
 * @param deathDate date of death, null when alive (or not known dead)
 * @param researchConsent the latest research-consent decision: true granted, false declined, null
 *     when never recorded. Only patients with {@code true} are indexed.
 * @param conditions ICD-10-CM diagnoses with start and (optional) end dates
 * @param drugs drug exposures, RxNorm ingredient CUIs (or ATC codes), with start and end dates
 * @param procedures procedures (ICD-10-PCS), dated
 * @param measurements laboratory results (LOINC, value, canonical UCUM unit)
 * @param observations other observations (ECOG, smoking, pregnancy status, ...)
 * @param variants somatic variant calls
 * @param genotyped whether the patient has genomic results at all (a missing call then means "not
 *     carried" instead of "not tested")
 * @param facts facts extracted from notes with their assertion status and evidence span
 * @param notes de-identified note texts
 * @param strata stratum labels, e.g. {@code kmeans-v1:2}; empty when not stratified
 */
public record PatientRecord(
    String personId,
    Sex sex,
    LocalDate birthDate,
    String race,
    String ethnicity,
    LocalDate deathDate,
    Boolean researchConsent,
    List<CodedEvent> conditions,
    List<CodedEvent> drugs,
    List<CodedEvent> procedures,
    List<Measurement> measurements,
    List<Observation> observations,
    List<VariantCall> variants,
    boolean genotyped,
    List<NoteFact> facts,
    List<NoteText> notes,
    List<String> strata) {

  public PatientRecord {
    Objects.requireNonNull(personId, "personId");
    sex = sex == null ? Sex.UNKNOWN : sex;
    race = race == null ? "" : race;
    ethnicity = ethnicity == null ? "" : ethnicity;
    conditions = List.copyOf(conditions);
    drugs = List.copyOf(drugs);
    procedures = List.copyOf(procedures);
    measurements = List.copyOf(measurements);
    observations = List.copyOf(observations);
    variants = List.copyOf(variants);
    facts = List.copyOf(facts);
    notes = List.copyOf(notes);
    strata = List.copyOf(strata);
  }

  /** Whether the patient may appear in research results (consent granted and not withdrawn). */
  public boolean consentsToResearch() {
    return Boolean.TRUE.equals(researchConsent);
  }

  /** The latest date of any dated record, or null when there is none. */
  public LocalDate lastEventDate() {
    LocalDate max = null;
    for (CodedEvent e : conditions) {
      max = later(max, e.start());
    }
    for (CodedEvent e : drugs) {
      max = later(max, e.start());
    }
    for (CodedEvent e : procedures) {
      max = later(max, e.start());
    }
    for (Measurement m : measurements) {
      max = later(max, m.date());
    }
    for (Observation o : observations) {
      max = later(max, o.date());
    }
    return max;
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a == null || b != null && b.isAfter(a) ? b : a;
  }

  public static Builder builder(String personId) {
    return new Builder(personId);
  }

  /**
   * A coded, dated event: a diagnosis, a drug exposure or a procedure.
   *
   * @param code the code as the source writes it ({@code C34.90}, {@code 1721560}, {@code 0BTC4ZZ})
   * @param start start (or only) date
   * @param end end date; null when ongoing or not recorded
   * @param source where it was read (store table or raw file), for evidence
   */
  public record CodedEvent(String code, LocalDate start, LocalDate end, String source) {
    public CodedEvent {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(start, "start");
      source = source == null ? "" : source;
    }

    /** The end date, or the start date when there is none. */
    public LocalDate endOrStart() {
      return end == null ? start : end;
    }
  }

  /**
   * A laboratory result.
   *
   * @param code LOINC code
   * @param date when measured
   * @param value the number
   * @param unit canonical UCUM unit ({@code 1} when dimensionless)
   * @param rangeHigh upper limit of normal of the reporting laboratory, NaN when not given
   * @param source where it was read
   */
  public record Measurement(
      String code, LocalDate date, double value, String unit, double rangeHigh, String source) {
    public Measurement {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(date, "date");
      unit = unit == null || unit.isBlank() ? "1" : unit;
      source = source == null ? "" : source;
    }
  }

  /**
   * An observation: a numeric score (ECOG) or a categorical value (pregnancy status, smoking).
   *
   * @param code LOINC code or {@code STRATUM:<name>}
   * @param date when recorded
   * @param value numeric value, NaN when none
   * @param valueString categorical value, empty when none
   * @param unit canonical UCUM unit of the value, empty when none
   * @param source where it was read
   */
  public record Observation(
      String code, LocalDate date, double value, String valueString, String unit, String source) {
    public Observation {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(date, "date");
      valueString = valueString == null ? "" : valueString;
      unit = unit == null ? "" : unit;
      source = source == null ? "" : source;
    }
  }

  /**
   * A somatic variant call.
   *
   * @param gene HGNC symbol
   * @param hgvsp protein change ({@code p.L858R}); empty for structural variants
   * @param variantClass SNV, INDEL, AMP, DEL, FUSION
   * @param fusion fusion partners ({@code EML4-ALK}), empty when none
   * @param vaf allele fraction, NaN when unknown
   * @param source where it was read
   */
  public record VariantCall(
      String gene, String hgvsp, String variantClass, String fusion, double vaf, String source) {
    public VariantCall {
      Objects.requireNonNull(gene, "gene");
      hgvsp = hgvsp == null ? "" : hgvsp;
      variantClass = variantClass == null ? "" : variantClass;
      fusion = fusion == null ? "" : fusion;
      source = source == null ? "" : source;
    }
  }

  /**
   * A de-identified clinical note.
   *
   * @param noteId the note id
   * @param date the note date, null when unknown
   * @param type note type or title
   * @param text the de-identified text
   */
  public record NoteText(String noteId, LocalDate date, String type, String text) {
    public NoteText {
      Objects.requireNonNull(noteId, "noteId");
      Objects.requireNonNull(text, "text");
      type = type == null ? "" : type;
    }
  }

  /** Collects a patient's records one at a time (adapters and tests). */
  public static final class Builder {
    private final String personId;
    private Sex sex = Sex.UNKNOWN;
    private LocalDate birthDate;
    private String race = "";
    private String ethnicity = "";
    private LocalDate deathDate;
    private Boolean consent;
    private LocalDate consentDate;
    private final List<CodedEvent> conditions = new ArrayList<>();
    private final List<CodedEvent> drugs = new ArrayList<>();
    private final List<CodedEvent> procedures = new ArrayList<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private final List<VariantCall> variants = new ArrayList<>();
    private boolean genotyped;
    private final List<NoteFact> facts = new ArrayList<>();
    private final List<NoteText> notes = new ArrayList<>();
    private final List<String> strata = new ArrayList<>();

    private Builder(String personId) {
      this.personId = Objects.requireNonNull(personId, "personId");
    }

    public String personId() {
      return personId;
    }

    public Builder person(Sex s, LocalDate birth, String r, String e) {
      sex = s;
      birthDate = birth;
      race = r;
      ethnicity = e;
      return this;
    }

    public Builder death(LocalDate d) {
      deathDate = d;
      return this;
    }

    /**
     * Records a research-consent decision; the latest date wins (a later "declined" withdraws an
     * earlier "granted"); on the same day a refusal wins.
     */
    public Builder consent(boolean granted, LocalDate date) {
      LocalDate d = date == null ? LocalDate.MIN : date;
      if (consentDate == null
          || d.isAfter(consentDate)
          || d.isEqual(consentDate) && !granted && Boolean.TRUE.equals(consent)) {
        consent = granted;
        consentDate = d;
      }
      return this;
    }

    /** Sets the consent outright (e.g. from an authoritative consent table). */
    public Builder consentOverride(Boolean granted) {
      consent = granted;
      consentDate = LocalDate.MAX;
      return this;
    }

    public Builder condition(String code, LocalDate start, LocalDate end, String source) {
      conditions.add(new CodedEvent(code, start, end, source));
      return this;
    }

    public Builder drug(String code, LocalDate start, LocalDate end, String source) {
      drugs.add(new CodedEvent(code, start, end, source));
      return this;
    }

    public Builder procedure(String code, LocalDate date, String source) {
      procedures.add(new CodedEvent(code, date, null, source));
      return this;
    }

    public Builder measurement(
        String code, LocalDate date, double value, String unit, double rangeHigh, String source) {
      measurements.add(new Measurement(code, date, value, unit, rangeHigh, source));
      return this;
    }

    public Builder observation(
        String code, LocalDate date, double value, String valueString, String unit, String src) {
      observations.add(new Observation(code, date, value, valueString, unit, src));
      return this;
    }

    public Builder variant(String gene, String hgvsp, String cls, String fusion, double vaf) {
      variants.add(new VariantCall(gene, hgvsp, cls, fusion, vaf, "variants"));
      genotyped = true;
      return this;
    }

    public Builder genotyped(boolean g) {
      genotyped = g;
      return this;
    }

    public Builder fact(NoteFact f) {
      facts.add(f);
      return this;
    }

    public Builder note(String noteId, LocalDate date, String type, String text) {
      notes.add(new NoteText(noteId, date, type, text));
      return this;
    }

    public Builder stratum(String label) {
      strata.add(label);
      return this;
    }

    public PatientRecord build() {
      return new PatientRecord(
          personId,
          sex,
          birthDate,
          race,
          ethnicity,
          deathDate,
          consent,
          conditions,
          drugs,
          procedures,
          measurements,
          observations,
          variants,
          genotyped,
          facts,
          notes,
          strata);
    }
  }
}
