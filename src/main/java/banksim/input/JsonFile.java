package banksim.input;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a file as one strict JSON document (RFC 8259, UTF-8), with errors a person can act on. */
public final class JsonFile {
  private static final Gson GSON = new Gson();
  private static final Pattern GSON_POSITION =
      Pattern.compile("^(.*?) at line (\\d+) column (\\d+)(?: path (\\S+))?");

  private JsonFile() {}

  public static JsonElement read(Path file) throws InvalidInputException {
    return parse(decode(readBytes(file)));
  }

  /** Parses JSON text; the whole text must be one value. */
  public static JsonElement parse(String text) throws InvalidInputException {
    if (text.isBlank()) {
      throw new InvalidInputException(
          "the file is empty; expected a JSON array of branches and customers");
    }
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    try {
      JsonElement value = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new InvalidInputException(
            "invalid JSON at " + position(reader) + ": more text after the end of the JSON value");
      }
      return value;
    } catch (IOException | JsonParseException e) {
      throw new InvalidInputException(syntaxMessage(e, reader), e);
    }
  }

  private static byte[] readBytes(Path file) throws InvalidInputException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("permission denied");
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException("is a directory, not an input file");
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
      throw new InvalidInputException("not UTF-8 text; save the input as UTF-8 JSON", e);
    }
  }

  /** Turns Gson's "Expected ... at line 3 column 1 path $[1]" into "invalid JSON at line 3 ...". */
  private static String syntaxMessage(Exception e, JsonReader reader) {
    String raw = e.getMessage() == null ? "" : e.getMessage();
    raw = raw.replaceAll("^[\\w.]+Exception: ", "").replaceAll("\\s*See https?://\\S+", "").trim();
    Matcher m = GSON_POSITION.matcher(raw);
    String reason = m.find() ? m.group(1) : raw;
    String where = m.find(0) ? "line " + m.group(2) + " column " + m.group(3) : position(reader);
    if (reason.startsWith("End of input")) {
      reason = "the file ends before the JSON value is complete";
    } else if (reason.isEmpty() || reason.startsWith("Use JsonReader.setStrictness")) {
      reason = "not valid JSON here";
    }
    return "invalid JSON at " + where + ": " + lowerFirst(reason);
  }

  /** JsonReader.toString() is "JsonReader at line L column C path P". */
  private static String position(JsonReader reader) {
    Matcher m = GSON_POSITION.matcher(reader.toString());
    return m.find() ? "line " + m.group(2) + " column " + m.group(3) : "the end of the file";
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
