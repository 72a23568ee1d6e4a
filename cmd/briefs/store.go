package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/store"
)

// CommandStore is `briefs store` and its subcommand copy.
func (a *app) CommandStore() *cobra.Command {
	c := &cobra.Command{
		Use:   "store",
		Short: "Copy tags, notes and corrections between databases (moving into a team store)",
		Long: `Where tags, notes, read state and corrections are kept: a SQLite file (the
default) or a team store on PostgreSQL, chosen with store: in the
configuration, BRIEFS_STORE or --db. "briefs store copy" copies everything
from one to the other, in either direction.`,
		Example: `briefs store copy --from sqlite:~/.local/share/briefs/briefs.db --to postgres://ana@db.example/briefs`,
		Args: args(func(pos []string) string {
			if len(pos) > 0 {
				return "store: unknown subcommand " + shown(pos[0]) + " (use copy)"
			}
			return ""
		}),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var opt copyOptions
	cp := &cobra.Command{
		Use:   "copy --from WHERE --to WHERE",
		Short: "Copy every tag, note, read mark and correction from one database into another",
		Long: `Copy everything one database holds into another, in one transaction: tags
with who added them, every person's notes, read state, corrections, and the
records that find briefs again after an edit or a move, so that identities
stay intact. WHERE is a SQLite file (sqlite:PATH or a path) or a team
store's URL (postgres://USER@HOST/DATABASE); the source is only read, the
destination created when needed.

Copying is a merge, and copying again changes nothing: what the destination
has is kept (a note of the same person on the same brief that differs is
joined with the copied one; a correction of a field it corrected otherwise
stays as it is, and is listed). --as NAME gives everything copied to NAME:
your own database's annotations, under your name in the team.`,
		Example: `briefs store copy --from sqlite:~/.local/share/briefs/briefs.db --to postgres://ana@db.example/briefs --as ana
briefs store copy --from postgres://ana@db.example/briefs --to sqlite:backup.db`,
		Args: args(func(pos []string) string {
			if len(pos) > 0 {
				return "store copy: no arguments; give --from and --to"
			}
			return ""
		}),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opt.from == "" || opt.to == "" {
				return usagef("store copy: give --from and --to, as in: briefs store copy --from sqlite:briefs.db --to postgres://ana@db/briefs")
			}
			return a.copyStore(cmd.Context(), opt)
		},
	}
	cp.Flags().StringVar(&opt.from, "from", "", "the database to copy from (sqlite:PATH, a path, or postgres://...)")
	cp.Flags().StringVar(&opt.to, "to", "", "the database to copy into (created when needed)")
	cp.Flags().StringVar(&opt.as, "as", "", "give everything copied to this person")
	cp.Flags().BoolVar(&opt.asJSON, "json", false, "print what was copied as JSON")
	valueNamed(cp.Flags(), "from", "WHERE")
	valueNamed(cp.Flags(), "to", "WHERE")
	valueNamed(cp.Flags(), "as", "NAME")
	c.AddCommand(cp)
	return c
}

type copyOptions struct {
	from, to, as string
	asJSON       bool
}

// jsonCopy is what `store copy --json` prints: by kind, rows copied,
// already there, and left as the destination had them.
type jsonCopy struct {
	From        string               `json:"from"`
	To          string               `json:"to"`
	Counts      map[string]jsonCount `json:"counts"`
	Conflicting []string             `json:"conflicting"`
}

type jsonCount struct {
	Copied    int `json:"copied"`
	Present   int `json:"present"`
	Conflicts int `json:"conflicts"`
}

func (a *app) copyStore(ctx context.Context, opt copyOptions) error {
	from, to := store.MaskURL(opt.from), store.MaskURL(opt.to)
	if store.FilePath(opt.from) != "" && store.FilePath(opt.from) == store.FilePath(opt.to) || opt.from == opt.to {
		return usagef("store copy: --from and --to are the same database")
	}
	ropt := a.storeOptions(true)
	ropt.Waiting = nil
	src, err := store.OpenAt(ctx, expandHome(opt.from), ropt)
	if err != nil {
		return fmt.Errorf("copy from %s: %w", shown(from), err)
	}
	defer src.Close()
	dst, err := store.OpenAt(ctx, expandHome(opt.to), a.storeOptions(false))
	if err != nil {
		return fmt.Errorf("copy into %s: %w", shown(to), err)
	}
	defer dst.Close()
	if dst.ReadOnly() {
		return fmt.Errorf("copy into %s: %w", shown(to), store.ErrReadOnly)
	}
	rep, err := store.Copy(ctx, dst, src, store.CopyOptions{As: opt.as})
	if err != nil {
		return err
	}
	if opt.asJSON {
		j := jsonCopy{From: from, To: to, Counts: map[string]jsonCount{}, Conflicting: nonNilSlice(rep.Conflicting)}
		for name, c := range map[string]store.CopyCount{"tags": rep.Tags, "notes": rep.Notes, "read": rep.Read,
			"corrections": rep.Corrections, "records": rep.Records, "aliases": rep.Aliases} {
			j.Counts[name] = jsonCount(c)
		}
		return a.out.JSON(j)
	}
	if err := a.out.Printf("copied from %s into %s: %s\n", shown(from), shown(to), rep.Summary()); err != nil {
		return err
	}
	for _, c := range rep.Conflicting {
		a.warn("correction kept as %s had it: %s", to, c)
	}
	return nil
}

// expandHome expands a leading ~/ of a file path (sqlite:~/x.db too).
func expandHome(where string) string {
	if store.IsURL(where) {
		return where
	}
	p := store.FilePath(where)
	if p == "~" || len(p) > 1 && p[:2] == "~/" {
		return expandPath(p, ".")
	}
	return p
}
