package banksim.cli;

import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.launch.ExitCode;
import banksim.launch.Failure;
import banksim.output.OutputFile;
import banksim.run.InputFiles;
import banksim.run.Outputs;
import banksim.verify.Difference;
import banksim.verify.Finding;
import banksim.verify.Grade;
import banksim.verify.Grader;
import banksim.verify.GradescopeResults;
import banksim.verify.Guarantees;
import banksim.verify.LogCheck;
import banksim.verify.LogReader;
import banksim.verify.OutputReader;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bank-sim verify INPUT OUTPUT}: grades any implementation's output, without a cluster. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Grades an output of any implementation against the reference model.",
    description = {
      "Grades OUTPUT (from bank-sim or any implementation) against what INPUT must give",
      "under the reference semantics, computed by a sequential model: no servers start.",
      "Reads a JSON array or JSON Lines, in the customer, event or balance layout; compares",
      "values (410.0 is 410), so formatting, key order and extra keys do not matter.",
      "Exit 0: all correct; 3: it differs (one line names the first difference);",
      "2: INPUT or OUTPUT unreadable.",
      "With --guarantees, the answers are not compared with the model: OUTPUT (and a",
      "trace, with --trace) is checked against read-your-writes and monotonic writes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar target/bank-sim.jar verify input/seed.json output.json",
      "  java -jar target/bank-sim.jar verify --score --gradescope results.json in.json out.json",
      "  java -jar target/bank-sim.jar verify --guarantees ryw,mw --trace run.jsonl in.json out.json"
    })
final class VerifyCommand implements Callable<Integer> {
  /** How many differences --score and --json list. */
  private static final int SHOWN_DIFFERENCES = 10;

  @Parameters(index = "0", paramLabel = "INPUT", description = "the input JSON file")
  private Path input;

  @Parameters(
      index = "1",
      paramLabel = "OUTPUT",
      description =
          "the output to grade, or a Project 2 log: the all-events list, or customer_events.json")
  private Path output;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "LOG2",
      description = "with customer_events.json: branch_events.json")
  private Path secondLog;

  @Option(
      names = "--score",
      description = "also print 'score: C/T events correct' and the first differences")
  private boolean score;

  @Option(
      names = "--gradescope",
      paramLabel = "FILE",
      description =
          "write the grade as Gradescope's results.json: the score and one test per"
              + " record; written also when OUTPUT is unreadable (score 0, saying why); - for"
              + " standard output")
  private String gradescope;

  @Option(names = "--json", description = "print the verdict as JSON")
  private boolean json;

  @Option(
      names = "--guarantees",
      paramLabel = "G",
      description =
          "check the guarantees G claims (none, or ryw, mw and strong joined by commas: strong"
              + " means no withdrawal overdrew) instead of comparing the answers with the"
              + " sequential model; checks not asked for are reported and decide nothing")
  private String guarantees;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "with --guarantees: bank-sim's trace of the run (--trace of run), which shows where"
              + " and when every write was applied: read-your-writes exactly, and monotonic"
              + " writes (which needs it)")
  private Path trace;

  @Option(
      names = "--course-p3",
      description =
          "with --guarantees: the course's Project 3 rule (a customer's consecutive queries"
              + " agree when none of its writes lies between) decides the verdict too")
  private boolean courseRule;

  private final PrintStream out;

  VerifyCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Failure {
    if (guarantees != null) {
      return checkGuarantees();
    }
    if (trace != null || courseRule) {
      throw Failure.usage(
          (trace != null ? "--trace" : "--course-p3") + " goes with --guarantees G");
    }
    BankInput bank = InputFiles.read(input, new InputParser(0));
    boolean resultsToStdout = "-".equals(gradescope);
    OutputFile results =
        gradescope == null || resultsToStdout ? null : Outputs.writable(Path.of(gradescope));
    List<JsonElement> records;
    Failure unreadable = null;
    try {
      records = OutputReader.read(output, maxOutputBytes(bank));
    } catch (InvalidInputException e) {
      // Graded as if empty, so that a Gradescope file still tells the student why.
      records = List.of();
      unreadable = Failure.invalid(output + ": " + e.getMessage(), e);
    }
    // A Project 2 input's output is a log, however broken.
    boolean log = bank.projectTwo() || LogReader.isLog(records);
    if (secondLog != null && !log) {
      throw Failure.usage(
          "a second file is for Project 2 logs (customer_events.json branch_events.json); "
              + output
              + " is not one");
    }
    Grade grade;
    try {
      grade = log ? gradeLog(bank, records) : Grader.grade(bank, records);
    } catch (InvalidInputException e) {
      throw Failure.invalid(input + ": " + e.getMessage(), e);
    }
    String verdict =
        unreadable != null
            ? "cannot read the output: " + unreadable.getMessage()
            : verdict(bank, grade);
    if (gradescope != null) {
      String resultsJson = GradescopeResults.write(grade, verdict);
      if (resultsToStdout) {
        out.print(resultsJson);
        out.flush();
      } else {
        Outputs.write(results, resultsJson);
      }
    }
    if (unreadable != null) {
      throw unreadable;
    }
    if (!resultsToStdout) {
      print(bank, grade, verdict);
    }
    return grade.ok() ? ExitCode.OK : ExitCode.DIFFERS;
  }

  /** {@code --guarantees}: the guarantee checks alone decide; the answers are not graded. */
  private int checkGuarantees() throws Failure {
    Set<Guarantees.Guarantee> asked;
    try {
      asked = Guarantees.parse(guarantees);
    } catch (IllegalArgumentException e) {
      throw Failure.usage(e.getMessage());
    }
    if (asked.contains(Guarantees.Guarantee.MW) && trace == null) {
      throw Failure.usage(
          "mw needs --trace FILE: the output alone does not show where writes were applied");
    }
    if (score || gradescope != null || secondLog != null) {
      throw Failure.usage(
          (secondLog != null ? "a second file" : score ? "--score" : "--gradescope")
              + " grades against the model, which --guarantees does not");
    }
    BankInput bank = InputFiles.read(input, new InputParser(0));
    List<JsonElement> records;
    try {
      records = OutputReader.read(output, maxOutputBytes(bank));
    } catch (InvalidInputException e) {
      throw Failure.invalid(output + ": " + e.getMessage(), e);
    }
    if (bank.projectTwo() || LogReader.isLog(records)) {
      throw Failure.usage(
          output + " is a Project 2 log; --guarantees checks the answers of Project 1 and 3");
    }
    Guarantees.Report report;
    try {
      report = Guarantees.check(bank, records, asked, trace, courseRule);
    } catch (InvalidInputException e) {
      throw Failure.invalid(trace + ": " + e.getMessage(), e);
    }
    if (json) {
      printJson(report.json(bank));
    } else {
      report.lines(bank).forEach(out::println);
    }
    out.flush();
    return report.ok() ? ExitCode.OK : ExitCode.DIFFERS;
  }

  /**
   * The largest output worth reading: any layout of any run of the input, written with generous
   * indentation, is far smaller; a larger file is the wrong one, and must not fill the memory.
   */
  private static long maxOutputBytes(BankInput bank) {
    long answers = 2048L * bank.eventCount();
    // A log: at most a send and a receive per branch for every event, a few hundred bytes each.
    long log = 512L * bank.eventCount() * (2L * bank.branches().size() + 1);
    return (1L << 20) + Math.max(answers, log);
  }

  /** A JSON report on standard output, indented, as --json prints every one. */
  private void printJson(Object json) {
    out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json));
  }

  private void print(BankInput bank, Grade grade, String verdict) {
    if (json) {
      printJson(verdictJson(bank, grade));
    } else {
      out.println(verdict);
      if (score) {
        out.println(grade.scoreLine());
        List<Finding> differences = grade.differences();
        differences.stream()
            .limit(SHOWN_DIFFERENCES)
            .forEach(d -> out.println("  " + d.describe()));
        if (differences.size() > SHOWN_DIFFERENCES) {
          out.println("  ... and " + (differences.size() - SHOWN_DIFFERENCES) + " more");
        }
      }
    }
    out.flush();
  }

  /** "ok: 3 customers, 5 events, customer layout" or "differs: $[1].recv[1] ...". */
  /** A Project 2 log (one file, or the customer and branch files) against SPEC section 7. */
  private Grade gradeLog(BankInput bank, List<JsonElement> records) throws Failure {
    List<List<JsonElement>> files = new ArrayList<>(List.of(records));
    if (secondLog != null) {
      try {
        files.add(OutputReader.read(secondLog, maxOutputBytes(bank)));
      } catch (InvalidInputException e) {
        throw Failure.invalid(secondLog + ": " + e.getMessage(), e);
      }
    }
    LogReader.Read read = LogReader.read(bank, files);
    Grade checked = LogCheck.check(bank, read).grade();
    List<Finding> unreadable = new ArrayList<>();
    read.unreadable().forEach(line -> unreadable.add(() -> line));
    return new Grade(null, "events", checked.records(), unreadable);
  }

  private static String verdict(BankInput bank, Grade grade) {
    if (grade.layout() == null) {
      return grade.ok()
          ? "ok: " + grade.total() + " events; every rule of Project 2's clocks holds"
          : "differs: " + grade.differences().get(0).describe();
    }
    return grade.ok()
        ? "ok: "
            + bank.customers().size()
            + " customers, "
            + bank.eventCount()
            + " events, "
            + grade.layout().optionName()
            + " layout"
        : "differs: " + grade.differences().get(0).describe();
  }

  private static JsonObject verdictJson(BankInput bank, Grade grade) {
    JsonObject verdict = new JsonObject();
    verdict.addProperty("ok", grade.ok());
    verdict.addProperty("customers", bank.customers().size());
    verdict.addProperty("events", bank.eventCount());
    verdict.addProperty("layout", grade.layout() == null ? "log" : grade.layout().optionName());
    JsonObject score = new JsonObject();
    score.addProperty("correct", grade.correct());
    score.addProperty("total", grade.total());
    score.addProperty("unit", grade.unit());
    verdict.add("score", score);
    List<Finding> differences = grade.differences();
    verdict.add("difference", differences.isEmpty() ? JsonNull.INSTANCE : json(differences.get(0)));
    JsonArray first = new JsonArray();
    differences.stream().limit(SHOWN_DIFFERENCES).forEach(d -> first.add(json(d)));
    verdict.add("differences", first);
    verdict.addProperty("more_differences", Math.max(0, differences.size() - SHOWN_DIFFERENCES));
    return verdict;
  }

  private static JsonObject json(Finding finding) {
    JsonObject where = new JsonObject();
    if (!(finding instanceof Difference d)) {
      where.addProperty("message", finding.describe());
      return where;
    }
    where.addProperty("path", d.path());
    where.add("customer", d.customerId() == null ? JsonNull.INSTANCE : d.customerId());
    where.add("expected", d.expected() == null ? JsonNull.INSTANCE : d.expected());
    where.add("actual", d.actual() == null ? JsonNull.INSTANCE : d.actual());
    where.addProperty("message", d.describe());
    return where;
  }
}
