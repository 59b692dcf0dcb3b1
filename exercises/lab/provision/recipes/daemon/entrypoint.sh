#!/bin/sh
# The daemon role's supervisor, under tini (which reaps what dockerd leaves
# behind and passes signals on). It clears the pid files a killed engine left
# (dockerd and its containerd refuse to start while they exist), then runs
# dockerd with the arguments of the container. A stopped container stops
# dockerd with it. To restart dockerd alone, as for live-restore, create
# /run/dockdrill-restart and send dockerd SIGTERM: it is started again, and
# containers that outlived it are there to be restored.
set -u
pid=0
stop=0
trap 'stop=1; [ "$pid" -gt 0 ] && kill -TERM "$pid" 2>/dev/null' TERM INT
while :; do
	find /run -name '*.pid' -type f -delete 2>/dev/null
	dockerd "$@" &
	pid=$!
	wait "$pid"
	code=$?
	# wait returns early when a trapped signal arrives; wait again until
	# dockerd has really gone.
	while kill -0 "$pid" 2>/dev/null; do
		wait "$pid"
		code=$?
	done
	if [ "$stop" = 1 ] || [ ! -e /run/dockdrill-restart ]; then
		exit "$code"
	fi
	rm -f /run/dockdrill-restart
	echo "dockdrill: dockerd exited ($code); starting it again" >&2
done
