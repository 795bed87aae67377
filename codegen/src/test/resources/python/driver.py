"""Runs a table of inputs through generated Python contracts and prints what each made of them, for PythonContractTest.

argv: the cases file, a JSON list of {"module", "class", "op", "input"}; op "json" reads canonical JSON text,
"proto" proto3 JSON text. Prints one JSON list: per case {"canonical", "typed", "proto"} or {"violations"}.
"""
import importlib
import json
import sys

import flowctl_contract


def run(case):
    module = importlib.import_module(case["module"])
    cls = getattr(module, case["class"])
    try:
        if case["op"] == "json":
            canonical = module.SCHEMA.check_json(case["input"])
            typed = cls.from_json(case["input"])
        else:
            canonical = flowctl_contract.check_proto_json(module.SCHEMA, module.PROTO, case["input"])
            typed = cls.from_proto_json(case["input"])
    except flowctl_contract.InvalidInputError as e:
        assert str(e) == "input refused: " + "; ".join(str(v) for v in e.violations) + ".", str(e)
        return {"violations": [[v.path, v.message] for v in e.violations]}
    # The typed object writes back the same canonical JSON, and its text parses to it.
    assert json.loads(typed.to_json()) == typed.to_dict(), typed.to_json()
    assert typed.violations() == []
    return {"canonical": canonical, "typed": typed.to_dict(), "proto": typed.to_proto_json()}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    json.dump([run(c) for c in cases], sys.stdout, ensure_ascii=False)


main()
