package banksim.cli;

import banksim.branch.PropagationPolicy;
import banksim.launch.LibraryLogs;
import banksim.launch.NettyDefaults;
import banksim.launch.TunedJvm;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The main class of a branch process of {@code --processes}. Its arguments are the ones the
 * launcher wrote, {@code branch INPUT --id N} and the options of {@link
 * AddressOptions#asArguments()}, {@link TlsOption#asArguments()} and the trace part, and are read
 * here by hand: picocli's classes are Java 5 class files, which the class archive cannot hold, and
 * reading them took each branch process about 80 ms of its start (1.8 s of CPU for the seed
 * example's 22). Anything else goes to {@link Main}, as from a user.
 */
public final class BranchProcessMain {
  private BranchProcessMain() {}

  public static void main(String[] args) {
    TunedJvm.exitWithParent();
    NettyDefaults.apply();
    LibraryLogs.quietUnlessDebug(args);
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    ErrorReport errors = new ErrorReport(err);
    errors.setCommand("bank-sim branch");
    Optional<BranchCommand> command = parse(args, errors, err);
    if (command.isEmpty()) {
      return Main.execute(args, out, err);
    }
    return Main.call(command.get(), errors);
  }

  /** The command the launcher's arguments describe; empty for anything it does not write. */
  static Optional<BranchCommand> parse(String[] args, ErrorReport errors, PrintStream err) {
    if (args.length < 2 || !args[0].equals("branch") || args[1].startsWith("-")) {
      return Optional.empty();
    }
    BranchCommand command = new BranchCommand(errors, err);
    command.input = Path.of(args[1]);
    command.addresses = new AddressOptions();
    command.tls = new TlsOption();
    boolean id = false;
    boolean basePort = false;
    boolean deadline = false;
    boolean retries = false;
    try {
      for (int i = 2; i < args.length; i++) {
        switch (args[i]) {
          case "--fresh" -> command.fresh = true;
          case "--id" -> {
            command.setId(Integer.parseInt(args[++i]));
            id = true;
          }
          case "--bind" -> command.addresses.bind = args[++i];
          case "--cluster" -> command.addresses.cluster = Path.of(args[++i]);
          case "--base-port" -> {
            command.addresses.basePort = Integer.parseInt(args[++i]);
            basePort = true;
          }
          case "--deadline-ms" -> {
            command.addresses.deadlineMillis = Long.parseLong(args[++i]);
            deadline = true;
          }
          case "--retries" -> {
            command.addresses.retries = Integer.parseInt(args[++i]);
            retries = true;
          }
          case "--propagation" -> {
            command.addresses.propagation =
                PropagationPolicy.Mode.ofLabel(args[++i])
                    .orElseThrow(IllegalArgumentException::new);
          }
          case "--delay-ms" -> command.addresses.delayMillis = Long.parseLong(args[++i]);
          case "--tls" -> command.tls.dir = Path.of(args[++i]);
          case "--trace" -> command.trace = Path.of(args[++i]);
          case "--trace-origin-us" -> command.traceOriginUs = Long.parseLong(args[++i]);
          default -> {
            return Optional.empty();
          }
        }
      }
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return id && basePort && deadline && retries ? Optional.of(command) : Optional.empty();
  }
}
