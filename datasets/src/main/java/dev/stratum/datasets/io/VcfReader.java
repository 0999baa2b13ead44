package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.Variant;
import dev.stratum.core.genomics.VariantKind;
import htsjdk.tribble.TribbleException;
import htsjdk.tribble.readers.LineIterator;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads multi-sample somatic VCF 4.x (plain or gzip/BGZF) with htsjdk's {@link VCFCodec}, one data
 * line at a time, into {@link VariantSite}s whose carriers are {@link Variant}s. The line numbers
 * htsjdk does not track are counted here, so every error names path, line and field (a VCF column,
 * {@code INFO/KEY} or {@code FORMAT/KEY} with the sample).
 *
 * <p>Annotations follow docs/data-formats.md: INFO GENE (required), HGVSP, VC (SNV, INDEL, AMP,
 * DEL, FUSION), SVTYPE, END, FUSION; FORMAT GT (required) and AF. A sample carries an alternate
 * allele when its GT contains it; its AF (Number=A) is the variant allele fraction.
 */
public final class VcfReader extends RecordReader<VariantSite> {
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

  @Override
  public String format() {
    return "vcf";
  }

  @Override
  public RecordCursor<VariantSite> open(Path path) {
    String source = path.toString();
    BufferedReader reader = new BufferedReader(Inputs.open(path), 1 << 16);
    long line = 0;
    try {
      List<String> headerLines = new ArrayList<>();
      String s;
      while ((s = reader.readLine()) != null) {
        line++;
        if (line == 1 && !s.startsWith("##fileformat=VCFv4")) {
          throw InvalidInputException.at(
              source,
              1,
              "fileformat",
              s.isEmpty() && headerLines.isEmpty()
                  ? "empty first line: expected ##fileformat=VCFv4.x"
                  : "not a VCF 4.x file (expected ##fileformat=VCFv4.x)");
        }
        headerLines.add(s);
        if (s.startsWith("#CHROM")) {
          break;
        }
        if (!s.startsWith("##")) {
          throw InvalidInputException.at(
              source, line, "header", "expected a ## meta line or the #CHROM column line");
        }
      }
      if (line == 0) {
        throw InvalidInputException.at(
            source, 1, "fileformat", "empty file: expected ##fileformat=VCFv4.x");
      }
      if (!headerLines.get(headerLines.size() - 1).startsWith("#CHROM")) {
        throw InvalidInputException.at(source, line, "header", "the #CHROM column line is missing");
      }
      VCFCodec codec = new VCFCodec();
      codec.setName(source);
      VCFHeader header;
      try {
        header = (VCFHeader) codec.readActualHeader(new ListLineIterator(headerLines));
      } catch (TribbleException | IllegalArgumentException e) {
        throw InvalidInputException.at(source, line, "header", htsjdkReason(e), e);
      }
      long chromLine = line;
      if (header.getInfoHeaderLine("GENE") == null) {
        throw InvalidInputException.at(
            source, chromLine, "INFO/GENE", "the header does not define INFO GENE");
      }
      String[] chromColumns = headerLines.get(headerLines.size() - 1).split("\t", -1);
      // htsjdk keeps sample names in a set, so a repeated column would vanish silently: check here.
      List<String> samples =
          chromColumns.length > COLUMNS.length
              ? List.of(chromColumns).subList(COLUMNS.length, chromColumns.length)
              : List.of();
      if (!samples.equals(header.getGenotypeSamples())
          && new HashSet<>(samples).size() == samples.size()) {
        throw InvalidInputException.at(
            source, line, "header", "htsjdk read different sample columns than the #CHROM line");
      }
      if (!samples.isEmpty() && header.getFormatHeaderLine("GT") == null) {
        throw InvalidInputException.at(
            source, chromLine, "FORMAT/GT", "the header does not define FORMAT GT");
      }
      Set<String> seen = new HashSet<>();
      for (String sample : samples) {
        if (!seen.add(sample)) {
          throw InvalidInputException.at(
              source, chromLine, "sample " + sample, "sample column appears twice");
        }
        if (!sample.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw InvalidInputException.at(
              source,
              chromLine,
              "sample " + (seen.size()),
              "sample name is not an OMOP person_id (an integer)");
        }
      }
      return new Cursor(path, reader, codec, samples, line);
    } catch (IOException e) {
      Inputs.closeQuietly(reader);
      throw Inputs.unreadable(path, line + 1, e);
    } catch (RuntimeException e) {
      Inputs.closeQuietly(reader);
      throw e;
    }
  }

  /** htsjdk's message without its own (approximate) location, which we replace by ours. */
  private static String htsjdkReason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m =
        m.replaceAll(
            "(?s)^The provided VCF file is malformed at approximately line number \\d+: ", "");
    m = m.replaceAll("(?s), for input source: .*$", "");
    return "htsjdk: " + m.strip();
  }

  private static final class ListLineIterator implements LineIterator {
    private final List<String> lines;
    private int i;

    ListLineIterator(List<String> lines) {
      this.lines = lines;
    }

    @Override
    public String peek() {
      return lines.get(i);
    }

    @Override
    public boolean hasNext() {
      return i < lines.size();
    }

    @Override
    public String next() {
      if (i >= lines.size()) {
        throw new NoSuchElementException();
      }
      return lines.get(i++);
    }
  }

  private static final class Cursor implements RecordCursor<VariantSite> {
    private final Path path;
    private final String source;
    private final String fileName;
    private final BufferedReader reader;
    private final VCFCodec codec;
    private final List<String> samples;
    private long line;

    Cursor(Path path, BufferedReader reader, VCFCodec codec, List<String> samples, long line) {
      this.path = path;
      this.source = path.toString();
      this.fileName = String.valueOf(path.getFileName());
      this.reader = reader;
      this.codec = codec;
      this.samples = samples;
      this.line = line;
    }

    @Override
    public Parsed<VariantSite> next() {
      String s;
      try {
        do {
          s = reader.readLine();
          line++;
        } while (s != null && s.isEmpty());
      } catch (IOException e) {
        throw Inputs.unreadable(path, line, e);
      }
      if (s == null) {
        return null;
      }
      try {
        return Parsed.ok(line, s, site(s));
      } catch (InvalidInputException e) {
        return Parsed.bad(line, s, e);
      }
    }

    private InvalidInputException error(String field, String reason) {
      return InvalidInputException.at(source, line, field, reason);
    }

    private VariantSite site(String s) {
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
        throw error(
            null, "line has " + cols.length + " tab-separated columns, expected " + expected);
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
      } catch (TribbleException | IllegalArgumentException | IllegalStateException e) {
        throw InvalidInputException.at(source, line, fieldOf(e), htsjdkReason(e), e);
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

    @Override
    public void close() {
      Inputs.closeQuietly(reader);
    }
  }
}
