package banksim.verify;

import banksim.input.InvalidInputException;
import banksim.input.JsonFile;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * Reads an output file to check, from any implementation: a JSON array of {@code {"id": N,
 * "recv": [...]}} whose entries are objects with an "interface". Anything else cannot be checked.
 */
public final class OutputReader {
  private OutputReader() {}

  public static JsonArray read(Path file) throws InvalidInputException {
    JsonElement root = JsonFile.read(file);
    if (!root.isJsonArray()) {
      throw new InvalidInputException("$: must be a JSON array of customers");
    }
    JsonArray customers = root.getAsJsonArray();
    for (int c = 0; c < customers.size(); c++) {
      String at = "$[" + c + "]";
      JsonElement customer = customers.get(c);
      JsonObject object = customer.isJsonObject() ? customer.getAsJsonObject() : null;
      if (object == null || !object.has("id") || !object.has("recv")) {
        throw new InvalidInputException(at + ": must be an object with \"id\" and \"recv\"");
      }
      if (!object.get("recv").isJsonArray()) {
        throw new InvalidInputException(at + ".recv: must be a list of entries");
      }
      JsonArray recv = object.getAsJsonArray("recv");
      for (int e = 0; e < recv.size(); e++) {
        if (!recv.get(e).isJsonObject() || !recv.get(e).getAsJsonObject().has("interface")) {
          throw new InvalidInputException(
              at + ".recv[" + e + "]: must be an object with \"interface\"");
        }
      }
    }
    return customers;
  }
}
