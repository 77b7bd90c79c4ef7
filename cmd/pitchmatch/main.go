// Command pitchmatch is PitchMatch's headless CLI: everything the desktop
// app does, scriptable. Each subcommand lives in its own cmd_<name>.go file
// and returns a *command; main only dispatches.
//
// Exit status: 0 success, 1 failure, 2 usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand. run receives the arguments after the command
// name and reports usage problems by returning a usageError.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what a command may touch of the outside world.
type cliEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

func commands() []*command {
	cs := []*command{
		demoCmd(), newCmd(), infoCmd(), importCmd(), exportCmd(), deleteCmd(), backupCmd(),
		rankCmd(), similarityCmd(), weightsCmd(), embedCmd(), scheduleCmd(),
		serveCmd(), inviteCmd(), meetingCmd(), kpiCmd(), outboxCmd(), settingsCmd(), restoreCmd(), checkCmd(),
	}
	cs = append(cs, programmeCmd())
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	return cs
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	code := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes the CLI and returns the exit status.
func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(env.stderr, "pitchmatch %s: %v\nRun 'pitchmatch %s --help' for usage.\n", c.name, err, c.name)
			return 2
		default:
			fmt.Fprintf(env.stderr, "pitchmatch %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(env.stderr, "pitchmatch: unknown command %q\n", args[0])
	printUsage(env.stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "PitchMatch — startup–company partnering events (スタートアップと大企業のマッチング)")
	fmt.Fprintln(w, "\nUsage: pitchmatch <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'pitchmatch <command> --help' for a command's flags.")
}
