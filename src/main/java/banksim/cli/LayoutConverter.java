package banksim.cli;

import banksim.output.Layout;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --layout customer|event|balance}, in the lower case the README and help use. */
final class LayoutConverter implements ITypeConverter<Layout> {
  @Override
  public Layout convert(String value) {
    return Arrays.stream(Layout.values())
        .filter(layout -> layout.optionName().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "must be customer, event or balance, got '" + value + "'"));
  }

  /** The names picocli offers for completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Layout.values()).map(Layout::optionName).iterator();
    }
  }
}
