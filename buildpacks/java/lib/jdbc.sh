# slipway/java: JDBC settings from DATABASE_URL (a postgres:// or mysql:// URL, as add-ons give;
# else JAWSDB_URL, JAWSDB_MARIA_URL, CLEARDB_DATABASE_URL or MYSQL_URL),
# as Heroku's Java support makes them: JDBC_DATABASE_URL, JDBC_DATABASE_USERNAME and
# JDBC_DATABASE_PASSWORD, and Spring Boot's SPRING_DATASOURCE_URL/_USERNAME/_PASSWORD
# (not with DISABLE_SPRING_DATASOURCE_URL=true). Variables the app sets itself are kept.
_jdbc_source=${DATABASE_URL:-${JAWSDB_URL:-${JAWSDB_MARIA_URL:-${CLEARDB_DATABASE_URL:-${MYSQL_URL:-}}}}}
if [ -n "$_jdbc_source" ]; then
  _jdbc_scheme=${_jdbc_source%%://*}
  _jdbc_rest=${_jdbc_source#*://}
  case $_jdbc_scheme in
    postgres | postgresql) _jdbc_scheme=postgresql ;;
    mysql | mysql2) _jdbc_scheme=mysql ;;
    mariadb) _jdbc_scheme=mariadb ;;
    *) _jdbc_scheme= ;;
  esac
  if [ -n "$_jdbc_scheme" ] && [ "$_jdbc_rest" != "$_jdbc_source" ]; then
    _jdbc_host=${_jdbc_rest%%/*} _jdbc_path=
    [ "$_jdbc_host" != "$_jdbc_rest" ] && _jdbc_path=/${_jdbc_rest#*/}
    _jdbc_user= _jdbc_pass=
    case $_jdbc_host in
      *@*)
        _jdbc_info=${_jdbc_host%@*} _jdbc_host=${_jdbc_host##*@}
        _jdbc_user=${_jdbc_info%%:*}
        case $_jdbc_info in *:*) _jdbc_pass=${_jdbc_info#*:} ;; esac ;;
    esac
    _jdbc_url="jdbc:$_jdbc_scheme://$_jdbc_host$_jdbc_path"
    if [ -n "$_jdbc_user" ]; then
      case $_jdbc_path in *\?*) _jdbc_url+="&" ;; *) _jdbc_url+="?" ;; esac
      _jdbc_url+="user=$_jdbc_user"
      case $_jdbc_info in *:*) _jdbc_url+="&password=$_jdbc_pass" ;; esac
    fi
    # The URL keeps the user and password percent-encoded; the separate variables are decoded.
    _jdbc_user=${_jdbc_user//\\/\\\\} _jdbc_pass=${_jdbc_pass//\\/\\\\} # printf %b: only %XX is decoded
    _jdbc_user=$(printf '%b' "${_jdbc_user//%/\\x}")
    _jdbc_pass=$(printf '%b' "${_jdbc_pass//%/\\x}")
    export JDBC_DATABASE_URL=${JDBC_DATABASE_URL:-$_jdbc_url}
    export JDBC_DATABASE_USERNAME=${JDBC_DATABASE_USERNAME:-$_jdbc_user}
    export JDBC_DATABASE_PASSWORD=${JDBC_DATABASE_PASSWORD:-$_jdbc_pass}
    # Spring's three together, or none when the app configures its own datasource URL.
    if [ "${DISABLE_SPRING_DATASOURCE_URL:-}" != true ] && [ -z "${SPRING_DATASOURCE_URL:-}" ]; then
      export SPRING_DATASOURCE_URL=$_jdbc_url
      export SPRING_DATASOURCE_USERNAME=${SPRING_DATASOURCE_USERNAME:-$_jdbc_user}
      export SPRING_DATASOURCE_PASSWORD=${SPRING_DATASOURCE_PASSWORD:-$_jdbc_pass}
    fi
  fi
  unset _jdbc_scheme _jdbc_rest _jdbc_host _jdbc_path _jdbc_user _jdbc_pass _jdbc_info _jdbc_url
fi
unset _jdbc_source
