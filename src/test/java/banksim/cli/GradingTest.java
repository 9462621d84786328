package banksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.CliRun;
import banksim.testing.Vectors;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of vectors/grading/cases.tsv: outputs as students write them, graded. */
@Tag("unit")
class GradingTest {
  @TempDir Path dir;

  /** A row of cases.tsv: an output, its input, the exit code and the score verify must give. */
  record Case(String output, String input, int exitCode, String score) {
    Path outputFile() {
      return Vectors.dir().resolve("grading").resolve(output);
    }

    Path inputFile() {
      return Vectors.dir().resolve(input);
    }

    @Override
    public String toString() {
      return output;
    }
  }

  static List<Case> cases() {
    try {
      return Files.readAllLines(Vectors.dir().resolve("grading/cases.tsv")).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t", -1))
          .map(f -> new Case(f[0], f[1], Integer.parseInt(f[2]), f[3]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictAndScore(Case grading) {
    CliRun run =
        CliRun.of(
            "verify", "--score", grading.inputFile().toString(), grading.outputFile().toString());

    assertEquals("", run.err());
    assertEquals(grading.exitCode(), run.exitCode(), run.out());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith(grading.exitCode() == 0 ? "ok: " : "differs: "), run.out());
    assertEquals("score: " + grading.score() + " events correct", lines.get(1));
    // A wrong output lists its differences under the score; a right one lists none.
    assertEquals(grading.exitCode() != 0, lines.size() > 2, run.out());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradescopeResultsAddUp(Case grading) throws Exception {
    Path results = dir.resolve("results.json");

    CliRun run =
        CliRun.of(
            "verify",
            "--gradescope",
            results.toString(),
            grading.inputFile().toString(),
            grading.outputFile().toString());

    assertEquals(grading.exitCode(), run.exitCode(), run.out() + run.err());
    JsonObject json = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
    String[] score = grading.score().split("/", -1);
    assertEquals(Integer.parseInt(score[0]), json.get("score").getAsInt());
    int sum = 0;
    int max = 0;
    for (JsonElement element : json.getAsJsonArray("tests")) {
      JsonObject test = element.getAsJsonObject();
      int points = test.get("score").getAsInt();
      int most = test.get("max_score").getAsInt();
      assertTrue(0 <= points && points <= most, test.toString());
      assertEquals(points == most, test.get("output").getAsString().equals("ok"), test.toString());
      assertTrue(test.get("name").getAsString().startsWith("$["), test.toString());
      sum += points;
      max += most;
    }
    assertEquals(json.get("score").getAsInt(), sum);
    assertEquals(Integer.parseInt(score[1]), max);
    assertTrue(json.get("output").getAsString().startsWith(run.out().lines().findFirst().get()));
  }
}
