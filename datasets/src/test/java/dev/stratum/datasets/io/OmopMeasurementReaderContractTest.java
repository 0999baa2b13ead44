package dev.stratum.datasets.io;

import dev.stratum.core.clinical.ClinicalEvent;
import java.util.List;

class OmopMeasurementReaderContractTest extends RecordReaderContract<ClinicalEvent> {
  static final String HEADER = String.join(",", OmopTable.MEASUREMENT.columns()) + "\n";

  /** A measurement row: person, date, LOINC, value, unit. */
  static String row(String person, String date, String loinc, String value, String unit) {
    return "1,"
        + person
        + ",0,"
        + date
        + ",,,32817,,"
        + value
        + ",,,,,,,,"
        + loinc
        + ",0,"
        + unit
        + ",,,,\n";
  }

  @Override
  RecordReader<ClinicalEvent> reader() {
    return OmopCsvReader.of(OmopTable.MEASUREMENT);
  }

  @Override
  String fileName() {
    return "measurement.csv";
  }

  @Override
  String goodContent() {
    return HEADER
        + row("1", "2023-03-01", "4548-4", "8.2", "%")
        + row("1", "2023-03-02", "2160-0", "0.9", "mg/dl")
        + row("2", "2023-03-03", "718-7", "131", "g/L");
  }

  @Override
  int goodCount() {
    return 3;
  }

  @Override
  String mixedContent() {
    return HEADER
        + row("1", "2023-03-01", "4548-4", "8.2", "%")
        + row("1", "2023-02-30", "4548-4", "8.2", "%")
        + row("1", "2023-03-01", "4548-4", "8.2", "mg/dq")
        + row("1", "2023-03-01", "4548-4", "high", "%")
        + row("2", "2023-03-01", "718-7", "13", "g/dL");
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
    return HEADER;
  }
}
