package banksim.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import banksim.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One command line run through {@link Main#execute} in this JVM, with what it printed. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.execute(args, outStream, errStream);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public List<String> errLines() {
    return err.lines().toList();
  }

  /**
   * Runs {@code customers INPUT} against running branches (addressed by {@code addressing}) and
   * checks that it writes the vector's expected bytes ("NAME" or "NAME.LAYOUT", which adds --layout
   * LAYOUT), silently and with exit 0.
   */
  public static void assertCustomersWriteTheVector(
      String vector, Path input, Path dir, String... addressing) throws IOException {
    Vectors.Output expected = Vectors.Output.of(vector);
    Path output = dir.resolve("customers-output.json");
    List<String> args =
        new ArrayList<>(List.of("customers", input.toString(), "-q", "-o", output.toString()));
    args.addAll(expected.layoutArgs());
    args.addAll(List.of(addressing));

    CliRun run = of(args.toArray(String[]::new));

    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    assertArrayEquals(Files.readAllBytes(expected.expected()), Files.readAllBytes(output));
  }
}
