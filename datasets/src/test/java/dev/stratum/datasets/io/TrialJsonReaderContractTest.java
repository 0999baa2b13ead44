package dev.stratum.datasets.io;

import dev.stratum.core.criteria.Trial;
import java.util.List;

/** API v2 JSON, as a page of studies ({"studies": [...]}) so that a file holds several records. */
class TrialJsonReaderContractTest extends RecordReaderContract<Trial> {
  static String study(String nct, String eligibility) {
    return "{\"protocolSection\": {\n"
        + "  \"identificationModule\": {\"nctId\": \""
        + nct
        + "\", \"briefTitle\": \"T\"},\n"
        + "  "
        + eligibility
        + "\n}}";
  }

  static final String ELIGIBILITY =
      "\"eligibilityModule\": {\"eligibilityCriteria\": \"Inclusion Criteria:\\n- adults\","
          + " \"sex\": \"ALL\", \"minimumAge\": \"18 Years\"}";

  @Override
  RecordReader<Trial> reader() {
    return new TrialJsonReader();
  }

  @Override
  String fileName() {
    return "page.json";
  }

  @Override
  boolean rawIsVerbatimLine() {
    return false; // a study's raw text is its JSON re-serialised compactly
  }

  @Override
  String goodContent() {
    return "{\"studies\": [\n"
        + study("NCT00000001", ELIGIBILITY)
        + ",\n"
        + study("NCT00000002", ELIGIBILITY)
        + "\n], \"nextPageToken\": \"abc\"}\n";
  }

  @Override
  int goodCount() {
    return 2;
  }

  @Override
  String mixedContent() {
    // line 1 "{"studies": [", study 1 at line 2 (4 lines), "," line 5 ... each study is 4 lines.
    return "{\"studies\": [\n" // 1
        + study("NCT00000001", ELIGIBILITY) // 2-5
        + ",\n"
        + study("NCT00000002", "\"designModule\": {\"phases\": [\"PHASE2\"]}") // 6-9
        + ",\n"
        + study(
            "NCT00000003",
            "\"eligibilityModule\": {\"eligibilityCriteria\": \"x\", \"minimumAge\": \"eighteen\"}")
        + ",\n" // 10-13
        + study("NCT00000004", ELIGIBILITY) // 14-17
        + "\n]}\n";
  }

  @Override
  List<Long> badLines() {
    // Study 2 lacks eligibilityModule: reported where its protocolSection starts (line 6).
    // Study 3 (lines 10-13) has a bad minimumAge: reported on that field's own line, 12.
    return List.of(6L, 12L);
  }

  @Override
  int mixedCount() {
    return 4;
  }

  @Override
  String headerOnlyContent() {
    return "{\"studies\": []}\n";
  }
}
