package banksim.branch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The propagated writes a branch has applied, by origin branch and operation id, so that a retry of
 * one whose answer was lost is acknowledged without being applied again.
 */
final class AppliedOperations {
  private record Operation(int originId, long operationId) {}

  private final Set<Operation> applied = ConcurrentHashMap.newKeySet();

  /**
   * Whether this write is new, remembering it. A request without an operation id (from a seed
   * client, which never retries) is always new.
   */
  boolean firstTime(int originId, long operationId) {
    return operationId == 0 || applied.add(new Operation(originId, operationId));
  }
}
