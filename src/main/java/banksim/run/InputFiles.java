package banksim.run;

import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.launch.Failure;
import java.nio.file.Path;

/** Reads INPUT: every command that takes one reports its problems alike. */
public final class InputFiles {
  private InputFiles() {}

  public static BankInput read(Path input, InputParser parser) throws Failure {
    try {
      return parser.parse(input);
    } catch (InvalidInputException e) {
      throw Failure.invalid(input + ": " + e.getMessage(), e);
    }
  }
}
