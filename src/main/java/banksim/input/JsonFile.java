package banksim.input;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a file as one strict JSON document (RFC 8259, UTF-8), with errors a person can act on. */
public final class JsonFile {
  private static final Gson GSON = new Gson();
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final Pattern GSON_POSITION =
      Pattern.compile("^(.*?) at line (\\d+) column (\\d+)(?: path (\\S+))?");

  private JsonFile() {}

  public static JsonElement read(Path file) throws InvalidInputException {
    return parse(readText(file));
  }

  /** The file's text, decoded as strict UTF-8 without a byte order mark. */
  public static String readText(Path file) throws InvalidInputException {
    return decode(readBytes(file, Long.MAX_VALUE));
  }

  /** The same, refusing a file (or a device, a pipe) of more than {@code maxBytes}. */
  public static String readText(Path file, long maxBytes) throws InvalidInputException {
    return decode(readBytes(file, maxBytes));
  }

  /** Parses JSON text; the whole text must be one value. */
  public static JsonElement parse(String text) throws InvalidInputException {
    if (text.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      throw new InvalidInputException("the file is empty; expected a JSON value");
    }
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement value;
    try {
      value = GSON.getAdapter(JsonElement.class).read(reader);
    } catch (IOException | JsonParseException e) {
      throw new InvalidInputException(syntaxMessage(e, text, reader), e);
    }
    Matcher end = GSON_POSITION.matcher(reader.toString());
    String endsAt =
        end.find()
            ? "line " + end.group(2) + " column " + Math.max(1, Integer.parseInt(end.group(3)) - 1)
            : "its end";
    try {
      if (reader.peek() == JsonToken.END_DOCUMENT) {
        return value;
      }
    } catch (IOException e) {
      // Whatever follows the value is not even a token: still "more text".
    }
    throw new InvalidInputException(
        "invalid JSON: more text after the value that ends at "
            + endsAt
            + "; a file holds one JSON value");
  }

  private static byte[] readBytes(Path file, long maxBytes) throws InvalidInputException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 9) + 1);
      if (bytes.length > Math.min(maxBytes, Integer.MAX_VALUE - 9)) {
        throw new InvalidInputException(
            "larger than "
                + maxBytes
                + " bytes, far more than it"
                + " can hold; is it the right file?");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("permission denied");
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException("is a directory, not a file");
      }
      throw new InvalidInputException("cannot read: " + e.getMessage(), e);
    }
  }

  private static String decode(byte[] bytes) throws InvalidInputException {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("not UTF-8 text; save the file as UTF-8", e);
    }
  }

  /**
   * Turns Gson's "Expected ':' at line 1 column 7 path $.a" into "invalid JSON at line 1 column 6:
   * expected ':'". Gson counts the column after the character it stopped at; people (and Python)
   * count the character itself.
   */
  private static String syntaxMessage(Exception e, String text, JsonReader reader) {
    String raw = e.getMessage() == null ? "" : e.getMessage();
    raw = raw.replaceAll("^[\\w.]+Exception: ", "").replaceAll("\\s*See https?://\\S+", "").trim();
    Matcher m = GSON_POSITION.matcher(raw);
    if (!m.find()) {
      m = GSON_POSITION.matcher(reader.toString());
      if (!m.find()) {
        return "invalid JSON: " + raw;
      }
    }
    String reason = m.group(1);
    int line = Integer.parseInt(m.group(2));
    int column = Integer.parseInt(m.group(3));
    if (reason.startsWith("End of input")) {
      return "invalid JSON at line "
          + line
          + " column "
          + column
          + ": the file ends before the JSON value is complete";
    }
    boolean generic =
        reason.isEmpty() || reason.startsWith("JsonReader") || reason.startsWith("Use JsonReader");
    if (generic) {
      column = offendingColumn(text, line, column);
      int c = charAt(text, line, column);
      String number = numberAt(text, line, column);
      if (NUMBER.matcher(number).matches()) {
        // Gson reads a number of up to 1,024 characters; a longer one is valid JSON all the same.
        return reader.getPath()
            + " (line "
            + line
            + " column "
            + column
            + "): a number of "
            + String.format(Locale.ROOT, "%,d", number.length())
            + " characters; no value here has more than 20 (the largest integer is "
            + Long.MAX_VALUE
            + ")";
      }
      reason =
          Character.isLetter(c)
              ? "unexpected word; strings must be in double quotes, literals are true, false and null"
              : Character.isDigit(c) || c == '-'
                  ? "a number JSON does not allow (a leading zero, or a sign or a point without digits)"
                  : unexpected(c);
      return "invalid JSON at line " + line + " column " + column + ": " + reason;
    }
    column = Math.max(1, column - 1);
    if (reason.startsWith("Unterminated array")) {
      reason = "expected ',' or ']'";
    } else if (reason.startsWith("Unterminated object")) {
      reason = "expected ',' or '}'";
    } else if (reason.startsWith("Expected name")) {
      reason = "expected a key in double quotes";
    } else if (reason.startsWith("Unescaped control characters")) {
      reason = "a line break or control character inside a string must be escaped";
    }
    return "invalid JSON at line " + line + " column " + column + ": " + lowerFirst(reason);
  }

  /**
   * Where Gson's "malformed JSON" points: mostly at the offending character itself, but one past it
   * where Gson consumed it first (an empty array element ",,", a ';' or '=' separator, a quote, a
   * comment).
   */
  private static int offendingColumn(String text, int line, int column) {
    int before = column > 1 ? charAt(text, line, column - 1) : -1;
    if (";='#/]".indexOf(before) >= 0 && before != -1) {
      return column - 1;
    }
    if (before == ',') {
      int i = column - 2;
      while (i > 0 && Character.isWhitespace(charAt(text, line, i))) {
        i--;
      }
      int previous = i > 0 ? charAt(text, line, i) : -1;
      if (previous == ',' || previous == '[') {
        return column - 1;
      }
    }
    return column;
  }

  private static String unexpected(int c) {
    return switch (c) {
      case -1 -> "unexpected end of the file";
      case '/', '#' -> "comments are not allowed in JSON";
      case '\'' -> "strings must be in double quotes";
      case ',' -> "unexpected ','";
      case ']', '}' -> "unexpected '" + (char) c + "'";
      default ->
          Character.isISOControl(c)
              ? String.format("unexpected control character U+%04X", c)
              : "unexpected character '" + new String(Character.toChars(c)) + "'";
    };
  }

  /** The characters a number may hold, from a 1-based line and column on. */
  private static String numberAt(String text, int line, int column) {
    int start = indexOf(text, line, column);
    int end = Math.max(start, 0);
    while (end < text.length() && "0123456789+-.eE".indexOf(text.charAt(end)) >= 0) {
      end++;
    }
    return start < 0 ? "" : text.substring(start, end);
  }

  /** The code point at a 1-based line and column, or -1 past the end. */
  private static int charAt(String text, int line, int column) {
    int index = indexOf(text, line, column);
    return index >= 0 && index < text.length() ? text.codePointAt(index) : -1;
  }

  private static int indexOf(String text, int line, int column) {
    int index = 0;
    for (int l = 1; l < line && index >= 0; l++) {
      index = text.indexOf('\n', index);
      index = index < 0 ? -1 : index + 1;
    }
    return index < 0 ? -1 : index + column - 1;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
