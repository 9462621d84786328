package banksim.run;

import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.launch.Failure;
import banksim.trace.TraceEvent;
import banksim.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;

/** Reads INPUT, or a TRACE: every command that takes one reports its problems alike. */
public final class InputFiles {
  private InputFiles() {}

  public static BankInput read(Path input, InputParser parser) throws Failure {
    try {
      return parser.parse(input);
    } catch (InvalidInputException e) {
      throw Failure.invalid(input + ": " + e.getMessage(), e);
    }
  }

  /** The events of a trace file written by --trace. */
  public static List<TraceEvent> trace(Path trace) throws Failure {
    try {
      return TraceReader.read(trace);
    } catch (InvalidInputException e) {
      throw Failure.invalid(trace + ": " + e.getMessage(), e);
    }
  }
}
