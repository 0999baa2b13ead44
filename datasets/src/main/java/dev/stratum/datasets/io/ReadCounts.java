package dev.stratum.datasets.io;

import java.util.Objects;

/**
 * How many records a reader saw in one source and what became of them. Invariant: {@code read ==
 * accepted + quarantined}.
 *
 * @param source the file read
 * @param read records found
 * @param accepted records that passed validation and reached the sink
 * @param quarantined records handed to the quarantine
 */
public record ReadCounts(String source, long read, long accepted, long quarantined) {
  public ReadCounts {
    Objects.requireNonNull(source, "source");
    if (read != accepted + quarantined || accepted < 0 || quarantined < 0) {
      throw new IllegalArgumentException(
          "counts do not add up: read "
              + read
              + " != accepted "
              + accepted
              + " + quarantined "
              + quarantined);
    }
  }
}
