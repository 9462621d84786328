package banksim.launch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs bank-sim in a second JVM with flags chosen for it, when it was started as a plain {@code
 * java -jar bank-sim.jar ...}: a jar cannot set JVM flags itself. Measured on the 2-core machine:
 * Serial GC holds 100 branches in 190 MB instead of G1's 420 MB, and C1 alone spares the short runs
 * most of their JIT work (the seed example 2.1 s -> 1.8 s), for about 0.1 s to start the second
 * JVM. Any JVM option on the command line, or BANKSIM_RELAUNCH=0, keeps one JVM.
 */
public final class TunedJvm {
  // ExitOnOutOfMemoryError: a JVM out of memory ends with one line instead of living on wedged,
  // its threads dead one by one.
  static final List<String> FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:+IgnoreUnrecognizedVMOptions");

  /**
   * C1 compiles a method after 50 calls instead of 200: a run is short, and its hot paths (a
   * propagation's trip through Netty and gRPC) otherwise stay in the interpreter for most of it.
   * Measured, 8 runs each: the seed example 0.64 s -> 0.55 s in this JVM, 100 x 100 x 10 3.75 s ->
   * 3.25 s. Not for branch processes ({@link BranchProcess}), which serve a few calls each.
   */
  static final List<String> EARLY_JIT =
      List.of(
          "-XX:Tier3InvocationThreshold=50",
          "-XX:Tier3MinInvocationThreshold=25",
          "-XX:Tier3CompileThreshold=500");

  /** Set in the tuned JVM to the launcher's process id. */
  private static final String MARKER = "banksim.launcher";

  private TunedJvm() {}

  /** The jar to run again, if this JVM is a plain, untuned {@code java -jar JAR}. */
  public static Optional<Path> jarToRelaunch() {
    if (System.getProperty(MARKER) != null || "0".equals(System.getenv("BANKSIM_RELAUNCH"))) {
      return Optional.empty();
    }
    // The lifeline's folder and socket take 25-30 ms to set up: on the other core while this
    // thread looks at the command line and the class archive.
    Lifeline.openInBackground();
    boolean plainJar =
        ProcessHandle.current()
            .info()
            .arguments()
            .map(arguments -> arguments.length > 0 && arguments[0].equals("-jar"))
            .orElse(false);
    return plainJar ? runningJar() : Optional.empty();
  }

  /** The jar this code runs from, if it runs from a jar (not from a build's class folders). */
  static Optional<Path> runningJar() {
    try {
      Path jar =
          Path.of(TunedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * JVM options for a process this JVM starts (a branch process): it ends when this JVM does, and
   * maps the class archive where there is one.
   */
  static List<String> childOptions() {
    List<String> options = new ArrayList<>();
    options.add("-D" + MARKER + "=" + ProcessHandle.current().pid());
    Lifeline.parent().ifPresent(lifeline -> options.add(lifeline.childOption()));
    runningJar().ifPresent(jar -> options.addAll(new ClassArchive(jar).existingArchive()));
    return options;
  }

  /**
   * Runs the same command line in a tuned JVM and returns its exit code. Standard input, output and
   * error are the child's; stopping this JVM stops the child, and the child stops itself if this
   * JVM dies (see {@link #exitWithParent()}).
   *
   * @param main the class whose main method runs the command line
   */
  public static int run(Path jar, Class<?> main, String[] args)
      throws IOException, InterruptedException {
    ClassArchive archive = new ClassArchive(jar);
    if (!ClassArchive.runtimeSupportsIt() && Arrays.asList(args).contains("--debug")) {
      System.err.println(
          "bank-sim: debug: no class archive: this Java runtime ("
              + System.getProperty("java.home")
              + ") has no base archive of its own classes (lib/server/classes.jsa); start-up is"
              + " slower");
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(FLAGS);
    command.addAll(EARLY_JIT);
    command.addAll(archive.jvmOptions());
    command.add("-D" + MARKER + "=" + ProcessHandle.current().pid());
    Lifeline.parent().ifPresent(lifeline -> command.add(lifeline.childOption()));
    command.addAll(List.of("-cp", jar.toString(), main.getName()));
    command.addAll(Arrays.asList(args));
    boolean server = args.length > 0 && (args[0].equals("serve") || args[0].equals("branch"));
    return Shutdown.superviseChild(
        new ProcessBuilder(command).inheritIO(), server, archive::childExited);
  }

  /** The java launcher of this JVM. */
  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** When the user launched bank-sim: the launcher's start where this JVM is its tuned child. */
  public static Instant launchedAt() {
    ProcessHandle self = ProcessHandle.current();
    return launcher()
        .orElse(self)
        .info()
        .startInstant()
        .or(() -> self.info().startInstant())
        .orElseGet(Instant::now);
  }

  /**
   * In a relaunched JVM: exits as soon as the launcher is gone, even after a SIGKILL. The launcher
   * is named by its process id: by the time this runs it may already be gone, and this JVM's parent
   * then be some other process.
   */
  public static void exitWithParent() {
    if (System.getProperty(MARKER) != null && !Lifeline.holdIfGiven()) {
      Shutdown.endWith(launcher());
    }
  }

  private static Optional<ProcessHandle> launcher() {
    String pid = System.getProperty(MARKER);
    try {
      return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
