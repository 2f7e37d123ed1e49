# Shared by scripts/paas, scripts/test and the benchmarks: make sure the Docker engine answers,
# the stack images exist and the daemon jar is fresh. Every step is idempotent.

SLIPWAY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SLIPWAY_JAR="$SLIPWAY_ROOT/daemon/target/slipway.jar"
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SUITE=${DEBIAN_SUITE:-trixie}
# The daemon's JVM options: scripts/paas up runs with them, and scripts/bench-router runs the
# router with them, so that the benchmark measures what is deployed.
SLIPWAY_JVM_OPTS=${SLIPWAY_JVM_OPTS:-"-XX:+UseSerialGC -Xss512k"}
# SLIPWAY_CLASS_DATA=off starts the daemon without its class-data archive (see daemon_jvm_opts).
SLIPWAY_CLASS_DATA=${SLIPWAY_CLASS_DATA:-on}

say() { printf '%s\n' "slipway: $*" >&2; }
die() { printf '%s\n' "error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "installing $* from the distribution's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_tools() {
  local missing=()
  command -v git >/dev/null || missing+=(git)
  command -v ssh >/dev/null || missing+=(openssh-client)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  command -v curl >/dev/null || missing+=(curl)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v mvn >/dev/null || missing+=(maven)
  if [ ${#missing[@]} -gt 0 ]; then apt_install $(printf '%s\n' "${missing[@]}" | sort -u); fi
}

# Starts dockerd when no engine answers; installs docker.io first when it is missing.
ensure_docker() {
  if docker info >/dev/null 2>&1; then return 0; fi
  if [ -n "${DOCKER_HOST:-}" ]; then die "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST"; fi
  command -v dockerd >/dev/null || apt_install docker.io
  command -v docker >/dev/null || apt_install docker.io
  local log=${SLIPWAY_DOCKERD_LOG:-/var/log/slipway-dockerd.log}
  say "starting dockerd (log: $log)"
  as_root sh -c "nohup dockerd >>'$log' 2>&1 &"
  local i
  for i in $(seq 1 120); do
    docker info >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  tail -20 "$log" >&2
  die "dockerd did not start within 60 s; see $log"
}

# The stack images are built from Debian packages: debootstrap gives the run stack, and the
# build stack adds compilers and tools on top of it. A label carries the hash of the recipe, so
# a changed recipe rebuilds and an unchanged one is reused.
stack_recipe_hash() {
  { echo "$DEBIAN_SUITE $DEBIAN_MIRROR"; cat "$SLIPWAY_ROOT/stacks/build-stacks.sh" "$SLIPWAY_ROOT/stacks/build.Dockerfile" \
    "$SLIPWAY_ROOT"/stacks/bin/*; } | sha256sum | cut -c1-16
}

ensure_stacks() {
  local want have_run have_build
  want=$(stack_recipe_hash)
  have_run=$(docker image inspect -f '{{ index .Config.Labels "io.slipway.stack.recipe" }}' slipway/stack-run:latest 2>/dev/null || true)
  have_build=$(docker image inspect -f '{{ index .Config.Labels "io.slipway.stack.recipe" }}' slipway/stack-build:latest 2>/dev/null || true)
  if [ "$have_run" = "$want" ] && [ "$have_build" = "$want" ]; then return 0; fi
  command -v debootstrap >/dev/null || apt_install debootstrap
  say "building the stack images from Debian packages (once; takes a few minutes)"
  as_root env DEBIAN_MIRROR="$DEBIAN_MIRROR" DEBIAN_SUITE="$DEBIAN_SUITE" STACK_RECIPE="$want" \
    bash "$SLIPWAY_ROOT/stacks/build-stacks.sh"
}

# The daemon's JVM options: $SLIPWAY_JVM_OPTS, and class-data sharing for this jar on this java.
# The JVM then maps the classes the daemon loads from an archive instead of reading and verifying
# them from the jar at every start, which halves the time until the router answers. The first run
# of a new jar lists the classes it loads (-XX:DumpLoadedClassList, a text file written as it goes,
# so a killed daemon leaves a usable list); the next start turns the list into the archive
# (-Xshare:dump, a few seconds once). The archive is written under a temporary name and moved into
# place only when the dump succeeded, so no start ever maps half an archive. An archive that no
# longer matches (another java, a rebuilt jar) is replaced; a dump that fails is not retried for the
# same jar, and the daemon starts without it.
daemon_jvm_opts() {
  printf '%s' "$SLIPWAY_JVM_OPTS"
  case " $SLIPWAY_JVM_OPTS " in *" -Xshare:"*|*SharedArchiveFile*|*DumpLoadedClassList*) return 0 ;; esac
  [ "$SLIPWAY_CLASS_DATA" != off ] || return 0
  local java_id dir archive list tmp
  java_id=$(java -version 2>&1 | sha256sum | cut -c1-12)
  dir=$(dirname "$SLIPWAY_JAR")
  archive="$dir/slipway-$java_id.jsa"
  list="$dir/slipway-$java_id.classlist"
  if [ "$archive" -nt "$SLIPWAY_JAR" ]; then printf ' %s' "-XX:SharedArchiveFile=$archive"; return 0; fi
  if [ "$archive.failed" -nt "$SLIPWAY_JAR" ]; then return 0; fi
  if [ "$list" -nt "$SLIPWAY_JAR" ] && [ "$(wc -l <"$list")" -ge 1000 ]; then
    say "making the class-data archive of this build, once (a few seconds): the platform then starts in about half the time"
    rm -f "$dir"/slipway-*.jsa
    tmp="$archive.$$.tmp"
    if java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" -cp "$SLIPWAY_JAR" \
        >"$archive.log" 2>&1 && [ -s "$tmp" ]; then
      mv -f "$tmp" "$archive"
      rm -f "$list"
      printf ' %s' "-XX:SharedArchiveFile=$archive"
      return 0
    fi
    rm -f "$tmp"
    : >"$archive.failed"
    say "the class-data archive could not be made (see $archive.log); the platform starts without it"
    return 0
  fi
  printf ' %s' "-XX:DumpLoadedClassList=$list"
}

# Rebuilds the daemon jar when any source or pom is newer than it.
ensure_jar() {
  if [ -f "$SLIPWAY_JAR" ] && [ -z "$(find "$SLIPWAY_ROOT" -path "$SLIPWAY_ROOT/*/target" -prune -o \
      \( -path '*/src/main/*' -o -name 'pom.xml' \) -type f -newer "$SLIPWAY_JAR" -print -quit)" ]; then
    return 0
  fi
  say "building the daemon jar"
  (cd "$SLIPWAY_ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip.exec=true package) || die "the daemon jar did not build"
}
