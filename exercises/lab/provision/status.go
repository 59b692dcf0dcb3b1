package provision

import (
	"context"
	"time"
)

// RoleStatus is the state of one role: the image that fulfils it now, or
// none (Missing).
type RoleStatus struct {
	Role    Role      `json:"role"`
	Ref     string    `json:"image,omitempty"`
	Source  Source    `json:"source,omitempty"`
	ID      string    `json:"id,omitempty"`
	Size    int64     `json:"size,omitempty"`
	Created time.Time `json:"created,omitzero"`
	Missing bool      `json:"missing,omitempty"`
	// Stale names an offline build of an older recipe; it will be rebuilt.
	Stale string `json:"stale,omitempty"`
}

// Status reports, for every role, the image that fulfils it, without
// pulling or building anything.
func (p *Provisioner) Status(ctx context.Context) ([]RoleStatus, error) {
	var out []RoleStatus
	for _, r := range Roles {
		img, ok, err := p.find(ctx, r)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, RoleStatus{Role: r, Ref: img.Ref, Source: img.Source, ID: img.ID, Size: img.Size, Created: img.Created})
			continue
		}
		st := RoleStatus{Role: r, Missing: true}
		if old, ok, err := p.inspect(ctx, r, r.Offline()); err == nil && ok {
			st.Stale = old.Ref
		}
		out = append(out, st)
	}
	return out, nil
}
