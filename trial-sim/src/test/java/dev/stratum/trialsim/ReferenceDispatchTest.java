package dev.stratum.trialsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The input-parsing dispatcher of {@link ReferenceCases} (which runs the shared reference file)
 * also understands gsDesign::nSurv and rpact::getDesignGroupSequential calls written in the shared
 * layout; values from R 4.2.2 + rpact 3.3.4 (see r_reference.csv, cases G02, G08, G09) and the
 * Lachin-Foulkes evaluation of case S10.
 */
class ReferenceDispatchTest {

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rpact::getDesignGroupSequential|kMax=3;alpha=0.025;beta=0.1;sided=1;typeOfDesign=asOF|criticalValues[2]|2.51142748445272|1e-6",
        "rpact::getDesignGroupSequential|kMax=3;alpha=0.025;beta=0.1;sided=1;typeOfDesign=asOF;typeBetaSpending=bsOF;bindingFutility=TRUE|futilityBounds[1]|-0.713367045501165|1e-6",
        "rpact::getDesignGroupSequential|kMax=4;alpha=0.025;beta=0.2;sided=1;typeOfDesign=asHSD;gammaA=-2;typeBetaSpending=bsHSD;gammaB=-2;informationRates=c(0.25,0.5,0.8,1)|inflationFactor|1.12671168127088|1.2e-6",
        "gsDesign::nSurv|lambdaC=0.0577622650466621;hr=0.7;R=24;minfup=12;alpha=0.05;sided=2;beta=0.2|n|368.095228578007|3.7e-4",
        "gsDesign::nSurv|lambdaC=0.0577622650466621;hr=0.7;R=24;minfup=12;alpha=0.05;sided=2;beta=0.2|d|245.799545822562|2.5e-4"
      })
  void dispatches(String method, String inputs, String output, double expected, double tol) {
    ReferenceCases.Row row =
        new ReferenceCases.Row("X", method, ReferenceCases.parseInputs(inputs), output, expected);
    assertEquals(expected, ReferenceCases.evaluate(row), tol);
  }
}
