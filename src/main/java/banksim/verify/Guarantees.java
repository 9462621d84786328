package banksim.verify;

import banksim.input.BankInput;
import banksim.input.InvalidInputException;
import banksim.output.Layout;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code verify --guarantees}: checks an output (and, where given, a bank-sim trace) against the
 * client-centric guarantees a run claims (SPEC section 8), instead of comparing its answers with
 * the sequential model: replicas that catch up in the background legitimately answer otherwise.
 * Every check that can run is reported; those asked for decide the verdict, the others are
 * informative. The output must answer the input's events (in any layout) for anything to be
 * checked.
 */
public final class Guarantees {
  private Guarantees() {}

  /** A client-centric guarantee. */
  public enum Guarantee {
    /** Read-your-writes. */
    RYW,
    /** Monotonic writes. */
    MW,
    /** No withdrawal overdraws: what {@code --propagation strong} promises. */
    STRONG;

    public String optionName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The guarantees {@code --guarantees} names: none, ryw, mw, or both (ryw,mw or mw,ryw).
   *
   * @throws IllegalArgumentException for anything else, saying what is expected
   */
  public static Set<Guarantee> parse(String text) {
    Set<Guarantee> guarantees = EnumSet.noneOf(Guarantee.class);
    if (text.equals("none")) {
      return guarantees;
    }
    for (String name : text.split(",", -1)) {
      Guarantee guarantee =
          switch (name) {
            case "ryw" -> Guarantee.RYW;
            case "mw" -> Guarantee.MW;
            case "strong" -> Guarantee.STRONG;
            default -> null;
          };
      if (guarantee == null || !guarantees.add(guarantee)) {
        throw new IllegalArgumentException(
            "--guarantees: expected none, or ryw, mw and strong joined by commas (ryw,mw), got '"
                + text
                + "'");
      }
    }
    return guarantees;
  }

  /**
   * What was checked and how it went.
   *
   * @param layout the layout the output answers the input in; null where it answers in none
   * @param misaligned where it answers in none: the first record that does not line up
   * @param checks every check that ran, in order
   */
  public record Report(
      Set<Guarantee> asked, Layout layout, String misaligned, List<CheckResult> checks) {
    public Report {
      asked = Set.copyOf(asked);
      checks = List.copyOf(checks);
    }

    public boolean ok() {
      return misaligned == null && violations() == 0;
    }

    /** The violations of the checks that decide. */
    public int violations() {
      return checks.stream()
          .filter(CheckResult::decides)
          .mapToInt(c -> c.violations().size())
          .sum();
    }

    /**
     * One line: "ok: ryw holds: 2 customers, 6 events, event layout", or "violated: ryw at $[4]
     * (...): ...; 2 violations in all", or "differs: the output does not answer ...".
     */
    public String verdict(BankInput input) {
      if (misaligned != null) {
        return "differs: " + misaligned;
      }
      int violations = violations();
      if (violations == 0) {
        return "ok: "
            + (asked.isEmpty()
                ? "no guarantee asked"
                : names(asked) + (asked.size() == 1 ? " holds" : " hold"))
            + ": "
            + input.customers().size()
            + " customers, "
            + input.eventCount()
            + " events, "
            + layout.optionName()
            + " layout";
      }
      CheckResult first =
          checks.stream().filter(c -> c.decides() && !c.ok()).findFirst().orElseThrow();
      return "violated: "
          + first.name()
          + " at "
          + first.violations().get(0).describe()
          + "; "
          + violations
          + (violations == 1 ? " violation" : " violations")
          + " in all";
    }

    /** The verdict, then a line per check, then the notes. */
    public List<String> lines(BankInput input) {
      List<String> lines = new ArrayList<>();
      lines.add(verdict(input));
      checks.forEach(check -> lines.add(check.line()));
      checks.forEach(check -> lines.addAll(check.notes()));
      return lines;
    }

    /** The same as JSON, in verify's --json style. */
    public JsonObject json(BankInput input) {
      JsonObject verdict = new JsonObject();
      verdict.addProperty("ok", ok());
      verdict.addProperty("customers", input.customers().size());
      verdict.addProperty("events", input.eventCount());
      verdict.add("layout", layout == null ? JsonNull.INSTANCE : toJson(layout.optionName()));
      JsonArray guarantees = new JsonArray();
      asked.stream().sorted().forEach(g -> guarantees.add(g.optionName()));
      verdict.add("guarantees", guarantees);
      verdict.addProperty("verdict", verdict(input));
      verdict.addProperty("violations", violations());
      verdict.add("misaligned", misaligned == null ? JsonNull.INSTANCE : toJson(misaligned));
      JsonArray list = new JsonArray();
      for (CheckResult check : checks) {
        JsonObject one = new JsonObject();
        one.addProperty("check", check.name());
        one.addProperty("decides", check.decides());
        one.addProperty("ok", check.ok());
        one.addProperty("checked", check.checked());
        one.addProperty("unit", check.unit());
        one.addProperty("violations", check.violations().size());
        one.addProperty("undecided", check.undecided());
        one.add(
            "violation", check.ok() ? JsonNull.INSTANCE : violationJson(check.violations().get(0)));
        one.addProperty("line", check.line());
        JsonArray notes = new JsonArray();
        check.notes().forEach(notes::add);
        one.add("notes", notes);
        list.add(one);
      }
      verdict.add("checks", list);
      return verdict;
    }
  }

  private static JsonElement toJson(String text) {
    return new JsonPrimitive(text);
  }

  private static JsonObject violationJson(Violation violation) {
    JsonObject json = new JsonObject();
    json.add("path", violation.path() == null ? JsonNull.INSTANCE : toJson(violation.path()));
    json.add(
        "customer",
        violation.customer() == null ? JsonNull.INSTANCE : new JsonPrimitive(violation.customer()));
    json.add(
        "event",
        violation.event() == null ? JsonNull.INSTANCE : new JsonPrimitive(violation.event()));
    json.addProperty("message", violation.describe());
    return json;
  }

  /** "ryw,mw". */
  public static String names(Set<Guarantee> guarantees) {
    return guarantees.stream().sorted().map(Guarantee::optionName).collect(Collectors.joining(","));
  }

  /**
   * Checks the output's records (and the trace, where one is given).
   *
   * @param trace a bank-sim trace of the run, or null
   * @param courseRule whether the course's rule (consecutive queries agree) decides the verdict
   * @throws InvalidInputException where the trace cannot be read (the message names its line)
   */
  public static Report check(
      BankInput input,
      List<JsonElement> records,
      Set<Guarantee> asked,
      Path trace,
      boolean courseRule)
      throws InvalidInputException {
    GuaranteeTrace read = trace == null ? null : GuaranteeTrace.read(trace, input);
    Answers answers;
    try {
      answers = Answers.read(input, records);
    } catch (Answers.MisalignedException e) {
      return new Report(asked, null, e.getMessage(), List.of());
    }
    boolean ryw = asked.contains(Guarantee.RYW);
    List<CheckResult> checks = new ArrayList<>();
    checks.add(ReadYourWrites.check(input, answers).deciding(ryw));
    if (read != null) {
      TraceGuarantees.Paths paths =
          (entry, index) -> answers.byCustomer().get(entry).get(index).path();
      checks.add(TraceGuarantees.readYourWrites(input, read, paths).deciding(ryw));
      checks.add(
          TraceGuarantees.monotonicWrites(input, read, paths)
              .deciding(asked.contains(Guarantee.MW)));
    }
    if (asked.contains(Guarantee.STRONG)) {
      checks.add(NoOverdraw.check(input, answers, true));
    }
    checks.add(CourseRule.check(input, answers, courseRule));
    return new Report(asked, answers.layout(), null, checks);
  }
}
