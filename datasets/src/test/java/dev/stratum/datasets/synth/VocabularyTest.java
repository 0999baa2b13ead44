package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.units.Ucum;
import dev.stratum.datasets.synth.TrialCatalog.Criterion;
import dev.stratum.datasets.synth.TrialCatalog.TrialTemplate;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bundled vocabularies are well-formed, and every code a trial rule names exists. */
class VocabularyTest {
  static final Vocabulary V = Vocabulary.get();

  /**
   * LOINC check digit (LOINC Users' Guide, "Calculating Mod 10 check digits"): from the rightmost
   * digit, double every other digit, add all digits of the results and the undoubled digits, check
   * = (10 - sum mod 10) mod 10.
   */
  static int loincCheckDigit(String number) {
    int sum = 0;
    boolean dbl = true;
    for (int i = number.length() - 1; i >= 0; i--) {
      int d = number.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        sum += d / 10 + d % 10;
      } else {
        sum += d;
      }
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  @Test
  void loincCodesHaveValidCheckDigitsAndCanonicalUcumUnits() {
    // Worked example: 4548-4 (HbA1c) -> 8*2=16 -> 1+6, 4, 5*2=10 -> 1+0, 4: sum 16, check 4.
    assertEquals(4, loincCheckDigit("4548"));
    for (Vocabulary.Loinc l : V.labs()) {
      String[] parts = l.code().split("-");
      assertEquals(Integer.parseInt(parts[1]), loincCheckDigit(parts[0]), l.code());
      assertTrue(Ucum.isCanonical(l.unit()), l.code() + " unit " + l.unit());
      assertTrue(l.low() < l.high(), l.code());
    }
    for (String code : new String[] {"89247-1", "72166-2", "82810-3"}) {
      String[] parts = code.split("-");
      assertEquals(Integer.parseInt(parts[1]), loincCheckDigit(parts[0]), code);
      V.loinc(code);
    }
  }

  @Test
  void codeShapes() {
    Pattern icd = Pattern.compile("[A-TV-Z][0-9][0-9AB](\\.[0-9A-Z]{1,4})?");
    V.icd10Codes().forEach(c -> assertTrue(icd.matcher(c.code()).matches(), c.code()));
    Pattern atc = Pattern.compile("[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}");
    Pattern rxcui = Pattern.compile("[1-9][0-9]{1,7}");
    for (Vocabulary.RxNorm d : V.drugs()) {
      assertTrue(atc.matcher(d.atcCode()).matches(), d.name());
      assertTrue(rxcui.matcher(d.rxcui()).matches(), d.name());
    }
    Pattern pcs = Pattern.compile("[0-9A-HJ-NP-Z]{7}");
    V.procedures().forEach(p -> assertTrue(pcs.matcher(p.code()).matches(), p.code()));
  }

  @Test
  void hotspotsLieOnTheirGrch38Contigs() {
    Map<String, Long> lengths =
        Map.of(
            "chr2", 242_193_529L,
            "chr3", 198_295_559L,
            "chr7", 159_345_973L,
            "chr12", 133_275_309L,
            "chr13", 114_364_328L,
            "chr17", 83_257_441L);
    for (Vocabulary.Hotspot h : V.hotspots()) {
      assertTrue(h.pos() > 0 && h.pos() < lengths.get(h.chrom()), h.id());
      assertTrue(h.svEnd() == 0 || h.svEnd() > h.pos(), h.id());
      if (h.variantClass().equals("SNV")) {
        assertEquals(1, h.ref().length(), h.id());
        assertEquals(1, h.alt().length(), h.id());
      }
    }
  }

  @Test
  void everyTrialRuleNamesKnownCodes() {
    for (TrialTemplate t : TrialCatalog.get().trials()) {
      assertTrue(t.nctId().matches("NCT9[0-9]{7}"), t.nctId());
      String text = t.eligibilityText();
      assertTrue(text.startsWith("Inclusion Criteria:\n\n* "), t.nctId());
      assertTrue(text.contains("\nExclusion Criteria:\n\n* "), t.nctId());
      for (Criterion c : t.criteria()) {
        assertTrue(text.contains("* " + c.text() + "\n"));
        c.variants().forEach(V::hotspot);
        c.rxcui().forEach(V::rxnorm);
        if (c.type().equals("lab")) {
          V.loinc(c.loinc());
          assertTrue(
              c.unit().equals("x ULN") || Ucum.commensurable(c.unit(), V.loinc(c.loinc()).unit()));
        }
        if (c.type().equals("condition")) {
          for (String prefix : c.codes()) {
            assertTrue(
                V.icd10Codes().stream().anyMatch(x -> x.code().startsWith(prefix))
                    || prefix.startsWith("N18."),
                prefix);
          }
        }
      }
    }
  }
}
