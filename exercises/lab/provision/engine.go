package provision

import (
	"context"
	"fmt"

	"github.com/moby/moby/client"
)

// Connect returns a client of the Docker engine the lab uses, once the
// engine has answered a ping.
func Connect(ctx context.Context) (*client.Client, error) {
	cli, err := NewClient()
	if err != nil {
		return nil, fmt.Errorf("docker: %w", err)
	}
	if _, err := cli.Ping(ctx, client.PingOptions{}); err != nil {
		cli.Close()
		return nil, fmt.Errorf("no Docker engine answers: %w", err)
	}
	return cli, nil
}

// EngineVersion returns the version of the Docker engine the lab uses.
func EngineVersion(ctx context.Context) (string, error) {
	cli, err := Connect(ctx)
	if err != nil {
		return "", err
	}
	defer cli.Close()
	v, err := cli.ServerVersion(ctx, client.ServerVersionOptions{})
	if err != nil {
		return "", err
	}
	return v.Version, nil
}
