# Launcher functions shared by ./sparring and the robot distribution's bin/sparring-robot (which ships a copy as
# bin/jdk.sh): find a JDK 25 or newer, and filter the one JVM warning that has no switch. Sourced, never run.
# shellcheck shell=bash

readonly min_java=25
# The JVM prints this for the Vector API module and has no switch to silence it; it is the only line filtered.
readonly incubator_warning='WARNING: Using incubator modules: jdk.incubator.vector'

# The feature version of the JDK at $1 (25 for "25.0.3", "25-ea" or "25"; 8 for "1.8.0_292"), from its release
# file, else from `java -version`; nothing when it is not a JDK.
jdk_version() {
    local home="$1" version=""
    [[ -x "$home/bin/java" ]] || return 1
    if [[ -f "$home/release" ]]; then
        version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
    fi
    if [[ -z "$version" ]]; then
        version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
    fi
    [[ "$version" == 1.* ]] && version="${version#1.}"
    version="${version%%[!0-9]*}"
    [[ -n "$version" ]] || return 1
    echo "$version"
}

# Candidate JDK homes in order: $JAVA_HOME, the `java` on PATH, then /usr/lib/jvm/* newest first
# ($SPARRING_JVM_DIR replaces /usr/lib/jvm, for the launcher's tests).
jdk_candidates() {
    [[ -n "${JAVA_HOME:-}" ]] && echo "$JAVA_HOME"
    local java
    if java="$(command -v java)"; then
        java="$(readlink -f "$java")"
        echo "${java%/bin/java}"
    fi
    local home
    for home in "${SPARRING_JVM_DIR:-/usr/lib/jvm}"/*; do
        [[ -L "$home" ]] && continue
        echo "$(jdk_version "$home" || echo 0) $home"
    done | sort -rn | cut -d' ' -f2-
}

# The first candidate whose version is at least $min_java.
find_jdk() {
    local home version
    while IFS= read -r home; do
        if version="$(jdk_version "$home")" && ((version >= min_java)); then
            echo "$home"
            return 0
        fi
    done < <(jdk_candidates)
    return 1
}

# Exports JAVA_HOME as find_jdk's answer, or says what to install and exits 1; $1 names the launcher in the message.
require_jdk() {
    if ! JAVA_HOME="$(find_jdk)"; then
        echo "$1: no JDK $min_java or newer found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm/*)." >&2
        echo "Install one, e.g. 'apt-get install temurin-25-jdk' from Adoptium's repository, or set JAVA_HOME." >&2
        exit 1
    fi
    export JAVA_HOME
}

# Standard input to standard error without the incubator warning. It ignores Ctrl-C and SIGTERM so that it outlives
# the JVM's orderly shutdown (the JVM's safe stop may still be writing) and passes on every other line.
filter_jvm_warnings() {
    trap '' INT TERM
    exec grep -v -x -F --line-buffered "$incubator_warning" >&2
}
