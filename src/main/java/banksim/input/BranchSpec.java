package banksim.input;

/** A branch of the input: its id (port = base port + id) and its initial balance. */
public record BranchSpec(int id, long balance) {}
