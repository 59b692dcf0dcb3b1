package tasktest

// Proofs are the proofs' own copies of the tasks' reference solutions and
// their common mistakes, by checker name. The contract test checks that
// each solution says what the card's solution text says.
var Proofs = map[string]Proof{
	// containers
	"run-web-published": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-web -p 127.0.0.1:8081:80 nginx:alpine"}},
		Mistakes: []Mistake{{Name: "no -p: the port is not published",
			Steps: Steps{Lines: []string{"docker run -d --name dd-web nginx:alpine"}},
			Item:  "dd-web publishes its port 80", Reason: "publishes no port"}},
	},
	"exec-create-file": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-box busybox:1.36 sleep 3600",
			"docker exec dd-box sh -c 'echo ok > /tmp/ready'",
		}},
		Mistakes: []Mistake{{Name: "no long-running command: the container exits at once",
			Steps: Steps{Lines: []string{"docker run -d --name dd-box busybox:1.36", "docker exec dd-box sh -c 'echo ok > /tmp/ready'"}},
			Item:  "dd-box is running", Reason: "exists but is exited"}},
	},
	"restart-always": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-always --restart always redis:7-alpine"}},
		Mistakes: []Mistake{{Name: "on-failure instead of always",
			Steps: Steps{Lines: []string{"docker run -d --name dd-always --restart on-failure redis:7-alpine"}},
			Item:  "restart policy always", Reason: "restarts on-failure"}},
	},
	"limits-memory-cpu": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-limited --memory 64m --cpus 0.5 busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "--cpu-shares, a weight, instead of --cpus",
			Steps: Steps{Lines: []string{"docker run -d --name dd-limited --memory 64m --cpu-shares 512 busybox:1.36 sleep 3600"}},
			Item:  "at most half a CPU", Reason: "relative weight"}},
	},
	"env-var": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-env -e GREETING=hello busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "-e without a value copies an unset variable",
			Steps: Steps{Lines: []string{"docker run -d --name dd-env -e GREETING busybox:1.36 sleep 3600"}},
			Item:  "GREETING is hello", Reason: "-e GREETING alone copies the variable from your shell"}},
	},
	"cp-into": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-cp busybox:1.36 sleep 3600",
			"docker cp note.txt dd-cp:/tmp/note.txt",
		}},
		Mistakes: []Mistake{{Name: "copied to / instead of /tmp",
			Steps: Steps{Lines: []string{"docker run -d --name dd-cp busybox:1.36 sleep 3600", "docker cp note.txt dd-cp:/"}},
			Item:  "/tmp/note.txt in dd-cp", Reason: "No such file"}},
	},
	"cp-out": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-src busybox:1.36 sleep 3600",
			"docker cp dd-src:/etc/hostname hostname.txt",
		}},
		Mistakes: []Mistake{{Name: "copied into . keeps the name hostname",
			Steps: Steps{Lines: []string{"docker run -d --name dd-src busybox:1.36 sleep 3600", "docker cp dd-src:/etc/hostname ."}},
			Item:  "hostname.txt in the task folder", Reason: "there is a file named hostname"}},
	},
	"logs-stdout": {
		Solution: Steps{Lines: []string{`docker run -d --name dd-logger busybox:1.36 sh -c 'echo dd started; sleep 3600'`}},
		Mistakes: []Mistake{{Name: "written into a file, not to the output",
			Steps: Steps{Lines: []string{`docker run -d --name dd-logger busybox:1.36 sh -c 'echo dd started > /tmp/log; sleep 3600'`}},
			Item:  "docker logs dd-logger shows dd started", Reason: "not what it writes into files"}},
	},
	"read-only-rootfs": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-locked --read-only busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "no --read-only",
			Steps: Steps{Lines: []string{"docker run -d --name dd-locked busybox:1.36 sleep 3600"}},
			Item:  "root file system is read-only", Reason: "docker run --read-only"}},
	},

	// images
	"commit-change": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-work busybox:1.36 sleep 3600",
			"docker exec dd-work sh -c 'echo hi > /greeting'",
			"docker commit dd-work dd-snap:1",
		}},
		Mistakes: []Mistake{{Name: "committed before the file was written",
			Steps: Steps{Lines: []string{
				"docker run -d --name dd-work busybox:1.36 sleep 3600",
				"docker commit dd-work dd-snap:1",
				"docker exec dd-work sh -c 'echo hi > /greeting'",
			}},
			Item: "finds /greeting holding hi", Reason: "commit after the file is written"}},
	},
	"tag-image": {
		Solution: Steps{Lines: []string{"docker tag busybox:1.36 dd-tools:1.0"}},
		Mistakes: []Mistake{{Name: "no tag given: latest",
			Steps: Steps{Lines: []string{"docker tag busybox:1.36 dd-tools"}},
			Item:  "dd-tools:1.0 is the busybox image", Reason: "without :tag means :latest"}},
	},
	"run-from-tag": {
		Solution: Steps{Lines: []string{
			"docker tag busybox:1.36 dd-ver:2",
			"docker run -d --name dd-ver-box dd-ver:2 sleep 3600",
		}},
		Mistakes: []Mistake{{Name: "ran the original name instead of the new tag",
			Steps: Steps{Lines: []string{"docker tag busybox:1.36 dd-ver:2", "docker run -d --name dd-ver-box busybox:1.36 sleep 3600"}},
			Item:  "was started from dd-ver:2", Reason: "use the new tag"}},
	},
	"save-archive": {
		Solution: Steps{Lines: []string{
			"docker tag busybox:1.36 dd-archive:1",
			"docker save -o dd-archive.tar dd-archive:1",
		}},
		Mistakes: []Mistake{{Name: "docker export of a container instead of docker save",
			Steps: Steps{Lines: []string{
				"docker tag busybox:1.36 dd-archive:1",
				"docker create --name dd-archive-box dd-archive:1",
				"docker export -o dd-archive.tar dd-archive-box",
			}},
			Item: "is an image archive of dd-archive:1", Reason: "not an image with its layers and tags (docker save)"}},
	},
	"commit-with-cmd": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-motd-work busybox:1.36 sleep 3600",
			"docker exec dd-motd-work sh -c 'echo welcome > /motd'",
			`docker commit --change 'CMD ["cat", "/motd"]' dd-motd-work dd-motd:1`,
		}},
		Mistakes: []Mistake{{Name: "commit without --change keeps sleep 3600 as the command",
			Steps: Steps{Lines: []string{
				"docker run -d --name dd-motd-work busybox:1.36 sleep 3600",
				"docker exec dd-motd-work sh -c 'echo welcome > /motd'",
				"docker commit dd-motd-work dd-motd:1",
			}},
			Item: "prints welcome", Reason: "--change"}},
	},

	// dockerfile
	"df-cmd": {
		Solution: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nCMD [\"echo\", \"hello from dd\"]\n"},
			Lines: []string{"docker build -t dd-hello:1 ."}},
		Mistakes: []Mistake{{Name: "RUN instead of CMD",
			Steps: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nRUN echo hello from dd\n"}, Lines: []string{"docker build -t dd-hello:1 ."}},
			Item:  "prints hello from dd", Reason: "RUN runs once while the image is built"}},
	},
	"df-entrypoint": {
		Solution: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nENTRYPOINT [\"echo\"]\nCMD [\"default\"]\n"},
			Lines: []string{"docker build -t dd-echo:1 ."}},
		Mistakes: []Mistake{{Name: "the whole command in CMD: an argument replaces it",
			Steps: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nCMD [\"echo\", \"default\"]\n"}, Lines: []string{"docker build -t dd-echo:1 ."}},
			Item:  "docker run dd-echo:1 hi prints hi", Reason: "arguments after the image replace CMD"}},
	},
	"df-env-workdir-user": {
		Solution: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nENV APP_MODE=prod\nWORKDIR /app\nUSER 1000\n"},
			Lines: []string{"docker build -t dd-env:1 ."}},
		Mistakes: []Mistake{{Name: "RUN cd instead of WORKDIR",
			Steps: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nENV APP_MODE=prod\nRUN mkdir /app && cd /app\nUSER 1000\n"}, Lines: []string{"docker build -t dd-env:1 ."}},
			Item:  "works in /app", Reason: "RUN cd /app lasts only for that RUN"}},
	},
	"df-healthcheck": {
		Solution: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nCOPY index.html /www/index.html\nEXPOSE 8000\nHEALTHCHECK --interval=2s CMD wget -q -O /dev/null http://127.0.0.1:8000/ || exit 1\nCMD [\"httpd\", \"-f\", \"-p\", \"8000\", \"-h\", \"/www\"]\n"},
			Lines: []string{
				"docker build -t dd-site:1 .",
				"docker run -d --name dd-site -p 127.0.0.1:8084:8000 dd-site:1",
			}},
		Mistakes: []Mistake{{Name: "no HEALTHCHECK",
			Steps: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nCOPY index.html /www/index.html\nEXPOSE 8000\nCMD [\"httpd\", \"-f\", \"-p\", \"8000\", \"-h\", \"/www\"]\n"},
				Lines: []string{"docker build -t dd-site:1 .", "docker run -d --name dd-site -p 127.0.0.1:8084:8000 dd-site:1"}},
			Item: "has a HEALTHCHECK", Reason: "no health check"}},
	},
	"df-dockerignore": {
		Solution: Steps{Files: map[string]string{
			"Dockerfile":    "FROM busybox:1.36\nCOPY . /src\n",
			".dockerignore": "secret.env\n",
		}, Lines: []string{"docker build -t dd-ignore:1 ."}},
		Mistakes: []Mistake{{Name: "built without the .dockerignore",
			Steps: Steps{Files: map[string]string{"Dockerfile": "FROM busybox:1.36\nCOPY . /src\n"}, Lines: []string{"docker build -t dd-ignore:1 ."}},
			Item:  "has no /src/secret.env", Reason: "secret.env went into the image"}},
	},

	// upload
	"push-to-registry": {
		Solution: Steps{Lines: []string{
			"docker tag busybox:1.36 $DD_REGISTRY/dd-box:1",
			"docker push $DD_REGISTRY/dd-box:1",
		}},
		Mistakes: []Mistake{{Name: "tagged but never pushed",
			Steps: Steps{Lines: []string{"docker tag busybox:1.36 $DD_REGISTRY/dd-box:1"}},
			Item:  "holds dd-box:1", Reason: "a tag alone stays on your machine"}},
	},
	"push-two-tags": {
		Solution: Steps{Lines: []string{
			"docker tag busybox:1.36 $DD_REGISTRY/dd-multi:1.0",
			"docker tag busybox:1.36 $DD_REGISTRY/dd-multi:latest",
			"docker push --all-tags $DD_REGISTRY/dd-multi",
		}},
		Mistakes: []Mistake{{Name: "pushed one tag only",
			Steps: Steps{Lines: []string{
				"docker tag busybox:1.36 $DD_REGISTRY/dd-multi:1.0",
				"docker tag busybox:1.36 $DD_REGISTRY/dd-multi:latest",
				"docker push $DD_REGISTRY/dd-multi:1.0",
			}},
			Item: "holds dd-multi:latest", Reason: "with the tags 1.0 only"}},
	},
	"pull-by-digest": {
		Solution: Steps{Lines: []string{
			"docker tag busybox:1.36 $DD_REGISTRY/dd-pin:1",
			"docker push $DD_REGISTRY/dd-pin:1",
			"docker pull $DD_REGISTRY/dd-pin@$DIGEST",
			"docker run -d --name dd-pinned $DD_REGISTRY/dd-pin@$DIGEST sleep 3600",
		}},
		Mistakes: []Mistake{{Name: "ran the tag instead of the digest",
			Steps: Steps{Lines: []string{
				"docker tag busybox:1.36 $DD_REGISTRY/dd-pin:1",
				"docker push $DD_REGISTRY/dd-pin:1",
				"docker run -d --name dd-pinned $DD_REGISTRY/dd-pin:1 sleep 3600",
			}},
			Item: "by its digest", Reason: "by a tag, which may move"}},
	},
	"own-registry": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-registry -p 127.0.0.1:5055:5000 registry:2",
			"docker tag busybox:1.36 127.0.0.1:5055/dd-mine:1",
			"docker push 127.0.0.1:5055/dd-mine:1",
		}},
		Mistakes: []Mistake{{Name: "the container port written as the host port",
			Steps: Steps{Lines: []string{"docker run -d --name dd-registry -p 127.0.0.1:5055:5055 registry:2"}},
			Item:  "publishes its port 5000", Reason: "the task asks for -p 127.0.0.1:5055:5000"}},
	},
	"push-namespaced": {
		Solution: Steps{Lines: []string{
			"docker tag busybox:1.36 $DD_REGISTRY/dd-team/dd-app:1",
			"docker push $DD_REGISTRY/dd-team/dd-app:1",
		}},
		Mistakes: []Mistake{{Name: "pushed without the namespace",
			Steps: Steps{Lines: []string{"docker tag busybox:1.36 $DD_REGISTRY/dd-app:1", "docker push $DD_REGISTRY/dd-app:1"}},
			Item:  "holds dd-team/dd-app:1", Reason: "at its top level"}},
	},

	// networks
	"net-dns": {
		Solution: Steps{Lines: []string{
			"docker network create dd-net",
			"docker run -d --name dd-db --network dd-net redis:7-alpine",
			"docker run -d --name dd-client --network dd-net busybox:1.36 sleep 3600",
		}},
		Mistakes: []Mistake{{Name: "the client on the default bridge",
			Steps: Steps{Lines: []string{
				"docker network create dd-net",
				"docker run -d --name dd-db --network dd-net redis:7-alpine",
				"docker run -d --name dd-client busybox:1.36 sleep 3600",
			}},
			Item: "dd-client is attached to dd-net", Reason: "attached to bridge only"}},
	},
	"net-none": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-offline --network none busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "left on the default bridge",
			Steps: Steps{Lines: []string{"docker run -d --name dd-offline busybox:1.36 sleep 3600"}},
			Item:  "no network interface but lo", Reason: "--network none"}},
	},
	"net-alias": {
		Solution: Steps{Lines: []string{
			"docker network create dd-apps",
			"docker run -d --name dd-api --network dd-apps --network-alias api nginx:alpine",
			"docker run -d --name dd-caller --network dd-apps busybox:1.36 sleep 3600",
		}},
		Mistakes: []Mistake{{Name: "no alias",
			Steps: Steps{Lines: []string{
				"docker network create dd-apps",
				"docker run -d --name dd-api --network dd-apps nginx:alpine",
				"docker run -d --name dd-caller --network dd-apps busybox:1.36 sleep 3600",
			}},
			Item: "has the alias api", Reason: "--network-alias api"}},
	},
	"net-two-networks": {
		Solution: Steps{Lines: []string{
			"docker network create dd-front",
			"docker network create dd-back",
			"docker run -d --name dd-mid --network dd-front busybox:1.36 sleep 3600",
			"docker network connect dd-back dd-mid",
		}},
		Mistakes: []Mistake{{Name: "never connected to the second network",
			Steps: Steps{Lines: []string{
				"docker network create dd-front",
				"docker network create dd-back",
				"docker run -d --name dd-mid --network dd-front busybox:1.36 sleep 3600",
			}},
			Item: "dd-mid is attached to dd-back", Reason: "docker network connect dd-back dd-mid"}},
	},
	"net-internal": {
		Solution: Steps{Lines: []string{
			"docker network create --internal dd-vault",
			"docker run -d --name dd-safe --network dd-vault busybox:1.36 sleep 3600",
		}},
		Mistakes: []Mistake{{Name: "an ordinary bridge network",
			Steps: Steps{Lines: []string{
				"docker network create dd-vault",
				"docker run -d --name dd-safe --network dd-vault busybox:1.36 sleep 3600",
			}},
			Item: "dd-vault is internal", Reason: "docker network create --internal dd-vault"}},
	},

	// volumes
	"vol-named-redis": {
		Solution: Steps{Lines: []string{
			"docker volume create dd-cache-data",
			"docker run -d --name dd-cache -v dd-cache-data:/data -p 127.0.0.1:6390:6379 redis:7-alpine",
		}},
		Mistakes: []Mistake{{Name: "an anonymous volume instead of the named one",
			Steps: Steps{Lines: []string{"docker run -d --name dd-cache -v /data -p 127.0.0.1:6390:6379 redis:7-alpine"}},
			Item:  "mounts the named volume dd-cache-data at /data", Reason: "mounts an anonymous volume at /data"}},
	},
	"vol-outlives": {
		Solution: Steps{Lines: []string{
			"docker volume create dd-notes",
			"docker run --rm -v dd-notes:/notes busybox:1.36 sh -c 'echo hello > /notes/msg'",
			"docker run -d --name dd-reader -v dd-notes:/notes busybox:1.36 sleep 3600",
		}},
		Mistakes: []Mistake{{Name: "the first container wrote outside the volume",
			Steps: Steps{Lines: []string{
				"docker volume create dd-notes",
				"docker run --rm busybox:1.36 sh -c 'mkdir -p /notes && echo hello > /notes/msg'",
				"docker run -d --name dd-reader -v dd-notes:/notes busybox:1.36 sleep 3600",
			}},
			Item: "finds hello in /notes/msg", Reason: "written into the volume"}},
	},
	"vol-readonly-bind": {
		Solution: Steps{Lines: []string{`docker run -d --name dd-ro -v "$DD_DIR":/site:ro busybox:1.36 sleep 3600`}},
		Mistakes: []Mistake{{Name: "bound read-write",
			Steps: Steps{Lines: []string{`docker run -d --name dd-ro -v "$DD_DIR":/site busybox:1.36 sleep 3600`}},
			Item:  "bind-mounted read-only", Reason: "mounted read-write"}},
	},
	"vol-tmpfs": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-scratch --tmpfs /scratch busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "an anonymous volume instead of a tmpfs",
			Steps: Steps{Lines: []string{"docker run -d --name dd-scratch -v /scratch busybox:1.36 sleep 3600"}},
			Item:  "has a tmpfs at /scratch", Reason: "a volume (on disk"}},
	},
	"vol-shared": {
		Solution: Steps{Lines: []string{
			"docker volume create dd-shared",
			"docker run -d --name dd-writer -v dd-shared:/shared busybox:1.36 sh -c 'echo shared > /shared/note; sleep 3600'",
			"docker run -d --name dd-peer -v dd-shared:/shared:ro busybox:1.36 sleep 3600",
		}},
		Mistakes: []Mistake{{Name: "the peer mounts it read-write",
			Steps: Steps{Lines: []string{
				"docker volume create dd-shared",
				"docker run -d --name dd-writer -v dd-shared:/shared busybox:1.36 sh -c 'echo shared > /shared/note; sleep 3600'",
				"docker run -d --name dd-peer -v dd-shared:/shared busybox:1.36 sleep 3600",
			}},
			Item: "mounts /shared read-only", Reason: "read-write"}},
	},

	// arch
	"arch-hostname": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-host --hostname dd-box-host busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "only --name, which is not the host name",
			Steps: Steps{Lines: []string{"docker run -d --name dd-host busybox:1.36 sleep 3600"}},
			Item:  "host name is dd-box-host", Reason: "--name names the container for docker only"}},
	},
	"arch-pids-limit": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-pids --pids-limit 50 busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "--ulimit nproc instead of the pids cgroup",
			Steps: Steps{Lines: []string{"docker run -d --name dd-pids --ulimit nproc=50 busybox:1.36 sleep 3600"}},
			Item:  "allows 50 processes", Reason: "--ulimit nproc counts processes per user"}},
	},
	"arch-writable-layer": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-layer busybox:1.36 sleep 3600",
			"docker exec dd-layer sh -c 'echo layer > /layer.txt'",
		}},
		Mistakes: []Mistake{{Name: "wrote the file into a volume, which is not the container's layer",
			Steps: Steps{Lines: []string{
				"docker run -d --name dd-layer -v /data busybox:1.36 sleep 3600",
				"docker exec dd-layer sh -c 'echo layer > /data/layer.txt'",
			}},
			Item: "lists /layer.txt as added", Reason: "write the file at /layer.txt"}},
	},
	"arch-share-pid": {
		Solution: Steps{Lines: []string{
			"docker run -d --name dd-main busybox:1.36 sleep 3600",
			"docker run -d --name dd-side --pid container:dd-main busybox:1.36 sleep 7200",
		}},
		Mistakes: []Mistake{{Name: "its own PID namespace",
			Steps: Steps{Lines: []string{
				"docker run -d --name dd-main busybox:1.36 sleep 3600",
				"docker run -d --name dd-side busybox:1.36 sleep 7200",
			}},
			Item: "sees dd-main's sleep 3600", Reason: "--pid container:dd-main"}},
	},
	"arch-user-ids": {
		Solution: Steps{Lines: []string{"docker run -d --name dd-user --user 1000:1000 busybox:1.36 sleep 3600"}},
		Mistakes: []Mistake{{Name: "a user id without a group",
			Steps: Steps{Lines: []string{"docker run -d --name dd-user --user 1000 busybox:1.36 sleep 3600"}},
			Item:  "group id 1000", Reason: "leaves the group 0"}},
	},
}
