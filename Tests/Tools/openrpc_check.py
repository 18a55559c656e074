#!/usr/bin/env python3
"""Checks OpenRPC documents the way a client author meets them.

usage: openrpc_check.py --meta-schema FILE [--client-dir DIR] DOCUMENT.json...

For each document: it validates against the OpenRPC meta-schema (draft-07), every `$ref`
resolves inside the document, `info.version` is a semantic version, every method's required params come before its optional ones,
error objects are inline (several client generators do not follow `$ref` there), and every
method has at least one example whose params (by name) and result validate against the
method's param and result schemas (references resolved inside the document). With
--client-dir, it also generates a Python client with `openrpcclientgenerator` (PyPI) into
DIR/<document name>/ and imports it in a fresh interpreter.

Prints one line per problem, `<document>: <problem>`, and exits 1 when there is any.
"""

import argparse
import json
import os
import re
import subprocess
import sys


def resolve(document, reference):
    """The value `reference` (`#/a/b`) points at, or raises KeyError."""
    if not reference.startswith("#"):
        raise KeyError("not a reference inside the document")
    node = document
    for token in reference[1:].split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(token)]
        elif isinstance(node, dict):
            node = node[token]
        else:
            raise KeyError(token)
    return node


def references(node, path="#"):
    """Every (path, reference) in the document."""
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield path, node["$ref"]
        for key, value in node.items():
            yield from references(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from references(value, f"{path}/{index}")


def rule_problems(document):
    """The rules the meta-schema cannot check."""
    problems = []
    version = document.get("info", {}).get("version", "")
    if not re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?", version):
        problems.append(f"info.version {version!r} is not a semantic version (MAJOR.MINOR.PATCH)")
    for path, reference in references(document):
        try:
            resolve(document, reference)
        except (KeyError, IndexError, ValueError):
            problems.append(f"{path}: $ref {reference} does not resolve")
    for method in document.get("methods", []):
        name = method.get("name", "?")
        seen_optional = None
        for param in method.get("params", []):
            if not isinstance(param, dict) or "$ref" in param:
                continue
            if param.get("required", False):
                if seen_optional is not None:
                    problems.append(f"{name}: required param {param.get('name')} comes after optional param {seen_optional}")
            elif seen_optional is None:
                seen_optional = param.get("name")
        for error in method.get("errors", []):
            if isinstance(error, dict) and "$ref" in error:
                problems.append(f"{name}: error given by $ref {error['$ref']} instead of inline")
    return problems


def example_problems(document):
    """Every method has an example; every example fits the method's schemas."""
    import jsonschema

    problems = []

    def errors(schema, value):
        # The schema inside the document, so that `#/...` references resolve where they point.
        merged = {k: v for k, v in document.items() if k != "$schema"}
        merged.update(schema)
        validator = jsonschema.Draft7Validator(merged)
        return sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))

    for method in document.get("methods", []):
        name = method.get("name", "?")
        examples = method.get("examples", [])
        if not examples:
            problems.append(f"{name}: no example (add a step to the example tour in Shared/Scenario/ExampleTour.swift and regenerate)")
            continue
        descriptors = {p.get("name"): p for p in method.get("params", []) if isinstance(p, dict) and "name" in p}
        for index, example in enumerate(examples):
            label = f"{name} example {index} ({example.get('name', '?')})"
            given = {}
            for param in example.get("params", []):
                given[param.get("name")] = param.get("value")
            for key, value in given.items():
                if key not in descriptors:
                    problems.append(f"{label}: param {key} is not a param of the method")
                    continue
                for error in errors(descriptors[key].get("schema", {}), value):
                    where = "/".join(str(p) for p in error.absolute_path)
                    problems.append(f"{label}: param {key} at /{where}: {error.message[:200]}")
            for key, descriptor in descriptors.items():
                if descriptor.get("required") and key not in given:
                    problems.append(f"{label}: lacks required param {key}")
            result = example.get("result")
            if isinstance(result, dict) and "value" in result and "result" in method:
                for error in errors(method["result"].get("schema", {}), result["value"]):
                    where = "/".join(str(p) for p in error.absolute_path)
                    problems.append(f"{label}: result at /{where}: {error.message[:200]}")
            elif "result" in method:
                problems.append(f"{label}: no result value")
    return problems


IMPORT_CLIENT = """
import importlib, sys
sys.path.insert(0, sys.argv[1])
module = importlib.import_module(sys.argv[2] + ".client")
clients = [n for n in dir(module) if n.endswith("Client")]
assert clients, "the generated module defines no client class"
print(sys.argv[2], len(clients))
"""


def client_problems(document, directory):
    """Generates a Python client for `document` into `directory` and imports it."""
    try:
        from openrpc import OpenRPC
        from openrpcclientgenerator import Language, generate
    except ImportError as error:
        return [f"openrpcclientgenerator is not installed ({error}); pip install openrpcclientgenerator"]
    try:
        model = OpenRPC.model_validate(document)
        os.makedirs(directory, exist_ok=True)
        name = generate(model, Language.PYTHON, "http://127.0.0.1:9/", __import__("pathlib").Path(directory))
    except Exception as error:  # the generator's own failure, reported as a problem of the document
        first = " / ".join(str(error).splitlines()[:3])
        return [f"the Python client generator stopped: {type(error).__name__}: {first}"]
    package_root = os.path.join(directory, "python", name)
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CLIENT, package_root, name.replace("-", "_")],
        capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        hint = " (pip install jsonrpc2-pyclient, which the generated client requires)" if "jsonrpc2pyclient" in last else ""
        return [f"the generated Python client does not import: {last}{hint}"]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--meta-schema", required=True)
    parser.add_argument("--client-dir")
    parser.add_argument("documents", nargs="+")
    arguments = parser.parse_args()

    import jsonschema

    with open(arguments.meta_schema) as file:
        validator = jsonschema.Draft7Validator(json.load(file))
    failed = False
    for path in arguments.documents:
        label = os.path.basename(path)
        with open(path) as file:
            document = json.load(file)
        problems = []
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"meta-schema: at /{where}: {error.message[:300]}")
        problems += rule_problems(document)
        problems += example_problems(document)
        if arguments.client_dir:
            stem = os.path.splitext(label)[0]
            problems += client_problems(document, os.path.join(arguments.client_dir, stem))
        for problem in problems:
            print(f"{label}: {problem}")
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
