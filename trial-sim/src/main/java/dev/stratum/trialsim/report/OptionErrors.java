package dev.stratum.trialsim.report;

import dev.stratum.core.error.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a validation message of the trial designer's API ("alpha must be in (0, 1), got 1.5") into
 * a user error naming the option it came from, with one table per command family, so that the CLI
 * and a notebook paragraph name the same option for the same mistake.
 */
public enum OptionErrors {
  /** {@code sample-size means}. */
  MEANS(
      "delta",
      "--delta",
      "sd",
      "--sd",
      "ratio",
      "--ratio",
      "margin",
      "--margin",
      "non-inferiority",
      "--margin",
      "equivalence",
      "--margin",
      "no solution",
      "--power"),
  /** {@code sample-size proportions}. */
  PROPORTIONS(
      "p1 and p2",
      "--p2",
      "p1",
      "--p1",
      "p2",
      "--p2",
      "ratio",
      "--ratio",
      "margin",
      "--margin",
      "non-inferiority",
      "--margin",
      "no solution",
      "--power"),
  /** {@code sample-size survival}. */
  SURVIVAL(
      "hazard ratio",
      "--hr",
      "allocation",
      "--allocation",
      "dropout",
      "--dropout",
      "median-control",
      "--median-control",
      "follow-up",
      "--follow-up",
      "accrual",
      "--accrual-time",
      "subjects need",
      "--median-control",
      "events",
      "--events"),
  /** {@code gsd}: its messages name no sample-size option, so no common entries are added. */
  GSD(
      "timing",
      "--timing",
      "the last look",
      "--timing",
      "alpha",
      "--alpha",
      "beta",
      "--beta",
      "a futility",
      "--lower",
      "binding",
      "--binding",
      "looks",
      "--looks");

  /** Entries every sample-size family shares, tried after its own. */
  private static final List<String> COMMON =
      List.of(
          "alpha",
          "--alpha",
          "sided",
          "--sided",
          "power",
          "--power",
          "n ",
          "--n",
          "give exactly",
          "--power");

  private final List<String> prefixOption;

  OptionErrors(String... own) {
    this.prefixOption = List.of(own);
  }

  /** The (lower-case message prefix, option) pairs tried in order. */
  List<String> table() {
    if (this == GSD) {
      return prefixOption;
    }
    return java.util.stream.Stream.concat(prefixOption.stream(), COMMON.stream()).toList();
  }

  /**
   * The user error for {@code e}: the option of the first prefix that starts its message, else this
   * family's fallback ({@code --power} for sample sizes, {@code --upper} for gsd).
   */
  public InvalidInputException userError(IllegalArgumentException e) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    String lower = msg.toLowerCase(Locale.ROOT);
    List<String> t = table();
    for (int i = 0; i + 1 < t.size(); i += 2) {
      if (lower.startsWith(t.get(i))) {
        return InvalidInputException.ofArgument(t.get(i + 1), msg);
      }
    }
    return InvalidInputException.ofArgument(this == GSD ? "--upper" : "--power", msg);
  }
}
