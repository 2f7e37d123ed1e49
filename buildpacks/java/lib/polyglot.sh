# polyglot_pom: prints the Maven Polyglot pom of the app (pom.yaml, .yml, .groovy, .rb, .scala,
# .clj, .atom or .kts, read by the extension .mvn/extensions.xml names), if it has one.
polyglot_pom() {
  local f
  [ -f .mvn/extensions.xml ] || return 0
  for f in pom.yaml pom.yml pom.groovy pom.rb pom.scala pom.clj pom.atom pom.kts; do
    if [ -f "$f" ]; then printf '%s' "$f" && return 0; fi
  done
}
