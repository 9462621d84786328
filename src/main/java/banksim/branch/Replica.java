package banksim.branch;

import banksim.proto.ReplicaState;
import banksim.proto.Write;
import banksim.proto.WriteRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One branch's replica: the balance, the branch's Lamport clock (SPEC section 7), and which writes
 * it applied. Each method is one atomic step: a received request advances the clock and is applied
 * under the same lock, so that the clock orders the operations as they were applied, concurrent
 * requests never lose an update, a withdrawal never overdraws, and a snapshot holds exactly the
 * writes its balance holds.
 */
final class Replica {
  private final int self;
  private final OperationIds operationIds = new OperationIds(System.currentTimeMillis());
  private final AppliedOperations applied = new AppliedOperations();
  private final Sessions sessions = new Sessions();
  private final List<Waiter> waiters = new ArrayList<>();
  private long value;
  private long clock;

  Replica(int self, long initial) {
    this.self = self;
    this.value = initial;
  }

  /** What a step did. */
  enum Outcome {
    APPLIED,
    /** A withdrawal the balance did not cover: nothing changed. */
    DECLINED,
    /** A write applied before (a customer sent it again): nothing changed. */
    REPEATED
  }

  /**
   * The balance and the clock after one step.
   *
   * @param operation the id under which a write of this branch is propagated, 0 for none
   */
  record Step(long clock, long balance, Outcome outcome, long operation) {
    boolean applied() {
      return outcome != Outcome.DECLINED;
    }
  }

  /** A customer's write, to apply here and propagate. */
  record CustomerWrite(boolean deposit, long amount, long session, long sequence) {}

  synchronized long get() {
    return value;
  }

  /** A request that changes nothing was received (a query, an unknown event). */
  synchronized Step receive(long remoteClock) {
    return new Step(advance(remoteClock), value, Outcome.APPLIED, 0);
  }

  /**
   * A customer's write was received: a deposit, or a withdrawal the balance covers, is applied and
   * gets an operation id to propagate under. One applied before (by this branch or a peer) gets a
   * new id too, so that a peer that missed it gets it again.
   *
   * @throws ArithmeticException if the balance would pass Long.MAX_VALUE; nothing changes then
   */
  synchronized Step write(CustomerWrite write, long remoteClock) {
    Outcome outcome;
    if (sessions.contains(write.session(), write.sequence())) {
      outcome = Outcome.REPEATED;
    } else if (write.deposit()) {
      value = Math.addExact(value, write.amount());
      outcome = Outcome.APPLIED;
    } else if (write.amount() <= value) {
      value -= write.amount();
      outcome = Outcome.APPLIED;
    } else {
      outcome = Outcome.DECLINED;
    }
    long operation = 0;
    if (outcome != Outcome.DECLINED) {
      sessions.add(write.session(), write.sequence());
      operation = operationIds.next();
      applied.add(self, operation);
    }
    return new Step(advance(remoteClock), value, outcome, operation);
  }

  /**
   * A deposit applied here only (the Deposit RPC).
   *
   * @throws ArithmeticException if the balance would pass Long.MAX_VALUE; nothing changes then
   */
  synchronized Step deposit(long amount, long remoteClock) {
    value = Math.addExact(value, amount);
    return new Step(advance(remoteClock), value, Outcome.APPLIED, 0);
  }

  /** A withdrawal applied here only (the Withdraw RPC), if the balance covers it. */
  synchronized Step withdrawIfCovered(long amount, long remoteClock) {
    boolean covered = amount <= value;
    if (covered) {
      value -= amount;
    }
    return new Step(advance(remoteClock), value, covered ? Outcome.APPLIED : Outcome.DECLINED, 0);
  }

  /**
   * A peer's write: applied as its origin decided, even where this copy would not cover a
   * withdrawal; unless it was applied here before (a retry, or a write its customer sent again),
   * which changes nothing, not even the clock, and returns null.
   *
   * @throws ArithmeticException if the balance would leave the range of a long; nothing changes
   */
  synchronized Step propagated(Write write, long remoteClock) {
    if (applied.contains(write.getOrigin(), write.getOperationId())
        || sessions.contains(write.getSession(), write.getSequence())) {
      applied.add(write.getOrigin(), write.getOperationId());
      return null;
    }
    return apply(write, remoteClock);
  }

  /** Applies a decided write and remembers it as applied, by its id and its session. */
  private Step apply(Write write, long remoteClock) {
    value =
        write.getDeposit()
            ? Math.addExact(value, write.getAmount())
            : Math.subtractExact(value, write.getAmount());
    applied.add(write.getOrigin(), write.getOperationId());
    sessions.add(write.getSession(), write.getSequence());
    return new Step(advance(remoteClock), value, Outcome.APPLIED, write.getOperationId());
  }

  /** An operation id for a write this branch (the coordinator of strong) will decide. */
  synchronized long reserveOperation() {
    return operationIds.next();
  }

  /**
   * A write the coordinator decided and every replica prepared: applied here as decided (strong).
   *
   * @throws ArithmeticException if the balance would leave the range of a long
   */
  synchronized Step applyDecided(Write write) {
    return apply(write, 0); // its origin is this branch: the coordinator named it
  }

  /** This branch sends a message: its clock ticks, and the message carries the new value. */
  synchronized long tick() {
    return ++clock;
  }

  /** Everything a restarted peer needs to take this replica over, as of one instant. */
  synchronized ReplicaState snapshot() {
    return ReplicaState.newBuilder()
        .setBalance(value)
        .setLogicalClock(clock)
        .addAllApplied(applied.export())
        .addAllSessions(sessions.export())
        .build();
  }

  /**
   * Takes a live peer's replica over, then the writes that were on their way when it was taken
   * (those it holds already are skipped). Only before this branch serves.
   *
   * @throws ArithmeticException if a write in flight would leave the range of a long
   */
  synchronized void restore(ReplicaState state, List<Write> inFlight) {
    value = state.getBalance();
    clock = Math.max(clock, state.getLogicalClock());
    applied.load(state.getAppliedList());
    sessions.load(state.getSessionsList());
    for (Write write : inFlight) {
      propagated(write, 0);
    }
  }

  /** A request that waits until some writes are applied here (SPEC section 8). */
  final class Waiter {
    private final List<WriteRef> writes;
    private final Runnable then;

    private Waiter(List<WriteRef> writes, Runnable then) {
      this.writes = writes;
      this.then = then;
    }

    /** Stops waiting; true if it was still waiting (it will then never run). */
    boolean cancel() {
      synchronized (Replica.this) {
        return waiters.remove(this);
      }
    }
  }

  /**
   * Runs {@code then} once every write named is applied here: at once, on this thread, if they are;
   * else on the thread that applies the last of them (see {@link #wakeWaiters()}).
   *
   * @return the waiter, to cancel at its deadline; null if {@code then} ran already
   */
  Waiter whenApplied(List<WriteRef> writes, Runnable then) {
    synchronized (this) {
      if (!allApplied(writes)) {
        Waiter waiter = new Waiter(writes, then);
        waiters.add(waiter);
        return waiter;
      }
    }
    then.run();
    return null;
  }

  /** Runs every waiter whose writes are now all applied; called after applying, without a lock. */
  void wakeWaiters() {
    List<Waiter> ready = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Waiter> each = waiters.iterator(); each.hasNext(); ) {
        Waiter waiter = each.next();
        if (allApplied(waiter.writes)) {
          each.remove();
          ready.add(waiter);
        }
      }
    }
    ready.forEach(waiter -> waiter.then.run());
  }

  private boolean allApplied(List<WriteRef> writes) {
    for (WriteRef write : writes) {
      if (!applied.allUpTo(write.getOrigin(), write.getOperationId())) {
        return false;
      }
    }
    return true;
  }

  private long advance(long remoteClock) {
    clock = Math.max(clock, remoteClock) + 1;
    return clock;
  }
}
