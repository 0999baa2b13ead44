package dev.stratum.trialsim.sim;

import java.util.Arrays;

/** The primary endpoint of a simulated trial and its distribution in the control arm. */
public sealed interface Endpoint
    permits Endpoint.TimeToEvent, Endpoint.Continuous, Endpoint.Binary {

  /** The effect in the whole population: hazard ratio, mean difference or experimental rate. */
  double effect();

  /** The same endpoint with another effect (used for power curves and the null hypothesis). */
  Endpoint withEffect(double effect);

  /** The effect under which there is no difference between arms. */
  double nullEffect();

  /**
   * Time to event with piecewise-exponential hazards in the control arm and proportional hazards.
   *
   * @param breaks ends of the hazard periods except the last (increasing, time units); empty for
   *     one constant hazard
   * @param controlHazards control-arm hazard in each period (breaks.length + 1 values)
   * @param hazardRatio experimental/control hazard ratio
   */
  record TimeToEvent(double[] breaks, double[] controlHazards, double hazardRatio)
      implements Endpoint {
    public TimeToEvent {
      breaks = breaks.clone();
      controlHazards = controlHazards.clone();
      if (controlHazards.length != breaks.length + 1) {
        throw new IllegalArgumentException(
            "hazards need one value per period: "
                + (breaks.length + 1)
                + " periods, got "
                + controlHazards.length
                + " hazards");
      }
      for (int i = 0; i < breaks.length; i++) {
        if (!(breaks[i] > (i == 0 ? 0 : breaks[i - 1]))) {
          throw new IllegalArgumentException(
              "hazard breaks must increase from > 0, got " + Arrays.toString(breaks));
        }
      }
      for (double h : controlHazards) {
        if (!(h > 0) || Double.isInfinite(h)) {
          throw new IllegalArgumentException("hazards must be finite and > 0, got " + h);
        }
      }
      if (!(hazardRatio > 0) || Double.isInfinite(hazardRatio)) {
        throw new IllegalArgumentException(
            "hazard ratio must be finite and > 0, got " + hazardRatio);
      }
    }

    /** Exponential survival with the given control median. */
    public static TimeToEvent exponential(double controlMedian, double hazardRatio) {
      if (!(controlMedian > 0)) {
        throw new IllegalArgumentException("control median must be > 0, got " + controlMedian);
      }
      return new TimeToEvent(
          new double[0], new double[] {Math.log(2) / controlMedian}, hazardRatio);
    }

    @Override
    public double effect() {
      return hazardRatio;
    }

    @Override
    public Endpoint withEffect(double effect) {
      return new TimeToEvent(breaks, controlHazards, effect);
    }

    @Override
    public double nullEffect() {
      return 1;
    }

    @Override
    public double[] breaks() {
      return breaks.clone();
    }

    @Override
    public double[] controlHazards() {
      return controlHazards.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TimeToEvent t
          && Arrays.equals(breaks, t.breaks)
          && Arrays.equals(controlHazards, t.controlHazards)
          && hazardRatio == t.hazardRatio;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(breaks) * 31
          + Arrays.hashCode(controlHazards)
          + Double.hashCode(hazardRatio);
    }

    @Override
    public String toString() {
      return "TimeToEvent[breaks="
          + Arrays.toString(breaks)
          + ", controlHazards="
          + Arrays.toString(controlHazards)
          + ", hazardRatio="
          + hazardRatio
          + "]";
    }
  }

  /**
   * A normally distributed outcome measured {@code assessmentTime} after entry.
   *
   * @param controlMean mean in the control arm
   * @param sd standard deviation in both arms
   * @param difference experimental - control mean difference
   * @param assessmentTime time from entry to the measurement (0: at entry)
   */
  record Continuous(double controlMean, double sd, double difference, double assessmentTime)
      implements Endpoint {
    public Continuous {
      if (!Double.isFinite(controlMean) || !Double.isFinite(difference)) {
        throw new IllegalArgumentException("means must be finite");
      }
      if (!(sd > 0) || Double.isInfinite(sd)) {
        throw new IllegalArgumentException("sd must be finite and > 0, got " + sd);
      }
      if (!(assessmentTime >= 0)) {
        throw new IllegalArgumentException("assessment time must be >= 0, got " + assessmentTime);
      }
    }

    @Override
    public double effect() {
      return difference;
    }

    @Override
    public Endpoint withEffect(double effect) {
      return new Continuous(controlMean, sd, effect, assessmentTime);
    }

    @Override
    public double nullEffect() {
      return 0;
    }
  }

  /**
   * A response (yes/no) measured {@code assessmentTime} after entry.
   *
   * @param controlRate response probability in the control arm
   * @param experimentalRate response probability in the experimental arm
   * @param assessmentTime time from entry to the response assessment
   */
  record Binary(double controlRate, double experimentalRate, double assessmentTime)
      implements Endpoint {
    public Binary {
      for (double p : new double[] {controlRate, experimentalRate}) {
        if (!(p > 0 && p < 1)) {
          throw new IllegalArgumentException("response rates must be in (0, 1), got " + p);
        }
      }
      if (!(assessmentTime >= 0)) {
        throw new IllegalArgumentException("assessment time must be >= 0, got " + assessmentTime);
      }
    }

    @Override
    public double effect() {
      return experimentalRate;
    }

    @Override
    public Endpoint withEffect(double effect) {
      return new Binary(controlRate, effect, assessmentTime);
    }

    @Override
    public double nullEffect() {
      return controlRate;
    }
  }
}
