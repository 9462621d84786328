package banksim.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class SubsetSumsTest {
  /**
   * Against every subset, by brute force: small amounts (kept as bits) and amounts far apart (kept
   * as a sorted list), deposits and withdrawals, with a customer's own run left out and extras.
   */
  @ParameterizedTest
  @ValueSource(ints = {40, 1 << 28})
  void agreesWithEverySubset(int largest) {
    Random random = new Random(largest);
    for (int round = 0; round < 200; round++) {
      List<Long> numbers = new ArrayList<>();
      int n = random.nextInt(10);
      long scale = 1L + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        numbers.add(scale * (random.nextInt(2 * largest + 1) - (long) largest));
      }
      int from = n == 0 ? 0 : random.nextInt(n + 1);
      int to = from + (n - from == 0 ? 0 : random.nextInt(n - from + 1));
      List<Long> extra = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        extra.add(-scale * random.nextInt(largest + 1));
      }
      List<Long> others = new ArrayList<>(extra);
      others.addAll(numbers.subList(0, from));
      others.addAll(numbers.subList(to, n));
      Set<Long> every = new HashSet<>();
      for (int mask = 0; mask < 1 << others.size(); mask++) {
        long sum = 0;
        for (int i = 0; i < others.size(); i++) {
          if ((mask & (1 << i)) != 0) {
            sum += others.get(i);
          }
        }
        every.add(sum);
      }
      SubsetSums sums = new SubsetSums(numbers);
      List<Long> targets = new ArrayList<>(every);
      for (int i = 0; i < 20; i++) {
        targets.add(scale * (2L * random.nextInt(2 * largest + 1) - 2L * largest));
        targets.add(targets.get(random.nextInt(targets.size())) + random.nextInt(3) - 1);
      }
      for (long target : targets) {
        assertEquals(
            every.contains(target) ? SubsetSums.Reach.YES : SubsetSums.Reach.NO,
            sums.contains(target, from, to, extra),
            target + " of " + others);
      }
    }
  }
}
