package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.Dirs;
import banksim.testing.Vectors;
import banksim.testing.Vectors.InvalidCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of vectors/invalid/cases.tsv: its exit code, one clear error line, no output. */
@Tag("unit")
class InvalidInputTest {
  @TempDir Path dir;

  static List<InvalidCase> cases() {
    return Vectors.invalidCases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsWithOneLineAndWritesNothing(InvalidCase invalid) throws Exception {
    Path output = dir.resolve("output.json");

    CliRun run = CliRun.of(invalid.file().toString(), "-o", output.toString());

    assertAll(
        () -> assertEquals(invalid.exitCode(), run.exitCode(), "exit code"),
        () -> assertEquals(1, run.errLines().size(), "one stderr line: " + run.err()),
        () -> assertTrue(run.err().startsWith("bank-sim: error: "), run.err()),
        () -> assertTrue(run.err().contains(invalid.file().getFileName().toString()), run.err()),
        () -> assertTrue(run.err().contains(invalid.text()), run.err()),
        () -> assertFalse(run.err().contains("Exception"), run.err()),
        () -> assertEquals("", run.out()),
        () -> assertEquals(List.of(), Dirs.entries(dir), "nothing written"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void leavesAnEarlierOutputUntouched(InvalidCase invalid) throws Exception {
    Path output = Files.writeString(dir.resolve("output.json"), "[\"an earlier run\"]\n");

    CliRun run = CliRun.of(invalid.file().toString(), "-o", output.toString());

    assertEquals(invalid.exitCode(), run.exitCode());
    assertEquals("[\"an earlier run\"]\n", Files.readString(output));
    assertEquals(List.of(output), Dirs.entries(dir));
  }
}
