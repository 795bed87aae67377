package dev.flowctl.codegen;

import static dev.flowctl.codegen.PythonSyntax.identifier;
import static dev.flowctl.codegen.PythonSyntax.literal;

import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Python modules per flow version ({@code <project>/flows/<flow>/<version>.py}, with the packages'
 * {@code __init__.py}): a dataclass per input message, an enum.Enum per enum input, and the check
 * and JSON mapping as data for the shared runtime ({@code flowctl_contract.py}, a port of
 * runtime's InputSchema and of ProtoInputs' proto3 JSON spelling). The rules are written from the
 * schema JSON state records (SchemaJson), as flowctl run and the gateway compile it, so the two
 * checks read the same thing; the classes and the proto mapping from the version's contract, so
 * names and constants are the ones flows.lock pins. This class lays out the files and the module;
 * {@link PythonClassWriter}, {@link PythonSchemaRules} and {@link PythonProtoMapping} write its parts.
 */
final class PythonGenerator {
    static final String RUNTIME = "flowctl_contract";
    /**
     * Top-level modules of Python's standard library (3.8 to 3.13, sys.stdlib_module_names) and the runtime: a
     * project package of that name would hide the module from every program with the generated code on its path.
     */
    private static final Set<String> STDLIB = Set.of(CodegenResources.text("python-stdlib-modules.txt").split("\\s+"));

    private PythonGenerator() {
    }

    /** The project's package: its name, or with a trailing underscore where that would hide a module of the standard library. */
    static String projectPackage(Spec spec) {
        String p = identifier(spec.project());
        return STDLIB.contains(p) || p.equals(RUNTIME) ? p + "_" : p;
    }

    /** The folder (under python/) of every version module of the project; no other project shares it. */
    static String projectFolder(Spec spec) {
        return projectPackage(spec) + "/flows";
    }

    /** The shared runtime, by path under the Python root. */
    static Map<String, String> runtime() {
        return Map.of(RUNTIME + ".py", CodegenResources.text("runtime/" + RUNTIME + ".py.txt"));
    }

    /** The module of one version and the __init__.py of each package above it, by path under the Python root. */
    static Map<String, String> version(Spec spec, VersionSpec v, ProtoModelBuilder.Contract contract) {
        String project = projectPackage(spec);
        String flow = identifier(v.flow());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(project + "/__init__.py", "\"\"\"Generated contracts of flowctl project " + spec.project() + ".\"\"\"\n");
        files.put(project + "/flows/__init__.py", "\"\"\"The flows of project " + spec.project() + ", one package per flow.\"\"\"\n");
        files.put(project + "/flows/" + flow + "/__init__.py", "\"\"\"Versions of flow " + v.flow() + ", one module per version.\"\"\"\n");
        files.put(project + "/flows/" + flow + "/" + identifier(v.name()) + ".py", module(spec, v, contract));
        return files;
    }

    /** One version's module: docstring, imports, ADDRESS, the inputs' dataclass, SCHEMA and PROTO. */
    private static String module(Spec spec, VersionSpec v, ProtoModelBuilder.Contract contract) {
        String address = v.address().toString();
        String cls = ProtoModelBuilder.messageName(v);
        PythonWriter w = new PythonWriter();
        w.line("\"\"\"Inputs of flow version " + address + " (project " + spec.project() + "), typed and checked.");
        w.line("");
        w.line("Flow code reads its input with " + cls + ".from_json(text) or .from_dict(value); callers build");
        w.line(cls + "(...) and send .to_json() (the canonical engine JSON) or .to_proto_json(). Every refusal raises");
        w.line("flowctl_contract.InvalidInputError naming each violation as flowctl run and the gateway do.");
        if (v.deprecated() != null) {
            w.line("");
            w.line("Deprecated: importing this module warns with DeprecationWarning; DEPRECATED says what to use instead.");
        }
        w.line("\"\"\"");
        w.line("from __future__ import annotations");
        w.line("");
        w.line("@IMPORTS@");
        w.line("import " + RUNTIME + " as _rt");
        w.line("");
        w.line("__all__ = [\"ADDRESS\", " + (v.deprecated() == null ? "" : "\"DEPRECATED\", ") + "\"SCHEMA\", \"PROTO\", " + literal(cls) + "]");
        w.line("");
        w.line("ADDRESS = " + literal(address));
        if (v.deprecated() != null) {
            w.line("DEPRECATED = " + literal(address + " is deprecated: " + v.deprecated().describe()));
            w.line("");
            w.line("_warnings.warn(DEPRECATED, DeprecationWarning, stacklevel=2)");
        }
        w.line("");
        w.line("");
        new PythonClassWriter(w, address, contract, cls, cls, "").write(contract.inputs(), true, "Inputs of flow version " + address + ".");
        w.line("");
        w.line("");
        w.line("# The check, from the schema flowctl records in state: inputs in name order, as flowctl checks them.");
        w.line("SCHEMA = " + PythonSchemaRules.of(address, SchemaJson.toJson(v.inputs())));
        w.line("");
        w.line("# The proto3 JSON mapping of the contract: field json names, kinds, enum constants.");
        w.line("PROTO = " + PythonProtoMapping.of(contract.file().messages().get(0)));
        String body = w.toString();
        // Only the modules the module uses, so linters run on generated code find nothing unused.
        StringBuilder imports = new StringBuilder();
        for (String[] m : new String[][] {{"builtins", "_b"}, {"dataclasses", "_dc"}, {"datetime", "_dt"}, {"enum", "_enum"}, {"typing", "_t"}, {"warnings", "_warnings"}}) {
            if (body.contains(m[1] + ".")) imports.append("import ").append(m[0]).append(" as ").append(m[1]).append('\n');
        }
        return body.replace("@IMPORTS@\n", imports.append('\n').toString());
    }
}
