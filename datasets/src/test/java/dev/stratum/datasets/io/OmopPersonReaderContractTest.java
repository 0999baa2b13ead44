package dev.stratum.datasets.io;

import dev.stratum.core.model.Person;
import java.util.List;

class OmopPersonReaderContractTest extends RecordReaderContract<Person> {
  static final String HEADER = String.join(",", OmopTable.PERSON.columns()) + "\n";

  @Override
  RecordReader<Person> reader() {
    return OmopCsvReader.of(OmopTable.PERSON);
  }

  @Override
  String fileName() {
    return "person.csv";
  }

  @Override
  String goodContent() {
    return HEADER
        + "1,8532,1961,4,12,,0,0,,,,,F,0,White,0,Not Hispanic or Latino,0\n"
        + "2,8507,1957,11,3,,0,0,,,,,M,0,Asian,0,Not Hispanic or Latino,0\n"
        + "3,0,1970,,,,0,0,,,,,,0,,0,,0\n";
  }

  @Override
  int goodCount() {
    return 3;
  }

  @Override
  String mixedContent() {
    return HEADER
        + "1,8532,1961,4,12,,0,0,,,,,F,0,White,0,Not Hispanic or Latino,0\n"
        + "2,8507,1957,11,3\n"
        + "3,8532,1970,1,1,,0,0,,,,,,0,,0,,0\n"
        + "4,1234,1970,1,1,,0,0,,,,,,0,,0,,0\n"
        + "5,8532,1970,1,1,,0,0,,,,,,0,,0,,0\n";
  }

  @Override
  List<Long> badLines() {
    return List.of(3L, 5L);
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
