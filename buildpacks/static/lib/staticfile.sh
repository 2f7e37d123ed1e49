# Cloud Foundry's Staticfile and Staticfile.auth (its staticfile-buildpack), read for bin/build,
# which defines warn and fail.

# The Staticfile's settings: STATICFILE (key -> value, unquoted, without comments), the keys in the
# order they came (STATICFILE_KEYS), and status_codes' map (STATICFILE_CODES: code -> page).
declare -A STATICFILE=() STATICFILE_CODES=()
STATICFILE_KEYS=()

# staticfile_read FILE: fills the variables above, with a warning for each line it cannot read.
# Hand-written: the build stack has no YAML parser (no yq, no PyYAML), and all Cloud Foundry reads
# from a Staticfile is one-line "key: value" pairs and the one map of status_codes.
staticfile_read() {
  local line n=0 key value map=
  local top='^([A-Za-z0-9_.-]+)[[:space:]]*:([[:space:]]+(.*))?$'
  local code='^[[:space:]]+["'\'']?([0-9]{3}|[45]xx)["'\'']?[[:space:]]*:[[:space:]]+(.*)$'
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#.*)?$ || $line =~ ^(---|\.\.\.)[[:space:]]*$ ]] && continue
    if [[ $line =~ ^[[:space:]] ]]; then # a line of the map the key above opened
      if [ "$map" = status_codes ] && [[ $line =~ $code ]]; then
        STATICFILE_CODES[${BASH_REMATCH[1]}]=$(staticfile_scalar "${BASH_REMATCH[2]}")
      elif [ "$map" = status_codes ] || [ -z "$map" ]; then
        warn "Staticfile line $n is not understood (expected 'key: value', or '  404: /404.html' under status_codes)"
      fi # under another key: that key is warned about as unknown
      continue
    fi
    if [[ ! $line =~ $top ]]; then
      warn "Staticfile line $n is not understood (expected 'key: value', with a space after the colon)"
      map=
      continue
    fi
    key=${BASH_REMATCH[1]}
    value=$(staticfile_scalar "${BASH_REMATCH[3]}")
    if [ -n "${STATICFILE[$key]+set}" ]; then
      warn "Staticfile: $key is set twice; the last one counts"
    else
      STATICFILE_KEYS+=("$key")
    fi
    STATICFILE[$key]=$value
    map=
    [ -n "$value" ] || map=$key
  done <"$1"
}

# What the Staticfile asks for (set by staticfile_settings; these are the defaults without one).
sf_root= sf_pushstate=false sf_force_https=false sf_listing=false sf_ssi=false sf_gzip=true
sf_dotfiles=false sf_hsts= sf_include=

# staticfile_settings: reads STATICFILE into the sf_* variables, with one warning for each key or
# value that is not honoured. status_codes stays in STATICFILE_CODES: bin/build checks its pages.
staticfile_settings() {
  local key hsts=false subdomains=false preload=false
  sf_root=${STATICFILE[root]-}
  sf_include=${STATICFILE[location_include]-}
  staticfile_on pushstate && sf_pushstate=true
  staticfile_on force_https && sf_force_https=true
  staticfile_on ssi && sf_ssi=true
  staticfile_on host_dot_files && sf_dotfiles=true
  # Cloud Foundry lists directories for any value of directory; only yes-like ones do here, so
  # that "directory: hidden" does not publish a listing.
  case ${STATICFILE[directory]-} in
    visible | true | enabled) sf_listing=true ;;
    "" | hidden | false | disabled) ;;
    *) warn "Staticfile: directory: ${STATICFILE[directory]} is ignored: 'directory: visible' lists directories" ;;
  esac
  case ${STATICFILE[gzip]-} in
    "" | on | true | enabled) ;;
    off | false | disabled) sf_gzip=false ;;
    *) warn "Staticfile: gzip: ${STATICFILE[gzip]} is ignored: 'gzip: off' turns compression off" ;;
  esac
  # include_subdomains and preload each imply the header, and preload implies includeSubDomains,
  # as Cloud Foundry's documentation says (hstspreload.org refuses a header without it).
  staticfile_on http_strict_transport_security && hsts=true
  staticfile_on http_strict_transport_security_include_subdomains && subdomains=true
  staticfile_on http_strict_transport_security_preload && preload=true
  if [ "$preload" = true ]; then
    sf_hsts="max-age=31536000; includeSubDomains; preload"
  elif [ "$subdomains" = true ]; then
    sf_hsts="max-age=31536000; includeSubDomains"
  elif [ "$hsts" = true ]; then
    sf_hsts="max-age=31536000"
  fi
  if [ -n "${STATICFILE[status_codes]-}" ]; then
    warn "Staticfile: status_codes is a map, one '  404: /404.html' line per code below it: ignored"
  fi
  for key in "${STATICFILE_KEYS[@]}"; do
    case $key in
      root | pushstate | force_https | ssi | host_dot_files | directory | gzip | location_include | status_codes) ;;
      http_strict_transport_security | http_strict_transport_security_include_subdomains) ;;
      http_strict_transport_security_preload) ;;
      enable_http2) warn "Staticfile: enable_http2 is ignored: the router talks to browsers; the app is served HTTP/1.1 behind it" ;;
      http_proxy | https_proxy) warn "Staticfile: $key is ignored: it is the proxy for Cloud Foundry's staging downloads" ;;
      *) warn "Staticfile: $key is not a Staticfile setting: ignored" ;;
    esac
  done
}

# staticfile_scalar TEXT: a YAML scalar's value: a quoted one without its quotes, a plain one
# without its trailing "# comment" and spaces.
staticfile_scalar() {
  local v=$1
  v=${v#"${v%%[![:space:]]*}"}
  case $v in
    \"*) v=${v#\"} && v=${v%%\"*} ;;
    \'*) v=${v#\'} && v=${v%%\'*} ;;
    \#*) v= ;;
    *) v=${v%%[[:space:]]#*} && v=${v%"${v##*[![:space:]]}"} ;;
  esac
  printf '%s' "$v"
}

# staticfile_on KEY: whether KEY is on. Cloud Foundry takes "true" and "enabled" (nothing else) as
# on; another value that is not plainly off warns, so that "yes" does not fail silently.
staticfile_on() {
  local v=${STATICFILE[$1]-}
  case $v in
    true | enabled) return 0 ;;
    false | disabled | "") return 1 ;;
  esac
  warn "Staticfile: $1: $v is ignored: Cloud Foundry understands only true (or enabled) and false"
  return 1
}

# staticfile_auth FILE OUT: writes FILE's htpasswd lines to OUT for nginx (Unix line ends, no blank
# lines) and sets auth_users to their number. A line that is not user:hash fails the build, as
# does a file with no user: nginx would answer 401 to everyone, or worse, the owner would believe
# the site protected. Lines are named by number, never shown: they hold password hashes.
staticfile_auth() {
  local line n=0 hash
  auth_users=0
  : >"$2"
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#.*)?$ ]] && continue
    [[ $line =~ ^[^:[:space:]#][^:]*:[^:[:space:]]+(:.*)?$ ]] ||
      fail "$1 line $n is not user:password-hash (make one with 'openssl passwd -apr1' or 'htpasswd -nB USER')"
    hash=${line#*:}
    hash=${hash%%:*}
    # nginx reads $id$ hashes (apr1, MD5, SHA-crypt, bcrypt, yescrypt) with crypt(3), the {SCHEME}
    # ones itself, and anything else as a 13-character DES hash.
    if [[ ! $hash =~ ^(\$[0-9a-z]+\$|\{(PLAIN|SHA|SSHA)\}) && ! $hash =~ ^[./0-9A-Za-z]{13}$ ]]; then
      warn "$1 line $n: the password is not hashed, so it will never match: hash it with 'openssl passwd -apr1'"
    fi
    printf '%s\n' "$line" >>"$2"
    auth_users=$((auth_users + 1))
  done <"$1"
  [ "$auth_users" -gt 0 ] ||
    fail "$1 has no user:password-hash line: add one (e.g. 'openssl passwd -apr1'), or remove the file to serve the site publicly"
}
