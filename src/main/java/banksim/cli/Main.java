package banksim.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import banksim.launch.ExitCode;
import banksim.launch.Failure;
import banksim.launch.LibraryLogs;
import banksim.launch.NettyDefaults;
import banksim.launch.TunedJvm;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code java -jar bank-sim.jar}: parses the command line and runs the command it names. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Optional<Path> jar = TunedJvm.jarToRelaunch();
    if (jar.isPresent()) {
      try {
        int code = TunedJvm.run(jar.get(), Main.class, args);
        if (ExitCode.killedBySignal(code)) {
          System.err.println(
              "bank-sim: error: the JVM that ran the command was killed (signal "
                  + (code - 128)
                  + "); the command did not finish, and an earlier output is untouched");
        }
        System.exit(code);
      } catch (IOException e) {
        // No second JVM to be had: run here, untuned.
      } catch (InterruptedException e) {
        System.exit(ExitCode.RUNTIME);
      }
    }
    TunedJvm.exitWithParent();
    NettyDefaults.apply();
    LibraryLogs.quietUnlessDebug(args);
    System.exit(execute(args, System.out, System.err));
  }

  /** --debug on every command: errors then come with their stack traces. */
  private static void addDebugOption(CommandLine commandLine, ErrorReport errors) {
    commandLine.addMixin("debug", new DebugOption(errors));
    commandLine.getSubcommands().values().forEach(sub -> addDebugOption(sub, errors));
  }

  /** Runs one command line; returns the exit code (SPEC section 5) instead of exiting. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    ErrorReport errors = new ErrorReport(err);
    Map<String, Object> subcommands = new LinkedHashMap<>();
    subcommands.put("gen", new GenCommand(out));
    subcommands.put("serve", new ServeCommand(errors, err));
    subcommands.put("branch", new BranchCommand(errors, err));
    subcommands.put("customers", new CustomersCommand(out, err));
    subcommands.put("certs", new CertsCommand(err));
    subcommands.put("verify", new VerifyCommand(out));
    subcommands.put("diagram", new DiagramCommand());
    subcommands.put("export", new ExportCommand());
    CommandLine commandLine;
    if (args.length > 0 && subcommands.containsKey(args[0])) {
      // Only the command asked for: picocli then reads the annotations of one class, not seven,
      // which every branch process of --processes notices at start-up.
      commandLine = new CommandLine(subcommands.get(args[0])).setCommandName("bank-sim " + args[0]);
      errors.setCommand("bank-sim " + args[0]);
      args = Arrays.copyOfRange(args, 1, args.length);
    } else {
      Optional<RunCommand> plain = PlainRun.parse(args, subcommands.keySet(), out, err);
      if (plain.isPresent()) {
        return call(plain.get(), errors);
      }
      commandLine = new CommandLine(new RunCommand(out, err));
      subcommands.forEach(commandLine::addSubcommand);
    }
    addDebugOption(commandLine, errors);
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, UTF_8), true));
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          errors.usage(e.getMessage());
          return ExitCode.USAGE;
        });
    // Every command fails one way: it throws a Failure, reported here as one line.
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> failed(e, errors));
    return commandLine.execute(args);
  }

  /** Runs a command read without picocli, failing as picocli's execution handler above does. */
  static int call(Callable<Integer> command, ErrorReport errors) {
    try {
      return command.call();
    } catch (Exception e) {
      return failed(e, errors);
    }
  }

  /** A command's failure as one line; returns its exit code. */
  private static int failed(Exception e, ErrorReport errors) {
    if (e instanceof Failure failure) {
      return errors.report(failure);
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      errors.error("interrupted before the command finished", e);
      return ExitCode.RUNTIME;
    }
    errors.internal(e);
    return ExitCode.RUNTIME;
  }
}
