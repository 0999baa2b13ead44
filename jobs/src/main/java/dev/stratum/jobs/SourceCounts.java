package dev.stratum.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How one raw input's records were accounted for: {@code in = accepted + quarantined} always holds;
 * {@code afterAsOf} of the accepted records are dated after the as-of day and so reach no table;
 * {@code out = accepted - afterAsOf}.
 */
public record SourceCounts(
    @JsonProperty("in") long in,
    @JsonProperty("accepted") long accepted,
    @JsonProperty("quarantined") long quarantined,
    @JsonProperty("after_as_of") long afterAsOf,
    @JsonProperty("out") long out) {

  public SourceCounts {
    if (in != accepted + quarantined || out != accepted - afterAsOf || afterAsOf < 0) {
      throw new IllegalArgumentException(
          "inconsistent counts: in="
              + in
              + " accepted="
              + accepted
              + " quarantined="
              + quarantined
              + " after_as_of="
              + afterAsOf
              + " out="
              + out);
    }
  }

  static SourceCounts of(long in, long quarantined, long afterAsOf) {
    long accepted = in - quarantined;
    return new SourceCounts(in, accepted, quarantined, afterAsOf, accepted - afterAsOf);
  }
}
