"""One branch of a bank-sim input, written in Python the way the course exercise does it.

Usage: bank_branch.py GENERATED_DIR INPUT ID BASE_PORT [HEALTH_STATUS]

Serves the exercise's RPCs on 127.0.0.1:BASE_PORT+ID, propagates its writes to every other branch
(one after another, as the seed does), answers the gRPC health check with HEALTH_STATUS (default
SERVING), prints "ready" on stderr, and runs until SIGTERM.
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
import health_pb2  # noqa: E402
import health_pb2_grpc  # noqa: E402


class Branch(rpc.BankServiceServicer):
    def __init__(self, branch_id, balance, peers):
        self.id = branch_id
        self.balance = balance
        self.lock = threading.Lock()
        self.peers = {p: rpc.BankServiceStub(grpc.insecure_channel(a)) for p, a in peers.items()}

    def MsgDelivery(self, request, context):
        if request.event == "query":
            return pb.ResponseMessage(message=str(self.balance), success=True)
        if request.event == "deposit":
            with self.lock:
                self.balance += request.amount
            self.propagate("deposit", request.amount)
            return pb.ResponseMessage(message="success", success=True)
        if request.event == "withdraw":
            with self.lock:
                if request.amount > self.balance:
                    return pb.ResponseMessage(message="fail", success=False)
                self.balance -= request.amount
            self.propagate("withdraw", request.amount)
            return pb.ResponseMessage(message="success", success=True)
        return pb.ResponseMessage(message="Invalid event.", success=False)

    def propagate(self, kind, amount):
        for stub in self.peers.values():
            call = stub.Propagate_Deposit if kind == "deposit" else stub.Propagate_Withdraw
            call(pb.BranchRequest(branch_id=self.id, amount=amount), timeout=5,
                 wait_for_ready=True)

    def Propagate_Deposit(self, request, context):
        with self.lock:
            self.balance += request.amount
        return pb.ResponseMessage(message="success", success=True)

    def Propagate_Withdraw(self, request, context):
        with self.lock:
            self.balance -= request.amount
        return pb.ResponseMessage(message="success", success=True)

    def Query(self, request, context):
        return pb.ResponseMessage(message=str(self.balance), success=True)


class Health(health_pb2_grpc.HealthServicer):
    def __init__(self, status):
        self.status = health_pb2.HealthCheckResponse.ServingStatus.Value(status)

    def Check(self, request, context):
        return health_pb2.HealthCheckResponse(status=self.status)


def main(input_path, branch_id, base_port, health_status):
    with open(input_path) as f:
        entries = json.load(f)
    branches = {e["id"]: e["balance"] for e in entries if e["type"] == "branch"}
    peers = {b: "127.0.0.1:%d" % (base_port + b) for b in branches if b != branch_id}
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    rpc.add_BankServiceServicer_to_server(Branch(branch_id, branches[branch_id], peers), server)
    health_pb2_grpc.add_HealthServicer_to_server(Health(health_status), server)
    server.add_insecure_port("127.0.0.1:%d" % (base_port + branch_id))
    server.start()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    print("ready: python branch %d" % branch_id, file=sys.stderr, flush=True)
    stopped.wait()
    server.stop(1).wait()


if __name__ == "__main__":
    main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
         sys.argv[5] if len(sys.argv) > 5 else "SERVING")
