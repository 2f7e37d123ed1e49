# launchpoint: prints the file a Node.js app without a package.json runs: the first of server.js,
# app.js, main.js and index.js at its root (Paketo's order) that is a server, one that listens or
# makes one; a browser script beside a static site's index.html is none. Fails when there is none.
# slipway/static's detect leaves such an app to slipway/nodejs by the same test.
launchpoint() {
  local file server='createServer|\.listen[[:space:]]*\(|(require[[:space:]]*\(|from)[[:space:]]*["'\''](node:)?(https?|express|fastify|koa|hapi|@hapi/hapi|net)["'\'']'
  for file in server.js app.js main.js index.js; do
    if [ -f "$file" ] && grep -Eqs "$server" "$file"; then
      printf '%s\n' "$file"
      return 0
    fi
  done
  return 1
}
