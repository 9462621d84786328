package banksim.cluster;

import java.util.List;

/** The command line that starts one branch as a process of its own. */
@FunctionalInterface
public interface BranchLauncher {
  List<String> command(int branchId);
}
