package dev.flowctl.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.codegen.Language;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The real protoc (run by protobuf-maven-plugin in this build) compiled the generated .proto
 * files into a descriptor set; every file must equal the descriptor the generator intended.
 * This proves the proto text says exactly what the model says: numbers, labels, presence,
 * nested types, map entries, reserved ranges and names, options and the service.
 */
class ProtocAgreesWithGeneratorTest {
    @Test
    void protocDescriptorsEqualTheGeneratorsModel() throws Exception {
        Path set = Path.of(System.getProperty("flowctl.descriptorSet", "target/flowctl-descriptors/contracts.pb"));
        Map<String, FileDescriptorProto> compiled = new TreeMap<>();
        try (InputStream in = Files.newInputStream(set)) {
            for (FileDescriptorProto f : FileDescriptorSet.parseFrom(in).getFileList()) compiled.put(f.getName(), f);
        }
        Spec spec = SpecParser.parse(Path.of("flows.yaml"));
        Map<String, FileDescriptorProto> intended = Codegen.render(spec, FlowsLock.read(Path.of("flows.lock")),
                Set.of(Language.PROTO)).descriptors();

        assertEquals(intended.keySet(), compiled.keySet());
        intended.forEach((name, expected) -> assertEquals(expected, compiled.get(name), name));
    }
}
