# Shared by the scripts/bench-* benchmarks: a throwaway platform on free ports with its own
# data dir and admin key, real git and ssh clients, and clean-up of what the run created.
source "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }

# Starts the daemon in the background; sets BENCH_DIR, SSH_PORT, HTTP_PORT, ADMIN_PORT, GIT_SSH_COMMAND.
bench_start() {
  ensure_tools
  ensure_docker
  ensure_stacks
  ensure_jar
  BENCH_DIR=$(mktemp -d /tmp/slipway-bench.XXXXXX)
  mkdir -p "$BENCH_DIR/home"
  ssh-keygen -q -t ed25519 -N '' -C bench -f "$BENCH_DIR/key"
  SSH_PORT=$(free_port) HTTP_PORT=$(free_port) ADMIN_PORT=$(free_port)
  # shellcheck disable=SC2046 # the options are words
  java $(daemon_jvm_opts) -jar "$SLIPWAY_JAR" --data-dir "$BENCH_DIR/data" --bind 127.0.0.1 --ssh-port "$SSH_PORT" \
    --http-port "$HTTP_PORT" --admin-port "$ADMIN_PORT" --admin-key "$BENCH_DIR/key.pub" \
    --buildpacks-dir "$SLIPWAY_ROOT/buildpacks" >"$BENCH_DIR/daemon.log" 2>&1 &
  BENCH_PID=$!
  trap bench_stop EXIT
  local i
  for i in $(seq 1 300); do
    grep -q '^slipway ready' "$BENCH_DIR/daemon.log" && break
    kill -0 "$BENCH_PID" 2>/dev/null || { cat "$BENCH_DIR/daemon.log" >&2; die "the daemon exited"; }
    sleep 0.1
  done
  export HOME="$BENCH_DIR/home" GIT_CONFIG_NOSYSTEM=1
  export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
  export GIT_SSH_COMMAND="ssh -i $BENCH_DIR/key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
  BENCH_APPS=()
}

# Clean-up is best effort: nothing here may end the script early (it runs from an EXIT trap).
bench_stop() {
  if [ -n "${BENCH_PID:-}" ] && kill "$BENCH_PID" 2>/dev/null; then wait "$BENCH_PID" 2>/dev/null || true; fi
  local app
  for app in "${BENCH_APPS[@]:-}"; do
    [ -n "$app" ] || continue
    docker ps -aq --filter "label=io.slipway.app=$app" | xargs -r docker rm -f >/dev/null 2>&1 || true
    docker images -q --filter "label=io.slipway.app=$app" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
    docker volume rm -f "slipway-cache-$app" >/dev/null 2>&1 || true
  done
  if [ -n "${BENCH_DIR:-}" ]; then rm -rf "$BENCH_DIR"; fi
  BENCH_PID=
}

# A copy of samples/NAME as a git repository with one commit and the platform as its remote,
# at $REPO (not a subshell: the app must be remembered for clean-up).
bench_repo() {
  local sample=$1 app=$2 dir="$BENCH_DIR/work/$2"
  BENCH_APPS+=("$app")
  REPO=$dir
  mkdir -p "$dir"
  (cd "$SLIPWAY_ROOT/samples/$sample" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -C "$dir" -xf -
  (cd "$dir" && git init -q -b master && git add -A && git commit -qm first \
    && git remote add paas "ssh://git@127.0.0.1:$SSH_PORT/$app.git")
}

# Waits until http://APP.localhost answers 200 with a body containing TEXT (60 s at most).
await_body() {
  local app=$1 text=$2 i
  for i in $(seq 1 1200); do
    if curl -fsS -m 2 -H "Host: $app.localhost" "http://127.0.0.1:$HTTP_PORT/" 2>/dev/null | grep -qF "$text"; then
      return 0
    fi
    sleep 0.05
  done
  die "$app did not answer with '$text'"
}
