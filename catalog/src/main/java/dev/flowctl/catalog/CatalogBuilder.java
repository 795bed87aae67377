package dev.flowctl.catalog;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.flowctl.catalog.CatalogModel.Calls;
import dev.flowctl.catalog.CatalogModel.Catalog;
import dev.flowctl.catalog.CatalogModel.Deployment;
import dev.flowctl.catalog.CatalogModel.EnvironmentStatus;
import dev.flowctl.catalog.CatalogModel.Flow;
import dev.flowctl.catalog.CatalogModel.InputRow;
import dev.flowctl.catalog.CatalogModel.PlanFinding;
import dev.flowctl.catalog.CatalogModel.PlanSummary;
import dev.flowctl.catalog.CatalogModel.TimelineEvent;
import dev.flowctl.catalog.CatalogModel.Version;
import dev.flowctl.codegen.ContractNames;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.TypeRef;
import dev.flowctl.spec.VersionOrder;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.Tombstone;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the catalog's model; reads nothing itself (the command reads the spec, the lock, the states and the plan). */
public final class CatalogBuilder {
    /** Where the snippets call the gateway: {@code flowctl serve}'s default address. */
    static final String GATEWAY = "127.0.0.1:50051";

    private CatalogBuilder() {
    }

    public static Catalog build(Spec spec, FlowsLock lock, List<EnvironmentState> environments, PlanSummary plan, Instant now) {
        return build(spec, ProtoInputs.of(spec, lock), environments, plan, now);
    }

    /** As above, with each version's contract mapping already built ({@link ProtoInputs#of(Spec, FlowsLock)}). */
    public static Catalog build(Spec spec, Map<String, ProtoInputs> protos, List<EnvironmentState> environments, PlanSummary plan, Instant now) {
        List<EnvironmentStatus> statuses = environments.stream().map(e -> new EnvironmentStatus(e.name(), e.location(), e.problem(),
                e.state() == null ? 0 : e.state().serial(), e.state() == null ? 0 : e.state().versions().size())).toList();
        // Every flow of the spec, and every flow some state still records (being deleted).
        TreeMap<String, FlowSpec> declared = new TreeMap<>(spec.flows());
        TreeSet<String> names = new TreeSet<>(declared.keySet());
        for (EnvironmentState e : environments) {
            if (e.state() != null) e.state().versions().values().forEach(v -> names.add(v.flow()));
        }
        ByFlow byFlow = new ByFlow(environments);
        // Each flow's page model on its own (examples, their input checks, proto3 JSON): spread over the cores, kept in name order.
        List<Flow> flows = names.parallelStream().map(name -> flow(spec, declared.get(name), name, environments, byFlow, protos, plan)).toList();
        return new Catalog(spec.project(), spec.compatibility().id(), now, statuses, flows, plan);
    }

    private static Flow flow(Spec spec, FlowSpec declared, String name, List<EnvironmentState> environments, ByFlow byFlow,
                             Map<String, ProtoInputs> protos, PlanSummary plan) {
        // Version name -> its inputs: from flows.yaml, else from the newest state that records it.
        Map<String, List<InputSpec>> inputs = new TreeMap<>(VersionOrder::compare);
        Map<String, VersionSpec> inSpec = new HashMap<>();
        if (declared != null) {
            declared.versions().values().forEach(v -> {
                inputs.put(v.name(), v.inputs());
                inSpec.put(v.name(), v);
            });
        }
        Map<String, List<Deployment>> deployments = new HashMap<>();
        Map<String, dev.flowctl.spec.Deprecation> appliedDeprecations = new HashMap<>();
        for (EnvironmentState e : environments) {
            if (e.state() == null) continue;
            for (DeployedVersion d : byFlow.versions(e.state(), name)) {
                inputs.computeIfAbsent(d.version(), k -> SchemaJson.fromJson(d.schema().tree()));
                if (d.deprecated() != null) appliedDeprecations.putIfAbsent(d.version(), d.deprecated());
                deployments.computeIfAbsent(d.version(), k -> new ArrayList<>())
                        .add(new Deployment(e.name(), d.engineType(), d.engineRef(), d.deployedAt(), consoleUrl(d.engineRef())));
            }
        }
        List<Version> versions = new ArrayList<>();
        List<InputSpec> previous = null;
        for (Map.Entry<String, List<InputSpec>> v : inputs.entrySet()) {
            VersionSpec vs = inSpec.get(v.getKey());
            ExampleInput.Result example = ExampleInput.of(v.getValue());
            Calls calls = vs == null || example.json() == null ? null : calls(spec, vs, example.json(), protos.get(vs.flow() + "@" + vs.name()));
            versions.add(new Version(name, v.getKey(), vs != null, rows(v.getValue()), previous == null ? List.of() : VersionDiff.between(previous, v.getValue()),
                    List.copyOf(deployments.getOrDefault(v.getKey(), List.of())), example.json(), example.problem(), calls,
                    deprecation(vs != null ? vs.deprecated() : appliedDeprecations.get(v.getKey()))));
            previous = v.getValue();
        }
        List<PlanFinding> findings = plan == null ? List.of() : plan.byAddress().entrySet().stream()
                .filter(f -> f.getKey().startsWith(name + "@")).map(Map.Entry::getValue).toList();
        String compatibility = declared == null ? spec.compatibility().id() : spec.compatibilityOf(name).id();
        return new Flow(name, declared == null ? null : declared.owner(), declared == null ? null : declared.description(), compatibility,
                versions, timeline(name, environments, byFlow), findings);
    }

    /** A deprecation in words ("use v2 instead; sunset 2027-03-01"), as flows.yaml says it or, for a version it no longer declares, as applied. */
    private static String deprecation(dev.flowctl.spec.Deprecation d) {
        return d == null ? null : d.describe().isEmpty() ? "deprecated" : d.describe();
    }

    /** The inputs as table rows, struct fields under their input, in name order as the schema records them. */
    private static List<InputRow> rows(List<InputSpec> inputs) {
        List<InputRow> rows = new ArrayList<>();
        addRows("", 0, inputs, rows);
        return rows;
    }

    private static void addRows(String prefix, int depth, List<InputSpec> inputs, List<InputRow> rows) {
        inputs.stream().sorted(Comparator.comparing(InputSpec::name)).forEach(i -> {
            rows.add(new InputRow(prefix + i.name(), depth, i.type() instanceof TypeRef.StructType ? "struct" : i.type().display(), i.required(),
                    VersionDiff.defaultText(i), constraints(i.type()), i.description()));
            if (i.type() instanceof TypeRef.StructType s) addRows(prefix + i.name() + ".", depth + 1, s.fields(), rows);
        });
    }

    static String constraints(TypeRef t) {
        TypeRef inner = t.innermost();
        if (inner instanceof TypeRef.EnumType e) return "one of " + String.join(", ", e.values());
        if (inner instanceof TypeRef.CustomType c) {
            List<String> parts = new ArrayList<>();
            if (c.pattern() != null) parts.add("matches " + c.pattern());
            if (c.min() != null) parts.add("≥ " + c.min().toPlainString());
            if (c.max() != null) parts.add("≤ " + c.max().toPlainString());
            return String.join("; ", parts);
        }
        return "";
    }

    /** The history of one flow: each state after the one before it, oldest first, then the current state. */
    static List<TimelineEvent> timeline(String flow, List<EnvironmentState> environments) {
        return timeline(flow, environments, new ByFlow(environments));
    }

    private static List<TimelineEvent> timeline(String flow, List<EnvironmentState> environments, ByFlow byFlow) {
        List<TimelineEvent> events = new ArrayList<>();
        for (EnvironmentState e : environments) {
            if (e.state() == null) continue;
            List<StateDocument> states = new ArrayList<>(e.history());
            if (states.isEmpty() || states.get(states.size() - 1).serial() < e.state().serial()) states.add(e.state());
            // A record that starts after the first apply cannot tell a creation from an update at its first state.
            boolean fromStart = e.historyComplete();
            Map<String, Instant> deployed = new HashMap<>();
            Set<String> deleted = new TreeSet<>();
            for (int i = 0; i < states.size(); i++) {
                StateDocument s = states.get(i);
                TimelineEvent.Kind first = i == 0 && !fromStart ? TimelineEvent.Kind.DEPLOYED : TimelineEvent.Kind.CREATED;
                for (DeployedVersion d : byFlow.versions(s, flow)) {
                    Instant before = deployed.put(d.version(), d.deployedAt());
                    if (before == null) {
                        events.add(new TimelineEvent(e.name(), d.version(), first, d.deployedAt()));
                    } else if (!Objects.equals(before, d.deployedAt())) {
                        events.add(new TimelineEvent(e.name(), d.version(), TimelineEvent.Kind.UPDATED, d.deployedAt()));
                    }
                }
                for (Tombstone t : byFlow.tombstones(s, flow)) {
                    if (deleted.add(t.version())) {
                        events.add(new TimelineEvent(e.name(), t.version(), TimelineEvent.Kind.DELETED, t.deletedAt()));
                    }
                }
            }
        }
        events.sort(Comparator.comparing(TimelineEvent::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(TimelineEvent::environment).thenComparing(TimelineEvent::version, VersionOrder::compare));
        return events;
    }

    private static Calls calls(Spec spec, VersionSpec v, String example, ProtoInputs proto) {
        ContractNames n = ContractNames.of(spec, v);
        String protoJson;
        try {
            protoJson = JsonFormat.printer().omittingInsignificantWhitespace().print(proto.message(InputSchema.parseJson(example)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the example of " + v.address() + " has no proto3 JSON: " + e.getMessage(), e);
        }
        String grpcurl = "grpcurl -plaintext -H 'idempotency-key: " + v.flow() + "-" + v.name() + "-1' \\\n    -d '" + protoJson + "' \\\n    "
                + GATEWAY + " " + n.service() + "/Start";
        String java = "import " + n.javaProtoPackage() + "." + n.serviceSimpleName() + "Grpc;\n"
                + "import " + n.javaProtoPackage() + "." + n.inputMessage() + ";\n"
                + "import com.google.protobuf.util.JsonFormat;\n"
                + "import dev.flowctl.proto.v1.RunRef;\n\n"
                + "// channel: a ManagedChannel to flowctl serve\n"
                + n.inputMessage() + ".Builder input = " + n.inputMessage() + ".newBuilder();\n"
                + "JsonFormat.parser().merge(" + javaString(protoJson) + ", input);\n"
                + "RunRef run = " + n.serviceSimpleName() + "Grpc.newBlockingStub(channel).start(input.build());";
        String python = "from " + n.pythonModule() + " import " + n.inputMessage() + "\n\n"
                + "inputs = " + n.inputMessage() + ".from_json(" + pythonString(example) + ")\n"
                + "print(inputs.to_proto_json())   # what a gRPC client sends to " + n.service() + "/Start";
        String cli = "flowctl run " + v.flow() + "@" + v.name() + " --input '" + example + "'";
        return new Calls(n.service(), grpcurl, java, python, cli);
    }

    private static String javaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The AWS console page of a Step Functions state machine (or of one of its versions); null for other engines' references. */
    static String consoleUrl(String engineRef) {
        if (engineRef == null || !engineRef.startsWith("arn:aws:states:") || !engineRef.contains(":stateMachine:")) return null;
        String[] parts = engineRef.split(":");
        if (parts.length < 7) return null;
        String region = parts[3];
        return "https://" + region + ".console.aws.amazon.com/states/home?region=" + region + "#/statemachines/view/"
                + URLEncoder.encode(engineRef, StandardCharsets.UTF_8);
    }
}
