package dev.flowctl.codegen;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;

/**
 * The descriptor protoc should produce for a generated file (without source info). Tests compare
 * it with protoc's own output, which proves the text and the intended model agree.
 */
public final class DescriptorRenderer {
    private DescriptorRenderer() {
    }

    static FileDescriptorProto render(ProtoModel.File f) {
        FileDescriptorProto.Builder b = FileDescriptorProto.newBuilder().setName(f.path()).setPackage(f.pkg())
                .addAllDependency(f.imports()).setSyntax("proto3");
        FileOptions.Builder o = FileOptions.newBuilder();
        f.options().forEach((k, v) -> {
            switch (k) {
                case "java_package" -> o.setJavaPackage(v);
                case "java_multiple_files" -> o.setJavaMultipleFiles(Boolean.parseBoolean(v));
                case "java_outer_classname" -> o.setJavaOuterClassname(v);
                default -> throw new IllegalStateException("option " + k + " has no descriptor mapping");
            }
        });
        b.setOptions(o);
        for (ProtoModel.Message m : f.messages()) b.addMessageType(message(m, "." + f.pkg() + "." + m.name()));
        for (ProtoModel.Service s : f.services()) {
            ServiceDescriptorProto.Builder sb = ServiceDescriptorProto.newBuilder().setName(s.name());
            if (s.deprecated()) sb.setOptions(com.google.protobuf.DescriptorProtos.ServiceOptions.newBuilder().setDeprecated(true));
            for (ProtoModel.Rpc r : s.rpcs()) {
                MethodDescriptorProto.Builder mb = MethodDescriptorProto.newBuilder().setName(r.name()).setInputType(r.inputTypeName())
                        .setOutputType(r.outputTypeName());
                if (r.serverStreaming()) mb.setServerStreaming(true); // protoc leaves it unset on a unary RPC
                sb.addMethod(mb);
            }
            b.addService(sb);
        }
        return b.build();
    }

    private static DescriptorProto message(ProtoModel.Message m, String fqn) {
        DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(m.name());
        for (ProtoModel.Message n : m.nested()) b.addNestedType(message(n, fqn + "." + n.name()));
        for (ProtoModel.Enum e : m.enums()) b.addEnumType(enumeration(e));
        for (ProtoModel.Field f : m.fields()) {
            FieldDescriptorProto.Builder fb = FieldDescriptorProto.newBuilder().setName(f.name()).setNumber(f.number())
                    .setJsonName(Naming.jsonName(f.name())).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
            switch (f.label()) {
                case OPTIONAL -> {
                    fb.setProto3Optional(true).setOneofIndex(b.getOneofDeclCount());
                    b.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + f.name()));
                    typed(fb, f);
                }
                case REPEATED -> typed(fb.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED), f);
                case MAP -> {
                    String entry = Naming.pascal(f.name()) + "Entry";
                    fb.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).setType(Type.TYPE_MESSAGE).setTypeName(fqn + "." + entry);
                    FieldDescriptorProto.Builder key = FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING).setJsonName("key");
                    FieldDescriptorProto.Builder value = FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName("value");
                    typed(value, f);
                    b.addNestedType(DescriptorProto.newBuilder().setName(entry).addField(key).addField(value)
                            .setOptions(MessageOptions.newBuilder().setMapEntry(true)));
                }
                default -> typed(fb, f);
            }
            b.addField(fb);
        }
        for (int n : m.reservedNumbers()) b.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(n).setEnd(n + 1));
        b.addAllReservedName(m.reservedNames());
        return b.build();
    }

    private static void typed(FieldDescriptorProto.Builder fb, ProtoModel.Field f) {
        switch (f.kind()) {
            case STRING -> fb.setType(Type.TYPE_STRING);
            case INT64 -> fb.setType(Type.TYPE_INT64);
            case DOUBLE -> fb.setType(Type.TYPE_DOUBLE);
            case BOOL -> fb.setType(Type.TYPE_BOOL);
            case ENUM -> fb.setType(Type.TYPE_ENUM).setTypeName(f.typeName());
            case MESSAGE -> fb.setType(Type.TYPE_MESSAGE).setTypeName(f.typeName());
            default -> throw new IllegalStateException("unmapped kind " + f.kind());
        }
    }

    private static EnumDescriptorProto enumeration(ProtoModel.Enum e) {
        EnumDescriptorProto.Builder b = EnumDescriptorProto.newBuilder().setName(e.name());
        for (ProtoModel.EnumValue v : e.values()) {
            b.addValue(EnumValueDescriptorProto.newBuilder().setName(v.name()).setNumber(v.number()));
        }
        for (int n : e.reservedNumbers()) b.addReservedRange(EnumDescriptorProto.EnumReservedRange.newBuilder().setStart(n).setEnd(n));
        b.addAllReservedName(e.reservedNames());
        return b.build();
    }
}
