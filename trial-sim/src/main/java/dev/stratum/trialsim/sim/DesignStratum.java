package dev.stratum.trialsim.sim;

import java.util.Objects;

/**
 * A stratum of the trial population: its share of the recruited patients and the effect of the
 * experimental treatment in it.
 *
 * @param name label, e.g. the stratification's stratum name
 * @param prevalence share of recruited patients in (0, 1] (normalised over the strata)
 * @param effect effect in this stratum: hazard ratio, mean difference or experimental response
 *     rate, as the endpoint's effect; NaN to use the endpoint's
 * @param control control-arm parameter in this stratum: median survival, control mean or control
 *     response rate; NaN to use the endpoint's
 */
public record DesignStratum(String name, double prevalence, double effect, double control) {
  public DesignStratum {
    Objects.requireNonNull(name, "name");
    if (!(prevalence > 0 && prevalence <= 1)) {
      throw new IllegalArgumentException(
          "stratum '" + name + "': prevalence must be in (0, 1], got " + prevalence);
    }
  }
}
