#!/usr/bin/env bash
# ARM64 smoke test of the robot distribution on an x86-64 Linux machine: Debian trixie's linux-aarch64 OpenJDK 25
# (openjdk-25-jre-headless) runs under qemu-user's aarch64 emulator and the distribution's own launcher runs its
# commands with it. Slow (emulation, 7-9 min) and it downloads about 70 MB once (261 MB unpacked), so it is a
# documented command, not part of CI or of Maven's test phase. docs/robot-runtime.md, "ARM64: what was verified
# and how", has its results.
#
#   robot-dist/src/arm64/smoke-test.sh [--cache DIR] [--archive sparring-robot-*.tar.gz]
#
# --cache DIR   where the .debs, the Packages index and the sysroot go (default: target/arm64-sysroot of the
#               repository), re-used when present.
# --archive F   the distribution to test (default: robot-dist/target/sparring-robot-*.tar.gz; build it first with
#               ./mvnw -o -q -B -pl robot-dist -am package -DskipTests).
# Needs: qemu-aarch64-static (Debian: apt-get install --no-install-recommends qemu-user-static), dpkg-deb, curl, xz,
# sha256sum, gpgv and debian-archive-keyring (the trixie keys; bookworm's 2023.3+deb12u2 has them).
# Trust chain: gpgv checks InRelease against the Debian archive keyring; InRelease's SHA256 checks Packages.xz;
# Packages' SHA256 checks every .deb. Any mismatch stops the test.
set -euo pipefail

readonly mirror="http://deb.debian.org/debian"
readonly suite="trixie"
readonly keyring="/usr/share/keyrings/debian-archive-keyring.gpg"
# What the JVM needs to start headless and run the controller: the JDK and the libraries its .so files link to
# (readelf -d: libjvm.so needs libstdc++6, libgcc-s1, libc6; libzip.so needs zlib1g).
readonly packages=(openjdk-25-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)
readonly jvm_dir="usr/lib/jvm/java-25-openjdk-arm64"

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
cache="$repo/target/arm64-sysroot"
archive=""
while (($# > 0)); do
    case "$1" in
        --cache) cache="$2"; shift 2 ;;
        --archive) archive="$2"; shift 2 ;;
        -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "smoke-test.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done

die() {
    echo "smoke-test.sh: $*" >&2
    exit 1
}

for tool in qemu-aarch64-static dpkg-deb curl xz sha256sum gpgv; do
    command -v "$tool" > /dev/null || die "'$tool' not found; on Debian: apt-get install --no-install-recommends" \
        "qemu-user-static dpkg curl xz-utils coreutils gpgv"
done
[[ -f "$keyring" ]] || die "no Debian archive keyring at $keyring (apt-get install debian-archive-keyring)"
if [[ -z "$archive" ]]; then
    archive="$(find "$repo/robot-dist/target" -maxdepth 1 -name 'sparring-robot-*.tar.gz' 2> /dev/null | head -n 1)"
    [[ -n "$archive" ]] || die "no robot-dist/target/sparring-robot-*.tar.gz; build it first with" \
        "./mvnw -o -q -B -pl robot-dist -am package -DskipTests"
fi
[[ -f "$archive" ]] || die "archive '$archive' does not exist"

mkdir -p "$cache/debs"
root="$cache/root"

# Seconds since the epoch with nanoseconds, for wall times.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Downloads $1 (a path under the mirror) to $2 unless $2 exists and has SHA256 $3; fails on a mismatch.
fetch_checked() {
    local url="$mirror/$1" file="$2" sha="$3"
    if [[ -f "$file" ]] && echo "$sha  $file" | sha256sum -c --status; then
        return 0
    fi
    curl -fsS -o "$file.part" "$url" || die "download of $url failed"
    echo "$sha  $file.part" | sha256sum -c --status || die "SHA256 of $url is not $sha (from the signed index)"
    mv "$file.part" "$file"
}

# The signed index: InRelease -> Packages.xz -> each .deb.
step_start="$(now)"
curl -fsS -o "$cache/InRelease" "$mirror/dists/$suite/InRelease" || die "cannot download $suite's InRelease"
gpgv --keyring "$keyring" "$cache/InRelease" 2> "$cache/gpgv.log" \
    || die "InRelease's signature does not verify against $keyring (see $cache/gpgv.log)"
index_sha="$(awk '/^SHA256:/ { s = 1; next } /^[^ ]/ { s = 0 }
    s && $3 == "main/binary-arm64/Packages.xz" { print $1 }' "$cache/InRelease")"
[[ -n "$index_sha" ]] || die "InRelease lists no SHA256 for main/binary-arm64/Packages.xz"
fetch_checked "dists/$suite/main/binary-arm64/Packages.xz" "$cache/Packages.xz" "$index_sha"
xz -dc "$cache/Packages.xz" > "$cache/Packages"

for pkg in "${packages[@]}"; do
    # Filename, SHA256 and Version of the package's (only) arm64 stanza.
    read -r filename sha version < <(awk -v p="$pkg" '
        $0 == "Package: " p { s = 1 } s && /^$/ { exit }
        s && /^Filename: / { f = $2 } s && /^SHA256: / { h = $2 } s && /^Version: / { v = $2 }
        END { print f, h, v }' "$cache/Packages")
    [[ -n "$filename" && -n "$sha" ]] || die "package $pkg is not in $suite's arm64 index"
    deb="$cache/debs/${filename##*/}"
    fetch_checked "$filename" "$deb" "$sha"
    stamp="$root/.extracted-${filename##*/}"
    if [[ ! -f "$stamp" ]]; then
        mkdir -p "$root"
        dpkg-deb -x "$deb" "$root"
        touch "$stamp"
    fi
    echo "arm64 package  $pkg $version  (SHA256 ok)"
done
# trixie is merged-/usr: the ELF interpreter /lib/ld-linux-aarch64.so.1 lives in usr/lib.
[[ -e "$root/lib" ]] || ln -s usr/lib "$root/lib"
# Absolute symlinks (the JDK's conf -> /etc/java-25-openjdk, ...) would point into the host when the JVM, started by
# its host path, opens them: make them relative to the sysroot.
while IFS= read -r link; do
    target="$(readlink "$link")"
    ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$root$target")" "$link"
done < <(find "$root" -type l -lname '/*')
echo "index and sysroot  $(elapsed "$step_start") s  ($root)"

# JAVA_HOME for the launcher: bin/java runs the aarch64 java under qemu with the sysroot as its library root;
# release is the ARM JDK's own (launcher/jdk.sh's version check reads JAVA_VERSION from it).
real_home="$root/$jvm_dir"
[[ -x "$real_home/bin/java" ]] || die "no java in $real_home after extracting openjdk-25-jre-headless"
java_home="$cache/java-home"
mkdir -p "$java_home/bin"
cat > "$java_home/bin/java" << EOF
#!/usr/bin/env bash
# The linux-aarch64 java of $real_home under qemu-user (written by robot-dist/src/arm64/smoke-test.sh).
exec qemu-aarch64-static -L "$root" "$real_home/bin/java" "\$@"
EOF
chmod +x "$java_home/bin/java"
ln -sfn "$real_home/release" "$java_home/release"
export JAVA_HOME="$java_home"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
dist="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'sparring-robot-*')"
cd "$dist"

failures=0
# Runs the distribution's launcher with the arguments after $1, prints its output and wall time; counts an exit
# status other than $1.
check() {
    local expected="$1" start status=0
    shift
    start="$(now)"
    echo
    echo "\$ sparring-robot $*"
    # Each line as it comes, with the time to the loop's "running ..." line (the start-up time) noted.
    bin/sparring-robot "$@" 2>&1 | {
        while IFS= read -r line; do
            echo "  $line"
            if [[ "$line" == running\ * ]]; then
                echo "  [start-up to 'running': $(elapsed "$start") s]"
            fi
        done
    } || status=$?
    echo "  -> exit $status (expected $expected), $(elapsed "$start") s wall under qemu"
    ((status == expected)) || failures=$((failures + 1))
}

echo
echo "\$ java -version  (aarch64, under qemu-aarch64-static)"
start="$(now)"
"$JAVA_HOME/bin/java" -version 2>&1 | sed 's/^/  /'
echo "  -> $(elapsed "$start") s wall; os.arch: $("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *os.arch = //p')"

check 0 --help
check 0 run --robot robots/cartpole.yaml --duration 2
check 0 run --robot robots/cartpole-mock.yaml --duration 1
check 0 policy inspect policies/cartpole-lqr.policy
# No I2C bus or GPIO chip here: every device is reported missing and the exit status is 1.
check 1 hw probe --robot robots/pan_tilt.yaml
# JNA's native dispatch (linux-aarch64 libjnidispatch.so): mlockall, timer slack and CPU affinity through libc;
# jna.debug_load prints which libjnidispatch JNA loaded.
SPARRING_JAVA_OPTS="-Djna.debug_load=true" \
    check 0 run --robot robots/cartpole.yaml --duration 1 --lock-memory --timer-slack-ns 1 --cpu 0
# Chronicle Queue on aarch64: write an experience log, read it back.
check 0 run --robot robots/cartpole.yaml --duration 1 --log "$work/log"
check 0 log inspect "$work/log"
check 0 log export "$work/log" --csv "$work/log.csv"
echo "  CSV: $(wc -l < "$work/log.csv") lines"

# Pi4J's own JNI libraries (lib/aarch64/ in pi4j-library-gpiod and -linuxfs, with a bundled libgpiod.so.2): the probe
# above stops before loading them (no board, no bus), so load each one directly with the aarch64 JVM.
cat > "$work/LoadPi4jNatives.java" << 'EOF'
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipFile;

/** Extracts lib/aarch64/*.so from the jars named as arguments and System.load()s each, libgpiod first. */
public class LoadPi4jNatives {
    public static void main(String[] jars) throws Exception {
        Path dir = Files.createTempDirectory("pi4j-natives");
        List<Path> libs = new ArrayList<>();
        for (String jar : jars) {
            try (ZipFile zip = new ZipFile(jar)) {
                for (var entry : zip.stream().filter(e -> e.getName().matches("lib/aarch64/.*[.]so")).toList()) {
                    Path lib = dir.resolve(Path.of(entry.getName()).getFileName());
                    try (var in = zip.getInputStream(entry)) {
                        Files.copy(in, lib);
                    }
                    libs.add(lib);
                }
            }
        }
        libs.sort(Comparator.comparing(lib -> !lib.getFileName().toString().startsWith("libgpiod")));
        int failed = 0;
        for (Path lib : libs) {
            try {
                System.load(lib.toString());
                System.out.println("loaded " + lib.getFileName() + " (os.arch " + System.getProperty("os.arch") + ")");
            } catch (UnsatisfiedLinkError e) {
                System.out.println("FAILED " + lib.getFileName() + ": " + e.getMessage());
                failed++;
            }
        }
        System.exit(libs.isEmpty() || failed > 0 ? 1 : 0);
    }
}
EOF
start="$(now)"
echo
echo "\$ java LoadPi4jNatives.java lib/pi4j-library-*.jar  (aarch64 JVM)"
status=0
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "$work/LoadPi4jNatives.java" lib/pi4j-library-*.jar 2>&1 \
    | sed 's/^/  /' || status=$?
echo "  -> exit $status (expected 0), $(elapsed "$start") s wall under qemu"
((status == 0)) || failures=$((failures + 1))

echo
if ((failures > 0)); then
    echo "ARM64 smoke test: $failures command(s) exited otherwise than expected"
    exit 1
fi
echo "ARM64 smoke test: every command exited as expected"
