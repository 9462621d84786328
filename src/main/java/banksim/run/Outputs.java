package banksim.run;

import banksim.eventlog.EventLogJson;
import banksim.eventlog.EventLogs;
import banksim.input.BankInput;
import banksim.launch.Failure;
import banksim.output.CustomerRecv;
import banksim.output.Layout;
import banksim.output.OutputFile;
import banksim.output.OutputJson;
import banksim.output.ReportJson;
import banksim.output.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a run's output and statistics go, and what the output is: the customers' answers in a
 * layout, or the Project 2 event logs (SPEC section 7): all events in the output file, {@code
 * customer_events.json} and {@code branch_events.json} beside it.
 */
public final class Outputs {
  private final OutputFile output; // null: standard output
  private final Layout layout; // null: the input's default
  private final boolean quiet;
  private final OutputFile stats; // null: none
  private final OutputFile customerEvents; // null: no event logs, or to standard output
  private final OutputFile branchEvents;
  private final boolean eventLogs;

  /**
   * Checks, before anything starts, that every file can be written.
   *
   * @param output the output file, or "-" (or a name of it, /dev/stdout) for standard output
   * @param layout the layout asked for, or null for the input's default
   * @param quiet no compact lines on standard output
   * @param stats where the statistics go, or null
   * @param eventLogs the Project 2 logs instead of the answers
   * @param remote the branches run elsewhere: the answers (in any layout) and the customers' log
   */
  public Outputs(
      String output, Layout layout, boolean quiet, Path stats, boolean eventLogs, boolean remote)
      throws Failure {
    if (eventLogs && layout != null && !remote) {
      throw Failure.usage(
          "--layout does not apply to Project 2 event logs (a \"customer-requests\" input or"
              + " --clocks)");
    }
    this.output = output.equals("-") ? null : fileOrStandardOutput(Path.of(output));
    this.layout = layout;
    this.quiet = quiet;
    this.stats = stats == null ? null : writable(stats);
    this.eventLogs = eventLogs;
    Path beside = Path.of(output).toAbsolutePath().getParent();
    String name = Path.of(output).getFileName().toString();
    if (eventLogs
        && (name.equals(EventLogJson.CUSTOMER_EVENTS) || name.equals(EventLogJson.BRANCH_EVENTS))) {
      throw Failure.usage(
          "-o "
              + output
              + ": the event logs write "
              + EventLogJson.CUSTOMER_EVENTS
              + " and "
              + EventLogJson.BRANCH_EVENTS
              + " beside the output; name the output otherwise (say, output.json)");
    }
    boolean files = eventLogs && this.output != null;
    this.customerEvents = files ? writable(beside.resolve(EventLogJson.CUSTOMER_EVENTS)) : null;
    this.branchEvents = files ? writable(beside.resolve(EventLogJson.BRANCH_EVENTS)) : null;
  }

  boolean wantsStats() {
    return stats != null;
  }

  boolean wantsEventLogs() {
    return eventLogs;
  }

  /** Whether customer_events.json is written (not with -o -). */
  boolean writesLogFiles() {
    return customerEvents != null;
  }

  /**
   * Where the branches run elsewhere (customers), only the customers' side of the logs is known:
   * the answers are written as usual, and customer_events.json beside them.
   */
  void writeAnswersAndCustomerLog(
      BankInput input,
      List<CustomerRecv> received,
      EventLogs logs,
      RunReport report,
      PrintStream out)
      throws Failure {
    if (customerEvents != null) {
      write(customerEvents, EventLogJson.customerEvents(logs));
    }
    write(input, received, report, out);
  }

  /** Writes the stats file (if asked) and the three logs (only all events with -o -). */
  void writeLogs(EventLogs logs, RunReport report, PrintStream out) throws Failure {
    if (stats != null) {
      write(stats, ReportJson.write(report));
    }
    String all = EventLogJson.allEvents(logs);
    if (output == null) {
      out.print(all);
      out.flush();
      return;
    }
    write(customerEvents, EventLogJson.customerEvents(logs));
    write(branchEvents, EventLogJson.branchEvents(logs));
    write(output, all);
  }

  /**
   * Writes the stats file (if asked), the output file (or standard output with -o -) and the
   * records' compact lines on standard output (unless quiet, or the output went there).
   */
  void write(BankInput input, List<CustomerRecv> received, RunReport report, PrintStream out)
      throws Failure {
    if (stats != null) {
      write(stats, ReportJson.write(report));
    }
    Layout chosen = layout != null ? layout : Layout.defaultFor(input);
    String json = OutputJson.pretty(received, chosen);
    if (output == null) {
      out.print(json);
      out.flush();
      return;
    }
    write(output, json);
    if (!quiet) {
      out.print(OutputJson.compactLines(received, chosen));
      out.flush();
    }
  }

  /** The output file; null where it names standard output (/dev/stdout), which is as "-". */
  private static OutputFile fileOrStandardOutput(Path path) throws Failure {
    OutputFile file = writable(path);
    return file.isStandardOutput() ? null : file;
  }

  /** The file, once checked to be writable; else an invalid-output failure (exit 2). */
  public static OutputFile writable(Path path) throws Failure {
    OutputFile file = new OutputFile(path);
    try {
      file.checkWritable();
    } catch (IOException e) {
      throw Failure.invalid(e.getMessage(), e);
    }
    return file;
  }

  /** Writes a checked file; a failure now is a runtime failure (exit 1). */
  public static void write(OutputFile file, String content) throws Failure {
    try {
      file.write(content);
    } catch (IOException e) {
      throw Failure.runtime("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
