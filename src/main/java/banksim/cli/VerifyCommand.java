package banksim.cli;

import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.verify.Difference;
import banksim.verify.OutputCheck;
import banksim.verify.OutputReader;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bank-sim verify INPUT OUTPUT}: checks any implementation's output, without a cluster. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Checks OUTPUT (from bank-sim or any implementation) against what INPUT must give",
      "under the reference semantics, computed by a sequential model: no servers start.",
      "Compares JSON values, so any formatting passes. Exit 0: the same; 3: it differs",
      "(one line names the first difference); 2: INPUT or OUTPUT unreadable or invalid."
    },
    footerHeading = "%nExample:%n",
    footer = "  java -jar target/bank-sim.jar verify input/seed.json output.json")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "INPUT", description = "the input JSON file")
  private Path input;

  @Parameters(index = "1", paramLabel = "OUTPUT", description = "the output JSON file to check")
  private Path output;

  @Option(names = "--json", description = "print the verdict as JSON")
  private boolean json;

  @Mixin private final DebugOption debug;

  private final PrintStream out;
  private final ErrorReport errors;

  VerifyCommand(PrintStream out, ErrorReport errors) {
    this.out = out;
    this.errors = errors;
    this.debug = new DebugOption(errors);
  }

  @Override
  public Integer call() {
    BankInput bank;
    JsonArray actual;
    try {
      bank = RunCommand.readInput(input, new InputParser(0));
      actual = OutputReader.read(output);
    } catch (CommandFailure failure) {
      return failure.report(errors);
    } catch (InvalidInputException e) {
      errors.error(output + ": " + e.getMessage(), e);
      return ExitCode.USAGE;
    }
    Optional<Difference> difference = OutputCheck.firstDifference(bank, actual);
    if (json) {
      out.println(new GsonBuilder().setPrettyPrinting().create().toJson(verdict(bank, difference)));
    } else if (difference.isEmpty()) {
      out.println("ok: " + bank.customers().size() + " customers, " + bank.eventCount() + " events");
    } else {
      out.println("differs: " + difference.get().describe());
    }
    out.flush();
    return difference.isEmpty() ? ExitCode.OK : ExitCode.DIFFERS;
  }

  private static JsonObject verdict(BankInput bank, Optional<Difference> difference) {
    JsonObject verdict = new JsonObject();
    verdict.addProperty("ok", difference.isEmpty());
    verdict.addProperty("customers", bank.customers().size());
    verdict.addProperty("events", bank.eventCount());
    if (difference.isEmpty()) {
      verdict.add("difference", JsonNull.INSTANCE);
      return verdict;
    }
    Difference d = difference.get();
    JsonObject where = new JsonObject();
    where.addProperty("position", d.position());
    where.add("customer", d.customerId());
    where.addProperty("event", d.event());
    where.add("expected", d.expected() == null ? JsonNull.INSTANCE : d.expected());
    where.add("actual", d.actual() == null ? JsonNull.INSTANCE : d.actual());
    where.addProperty("message", d.describe());
    verdict.add("difference", where);
    return verdict;
  }
}
