package tasks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
)

// inspect returns the container the task calls name, or nil when there is
// none; it is read once per check.
func (c *Checker) inspect(ctx context.Context, name string) *container.InspectResponse {
	key := "ctr:" + name
	if v, ok := c.cache[key]; ok {
		return v.(*container.InspectResponse)
	}
	var ctr *container.InspectResponse
	res, err := c.Client.ContainerInspect(ctx, c.Name(name), client.ContainerInspectOptions{})
	if err == nil {
		ctr = &res.Container
	}
	c.cache[key] = ctr
	return ctr
}

// Running expects the container name to exist and run; it returns the
// container when it does.
func (c *Checker) Running(ctx context.Context, name string) *container.InspectResponse {
	item := name + " is running"
	ctr := c.inspect(ctx, name)
	switch {
	case ctr == nil:
		c.fail(item, "there is no container named %s; docker run --name %s … creates it (docker ps -a lists what there is)", name, name)
		return nil
	case ctr.State == nil || !ctr.State.Running:
		status, code := "created", 0
		if ctr.State != nil {
			status, code = string(ctr.State.Status), ctr.State.ExitCode
		}
		c.fail(item, "%s exists but is %s (exit code %d): its main process ended; docker logs %s shows why. Remove it (docker rm %s) and run it again with a command that keeps running", name, status, code, name, name)
		return ctr
	}
	c.pass(item)
	return ctr
}

// Exists expects the container name to exist, running or not.
func (c *Checker) Exists(ctx context.Context, name string) *container.InspectResponse {
	ctr := c.inspect(ctx, name)
	c.expect("container "+name+" exists", ctr != nil, "there is no container named %s (docker ps -a lists every container)", name)
	return ctr
}

// imageIDs returns the ids of the images that fulfil role here.
func (c *Checker) imageIDs(ctx context.Context, role string) []string {
	var ids []string
	for _, ref := range c.Images[role] {
		if id := c.imageID(ctx, ref); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// imageID returns the id of the image ref, or "" when there is none.
func (c *Checker) imageID(ctx context.Context, ref string) string {
	res, err := c.Client.ImageInspect(ctx, ref)
	if err != nil {
		return ""
	}
	return res.ID
}

// roleNames describes the images of a role for a message.
func (c *Checker) roleNames(role string) string {
	return strings.Join(c.Images[role], " or ")
}

// RunsImage expects the container to run the image of a lab role.
func (c *Checker) RunsImage(ctx context.Context, ctr *container.InspectResponse, name, role string) {
	item := fmt.Sprintf("%s runs the %s image", name, role)
	if ctr == nil {
		c.fail(item, "there is no container %s to look at", name)
		return
	}
	ids := c.imageIDs(ctx, role)
	c.expect(item, slices.Contains(ids, ctr.Image), "%s was made from %s; the task asks for %s", name, ctr.Config.Image, c.roleNames(role))
}

// RunsImageRef expects the container to run the image ref (a task's name).
func (c *Checker) RunsImageRef(ctx context.Context, ctr *container.InspectResponse, name, ref string) {
	item := fmt.Sprintf("%s runs the image %s", name, ref)
	if ctr == nil {
		c.fail(item, "there is no container %s to look at", name)
		return
	}
	id := c.imageID(ctx, c.Name(ref))
	c.expect(item, id != "" && id == ctr.Image, "%s was made from %s, not from %s", name, ctr.Config.Image, ref)
}

// Publishes expects the container to publish its port ctrPort/tcp on
// 127.0.0.1:hostPort, and on no other address.
func (c *Checker) Publishes(ctr *container.InspectResponse, name string, ctrPort, hostPort int) {
	hostPort = c.Port(hostPort)
	item := fmt.Sprintf("%s publishes its port %d on 127.0.0.1:%d only", name, ctrPort, hostPort)
	if ctr == nil {
		c.fail(item, "there is no container %s to look at", name)
		return
	}
	var bindings network.PortMap
	if ctr.NetworkSettings != nil && ctr.State != nil && ctr.State.Running {
		bindings = ctr.NetworkSettings.Ports
	}
	if len(bindings) == 0 && ctr.HostConfig != nil {
		bindings = ctr.HostConfig.PortBindings
	}
	var found []string
	ok := false
	for p, bs := range bindings {
		for _, b := range bs {
			if b.HostPort == "" {
				continue
			}
			ip := "0.0.0.0"
			if b.HostIP.IsValid() {
				ip = b.HostIP.String()
			}
			found = append(found, fmt.Sprintf("%s:%s -> %s", ip, b.HostPort, p))
			if int(p.Num()) == ctrPort && b.HostPort == itoa(hostPort) {
				ok = ip == "127.0.0.1"
			}
		}
	}
	slices.Sort(found)
	switch {
	case ok && len(found) == 1:
		c.pass(item)
	case len(found) == 0:
		c.fail(item, "%s publishes no port; add -p 127.0.0.1:%d:%d (host address:host port:container port)", name, hostPort, ctrPort)
	case ok:
		c.fail(item, "%s publishes more than asked: %s", name, strings.Join(found, ", "))
	case slices.Contains(found, fmt.Sprintf("127.0.0.1:%d -> %d/tcp", ctrPort, hostPort)):
		c.fail(item, "%s publishes container port %d on host port %d: the order is reversed; -p takes host:container, here -p 127.0.0.1:%d:%d", name, hostPort, ctrPort, hostPort, ctrPort)
	case slices.Contains(found, fmt.Sprintf("0.0.0.0:%d -> %d/tcp", hostPort, ctrPort)):
		c.fail(item, "%s publishes port %d on every interface of the host (0.0.0.0); write the address too: -p 127.0.0.1:%d:%d", name, hostPort, hostPort, ctrPort)
	default:
		c.fail(item, "%s publishes %s; the task asks for -p 127.0.0.1:%d:%d", name, strings.Join(found, ", "), hostPort, ctrPort)
	}
}

// HTTPGet expects http://127.0.0.1:port/path to answer 200 with a body
// containing want.
func (c *Checker) HTTPGet(ctx context.Context, port int, path, want string) {
	port = c.Port(port)
	url := fmt.Sprintf("http://127.0.0.1:%d%s", port, path)
	item := fmt.Sprintf("GET %s answers 200", url)
	if want != "" {
		item += fmt.Sprintf(" with %q", want)
	}
	body, code, err := httpGet(ctx, url)
	switch {
	case err != nil:
		c.fail(item, "nothing answers on 127.0.0.1:%d (%v); is the port published, and the server up?", port, shortErr(err))
	case code != http.StatusOK:
		c.fail(item, "it answers %d", code)
	case !strings.Contains(body, want):
		c.fail(item, "it answers, but the page does not contain %q; it begins %q", want, firstLine(body))
	default:
		c.pass(item)
	}
}

func httpGet(ctx context.Context, url string) (string, int, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return string(b), resp.StatusCode, err
}

// Exec runs a read-only command in the running container and returns its
// exit code and its standard output and error together.
func (c *Checker) Exec(ctx context.Context, name string, cmd ...string) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ex, err := c.Client.ExecCreate(ctx, c.Name(name), client.ExecCreateOptions{AttachStdout: true, AttachStderr: true, Cmd: cmd})
	if err != nil {
		return -1, "", err
	}
	att, err := c.Client.ExecAttach(ctx, ex.ID, client.ExecAttachOptions{})
	if err != nil {
		return -1, "", err
	}
	defer att.Close()
	var out bytes.Buffer
	if _, err := stdcopy.StdCopy(&out, &out, att.Reader); err != nil {
		return -1, out.String(), err
	}
	res, err := c.Client.ExecInspect(ctx, ex.ID, client.ExecInspectOptions{})
	if err != nil {
		return -1, out.String(), err
	}
	return res.ExitCode, out.String(), nil
}

// ExecSays expects cmd, run in the running container, to succeed and print
// want (trimmed); hint says what to do when it does not.
func (c *Checker) ExecSays(ctx context.Context, ctr *container.InspectResponse, name, item, want, hint string, cmd ...string) {
	if ctr == nil || ctr.State == nil || !ctr.State.Running {
		c.fail(item, "%s is not running, so nothing can be looked at inside it", name)
		return
	}
	code, out, err := c.Exec(ctx, name, cmd...)
	got := strings.TrimSpace(out)
	switch {
	case err != nil:
		c.fail(item, "could not look inside %s: %v", name, shortErr(err))
	case code == 0 && got == want:
		c.pass(item)
	case code != 0:
		c.fail(item, "%s in %s fails: %s. %s", strings.Join(cmd, " "), name, firstLine(got), hint)
	default:
		c.fail(item, "%s in %s prints %q, not %q. %s", strings.Join(cmd, " "), name, firstLine(got), want, hint)
	}
}

// ExecSucceeds expects cmd to exit 0 in the running container.
func (c *Checker) ExecSucceeds(ctx context.Context, ctr *container.InspectResponse, name, item, hint string, cmd ...string) bool {
	if ctr == nil || ctr.State == nil || !ctr.State.Running {
		c.fail(item, "%s is not running, so nothing can be tried from it", name)
		return false
	}
	code, out, err := c.Exec(ctx, name, cmd...)
	switch {
	case err != nil:
		c.fail(item, "could not run a command in %s: %v", name, shortErr(err))
	case code != 0:
		c.fail(item, "%s in %s fails: %s. %s", strings.Join(cmd, " "), name, firstLine(strings.TrimSpace(out)), hint)
	default:
		c.pass(item)
		return true
	}
	return false
}

// MountAt returns the container's mount at dest.
func MountAt(ctr *container.InspectResponse, dest string) (container.MountPoint, bool) {
	if ctr == nil {
		return container.MountPoint{}, false
	}
	for _, m := range ctr.Mounts {
		if m.Destination == dest {
			return m, true
		}
	}
	return container.MountPoint{}, false
}

// MountsVolume expects the named volume vol at dest in the container.
func (c *Checker) MountsVolume(ctr *container.InspectResponse, name, vol, dest string) {
	item := fmt.Sprintf("%s mounts the named volume %s at %s", name, vol, dest)
	m, ok := MountAt(ctr, dest)
	switch {
	case ctr == nil:
		c.fail(item, "there is no container %s to look at", name)
	case !ok:
		c.fail(item, "%s has nothing mounted at %s; add -v %s:%s", name, dest, vol, dest)
	case m.Type == "volume" && m.Name == c.Name(vol):
		c.pass(item)
	case m.Type == "volume" && len(m.Name) == 64:
		c.fail(item, "%s mounts an anonymous volume at %s; the task asks for the named volume %s: -v %s:%s", name, dest, vol, vol, dest)
	case m.Type == "volume":
		c.fail(item, "%s mounts the volume %s at %s; the task asks for %s", name, m.Name, dest, vol)
	default:
		c.fail(item, "%s mounts a %s (%s) at %s; the task asks for the named volume %s: -v %s:%s", name, m.Type, m.Source, dest, vol, vol, dest)
	}
}

// VolumeExists expects the named volume.
func (c *Checker) VolumeExists(ctx context.Context, vol string) bool {
	_, err := c.Client.VolumeInspect(ctx, c.Name(vol), client.VolumeInspectOptions{})
	return c.expect("volume "+vol+" exists", err == nil, "there is no volume named %s (docker volume ls); docker volume create %s makes it", vol, vol)
}

// network returns the network the task calls name, or nil.
func (c *Checker) network(ctx context.Context, name string) *network.Inspect {
	res, err := c.Client.NetworkInspect(ctx, c.Name(name), client.NetworkInspectOptions{})
	if err != nil {
		return nil
	}
	return &res.Network
}

// NetworkExists expects a user-defined bridge network.
func (c *Checker) NetworkExists(ctx context.Context, name string) *network.Inspect {
	item := "network " + name + " is a user-defined bridge network"
	n := c.network(ctx, name)
	switch {
	case n == nil:
		c.fail(item, "there is no network named %s (docker network ls); docker network create %s makes one", name, name)
	case n.Driver != "bridge":
		c.fail(item, "%s uses the %s driver; docker network create uses bridge unless told otherwise", name, n.Driver)
	default:
		c.pass(item)
	}
	return n
}

// OnNetwork expects the container to be attached to the network.
func (c *Checker) OnNetwork(ctr *container.InspectResponse, name, net string) *network.EndpointSettings {
	item := fmt.Sprintf("%s is attached to %s", name, net)
	if ctr == nil {
		c.fail(item, "there is no container %s to look at", name)
		return nil
	}
	var on []string
	for n, ep := range ctr.NetworkSettings.Networks {
		if n == c.Name(net) {
			c.pass(item)
			return ep
		}
		on = append(on, n)
	}
	slices.Sort(on)
	c.fail(item, "%s is attached to %s only; run it with --network %s, or docker network connect %s %s", name, orNone(on), net, net, name)
	return nil
}

// ImageExists expects the image ref (a task's name) to exist locally.
func (c *Checker) ImageExists(ctx context.Context, ref, hint string) bool {
	id := c.imageID(ctx, c.Name(ref))
	return c.expect("image "+ref+" exists", id != "", "there is no image %s (docker image ls). %s", ref, hint)
}

// imageConfig returns the config of the image ref, or nil.
func (c *Checker) imageConfig(ctx context.Context, ref string) *imageInfo {
	res, err := c.Client.ImageInspect(ctx, c.Name(ref))
	if err != nil || res.Config == nil {
		return nil
	}
	return &imageInfo{ID: res.ID, Env: res.Config.Env, Cmd: res.Config.Cmd, Entrypoint: res.Config.Entrypoint,
		WorkingDir: res.Config.WorkingDir, User: res.Config.User, Healthcheck: res.Config.Healthcheck != nil && len(res.Config.Healthcheck.Test) > 0 && res.Config.Healthcheck.Test[0] != "NONE",
		Exposed: exposed(res.Config.ExposedPorts), RepoDigests: res.RepoDigests, RepoTags: res.RepoTags}
}

// imageInfo is what checks read from an image.
type imageInfo struct {
	ID                    string
	Env, Cmd, Entrypoint  []string
	WorkingDir, User      string
	Healthcheck           bool
	Exposed               []string
	RepoDigests, RepoTags []string
}

func exposed(ps map[string]struct{}) []string {
	var out []string
	for p := range ps {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// runImageWait is how long RunImage waits for a throwaway container to
// end once it runs. Creating and starting it are not counted: on a busy
// engine they alone can take seconds.
const runImageWait = 10 * time.Second

// RunImage runs a throwaway container of the image ref with cmd (none:
// the image's own), waits for it to end, and returns its output and exit
// code. The container is labelled and removed; what the learner made is
// untouched.
func (c *Checker) RunImage(ctx context.Context, ref string, cmd ...string) (string, int, error) {
	cfg := &container.Config{Image: c.Name(ref), Cmd: cmd, Labels: c.Labels}
	created, err := c.Client.ContainerCreate(ctx, client.ContainerCreateOptions{Config: cfg, HostConfig: &container.HostConfig{NetworkMode: "none"}})
	if err != nil {
		return "", -1, err
	}
	defer c.Client.ContainerRemove(context.WithoutCancel(ctx), created.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
	waitCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	wait := c.Client.ContainerWait(waitCtx, created.ID, client.ContainerWaitOptions{Condition: container.WaitConditionNextExit})
	if _, err := c.Client.ContainerStart(ctx, created.ID, client.ContainerStartOptions{}); err != nil {
		return "", -1, err
	}
	code := -1
	select {
	case res := <-wait.Result:
		code = int(res.StatusCode)
	case err := <-wait.Error:
		return "", -1, err
	case <-time.After(runImageWait):
		return "", -1, context.DeadlineExceeded
	}
	logs, err := c.Client.ContainerLogs(ctx, created.ID, client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
	if err != nil {
		return "", code, err
	}
	defer logs.Close()
	var out bytes.Buffer
	_, err = stdcopy.StdCopy(&out, &out, logs)
	return out.String(), code, err
}

// Logs returns what the container printed.
func (c *Checker) Logs(ctx context.Context, name string) (string, error) {
	logs, err := c.Client.ContainerLogs(ctx, c.Name(name), client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
	if err != nil {
		return "", err
	}
	defer logs.Close()
	var out bytes.Buffer
	_, err = stdcopy.StdCopy(&out, &out, logs)
	return out.String(), err
}

// registryTags returns the tags of repo in the task's registry.
func (c *Checker) registryTags(ctx context.Context, repo string) ([]string, error) {
	body, code, err := httpGet(ctx, fmt.Sprintf("http://%s/v2/%s/tags/list", c.Registry, c.Name(repo)))
	if err != nil {
		return nil, err
	}
	if code == http.StatusNotFound {
		return nil, nil
	}
	if code != http.StatusOK {
		return nil, fmt.Errorf("the registry answers %d", code)
	}
	var list struct{ Tags []string }
	err = json.Unmarshal([]byte(body), &list)
	return list.Tags, err
}

// registryDigest returns the digest the task's registry gives repo:tag.
func (c *Checker) registryDigest(ctx context.Context, repo, tag string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, fmt.Sprintf("http://%s/v2/%s/manifests/%s", c.Registry, c.Name(repo), tag), nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept", "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("the registry answers %d", resp.StatusCode)
	}
	return resp.Header.Get("Docker-Content-Digest"), nil
}

// InRegistry expects repo:tag in the registry at host (the task's own when
// host is "").
func (c *Checker) InRegistry(ctx context.Context, host, repo, tag string) bool {
	if host == "" {
		host = c.Registry
	}
	saved := c.Registry
	c.Registry = host
	defer func() { c.Registry = saved }()
	item := fmt.Sprintf("the registry %s holds %s:%s", host, repo, tag)
	tags, err := c.registryTags(ctx, repo)
	switch {
	case err != nil:
		c.fail(item, "the registry does not answer (%v)", shortErr(err))
	case slices.Contains(tags, tag):
		c.pass(item)
		return true
	case len(tags) > 0:
		c.fail(item, "the registry has %s with the tags %s only; tag the image %s/%s:%s and push that", repo, strings.Join(tags, ", "), host, repo, tag)
	default:
		c.fail(item, "the registry has no %s; tag the image %s/%s:%s, then docker push %s/%s:%s (a tag alone stays on your machine)", repo, host, repo, tag, host, repo, tag)
	}
	return false
}

// ContainerDiff returns the paths the container added or changed.
func (c *Checker) ContainerDiff(ctx context.Context, name string) ([]container.FilesystemChange, error) {
	res, err := c.Client.ContainerDiff(ctx, c.Name(name), client.ContainerDiffOptions{})
	if err != nil {
		return nil, err
	}
	return res.Changes, nil
}

// NotFound reports whether err means the object does not exist.
func NotFound(err error) bool { return cerrdefs.IsNotFound(err) }

func orNone(list []string) string {
	if len(list) == 0 {
		return "no network"
	}
	return strings.Join(list, ", ")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	if len(line) > 100 {
		line = line[:100] + "…"
	}
	return line
}

func shortErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && len(s) > 80 {
		s = s[i+2:]
	}
	return s
}
