# slipway/php: the settings of apps written for Cloud Foundry's and Paketo's PHP buildpacks.
# Sourced by bin/build (step 0), before anything is downloaded; uses its helpers (step, info, warn,
# fail, write_toml, want_ext) and variables (php_series, composer_json, app_dir, layers_dir,
# php_layer, ini_layer).

# read_cf_options FILE: Cloud Foundry's .bp-config/options.json. PHP_EXTENSIONS and
# ZEND_EXTENSIONS are wanted extensions, WEBDIR and LIBDIR set cf_webdir and cf_libdir (LIBDIR
# defaults to lib/, as on Cloud Foundry; empty when that is no directory). Every other key gets a
# warning saying what happens here instead, so a CF app's settings are never dropped silently.
read_cf_options() {
  local file=$1 err key val json e
  step "Reading $file (Cloud Foundry's PHP buildpack settings)"
  if ! err=$(jq empty "$file" 2>&1); then
    err=${err#jq: }
    fail "$file is not valid JSON: ${err#error (at *): }"
  fi
  jq -e 'type == "object"' "$file" >/dev/null || fail "$file must hold a JSON object ({\"PHP_EXTENSIONS\": [...], ...})"
  while IFS= read -r key; do
    val=$(jq -r --arg k "$key" '.[$k] | if type == "string" then . else tojson end' "$file")
    json=$(jq -c --arg k "$key" '.[$k]' "$file")
    case $key in
      PHP_EXTENSIONS | ZEND_EXTENSIONS)
        jq -e --arg k "$key" '.[$k] | type == "array" and all(.[]; type == "string")' "$file" >/dev/null ||
          fail "$key in $file must be a list of extension names, like [\"redis\", \"gmp\"] (it is $json)"
        while read -r e; do want_ext "$e" "$file"; done < <(jq -r --arg k "$key" '.[$k][]' "$file")
        info "$key: $(jq -r --arg k "$key" 'if .[$k] == [] then "(none)" else .[$k] | join(" ") end' "$file")" ;;
      WEBDIR | LIBDIR)
        jq -e --arg k "$key" '.[$k] | type == "string" and length > 0' "$file" >/dev/null ||
          fail "$key in $file must be a directory name, like \"htdocs\" (it is $json)"
        if [ "$key" = WEBDIR ]; then cf_webdir=${val#/}; else cf_libdir=${val#/}; fi ;;
      PHP_VERSION)
        if [[ $val =~ ^(\{PHP_${php_series/./}_LATEST\}|$php_series(\.[0-9x*]+)?)$ ]]; then
          info "PHP_VERSION $val: PHP $php_series is what this buildpack provides"
        else
          warn "PHP_VERSION $val is not available: this buildpack provides the stack's PHP $php_series only (Debian ${CNB_TARGET_DISTRO_VERSION:-13}); the build goes on with it"
        fi ;;
      PHP_DEFAULT | PHP_[0-9]*_LATEST) warn "$key has no effect: the only PHP here is the stack's PHP $php_series" ;;
      WEB_SERVER)
        case $val in
          nginx) info "WEB_SERVER nginx: nginx + php-fpm serve the app, with this buildpack's nginx configuration (add your own directives in nginx_app.conf)" ;;
          none) warn "WEB_SERVER none has no effect: the default web process is still nginx + php-fpm; run your own with a Procfile 'web:' line (e.g. web: php -S 0.0.0.0:\$PORT -t htdocs)" ;;
          *) warn "WEB_SERVER $val: Apache httpd is not available here, nginx + php-fpm serve the app (a Procfile's 'web: heroku-php-apache2' runs them too); .htaccess files and Apache configuration are not read: put rewrites in nginx_app.conf" ;;
        esac ;;
      HTTPD_VERSION | HTTPD_STRIP | HTTPD_MODULES_STRIP | ADMIN_EMAIL) warn "$key has no effect: Apache httpd is not installed (nginx + php-fpm serve the app)" ;;
      NGINX_VERSION | NGINX_STRIP) warn "$key has no effect: the stack's nginx (Debian's) is used" ;;
      PHP_MODULES) warn "PHP_MODULES has no effect: the PHP CLI and php-fpm are always installed" ;;
      PHP_VM | PHP_STRIP | PHP_MODULES_STRIP | STACK) warn "$key has no effect here" ;;
      COMPOSER_VERSION) warn "COMPOSER_VERSION has no effect: Debian's Composer (the stack's) is used" ;;
      COMPOSER_INSTALL_OPTIONS) warn "COMPOSER_INSTALL_OPTIONS has no effect: composer install always runs with --no-dev --optimize-autoloader --no-interaction" ;;
      COMPOSER_VENDOR_DIR | COMPOSER_BIN_DIR) warn "$key has no effect: Composer installs into vendor/ in the app dir" ;;
      COMPOSER_CACHE_DIR) warn "COMPOSER_CACHE_DIR has no effect: Composer's cache is kept in the app's build cache" ;;
      COMPOSER_INSTALL_GLOBAL) warn "COMPOSER_INSTALL_GLOBAL is not supported: only the app's own $composer_json is installed" ;;
      ADDITIONAL_PREPROCESS_CMDS) warn "ADDITIONAL_PREPROCESS_CMDS are not run: put commands to run before every start in .profile.d/*.sh, once-per-release tasks in a Procfile 'release:' line" ;;
      APP_START_CMD) warn "APP_START_CMD is not read: give the command as a Procfile line (web: or worker:)" ;;
      *) warn "$key is not supported by this buildpack and is ignored" ;;
    esac
  done < <(jq -r 'keys_unsorted[]' "$file")
  if [ -n "$cf_libdir" ] && [ ! -d "$cf_libdir" ]; then
    warn "LIBDIR $cf_libdir is not a directory of the app: not added to PHP's include_path"
  fi
  [ -n "$cf_libdir" ] || cf_libdir=lib
  [ -d "$cf_libdir" ] || cf_libdir=
}

# warn_unread_cf_config: Cloud Foundry configuration files this buildpack does not read (it
# generates its own).
warn_unread_cf_config() {
  local f
  for f in .bp-config/httpd .bp-config/nginx .bp-config/php/php.ini .bp-config/php/php-fpm.conf .bp-config/php/fpm.d .extensions; do
    [ -e "$f" ] || continue
    case $f in
      .bp-config/httpd | .bp-config/nginx) warn "$f/ is not read: nginx + php-fpm serve the app with this buildpack's configuration; put nginx directives (rewrites, headers, locations) in nginx_app.conf" ;;
      .bp-config/php/php.ini) warn "$f is not read (it would replace the whole php.ini): put the settings you change in .bp-config/php/php.ini.d/*.ini" ;;
      .extensions) warn "$f/ (Cloud Foundry buildpack extensions) is not run" ;;
      *) warn "$f is not read: php-fpm's pool is generated at start (the WEB_CONCURRENCY config var sets pm.max_children)" ;;
    esac
  done
}

# write_ini_layer CF_OPTIONS: the php-ini layer (launch, build; rebuilt every time, absent when
# empty), which the php layer's PHP_INI_SCAN_DIR names after its own conf.d, so it applies to
# php-fpm and the CLI, at build and at launch. It holds cf_libdir on include_path, and the php.ini
# snippets (Cloud Foundry's .bp-config/php/php.ini.d/*.ini, Paketo's .php.ini.d/*.ini; ini_files
# lists them). Their extension= and zend_extension= lines name extensions to install: the php
# layer's conf.d loads each installed one (by its path in the layer; a second extension= would
# make PHP warn "already loaded"), so they are commented out, as is extension_dir, which would hide
# the layer's extensions; the line numbers stay, for PHP's messages. PHP is not installed yet, so
# the lines are matched here rather than by PHP's ini parser.
write_ini_layer() {
  local cf_opts=$1 f out line e exts settings msg
  local ext_re=$'^[[:space:]]*(zend_)?extension[[:space:]]*=[[:space:]]*["\']?([^"\';[:space:]]+)'
  rm -rf "$ini_layer"
  rm -f "$ini_layer.toml"
  ini_files=()
  for f in .bp-config/php/php.ini.d/*.ini .php.ini.d/*.ini; do
    [ -f "$f" ] && ini_files+=("$f")
  done
  [ ${#ini_files[@]} -gt 0 ] || [ -n "$cf_libdir" ] || return 0
  mkdir -p "$ini_layer"
  if [ -n "$cf_libdir" ]; then
    printf '; slipway/php: LIBDIR of %s, as on Cloud Foundry\ninclude_path = ".:%s/usr/share/php:%s"\n' \
      "$cf_opts" "$php_layer" "$app_dir/${cf_libdir%/}" >"$ini_layer/10-libdir.ini"
    info "LIBDIR ${cf_libdir%/}/ is on PHP's include_path"
  fi
  for f in "${ini_files[@]}"; do
    case $f in .bp-config/*) out=bp-config-${f##*/} ;; *) out=php.ini.d-${f##*/} ;; esac
    exts=()
    while IFS= read -r line || [ -n "$line" ]; do
      if [[ $line =~ $ext_re ]]; then
        e=${BASH_REMATCH[2]##*/}
        e=${e%.so}
        e=${e%.dll}
        e=${e#php_}
        want_ext "$e" "$f"
        exts+=("${e,,}")
        printf '; %s  ; slipway/php: %s is installed and loaded by the buildpack\n' "${line%$'\r'}" "${e,,}"
      elif [[ $line =~ ^[[:space:]]*extension_dir[[:space:]]*= ]]; then
        printf '; %s  ; slipway/php: the extensions are in the php layer\n' "${line%$'\r'}"
      else
        printf '%s\n' "$line"
      fi
    done <"$f" >"$ini_layer/$out"
    settings=$(grep -cEv '^[[:space:]]*([;#[]|$)' "$ini_layer/$out" || true)
    msg=${exts[*]:+extensions ${exts[*]}}
    [ "$settings" -eq 0 ] || msg+="${msg:+; }$settings ${msg:+other }setting(s) loaded as PHP configuration"
    info "$f: ${msg:-nothing to load}"
  done
  write_toml php-ini true true false
}
