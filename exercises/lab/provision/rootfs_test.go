package provision

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHostSourcesKeepsOnlyBinarySourcesOfTheSuite(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		wantLines []string // one-line entries passed as they are
		wantDeb   []string // substrings of the deb822 file written
		notDeb    []string // substrings that must not be in it
		wantErr   string
	}{
		{
			name: "one-line sources keep the suite, its updates and security",
			files: map[string]string{"sources.list": `# a comment
deb http://mirror.example/debian bookworm main
deb-src http://mirror.example/debian bookworm main
deb [signed-by=/k.gpg arch=amd64] http://mirror.example/debian bookworm-updates main
deb http://security.example/debian-security bookworm-security main # trailing
deb http://mirror.example/debian trixie main
`},
			wantLines: []string{
				"deb http://mirror.example/debian bookworm main",
				"deb [signed-by=/k.gpg arch=amd64] http://mirror.example/debian bookworm-updates main",
				"deb http://security.example/debian-security bookworm-security main",
			},
		},
		{
			name: "deb822 stanzas of other suites, disabled or source-only are dropped",
			files: map[string]string{"sources.list.d/debian.sources": `Types: deb deb-src
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://other.example/repo
Suites: nodistro
Components: main

Types: deb
Enabled: no
URIs: http://disabled.example/debian
Suites: bookworm

Types: deb-src
URIs: http://src.example/debian
Suites: bookworm
`},
			wantDeb: []string{"Types: deb\n", "URIs: http://mirror.example/debian", "Suites: bookworm bookworm-updates"},
			notDeb:  []string{"deb-src", "other.example", "disabled.example", "src.example"},
		},
		{
			name: "files with other endings are not sources",
			files: map[string]string{
				"sources.list.d/old.list.disabled": "deb http://mirror.example/debian bookworm main\n",
			},
			wantErr: "no apt source for Debian bookworm",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				p := filepath.Join(dir, name)
				require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
				require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
			}
			old := aptDir
			aptDir = dir
			t.Cleanup(func() { aptDir = old })

			tmp := t.TempDir()
			got, err := hostSources("bookworm", tmp)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			var lines []string
			var deb822 string
			for _, m := range got {
				if strings.HasPrefix(m, "deb ") {
					lines = append(lines, m)
					continue
				}
				data, err := os.ReadFile(m)
				require.NoError(t, err)
				deb822 = string(data)
			}
			assert.Equal(t, tt.wantLines, lines)
			for _, s := range tt.wantDeb {
				assert.Contains(t, deb822, s)
			}
			for _, s := range tt.notDeb {
				assert.NotContains(t, deb822, s)
			}
		})
	}
}

func TestRecipeHashIsStableAndDiffersPerRole(t *testing.T) {
	seen := map[string]Role{}
	for _, r := range Roles {
		h1, err := recipeHash(r)
		require.NoError(t, err)
		h2, err := recipeHash(r)
		require.NoError(t, err)
		assert.Equal(t, h1, h2, "hash of %s is stable", r)
		if other, dup := seen[h1]; dup {
			t.Errorf("roles %s and %s share recipe hash %s", r, other, h1)
		}
		seen[h1] = r
	}
}

func TestRecipeHashFollowsTheRootfs(t *testing.T) {
	before, err := recipeHash(Redis)
	require.NoError(t, err)
	old := rootfs.Packages
	rootfs.Packages = append(append([]string(nil), old...), "curl")
	t.Cleanup(func() { rootfs.Packages = old })
	after, err := recipeHash(Redis)
	require.NoError(t, err)
	assert.NotEqual(t, before, after, "a changed root filesystem recipe rebuilds the roles on it")
}

func TestEveryRoleHasARecipeThatLabelsIt(t *testing.T) {
	for _, r := range Roles {
		files, err := recipeFiles(r)
		require.NoError(t, err)
		var dockerfile string
		for _, f := range files {
			if f.name == "Dockerfile" {
				dockerfile = string(f.data)
			}
		}
		require.NotEmpty(t, dockerfile, "role %s has a Dockerfile", r)
		assert.Contains(t, dockerfile, "LABEL "+LabelRole+"="+string(r)+" "+LabelRecipe+"=${RECIPE}")
		assert.NotContains(t, dockerfile, "apt-get", "role %s builds without network", r)
	}
}
