package dev.flowctl.gateway;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.ServiceDescriptor.Builder;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;

/**
 * gRPC method and service descriptors for a protobuf service known only at run time, marshalled as
 * {@link DynamicMessage}s, with their schema attached so server reflection can describe them.
 */
final class DynamicSchema {
    private DynamicSchema() {
    }

    static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> method(MethodDescriptor m) {
        io.grpc.MethodDescriptor.MethodType type = m.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                : io.grpc.MethodDescriptor.MethodType.UNARY;
        return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(type)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(m.getService().getFullName(), m.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getOutputType())))
                .setSchemaDescriptor(new MethodSchema(m)).build();
    }

    static Builder service(ServiceDescriptor s) {
        return io.grpc.ServiceDescriptor.newBuilder(s.getFullName()).setSchemaDescriptor(new ServiceSchema(s));
    }

    private record ServiceSchema(ServiceDescriptor service) implements ProtoServiceDescriptorSupplier {
        @Override
        public FileDescriptor getFileDescriptor() {
            return service.getFile();
        }

        @Override
        public ServiceDescriptor getServiceDescriptor() {
            return service;
        }
    }

    private record MethodSchema(MethodDescriptor method) implements ProtoMethodDescriptorSupplier {
        @Override
        public FileDescriptor getFileDescriptor() {
            return method.getFile();
        }

        @Override
        public ServiceDescriptor getServiceDescriptor() {
            return method.getService();
        }

        @Override
        public MethodDescriptor getMethodDescriptor() {
            return method;
        }
    }
}
