package banksim.trace;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.function.Function;

/**
 * A trace event as one JSON line, by Gson's mapping of {@link TraceEvent}: {@code {"t_us":791582,
 * "kind":"send","rpc":"MsgDelivery","from":"customer 1","to":"branch 1","amount":10}}, absent
 * fields left out.
 */
final class TraceJson {
  static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .registerTypeAdapter(Rpc.class, asString(Rpc::wireName, Rpc::fromWireName))
          .registerTypeAdapter(
              Participant.class, asString(Participant::toString, Participant::parse))
          .disableHtmlEscaping()
          .create();

  private TraceJson() {}

  /** A value written as a JSON string; reading an unknown one is an IllegalArgumentException. */
  private static <T> TypeAdapter<T> asString(Function<T, String> write, Function<String, T> read) {
    return new TypeAdapter<T>() {
      @Override
      public void write(JsonWriter out, T value) throws IOException {
        out.value(value == null ? null : write.apply(value));
      }

      @Override
      public T read(JsonReader in) throws IOException {
        return read.apply(in.nextString());
      }
    }.nullSafe();
  }
}
