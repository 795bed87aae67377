package dev.flowctl.codegen;

import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;

/** Writes a {@link ProtoModel.File} as proto3 text, laid out the way buf format would. */
final class ProtoRenderer {
    private final StringBuilder b = new StringBuilder();

    private ProtoRenderer() {
    }

    static String render(ProtoModel.File file) {
        ProtoRenderer r = new ProtoRenderer();
        r.file(file);
        return r.b.toString();
    }

    /** The package being written, by component: a type name starting with one of them needs a leading dot. */
    private String[] pkg = new String[0];

    private void file(ProtoModel.File f) {
        pkg = f.pkg().split("\\.");
        comment("", f.comment());
        b.append("syntax = \"proto3\";\n\n");
        comment("", f.packageComment());
        b.append("package ").append(f.pkg()).append(";\n\n");
        if (!f.imports().isEmpty()) {
            f.imports().forEach(i -> b.append("import \"").append(i).append("\";\n"));
            b.append('\n');
        }
        for (Map.Entry<String, String> o : f.options().entrySet()) {
            boolean bool = o.getValue().equals("true") || o.getValue().equals("false");
            b.append("option ").append(o.getKey()).append(" = ")
                    .append(bool ? o.getValue() : "\"" + o.getValue() + "\"").append(";\n");
        }
        for (ProtoModel.Message m : f.messages()) {
            b.append('\n');
            message("", m);
        }
        for (ProtoModel.Service s : f.services()) {
            b.append('\n');
            comment("", s.comment());
            b.append("service ").append(s.name()).append(" {\n");
            if (s.deprecated()) b.append("  option deprecated = true;\n");
            for (ProtoModel.Rpc rpc : s.rpcs()) {
                comment("  ", rpc.comment());
                b.append("  rpc ").append(rpc.name()).append('(').append(rpc.inputType()).append(") returns (")
                        .append(rpc.serverStreaming() ? "stream " : "").append(external(rpc.outputType())).append(");\n");
            }
            b.append("}\n");
        }
    }

    private void message(String indent, ProtoModel.Message m) {
        comment(indent, m.comment());
        b.append(indent).append("message ").append(m.name()).append(" {\n");
        String in = indent + "  ";
        reserved(in, m.reservedNumbers(), m.reservedNames());
        for (ProtoModel.Enum e : m.enums()) enumeration(in, e);
        for (ProtoModel.Message n : m.nested()) message(in, n);
        for (ProtoModel.Field f : m.fields()) {
            comment(in, f.comment());
            b.append(in);
            String type = external(f.type());
            switch (f.label()) {
                case OPTIONAL -> b.append("optional ").append(type);
                case REPEATED -> b.append("repeated ").append(type);
                case MAP -> b.append("map<string, ").append(type).append('>');
                default -> b.append(type);
            }
            b.append(' ').append(f.name()).append(" = ").append(f.number()).append(";\n");
        }
        b.append(indent).append("}\n");
    }

    private void enumeration(String indent, ProtoModel.Enum e) {
        comment(indent, e.comment());
        b.append(indent).append("enum ").append(e.name()).append(" {\n");
        String in = indent + "  ";
        reserved(in, e.reservedNumbers(), e.reservedNames());
        for (ProtoModel.EnumValue v : e.values()) {
            if (v.original() != null) comment(in, "flows.yaml value \"" + v.original() + "\".");
            b.append(in).append(v.name()).append(" = ").append(v.number()).append(";\n");
        }
        b.append(indent).append("}\n");
    }

    /**
     * A type of another package ({@code google.protobuf.Timestamp}, {@code flowctl.v1.RunRef}) as
     * written here: protoc resolves a relative name from the innermost scope, so in package
     * {@code risk.flows.google.v1} it would look for {@code risk.flows.google.protobuf.Timestamp}.
     * Only then is the name written fully qualified, with a leading dot.
     */
    private String external(String type) {
        int dot = type.indexOf('.');
        if (dot < 0) return type;
        String first = type.substring(0, dot);
        for (int i = 1; i < pkg.length; i++) {
            if (pkg[i].equals(first)) return "." + type;
        }
        return type;
    }

    private void reserved(String indent, SortedSet<Integer> numbers, SortedSet<String> names) {
        if (!numbers.isEmpty()) {
            comment(indent, "Numbers of removed inputs or values, or of an input whose type changed: never reused.");
            b.append(indent).append("reserved ").append(numbers.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(";\n");
        }
        if (!names.isEmpty()) {
            b.append(indent).append("reserved ").append(names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")))
                    .append(";\n");
        }
    }

    private void comment(String indent, String text) {
        if (text == null || text.isEmpty()) return;
        for (String line : text.split("\n")) {
            b.append(indent).append("//");
            if (!line.isEmpty()) b.append(' ').append(line);
            b.append('\n');
        }
    }
}
