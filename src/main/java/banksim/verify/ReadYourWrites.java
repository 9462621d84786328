package banksim.verify;

import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.verify.Answers.Answer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-your-writes from an output alone. A branch's balance is its initial balance plus the writes
 * it applied; under read-your-writes, a query's branch has applied every earlier successful write
 * of the same customer (entry), and any subset of the other customers' successful writes (whether
 * they reached it yet, the output does not say). So a query's balance B at branch b passes when B =
 * initial(b) + the customer's earlier successful writes + the sum of some subset of the others'
 * successful writes. A failed withdrawal is no write. In the balance layout, where a withdrawal's
 * result is not shown, the customer's own earlier withdrawals may or may not count as well. The
 * check does not know whether the customers ran at once, so every other customer's write counts,
 * also a later one's: sound (a violation is real), if weaker than it could be for a sequential run.
 */
final class ReadYourWrites {
  private ReadYourWrites() {}

  static CheckResult check(BankInput input, Answers answers) {
    Map<Integer, Long> initial = new HashMap<>();
    for (BranchSpec branch : input.branches()) {
      initial.put(branch.id(), branch.balance());
    }
    // Every write that may have been applied somewhere, in input order; each customer's a run.
    List<Long> writes = new ArrayList<>();
    int[] firstWrite = new int[answers.byCustomer().size() + 1];
    for (int c = 0; c < answers.byCustomer().size(); c++) {
      firstWrite[c] = writes.size();
      for (Answer answer : answers.byCustomer().get(c)) {
        if (answer.event().operation().isWrite() && !Boolean.FALSE.equals(answer.success())) {
          writes.add(answer.delta());
        }
      }
    }
    firstWrite[answers.byCustomer().size()] = writes.size();
    SubsetSums sums = new SubsetSums(writes);

    int checked = 0;
    int undecided = 0;
    List<Violation> violations = new ArrayList<>();
    for (int c = 0; c < answers.byCustomer().size(); c++) {
      CustomerSpec customer = input.customers().get(c);
      List<Answer> events = answers.byCustomer().get(c);
      long own = 0;
      List<Answer> ownWrites = new ArrayList<>();
      List<Long> maybeOwn = new ArrayList<>();
      for (Answer answer : events) {
        if (answer.event().operation().isWrite()) {
          if (Boolean.TRUE.equals(answer.success())) {
            own += answer.delta();
            ownWrites.add(answer);
          } else if (answer.success() == null) {
            maybeOwn.add(answer.delta());
          }
          continue;
        }
        if (answer.balance() == null) {
          continue;
        }
        checked++;
        long start = initial.get(answer.event().branch());
        long target;
        try {
          target = Math.subtractExact(Math.subtractExact(answer.balance(), start), own);
        } catch (ArithmeticException e) {
          violations.add(violation(customer, answer, start, own, ownWrites, null));
          continue;
        }
        SubsetSums.Reach reach = sums.contains(target, firstWrite[c], firstWrite[c + 1], maybeOwn);
        if (reach == SubsetSums.Reach.UNDECIDED) {
          undecided++;
        } else if (reach == SubsetSums.Reach.NO) {
          String missed = null;
          for (Answer write : ownWrites) {
            if (sums.contains(target + write.delta(), firstWrite[c], firstWrite[c + 1], maybeOwn)
                == SubsetSums.Reach.YES) {
              missed = write(write);
              break;
            }
          }
          violations.add(violation(customer, answer, start, own, ownWrites, missed));
        }
      }
    }
    List<String> notes = new ArrayList<>();
    if (undecided > 0) {
      notes.add(
          "ryw: "
              + undecided
              + " queries could not be decided: the other customers' writes add up in too many"
              + " ways (more than "
              + SubsetSums.MAX_SUMS
              + " distinct sums over more than 2^26 values), or the work all the queries may take"
              + " was spent; counted as not violated");
    }
    return new CheckResult(
        "ryw",
        true,
        checked,
        "queries",
        checked == 0 ? "no balance shown to check" : "all reflect their customer's earlier writes",
        "miss their customer's earlier writes",
        violations,
        undecided,
        notes);
  }

  private static Violation violation(
      CustomerSpec customer,
      Answer query,
      long start,
      long own,
      List<Answer> ownWrites,
      String missed) {
    String problem;
    if (missed != null) {
      problem = "balance " + query.balance() + " misses the customer's " + missed;
    } else {
      problem =
          "balance "
              + query.balance()
              + " is not the branch's initial "
              + start
              + (ownWrites.isEmpty()
                  ? ""
                  : " with the customer's "
                      + ownWrites.size()
                      + " earlier writes ("
                      + (own >= 0 ? "+" : "")
                      + own
                      + ")")
              + " and any choice of the other customers' writes";
    }
    return new Violation(
        query.path(),
        customer.id(),
        query.index(),
        query.path() + " (" + query.describe(customer.id()) + ")",
        problem);
  }

  /** "deposit of 400 at branch 1 (event 0)". */
  static String write(Answer write) {
    return write.event().operation().wireName()
        + " of "
        + write.event().money()
        + " at branch "
        + write.event().branch()
        + " (event "
        + write.index()
        + ")";
  }
}
