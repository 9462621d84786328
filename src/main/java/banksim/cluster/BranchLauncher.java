package banksim.cluster;

import java.util.List;

/** The command line that starts one branch as a process of its own. */
@FunctionalInterface
public interface BranchLauncher {
  /**
   * The command line of branch {@code branchId}'s process.
   *
   * @param restart whether the branch ran before and ended: it takes the bank over from its peers
   *     before it serves, where at first it would not ask them
   */
  List<String> command(int branchId, boolean restart);
}
