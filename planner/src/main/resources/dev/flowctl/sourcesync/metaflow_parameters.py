# Reads the metaflow.Parameter declarations of Python flow files WITHOUT running them (ast only).
# flowctl runs it as: python3 -I -S -c <this file>, stdin a JSON array of base64-encoded files,
# stdout a JSON array with one result per file. Files are hostile input: every failure is a result.
import ast
import base64
import json
import sys

MAX_PARAMETERS = 1000
MAX_TEXT = 80


def limit_resources():
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    except Exception:
        pass


def short(text):
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "\u2026"


def segment(source, node):
    try:
        text = ast.get_source_segment(source, node)
    except Exception:
        text = None
    return short(text if text is not None else "...")


def json_value(value):
    """A literal as JSON, or raise ValueError for what JSON cannot hold."""
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not finite")
        return value
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise ValueError("non-string key")
        return {k: json_value(v) for k, v in value.items()}
    raise ValueError("not JSON")


class Names:
    """Which local names mean metaflow's module, Parameter, FlowSpec and JSONType."""

    def __init__(self, tree):
        self.imports_metaflow = False
        self.modules = set()
        self.symbols = {"Parameter": set(), "FlowSpec": set(), "JSONType": set()}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "metaflow" or alias.name.startswith("metaflow."):
                        self.imports_metaflow = True
                        if alias.name == "metaflow":
                            self.modules.add(alias.asname or "metaflow")
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                    and (node.module == "metaflow" or node.module.startswith("metaflow.")):
                self.imports_metaflow = True
                for alias in node.names:
                    if alias.name == "*":
                        for name, local in self.symbols.items():
                            local.add(name)
                    elif alias.name in self.symbols:
                        self.symbols[alias.name].add(alias.asname or alias.name)

    def means(self, node, symbol):
        if isinstance(node, ast.Name):
            return node.id in self.symbols[symbol]
        return isinstance(node, ast.Attribute) and node.attr == symbol \
            and isinstance(node.value, ast.Name) and node.value.id in self.modules


def parameter(source, names, call, line, col):
    args = {kw.arg: kw.value for kw in call.keywords if kw.arg}
    name_node = call.args[0] if call.args else args.get("name")
    name = name_node.value if isinstance(name_node, ast.Constant) and isinstance(name_node.value, str) else None
    required_node = args.get("required")
    if required_node is None:
        required = False
    elif isinstance(required_node, ast.Constant) and isinstance(required_node.value, bool):
        required = required_node.value
    else:
        required = None
    default_node = args.get("default")
    if default_node is None:
        default = {"kind": "none"}
    else:
        try:
            value = json_value(ast.literal_eval(default_node))
            default = {"kind": "none"} if value is None else {"kind": "literal", "value": value,
                                                               "text": segment(source, default_node)}
        except Exception:
            default = {"kind": "unknown", "text": segment(source, default_node)}
    type_node = args.get("type")
    if type_node is not None:
        type_from = "type"
        if names.means(type_node, "JSONType"):
            kind = "json"
        elif isinstance(type_node, ast.Name) and type_node.id in ("str", "int", "float", "bool"):
            kind = type_node.id
        else:
            kind = "other"
        type_text = segment(source, type_node)
    elif default["kind"] == "none":
        type_from, kind, type_text = "none", "str", "str"
    elif default["kind"] == "literal":
        type_from = "default"
        value = default["value"]
        kind = {bool: "bool", int: "int", float: "float", str: "str"}.get(type(value), "other")
        type_text = type(value).__name__
    else:
        type_from, kind, type_text = "default", "unknown", ""
    help_node = args.get("help")
    help_text = short(help_node.value) if isinstance(help_node, ast.Constant) and isinstance(help_node.value, str) else None
    return {"name": None if name is None else name[:200], "nameText": segment(source, name_node) if name_node else "",
            "line": line, "col": col, "required": required, "default": default,
            "type": kind, "typeFrom": type_from, "typeText": type_text, "help": help_text}


def class_parameters(source, names, cls):
    found = []
    for stmt in cls.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call) and names.means(value.func, "Parameter"):
            found.append(parameter(source, names, value, stmt.lineno, stmt.col_offset + 1))
    return found


def read(source):
    tree = ast.parse(source)
    names = Names(tree)
    result = {"metaflow": names.imports_metaflow, "flow": None, "flows": [], "openBases": [], "parameters": []}
    if not names.imports_metaflow:
        return result
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}

    def is_flow(cls, seen=()):
        for base in cls.bases:
            if names.means(base, "FlowSpec"):
                return True
            if isinstance(base, ast.Name) and base.id in classes and base.id not in seen \
                    and is_flow(classes[base.id], seen + (cls.name,)):
                return True
        return False

    flows = [c for c in classes.values() if is_flow(c)]
    used_as_base = {b.id for c in flows for b in c.bases if isinstance(b, ast.Name)}
    leaves = [c for c in flows if c.name not in used_as_base]
    result["flows"] = [c.name for c in leaves]
    if len(leaves) != 1:
        return result
    leaf = leaves[0]
    result["flow"] = {"name": leaf.name, "line": leaf.lineno, "col": leaf.col_offset + 1}
    # The class and the classes of this file it derives from, nearest first: the nearest declaration wins.
    order, todo, open_bases = [], [leaf], []
    while todo:
        cls = todo.pop(0)
        if cls in order:
            continue
        order.append(cls)
        for base in cls.bases:
            if isinstance(base, ast.Name) and base.id in classes:
                todo.append(classes[base.id])
            elif not names.means(base, "FlowSpec") and not (isinstance(base, ast.Name) and base.id == "object"):
                open_bases.append(segment(source, base))
    result["openBases"] = open_bases
    seen = set()
    for cls in order:
        for p in class_parameters(source, names, cls):
            key = p["name"] if p["name"] is not None else ("?", p["line"])
            if key not in seen:
                seen.add(key)
                result["parameters"].append(p)
            if len(result["parameters"]) > MAX_PARAMETERS:
                raise ValueError("declares more than %d Parameters" % MAX_PARAMETERS)
    return result


def abandon():
    # flowctl started this reader ahead of need, in a directory of its own, and ended without using it
    # (or was killed): remove that directory, and nothing else.
    import os
    here = os.getcwd()
    if not os.path.basename(here).startswith("flowctl-params"):
        return
    for name in ("out.json", "err.txt"):
        try:
            os.remove(os.path.join(here, name))
        except OSError:
            pass
    try:
        os.rmdir(here)
    except OSError:
        pass


def main():
    limit_resources()
    request = sys.stdin.buffer.read()
    if not request:
        abandon()
        return
    results = []
    for encoded in json.loads(request):
        data = base64.b64decode(encoded)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            source = None
        try:
            if source is None:
                raise ValueError("it is not UTF-8 text")
            results.append(read(source))
        except SyntaxError as e:
            results.append({"error": short(e.msg), "line": e.lineno or 0, "col": e.offset or 0})
        except RecursionError:
            results.append({"error": "it is nested too deeply to read", "line": 0, "col": 0})
        except MemoryError:
            results.append({"error": "it takes too much memory to read", "line": 0, "col": 0})
        except Exception as e:
            results.append({"error": short(e), "line": 0, "col": 0})
    sys.stdout.buffer.write(json.dumps(results, ensure_ascii=True).encode("ascii"))


main()
