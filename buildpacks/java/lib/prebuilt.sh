# prebuilt_artifact: prints what a Java app with no build of its own runs, as Cloud Foundry runs
# what is pushed: "." for an unpacked WAR (WEB-INF/web.xml, WEB-INF/classes or WEB-INF/lib at the
# root), else the one *.war, else the one *.jar with a Main-Class, at the root. Fails when none.
prebuilt_artifact() {
  local f found=()
  if [ -f WEB-INF/web.xml ] || [ -d WEB-INF/classes ] || [ -d WEB-INF/lib ]; then
    echo .
    return 0
  fi
  shopt -s nullglob
  found=(*.war)
  if [ ${#found[@]} -eq 0 ]; then
    for f in *.jar; do
      unzip -p "$f" META-INF/MANIFEST.MF 2>/dev/null | grep -qi '^Main-Class:' && found+=("$f")
    done
  fi
  shopt -u nullglob
  [ ${#found[@]} -eq 1 ] || return 1
  echo "${found[0]}"
}
