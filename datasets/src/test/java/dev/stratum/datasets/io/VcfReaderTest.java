package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.Variant;
import dev.stratum.core.genomics.VariantKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VcfReaderTest {
  @TempDir Path tmp;

  Path write(String content) throws IOException {
    Path p = tmp.resolve("somatic.vcf");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  InvalidInputException strictError(Path p) {
    return assertThrows(
        InvalidInputException.class, () -> new VcfReader().read(p, ReadPolicy.strict(), r -> {}));
  }

  @Test
  void fixtureWithSnvDupAndInversion() {
    List<VariantSite> sites = new VcfReader().readAll(Fixtures.good("genomics/somatic_00000.vcf"));
    assertEquals(4, sites.size());

    VariantSite alk = sites.get(0);
    assertEquals(VariantKind.FUSION, alk.kind());
    assertEquals("EML4-ALK", alk.fusion());
    assertEquals("INV", alk.svType());
    assertEquals(42291710, alk.end());
    assertEquals(List.of("<INV>"), alk.alts());
    assertEquals(
        List.of(
            new Variant(
                "1003", "ALK", "", VariantKind.FUSION, "chr2", 29192774, "A", "<INV>", 0.22)),
        alk.carriers());

    VariantSite egfr = sites.get(1);
    assertEquals(VariantKind.SNV, egfr.kind());
    assertEquals("L858R", egfr.hgvsProtein(), "p. prefix stripped");
    assertEquals(
        List.of(
            new Variant(
                "1001", "EGFR", "L858R", VariantKind.SNV, "chr7", 55191822, "T", "G", 0.35)),
        egfr.carriers());
    assertEquals("somatic_00000.vcf:19", egfr.sourceRecord());

    VariantSite kras = sites.get(2);
    assertEquals(List.of("1001", "1003"), kras.carriers().stream().map(Variant::personId).toList());
    assertEquals(0.18, kras.carriers().get(1).vaf());

    VariantSite erbb2 = sites.get(3);
    assertEquals(VariantKind.AMPLIFICATION, erbb2.kind());
    assertEquals("ERBB2 amplification", erbb2.carriers().get(0).label());
    assertEquals(0.8, erbb2.carriers().get(0).vaf());
  }

  @Test
  void gzipIsReadToo() throws IOException {
    Path gz = tmp.resolve("somatic.vcf.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(Fixtures.good("genomics/somatic_00000.vcf")));
    }
    assertEquals(4, new VcfReader().readAll(gz).size());
  }

  @Test
  void brokenDataLineNamesLineAndColumn() throws IOException {
    Path p =
        write(
            VcfReaderContractTest.HEADER
                + VcfReaderContractTest.EGFR
                + "chr7\t55191822\t.\tT\tG\t.\tPASS\tGENE=EGFR;VC=SNV\tGT:AF\t0/1:0.3\n");
    assertEquals(
        p + ":13: field 'sample 2': line has 10 tab-separated columns, expected 11 (truncated)",
        strictError(p).getMessage());
  }

  @Test
  void htsjdkErrorsAreMappedToPathLineAndField() throws IOException {
    // An allele htsjdk refuses: TribbleException inside VCFCodec.decode
    Path p =
        write(
            VcfReaderContractTest.HEADER
                + "chr7\t55191822\t.\tT\tG!\t.\tPASS\tGENE=EGFR;VC=SNV\tGT:AF\t0/1:0.3\t0/0:.\n");
    InvalidInputException e = strictError(p);
    assertEquals(12, e.line());
    assertEquals("ALT", e.field().orElseThrow());
    assertTrue(e.reason().startsWith("htsjdk: "), e.reason());
    assertTrue(
        e.getCause() instanceof htsjdk.tribble.TribbleException, String.valueOf(e.getCause()));
  }

  @Test
  void nonNumericPosition() throws IOException {
    Path p =
        write(
            VcfReaderContractTest.HEADER
                + "chr7\t55x91822\t.\tT\tG\t.\tPASS\tGENE=EGFR;VC=SNV\tGT:AF\t0/1:0.3\t0/0:.\n");
    assertEquals(
        p + ":12: field 'POS': not a positive integer position", strictError(p).getMessage());
  }

  @Test
  void annotationRules() throws IOException {
    Path p =
        write(
            VcfReaderContractTest.HEADER
                + "chr7\t1\t.\tT\tG\t.\tPASS\tGENE=EGFR;VC=BOGUS\tGT:AF\t0/1:0.3\t0/0:.\n" // 12
                + "chr7\t1\t.\tTA\tG\t.\tPASS\tGENE=EGFR;VC=SNV\tGT:AF\t0/1:0.3\t0/0:.\n" // 13
                + "chr7\t1\t.\tT\tG\t.\tPASS\tGENE=EGFR\tGT:AF\t0/1:0\t0/0:.\n" // 14
                + "chr7\t1\t.\tT\tG\t.\tPASS\tGENE=EGFR\tGT:AF\t0/1:x\t0/0:.\n" // 15
                + "chr7\t1\t.\tT\tG\t.\tPASS\tGENE=ALK;VC=FUSION\tGT:AF\t0/1:0.5\t0/0:.\n" // 16
                + "chr7\t1\t.\tT\tTG\t.\tPASS\tGENE=EGFR\tGT:AF\t./.:.\t0/1:.\n"); // 17 ok
    List<QuarantinedRecord> q = new ArrayList<>();
    List<VariantSite> ok = new ArrayList<>();
    new VcfReader().read(p, ReadPolicy.lenient(q::add), ok::add);
    assertEquals(
        List.of("INFO/VC", "ALT", "FORMAT/AF", "FORMAT/AF", "INFO/FUSION"),
        q.stream().map(QuarantinedRecord::field).toList());
    assertEquals(
        List.of(12L, 13L, 14L, 15L, 16L), q.stream().map(QuarantinedRecord::line).toList());
    // inferred INDEL, uncalled sample skipped, carrier without AF has NaN VAF
    assertEquals(VariantKind.INDEL, ok.get(0).kind());
    assertEquals(1, ok.get(0).carriers().size());
    assertTrue(Double.isNaN(ok.get(0).carriers().get(0).vaf()));
  }

  @Test
  void headerProblems() throws IOException {
    assertEquals(
        tmp.resolve("somatic.vcf")
            + ":1: field 'fileformat': not a VCF 4.x file (expected ##fileformat=VCFv4.x)",
        strictError(write("chr1\t1\n")).getMessage());
    Path noGene = write(VcfReaderContractTest.HEADER.replace("##INFO=<ID=GENE", "##INFO=<ID=GENX"));
    assertEquals(
        noGene + ":11: field 'INFO/GENE': the header does not define INFO GENE",
        strictError(noGene).getMessage());
    Path dup = write(VcfReaderContractTest.HEADER.replace("\t1\t2", "\t1\t1"));
    assertEquals(
        dup + ":11: field 'sample 1': sample column appears twice", strictError(dup).getMessage());
  }

  @Test
  void lineParserForBatchJobs() {
    List<String> header = VcfReaderContractTest.HEADER.lines().toList();
    VcfLineParser parser = VcfReader.parser("part-0.vcf", header, header.size());
    assertEquals(List.of("1", "2"), parser.samples());
    VariantSite s = parser.parse(500, VcfReaderContractTest.EGFR.strip());
    assertEquals("part-0.vcf:500", s.sourceRecord());
    assertEquals("1", s.carriers().get(0).personId());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> parser.parse(501, "chr7\t1\t.\tT\tG\t.\tPASS\tVC=SNV\tGT:AF\t0/1:0.3\t0/0:."));
    assertEquals("part-0.vcf:501: field 'INFO/GENE': required annotation missing", e.getMessage());
  }
}
