package banksim.verify;

import banksim.input.BankInput;
import banksim.verify.GuaranteeTrace.Applied;
import banksim.verify.GuaranteeTrace.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guarantees as a bank-sim trace shows them, exactly. A write is applied at its own branch
 * where that branch receives it from the customer (the receive carries its operation id), and at
 * another branch where that branch receives its propagation with a clock (one without a clock is a
 * duplicate, not applied). Two steps at one branch are ordered by the branch's Lamport clock where
 * both carry one, else by the trace's order (time).
 */
final class TraceGuarantees {
  private TraceGuarantees() {}

  /** Where the output names an event: its path, else "customer entry N". */
  interface Paths {
    String of(int entry, int index);
  }

  /**
   * Read-your-writes: for each query of a customer, every write of that customer whose answer
   * reached it before it sent the query was applied at the query's branch before that branch
   * received the query.
   */
  static CheckResult readYourWrites(BankInput input, GuaranteeTrace trace, Paths paths) {
    int checked = 0;
    List<Violation> violations = new ArrayList<>();
    for (List<Run> entry : trace.runs) {
      for (Run query : entry) {
        if (query.event.operation().isWrite() || query.received == null) {
          continue;
        }
        checked++;
        int branch = query.received.to().id();
        Applied read =
            new Applied(query.received.seq(), query.received.line(), query.received.clock());
        for (Run write : entry.subList(0, query.index)) {
          if (!write.applied() || write.replied < 0 || write.replied > query.sent) {
            continue;
          }
          Applied there = trace.appliedAt(write, branch);
          if (there == null || !there.before(read)) {
            violations.add(
                violation(
                    input,
                    paths,
                    query,
                    "received at branch "
                        + branch
                        + " (trace line "
                        + read.line()
                        + clock(read)
                        + ") before the customer's "
                        + ReadYourWrites.write(answerOf(write))
                        + " was applied there"
                        + (there == null
                            ? " (never, in the trace)"
                            : " (line " + there.line() + clock(there) + ")")));
            break;
          }
        }
      }
    }
    return new CheckResult(
        "ryw (trace)",
        true,
        checked,
        "queries",
        "each received after its customer's earlier writes were applied at its branch",
        "were received before their customer's earlier writes were applied",
        violations,
        0,
        trace.unmatched == 0
            ? List.of()
            : List.of(
                "trace: "
                    + trace.unmatched
                    + " customer requests name no event of the input; ignored"));
  }

  /**
   * Monotonic writes: a customer's successful writes are applied in the customer's order at every
   * branch where two of them were applied.
   */
  static CheckResult monotonicWrites(BankInput input, GuaranteeTrace trace, Paths paths) {
    int pairs = 0;
    List<Violation> violations = new ArrayList<>();
    for (List<Run> entry : trace.runs) {
      // Per branch, the last of the customer's writes applied there, in the customer's order.
      Map<Integer, Run> lastAt = new TreeMap<>();
      for (Run write : entry) {
        if (!write.event.operation().isWrite() || !write.applied()) {
          continue;
        }
        Map<Integer, Applied> at =
            trace.applied.get(new GuaranteeTrace.Write(write.received.to().id(), write.op));
        for (Map.Entry<Integer, Applied> branch : new TreeMap<>(at).entrySet()) {
          Run previous = lastAt.put(branch.getKey(), write);
          if (previous == null) {
            continue;
          }
          pairs++;
          Applied earlier = trace.appliedAt(previous, branch.getKey());
          if (!earlier.before(branch.getValue())) {
            violations.add(
                violation(
                    input,
                    paths,
                    write,
                    "applied at branch "
                        + branch.getKey()
                        + " (trace line "
                        + branch.getValue().line()
                        + clock(branch.getValue())
                        + ") before the customer's earlier "
                        + ReadYourWrites.write(answerOf(previous))
                        + " (line "
                        + earlier.line()
                        + clock(earlier)
                        + ")"));
          }
        }
      }
    }
    return new CheckResult(
        "mw",
        true,
        pairs,
        "pairs of writes",
        "all applied in their customer's order at every branch where both were applied",
        "were applied out of their customer's order",
        violations,
        0,
        List.of());
  }

  private static Violation violation(BankInput input, Paths paths, Run run, String problem) {
    int customer = input.customers().get(run.entry).id();
    String path = paths.of(run.entry, run.index);
    return new Violation(
        path, customer, run.index, path + " (" + answerOf(run).describe(customer) + ")", problem);
  }

  private static Answers.Answer answerOf(Run run) {
    return new Answers.Answer(run.entry, run.index, run.event, null, null, null);
  }

  private static String clock(Applied applied) {
    return applied.clock() == null ? "" : ", clock " + applied.clock();
  }
}
