package banksim.verify;

import banksim.input.BankInput;
import banksim.output.Layout;
import banksim.verify.Answers.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * The course's Project 3 rule: two consecutive queries of one customer (entry) return the same
 * balance when no successful write of that customer lies between them, at whichever branches they
 * ask. It holds for a sequential run that replicates before it answers; with customers at once,
 * another customer's write between the two may legitimately change the second, so the rule is
 * reported and decides the verdict only when asked ({@code --course-p3}). The balance layout shows
 * one query per customer: nothing to compare.
 */
final class CourseRule {
  private CourseRule() {}

  static CheckResult check(BankInput input, Answers answers, boolean decides) {
    int pairs = 0;
    List<Violation> violations = new ArrayList<>();
    for (int c = 0; c < answers.byCustomer().size(); c++) {
      int customerId = input.customers().get(c).id();
      Answer last = null;
      for (Answer answer : answers.byCustomer().get(c)) {
        if (answer.event().operation().isWrite()) {
          if (!Boolean.FALSE.equals(answer.success())) {
            last = null; // a write between two queries may change what they read
          }
          continue;
        }
        if (answer.balance() == null) {
          continue;
        }
        if (last != null) {
          pairs++;
          if (!last.balance().equals(answer.balance())) {
            violations.add(
                new Violation(
                    answer.path(),
                    customerId,
                    answer.index(),
                    answer.path() + " (" + answer.describe(customerId) + ")",
                    "balance "
                        + answer.balance()
                        + ", but the customer's previous query ("
                        + last.path()
                        + ", event "
                        + last.index()
                        + " at branch "
                        + last.event().branch()
                        + ") read "
                        + last.balance()
                        + " and no write of the customer lies between"));
          }
        }
        last = answer;
      }
    }
    return new CheckResult(
        "course rule",
        decides,
        pairs,
        "pairs of consecutive queries",
        answers.layout() == Layout.BALANCE
            ? "none to compare in the balance layout"
            : pairs == 0 ? "none to compare" : "all agree",
        "disagree",
        violations,
        0,
        List.of());
  }
}
