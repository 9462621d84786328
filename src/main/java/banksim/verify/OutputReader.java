package banksim.verify;

import banksim.input.InvalidInputException;
import banksim.input.JsonFile;
import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an output to grade, as students write it: one JSON array of records, or JSON Lines (one
 * record per line; any sequence of JSON values, in fact), with any whitespace, CRLF and key order.
 * What the records hold is the grader's business; only a file that is not JSON, or is one bare
 * value (a number, a string), cannot be graded.
 */
public final class OutputReader {
  private static final String MORE_TEXT = "invalid JSON: more text after the value";

  private OutputReader() {}

  /**
   * Every record of the file, in order.
   *
   * @param maxBytes the largest file read; larger ones are refused before they fill memory
   */
  public static List<JsonElement> read(Path file, long maxBytes) throws InvalidInputException {
    String text = JsonFile.readText(file, maxBytes);
    int start = skipWhitespace(text, 0);
    if (start == text.length()) {
      throw new InvalidInputException(
          "the file is empty; expected the output as a JSON array or as JSON Lines");
    }
    if (text.charAt(start) == '[') {
      try {
        List<JsonElement> records = new ArrayList<>();
        JsonFile.parse(text).getAsJsonArray().forEach(records::add);
        return records;
      } catch (InvalidInputException e) {
        if (!e.getMessage().startsWith(MORE_TEXT)) {
          throw e;
        }
        // Arrays one after another: JSON Lines whose records are not objects.
      }
    }
    List<JsonElement> records = values(text, start);
    if (records.size() == 1 && !records.get(0).isJsonObject()) {
      throw new InvalidInputException(
          "$: must be a JSON array of records (or one JSON object per"
              + " line), got "
              + shortened(records.get(0).toString()));
    }
    return records;
  }

  /** Every JSON value of the text, one after another, each parsed strictly. */
  private static List<JsonElement> values(String text, int from) throws InvalidInputException {
    List<JsonElement> values = new ArrayList<>();
    int start = from;
    while (start < text.length()) {
      int end = endOfValue(text, start);
      values.add(parseAt(text, start, end));
      start = skipWhitespace(text, end);
    }
    return values;
  }

  /**
   * Parses text[start, end) strictly. Parsed alone first (cheap); only on an error again behind
   * blank space that keeps its lines and columns, so that the message points into the file.
   */
  private static JsonElement parseAt(String text, int start, int end) throws InvalidInputException {
    String value = text.substring(start, end);
    try {
      return JsonFile.parse(value);
    } catch (InvalidInputException e) {
      StringBuilder padded = new StringBuilder(end);
      for (int i = 0; i < start; i++) {
        padded.append(text.charAt(i) == '\n' ? '\n' : ' ');
      }
      JsonFile.parse(padded.append(value).toString());
      throw e;
    }
  }

  /**
   * The index just after the value that starts at {@code start}: the matching bracket of an object
   * or array, the closing quote of a string, else the next whitespace; or the text's end.
   */
  private static int endOfValue(String text, int start) {
    char first = text.charAt(start);
    if (first != '{' && first != '[' && first != '"') {
      int i = start;
      while (i < text.length() && !isWhitespace(text.charAt(i))) {
        i++;
      }
      return i;
    }
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return text.length();
  }

  private static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** JSON's whitespace: space, tab, line feed, carriage return (not form feed). */
  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static String shortened(String json) {
    return json.length() <= 60 ? json : json.substring(0, 57) + "...";
  }
}
