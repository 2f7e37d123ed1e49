# launchpoint: prints the file a Node.js app without a package.json runs: the first of server.js,
# app.js, main.js and index.js at its root (Paketo's order) that is a Node.js server, one that
# listens or makes one and uses what only Node.js has (require, process.env, node: or http
# imports). Beside a site's index.html it must also read its port from process.env and be none
# of the page's scripts, nor touch document or window: a site's browser code (history.listen,
# a mock createServer) or a local development server stays the site's. Fails when there is none.
# slipway/nodejs and slipway/static each hold this file (BundledBuildpacksTest checks they are the
# same): static's detect leaves such an app, and its index.html, to nodejs.
launchpoint() {
  local file page= listens='createServer|\.listen[[:space:]]*\('
  local node='require[[:space:]]*\(|process\.env|from[[:space:]]*["'\''](node:|https?["'\'']|net["'\''])'
  for f in index.html public/index.html; do [ -f "$f" ] && page=$f && break; done
  for file in server.js app.js main.js index.js; do
    [ -f "$file" ] && grep -Eqs "$listens" "$file" && grep -Eqs "$node" "$file" || continue
    if [ -n "$page" ]; then
      grep -Eqs 'process\.env\.PORT|process\.env\[["'\'']PORT' "$file" || continue
      grep -Eqs '(^|[^A-Za-z0-9_$.])(document|window)\.' "$file" && continue
      grep -Eqs "<script[^>]*src=[\"']?(\./|/)?$file" "$page" && continue
    fi
    printf '%s\n' "$file"
    return 0
  done
  return 1
}
