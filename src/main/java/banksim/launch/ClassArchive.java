package banksim.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A class data sharing archive of bank-sim's classes beside the jar, so that a tuned JVM maps them
 * ready-made instead of loading and verifying some 4,000 classes (the seed example: 1.8 s -> 1.2 s,
 * and branch processes share the pages). The first complete run writes it; a newer jar or another
 * JVM gets its own. The JVM checks the archive against the jar and ignores a stale one.
 */
public final class ClassArchive {
  private static final String DUMP_PROPERTY = "banksim.archive.dump";
  // CDS reports every class it cannot archive; none of that is the user's business.
  private static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=error:stderr");

  private final Path jar;
  private final Path archive;
  private Path dump;

  ClassArchive(Path jar) {
    this.jar = jar;
    String jvm =
        Integer.toHexString(
            (System.getProperty("java.home") + System.getProperty("java.vm.version")).hashCode());
    this.archive = jar.resolveSibling(baseName(jar) + "." + jvm + ".jsa");
  }

  /**
   * Whether this Java runtime has the base archive of the JDK's own classes, which an archive of
   * bank-sim's builds on: a runtime made with jlink has none, and a JVM asked to dump or map one
   * there fails to start.
   */
  static boolean runtimeSupportsIt() {
    Path server = Path.of(System.getProperty("java.home"), "lib", "server");
    return Files.isRegularFile(server.resolve("classes.jsa"))
        || Files.isRegularFile(server.resolve("classes_nocoops.jsa"));
  }

  /**
   * Options for the child JVM: use the archive, or write one at exit if there is none yet; none
   * where the runtime cannot have one.
   */
  List<String> jvmOptions() throws IOException {
    if (!runtimeSupportsIt()) {
      return List.of();
    }
    if (Files.isWritable(archive.getParent())) {
      removeAbandonedDumps();
    }
    if (isCurrent()) {
      return concat("-XX:SharedArchiveFile=" + archive);
    }
    if (!Files.isWritable(archive.getParent())) {
      return List.of();
    }
    dump = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
    return concat("-XX:ArchiveClassesAtExit=" + dump, "-D" + DUMP_PROPERTY + "=" + dump);
  }

  /** Options that map the archive if it is there and current; none otherwise. */
  List<String> existingArchive() {
    try {
      return isCurrent() ? concat("-XX:SharedArchiveFile=" + archive) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private boolean isCurrent() throws IOException {
    return runtimeSupportsIt()
        && Files.isRegularFile(archive)
        && !Files.getLastModifiedTime(archive)
            .toInstant()
            .isBefore(Files.getLastModifiedTime(jar).toInstant());
  }

  /** Keeps the archive the child wrote only if it saw a complete run, which loads every class. */
  void childExited(int exitCode) {
    if (dump == null) {
      return;
    }
    Path complete = completeMarker(dump);
    try {
      if (exitCode == 0 && Files.exists(complete) && Files.exists(dump)) {
        Files.move(
            dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // Without an archive the next run is only slower.
    } finally {
      deleteQuietly(dump);
      deleteQuietly(complete);
    }
  }

  /** In the tuned JVM, after a complete run: the archive written at exit is worth keeping. */
  public static void runCompleted() {
    String dump = System.getProperty(DUMP_PROPERTY);
    if (dump != null) {
      try {
        Files.createFile(completeMarker(Path.of(dump)));
      } catch (IOException e) {
        // The archive is then not kept; the next run tries again.
      }
    }
  }

  /**
   * Deletes what launchers that were killed left behind: a dump is named after its launcher's
   * process id, so one whose launcher is gone will never be kept.
   */
  private void removeAbandonedDumps() throws IOException {
    Pattern dumpName =
        Pattern.compile(Pattern.quote(baseName(jar)) + "\\.[0-9a-f]+\\.jsa\\.(\\d+)(\\.complete)?");
    try (Stream<Path> siblings = Files.list(archive.getParent())) {
      for (Path sibling : siblings.toList()) {
        Matcher m = dumpName.matcher(sibling.getFileName().toString());
        if (m.matches()
            && !ProcessHandle.of(Long.parseLong(m.group(1)))
                .map(ProcessHandle::isAlive)
                .orElse(false)) {
          deleteQuietly(sibling);
        }
      }
    }
  }

  private static String baseName(Path jar) {
    return jar.getFileName().toString().replaceFirst("\\.jar$", "");
  }

  private static Path completeMarker(Path dump) {
    return dump.resolveSibling(dump.getFileName() + ".complete");
  }

  private static List<String> concat(String... options) {
    return Stream.concat(QUIET.stream(), Arrays.stream(options)).toList();
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Left for the next run's build folder clean-up.
    }
  }
}
