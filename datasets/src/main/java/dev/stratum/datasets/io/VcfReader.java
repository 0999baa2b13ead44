package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.Variant;
import htsjdk.tribble.readers.LineIterator;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
      VcfLineParser parser = parser(source, headerLines, line);
      return new Cursor(path, reader, parser, line);
    } catch (IOException e) {
      Inputs.closeQuietly(reader);
      throw Inputs.unreadable(path, line + 1, e);
    } catch (RuntimeException e) {
      Inputs.closeQuietly(reader);
      throw e;
    }
  }

  /**
   * A parser of single data lines under the given header lines (the {@code ##} lines and the {@code
   * #CHROM} line): the line-at-a-time entry point for batch jobs, with the rules {@link #open}
   * applies to files.
   *
   * @param source file name for messages
   * @param headerLines the header, ending with the #CHROM line
   * @param chromLine the #CHROM line's number in the file
   * @throws InvalidInputException when the header is invalid
   */
  public static VcfLineParser parser(String source, List<String> headerLines, long chromLine) {
    VCFCodec codec = new VCFCodec();
    codec.setName(source);
    VCFHeader header;
    try {
      header = (VCFHeader) codec.readActualHeader(new ListLineIterator(headerLines));
    } catch (RuntimeException e) {
      // htsjdk signals most header problems with TribbleException, but a malformed meta line can
      // also surface as NullPointerException or NumberFormatException from deep inside it.
      throw InvalidInputException.at(source, chromLine, "header", htsjdkReason(e), e);
    }
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
          source, chromLine, "header", "htsjdk read different sample columns than the #CHROM line");
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
    return new VcfLineParser(source, codec, samples);
  }

  /** htsjdk's message without its own (approximate) location, which we replace by ours. */
  static String htsjdkReason(Exception e) {
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
    private final BufferedReader reader;
    private final VcfLineParser parser;
    private long line;

    Cursor(Path path, BufferedReader reader, VcfLineParser parser, long line) {
      this.path = path;
      this.reader = reader;
      this.parser = parser;
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
        return Parsed.ok(line, s, parser.parse(line, s));
      } catch (InvalidInputException e) {
        return Parsed.bad(line, s, e);
      }
    }

    @Override
    public void close() {
      Inputs.closeQuietly(reader);
    }
  }
}
