package banksim.verify;

import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.verify.Answers.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --propagation strong}'s promise, from an output alone: no withdrawal overdraws. Every
 * successful write reaches every branch, so a branch ends at its initial balance plus the
 * successful deposits minus the successful withdrawals; below zero, some withdrawal passed that its
 * balance did not cover, whatever order they came in. (Where writes failed, a withdrawal's result
 * unknown in the balance layout counts as passed: the check stays sound, if weaker.)
 */
final class NoOverdraw {
  private NoOverdraw() {}

  static CheckResult check(BankInput input, Answers answers, boolean decides) {
    // Checked only when asked (--guarantees strong): the seed's design makes no such promise.
    long deposits = 0;
    long withdrawals = 0;
    Answer lastWithdrawal = null;
    int lastWithdrawalCustomer = 0;
    for (int c = 0; c < answers.byCustomer().size(); c++) {
      for (Answer answer : answers.byCustomer().get(c)) {
        if (!answer.event().operation().isWrite() || Boolean.FALSE.equals(answer.success())) {
          continue;
        }
        if (answer.delta() >= 0) {
          deposits += answer.delta();
        } else {
          withdrawals -= answer.delta();
          lastWithdrawal = answer;
          lastWithdrawalCustomer = input.customers().get(c).id();
        }
      }
    }
    List<Violation> violations = new ArrayList<>();
    for (BranchSpec branch : input.branches()) {
      long end = branch.balance() + deposits - withdrawals;
      if (end < 0 && lastWithdrawal != null) {
        violations.add(
            new Violation(
                lastWithdrawal.path(),
                lastWithdrawalCustomer,
                lastWithdrawal.index(),
                "branch " + branch.id(),
                "its balance of "
                    + branch.balance()
                    + " plus every successful deposit ("
                    + deposits
                    + ") minus every successful withdrawal ("
                    + withdrawals
                    + ") ends at "
                    + end
                    + ": some withdrawal passed that the balance did not cover"));
      }
    }
    return new CheckResult(
        "no overdraw",
        decides,
        input.branches().size(),
        "branches",
        "each covers every successful withdrawal",
        "end below zero",
        violations,
        0,
        List.of());
  }
}
