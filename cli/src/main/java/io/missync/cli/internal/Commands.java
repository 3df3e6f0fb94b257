package io.missync.cli.internal;

import io.missync.core.MissyncException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Builds the {@code missync} command line: the top command and its subcommands. */
public final class Commands {
  /** Exit code of a usage error or an unreadable input. */
  static final int BAD_INPUT = 2;

  private Commands() {}

  /** The top command. */
  @Command(
      name = "missync",
      mixinStandardHelpOptions = true,
      version = "missync 0.1.0-SNAPSHOT",
      description = "Keeps an edtech product's users and groups in step with a school's MIS.",
      footer = {
        "",
        "Start with: missync demo",
        "Exit codes: 0 done, 1 a check failed or rows were rejected, 2 bad arguments or input,"
            + " or a source or store that cannot be read, 3 stopped at a plan held for review."
      })
  static final class Top implements Callable<Integer> {
    private final Io io;

    @Option(
        names = {"-v", "--verbose"},
        scope = ScopeType.INHERIT,
        description = "Show the libraries' INFO logs (standard error); WARN only otherwise.")
    boolean verbose;

    private @Nullable CommandLine self;

    Top(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      CommandLine cl = self != null ? self : new CommandLine(this);
      cl.usage(io.out());
      return 0;
    }
  }

  /** The command line, writing to {@code io}. */
  public static CommandLine commandLine(Io io) {
    Top top = new Top(io);
    CommandLine cl = new CommandLine(top);
    top.self = cl;
    cl.addSubcommand("demo", new DemoCommand(io));
    cl.addSubcommand("validate", new ValidateCommand(io));
    cl.addSubcommand("plan", new PlanCommand(io));
    cl.addSubcommand("review", new ReviewCommand(io));
    cl.addSubcommand("simulator", new SimulatorCommand(io));
    cl.setOut(io.out());
    cl.setErr(io.err());
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          // missync's exceptions name ids, fields and SQL states, never values: safe to print
          if (e instanceof IllegalArgumentException || e instanceof MissyncException) {
            line.getErr().println("error: " + e.getMessage());
            if (top.verbose) {
              e.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return BAD_INPUT;
          }
          throw e;
        });
    return cl;
  }
}
