package dev.flowctl.codegen;

import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A spec numbered and ready to render. Numbering is sequential (a number depends on those given
 * before it and ends in flows.lock); the text of each unit depends only on its numbered contract,
 * so units render on several threads. Units come in the order files are listed in.
 */
record Numbered(List<Numbered.Unit> units, FlowsLock lock, List<ProtoModel.File> protoModels, List<ProtoModel.File> contracts) {

    /** Renders every unit, on every core; the files in the order the units list them. */
    Codegen.Rendered render() {
        Map<String, GeneratedFile> files = new LinkedHashMap<>();
        List<List<GeneratedFile>> rendered = InParallel.map(units, InParallel.cores(),
                u -> u.render().stream().map(s -> GeneratedFile.of(s.path(), s.body())).toList());
        rendered.forEach(unit -> unit.forEach(f -> files.put(f.path(), f)));
        return new Codegen.Rendered(files, lock, protoModels, contracts);
    }

    /** One file's path under the output directory and its text before the marker line. */
    record Source(String path, String body) {
    }

    /** Files rendered together: one flow version's, one .proto, or the shared runtime. */
    @FunctionalInterface
    interface Unit {
        List<Source> render();
    }

    /** Numbers every version ({@code selected} null) or all but renders only the versions {@code selected} accepts and the shared files. */
    static Numbered of(Spec spec, FlowsLock lock, Set<Language> languages, Predicate<FlowVersionAddress> selected) {
        NumberAssigner assigner = new NumberAssigner(lock);
        ProtoModelBuilder protos = new ProtoModelBuilder(assigner);
        List<Unit> units = new ArrayList<>();
        List<ProtoModel.File> models = new ArrayList<>();
        List<ProtoModel.File> contracts = new ArrayList<>();
        boolean proto = languages.contains(Language.PROTO);
        boolean java = languages.contains(Language.JAVA);
        boolean python = languages.contains(Language.PYTHON);
        if (proto) {
            models.add(FixedProtoModels.runProto());
            models.add(FixedProtoModels.runsProto());
        }
        // Numbers are assigned whatever the languages, so flows.lock never depends on --lang. Each version
        // is numbered in scopes of its own: on every core (3,000 versions took 0.5 s on one, bench/catalog).
        List<VersionSpec> versions = List.copyOf(spec.versions());
        List<Object> numbered = versions.parallelStream().map(v -> {
            try {
                return (Object) protos.version(spec, v);
            } catch (RuntimeException e) {
                return e;
            }
        }).toList();
        for (int i = 0; i < versions.size(); i++) {
            // The first version in flows.yaml that cannot be numbered is reported, however the work was split.
            if (numbered.get(i) instanceof RuntimeException e) throw e;
            VersionSpec v = versions.get(i);
            ProtoModelBuilder.Contract contract = (ProtoModelBuilder.Contract) numbered.get(i);
            contracts.add(contract.file());
            // Numbers never depend on the selection (flows.lock pins every version); only the files do.
            if (selected != null && !selected.test(v.address())) continue;
            if (proto) models.add(contract.file());
            if (java || python) {
                units.add(() -> {
                    List<Source> files = new ArrayList<>();
                    if (java) {
                        Map.Entry<String, String> stub = JavaStubGenerator.version(spec, v, contract);
                        files.add(source(Language.JAVA, stub.getKey(), stub.getValue()));
                    }
                    if (python) PythonGenerator.version(spec, v, contract).forEach((path, body) -> files.add(source(Language.PYTHON, path, body)));
                    return files;
                });
            }
        }
        for (ProtoModel.File m : models) units.add(() -> List.of(source(Language.PROTO, m.path(), ProtoRenderer.render(m))));
        if (java || python) {
            units.add(() -> {
                List<Source> files = new ArrayList<>();
                if (java) JavaStubGenerator.runtime().forEach((path, body) -> files.add(source(Language.JAVA, path, body)));
                if (python) PythonGenerator.runtime().forEach((path, body) -> files.add(source(Language.PYTHON, path, body)));
                return files;
            });
        }
        return new Numbered(units, assigner.lock(), models, contracts);
    }

    private static Source source(Language language, String path, String body) {
        return new Source(language.folder() + "/" + path, body);
    }
}
