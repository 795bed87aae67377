package dev.flowctl.codegen;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Timestamp;

/**
 * The fixed files codegen writes beside every project's contracts, as descriptors built in-process
 * from the same model as the text: {@code flowctl/v1/run.proto} (RunRef) and
 * {@code flowctl/v1/runs.proto} (the gateway's Runs service). Built once; descriptors are immutable.
 */
public final class SharedContracts {
    private static final FileDescriptor RUN = build(DescriptorRenderer.render(FixedProtoModels.runProto()));
    private static final FileDescriptor RUNS = build(DescriptorRenderer.render(FixedProtoModels.runsProto()), RUN,
            Timestamp.getDescriptor().getFile());

    private SharedContracts() {
    }

    /** {@code flowctl/v1/run.proto}: the RunRef every Start returns. */
    public static FileDescriptor run() {
        return RUN;
    }

    /** {@code flowctl/v1/runs.proto}: the generic {@code flowctl.v1.Runs} service. */
    public static FileDescriptor runs() {
        return RUNS;
    }

    static FileDescriptor build(FileDescriptorProto proto, FileDescriptor... dependencies) {
        try {
            return FileDescriptor.buildFrom(proto, dependencies);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("generated descriptor " + proto.getName() + " does not build: " + e.getMessage(), e);
        }
    }
}
