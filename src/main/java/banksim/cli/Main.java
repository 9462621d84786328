package banksim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/** {@code java -jar bank-sim.jar}: parses the command line and runs the command it names. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Optional<Path> jar = TunedJvm.jarToRelaunch();
    if (jar.isPresent()) {
      try {
        System.exit(TunedJvm.run(jar.get(), args));
      } catch (IOException e) {
        // No second JVM to be had: run here, untuned.
      } catch (InterruptedException e) {
        System.exit(ExitCode.RUNTIME);
      }
    }
    TunedJvm.exitWithParent();
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs one command line; returns the exit code (SPEC section 5) instead of exiting. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    ErrorReport errors = new ErrorReport(err);
    CommandLine commandLine = new CommandLine(new RunCommand(out, err, errors))
        .addSubcommand("gen", new GenCommand(out, errors))
        .addSubcommand("serve", new ServeCommand(errors, err))
        .addSubcommand("branch", new BranchCommand(errors, err))
        .addSubcommand("customers", new CustomersCommand(out, err, errors))
        .addSubcommand("verify", new VerifyCommand(out, errors))
        .addSubcommand("diagram", new DiagramCommand(errors));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setParameterExceptionHandler((e, arguments) -> {
      errors.usage(e.getMessage());
      return ExitCode.USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      errors.internal(e);
      return ExitCode.RUNTIME;
    });
    return commandLine.execute(args);
  }
}
