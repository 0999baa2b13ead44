package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.Variant;
import dev.stratum.core.genomics.VariantKind;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses single VCF data lines under a validated header with htsjdk's {@link VCFCodec}; made by
 * {@link VcfReader#parser}. Not thread-safe (htsjdk's codec is not): one per thread or task.
 */
public final class VcfLineParser {
  private static final String[] COLUMNS = {
    "CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT"
  };
  private static final Map<String, VariantKind> CLASSES =
      Map.of(
          "SNV", VariantKind.SNV,
          "INDEL", VariantKind.INDEL,
          "AMP", VariantKind.AMPLIFICATION,
          "DEL", VariantKind.DELETION,
          "FUSION", VariantKind.FUSION);

  private final String source;
  private final String fileName;
  private final VCFCodec codec;
  private final List<String> samples;
  private long line;

  VcfLineParser(String source, VCFCodec codec, List<String> samples) {
    this.source = source;
    Path name = Path.of(source).getFileName();
    this.fileName = name == null ? source : name.toString();
    this.codec = codec;
    this.samples = List.copyOf(samples);
  }

  /** The sample (person) ids of the header, in column order. */
  public List<String> samples() {
    return samples;
  }

  private InvalidInputException error(String field, String reason) {
    return InvalidInputException.at(source, line, field, reason);
  }

  /**
   * Parses one data line (without its line break).
   *
   * @param line the line's number in the source file, for messages and {@code sourceRecord}
   * @throws InvalidInputException naming source, line and field
   */
  public VariantSite parse(long line, String s) {
    this.line = line;
    String[] cols = s.split("\t", -1);
    int expected = samples.isEmpty() ? 8 : 9 + samples.size();
    if (cols.length < expected) {
      String missing =
          cols.length < COLUMNS.length
              ? COLUMNS[cols.length]
              : "sample " + samples.get(cols.length - 9);
      throw error(
          missing,
          "line has "
              + cols.length
              + " tab-separated columns, expected "
              + expected
              + " (truncated)");
    }
    if (cols.length > expected) {
      throw error(null, "line has " + cols.length + " tab-separated columns, expected " + expected);
    }
    if (!cols[1].chars().allMatch(c -> c >= '0' && c <= '9') || cols[1].isEmpty()) {
      throw error("POS", "not a positive integer position");
    }
    VariantContext vc;
    try {
      vc = codec.decode(s);
      if (vc == null) {
        throw error(null, "not a VCF data line");
      }
      vc.getGenotypes().size(); // htsjdk decodes genotypes lazily; force it inside the try
      return annotate(vc);
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // TribbleException mostly, but htsjdk also lets NumberFormatException and others escape.
      throw InvalidInputException.at(source, line, fieldOf(e), VcfReader.htsjdkReason(e), e);
    }
  }

  /** Which column htsjdk complained about, from its message; null when it does not say. */
  private static String fieldOf(RuntimeException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("allele")) {
      return m.contains("ref") && !m.contains("alt") ? "REF" : "ALT";
    }
    if (m.contains("info") || m.contains("key=value")) {
      return "INFO";
    }
    if (m.contains("genotype") || m.contains("format")) {
      return "FORMAT";
    }
    if (m.contains("qual")) {
      return "QUAL";
    }
    if (m.contains("filter")) {
      return "FILTER";
    }
    return null;
  }

  private String info(VariantContext vc, String key) {
    Object v = vc.getAttribute(key);
    if (v == null) {
      return "";
    }
    if (v instanceof List<?> l) {
      if (l.size() != 1) {
        throw error("INFO/" + key, "expected one value, found " + l.size());
      }
      v = l.get(0);
    }
    String s = v.toString().strip();
    return s.equals(".") ? "" : s;
  }

  private VariantSite annotate(VariantContext vc) {
    String gene = info(vc, "GENE");
    if (gene.isEmpty()) {
      throw error("INFO/GENE", "required annotation missing");
    }
    String hgvsp = info(vc, "HGVSP");
    if (hgvsp.startsWith("p.")) {
      hgvsp = hgvsp.substring(2);
    }
    String svType = info(vc, "SVTYPE");
    String fusion = info(vc, "FUSION");
    String vcClass = info(vc, "VC");
    List<Allele> alts = vc.getAlternateAlleles();
    VariantKind kind;
    if (!vcClass.isEmpty()) {
      kind = CLASSES.get(vcClass.toUpperCase(Locale.ROOT));
      if (kind == null) {
        throw error(
            "INFO/VC",
            "unknown variant class '" + vcClass + "' (expected SNV, INDEL, AMP, DEL, FUSION)");
      }
    } else {
      kind = inferKind(vc, svType, fusion);
    }
    if (kind == VariantKind.SNV
        && (vc.getReference().length() != 1
            || alts.stream().anyMatch(a -> a.isSymbolic() || a.length() != 1))) {
      throw error("ALT", "VC=SNV but REF and ALT are not single bases");
    }
    if (kind == VariantKind.FUSION && fusion.isEmpty()) {
      throw error("INFO/FUSION", "a fusion needs its partners (e.g. FUSION=EML4-ALK)");
    }
    if (vc.hasAttribute("END") && vc.getEnd() < vc.getStart()) {
      throw error("INFO/END", "END is before POS");
    }
    List<Variant> carriers = new ArrayList<>();
    for (String sample : samples) {
      Genotype g = vc.getGenotype(sample);
      if (g == null || !g.isCalled()) {
        continue;
      }
      double[] af = alleleFractions(g, sample, alts.size());
      for (int a = 0; a < alts.size(); a++) {
        Allele alt = alts.get(a);
        if (!g.getAlleles().contains(alt)) {
          continue;
        }
        double vaf = af == null ? Double.NaN : af[a];
        if (!Double.isNaN(vaf) && !(vaf > 0 && vaf <= 1)) {
          throw error("FORMAT/AF", "sample " + sample + ": a carrier's AF must be in (0, 1]");
        }
        carriers.add(
            new Variant(
                sample,
                gene,
                hgvsp,
                kind,
                vc.getContig(),
                vc.getStart(),
                vc.getReference().getDisplayString(),
                alt.getDisplayString(),
                vaf));
      }
    }
    return new VariantSite(
        vc.getContig(),
        vc.getStart(),
        vc.getEnd(),
        vc.getReference().getDisplayString(),
        alts.stream().map(Allele::getDisplayString).toList(),
        gene,
        hgvsp,
        kind,
        svType,
        fusion,
        carriers,
        fileName + ":" + line);
  }

  private double[] alleleFractions(Genotype g, String sample, int altCount) {
    Object v = g.getExtendedAttribute("AF");
    if (v == null) {
      return null;
    }
    String s = v.toString().strip();
    if (s.equals(".") || s.isEmpty()) {
      return null;
    }
    String[] parts = s.split(",", -1);
    if (parts.length != altCount) {
      throw error(
          "FORMAT/AF",
          "sample " + sample + ": " + parts.length + " values for " + altCount + " ALT alleles");
    }
    double[] af = new double[altCount];
    for (int i = 0; i < altCount; i++) {
      try {
        af[i] = parts[i].equals(".") ? Double.NaN : Double.parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        throw error("FORMAT/AF", "sample " + sample + ": not a number");
      }
      if (Double.isInfinite(af[i])) {
        throw error("FORMAT/AF", "sample " + sample + ": not a finite number");
      }
    }
    return af;
  }

  private static VariantKind inferKind(VariantContext vc, String svType, String fusion) {
    switch (svType.toUpperCase(Locale.ROOT)) {
      case "DUP", "AMP" -> {
        return VariantKind.AMPLIFICATION;
      }
      case "DEL" -> {
        return VariantKind.DELETION;
      }
      case "INV", "BND", "TRA" -> {
        return fusion.isEmpty() ? VariantKind.OTHER : VariantKind.FUSION;
      }
      default -> {}
    }
    if (vc.isSNP()) {
      return VariantKind.SNV;
    }
    if (vc.isIndel()) {
      return VariantKind.INDEL;
    }
    return VariantKind.OTHER;
  }
}
