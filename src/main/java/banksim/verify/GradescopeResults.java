package banksim.verify;

import banksim.verify.Grade.RecordGrade;
import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.stream.Collectors;

/**
 * A grade as Gradescope's autograder reads it ({@code /autograder/results/results.json}): the total
 * score, and one test per record of the reference, worth its events, with its differences as output
 * (the tests' max_score add up to the most the output could score; Gradescope has no top-level
 * max_score).
 */
public final class GradescopeResults {
  private static final Gson GSON =
      new GsonBuilder()
          .setFormattingStyle(FormattingStyle.PRETTY.withIndent("  "))
          .disableHtmlEscaping()
          .create();

  private static final int MAX_EXTRA_SHOWN = 10;

  private GradescopeResults() {}

  /**
   * The results file's text.
   *
   * @param verdict the verdict line, shown above the tests
   */
  public static String write(Grade grade, String verdict) {
    JsonObject results = new JsonObject();
    results.addProperty("score", grade.correct());
    StringBuilder output = new StringBuilder(verdict).append('\n').append(grade.scoreLine());
    grade.extra().stream()
        .limit(MAX_EXTRA_SHOWN)
        .forEach(d -> output.append("\n").append(d.describe()));
    if (grade.extra().size() > MAX_EXTRA_SHOWN) {
      output
          .append("\n... and ")
          .append(grade.extra().size() - MAX_EXTRA_SHOWN)
          .append(" more records than the reference has");
    }
    results.addProperty("output", output.toString());
    JsonArray tests = new JsonArray();
    for (RecordGrade record : grade.records()) {
      JsonObject test = new JsonObject();
      test.addProperty("name", record.name());
      test.addProperty("score", record.correct());
      test.addProperty("max_score", record.total());
      test.addProperty(
          "output",
          record.differences().isEmpty()
              ? "ok"
              : record.differences().stream()
                  .map(Finding::describe)
                  .collect(Collectors.joining("\n")));
      tests.add(test);
    }
    results.add("tests", tests);
    return GSON.toJson(results) + "\n";
  }
}
