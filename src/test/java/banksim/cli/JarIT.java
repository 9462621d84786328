package banksim.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.Dirs;
import banksim.testing.FreePorts;
import banksim.testing.JarProcess;
import banksim.testing.Vectors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built jar, run as a user runs it: {@code java -jar target/bank-sim.jar ...}. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JarIT {
  private static final String STANDARD_OUTPUT_READ_ONLY =
      "bank-sim: error: cannot write the output: /dev/stdout: standard output is closed or open"
          + " only for reading; name a file\n";

  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  private Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  private Result run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = JarProcess.command(args);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bank-sim did not exit within 60 s: " + command);
    }
    Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  /** A workload made by gen in this test's folder: long enough to be stopped mid-run. */
  private Path generated(String name, int branches, int customers, int events) throws Exception {
    Path input = dir.resolve(name);
    Result gen =
        run(
            "gen",
            "--branches",
            Integer.toString(branches),
            "--customers",
            Integer.toString(customers),
            "--events",
            Integer.toString(events),
            "-o",
            input.toString());
    assertEquals(0, gen.exitCode(), gen.err());
    return input;
  }

  /**
   * {@code -o /dev/stdout} into a pipe, as {@code ... | jq} does: the output, written through, and
   * nothing else (as with {@code -o -}, no customer lines after it).
   */
  @Test
  void writesTheOutputIntoAPipeThroughDevStdout() throws Exception {
    Path input = Vectors.input("seed-22");
    List<String> command =
        JarProcess.command(
            input.toString(), "-o", "/dev/stdout", "--base-port", FreePorts.base(input));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bank-sim did not exit within 60 s");

    assertEquals("", new String(process.getErrorStream().readAllBytes(), UTF_8));
    assertEquals(0, process.exitValue());
    assertArrayEquals(Files.readAllBytes(Vectors.expected("seed-22")), out);
  }

  /**
   * {@code -o /dev/stdout} where a shell appends standard output to a file ({@code >>}): written
   * after what the file held, not over it.
   */
  @Test
  void devStdoutAppendedToAFileKeepsWhatTheFileHeld() throws Exception {
    Path log = Files.writeString(dir.resolve("log.txt"), "an earlier line\n");

    Process process = seedToDevStdoutWithStandardOutput(">>", log);

    assertEquals("", new String(process.getErrorStream().readAllBytes(), UTF_8));
    assertEquals(0, process.exitValue());
    assertEquals(
        "an earlier line\n" + Files.readString(Vectors.expected("seed-22")), Files.readString(log));
  }

  /** The same for a trace, which is written as the run goes: refused, nothing opened. */
  @Test
  void aTraceToStandardOutputOpenOnlyForReadingIsRefusedAndItsFileKept() throws Exception {
    Path kept = Files.writeString(dir.resolve("kept.txt"), "not to be emptied\n");

    Process process =
        seedWithStandardOutput("1<", kept, "-o", "out.json", "--trace", "/dev/stdout");

    assertEquals(
        STANDARD_OUTPUT_READ_ONLY, new String(process.getErrorStream().readAllBytes(), UTF_8));
    assertEquals(2, process.exitValue());
    assertEquals("not to be emptied\n", Files.readString(kept));
    assertFalse(Files.exists(dir.resolve("out.json")));
  }

  /** A trace to /dev/stdout appended to a file: after what the file held, which stays. */
  @Test
  void aTraceToDevStdoutAppendedToAFileKeepsWhatTheFileHeld() throws Exception {
    Path log = Files.writeString(dir.resolve("log.txt"), "an earlier line\n");

    Process process = seedWithStandardOutput(">>", log, "-o", "out.json", "--trace", "/dev/stdout");

    assertEquals("", new String(process.getErrorStream().readAllBytes(), UTF_8));
    assertEquals(0, process.exitValue());
    List<String> lines = Files.readAllLines(log);
    assertEquals("an earlier line", lines.get(0));
    assertTrue(lines.size() > 44, "the trace follows: " + lines.size() + " lines");
    assertTrue(lines.get(1).startsWith("{\"t_us\":"), lines.get(1));
    assertArrayEquals(
        Files.readAllBytes(Vectors.expected("seed-22")),
        Files.readAllBytes(dir.resolve("out.json")));
  }

  /**
   * Runs the seed example with {@code -o /dev/stdout} under a shell that first opens its standard
   * output on {@code file} with {@code redirection} (">>", "1<"); returns the ended process.
   */
  private Process seedToDevStdoutWithStandardOutput(String redirection, Path file)
      throws Exception {
    return seedWithStandardOutput(redirection, file, "-o", "/dev/stdout");
  }

  /** The seed example with these options, under a shell that first redirects standard output. */
  private Process seedWithStandardOutput(String redirection, Path file, String... options)
      throws Exception {
    Path input = Vectors.input("seed-22");
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                "exec " + redirection + "\"$1\"; shift; exec \"$@\"",
                "bash",
                file.toString()));
    List<String> arguments =
        new ArrayList<>(List.of(input.toString(), "-q", "--base-port", FreePorts.base(input)));
    arguments.addAll(List.of(options));
    command.addAll(JarProcess.command(arguments.toArray(String[]::new)));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bank-sim did not exit within 60 s");
    return process;
  }

  /** Standard output open only for reading: refused before the run, and the file it names kept. */
  @Test
  void devStdoutOpenOnlyForReadingIsRefusedAndItsFileKept() throws Exception {
    Path kept = Files.writeString(dir.resolve("kept.txt"), "not to be replaced\n");

    Process process = seedToDevStdoutWithStandardOutput("1<", kept);

    assertEquals(
        STANDARD_OUTPUT_READ_ONLY, new String(process.getErrorStream().readAllBytes(), UTF_8));
    assertEquals(2, process.exitValue());
    assertEquals("not to be replaced\n", Files.readString(kept));
  }

  /**
   * The usual command line runs without loading picocli (PlainRun), with the same bytes. A JVM
   * option keeps bank-sim in this one JVM, whose class loading is then logged.
   */
  @Test
  void theUsualRunLoadsNoCommandLineLibrary() throws Exception {
    Path input = Vectors.input("seed-22");
    Path classes = dir.resolve("classes.log");
    List<String> command = new ArrayList<>(JarProcess.command());
    command.add(1, "-Xlog:class+load:file=" + classes);
    command.addAll(
        List.of(input.toString(), "-q", "-o", "out.json", "--base-port", FreePorts.base(input)));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bank-sim did not exit within 60 s");

    assertEquals("", new String(process.getErrorStream().readAllBytes(), UTF_8));
    assertEquals(0, process.exitValue());
    assertArrayEquals(
        Files.readAllBytes(Vectors.expected("seed-22")),
        Files.readAllBytes(dir.resolve("out.json")));
    String loaded = Files.readString(classes);
    assertTrue(loaded.contains("banksim.cli.PlainRun "), "the log names the classes loaded");
    assertFalse(loaded.contains("picocli."), "no picocli class is loaded");
  }

  @Test
  void seedExampleWritesOutputJsonInTheWorkingDirectory() throws Exception {
    Path input = Vectors.input("seed-22");

    Result result = run(input.toString(), "--base-port", FreePorts.base(input));

    assertEquals("", result.err());
    assertEquals(0, result.exitCode());
    assertArrayEquals(
        Files.readAllBytes(Vectors.expected("seed-22")),
        Files.readAllBytes(dir.resolve("output.json")));
    List<String> lines = result.out().lines().toList();
    assertEquals(22, lines.size());
    assertEquals(
        "{\"id\": 1, \"recv\": [{\"interface\": \"deposit\", \"result\": \"success\"},"
            + " {\"interface\": \"query\", \"balance\": 410}]}",
        lines.get(0));
    assertEquals(List.of(dir.resolve("output.json")), Dirs.entries(dir));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "truncated.json",
        "negative-money.json",
        "route-to-missing-branch.json",
        "port-out-of-range.json",
        "does-not-exist.json"
      })
  void invalidInputExitsTwoWithOneLineAndNoOutput(String name) throws Exception {
    Vectors.InvalidCase invalid =
        Vectors.invalidCases().stream()
            .filter(c -> c.file().getFileName().toString().equals(name))
            .findFirst()
            .orElseThrow();
    Files.writeString(dir.resolve("output.json"), "earlier\n");

    Result result = run(invalid.file().toString());

    assertEquals(2, result.exitCode());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("bank-sim: error: "), result.err());
    assertTrue(result.err().contains(name) && result.err().contains(invalid.text()), result.err());
    assertEquals("", result.out());
    assertEquals("earlier\n", Files.readString(dir.resolve("output.json")));
  }

  @Test
  void portInUseExitsOneNamingTheBranch() throws Exception {
    Path input = Vectors.input("course-p1");
    int base = Integer.parseInt(FreePorts.base(input));
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 3));

      Result result = run(input.toString(), "--base-port", Integer.toString(base));

      assertEquals(1, result.exitCode());
      assertEquals(
          "bank-sim: error: branch 3 cannot listen on 127.0.0.1:"
              + (base + 3)
              + ": the address is already in use; choose other ports with --base-port (now "
              + base
              + ")\n",
          result.err());
    }
    assertFalse(Files.exists(dir.resolve("output.json")));
  }

  @Test
  void helpAndVersionExitZero() throws Exception {
    Result help = run("--help");
    Result version = run("--version");

    assertEquals(0, help.exitCode());
    assertTrue(help.out().startsWith("Usage: bank-sim"), help.out());
    assertEquals("", help.err());
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("bank-sim 0."), version.out());
  }

  /** Every command's help, as a process: nothing on stderr (no picocli warnings), exit 0. */
  @Test
  void everyCommandsHelpIsCleanAndServeOffersNoId() throws Exception {
    for (String command :
        List.of("gen", "serve", "branch", "customers", "certs", "verify", "diagram", "export")) {
      Result help = run(command, "--help");

      assertEquals(0, help.exitCode(), command);
      assertEquals("", help.err(), command);
      assertTrue(help.out().contains("Usage: bank-sim " + command), help.out());
      assertEquals(command.equals("branch"), help.out().contains("--id"), help.out());
    }
  }

  @Test
  void plainJavaJarRunsInATunedJvmUnlessToldNotTo() throws Exception {
    Result tuned = run("--version");
    Result untuned = run(Map.of("BANKSIM_RELAUNCH", "0"), "--version");

    assertTrue(tuned.out().contains("-XX:+UseSerialGC -XX:TieredStopAtLevel=1"), tuned.out());
    assertFalse(untuned.out().contains("-XX:"), untuned.out());
  }

  @Test
  void runsOnAJavaRuntimeWithoutAClassArchiveAsSlimImagesAreBuilt() throws Exception {
    Path runtime = dir.resolve("jre");
    Process jlink =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--add-modules",
                "java.base,java.logging,java.management,java.naming,jdk.unsupported,jdk.crypto.ec",
                "--output",
                runtime.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(jlink.waitFor(120, TimeUnit.SECONDS), "jlink finished");
    assertEquals(0, jlink.exitValue(), new String(jlink.getInputStream().readAllBytes(), UTF_8));
    assertFalse(Files.exists(runtime.resolve("lib/server/classes.jsa")), "no base archive");
    Path input = Vectors.input("seed-22");
    List<String> command = new ArrayList<>(JarProcess.command(input.toString()));
    command.set(0, runtime.resolve("bin/java").toString());
    command.addAll(List.of("--base-port", FreePorts.base(input), "-o", "out.json", "-q"));

    Process run = new ProcessBuilder(command).directory(dir.toFile()).start();
    assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run finished");

    assertEquals("", new String(run.getErrorStream().readAllBytes(), UTF_8));
    assertEquals(0, run.exitValue());
    assertArrayEquals(
        Files.readAllBytes(Vectors.expected("seed-22")),
        Files.readAllBytes(dir.resolve("out.json")));
  }

  @Test
  void aClassArchiveDumpOfAKilledLauncherIsRemovedByTheNextRun() throws Exception {
    Path abandoned = JarProcess.JAR.resolveSibling("bank-sim.0.jsa.2147483646");
    Files.writeString(abandoned, "left by a launcher that was killed");
    Path otherFile = Files.writeString(JarProcess.JAR.resolveSibling("bank-sim.notes"), "");
    try {
      assertEquals(0, run("--version").exitCode());

      assertFalse(Files.exists(abandoned));
      assertTrue(Files.exists(otherFile), "only abandoned dumps are removed");
    } finally {
      Files.deleteIfExists(abandoned);
      Files.deleteIfExists(otherFile);
    }
  }

  @Test
  void anInputLargerThanTheJvmCanParseIsRefusedInOneLine() throws Exception {
    Path input = generated("big.json", 10, 1000, 400);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-jar",
            JarProcess.JAR.toString(),
            input.toString());
    Path err = dir.resolve("err.txt");

    Process run =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();

    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, run.exitValue());
    List<String> lines = Files.readAllLines(err);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).startsWith("bank-sim: error: " + input + ": larger than ")
            && lines.get(0).contains("more than this JVM can hold parsed"),
        lines.get(0));
  }

  @Test
  void aKilledTunedJvmIsReportedInOneLine() throws Exception {
    Path input = generated("long.json", 20, 200, 40);
    Path err = dir.resolve("err.txt");
    Process launcher =
        new ProcessBuilder(
                JarProcess.command(input.toString(), "-q", "--base-port", FreePorts.base(input)))
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    try {
      ProcessHandle child = JarProcess.firstChild(launcher, Duration.ofSeconds(20));

      child.destroyForcibly(); // SIGKILL of the JVM that runs the command

      assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher did not end");
      assertEquals(137, launcher.exitValue());
      assertEquals(
          List.of(
              "bank-sim: error: the JVM that ran the command was killed (signal 9); the command"
                  + " did not finish, and an earlier output is untouched"),
          Files.readAllLines(err));
      assertFalse(Files.exists(dir.resolve("output.json")));
    } finally {
      launcher.destroyForcibly();
    }
  }

  /** An input that is a pipe nobody writes to yet: bank-sim says it waits, then runs. */
  @Test
  void anInputPipeWithNoWriterIsNamedThenRead() throws Exception {
    Path fifo = dir.resolve("input.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
    Path vector = Vectors.input("course-p1");
    Process run =
        new ProcessBuilder(
                JarProcess.command(
                    fifo.toString(),
                    "-q",
                    "-o",
                    dir.resolve("out.json").toString(),
                    "--base-port",
                    FreePorts.base(vector)))
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();

    String note = JarProcess.firstLine(run, "bank-sim: waiting for").get(30, TimeUnit.SECONDS);
    Files.write(fifo, Files.readAllBytes(vector));

    assertTrue(note.endsWith("it is a pipe, and nothing has written to it yet"), note);
    assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end");
    assertEquals(0, run.exitValue());
    assertArrayEquals(
        Files.readAllBytes(Vectors.expected("course-p1")),
        Files.readAllBytes(dir.resolve("out.json")));
  }

  /** SIGINT and SIGTERM of a run end it quietly: one line, 130 or 143, never a stack trace. */
  @Test
  void signalsEndARunQuietlyEveryTime() throws Exception {
    Path input = generated("long.json", 20, 200, 40);
    for (int attempt = 0; attempt < 6; attempt++) {
      boolean interrupt = attempt % 2 == 0;
      Path err = dir.resolve("err-" + attempt + ".txt");
      Process launcher =
          new ProcessBuilder(
                  JarProcess.command(input.toString(), "-q", "--base-port", FreePorts.base(input)))
              .directory(dir.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(err.toFile())
              .start();
      JarProcess.firstChild(launcher, Duration.ofSeconds(20));

      new ProcessBuilder("kill", interrupt ? "-INT" : "-TERM", Long.toString(launcher.pid()))
          .start()
          .waitFor(10, TimeUnit.SECONDS);

      assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the run did not end");
      String stderr = Files.readString(err);
      assertEquals(interrupt ? 130 : 143, launcher.exitValue(), stderr);
      assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), stderr);
      assertTrue(stderr.lines().count() <= 1, stderr);
      assertFalse(Files.exists(dir.resolve("output.json")));
    }
  }

  /** The launcher's parent does not reap it: a zombie launcher still ends its tuned JVM. */
  @Test
  void theTunedJvmEndsWhenItsKilledLauncherStaysAZombie() throws Exception {
    Path input = generated("long.json", 50, 500, 40);
    String launch =
        String.join(
                " ",
                JarProcess.command(input.toString(), "-q", "--base-port", FreePorts.base(input)))
            + " 2>/dev/null & echo $!; sleep 60";
    Process shell = new ProcessBuilder("sh", "-c", launch).directory(dir.toFile()).start();
    try {
      long pid = Long.parseLong(JarProcess.firstStdoutLine(shell, "").get(20, TimeUnit.SECONDS));
      ProcessHandle launcher = ProcessHandle.of(pid).orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Optional<ProcessHandle> child = Optional.empty();
      while (child.isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        child =
            launcher
                .children()
                .filter(c -> c.info().command().map(n -> n.endsWith("/java")).orElse(false))
                .findFirst();
      }
      assertTrue(child.isPresent(), "the launcher started no tuned JVM");

      launcher.destroyForcibly(); // SIGKILL; sh sleeps and does not reap it

      assertTrue(JarProcess.ended(child.get(), Duration.ofSeconds(10)), "the tuned JVM went on");
      assertFalse(Files.exists(dir.resolve("output.json")), "a killed run writes no output");
    } finally {
      shell.destroyForcibly();
    }
  }

  @Test
  void theTunedJvmEndsWhenTheLauncherIsKilled() throws Exception {
    Path input = generated("long.json", 50, 500, 40);
    Process launcher =
        new ProcessBuilder(
                JarProcess.command(input.toString(), "-q", "--base-port", FreePorts.base(input)))
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      ProcessHandle child = JarProcess.firstChild(launcher, Duration.ofSeconds(20));

      launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

      assertTrue(
          JarProcess.ended(child, Duration.ofSeconds(10)),
          () -> "the tuned JVM outlived its launcher: " + child.info());
      assertFalse(Files.exists(dir.resolve("output.json")), "a killed run writes no output");
    } finally {
      launcher.destroyForcibly();
      launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }
}
