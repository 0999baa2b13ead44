package dev.stratum.datasets.io;

import dev.stratum.core.criteria.Trial;
import java.util.List;

/** Classic XML holds one study per file: the mixed file is a single study without criteria. */
class TrialXmlReaderContractTest extends RecordReaderContract<Trial> {
  static final String GOOD =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <clinical_study>
        <id_info><nct_id>NCT00000001</nct_id></id_info>
        <brief_title>T</brief_title>
        <eligibility>
          <criteria><textblock>Inclusion Criteria: adults</textblock></criteria>
          <gender>Female</gender>
          <minimum_age>18 Years</minimum_age>
          <maximum_age>N/A</maximum_age>
        </eligibility>
      </clinical_study>
      """;

  static final String NO_CRITERIA =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <clinical_study>
        <id_info><nct_id>NCT00000001</nct_id></id_info>
        <eligibility>
          <gender>All</gender>
        </eligibility>
      </clinical_study>
      """;

  @Override
  RecordReader<Trial> reader() {
    return new TrialXmlReader();
  }

  @Override
  String fileName() {
    return "NCT00000001.xml";
  }

  @Override
  boolean rawIsVerbatimLine() {
    return false; // the raw record is the whole document
  }

  @Override
  String goodContent() {
    return GOOD;
  }

  @Override
  int goodCount() {
    return 1;
  }

  @Override
  String mixedContent() {
    return NO_CRITERIA;
  }

  @Override
  List<Long> badLines() {
    return List.of(4L); // the <eligibility> element that lacks criteria
  }

  @Override
  int mixedCount() {
    return 1;
  }
}
