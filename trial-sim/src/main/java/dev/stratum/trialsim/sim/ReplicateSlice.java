package dev.stratum.trialsim.sim;

import java.nio.ByteBuffer;

/**
 * The outcomes of replicates [from, to) of a run, computed by {@link TrialSimulator#simulateBlocks}
 * and joined by {@link TrialSimulator#combine}. {@link #toBytes()} and {@link #fromBytes} carry it
 * between processes (Spark tasks) as a plain byte array, without Java serialization.
 */
public final class ReplicateSlice {
  private static final int MAGIC = 0x53524c31; // "SRL1"
  private final int from;
  private final int to;
  private final TrialSimulator.Outcomes outcomes;

  ReplicateSlice(int from, int to, TrialSimulator.Outcomes outcomes) {
    this.from = from;
    this.to = to;
    this.outcomes = outcomes;
  }

  /** First replicate index (inclusive). */
  public int from() {
    return from;
  }

  /** Last replicate index (exclusive). */
  public int to() {
    return to;
  }

  TrialSimulator.Outcomes outcomes() {
    return outcomes;
  }

  /** The slice as bytes: a header (magic, from, to, looks, strata), then the arrays. */
  public byte[] toBytes() {
    TrialSimulator.Outcomes o = outcomes;
    int n = to - from;
    int looks = o.lookCount.length;
    int strata = o.selected.length;
    int size = 5 * 4 + n * (1 + 1 + 4 + 4 + 8 + looks * 8 + strata + 1 + 4);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(MAGIC).putInt(from).putInt(to).putInt(looks).putInt(strata);
    b.put(o.stopLook).put(o.decision);
    for (int i = 0; i < n; i++) {
      b.putInt(o.patients[i]).putInt(o.events[i]).putDouble(o.duration[i]);
      b.putInt(o.rejected[i]).put((byte) (o.enriched[i] ? 1 : 0));
    }
    for (int j = 0; j < looks; j++) {
      for (int i = 0; i < n; i++) {
        b.putFloat(o.lookCount[j][i]).putFloat(o.lookTime[j][i]);
      }
    }
    for (int s = 0; s < strata; s++) {
      for (int i = 0; i < n; i++) {
        b.put((byte) (o.selected[s][i] ? 1 : 0));
      }
    }
    assert !b.hasRemaining();
    return b.array();
  }

  /** Reads {@link #toBytes()}. */
  public static ReplicateSlice fromBytes(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (bytes.length < 20 || b.getInt() != MAGIC) {
      throw new IllegalArgumentException("not a replicate slice");
    }
    int from = b.getInt();
    int to = b.getInt();
    int looks = b.getInt();
    int strata = b.getInt();
    int n = to - from;
    TrialSimulator.Outcomes o = new TrialSimulator.Outcomes(n, looks, strata);
    b.get(o.stopLook).get(o.decision);
    for (int i = 0; i < n; i++) {
      o.patients[i] = b.getInt();
      o.events[i] = b.getInt();
      o.duration[i] = b.getDouble();
      o.rejected[i] = b.getInt();
      o.enriched[i] = b.get() != 0;
    }
    for (int j = 0; j < looks; j++) {
      for (int i = 0; i < n; i++) {
        o.lookCount[j][i] = b.getFloat();
        o.lookTime[j][i] = b.getFloat();
      }
    }
    for (int s = 0; s < strata; s++) {
      for (int i = 0; i < n; i++) {
        o.selected[s][i] = b.get() != 0;
      }
    }
    return new ReplicateSlice(from, to, o);
  }
}
