package main

import (
	"io"

	"context"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/handson"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

func newConfigCmd(f *Factory) *cobra.Command {
	opts := f
	cmd := &cobra.Command{
		Use:   "config <command>",
		Short: "Show and change the settings kept in the review store",
		Long: `Settings are kept in the review store beside your progress:

  exam-date          the day of your exam, YYYY-MM-DD; readiness projects your
                     memory to it unless --exam-date says otherwise
  assume.<objective> your own estimate, 0 to 1 (or 0% to 100%), of the share
                     of questions you will answer right on an objective no
                     deck covers, e.g. assume.704.1; readiness uses it unless
                     --assume says otherwise
  drill.tasks        on or off: the drill does the hands-on tasks that are due
                     first, when a Docker engine answers (as drill --tasks)` + scheduleSettingsHelp,
		Example: `  dockdrill config set exam-date 2026-12-14
  dockdrill config set assume.704.1 0.7
  dockdrill config set retention 0.92
  dockdrill config get exam-date
  dockdrill config list
  dockdrill config unset assume.704.1`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	set := &cobra.Command{
		Use:   "set <name> <value>",
		Short: "Set a setting",
		Args:  usageArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConfigSet(cmd.Context(), opts, args[0], args[1])
		},
	}
	get := &cobra.Command{
		Use:   "get <name>",
		Short: "Print a setting's value; exit status 1 when it is not set",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConfigGet(cmd.Context(), opts, args[0])
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List every setting",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runConfigList(cmd.Context(), opts)
		},
	}
	unset := &cobra.Command{
		Use:   "unset <name>",
		Short: "Remove a setting",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConfigUnset(cmd.Context(), opts, args[0])
		},
	}
	cmd.AddCommand(set, get, list, unset)
	return cmd
}

func runConfigSet(ctx context.Context, opts *Factory, name, value string) error {
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	v, handled, err := schedule.CheckSetting(name, value)
	switch {
	case handled:
	case name == configDrillTasks:
		v, err = handson.CheckOnOff(name, value)
	case readiness.IsSetting(name):
		var loc *time.Location
		if loc, err = opts.Location(); err != nil {
			return err
		}
		today := store.Calendar{Loc: loc, Rollover: store.DefaultRollover}.Day(opts.Now())
		v, err = readiness.CheckSetting(set, name, value, today)
	default:
		err = unknownSetting(name)
	}
	if err != nil {
		return usagef("config set: %v", err)
	}
	st, err := opts.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetConfig(ctx, name, v); err != nil {
		return err
	}
	if name == schedule.SettingRetention || name == schedule.SettingExamRetention {
		f, _ := strconv.ParseFloat(v, 64)
		warnRetention(opts.IO.ErrOut, name, f)
	}
	return nil
}

func runConfigGet(ctx context.Context, opts *Factory, name string) error {
	st, err := opts.OpenStoreReadOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	v, ok, err := st.Config(ctx, name)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s is not set", name)
	}
	_, err = fmt.Fprintln(opts.IO.Out, v)
	return err
}

func runConfigList(ctx context.Context, opts *Factory) error {
	st, err := opts.OpenStoreReadOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	all, err := st.Configs(ctx)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	slices.Sort(names)
	t := &ui.Table{Width: ui.TermWidth(opts.IO.Out)}
	for _, k := range names {
		t.Add(k, strings.ReplaceAll(all[k], "\n", " "))
	}
	_, err = io.WriteString(opts.IO.Out, t.String())
	return err
}

// isSetting reports whether name is a setting of dockdrill's: the
// scheduler's, readiness's, or drill.tasks.
func isSetting(name string) bool {
	switch name {
	case schedule.SettingRetention, schedule.SettingParams, schedule.SettingExamRetention,
		schedule.SettingExamBuffer, configDrillTasks:
		return true
	}
	return readiness.IsSetting(name)
}

// unknownSetting is the error for a name that is no setting: it lists them.
func unknownSetting(name string) error {
	return fmt.Errorf("unknown setting %q; the settings are %s, %s<objective>, %s, %s, %s, %s and %s", name,
		readiness.SettingExamDate, readiness.SettingAssume, schedule.SettingRetention, schedule.SettingParams,
		schedule.SettingExamRetention, schedule.SettingExamBuffer, configDrillTasks)
}

func runConfigUnset(ctx context.Context, opts *Factory, name string) error {
	if !isSetting(name) {
		return usagef("config unset: %v", unknownSetting(name))
	}
	st, err := opts.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.DeleteConfig(ctx, name)
}
