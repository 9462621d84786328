"""One branch as the seed report writes it: the six RPCs of proto/bankService.proto, no health service.

Usage: seed_branch.py GENERATED_DIR INPUT ID BASE_PORT

GENERATED_DIR holds the Python code generated from bankService.proto. Serves branch ID of INPUT
on 127.0.0.1:BASE_PORT+ID, propagates its writes to every other branch of INPUT at BASE_PORT+id
(all at once, waiting for every answer), prints "ready: ..." on stdout once listening, and runs
until SIGTERM or SIGINT.
"""
import json
import signal
import sys
import threading
from concurrent import futures

sys.path.insert(0, sys.argv[1])
import grpc  # noqa: E402
import bankService_pb2 as pb  # noqa: E402
import bankService_pb2_grpc as rpc  # noqa: E402

PROPAGATION_DEADLINE_S = 5


def reply(message, success=True):
    return pb.ResponseMessage(message=message, success=success)


class SeedBranch(rpc.BankServiceServicer):
    def __init__(self, branch_id, balance, peer_addresses):
        self.id = branch_id
        self.balance = balance
        self.lock = threading.Lock()
        self.peers = {p: rpc.BankServiceStub(grpc.insecure_channel(a))
                      for p, a in peer_addresses.items()}

    def apply(self, event, amount, context):
        """Deposit, withdraw or query here; returns the reply and whether the balance changed."""
        if event in ("deposit", "withdraw"):
            non_negative(amount, context)
        with self.lock:
            if event == "query":
                return reply(str(self.balance)), False
            if event == "deposit":
                self.balance += amount
                return reply("success"), True
            if event == "withdraw":
                if amount > self.balance:
                    return reply("fail", False), False
                self.balance -= amount
                return reply("success"), True
        return reply("Invalid event.", False), False

    def propagate(self, event, amount, context):
        request = pb.BranchRequest(branch_id=self.id, amount=amount)
        calls = {}
        for peer, stub in self.peers.items():
            method = stub.Propagate_Deposit if event == "deposit" else stub.Propagate_Withdraw
            # A peer may start after this branch: wait for it, up to the deadline.
            calls[peer] = method.future(request, timeout=PROPAGATION_DEADLINE_S,
                                        wait_for_ready=True)
        for peer, call in calls.items():
            try:
                call.result()
            except grpc.RpcError as e:
                context.abort(grpc.StatusCode.UNAVAILABLE,
                              "propagation to branch %d: %s" % (peer, e.code().name))

    def MsgDelivery(self, request, context):
        response, changed = self.apply(request.event, request.amount, context)
        if changed:
            self.propagate(request.event, request.amount, context)
        return response

    def Query(self, request, context):
        return self.apply("query", 0, context)[0]

    def Deposit(self, request, context):
        return self.apply("deposit", request.amount, context)[0]

    def Withdraw(self, request, context):
        return self.apply("withdraw", request.amount, context)[0]

    # A replica follows the origin's decision: applied unconditionally, never propagated further.
    def Propagate_Deposit(self, request, context):
        non_negative(request.amount, context)
        with self.lock:
            self.balance += request.amount
        return reply("success")

    def Propagate_Withdraw(self, request, context):
        non_negative(request.amount, context)
        with self.lock:
            self.balance -= request.amount
        return reply("success")


def non_negative(amount, context):
    if amount < 0:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                      "amount must not be negative, got %d" % amount)


def main(input_path, branch_id, base_port):
    with open(input_path, encoding="utf-8") as f:
        entries = json.load(f)
    balances = {e["id"]: e["balance"] for e in entries if e.get("type") in ("branch", "bank")}
    peers = {b: "127.0.0.1:%d" % (base_port + b) for b in balances if b != branch_id}
    address = "127.0.0.1:%d" % (base_port + branch_id)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    rpc.add_BankServiceServicer_to_server(SeedBranch(branch_id, balances[branch_id], peers), server)
    if server.add_insecure_port(address) == 0:
        sys.exit("cannot listen on " + address)
    server.start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    print("ready: seed branch %d on %s" % (branch_id, address), flush=True)
    stop.wait()
    server.stop(1).wait()


if __name__ == "__main__":
    main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
