package grade

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// gradeCase is one typed answer and the verdict it must get. reason, when
// set, must be contained in one of the reasons of a wrong verdict.
type gradeCase struct {
	mode     Mode
	expected string
	given    string
	right    bool
	reason   string
	accept   []string
}

const (
	D  = ModeDocker
	DF = ModeDockerfile
	EX = ModeExact
	TM = ModeTerm
)

// dockerCases are command lines graded as the docker CLI reads them.
var dockerCases = []gradeCase{
	// Management-command forms and aliases.
	{D, "docker ps -a", "docker container ls --all", true, "", nil},
	{D, "docker ps", "docker container list", true, "", nil},
	{D, "docker ps", "docker container ps", true, "", nil},
	{D, "docker container ls", "docker ps", true, "", nil},
	{D, "docker images", "docker image ls", true, "", nil},
	{D, "docker images", "docker image list", true, "", nil},
	{D, "docker rmi nginx", "docker image rm nginx", true, "", nil},
	{D, "docker rmi nginx", "docker image remove nginx", true, "", nil},
	{D, "docker rm web", "docker container remove web", true, "", nil},
	{D, "docker run nginx", "docker container run nginx", true, "", nil},
	{D, "docker exec web ls", "docker container exec web ls", true, "", nil},
	{D, "docker logs web", "docker container logs web", true, "", nil},
	{D, "docker stop web", "docker container stop web", true, "", nil},
	{D, "docker start web", "docker container start web", true, "", nil},
	{D, "docker restart web", "docker container restart web", true, "", nil},
	{D, "docker kill web", "docker container kill web", true, "", nil},
	{D, "docker rm web", "docker container rm web", true, "", nil},
	{D, "docker pause web", "docker container pause web", true, "", nil},
	{D, "docker unpause web", "docker container unpause web", true, "", nil},
	{D, "docker top web", "docker container top web", true, "", nil},
	{D, "docker stats web", "docker container stats web", true, "", nil},
	{D, "docker port web", "docker container port web", true, "", nil},
	{D, "docker diff web", "docker container diff web", true, "", nil},
	{D, "docker rename web api", "docker container rename web api", true, "", nil},
	{D, "docker attach web", "docker container attach web", true, "", nil},
	{D, "docker cp web:/etc/hosts hosts", "docker container cp web:/etc/hosts hosts", true, "", nil},
	{D, "docker create nginx", "docker container create nginx", true, "", nil},
	{D, "docker update --memory 512m web", "docker container update -m 512m web", true, "", nil},
	{D, "docker commit web snap:1", "docker container commit web snap:1", true, "", nil},
	{D, "docker export web", "docker container export web", true, "", nil},
	{D, "docker wait web", "docker container wait web", true, "", nil},
	{D, "docker build .", "docker image build .", true, "", nil},
	{D, "docker build .", "docker builder build .", true, "", nil},
	{D, "docker pull nginx", "docker image pull nginx", true, "", nil},
	{D, "docker push me/app:1", "docker image push me/app:1", true, "", nil},
	{D, "docker tag nginx me/nginx", "docker image tag nginx me/nginx", true, "", nil},
	{D, "docker history nginx", "docker image history nginx", true, "", nil},
	{D, "docker save -o n.tar nginx", "docker image save -o n.tar nginx", true, "", nil},
	{D, "docker load -i n.tar", "docker image load -i n.tar", true, "", nil},
	{D, "docker import fs.tar me/fs", "docker image import fs.tar me/fs", true, "", nil},
	{D, "docker network ls", "docker network list", true, "", nil},
	{D, "docker network rm net", "docker network remove net", true, "", nil},
	{D, "docker volume ls", "docker volume list", true, "", nil},
	{D, "docker network disconnect -f net web", "docker network disconnect --force net web", true, "", nil},
	{D, "docker network inspect net", "docker inspect --type network net", true, "", nil},
	{D, "docker volume update --availability drain vol", "docker volume update --availability=pause vol", false, "--availability: got pause, expected drain", nil},
	{D, "docker volume rm data", "docker volume remove data", true, "", nil},
	{D, "docker info", "docker system info", true, "", nil},
	{D, "docker events", "docker system events", true, "", nil},
	{D, "docker system df -v", "docker system df --verbose", true, "", nil},
	{D, "docker system prune -af", "docker system prune --all --force", true, "", nil},
	{D, "docker system prune -a --volumes", "docker system prune --volumes -a", true, "", nil},
	{D, "docker container prune -f", "docker container prune --force", true, "", nil},
	{D, "docker image prune -a", "docker image prune --all", true, "", nil},
	{D, "docker image prune -a", "docker system prune -a", false, "command: got docker system prune, expected docker image prune", nil},
	{D, "docker builder prune", "docker image prune", false, "command: got docker image prune, expected docker builder prune", nil},
	{D, "docker network prune", "docker network prune -f", false, "unexpected --force", nil},
	{D, "docker volume prune", "docker volume prune", true, "", nil},
	{D, "docker login -u bob", "docker login --username=bob", true, "", nil},
	{D, "docker logout", "docker logout registry.example.com", false, "unexpected server registry.example.com", nil},
	{D, "docker search --limit 5 nginx", "docker search nginx --limit=5", true, "", nil},
	{D, "docker version", "docker -v", false, "command: got docker, expected docker version", nil},
	{D, "docker --version", "docker -v", true, "", nil},
	{D, "docker container ls", "docker image ls", false, "command: got docker image ls, expected docker container ls", nil},
	{D, "docker volume create data", "docker volume rm data", false, "subcommand: got volume rm, expected volume create", nil},
	{D, "docker run nginx", "docker create nginx", false, "subcommand: got container create, expected container run", nil},

	// docker inspect inspects whatever object has the name.
	{D, "docker container inspect web", "docker inspect web", true, "", nil},
	{D, "docker inspect web", "docker container inspect web", true, "", nil},
	{D, "docker image inspect nginx", "docker inspect --type image nginx", true, "", nil},
	{D, "docker image inspect nginx", "docker inspect --type=container nginx", false, "--type: got container, expected image", nil},
	{D, "docker inspect -f '{{.State.Status}}' web", "docker container inspect --format='{{.State.Status}}' web", true, "", nil},
	{D, "docker inspect -s web", "docker container inspect web", false, "missing --size", nil},
	{D, "docker volume inspect data", "docker image inspect data", false, "command: got docker image inspect, expected docker volume inspect", nil},

	// Global flags go before the command.
	{D, "docker -H tcp://127.0.0.1:2375 ps", "docker --host=tcp://127.0.0.1:2375 container ls", true, "", nil},
	{D, "docker -H tcp://127.0.0.1:2375 ps", "docker ps", false, "missing --host tcp://127.0.0.1:2375", nil},
	{D, "docker -H tcp://127.0.0.1:2375 ps", "docker ps -H tcp://127.0.0.1:2375", false, "global flags go before the command", nil},
	{D, "docker --context prod ps", "docker -c prod ps", true, "", nil},
	{D, "docker ps", "docker -D ps", false, "unexpected --debug", nil},

	// Short flags mean what they mean for their command.
	{D, "docker run -t ubuntu", "docker run --tty ubuntu", true, "", nil},
	{D, "docker build -t app:1 .", "docker build --tag app:1 .", true, "", nil},
	{D, "docker build -t app:1 .", "docker build --tty app:1 .", false, "flag --tty is not a flag of docker image build", nil},
	{D, "docker run -t ubuntu", "docker run --tag ubuntu", false, "flag --tag is not a flag of docker container run", nil},
	{D, "docker logs -f web", "docker logs --follow web", true, "", nil},
	{D, "docker logs -f web", "docker logs --force web", false, "flag --force is not a flag of docker container logs", nil},
	{D, "docker rm -f web", "docker rm --force web", true, "", nil},
	{D, "docker rm -f web", "docker rm --follow web", false, "flag --follow is not a flag of docker container rm", nil},
	{D, "docker build -f Dockerfile.dev .", "docker build --file Dockerfile.dev .", true, "", nil},
	{D, "docker inspect -f '{{.Id}}' nginx", "docker inspect --format '{{.Id}}' nginx", true, "", nil},
	{D, "docker run -h box alpine", "docker run --hostname box alpine", true, "", nil},
	{D, "docker run -v data:/data redis", "docker run --volume data:/data redis", true, "", nil},
	{D, "docker rm -v web", "docker rm --volumes web", true, "", nil},
	{D, "docker ps -n 3", "docker ps --last=3", true, "", nil},
	{D, "docker logs -n 10 web", "docker logs --tail 10 web", true, "", nil},

	// Grouped short flags and attached values.
	{D, "docker run -it ubuntu bash", "docker run -ti ubuntu bash", true, "", nil},
	{D, "docker run -it ubuntu bash", "docker run -i -t ubuntu bash", true, "", nil},
	{D, "docker run -it ubuntu bash", "docker run --interactive --tty ubuntu bash", true, "", nil},
	{D, "docker run -it ubuntu bash", "docker run -i ubuntu bash", false, "missing --tty", nil},
	{D, "docker run -d -p 8080:80 nginx", "docker run -dp 8080:80 nginx", true, "", nil},
	{D, "docker run -p 8080:80 nginx", "docker run -p8080:80 nginx", true, "", nil},
	{D, "docker run -p 8080:80 nginx", "docker run -p=8080:80 nginx", true, "", nil},
	{D, "docker run -p 8080:80 nginx", "docker run --publish=8080:80 nginx", true, "", nil},
	{D, "docker system prune -a -f", "docker system prune -fa", true, "", nil},
	{D, "docker run -itd ubuntu", "docker run -dit ubuntu", true, "", nil},
	{D, "docker run -it ubuntu", "docker run -itx ubuntu", false, "flag -x is not a flag of docker container run", nil},

	// Flag values and order.
	{D, "docker run -d --name web -p 8080:80 nginx", "docker run -p 8080:80 --name=web -d nginx", true, "", nil},
	{D, "docker run -p 8080:80 nginx", "docker run -p 80:8080 nginx", false, "--publish: got 80:8080, expected 8080:80", nil},
	{D, "docker run -d -p 127.0.0.1:8080:80 nginx", "docker run -d nginx", false, "missing --publish 127.0.0.1:8080:80", nil},
	{D, "docker run --name nginx-test nginx", "docker run --name web nginx", false, "--name: got web, expected nginx-test", nil},
	{D, "docker run nginx", "docker run -d nginx", false, "unexpected --detach", nil},
	{D, "docker run -d nginx", "docker run nginx", false, "missing --detach", nil},
	{D, "docker run --restart unless-stopped nginx", "docker run --restart=always nginx", false, "--restart: got always, expected unless-stopped", nil},
	{D, "docker run -v data:/data -v /srv:/srv:ro nginx", "docker run -v /srv:/srv:ro -v data:/data nginx", true, "", nil},
	{D, "docker run -v data:/data -v /srv:/srv:ro nginx", "docker run -v data:/data nginx", false, "missing --volume /srv:/srv:ro", nil},
	{D, "docker run -p 80:80 -p 443:443 nginx", "docker run -p 443:443 -p 80:80 nginx", true, "", nil},
	{D, "docker run -e A=1 -e B=2 alpine", "docker run --env B=2 --env=A=1 alpine", true, "", nil},
	{D, "docker run -e A=1 alpine", "docker run -e A=1 -e B=2 alpine", false, "unexpected --env B=2", nil},
	{D, "docker run -l a=1 --label b=2 nginx", "docker run --label b=2 -l a=1 nginx", true, "", nil},
	{D, "docker ps -f status=exited -f name=web", "docker ps --filter name=web --filter status=exited", true, "", nil},
	{D, "docker run -m 1g nginx", "docker run --memory 1024m nginx", true, "", nil},
	{D, "docker run -m 1g nginx", "docker run --memory 512m nginx", false, "--memory: got 512m, expected 1g", nil},
	{D, "docker run --health-interval 90s nginx", "docker run --health-interval=1m30s nginx", true, "", nil},
	{D, "docker run --cpus 1.5 nginx", "docker run --cpus=1.50 nginx", true, "", nil},
	{D, "docker stop -t 30 web", "docker stop --timeout=30 web", true, "", nil},
	{D, "docker stop -t 30 web", "docker stop --time 30 web", true, "", nil},
	{D, "docker run --network host nginx", "docker run --net=host nginx", true, "", nil},
	{D, "docker volume create data", "docker volume create --name data", true, "", nil},
	{D, "docker network create -d bridge net", "docker network create --driver=bridge net", true, "", nil},
	{D, "docker network create --subnet 10.0.0.0/24 net", "docker network create --subnet 10.1.0.0/24 net", false, "--subnet: got 10.1.0.0/24, expected 10.0.0.0/24", nil},

	// Booleans written with a value.
	{D, "docker run --rm alpine", "docker run --rm=true alpine", true, "", nil},
	{D, "docker run alpine", "docker run --rm=false alpine", true, "", nil},
	{D, "docker run alpine", "docker run -d=false alpine", true, "", nil},
	{D, "docker run --rm alpine", "docker run --rm=false alpine", false, "missing --rm", nil},
	{D, "docker run alpine", "docker run --sig-proxy=true alpine", true, "", nil},
	{D, "docker run --sig-proxy=false alpine", "docker run alpine", false, "missing --sig-proxy=false", nil},
	{D, "docker build .", "docker build --rm .", true, "", nil},
	{D, "docker run --rm alpine", "docker run --rm=maybe alpine", false, "--rm needs true or false, got maybe", nil},

	// Positional arguments keep their order.
	{D, "docker run redis", "docker run nginx", false, "image: got nginx, expected redis", nil},
	{D, "docker run ubuntu echo hello", "docker run echo ubuntu hello", false, "image: got echo, expected ubuntu", nil},
	{D, "docker run ubuntu echo hello world", "docker run ubuntu echo world hello", false, "argument 3: got world, expected hello", nil},
	{D, "docker run ubuntu echo hi", "docker run ubuntu echo", false, "missing argument 3 hi", nil},
	{D, "docker run -d nginx", "docker run nginx -d", false, "missing --detach", nil},
	{D, "docker run -d nginx", "docker run nginx -d", false, "unexpected command -d", nil},
	{D, "docker run --rm nginx", "docker run --rm -- nginx", true, "", nil},
	{D, "docker exec -it web sh", "docker exec -it web bash", false, "command: got bash, expected sh", nil},
	{D, "docker exec -it web sh", "docker exec -ti web sh", true, "", nil},
	{D, "docker exec web ls -l /", "docker exec web ls -l", false, "missing argument 4 /", nil},
	{D, "docker top web -ef", "docker top web -ef", true, "", nil},
	{D, "docker tag nginx:1.25 me/nginx:1.25", "docker tag me/nginx:1.25 nginx:1.25", false, "source image: got me/nginx:1.25, expected nginx:1.25", nil},
	{D, "docker cp web:/etc/hosts ./hosts", "docker cp ./hosts web:/etc/hosts", false, "source: got ./hosts, expected web:/etc/hosts", nil},
	{D, "docker network connect net web", "docker network connect web net", false, "network: got web, expected net", nil},
	{D, "docker rename web api", "docker rename api web", false, "container: got api, expected web", nil},
	{D, "docker commit -m fix web snap:1", "docker commit --message=fix web snap:2", false, "repository: got snap:2, expected snap:1", nil},

	// Image references as docker reads them.
	{D, "docker run nginx", "docker run nginx:latest", true, "", nil},
	{D, "docker run nginx", "docker run docker.io/library/nginx", true, "", nil},
	{D, "docker pull nginx:1.25", "docker pull nginx", false, "name: got nginx, expected nginx:1.25", nil},
	{D, "docker rmi me/app", "docker image rm docker.io/me/app:latest", true, "", nil},
	{D, "docker tag app localhost:5000/app", "docker tag app:latest localhost:5000/app:latest", true, "", nil},
	{D, "docker images nginx", "docker images nginx:latest", false, "repository: got nginx:latest, expected nginx", nil},
	{D, "docker run -p 8080:80 nginx", "docker run -p 8080:80/tcp nginx", true, "", nil},
	{D, "docker run -p 53:53/udp dns", "docker run -p 53:53 dns", false, "--publish: got 53:53, expected 53:53/udp", nil},

	// Lists of like objects in any order.
	{D, "docker rm web db", "docker rm db web", true, "", nil},
	{D, "docker stop web db", "docker container stop db web", true, "", nil},
	{D, "docker rm web", "docker rm db", false, "container: got db, expected web", nil},
	{D, "docker rm web db", "docker rm web", false, "missing container db", nil},
	{D, "docker rmi nginx redis", "docker rmi redis nginx", true, "", nil},
	{D, "docker volume rm a b", "docker volume rm b a c", false, "unexpected volume c", nil},

	// Shell words: quotes and escapes.
	{D, `docker run -e "GREETING=hello world" alpine`, `docker run -e 'GREETING=hello world' alpine`, true, "", nil},
	{D, `docker run -e "GREETING=hello world" alpine`, `docker run -e GREETING=hello\ world alpine`, true, "", nil},
	{D, `docker run alpine sh -c 'echo hi'`, `docker run alpine sh -c "echo hi"`, true, "", nil},
	{D, `docker run alpine sh -c 'echo hi'`, `docker run alpine sh -c echo hi`, false, "argument 4: got echo, expected 'echo hi'", nil},
	{D, `docker ps --format '{{.Names}}'`, `docker ps --format="{{.Names}}"`, true, "", nil},
	{D, `docker ps --format '{{.Names}}'`, `docker ps --format '{{.ID}}'`, false, "--format: got '{{.ID}}', expected '{{.Names}}'", nil},
	{D, `docker run "nginx"`, `docker run nginx`, true, "", nil},
	{D, `docker run -e HOME=$HOME alpine`, `docker run -e "HOME=${HOME}" alpine`, true, "", nil},
	{D, `docker run -v "$(pwd)":/src alpine`, `docker run -v $(pwd):/src alpine`, true, "", nil},
	{D, `docker run -v "$(pwd)":/src alpine`, `docker run -v $PWD:/src alpine`, false, "--volume", nil},

	// Command substitutions are compared as command lines.
	{D, "docker rm $(docker ps -a -q)", "docker container rm $(docker container ls --all --quiet)", true, "", nil},
	{D, "docker rm $(docker ps -a -q)", "docker rm $(docker ps -aq)", true, "", nil},
	{D, "docker rm $(docker ps -a -q)", "docker rm `docker ps -qa`", true, "", nil},
	{D, "docker rm $(docker ps -a -q)", "docker rm $(docker ps -q)", false, "in $(docker container ls --all --quiet): missing --all", nil},
	{D, "docker stop $(docker ps -q)", "docker stop $(docker images -q)", false, "command: got docker image ls, expected docker container ls", nil},
	{D, "docker rm $(docker ps -a -q)", "docker rm $(docker ps -a -z)", false, "in $(docker ps -a -z): flag -z is not a flag of docker container ls", nil},
	{D, "docker rmi $(docker images -f dangling=true -q)", "docker image rm $(docker image ls --quiet --filter=dangling=true)", true, "", nil},

	// Pipes, lists and redirections.
	{D, "docker ps -q | xargs docker rm", "docker ps --quiet | xargs docker rm", true, "", nil},
	{D, "docker stop web && docker rm web", "docker container stop web && docker container rm web", true, "", nil},
	{D, "docker stop web && docker rm web", "docker stop web; docker rm web", false, "operator before command 2: got ;, expected &&", nil},
	{D, "docker stop web && docker rm web", "docker stop web", false, "missing && docker container rm web", nil},
	{D, "docker ps", "docker ps | grep web", false, "unexpected | grep web", nil},
	{D, "docker save nginx > nginx.tar", "docker image save nginx >nginx.tar", true, "", nil},
	// docker save writing to a redirected standard output is --output (issue 11).
	{D, "docker save nginx > nginx.tar", "docker save -o nginx.tar nginx", true, "", nil},
	{D, "docker save nginx > nginx.tar", "docker save -o other.tar nginx", false, "--output: got other.tar, expected nginx.tar", nil},
	{D, "docker load < nginx.tar", "docker load -i nginx.tar", false, "unexpected --input nginx.tar", nil},
	{D, "docker load --input nginx.tar", "docker load -i nginx.tar", true, "", nil},
	{D, "DOCKER_BUILDKIT=0 docker build .", "DOCKER_BUILDKIT=0 docker image build .", true, "", nil},
	{D, "DOCKER_BUILDKIT=0 docker build .", "docker build .", false, "missing DOCKER_BUILDKIT=0", nil},
	{D, "docker logs web 2>&1 | grep error", "docker logs web 2>&1 | grep error", true, "", nil},

	// What the docker CLI rejects is wrong, with its reason.
	{D, "docker run nginx", "docker run -x nginx", false, "flag -x is not a flag of docker container run", nil},
	{D, "docker run nginx", "docker run --detached nginx", false, "flag --detached is not a flag of docker container run", nil},
	{D, "docker run --name web nginx", "docker run --name nginx", false, "missing image: docker container run needs at least 1 argument", nil},
	{D, "docker run -d nginx", "docker run -d", false, "missing image", nil},
	{D, "docker ps --format '{{.ID}}'", "docker ps --format", false, "flag --format needs a value", nil},
	{D, "docker ps -n 3", "docker ps -n", false, "flag -n (--last) needs a value", nil},
	{D, "docker ps -n 3", "docker ps -n three", false, "--last needs a whole number, got three", nil},
	{D, "docker stop -t 30 web", "docker stop -t 1.5 web", false, "--timeout needs a whole number", nil},
	{D, "docker run -m 1g nginx", "docker run -m 1q nginx", false, "--memory needs a size", nil},
	{D, "docker ps -f status=exited", "docker ps -f exited", false, "--filter needs a filter written name=value", nil},
	{D, "docker run --health-interval 30s nginx", "docker run --health-interval 30 nginx", false, "--health-interval needs a duration", nil},
	{D, "docker ps", "docker ps web", false, "docker container ls accepts no arguments", nil},
	{D, "docker image ls nginx", "docker images nginx redis", false, "docker image ls accepts at most 1 argument", nil},
	{D, "docker logs web", "docker logs", false, "missing container", nil},
	{D, "docker exec -it web sh", "docker exec -it web", false, "missing command", nil},
	{D, "docker tag nginx me/nginx", "docker tag nginx", false, "missing target image", nil},
	{D, "docker ps", "docker containers ls", false, "unknown command: docker containers", nil},
	{D, "docker container ls", "docker container", false, "docker container needs a subcommand", nil},
	{D, "docker volume create data", "docker volume add data", false, "unknown command: docker volume add", nil},
	{D, "docker volume create data", "docker volume create --name data other", false, "conflicting options", nil},
	{D, "docker ps", "ps -a", false, "command: got ps, expected docker", nil},
	{D, "docker ps", "podman ps", false, "command: got podman, expected docker", nil},
	{D, "docker ps", "", false, "no command given", nil},
	{D, `docker run -e "A=1 nginx`, `docker run -e "A=1 nginx`, false, "not a command line a shell can read", nil},
	{D, "docker run nginx", `docker run -e "A=1 nginx`, false, "not a command line a shell can read", nil},

	// Accepted alternatives.
	{D, "docker save -o nginx.tar nginx", "docker image save nginx >nginx.tar", true, "", []string{"docker save nginx > nginx.tar"}},
	{D, "docker save -o nginx.tar nginx", "docker save nginx", false, "missing --output nginx.tar", []string{"docker save nginx > nginx.tar"}},
	{D, "docker compose up -d", "docker compose up -d", true, "", nil},
	{D, "docker compose up -d", "docker compose up", false, "missing argument 2 -d", nil},
}

// otherCases are Dockerfile instructions, exact answers and terms.
var otherCases = []gradeCase{
	// Dockerfile: keyword case, exec form against shell form.
	{DF, `CMD ["nginx", "-g", "daemon off;"]`, `cmd ["nginx","-g","daemon off;"]`, true, "", nil},
	{DF, `CMD ["nginx", "-g", "daemon off;"]`, `CMD nginx -g "daemon off;"`, false, "form: got shell form, expected exec form", nil},
	{DF, `CMD nginx -g "daemon off;"`, `CMD ["nginx", "-g", "daemon off;"]`, false, "form: got exec form, expected shell form", nil},
	{DF, `CMD ["nginx", "-g", "daemon off;"]`, `CMD ['nginx', '-g', 'daemon off;']`, false, "a JSON array needs double quotes", nil},
	{DF, `CMD ["nginx", "-g", "daemon off;"]`, `CMD nginx -g "daemon off;"`, true, "", []string{`CMD nginx -g "daemon off;"`}},
	{DF, `ENTRYPOINT ["/entrypoint.sh"]`, `CMD ["/entrypoint.sh"]`, false, "instruction: got CMD, expected ENTRYPOINT", nil},
	{DF, `ENTRYPOINT ["python", "app.py"]`, `ENTRYPOINT ["python", "main.py"]`, false, "argument 2: got main.py, expected app.py", nil},
	{DF, `RUN apt-get update && apt-get install -y curl`, `run apt-get update   &&  apt-get install -y curl`, true, "", nil},
	{DF, `RUN apt-get update && apt-get install -y curl`, `RUN apt-get install -y curl && apt-get update`, false, "command 1", nil},
	{DF, "RUN apt-get update && \\\n    apt-get install -y curl", `RUN apt-get update && apt-get install -y curl`, true, "", nil},
	{DF, `RUN echo "hello world"`, `RUN echo 'hello world'`, true, "", nil},
	{DF, `RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt`, `RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt`, true, "", nil},
	{DF, `SHELL ["/bin/bash", "-c"]`, `shell ["/bin/bash", "-c"]`, true, "", nil},
	{DF, `SHELL ["/bin/bash", "-c"]`, `SHELL /bin/bash -c`, false, "SHELL needs a JSON array", nil},
	{DF, `ENV APP_ENV=production PORT=8080`, `ENV PORT=8080 APP_ENV=production`, true, "", nil},
	{DF, `ENV APP_ENV=production`, `ENV APP_ENV production`, true, "", nil},
	{DF, `ENV GREETING="hello world"`, `ENV GREETING='hello world'`, true, "", nil},
	{DF, `ENV APP_ENV=production`, `ENV APP_ENV=development`, false, "value: got APP_ENV=development, expected APP_ENV=production", nil},
	{DF, `LABEL version="1.0"`, `label version=1.0`, true, "", nil},
	{DF, `ARG VERSION=1`, `ARG VERSION`, false, "argument 1: got VERSION, expected VERSION=1", nil},
	{DF, `EXPOSE 80`, `EXPOSE 80/tcp`, true, "", nil},
	{DF, `EXPOSE 80 443`, `expose 443 80`, true, "", nil},
	{DF, `EXPOSE 53/udp`, `EXPOSE 53`, false, "value: got 53, expected 53/udp", nil},
	{DF, `COPY --from=build /app/bin /usr/local/bin/`, `copy --from=build /app/bin /usr/local/bin/`, true, "", nil},
	{DF, `COPY --chown=app:app --chmod=755 run.sh /app/`, `COPY --chmod=755 --chown=app:app run.sh /app/`, true, "", nil},
	{DF, `COPY --from=build /app /app`, `COPY /app /app`, false, "missing --from=build", nil},
	{DF, `COPY --from=build /app /app`, `COPY --from build /app /app`, false, "COPY flag --from needs a value", nil},
	{DF, `COPY a.txt b.txt /dst/`, `COPY b.txt a.txt /dst/`, true, "", nil},
	{DF, `COPY app.py /app/`, `COPY app.py /srv/`, false, "destination: got /srv/, expected /app/", nil},
	{DF, `COPY ["my file.txt", "/app/"]`, `COPY "my file.txt" /app/`, true, "", nil},
	{DF, `ADD app.tar.gz /opt/`, `COPY app.tar.gz /opt/`, false, "instruction: got COPY, expected ADD", nil},
	{DF, `FROM nginx:1.25 AS web`, `from nginx:1.25 as web`, true, "", nil},
	{DF, `FROM nginx:1.25`, `FROM nginx`, false, "argument 1: got nginx, expected nginx:1.25", nil},
	{DF, `FROM --platform=linux/amd64 alpine`, `FROM alpine`, false, "missing --platform=linux/amd64", nil},
	{DF, `WORKDIR /app`, `workdir /app`, true, "", nil},
	{DF, `WORKDIR /app`, `WORKDIR /app/`, false, "argument 1: got /app/, expected /app", nil},
	{DF, `USER app`, `USER root`, false, "argument 1: got root, expected app", nil},
	{DF, `VOLUME /data`, `VOLUME ["/data"]`, true, "", nil},
	{DF, `VOLUME /data /logs`, `VOLUME /logs`, false, "missing /data", nil},
	{DF, `HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1`, `healthcheck --timeout=3s --interval=30s CMD curl -f http://localhost/ || exit 1`, true, "", nil},
	{DF, `HEALTHCHECK NONE`, `HEALTHCHECK none`, true, "", nil},
	{DF, `ONBUILD COPY . /app`, `onbuild copy . /app`, true, "", nil},
	{DF, `STOPSIGNAL SIGTERM`, `STOPSIGNAL SIGKILL`, false, "argument 1: got SIGKILL, expected SIGTERM", nil},
	{DF, "FROM alpine\nRUN apk add curl", "FROM alpine\nRUN apk add --no-cache curl", false, "line 2:", nil},
	{DF, "FROM alpine\nRUN apk add curl", "from alpine\n\nrun apk add curl\n", true, "", nil},
	{DF, `COPY . /app`, `COPPY . /app`, false, "COPPY is not a Dockerfile instruction", nil},
	{DF, `COPY . /app`, `COPY /app`, false, "COPY needs a source and a destination", nil},
	{DF, `ENTRYPOINT`, `entrypoint`, true, "", nil},
	{DF, `ENTRYPOINT`, `CMD`, false, "instruction: got CMD, expected ENTRYPOINT", nil},
	{DF, `CMD`, `CMD ["nginx"]`, false, `got CMD ["nginx"], expected CMD`, nil},
	{"", `HEALTHCHECK`, `healthcheck`, true, "", nil},

	// Exact: file names, paths, flags.
	{EX, "Dockerfile", "  Dockerfile ", true, "", nil},
	{EX, "Dockerfile", "dockerfile", false, `got "dockerfile", expected "Dockerfile"`, nil},
	{EX, "/var/lib/docker", "/var/lib/docker/", false, `expected "/var/lib/docker"`, nil},
	{EX, ".dockerignore", ".dockerignore", true, "", nil},
	{EX, "--rm", "--rm", true, "", nil},
	{"path", "/var/lib/docker/volumes", "/var/lib/docker/volumes", true, "", nil},

	// Terms: case and surrounding space ignored.
	{TM, "union file system", "Union File System", true, "", nil},
	{TM, "overlay2", "  OVERLAY2 ", true, "", nil},
	{TM, "copy-on-write", "copy on write", false, `got "copy on write", expected "copy-on-write"`, nil},
	{TM, "bind mount", "bind   mount", true, "", nil},
	{TM, "volume", "volumes", false, "expected", nil},
	{TM, "container", "image", false, "", []string{"containers"}},
	{TM, "container", "Containers", true, "", []string{"containers"}},

	// Without a mode, the answer chooses one; unknown modes are wrong.
	{"", "docker ps -a", "docker container ls -a", true, "", nil},
	{"", "EXPOSE 80", "expose 80/tcp", true, "", nil},
	{"", "/etc/docker/daemon.json", "/etc/docker/daemon.json", true, "", nil},
	{"", "/etc/docker/daemon.json", "/etc/docker/daemon.JSON", false, "", nil},
	{"fuzzy", "a", "a", false, `unknown grading mode "fuzzy"`, nil},
}

func TestGrade(t *testing.T) {
	cases := append(append([]gradeCase(nil), dockerCases...), otherCases...)
	assert.GreaterOrEqual(t, len(cases), 150)
	for _, c := range cases {
		name := fmt.Sprintf("%s/%s/%s", c.mode, c.expected, c.given)
		t.Run(name, func(t *testing.T) {
			v := Grade(c.mode, c.expected, c.accept, c.given)
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
		})
	}
}

func containsAny(reasons []string, sub string) bool {
	for _, r := range reasons {
		if strings.Contains(r, sub) {
			return true
		}
	}
	return false
}

func TestCanonicalForms(t *testing.T) {
	tests := []struct {
		mode     Mode
		answer   string
		expected string
	}{
		{D, "docker ps -a", "docker container ls --all"},
		{D, "docker rm $(docker ps -a -q)", "docker container rm $(docker container ls --all --quiet)"},
		{D, "docker run -dit -p 8080:80 --name=web nginx", "docker container run --detach --interactive --name web --publish 8080:80 --tty nginx"},
		{D, "docker run -p 80:80 -p 443:443 nginx", "docker container run --publish 443:443 --publish 80:80 nginx"},
		{D, "docker run alpine sh -c 'echo hi'", "docker container run alpine sh -c 'echo hi'"},
		{D, "docker -H tcp://127.0.0.1:2375 images", "docker --host tcp://127.0.0.1:2375 image ls"},
		{D, "docker build -t app:1 -f Dockerfile.dev .", "docker image build --file Dockerfile.dev --tag app:1 ."},
		{D, "docker run --rm=false --sig-proxy=false alpine", "docker container run --sig-proxy=false alpine"},
		{D, "docker rm -- -odd", "docker container rm -- -odd"},
		{D, "docker save nginx >nginx.tar && docker load<nginx.tar", "docker image save nginx > nginx.tar && docker image load < nginx.tar"},
		{D, `docker run -e "HOME=$HOME" alpine`, `docker container run --env "HOME=${HOME}" alpine`},
		{DF, `cmd ["nginx","-g","daemon off;"]`, `CMD ["nginx", "-g", "daemon off;"]`},
		{DF, `run  apt-get update&&apt-get install -y curl`, `RUN apt-get update && apt-get install -y curl`},
		{DF, `expose 443 80/tcp`, `EXPOSE 443 80/tcp`},
		{DF, `label description='An example' version=1`, `LABEL description="An example" version=1`},
		{DF, `RUN rm -rf /var/lib/apt/lists/*`, `RUN rm -rf /var/lib/apt/lists/*`},
		{D, `docker images --filter 'reference=ng*'`, `docker image ls --filter 'reference=ng*'`},
		{EX, "  Dockerfile\n", "Dockerfile"},
		{TM, "  union   file system ", "union file system"},
	}
	for _, tt := range tests {
		t.Run(tt.answer, func(t *testing.T) {
			v := Grade(tt.mode, tt.answer, nil, tt.answer)
			assert.True(t, v.Right, "an answer matches itself: %q", v.Reasons)
			assert.Equal(t, tt.expected, v.Canonical)
			again := Grade(tt.mode, tt.answer, nil, v.Canonical)
			assert.True(t, again.Right, "the canonical form is a right answer: %q", again.Reasons)
		})
	}
}

func TestGradeReportsTheMatchedAnswer(t *testing.T) {
	v := Grade(D, "docker ps -a", []string{"docker ps -a -q", "docker container ls -aq --no-trunc"}, "docker ps --quiet --all")
	assert.True(t, v.Right)
	assert.Equal(t, "docker ps -a -q", v.Matched)
	assert.Equal(t, "docker container ls --all", v.Canonical, "the canonical form is the expected answer's")
	assert.Equal(t, "docker ps -a", v.Answer, "the card's own form")
}

func TestBrokenCardAnswerIsReported(t *testing.T) {
	v := Grade(D, "docker run --detached nginx", nil, "docker run --detached nginx")
	assert.False(t, v.Right, "an answer docker rejects matches nothing")
	assert.Equal(t, []string{`the card's answer "docker run --detached nginx" is wrong: flag --detached is not a flag of docker container run`}, v.Reasons)

	v = Grade(D, "docker ps", []string{"docker ps -z"}, "docker ps -a")
	assert.False(t, v.Right)
	assert.Equal(t, []string{"unexpected --all"}, v.Reasons, "the closest answer's reasons are given")

	v = Grade(D, "docker ps -a", []string{"docker ps -z"}, "docker ps -a")
	assert.True(t, v.Right, "a broken accepted answer does not spoil a right one")
}

func BenchmarkGrade(b *testing.B) {
	for b.Loop() {
		Grade(ModeDocker, "docker run -d --name web -p 8080:80 -v data:/data nginx:1.25", nil, "docker container run --publish=8080:80 -dv data:/data --name web nginx:1.25")
	}
}

func BenchmarkGradeSubstitution(b *testing.B) {
	for b.Loop() {
		Grade(ModeDocker, "docker rm $(docker ps -a -q)", nil, "docker container rm $(docker container ls --all --quiet)")
	}
}

func BenchmarkGradeDockerfile(b *testing.B) {
	for b.Loop() {
		Grade(ModeDockerfile, `CMD ["nginx", "-g", "daemon off;"]`, nil, `cmd ["nginx","-g","daemon off;"]`)
	}
}

func TestUnescapeANSIDecodesBashDollarQuotes(t *testing.T) {
	tests := map[string]string{
		`a\nb`:             "a\nb",
		`\x41\101\u00e9\'`: "AAé'",
		`\q`:               `\q`,
		`\\`:               `\`,
		`\xff`:             "\xff",
		`\cA`:              "\x01",
	}
	for in, want := range tests {
		assert.Equal(t, want, unescapeANSI(in), in)
	}
}
