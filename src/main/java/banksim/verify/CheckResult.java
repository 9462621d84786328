package banksim.verify;

import java.util.List;

/**
 * How one check of {@code verify --guarantees} went.
 *
 * @param name the check's name on its line: "ryw", "ryw (trace)", "mw", "course rule"
 * @param decides whether it decides the verdict (asked for), or is only reported
 * @param checked how many things were checked ("12 queries")
 * @param unit what was checked, plural: "queries", "pairs of writes"
 * @param held what the line says when nothing is violated, after the count
 * @param violated what a violation is, after "N of M": "queries miss their customer's earlier
 *     writes"
 * @param violations every violation, first first
 * @param undecided how many could not be decided (and count as not violated)
 * @param notes further lines worth saying (what could not be decided, what was ignored)
 */
public record CheckResult(
    String name,
    boolean decides,
    int checked,
    String unit,
    String held,
    String violated,
    List<Violation> violations,
    int undecided,
    List<String> notes) {
  public CheckResult {
    violations = List.copyOf(violations);
    notes = List.copyOf(notes);
  }

  public boolean ok() {
    return violations.isEmpty();
  }

  /** The same result, deciding the verdict or not. */
  public CheckResult deciding(boolean decide) {
    return new CheckResult(
        name, decide, checked, unit, held, violated, violations, undecided, notes);
  }

  /**
   * "ryw: 12 queries, all reflect their customer's earlier writes", or "ryw: 1 of 12 queries miss
   * ...; first: $[4] (...): ..."; "(informative)" where it does not decide.
   */
  public String line() {
    StringBuilder line = new StringBuilder(name).append(": ");
    if (ok()) {
      line.append(checked).append(' ').append(unit).append(", ").append(held);
    } else {
      line.append(violations.size())
          .append(" of ")
          .append(checked)
          .append(' ')
          .append(unit)
          .append(' ')
          .append(violated)
          .append("; first: ")
          .append(violations.get(0).describe());
    }
    if (undecided > 0) {
      line.append("; ").append(undecided).append(" could not be decided");
    }
    if (!decides) {
      line.append(" (informative)");
    }
    return line.toString();
  }
}
