package dev.stratum.trialsim.sim;

import java.util.Arrays;

/**
 * Distribution sorting for the simulator's hot loop: values are spread into as many buckets as
 * there are values by a linear map of their range, then an insertion sort finishes the nearly
 * sorted array. Expected O(n) for the smooth distributions of entry, event and calendar times;
 * falls back to {@link Arrays#sort} when a bucket is crowded (skewed data), so it is never worse
 * than O(n log n) by more than a constant.
 */
final class BucketSort {
  private static final int CROWDED = 48;

  private final int[] counts;
  private final double[] tmpD;
  private final long[] tmpL;

  BucketSort(int capacity) {
    counts = new int[capacity + 1];
    tmpD = new double[capacity];
    tmpL = new long[capacity];
  }

  /** Sorts a[0..len) ascending. */
  void sort(double[] a, int len) {
    if (len < 64) {
      Arrays.sort(a, 0, len);
      return;
    }
    double min = a[0];
    double max = a[0];
    for (int i = 1; i < len; i++) {
      double v = a[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (!(max > min) || Double.isInfinite(max - min)) {
      Arrays.sort(a, 0, len);
      return;
    }
    double scale = (len - 1) / (max - min);
    Arrays.fill(counts, 0, len + 1, 0);
    for (int i = 0; i < len; i++) {
      counts[(int) ((a[i] - min) * scale) + 1]++;
    }
    for (int b = 1; b <= len; b++) {
      if (counts[b] > CROWDED) {
        Arrays.sort(a, 0, len);
        return;
      }
      counts[b] += counts[b - 1];
    }
    for (int i = 0; i < len; i++) {
      tmpD[counts[(int) ((a[i] - min) * scale)]++] = a[i];
    }
    for (int i = 1; i < len; i++) {
      double v = tmpD[i];
      int j = i - 1;
      while (j >= 0 && tmpD[j] > v) {
        tmpD[j + 1] = tmpD[j];
        j--;
      }
      tmpD[j + 1] = v;
    }
    System.arraycopy(tmpD, 0, a, 0, len);
  }

  /**
   * Sorts keys[0..len) ascending where each key is the IEEE bits of a positive double with an index
   * in its {@code mask} low bits (so key order is value order).
   */
  void sortKeys(long[] keys, int len, long mask) {
    if (len < 64) {
      Arrays.sort(keys, 0, len);
      return;
    }
    long clear = ~mask;
    double min = Double.longBitsToDouble(keys[0] & clear);
    double max = min;
    for (int i = 1; i < len; i++) {
      double v = Double.longBitsToDouble(keys[i] & clear);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (!(max > min) || Double.isInfinite(max - min)) {
      Arrays.sort(keys, 0, len);
      return;
    }
    double scale = (len - 1) / (max - min);
    Arrays.fill(counts, 0, len + 1, 0);
    for (int i = 0; i < len; i++) {
      counts[(int) ((Double.longBitsToDouble(keys[i] & clear) - min) * scale) + 1]++;
    }
    for (int b = 1; b <= len; b++) {
      if (counts[b] > CROWDED) {
        Arrays.sort(keys, 0, len);
        return;
      }
      counts[b] += counts[b - 1];
    }
    for (int i = 0; i < len; i++) {
      long k = keys[i];
      tmpL[counts[(int) ((Double.longBitsToDouble(k & clear) - min) * scale)]++] = k;
    }
    for (int i = 1; i < len; i++) {
      long v = tmpL[i];
      int j = i - 1;
      while (j >= 0 && tmpL[j] > v) {
        tmpL[j + 1] = tmpL[j];
        j--;
      }
      tmpL[j + 1] = v;
    }
    System.arraycopy(tmpL, 0, keys, 0, len);
  }
}
