package provision

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// recipes holds the Dockerfile and files of each role's offline build.
//
//go:embed recipes
var recipes embed.FS

// rootfsImage is the reference of the imported Debian root filesystem that
// every offline role builds FROM.
const rootfsImage = "dockdrill-lab/rootfs:latest"

// rootfsSpec describes the Debian root filesystem of the offline build: one
// file system with every package the roles need, so that the role builds
// themselves need no network.
type rootfsSpec struct {
	Suite    string
	Variant  string
	Packages []string
	Excludes []string // paths (shell globs) the file system leaves out
}

var rootfs = rootfsSpec{
	Suite:   "bookworm",
	Variant: "minbase",
	Packages: []string{
		"busybox-static",  // shell
		"redis-server",    // redis (brings redis-tools: redis-cli)
		"nginx-light",     // web
		"docker-registry", // registry
	},
	Excludes: []string{
		"/usr/share/man/*",
		"/usr/share/doc/*",
		"/usr/share/info/*",
		"/usr/share/locale/*",
	},
}

// hash returns the recipe hash of the root filesystem. The host's apt
// sources are not part of it: a different mirror makes the same file system.
func (s rootfsSpec) hash() string {
	h := sha256.New()
	io.WriteString(h, "rootfs\x00"+s.Suite+"\x00"+s.Variant+"\x00")
	io.WriteString(h, strings.Join(s.Packages, ",")+"\x00")
	io.WriteString(h, strings.Join(s.Excludes, ",")+"\x00")
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// recipeHash returns the hash of a role's offline recipe: its files and the
// root filesystem it builds on. A changed recipe gives a new hash, and the
// image is rebuilt; an unchanged one never is.
func recipeHash(r Role) (string, error) {
	h := sha256.New()
	spec, _ := rootfsOf(r)
	io.WriteString(h, "role\x00"+string(r)+"\x00"+spec.hash()+"\x00")
	files, err := recipeFiles(r)
	if err != nil {
		return "", err
	}
	for _, f := range files {
		io.WriteString(h, f.name+"\x00")
		h.Write(f.data)
		io.WriteString(h, "\x00")
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

type recipeFile struct {
	name string
	data []byte
}

// recipeFiles returns the files of a role's recipe, sorted by name.
func recipeFiles(r Role) ([]recipeFile, error) {
	dir := path.Join("recipes", string(r))
	var files []recipeFile
	err := fs.WalkDir(recipes, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := recipes.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, recipeFile{name: strings.TrimPrefix(p, dir+"/"), data: data})
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, err
}

// recipeContext returns a role's recipe as a tar build context. Shell
// scripts are made executable; embedded files carry no mode.
func recipeContext(r Role) (io.Reader, error) {
	files, err := recipeFiles(r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		mode := int64(0o644)
		if strings.HasSuffix(f.name, ".sh") {
			mode = 0o755
		}
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: mode, Size: int64(len(f.data)), Typeflag: tar.TypeReg}); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return &buf, nil
}
