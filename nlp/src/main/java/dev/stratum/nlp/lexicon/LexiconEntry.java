package dev.stratum.nlp.lexicon;

import dev.stratum.core.model.Code;
import java.util.Map;

/**
 * One concept of the clinical lexicon, as a line of a lexicon TSV file.
 *
 * @param category condition, drug, lab, biomarker, performance, smoking, pregnancy, procedure
 * @param concept the normalised concept name facts carry
 * @param code its code (ICD-10-CM, RxNorm, ATC, LOINC, HGNC, STRATUM), null when none
 * @param attributes extra key=value pairs: {@code unit} (canonical UCUM unit of a lab), {@code
 *     value} (categorical value a phrase implies, e.g. smoking {@code former}), {@code gene}
 */
public record LexiconEntry(
    String category, String concept, Code code, Map<String, String> attributes) {
  public LexiconEntry {
    attributes = Map.copyOf(attributes);
  }

  public String attribute(String key) {
    return attributes.getOrDefault(key, "");
  }
}
