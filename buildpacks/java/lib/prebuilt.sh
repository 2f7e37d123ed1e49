# prebuilt_artifact: prints what a Java app with no build of its own runs, as Cloud Foundry runs
# what is pushed: "." for an unpacked WAR (WEB-INF/web.xml, WEB-INF/classes or WEB-INF/lib at the
# root), else the one *.war, else the one *.jar with a Main-Class, at the root. Fails when none.
prebuilt_artifact() {
  local f manifest found=()
  if [ -f WEB-INF/web.xml ] || [ -d WEB-INF/classes ] || [ -d WEB-INF/lib ]; then
    echo .
    return 0
  fi
  shopt -s nullglob
  found=(*.war)
  if [ ${#found[@]} -eq 0 ]; then
    for f in *.jar; do
      # Read whole (a signed jar's manifest is long; grep -q would cut the pipe under pipefail).
      manifest=$(unzip -p "$f" META-INF/MANIFEST.MF 2>/dev/null || true)
      grep -qi '^Main-Class:' <<<"$manifest" && found+=("$f")
    done
  fi
  shopt -u nullglob
  [ ${#found[@]} -eq 1 ] || return 1
  echo "${found[0]}"
}

# prebuilt_beside_code: whether the root holds another language's code or markers (Python, Go,
# Node.js, PHP, Ruby sources, setup.py, runtime.txt, ...): a jar beside them is one of its tools.
prebuilt_beside_code() {
  local f
  for f in *.py *.go *.js *.mjs *.php *.rb setup.py Pipfile.lock .python-version runtime.txt Godeps glide.yaml Gemfile; do
    [ -e "$f" ] && return 0
  done
  return 1
}
