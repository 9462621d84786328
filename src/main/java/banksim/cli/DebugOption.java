package banksim.cli;

import picocli.CommandLine.Option;

/** {@code --debug}, shared by every command: errors then come with their stack traces. */
final class DebugOption {
  private final ErrorReport errors;

  DebugOption(ErrorReport errors) {
    this.errors = errors;
  }

  @Option(names = "--debug", description = "print stack traces with errors")
  void setDebug(boolean debug) {
    errors.setDebug(debug);
  }
}
