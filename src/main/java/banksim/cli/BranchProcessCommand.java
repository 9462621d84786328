package banksim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one branch process for {@code --processes}: the same code, in a JVM kept
 * small (a branch holds a balance and a few dozen connections), watching its launcher.
 */
final class BranchProcessCommand {
  /** Small on purpose; each measured to keep a branch JVM's footprint down. */
  static final List<String> SMALL_JVM = List.of(
      "-Xss256k", "-Xms4m", "-Xmx64m", "-XX:MaxMetaspaceSize=64m",
      "-XX:ReservedCodeCacheSize=24m", "-XX:ActiveProcessorCount=1", "-XX:-UsePerfData");

  private BranchProcessCommand() {}

  static List<String> forBranch(int id, Path input, AddressOptions addresses,
      List<String> traceOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(TunedJvm.FLAGS);
    command.addAll(SMALL_JVM);
    command.addAll(TunedJvm.childOptions());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "branch", input.toAbsolutePath().toString(), "--id", Integer.toString(id)));
    command.addAll(addresses.asArguments());
    command.addAll(traceOptions);
    return command;
  }
}
