package grade

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// meaningCases are answers graded by what docker would do with them, not
// by how they are spelled (issue 11): equivalent forms are right, near
// misses wrong with their reason.
var meaningCases = []gradeCase{
	// --mount: a key=value list, keys in any order, type volume by default.
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount target=/data,source=data redis", true, "", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount src=data,dst=/data redis", true, "", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount type=volume,src=data,destination=/data redis", true, "", nil},
	{D, "docker run -d --mount type=volume,source=data,target=/data redis", "docker run -d --mount source=data,target=/data redis", true, "", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount 'src=data,dst=/data/' redis", true, "", nil},
	{D, "docker run --mount type=bind,source=/srv/conf,target=/etc/app,readonly app", "docker run --mount type=bind,src=/srv/conf,dst=/etc/app,ro app", true, "", nil},
	{D, "docker run --mount type=bind,source=/srv/conf,target=/etc/app,readonly app", "docker run --mount type=bind,src=/srv/conf,dst=/etc/app,readonly=true app", true, "", nil},
	{D, "docker run --mount type=bind,source=/srv/conf,target=/etc/app,readonly app", "docker run --mount readonly=1,dst=/etc/app,src=/srv/conf,type=bind app", true, "", nil},
	{D, "docker run --mount type=bind,source=/srv/conf,target=/etc/app app", "docker run --mount type=bind,source=/srv/conf,target=/etc/app,readonly=false app", true, "", nil},
	{D, "docker run --mount type=bind,source=/srv,target=/srv,bind-propagation=rshared app", "docker run --mount bind-propagation=rshared,type=bind,src=/srv,dst=/srv app", true, "", nil},
	{D, "docker run --mount type=bind,source=/srv,target=/srv app", "docker run --mount type=bind,source=/srv,target=/srv,bind-propagation=rprivate app", true, "", nil},
	{D, "docker run --mount type=bind,source=/srv,target=/srv,bind-propagation=rshared app", "docker run --mount type=bind,source=/srv,target=/srv,bind-propagation=shared app", false, "bind-propagation: got shared, expected rshared", nil},
	{D, "docker run --mount type=volume,src=data,dst=/data,volume-opt=type=nfs,volume-opt=device=:/x app", "docker run --mount 'type=volume,src=data,dst=/data,volume-opt=device=:/x,volume-opt=type=nfs' app", true, "", nil},
	{D, "docker run --mount type=volume,src=data,dst=/data,volume-nocopy app", "docker run --mount type=volume,src=data,dst=/data,volume-nocopy=true app", true, "", nil},
	{D, "docker run --mount type=tmpfs,dst=/run,tmpfs-size=64m app", "docker run --mount type=tmpfs,destination=/run,tmpfs-size=67108864 app", true, "", nil},
	{D, "docker run --mount type=tmpfs,dst=/run,tmpfs-size=64m app", "docker run --mount type=tmpfs,dst=/run,tmpfs-size=32m app", false, "tmpfs-size: got 33554432, expected 67108864", nil},
	{D, "docker run --mount type=tmpfs,dst=/run,tmpfs-mode=1770 app", "docker run --mount type=tmpfs,dst=/run,tmpfs-mode=01770 app", true, "", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount type=bind,source=data,target=/data redis", false, "data is a volume name: type=bind needs a host path", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount source=data,target=/data,readonly redis", false, "readonly=true not asked for", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount source=data,target=/var/data redis", false, "target: got /var/data, expected /data", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount source=cache,target=/data redis", false, "source: got cache, expected data", nil},
	{D, "docker run --mount type=bind,source=/srv/conf,target=/etc/app,readonly app", "docker run --mount type=bind,source=/srv/conf,target=/etc/app app", false, "missing readonly=true", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount source=data redis", false, "target is required", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount source=data,target=/data,color=red redis", false, "unexpected key 'color'", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d --mount type=volume,src=data,dst=/data,bind-propagation=shared redis", false, "cannot mix 'bind-propagation' with mount type 'volume'", nil},
	{D, "docker run -d --mount type=bind,src=/srv,dst=/srv redis", "docker run -d --mount type=bind,dst=/srv redis", false, "source is required", nil},

	// -v and --tmpfs are the mounts --mount writes longhand.
	{D, "docker run -d -v data:/data redis", "docker run -d --mount type=volume,src=data,dst=/data redis", true, "", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d --mount source=data,target=/data redis", true, "", nil},
	{D, "docker run -d --mount source=data,target=/data redis", "docker run -d -v data:/data redis", true, "", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d -v data:/data:rw redis", true, "", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d --volume=data:/data/ redis", true, "", nil},
	{D, "docker run -d -v /srv/conf:/etc/app:ro app", "docker run -d --mount type=bind,src=/srv/conf,dst=/etc/app,readonly app", true, "", nil},
	{D, "docker run -d -v /srv/conf:/etc/app:ro app", "docker run -d -v /srv/conf/:/etc/app:ro app", true, "", nil},
	{D, "docker run -d --mount type=bind,source=/srv/conf,target=/etc/app,readonly app", "docker run -d -v /srv/conf:/etc/app:ro app", true, "", nil},
	{D, "docker run -d -v /data app", "docker run -d --mount type=volume,dst=/data app", true, "", nil},
	{D, "docker run -d -v /data app", "docker run -d --mount target=/data app", true, "", nil},
	{D, "docker run -d -v data:/data:nocopy app", "docker run -d --mount src=data,dst=/data,volume-nocopy app", true, "", nil},
	{D, "docker run -d -v /srv:/srv:rshared app", "docker run -d --mount type=bind,src=/srv,dst=/srv,bind-propagation=rshared app", true, "", nil},
	{D, "docker run -d -v data:/data:ro,nocopy app", "docker run -d -v data:/data:nocopy,ro app", true, "", nil},
	{D, "docker run --tmpfs /run alpine", "docker run --mount type=tmpfs,dst=/run alpine", true, "", nil},
	{D, "docker run --tmpfs /run alpine", "docker run --mount type=tmpfs,target=/run/ alpine", true, "", nil},
	{D, "docker run --tmpfs /run:size=64m alpine", "docker run --mount type=tmpfs,dst=/run,tmpfs-size=64m alpine", true, "", nil},
	{D, "docker run --tmpfs /run:size=64m,mode=1777 alpine", "docker run --mount type=tmpfs,dst=/run,tmpfs-mode=1777,tmpfs-size=64m alpine", true, "", nil},
	{D, "docker run --tmpfs /run alpine", "docker run --tmpfs /run:noexec alpine", false, "tmpfs-option=noexec not asked for", nil},
	{D, "docker run --tmpfs /run alpine", "docker run --mount type=tmpfs,dst=/tmp alpine", false, "target: got /tmp, expected /run", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d -v data:/data:ro redis", false, "readonly=true not asked for", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d --mount source=data,target=/data,readonly redis", false, "got --mount source=data,target=/data,readonly, expected --volume data:/data", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d --mount type=bind,src=data,dst=/data redis", false, "data is a volume name: type=bind needs a host path", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d -v /data:/data redis", false, "type: got bind, expected volume", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d -v /data:data redis", false, "must be an absolute path", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d -v data:/data:rx redis", false, "invalid mode: rx", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d -v data:/data:ro:z redis", false, "too many colons", nil},
	{D, "docker run -d -v /srv:/srv:z app", "docker run -d --mount type=bind,src=/srv,dst=/srv app", false, "missing selinux-label=z", nil},
	{D, "docker run -d -v /srv:/srv:ro app", "docker run -d -v /srv:/srv:rw app", false, "missing readonly=true", nil},
	{D, "docker run -d -v /data app", "docker run -d -v data:/data app", false, "--volume: got data:/data, expected /data (source=data not asked for)", nil},
	{D, "docker run -d -v data:/data redis", "docker run -d -v data:/data -v logs:/logs redis", false, "unexpected --volume logs:/logs", nil},
	{D, "docker run -d -v data:/data -v logs:/logs redis", "docker run -d --mount src=logs,dst=/logs -v data:/data redis", true, "", nil},

	// -p: an empty host IP is 0.0.0.0, tcp the default protocol, ranges.
	{D, "docker run -d -p 127.0.0.1::80 nginx", "docker run -d -p 127.0.0.1::80/tcp nginx", true, "", nil},
	{D, "docker run -d -p 8080:80 nginx", "docker run -d -p 0.0.0.0:8080:80 nginx", true, "", nil},
	{D, "docker run -d -p 8080:80 nginx", "docker run -d -p :8080:80/TCP nginx", true, "", nil},
	{D, "docker run -d -p 80 nginx", "docker run -d -p 0.0.0.0::80 nginx", true, "", nil},
	{D, "docker run -d -p 8080-8081:80-81 nginx", "docker run -d -p 8080:80 -p 8081:81 nginx", true, "", nil},
	{D, "docker run -d -p 8080:80 -p 8081:81 nginx", "docker run -d -p 8080-8081:80-81/tcp nginx", true, "", nil},
	{D, "docker run -d -p 8080-8090:80 nginx", "docker run -d -p 8080-8090:80/tcp nginx", true, "", nil},
	{D, "docker run -d -p [::1]:8080:80 nginx", "docker run -d -p [::1]:8080:80/tcp nginx", true, "", nil},
	{D, "docker run -d -p 8080:80 nginx", "docker run -d -p 80:8080 nginx", false, "host and container ports are swapped", nil},
	{D, "docker run -d -p 8080:80 nginx", "docker run -d -p 8081:80 nginx", false, "host port: got 8081, expected 8080", nil},
	{D, "docker run -d -p 127.0.0.1:8080:80 nginx", "docker run -d -p 8080:80 nginx", false, "host IP: got 0.0.0.0, expected 127.0.0.1", nil},
	{D, "docker run -d -p 127.0.0.1::80 nginx", "docker run -d -p 127.0.0.1:80:80 nginx", false, "(host port=80 not asked for)", nil},
	{D, "docker run -d -p 53:53/udp dns", "docker run -d -p 53:53/tcp dns", false, "protocol: got tcp, expected udp", nil},
	{D, "docker run -d -p 8080:80 nginx", "docker run -d -p 8080:80/http nginx", false, `invalid protocol "http"`, nil},
	{D, "docker run -d -p 8080:80 nginx", "docker run -d -p 8080:eighty nginx", false, "invalid container port", nil},
	{D, "docker run -d -p 8080-8081:80-81 nginx", "docker run -d -p 8080:80 nginx", false, "missing --publish 8081:81", nil},
	{D, "docker run --expose 80 nginx", "docker run --expose 80/tcp nginx", true, "", nil},
	{D, "docker run --expose 80 nginx", "docker run --expose 80/TCP nginx", false, "--expose: got 80/TCP, expected 80", nil},
	{D, "docker run --tmpfs /run alpine", "docker run --tmpfs /run:ro alpine", false, "readonly=true not asked for", nil},
	{D, "docker run -e A=1 -e A=2 alpine", "docker run -e A=2 -e A=1 alpine", false, "--env: got A=1, expected A=2", nil},
	{D, "docker run -e A=2 alpine", "docker run -e A=1 -e A=2 alpine", true, "", nil},
	{D, "docker run -l a=1 alpine", "docker run -l a=2 -l a=1 alpine", true, "", nil},

	// Signals: a number, a name with or without SIG, any case.
	{D, "docker kill --signal HUP web", "docker kill --signal=1 web", true, "", nil},
	{D, "docker kill --signal HUP web", "docker kill -s SIGHUP web", true, "", nil},
	{D, "docker kill --signal HUP web", "docker kill -s sighup web", true, "", nil},
	{D, "docker kill --signal HUP web", "docker container kill --signal=hup web", true, "", nil},
	{D, "docker kill --signal SIGUSR1 web", "docker kill -s 10 web", true, "", nil},
	{D, "docker stop --signal SIGQUIT web", "docker stop -s quit web", true, "", nil},
	{D, "docker run -d --stop-signal SIGQUIT nginx", "docker run -d --stop-signal=QUIT nginx", true, "", nil},
	{D, "docker run -d --stop-signal SIGQUIT nginx", "docker run -d --stop-signal 3 nginx", true, "", nil},
	{D, "docker kill --signal HUP web", "docker kill --signal=9 web", false, "that is SIGKILL, signal 9; expected SIGHUP, signal 1", nil},
	{D, "docker kill --signal HUP web", "docker kill web", false, "missing --signal HUP", nil},
	{D, "docker kill --signal HUP web", "docker kill --signal HANGUP web", false, "invalid signal: HANGUP", nil},
	{D, "docker run -d --stop-signal SIGQUIT nginx", "docker run -d --stop-signal SIGTERM nginx", false, "--stop-signal: got SIGTERM, expected SIGQUIT", nil},

	// --format: Go templates compared as parsed templates.
	{D, "docker version --format '{{.Server.Version}}'", "docker version --format '{{ .Server.Version }}'", true, "", nil},
	{D, "docker version --format '{{.Server.Version}}'", "docker version -f '{{  .Server.Version  }}'", true, "", nil},
	{D, "docker inspect --format '{{json .Config.Cmd}}' web", "docker inspect --format '{{ json .Config.Cmd }}' web", true, "", nil},
	{D, "docker inspect --format '{{json .Config.Cmd}}' web", "docker inspect -f '{{.Config.Cmd | json}}' web", true, "", nil},
	{D, "docker inspect -f '{{range .Mounts}}{{.Source}}{{end}}' web", "docker inspect -f '{{ range .Mounts }}{{ .Source }}{{ end }}' web", true, "", nil},
	{D, "docker inspect -f '{{.NetworkSettings.IPAddress}}' web", "docker inspect -f '{{- .NetworkSettings.IPAddress -}}' web", true, "", nil},
	{D, "docker ps --format 'table {{.ID}}\t{{.Names}}'", "docker ps --format 'table {{ .ID }}\t{{ .Names }}'", true, "", nil},
	{D, "docker ps --format json", "docker ps --format=json", true, "", nil},
	{D, "docker version --format '{{.Server.Version}}'", "docker version --format '{{.Client.Version}}'", false, "--format: got '{{.Client.Version}}', expected '{{.Server.Version}}'", nil},
	{D, "docker inspect --format '{{json .Config.Cmd}}' web", "docker inspect --format '{{.Config.Cmd}}' web", false, "--format", nil},
	{D, "docker inspect -f '{{.State.Status}}' web", "docker inspect -f '{{.State.Status}' web", false, "template parsing error", nil},
	{D, "docker volume inspect --format '{{.Mountpoint}}' data", "docker volume inspect --format '{{ .Mountpoint}}' data", true, "", nil},

	// Image references: an implicit :latest, also for a build's tag.
	{D, "docker build -t myapp .", "docker build -t myapp:latest .", true, "", nil},
	{D, "docker build -t myapp .", "docker build --tag docker.io/library/myapp .", true, "", nil},
	{D, "docker build -t me/app:1 .", "docker build -t docker.io/me/app:1 .", true, "", nil},
	{D, "docker build -t myapp:1 .", "docker build -t myapp .", false, "--tag: got myapp, expected myapp:1", nil},
	{D, "docker build -t myapp:1 -t myapp:latest .", "docker build -t myapp -t myapp:1 .", true, "", nil},
	{D, "docker pull nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", "docker pull docker.io/library/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", true, "", nil},
	{D, "docker run -d nginx:1.25", "docker run -d nginx:1.24 ", false, "image: got nginx:1.24, expected nginx:1.25", nil},
	{D, "docker push 127.0.0.1:5000/app:1", "docker push 127.0.0.1:5000/app", false, "got 127.0.0.1:5000/app, expected 127.0.0.1:5000/app:1", nil},

	// Paths: ./x is x, ./ is . for a build context and a cp destination.
	{D, "docker build -t app .", "docker build -t app ./", true, "", nil},
	{D, "docker build -f Dockerfile.dev .", "docker build -f ./Dockerfile.dev .", true, "", nil},
	{D, "docker build -f Dockerfile.dev .", "docker build --file=./Dockerfile.dev ./", true, "", nil},
	{D, "docker build -f Dockerfile.dev .", "docker build -f Dockerfile .", false, "--file: got Dockerfile, expected Dockerfile.dev", nil},
	{D, "docker build -t app .", "docker build -t app ..", false, "path: got .., expected .", nil},
	{D, "docker cp nginx-test:/etc/nginx/nginx.conf .", "docker cp nginx-test:/etc/nginx/nginx.conf ./", true, "", nil},
	{D, "docker cp web:/etc/hosts ./hosts", "docker cp web:/etc/hosts hosts", true, "", nil},
	{D, "docker cp ./app.conf web:/etc/app/", "docker cp app.conf web:/etc/app/", true, "", nil},
	{D, "docker cp nginx-test:/etc/nginx/nginx.conf .", "docker cp nginx-test:/etc/nginx .", false, "nginx-test:/etc/nginx is the directory; the card asks for nginx-test:/etc/nginx/nginx.conf in it", nil},
	{D, "docker cp nginx-test:/etc/nginx/nginx.conf .", "docker cp nginx-test:/etc/nginx/nginx.conf /tmp", false, "destination: got /tmp, expected .", nil},
	{D, "docker export -o web.tar web", "docker export --output ./web.tar web", true, "", nil},
	{D, "docker load -i nginx.tar", "docker load --input ./nginx.tar", true, "", nil},

	// -H: a host without a scheme is tcp://.
	{D, "docker -H tcp://10.0.0.5:2375 ps", "docker -H 10.0.0.5:2375 ps", true, "", nil},
	{D, "docker -H 10.0.0.5:2375 ps", "docker --host=tcp://10.0.0.5:2375 container ls", true, "", nil},
	{D, "docker -H tcp://10.0.0.5:2375 ps", "docker -H tcp://10.0.0.5 ps", true, "", nil},
	{D, "docker -H unix:///var/run/docker.sock ps", "docker -H unix:// ps", true, "", nil},
	{D, "docker -H tcp://10.0.0.5:2375 ps", "docker -H 10.0.0.5:2376 ps", false, "--host: got 10.0.0.5:2376, expected tcp://10.0.0.5:2375", nil},

	// Booleans, durations and sizes as docker parses them.
	{D, "docker build --no-cache -t app .", "docker build --no-cache=true -t app .", true, "", nil},
	{D, "docker build --no-cache -t app .", "docker build --no-cache=1 -t app .", true, "", nil},
	{D, "docker build --no-cache -t app .", "docker build --no-cache=false -t app .", false, "missing --no-cache", nil},
	{D, "docker run --health-interval 30s nginx", "docker run --health-interval 0.5m nginx", true, "", nil},
	{D, "docker run --shm-size 1g nginx", "docker run --shm-size 1024m nginx", true, "", nil},
	{D, "docker run --shm-size 1g nginx", "docker run --shm-size 1GB nginx", true, "", nil},
	{D, "docker run -m 512m nginx", "docker run -m 536870912 nginx", true, "", nil},

	// Same effect, other spelling: redirected output, sudo, PATH.
	{D, "docker export -o web.tar web", "docker export web > web.tar", true, "", nil},
	{D, "docker export web > web.tar", "docker container export --output=web.tar web", true, "", nil},
	{D, "docker save -o nginx.tar nginx", "docker save nginx > nginx.tar", true, "", nil},
	{D, "docker export -o web.tar web", "docker export web >> web.tar", false, "unexpected redirection >> web.tar", nil},
	{D, "docker export -o web.tar web", "docker export web > db.tar", false, "--output: got db.tar, expected web.tar", nil},
	{D, "docker ps -a", "sudo docker ps -a", true, "", nil},
	{D, "docker run -d -p 8080:80 nginx", "sudo docker container run -dp 8080:80 nginx", true, "", nil},
	{D, "docker ps -a", "sudo docker ps", false, "missing --all", nil},
	{D, "docker run -it --entrypoint sh myapp:1", "docker run -it --entrypoint /bin/sh myapp:1", true, "", nil},
	{D, "docker run -it myapp:1 sh", "docker run -it myapp:1 /bin/sh", true, "", nil},
	{D, "docker exec -it web sh", "docker exec -it web /bin/sh", true, "", nil},
	{D, "docker run -it myapp:1 /bin/bash", "docker run -it myapp:1 bash", true, "", nil},
	{D, "docker run -it myapp:1 sh", "docker run -it myapp:1 /bin/bash", false, "command: got /bin/bash, expected sh", nil},
	{D, "docker run -it myapp:1 sh", "docker run -it myapp:1 /usr/local/bin/sh", false, "command: got /usr/local/bin/sh, expected sh", nil},

	// Characters docker would not read.
	{D, "docker ps -a", "docker ps \u2013a", false, "\u2013a has an en dash (U+2013) where docker needs -", nil},
	{D, "docker ps -a", "docker ps \u2014a", false, "an em dash (U+2014)", nil},
	{D, "docker run --rm alpine", "docker run \u2014rm alpine", false, "\u2014rm has an em dash (U+2014) where docker needs -- or -", nil},
	{D, "docker run --rm alpine", "docker run \u2013-rm alpine", false, "\u2013-rm has an en dash (U+2013)", nil},
	{D, "docker ps --format '{{.Names}}'", "docker ps --format \u2018{{.Names}}\u2019", false, "a left single quotation mark (U+2018) where the shell needs '", nil},
	{D, `docker run -e "A=1 2" alpine`, "docker run -e \u201cA=1 2\u201d alpine", false, `a left double quotation mark (U+201C) where the shell needs "`, nil},
	{D, "docker ps -a", "docker ps\u00a0-a", false, "a non-breaking space (U+00A0)", nil},
	{DF, "COPY . /app/", "COPY \u2013\u2013chown=app . /app/", false, "where the builder needs -", nil},
	{EX, "--rm", "\u2013\u2013rm", false, "where the answer needs -", nil},
	{TM, "copy-on-write", "copy\u2013on\u2013write", false, "an en dash (U+2013)", nil},
	{TM, "copy\u2013on\u2013write", "copy\u2013on\u2013write", true, "", nil},

	// Dockerfile paths.
	{DF, "COPY . /app/", "COPY ./ /app/", true, "", nil},
	{DF, "COPY app.py /app/", "COPY ./app.py /app/", true, "", nil},
	{DF, "COPY . .", "COPY ./ ./", true, "", nil},
	{DF, "COPY . /app/", "COPY . /app", false, "destination: got /app, expected /app/", nil},
	{DF, "COPY . /app/", "COPY ./src /app/", false, "src", nil},
}

func TestGradeByMeaning(t *testing.T) {
	assert.GreaterOrEqual(t, len(meaningCases)+len(clozeCases), 120, "issue 11 asks for 120 new cases")
	for _, c := range meaningCases {
		t.Run(fmt.Sprintf("%s/%s/%s", c.mode, c.expected, c.given), func(t *testing.T) {
			checkCase(t, c, Grade(c.mode, c.expected, c.accept, c.given))
		})
	}
}

func checkCase(t *testing.T, c gradeCase, v Verdict) {
	t.Helper()
	assert.Equal(t, c.right, v.Right, "reasons: %q", v.Reasons)
	if c.right {
		assert.Empty(t, v.Reasons)
		assert.NotEmpty(t, v.Matched)
		return
	}
	assert.Empty(t, v.Matched)
	assert.NotEmpty(t, v.Reasons, "a wrong answer says why")
	if c.reason != "" {
		assert.Truef(t, containsAny(v.Reasons, c.reason), "no reason contains %q: %q", c.reason, v.Reasons)
	}
}

// clozeCase is a cloze card's typed answer: the blank alone or the whole
// line.
type clozeCase struct {
	mode     Mode
	prompt   string
	expected string
	accept   []string
	given    string
	right    bool
	reason   string
}

var clozeCases = []clozeCase{
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "--filter", true, ""},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "-f", true, ""},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "docker ps -a --filter status=exited -q", true, ""},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "docker ps -a -f status=exited -q", true, ""},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "docker container ls --all --quiet --filter=status=exited", true, ""},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "docker ps -a --filter status=running -q", false, "--filter: got status=running, expected status=exited"},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "docker ps --filter status=exited -q", false, "missing --all"},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "--format", false, `got "--format", expected "--filter"`},
	{EX, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "\u2013\u2013filter", false, "an en dash (U+2013)"},
	{EX, "Run a one-off command and have Docker delete the container when it exits: docker run ____ busybox echo hello", "--rm", nil, "docker run --rm busybox echo hello", true, ""},
	{EX, "Run a one-off command and have Docker delete the container when it exits: docker run ____ busybox echo hello", "--rm", nil, "docker run busybox echo hello --rm", false, "unexpected argument 4 --rm"},
	{EX, "Print only the host directory that holds the volume myvol's files:\n\ndocker volume inspect --format '{{____}}' myvol", ".Mountpoint", nil, "docker volume inspect --format '{{ .Mountpoint }}' myvol", true, ""},
	{EX, "Print only the host directory that holds the volume myvol's files:\n\ndocker volume inspect --format '{{____}}' myvol", ".Mountpoint", nil, ".Mountpoint", true, ""},
	{EX, "The same read-only mount with --mount:\n\ndocker run -d --mount source=config,target=/etc/app,____ myapp", "readonly", []string{"ro"}, "docker run -d --mount type=volume,src=config,dst=/etc/app,readonly=true myapp", true, ""},
	{EX, "The same read-only mount with --mount:\n\ndocker run -d --mount source=config,target=/etc/app,____ myapp", "readonly", []string{"ro"}, "docker run -d --mount source=config,target=/etc/app myapp", false, "missing readonly=true"},
	{EX, "Mount the volume config at /etc/app so that the container cannot change it:\n\ndocker run -d -v config:/etc/app____ myapp", ":ro", nil, "docker run -d -v config:/etc/app:ro myapp", true, ""},
	{EX, "Mount the volume config at /etc/app so that the container cannot change it:\n\ndocker run -d -v config:/etc/app____ myapp", ":ro", nil, "docker run -d --mount src=config,dst=/etc/app,ro myapp", true, ""},
	{EX, "docker pull nginx   # the same as docker pull nginx:____", "latest", nil, "docker pull nginx:latest", true, ""},
	{EX, "Publish port 80 on a free port, on 127.0.0.1 only:\n\ndocker run -d --name web -p ____ nginx", "127.0.0.1::80", nil, "127.0.0.1::80/tcp", true, ""},
	{EX, "Publish port 80 on a free port, on 127.0.0.1 only:\n\ndocker run -d --name web -p ____ nginx", "127.0.0.1::80", nil, "127.0.0.1:80:80", false, `got "127.0.0.1:80:80", expected "127.0.0.1::80"`},
	{EX, "The same read-only mount with --mount:\n\ndocker run -d --mount source=config,target=/etc/app,____ myapp", "readonly", []string{"ro"}, "readonly=true", true, ""},
	{EX, "The same read-only mount with --mount:\n\ndocker run -d --mount source=config,target=/etc/app,____ myapp", "readonly", []string{"ro"}, "ro=1", true, ""},
	{EX, "The same read-only mount with --mount:\n\ndocker run -d --mount source=config,target=/etc/app,____ myapp", "readonly", []string{"ro"}, "readonly=false", false, `got "readonly=false", expected "readonly"`},
	{EX, "Give nginx-test a hang-up: docker kill --signal ____ nginx-test", "HUP", nil, "SIGHUP", true, ""},
	{EX, "Give nginx-test a hang-up: docker kill --signal ____ nginx-test", "HUP", nil, "9", false, `in the line: --signal: got 9, expected HUP (that is SIGKILL, signal 9; expected SIGHUP, signal 1)`},
	{EX, "Complete the instruction that names the base image:\n\n____ debian:bookworm-slim\nRUN apt-get update", "FROM", nil, "from debian:bookworm-slim", true, ""},
	{EX, "Complete the instruction that names the base image:\n\n____ debian:bookworm-slim\nRUN apt-get update", "FROM", nil, "FROM debian:bookworm", false, "argument 1: got debian:bookworm, expected debian:bookworm-slim"},
	{EX, "Make every docker command of this shell talk to a remote daemon:\n\nexport ____=tcp://10.0.0.5:2375\ndocker ps", "DOCKER_HOST", nil, "export DOCKER_HOST=tcp://10.0.0.5:2375", true, ""},
	{EX, "curl http://localhost:5000/v2/____   # list the repositories the registry holds", "_catalog", nil, "curl http://localhost:5000/v2/_catalog", true, ""},
	{TM, "At its end, docker push prints the image's ____ (sha256:…), with which the same content can be pulled later.", "digest", nil, "Digest", true, ""},
	{EX, "In `docker diff` output, A marks an added path, C a changed one, and ____ a deleted one.", "D", nil, "D", true, ""},
	{EX, "In `docker diff` output, A marks an added path, C a changed one, and ____ a deleted one.", "D", nil, "R", false, `got "R", expected "D"`},
}

func TestGradeCloze(t *testing.T) {
	for _, c := range clozeCases {
		t.Run(c.given, func(t *testing.T) {
			v := GradeCloze(c.mode, c.prompt, c.expected, c.accept, c.given)
			checkCase(t, gradeCase{c.mode, c.expected, c.given, c.right, c.reason, c.accept}, v)
		})
	}
}

func TestBlankLabelSaysWhatToType(t *testing.T) {
	assert.Equal(t, "what goes in ____ (or the whole line)", BlankLabel("List them: docker ps -a ____ status=exited -q"))
	assert.Equal(t, "what goes in ____", BlankLabel("In `docker diff` output, ____ marks a deleted path."))
}

func TestFeedbackShowsTheCardsFormFirst(t *testing.T) {
	v := Grade(D, "docker ps -a", nil, "docker ps")
	assert.Equal(t, []FeedbackLine{
		{"answer", "docker ps -a"},
		{"also", "docker container ls --all"},
		{"why", "missing --all"},
	}, v.Feedback())

	v = GradeCloze(EX, "Exited ones: docker ps -a ____ status=exited -q", "--filter", nil, "--format")
	assert.Equal(t, []FeedbackLine{
		{"answer", "--filter"},
		{"line", "docker ps -a --filter status=exited -q"},
		{"why", `got "--format", expected "--filter"`},
	}, v.Feedback())

	v = Grade(D, "docker run -it myapp:1 sh", nil, "sudo docker run -it myapp:1 /bin/sh")
	assert.True(t, v.Right)
	fb := v.Feedback()
	if assert.Len(t, fb, 2) {
		assert.Equal(t, "note", fb[0].Label)
		assert.Contains(t, fb[0].Text, "sudo")
		assert.Contains(t, fb[1].Text, "/bin/sh for sh")
	}
}

func BenchmarkGradeMount(b *testing.B) {
	for b.Loop() {
		Grade(ModeDocker, "docker run -d -v data:/data -p 127.0.0.1:8080:80 --stop-signal SIGQUIT nginx", nil, "sudo docker container run --mount dst=/data,src=data -dp 127.0.0.1:8080:80/tcp --stop-signal=3 nginx:latest")
	}
}

func BenchmarkGradeCloze(b *testing.B) {
	for b.Loop() {
		GradeCloze(ModeExact, "List the IDs of only the exited containers: docker ps -a ____ status=exited -q", "--filter", []string{"-f"}, "docker container ls --all --quiet --filter=status=exited")
	}
}
