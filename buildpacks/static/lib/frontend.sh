# A Node.js app that is a static site: its build script runs a single-page-app or static-site
# builder (Vite, Create React App, Angular, Vue CLI, Parcel, Eleventy, Gatsby, Docusaurus, Astro,
# SvelteKit with adapter-static, ...), it has no server of its own, and its start script, if it
# has one, runs that tool's development or preview server, which is no production server.
# Netlify and Render serve such an app's build output; here slipway/static does, after
# slipway/nodejs built it. Read by bin/detect and bin/build.
#
# frontend_site: succeeds for such an app, setting
#   frontend_tool  the builder, as the build script names it (vite, react-scripts, ng, ...)
#   frontend_dirs  where it writes the site, the first with an index.html wins (globs allowed)
#   frontend_spa   true for a single-page app: a path that is no file answers index.html
#   frontend_start the start script it replaces (empty when there is none)

# Packages that make an app a server (or a server-rendered site), whatever its build runs.
FRONTEND_SERVERS=(express fastify koa @hapi/hapi hapi restify next nuxt @nestjs/core
  @sveltejs/adapter-node @astrojs/node @remix-run/serve @remix-run/express @react-router/serve
  @react-router/express @angular/ssr @nguniversal/express-engine vike vite-plugin-ssr
  @builder.io/qwik-city @solidjs/start solid-start @tanstack/react-start socket.io ws)

frontend_site() {
  frontend_tool= frontend_dirs= frontend_spa=false frontend_start=
  [ -f package.json ] && [ ! -f server.js ] || return 1
  ! grep -Eqs '^web:' Procfile || return 1
  local build start deps
  build=$(jq -r '.scripts.build // empty | strings' package.json 2>/dev/null) || return 1
  start=$(jq -r '.scripts.start // empty | strings' package.json 2>/dev/null) || return 1
  deps=$(jq -r '[(.dependencies // {}), (.devDependencies // {})] | map(objects | keys[]) | .[]' package.json 2>/dev/null) ||
    return 1
  # Next.js with output: 'export' (or the older next export) writes a static site and runs no server:
  # next start cannot serve it.
  local next_export= config
  if grep -qx next <<<"$deps" && [[ $build =~ (^|[^[:alnum:]_@/.-])next\ +(build|export) ]]; then
    for config in next.config.js next.config.mjs next.config.cjs next.config.ts next.config.mts; do
      # (line comments left out: a commented-out output: 'export' is no export)
      if [ -f "$config" ] && sed -E 's#(^|[^:])//.*#\1#' "$config" |
        grep -Eqs "output[\"']?[[:space:]]*:[[:space:]]*[\"']export[\"']"; then
        next_export=$(sed -E 's#(^|[^:])//.*#\1#' "$config" |
          sed -nE "s/.*distDir[\"']?[[:space:]]*:[[:space:]]*[\"']([^\"']+)[\"'].*/\1/p" | head -n1)
        next_export="${next_export:+$next_export }out"
      fi
    done
    [[ -n $next_export || ! $build =~ next\ +export ]] || next_export=out
  fi
  ! grep -qxF -f <(printf '%s\n' "${FRONTEND_SERVERS[@]}") <<<"$(if [ -n "$next_export" ]; then grep -vx next <<<"$deps"; else echo "$deps"; fi)" ||
    return 1

  local b='(^|[^[:alnum:]_@/.-])' # the tool's name starts a word
  if [ -n "$next_export" ]; then
    frontend_tool=next frontend_dirs=$next_export
  elif [[ $build =~ ${b}(react-scripts|craco|react-app-rewired)\ +build ]]; then
    frontend_tool=${BASH_REMATCH[2]} frontend_dirs=build frontend_spa=true
  elif [[ $build =~ ${b}vite\ +build ]]; then
    frontend_tool=vite frontend_dirs=dist frontend_spa=true
    if grep -qx '@sveltejs/kit' <<<"$deps"; then
      # SvelteKit writes a site only with adapter-static (adapter-auto makes nothing that runs here).
      grep -qx '@sveltejs/adapter-static' <<<"$deps" || return 1
      frontend_tool=SvelteKit frontend_dirs=build frontend_spa=false
    fi
  elif [[ $build =~ ${b}ng\ +build ]]; then
    frontend_tool=ng frontend_dirs='dist/*/browser dist/* dist' frontend_spa=true
  elif [[ $build =~ ${b}vue-cli-service\ +build ]]; then
    frontend_tool=vue-cli-service frontend_dirs=dist frontend_spa=true
  elif [[ $build =~ ${b}(parcel|rsbuild)\ +build ]]; then
    frontend_tool=${BASH_REMATCH[2]} frontend_dirs=dist frontend_spa=true
  elif [[ $build =~ ${b}(@11ty/)?eleventy($|[^[:alnum:]_-]) ]]; then
    frontend_tool=eleventy frontend_dirs=_site
  elif [[ $build =~ ${b}gatsby\ +build ]]; then
    frontend_tool=gatsby frontend_dirs=public
  elif [[ $build =~ ${b}docusaurus\ +build ]]; then
    frontend_tool=docusaurus frontend_dirs=build
  elif [[ $build =~ ${b}astro\ +build ]]; then
    frontend_tool=astro frontend_dirs=dist
  elif [[ $build =~ ${b}hexo\ +generate ]]; then
    frontend_tool=hexo frontend_dirs=public
  elif [[ $build =~ ${b}(vitepress|vuepress)\ +build ]]; then
    frontend_tool=${BASH_REMATCH[2]} frontend_dirs="docs/.$frontend_tool/dist .$frontend_tool/dist */.$frontend_tool/dist"
  else
    return 1
  fi
  if [ -n "$start" ]; then
    # Only a development or preview server gives way: any other start script is the app's server.
    local dev="${b}(react-scripts start|craco start|react-app-rewired start|vite($| +(dev|serve|preview)($| )| +-)"
    dev+="|ng serve|vue-cli-service serve|(parcel|rsbuild) +(dev|serve|preview)|parcel +[^b -]|(@11ty/)?eleventy .*--serve"
    dev+="|gatsby +(develop|serve)|docusaurus +(start|serve)|astro +(dev|preview)|hexo +server|webpack +serve|webpack-dev-server"
    dev+="|(vitepress|vuepress) +(dev|preview)|next +(dev|start))"
    [[ $start =~ $dev ]] || { frontend_tool=; return 1; }
    frontend_start=$start
  fi
  return 0
}

# frontend_root: the first of frontend_dirs with an index.html, else of the directories such tools
# are often told to write to (Vite's outDir: 'build', ...), printed (empty when none).
frontend_root() {
  local pattern dir
  for pattern in $frontend_dirs dist build out _site www; do
    for dir in $pattern; do
      if [ -f "$dir/index.html" ]; then
        printf '%s' "$dir"
        return 0
      fi
    done
  done
}
