# Shared by scripts/paas, scripts/test and the benchmarks: make sure the Docker engine answers,
# the stack images exist and the daemon jar is fresh. Every step is idempotent.

SLIPWAY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SLIPWAY_JAR="$SLIPWAY_ROOT/daemon/target/slipway.jar"
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SUITE=${DEBIAN_SUITE:-trixie}
# The daemon's JVM options: scripts/paas up runs with them, and scripts/bench-router runs the
# router with them, so that the benchmark measures what is deployed.
SLIPWAY_JVM_OPTS=${SLIPWAY_JVM_OPTS:-"-XX:+UseSerialGC -Xss512k"}

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

# Rebuilds the daemon jar when any source or pom is newer than it.
ensure_jar() {
  if [ -f "$SLIPWAY_JAR" ] && [ -z "$(find "$SLIPWAY_ROOT" -path "$SLIPWAY_ROOT/*/target" -prune -o \
      \( -path '*/src/main/*' -o -name 'pom.xml' \) -type f -newer "$SLIPWAY_JAR" -print -quit)" ]; then
    return 0
  fi
  say "building the daemon jar"
  (cd "$SLIPWAY_ROOT" && mvn -q -B -DskipTests -Dmaven.test.skip.exec=true package) || die "the daemon jar did not build"
}
