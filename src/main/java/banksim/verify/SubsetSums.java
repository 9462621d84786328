package banksim.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Whether a number is the sum of some subset of "the others' writes": a list of numbers in input
 * order, less one contiguous run of them (one customer's own), plus a few extra numbers. Bounded:
 * the set of reachable sums is kept as bits, one per possible sum, where the sums span at most
 * {@link #MAX_BITS} values, else as a sorted list of at most {@link #MAX_SUMS} distinct sums; and
 * all the sets together take at most {@link #MAX_WORK} steps. Beyond these, a number the quick
 * tests do not settle is undecided. The quick tests are exact: outside the range of the sums, or
 * not a multiple of the numbers' greatest common divisor, a number is unreachable; the sum of a
 * prefix of the others (in input order: what a sequential run of the customers before has applied)
 * is reachable.
 */
final class SubsetSums {
  /** The most distinct sums one set holds before its numbers are undecided. */
  static final int MAX_SUMS = 1_000_000;

  /**
   * The widest range of sums (divided by the numbers' gcd) kept as bits, one per possible sum (8
   * MiB); a wider one is kept as a sorted list of the sums that occur, up to {@link #MAX_SUMS}.
   */
  static final long MAX_BITS = 1L << 26;

  /** The most steps (sums merged, words shifted, numbers listed) all the sets take together. */
  static final long MAX_WORK = 60_000_000L;

  /** Whether a number is a subset sum. */
  enum Reach {
    YES,
    NO,
    UNDECIDED
  }

  private final long[] numbers;

  /** prefix[k]: the sum of numbers[0..k). */
  private final long[] prefix;

  /** The sums of the negative and the positive numbers of numbers[0..k). */
  private final long[] negative;

  private final long[] positive;

  /** gcdBefore[k]: the gcd of numbers[0..k); gcdFrom[k]: of numbers[k..n). */
  private final long[] gcdBefore;

  private final long[] gcdFrom;

  /** For each prefix sum, the first and the last k with prefix[k] equal to it. */
  private final Map<Long, Integer> firstPrefix = new HashMap<>();

  private final Map<Long, Integer> lastPrefix = new HashMap<>();
  private final Map<String, LongPredicate> computed = new HashMap<>();
  private long work;

  SubsetSums(List<Long> all) {
    int n = all.size();
    numbers = all.stream().mapToLong(Long::longValue).toArray();
    prefix = new long[n + 1];
    negative = new long[n + 1];
    positive = new long[n + 1];
    gcdBefore = new long[n + 1];
    gcdFrom = new long[n + 1];
    for (int k = 0; k < n; k++) {
      long x = numbers[k];
      prefix[k + 1] = prefix[k] + x;
      negative[k + 1] = negative[k] + Math.min(x, 0);
      positive[k + 1] = positive[k] + Math.max(x, 0);
      gcdBefore[k + 1] = gcd(gcdBefore[k], Math.abs(x));
    }
    for (int k = n - 1; k >= 0; k--) {
      gcdFrom[k] = gcd(gcdFrom[k + 1], Math.abs(numbers[k]));
    }
    for (int k = 0; k <= n; k++) {
      firstPrefix.putIfAbsent(prefix[k], k);
      lastPrefix.put(prefix[k], k);
    }
  }

  /**
   * Whether {@code target} is the sum of a subset of the numbers outside [from, to) and of {@code
   * extra}.
   */
  Reach contains(long target, int from, int to, List<Long> extra) {
    int n = numbers.length;
    long min = negative[from] + negative[n] - negative[to];
    long max = positive[from] + positive[n] - positive[to];
    long divisor = gcd(gcdBefore[from], gcdFrom[to]);
    for (long x : extra) {
      min += Math.min(x, 0);
      max += Math.max(x, 0);
      divisor = gcd(divisor, Math.abs(x));
    }
    if (target < min || target > max || (divisor != 0 && target % divisor != 0)) {
      return Reach.NO;
    }
    if (divisor == 0) {
      return target == 0 ? Reach.YES : Reach.NO;
    }
    // A prefix of the others: numbers[0..k) with k <= from, or all before and numbers[to..k).
    Integer first = firstPrefix.get(target);
    Integer last = lastPrefix.get(target + prefix[to] - prefix[from]);
    if ((first != null && first <= from) || (last != null && last >= to)) {
      return Reach.YES;
    }
    String key = from + ":" + to + ":" + extra;
    LongPredicate sums;
    if (computed.containsKey(key)) {
      sums = computed.get(key);
    } else {
      sums = compute(from, to, extra, divisor);
      computed.put(key, sums);
    }
    if (sums == null) {
      return Reach.UNDECIDED;
    }
    return sums.test(target) ? Reach.YES : Reach.NO;
  }

  /** Whether a number is a subset sum of the others; null beyond the bounds or the work left. */
  private LongPredicate compute(int from, int to, List<Long> extra, long divisor) {
    work += numbers.length;
    if (work > MAX_WORK) {
      return null;
    }
    List<Long> others = new ArrayList<>(extra);
    for (int k = 0; k < numbers.length; k++) {
      if (k < from || k >= to) {
        others.add(numbers[k]);
      }
    }
    LongPredicate bits = bits(others, divisor);
    if (bits != null) {
      return bits;
    }
    long[] sums = sorted(others);
    return sums == null ? null : target -> Arrays.binarySearch(sums, target) >= 0;
  }

  /**
   * The subset sums as bits, where the numbers, divided by their gcd, add up to at most {@link
   * #MAX_BITS}: a negative number is taken from the start (the sum of every negative number) and
   * may be given back, so every step adds a positive number, a shift of the bits.
   */
  private LongPredicate bits(List<Long> others, long divisor) {
    long base = 0;
    long span = 0;
    for (long x : others) {
      base += Math.min(x, 0);
      span += Math.abs(x) / divisor;
    }
    if (span > MAX_BITS) {
      return null;
    }
    long[] words = new long[(int) (span / 64) + 1];
    words[0] = 1;
    for (long x : others) {
      int shift = (int) (Math.abs(x) / divisor);
      if (shift == 0) {
        continue;
      }
      work += words.length;
      if (work > MAX_WORK) {
        return null;
      }
      orShifted(words, shift);
    }
    long start = base;
    long total = span;
    return target -> {
      long offset = (target - start) / divisor;
      return (target - start) % divisor == 0
          && offset >= 0
          && offset <= total
          && (words[(int) (offset >>> 6)] & (1L << (offset & 63))) != 0;
    };
  }

  /** words |= words << shift, in place (from the top, so that no word is read once changed). */
  private static void orShifted(long[] words, int shift) {
    int whole = shift >>> 6;
    int bits = shift & 63;
    for (int i = words.length - 1; i >= whole; i--) {
      long moved = words[i - whole] << bits;
      if (bits != 0 && i - whole - 1 >= 0) {
        moved |= words[i - whole - 1] >>> (64 - bits);
      }
      words[i] |= moved;
    }
  }

  /** Every subset sum, sorted; null beyond MAX_SUMS or the work left. */
  private long[] sorted(List<Long> others) {
    Map<Long, Integer> counts = new TreeMap<>();
    for (long x : others) {
      if (x != 0) {
        counts.merge(x, 1, Integer::sum);
      }
    }
    long[] sums = {0};
    for (Map.Entry<Long, Integer> number : counts.entrySet()) {
      for (int i = 0; i < number.getValue(); i++) {
        work += 2L * sums.length;
        if (work > MAX_WORK) {
          return null;
        }
        sums = union(sums, number.getKey());
        if (sums.length > MAX_SUMS) {
          return null;
        }
      }
    }
    return sums;
  }

  /** The sorted union of {@code sums} and {@code sums + shift}, without repeats. */
  private static long[] union(long[] sums, long shift) {
    long[] out = new long[2 * sums.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < sums.length || j < sums.length) {
      long next;
      if (j == sums.length || (i < sums.length && sums[i] <= sums[j] + shift)) {
        next = sums[i++];
      } else {
        next = sums[j++] + shift;
      }
      if (n == 0 || out[n - 1] != next) {
        out[n++] = next;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static long gcd(long a, long b) {
    long x = a;
    long y = b;
    while (y != 0) {
      long t = x % y;
      x = y;
      y = t;
    }
    return x;
  }
}
