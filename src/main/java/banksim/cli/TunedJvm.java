package banksim.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import sun.misc.Signal;

/**
 * Runs bank-sim in a second JVM with flags chosen for it, when it was started as a plain
 * {@code java -jar bank-sim.jar ...}: a jar cannot set JVM flags itself. Measured on the 2-core
 * machine: Serial GC holds 100 branches in 190 MB instead of G1's 420 MB, and C1 alone spares the
 * short runs most of their JIT work (the seed example 2.1 s -> 1.8 s), for about 0.1 s to start
 * the second JVM. Any JVM option on the command line, or BANKSIM_RELAUNCH=0, keeps one JVM.
 */
final class TunedJvm {
  static final List<String> FLAGS = List.of(
      "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+IgnoreUnrecognizedVMOptions");
  /** Set in the tuned JVM to the launcher's process id. */
  private static final String MARKER = "banksim.launcher";

  private TunedJvm() {}

  /** The jar to run again, if this JVM is a plain, untuned {@code java -jar JAR}. */
  static Optional<Path> jarToRelaunch() {
    if (System.getProperty(MARKER) != null || "0".equals(System.getenv("BANKSIM_RELAUNCH"))) {
      return Optional.empty();
    }
    boolean plainJar = ProcessHandle.current().info().arguments()
        .map(arguments -> arguments.length > 0 && arguments[0].equals("-jar"))
        .orElse(false);
    return plainJar ? runningJar() : Optional.empty();
  }

  /** The jar this code runs from, if it runs from a jar (not from a build's class folders). */
  static Optional<Path> runningJar() {
    try {
      Path jar = Path.of(TunedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * JVM options for a process this JVM starts (a branch process): it ends when this JVM does,
   * and maps the class archive where there is one.
   */
  static List<String> childOptions() {
    List<String> options = new ArrayList<>();
    options.add("-D" + MARKER + "=" + ProcessHandle.current().pid());
    runningJar().ifPresent(jar -> options.addAll(new ClassArchive(jar).existingArchive()));
    return options;
  }

  /**
   * Runs the same command line in a tuned JVM and returns its exit code. Standard input, output
   * and error are the child's; stopping this JVM stops the child, and the child stops itself if
   * this JVM dies (see {@link #exitWithParent()}).
   */
  static int run(Path jar, String[] args) throws IOException, InterruptedException {
    ClassArchive archive = new ClassArchive(jar);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(FLAGS);
    command.addAll(archive.jvmOptions());
    command.add("-D" + MARKER + "=" + ProcessHandle.current().pid());
    command.addAll(List.of("-cp", jar.toString(), Main.class.getName()));
    command.addAll(Arrays.asList(args));
    Process child = new ProcessBuilder(command).inheritIO().start();
    // On SIGINT or SIGTERM: the child gets SIGTERM (Java can send no other), and this JVM ends
    // with 0 where the child stopped cleanly ("serve", "branch"), else as the signal says.
    int[] received = new int[1];
    for (String name : List.of("INT", "TERM")) {
      Signal.handle(new Signal(name), signal -> {
        received[0] = signal.getNumber();
        System.exit(128 + signal.getNumber());
      });
    }
    Thread stopChild = new Thread(() -> {
      child.destroy();
      try {
        int code = child.waitFor();
        archive.childExited(code);
        Runtime.getRuntime().halt(code == 0 || received[0] == 0 ? code : 128 + received[0]);
      } catch (InterruptedException e) {
        child.destroyForcibly();
      }
    }, "bank-sim-stop-child");
    Runtime.getRuntime().addShutdownHook(stopChild);
    int code = child.waitFor();
    Runtime.getRuntime().removeShutdownHook(stopChild);
    archive.childExited(code);
    return code;
  }

  /** When the user launched bank-sim: the launcher's start where this JVM is its tuned child. */
  static Instant launchedAt() {
    ProcessHandle self = ProcessHandle.current();
    return launcher().orElse(self).info().startInstant()
        .or(() -> self.info().startInstant())
        .orElseGet(Instant::now);
  }

  /**
   * In a relaunched JVM: exits as soon as the launcher is gone, even after a SIGKILL. The
   * launcher is named by its process id: by the time this runs it may already be gone, and this
   * JVM's parent then be some other process.
   */
  static void exitWithParent() {
    if (System.getProperty(MARKER) == null) {
      return;
    }
    Optional<ProcessHandle> launcher = launcher();
    if (launcher.isEmpty() || !launcher.get().isAlive()) {
      Runtime.getRuntime().halt(ExitCode.RUNTIME);
    }
    // halt: no output, no class archive, nothing left to do for a launcher that is gone.
    launcher.get().onExit().thenRun(() -> Runtime.getRuntime().halt(ExitCode.RUNTIME));
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
