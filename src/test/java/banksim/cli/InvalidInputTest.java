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
import org.junit.jupiter.api.Test;
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

  @Test
  void depositsThatTakeABalancePastTheLargestAreRefusedBeforeTheRun() throws Exception {
    Path input =
        Files.writeString(
            dir.resolve("overflow.json"),
            "[{\"id\": 1, \"type\": \"branch\", \"balance\": 9223372036854775000},"
                + " {\"id\": 1, \"type\": \"customer\", \"events\": [{\"interface\":"
                + " \"deposit\", \"money\": 1000}]}]");

    CliRun run = CliRun.of(input.toString(), "-o", dir.resolve("output.json").toString());

    assertEquals(2, run.exitCode(), "invalid input, not a failure in the middle of the run");
    assertEquals(
        List.of(
            "bank-sim: error: "
                + input
                + ": customer 1 (customer entry 1), event 0: its deposit of 1000 takes a balance"
                + " past 9223372036854775807, which no branch can hold"),
        run.errLines());
    assertEquals(List.of(input), Dirs.entries(dir), "nothing written");
  }
}
