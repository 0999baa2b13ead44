package dev.stratum.datasets.io;

import java.util.List;

class OmicsTsvReaderContractTest extends RecordReaderContract<OmicsRow> {
  @Override
  RecordReader<OmicsRow> reader() {
    return new OmicsTsvReader();
  }

  @Override
  String fileName() {
    return "expression.tsv";
  }

  @Override
  String goodContent() {
    return "feature_id\t1\t2\t3\nEGFR\t11.2\t7.9\t8.4\nALK\t2\tNA\t\n";
  }

  @Override
  int goodCount() {
    return 2;
  }

  @Override
  String mixedContent() {
    return "feature_id\t1\t2\t3\n"
        + "EGFR\t11.2\t7.9\t8.4\n" // 2
        + "ALK\t2\tabc\t1\n" // 3: not a number
        + "ESR1\t1\t2\n" // 4: truncated
        + "EGFR\t1\t2\t3\n" // 5: duplicate feature
        + "KRAS\t1\t2\t3\n"; // 6
  }

  @Override
  List<Long> badLines() {
    return List.of(3L, 4L, 5L);
  }

  @Override
  int mixedCount() {
    return 5;
  }

  @Override
  String headerOnlyContent() {
    return "feature_id\t1\t2\t3\n";
  }
}
