"""Runs the customers of a bank-sim input against running branches, from Python.

Usage: bank_customers.py GENERATED_DIR INPUT BASE_PORT OUTPUT

Uses only stubs generated from proto/bankService.proto: the client a course would write.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
import grpc  # noqa: E402
import bankService_pb2 as pb  # noqa: E402
import bankService_pb2_grpc as rpc  # noqa: E402


def main(input_path, base_port, output_path):
    with open(input_path) as f:
        entries = json.load(f)
    channels = {}
    results = []
    for customer in [e for e in entries if e["type"] == "customer"]:
        recv = []
        for event in customer["events"]:
            branch = event.get("branch", customer["id"])
            if branch not in channels:
                channels[branch] = grpc.insecure_channel("127.0.0.1:%d" % (base_port + branch))
            stub = rpc.BankServiceStub(channels[branch])
            reply = stub.MsgDelivery(
                pb.CustomerRequest(customer_id=customer["id"], event=event["interface"],
                                   amount=event.get("money", 0)),
                timeout=10, wait_for_ready=True)
            entry = {"interface": event["interface"]}
            if "branch" in event:
                entry["branch"] = branch
            if event["interface"] == "query":
                entry["balance"] = int(reply.message)
            else:
                entry["result"] = "success" if reply.success else "fail"
            recv.append(entry)
        results.append({"id": customer["id"], "recv": recv})
    with open(output_path, "w") as f:
        f.write(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[2], int(sys.argv[3]), sys.argv[4])
