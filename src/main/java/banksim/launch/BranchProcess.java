package banksim.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one branch process for {@code --processes}: the same code, in a JVM kept
 * small (a branch holds a balance and a few dozen connections), watching its launcher.
 */
public final class BranchProcess {
  /**
   * Small on purpose; each measured to keep a branch JVM's footprint down. In the seed example a
   * branch serves a few dozen calls, too few to repay compiling what they run: C1 waits for 1,000
   * calls instead of 200 (its 22 branch processes: 12.2 s -> 11.0 s of CPU, 3 runs each; measured
   * on that workload only: a branch serving thousands of calls compiles them all the same).
   */
  static final List<String> SMALL_JVM =
      List.of(
          "-Xss256k",
          "-Xms4m",
          "-Xmx64m",
          "-XX:MaxMetaspaceSize=64m",
          "-XX:ReservedCodeCacheSize=24m",
          "-XX:ActiveProcessorCount=1",
          "-XX:-UsePerfData",
          "-XX:Tier3InvocationThreshold=1000",
          "-XX:Tier3MinInvocationThreshold=500",
          "-XX:Tier3CompileThreshold=10000",
          "-XX:Tier3BackEdgeThreshold=120000");

  private BranchProcess() {}

  /**
   * The java command that runs one branch.
   *
   * @param main the class whose main method reads {@code arguments}
   * @param arguments the branch's command line, e.g. {@code branch INPUT --id 3 ...}
   */
  public static List<String> command(Class<?> main, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(TunedJvm.javaExecutable());
    command.addAll(TunedJvm.FLAGS);
    command.addAll(SMALL_JVM);
    command.addAll(TunedJvm.childOptions());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(arguments);
    return command;
  }
}
