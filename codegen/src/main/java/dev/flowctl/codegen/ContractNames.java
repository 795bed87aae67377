package dev.flowctl.codegen;

import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;

/**
 * The names a caller of one flow version writes, exactly as {@code flowctl codegen} generates them:
 * for documentation that shows how to call it (the catalog) without rendering the contract.
 *
 * @param protoFile      the version's .proto, by path under the proto output root
 * @param protoPackage   its package, e.g. {@code risk.flows.fleet_features.v1}
 * @param service        the full name of its service, as gRPC reflection and grpcurl list it
 * @param inputMessage   the simple name of the request message (the same in proto, Java and Python)
 * @param javaPackage    the package of the checked Java input class
 * @param javaProtoPackage the package protoc's Java classes and the gRPC stub are generated into
 * @param pythonModule   the module of the Python dataclass
 */
public record ContractNames(String protoFile, String protoPackage, String service, String inputMessage,
                            String javaPackage, String javaProtoPackage, String pythonModule) {

    public static ContractNames of(Spec spec, VersionSpec v) {
        String protoPackage = ProtoModelBuilder.packageOf(spec, v);
        String javaPackage = JavaStubGenerator.packageOf(spec, v);
        return new ContractNames(ProtoModelBuilder.pathOf(spec, v), protoPackage, protoPackage + "." + ProtoModelBuilder.serviceName(v),
                ProtoModelBuilder.messageName(v), javaPackage, javaPackage + ".proto",
                PythonGenerator.projectPackage(spec) + ".flows." + PythonSyntax.identifier(v.flow()) + "." + PythonSyntax.identifier(v.name()));
    }

    /** The simple name of the service, e.g. {@code FleetFeaturesService}. */
    public String serviceSimpleName() {
        return service.substring(service.lastIndexOf('.') + 1);
    }
}
