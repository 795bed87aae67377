package dev.flowctl.gateway;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.runtime.InvalidInputException;
import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.util.List;

/**
 * A deployed version's generated service, {@code <package>.<Flow>Service/Start}, served from the descriptor
 * codegen builds for it: the request is the version's {@code <Flow>Input} in binary proto, mapped to
 * the canonical JSON (docs/calling-flows.md) and checked against the applied schema like any start.
 */
final class FlowServices {
    private FlowServices() {
    }

    static ServerServiceDefinition definition(FlowVersionAddress address, ProtoInputs inputs, StartCalls calls) {
        ServiceDescriptor service = inputs.descriptor().getFile().getServices().get(0);
        MethodDescriptor start = service.findMethodByName("Start");
        io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> method = DynamicSchema.method(start);
        return ServerServiceDefinition.builder(DynamicSchema.service(service).addMethod(method).build())
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> calls.start(method.getFullMethodName(), address,
                        catalog -> {
                            ProtoInputs current = catalog.inputs(address);
                            if (current == null) catalog.runs.deployed(address); // throws NOT_FOUND naming what is live
                            refuseUnknownFields(request);
                            return inputs.canonical(request);
                        }, response)))
                .build();
    }

    /**
     * A field number the applied contract does not have (a caller that compiled a newer .proto than
     * was applied) would otherwise be dropped without a word; refuse it like an unknown input.
     */
    private static void refuseUnknownFields(DynamicMessage request) {
        if (request.getUnknownFields().asMap().isEmpty()) return;
        List<InputViolation> violations = request.getUnknownFields().asMap().keySet().stream()
                .map(n -> new InputViolation("#" + n, "field number " + n + " is not in the applied contract of this version;"
                        + " run flowctl apply for the new contract, or regenerate the client from the applied one"))
                .toList();
        throw new InvalidInputException(violations);
    }
}
