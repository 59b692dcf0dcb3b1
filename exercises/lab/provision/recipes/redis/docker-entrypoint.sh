#!/bin/sh
# Like the upstream redis image: arguments that start with "-" or name a
# .conf file are options for redis-server, and protected mode is off so that
# other containers can connect without a password.
set -e
case "$1" in
-* | *.conf) set -- redis-server "$@" ;;
esac
if [ "$1" = redis-server ]; then
	shift
	case "$1" in
	*.conf)
		conf=$1
		shift
		set -- redis-server "$conf" --protected-mode no "$@"
		;;
	*) set -- redis-server --protected-mode no "$@" ;;
	esac
fi
exec "$@"
