package dev.stratum.datasets.io;

import dev.stratum.core.genomics.Variant;
import dev.stratum.core.genomics.VariantKind;
import java.util.List;
import java.util.Objects;

/**
 * One VCF data line as Stratum reads it: the site, its annotations, and the patients who carry it.
 *
 * @param chrom chromosome as written, e.g. {@code chr7}
 * @param position 1-based POS
 * @param end last reference base (INFO END for structural variants, else POS + len(REF) - 1)
 * @param ref reference allele
 * @param alts alternate alleles in file order (symbolic ones as written, e.g. {@code <DUP>})
 * @param gene INFO GENE, an HGNC symbol
 * @param hgvsProtein INFO HGVSP without the {@code p.} prefix; empty when absent
 * @param kind variant class from INFO VC (or inferred from SVTYPE and the alleles when VC is
 *     absent)
 * @param svType INFO SVTYPE; empty when absent
 * @param fusion INFO FUSION, 5' partner first (e.g. {@code EML4-ALK}); empty when absent
 * @param carriers one variant per sample whose GT carries an alternate allele, with AF as VAF
 * @param sourceRecord {@code file:line}
 */
public record VariantSite(
    String chrom,
    long position,
    long end,
    String ref,
    List<String> alts,
    String gene,
    String hgvsProtein,
    VariantKind kind,
    String svType,
    String fusion,
    List<Variant> carriers,
    String sourceRecord) {
  public VariantSite {
    Objects.requireNonNull(chrom, "chrom");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(gene, "gene");
    Objects.requireNonNull(kind, "kind");
    alts = List.copyOf(alts);
    carriers = List.copyOf(carriers);
    hgvsProtein = hgvsProtein == null ? "" : hgvsProtein;
    svType = svType == null ? "" : svType;
    fusion = fusion == null ? "" : fusion;
    sourceRecord = sourceRecord == null ? "" : sourceRecord;
  }
}
