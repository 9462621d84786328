package banksim.output;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** {@link RunReport} as pretty JSON with snake_case keys, e.g. "customers_ms". */
public final class ReportJson {
  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .setFormattingStyle(FormattingStyle.PRETTY.withIndent("  "))
          .create();

  private ReportJson() {}

  public static String write(RunReport report) {
    return GSON.toJson(report) + "\n";
  }
}
