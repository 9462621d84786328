package banksim.verify;

import banksim.input.InvalidInputException;
import banksim.input.JsonFile;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an output to grade, as students write it: one JSON array of records, or JSON Lines (one
 * record per line; any sequence of JSON objects, in fact), with any whitespace, CRLF and key
 * order. What the records hold is the grader's business; only a file that is not JSON, or holds
 * neither an array nor objects, cannot be graded.
 */
public final class OutputReader {
  private OutputReader() {}

  public static List<JsonElement> read(Path file) throws InvalidInputException {
    String text = JsonFile.readText(file);
    int start = skipWhitespace(text, 0);
    if (start == text.length()) {
      throw new InvalidInputException(
          "the file is empty; expected the output as a JSON array or as JSON Lines");
    }
    if (text.charAt(start) == '{') {
      return objects(text, start);
    }
    JsonElement root = JsonFile.parse(text);
    if (!root.isJsonArray()) {
      throw new InvalidInputException("$: must be a JSON array of records (or one JSON object per"
          + " line), got " + root);
    }
    List<JsonElement> records = new ArrayList<>();
    root.getAsJsonArray().forEach(records::add);
    return records;
  }

  /** A sequence of JSON objects, each parsed strictly; an error names its line in the file. */
  private static List<JsonElement> objects(String text, int from) throws InvalidInputException {
    List<JsonElement> records = new ArrayList<>();
    int start = from;
    while (start < text.length()) {
      int end = text.charAt(start) == '{' ? endOfValue(text, start) : text.length();
      JsonElement record = parseAt(text, start, end);
      if (!record.isJsonObject()) {
        throw new InvalidInputException("record " + records.size() + ": must be a JSON object"
            + " (one record per line), got " + (record instanceof JsonArray ? "an array" : record));
      }
      records.add(record);
      start = skipWhitespace(text, end);
    }
    return records;
  }

  /**
   * Parses text[start, end) strictly. Parsed alone first (cheap); only on an error again behind
   * blank space that keeps its lines and columns, so that the message points into the file.
   */
  private static JsonElement parseAt(String text, int start, int end)
      throws InvalidInputException {
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

  /** The index just after the object or array that starts at {@code start}, or the text's end. */
  private static int endOfValue(String text, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
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
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }
}
