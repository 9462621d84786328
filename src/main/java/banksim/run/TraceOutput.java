package banksim.run;

import banksim.input.InvalidInputException;
import banksim.launch.Failure;
import banksim.output.OutputFile;
import banksim.trace.TraceFile;
import banksim.trace.TraceReader;
import banksim.trace.Tracer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The --trace file of one run. In one JVM the trace is written straight to it. With branch
 * processes, each process writes a part beside it, timed from the launcher's origin, and the parts
 * are merged in time order at the end.
 */
final class TraceOutput implements AutoCloseable {
  private final Path target;
  private final long originEpochUs = TraceFile.nowEpochUs();
  private final List<Path> branchParts = new ArrayList<>();
  private final boolean inParts;
  private TraceFile file;

  /**
   * @param target the trace file, or null for no trace
   */
  TraceOutput(Path target, boolean inParts) {
    this.target = target;
    this.inParts = inParts;
  }

  /** The tracer of this JVM (its customers, and its branches if they run here). */
  Tracer open() throws Failure {
    if (target == null) {
      return Tracer.NONE;
    }
    if (inParts) {
      Outputs.writable(target); // the parts are merged into it at the end
    }
    file = open(inParts ? part("launcher") : target, originEpochUs);
    return file;
  }

  /**
   * A trace file, opened once the path passed the output file's checks (a standard output that is
   * closed or open only for reading, another descriptor, or a loop of links is refused, exit 2),
   * and through {@link OutputFile#openStream()}: /dev/stdout is written through the descriptor,
   * never reopened through /proc, which would empty a file the shell opened with {@code >>}.
   */
  static TraceFile open(Path trace, long originEpochUs) throws Failure {
    OutputFile file = Outputs.writable(trace);
    try {
      return new TraceFile(file.openStream(), originEpochUs);
    } catch (IOException e) {
      throw Failure.invalid("cannot write the trace " + trace + ": " + e.getMessage(), e);
    }
  }

  /** The options that make a branch process write its part of the trace. */
  List<String> branchOptions(int branchId) {
    if (target == null) {
      return List.of();
    }
    Path part = part("branch-" + branchId);
    branchParts.add(part);
    return List.of("--trace", part.toString(), "--trace-origin-us", Long.toString(originEpochUs));
  }

  private Path part(String who) {
    return target.toAbsolutePath().resolveSibling(target.getFileName() + "." + who + ".part");
  }

  /** Flushes the trace; merges the parts once every branch process has ended. */
  @Override
  public void close() throws Failure {
    if (file == null) {
      return;
    }
    try {
      file.close();
      if (inParts) {
        List<Path> parts = new ArrayList<>(branchParts);
        parts.add(0, part("launcher"));
        TraceReader.merge(parts, new OutputFile(target).openStream(), originEpochUs);
      }
    } catch (IOException | InvalidInputException e) {
      throw Failure.runtime("cannot write the trace " + target + ": " + e.getMessage(), e);
    }
  }
}
