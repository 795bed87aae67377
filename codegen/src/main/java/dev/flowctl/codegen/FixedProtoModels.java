package dev.flowctl.codegen;

import dev.flowctl.codegen.ProtoModel.Field;
import dev.flowctl.codegen.ProtoModel.Label;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The proto files that are the same in every project, {@code flowctl/v1/run.proto} (RunRef) and
 * {@code flowctl/v1/runs.proto} (the gateway's Runs service), and what every generated file shares
 * with them: the buf lint exemptions and the Java options. {@link ProtoModelBuilder} builds the
 * per-version files.
 */
final class FixedProtoModels {
    static final String RUN_PROTO = "flowctl/v1/run.proto";
    static final String RUNS_PROTO = "flowctl/v1/runs.proto";
    static final String RUN_REF = ".flowctl.v1.RunRef";
    static final String TIMESTAMP_PROTO = "google/protobuf/timestamp.proto";
    static final String TIMESTAMP = ".google.protobuf.Timestamp";

    /**
     * The buf lint rules each generated element is exempt from, written as buf's comment ignores
     * (docs/codegen.md#buf-lint says why each is needed). Every Start returns the shared
     * {@code flowctl.v1.RunRef}, so one client code path follows runs of every flow, and its
     * request is the version's input message, the name callers and flows.lock know it by.
     */
    static final String[] SHARED_RUN_REF = {"RPC_REQUEST_STANDARD_NAME", "RPC_RESPONSE_STANDARD_NAME", "RPC_REQUEST_RESPONSE_UNIQUE"};

    private FixedProtoModels() {
    }

    /** The shared run reference every Start RPC returns. */
    static ProtoModel.File runProto() {
        List<Field> fields = List.of(
                new Field("run_id", 1, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING,
                        "The engine's ID of the run (an execution ARN on Step Functions)."),
                new Field("flow", 2, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "The flow that runs."),
                new Field("version", 3, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "The version of the flow that runs."));
        ProtoModel.Message run = new ProtoModel.Message("RunRef", "A started run of a flow version: what every flow service's Start returns.",
                fields, List.of(), List.of(), new TreeSet<>(), new TreeSet<>());
        return new ProtoModel.File(RUN_PROTO, "flowctl.v1", "Shared by every generated flow contract.", null, List.of(),
                javaOptions("dev.flowctl.proto.v1", "RunProto"), List.of(run), List.of());
    }

    /**
     * The generic service every flowctl gateway serves beside the flow services: start a run of any
     * deployed version with a JSON input, follow, list and cancel runs. Fixed, like run.proto.
     */
    static ProtoModel.File runsProto() {
        String pkg = ".flowctl.v1.";
        ProtoModel.Message start = fixedMessage("StartRunRequest", "Starts a run of a deployed flow version with a JSON input.", List.of(
                new Field("flow", 1, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "The flow, e.g. fleet_features."),
                new Field("version", 2, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "The deployed version, e.g. v1."),
                new Field("input_json", 3, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING,
                        "The input: a JSON object, canonical or proto3 JSON (docs/calling-flows.md).")), List.of());
        ProtoModel.Message list = fixedMessage("ListRunsRequest", "Asks for the most recent runs of a deployed flow version.", List.of(
                new Field("flow", 1, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "The flow."),
                new Field("version", 2, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "The deployed version."),
                new Field("limit", 3, Label.IMPLICIT, "int64", null, ProtoModel.Kind.INT64, "At most this many runs; 0 means 20.")), List.of());
        ProtoModel.Enum state = new ProtoModel.Enum("State", "Where a run is.", List.of(
                new ProtoModel.EnumValue("STATE_UNSPECIFIED", 0, null), new ProtoModel.EnumValue("STATE_QUEUED", 1, null),
                new ProtoModel.EnumValue("STATE_RUNNING", 2, null), new ProtoModel.EnumValue("STATE_SUCCEEDED", 3, null),
                new ProtoModel.EnumValue("STATE_FAILED", 4, null), new ProtoModel.EnumValue("STATE_CANCELLED", 5, null)),
                new TreeSet<>(), new TreeSet<>());
        ProtoModel.Message info = fixedMessage("RunInfo", "What the engine says about one run.", List.of(
                new Field("run", 1, Label.SINGULAR, "RunRef", RUN_REF, ProtoModel.Kind.MESSAGE, "The run."),
                new Field("state", 2, Label.IMPLICIT, "State", pkg + "RunInfo.State", ProtoModel.Kind.ENUM, "Where it is."),
                new Field("started_at", 3, Label.SINGULAR, "google.protobuf.Timestamp", TIMESTAMP, ProtoModel.Kind.MESSAGE, "When it started."),
                new Field("stopped_at", 4, Label.SINGULAR, "google.protobuf.Timestamp", TIMESTAMP, ProtoModel.Kind.MESSAGE,
                        "When it ended; not set while it runs."),
                new Field("error", 5, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "Why a failed or cancelled run ended, when the engine says."),
                new Field("output", 6, Label.IMPLICIT, "string", null, ProtoModel.Kind.STRING, "The run's output as the engine reports it, if any.")),
                List.of(state));
        ProtoModel.Message runs = fixedMessage("ListRunsResponse", "The most recent runs, newest first.", List.of(
                new Field("runs", 1, Label.REPEATED, "RunInfo", pkg + "RunInfo", ProtoModel.Kind.MESSAGE, "The runs.")), List.of());
        ProtoModel.Service service = new ProtoModel.Service("Runs", lintIgnored("Starts and follows runs of any deployed flow version.",
                "SERVICE_SUFFIX"), List.of(
                new ProtoModel.Rpc("Start", lintIgnored("Checks the input against the applied schema and starts one run;"
                        + " metadata idempotency-key makes it at-most-once.", SHARED_RUN_REF), "StartRunRequest", pkg + "StartRunRequest", "RunRef", RUN_REF),
                new ProtoModel.Rpc("Get", lintIgnored("The run's current state.", SHARED_RUN_REF), "RunRef", RUN_REF, "RunInfo", pkg + "RunInfo"),
                new ProtoModel.Rpc("Cancel", lintIgnored("Cancels the run and returns its state.", SHARED_RUN_REF), "RunRef", RUN_REF, "RunInfo",
                        pkg + "RunInfo"),
                new ProtoModel.Rpc("List", lintIgnored("The most recent runs of a version, newest first.", "RPC_REQUEST_STANDARD_NAME",
                        "RPC_RESPONSE_STANDARD_NAME"), "ListRunsRequest", pkg + "ListRunsRequest", "ListRunsResponse", pkg + "ListRunsResponse"),
                new ProtoModel.Rpc("Watch", lintIgnored("The run's state on every change, until it ends.", SHARED_RUN_REF), "RunRef", RUN_REF,
                        "RunInfo", pkg + "RunInfo", true)));
        return new ProtoModel.File(RUNS_PROTO, "flowctl.v1", "The generic run service of the flowctl gateway (flowctl serve).", null,
                List.of(RUN_PROTO, TIMESTAMP_PROTO), javaOptions("dev.flowctl.proto.v1", "RunsProto"),
                List.of(start, list, info, runs), List.of(service));
    }

    private static ProtoModel.Message fixedMessage(String name, String comment, List<Field> fields, List<ProtoModel.Enum> enums) {
        return new ProtoModel.Message(name, comment, fields, enums, List.of(), new TreeSet<>(), new TreeSet<>());
    }

    static String lintIgnored(String comment, String... rules) {
        StringBuilder b = new StringBuilder(comment == null ? "" : comment);
        for (String rule : rules) b.append(b.isEmpty() ? "" : "\n").append("buf:lint:ignore ").append(rule);
        return b.toString();
    }

    static Map<String, String> javaOptions(String javaPackage, String outerClass) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("java_package", javaPackage);
        options.put("java_multiple_files", "true");
        options.put("java_outer_classname", outerClass);
        return options;
    }
}
