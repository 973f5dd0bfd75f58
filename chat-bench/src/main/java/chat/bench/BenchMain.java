package chat.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The load generator's command line: {@code java -jar chat-bench.jar MODE [options]}, one
 * subcommand per mode. Exit status: 0 when the measurement ran (whatever it found), 1 when it
 * could not (no server, too few file descriptors) or an idle hold lost connections, 2 for bad
 * options. Main thread.
 */
@Command(name = "chat-bench", mixinStandardHelpOptions = true, version = "chat-bench 1.0",
        description = {
            "Load generator for line-based chat servers, and for Redis pub/sub (--target redis) to compare them"
                    + " with. All connections share a few NIO threads.",
            "Many connections need many file descriptors: raise the limit first (ulimit -n 65536)."},
        subcommands = {FanoutCommand.class, SweepCommand.class, ChurnCommand.class, IdleCommand.class, TlsStormCommand.class,
            JmhCommand.class})
public final class BenchMain implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a mode: fanout, sweep, churn, idle, tls-storm or jmh.");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also for tests. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new BenchMain());
        // JMH's options (-f, -wi, -h) are JMH's to read, not picocli's.
        line.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
        line.setExecutionExceptionHandler((error, failed, parsed) -> {
            if (error instanceof BenchException) {
                failed.getErr().println("chat-bench: " + error.getMessage());
            } else {
                failed.getErr().println("chat-bench: unexpected " + error + " (a bug; set CHAT_BENCH_DEBUG=1 for details)");
                if (System.getenv("CHAT_BENCH_DEBUG") != null) {
                    error.printStackTrace(failed.getErr());
                }
            }
            failed.getErr().flush();
            return 1;
        });
        return line;
    }
}
