#!/bin/sh
# Builds the file tree Jib puts on top of `scratch` for the flowctl container image (-Pimage):
#   opt/java/            a Java runtime made with jlink, only the modules flowctl needs (jdeps)
#   lib*/                the build host's glibc, libstdc++ and zlib that runtime links against
#   etc/passwd, group    the user the image runs as, flowctl (65532), as distroless images name it nonroot
#   etc/nsswitch.conf    users and hosts from files, then DNS
#   tmp/, home/flowctl/, work/
# No registry is reachable when flowctl is built, so no base image can be pulled: the runtime and
# the C libraries come from the JDK and the machine that build the image.
#
# Usage: rootfs.sh TARGET_DIR   (cli/target: flowctl.jar and lib/ must be there; writes TARGET_DIR/image-root)
# JAVA_HOME names the JDK whose jdeps and jlink make the runtime (the one Maven runs on).
set -eu

target="$1"
root="$(cd "$target" && pwd)/image-root"
jdk="${JAVA_HOME:?JAVA_HOME must name a JDK}"
rm -rf "$root"
mkdir -p "$root"

# The modules flowctl's classes and its dependencies use; jdk.crypto.ec gives TLS its elliptic
# curves (an EC certificate, ECDHE key exchange), which no class names so jdeps cannot see it.
modules="$("$jdk/bin/jdeps" -q --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$target/lib/*" "$target/flowctl.jar" "$target"/lib/*.jar)"
"$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java"
# jlink links the legal notices of every module to java.base's; Jib would copy the links as files anyway.
find "$root/opt/java" -type l | while read -r link; do
  cp --remove-destination "$(readlink -f "$link")" "$link"
done

# C libraries of the build host that a headless JVM may load. java.desktop is in the runtime only
# for java.beans (Jackson, SnakeYAML): its native parts for windows, fonts, images and sound need
# X11, FreeType, ALSA… that a server never loads, so they are left out rather than their libraries added.
host_libs='ld-linux-x86-64.so.2|libc.so.6|libm.so.6|libdl.so.2|libpthread.so.0|librt.so.1|libz.so.1|libstdc\+\+.so.6|libgcc_s.so.1'
# Every library an ELF file loads, as "NAME PATH" (PATH "not" when ldd cannot find it).
deps() { ldd "$1" | awk '$2 == "=>" { print $1, $3; next } $1 ~ /^\// { n = split($1, p, "/"); print p[n], $1 }'; }
for so in $(find "$root/opt/java" -name '*.so'); do
  # Allowed: the host libraries above, the runtime's own, and libjvm.so (the launcher finds it in lib/server).
  if deps "$so" | grep -Ev "^(($host_libs) /|[^ ]+ $root/|libjvm.so not$)" >/dev/null; then
    rm "$so"
  fi
done
for elf in "$root/opt/java/bin/java" $(find "$root/opt/java" -name '*.so'); do
  deps "$elf"
done | awk '{ print $2 }' | grep -Ev "^($root/|not$)" | sort -u | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
# glibc has not split libdl, libpthread and librt out since 2.34; older hosts link them, newer keep stubs.
for lib in libdl.so.2 libpthread.so.0 librt.so.1; do
  for dir in "$root"/lib/*-linux-gnu; do
    [ -f "/${dir#"$root"/}/$lib" ] && cp -L "/${dir#"$root"/}/$lib" "$dir/$lib"
  done
done

mkdir -p "$root/etc" "$root/tmp" "$root/home/flowctl" "$root/work"
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
flowctl:x:65532:65532:flowctl:/home/flowctl:/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
flowctl:x:65532:
EOF
cat >"$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF
