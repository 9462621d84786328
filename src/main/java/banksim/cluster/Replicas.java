package banksim.cluster;

import banksim.input.BankInput;
import banksim.input.BranchSpec;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks that the replicas agree after a run: every write changes every branch by the same amount,
 * so each branch must have moved from its initial balance by the same total.
 */
public final class Replicas {
  private Replicas() {}

  /**
   * Checks that every replica moved by the same amount from its initial balance.
   *
   * @return "final balance B at all N branches", or, where the initial balances differ, "balance
   *     changed by D at all N branches"
   * @throws RunFailedException naming every branch and its balance, where they disagree
   */
  public static String check(BankInput input, Map<Integer, Long> finals) throws RunFailedException {
    Map<Integer, Long> changes =
        input.branches().stream()
            .collect(
                Collectors.toMap(
                    BranchSpec::id, branch -> finals.get(branch.id()) - branch.balance()));
    int n = input.branches().size();
    if (changes.values().stream().distinct().count() > 1) {
      String each =
          input.branches().stream()
              .map(
                  b ->
                      "branch " + b.id() + " " + finals.get(b.id()) + " (from " + b.balance() + ")")
              .limit(20)
              .collect(Collectors.joining(", "));
      throw new RunFailedException(
          "replicas disagree after the run: " + each + (n > 20 ? " and " + (n - 20) + " more" : ""),
          null);
    }
    if (finals.values().stream().distinct().count() == 1) {
      return "final balance " + finals.values().iterator().next() + " at all " + n + " branches";
    }
    return "balance changed by "
        + changes.values().iterator().next()
        + " at all "
        + n
        + " branches (their initial balances differ)";
  }
}
