package dev.flowctl.codegen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated files for real: Java with the JDK's compiler in-process, protos with protoc. */
final class GeneratedCode {
    private GeneratedCode() {
    }

    /** Jars the generated stubs and protoc's Java need, found from classes on this test's classpath. */
    private static List<Path> dependencies() {
        List<Path> out = new ArrayList<>();
        for (Class<?> c : List.of(ObjectMapper.class, JsonParser.class, JsonProperty.class, com.google.protobuf.Message.class,
                com.google.re2j.Pattern.class, dev.flowctl.runtime.InputSchema.class)) {
            try {
                out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /**
     * Compiles every .java file under {@code root} into {@code classes} with lint and doclint on;
     * fails with javac's diagnostics on any error or warning.
     */
    static ClassLoader compileJava(Path root, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Files.createDirectories(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            String classpath = dependencies().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
            List<String> options = List.of("-d", classes.toString(), "-classpath", classpath, "--release", "17",
                    "-proc:none", "-encoding", "UTF-8", "-Xlint:all,-serial", "-Xdoclint:html,syntax,reference", "-Werror");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            String report = diagnostics.getDiagnostics().stream().map(GeneratedCode::describe).collect(Collectors.joining("\n"));
            if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
                throw new AssertionError("javac refused the generated Java:\n" + report);
            }
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        return new URLClassLoader(urls.toArray(URL[]::new), GeneratedCode.class.getClassLoader());
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
        return d.getKind() + " " + where + d.getMessage(Locale.ROOT);
    }

    /** protoc from the local Maven repository (the build resolves it), or null when absent. */
    static Path protoc(Path scratch) throws IOException {
        String configured = System.getProperty("flowctl.protoc");
        if (configured == null || !Files.isRegularFile(Path.of(configured))) return null;
        // The repository copy is not executable: run a copy.
        Path exe = scratch.resolve("protoc");
        Files.createDirectories(scratch);
        Files.copy(Path.of(configured), exe, StandardCopyOption.REPLACE_EXISTING);
        if (!exe.toFile().setExecutable(true)) throw new IOException("cannot make " + exe + " executable");
        return exe;
    }

    /**
     * Runs protoc on every .proto under {@code root} (google/protobuf/timestamp.proto from
     * protobuf-java's jar), returning the descriptors it produced by file name; with
     * {@code javaOut}, protoc's Java is written there too. Fails with protoc's output on an error.
     */
    static Map<String, FileDescriptorProto> protoc(Path protoc, Path root, Path scratch, Path javaOut) throws Exception {
        Path include = scratch.resolve("include");
        Path wkt = include.resolve("google/protobuf/timestamp.proto");
        Files.createDirectories(wkt.getParent());
        try (InputStream in = com.google.protobuf.Timestamp.class.getResourceAsStream("/google/protobuf/timestamp.proto")) {
            if (in == null) throw new IllegalStateException("google/protobuf/timestamp.proto is not in protobuf-java's jar");
            Files.copy(in, wkt, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> protos;
        try (Stream<Path> walk = Files.walk(root)) {
            protos = walk.filter(p -> p.toString().endsWith(".proto")).map(p -> root.relativize(p).toString()).sorted().toList();
        }
        Path set = scratch.resolve("descriptors.pb");
        List<String> command = new ArrayList<>(List.of(protoc.toString(), "--proto_path=" + root, "--proto_path=" + include,
                "--descriptor_set_out=" + set));
        if (javaOut != null) {
            Files.createDirectories(javaOut);
            command.add("--java_out=" + javaOut);
        }
        command.addAll(protos);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("protoc did not finish within 120 s");
        }
        if (p.exitValue() != 0 || !out.isBlank()) throw new AssertionError("protoc refused the generated protos (exit " + p.exitValue() + "):\n" + out);
        Map<String, FileDescriptorProto> compiled = new TreeMap<>();
        try (InputStream in = Files.newInputStream(set)) {
            for (FileDescriptorProto f : FileDescriptorSet.parseFrom(in).getFileList()) compiled.put(f.getName(), f);
        }
        return compiled;
    }

    static void write(Map<String, GeneratedFile> files, Path out) {
        files.values().forEach(f -> {
            try {
                Path target = out.resolve(f.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
