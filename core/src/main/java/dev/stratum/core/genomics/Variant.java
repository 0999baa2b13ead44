package dev.stratum.core.genomics;

import java.util.Objects;

/**
 * A genomic variant called in a patient's sample, annotated at gene and protein level.
 *
 * @param personId the patient
 * @param gene HGNC gene symbol, e.g. {@code EGFR}
 * @param hgvsProtein protein change in HGVS one-letter form without the {@code p.} prefix, e.g.
 *     {@code L858R}; empty for copy-number changes and fusions
 * @param kind SNV, indel, amplification, fusion, ...
 * @param chrom chromosome as the VCF names it, e.g. {@code chr7}
 * @param position 1-based position of the first reference base
 * @param ref reference allele
 * @param alt alternate allele (or symbolic allele such as {@code <DUP>})
 * @param vaf variant allele fraction in [0, 1]; NaN when not measured
 */
public record Variant(
    String personId,
    String gene,
    String hgvsProtein,
    VariantKind kind,
    String chrom,
    long position,
    String ref,
    String alt,
    double vaf) {

  public Variant {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(gene, "gene");
    Objects.requireNonNull(kind, "kind");
    hgvsProtein = hgvsProtein == null ? "" : hgvsProtein;
    chrom = chrom == null ? "" : chrom;
    ref = ref == null ? "" : ref;
    alt = alt == null ? "" : alt;
    if (!Double.isNaN(vaf) && (vaf < 0 || vaf > 1)) {
      throw new IllegalArgumentException("vaf must be in [0, 1], got " + vaf);
    }
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0, got " + position);
    }
  }

  /** {@code GENE p.CHANGE} or {@code GENE KIND}, as clinicians write it. */
  public String label() {
    return hgvsProtein.isEmpty()
        ? gene + " " + kind.name().toLowerCase(java.util.Locale.ROOT)
        : gene + " " + hgvsProtein;
  }
}
