package banksim.cli;

import banksim.customer.Guarantees;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The main job's usual command lines, read by hand: {@code INPUT} with any of {@code -o FILE},
 * {@code -q}, {@code --stats FILE}, {@code --base-port N} and {@code --processes}, each at most
 * once. picocli's classes are Java 5 class files, which the class archive cannot hold: reading them
 * took about 75 ms of the seed example's 0.8 s. Anything else, help and every mistake included,
 * goes to picocli, so every message and exit code stays picocli's.
 */
final class PlainRun {
  private PlainRun() {}

  /**
   * The command these arguments describe; empty for anything but the usual forms.
   *
   * @param subcommands names picocli would take for a subcommand wherever they stand
   */
  static Optional<RunCommand> parse(
      String[] args, Set<String> subcommands, PrintStream out, PrintStream err) {
    if (picocliIsTuned()) {
      return Optional.empty();
    }
    RunCommand command = withDefaults(out, err);
    Set<String> seen = new HashSet<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String option = arg.equals("--quiet") ? "-q" : arg.equals("--output") ? "-o" : arg;
        if (!arg.startsWith("-")) {
          option = "INPUT";
          plain(arg);
          if (subcommands.contains(arg)) {
            return Optional.empty();
          }
        }
        if (!seen.add(option)) {
          return Optional.empty();
        }
        switch (option) {
          case "INPUT" -> command.input = Path.of(arg);
          case "-q" -> command.outputs.quiet = true;
          case "--processes" -> command.processes = true;
          case "-o" -> command.outputs.output = value(args, ++i, subcommands);
          case "--stats" -> command.outputs.stats = Path.of(value(args, ++i, subcommands));
          case "--base-port" -> {
            String port = value(args, ++i, subcommands);
            if (!port.matches("[0-9]{1,5}")) {
              return Optional.empty();
            }
            command.addresses.basePort = Integer.parseInt(port);
          }
          default -> {
            return Optional.empty();
          }
        }
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
    return command.input == null ? Optional.empty() : Optional.of(command);
  }

  /**
   * An option's value; one that looks like an option or names a subcommand is picocli's to judge
   * (it takes neither as a value).
   */
  private static String value(String[] args, int i, Set<String> subcommands) {
    if (args[i].startsWith("-") || subcommands.contains(args[i])) {
      throw new IllegalArgumentException(args[i]);
    }
    return plain(args[i]);
  }

  /** An argument picocli reads as it stands: not empty, and not an @FILE it would expand. */
  private static String plain(String arg) {
    if (arg.isEmpty() || arg.startsWith("@")) {
      throw new IllegalArgumentException(arg);
    }
    return arg;
  }

  /** picocli reads some system properties (picocli.trimQuotes, ...) that change its parsing. */
  private static boolean picocliIsTuned() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }

  /** The command as picocli leaves it when no option is given (the options' defaultValue). */
  private static RunCommand withDefaults(PrintStream out, PrintStream err) {
    RunCommand command = new RunCommand(out, err);
    command.outputs = new OutputOptions();
    command.outputs.output = "output.json";
    command.runOptions = new RunOptions();
    command.runOptions.guarantees = Guarantees.NONE;
    command.addresses = new AddressOptions();
    command.addresses.basePort = 50_000;
    command.addresses.deadlineMillis = 5_000;
    command.addresses.retries = 3;
    command.tls = new TlsOption();
    return command;
  }
}
