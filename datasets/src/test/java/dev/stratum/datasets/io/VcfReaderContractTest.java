package dev.stratum.datasets.io;

import java.util.List;

class VcfReaderContractTest extends RecordReaderContract<VariantSite> {
  static final String HEADER =
      """
      ##fileformat=VCFv4.2
      ##contig=<ID=chr7,length=159345973>
      ##contig=<ID=chr17,length=83257441>
      ##INFO=<ID=GENE,Number=1,Type=String,Description="HGNC gene symbol">
      ##INFO=<ID=HGVSP,Number=1,Type=String,Description="Protein change">
      ##INFO=<ID=VC,Number=1,Type=String,Description="Variant class">
      ##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Structural variant type">
      ##INFO=<ID=END,Number=1,Type=Integer,Description="End position">
      ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
      ##FORMAT=<ID=AF,Number=A,Type=Float,Description="Variant allele fraction">
      #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t1\t2
      """;

  static final String EGFR =
      "chr7\t55191822\t.\tT\tG\t.\tPASS\tGENE=EGFR;HGVSP=p.L858R;VC=SNV\tGT:AF\t0/1:0.35\t0/0:.\n";
  static final String ERBB2 =
      "chr17\t39688094\t.\tG\t<DUP>\t.\tPASS\tGENE=ERBB2;VC=AMP;SVTYPE=DUP;END=39728658\tGT:AF"
          + "\t0/0:.\t0/1:0.8\n";

  @Override
  RecordReader<VariantSite> reader() {
    return new VcfReader();
  }

  @Override
  String fileName() {
    return "somatic_00000.vcf";
  }

  @Override
  String goodContent() {
    return HEADER + EGFR + ERBB2;
  }

  @Override
  int goodCount() {
    return 2;
  }

  @Override
  String mixedContent() {
    return HEADER // 11 lines
        + EGFR // 12
        + "chr7\t55191822\t.\tT\tG\t.\tPASS\tGENE=EGFR\n" // 13: no FORMAT / samples
        + "chr7\t55191822\t.\tT\tG\t.\tPASS\tHGVSP=p.L858R;VC=SNV\tGT:AF\t0/1:0.3\t0/0:.\n" // 14
        + "chr7\t55191822\t.\tT\tG\t.\tPASS\tGENE=EGFR;VC=SNV\tGT:AF\t0/1:1.7\t0/0:.\n" // 15
        + ERBB2; // 16
  }

  @Override
  List<Long> badLines() {
    return List.of(13L, 14L, 15L);
  }

  @Override
  int mixedCount() {
    return 5;
  }

  @Override
  String headerOnlyContent() {
    return HEADER;
  }
}
